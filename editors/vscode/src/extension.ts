import * as vscode from 'vscode';
import {
  type DiagnosticCollectionProvider,
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { buildSettings, type BriefingSettings } from './settings';
import { resolveServer } from './serverPath';
import { SharedCollectionProvider } from './sharedDiagnostics';

const SECTION = 'briefing';
let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let configWatcher: vscode.FileSystemWatcher | undefined;

function settingsFor(uri?: vscode.Uri): BriefingSettings {
  const config = vscode.workspace.getConfiguration(SECTION, { uri, languageId: 'briefing' });
  return buildSettings((key) => config.inspect(key));
}

function firstWorkspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const configured = vscode.workspace.getConfiguration(SECTION).get<string>('server.path');
  const resolved = resolveServer({
    configured,
    extensionPath: context.extensionPath,
    workspaceFolder: firstWorkspaceFolder(),
  });
  if (!resolved.ok) {
    output?.error(resolved.message);
    // Not awaited: activation must not wait for the user to click.
    void vscode.window.showErrorMessage(resolved.message, 'Open Settings', 'Show Output').then((choice) => {
      if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'briefing.server.path');
      } else if (choice === 'Show Output') {
        output?.show(true);
      }
    });
    return;
  }
  output?.info(`Starting ${resolved.command} (from ${resolved.source})`);

  const serverOptions: ServerOptions = {
    command: resolved.command,
    args: ['serve'],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'briefing' },
      { scheme: 'untitled', language: 'briefing' },
    ],
    outputChannel: output,
    // Pushed and pulled diagnostics share one collection: no finding shows twice.
    diagnosticCollectionProvider: new SharedCollectionProvider((name) =>
      vscode.languages.createDiagnosticCollection(name),
    ) satisfies DiagnosticCollectionProvider,
    initializationOptions: () => settingsFor(),
    synchronize: {
      // A change to briefing.toml re-checks every open briefing (SPEC §5).
      fileEvents: configWatcher,
    },
    middleware: {
      workspace: {
        configuration: (params, token, next) => {
          const others = params.items.some((item) => item.section !== SECTION);
          const answer = (base: unknown[] | undefined) =>
            params.items.map((item, index) =>
              item.section === SECTION
                ? settingsFor(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
                : base?.[index] ?? null,
            );
          if (!others) {
            return answer(undefined);
          }
          const result = next(params, token);
          return Promise.resolve(result).then((base) => (Array.isArray(base) ? answer(base) : base));
        },
      },
    },
  };

  client = new LanguageClient('briefing', 'Briefing Language Server', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    const message = `The briefing language server (${resolved.command}) failed to start: ${String(error)}`;
    output?.error(message);
    void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => {
      if (choice) {
        output?.show(true);
      }
    });
  }
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch (error) {
      output?.warn(`Stopping the server: ${String(error)}`);
    }
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Briefing', { log: true });
  configWatcher = vscode.workspace.createFileSystemWatcher('**/briefing.toml');
  context.subscriptions.push(output, configWatcher);

  context.subscriptions.push(
    vscode.commands.registerCommand('briefing.restartServer', async () => {
      await stopClient();
      await startClient(context);
    }),
    vscode.commands.registerCommand('briefing.showOutput', () => {
      (client?.outputChannel ?? output)?.show(true);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('briefing.server.path')) {
        await stopClient();
        await startClient(context);
        return;
      }
      if (event.affectsConfiguration(SECTION) && client?.isRunning()) {
        await client.sendNotification(DidChangeConfigurationNotification.type, {
          settings: { [SECTION]: settingsFor() },
        });
      }
    }),
  );

  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
