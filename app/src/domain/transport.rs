//! Getting there and who may come: the van for an off-site event (seats
//! separate from the venue's capacity, a driver, departure and return
//! times, a pick-up point), eligibility rules (days since admission,
//! houses) and the staff-to-client ratio.

use crate::i18n::{Message, m};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use super::event::Venue;
use super::person::{PersonId, Role};
use super::validation::{FieldErrors, optional_text};

pub const MAX_VAN_SEATS: u32 = 100;
pub const PICKUP_MAX: usize = 200;
pub const MAX_MIN_DAYS: u32 = 365;
pub const MAX_CLIENTS_PER_STAFF: u32 = 100;
pub const MAX_HOUSES: usize = 20;
pub const HOUSE_MAX: usize = 60;

/// The van for every occurrence of an off-site event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Transport {
    /// Passenger seats (the driver's not counted). Everyone going rides,
    /// guests included.
    pub van_seats: u32,
    /// The staff member driving.
    #[cfg_attr(feature = "ssr", schema(value_type = Option<i64>))]
    pub driver_id: Option<PersonId>,
    /// Local wall-clock times on the occurrence's date.
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>, example = "18:15"))]
    pub departs: Option<NaiveTime>,
    #[cfg_attr(feature = "ssr", schema(value_type = Option<String>, example = "21:30"))]
    pub returns: Option<NaiveTime>,
    pub pickup_point: String,
}

/// The transport form as typed (an empty seat count removes the van).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransportForm {
    #[serde(default)]
    pub van_seats: String,
    #[serde(default)]
    pub driver_id: String,
    #[serde(default)]
    pub departs: String,
    #[serde(default)]
    pub returns: String,
    #[serde(default)]
    pub pickup_point: String,
}

fn number(
    errors: &mut FieldErrors,
    field: &str,
    input: &str,
    max: u32,
    what: Message,
) -> Option<u32> {
    let input = input.trim();
    if input.is_empty() {
        return None;
    }
    match input.parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => Some(n),
        _ => {
            errors.add(field, m::field_number_range(what, max, input));
            None
        }
    }
}

fn clock(errors: &mut FieldErrors, field: &str, input: &str) -> Option<NaiveTime> {
    if input.trim().is_empty() {
        return None;
    }
    super::time::parse_time(input)
        .map_err(|m| errors.add(field, m))
        .ok()
}

impl TransportForm {
    /// `Ok(None)`: no van (the seat count was left empty).
    pub fn parse(&self) -> Result<Option<Transport>, FieldErrors> {
        let mut errors = FieldErrors::new();
        let van_seats = number(
            &mut errors,
            "van_seats",
            &self.van_seats,
            MAX_VAN_SEATS,
            m::field_van_seats(),
        );
        let driver_id = match self.driver_id.trim() {
            "" => None,
            id => match id.parse::<i64>() {
                Ok(id) => Some(PersonId(id)),
                Err(_) => {
                    errors.add("driver_id", m::transport_driver_choose());
                    None
                }
            },
        };
        let departs = clock(&mut errors, "departs", &self.departs);
        let returns = clock(&mut errors, "returns", &self.returns);
        if let (Some(d), Some(r)) = (departs, returns)
            && r <= d
        {
            errors.add("returns", m::transport_returns_before_departs());
        }
        let pickup_point = optional_text(
            &mut errors,
            "pickup_point",
            m::pickup_point(),
            &self.pickup_point,
            PICKUP_MAX,
        );
        let empty = self.van_seats.trim().is_empty();
        if empty
            && errors.is_empty()
            && (driver_id.is_some() || departs.is_some() || !pickup_point.is_empty())
        {
            errors.add("van_seats", m::transport_seats_required());
        }
        errors.into_result(van_seats.map(|van_seats| Transport {
            van_seats,
            driver_id,
            departs,
            returns,
            pickup_point,
        }))
    }

    pub fn from_transport(transport: Option<&Transport>) -> Self {
        let Some(t) = transport else {
            return Self::default();
        };
        TransportForm {
            van_seats: t.van_seats.to_string(),
            driver_id: t.driver_id.map(|d| d.to_string()).unwrap_or_default(),
            departs: t
                .departs
                .map(|d| d.format("%H:%M").to_string())
                .unwrap_or_default(),
            returns: t
                .returns
                .map(|d| d.format("%H:%M").to_string())
                .unwrap_or_default(),
            pickup_point: t.pickup_point.clone(),
        }
    }
}

/// Who may come, and how many staff must go along.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Rules {
    /// Clients must have been admitted at least this many days before the
    /// occurrence's date.
    pub min_days_admitted: Option<u32>,
    /// Only clients living in one of these houses (empty: any house).
    pub houses: Vec<String>,
    /// One staff member going for every this many clients going.
    pub clients_per_staff: Option<u32>,
}

impl Rules {
    pub fn is_empty(&self) -> bool {
        self.min_days_admitted.is_none()
            && self.houses.is_empty()
            && self.clients_per_staff.is_none()
    }
}

