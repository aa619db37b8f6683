//! The calendar's views as date arithmetic: which days each view shows and
//! where "previous" and "next" go.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::event::{Audience, EventKind};

/// How many days the agenda shows.
pub const AGENDA_DAYS: i64 = 14;
/// The day a facility's weeks start on, in the week view and the month
/// grids: the three first days CLDR knows in use (Sunday in the Americas,
/// Monday in most of Europe and Latin America's ISO calendars, Saturday in
/// parts of the Middle East).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FirstDay {
    #[default]
    Sunday,
    Monday,
    Saturday,
}

impl FirstDay {
    pub const ALL: [FirstDay; 3] = [FirstDay::Sunday, FirstDay::Monday, FirstDay::Saturday];

    /// How settings, the CLI and the database name it.
    pub fn as_str(self) -> &'static str {
        match self {
            FirstDay::Sunday => "sunday",
            FirstDay::Monday => "monday",
            FirstDay::Saturday => "saturday",
        }
    }

    pub fn parse(text: &str) -> Option<FirstDay> {
        let text = text.trim();
        FirstDay::ALL
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(text))
    }

    pub fn weekday(self) -> Weekday {
        match self {
            FirstDay::Sunday => Weekday::Sun,
            FirstDay::Monday => Weekday::Mon,
            FirstDay::Saturday => Weekday::Sat,
        }
    }
}

impl TryFrom<String> for FirstDay {
    type Error = String;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        FirstDay::parse(&text).ok_or_else(|| format!("unknown first day of the week {text:?}"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum CalendarView {
    /// Today and what's next, by day.
    #[default]
    Agenda,
    Week,
    Month,
}

impl CalendarView {
    pub const ALL: [CalendarView; 3] = [
        CalendarView::Agenda,
        CalendarView::Week,
        CalendarView::Month,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CalendarView::Agenda => "agenda",
            CalendarView::Week => "week",
            CalendarView::Month => "month",
        }
    }

    pub fn parse(input: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == input)
    }

    /// The first and last day (inclusive) the view shows around `date`,
    /// in weeks that start on `first_day`.
    pub fn range(self, date: NaiveDate, first_day: FirstDay) -> (NaiveDate, NaiveDate) {
        match self {
            CalendarView::Agenda => (date, date + Duration::days(AGENDA_DAYS - 1)),
            CalendarView::Week => {
                let first = week_start(date, first_day);
                (first, first + Duration::days(6))
            }
            CalendarView::Month => {
                let weeks = month_grid(date, first_day);
                let first = weeks.first().map_or(date, |w| w[0]);
                let last = weeks.last().map_or(date, |w| w[6]);
                (first, last)
            }
        }
    }

    /// The date the "previous" or "next" link opens (`step` -1 or 1).
    pub fn step(self, date: NaiveDate, step: i32) -> NaiveDate {
        match self {
            CalendarView::Agenda => date + Duration::days(AGENDA_DAYS * i64::from(step)),
            CalendarView::Week => date + Duration::weeks(i64::from(step)),
            CalendarView::Month => add_months(first_of_month(date), step),
        }
    }
}

/// The first day of the week holding `date`.
pub fn week_start(date: NaiveDate, first_day: FirstDay) -> NaiveDate {
    let back = (7 + date.weekday().num_days_from_sunday()
        - first_day.weekday().num_days_from_sunday())
        % 7;
    date - Duration::days(i64::from(back))
}

pub fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// `date`'s month moved by `months` (to its first day).
pub fn add_months(date: NaiveDate, months: i32) -> NaiveDate {
    let index = date.year() * 12 + date.month0() as i32 + months;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
        .unwrap_or(date)
}

/// The weeks of the month containing `date`, each starting on
/// `first_day`, covering every day of the month (4 to 6 weeks).
pub fn month_grid(date: NaiveDate, first_day: FirstDay) -> Vec<[NaiveDate; 7]> {
    let first = first_of_month(date);
    let next_month = add_months(first, 1);
    let mut week = week_start(first, first_day);
    let mut weeks = Vec::new();
    while week < next_month {
        weeks.push(std::array::from_fn(|i| week + Duration::days(i as i64)));
        week += Duration::weeks(1);
    }
    weeks
}

/// Filters given in the calendar's URL: `kind=karaoke,potluck`,
/// `audience=clients`. Unknown values are ignored (the page says which).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFilter {
    pub kinds: Vec<EventKind>,
    pub audience: Option<Audience>,
}

