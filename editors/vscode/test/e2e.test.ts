/**
 * End to end: the real `briefing-lsp` binary (BRIEFING_LSP_PATH, else target/debug/briefing-lsp),
 * driven over stdio by the protocol library the extension uses, with the settings the extension
 * would send. Checks the corpus briefings: diagnostics (against `briefing-lsp check --format json`
 * and against SPEC §8 / examples/README.md), hover, document symbols, definition, code actions,
 * settings changes and a clean shutdown.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type CodeAction,
  CodeActionRequest,
  CodeActionResolveRequest,
  DefinitionRequest,
  type Diagnostic,
  DiagnosticSeverity,
  DocumentDiagnosticRequest,
  type DocumentSymbol,
  DocumentSymbolRequest,
  HoverRequest,
  type Location,
  type LocationLink,
  type MarkupContent,
  type Range,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { buildSettings, type Inspected } from '../src/settings';
import { type CheckReport, REPO_ROOT, runCheck, TestClient } from './lsp';

const PEACE = path.join(REPO_ROOT, 'examples', 'peace-talks.txt');
const ANNOTATED = path.join(REPO_ROOT, 'examples', 'annotated', 'annotated-example.brief.md');

/** The settings the extension sends when the user has set nothing. */
const DEFAULT_SETTINGS = buildSettings(() => undefined);

const SEVERITY: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

interface Doc {
  uri: string;
  text: string;
  lines: string[];
}

function key(code: unknown, severity: unknown, range: Range): string {
  const { start, end } = range;
  return `${String(code)} [${String(severity)}] ${start.line}:${start.character}-${end.line}:${end.character}`;
}

function rangeText(doc: Doc, range: Range): string {
  if (range.start.line !== range.end.line) {
    const first = doc.lines[range.start.line].slice(range.start.character);
    return `${first}…`;
  }
  return doc.lines[range.start.line].slice(range.start.character, range.end.character);
}

/** The position of `needle` (its `offset`-th character) on the first line that contains it. */
function find(doc: Doc, needle: string, offset = 0): { line: number; character: number } {
  const line = doc.lines.findIndex((text) => text.includes(needle));
  assert.notEqual(line, -1, `"${needle}" is not in ${doc.uri}`);
  return { line, character: doc.lines[line].indexOf(needle) + offset };
}

/** A diagnostic with `code` whose range overlaps `phrase` in the document. */
function findingOn(doc: Doc, diagnostics: Diagnostic[], code: string, phrase: string): Diagnostic | undefined {
  const start = find(doc, phrase);
  const end = start.character + phrase.length;
  return diagnostics.find(
    (d) =>
      d.code === code &&
      d.range.start.line <= start.line &&
      d.range.end.line >= start.line &&
      (d.range.start.line < start.line || d.range.start.character < end) &&
      (d.range.end.line > start.line || d.range.end.character > start.character),
  );
}

function describeAll(doc: Doc, diagnostics: Diagnostic[]): string {
  return diagnostics
    .map((d) => `  ${String(d.code)} line ${d.range.start.line + 1}: "${rangeText(doc, d.range)}"`)
    .join('\n');
}

function assertFinding(doc: Doc, diagnostics: Diagnostic[], code: string, phrase: string): Diagnostic {
  const found = findingOn(doc, diagnostics, code, phrase);
  assert.ok(
    found,
    `expected ${code} on "${phrase}" in ${path.basename(doc.uri)}; the server published:\n${describeAll(doc, diagnostics)}`,
  );
  return found;
}

function hoverText(contents: unknown): string {
  if (typeof contents === 'string') {
    return contents;
  }
  if (Array.isArray(contents)) {
    return contents.map(hoverText).join('\n');
  }
  if (contents && typeof contents === 'object' && 'value' in contents) {
    return String((contents as MarkupContent).value);
  }
  return JSON.stringify(contents);
}

function sectionsOf(symbols: DocumentSymbol[]): DocumentSymbol[] {
  // A document node (file name or front-matter title) may wrap the sections.
  if (symbols.length === 1 && (symbols[0].children?.length ?? 0) > 0 && symbols[0].kind === 1) {
    return symbols[0].children ?? [];
  }
  return symbols;
}

function flatten(symbols: DocumentSymbol[]): DocumentSymbol[] {
  return symbols.flatMap((symbol) => [symbol, ...flatten(symbol.children ?? [])]);
}

