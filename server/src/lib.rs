//! The `hearth` server: configuration, start-up, the plain axum routes
//! (JSON API, health, assets, form handling) and the command line.

pub mod api;
pub mod assets;
pub mod cli;
pub mod config;
pub mod demo;
pub mod forms;
pub mod health;
pub mod middleware;
pub mod reports;
pub mod startup;
pub mod telemetry;
