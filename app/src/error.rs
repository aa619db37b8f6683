//! The one error type every boundary speaks: server functions (through
//! [`FromServerFnError`]), the JSON API and the CLI.
//!
//! `Internal` never carries detail to the client: the cause is logged once,
//! on the server, where it happened.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::validation::FieldErrors;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AppError {
    /// One or more fields are wrong; nothing was stored.
    #[error("{errors}")]
    Validation { errors: FieldErrors },
    /// The request itself is malformed (not a field's content).
    #[error("{message}")]
    BadRequest { message: String },
    #[error("Sign in to continue.")]
    Unauthorized,
    #[error("You are not allowed to do that.")]
    Forbidden,
    /// A state-changing request without a valid CSRF token or from another
    /// site.
    #[error("This form has expired or was sent from another site. Reload the page and try again.")]
    Csrf,
    #[error("Not found.")]
    NotFound,
    #[error("{message}")]
    Conflict { message: String },
    #[error("Too many attempts. Try again in {} minute(s).", retry_after_secs.div_ceil(60))]
    RateLimited { retry_after_secs: u64 },
    /// The browser could not reach the server.
    #[error("Hearth could not be reached. Check the connection and try again.")]
    Unreachable,
    #[error("Something went wrong on our side. Please try again.")]
    Internal,
}

impl AppError {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        AppError::Validation {
            errors: FieldErrors::single(field, message),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        AppError::BadRequest {
            message: message.into(),
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        AppError::Conflict {
            message: message.into(),
        }
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
            AppError::Unreachable => "unreachable",
            AppError::Internal => "internal",
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
            AppError::RateLimited { .. } => 429,
            AppError::Unreachable => 503,
            AppError::Internal => 500,
        }
    }

    /// The message for one field, when this is a validation error.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        match self {
            AppError::Validation { errors } => errors.get(field),
            _ => None,
        }
    }
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Validation { errors }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::Deserialization(m) => {
                AppError::BadRequest {
                    message: format!("The form could not be read: {m}"),
                }
            }
            ServerFnErrorErr::Request(_) => AppError::Unreachable,
            ServerFnErrorErr::MissingArg(m) => AppError::BadRequest {
                message: format!("A field is missing: {m}"),
            },
            _ => AppError::Internal,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_round_trip_through_the_server_fn_encoding() {
        let err = AppError::field("title", "Title is required.");
        let back = AppError::de(err.ser());
        assert_eq!(back, err);
        assert_eq!(back.field_message("title"), Some("Title is required."));
    }

    #[test]
    fn rate_limit_message_rounds_minutes_up() {
        let err = AppError::RateLimited {
            retry_after_secs: 61,
        };
        assert_eq!(
            err.to_string(),
            "Too many attempts. Try again in 2 minute(s)."
        );
    }
}
