// Only BudouX's phrase parser and its Japanese model: the package's index also loads its HTML
// processor, which pulls in a whole DOM implementation (linkedom, ~750 kB) the app never uses.
// The package's exports map lists only its index, hence the paths (see scripts/build.ts).
export {Parser} from '../node_modules/budoux/module/parser.js';
export {model as jaModel} from '../node_modules/budoux/module/data/models/ja.js';
