/**
 * Entry point: parse the command line, dispatch to a command, map failures to exit codes.
 * Nothing else lives here.
 */
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {FlowError} from './commands/flow-error.js';
import {damagedInstallMessage, isDamagedInstall} from './damaged-install.js';
import {HELP, UsageError, VERSION} from './commands/usage.js';
import {SessionError} from './session/session-error.js';
import {releaseDeadTerminal} from './terminal/dead-terminal.js';
import {failOutput, guardStandardStreams, isOutputError} from './terminal/output-errors.js';
import {sanitizeText} from './terminal/sanitize-text.js';
import {installLazySegmenter} from './terminal/lazy-segmenter.js';

const runOptions = {
	flow: {type: 'string'},
	flows: {type: 'string'},
	lang: {type: 'string'},
	plain: {type: 'boolean'},
	answers: {type: 'string'},
	fact: {type: 'string', multiple: true},
	json: {type: 'boolean'},
	'as-of': {type: 'string'},
	facts: {type: 'string'},
	'no-detect': {type: 'boolean'},
	'log-dir': {type: 'string'},
	replay: {type: 'string'},
	at: {type: 'string'},
} as const satisfies ParseArgsConfig['options'];

const sessionsOptions = {
	'log-dir': {type: 'string'},
	lang: {type: 'string'},
	stats: {type: 'boolean'},
	json: {type: 'boolean'},
	limit: {type: 'string'},
} as const satisfies ParseArgsConfig['options'];

const exportOptions = {
	format: {type: 'string'},
	redact: {type: 'boolean'},
	lang: {type: 'string'},
	'log-dir': {type: 'string'},
} as const satisfies ParseArgsConfig['options'];

const watchOptions = {
	wait: {type: 'boolean'},
	lang: {type: 'string'},
	'log-dir': {type: 'string'},
	'as-of': {type: 'string'},
} as const satisfies ParseArgsConfig['options'];

const graphOptions = {
	flow: {type: 'string'},
	focus: {type: 'string'},
	format: {type: 'string'},
	lang: {type: 'string'},
} as const satisfies ParseArgsConfig['options'];

const COMMANDS = ['run', 'validate', 'graph', 'new', 'sessions', 'export', 'watch'];

function parse<O extends ParseArgsConfig['options']>(
	args: string[],
	options: O,
	positionals: boolean,
) {
	try {
		return parseArgs({args, options, allowPositionals: positionals, strict: true});
	} catch (error) {
		// parseArgs' messages name the flag; add what to do.
		throw new UsageError(
			`${(error as Error).message.replace(/\. To specify a positional.*$/s, '')}. Run w365-triage --help for the options.`,
		);
	}
}

/** `--resume` takes an optional value (the newest unfinished session when none is given), which
 * parseArgs cannot express: take it out of the arguments first. */
function takeResume(args: string[]): {resume?: string | true; rest: string[]} {
	const rest = [...args];
	const index = rest.findIndex((arg) => arg === '--resume' || arg.startsWith('--resume='));
	if (index === -1) return {rest};
	const arg = rest[index]!;
	if (arg.startsWith('--resume=')) {
		rest.splice(index, 1);
		return {resume: arg.slice('--resume='.length) || true, rest};
	}
	const next = rest[index + 1];
	const hasValue = next !== undefined && !next.startsWith('-');
	rest.splice(index, hasValue ? 2 : 1);
	return {resume: hasValue ? next : true, rest};
}

