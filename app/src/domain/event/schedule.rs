//! When an event happens: its wall-clock schedule, and that schedule
//! placed on the time line in the facility's zone.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::domain::time::{self, NonexistentLocalTime};
use crate::domain::validation::FieldErrors;
use crate::i18n::{Message, m};

/// The longest an event may last, timed or all-day.
pub const MAX_SPAN_DAYS: i64 = 31;

/// When an event happens, in the facility's wall-clock time.
///
/// Timed events are local date-times; all-day (and multi-day) events are
/// calendar dates, not instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Schedule {
    Timed {
        start: NaiveDateTime,
        end: NaiveDateTime,
    },
    AllDay {
        first_day: NaiveDate,
        /// Inclusive: a one-day event has `last_day == first_day`.
        last_day: NaiveDate,
    },
}

impl Schedule {
    /// Checks the order and length of the span, attaching messages to the
    /// `start` / `end` fields.
    pub fn check(&self, errors: &mut FieldErrors) {
        let (too_long, ends_early) = match *self {
            Schedule::Timed { start, end } => {
                (end - start > Duration::days(MAX_SPAN_DAYS), end <= start)
            }
            Schedule::AllDay {
                first_day,
                last_day,
            } => (
                last_day - first_day >= Duration::days(MAX_SPAN_DAYS),
                last_day < first_day,
            ),
        };
        if ends_early {
            errors.add("end", m::event_end_before_start());
        } else if too_long {
            errors.add("end", m::event_too_long(MAX_SPAN_DAYS));
        }
    }

    pub fn is_all_day(&self) -> bool {
        matches!(self, Schedule::AllDay { .. })
    }

    /// The local wall-clock start (midnight of the first day for all-day).
    pub fn local_start(&self) -> NaiveDateTime {
        match *self {
            Schedule::Timed { start, .. } => start,
            Schedule::AllDay { first_day, .. } => first_day.and_time(chrono::NaiveTime::MIN),
        }
    }

    /// The local wall-clock end; for all-day events the exclusive midnight
    /// after the last day.
    pub fn local_end(&self) -> NaiveDateTime {
        match *self {
            Schedule::Timed { end, .. } => end,
            Schedule::AllDay { last_day, .. } => {
                (last_day + Duration::days(1)).and_time(chrono::NaiveTime::MIN)
            }
        }
    }

    /// Places the schedule on the time line in `zone`.
    pub fn place(&self, zone: Tz) -> Result<PlacedSchedule, FieldErrors> {
        match *self {
            Schedule::Timed { start, end } => {
                let mut errors = FieldErrors::new();
                let mut notices = Vec::new();
                let mut place = |field: &str, local: NaiveDateTime| match time::place(zone, local) {
                    Ok(p) => {
                        if p.ambiguous {
                            notices.push(ambiguous_notice(zone, local, p.utc));
                        }
                        Some(p.utc)
                    }
                    Err(e @ NonexistentLocalTime { .. }) => {
                        errors.add(field, e.message());
                        None
                    }
                };
                let starts_at = place("start", start);
                let ends_at = place("end", end);
                match (starts_at, ends_at) {
                    (Some(starts_at), Some(ends_at)) if errors.is_empty() => Ok(PlacedSchedule {
                        starts_at,
                        ends_at,
                        notices,
                    }),
                    _ => Err(errors),
                }
            }
            Schedule::AllDay {
                first_day,
                last_day,
            } => Ok(PlacedSchedule {
                starts_at: time::start_of_day(zone, first_day),
                ends_at: time::start_of_day(zone, last_day + Duration::days(1)),
                notices: Vec::new(),
            }),
        }
    }

    /// The same schedule moved by `by` (whole days keep all-day events
    /// all-day).
    pub fn shifted(&self, by: Duration) -> Schedule {
        match *self {
            Schedule::Timed { start, end } => Schedule::Timed {
                start: start + by,
                end: end + by,
            },
            Schedule::AllDay {
                first_day,
                last_day,
            } => Schedule::AllDay {
                first_day: first_day + Duration::days(by.num_days()),
                last_day: last_day + Duration::days(by.num_days()),
            },
        }
    }

    /// The same wall-clock shape starting at `local_start` (for an
    /// occurrence of a series).
    pub fn starting_at(&self, local_start: NaiveDateTime) -> Schedule {
        self.shifted(local_start - self.local_start())
    }
}

fn ambiguous_notice(zone: Tz, local: NaiveDateTime, utc: DateTime<Utc>) -> Message {
    m::event_time_ambiguous(
        local.time(),
        local.date(),
        zone.name(),
        utc.with_timezone(&zone).format("%Z").to_string(),
    )
}

/// A schedule placed in its zone: the instants it spans, and anything the
/// person should be told about how their local times were read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedSchedule {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub notices: Vec<Message>,
}

#[cfg(test)]
mod tests {
    use chrono_tz::America::New_York;

    use super::super::EventForm;
    use super::super::form::tests::form;

    #[test]
    fn an_end_before_the_start_is_refused() {
        let backwards = EventForm {
            end_time: "18:00".into(),
            ..form()
        };
        assert_eq!(
            backwards.parse().unwrap_err().text("end").as_deref(),
            Some("The end must be after the start.")
        );
        let zero = EventForm {
            end_time: "19:00".into(),
            ..form()
        };
        assert!(zero.parse().is_err(), "an event must last some time");
    }

    #[test]
    fn all_day_events_are_dates_with_an_inclusive_last_day() {
        let holiday = EventForm {
            kind: "holiday".into(),
            all_day: Some("on".into()),
            start_date: "2026-12-24".into(),
            end_date: "2026-12-26".into(),
            start_time: "".into(),
            end_time: "".into(),
            ..form()
        };
        let draft = holiday.parse().unwrap();
        let placed = draft.schedule.place(New_York).unwrap();
        assert_eq!(placed.starts_at.to_rfc3339(), "2026-12-24T05:00:00+00:00");
        assert_eq!(placed.ends_at.to_rfc3339(), "2026-12-27T05:00:00+00:00");
        let backwards = EventForm {
            end_date: "2026-12-23".into(),
            ..holiday
        };
        assert!(backwards.parse().is_err());
    }

    #[test]
    fn events_longer_than_a_month_are_refused() {
        let long = EventForm {
            end_date: "2027-01-10".into(),
            ..form()
        };
        assert!(
            long.parse()
                .unwrap_err()
                .get("end")
                .unwrap()
                .to_string()
                .contains("at most 31 days")
        );
    }

    #[test]
    fn placing_reports_a_gap_at_the_field_and_notes_an_ambiguous_hour() {
        let gap = EventForm {
            start_date: "2026-03-08".into(),
            start_time: "02:15".into(),
            end_time: "04:00".into(),
            ..form()
        };
        let errors = gap.parse().unwrap().schedule.place(New_York).unwrap_err();
        assert!(
            errors
                .get("start")
                .unwrap()
                .to_string()
                .contains("does not exist")
        );

        let twice = EventForm {
            start_date: "2026-11-01".into(),
            start_time: "01:30".into(),
            end_time: "03:00".into(),
            ..form()
        };
        let placed = twice.parse().unwrap().schedule.place(New_York).unwrap();
        assert_eq!(placed.notices.len(), 1);
        assert!(
            placed.notices[0]
                .to_string()
                .contains("uses the first one (EDT)")
        );
    }
}