function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) {
    return [];
  }
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((change) =>
    'textDocument' in change && change.textDocument.uri === uri ? (change.edits as TextEdit[]) : [],
  );
  return [...fromChanges, ...fromDocumentChanges];
}

describe('briefing-lsp end to end (vscode-languageserver-protocol)', () => {
  let client: TestClient;
  let report: CheckReport;
  let peace: Doc;
  let annotated: Doc;

  before(async () => {
    report = runCheck([PEACE, ANNOTATED]);
    client = new TestClient(DEFAULT_SETTINGS);
    await client.initialize(REPO_ROOT);
    for (const file of [PEACE, ANNOTATED]) {
      const opened = await client.open(file);
      const doc = { ...opened, lines: opened.text.split(/\r\n|\r|\n/) };
      if (file === PEACE) {
        peace = doc;
      } else {
        annotated = doc;
      }
    }
  });

  after(async () => {
    await client?.stop();
  });

  it('advertises the capabilities the extension relies on', () => {
    const caps = client.initializeResult?.capabilities;
    assert.ok(caps, 'no initialize result');
    assert.ok(caps.textDocumentSync, 'no textDocumentSync');
    assert.ok(caps.hoverProvider, 'no hoverProvider');
    assert.ok(caps.documentSymbolProvider, 'no documentSymbolProvider');
    assert.ok(caps.definitionProvider, 'no definitionProvider');
    assert.ok(caps.codeActionProvider, 'no codeActionProvider');
  });

  for (const which of ['peace-talks.txt', 'annotated-example.brief.md']) {
    it(`publishes the same diagnostics as \`briefing-lsp check --format json\` for ${which}`, async () => {
      const doc = which === 'peace-talks.txt' ? peace : annotated;
      const published = await client.waitForDiagnostics(doc.uri, (p) => p.version === undefined || p.version === 1);
      const file = report.files.find((f) => f.path.endsWith(which));
      assert.ok(file, `check --format json has no entry for ${which}`);
      const expected = file.diagnostics.map((d) => key(d.code, SEVERITY[d.severity], d.range)).sort();
      const actual = published.diagnostics.map((d) => key(d.code, d.severity, d.range)).sort();
      assert.deepEqual(actual, expected);
      for (const d of published.diagnostics) {
        assert.equal(d.source, 'briefing', `diagnostic ${String(d.code)} has source ${d.source}`);
        assert.ok(hoverText(d.message).length > 0, `diagnostic ${String(d.code)} has no message`);
      }
    });
  }

  it('reports the seed findings of SPEC §8 on peace-talks.txt', async () => {
    const { diagnostics } = await client.waitForDiagnostics(peace.uri);
    assertFinding(peace, diagnostics, 'anonymous-source', 'Officials familiar with the talks said');
    assertFinding(peace, diagnostics, 'vague-attribution', 'Diplomats emphasized');
    assertFinding(peace, diagnostics, 'vague-attribution', 'Analysts say');
    assertFinding(peace, diagnostics, 'vague-attribution', 'Officials expect');
    assertFinding(peace, diagnostics, 'relative-time', 'in the coming days');
    assertFinding(peace, diagnostics, 'relative-time', 'in the coming weeks');
    const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
    assert.deepEqual(errors, [], 'no error-level diagnostic expected');
    for (const heading of ['Balancing Diplomacy and Deterrence', 'What Comes Next', 'sustain military deterrence']) {
      const line = find(peace, heading).line;
      const on = diagnostics.filter((d) => d.range.start.line === line);
      assert.deepEqual(on.map((d) => d.code), [], `no diagnostic expected on line ${line + 1} ("${heading}")`);
    }
  });

  it('reports the deliberate faults of the annotated example (examples/README.md)', async () => {
    const { diagnostics } = await client.waitForDiagnostics(annotated.uri);
    assertFinding(annotated, diagnostics, 'vague-attribution', 'Analysts say the package');
    assertFinding(annotated, diagnostics, 'anonymous-source', "Officials familiar with Ankara's thinking");
    assertFinding(annotated, diagnostics, 'missing-actor', 'It is believed that');
    assertFinding(annotated, diagnostics, 'broken-section-link', '[[Options for the Ministerial]]');
    assertFinding(annotated, diagnostics, 'unused-footnote', '[^unused]');
    assertFinding(annotated, diagnostics, 'undeclared-actor', 'NATO');
    assertFinding(annotated, diagnostics, 'review-note', '{>> Check whether');
    assertFinding(annotated, diagnostics, 'review-note', '{~~ support ~> consider ~~}');
    assert.equal(
      findingOn(annotated, diagnostics, 'relative-time', 'Delegations will arrive next week.'),
      undefined,
      'the suppressed line must have no relative-time finding',
    );
    for (const code of ['unknown-actor', 'dangling-footnote', 'missing-section', 'missing-bluf']) {
      assert.deepEqual(
        diagnostics.filter((d) => d.code === code).map((d) => rangeText(annotated, d.range)),
        [],
        `no ${code} expected`,
      );
    }
  });

  it('answers pull diagnostics (textDocument/diagnostic) like the published ones', async () => {
    const caps = client.initializeResult?.capabilities;
    assert.ok(caps?.diagnosticProvider, 'the server does not advertise diagnosticProvider (pull diagnostics)');
    const published = await client.waitForDiagnostics(peace.uri);
    const pulled = await client.request(DocumentDiagnosticRequest.type, { textDocument: { uri: peace.uri } });
    assert.equal(pulled.kind, 'full');
    const keys = (list: Diagnostic[]) => list.map((d) => key(d.code, d.severity, d.range)).sort();
    assert.deepEqual(keys(pulled.kind === 'full' ? pulled.items : []), keys(published.diagnostics));
  });

  it('shows the Canada actor card on hover over "Ottawa"', async () => {
    const position = find(peace, 'Ottawa', 2);
    const hover = await client.request(HoverRequest.type, { textDocument: { uri: peace.uri }, position });
    assert.ok(hover, `no hover on "Ottawa" at ${position.line + 1}:${position.character + 1}`);
    assert.match(hoverText(hover.contents), /Canada/);
  });

  it('shows the briefing.toml actor card on hover over @kallas', async () => {
    const position = find(annotated, '@kallas said', 2);
    const hover = await client.request(HoverRequest.type, { textDocument: { uri: annotated.uri }, position });
    assert.ok(hover, 'no hover on @kallas');
    assert.match(hoverText(hover.contents), /Kaja Kallas/);
  });

  it('outlines the four sections of peace-talks.txt', async () => {
    const result = await client.request(DocumentSymbolRequest.type, { textDocument: { uri: peace.uri } });
    assert.ok(result && result.length > 0, 'no document symbols');
    assert.ok('range' in result[0], 'expected hierarchical DocumentSymbol[], got SymbolInformation[]');
    const sections = sectionsOf(result as DocumentSymbol[]);
    assert.deepEqual(
      sections.map((s) => `${s.name} @${s.selectionRange.start.line + 1}`),
      [
        'Coordination — Without Weakening Pressure on Moscow @3',
        'Balancing Diplomacy and Deterrence @6',
        'Humanitarian Concerns Front and Center @11',
        'What Comes Next @13',
      ],
    );
  });

  it('outlines the nested headings of the annotated example', async () => {
    const result = await client.request(DocumentSymbolRequest.type, { textDocument: { uri: annotated.uri } });
    assert.ok(result && result.length > 0 && 'range' in result[0], 'no hierarchical document symbols');
    const all = flatten(result as (DocumentSymbol | SymbolInformation)[] as DocumentSymbol[]);
    const names = all.map((s) => s.name);
    for (const name of ['Summary', 'Background', 'Positions', 'European Union', 'Turkey', 'Outlook']) {
      assert.ok(names.includes(name), `no symbol "${name}" in ${JSON.stringify(names)}`);
    }
    const positions = all.find((s) => s.name === 'Positions');
    assert.deepEqual(
      (positions?.children ?? []).map((s) => s.name).filter((n) => n === 'European Union' || n === 'Turkey'),
      ['European Union', 'Turkey'],
      'European Union and Turkey must be nested under Positions',
    );
  });

  it('jumps from [the summary](#summary) to the Summary heading', async () => {
    const position = find(annotated, '(#summary)', 3);
    const result = await client.request(DefinitionRequest.type, { textDocument: { uri: annotated.uri }, position });
    const targets = (Array.isArray(result) ? result : result ? [result] : []) as (Location | LocationLink)[];
    assert.ok(targets.length > 0, 'no definition for (#summary)');
    const first = targets[0];
    const uri = 'targetUri' in first ? first.targetUri : first.uri;
    const range = 'targetUri' in first ? first.targetSelectionRange : first.range;
    assert.equal(uri, annotated.uri);
    assert.equal(range.start.line, find(annotated, '# Summary').line);
  });

  it('offers the quick fixes of vague-attribution as code actions', async () => {
    const { diagnostics } = await client.waitForDiagnostics(peace.uri);
    const diagnostic = assertFinding(peace, diagnostics, 'vague-attribution', 'Analysts say');
    const result = await client.request(CodeActionRequest.type, {
      textDocument: { uri: peace.uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: undefined, triggerKind: 1 },
    });
    // Plain Commands (command: string) are not quick fixes; CodeActions are.
    const actions = (result ?? []).filter((a): a is CodeAction => !('command' in a && typeof a.command === 'string'));
    assert.ok(actions.length > 0, `no code action for ${JSON.stringify(diagnostic)}; got ${JSON.stringify(result)}`);

    const cli = report.files
      .find((f) => f.path.endsWith('peace-talks.txt'))
      ?.diagnostics.find((d) => key(d.code, SEVERITY[d.severity], d.range) === key(diagnostic.code, diagnostic.severity, diagnostic.range));
    const titles = actions.map((a) => a.title);
    for (const fix of cli?.fixes ?? []) {
      assert.ok(titles.includes(fix.title), `code actions ${JSON.stringify(titles)} lack the CLI fix "${fix.title}"`);
    }

    const resolved: CodeAction[] = [];
    for (const action of actions) {
      resolved.push(
        action.edit || !action.data ? action : await client.request(CodeActionResolveRequest.type, action),
      );
    }
    const ignore = resolved.find((a) =>
      editsOf(a.edit, peace.uri).some((e) => /briefing-ignore\s+vague-attribution/.test(e.newText)),
    );
    assert.ok(ignore, `no "ignore this rule on this line" action among ${JSON.stringify(titles)}`);
    assert.equal(ignore.kind?.startsWith('quickfix'), true, `action kind is ${ignore.kind}`);
  });

  it('applies a rule level set in the settings (workspace/didChangeConfiguration)', async () => {
    const settings = buildSettings((k): Inspected | undefined =>
      k === 'rules.relative-time' ? { defaultValue: 'hint', globalValue: 'off' } : undefined,
    );
    assert.deepEqual(settings.rules, { 'relative-time': 'off' });
    const before = client.published.get(peace.uri)?.length ?? 0;
    await client.changeSettings(settings);
    const published = await client.waitForDiagnostics(
      peace.uri,
      (p) => p.diagnostics.every((d) => d.code !== 'relative-time') && (client.published.get(peace.uri)?.indexOf(p) ?? 0) >= before,
    );
    assert.ok(
      published.diagnostics.some((d) => d.code === 'vague-attribution' || d.code === 'anonymous-source'),
      'the other rules must stay on',
    );
    await client.changeSettings(DEFAULT_SETTINGS);
    await client.waitForDiagnostics(peace.uri, (p) => p.diagnostics.some((d) => d.code === 'relative-time'));
  });

  it('shuts down cleanly (shutdown + exit → exit code 0)', async () => {
    const code = await client.stop();
    assert.equal(code, 0, `exit code ${code}; stderr:\n${client.stderr}`);
  });
});

