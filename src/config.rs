//! Configuration (SPEC §5): `briefing.toml` and the editor's settings are read into wire types,
//! then merged explicitly into a [`Config`] that is passed down. Faults become diagnostics at
//! their place in the file that has them; a faulty file contributes nothing, so the caller keeps
//! the defaults (command line) or the last good settings (server).

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, LazyLock};
use toml::Spanned;

use crate::actors::{ActorDefinition, ActorKind, ActorOrigin, Registry, builtin_actors};
use crate::model::SourceDefinition;
use crate::rules::{Diagnostic, RuleCode, Severity, diagnostic};
use crate::text::TextRange;

pub const CONFIG_FILE_NAME: &str = "briefing.toml";
const DEFAULT_MAX_SENTENCE_WORDS: usize = 40;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CitationScope {
    Sentence,
    Paragraph,
}

/// The settings in force for a document. Built by [`Config::load`]; deliberately no `Default`.
#[derive(Debug)]
pub struct Config {
    /// The `briefing.toml` these settings came from, if any.
    pub config_path: Option<String>,
    pub include: Vec<String>,
    pub builtin_actors: bool,
    /// Configured levels; rules not listed use their default. `None` is off.
    pub rule_levels: HashMap<RuleCode, Option<Severity>>,
    pub required_sections: Vec<String>,
    pub bluf: bool,
    pub max_sentence_words: usize,
    pub acronyms: HashSet<String>,
    pub citation_scope: CitationScope,
    pub sources: Vec<SourceDefinition>,
    pub inlay_hints: bool,
    pub debounce_ms: u64,
    pub registry: Arc<Registry>,
}

/// A loaded configuration and the problems found in the file (ranges in the file's text).
pub struct LoadedConfig {
    pub config: Arc<Config>,
    pub file_diagnostics: Vec<Diagnostic>,
    /// False when the file could not be read at all: a server keeps its last good settings.
    pub file_ok: bool,
}

static BUILTIN_REGISTRY: LazyLock<Arc<Registry>> =
    LazyLock::new(|| Arc::new(Registry::new(builtin_actors().iter().cloned())));

