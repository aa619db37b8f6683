//! The outside panel that brings an on-site 12-step meeting in: the group
//! ("Sunrise Group of NA") and its members by first name, which everyone
//! who sees the meeting may read, and how staff reach the panel, which only
//! staff may read.
//!
//! The two halves are separate types on purpose: [`Panel`] is what clients
//! get and has no contact fields at all; [`PanelContact`] is only ever
//! built for staff.

use crate::i18n::{Message, m};
use serde::{Deserialize, Serialize};

use super::validation::{FieldErrors, optional_text};

pub const GROUP_MAX: usize = 120;
pub const FIRST_NAME_MAX: usize = 40;
pub const MEMBERS_MAX: usize = 12;
pub const PHONE_MAX: usize = 40;
pub const NOTES_MAX: usize = 1000;

/// What anyone who sees the meeting may read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Panel {
    /// The group bringing the meeting, e.g. "Sunrise Group of NA".
    pub group: String,
    /// First names only (a last initial at most), in the order given.
    pub members: Vec<String>,
}

impl Panel {
    pub fn is_empty(&self) -> bool {
        self.group.is_empty() && self.members.is_empty()
    }
}

/// How staff coordinate with the panel. Staff only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelContact {
    pub phone: String,
    pub email: String,
    pub notes: String,
}

impl PanelContact {
    pub fn is_empty(&self) -> bool {
        self.phone.is_empty() && self.email.is_empty() && self.notes.is_empty()
    }
}

/// The panel form as the browser sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelForm {
    #[serde(default)]
    pub group: String,
    /// One first name per line (commas also separate).
    #[serde(default)]
    pub members: String,
    #[serde(default)]
    pub contact_phone: String,
    #[serde(default)]
    pub contact_email: String,
    #[serde(default)]
    pub contact_notes: String,
}

/// Checks one panel member's name against the anonymity rule: a single
/// first name of letters (hyphens and apostrophes inside it are fine),
/// optionally followed by one last initial. "Mike", "Mike R.", "Mary-Ann",
/// "D'Andre" and "José" pass; "Mike Rogers", "Mary Ann Smith", "mike@x.org"
/// and "555-1234" do not.
pub fn check_first_name(input: &str) -> Result<String, Message> {
    let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(m::panel_first_name_required());
    }
    if name.chars().count() > FIRST_NAME_MAX {
        return Err(m::panel_first_name_too_long(&name, FIRST_NAME_MAX));
    }
    let mut words = name.split(' ');
    let first = words.next().unwrap_or("");
    let initial = words.next();
    let more = words.next().is_some();
    let is_word = |w: &str| {
        w.chars().next().is_some_and(char::is_alphabetic)
            && w.chars().last().is_some_and(char::is_alphabetic)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
    };
    let is_initial = |w: &str| {
        let letters: Vec<char> = w.trim_end_matches('.').chars().collect();
        letters.len() == 1
            && letters[0].is_alphabetic()
            && w.len() - w.trim_end_matches('.').len() <= 1
    };
    if !is_word(first) {
        return Err(m::panel_not_a_first_name(&name));
    }
    match initial {
        None => Ok(name),
        Some(initial) if !more && is_initial(initial) => Ok(name),
        Some(_) => Err(m::panel_full_name(&name)),
    }
}

/// A checked panel: what clients may see, and the staff-only contact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PanelDraft {
    pub panel: Panel,
    pub contact: PanelContact,
}

impl PanelDraft {
    /// Checks every field, reporting each problem at its field (`group`,
    /// `members`, `contact_phone`, `contact_email`, `contact_notes`).
    pub fn check(
        group: &str,
        names: &[&str],
        phone: &str,
        email: &str,
        notes: &str,
    ) -> Result<PanelDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let group = optional_text(
            &mut errors,
            "group",
            m::field_group_name(),
            group,
            GROUP_MAX,
        );
        if names.len() > MEMBERS_MAX {
            errors.add("members", m::panel_too_many_members(MEMBERS_MAX));
        }
        let mut members = Vec::new();
        for name in names {
            match check_first_name(name) {
                Ok(name) => members.push(name),
                Err(message) => errors.add("members", message),
            }
        }
        let phone = check_phone(&mut errors, phone);
        let email = if email.trim().is_empty() {
            String::new()
        } else {
            super::person::parse_email(&mut errors, "contact_email", email)
        };
        let notes = optional_text(
            &mut errors,
            "contact_notes",
            m::field_notes(),
            notes,
            NOTES_MAX,
        );
        errors.into_result(PanelDraft {
            panel: Panel { group, members },
            contact: PanelContact {
                phone,
                email,
                notes,
            },
        })
    }

    /// Nothing at all: saving it removes the panel.
    pub fn is_empty(&self) -> bool {
        self.panel.is_empty() && self.contact.is_empty()
    }
}

