//! YAML front matter (SPEC §2.1): found at the very top between `---` lines, parsed with
//! serde-saphyr under strict budgets, validated key by key so that one bad value is reported at
//! its place and the rest of the block still counts.

use serde::Deserialize;
use serde_json::Value;
use serde_saphyr::{Budget, Location, Options, Spanned};
use std::collections::BTreeMap;

use crate::actors::{ActorDefinition, ActorKind, ActorOrigin};
use crate::model::{
    Date, DeclaredActor, FrontMatter, ProblemKind, SourceDefinition, SyntaxProblem,
};
use crate::text::TextRange;

/// Front matter larger than this is not parsed: a briefing's metadata is a few hundred bytes,
/// and a huge block is more likely a missing closing fence or hostile input.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// The `---` block at the start of `text`, if any: (whole block range, YAML content range).
/// A BOM before the first fence is allowed.
pub fn find_block(text: &str) -> Option<(TextRange, TextRange)> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = LineIter {
        text,
        offset: start,
    };
    let (first_start, first_end, _) = lines.next()?;
    if text[first_start..first_end].trim_end() != "---" {
        return None;
    }
    let content_start = lines.offset;
    for (line_start, line_end, next) in lines {
        let line = text[line_start..line_end].trim_end();
        if line == "---" || line == "..." {
            return Some((
                TextRange::new(start, next),
                TextRange::new(content_start, line_start),
            ));
        }
    }
    None
}

/// Parses the YAML content at `content` (a range of `text`) into front matter, recording every
/// problem it finds.
pub fn parse(
    text: &str,
    block: TextRange,
    content: TextRange,
    problems: &mut Vec<SyntaxProblem>,
) -> FrontMatter {
    let mut front_matter = FrontMatter {
        range: block,
        title: None,
        date: None,
        bluf: None,
        status: None,
        declared_actors: Vec::new(),
        inline_actors: Vec::new(),
        sources: Vec::new(),
        rule_settings: Vec::new(),
    };
    let yaml = content.slice(text);
    if yaml.len() > MAX_FRONT_MATTER_BYTES {
        problems.push(problem(
            TextRange::new(block.start, block.start + 3),
            format!(
                "front matter is larger than {} KB and was not read; is a closing `---` missing?",
                MAX_FRONT_MATTER_BYTES / 1024
            ),
        ));
        return front_matter;
    }
    if yaml.trim().is_empty() {
        return front_matter;
    }
    let wire: Wire = match serde_saphyr::from_str_with_options(yaml, options()) {
        Ok(wire) => wire,
        Err(error) => {
            let range = error
                .location()
                .map(|location| location_range(yaml, content.start, &location))
                .unwrap_or(TextRange::new(block.start, block.start + 3));
            problems.push(problem(
                range,
                format!("invalid front matter: {}", error_message(&error)),
            ));
            return front_matter;
        }
    };
    let mut reader = Reader {
        yaml,
        base: content.start,
        problems,
    };
    front_matter.title = wire.title.and_then(|v| reader.string("title", v));
    front_matter.bluf = wire.bluf.and_then(|v| reader.string("bluf", v));
    if let Some(status) = wire.status {
        let range = reader.range(&status.referenced);
        front_matter.status = reader.string("status", status);
        if let Some(status) = &front_matter.status
            && !matches!(status.as_str(), "draft" | "review" | "final")
        {
            reader.problems.push(problem(
                range,
                format!("unknown status `{status}`: use draft, review or final"),
            ));
        }
    }
    if let Some(date) = wire.date {
        let range = reader.range(&date.referenced);
        match reader.string("date", date).as_deref().map(parse_date) {
            Some(Some(parsed)) => front_matter.date = Some(parsed),
            Some(None) => reader
                .problems
                .push(problem(range, "`date` must be a date written YYYY-MM-DD")),
            None => {}
        }
    }
    if let Some(actors) = wire.actors {
        let range = reader.range(&actors.referenced);
        match actors.value {
            Value::Array(_) => {
                match serde_saphyr::from_str_with_options::<ActorList>(yaml, options()) {
                    Ok(list) => reader.actors(list.actors, &mut front_matter),
                    Err(_) => reader.problems.push(problem(
                        range,
                        "an entry of `actors` must be an actor id or a map with `id` and `name`",
                    )),
                }
            }
            // `actors: mali`: one id.
            Value::String(reference) => reader.actor_id(reference, range, &mut front_matter),
            Value::Null => {}
            _ => reader.problems.push(problem(
                range,
                "`actors` must be a list of actor ids or definitions",
            )),
        }
    }
    if let Some(sources) = wire.sources {
        let range = reader.range(&sources.referenced);
        match sources.value {
            Value::Object(_) => {
                match serde_saphyr::from_str_with_options::<SourceMap>(yaml, options()) {
                    Ok(map) => reader.sources(map.sources, &mut front_matter),
                    Err(_) => reader.problems.push(problem(
                        range,
                        "`sources` must map citation keys to references",
                    )),
                }
            }
            Value::Null => {}
            _ => reader.problems.push(problem(
                range,
                "`sources` must map citation keys to references",
            )),
        }
    }
    if let Some(briefing) = wire.briefing {
        reader.rule_settings(briefing, &mut front_matter);
    }
    front_matter
}

