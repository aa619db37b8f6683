//! One module per page.

pub mod event;
pub mod event_editor;
pub mod home;
pub mod not_found;
pub mod sign_in;
