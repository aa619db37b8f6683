//! RFC 5545 `VTIMEZONE` generation from the chrono-tz database.
//!
//! chrono-tz compiles the IANA database into offset tables but exposes no
//! API to enumerate transitions, so this module rediscovers them:
//!
//! 1. **Probe.** Walk the window `[from - 366 days, to + 366 days]` in
//!    one-day steps, asking chrono-tz for the offset (total UTC offset, DST
//!    component and abbreviation) at each step. Whenever two successive
//!    probes differ, a binary search narrows the change down to the exact
//!    second. The year of look-back guarantees that the observance in force
//!    at `from` is known; the year of look-ahead lets us tell a yearly rule
//!    that keeps going after `to` from one that stops shortly after it, and
//!    gives even very short spans at least two occurrences of each yearly
//!    transition. Eight further years are probed but not written out: they
//!    only serve to pick the right day rule for rules still running at the
//!    end of the window (two occurrences cannot tell "last Friday" from
//!    "Friday on or after the 23rd").
//! 2. **Classify.** Each transition becomes one onset of an observance:
//!    `DAYLIGHT` when the new offset has a positive DST component, otherwise
//!    `STANDARD`. tzdata's "negative DST" zones (Europe/Dublin,
//!    Africa/Casablanca) are normalised the way tzdata's own "rearguard"
//!    format does it: a change *out of* a negative-DST period to a larger
//!    offset is `DAYLIGHT`, the negative-DST period itself is `STANDARD`.
//! 3. **Group.** Transitions with identical offsets, abbreviation, kind,
//!    month and local wall-clock time (in the old offset) that happen in
//!    consecutive years and follow one common day rule are merged into a
//!    single observance with
//!    `RRULE:FREQ=YEARLY;BYMONTH=m;BYDAY=...|BYMONTHDAY=...`. Day rules are
//!    tried in this order: last weekday of the month (`BYDAY=-1SU`), n-th
//!    weekday (`BYDAY=2SU`), fixed day of month (`BYMONTHDAY=22`), and
//!    "weekday on or after day d" (`BYDAY=FR;BYMONTHDAY=23,...,29`, the form
//!    vzic/tzurl.org use for rules like Israel's `Fri>=23`). A group whose
//!    next expected occurrence falls inside the probed window but did not
//!    happen is closed with `UNTIL`; a group still running at the end of the
//!    window is left open-ended (east of Greenwich `UNTIL` is written as
//!    the onset's wall-clock time, see `yearly_rrule`, to work around
//!    parsers that compare it as floating time). Anything that does not fit
//!    (one-off changes, groups of one) is written as a plain `DTSTART`
//!    observance, so an RRULE never generates an onset that did not really
//!    happen inside the window.
//! 4. **Cover `from`.** If no transition happened in the year before `from`
//!    (zones without DST, such as UTC or Asia/Kolkata), a fixed observance
//!    starting `19700101T000000` (or earlier for spans before 1970) with
//!    `TZOFFSETFROM` = `TZOFFSETTO` carries the offset in force at `from`.
//!
//! The union of all generated onsets therefore equals the real set of
//! transitions inside the window, each carrying the right `TZOFFSETTO`, which
//! is exactly what a client needs to resolve any wall-clock time in
//! `[from, to]`. Observances are sorted by their first onset, so the output is
//! deterministic.
//!
//! Limitations: a pair of changes that cancel out within one probe step
//! (less than a day apart) would be missed (tzdata has no such case in the
//! probed era); chrono-tz only carries transitions up to 2099, so a yearly
//! rule still running in 2099 is treated as open-ended rather than
//! stopping.

use std::collections::BTreeMap;

use chrono::{
    DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeZone, Timelike, Utc, Weekday,
};
use chrono_tz::{OffsetComponents, OffsetName, Tz, TzOffset};

/// Seconds in a day.
const DAY: i64 = 86_400;
/// Step of the coarse probe; changes are then located to the second.
const PROBE_STEP: i64 = DAY;
/// Look-back before `from` and look-ahead after `to`.
const MARGIN: i64 = 366 * DAY;
/// Extra years probed after the window only to pick the right day rule of
/// yearly transitions that are still running (e.g. "last Friday" versus
/// "Friday on or after the 23rd" needs up to seven occurrences to tell).
const LOOKAHEAD: i64 = 8 * 366 * DAY;
/// 1800-01-01T00:00:00Z. tzdata has no transition before 1844 (Asia/Manila),
/// so probing earlier is pointless.
const PROBE_MIN: i64 = -5_364_662_400;
/// 2101-01-01T00:00:00Z. chrono-tz carries no transition after 2099.
const PROBE_MAX: i64 = 4_133_980_800;
/// Last year for which chrono-tz carries transitions. A yearly rule whose
/// next occurrence would fall after it cannot be confirmed to stop, so it is
/// kept open-ended.
const DATA_LAST_YEAR: i32 = 2099;