fn options() -> Options {
    // Small limits: a briefing's front matter has tens of nodes. These stop alias bombs
    // ("billion laughs") and deep nesting long before they cost time or memory.
    let mut options = Options {
        with_snippet: false,
        ..Options::default()
    };
    options.budget = Some(Budget {
        max_events: 100_000,
        max_aliases: 1_000,
        max_anchors: 1_000,
        max_depth: 64,
        max_nodes: 50_000,
        max_total_scalar_bytes: MAX_FRONT_MATTER_BYTES,
        ..Budget::default()
    });
    options.alias_limits.max_total_replayed_events = 10_000;
    options.alias_limits.max_alias_expansions_per_anchor = 100;
    options
}

/// Known keys; unknown keys (`tags`, `source_url`…) are allowed and ignored.
#[derive(Deserialize)]
struct Wire {
    title: Option<Spanned<Value>>,
    date: Option<Spanned<Value>>,
    bluf: Option<Spanned<Value>>,
    status: Option<Spanned<Value>>,
    // Read loosely first, so that `actors: mali` or `sources: none` is one problem at its place
    // rather than a failed block that loses the title, the sources and every other key.
    actors: Option<Spanned<Value>>,
    sources: Option<Spanned<Value>>,
    briefing: Option<Spanned<Value>>,
}

/// The second, typed read of `actors` when it is a list: each entry keeps its own place.
#[derive(Deserialize)]
struct ActorList {
    actors: Spanned<Vec<Spanned<Value>>>,
}

/// The second, typed read of `sources` when it is a map: each value keeps its own place.
#[derive(Deserialize)]
struct SourceMap {
    sources: Spanned<BTreeMap<String, Spanned<Value>>>,
}

struct Reader<'a> {
    yaml: &'a str,
    base: usize,
    problems: &'a mut Vec<SyntaxProblem>,
}

impl Reader<'_> {
    fn range(&self, location: &Location) -> TextRange {
        location_range(self.yaml, self.base, location)
    }

    /// A scalar as a string; numbers and booleans are accepted as written.
    fn string(&mut self, key: &str, value: Spanned<Value>) -> Option<String> {
        match value.value {
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null => None,
            _ => {
                let range = self.range(&value.referenced);
                self.problems
                    .push(problem(range, format!("`{key}` must be text")));
                None
            }
        }
    }

    fn actors(&mut self, actors: Spanned<Vec<Spanned<Value>>>, front_matter: &mut FrontMatter) {
        for entry in actors.value {
            let range = self.range(&entry.referenced);
            match entry.value {
                Value::String(reference) => self.actor_id(reference, range, front_matter),
                Value::Object(map) => match actor_from_map(&map, range) {
                    Ok(actor) => {
                        front_matter.declared_actors.push(DeclaredActor {
                            reference: actor.id.clone(),
                            range,
                        });
                        front_matter.inline_actors.push(actor);
                    }
                    Err(message) => self.problems.push(problem(range, message)),
                },
                _ => self.problems.push(problem(
                    range,
                    "an entry of `actors` must be an actor id or a map with `id` and `name`",
                )),
            }
        }
    }

    fn actor_id(&mut self, reference: String, range: TextRange, front_matter: &mut FrontMatter) {
        // `"@kallas"` is written the way the prose mentions the actor: the id is `kallas`.
        let reference = match reference.trim().strip_prefix('@') {
            Some(id) => id.to_owned(),
            None => reference,
        };
        front_matter
            .declared_actors
            .push(DeclaredActor { reference, range });
    }

    fn sources(
        &mut self,
        sources: Spanned<BTreeMap<String, Spanned<Value>>>,
        front_matter: &mut FrontMatter,
    ) {
        for (key, value) in sources.value {
            let value_range = self.range(&value.referenced);
            // Point at the key, which is what a citation names.
            let before = &self.yaml[..value_range
                .start
                .saturating_sub(self.base)
                .min(self.yaml.len())];
            let range = before.rfind(key.as_str()).map_or(value_range, |i| {
                TextRange::new(self.base + i, self.base + i + key.len())
            });
            if let Some(text) = self.string("sources", value) {
                front_matter
                    .sources
                    .push(SourceDefinition { key, text, range });
            }
        }
    }

    fn rule_settings(&mut self, briefing: Spanned<Value>, front_matter: &mut FrontMatter) {
        let range = self.range(&briefing.referenced);
        // Accept both `briefing: {rule: level}` and `briefing: {rules: {rule: level}}`.
        let map = match briefing.value {
            Value::Object(mut map) => match map.remove("rules") {
                Some(Value::Object(rules)) => rules,
                _ => map,
            },
            Value::Null => return,
            _ => {
                self.problems.push(problem(
                    range,
                    "`briefing` must map rule names to severities",
                ));
                return;
            }
        };
        for (rule, level) in map {
            // Point at the rule's name, searched from the start of the `briefing` value.
            let block = &self.yaml[(range.start - self.base).min(self.yaml.len())..];
            let rule_range = block.find(rule.as_str()).map_or(range, |i| {
                TextRange::new(range.start + i, range.start + i + rule.len())
            });
            match level {
                Value::String(level) => front_matter.rule_settings.push((rule, level, rule_range)),
                // YAML 1.1 reads a bare `off` as false.
                Value::Bool(false) => {
                    front_matter
                        .rule_settings
                        .push((rule, "off".into(), rule_range))
                }
                _ => self.problems.push(problem(
                    rule_range,
                    format!(
                        "the severity of `{rule}` must be one of off, hint, info, warning, error"
                    ),
                )),
            }
        }
    }
}

