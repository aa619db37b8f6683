//! Serializing `icalendar` components the way calendar clients need them.
//!
//! The `icalendar` crate is a good builder, but its own `Display` adds a
//! `DTSTAMP` of "now" and a random `UID` to every component it writes
//! (VALARM and VTIMEZONE children included), which makes output differ on
//! every request and breaks strong ETags. It also folds lines by character
//! count in places and leaves `NAME` unescaped. So Hearth builds components
//! with `icalendar` and writes them here:
//!
//! - nothing is added: what the builder holds is what is written;
//! - TEXT values are escaped per RFC 5545 §3.3.11 (`\\`, `\;`, `\,`, `\n`)
//!   and control characters other than TAB are dropped;
//! - parameter values with `:`, `;` or `,` are quoted, `"` is removed;
//! - lines are folded at 75 octets, never inside a UTF-8 sequence, and end
//!   in CRLF;
//! - properties come in a fixed order (the usual ones first, the rest by
//!   name), so the same content always gives the same bytes.

use icalendar::{Component, Property};

/// Properties whose values are TEXT and need escaping.
const TEXT_PROPERTIES: &[&str] = &[
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "COMMENT",
    "CONTACT",
    "NAME",
    "X-WR-CALNAME",
    "X-WR-CALDESC",
    "TZNAME",
];

/// The order properties are written in; the rest follow by name.
const ORDER: &[&str] = &[
    "ACTION",
    "TRIGGER",
    "UID",
    "DTSTAMP",
    "RECURRENCE-ID",
    "DTSTART",
    "DTEND",
    "DURATION",
    "RRULE",
    "SUMMARY",
    "DESCRIPTION",
    "LOCATION",
    "STATUS",
    "CLASS",
    "TRANSP",
    "CATEGORIES",
    "SEQUENCE",
    "CREATED",
    "LAST-MODIFIED",
    "URL",
];

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                // CRLF and lone CR are both one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value, quoted when it must be (RFC 5545 §3.2).
fn param_value(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && (!c.is_control() || *c == '\t'))
        .collect();
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// Appends `line` folded at 75 octets, with CRLF line ends.
pub fn push_folded(out: &mut String, line: &str) {
    const FIRST: usize = 75;
    const NEXT: usize = 74; // after the leading space
    let mut rest = line;
    let mut limit = FIRST;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = NEXT;
    }
}

/// The unfolded content line of one property.
pub fn property_line(property: &Property) -> String {
    let key = property.key();
    let mut line = String::with_capacity(key.len() + property.value().len() + 16);
    line.push_str(key);
    // Parameters in name order, for stable output.
    let mut params: Vec<_> = property.params().values().collect();
    params.sort_by(|a, b| a.key().cmp(b.key()));
    for param in params {
        line.push(';');
        line.push_str(param.key());
        line.push('=');
        line.push_str(&param_value(param.value()));
    }
    line.push(':');
    if TEXT_PROPERTIES.contains(&key) {
        line.push_str(&escape_text(property.value()));
    } else {
        // Other values are built by Hearth from typed data; only strip
        // anything that would break the line.
        line.extend(
            property
                .value()
                .chars()
                .filter(|c| !c.is_control() || *c == '\t'),
        );
    }
    line
}

fn rank(key: &str) -> usize {
    ORDER.iter().position(|k| *k == key).unwrap_or(ORDER.len())
}

/// Writes a component and its children, adding nothing.
pub fn write_component<C: Component>(out: &mut String, component: &C) {
    write_parts(
        out,
        &component.component_kind(),
        component.properties().values(),
        component.multi_properties().values().flatten(),
        component.components(),
    );
}

fn write_parts<'a, D: Component>(
    out: &mut String,
    kind: &str,
    properties: impl Iterator<Item = &'a Property>,
    multi: impl Iterator<Item = &'a Property>,
    children: &[D],
) {
    push_folded(out, &format!("BEGIN:{kind}"));
    let mut single: Vec<&Property> = properties.collect();
    single.sort_by(|a, b| (rank(a.key()), a.key()).cmp(&(rank(b.key()), b.key())));
    for property in single {
        push_folded(out, &property_line(property));
    }
    let mut multi: Vec<&Property> = multi.collect();
    // Stable: by name, then by value (EXDATEs in date order).
    multi.sort_by(|a, b| (a.key(), a.value()).cmp(&(b.key(), b.value())));
    for property in multi {
        push_folded(out, &property_line(property));
    }
    for child in children {
        write_component(out, child);
    }
    push_folded(out, &format!("END:{kind}"));
}

/// A whole VCALENDAR: its properties in the given order, then the
/// VTIMEZONE blocks (already as unfolded lines), then the events.
pub fn write_calendar(
    calendar_properties: &[Property],
    timezones: &[Vec<String>],
    events: &[icalendar::Event],
) -> String {
    let mut out = String::with_capacity(1024 + events.len() * 600);
    push_folded(&mut out, "BEGIN:VCALENDAR");
    for property in calendar_properties {
        push_folded(&mut out, &property_line(property));
    }
    for zone in timezones {
        for line in zone {
            push_folded(&mut out, line);
        }
    }
    for event in events {
        write_component(&mut out, event);
    }
    push_folded(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use icalendar::{Alarm, EventLike, Trigger};

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape_text("Pizza, salad; and \\ more\r\nNext line\nThird"),
            "Pizza\\, salad\\; and \\\\ more\\nNext line\\nThird"
        );
        assert_eq!(escape_text("bell\u{7} gone"), "bell gone");
    }

    #[test]
    fn folding_respects_octets_and_characters() {
        let line = format!("SUMMARY:{}", "é".repeat(100));
        let mut out = String::new();
        push_folded(&mut out, &line);
        for (i, physical) in out.split("\r\n").filter(|l| !l.is_empty()).enumerate() {
            assert!(
                physical.len() <= 75,
                "line {i} has {} octets",
                physical.len()
            );
            if i > 0 {
                assert!(physical.starts_with(' '));
            }
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn short_lines_are_not_folded() {
        let mut out = String::new();
        push_folded(&mut out, "VERSION:2.0");
        assert_eq!(out, "VERSION:2.0\r\n");
    }

    #[test]
    fn nothing_is_added_to_components() {
        let mut event = icalendar::Event::new();
        event
            .uid("event-1@example.org")
            .summary("Karaoke, night")
            .alarm(Alarm::display(
                "Reminder",
                Trigger::before_start(chrono::Duration::minutes(30)),
            ));
        let mut out = String::new();
        write_component(&mut out, &event);
        assert!(!out.contains("DTSTAMP"), "{out}");
        assert_eq!(out.matches("UID:").count(), 1, "{out}");
        assert!(out.contains("SUMMARY:Karaoke\\, night\r\n"), "{out}");
        assert!(out.contains("BEGIN:VALARM\r\n"), "{out}");
        // Deterministic.
        let mut again = String::new();
        write_component(&mut again, &event);
        assert_eq!(out, again);
    }

    #[test]
    fn parameters_are_quoted_when_needed() {
        let property = Property::new("LOCATION", "Room 1")
            .add_parameter("ALTREP", "https://example.org/a,b")
            .done();
        assert_eq!(
            property_line(&property),
            "LOCATION;ALTREP=\"https://example.org/a,b\":Room 1"
        );
    }
}