fn check_phone(errors: &mut FieldErrors, input: &str) -> String {
    let phone = input.trim().to_owned();
    if phone.is_empty() {
        return phone;
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let shape_ok = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().x".contains(c));
    if !shape_ok || !(7..=20).contains(&digits) || phone.chars().count() > PHONE_MAX {
        errors.add("contact_phone", m::panel_phone_invalid(&phone));
    }
    phone
}

impl PanelForm {
    /// Names from the members box: one per line, or separated by commas;
    /// blank lines ignored.
    pub fn member_lines(&self) -> Vec<&str> {
        self.members
            .split(['\n', ','])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    }

    pub fn parse(&self) -> Result<PanelDraft, FieldErrors> {
        PanelDraft::check(
            &self.group,
            &self.member_lines(),
            &self.contact_phone,
            &self.contact_email,
            &self.contact_notes,
        )
    }

    /// The form pre-filled for editing.
    pub fn from_parts(panel: &Panel, contact: &PanelContact) -> Self {
        PanelForm {
            group: panel.group.clone(),
            members: panel.members.join("\n"),
            contact_phone: contact.phone.clone(),
            contact_email: contact.email.clone(),
            contact_notes: contact.notes.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_names_and_last_initials_pass() {
        for name in [
            "Mike", "Mike R.", "Mike R", "Mary-Ann", "D'Andre", "José", "  Ana  ",
        ] {
            assert!(check_first_name(name).is_ok(), "{name}");
        }
        assert_eq!(check_first_name("  Mike   R. ").unwrap(), "Mike R.");
    }

    #[test]
    fn full_names_and_contact_details_are_refused() {
        for name in [
            "Mike Rogers",
            "Mary Ann",
            "Mary Ann Smith",
            "Mike R. Jr",
            "Mike RR.",
            "mike@example.org",
            "555-1234",
            "Dr. Mike",
            "R2D2",
            "",
        ] {
            assert!(check_first_name(name).is_err(), "{name}");
        }
        assert!(
            check_first_name("Mike Rogers")
                .unwrap_err()
                .to_string()
                .contains("looks like a full name")
        );
    }

    #[test]
    fn the_form_reports_every_refused_name_at_the_members_field() {
        let form = PanelForm {
            group: "Sunrise Group of NA".into(),
            members: "Dana\nMike Rogers, Li\n\nSam Smith".into(),
            contact_phone: "call me".into(),
            contact_email: "not-an-email".into(),
            contact_notes: String::new(),
        };
        let errors = form.parse().unwrap_err();
        let members: Vec<String> = errors
            .all("members")
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(members.len(), 2, "{members:?}");
        assert!(members[0].contains("Mike Rogers") && members[1].contains("Sam Smith"));
        assert!(!members.iter().any(|m| m.contains("Dana")));
        assert!(errors.get("contact_phone").is_some());
        assert!(errors.get("contact_email").is_some());
    }

    #[test]
    fn a_good_form_splits_names_on_lines_and_commas() {
        let form = PanelForm {
            group: " Sunrise Group of NA ".into(),
            members: "Dana\r\nMike R., Li\n".into(),
            contact_phone: "+1 (555) 123-4567".into(),
            contact_email: "Sunrise@Example.org".into(),
            contact_notes: "Arrive 15 min early".into(),
        };
        let draft = form.parse().unwrap();
        assert_eq!(draft.panel.group, "Sunrise Group of NA");
        assert_eq!(draft.panel.members, vec!["Dana", "Mike R.", "Li"]);
        assert_eq!(draft.contact.email, "sunrise@example.org");
        assert!(!draft.is_empty());
        assert!(PanelForm::default().parse().unwrap().is_empty());
    }
}
