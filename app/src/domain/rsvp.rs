//! RSVPs and attendance: who is coming to one occurrence, the waitlist,
//! and the rules that keep an occurrence from being oversold.
//!
//! The decisions here are pure; `db::rsvps` applies them inside one
//! transaction that holds the occurrence's seat counter (a row whose CHECK
//! constraint refuses more seats than capacity).

use crate::i18n::{Message, m};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::event::EventId;
use super::occurrence::{Occurrence, OccurrenceKey};
use super::person::{PersonId, Role};

/// What a person answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Going,
    Maybe,
    NotGoing,
}

impl Response {
    pub fn as_str(self) -> &'static str {
        match self {
            Response::Going => "going",
            Response::Maybe => "maybe",
            Response::NotGoing => "not_going",
        }
    }

    pub fn parse(input: &str) -> Result<Self, Message> {
        match input.trim() {
            "going" => Ok(Response::Going),
            "maybe" => Ok(Response::Maybe),
            "not_going" => Ok(Response::NotGoing),
            other => Err(m::rsvp_answer_unknown(other)),
        }
    }
}

/// Where an RSVP stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RsvpState {
    Going,
    /// Wanted to go when it was full; promoted in arrival order.
    Waitlisted,
    Maybe,
    NotGoing,
}

impl RsvpState {
    pub fn as_str(self) -> &'static str {
        match self {
            RsvpState::Going => "going",
            RsvpState::Waitlisted => "waitlisted",
            RsvpState::Maybe => "maybe",
            RsvpState::NotGoing => "not_going",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        match input {
            "going" => Some(RsvpState::Going),
            "waitlisted" => Some(RsvpState::Waitlisted),
            "maybe" => Some(RsvpState::Maybe),
            "not_going" => Some(RsvpState::NotGoing),
            _ => None,
        }
    }
}

/// The seats an RSVP holds: the person and their guests.
pub fn seats(guests: u32) -> i64 {
    1 + i64::from(guests)
}

/// An occurrence's seat counter as the transaction sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seats {
    /// `None`: no limit.
    pub capacity: Option<i64>,
    pub taken: i64,
}

impl Seats {
    pub fn free(&self) -> Option<i64> {
        self.capacity.map(|c| (c - self.taken).max(0))
    }

    fn fits(&self, wanted: i64) -> bool {
        self.free().is_none_or(|free| wanted <= free)
    }
}

/// A person's standing RSVP before the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Current {
    pub state: RsvpState,
    pub guests: u32,
}

/// What to store for the person, and how the taken seats change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub state: RsvpState,
    pub guests: u32,
    /// Change to the counter's taken seats.
    pub seats_delta: i64,
    /// The person joins the end of the waitlist (a new arrival).
    pub joins_waitlist: bool,
}

/// Decides an answer. Going takes seats if they are free (counting
/// guests) and nobody is already waiting — newcomers never jump the line —
/// and otherwise waits; a person already going keeps their place when they
/// change their guests, if the seats allow it.
pub fn decide(
    seats: Seats,
    someone_waiting: bool,
    current: Option<Current>,
    response: Response,
    guests: u32,
) -> Result<Decision, Message> {
    let held = match current {
        Some(Current {
            state: RsvpState::Going,
            guests,
        }) => self::seats(guests),
        _ => 0,
    };
    let without_me = Seats {
        capacity: seats.capacity,
        taken: seats.taken - held,
    };
    match response {
        Response::Going => {
            let wanted = self::seats(guests);
            let already_waiting = matches!(
                current,
                Some(Current {
                    state: RsvpState::Waitlisted,
                    ..
                })
            );
            let line_ahead = someone_waiting && held == 0;
            if without_me.fits(wanted) && !line_ahead {
                return Ok(Decision {
                    state: RsvpState::Going,
                    guests,
                    seats_delta: wanted - held,
                    joins_waitlist: false,
                });
            }
            if held > 0 {
                // Already going: more guests than there is room for.
                let free = without_me.free().unwrap_or(0) - 1;
                return Err(m::rsvp_guests_no_room(free.max(0)));
            }
            Ok(Decision {
                state: RsvpState::Waitlisted,
                guests,
                seats_delta: 0,
                joins_waitlist: !already_waiting,
            })
        }
        Response::Maybe | Response::NotGoing => Ok(Decision {
            state: if response == Response::Maybe {
                RsvpState::Maybe
            } else {
                RsvpState::NotGoing
            },
            guests: 0,
            seats_delta: -held,
            joins_waitlist: false,
        }),
    }
}

/// A waitlisted RSVP in arrival order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting {
    pub id: i64,
    pub guests: u32,
}

