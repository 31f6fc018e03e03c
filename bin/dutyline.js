#!/usr/bin/env node
// The compiled CLI, built into dist/ by `npm ci` (the prepare script) or `npm run build`.
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const cli = path.join(__dirname, '..', 'dist', 'cli.mjs');
import(pathToFileURL(cli).href).catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(cli)) {
    process.stderr.write('dutyline: dist/ is missing; run `npm run build` (npm ci does it) first\n');
  } else {
    process.stderr.write(`${error?.stack ?? error}\n`);
  }
  process.exit(1);
});
