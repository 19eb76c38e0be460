// Ink asks is-in-ci whether CI or CONTINUOUS_INTEGRATION is set and, if so, draws nothing until it
// exits. The app draws with Ink only when stdin and stdout are terminals (else line mode), so a
// person is looking at it even where such a variable is set (a dev container, a CI job's tmux, a
// shell that exports CI=true): the flow menu (source/ui/choose-flow-ink.tsx) must still appear.
export default false;
