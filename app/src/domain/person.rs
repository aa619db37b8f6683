//! People, their roles, and what each role may do.

use serde::{Deserialize, Serialize};

use super::validation::FieldErrors;

pub const NAME_MAX: usize = 100;
pub const EMAIL_MAX: usize = 254;
pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 1024;

/// Database id of a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PersonId(pub i64);

impl std::fmt::Display for PersonId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages accounts and the facility's settings.
    Admin,
    /// Coordinators and therapists who plan the month.
    RecreationStaff,
    /// Clinicians, techs and drivers.
    Staff,
    /// A person in residential care.
    Client,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::RecreationStaff,
        Role::Staff,
        Role::Client,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::RecreationStaff => "recreation_staff",
            Role::Staff => "staff",
            Role::Client => "client",
        }
    }

    /// Accepts the stored names and the CLI's hyphenated spelling.
    pub fn parse(input: &str) -> Result<Self, String> {
        let normalized = input.trim().replace('-', "_");
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == normalized)
            .ok_or_else(|| {
                format!(
                    "\"{input}\" is not a role; choose admin, recreation_staff, staff or client."
                )
            })
    }

    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Client)
    }

    pub fn can(self, action: Action) -> bool {
        allowed(self, action)
    }

    /// Whether people with this role see events for `audience`: staff see
    /// everything, clients never see staff-only events.
    pub fn sees(self, audience: crate::domain::event::Audience) -> bool {
        self.is_staff() || audience != crate::domain::event::Audience::Staff
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything a signed-in person may ask Hearth to do. The table in
/// [`allowed`] is the one place that decides; pages, server functions and
/// the JSON API all ask it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See the facility's events.
    ViewEvents,
    /// Create, edit and cancel events.
    ManageEvents,
    /// Create personal API tokens for oneself.
    UseApi,
    /// Change the facility's name, time zone and settings.
    ManageFacility,
}

/// The role × action table.
pub fn allowed(role: Role, action: Action) -> bool {
    use Action::*;
    use Role::*;
    match action {
        ViewEvents => true,
        ManageEvents | UseApi => matches!(role, Admin | RecreationStaff | Staff),
        ManageFacility => matches!(role, Admin),
    }
}

/// Normalizes an e-mail address for storage and lookup: trimmed, lower case.
/// Checks only the shape; deliverability is the mail server's business.
pub fn parse_email(errors: &mut FieldErrors, field: &str, input: &str) -> String {
    let email = input.trim().to_lowercase();
    let shape_ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if email.is_empty() {
        errors.add(field, "E-mail is required.");
    } else if !shape_ok || email.len() > EMAIL_MAX {
        errors.add(
            field,
            format!("\"{}\" is not an e-mail address.", input.trim()),
        );
    }
    email
}

/// Checks a new password against the (deliberately simple) policy: long
/// enough to resist guessing, short enough to hash cheaply.
pub fn check_new_password(errors: &mut FieldErrors, field: &str, password: &str) {
    let len = password.chars().count();
    if len < PASSWORD_MIN {
        errors.add(
            field,
            format!("Use a password of at least {PASSWORD_MIN} characters."),
        );
    } else if len > PASSWORD_MAX {
        errors.add(
            field,
            format!("Use a password of at most {PASSWORD_MAX} characters."),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_in_both_spellings() {
        assert_eq!(
            Role::parse("recreation-staff").unwrap(),
            Role::RecreationStaff
        );
        assert_eq!(Role::parse("admin").unwrap(), Role::Admin);
        assert!(Role::parse("root").is_err());
    }

    #[test]
    fn only_staff_roles_manage_events() {
        for role in Role::ALL {
            assert!(role.can(Action::ViewEvents));
            assert_eq!(role.can(Action::ManageEvents), role.is_staff(), "{role}");
        }
    }

    #[test]
    fn emails_are_normalized_and_shape_checked() {
        let mut errors = FieldErrors::new();
        assert_eq!(
            parse_email(&mut errors, "email", "  Ana@Example.ORG "),
            "ana@example.org"
        );
        assert!(errors.is_empty());
        for bad in [
            "ana",
            "ana@",
            "@example.org",
            "ana@example",
            "a b@example.org",
            "a@b@c.org",
        ] {
            let mut errors = FieldErrors::new();
            parse_email(&mut errors, "email", bad);
            assert!(!errors.is_empty(), "{bad} should be refused");
        }
    }

    #[test]
    fn short_passwords_are_refused() {
        let mut errors = FieldErrors::new();
        check_new_password(&mut errors, "password", "short");
        assert!(errors.get("password").unwrap().contains("at least 10"));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonStatus {
    Active,
    Discharged,
}

impl PersonStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PersonStatus::Active => "active",
            PersonStatus::Discharged => "discharged",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        match input {
            "active" => Some(PersonStatus::Active),
            "discharged" => Some(PersonStatus::Discharged),
            _ => None,
        }
    }
}

/// A person with an account at a facility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub facility_id: i64,
    pub role: Role,
    /// Full name for staff; preferred first name and last initial for clients.
    pub display_name: String,
    pub email: Option<String>,
    pub status: PersonStatus,
}
