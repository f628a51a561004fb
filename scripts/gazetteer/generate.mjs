#!/usr/bin/env node
// Generates data/gazetteer.json, the built-in actor gazetteer of briefing-lsp.
//
//   cd scripts/gazetteer && npm ci && node generate.mjs
//
// Sources (see data/GAZETTEER.md):
//   * states: the `world-countries` npm package (mledoze/countries, ODbL-1.0),
//     pinned in package.json; data/gazetteer.json is a derivative database of it;
//   * organisations, groups and a few places: ./organizations.json (hand-curated).
//
// Every alias is matched case-SENSITIVELY as a whole word in running text, and a
// false actor match is a visible bug in the editor, so precision beats recall:
// the dataset's altSpellings are taken only through an allow-list, no ISO codes
// are added, aliases shared by two actors are dropped from both, and an explicit
// exclusion list removes aliases that are common words, first names or places.
// The output is deterministic (no dates, code-unit ordering): running the script
// twice, or on another machine, gives the same bytes.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const countries = require('world-countries/countries.json');
const datasetVersion = require('world-countries/package.json').version;
const curated = JSON.parse(readFileSync(new URL('./organizations.json', import.meta.url), 'utf8'));
const OUT = new URL('../../data/gazetteer.json', import.meta.url);

// ---------------------------------------------------------------- curation --

// Non-members we include on purpose (commonly named actors). The dataset marks
// the Holy See (VAT) as a UN member; it is an observer, so we override that.
const OBSERVERS = new Set(['VAT', 'PSE']);
const NON_MEMBERS = new Set(['TWN', 'UNK']); // Taiwan, Kosovo

// Where the dataset's common or official name is not the one a briefing uses.
// `officially` is the phrase after "Officially " in the description.
const OVERRIDES = {
  VAT: { name: 'Holy See', officially: 'the Holy See' },
  IRL: { officially: 'Ireland' }, // the dataset says "Republic of Ireland" (a description, not the name)
  BRN: { officially: 'Brunei Darussalam' }, // the dataset's "Nation of Brunei, Abode of Peace" is a gloss
  USA: { capital: 'Washington, D.C.' },
  // Contested capitals: state the undisputed fact (where the government sits).
  ISR: { capitalLabel: 'Seat of government' },
  PSE: { capitalLabel: 'Seat of government' },
};

// altSpellings mixes ISO codes, local-language names and junk ("CA", "Island"
// for Iceland, "weSwatini"), so only these English forms are taken from it.
// Deliberately NOT taken: "Congo" (both Congos), "Macedonia" (also the Greek
// region), "Timor" (an island shared with Indonesia), "RSA" (too many meanings).
const ALT_ALLOW = {
  ARE: ['UAE', 'Emirates'], BRN: ['Brunei Darussalam'], CIV: ["Côte d'Ivoire"],
  COD: ['Congo-Kinshasa', 'Democratic Republic of Congo', 'DRC'], COG: ['Congo-Brazzaville'],
  GBR: ['UK', 'Great Britain'], IRL: ['Republic of Ireland'], LAO: ['Lao'], MMR: ['Burma'],
  NLD: ['Holland'], PRK: ['DPRK'], SAU: ['Saudi'], SWZ: ['Swaziland'], TLS: ['East Timor'],
  TUR: ['Republic of Turkey'], TWN: ['Republic of China', 'Chinese Taipei'],
  USA: ['US', 'USA'], VAT: ['Vatican', 'Vatican City State'], VNM: ['Viet Nam'],
};