/// Unfolded content lines from "BEGIN:VTIMEZONE" to "END:VTIMEZONE" (no CRLF, no folding; the caller folds and adds CRLF).
/// Deterministic: same inputs -> identical output. Covers every instant in [from, to]; observances that are still in force at `to` and follow a yearly rule are written as an open-ended RRULE (no UNTIL) so that never-ending recurring events keep working after `to`.
pub fn vtimezone_lines(zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<String> {
    let (from, to) = if from <= to { (from, to) } else { (to, from) };
    let from_secs = from.timestamp();
    let to_secs = to.timestamp();
    let lo = from_secs.saturating_sub(MARGIN).clamp(PROBE_MIN, PROBE_MAX);
    let hi = to_secs.saturating_add(MARGIN).clamp(PROBE_MIN, PROBE_MAX);

    let transitions = find_transitions(zone, lo, hi);
    let lookahead = find_transitions(zone, hi, hi.saturating_add(LOOKAHEAD).min(PROBE_MAX));
    let mut observances = group_transitions(&transitions, &lookahead, hi);

    if transitions.first().is_none_or(|first| first.at > from_secs) {
        observances.push(Observance::fixed(
            OffsetState::of(&offset_at(zone, from_secs)),
            lo.min(from_secs),
        ));
    }
    observances.sort_by(|a, b| {
        (a.start, &a.dtstart, a.daylight, &a.name).cmp(&(b.start, &b.dtstart, b.daylight, &b.name))
    });

    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_owned(),
        format!("TZID:{}", zone.name()),
        format!("X-LIC-LOCATION:{}", zone.name()),
    ];
    for observance in &observances {
        observance.write(&mut lines);
    }
    lines.push("END:VTIMEZONE".to_owned());
    lines
}

// ---------------------------------------------------------------------------
// Probing
// ---------------------------------------------------------------------------

/// The chrono-tz offset in force at `secs` (Unix time).
fn offset_at(zone: Tz, secs: i64) -> TzOffset {
    // Callers only pass timestamps of valid `DateTime<Utc>` values or values
    // clamped to [PROBE_MIN, PROBE_MAX], so the fallback is never used.
    let utc = DateTime::from_timestamp(secs, 0).unwrap_or(DateTime::UNIX_EPOCH);
    zone.offset_from_utc_datetime(&utc.naive_utc())
}

/// An offset as it matters for a VTIMEZONE.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct OffsetState {
    /// Total offset from UTC, seconds.
    total: i32,
    /// DST component, seconds (negative for tzdata's "negative DST").
    dst: i32,
    /// Abbreviation, e.g. "EST" or "+03".
    name: String,
}

impl OffsetState {
    fn of(offset: &TzOffset) -> Self {
        let total = offset.fix().local_minus_utc();
        let dst = i32::try_from(offset.dst_offset().num_seconds()).unwrap_or(0);
        let name = offset
            .abbreviation()
            .map_or_else(|| numeric_abbreviation(total), str::to_owned);
        OffsetState { total, dst, name }
    }
}

/// One change of offset, found by probing.
#[derive(Clone, Debug)]
struct Transition {
    /// First second (Unix time) at which `new` is in force.
    at: i64,
    old: OffsetState,
    new: OffsetState,
}

impl Transition {
    /// Wall-clock time of the change, read in the old offset (how RFC 5545
    /// expects an observance's DTSTART).
    fn wall(&self) -> NaiveDateTime {
        naive_at(self.at.saturating_add(i64::from(self.old.total)))
    }

    fn daylight(&self) -> bool {
        is_daylight(Some(&self.old), &self.new)
    }
}

/// Whether an observance switching to `new` is `DAYLIGHT`.
///
/// Positive DST is daylight time. For tzdata's negative-DST zones the
/// period with negative DST is the (rearguard) standard time and the change
/// back to the larger offset is daylight time.
fn is_daylight(old: Option<&OffsetState>, new: &OffsetState) -> bool {
    new.dst > 0 || (new.dst == 0 && old.is_some_and(|old| old.dst < 0 && new.total > old.total))
}

/// Every offset change in `(lo, hi]`, in chronological order.
fn find_transitions(zone: Tz, lo: i64, hi: i64) -> Vec<Transition> {
    let mut transitions = Vec::new();
    let mut cur = lo;
    let mut cur_offset = offset_at(zone, lo);
    while cur < hi {
        let next = cur.saturating_add(PROBE_STEP).min(hi);
        if offset_at(zone, next) == cur_offset {
            cur = next;
            continue;
        }
        // Invariant: `a` still has `cur_offset`, `b` does not.
        let (mut a, mut b) = (cur, next);
        while b - a > 1 {
            let mid = a + (b - a) / 2;
            if offset_at(zone, mid) == cur_offset {
                a = mid;
            } else {
                b = mid;
            }
        }
        let new_offset = offset_at(zone, b);
        transitions.push(Transition {
            at: b,
            old: OffsetState::of(&cur_offset),
            new: OffsetState::of(&new_offset),
        });
        cur = b;
        cur_offset = new_offset;
    }
    transitions
}

// ---------------------------------------------------------------------------
// Yearly day rules
// ---------------------------------------------------------------------------