impl CalendarFilter {
    pub fn parse(kinds: &str, audience: &str) -> Self {
        CalendarFilter {
            kinds: kinds
                .split(',')
                .filter_map(|k| EventKind::parse(k).ok())
                .collect(),
            audience: Audience::parse(audience).ok(),
        }
    }

    /// The query string for these filters (without the leading `&`).
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if !self.kinds.is_empty() {
            let kinds: Vec<&str> = self.kinds.iter().map(|k| k.as_str()).collect();
            parts.push(format!("kind={}", kinds.join(",")));
        }
        if let Some(audience) = self.audience {
            parts.push(format!("audience={}", audience.as_str()));
        }
        parts.join("&")
    }

    pub fn kinds_param(&self) -> String {
        let kinds: Vec<&str> = self.kinds.iter().map(|k| k.as_str()).collect();
        kinds.join(",")
    }
}

/// The calendar URL for a view, date and filters.
pub fn calendar_href(view: CalendarView, date: NaiveDate, filter: &CalendarFilter) -> String {
    let mut href = format!(
        "/calendar?view={}&date={}",
        view.as_str(),
        date.format("%Y-%m-%d")
    );
    let query = filter.query();
    if !query.is_empty() {
        href.push('&');
        href.push_str(&query);
    }
    href
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weeks_start_on_the_facility_s_first_day() {
        let sunday = FirstDay::Sunday;
        assert_eq!(week_start(d("2026-12-09"), sunday), d("2026-12-06"));
        assert_eq!(week_start(d("2026-12-06"), sunday), d("2026-12-06"));
        assert_eq!(
            CalendarView::Week.range(d("2026-12-12"), sunday),
            (d("2026-12-06"), d("2026-12-12"))
        );
        // Wednesday the 9th in a Monday week, and Sunday the 6th ends one.
        assert_eq!(
            week_start(d("2026-12-09"), FirstDay::Monday),
            d("2026-12-07")
        );
        assert_eq!(
            week_start(d("2026-12-06"), FirstDay::Monday),
            d("2026-11-30")
        );
        assert_eq!(
            CalendarView::Week.range(d("2026-12-12"), FirstDay::Saturday),
            (d("2026-12-12"), d("2026-12-18"))
        );
    }

    #[test]
    fn month_grids_cover_the_whole_month_in_whole_weeks() {
        let grid = month_grid(d("2026-12-15"), FirstDay::Sunday);
        assert_eq!(grid.len(), 5);
        assert_eq!(grid[0][0], d("2026-11-29"));
        assert_eq!(grid[4][6], d("2027-01-02"));
        // February 2026 starts on a Sunday and has exactly four weeks.
        assert_eq!(month_grid(d("2026-02-10"), FirstDay::Sunday).len(), 4);
        // May 2026 needs six rows.
        assert_eq!(month_grid(d("2026-05-10"), FirstDay::Sunday).len(), 6);
        // In Monday weeks December 2026 runs from Monday, November 30 to
        // Sunday, January 3; February 2026 then needs five rows.
        let monday = month_grid(d("2026-12-15"), FirstDay::Monday);
        assert_eq!(monday[0][0], d("2026-11-30"));
        assert_eq!(monday.last().unwrap()[6], d("2027-01-03"));
        assert_eq!(month_grid(d("2026-02-10"), FirstDay::Monday).len(), 5);
    }

    #[test]
    fn first_days_read_back_what_they_write() {
        for day in FirstDay::ALL {
            assert_eq!(FirstDay::parse(day.as_str()), Some(day));
        }
        assert_eq!(FirstDay::parse(" Monday "), Some(FirstDay::Monday));
        assert_eq!(FirstDay::parse("tuesday"), None);
    }

    #[test]
    fn previous_and_next_move_by_the_view() {
        assert_eq!(
            CalendarView::Month.step(d("2026-12-31"), 1),
            d("2027-01-01")
        );
        assert_eq!(
            CalendarView::Month.step(d("2026-01-31"), -1),
            d("2025-12-01")
        );
        assert_eq!(
            CalendarView::Week.step(d("2026-12-09"), -1),
            d("2026-12-02")
        );
        assert_eq!(
            CalendarView::Agenda.step(d("2026-12-01"), 1),
            d("2026-12-15")
        );
    }

    #[test]
    fn filters_round_trip_through_the_url() {
        let filter = CalendarFilter::parse("karaoke,potluck,nonsense", "clients");
        assert_eq!(filter.kinds, vec![EventKind::Karaoke, EventKind::Potluck]);
        assert_eq!(
            calendar_href(CalendarView::Month, d("2026-12-01"), &filter),
            "/calendar?view=month&date=2026-12-01&kind=karaoke,potluck&audience=clients"
        );
    }
}
