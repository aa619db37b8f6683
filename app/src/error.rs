//! The one error type every boundary speaks: server functions (through
//! [`FromServerFnError`]), the JSON API and the CLI.
//!
//! `Internal` never carries detail to the client: the cause is logged once,
//! on the server, where it happened.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::occurrence::BadOccurrenceKey;
use crate::domain::validation::FieldErrors;
use crate::i18n::{Lang, Message, m};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AppError {
    /// One or more fields are wrong; nothing was stored.
    Validation {
        errors: FieldErrors,
    },
    /// The request itself is malformed (not a field's content).
    BadRequest {
        message: Message,
    },
    Unauthorized,
    Forbidden,
    /// A state-changing request without a valid CSRF token or from another
    /// site.
    Csrf,
    NotFound,
    Conflict {
        message: Message,
    },
    RateLimited {
        retry_after_secs: u64,
    },
    /// Too many requests are waiting for the same scarce work (hashing a
    /// password); nothing was done.
    Busy {
        retry_after_secs: u64,
    },
    /// Too many wrong attempts locked something (a kiosk tablet) until a
    /// person unlocks it; answered like a rate limit (`429`), with a
    /// `Retry-After` for when to look again.
    Locked {
        message: Message,
        retry_after_secs: u64,
    },
    /// The browser could not reach the server.
    Unreachable,
    Internal,
}

impl AppError {
    pub fn field(field: &str, message: Message) -> Self {
        AppError::Validation {
            errors: FieldErrors::single(field, message),
        }
    }

    pub fn bad_request(message: Message) -> Self {
        AppError::BadRequest { message }
    }

    pub fn conflict(message: Message) -> Self {
        AppError::Conflict { message }
    }

    /// Logs `cause` once, here, and answers `Internal` (which carries no
    /// detail to the client).
    #[track_caller]
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        let at = std::panic::Location::caller();
        tracing::error!(error = %cause, at = %at, "internal error");
        AppError::Internal
    }

    /// The machine-readable code, as in the JSON API's `error.code`.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Validation { .. } => "validation",
            AppError::BadRequest { .. } => "bad_request",
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::Csrf => "csrf",
            AppError::NotFound => "not_found",
            AppError::Conflict { .. } => "conflict",
            AppError::RateLimited { .. } => "rate_limited",
            AppError::Busy { .. } => "busy",
            AppError::Locked { .. } => "locked",
            AppError::Unreachable => "unreachable",
            AppError::Internal => "internal",
        }
    }

    /// Seconds to wait before trying again (`Retry-After`), for the errors
    /// that have one.
    pub fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::RateLimited { retry_after_secs }
            | AppError::Busy { retry_after_secs }
            | AppError::Locked {
                retry_after_secs, ..
            } => Some(*retry_after_secs),
            _ => None,
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Validation { .. } => 422,
            AppError::BadRequest { .. } => 400,
            AppError::Unauthorized => 401,
            AppError::Forbidden | AppError::Csrf => 403,
            AppError::NotFound => 404,
            AppError::Conflict { .. } => 409,
            AppError::RateLimited { .. } | AppError::Locked { .. } => 429,
            AppError::Busy { .. } => 503,
            AppError::Unreachable => 503,
            AppError::Internal => 500,
        }
    }

    /// What a person reads about this error (for a validation error, the
    /// first field's message; pages show each at its field).
    pub fn message(&self) -> Message {
        match self {
            AppError::Validation { errors } => errors
                .first()
                .map(|e| e.message.clone())
                .unwrap_or_else(m::error_form_has_errors),
            AppError::BadRequest { message }
            | AppError::Conflict { message }
            | AppError::Locked { message, .. } => message.clone(),
            AppError::Unauthorized => m::error_unauthorized(),
            AppError::Forbidden => m::error_forbidden(),
            AppError::Csrf => m::error_csrf(),
            AppError::NotFound => m::error_not_found(),
            AppError::RateLimited { retry_after_secs } if *retry_after_secs < 60 => {
                m::error_rate_limited_seconds(*retry_after_secs)
            }
            AppError::RateLimited { retry_after_secs } => {
                m::error_rate_limited(retry_after_secs.div_ceil(60))
            }
            AppError::Busy { .. } => m::error_busy(),
            AppError::Unreachable => m::error_unreachable(),
            AppError::Internal => m::error_internal(),
        }
    }

    /// Every message of the error as one (a validation error's fields in
    /// order).
    pub fn full_message(&self) -> Message {
        match self {
            AppError::Validation { errors } => {
                Message::join(errors.0.iter().map(|e| e.message.clone()).collect())
                    .unwrap_or_else(m::error_form_has_errors)
            }
            other => other.message(),
        }
    }

    /// The error in `lang`; a validation error lists every field's message.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            AppError::Validation { errors } if !errors.is_empty() => errors
                .0
                .iter()
                .map(|e| e.message.render(lang))
                .collect::<Vec<_>>()
                .join(" "),
            other => other.message().render(lang).into_owned(),
        }
    }

    /// The message for one field, when this is a validation error.
    pub fn field_message(&self, field: &str) -> Option<&Message> {
        match self {
            AppError::Validation { errors } => errors.get(field),
            _ => None,
        }
    }
}

/// In the reference language: for logs, the CLI's fallback and tests.
impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::default()))
    }
}

impl std::error::Error for AppError {}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Validation { errors }
    }
}

/// A route's occurrence key that is not one: the `key` field is wrong
/// (`422`). Requests that only look the occurrence up answer `404` instead.
impl From<BadOccurrenceKey> for AppError {
    fn from(BadOccurrenceKey(message): BadOccurrenceKey) -> Self {
        AppError::field("key", message)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(detail) | ServerFnErrorErr::Deserialization(detail) => {
                AppError::bad_request(m::error_form_unreadable(detail))
            }
            ServerFnErrorErr::Request(_) => AppError::Unreachable,
            ServerFnErrorErr::MissingArg(name) => {
                AppError::bad_request(m::error_form_field_missing(name))
            }
            _ => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_round_trip_through_the_server_fn_encoding() {
        let err = AppError::field("title", m::field_required(m::field_title()));
        let back = AppError::de(err.ser());
        assert_eq!(back, err);
        assert_eq!(
            back.field_message("title")
                .map(ToString::to_string)
                .as_deref(),
            Some("Title is required.")
        );
    }

    #[test]
    fn a_route_key_that_is_not_one_is_refused_as_the_key_field() {
        let refused = crate::domain::occurrence::OccurrenceRef::parse(7, "tomorrow").unwrap_err();
        let err = AppError::from(refused);
        assert_eq!(err.status(), 422);
        assert_eq!(
            err.field_message("key").map(|m| m.id),
            Some(crate::i18n::MsgId::OccurrenceKeyInvalid)
        );
    }

    #[test]
    fn rate_limit_message_rounds_minutes_up() {
        let err = AppError::RateLimited {
            retry_after_secs: 61,
        };
        assert_eq!(
            err.to_string(),
            "Too many attempts. Try again in 2 minutes."
        );
    }
}
