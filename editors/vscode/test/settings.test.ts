import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildSettings, explicitValue, type Inspected, LEVELS, RULES } from '../src/settings';

const EXTENSION_ROOT = path.resolve(__dirname, '..', '..');
interface Property {
  type?: string | string[];
  enum?: unknown[];
  default?: unknown;
  markdownDescription?: string;
  description?: string;
}
const manifest = JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Property> }[]; commands: { command: string; title: string; category?: string }[] };
};
const properties = Object.assign({}, ...manifest.contributes.configuration.map((c) => c.properties)) as Record<string, Property>;

/** An inspector over a flat map of user-set values (global scope) on top of package.json defaults. */
function inspectorFor(user: Record<string, unknown>): (key: string) => Inspected | undefined {
  return (key) => {
    const property = properties[`briefing.${key}`];
    if (!property && !(key in user)) {
      return undefined;
    }
    return { defaultValue: property?.default, globalValue: user[key] };
  };
}

describe('settings', () => {
  it('lists every rule code of SPEC §4 once', () => {
    const codes = RULES.map((r) => r.code);
    assert.equal(new Set(codes).size, 23);
    assert.deepEqual(codes.filter((c) => !/^[a-z]+(-[a-z]+)*$/.test(c)), []);
  });

  it('contributes a briefing.rules.<code> setting with the five levels for every rule', () => {
    for (const rule of RULES) {
      const property = properties[`briefing.rules.${rule.code}`];
      assert.ok(property, `no setting briefing.rules.${rule.code}`);
      assert.deepEqual(property.enum, [...LEVELS]);
      assert.equal(property.default, rule.level);
      assert.ok(property.markdownDescription?.includes(rule.code), `briefing.rules.${rule.code} does not link its docs`);
    }
    const ruleSettings = Object.keys(properties).filter((k) => k.startsWith('briefing.rules.'));
    assert.equal(ruleSettings.length, RULES.length);
  });

  it('contributes the other settings of SPEC §5 with descriptions', () => {
    for (const name of [
      'briefing.server.path',
      'briefing.style.maxSentenceWords',
      'briefing.style.acronyms',
      'briefing.style.citationScope',
      'briefing.sections.required',
      'briefing.sections.bluf',
      'briefing.builtinActors',
      'briefing.inlayHints',
      'briefing.debounceMs',
      'briefing.trace.server',
    ]) {
      const property = properties[name];
      assert.ok(property, `no setting ${name}`);
      assert.ok(property.markdownDescription ?? property.description, `${name} has no description`);
    }
    assert.deepEqual(properties['briefing.style.citationScope'].enum, ['paragraph', 'sentence']);
  });

  it('contributes the two commands', () => {
    const titles = manifest.contributes.commands.map((c) => `${c.category}: ${c.title}`);
    assert.deepEqual(titles.sort(), ['Briefing: Restart Server', 'Briefing: Show Output']);
  });

  it('sends only inlayHints and debounceMs when nothing is set, so briefing.toml decides', () => {
    assert.deepEqual(buildSettings(inspectorFor({})), { inlayHints: false, debounceMs: 100 });
  });

  it('sends what the user set, in the camelCase shape the server reads', () => {
    const settings = buildSettings(
      inspectorFor({
        'rules.relative-time': 'off',
        'rules.long-sentence': 'warning',
        'rules.not-a-level': 'loud',
        'style.maxSentenceWords': 30,
        'style.acronyms': ['GDP', 'LNG'],
        'style.citationScope': 'sentence',
        'sections.required': ['Summary', 'Outlook'],
        'sections.bluf': true,
        builtinActors: false,
        inlayHints: true,
        debounceMs: 250,
      }),
    );
    assert.deepEqual(settings, {
      rules: { 'relative-time': 'off', 'long-sentence': 'warning' },
      style: { maxSentenceWords: 30, acronyms: ['GDP', 'LNG'], citationScope: 'sentence' },
      sections: { required: ['Summary', 'Outlook'], bluf: true },
      builtinActors: false,
      inlayHints: true,
      debounceMs: 250,
    });
  });

  it('accepts "briefing.rules" written as one object', () => {
    const settings = buildSettings(inspectorFor({ rules: { 'unsupported-claim': 'error', bogus: 'nope' } }));
    assert.deepEqual(settings.rules, { 'unsupported-claim': 'error' });
  });

  it('takes the most specific scope', () => {
    assert.equal(explicitValue({ defaultValue: 1, globalValue: 2, workspaceValue: 3 }), 3);
    assert.equal(explicitValue({ defaultValue: 1, globalValue: 2, workspaceFolderLanguageValue: 4 }), 4);
    assert.equal(explicitValue({ defaultValue: 1 }), undefined);
  });
});
