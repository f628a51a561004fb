// Copies a briefing-lsp binary into server/ so that `vsce package` ships it inside the .vsix
// (the extension uses server/briefing-lsp when briefing.server.path is empty).
// Source: the first argument, else BRIEFING_LSP_PATH, else ../../target/release/briefing-lsp.
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const exe = process.platform === 'win32' ? 'briefing-lsp.exe' : 'briefing-lsp';
const source = resolve(
  process.argv[2] ?? process.env.BRIEFING_LSP_PATH ?? join(here, '..', '..', '..', 'target', 'release', exe),
);
if (!existsSync(source)) {
  console.error(`bundle-server: ${source} does not exist; build it with \`cargo build --release\` or pass its path`);
  process.exit(1);
}
const target = join(here, '..', 'server', exe);
mkdirSync(dirname(target), { recursive: true });
copyFileSync(source, target);
chmodSync(target, 0o755);
console.log(`bundle-server: ${source} -> ${target}`);