/// How a yearly transition picks its day within its month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DayRule {
    /// Last given weekday of the month (`BYDAY=-1SU`).
    Last(Weekday),
    /// n-th given weekday of the month, n in 1..=5 (`BYDAY=2SU`).
    Nth(u32, Weekday),
    /// Fixed day of the month (`BYMONTHDAY=22`).
    MonthDay(u32),
    /// First given weekday on or after a day of the month
    /// (`BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29`).
    OnOrAfter(Weekday, u32),
}

impl DayRule {
    /// All rules that select `date` in its month, most preferred first.
    fn candidates(date: NaiveDate) -> Vec<DayRule> {
        let (day, weekday) = (date.day(), date.weekday());
        let mut rules = Vec::new();
        if days_in_month(date.year(), date.month()).is_some_and(|dim| day + 7 > dim) {
            rules.push(DayRule::Last(weekday));
        }
        rules.push(DayRule::Nth((day - 1) / 7 + 1, weekday));
        rules.push(DayRule::MonthDay(day));
        // "On or after s" must stay inside the month in every year; 1, 8,
        // 15 and 22 are already covered by `Nth`.
        let shortest = if date.month() == 2 {
            28
        } else {
            days_in_month(2001, date.month()).unwrap_or(28)
        };
        for start in day.saturating_sub(6).max(1)..=day {
            if start % 7 != 1 && start + 6 <= shortest {
                rules.push(DayRule::OnOrAfter(weekday, start));
            }
        }
        rules
    }

    /// The day of `month` in `year` this rule selects, if any.
    fn day_in(self, year: i32, month: u32) -> Option<u32> {
        let dim = days_in_month(year, month)?;
        let weekday_of = |day: u32| NaiveDate::from_ymd_opt(year, month, day).map(|d| d.weekday());
        let day = match self {
            DayRule::Nth(n, weekday) => {
                1 + days_until(weekday_of(1)?, weekday) + 7 * n.saturating_sub(1)
            }
            DayRule::Last(weekday) => dim - days_until(weekday, weekday_of(dim)?),
            DayRule::MonthDay(day) => day,
            DayRule::OnOrAfter(weekday, start) => start + days_until(weekday_of(start)?, weekday),
        };
        (1..=dim).contains(&day).then_some(day)
    }

    /// The RRULE parts selecting the day, e.g. `BYDAY=2SU`.
    fn rrule_part(self) -> String {
        match self {
            DayRule::Last(weekday) => format!("BYDAY=-1{}", weekday_code(weekday)),
            DayRule::Nth(n, weekday) => format!("BYDAY={n}{}", weekday_code(weekday)),
            DayRule::MonthDay(day) => format!("BYMONTHDAY={day}"),
            DayRule::OnOrAfter(weekday, start) => {
                let days: Vec<String> = (start..start + 7).map(|d| d.to_string()).collect();
                format!(
                    "BYDAY={};BYMONTHDAY={}",
                    weekday_code(weekday),
                    days.join(",")
                )
            }
        }
    }
}

/// Days from `from` forward to the next `to` (0..=6).
fn days_until(from: Weekday, to: Weekday) -> u32 {
    (to.num_days_from_monday() + 7 - from.num_days_from_monday()) % 7
}

fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let (next_year, next_month) = if month == 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?
        .pred_opt()
        .map(|d| d.day())
}

fn weekday_code(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

// ---------------------------------------------------------------------------
// Grouping
// ---------------------------------------------------------------------------

/// What transitions must share to be expressed by one yearly RRULE.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct GroupKey {
    month: u32,
    /// Local wall-clock time of day, seconds after midnight (old offset).
    time: u32,
    old_total: i32,
    new_total: i32,
    name: String,
    daylight: bool,
}

/// A run of yearly transitions plus the day rules matching all of them
/// (most preferred first).
struct Group {
    /// Indices of members inside the window.
    members: Vec<usize>,
    /// Number of look-ahead transitions that continued the run after the
    /// window (they only narrow `rules`, they are not written out).
    confirmed: usize,
    rules: Vec<DayRule>,
}