// Forms the dataset lacks: abbreviations, seats of government used as
// metonyms, old or alternative spellings, irregular demonyms and plurals.
const EXTRA = {
  ARE: ['U.A.E.', 'Emiratis'], ARG: ['Argentinian', 'Argentinians'], BEN: ['Cotonou'],
  BFA: ['Burkinabè'], BOL: ['La Paz'], BWA: ['Batswana'], CHE: ['Berne'],
  CHN: ['PRC', 'Zhongnanhai'], CIV: ['Abidjan'], COM: ['Comorian', 'Comorians'],
  CPV: ['Cabo Verde', 'Cape Verdean', 'Cape Verdeans'], CZE: ['Czechs'],
  DJI: ['Djiboutian', 'Djiboutians'], DNK: ['Dane', 'Danes'], ECU: ['Ecuadorian', 'Ecuadorians'],
  ESP: ['Spaniard', 'Spaniards'], FIN: ['Finns'], FRA: ['Élysée', 'Élysée Palace', "Quai d'Orsay", 'Matignon'],
  GBR: ['U.K.', 'Britain', 'Briton', 'Britons', 'Downing Street', 'Whitehall'],
  GNB: ['Bissau-Guinean', 'Bissau-Guineans'], IND: ['Delhi', 'South Block'], ISL: ['Icelandic'],
  JPN: ['Kasumigaseki'], KAZ: ['Kazakh'], KGZ: ['Kyrgyz', 'Kyrgyzstani'], KNA: ['St Kitts and Nevis', 'St. Kitts and Nevis'],
  KOR: ['ROK'], LCA: ['St Lucia', 'St. Lucia'], LSO: ['Basotho'], MDV: ['Maldivian', 'Maldivians'],
  MMR: ['Naypyitaw', 'Nay Pyi Taw'], MNG: ['Ulaanbaatar'], NPL: ['Nepali', 'Nepalis'], PHL: ['Philippine'],
  POL: ['Poles'], RUS: ['Kremlin'], SAU: ['Saudis', 'KSA'], SUR: ['Surinamese'], SVN: ['Slovenian', 'Slovenians'],
  SWE: ['Swede', 'Swedes'], SWZ: ['Mbabane'], TCD: ['Ndjamena'], TJK: ['Tajik', 'Tajiks', 'Tajikistani'],
  TUR: ['Turkey'], UKR: ['Kiev', 'Bankova'], UZB: ['Uzbek', 'Uzbeks'],
  USA: ['U.S.', 'U.S.A.', 'America', 'Washington', 'Washington, D.C.', 'White House', 'Pentagon',
        'Foggy Bottom', 'Capitol Hill', 'State Department', 'Oval Office'],
  VCT: ['St Vincent and the Grenadines', 'St. Vincent and the Grenadines', 'Vincentian', 'Vincentians'],
  YEM: ['Sanaa'],
};

// Aliases never emitted, whatever their source (ASCII-folded forms included).
// Names of states are never excluded: "Chad", "Jordan", "Georgia" stay.
const EXCLUDED = {
  // capitals that are common first names, words or other well-known places
  Victoria: 'Seychelles; first name, Australian state, many places',
  Kingston: 'Jamaica; Kingston upon Thames, Kingston (Ontario), surname',
  Georgetown: 'Guyana; Washington neighbourhood, university, Penang',
  Nassau: 'Bahamas; Nassau County (NY), German duchy',
  'San José': 'Costa Rica; San Jose (California) and many others',
  'San Jose': 'ASCII form of the above',
  Santiago: 'Chile; Santiago de Cuba, de Compostela, first name',
  "Saint John's": "Antigua and Barbuda; St. John's (Newfoundland)",
  "St. George's": 'Grenada; generic church/hospital/school name',
  Male: 'ASCII form of Malé (Maldives): the English word',
  Sofia: 'Bulgaria; common first name',
  Tripoli: 'Libya; also a city in Lebanon',
  Sucre: 'Bolivia; Venezuelan state, surname; La Paz is the seat of government',
  'Mexico City': 'Mexico; "Mexico City policy" is a US policy',
  // capitals standing for more than one actor
  Brussels: 'Belgium; the usual metonym for the EU (and NATO)',
  Jerusalem: 'Israel; contested city, "East Jerusalem" is not an Israeli actor',
  // demonyms that name a region as often as a state
  'Central African': 'Central African Republic; also the region',
  'Central Africans': 'plural of the above',
};

// Two-character aliases are almost always codes ("IN", "NO", "IT", "ME", "TO");
// only these well-known ones are allowed.
const TWO_CHAR_OK = new Set(['US', 'UK', 'EU', 'UN', 'AU', 'G7']);

// Demonyms that have no plural in -s, or whose plural is given in EXTRA.
const NO_PLURAL = new Set(['Swiss', 'Malagasy', 'I-Kiribati', 'Ni-Vanuatu', 'Seychellois', 'Burkinabe',
  'Motswana', 'Mosotho', 'Vatican', 'Djibouti', 'Lao']);