impl Config {
    /// Merges, lowest first: defaults, `briefing.toml` (path and text), editor settings (the
    /// `briefing` section as JSON).
    pub fn load(file: Option<(&str, &str)>, settings: Option<&serde_json::Value>) -> LoadedConfig {
        let mut file_diagnostics = Vec::new();
        let mut file_ok = true;
        let wire = match file {
            Some((_, text)) => match parse_file(text, &mut file_diagnostics) {
                Some(wire) => wire,
                None => {
                    file_ok = false;
                    FileWire::default()
                }
            },
            None => FileWire::default(),
        };
        let settings: SettingsWire = settings
            .and_then(|value| serde_json::from_value(value.clone()).ok())
            .unwrap_or_default();
        let config_path = file.map(|(path, _)| path.to_owned());
        let config_text = file.map_or("", |(_, text)| text);

        let mut rule_levels = HashMap::new();
        for (name, level) in wire.rules.iter().flatten() {
            let name_range = span_range(name.span());
            let Some(code) = RuleCode::from_name(name.get_ref()) else {
                file_diagnostics.push(diagnostic(
                    RuleCode::UnknownRule,
                    name_range,
                    format!("unknown rule `{}` in [rules]", name.get_ref()),
                ));
                continue;
            };
            match Severity::parse_level(level.get_ref()) {
                Some(severity) => {
                    rule_levels.insert(code, severity);
                }
                None => file_diagnostics.push(diagnostic(
                    RuleCode::InvalidConfig,
                    span_range(level.span()),
                    format!(
                        "`{}` is not a severity: use off, hint, info, warning or error",
                        level.get_ref()
                    ),
                )),
            }
        }
        for (name, level) in settings.rules.iter().flatten() {
            if let (Some(code), Some(severity)) =
                (RuleCode::from_name(name), Severity::parse_level(level))
            {
                rule_levels.insert(code, severity);
            }
        }

        let sections = wire.sections.unwrap_or_default();
        let style = wire.style.unwrap_or_default();
        let settings_sections = settings.sections.unwrap_or_default();
        let settings_style = settings.style.unwrap_or_default();
        let builtin = settings
            .builtin_actors
            .or(wire.builtin_actors)
            .unwrap_or(true);
        let citation_scope = match settings_style
            .citation_scope
            .or(style.citation_scope.clone())
            .as_deref()
        {
            Some("sentence") => CitationScope::Sentence,
            _ => CitationScope::Paragraph,
        };
        if let Some(scope) = &style.citation_scope
            && scope != "sentence"
            && scope != "paragraph"
        {
            file_diagnostics.push(diagnostic(
                RuleCode::InvalidConfig,
                find_key(config_text, "citation-scope"),
                format!("citation-scope `{scope}` is unknown: use \"paragraph\" or \"sentence\""),
            ));
        }

        let actors = workspace_actors(
            wire.actors.unwrap_or_default(),
            config_path.as_deref(),
            config_text,
        );
        let registry = match (builtin, actors.is_empty()) {
            (true, true) => BUILTIN_REGISTRY.clone(),
            (true, false) => Arc::new(Registry::new(
                builtin_actors().iter().cloned().chain(actors),
            )),
            (false, _) => Arc::new(Registry::new(actors)),
        };
        let sources = wire
            .sources
            .unwrap_or_default()
            .into_iter()
            .map(|(key, text)| SourceDefinition {
                key,
                range: span_range(text.span()),
                text: text.into_inner(),
            })
            .collect();

        let mut acronyms: HashSet<String> =
            style.acronyms.unwrap_or_default().into_iter().collect();
        acronyms.extend(settings_style.acronyms.unwrap_or_default());
        let config = Config {
            config_path,
            include: wire.include.unwrap_or_default(),
            builtin_actors: builtin,
            rule_levels,
            required_sections: settings_sections
                .required
                .or(sections.required)
                .unwrap_or_default(),
            bluf: settings_sections.bluf.or(sections.bluf).unwrap_or(false),
            max_sentence_words: settings_style
                .max_sentence_words
                .or(style.max_sentence_words)
                .unwrap_or(DEFAULT_MAX_SENTENCE_WORDS)
                .max(1),
            acronyms,
            citation_scope,
            sources,
            inlay_hints: settings.inlay_hints.unwrap_or(false),
            debounce_ms: settings.debounce_ms.unwrap_or(100).min(2_000),
            registry,
        };
        file_diagnostics.sort_by_key(|d| d.range.start);
        LoadedConfig {
            config: Arc::new(config),
            file_diagnostics,
            file_ok,
        }
    }

    /// The built-in defaults with no file and no settings.
    pub fn defaults() -> Arc<Config> {
        Config::load(None, None).config
    }

    /// The level of `code` before per-file front-matter settings.
    pub fn level(&self, code: RuleCode) -> Option<Severity> {
        match self.rule_levels.get(&code) {
            Some(level) => *level,
            None if code == RuleCode::MissingBluf && !self.bluf => None,
            None => code.default_severity(),
        }
    }
}