/// Turns the transitions of the window (chronological) into observances.
///
/// `hi` is the end of the window. `lookahead` holds the transitions of the
/// following years: they are not written out, but a run that continues into
/// them is narrowed to the day rule that keeps matching (two occurrences
/// cannot tell "last Friday" from "Friday on or after the 23rd"; a few more
/// can).
fn group_transitions(
    transitions: &[Transition],
    lookahead: &[Transition],
    hi: i64,
) -> Vec<Observance> {
    let all: Vec<&Transition> = transitions.iter().chain(lookahead).collect();
    let mut buckets: BTreeMap<GroupKey, Vec<usize>> = BTreeMap::new();
    for (index, transition) in all.iter().enumerate() {
        let wall = transition.wall();
        let key = GroupKey {
            month: wall.month(),
            time: wall.num_seconds_from_midnight(),
            old_total: transition.old.total,
            new_total: transition.new.total,
            name: transition.new.name.clone(),
            daylight: transition.daylight(),
        };
        buckets.entry(key).or_default().push(index);
    }
    let wall_of = |index: usize| all.get(index).map(|t| t.wall());
    let in_window = |index: usize| index < transitions.len();

    let mut groups: Vec<Group> = Vec::new();
    for members in buckets.values() {
        let mut current: Option<Group> = None;
        let mut last_year = i32::MIN;
        for &index in members {
            let Some(wall) = wall_of(index) else { continue };
            // Continue the current run if this is the next year's occurrence
            // and at least one of the run's day rules also selects it.
            if let Some(group) = current.as_mut()
                && last_year.checked_add(1) == Some(wall.year())
            {
                let kept: Vec<DayRule> = group
                    .rules
                    .iter()
                    .copied()
                    .filter(|rule| rule.day_in(wall.year(), wall.month()) == Some(wall.day()))
                    .collect();
                if !kept.is_empty() {
                    group.rules = kept;
                    if in_window(index) {
                        group.members.push(index);
                    } else {
                        group.confirmed += 1;
                    }
                    last_year = wall.year();
                    continue;
                }
            }
            // Otherwise close it; only transitions inside the window start
            // a new run.
            groups.extend(current.take());
            if in_window(index) {
                current = Some(Group {
                    members: vec![index],
                    confirmed: 0,
                    rules: DayRule::candidates(wall.date()),
                });
                last_year = wall.year();
            }
        }
        groups.extend(current);
    }

    let mut observances = Vec::new();
    for group in groups {
        let (Some(&first), Some(&last)) = (group.members.first(), group.members.last()) else {
            continue;
        };
        let rule = match (
            group.members.len() + group.confirmed >= 2,
            group.rules.first(),
        ) {
            (true, Some(&rule)) => Some(yearly_rrule(rule, &transitions[last], hi)),
            _ => None,
        };
        observances.push(Observance::onset(&transitions[first], rule));
    }
    observances
}

/// `FREQ=YEARLY` rule for a group ending with `last`; closed with `UNTIL`
/// when the rule's next occurrence falls inside the probed window (ending at
/// `hi`) but did not happen.
///
/// `UNTIL` is the last onset in UTC, except east of Greenwich where it is
/// the onset's local wall-clock time written with `Z` (a few hours later).
/// Both select exactly the same occurrences for a correct client (the next
/// one is a year away), but some widespread parsers (python-dateutil's
/// `tzical`, used by icalendar's `to_tz`) compare the floating local onsets
/// with `UNTIL` as if both were UTC and would otherwise drop the last onset.
fn yearly_rrule(rule: DayRule, last: &Transition, hi: i64) -> String {
    let wall = last.wall();
    let mut text = format!("FREQ=YEARLY;BYMONTH={};{}", wall.month(), rule.rrule_part());
    let next = (wall.year() + 1..=wall.year() + 8).find_map(|year| {
        let day = rule.day_in(year, wall.month())?;
        let local = NaiveDate::from_ymd_opt(year, wall.month(), day)?.and_time(wall.time());
        Some((
            year,
            local.and_utc().timestamp() - i64::from(last.old.total),
        ))
    });
    let open_ended = next.is_some_and(|(year, at)| at > hi || year > DATA_LAST_YEAR);
    if !open_ended {
        text.push_str(";UNTIL=");
        let until = last.at.saturating_add(i64::from(last.old.total.max(0)));
        text.push_str(&format_utc(until));
    }
    text
}

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

/// One STANDARD or DAYLIGHT sub-component.
#[derive(Debug)]
struct Observance {
    daylight: bool,
    /// First onset, Unix time (sort key).
    start: i64,
    /// First onset as wall-clock time in `offset_from`.
    dtstart: NaiveDateTime,
    /// RRULE value, if the observance recurs yearly.
    rrule: Option<String>,
    offset_from: i32,
    offset_to: i32,
    name: String,
}

impl Observance {
    /// Observance starting at `transition` (and recurring per `rrule`).
    fn onset(transition: &Transition, rrule: Option<String>) -> Self {
        Observance {
            daylight: transition.daylight(),
            start: transition.at,
            dtstart: transition.wall(),
            rrule,
            offset_from: transition.old.total,
            offset_to: transition.new.total,
            name: transition.new.name.clone(),
        }
    }

    /// Fixed observance carrying `state` from 1970-01-01 (or from the local
    /// midnight before `anchor`, if that is earlier) onwards.
    fn fixed(state: OffsetState, anchor: i64) -> Self {
        let epoch = DateTime::UNIX_EPOCH.date_naive();
        let anchor_date = naive_at(anchor.saturating_add(i64::from(state.total))).date();
        let dtstart = anchor_date.min(epoch).and_time(chrono::NaiveTime::MIN);
        Observance {
            daylight: is_daylight(None, &state),
            start: dtstart.and_utc().timestamp() - i64::from(state.total),
            dtstart,
            rrule: None,
            offset_from: state.total,
            offset_to: state.total,
            name: state.name,
        }
    }

