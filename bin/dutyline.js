#!/usr/bin/env node
// The compiled CLI, built into dist/ by `npm ci` (the prepare script) or `npm run build`.
try {
  require.resolve('../dist/cli/main.js');
} catch {
  process.stderr.write('dutyline: dist/ is missing; run `npm run build` (npm ci does it) first\n');
  process.exit(1);
}
require('../dist/cli/main.js');
