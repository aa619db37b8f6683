//! Field-level validation errors, shared by forms, server functions and the
//! JSON API.

use serde::{Deserialize, Serialize};

/// One problem with one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field / JSON property the message belongs to.
    pub field: String,
    /// A sentence a person can act on.
    pub message: String,
}

/// Every problem found in one submission, in the order of the form's fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn single(field: &str, message: impl Into<String>) -> Self {
        let mut errors = Self::new();
        errors.add(field, message);
        errors
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first message for `field`, if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
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

impl std::fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let messages: Vec<&str> = self.0.iter().map(|e| e.message.as_str()).collect();
        f.write_str(&messages.join(" "))
    }
}

/// Trims `value` and checks it is non-empty and at most `max` characters.
pub fn required_text(
    errors: &mut FieldErrors,
    field: &str,
    label: &str,
    value: &str,
    max: usize,
) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.add(field, format!("{label} is required."));
    } else {
        check_length(errors, field, label, value, max);
    }
    value.to_owned()
}

/// Trims `value` and checks it is at most `max` characters; empty is fine.
pub fn optional_text(
    errors: &mut FieldErrors,
    field: &str,
    label: &str,
    value: &str,
    max: usize,
) -> String {
    let value = value.trim();
    check_length(errors, field, label, value, max);
    value.to_owned()
}

fn check_length(errors: &mut FieldErrors, field: &str, label: &str, value: &str, max: usize) {
    let len = value.chars().count();
    if len > max {
        errors.add(
            field,
            format!("{label} can be at most {max} characters (this one has {len})."),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_trims_and_rejects_blank() {
        let mut errors = FieldErrors::new();
        assert_eq!(required_text(&mut errors, "title", "Title", "  x ", 5), "x");
        assert!(errors.is_empty());
        required_text(&mut errors, "title", "Title", "   ", 5);
        assert_eq!(errors.get("title"), Some("Title is required."));
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        let mut errors = FieldErrors::new();
        optional_text(&mut errors, "t", "T", "ééééé", 5);
        assert!(errors.is_empty(), "five accented letters fit in five");
        optional_text(&mut errors, "t", "T", "éééééé", 5);
        assert_eq!(
            errors.get("t"),
            Some("T can be at most 5 characters (this one has 6).")
        );
    }
}
