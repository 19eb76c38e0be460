/** Puts the shipped flow's Mermaid diagram into the README (`npm run docs`). */
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {readmeGraphBlock, replaceReadmeGraph} from './readme-graph.js';

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
writeFileSync(readme, replaceReadmeGraph(readFileSync(readme, 'utf8'), readmeGraphBlock()));
console.log(`updated ${readme}`);
