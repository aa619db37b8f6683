//! Every word a person reads, in their language.
//!
//! The words live in Fluent files, `app/locales/<lang>/*.ftl`, which a
//! translator edits without reading Rust. `build.rs` compiles them into this
//! module (see `app/build/fluent.rs`), so the server and the wasm bundle carry
//! no Fluent parser, and a message missing in one language fails the build
//! with a list of what is missing.
//!
//! Two ways in:
//! - views ask [`use_i18n`] for a [`Tr`] and call one method per message:
//!   `t.sign_in()`, `t.rsvp_closes_before(24)`;
//! - the domain, services and database layer never write sentences: they
//!   return a [`Message`] (built with the constructors in [`m`], e.g.
//!   `m::rsvp_date_cancelled()`), which travels as data (ids and arguments)
//!   and is turned into words by whoever shows it: `t.render(&message)`, the
//!   JSON API in the requester's language, the CLI in `LANG`'s.
//!
//! Plural forms follow CLDR's rules (`intl_pluralrules`, the Fluent
//! project's own tables).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::event::Schedule;

#[allow(
    clippy::all,
    clippy::pedantic,
    non_snake_case,
    unused_variables,
    unreachable_patterns,
    dead_code
)]
mod generated {
    use super::*;
    include!(concat!(env!("OUT_DIR"), "/messages.rs"));
}

pub use generated::{Lang, MsgId, m, static_text};

impl Lang {
    /// The language of a BCP 47 tag (`es-MX`, `en_US.UTF-8`), if Hearth
    /// speaks it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .trim()
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Lang::from_code(&primary)
    }

    /// The best language for an `Accept-Language` header, by its q-values;
    /// `None` when it names none Hearth speaks.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, usize, Lang)> = None;
        for (index, part) in header.split(',').enumerate() {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let Some(lang) = Lang::from_tag(tag) else {
                continue;
            };
            if q <= 0.0 {
                continue;
            }
            // Higher q wins; on a tie, the one listed first.
            let better = match best {
                None => true,
                Some((best_q, _, _)) => q > best_q,
            };
            if better {
                best = Some((q, index, lang));
            }
        }
        best.map(|(_, _, lang)| lang)
    }
}

/// A stored language code; one Hearth no longer speaks (its folder was
/// removed) reads as the reference language rather than failing the row.
impl From<String> for Lang {
    fn from(code: String) -> Self {
        Lang::from_code(&code).unwrap_or_default()
    }
}

impl Default for Lang {
    fn default() -> Self {
        Lang::ALL[0]
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for MsgId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for MsgId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let id = Cow::<'de, str>::deserialize(d)?;
        MsgId::from_id(&id)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown message id {id:?}")))
    }
}

/// A message to be put into words: which one, and its data. What the
/// domain, services and database layer return instead of sentences.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Message {
    pub id: MsgId,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<Arg>,
}

/// One argument of a [`Message`]: a number (which may choose a plural
/// form), a text (a name, something typed), another message put into words
/// in the same language, or a date or time the reader's language (and the
/// facility's clock) spells out.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Arg {
    Num(i64),
    Text(String),
    Msg(Box<Message>),
    /// A date, spelled out in the reader's language ("Friday, December 4, 2026").
    Date {
        date: NaiveDate,
    },
    /// Names listed as the reader's language lists them ("A, B and C").
    List {
        list: Vec<String>,
    },
    /// A time of day, on the facility's clock ("7:00 PM", "19:00").
    Time {
        time: NaiveTime,
    },
    /// A date and a time of day ("Friday, December 4, 2026, 7:00 PM").
    DateTime {
        at: NaiveDateTime,
    },
}

impl From<NaiveTime> for Arg {
    fn from(time: NaiveTime) -> Self {
        Arg::Time { time }
    }
}

impl From<NaiveDateTime> for Arg {
    fn from(at: NaiveDateTime) -> Self {
        Arg::DateTime { at }
    }
}

impl From<NaiveDate> for Arg {
    fn from(date: NaiveDate) -> Self {
        Arg::Date { date }
    }
}

impl From<Vec<String>> for Arg {
    fn from(list: Vec<String>) -> Self {
        Arg::List { list }
    }
}