/// Who moves up from the waitlist when seats are free: the first in line,
/// then the next, while each fits. The order is never skipped: if the
/// first does not fit (with their guests), nobody behind them jumps ahead.
pub fn promotions(seats: Seats, waitlist: &[Waiting]) -> Vec<Waiting> {
    let mut taken = seats.taken;
    let mut promoted = Vec::new();
    for waiting in waitlist {
        let wanted = self::seats(waiting.guests);
        let fits = seats.capacity.is_none_or(|c| taken + wanted <= c);
        if !fits {
            break;
        }
        taken += wanted;
        promoted.push(*waiting);
    }
    promoted
}

/// A person's RSVP to one occurrence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rsvp {
    pub event_id: EventId,
    pub key: OccurrenceKey,
    pub person_id: PersonId,
    pub state: RsvpState,
    pub guests: u32,
    /// 1-based place on the waitlist.
    pub position: Option<i64>,
    pub responded_by: Option<PersonId>,
    pub updated_at: DateTime<Utc>,
}

/// Counts for one occurrence: people going, the seats they take (with
/// guests), waitlisted, maybe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    pub going: i64,
    pub seats_taken: i64,
    pub waitlisted: i64,
    pub maybe: i64,
}

impl Counts {
    /// The counts of an occurrence's whole RSVP list (what
    /// `db::rsvps::counts` reads, from rows already in hand).
    pub fn of(rsvps: &[Rsvp]) -> Counts {
        rsvps.iter().fold(Counts::default(), |mut counts, rsvp| {
            match rsvp.state {
                RsvpState::Going => {
                    counts.going += 1;
                    counts.seats_taken += 1 + i64::from(rsvp.guests);
                }
                RsvpState::Waitlisted => counts.waitlisted += 1,
                RsvpState::Maybe => counts.maybe += 1,
                RsvpState::NotGoing => {}
            }
            counts
        })
    }
}

/// What anyone may see of an occurrence's RSVPs: counts, their own answer,
/// and names only where they may see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RsvpSummary {
    pub counts: Counts,
    pub capacity: Option<u32>,
    pub max_guests: u32,
    pub mine: Option<Rsvp>,
    /// Names of people going (first name and initial for clients), when
    /// the viewer may see them.
    pub going_names: Option<Vec<String>>,
    /// RSVPs are open to the viewer right now.
    pub open: bool,
    pub closes_at: Option<DateTime<Utc>>,
    /// Off-site events with a van: its passenger seats (`capacity` is
    /// already the smaller of the venue's places and these).
    pub van_seats: Option<u32>,
    /// Why the viewer may not RSVP (the event's rules).
    pub not_eligible: Option<Message>,
    /// Staff only: too few staff going for the event's ratio.
    pub ratio: Option<super::transport::RatioShortfall>,
}

/// One line of a roster (staff only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterLine {
    pub person_id: PersonId,
    pub name: String,
    pub role: Role,
    pub house: Option<String>,
    pub state: Option<RsvpState>,
    pub position: Option<i64>,
    pub guests: u32,
    /// Who answered, when it was not the person (staff on their behalf).
    pub answered_by: Option<String>,
    pub attendance: Option<Engagement>,
}

/// "My schedule": a person's coming RSVPs and the past occurrences they
/// were checked in to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MySchedule {
    pub coming: Vec<(Occurrence, Rsvp)>,
    pub attended: Vec<(Occurrence, Engagement)>,
}

/// How a staff member recorded someone's participation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Engagement {
    Attended,
    LeftEarly,
    Refused,
    /// Unavailable or sick.
    Unavailable,
    NoShow,
}

