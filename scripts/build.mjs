// The production build: the server and the CLI bundled into dist/, sharing chunks, because loading
// a few files is far quicker than resolving the ~900 files of the dependencies one by one at
// start-up, and code split at the CLI's lazy imports keeps `dutyline --help` instant.
// Type-checking is `npm run typecheck`'s job; this only compiles.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Bundled CommonJS dependencies still call require() and read __dirname; ES modules have neither.
const commonJsGlobals = [
  "import { createRequire as __createRequire } from 'node:module';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  "import { dirname as __pathDirname } from 'node:path';",
  'const require = __createRequire(import.meta.url);',
  'const __filename = __fileURLToPath(import.meta.url);',
  'const __dirname = __pathDirname(__filename);',
].join(' ');

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/main.ts', cli: 'src/cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.12',
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: commonJsGlobals },
  // A native addon; node-cron finds its worker file by its own path; twilio's REST client loads on
  // the first message, from node_modules, so it stays out of the start-up path.
  external: ['better-sqlite3', 'node-cron', 'twilio'],
});
