//! People, their roles, and what each role may do.

use crate::i18n::{Message, m};
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
    pub fn parse(input: &str) -> Result<Self, Message> {
        let normalized = input.trim().replace('-', "_");
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == normalized)
            .ok_or_else(|| m::person_role_unknown(input))
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
    /// See the facility's events (clients: not the staff-only ones).
    ViewEvents,
    /// RSVP for oneself.
    RsvpSelf,
    /// Create, edit and cancel events and series.
    ManageEvents,
    /// See who is coming, by name.
    ViewRosters,
    /// RSVP, change and remove RSVPs on a client's behalf.
    RsvpForOthers,
    /// Take attendance.
    CheckIn,
    /// See the people directory.
    ViewPeople,
    /// Create client accounts, set their PIN, discharge and readmit them.
    ManageClients,
    /// Create staff and admin accounts.
    ManageStaff,
    /// Participation reports and their CSV export.
    ViewReports,
    /// Enroll a tablet as a kiosk.
    EnrollKiosk,
    /// Change the facility's name, time zone and settings.
    ManageFacility,
    /// Use personal API tokens (with one's own permissions).
    UseApi,
}

impl Action {
    pub const ALL: [Action; 13] = [
        Action::ViewEvents,
        Action::RsvpSelf,
        Action::ManageEvents,
        Action::ViewRosters,
        Action::RsvpForOthers,
        Action::CheckIn,
        Action::ViewPeople,
        Action::ManageClients,
        Action::ManageStaff,
        Action::ViewReports,
        Action::EnrollKiosk,
        Action::ManageFacility,
        Action::UseApi,
    ];
}

/// The role × action table.
///
/// | action | admin | recreation staff | staff | client |
/// |---|---|---|---|---|
/// | view events, RSVP for oneself, use the API | ✓ | ✓ | ✓ | ✓ |
/// | plan events (create, edit, cancel) | ✓ | ✓ | | |
/// | rosters, RSVP for others, check-in, people directory, client accounts, kiosks | ✓ | ✓ | ✓ | |
/// | participation reports | ✓ | ✓ | | |
/// | staff accounts, facility settings | ✓ | | | |
pub fn allowed(role: Role, action: Action) -> bool {
    use Action::*;
    use Role::*;
    match action {
        ViewEvents | RsvpSelf | UseApi => true,
        ManageEvents | ViewReports => matches!(role, Admin | RecreationStaff),
        ViewRosters | RsvpForOthers | CheckIn | ViewPeople | ManageClients | EnrollKiosk => {
            matches!(role, Admin | RecreationStaff | Staff)
        }
        ManageStaff | ManageFacility => matches!(role, Admin),
    }
}

/// Whether someone with `role` may see the names of who is coming to an
/// event: staff always; clients only where staff allowed it, and never for
/// a 12-step meeting.
pub fn sees_names(role: Role, kind: crate::domain::event::EventKind, show_names: bool) -> bool {
    role.is_staff() || (show_names && kind != crate::domain::event::EventKind::TwelveStep)
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
        errors.add(field, m::person_email_required());
    } else if !shape_ok || email.len() > EMAIL_MAX {
        errors.add(field, m::person_email_invalid(input.trim()));
    }
    email
}

