#!/usr/bin/env node
// Node 22.1 and later can keep V8's compiled code for the bundle between runs, as npm itself
// does: every start after the first is faster. Node 20 has no such cache; there this does nothing.
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/cli.js');
