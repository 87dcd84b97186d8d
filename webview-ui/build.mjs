// Bundles the chat panel into the extension's dist/webview/ (one script, one stylesheet); with --tests the unit tests.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../vscode-extension/dist/webview');
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(here, 'src/main.ts')], bundle: true, platform: 'browser', format: 'iife', target: 'es2022',
  outfile: join(out, 'chat.js'), minify: true, logLevel: 'warning',
});
copyFileSync(join(here, 'src/chat.css'), join(out, 'chat.css'));

if (process.argv.includes('--tests')) {
  rmSync(join(here, 'out/test'), { recursive: true, force: true });
  const tests = readdirSync(join(here, 'test')).filter((f) => f.endsWith('.test.ts')).map((f) => join(here, 'test', f));
  await build({ entryPoints: tests, bundle: true, platform: 'node', format: 'cjs', target: 'node20', outdir: join(here, 'out/test'), logLevel: 'warning' });
}