impl Engagement {
    pub const ALL: [Engagement; 5] = [
        Engagement::Attended,
        Engagement::LeftEarly,
        Engagement::Refused,
        Engagement::Unavailable,
        Engagement::NoShow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Engagement::Attended => "attended",
            Engagement::LeftEarly => "left_early",
            Engagement::Refused => "refused",
            Engagement::Unavailable => "unavailable",
            Engagement::NoShow => "no_show",
        }
    }

    pub fn parse(input: &str) -> Result<Self, Message> {
        Self::ALL
            .into_iter()
            .find(|e| e.as_str() == input.trim())
            .ok_or_else(|| m::rsvp_engagement_unknown(input))
    }

    /// Whether the person took part (for participation counts).
    pub fn took_part(self) -> bool {
        matches!(self, Engagement::Attended | Engagement::LeftEarly)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seats(capacity: Option<i64>, taken: i64) -> Seats {
        Seats { capacity, taken }
    }

    #[test]
    fn counts_of_a_list_count_people_and_seat_guests_only_when_going() {
        let rsvp = |person: i64, state: RsvpState, guests: u32| Rsvp {
            event_id: EventId(1),
            key: OccurrenceKey(DateTime::<Utc>::UNIX_EPOCH),
            person_id: PersonId(person),
            state,
            guests,
            position: None,
            responded_by: None,
            updated_at: DateTime::<Utc>::UNIX_EPOCH,
        };
        let list = [
            rsvp(1, RsvpState::Going, 2),
            rsvp(2, RsvpState::Going, 0),
            rsvp(3, RsvpState::Waitlisted, 1),
            rsvp(4, RsvpState::Maybe, 0),
            rsvp(5, RsvpState::NotGoing, 3),
        ];
        assert_eq!(
            Counts::of(&list),
            Counts {
                going: 2,
                seats_taken: 4,
                waitlisted: 1,
                maybe: 1,
            }
        );
        assert_eq!(Counts::of(&[]), Counts::default());
    }

    #[test]
    fn going_takes_a_seat_while_there_is_one_then_waits() {
        let d = decide(seats(Some(2), 1), false, None, Response::Going, 0).unwrap();
        assert_eq!(
            (d.state, d.seats_delta, d.joins_waitlist),
            (RsvpState::Going, 1, false)
        );
        let d = decide(seats(Some(2), 2), false, None, Response::Going, 0).unwrap();
        assert_eq!(
            (d.state, d.seats_delta, d.joins_waitlist),
            (RsvpState::Waitlisted, 0, true)
        );
        let d = decide(seats(None, 500), false, None, Response::Going, 3).unwrap();
        assert_eq!((d.state, d.seats_delta), (RsvpState::Going, 4), "no limit");
    }

    #[test]
    fn guests_count_against_capacity() {
        let d = decide(seats(Some(10), 7), false, None, Response::Going, 2).unwrap();
        assert_eq!((d.state, d.seats_delta), (RsvpState::Going, 3));
        let d = decide(seats(Some(10), 8), false, None, Response::Going, 2).unwrap();
        assert_eq!(
            d.state,
            RsvpState::Waitlisted,
            "three seats wanted, two free"
        );
    }

    #[test]
    fn a_person_going_changes_guests_within_the_room_left() {
        let me = Some(Current {
            state: RsvpState::Going,
            guests: 1,
        });
        let d = decide(seats(Some(10), 9), false, me, Response::Going, 2).unwrap();
        assert_eq!((d.state, d.seats_delta), (RsvpState::Going, 1));
        let err = decide(seats(Some(10), 10), false, me, Response::Going, 3).unwrap_err();
        assert_eq!(
            err.to_string(),
            "There is room for 1 guest at most; nothing was changed."
        );
        let d = decide(seats(Some(10), 10), false, me, Response::Going, 0).unwrap();
        assert_eq!(d.seats_delta, -1, "fewer guests free seats");
    }

    #[test]
    fn stepping_back_frees_the_seats_and_a_waiting_person_keeps_their_place() {
        let me = Some(Current {
            state: RsvpState::Going,
            guests: 2,
        });
        let d = decide(seats(Some(10), 10), false, me, Response::NotGoing, 0).unwrap();
        assert_eq!((d.state, d.seats_delta), (RsvpState::NotGoing, -3));
        let waiting = Some(Current {
            state: RsvpState::Waitlisted,
            guests: 0,
        });
        let d = decide(seats(Some(10), 10), true, waiting, Response::Going, 0).unwrap();
        assert_eq!((d.state, d.joins_waitlist), (RsvpState::Waitlisted, false));
        let d = decide(seats(Some(10), 10), true, waiting, Response::Maybe, 0).unwrap();
        assert_eq!((d.state, d.seats_delta), (RsvpState::Maybe, 0));
    }

    #[test]
    fn newcomers_wait_behind_people_already_waiting_even_with_a_seat_free() {
        let d = decide(seats(Some(10), 9), true, None, Response::Going, 0).unwrap();
        assert_eq!((d.state, d.joins_waitlist), (RsvpState::Waitlisted, true));
        let me = Some(Current {
            state: RsvpState::Going,
            guests: 0,
        });
        let d = decide(seats(Some(10), 9), true, me, Response::Going, 1).unwrap();
        assert_eq!(
            d.state,
            RsvpState::Going,
            "someone already going may add a guest"
        );
    }

    #[test]
    fn the_waitlist_moves_up_in_order_without_anyone_jumping_the_line() {
        let line = [
            Waiting { id: 1, guests: 0 },
            Waiting { id: 2, guests: 3 },
            Waiting { id: 3, guests: 0 },
        ];
        assert_eq!(promotions(seats(Some(10), 9), &line), vec![line[0]]);
        assert_eq!(
            promotions(seats(Some(10), 7), &line),
            vec![line[0]],
            "the second needs four"
        );
        assert_eq!(
            promotions(seats(Some(10), 5), &line),
            vec![line[0], line[1]]
        );
        assert_eq!(promotions(seats(None, 100), &line).len(), 3);
        assert!(promotions(seats(Some(10), 10), &line).is_empty());
    }

    #[test]
    fn engagement_codes_parse_and_count() {
        assert_eq!(
            Engagement::parse("left_early").unwrap(),
            Engagement::LeftEarly
        );
        assert!(Engagement::parse("asleep").is_err());
        assert!(Engagement::LeftEarly.took_part());
        assert!(!Engagement::NoShow.took_part());
    }
}
