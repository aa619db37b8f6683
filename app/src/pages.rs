//! One module per page.

pub mod access;
pub mod calendar;
pub mod event;
pub mod event_editor;
pub mod home;
pub mod import;
pub mod karaoke_screen;
pub mod kiosk;
pub mod manifest;
pub mod me;
pub mod not_found;
pub mod people;
pub mod reports;
pub mod roster;
pub mod settings;
pub mod sign_in;
pub mod signup_sheet;
pub mod subscribe;
pub mod templates;