    fn write(&self, lines: &mut Vec<String>) {
        let kind = if self.daylight {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        lines.push(format!("BEGIN:{kind}"));
        lines.push(format!("DTSTART:{}", format_local(&self.dtstart)));
        if let Some(rrule) = &self.rrule {
            lines.push(format!("RRULE:{rrule}"));
        }
        lines.push(format!("TZOFFSETFROM:{}", format_offset(self.offset_from)));
        lines.push(format!("TZOFFSETTO:{}", format_offset(self.offset_to)));
        lines.push(format!("TZNAME:{}", escape_text(&self.name)));
        lines.push(format!("END:{kind}"));
    }
}

/// UTC wall-clock time at Unix time `secs`.
fn naive_at(secs: i64) -> NaiveDateTime {
    DateTime::from_timestamp(secs, 0)
        .unwrap_or(DateTime::UNIX_EPOCH)
        .naive_utc()
}

/// `YYYYMMDDTHHMMSS` (floating local time).
fn format_local(t: &NaiveDateTime) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `YYYYMMDDTHHMMSSZ`.
fn format_utc(secs: i64) -> String {
    format!("{}Z", format_local(&naive_at(secs)))
}

/// `±HHMM`, or `±HHMMSS` when the seconds are non-zero.
fn format_offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// tzdata-style numeric abbreviation (`+03`, `+0530`) for offsets that have
/// no alphabetic name.
fn numeric_abbreviation(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let abs = secs.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
    match (m, s) {
        (0, 0) => format!("{sign}{h:02}"),
        (_, 0) => format!("{sign}{h:02}{m:02}"),
        _ => format!("{sign}{h:02}{m:02}{s:02}"),
    }
}

/// RFC 5545 TEXT escaping.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 0, 0, 0)
            .single()
            .expect("valid test date")
    }

    fn lines(zone: Tz, from: (i32, u32, u32), to: (i32, u32, u32)) -> Vec<String> {
        vtimezone_lines(zone, utc(from.0, from.1, from.2), utc(to.0, to.1, to.2))
    }

    /// The observances as lists of their property lines (without BEGIN/END).
    fn observances(lines: &[String]) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        let mut current: Option<(String, Vec<String>)> = None;
        for line in lines {
            match line.as_str() {
                "BEGIN:STANDARD" | "BEGIN:DAYLIGHT" => {
                    current = Some((line["BEGIN:".len()..].to_owned(), Vec::new()));
                }
                "END:STANDARD" | "END:DAYLIGHT" => out.extend(current.take()),
                _ => {
                    if let Some((_, props)) = current.as_mut() {
                        props.push(line.clone());
                    }
                }
            }
        }
        out
    }

    fn props(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn constants_match_their_dates() {
        assert_eq!(utc(1800, 1, 1).timestamp(), PROBE_MIN);
        assert_eq!(utc(2101, 1, 1).timestamp(), PROBE_MAX);
    }

    #[test]
    fn new_york_two_yearly_rules() {
        let out = lines(chrono_tz::America::New_York, (2025, 1, 1), (2027, 12, 31));
        assert_eq!(out.first().map(String::as_str), Some("BEGIN:VTIMEZONE"));
        assert_eq!(out.last().map(String::as_str), Some("END:VTIMEZONE"));
        assert!(out.contains(&"TZID:America/New_York".to_owned()));
        let obs = observances(&out);
        assert_eq!(obs.len(), 2, "{out:#?}");
        assert_eq!(obs[0].0, "DAYLIGHT");
        assert_eq!(
            obs[0].1,
            props(&[
                "DTSTART:20240310T020000",
                "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
                "TZOFFSETFROM:-0500",
                "TZOFFSETTO:-0400",
                "TZNAME:EDT",
            ])
        );
        assert_eq!(obs[1].0, "STANDARD");
        assert_eq!(
            obs[1].1,
            props(&[
                "DTSTART:20241103T020000",
                "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
                "TZOFFSETFROM:-0400",
                "TZOFFSETTO:-0500",
                "TZNAME:EST",
            ])
        );
    }

    #[test]
    fn first_observance_covers_a_summer_start() {
        // Span starts in July: the STANDARD rule must start before it.
        let out = lines(chrono_tz::America::New_York, (2025, 7, 1), (2025, 7, 2));
        let obs = observances(&out);
        assert_eq!(obs.len(), 2, "{out:#?}");
        assert_eq!(obs[0].1[0], "DTSTART:20241103T020000");
        assert_eq!(obs[0].1[1], "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU");
        assert_eq!(obs[1].1[0], "DTSTART:20250309T020000");
    }

    #[test]
    fn london_last_sundays() {
        let obs = observances(&lines(
            chrono_tz::Europe::London,
            (2025, 1, 1),
            (2027, 12, 31),
        ));
        assert_eq!(obs.len(), 2);
        assert_eq!(
            obs[0],
            (
                "DAYLIGHT".to_owned(),
                props(&[
                    "DTSTART:20240331T010000",
                    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                    "TZOFFSETFROM:+0000",
                    "TZOFFSETTO:+0100",
                    "TZNAME:BST",
                ])
            )
        );
        assert_eq!(
            obs[1],
            (
                "STANDARD".to_owned(),
                props(&[
                    "DTSTART:20241027T020000",
                    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                    "TZOFFSETFROM:+0100",
                    "TZOFFSETTO:+0000",
                    "TZNAME:GMT",
                ])
            )
        );
    }

    #[test]
    fn sydney_southern_hemisphere() {
        let obs = observances(&lines(
            chrono_tz::Australia::Sydney,
            (2025, 1, 1),
            (2027, 12, 31),
        ));
        assert_eq!(obs.len(), 2);
        assert_eq!(
            obs[0],
            (
                "STANDARD".to_owned(),
                props(&[
                    "DTSTART:20240407T030000",
                    "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU",
                    "TZOFFSETFROM:+1100",
                    "TZOFFSETTO:+1000",
                    "TZNAME:AEST",
                ])
            )
        );
        assert_eq!(
            obs[1],
            (
                "DAYLIGHT".to_owned(),
                props(&[
                    "DTSTART:20241006T020000",
                    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU",
                    "TZOFFSETFROM:+1000",
                    "TZOFFSETTO:+1100",
                    "TZNAME:AEDT",
                ])
            )
        );
    }

    #[test]
    fn zones_without_transitions() {
        for (zone, offset, name) in [
            (chrono_tz::UTC, "+0000", "UTC"),
            (chrono_tz::Asia::Kolkata, "+0530", "IST"),
            (chrono_tz::Asia::Tokyo, "+0900", "JST"),
            (chrono_tz::America::Phoenix, "-0700", "MST"),
        ] {
            let out = lines(zone, (2025, 1, 1), (2027, 12, 31));
            assert_eq!(
                observances(&out),
                vec![(
                    "STANDARD".to_owned(),
                    vec![
                        "DTSTART:19700101T000000".to_owned(),
                        format!("TZOFFSETFROM:{offset}"),
                        format!("TZOFFSETTO:{offset}"),
                        format!("TZNAME:{name}"),
                    ]
                )],
                "{zone}"
            );
        }
    }

    #[test]
    fn us_2007_rule_change_gets_until() {
        let obs = observances(&lines(
            chrono_tz::America::New_York,
            (2005, 1, 1),
            (2009, 12, 31),
        ));
        let rrules: Vec<(&str, &str, &str)> = obs
            .iter()
            .map(|(kind, p)| (kind.as_str(), p[0].as_str(), p[1].as_str()))
            .collect();
        assert_eq!(
            rrules,
            vec![
                (
                    "DAYLIGHT",
                    "DTSTART:20040404T020000",
                    "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z"
                ),
                (
                    "STANDARD",
                    "DTSTART:20041031T020000",
                    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20061029T060000Z"
                ),
                (
                    "DAYLIGHT",
                    "DTSTART:20070311T020000",
                    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"
                ),
                (
                    "STANDARD",
                    "DTSTART:20071104T020000",
                    "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"
                ),
            ]
        );
    }

    #[test]
    fn until_east_of_greenwich_uses_local_onset() {
        // Sydney: last "last Sunday of October" start was 2007-10-28 02:00
        // AEST = 2007-10-27T16:00Z; UNTIL carries the wall-clock value.
        let out = lines(chrono_tz::Australia::Sydney, (2005, 1, 1), (2010, 1, 1));
        assert!(
            out.contains(
                &"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20071028T020000Z".to_owned()
            ),
            "{out:#?}"
        );
    }

    #[test]
    fn negative_dst_is_classified_like_rearguard() {
        // chrono-tz gives Dublin's winter GMT a DST of -1h (tzdata vanguard);
        // clients expect IST as DAYLIGHT and GMT as STANDARD.
        let obs = observances(&lines(
            chrono_tz::Europe::Dublin,
            (2025, 1, 1),
            (2026, 1, 1),
        ));
        let kinds: Vec<(&str, &str)> = obs
            .iter()
            .map(|(kind, p)| (kind.as_str(), p.last().map_or("", String::as_str)))
            .collect();
        assert_eq!(
            kinds,
            vec![("DAYLIGHT", "TZNAME:IST"), ("STANDARD", "TZNAME:GMT")]
        );
    }

    #[test]
    fn irregular_zone_falls_back_to_plain_onsets() {
        // Morocco suspends +01 during Ramadan: dates move every year.
        let out = lines(chrono_tz::Africa::Casablanca, (2025, 1, 1), (2027, 1, 1));
        assert!(out.iter().all(|l| !l.starts_with("RRULE")), "{out:#?}");
        assert!(
            out.contains(&"DTSTART:20250223T030000".to_owned()),
            "{out:#?}"
        );
        assert!(out.contains(&"TZNAME:+00".to_owned()), "{out:#?}");
    }

    #[test]
    fn abolished_dst_is_closed_and_followed_by_fixed_offset() {
        // Mexico City dropped DST after October 2022.
        let out = lines(
            chrono_tz::America::Mexico_City,
            (2021, 1, 1),
            (2024, 12, 31),
        );
        let obs = observances(&out);
        assert!(
            obs.iter().all(|(_, p)| p
                .iter()
                .all(|l| !l.starts_with("RRULE") || l.contains("UNTIL="))),
            "{out:#?}"
        );
        let last = obs.last().expect("observances");
        assert_eq!(last.0, "STANDARD");
        assert!(last.1.contains(&"TZOFFSETTO:-0600".to_owned()));
    }

    #[test]
    fn numeric_abbreviations_are_kept() {
        let out = lines(chrono_tz::Europe::Istanbul, (2025, 1, 1), (2025, 12, 31));
        assert!(out.contains(&"TZNAME:+03".to_owned()), "{out:#?}");
        assert_eq!(numeric_abbreviation(19_800), "+0530");
        assert_eq!(numeric_abbreviation(-10_800), "-03");
        assert_eq!(format_offset(-17_762), "-045602");
        assert_eq!(format_offset(0), "+0000");
    }

    #[test]
    fn deterministic_and_swapped_bounds() {
        let a = lines(chrono_tz::Europe::Berlin, (2024, 6, 1), (2028, 6, 1));
        let b = lines(chrono_tz::Europe::Berlin, (2024, 6, 1), (2028, 6, 1));
        let c = lines(chrono_tz::Europe::Berlin, (2028, 6, 1), (2024, 6, 1));
        assert_eq!(a, b);
        assert_eq!(a, c);
    }

    #[test]
    fn on_or_after_rule_for_israel() {
        // Israel: DST starts on the Friday before the last Sunday of March
        // ("Fri>=23"), which is neither an n-th nor a last weekday.
        let out = lines(chrono_tz::Asia::Jerusalem, (2020, 1, 1), (2030, 1, 1));
        assert!(
            out.contains(
                &"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29".to_owned()
            ),
            "{out:#?}"
        );
    }

    #[test]
    fn extreme_and_degenerate_spans_do_not_panic() {
        let min = DateTime::<Utc>::MIN_UTC;
        let max = DateTime::<Utc>::MAX_UTC;
        for zone in [
            chrono_tz::America::New_York,
            chrono_tz::Asia::Manila,
            chrono_tz::UTC,
        ] {
            for (from, to) in [
                (min, min),
                (max, max),
                (utc(1600, 1, 1), utc(1601, 1, 1)),
                (utc(2200, 1, 1), utc(2300, 1, 1)),
            ] {
                let out = vtimezone_lines(zone, from, to);
                assert!(!observances(&out).is_empty());
            }
        }
    }

    // -- Independent evaluator ----------------------------------------------
    //
    // Re-reads the generated lines the way a client does (expanding the
    // RRULEs by brute force over the days of the month, not with `DayRule`)
    // and checks the resulting offset against chrono-tz.

    struct Parsed {
        onsets: Vec<(i64, i32)>,
    }

    fn parse_offset(text: &str) -> i32 {
        let sign = if text.starts_with('-') { -1 } else { 1 };
        let digits = &text[1..];
        let field = |i: usize| {
            digits
                .get(i..i + 2)
                .and_then(|s| s.parse::<i32>().ok())
                .unwrap_or(0)
        };
        sign * (field(0) * 3600 + field(2) * 60 + field(4))
    }

    fn parse_local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text.trim_end_matches('Z'), "%Y%m%dT%H%M%S")
            .expect("date-time")
    }

    fn weekday_from_code(code: &str) -> Weekday {
        match code {
            "MO" => Weekday::Mon,
            "TU" => Weekday::Tue,
            "WE" => Weekday::Wed,
            "TH" => Weekday::Thu,
            "FR" => Weekday::Fri,
            "SA" => Weekday::Sat,
            _ => Weekday::Sun,
        }
    }

    /// Expands a VTIMEZONE into (onset UTC, offset) pairs up to `until_year`.
    fn evaluate(lines: &[String], until_year: i32) -> Parsed {
        let mut onsets = Vec::new();
        for (_, props) in observances(lines) {
            let get = |name: &str| {
                props
                    .iter()
                    .find_map(|p| p.strip_prefix(name).and_then(|rest| rest.strip_prefix(':')))
                    .map(str::to_owned)
            };
            let dtstart = parse_local(&get("DTSTART").expect("DTSTART"));
            let from = parse_offset(&get("TZOFFSETFROM").expect("FROM"));
            let to = parse_offset(&get("TZOFFSETTO").expect("TO"));
            let to_utc = |local: NaiveDateTime| local.and_utc().timestamp() - i64::from(from);
            let Some(rrule) = get("RRULE") else {
                onsets.push((to_utc(dtstart), to));
                continue;
            };
            let mut month = 0;
            let mut byday: Option<(i32, Weekday)> = None;
            let mut monthdays: Vec<u32> = Vec::new();
            let mut until: Option<i64> = None;
            for part in rrule.split(';') {
                let (k, v) = part.split_once('=').expect("k=v");
                match k {
                    "FREQ" => assert_eq!(v, "YEARLY"),
                    "BYMONTH" => month = v.parse().expect("month"),
                    "BYDAY" => {
                        let (n, code) = v.split_at(v.len() - 2);
                        byday = Some((
                            if n.is_empty() {
                                0
                            } else {
                                n.parse().expect("n")
                            },
                            weekday_from_code(code),
                        ));
                    }
                    "BYMONTHDAY" => {
                        monthdays = v.split(',').map(|d| d.parse().expect("day")).collect()
                    }
                    "UNTIL" => until = Some(parse_local(v).and_utc().timestamp()),
                    other => panic!("unexpected RRULE part {other}"),
                }
            }
            for year in dtstart.year()..=until_year {
                let days: Vec<NaiveDate> = (1..=31)
                    .filter_map(|d| NaiveDate::from_ymd_opt(year, month, d))
                    .collect();
                let hits: Vec<NaiveDate> = days
                    .iter()
                    .copied()
                    .filter(|date| monthdays.is_empty() || monthdays.contains(&date.day()))
                    .filter(|date| match byday {
                        None => true,
                        Some((0, wd)) => date.weekday() == wd,
                        Some((n, wd)) => {
                            let same: Vec<&NaiveDate> =
                                days.iter().filter(|d| d.weekday() == wd).collect();
                            let idx = if n > 0 { n - 1 } else { same.len() as i32 + n };
                            usize::try_from(idx)
                                .ok()
                                .and_then(|i| same.get(i))
                                .is_some_and(|d| *d == date)
                        }
                    })
                    .collect();
                for date in hits {
                    let at = to_utc(date.and_time(dtstart.time()));
                    if at < to_utc(dtstart) || until.is_some_and(|u| at > u) {
                        continue;
                    }
                    onsets.push((at, to));
                }
            }
        }
        onsets.sort();
        Parsed { onsets }
    }

    impl Parsed {
        fn offset_at(&self, secs: i64) -> Option<i32> {
            let idx = self.onsets.partition_point(|&(at, _)| at <= secs);
            idx.checked_sub(1).map(|i| self.onsets[i].1)
        }
    }

    /// Offsets read back from the output, compared with chrono-tz. Returns
    /// the mismatches inside `[from, to]` and those in the two years after
    /// the probed window (where only open-ended rules speak for the zone).
    fn check_zone(
        zone: Tz,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        step: i64,
    ) -> (Vec<String>, Vec<String>) {
        let out = vtimezone_lines(zone, from, to);
        let parsed = evaluate(&out, to.year() + 4);
        let real = |secs: i64| offset_at(zone, secs).fix().local_minus_utc();
        let step = usize::try_from(step).unwrap_or(DAY as usize);
        let mut samples: Vec<i64> = (from.timestamp()..=to.timestamp()).step_by(step).collect();
        samples.push(to.timestamp());
        for t in find_transitions(zone, from.timestamp(), to.timestamp()) {
            samples.extend([t.at - 1, t.at, t.at + 1]);
        }
        let mismatch = |secs: &i64| parsed.offset_at(*secs) != Some(real(*secs));
        let in_span: Vec<String> = samples
            .iter()
            .filter(|s| mismatch(s))
            .map(|s| format!("{zone} at {}", naive_at(*s)))
            .collect();
        let after = to.timestamp() + MARGIN;
        let after_span: Vec<String> = (after..after + 2 * 365 * DAY)
            .step_by(6 * 3600)
            .filter(mismatch)
            .map(|s| format!("{zone} after window at {}", naive_at(s)))
            .collect();
        (in_span, after_span)
    }

    /// Zones whose current rules are stable (no scheduled change).
    const STABLE: [Tz; 8] = [
        chrono_tz::America::New_York,
        chrono_tz::America::Chicago,
        chrono_tz::America::Santiago,
        chrono_tz::Europe::London,
        chrono_tz::Europe::Berlin,
        chrono_tz::Australia::Sydney,
        chrono_tz::Pacific::Auckland,
        chrono_tz::Asia::Jerusalem,
    ];

    /// Checks every zone; `stable_after` additionally requires the `STABLE`
    /// zones to keep matching after the window (true for current rules only).
    fn check_all(from: DateTime<Utc>, to: DateTime<Utc>, stable_after: bool) {
        let step = if to - from > chrono::Duration::days(20 * 366) {
            7 * DAY
        } else {
            DAY
        };
        let mut in_span = Vec::new();
        let mut after: Vec<String> = Vec::new();
        for zone in chrono_tz::TZ_VARIANTS {
            let (a, b) = check_zone(zone, from, to, step);
            in_span.extend(a.into_iter().take(3));
            if stable_after && STABLE.contains(&zone) {
                assert!(b.is_empty(), "open-ended rule broken: {b:#?}");
            }
            after.extend(b.into_iter().take(1));
        }
        assert!(in_span.is_empty(), "{in_span:#?}");
        // Zones that really change after the window legitimately differ there.
        println!("zones differing after the window (real later changes): {after:#?}");
    }

    #[test]
    fn every_zone_matches_chrono_tz() {
        check_all(utc(2018, 3, 15), utc(2027, 8, 1), true);
    }

    #[test]
    fn historic_spans_match_chrono_tz() {
        check_all(utc(1968, 7, 1), utc(1972, 1, 1), false);
        check_all(utc(2004, 1, 1), utc(2009, 1, 1), false);
    }

    #[test]
    fn short_spans_match_chrono_tz() {
        for day in [(2025, 1, 1), (2025, 3, 9), (2025, 7, 1), (2025, 11, 2)] {
            let from = utc(day.0, day.1, day.2);
            check_all(from, from + chrono::Duration::days(1), true);
        }
    }
}
