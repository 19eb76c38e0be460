/**
 * `validate` and `graph`, loaded together when one of them runs (and `sessions`, `export` and
 * `watch` likewise, from session-commands.ts). Few dynamic imports instead of one per command:
 * the bundle's chunks follow which dynamically imported modules share code, so fewer entry points
 * leave a walk, whose start-up counts most, with fewer files to load (scripts/build.ts).
 */
export {graphCommand} from './graph-command.js';
export {validateCommand} from './validate-command.js';
export {newCommand} from './new-command.js';