export async function main(argv: string[]): Promise<number> {
	// What the commands print (sessions, export, watch, validate, graph: plain text, never styled)
	// carries text from logs and flows: one last pass through the sanitizer on its way out.
	const write = (text: string) => {
		try {
			process.stdout.write(sanitizeText(text));
		} catch (error) {
			// Files (/dev/full, a full disk) fail synchronously; pipes report through 'error'.
			failOutput('standard output', error);
		}
	};
	if (argv.includes('--help') || argv.includes('-h')) {
		write(HELP);
		return 0;
	}
	if (argv.includes('--version') || argv.includes('-v')) {
		write(`${VERSION}\n`);
		return 0;
	}
	const [first, ...rest] = argv;
	const command = first && !first.startsWith('-') ? first : 'run';
	const args = first && !first.startsWith('-') ? rest : argv;
	switch (command) {
		case 'run': {
			const {resume, rest: remaining} = takeResume(args);
			const {values} = parse(remaining, runOptions, false);
			// Commands are loaded when they run: `--help` or `validate` never loads Ink, and a walk
			// never loads the YAML parser or the other commands (see flow-commands.ts).
			const {runCommand} = await import('./commands/run-command.js');
			return runCommand({...values, resume});
		}
		case 'sessions': {
			const {values} = parse(args, sessionsOptions, false);
			const {sessionsCommand} = await import('./commands/session-commands.js');
			return sessionsCommand(values, {write});
		}
		case 'export': {
			const {values, positionals} = parse(args, exportOptions, true);
			if (positionals.length > 1)
				throw new UsageError(
					`export takes one session, got ${positionals.length}: w365-triage export SESSION --format md`,
				);
			const {exportCommand} = await import('./commands/session-commands.js');
			return exportCommand({...values, session: positionals[0]}, {write});
		}
		case 'watch': {
			const {values, positionals} = parse(args, watchOptions, true);
			if (positionals.length > 1)
				throw new UsageError(`watch takes at most one session, got ${positionals.length}`);
			const {watchCommand} = await import('./commands/session-commands.js');
			return watchCommand({...values, session: positionals[0]}, {write});
		}
		case 'validate': {
			const {positionals} = parse(args, {}, true);
			const {validateCommand} = await import('./commands/flow-commands.js');
			return validateCommand(positionals, write);
		}
		case 'new': {
			const {positionals} = parse(args, {}, true);
			const {newCommand} = await import('./commands/flow-commands.js');
			return newCommand(positionals, write, (text) => process.stderr.write(text));
		}
		case 'graph': {
			const {values} = parse(args, graphOptions, false);
			const {graphCommand} = await import('./commands/flow-commands.js');
			return graphCommand(values, write);
		}
		default:
			throw new UsageError(
				`unknown command "${command}": the commands are ${COMMANDS.join(', ')}. Run w365-triage --help.`,
			);
	}
}

// Output that cannot be written is one line and exit 1, never a stack trace (output-errors.ts).
guardStandardStreams();

// Before any command loads Ink, which would set up ICU's segmenter for every frame's text (see
// lazy-segmenter.ts: a tenth of the start-up).
installLazySegmenter();

// After a hangup, Node 20 would abort while restoring the terminal at exit (see dead-terminal.ts).
process.on('exit', releaseDeadTerminal);

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		// Messages quote what they refuse (a --fact value, a facts file's value, a session id or the
		// flow file a session log names), which may carry terminal control sequences.
		const say = (text: string) => process.stderr.write(`${sanitizeText(text)}\n`);
		if (error instanceof UsageError) {
			say(`w365-triage: ${error.message}`);
			process.exitCode = 2;
		} else if (error instanceof SessionError) {
			say(`w365-triage: ${error.message}`);
			process.exitCode = 1;
		} else if (error instanceof FlowError) {
			say(error.message);
			process.exitCode = 1;
		} else if (isDamagedInstall(error)) {
			say(damagedInstallMessage(error.message));
			process.exitCode = 1;
		} else if (isOutputError(error)) {
			failOutput('standard output', error);
		} else {
			const message = error instanceof Error ? error.message : String(error);
			say(
				`w365-triage: unexpected error: ${message}\nThis is a bug; please report it with the command you ran.${process.env.W365_DEBUG ? `\n${(error as Error).stack}` : ''}`,
			);
			process.exitCode = 1;
		}
	},
);
