/**
 * Entry point: parse the command line, dispatch to a command, map failures to exit codes.
 * Nothing else lives here.
 */
import {parseArgs, type ParseArgsConfig} from 'node:util';
import {graphCommand} from './commands/graph-command.js';
import {FlowError} from './commands/open-flow.js';
import {runCommand} from './commands/run-command.js';
import {HELP, UsageError, VERSION} from './commands/usage.js';
import {validateCommand} from './commands/validate-command.js';

const runOptions = {
	flow: {type: 'string'},
	lang: {type: 'string'},
	plain: {type: 'boolean'},
	answers: {type: 'string'},
	fact: {type: 'string', multiple: true},
	json: {type: 'boolean'},
	'as-of': {type: 'string'},
	facts: {type: 'string'},
	'no-detect': {type: 'boolean'},
} as const satisfies ParseArgsConfig['options'];

const graphOptions = {
	flow: {type: 'string'},
	format: {type: 'string'},
	lang: {type: 'string'},
} as const satisfies ParseArgsConfig['options'];

const COMMANDS = ['run', 'validate', 'graph'];

function parse<O extends ParseArgsConfig['options']>(args: string[], options: O, positionals: boolean) {
	try {
		return parseArgs({args, options, allowPositionals: positionals, strict: true});
	} catch (error) {
		// parseArgs' messages name the flag; add what to do.
		throw new UsageError(`${(error as Error).message.replace(/\. To specify a positional.*$/s, '')}. Run w365-triage --help for the options.`);
	}
}

export async function main(argv: string[]): Promise<number> {
	const write = (text: string) => {
		process.stdout.write(text);
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
			const {values} = parse(args, runOptions, false);
			return runCommand(values);
		}
		case 'validate': {
			const {positionals} = parse(args, {}, true);
			return validateCommand(positionals, write);
		}
		case 'graph': {
			const {values} = parse(args, graphOptions, false);
			return graphCommand(values, write);
		}
		default:
			throw new UsageError(`unknown command "${command}": the commands are ${COMMANDS.join(', ')}. Run w365-triage --help.`);
	}
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	if (error instanceof UsageError) {
		process.stderr.write(`w365-triage: ${error.message}\n`);
		process.exitCode = 2;
	} else if (error instanceof FlowError) {
		process.stderr.write(`${error.message}\n`);
		process.exitCode = 1;
	} else {
		const message = error instanceof Error ? error.message : String(error);
		process.stderr.write(`w365-triage: unexpected error: ${message}\nThis is a bug; please report it with the command you ran.${process.env.W365_DEBUG ? `\n${(error as Error).stack}` : ''}\n`);
		process.exitCode = 1;
	}
}
