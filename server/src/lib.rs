//! The `hearth` server: configuration, start-up, the plain axum routes
//! (JSON API, iCal feeds, health, assets, form handling) and the command
//! line.

pub mod api;
pub mod assets;
pub mod backup;
pub mod cli;
mod cli_access;
pub mod config;
pub mod copy_data;
pub mod demo;
pub mod envelope;
pub mod feeds;
pub mod forms;
pub mod health;
pub mod import;
pub mod language;
pub mod metrics;
pub mod middleware;
pub mod reports;
pub mod startup;
pub mod telemetry;
