/**
 * Finds the `briefing-lsp` binary: the `briefing.server.path` setting, else the copy bundled in the
 * extension's `server/` folder, else `briefing-lsp` on PATH. No `vscode` import, so it is unit-tested
 * under plain node.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export type ServerSource = 'setting' | 'bundled' | 'path';

export type Resolution =
  | { ok: true; command: string; source: ServerSource }
  | { ok: false; message: string };

export interface ResolveInput {
  /** `briefing.server.path`, possibly empty. */
  configured?: string | null;
  /** Root of the installed extension. */
  extensionPath: string;
  /** First workspace folder, for a relative `briefing.server.path`. */
  workspaceFolder?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}

export const INSTALL_HINT =
  'Install it with `cargo install --path .` in a clone of briefing-lsp (or put a release binary on your PATH), ' +
  'or set `briefing.server.path` to the full path of the binary.';

function executableName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'briefing-lsp.exe' : 'briefing-lsp';
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

function expandHome(file: string): string {
  if (file === '~') {
    return os.homedir();
  }
  if (file.startsWith('~/') || file.startsWith('~\\')) {
    return path.join(os.homedir(), file.slice(2));
  }
  return file;
}

/** Looks `name` up on PATH like a shell would; undefined when it is not there. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const pathVar = env.PATH ?? env.Path ?? '';
  const separator = platform === 'win32' ? ';' : ':';
  for (const dir of pathVar.split(separator)) {
    if (!dir) {
      continue;
    }
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate, platform)) {
      return candidate;
    }
  }
  return undefined;
}

export function resolveServer(input: ResolveInput): Resolution {
  const platform = input.platform ?? process.platform;
  const env = input.env ?? process.env;
  const exe = executableName(platform);

  const configured = input.configured?.trim();
  if (configured) {
    let file = expandHome(configured);
    if (!path.isAbsolute(file) && (file.includes('/') || file.includes('\\'))) {
      file = path.resolve(input.workspaceFolder ?? process.cwd(), file);
    }
    if (!path.isAbsolute(file)) {
      // A bare name such as "briefing-lsp": look it up on PATH.
      const found = findOnPath(file, env, platform);
      if (found) {
        return { ok: true, command: found, source: 'setting' };
      }
    } else if (isExecutableFile(file, platform)) {
      return { ok: true, command: file, source: 'setting' };
    }
    return {
      ok: false,
      message:
        `briefing.server.path is set to "${configured}", but no executable file is there. ` +
        'Fix the setting (the full path to the briefing-lsp binary) or clear it to use the bundled server or the one on your PATH.',
    };
  }

  const bundled = path.join(input.extensionPath, 'server', exe);
  if (isExecutableFile(bundled, platform)) {
    return { ok: true, command: bundled, source: 'bundled' };
  }

  const onPath = findOnPath(exe, env, platform);
  if (onPath) {
    return { ok: true, command: onPath, source: 'path' };
  }

  return {
    ok: false,
    message: `The briefing language server (${exe}) was not found: not set in briefing.server.path, not bundled with the extension, and not on your PATH. ${INSTALL_HINT}`,
  };
}
