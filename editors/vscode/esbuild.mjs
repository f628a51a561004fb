// Bundles the extension into dist/extension.js (one file, `vscode` left external), or with
// --tests the node:test suites into out/test/*.test.js. --watch rebuilds on change.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

const options = tests
  ? {
      entryPoints: readdirSync('test')
        .filter((name) => name.endsWith('.test.ts'))
        .map((name) => `test/${name}`),
      outdir: 'out/test',
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      external: ['vscode'],
      logLevel: 'warning',
    }
  : {
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      minify: !watch,
      sourcemap: watch ? 'inline' : false,
      logLevel: 'warning',
    };

if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
