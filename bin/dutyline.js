#!/usr/bin/env node
// Runs the TypeScript CLI directly, so `dutyline` works straight after `npm ci`.
require('tsx/cjs');
require('../src/cli/main.ts');
