// Builds the extension bundle (esbuild); with --tests the unit tests, --e2e the end-to-end suites, --bench the benchmark, --vsix the .vsix holding the backend jar.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));

await build({
  entryPoints: [join(here, 'src/extension.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20',
  external: ['vscode'], outfile: join(here, 'dist/extension.js'), sourcemap: false, minify: true, logLevel: 'warning',
});

if (args.has('--tests')) {
  rmSync(join(here, 'out/test'), { recursive: true, force: true });
  const tests = readdirSync(join(here, 'test')).filter((f) => f.endsWith('.test.ts')).map((f) => join(here, 'test', f));
  await build({
    entryPoints: tests, bundle: true, platform: 'node', format: 'cjs', target: 'node20', outdir: join(here, 'out/test'),
    external: ['vscode'], logLevel: 'warning',
  });
}

if (args.has('--e2e')) {
  rmSync(join(here, 'out/e2e'), { recursive: true, force: true });
  const suites = readdirSync(join(here, 'e2e')).filter((f) => f.endsWith('.e2e.ts')).map((f) => join(here, 'e2e', f));
  await build({
    entryPoints: suites, bundle: true, platform: 'node', format: 'cjs', target: 'node20', outdir: join(here, 'out/e2e'),
    packages: 'external', logLevel: 'warning',
  });
}

if (args.has('--bench')) {
  const benches = readdirSync(join(here, 'bench')).filter((f) => f.endsWith('.ts')).map((f) => join(here, 'bench', f));
  await build({
    entryPoints: benches, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    outdir: join(here, 'out/bench'), packages: 'external', logLevel: 'warning',
  });
}

if (args.has('--vsix')) {
  const jar = join(here, '../java-backend/target/productos.jar');
  if (!existsSync(jar)) throw new Error(`${jar} is missing: build java-backend first (mvn -B package).`);
  mkdirSync(join(here, 'dist/backend'), { recursive: true });
  copyFileSync(jar, join(here, 'dist/backend/productos.jar'));
  mkdirSync(join(here, 'target'), { recursive: true });
  execFileSync(process.execPath, [join(here, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies',
    '--allow-missing-repository', '--skip-license', '--out', join(here, 'target/productos.vsix')], { cwd: here, stdio: 'inherit' });
}
