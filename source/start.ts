/**
 * The loader's entry (bin/w365-triage.cjs requires it, built to dist/start.cjs): starts the app
 * beside it with V8's code cache (load-app.ts).
 */
import {join} from 'node:path';
import {loadApp} from './load-app.js';

loadApp(join(__dirname, 'app.js'), require);