fn parse_file(text: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<FileWire> {
    match toml::from_str::<FileWire>(text) {
        Ok(wire) => Some(wire),
        Err(error) => {
            let range = error.span().map_or(TextRange::empty(0), span_range);
            let message = error.message().trim().replace('\n', " ");
            diagnostics.push(diagnostic(
                RuleCode::InvalidConfig,
                range,
                format!("invalid briefing.toml: {message}"),
            ));
            None
        }
    }
}

fn workspace_actors(
    actors: BTreeMap<String, Spanned<ActorWire>>,
    config_path: Option<&str>,
    config_text: &str,
) -> Vec<ActorDefinition> {
    actors
        .into_iter()
        .map(|(id, actor)| {
            // Point at the `[actors.<id>]` header, where a reader expects the definition.
            let header = format!("[actors.{id}]");
            let range = config_text
                .find(&header)
                .map_or(span_range(actor.span()), |i| {
                    TextRange::new(i, i + header.len())
                });
            let actor = actor.into_inner();
            ActorDefinition {
                name: actor.name.unwrap_or_else(|| id.clone()),
                kind: actor
                    .kind
                    .as_deref()
                    .and_then(ActorKind::parse)
                    .unwrap_or(ActorKind::Organization),
                aliases: actor.aliases.unwrap_or_default(),
                role: actor.role,
                affiliation: actor.affiliation,
                description: actor.description,
                url: actor.url,
                origin: ActorOrigin::Workspace {
                    config_path: config_path.unwrap_or(CONFIG_FILE_NAME).to_owned(),
                    range,
                },
                id,
            }
        })
        .collect()
}

fn span_range(span: std::ops::Range<usize>) -> TextRange {
    TextRange::new(span.start, span.end.max(span.start))
}

fn find_key(text: &str, key: &str) -> TextRange {
    text.find(key)
        .map_or(TextRange::empty(0), |i| TextRange::new(i, i + key.len()))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct FileWire {
    include: Option<Vec<String>>,
    builtin_actors: Option<bool>,
    rules: Option<BTreeMap<Spanned<String>, Spanned<String>>>,
    sections: Option<SectionsWire>,
    style: Option<StyleWire>,
    actors: Option<BTreeMap<String, Spanned<ActorWire>>>,
    sources: Option<BTreeMap<String, Spanned<String>>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct SectionsWire {
    required: Option<Vec<String>>,
    bluf: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct StyleWire {
    max_sentence_words: Option<usize>,
    acronyms: Option<Vec<String>>,
    citation_scope: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorWire {
    name: Option<String>,
    kind: Option<String>,
    aliases: Option<Vec<String>>,
    role: Option<String>,
    affiliation: Option<String>,
    description: Option<String>,
    url: Option<String>,
}

/// The editor's `briefing` settings section (camelCase, as VS Code sends it). Unknown keys are
/// ignored: an editor may send settings this version does not know.
#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SettingsWire {
    rules: Option<BTreeMap<String, String>>,
    sections: Option<SettingsSections>,
    style: Option<SettingsStyle>,
    builtin_actors: Option<bool>,
    inlay_hints: Option<bool>,
    debounce_ms: Option<u64>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SettingsSections {
    required: Option<Vec<String>>,
    bluf: Option<bool>,
}

#[derive(Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct SettingsStyle {
    max_sentence_words: Option<usize>,
    acronyms: Option<Vec<String>>,
    citation_scope: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_reported_at_their_place() {
        let text = "[rules]\nno-such-rule = \"warning\"\nlong-sentence = \"loud\"\n";
        let loaded = Config::load(Some(("briefing.toml", text)), None);
        let found: Vec<(RuleCode, &str)> = loaded
            .file_diagnostics
            .iter()
            .map(|d| (d.code, d.range.slice(text)))
            .collect();
        assert_eq!(
            found,
            vec![
                (RuleCode::UnknownRule, "no-such-rule"),
                (RuleCode::InvalidConfig, "\"loud\"")
            ]
        );
    }

    #[test]
    fn syntax_error_keeps_defaults_and_points_at_the_line() {
        let text = "builtin-actors = true\n[style\nmax-sentence-words = 3\n";
        let loaded = Config::load(Some(("briefing.toml", text)), None);
        assert!(!loaded.file_ok);
        assert_eq!(loaded.config.max_sentence_words, DEFAULT_MAX_SENTENCE_WORDS);
        let line = text[..loaded.file_diagnostics[0].range.start]
            .matches('\n')
            .count();
        assert_eq!(line, 1);
    }

    #[test]
    fn settings_override_the_file() {
        let text = "[rules]\nrelative-time = \"off\"\n[style]\nmax-sentence-words = 30\n";
        let settings = serde_json::json!({"rules": {"relative-time": "error"}, "style": {"maxSentenceWords": 25}});
        let loaded = Config::load(Some(("briefing.toml", text)), Some(&settings));
        assert_eq!(
            loaded.config.level(RuleCode::RelativeTime),
            Some(Severity::Error)
        );
        assert_eq!(loaded.config.max_sentence_words, 25);
    }
}
