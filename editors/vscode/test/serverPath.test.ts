import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { resolveServer } from '../src/serverPath';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'briefing-path-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function executable(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\n');
  fs.chmodSync(file, 0o755);
  return file;
}

describe('finding the server binary', () => {
  const extension = path.join(tmp, 'extension');
  const bin = path.join(tmp, 'bin');
  const onPath = executable(path.join(bin, 'briefing-lsp'));
  const custom = executable(path.join(tmp, 'custom', 'my-briefing-lsp'));
  const env = { PATH: `/nonexistent:${bin}` };

  it('uses briefing.server.path first', () => {
    executable(path.join(extension, 'server', 'briefing-lsp'));
    assert.deepEqual(resolveServer({ configured: custom, extensionPath: extension, env, platform: 'linux' }), {
      ok: true,
      command: custom,
      source: 'setting',
    });
  });

  it('resolves a relative briefing.server.path against the workspace folder', () => {
    const result = resolveServer({
      configured: 'custom/my-briefing-lsp',
      extensionPath: extension,
      workspaceFolder: tmp,
      env,
      platform: 'linux',
    });
    assert.deepEqual(result, { ok: true, command: custom, source: 'setting' });
  });

  it('then the bundled server/briefing-lsp', () => {
    const result = resolveServer({ configured: '', extensionPath: extension, env, platform: 'linux' });
    assert.deepEqual(result, { ok: true, command: path.join(extension, 'server', 'briefing-lsp'), source: 'bundled' });
  });

  it('then briefing-lsp on PATH', () => {
    const result = resolveServer({ extensionPath: path.join(tmp, 'empty'), env, platform: 'linux' });
    assert.deepEqual(result, { ok: true, command: onPath, source: 'path' });
  });

  it('explains the fix when there is none', () => {
    const result = resolveServer({ extensionPath: path.join(tmp, 'empty'), env: { PATH: '/nonexistent' }, platform: 'linux' });
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /not found.*cargo install.*briefing\.server\.path/s);
  });

  it('says which setting is wrong when briefing.server.path points nowhere', () => {
    const result = resolveServer({ configured: '/no/such/briefing-lsp', extensionPath: extension, env, platform: 'linux' });
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /briefing\.server\.path is set to "\/no\/such\/briefing-lsp"/);
  });

  it('does not take a file that is not executable', () => {
    const plain = path.join(tmp, 'plain', 'briefing-lsp');
    fs.mkdirSync(path.dirname(plain), { recursive: true });
    fs.writeFileSync(plain, '');
    fs.chmodSync(plain, 0o644);
    const result = resolveServer({ configured: plain, extensionPath: extension, env, platform: 'linux' });
    assert.equal(result.ok, false);
  });
});