const plural = (d) => (NO_PLURAL.has(d) || /(ese|ish|ch|sh|ss|z)$/.test(d) ? null : `${d}s`);

// ----------------------------------------------------------------- helpers --

const byCode = (a, b) => (a < b ? -1 : a > b ? 1 : 0); // locale-independent
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
const isAscii = (s) => /^[\x20-\x7e]*$/.test(s);
function slug(s) {
  const id = fold(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new Error(`cannot slug ${JSON.stringify(s)}`);
  return id;
}
const fail = (msg) => { console.error(`error: ${msg}`); process.exitCode = 1; };
// An official name is usable as an alias only if it reads like a name in prose.
const proseName = (s) => /^\p{Lu}[\p{L}'’ .-]*$/u.test(s);
// "Officially the Russian Federation" but "Officially Canada".
const needsThe = (official, common) => official !== common ||
  /^(Republic|Kingdom|United|Federated|State|Commonwealth|Union|Principality)\b|(Republic|Emirates|Islands|States)$/.test(official);

// ------------------------------------------------------------------ states --

function stateEntry(c) {
  const o = OVERRIDES[c.cca3] ?? {};
  const name = o.name ?? c.name.common;
  const aliases = [];
  if (proseName(c.name.official)) aliases.push(c.name.official);
  for (const alt of ALT_ALLOW[c.cca3] ?? []) {
    if (!c.altSpellings.includes(alt)) fail(`${c.cca3}: "${alt}" is not in the dataset's altSpellings`);
    aliases.push(alt);
  }
  for (const d of new Set(Object.values(c.demonyms?.eng ?? {}))) {
    for (const form of d.split(/, | or /)) aliases.push(form, ...[plural(form)].filter(Boolean));
  }
  aliases.push(...(c.capital ?? []), ...(EXTRA[c.cca3] ?? []));

  const status = OBSERVERS.has(c.cca3) ? 'UN observer state.'
    : NON_MEMBERS.has(c.cca3) ? 'Not a UN member state; recognised by some UN members.'
    : c.unMember ? 'UN member state.' : null;
  const caps = o.capital ? [o.capital] : c.capital ?? [];
  const capList = caps.length > 1 ? `${caps.slice(0, -1).join(', ')} and ${caps.at(-1)}` : caps[0];
  const capLabel = o.capitalLabel ?? (caps.length > 1 ? 'Capitals' : 'Capital');
  const officially = o.officially ?? (needsThe(c.name.official, c.name.common) ? `the ${c.name.official}` : c.name.official);
  const description = `Officially ${officially}. ${status}${capList ? ` ${capLabel}: ${capList.replace(/\.$/, '')}.` : ''}`;
  return { id: slug(name), name, kind: 'state', aliases, description, affiliation: null };
}

const states = countries
  .filter((c) => (c.unMember && !OBSERVERS.has(c.cca3)) || OBSERVERS.has(c.cca3) || NON_MEMBERS.has(c.cca3))
  .sort((a, b) => byCode(a.cca3, b.cca3))
  .map(stateEntry);
const memberCount = states.filter((e) => e.description.includes(' UN member state.')).length;
const observerCount = states.filter((e) => e.description.includes('UN observer state')).length;
if (memberCount !== 193) fail(`expected 193 UN member states, got ${memberCount}`);
if (observerCount !== 2) fail(`expected 2 UN observer states, got ${observerCount}`);

// ---------------------------------------------------------------- curated --

const KINDS = new Set(['person', 'state', 'government', 'organization', 'group', 'place']);
const others = curated.entries.map((e) => {
  const extra = Object.keys(e).filter((k) => !['id', 'name', 'kind', 'aliases', 'description', 'affiliation'].includes(k));
  if (extra.length) fail(`organizations.json ${e.id}: unknown field(s) ${extra.join(', ')}`);
  return { id: e.id, name: e.name, kind: e.kind, aliases: [...(e.aliases ?? [])], description: e.description, affiliation: e.affiliation ?? null };
});

// ---------------------------------------------------------------- cleanup --

const entries = [...states, ...others];
const names = new Map(entries.map((e) => [e.name, e.id]));
const note = (msg) => console.error(msg);

// 1. Add ASCII-folded forms ("Türkiye" -> "Turkiye", "Élysée" -> "Elysee"):
//    prose often drops diacritics. Then apply the per-alias rules.
for (const e of entries) {
  const forms = new Set();
  for (const a of [...e.aliases, e.name]) {
    forms.add(a);
    const f = fold(a);
    if (f !== a && isAscii(f)) forms.add(f);
  }
  e.aliases = [...forms].filter((a) => {
    if (a === e.name) return false;
    if (EXCLUDED[a] !== undefined) { note(`excluded: "${a}" (${e.id}) — ${EXCLUDED[a]}`); return false; }
    if (a.length < 2) { note(`dropped: "${a}" (${e.id}) — shorter than 2 characters`); return false; }
    if (a.length === 2 && !TWO_CHAR_OK.has(a)) { note(`dropped: "${a}" (${e.id}) — 2-character code`); return false; }
    if (!/^[\p{Lu}\p{N}]/u.test(a)) { note(`dropped: "${a}" (${e.id}) — does not start with an uppercase letter or digit`); return false; }
    if (names.has(a)) { note(`dropped: "${a}" (${e.id}) — it is the name of ${names.get(a)}`); return false; }
    return true;
  });
}

// 2. An alias two actors would share cannot be resolved: drop it from all.
const owners = new Map();
for (const e of entries) for (const a of e.aliases) owners.set(a, [...(owners.get(a) ?? []), e.id]);
for (const [a, ids] of [...owners].sort((x, y) => byCode(x[0], y[0]))) {
  if (ids.length < 2) continue;
  note(`collision: "${a}" shared by ${ids.join(', ')} — dropped from all`);
  for (const e of entries) if (ids.includes(e.id)) e.aliases = e.aliases.filter((x) => x !== a);
}

// 3. Information only: a phrase of one actor lying inside a longer phrase of
//    another ("China" in "South China Sea"). Harmless if the matcher prefers
//    the leftmost-longest match; listed with --verbose so that a reviewer can check.
const verbose = process.argv.includes('--verbose');
const phrases = entries.flatMap((e) => [e.name, ...e.aliases].map((p) => [p, e.id]));
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
let nested = 0;
for (const [p, id] of phrases) {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${esc(p)}(?![\\p{L}\\p{N}])`, 'u');
  for (const [q, qid] of phrases) if (qid !== id && q !== p && re.test(q)) { nested++; if (verbose) note(`nested: "${p}" (${id}) inside "${q}" (${qid})`); }
}

// ------------------------------------------------------------- validation --

const ids = new Set();
const seen = new Map();
for (const e of entries) {
  if (ids.has(e.id)) fail(`duplicate id ${e.id}`);
  ids.add(e.id);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(e.id)) fail(`bad id ${e.id}`);
  if (!KINDS.has(e.kind)) fail(`${e.id}: bad kind ${e.kind}`);
  if (!/\p{Lu}/u.test(e.name)) fail(`${e.id}: name "${e.name}" has no capital letter`);
  if (typeof e.description !== 'string' || !e.description.endsWith('.')) fail(`${e.id}: description must be a sentence`);
  for (const a of [e.name, ...e.aliases]) {
    if (seen.has(a)) fail(`"${a}" used by both ${seen.get(a)} and ${e.id}`);
    seen.set(a, e.id);
  }
  e.aliases.sort(byCode);
}
for (const e of entries) if (e.affiliation !== null && !ids.has(e.affiliation)) fail(`${e.id}: unknown affiliation ${e.affiliation}`);

// ----------------------------------------------------------------- output --

entries.sort((a, b) => byCode(a.id, b.id));
const kinds = {};
for (const e of entries) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
note(`world-countries ${datasetVersion}: ${entries.length} entries ${JSON.stringify(kinds)}, ` +
  `${seen.size} distinct names and aliases, none shared between entries; ${nested} nested phrases (--verbose lists them)`);
if (process.exitCode) { console.error('not written: fix the errors above'); process.exit(); }
writeFileSync(OUT, `${JSON.stringify(entries, null, 2)}\n`);
note(`wrote ${decodeURIComponent(OUT.pathname)}`);
