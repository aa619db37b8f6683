//! Use cases: each takes the state, who is asking and parsed input, checks
//! permission, and runs the transaction. Server functions and the JSON API
//! are thin layers over these.

pub mod access;
pub mod auth;
pub mod change_clock;
pub mod events;
pub mod facilities;
pub mod feed_cache;
pub mod feeds;
pub mod hashing;
pub mod import;
pub mod karaoke;
pub mod kiosk;
pub mod meeting_guide;
pub mod page_reads;
pub mod panels;
pub mod people;
pub mod reports;
pub mod rsvps;
pub mod signups;
pub mod templates;
pub mod transport;

use crate::db::DbError;
use crate::error::AppError;

/// Database failures become `Internal` for the client; the cause is logged
/// here, once.
impl From<DbError> for AppError {
    fn from(err: DbError) -> Self {
        match err {
            DbError::Duplicate(_) => AppError::conflict(crate::i18n::m::error_already_exists()),
            other => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}
