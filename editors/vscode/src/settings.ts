/**
 * The `briefing` settings section (SPEC §5) as the server reads it: camelCase JSON, e.g.
 * `{"rules": {"relative-time": "off"}, "style": {"maxSentenceWords": 40}, "builtinActors": true}`.
 *
 * Only settings the user has actually set (user, workspace, folder or language level) are sent,
 * except `inlayHints` and `debounceMs`, which `briefing.toml` does not have: a VS Code default must
 * never override what a workspace's `briefing.toml` says.
 *
 * This module does not import `vscode`, so the unit tests can run it under plain node.
 */

export type Level = 'off' | 'hint' | 'info' | 'warning' | 'error';

export const LEVELS: readonly Level[] = ['off', 'hint', 'info', 'warning', 'error'];

/** Every rule code (SPEC §4), its default level and a one-line description. */
export const RULES: readonly { code: string; level: Level; description: string }[] = [
  { code: 'vague-attribution', level: 'warning', description: 'A claim attributed to an unnamed group ("analysts say").' },
  { code: 'anonymous-source', level: 'warning', description: 'Attribution to unnamed sources ("officials familiar with…").' },
  { code: 'unsupported-claim', level: 'warning', description: 'A checkable statement with no citation and no named source.' },
  { code: 'missing-actor', level: 'warning', description: 'An agentless statement that hides who acted ("was decided").' },
  { code: 'vague-actor', level: 'info', description: 'An unnamed group as the subject of an action ("several states pledged").' },
  { code: 'unknown-actor', level: 'error', description: 'An @reference that resolves to no actor.' },
  { code: 'undeclared-actor', level: 'warning', description: 'A known actor mentioned but not declared in front-matter actors.' },
  { code: 'unused-actor', level: 'hint', description: 'A declared actor that is never mentioned.' },
  { code: 'estimative-language', level: 'info', description: 'A non-standard hedge, or mixed probability language (ICD 203).' },
  { code: 'relative-time', level: 'hint', description: 'Relative time that goes stale ("last week", "in the coming days").' },
  { code: 'undefined-acronym', level: 'info', description: 'An acronym used before it is spelled out.' },
  { code: 'broken-section-link', level: 'warning', description: 'A link to a section that does not exist.' },
  { code: 'dangling-footnote', level: 'error', description: 'A footnote or citation with no definition.' },
  { code: 'unused-footnote', level: 'hint', description: 'A footnote definition or source that is never cited.' },
  { code: 'duplicate-section', level: 'warning', description: 'Two headings with the same text under one parent.' },
  { code: 'empty-section', level: 'info', description: 'A heading with no text under it.' },
  { code: 'missing-section', level: 'warning', description: 'A required section is absent.' },
  { code: 'missing-bluf', level: 'info', description: 'No bottom line up front (only when `briefing.sections.bluf` is on).' },
  { code: 'long-sentence', level: 'hint', description: 'A sentence longer than `briefing.style.maxSentenceWords`.' },
  { code: 'review-note', level: 'hint', description: 'An open CriticMarkup comment or change.' },
  { code: 'invalid-front-matter', level: 'error', description: 'Front matter that cannot be read.' },
  { code: 'invalid-config', level: 'error', description: 'A briefing.toml that cannot be read.' },
  { code: 'unknown-rule', level: 'error', description: 'An unknown rule name in settings or a suppression.' },
];

/** What `WorkspaceConfiguration.inspect` returns, reduced to what we need. */
export interface Inspected {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  defaultLanguageValue?: unknown;
  globalLanguageValue?: unknown;
  workspaceLanguageValue?: unknown;
  workspaceFolderLanguageValue?: unknown;
}

/** Looks a key up below `briefing.` (e.g. `rules.relative-time`). */
export type Inspector = (key: string) => Inspected | undefined;

export interface BriefingSettings {
  rules?: Record<string, Level>;
  style?: { maxSentenceWords?: number; acronyms?: string[]; citationScope?: 'paragraph' | 'sentence' };
  sections?: { required?: string[]; bluf?: boolean };
  builtinActors?: boolean;
  inlayHints: boolean;
  debounceMs: number;
}

/** The value the user set, most specific scope first; `undefined` when only the default applies. */
export function explicitValue(inspected: Inspected | undefined): unknown {
  if (!inspected) {
    return undefined;
  }
  const order: (keyof Inspected)[] = [
    'workspaceFolderLanguageValue',
    'workspaceLanguageValue',
    'globalLanguageValue',
    'workspaceFolderValue',
    'workspaceValue',
    'globalValue',
  ];
  for (const key of order) {
    if (inspected[key] !== undefined && inspected[key] !== null) {
      return inspected[key];
    }
  }
  return undefined;
}

function effectiveValue(inspected: Inspected | undefined): unknown {
  const value = explicitValue(inspected);
  return value !== undefined ? value : inspected?.defaultValue;
}

function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value);
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

/** Builds the `briefing` section sent as initializationOptions and for workspace/configuration. */
export function buildSettings(inspect: Inspector): BriefingSettings {
  const settings: BriefingSettings = { inlayHints: false, debounceMs: 100 };

  const rules: Record<string, Level> = {};
  for (const rule of RULES) {
    const value = explicitValue(inspect(`rules.${rule.code}`));
    if (isLevel(value)) {
      rules[rule.code] = value;
    }
  }
  // `"briefing.rules": {"relative-time": "off"}` written as one object works too.
  const asObject = explicitValue(inspect('rules'));
  if (asObject && typeof asObject === 'object' && !Array.isArray(asObject)) {
    for (const [code, value] of Object.entries(asObject as Record<string, unknown>)) {
      if (isLevel(value) && rules[code] === undefined) {
        rules[code] = value;
      }
    }
  }
  if (Object.keys(rules).length > 0) {
    settings.rules = rules;
  }

  const style: NonNullable<BriefingSettings['style']> = {};
  const maxWords = explicitValue(inspect('style.maxSentenceWords'));
  if (typeof maxWords === 'number' && Number.isInteger(maxWords) && maxWords > 0) {
    style.maxSentenceWords = maxWords;
  }
  const acronyms = stringArray(explicitValue(inspect('style.acronyms')));
  if (acronyms) {
    style.acronyms = acronyms;
  }
  const scope = explicitValue(inspect('style.citationScope'));
  if (scope === 'paragraph' || scope === 'sentence') {
    style.citationScope = scope;
  }
  if (Object.keys(style).length > 0) {
    settings.style = style;
  }

  const sections: NonNullable<BriefingSettings['sections']> = {};
  const required = stringArray(explicitValue(inspect('sections.required')));
  if (required) {
    sections.required = required;
  }
  const bluf = explicitValue(inspect('sections.bluf'));
  if (typeof bluf === 'boolean') {
    sections.bluf = bluf;
  }
  if (Object.keys(sections).length > 0) {
    settings.sections = sections;
  }

  const builtinActors = explicitValue(inspect('builtinActors'));
  if (typeof builtinActors === 'boolean') {
    settings.builtinActors = builtinActors;
  }
  const inlayHints = effectiveValue(inspect('inlayHints'));
  if (typeof inlayHints === 'boolean') {
    settings.inlayHints = inlayHints;
  }
  const debounce = effectiveValue(inspect('debounceMs'));
  if (typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0) {
    settings.debounceMs = Math.round(debounce);
  }
  return settings;
}