fn actor_from_map(
    map: &serde_json::Map<String, Value>,
    range: TextRange,
) -> Result<ActorDefinition, String> {
    let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_owned);
    let id = text("id").ok_or("an inline actor needs an `id`")?;
    let name = text("name").unwrap_or_else(|| id.clone());
    let kind = match text("kind") {
        Some(kind) => ActorKind::parse(&kind).ok_or_else(|| {
            format!("unknown actor kind `{kind}`: use person, state, government, organization, group or place")
        })?,
        None => ActorKind::Organization,
    };
    let aliases = match map.get("aliases") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(Value::String(alias)) => vec![alias.clone()],
        _ => Vec::new(),
    };
    Ok(ActorDefinition {
        id,
        name,
        kind,
        aliases,
        role: text("role"),
        affiliation: text("affiliation"),
        description: text("description"),
        url: text("url"),
        origin: ActorOrigin::FrontMatter { range },
    })
}

/// `YYYY-MM-DD` with a real calendar day.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i32 = text[0..4].parse().ok()?;
    let month: u32 = text[5..7].parse().ok()?;
    let day: u32 = text[8..10].parse().ok()?;
    let date = Date { year, month, day };
    ((1..=12).contains(&month) && day >= 1 && day <= date.days_in_month()).then_some(date)
}

fn location_range(yaml: &str, base: usize, location: &Location) -> TextRange {
    let span = location.span();
    if let (Some(offset), Some(len)) = (span.byte_offset(), span.byte_len()) {
        let start = crate::text::floor_char_boundary(yaml, offset as usize);
        let mut end = (start + (len as usize).max(1)).min(yaml.len());
        // A one-byte span can end inside a multi-byte character (an emoji where a key was
        // expected): widen it to the whole character, or slicing the text with it panics
        // (`check`'s snippet renderer did).
        while !yaml.is_char_boundary(end) {
            end += 1;
        }
        return TextRange::new(base + start, base + end.max(start));
    }
    // Fall back to the 1-based line and column, which are counted in characters.
    let line = (location.line() as usize).saturating_sub(1);
    let line_start = yaml
        .split_inclusive('\n')
        .take(line)
        .map(str::len)
        .sum::<usize>();
    let line_text = yaml[line_start.min(yaml.len())..]
        .lines()
        .next()
        .unwrap_or("");
    let column = (location.column() as usize).saturating_sub(1);
    let start = line_start
        + line_text
            .char_indices()
            .nth(column)
            .map_or(line_text.len(), |(i, _)| i);
    let end = line_start + line_text.len();
    TextRange::new(
        base + start.min(yaml.len()),
        base + end.max(start).min(yaml.len()),
    )
}

/// The error text without serde-saphyr's own "at line X column Y": the diagnostic has a range.
fn error_message(error: &serde_saphyr::Error) -> String {
    let message = error.without_snippet().to_string();
    match message.find(" at line ") {
        Some(index) => message[..index].to_owned(),
        None => message,
    }
}

fn problem(range: TextRange, message: impl Into<String>) -> SyntaxProblem {
    SyntaxProblem {
        kind: ProblemKind::InvalidFrontMatter,
        range,
        message: message.into(),
    }
}

/// Lines as (start, end without line ending, start of the next line).
struct LineIter<'a> {
    text: &'a str,
    offset: usize,
}

impl Iterator for LineIter<'_> {
    type Item = (usize, usize, usize);

    fn next(&mut self) -> Option<Self::Item> {
        if self.offset >= self.text.len() {
            return None;
        }
        let start = self.offset;
        let rest = &self.text.as_bytes()[start..];
        let (end, next) = match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(i) if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') => {
                (start + i, start + i + 2)
            }
            Some(i) => (start + i, start + i + 1),
            None => (self.text.len(), self.text.len()),
        };
        self.offset = next;
        Some((start, end, next))
    }
}

impl Date {
    pub fn days_in_month(&self) -> u32 {
        match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            _ => {
                let leap = (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0;
                if leap { 29 } else { 28 }
            }
        }
    }
}
