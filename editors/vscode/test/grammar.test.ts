/**
 * The TextMate grammar, tokenized with vscode-textmate + oniguruma (the engine VS Code uses) on
 * top of the real Markdown grammar: the briefing scopes appear where they should and not in code.
 * Also the language configuration's word pattern.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const EXTENSION_ROOT = path.resolve(__dirname, '..', '..');
const REPO_ROOT = path.resolve(EXTENSION_ROOT, '..', '..');
const moduleDir = (name: string) => path.join(EXTENSION_ROOT, 'node_modules', name);

function grammarFile(scopeName: string): string | undefined {
  switch (scopeName) {
    case 'text.html.markdown.briefing':
      return path.join(EXTENSION_ROOT, 'syntaxes', 'briefing.tmLanguage.json');
    case 'text.html.markdown':
      return path.join(moduleDir('tm-grammars'), 'grammars', 'markdown.json');
    case 'source.yaml':
      return path.join(moduleDir('tm-grammars'), 'grammars', 'yaml.json');
    default:
      return undefined;
  }
}

let grammar: textmate.IGrammar;

/** Each token of `text` with its scopes, line by line. */
function tokenize(text: string): { line: number; text: string; scopes: string[] }[] {
  let stack = textmate.INITIAL;
  const out: { line: number; text: string; scopes: string[] }[] = [];
  text.split('\n').forEach((line, index) => {
    const result = grammar.tokenizeLine(line, stack);
    for (const token of result.tokens) {
      out.push({ line: index, text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes });
    }
    stack = result.ruleStack;
  });
  return out;
}

function scopesOf(tokens: ReturnType<typeof tokenize>, text: string, line?: number): string[] {
  const token = tokens.find((t) => t.text === text && (line === undefined || t.line === line));
  assert.ok(
    token,
    `no token "${text}"; tokens: ${JSON.stringify(tokens.filter((t) => line === undefined || t.line === line).map((t) => t.text))}`,
  );
  return token.scopes;
}

function assertScope(tokens: ReturnType<typeof tokenize>, text: string, scope: string, line?: number): void {
  const scopes = scopesOf(tokens, text, line);
  assert.ok(
    scopes.some((s) => s.split(' ').includes(scope) || s === scope),
    `"${text}" has scopes ${JSON.stringify(scopes)}, expected ${scope}`,
  );
}

describe('TextMate grammar', () => {
  before(async () => {
    const wasm = fs.readFileSync(path.join(moduleDir('vscode-oniguruma'), 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: (scopeName: string) => {
        const file = grammarFile(scopeName);
        if (!file) {
          return Promise.resolve(null);
        }
        return Promise.resolve(textmate.parseRawGrammar(fs.readFileSync(file, 'utf8'), file));
      },
    });
    const loaded = await registry.loadGrammar('text.html.markdown.briefing');
    assert.ok(loaded, 'the briefing grammar did not load');
    grammar = loaded;
  });

  it('highlights the syntax of the annotated example', () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'annotated', 'annotated-example.brief.md'), 'utf8');
    const tokens = tokenize(text);
    const frontMatter = tokens.filter((t) => t.line === 1).flatMap((t) => t.scopes);
    assert.ok(frontMatter.includes('meta.embedded.block.frontmatter'), `front matter scopes: ${JSON.stringify(frontMatter)}`);
    assert.ok(!frontMatter.some((s) => s.endsWith('.briefing') && s !== 'text.html.markdown.briefing'), 'no briefing scopes in front matter');
    assertScope(tokens, 'Summary', 'markup.heading.markdown');
    assertScope(tokens, 'ukraine', 'variable.other.actor.briefing', 27);
    assertScope(tokens, 'kallas', 'variable.other.actor.briefing', 41);
    assertScope(tokens, 'ports', 'entity.name.label.footnote.briefing', 27);
    assertScope(tokens, 'unctad-2026', 'entity.name.tag.citation-key.briefing', 29);
    assertScope(tokens, 'Options for the Ministerial', 'markup.underline.link.section.briefing');
    assertScope(tokens, ' Check whether the radar is in the 20th sanctions package or the EPF tranche. ', 'comment.block.critic.briefing');
    assertScope(tokens, ' support ', 'markup.deleted.critic.briefing');
    assertScope(tokens, ' consider ', 'markup.inserted.critic.briefing');
    assertScope(tokens, 'briefing-ignore', 'keyword.control.directive.suppression.briefing');
    assertScope(tokens, 'relative-time', 'constant.language.rule.briefing', 56);
    assertScope(tokens, 'unused', 'meta.footnote.definition.briefing', 62);
  });

  it('highlights each piece of briefing syntax', () => {
    const tokens = tokenize(
      [
        'Talks with @united-states and [^1] per [see @smith, p. 4; -@doe] and [[Key Judgments]].',
        '{++ added ++} {-- removed --} {== marked ==}',
        '<!-- briefing-disable long-sentence, relative-time -->',
        '',
        'Mail press@example.org or see [text](#summary).',
      ].join('\n'),
    );
    assertScope(tokens, 'united-states', 'variable.other.actor.briefing');
    assertScope(tokens, '1', 'entity.name.label.footnote.briefing');
    assertScope(tokens, 'smith', 'entity.name.tag.citation-key.briefing');
    assertScope(tokens, 'doe', 'entity.name.tag.citation-key.briefing');
    assertScope(tokens, 'Key Judgments', 'meta.link.section.briefing');
    assertScope(tokens, ' added ', 'markup.inserted.critic.briefing');
    assertScope(tokens, ' removed ', 'markup.deleted.critic.briefing');
    assertScope(tokens, ' marked ', 'markup.highlight.critic.briefing');
    assertScope(tokens, 'briefing-disable', 'keyword.control.directive.suppression.briefing');
    assertScope(tokens, 'long-sentence', 'constant.language.rule.briefing');
    const mail = tokens.filter((t) => t.line === 4).map((t) => t.scopes.join(' '));
    assert.ok(!mail.some((s) => s.includes('actor.briefing')), 'an e-mail address is not a mention');
  });

  it('leaves code alone', () => {
    const tokens = tokenize(['Use `@not-a-mention` here.', '', '```', '@nor-this [^x]', '```'].join('\n'));
    for (const token of tokens) {
      assert.ok(
        !token.scopes.some((s) => s.endsWith('.briefing') && s !== 'text.html.markdown.briefing'),
        `"${token.text}" in code got ${JSON.stringify(token.scopes)}`,
      );
    }
  });
});

describe('language configuration', () => {
  const config = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'language-configuration.json'), 'utf8')) as {
    wordPattern: { pattern: string; flags: string };
    comments: { blockComment: [string, string] };
  };
  const words = (text: string) => text.match(new RegExp(config.wordPattern.pattern, config.wordPattern.flags));

  it('keeps @ids and [^labels] whole', () => {
    assert.deepEqual(words('@kallas said'), ['@kallas', 'said']);
    assert.deepEqual(words('@united-states.'), ['@united-states']);
    assert.deepEqual(words('October[^ports], the'), ['October', '[^ports]', 'the']);
    assert.deepEqual(words('Ukraine’s high-level talks'), ['Ukraine’s', 'high-level', 'talks']);
  });

  it('uses HTML comments', () => {
    assert.deepEqual(config.comments.blockComment, ['<!--', '-->']);
  });
});
