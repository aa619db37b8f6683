//! Reusable views. No server functions are defined and no SQL runs here.

pub mod calendar;
pub mod form;
pub mod karaoke;
pub mod language;
pub mod layout;
pub mod page_error;
pub mod rsvp;
pub mod signups;
pub mod transport;
