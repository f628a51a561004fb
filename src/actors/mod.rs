//! Actors (SPEC §3): who a briefing is about. Definitions come from three registries merged by
//! id (built-in gazetteer, `briefing.toml`, front matter); mentions are found by name in one
//! Aho-Corasick pass or written explicitly as `@ref`.

mod gazetteer;
mod matcher;
mod name_trie;
mod piece_names;
mod registry;

pub use gazetteer::builtin_actors;
pub use matcher::NameMatch;
pub use piece_names::{DOUBLE_SPACE, PieceNames};
pub use registry::{ActorMatch, ActorSet, Registry};

use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActorKind {
    Person,
    State,
    Government,
    Organization,
    Group,
    Place,
}

impl ActorKind {
    pub fn parse(text: &str) -> Option<ActorKind> {
        match text.trim().to_ascii_lowercase().as_str() {
            "person" => Some(ActorKind::Person),
            "state" | "country" => Some(ActorKind::State),
            "government" => Some(ActorKind::Government),
            "organization" | "organisation" => Some(ActorKind::Organization),
            "group" => Some(ActorKind::Group),
            "place" => Some(ActorKind::Place),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::State => "state",
            ActorKind::Government => "government",
            ActorKind::Organization => "organization",
            ActorKind::Group => "group",
            ActorKind::Place => "place",
        }
    }
}

/// Where an actor was defined: the server's go-to-definition target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActorOrigin {
    Builtin,
    /// An `[actors.<id>]` table of a `briefing.toml`; the range is in that file.
    Workspace {
        config_path: String,
        range: TextRange,
    },
    /// An inline definition in the document's front matter.
    FrontMatter {
        range: TextRange,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorDefinition {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub origin: ActorOrigin,
}