impl From<&[String]> for Arg {
    fn from(list: &[String]) -> Self {
        Arg::List {
            list: list.to_vec(),
        }
    }
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_owned())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Text(value.clone())
    }
}

impl From<Message> for Arg {
    fn from(value: Message) -> Self {
        Arg::Msg(Box::new(value))
    }
}

macro_rules! numbers {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Num(value.to_i64())
            }
        }
        impl Num for $t {
            #[allow(clippy::cast_possible_wrap, clippy::cast_lossless)]
            fn to_i64(self) -> i64 {
                self as i64
            }
        }
    )*};
}

/// A count a message may choose its plural form by.
pub trait Num: Copy {
    fn to_i64(self) -> i64;
}

numbers!(i8, i16, i32, i64, u8, u16, u32, u64, usize);

impl Message {
    pub fn new(id: MsgId) -> Self {
        Message {
            id,
            args: Vec::new(),
        }
    }

    pub fn with_args(id: MsgId, args: Vec<Arg>) -> Self {
        Message { id, args }
    }

    /// Several messages read one after the other, as one.
    pub fn join(messages: Vec<Message>) -> Option<Message> {
        let mut messages = messages.into_iter().rev();
        let last = messages.next()?;
        Some(messages.fold(last, |rest, first| m::sentences(first, rest)))
    }

    /// The message in `lang` (times of day on the 12-hour clock; a page
    /// renders with its [`Tr`], which knows the facility's clock).
    pub fn render(&self, lang: Lang) -> Cow<'static, str> {
        self.render_with(Tr::new(lang))
    }

    /// The message as `tr` writes it: its language and its clock.
    pub fn render_with(&self, tr: Tr) -> Cow<'static, str> {
        if let Some(text) = static_text(tr.lang, self.id) {
            return Cow::Borrowed(text);
        }
        let mut out = String::new();
        self.render_into_with(tr, &mut out);
        Cow::Owned(out)
    }

    pub fn render_into(&self, lang: Lang, out: &mut String) {
        self.render_into_with(Tr::new(lang), out);
    }

    pub fn render_into_with(&self, tr: Tr, out: &mut String) {
        match static_text(tr.lang, self.id) {
            Some(text) => out.push_str(text),
            None => generated::render_dynamic(tr, self.id, &self.args, out),
        }
    }
}

/// In the reference language (English): for logs, tests and as a last
/// resort where nobody's language is known.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::default()))
    }
}

/// A plural-form key or a number or word in a select expression.
#[doc(hidden)]
pub enum VariantKey {
    Number(i64),
    Word(&'static str),
}

/// Which variant a select expression takes, as Fluent decides: the first
/// whose key is the number itself or its CLDR plural category (for a
/// number), or equals the text (for a text); the default otherwise.
#[doc(hidden)]
pub fn select(lang: Lang, arg: Option<&Arg>, keys: &[VariantKey], default: usize) -> usize {
    let found = match arg {
        Some(Arg::Num(n)) => {
            let category = plural_category(lang, *n);
            keys.iter().position(|key| match key {
                VariantKey::Number(k) => k == n,
                VariantKey::Word(w) => *w == category,
            })
        }
        Some(Arg::Text(text)) => keys
            .iter()
            .position(|key| matches!(key, VariantKey::Word(w) if w == text)),
        Some(Arg::Msg(message)) => {
            let text = message.render(lang);
            keys.iter()
                .position(|key| matches!(key, VariantKey::Word(w) if *w == text))
        }
        Some(Arg::Date { .. } | Arg::List { .. } | Arg::Time { .. } | Arg::DateTime { .. })
        | None => None,
    };
    found.unwrap_or(default)
}

#[doc(hidden)]
pub fn write_arg(tr: Tr, arg: Option<&Arg>, name: &str, out: &mut String) {
    match arg {
        Some(Arg::Num(n)) => {
            let _ = write!(out, "{n}");
        }
        Some(Arg::Text(text)) => out.push_str(text),
        Some(Arg::Msg(message)) => message.render_into_with(tr, out),
        Some(Arg::Date { date }) => out.push_str(&tr.long_date(*date)),
        Some(Arg::List { list }) => out.push_str(&tr.list(list)),
        Some(Arg::Time { time }) => out.push_str(&tr.time_of_day(*time)),
        Some(Arg::DateTime { at }) => out.push_str(&tr.long_date_time(*at)),
        // What Fluent writes for a missing variable.
        None => {
            let _ = write!(out, "{{${name}}}");
        }
    }
}

/// The CLDR plural category of a whole number in `lang` ("one", "other", …).
pub fn plural_category(lang: Lang, n: i64) -> &'static str {
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    static RULES: OnceLock<Vec<Option<PluralRules>>> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        Lang::ALL
            .iter()
            .map(|lang| {
                let id: unic_langid::LanguageIdentifier = lang.code().parse().ok()?;
                PluralRules::create(id, PluralRuleType::CARDINAL).ok()
            })
            .collect()
    });
    let index = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    let category = rules
        .get(index)
        .and_then(Option::as_ref)
        .and_then(|rules| rules.select(n).ok());
    match category {
        Some(PluralCategory::ZERO) => "zero",
        Some(PluralCategory::ONE) => "one",
        Some(PluralCategory::TWO) => "two",
        Some(PluralCategory::FEW) => "few",
        Some(PluralCategory::MANY) => "many",
        _ => "other",
    }
}

