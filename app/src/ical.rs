//! iCalendar: writing feeds that real calendar clients read correctly, and
//! reading .ics files for import. Built on the `icalendar` crate, with the
//! gaps it leaves (see ICAL.md in the shared docs) closed here.

pub mod feed;
pub mod import;
pub mod vtimezone;
pub mod write;
