//! Pure types and rules. Nothing in here touches a database, the network or
//! the clock: every function takes what it needs as arguments, so the rules
//! are tested without a server.

pub mod audit;
pub mod calendar;
pub mod event;
pub mod karaoke;
pub mod meeting_guide;
pub mod occurrence;
pub mod panel;
pub mod person;
pub mod recurrence;
pub mod rsvp;
pub mod signup;
pub mod throttle;
pub mod time;
pub mod transport;
pub mod validation;
