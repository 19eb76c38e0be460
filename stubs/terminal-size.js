// Ink asks terminal-size for the width only when its output stream reports none; the stream the
// app gives Ink always reports one (source/ui/frame-writer.ts), so the bundle leaves out
// terminal-size and the child_process module it loads (see scripts/build.ts).
export default function terminalSize() {
	return {columns: 80, rows: 24};
}