/// The rules form as typed; houses comma-separated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesForm {
    #[serde(default)]
    pub min_days_admitted: String,
    #[serde(default)]
    pub houses: String,
    #[serde(default)]
    pub clients_per_staff: String,
}

/// The houses as a list: trimmed, empty entries dropped, duplicates
/// (ignoring case) kept once.
pub fn parse_houses(errors: &mut FieldErrors, input: &str) -> Vec<String> {
    let mut houses: Vec<String> = Vec::new();
    for house in input.split(',').map(str::trim).filter(|h| !h.is_empty()) {
        if house.chars().count() > HOUSE_MAX {
            errors.add("houses", m::transport_house_too_long(HOUSE_MAX));
            return Vec::new();
        }
        if !houses.iter().any(|h| h.eq_ignore_ascii_case(house)) {
            houses.push(house.to_owned());
        }
    }
    if houses.len() > MAX_HOUSES {
        errors.add("houses", m::transport_too_many_houses(MAX_HOUSES));
    }
    houses
}

impl RulesForm {
    pub fn parse(&self) -> Result<Rules, FieldErrors> {
        let mut errors = FieldErrors::new();
        let rules = Rules {
            min_days_admitted: number(
                &mut errors,
                "min_days_admitted",
                &self.min_days_admitted,
                MAX_MIN_DAYS,
                m::field_days_since_admission(),
            ),
            houses: parse_houses(&mut errors, &self.houses),
            clients_per_staff: number(
                &mut errors,
                "clients_per_staff",
                &self.clients_per_staff,
                MAX_CLIENTS_PER_STAFF,
                m::field_clients_per_staff(),
            ),
        };
        errors.into_result(rules)
    }

    pub fn from_rules(rules: &Rules) -> Self {
        RulesForm {
            min_days_admitted: rules
                .min_days_admitted
                .map(|n| n.to_string())
                .unwrap_or_default(),
            houses: rules.houses.join(", "),
            clients_per_staff: rules
                .clients_per_staff
                .map(|n| n.to_string())
                .unwrap_or_default(),
        }
    }
}

/// What the rules need to know about a person.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    pub role: Role,
    pub house: Option<&'a str>,
    pub admission_date: Option<NaiveDate>,
}

/// Whether a person may RSVP to an occurrence on `date`, and if not, why
/// (for the person to read). Rules apply to clients only; staff are
/// never refused.
pub fn eligibility(rules: &Rules, person: Candidate<'_>, date: NaiveDate) -> Result<(), Message> {
    if person.role.is_staff() {
        return Ok(());
    }
    if let Some(days) = rules.min_days_admitted {
        match person.admission_date {
            None => {
                return Err(m::transport_min_days_no_admission(days));
            }
            Some(admitted) => {
                let from = admitted + chrono::Duration::days(i64::from(days));
                if date < from {
                    return Err(m::transport_min_days_not_yet(days, from));
                }
            }
        }
    }
    if !rules.houses.is_empty() {
        let lives_there = person.house.is_some_and(|h| {
            rules
                .houses
                .iter()
                .any(|r| r.eq_ignore_ascii_case(h.trim()))
        });
        if !lives_there {
            return Err(m::transport_houses_only(rules.houses.clone()));
        }
    }
    Ok(())
}

/// The staff going, against the ratio. `None` when there is no ratio or
/// it is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RatioShortfall {
    pub clients: u32,
    pub staff: u32,
    /// Staff needed for `clients` at the event's ratio.
    pub needed: u32,
    pub clients_per_staff: u32,
}

/// Checks one staff member for every `clients_per_staff` clients.
pub fn ratio(rules: &Rules, clients: u32, staff: u32) -> Option<RatioShortfall> {
    let per = rules.clients_per_staff?;
    let needed = clients.div_ceil(per);
    (staff < needed).then_some(RatioShortfall {
        clients,
        staff,
        needed,
        clients_per_staff: per,
    })
}

/// The most people (and guests) who can go: the venue's capacity and,
/// for an off-site event with a van, the van's seats — whichever is less.
pub fn limit(capacity: Option<u32>, venue: Venue, transport: Option<&Transport>) -> Option<i64> {
    let van = match (venue, transport) {
        (Venue::OffSite, Some(t)) => Some(i64::from(t.van_seats)),
        _ => None,
    };
    match (capacity.map(i64::from), van) {
        (Some(c), Some(v)) => Some(c.min(v)),
        (c, v) => c.or(v),
    }
}

/// The van and rules as the event page shows them to anyone who may see
/// the event (no names but the driver's, who is staff).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Logistics {
    pub transport: Option<Transport>,
    pub driver_name: Option<String>,
    pub rules: Rules,
}

/// One rider on a manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Rider {
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub person_id: PersonId,
    pub name: String,
    pub staff: bool,
    pub house: Option<String>,
    pub guests: u32,
}

