//! What only 12-step meetings have: the fellowship and the Meeting Guide
//! meeting types.

use serde::{Deserialize, Serialize};

use crate::i18n::{Message, m};

/// The fellowship a 12-step meeting belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Fellowship {
    Aa,
    Na,
    Ca,
    Cma,
    AlAnon,
    Other,
}

impl Fellowship {
    pub const ALL: [Fellowship; 6] = [
        Fellowship::Aa,
        Fellowship::Na,
        Fellowship::Ca,
        Fellowship::Cma,
        Fellowship::AlAnon,
        Fellowship::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Fellowship::Aa => "aa",
            Fellowship::Na => "na",
            Fellowship::Ca => "ca",
            Fellowship::Cma => "cma",
            Fellowship::AlAnon => "al_anon",
            Fellowship::Other => "other",
        }
    }

    pub fn parse(input: &str) -> Result<Self, Message> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == input.trim())
            .ok_or_else(|| m::event_fellowship_unknown(input))
    }
}

/// Meeting Guide meeting type codes (their names are the `meeting-type`
/// messages in `app/locales`), as in the
/// current spec (<https://github.com/code4recovery/spec>, `data/types.json`),
/// grouped by what they say: format, literature, who it is for, language,
/// access. `ONL` (Online) is no longer in the spec but older feeds and
/// Hearth events still carry it, so it stays readable.
pub const MEETING_TYPES: &[&str] = &[
    "O", "C", "SP", "D", "B", "ST", "TR", "BE", "LIT", "MED", "11", "12x12", "ABSI", "DR", "GR",
    "LS", "H", "CAN", "BRK", "AL", "AL-AN", "W", "M", "Y", "SEN", "P", "LGBTQ", "G", "L", "T",
    "BI", "NB", "POC", "N", "NDG", "A", "DD", "EN", "S", "AM", "DA", "DE", "EL", "FA", "FR", "HE",
    "HI", "HR", "HU", "ITA", "JA", "KOR", "LT", "ML", "NO", "POL", "POR", "PUN", "RUS", "SK", "SV",
    "TH", "TL", "UK", "ASL", "X", "XB", "FF", "CF", "BA", "OUT", "SM", "XT", "POA", "DB", "TC",
    "ONL",
];

/// Whether Hearth knows a Meeting Guide type code.
pub fn is_meeting_type(code: &str) -> bool {
    MEETING_TYPES.contains(&code)
}

/// What only 12-step meetings have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwelveStep {
    pub fellowship: Fellowship,
    /// Meeting Guide codes, in the order of [`MEETING_TYPES`].
    pub types: Vec<String>,
}

impl TwelveStep {
    /// Checks the codes and puts them in the canonical order.
    pub fn new(fellowship: Fellowship, codes: &[String]) -> Result<Self, Message> {
        let mut unknown = Vec::new();
        for code in codes {
            if !is_meeting_type(code.trim()) {
                unknown.push(code.trim().to_owned());
            }
        }
        if !unknown.is_empty() {
            return Err(m::event_meeting_types_unknown(
                unknown.len(),
                unknown.join(", "),
            ));
        }
        let types = MEETING_TYPES
            .iter()
            .filter(|code| codes.iter().any(|c| c.trim() == **code))
            .map(|code| (*code).to_owned())
            .collect();
        Ok(TwelveStep { fellowship, types })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_types_read_as_codes_with_their_names() {
        let codes: Vec<String> = ["O", "D", "BE", "ZZ"].map(String::from).to_vec();
        assert_eq!(
            crate::i18n::Tr::default().describe_meeting_types(&codes),
            "O Open · D Discussion · BE Newcomer · ZZ"
        );
        // The current spec's codes, including those added since 2024.
        for code in ["AL-AN", "BRK", "NB", "NDG", "P", "TC", "DB", "KOR", "UK"] {
            assert!(is_meeting_type(code), "{code}");
        }
        let mut seen = std::collections::HashSet::new();
        assert!(MEETING_TYPES.iter().all(|code| seen.insert(*code)));
        // Every code has a name (a message of its own, so every language
        // has one: the build checks).
        for code in MEETING_TYPES {
            let id = format!("meeting-type-{code}");
            assert!(crate::i18n::MsgId::from_id(&id).is_some(), "{id}");
        }
    }
}
