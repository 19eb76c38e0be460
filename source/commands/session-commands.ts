/** `sessions`, `export` and `watch`, loaded together when one of them runs (see flow-commands.ts). */
export {exportCommand} from './export-command.js';
export {sessionsCommand} from './sessions-command.js';
export {watchCommand} from './watch-command.js';
