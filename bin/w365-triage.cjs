#!/usr/bin/env node
// CommonJS, so that Node starts without its ES module loader: the app is one script run by
// dist/start.cjs (source/start.ts, source/load-app.ts).
require('../dist/start.cjs');