/// Checks a new password against the (deliberately simple) policy: long
/// enough to resist guessing, short enough to hash cheaply.
pub fn check_new_password(errors: &mut FieldErrors, field: &str, password: &str) {
    let len = password.chars().count();
    if len < PASSWORD_MIN {
        errors.add(field, m::person_password_too_short(PASSWORD_MIN));
    } else if len > PASSWORD_MAX {
        errors.add(field, m::person_password_too_long(PASSWORD_MAX));
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
    fn the_role_table_is_as_documented() {
        use Action::*;
        let expect = |role: Role, yes: &[Action]| {
            for action in Action::ALL {
                assert_eq!(role.can(action), yes.contains(&action), "{role} {action:?}");
            }
        };
        let everyone = [ViewEvents, RsvpSelf, UseApi];
        let staff = [
            ViewRosters,
            RsvpForOthers,
            CheckIn,
            ViewPeople,
            ManageClients,
            EnrollKiosk,
        ];
        expect(Role::Client, &everyone);
        expect(Role::Staff, &[&everyone[..], &staff[..]].concat());
        expect(
            Role::RecreationStaff,
            &[&everyone[..], &staff[..], &[ManageEvents, ViewReports]].concat(),
        );
        expect(Role::Admin, &Action::ALL);
    }

    #[test]
    fn clients_never_see_names_at_twelve_step_meetings() {
        use crate::domain::event::EventKind;
        assert!(sees_names(Role::Staff, EventKind::TwelveStep, false));
        assert!(!sees_names(Role::Client, EventKind::TwelveStep, true));
        assert!(!sees_names(Role::Client, EventKind::Karaoke, false));
        assert!(sees_names(Role::Client, EventKind::Karaoke, true));
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
    fn client_names_keep_only_the_initial_of_the_last_name() {
        let mut errors = FieldErrors::new();
        assert_eq!(
            parse_client_name(&mut errors, "name", "Maria G."),
            "Maria G."
        );
        assert_eq!(
            parse_client_name(&mut errors, "name", " mary-ann  g "),
            "mary-ann G."
        );
        assert!(errors.is_empty());
        // Two words before the initial: write a two-part first name with
        // a hyphen; the second word may be a surname.
        parse_client_name(&mut errors, "name", "mary ann g");
        assert!(errors.get("name").unwrap().to_string().contains("Mary-Ann"));
        let mut errors = FieldErrors::new();
        parse_client_name(&mut errors, "name", "Maria Gonzalez");
        assert!(errors.get("name").unwrap().to_string().contains("initial"));
        let mut errors = FieldErrors::new();
        parse_client_name(&mut errors, "name", "Maria");
        assert!(!errors.is_empty());
    }

    #[test]
    fn logins_and_pins_have_a_shape() {
        let mut errors = FieldErrors::new();
        assert_eq!(parse_login(&mut errors, "login", " Maria.G "), "maria.g");
        check_pin(&mut errors, "pin", "483917");
        check_pin(&mut errors, "pin", "73914682");
        assert!(errors.is_empty());
        parse_login(&mut errors, "login", "m");
        check_pin(&mut errors, "pin", "12a4");
        assert_eq!(errors.0.len(), 2);
    }

    #[test]
    fn short_and_guessable_pins_are_refused() {
        for pin in [
            "4821", "48217", "123456", "654321", "777777", "00000000", "198745", "200899",
            "451987", "83492003", "250590", "122590", "900512", "",
        ] {
            let mut errors = FieldErrors::new();
            check_pin(&mut errors, "pin", pin);
            assert!(!errors.is_empty(), "{pin:?} was accepted");
        }
        for pin in ["483917", "739146", "58316284", "913377"] {
            let mut errors = FieldErrors::new();
            check_pin(&mut errors, "pin", pin);
            assert!(errors.is_empty(), "{pin:?} was refused");
        }
    }

    #[test]
    fn a_client_name_is_one_first_name_and_an_initial() {
        let mut errors = FieldErrors::new();
        assert_eq!(
            parse_client_name(&mut errors, "name", "Mary-Ann g"),
            "Mary-Ann G."
        );
        assert!(errors.is_empty());
        parse_client_name(&mut errors, "name", "Maria Gonzalez G.");
        assert!(
            errors.get("name").is_some(),
            "a surname before the initial is refused"
        );
    }

    #[test]
    fn short_passwords_are_refused() {
        let mut errors = FieldErrors::new();
        check_new_password(&mut errors, "password", "short");
        assert!(
            errors
                .get("password")
                .unwrap()
                .to_string()
                .contains("at least 10")
        );
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
    /// Full name for staff; preferred first name and last initial for
    /// clients ("Maria G."), which is all Hearth stores of a client's name.
    pub display_name: String,
    pub email: Option<String>,
    /// Sign-in name for people without e-mail.
    pub login: Option<String>,
    pub status: PersonStatus,
    pub house: Option<String>,
    pub admission_date: Option<chrono::NaiveDate>,
    pub expected_discharge_date: Option<chrono::NaiveDate>,
    pub discharged_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The retention window passed and identifying data was removed.
    pub purged: bool,
    /// An administrator closed this account: no sign-in, session, token,
    /// feed link or kiosk PIN works until it is enabled again.
    pub disabled_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The password was reset: the next sign-in must choose a new one.
    pub must_change_password: bool,
    /// The kiosk PIN was chosen before six digits were required.
    pub legacy_pin: bool,
    /// The language the person chose to read Hearth in; `None`: their
    /// browser's.
    pub lang: Option<crate::i18n::Lang>,
}

impl Person {
    /// Active and not disabled: may sign in and be signed in.
    pub fn may_sign_in(&self) -> bool {
        self.status == PersonStatus::Active && self.disabled_at.is_none()
    }
}

/// A new client as staff enter them. Every field is text as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewClient {
    /// "Maria G.": preferred first name and last initial.
    pub name: String,
    #[serde(default)]
    pub email: String,
    /// Sign-in name (defaults from the name).
    #[serde(default)]
    pub login: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub pin: String,
    #[serde(default)]
    pub house: String,
    /// YYYY-MM-DD; defaults to today.
    #[serde(default)]
    pub admission_date: String,
    #[serde(default)]
    pub expected_discharge_date: String,
}

/// A client's name as Hearth keeps it: a preferred first name and the
/// initial of the last name, "Maria G.". A full last name is refused, so it
/// is never stored.
pub fn parse_client_name(errors: &mut FieldErrors, field: &str, input: &str) -> String {
    let words: Vec<&str> = input.split_whitespace().collect();
    let initial = words.last().map(|w| w.trim_end_matches('.'));
    match (words.len(), initial) {
        (3.., _) => {
            // "Maria Gonzalez G.": a second word before the initial is most
            // likely a surname, which Hearth does not keep.
            errors.add(field, m::person_client_name_one_first_name());
            input.trim().to_owned()
        }
        (2, Some(initial))
            if initial.chars().count() == 1 && initial.chars().all(char::is_alphabetic) =>
        {
            let first = words[..words.len() - 1].join(" ");
            if first.chars().count() > 40 {
                errors.add(field, m::person_first_name_too_long(40));
            }
            format!("{first} {}.", initial.to_uppercase())
        }
        _ => {
            errors.add(field, m::person_client_name_shape());
            input.trim().to_owned()
        }
    }
}

/// A sign-in name: 3–40 lower-case letters, digits, dots, dashes.
pub fn parse_login(errors: &mut FieldErrors, field: &str, input: &str) -> String {
    let login = input.trim().to_lowercase();
    let ok = (3..=40).contains(&login.len())
        && login
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && !login.contains('@');
    if !ok {
        errors.add(field, m::person_login_invalid());
    }
    login
}

/// The shortest kiosk PIN accepted when one is set (PINs set before this
/// rule keep working until they are changed).
pub const PIN_MIN_DIGITS: usize = 6;

/// A kiosk PIN: 6 to 8 digits that are not easy to guess — not one digit
/// repeated, not a run up or down (123456, 876543), not a year (19xx, 20xx
/// at either end) and not a date (DDMMYY, MMDDYY, YYMMDD).
pub fn check_pin(errors: &mut FieldErrors, field: &str, pin: &str) {
    if !(PIN_MIN_DIGITS..=8).contains(&pin.len()) || !pin.bytes().all(|c| c.is_ascii_digit()) {
        errors.add(field, m::person_pin_invalid(PIN_MIN_DIGITS as i64));
    } else if pin_is_guessable(pin) {
        errors.add(field, m::person_pin_guessable());
    }
}

/// Whether a PIN of digits is among the first a guesser would try.
fn pin_is_guessable(pin: &str) -> bool {
    let digits: Vec<i32> = pin.bytes().map(|b| i32::from(b - b'0')).collect();
    let steps: Vec<i32> = digits.windows(2).map(|w| w[1] - w[0]).collect();
    let one_step = steps
        .first()
        .is_some_and(|first| (-1..=1).contains(first) && steps.iter().all(|s| s == first));
    let year = |four: &str| four.starts_with("19") || four.starts_with("20");
    let number = |s: &str| s.parse::<u32>().unwrap_or(0);
    let date = |day: &str, month: &str| {
        (1..=31).contains(&number(day)) && (1..=12).contains(&number(month))
    };
    let six_digit_date = pin.len() == 6
        && (date(&pin[0..2], &pin[2..4])
            || date(&pin[2..4], &pin[0..2])
            || date(&pin[4..6], &pin[2..4]));
    one_step || year(&pin[..4]) || year(&pin[pin.len() - 4..]) || six_digit_date
}
