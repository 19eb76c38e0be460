#!/usr/bin/env node
// Node 22.1 and later can keep V8's compiled code for the bundle between runs: every start after
// the first is faster. It is kept in a directory of the user's own, never the shared default
// (dist/compile-cache.js, from source/compile-cache.ts). Node 20 has no such cache: nothing loads.
import module from 'node:module';

if (module.enableCompileCache) (await import('../dist/compile-cache.js')).enableCompileCache();
await import('../dist/cli.js');