/// How a facility writes times of day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Clock {
    /// "7:00 PM"
    #[default]
    H12,
    /// "19:00"
    H24,
}

impl Clock {
    pub const ALL: [Clock; 2] = [Clock::H12, Clock::H24];

    /// How settings, the CLI and the database name it: `12h`, `24h`.
    pub fn as_str(self) -> &'static str {
        match self {
            Clock::H12 => "12h",
            Clock::H24 => "24h",
        }
    }

    pub fn parse(text: &str) -> Option<Clock> {
        Clock::ALL.into_iter().find(|c| c.as_str() == text.trim())
    }
}

impl TryFrom<String> for Clock {
    type Error = String;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Clock::parse(&text).ok_or_else(|| format!("unknown clock {text:?}"))
    }
}

/// The translator a view uses: a language, and the facility's clock and
/// first day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Tr {
    pub lang: Lang,
    pub clock: Clock,
    pub first_day: crate::domain::calendar::FirstDay,
}

impl Default for Tr {
    fn default() -> Self {
        Tr::new(Lang::default())
    }
}

/// The translator for the current page (provided by [`crate::App`] from the
/// page context).
pub fn use_i18n() -> Tr {
    use_context::<Tr>().unwrap_or_default()
}

impl Tr {
    pub fn new(lang: Lang) -> Self {
        Tr {
            lang,
            clock: Clock::default(),
            first_day: crate::domain::calendar::FirstDay::default(),
        }
    }

    pub fn lang(self) -> Lang {
        self.lang
    }

    /// A message from the domain, a service or the server, in this
    /// language and on this clock.
    pub fn render(self, message: &Message) -> String {
        message.render_with(self).into_owned()
    }

    /// The seven weekdays in the order the facility's week runs.
    pub fn week(self) -> [Weekday; 7] {
        let mut day = self.first_day.weekday();
        std::array::from_fn(|_| {
            let this = day;
            day = day.succ();
            this
        })
    }

    /// "Friday"
    pub fn weekday(self, day: Weekday) -> String {
        self.weekday_name(weekday_key(day))
    }

    /// "Fri"
    pub fn weekday_short(self, day: Weekday) -> String {
        self.weekday_abbr(weekday_key(day))
    }

    /// "December" (1 = January).
    pub fn month(self, month: u32) -> String {
        self.month_name(month)
    }

    pub fn fellowship_of(self, fellowship: crate::domain::event::Fellowship) -> String {
        self.fellowship_name(fellowship.as_str())
    }

    /// The name of a Meeting Guide type code ("Open" for `O`); an unknown
    /// code as it is.
    pub fn meeting_type(self, code: &str) -> String {
        match MsgId::from_id(&format!("meeting-type-{code}")) {
            Some(id) => Message::new(id).render(self.lang).into_owned(),
            None => code.to_owned(),
        }
    }

