//! Hearth over HTTP, on SQLite and on PostgreSQL with identical assertions.

// Test code: a panic is the failure report.
#![allow(clippy::unwrap_used)]

mod access;
mod api_events;
mod auth;
mod authorization;
mod backup;
pub mod cli;
mod copy_data;
mod corpus;
mod feeds;
mod forms;
mod hostile;
mod import;
mod karaoke;
mod languages;
mod meetings;
mod operations;
mod planning;
pub mod privacy;
mod processes;
mod rsvps;
mod scheduling;
mod signups;
mod transport;
mod upgrade;
