//! Every word the pages show, in one place per language.
//!
//! A page asks for [`use_strings`] and reads fields (`t.sign_in`); texts
//! with numbers or names are functions. A new language is a new `Strings`
//! value: the compiler then refuses to build until every text has a
//! translation. (We chose this over `leptos_i18n` to keep the wasm bundle and
//! the build small; see ARCHITECTURE.md.)

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use leptos::prelude::*;

use crate::domain::event::{EventKind, EventStatus, Schedule};

pub struct Strings {
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub nav_upcoming: &'static str,
    pub nav_new_event: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub signed_in_as: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub sign_in_heading: &'static str,
    pub sign_in_intro: &'static str,
    pub welcome_heading: &'static str,
    pub welcome_text: &'static str,
    pub upcoming_heading: &'static str,
    pub no_upcoming: &'static str,
    pub new_event_heading: &'static str,
    pub edit_event_heading: &'static str,
    pub field_kind: &'static str,
    pub field_title: &'static str,
    pub field_description: &'static str,
    pub field_location: &'static str,
    pub field_all_day: &'static str,
    pub field_starts: &'static str,
    pub field_ends: &'static str,
    pub field_date: &'static str,
    pub field_time: &'static str,
    pub end_date_hint: &'static str,
    pub save_event: &'static str,
    pub create_event: &'static str,
    pub saving: &'static str,
    pub edit: &'static str,
    pub cancel_event: &'static str,
    pub cancel_event_confirm: &'static str,
    pub cancelled_badge: &'static str,
    pub event_cancelled_note: &'static str,
    pub back_to_upcoming: &'static str,
    pub not_found_heading: &'static str,
    pub not_found_text: &'static str,
    pub form_has_errors: &'static str,
    pub where_label: &'static str,
    pub when_label: &'static str,
    pub all_day: &'static str,
    pub characters_left: fn(usize) -> String,
    pub kind: fn(EventKind) -> &'static str,
    pub status: fn(EventStatus) -> &'static str,
    pub weekday: fn(Weekday) -> &'static str,
    pub month: fn(u32) -> &'static str,
}

pub static EN: Strings = Strings {
    app_name: "Hearth",
    skip_to_content: "Skip to content",
    nav_upcoming: "Upcoming",
    nav_new_event: "New event",
    sign_in: "Sign in",
    sign_out: "Sign out",
    signed_in_as: "Signed in as",
    email: "E-mail",
    password: "Password",
    sign_in_heading: "Sign in",
    sign_in_intro: "Staff sign in with their work e-mail.",
    welcome_heading: "Welcome",
    welcome_text: "Hearth is where our recreation events are planned. Sign in to see what's coming up.",
    upcoming_heading: "Coming up",
    no_upcoming: "Nothing is planned yet.",
    new_event_heading: "New event",
    edit_event_heading: "Edit event",
    field_kind: "Kind",
    field_title: "Title",
    field_description: "Description",
    field_location: "Location",
    field_all_day: "All day",
    field_starts: "Starts",
    field_ends: "Ends",
    field_date: "Date",
    field_time: "Time",
    end_date_hint: "Leave the end date empty for the same day.",
    save_event: "Save changes",
    create_event: "Create event",
    saving: "Saving…",
    edit: "Edit",
    cancel_event: "Cancel this event",
    cancel_event_confirm: "Cancelling keeps the event on the calendar, marked as cancelled.",
    cancelled_badge: "Cancelled",
    event_cancelled_note: "This event is cancelled.",
    back_to_upcoming: "Back to upcoming events",
    not_found_heading: "Not found",
    not_found_text: "There is nothing at this address.",
    form_has_errors: "Please correct the fields marked below.",
    where_label: "Where",
    when_label: "When",
    all_day: "all day",
    characters_left: |n| format!("{n} characters left"),
    kind: |kind| match kind {
        EventKind::Karaoke => "Karaoke",
        EventKind::Potluck => "Potluck",
        EventKind::TwelveStep => "12-step meeting",
        EventKind::Holiday => "Holiday",
        EventKind::Outing => "Outing",
        EventKind::Recreation => "Recreation",
        EventKind::Other => "Other",
    },
    status: |status| match status {
        EventStatus::Scheduled => "Scheduled",
        EventStatus::Cancelled => "Cancelled",
    },
    weekday: |day| match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    },
    month: |m| match m {
        1 => "January",
        2 => "February",
        3 => "March",
        4 => "April",
        5 => "May",
        6 => "June",
        7 => "July",
        8 => "August",
        9 => "September",
        10 => "October",
        11 => "November",
        _ => "December",
    },
};

/// The strings for the current visitor's language (English for now).
pub fn use_strings() -> &'static Strings {
    use_context::<&'static Strings>().unwrap_or(&EN)
}

impl Strings {
    /// "Friday, December 4, 2026"
    pub fn long_date(&self, date: NaiveDate) -> String {
        format!(
            "{}, {} {}, {}",
            (self.weekday)(date.weekday()),
            (self.month)(date.month()),
            date.day(),
            date.year()
        )
    }

    /// "7:00 PM"
    pub fn time(&self, t: NaiveDateTime) -> String {
        t.format("%-I:%M %p").to_string()
    }

    /// The whole span, spelled out: "Friday, December 4, 2026, 7:00 PM – 9:00 PM".
    pub fn schedule(&self, schedule: &Schedule) -> String {
        match *schedule {
            Schedule::Timed { start, end } if start.date() == end.date() => format!(
                "{}, {} – {}",
                self.long_date(start.date()),
                self.time(start),
                self.time(end)
            ),
            Schedule::Timed { start, end } => format!(
                "{}, {} – {}, {}",
                self.long_date(start.date()),
                self.time(start),
                self.long_date(end.date()),
                self.time(end)
            ),
            Schedule::AllDay {
                first_day,
                last_day,
            } if first_day == last_day => {
                format!("{} ({})", self.long_date(first_day), self.all_day)
            }
            Schedule::AllDay {
                first_day,
                last_day,
            } => format!(
                "{} – {} ({})",
                self.long_date(first_day),
                self.long_date(last_day),
                self.all_day
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedules_are_spelled_out_in_full() {
        let at = |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        let timed = Schedule::Timed {
            start: at("2026-12-04 19:00"),
            end: at("2026-12-04 21:30"),
        };
        assert_eq!(
            EN.schedule(&timed),
            "Friday, December 4, 2026, 7:00 PM – 9:30 PM"
        );
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let holiday = Schedule::AllDay {
            first_day: day("2026-12-24"),
            last_day: day("2026-12-26"),
        };
        assert_eq!(
            EN.schedule(&holiday),
            "Thursday, December 24, 2026 – Saturday, December 26, 2026 (all day)"
        );
    }
}