    /// Codes with their names for reading, in the order given:
    /// "O Open · D Discussion · BE Newcomer". A code Hearth does not know is
    /// shown as it is.
    pub fn describe_meeting_types(self, codes: &[String]) -> String {
        codes
            .iter()
            .map(|code| {
                if crate::domain::event::is_meeting_type(code) {
                    self.meeting_type_with_code(code, self.meeting_type(code))
                } else {
                    code.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    pub fn kind(self, kind: crate::domain::event::EventKind) -> String {
        self.event_kind(kind.as_str())
    }

    pub fn status(self, status: crate::domain::event::EventStatus) -> String {
        self.event_status(status.as_str())
    }

    pub fn audience_label(self, audience: crate::domain::event::Audience) -> String {
        self.audience_name(audience.as_str())
    }

    pub fn repeat_choice(self, choice: crate::domain::recurrence::RepeatChoice) -> String {
        self.repeat_choice_name(choice.as_str())
    }

    pub fn state_label(self, state: crate::domain::rsvp::RsvpState) -> String {
        self.rsvp_state_name(state.as_str())
    }

    pub fn engagement_label(self, code: crate::domain::rsvp::Engagement) -> String {
        self.engagement_name(code.as_str())
    }

    pub fn role_label(self, role: crate::domain::person::Role) -> String {
        self.role_name(role.as_str())
    }

    pub fn signup_category(self, category: crate::domain::signup::Category) -> String {
        self.signup_category_name(category.as_str())
    }

    pub fn signup_allergen(self, allergen: crate::domain::signup::Allergen) -> String {
        self.signup_allergen_name(allergen.as_str())
    }

    /// "12 of 20 going, 3 waitlisted, 2 maybe"
    pub fn rsvp_count(
        self,
        going: i64,
        capacity: Option<u32>,
        waitlisted: i64,
        maybe: i64,
    ) -> String {
        let mut text = match capacity {
            Some(capacity) => self.rsvp_count_going_of(going, capacity),
            None => self.rsvp_count_going(going),
        };
        if waitlisted > 0 {
            text.push_str(&self.rsvp_count_waitlisted(waitlisted));
        }
        if maybe > 0 {
            text.push_str(&self.rsvp_count_maybe(maybe));
        }
        text
    }

    /// "5 of 7 seats taken", or "5 riding" without a seat count.
    pub fn manifest_seats(self, taken: i64, seats: Option<u32>) -> String {
        match seats {
            Some(seats) => self.manifest_seats_of(taken, seats),
            None => self.manifest_riding(taken),
        }
    }

    /// A stay's dates, as far as they are known: "since December 4, 2026".
    pub fn stay_dates(self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
        match (from, to) {
            (Some(from), Some(to)) => self.stay_from_to(self.plain_date(from), self.plain_date(to)),
            (Some(from), None) => self.stay_since(self.plain_date(from)),
            _ => String::new(),
        }
    }

    /// A feed reminder's lead time: "1 day before", "2 hours before".
    pub fn alarm_label(self, minutes: Option<u32>) -> String {
        match minutes {
            None => self.alarm_none().to_owned(),
            Some(m) if m > 0 && m % 1440 == 0 => self.alarm_days(m / 1440),
            Some(m) if m > 0 && m % 60 == 0 => self.alarm_hours(m / 60),
            Some(m) => self.alarm_minutes(m),
        }
    }

    pub fn ratio_warning(self, r: &crate::domain::transport::RatioShortfall) -> String {
        self.ratio_warning_text(r.clients, r.needed, r.clients_per_staff, r.staff)
    }

    /// "Headcount for planning: 14 (10 going, 4 guests)."
    pub fn signup_headcount(self, people: i64, going: i64) -> String {
        self.signup_headcount_text(people, going, people - going)
    }

    /// "Friday, December 4, 2026"
    pub fn long_date(self, date: NaiveDate) -> String {
        self.date_long(
            self.weekday(date.weekday()),
            self.month(date.month()),
            date.day(),
            date.year(),
        )
    }

    /// A date without its weekday, for tables: "December 4, 2026", "4 de
    /// diciembre de 2026".
    pub fn plain_date(self, date: NaiveDate) -> String {
        self.date_plain(self.month(date.month()), date.day(), date.year())
    }

    /// A date and a time of day: "Friday, December 4, 2026, 7:00 PM".
    pub fn long_date_time(self, at: NaiveDateTime) -> String {
        self.date_and_time(self.long_date(at.date()), self.time(at))
    }

    /// "December 2026", "diciembre de 2026".
    pub fn month_of(self, date: NaiveDate) -> String {
        self.month_year(self.month(date.month()), date.year())
    }

    /// A week's heading: "November 30 – December 6, 2026", "30 de
    /// noviembre – 6 de diciembre de 2026".
    pub fn days_between(self, first: NaiveDate, last: NaiveDate) -> String {
        self.date_range(
            self.month(first.month()),
            first.day(),
            self.month(last.month()),
            last.day(),
            last.year(),
        )
    }

    /// "7:00 PM" or "19:00", as the facility writes times.
    pub fn time(self, t: NaiveDateTime) -> String {
        self.time_of_day(t.time())
    }

    /// [`Tr::time`] for a time without a date (a van's departure).
    pub fn time_of_day(self, t: chrono::NaiveTime) -> String {
        let minute = format!("{:02}", t.minute());
        match self.clock {
            Clock::H12 => {
                let (pm, hour) = t.hour12();
                self.time_12h(hour.to_string(), minute, if pm { "pm" } else { "am" })
            }
            Clock::H24 => self.time_24h(format!("{:02}", t.hour()), minute),
        }
    }

    /// The whole span, spelled out: "Friday, December 4, 2026, 7:00 PM – 9:00 PM".
    pub fn schedule(self, schedule: &Schedule) -> String {
        match *schedule {
            Schedule::Timed { start, end } if start.date() == end.date() => self.schedule_same_day(
                self.long_date(start.date()),
                self.time(start),
                self.time(end),
            ),
            Schedule::Timed { start, end } => self.schedule_days(
                self.long_date(start.date()),
                self.time(start),
                self.long_date(end.date()),
                self.time(end),
            ),
            Schedule::AllDay {
                first_day,
                last_day,
            } if first_day == last_day => self.schedule_all_day(self.long_date(first_day)),
            Schedule::AllDay {
                first_day,
                last_day,
            } => self.schedule_all_days(self.long_date(first_day), self.long_date(last_day)),
        }
    }

    /// Items joined as the language lists them: "A", "A and B", "A, B and C".
    pub fn list(self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [first, last] => self.list_two(first, last),
            [rest @ .., last] => {
                let rest = rest.join(self.list_separator());
                self.list_more(rest, last)
            }
        }
    }

    /// A rule in words: "Every 2 weeks on Tuesday and Thursday, 10 times".
    pub fn describe_rule(self, rule: &crate::domain::recurrence::Rule) -> String {
        use crate::domain::recurrence::{End, Pattern};
        let every = |unit: &str| self.rule_every(unit, rule.interval);
        let text = match &rule.pattern {
            Pattern::Weekly { days } => {
                let names: Vec<String> = self
                    .week()
                    .into_iter()
                    .filter(|d| days.contains(d))
                    .map(|d| self.weekday(d))
                    .collect();
                self.rule_weekly(every("week"), self.list(&names))
            }
            Pattern::MonthlyOnDay { day } => self.rule_monthly_on_day(every("month"), *day),
            Pattern::MonthlyOnWeekday { nth, weekday } => self.rule_monthly_on_weekday(
                every("month"),
                self.ordinal(*nth),
                self.weekday(*weekday),
            ),
            Pattern::YearlyOnDay { month, day } => {
                self.rule_yearly_on_day(every("year"), self.month(u32::from(*month)), *day)
            }
            Pattern::YearlyOnWeekday {
                month,
                nth,
                weekday,
            } => self.rule_yearly_on_weekday(
                every("year"),
                self.ordinal(*nth),
                self.weekday(*weekday),
                self.month(u32::from(*month)),
            ),
        };
        match rule.end {
            End::Never => text,
            End::Until(date) => self.rule_until(text, self.long_date(date)),
            End::Count(n) => self.rule_count(text, n),
        }
    }
}

/// The key the `weekday` messages choose by.
pub fn weekday_key(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders every message of every language with the real Fluent
    /// implementation (`fluent-bundle`) and with the compiled code, for
    /// many argument values (each plural form, each variant's word), and
    /// compares: the compiler in `build/fluent.rs` must mean what Fluent
    /// means.
    #[test]
    fn every_message_renders_as_fluent_bundle_renders_it() {
        use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
        let locales = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let numbers = [0i64, 1, 2, 3, 5, 11, 21, 100, 1_000_000];
        let mut checked = 0;
        for lang in Lang::ALL {
            let mut bundle = FluentBundle::new(vec![lang.code().parse().unwrap()]);
            bundle.set_use_isolating(false);
            let mut source = String::new();
            let dir = locales.join(lang.code());
            let mut files: Vec<_> = std::fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            files.sort();
            for file in files
                .iter()
                .filter(|f| f.extension().is_some_and(|e| e == "ftl"))
            {
                let text = std::fs::read_to_string(file).unwrap();
                source.push_str(&text);
                source.push('\n');
                bundle
                    .add_resource(FluentResource::try_new(text).unwrap())
                    .unwrap();
            }
            // Every word a select expression may choose by.
            let words: Vec<String> = source
                .split('[')
                .skip(1)
                .filter_map(|rest| rest.split_once(']').map(|(w, _)| w.to_owned()))
                .filter(|w| {
                    !w.is_empty()
                        && w.chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                })
                .collect();
            for id in MsgId::ALL {
                let (name, attribute) = match id.as_str().split_once('.') {
                    Some((n, a)) => (n, Some(a)),
                    None => (id.as_str(), None),
                };
                let message = bundle
                    .get_message(name)
                    .unwrap_or_else(|| panic!("{lang}: {name}"));
                let pattern = match attribute {
                    Some(a) => message.get_attribute(a).unwrap().value(),
                    None => message.value().unwrap(),
                };
                let variables = id.variables();
                let numeric = id.numeric_variables();
                let candidates: Vec<Vec<Arg>> = variables
                    .iter()
                    .map(|v| {
                        if numeric.contains(v) {
                            numbers.iter().map(|n| Arg::Num(*n)).collect()
                        } else {
                            std::iter::once(Arg::Text("Ana".into()))
                                .chain(words.iter().map(|w| Arg::Text(w.clone())))
                                .chain(numbers.iter().take(3).map(|n| Arg::Num(*n)))
                                .collect()
                        }
                    })
                    .collect();
                let mut assignments =
                    vec![candidates.iter().map(|c| c[0].clone()).collect::<Vec<_>>()];
                for (i, values) in candidates.iter().enumerate() {
                    for value in values.iter().skip(1) {
                        let mut args: Vec<Arg> = candidates.iter().map(|c| c[0].clone()).collect();
                        args[i] = value.clone();
                        assignments.push(args);
                    }
                }
                for args in assignments {
                    let mut fluent_args = FluentArgs::new();
                    for (name, arg) in variables.iter().zip(&args) {
                        let value = match arg {
                            Arg::Num(n) => FluentValue::from(*n),
                            Arg::Text(t) => FluentValue::from(t.clone()),
                            _ => unreachable!("only numbers and texts are generated"),
                        };
                        fluent_args.set(*name, value);
                    }
                    let mut errors = vec![];
                    let expected = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
                    assert!(errors.is_empty(), "{lang} {}: {errors:?}", id.as_str());
                    let ours = Message::with_args(id, args.clone()).render(lang);
                    assert_eq!(ours, expected, "{lang} {} with {args:?}", id.as_str());
                    checked += 1;
                }
            }
        }
        assert!(
            checked > MsgId::ALL.len(),
            "only {checked} renderings compared"
        );
    }

    #[test]
    fn rules_are_described_in_words() {
        use crate::domain::recurrence::{End, Pattern, Rule};
        let t = Tr::new(Lang::En);
        let rule = Rule {
            pattern: Pattern::Weekly {
                days: vec![Weekday::Tue, Weekday::Thu],
            },
            interval: 2,
            end: End::Count(10),
        };
        assert_eq!(
            t.describe_rule(&rule),
            "Every 2 weeks on Tuesday and Thursday, 10 times"
        );
        let rule = Rule {
            pattern: Pattern::MonthlyOnWeekday {
                nth: -1,
                weekday: Weekday::Fri,
            },
            interval: 1,
            end: End::Until(NaiveDate::from_ymd_opt(2027, 6, 30).unwrap()),
        };
        assert_eq!(
            t.describe_rule(&rule),
            "Every month on the last Friday, until Wednesday, June 30, 2027"
        );
    }

    #[test]
    fn schedules_are_spelled_out_in_full() {
        let t = Tr::new(Lang::En);
        let at = |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        let timed = Schedule::Timed {
            start: at("2026-12-04 19:00"),
            end: at("2026-12-04 21:30"),
        };
        assert_eq!(
            t.schedule(&timed),
            "Friday, December 4, 2026, 7:00 PM – 9:30 PM"
        );
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let holiday = Schedule::AllDay {
            first_day: day("2026-12-24"),
            last_day: day("2026-12-26"),
        };
        assert_eq!(
            t.schedule(&holiday),
            "Thursday, December 24, 2026 – Saturday, December 26, 2026 (all day)"
        );
        let t24 = Tr {
            clock: Clock::H24,
            ..t
        };
        assert_eq!(t24.time(at("2026-12-04 07:05")), "07:05");
    }

    #[test]
    fn spanish_spells_dates_times_and_rules_its_own_way() {
        use crate::domain::recurrence::{End, Pattern, Rule};
        let t = Tr::new(Lang::Es);
        let at = |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        assert_eq!(
            t.long_date(NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()),
            "viernes, 4 de diciembre de 2026"
        );
        assert_eq!(t.time(at("2026-12-04 19:00")), "7:00 p. m.");
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(t.month_of(day("2026-12-04")), "diciembre de 2026");
        assert_eq!(
            t.days_between(day("2026-11-30"), day("2026-12-06")),
            "30 de noviembre – 6 de diciembre de 2026"
        );
        assert_eq!(
            Tr::new(Lang::En).days_between(day("2026-11-30"), day("2026-12-06")),
            "November 30 – December 6, 2026"
        );
        assert_eq!(t.time(at("2026-12-04 09:30")), "9:30 a. m.");
        let rule = Rule {
            pattern: Pattern::YearlyOnWeekday {
                month: 11,
                nth: 4,
                weekday: Weekday::Thu,
            },
            interval: 1,
            end: End::Count(1),
        };
        assert_eq!(
            t.describe_rule(&rule),
            "Cada año el cuarto jueves de noviembre, una vez"
        );
        assert_eq!(
            t.rsvp_guests_allowed(1),
            t.render(&m::rsvp_guests_allowed(1))
        );
        assert_eq!(plural_category(Lang::Es, 1), "one");
        assert_eq!(plural_category(Lang::Es, 2), "other");
        assert_ne!(t.rsvp_closes_before(1), t.rsvp_closes_before(2));
    }

    #[test]
    fn dates_and_times_in_sentences_are_spelled_per_language_and_clock() {
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let at = |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        let es = Tr::new(Lang::Es);
        let en = Tr::new(Lang::En);
        let iso = |text: &str| {
            text.as_bytes().windows(10).any(|w| {
                w.iter().enumerate().all(|(i, b)| match i {
                    4 | 7 => *b == b'-',
                    _ => b.is_ascii_digit(),
                })
            })
        };

        // A stay, as /people shows it.
        let since = es.stay_dates(Some(day("2026-12-04")), None);
        assert_eq!(since, "desde 4 de diciembre de 2026");
        let stay = en.stay_dates(Some(day("2026-12-04")), Some(day("2027-03-01")));
        assert_eq!(stay, "December 4, 2026 – March 1, 2027");

        // A series moved to its first day.
        let moved = m::event_first_date_moved(day("2026-12-02"), day("2026-12-03"));
        let text = es.render(&moved);
        assert_eq!(
            text,
            "La serie no se repite el miércoles, 2 de diciembre de 2026, así que empieza el \
             jueves, 3 de diciembre de 2026."
        );
        assert!(!iso(&text));

        // A time of day follows the facility's clock.
        let gap = m::time_does_not_exist(
            at("2026-03-08 02:30").time(),
            day("2026-03-08"),
            "America/New_York",
        );
        let twelve = en.render(&gap);
        assert!(
            twelve.starts_with("2:30 AM on Sunday, March 8, 2026 does not exist"),
            "{twelve}"
        );
        let es24 = Tr {
            clock: Clock::H24,
            ..es
        };
        let text = es24.render(&gap);
        assert!(
            text.starts_with("El domingo, 8 de marzo de 2026, la hora 02:30 no existe"),
            "{text}"
        );
        let twice = es.render(&m::event_time_ambiguous(
            at("2026-11-01 01:30").time(),
            day("2026-11-01"),
            "America/New_York",
            "EDT",
        ));
        assert!(twice.contains("1:30 a. m."), "{twice}");
        assert!(!iso(&twice) && !twice.contains("01:30"), "{twice}");

        // A date and time together.
        assert_eq!(
            es24.long_date_time(at("2026-12-05 03:37")),
            "sábado, 5 de diciembre de 2026, 03:37"
        );
        assert_eq!(
            en.render(&Message::with_args(
                MsgId::AuditEntry,
                vec![Arg::Text("Seen".into()), at("2026-12-04 19:00").into()]
            )),
            "Seen: Friday, December 4, 2026, 7:00 PM"
        );

        // Dates and times travel as data.
        let json = serde_json::to_string(&gap).unwrap();
        assert_eq!(
            serde_json::from_str::<Message>(&json).unwrap(),
            gap,
            "{json}"
        );
    }

    #[test]
    fn small_words_read_naturally() {
        // Everything else in Spanish says "actividad".
        assert_eq!(Tr::new(Lang::Es).feed_event_discreet(), "Actividad");
        assert_eq!(Tr::new(Lang::Es).rsvp_count_going(0), "Nadie va todavía");
        assert_eq!(Tr::new(Lang::En).rsvp_count_going(0), "No one is going yet");
        assert_eq!(Tr::new(Lang::Es).rsvp_count_going(1), "Va 1 persona");
        assert_eq!(Tr::new(Lang::Es).rsvp_count_going(3), "Van 3 personas");
        assert_eq!(Tr::new(Lang::En).rsvp_count_going(3), "3 going");
    }

    #[test]
    fn plural_forms_follow_cldr() {
        assert_eq!(plural_category(Lang::En, 1), "one");
        assert_eq!(plural_category(Lang::En, 0), "other");
        assert_eq!(plural_category(Lang::En, 2), "other");
        let t = Tr::new(Lang::En);
        assert_eq!(
            t.rsvp_closes_before(1),
            "RSVPs close 1 hour before it starts."
        );
        assert_eq!(
            t.rsvp_closes_before(24),
            "RSVPs close 24 hours before it starts."
        );
    }

    #[test]
    fn messages_travel_as_ids_and_arguments() {
        let message = m::rsvp_closes_before(3);
        let json = serde_json::to_string(&message).unwrap();
        assert_eq!(json, r#"{"id":"rsvp-closes-before","args":[3]}"#);
        let back: Message = serde_json::from_str(&json).unwrap();
        assert_eq!(back, message);
        assert!(serde_json::from_str::<Message>(r#"{"id":"no-such-message"}"#).is_err());
    }

    #[test]
    fn accept_language_picks_the_best_spoken_language() {
        assert_eq!(Lang::from_accept_language("en-US,en;q=0.9"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("fr-FR, de;q=0.5"), None);
        assert_eq!(Lang::from_accept_language(""), None);
        assert_eq!(Lang::from_tag("en_US.UTF-8"), Some(Lang::En));
    }

    #[test]
    fn week_runs_from_the_facility_s_first_day() {
        let t = Tr {
            first_day: crate::domain::calendar::FirstDay::Monday,
            ..Tr::new(Lang::En)
        };
        assert_eq!(t.week()[0], Weekday::Mon);
        assert_eq!(t.week()[6], Weekday::Sun);
    }
}
