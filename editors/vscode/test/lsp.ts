/**
 * A minimal LSP client for the end-to-end tests, on the same protocol library the extension
 * uses (`vscode-languageserver-protocol`, via `vscode-languageclient`). It starts the real
 * `briefing-lsp` binary over stdio, answers the requests a server may send to a client
 * (workspace/configuration with the extension's own settings builder, registrations, progress),
 * and collects published diagnostics.
 */
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type ClientCapabilities,
  ConfigurationRequest,
  createProtocolConnection,
  type Diagnostic,
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  WorkDoneProgressCreateRequest,
  WorkspaceFoldersRequest,
  type WorkspaceFolder,
  type ProtocolRequestType,
  type RequestParam,
  type SymbolKind,
} from 'vscode-languageserver-protocol/node';
import type { BriefingSettings } from '../src/settings';

/** The repository root (this file is bundled to editors/vscode/out/test/). */
export const REPO_ROOT = (() => {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'Cargo.toml')) && fs.existsSync(path.join(dir, 'examples'))) {
      return dir;
    }
    dir = path.dirname(dir);
  }
  throw new Error(`cannot find the repository root above ${__dirname}`);
})();

/** BRIEFING_LSP_PATH, else target/debug/briefing-lsp of this repository. */
export function serverBinary(): string {
  const fromEnv = process.env.BRIEFING_LSP_PATH;
  const binary = fromEnv ? path.resolve(fromEnv) : path.join(REPO_ROOT, 'target', 'debug', 'briefing-lsp');
  if (!fs.existsSync(binary)) {
    throw new Error(
      `briefing-lsp binary not found at ${binary}: run \`cargo build\` in ${REPO_ROOT} or set BRIEFING_LSP_PATH`,
    );
  }
  return binary;
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

/** The `briefing-lsp check --format json` report for some files. */
export interface CheckReport {
  files: {
    path: string;
    diagnostics: {
      code: string;
      severity: string;
      message: string;
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
      fixes?: { title: string }[];
    }[];
  }[];
}

export function runCheck(files: string[]): CheckReport {
  let stdout: string;
  try {
    stdout = execFileSync(serverBinary(), ['check', '--format', 'json', ...files], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
  } catch (error) {
    // Exit code 1 means "findings at error level"; the report is still on stdout.
    const failed = error as { status?: number; stdout?: string; stderr?: string };
    if (failed.status === 1 && failed.stdout) {
      stdout = failed.stdout;
    } else {
      throw new Error(`briefing-lsp check failed (exit ${failed.status}): ${failed.stderr ?? String(error)}`);
    }
  }
  return JSON.parse(stdout) as CheckReport;
}

const CAPABILITIES: ClientCapabilities = {
  general: { positionEncodings: ['utf-16'] },
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceFolders: true,
    didChangeWatchedFiles: { dynamicRegistration: true },
    symbol: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
    applyEdit: true,
    diagnostics: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
      tagSupport: { valueSet: [1, 2] },
    },
    diagnostic: { dynamicRegistration: true, relatedDocumentSupport: false },
    hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: {
      dynamicRegistration: true,
      hierarchicalDocumentSymbolSupport: true,
      symbolKind: { valueSet: Array.from({ length: 26 }, (_, i) => (i + 1) as SymbolKind) },
    },
    definition: { dynamicRegistration: true, linkSupport: true },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
      codeActionLiteralSupport: {
        codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.rewrite', 'source'] },
      },
    },
  },
  window: { workDoneProgress: true, showMessage: {} },
};

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcessWithoutNullStreams;
  readonly published = new Map<string, Published[]>();
  readonly configurationRequests: unknown[] = [];
  initializeResult?: InitializeResult;
  stderr = '';
  settings: BriefingSettings;
  private exited?: Promise<number | null>;
  private waiters: (() => void)[] = [];

  constructor(settings: BriefingSettings) {
    this.settings = settings;
    const binary = serverBinary();
    this.process = spawn(binary, ['serve'], { cwd: REPO_ROOT, stdio: 'pipe' });
    this.process.stderr.setEncoding('utf8');
    this.process.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout),
      new StreamMessageWriter(this.process.stdin),
    );
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => (item.section === 'briefing' ? this.settings : null));
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(UnregistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onRequest(ShowMessageRequest.type, () => null);
    this.connection.onRequest(WorkspaceFoldersRequest.type, () => this.folders);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onRequest('workspace/semanticTokens/refresh', () => null);
    this.connection.onRequest('workspace/inlayHint/refresh', () => null);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const list = this.published.get(params.uri) ?? [];
      list.push({ uri: params.uri, version: params.version, diagnostics: params.diagnostics });
      this.published.set(params.uri, list);
      const waiters = this.waiters;
      this.waiters = [];
      waiters.forEach((wake) => wake());
    });
    this.connection.listen();
  }

  private folders: WorkspaceFolder[] = [];

  /** Sends `initialize` + `initialized`; fails readably when the server exits instead. */
  async initialize(rootPath: string): Promise<InitializeResult> {
    this.folders = [{ uri: fileUri(rootPath), name: path.basename(rootPath) }];
    const exited = this.exited!.then((code) => {
      throw new Error(
        `briefing-lsp exited (code ${code}) instead of answering initialize. stderr:\n${this.stderr.trim()}`,
      );
    });
    exited.catch(() => undefined); // the server may exit later (shutdown): not an unhandled rejection
    const result = await Promise.race([
      this.request(InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: 'briefing-vscode-e2e', version: '0.1.0' },
        rootUri: fileUri(rootPath),
        workspaceFolders: this.folders,
        capabilities: CAPABILITIES,
        initializationOptions: this.settings,
        trace: 'off',
      }),
      exited,
    ]);
    this.initializeResult = result;
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async request<P, R, PR, E, RO>(
    type: ProtocolRequestType<P, R, PR, E, RO>,
    params: RequestParam<P>,
    timeoutMs = 15000,
  ): Promise<R> {
    return this.withTimeout(type.method, this.connection.sendRequest(type, params), timeoutMs);
  }

  private async withTimeout<T>(method: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${method} got no answer within ${timeoutMs} ms. stderr:\n${this.stderr}`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async open(file: string, languageId = 'briefing'): Promise<{ uri: string; text: string }> {
    const text = fs.readFileSync(file, 'utf8');
    const uri = fileUri(file);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
    return { uri, text };
  }

  /** Waits until a publication for `uri` satisfies `accept` (default: any); returns it. */
  async waitForDiagnostics(
    uri: string,
    accept: (published: Published) => boolean = () => true,
    timeoutMs = 15000,
  ): Promise<Published> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = this.published.get(uri) ?? [];
      const found = [...list].reverse().find(accept);
      if (found) {
        return found;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        const last = list.at(-1);
        throw new Error(
          `no matching textDocument/publishDiagnostics for ${uri} within ${timeoutMs} ms; ` +
            `${list.length} publications, the last: ${JSON.stringify(last?.diagnostics.map((d) => d.code))}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async changeSettings(settings: BriefingSettings): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { briefing: settings },
    });
  }

  /** shutdown + exit; returns the exit code (null if it had to be killed). */
  async stop(): Promise<number | null> {
    if (this.process.exitCode !== null) {
      return this.process.exitCode;
    }
    try {
      await this.withTimeout(ShutdownRequest.method, this.connection.sendRequest(ShutdownRequest.type), 5000);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // fall through to the kill below
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
    const code = await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code ?? null;
  }
}