describe('briefing-lsp started with user settings (initializationOptions + workspace/configuration)', () => {
  let client: TestClient;

  after(async () => {
    await client?.stop();
  });

  it('applies rules, sections and style from the extension settings', async () => {
    const user: Record<string, unknown> = {
      'rules.relative-time': 'off',
      'sections.required': ['Summary'],
      'style.maxSentenceWords': 12,
      'rules.long-sentence': 'warning',
    };
    const settings = buildSettings((k) => (k in user ? { globalValue: user[k] } : undefined));
    assert.deepEqual(settings, {
      rules: { 'relative-time': 'off', 'long-sentence': 'warning' },
      style: { maxSentenceWords: 12 },
      sections: { required: ['Summary'] },
      inlayHints: false,
      debounceMs: 100,
    });
    client = new TestClient(settings);
    await client.initialize(REPO_ROOT);
    const { uri } = await client.open(PEACE);
    const published = await client.waitForDiagnostics(uri, (p) =>
      p.diagnostics.some((d) => d.code === 'missing-section'),
    );
    const codes = published.diagnostics.map((d) => d.code);
    assert.ok(!codes.includes('relative-time'), `relative-time is off, got ${JSON.stringify(codes)}`);
    const long = published.diagnostics.filter((d) => d.code === 'long-sentence');
    assert.ok(long.length > 0, `maxSentenceWords 12 must flag long sentences, got ${JSON.stringify(codes)}`);
    assert.ok(long.every((d) => d.severity === DiagnosticSeverity.Warning), 'long-sentence set to warning');
  });
});
