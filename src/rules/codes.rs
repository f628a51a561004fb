//! The closed set of rule codes, with names, default severities and documentation links given
//! by exhaustive matches (no `_` arm), so a new rule cannot miss one.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleCode {
    VagueAttribution,
    AnonymousSource,
    UnsupportedClaim,
    MissingActor,
    VagueActor,
    UnknownActor,
    UndeclaredActor,
    UnusedActor,
    EstimativeLanguage,
    RelativeTime,
    UndefinedAcronym,
    BrokenSectionLink,
    DanglingFootnote,
    UnusedFootnote,
    DuplicateSection,
    EmptySection,
    MissingSection,
    MissingBluf,
    LongSentence,
    ReviewNote,
    InvalidFrontMatter,
    InvalidConfig,
    UnknownRule,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

/// Where rule documentation lives; each rule has an anchor in `docs/rules.md`.
pub const DOCS_BASE: &str = "https://github.com/briefing-lsp/briefing-lsp/blob/main/docs/rules.md";

impl RuleCode {
    pub const ALL: [RuleCode; 23] = [
        RuleCode::VagueAttribution,
        RuleCode::AnonymousSource,
        RuleCode::UnsupportedClaim,
        RuleCode::MissingActor,
        RuleCode::VagueActor,
        RuleCode::UnknownActor,
        RuleCode::UndeclaredActor,
        RuleCode::UnusedActor,
        RuleCode::EstimativeLanguage,
        RuleCode::RelativeTime,
        RuleCode::UndefinedAcronym,
        RuleCode::BrokenSectionLink,
        RuleCode::DanglingFootnote,
        RuleCode::UnusedFootnote,
        RuleCode::DuplicateSection,
        RuleCode::EmptySection,
        RuleCode::MissingSection,
        RuleCode::MissingBluf,
        RuleCode::LongSentence,
        RuleCode::ReviewNote,
        RuleCode::InvalidFrontMatter,
        RuleCode::InvalidConfig,
        RuleCode::UnknownRule,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RuleCode::VagueAttribution => "vague-attribution",
            RuleCode::AnonymousSource => "anonymous-source",
            RuleCode::UnsupportedClaim => "unsupported-claim",
            RuleCode::MissingActor => "missing-actor",
            RuleCode::VagueActor => "vague-actor",
            RuleCode::UnknownActor => "unknown-actor",
            RuleCode::UndeclaredActor => "undeclared-actor",
            RuleCode::UnusedActor => "unused-actor",
            RuleCode::EstimativeLanguage => "estimative-language",
            RuleCode::RelativeTime => "relative-time",
            RuleCode::UndefinedAcronym => "undefined-acronym",
            RuleCode::BrokenSectionLink => "broken-section-link",
            RuleCode::DanglingFootnote => "dangling-footnote",
            RuleCode::UnusedFootnote => "unused-footnote",
            RuleCode::DuplicateSection => "duplicate-section",
            RuleCode::EmptySection => "empty-section",
            RuleCode::MissingSection => "missing-section",
            RuleCode::MissingBluf => "missing-bluf",
            RuleCode::LongSentence => "long-sentence",
            RuleCode::ReviewNote => "review-note",
            RuleCode::InvalidFrontMatter => "invalid-front-matter",
            RuleCode::InvalidConfig => "invalid-config",
            RuleCode::UnknownRule => "unknown-rule",
        }
    }

    pub fn from_name(name: &str) -> Option<RuleCode> {
        RuleCode::ALL.into_iter().find(|code| code.name() == name)
    }

    /// `None` means off by default.
    pub fn default_severity(self) -> Option<Severity> {
        Some(match self {
            RuleCode::VagueAttribution
            | RuleCode::AnonymousSource
            | RuleCode::UnsupportedClaim
            | RuleCode::MissingActor
            | RuleCode::UndeclaredActor
            | RuleCode::BrokenSectionLink
            | RuleCode::DuplicateSection
            | RuleCode::MissingSection => Severity::Warning,
            RuleCode::VagueActor
            | RuleCode::EstimativeLanguage
            | RuleCode::UndefinedAcronym
            | RuleCode::EmptySection
            | RuleCode::MissingBluf => Severity::Info,
            RuleCode::UnusedActor
            | RuleCode::RelativeTime
            | RuleCode::UnusedFootnote
            | RuleCode::LongSentence
            | RuleCode::ReviewNote => Severity::Hint,
            RuleCode::UnknownActor
            | RuleCode::DanglingFootnote
            | RuleCode::InvalidFrontMatter
            | RuleCode::InvalidConfig
            | RuleCode::UnknownRule => Severity::Error,
        })
    }

    /// One line saying what the rule flags, for help texts and SARIF.
    pub fn summary(self) -> &'static str {
        match self {
            RuleCode::VagueAttribution => {
                "A claim attributed to an unnamed group (\"analysts say\")."
            }
            RuleCode::AnonymousSource => {
                "Attribution to unnamed sources (\"officials familiar with…\")."
            }
            RuleCode::UnsupportedClaim => {
                "A checkable statement with no citation and no named source."
            }
            RuleCode::MissingActor => {
                "An agentless statement that hides who acted (\"was decided\")."
            }
            RuleCode::VagueActor => {
                "An unnamed group as the subject of an action (\"several states pledged\")."
            }
            RuleCode::UnknownActor => "An @reference that resolves to no actor.",
            RuleCode::UndeclaredActor => {
                "A known actor mentioned but not declared in front-matter actors."
            }
            RuleCode::UnusedActor => "A declared actor that is never mentioned.",
            RuleCode::EstimativeLanguage => {
                "A non-standard hedge, or mixed probability language (ICD 203)."
            }
            RuleCode::RelativeTime => {
                "Relative time that goes stale (\"last week\", \"in the coming days\")."
            }
            RuleCode::UndefinedAcronym => "An acronym used before it is spelled out.",
            RuleCode::BrokenSectionLink => "A link to a section that does not exist.",
            RuleCode::DanglingFootnote => "A footnote or citation with no definition.",
            RuleCode::UnusedFootnote => "A footnote definition or source that is never cited.",
            RuleCode::DuplicateSection => "Two headings with the same text under one parent.",
            RuleCode::EmptySection => "A heading with no text under it.",
            RuleCode::MissingSection => "A required section is absent.",
            RuleCode::MissingBluf => "No bottom line up front.",
            RuleCode::LongSentence => "A sentence longer than the configured maximum.",
            RuleCode::ReviewNote => "An open CriticMarkup comment or change.",
            RuleCode::InvalidFrontMatter => "Front matter that cannot be read.",
            RuleCode::InvalidConfig => "A briefing.toml that cannot be read.",
            RuleCode::UnknownRule => "An unknown rule name in settings or a suppression.",
        }
    }

    pub fn docs_url(self) -> String {
        format!("{DOCS_BASE}#{}", self.name())
    }
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses a configured level: `Some(None)` is "off", `None` is not a level at all.
    pub fn parse_level(text: &str) -> Option<Option<Severity>> {
        match text.trim().to_ascii_lowercase().as_str() {
            "off" | "none" | "false" => Some(None),
            "hint" => Some(Some(Severity::Hint)),
            "info" | "information" => Some(Some(Severity::Info)),
            "warning" | "warn" => Some(Some(Severity::Warning)),
            "error" => Some(Some(Severity::Error)),
            _ => None,
        }
    }
}
