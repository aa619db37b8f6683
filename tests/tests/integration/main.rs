//! Hearth over HTTP, on SQLite and on PostgreSQL with identical assertions.

mod api_events;
mod auth;
mod cli;
mod forms;
mod operations;