/// The printable van manifest of one occurrence (staff only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Manifest {
    #[cfg_attr(feature = "ssr", schema(value_type = i64))]
    pub event_id: super::event::EventId,
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub key: super::occurrence::OccurrenceKey,
    pub title: String,
    /// The occurrence's local date (pages spell it out in the reader's
    /// language).
    pub date: NaiveDate,
    pub destination: String,
    pub transport: Option<Transport>,
    pub driver_name: Option<String>,
    /// Seats taken (riders and their guests).
    pub seats_taken: i64,
    pub riders: Vec<Rider>,
    /// Waiting for a seat, in order.
    pub waitlist: Vec<Rider>,
    pub ratio: Option<RatioShortfall>,
    pub clients_per_staff: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn client<'a>(house: Option<&'a str>, admitted: Option<&str>) -> Candidate<'a> {
        Candidate {
            role: Role::Client,
            house,
            admission_date: admitted.map(day),
        }
    }

    #[test]
    fn the_van_or_the_venue_whichever_is_smaller() {
        let van = Transport {
            van_seats: 7,
            driver_id: None,
            departs: None,
            returns: None,
            pickup_point: String::new(),
        };
        assert_eq!(limit(Some(20), Venue::OffSite, Some(&van)), Some(7));
        assert_eq!(limit(Some(5), Venue::OffSite, Some(&van)), Some(5));
        assert_eq!(limit(None, Venue::OffSite, Some(&van)), Some(7));
        assert_eq!(limit(None, Venue::OffSite, None), None);
        // On site, nobody rides: the van does not limit.
        assert_eq!(limit(Some(20), Venue::OnSite, Some(&van)), Some(20));
    }

    #[test]
    fn transport_form_checks_its_fields() {
        let form = TransportForm {
            van_seats: "7".into(),
            driver_id: "3".into(),
            departs: "18:15".into(),
            returns: "21:30".into(),
            pickup_point: " Front porch ".into(),
        };
        let t = form.parse().unwrap().unwrap();
        assert_eq!(t.van_seats, 7);
        assert_eq!(t.driver_id, Some(PersonId(3)));
        assert_eq!(t.pickup_point, "Front porch");
        assert_eq!(TransportForm::from_transport(Some(&t)).departs, "18:15");

        let bad = TransportForm {
            van_seats: "0".into(),
            returns: "17:00".into(),
            departs: "18:00".into(),
            ..TransportForm::default()
        }
        .parse()
        .unwrap_err();
        assert!(bad.get("van_seats").is_some());
        assert!(
            bad.get("returns")
                .unwrap()
                .to_string()
                .contains("back after")
        );

        assert_eq!(TransportForm::default().parse().unwrap(), None);
        let no_seats = TransportForm {
            pickup_point: "Porch".into(),
            ..TransportForm::default()
        }
        .parse()
        .unwrap_err();
        assert!(
            no_seats
                .get("van_seats")
                .unwrap()
                .to_string()
                .contains("how many seats")
        );
    }

    #[test]
    fn days_since_admission_are_counted_to_the_date_of_the_event() {
        let rules = Rules {
            min_days_admitted: Some(14),
            ..Rules::default()
        };
        let on = day("2026-12-15");
        assert!(eligibility(&rules, client(None, Some("2026-12-01")), on).is_ok());
        let why = eligibility(&rules, client(None, Some("2026-12-02")), on).unwrap_err();
        assert!(why.to_string().contains("14 days"), "{why}");
        assert!(why.to_string().contains("December 16, 2026"), "{why}");
        let unknown = eligibility(&rules, client(None, None), on).unwrap_err();
        assert!(unknown.to_string().contains("isn't on file"), "{unknown}");
    }

    #[test]
    fn houses_match_ignoring_case_and_staff_are_never_refused() {
        let mut errors = FieldErrors::new();
        let houses = parse_houses(&mut errors, "Cedar, Maple House, , cedar");
        assert!(errors.is_empty());
        assert_eq!(houses, vec!["Cedar", "Maple House"]);
        let rules = Rules {
            houses,
            ..Rules::default()
        };
        let on = day("2026-12-15");
        assert!(eligibility(&rules, client(Some("maple house"), None), on).is_ok());
        let why = eligibility(&rules, client(Some("Oak"), None), on).unwrap_err();
        assert_eq!(
            why.to_string(),
            "This event is for residents of Cedar and Maple House."
        );
        assert!(eligibility(&rules, client(None, None), on).is_err());
        let staff = Candidate {
            role: Role::Staff,
            house: None,
            admission_date: None,
        };
        assert!(eligibility(&rules, staff, on).is_ok());
    }

    #[test]
    fn the_ratio_asks_for_one_staff_member_per_n_clients() {
        let rules = Rules {
            clients_per_staff: Some(6),
            ..Rules::default()
        };
        assert_eq!(ratio(&rules, 6, 1), None);
        assert_eq!(ratio(&rules, 0, 0), None);
        let short = ratio(&rules, 7, 1).unwrap();
        assert_eq!((short.needed, short.staff), (2, 1));
        assert_eq!(ratio(&Rules::default(), 50, 0), None);
        let form = RulesForm {
            clients_per_staff: "abc".into(),
            ..RulesForm::default()
        };
        assert!(form.parse().unwrap_err().get("clients_per_staff").is_some());
    }
}
