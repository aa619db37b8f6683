//! Field-level validation errors, shared by forms, server functions and the
//! JSON API.

use serde::{Deserialize, Serialize};

use crate::i18n::{Message, m};

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field / JSON property the message belongs to.
    pub field: String,
    /// What a person can act on, put into words where it is shown.
    pub message: Message,
}

/// Every problem found in one submission, in the order of the form's fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn single(field: &str, message: Message) -> Self {
        let mut errors = Self::new();
        errors.add(field, message);
        errors
    }

    pub fn add(&mut self, field: &str, message: Message) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first message for `field`, if any.
    pub fn get(&self, field: &str) -> Option<&Message> {
        self.0.iter().find(|e| e.field == field).map(|e| &e.message)
    }

    /// Every message for `field`, in order.
    pub fn all(&self, field: &str) -> Vec<&Message> {
        self.0
            .iter()
            .filter(|e| e.field == field)
            .map(|e| &e.message)
            .collect()
    }

    /// The first message for `field` in the reference language (English),
    /// for tests and logs.
    pub fn text(&self, field: &str) -> Option<String> {
        self.get(field).map(ToString::to_string)
    }

    pub fn first(&self) -> Option<&FieldError> {
        self.0.first()
    }

    /// `Ok(value)` when nothing was added, the collected errors otherwise.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

/// In the reference language, for logs and tests.
impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let messages: Vec<String> = self.0.iter().map(|e| e.message.to_string()).collect();
        f.write_str(&messages.join(" "))
    }
}

/// Trims `value` and checks it is non-empty and at most `max` characters.
pub fn required_text(
    errors: &mut FieldErrors,
    field: &str,
    label: Message,
    value: &str,
    max: usize,
) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.add(field, m::field_required(label));
    } else {
        check_length(errors, field, label, value, max);
    }
    value.to_owned()
}

/// Trims `value` and checks it is at most `max` characters; empty is fine.
pub fn optional_text(
    errors: &mut FieldErrors,
    field: &str,
    label: Message,
    value: &str,
    max: usize,
) -> String {
    let value = value.trim();
    check_length(errors, field, label, value, max);
    value.to_owned()
}

fn check_length(errors: &mut FieldErrors, field: &str, label: Message, value: &str, max: usize) {
    let len = value.chars().count();
    if len > max {
        errors.add(field, m::field_too_long(label, max, len));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_trims_and_rejects_blank() {
        let mut errors = FieldErrors::new();
        assert_eq!(
            required_text(&mut errors, "title", m::field_title(), "  x ", 5),
            "x"
        );
        assert!(errors.is_empty());
        required_text(&mut errors, "title", m::field_title(), "   ", 5);
        assert_eq!(errors.text("title").as_deref(), Some("Title is required."));
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        let mut errors = FieldErrors::new();
        optional_text(&mut errors, "t", m::field_title(), "ééééé", 5);
        assert!(errors.is_empty(), "five accented letters fit in five");
        optional_text(&mut errors, "t", m::field_title(), "éééééé", 5);
        assert_eq!(
            errors.text("t").as_deref(),
            Some("Title can be at most 5 characters (this one has 6).")
        );
    }
}
