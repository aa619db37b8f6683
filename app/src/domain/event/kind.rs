//! The kinds of event (karaoke, potluck, 12-step meeting, …) and their
//! stable names.

use serde::{Deserialize, Serialize};

use crate::i18n::{Message, m};

/// What sort of gathering an event is. Each kind brings its own features
/// (song queue, dish slots, transport, …) as Hearth grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Karaoke,
    Potluck,
    TwelveStep,
    Holiday,
    Outing,
    Recreation,
    Other,
}

impl EventKind {
    pub const ALL: [EventKind; 7] = [
        EventKind::Karaoke,
        EventKind::Potluck,
        EventKind::TwelveStep,
        EventKind::Holiday,
        EventKind::Outing,
        EventKind::Recreation,
        EventKind::Other,
    ];

    /// The stable machine name, as used in URLs, the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Karaoke => "karaoke",
            EventKind::Potluck => "potluck",
            EventKind::TwelveStep => "twelve_step",
            EventKind::Holiday => "holiday",
            EventKind::Outing => "outing",
            EventKind::Recreation => "recreation",
            EventKind::Other => "other",
        }
    }

    /// A shape per kind that survives black-and-white printing.
    pub fn symbol(self) -> &'static str {
        match self {
            EventKind::Karaoke => "♪",
            EventKind::Potluck => "●",
            EventKind::TwelveStep => "◆",
            EventKind::Holiday => "★",
            EventKind::Outing => "▲",
            EventKind::Recreation => "■",
            EventKind::Other => "○",
        }
    }

    pub fn parse(input: &str) -> Result<Self, Message> {
        let input = input.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == input)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|k| k.as_str()).collect();
                m::event_kind_unknown(input, names.join(", "))
            })
    }
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
