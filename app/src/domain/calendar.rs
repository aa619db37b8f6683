//! The calendar's views as date arithmetic: which days each view shows and
//! where "previous" and "next" go.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::event::{Audience, EventKind};

/// How many days the agenda shows.
pub const AGENDA_DAYS: i64 = 14;
/// Weeks start on this day.
pub const WEEK_START: Weekday = Weekday::Sun;

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

    /// The first and last day (inclusive) the view shows around `date`.
    pub fn range(self, date: NaiveDate) -> (NaiveDate, NaiveDate) {
        match self {
            CalendarView::Agenda => (date, date + Duration::days(AGENDA_DAYS - 1)),
            CalendarView::Week => {
                let first = week_start(date);
                (first, first + Duration::days(6))
            }
            CalendarView::Month => {
                let weeks = month_grid(date);
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

pub fn week_start(date: NaiveDate) -> NaiveDate {
    let back = (7 + date.weekday().num_days_from_sunday() - WEEK_START.num_days_from_sunday()) % 7;
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
/// [`WEEK_START`], covering every day of the month (4 to 6 weeks).
pub fn month_grid(date: NaiveDate) -> Vec<[NaiveDate; 7]> {
    let first = first_of_month(date);
    let next_month = add_months(first, 1);
    let mut week = week_start(first);
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
    fn weeks_start_on_sunday() {
        assert_eq!(week_start(d("2026-12-09")), d("2026-12-06"));
        assert_eq!(week_start(d("2026-12-06")), d("2026-12-06"));
        assert_eq!(
            CalendarView::Week.range(d("2026-12-12")),
            (d("2026-12-06"), d("2026-12-12"))
        );
    }

    #[test]
    fn month_grids_cover_the_whole_month_in_whole_weeks() {
        let grid = month_grid(d("2026-12-15"));
        assert_eq!(grid.len(), 5);
        assert_eq!(grid[0][0], d("2026-11-29"));
        assert_eq!(grid[4][6], d("2027-01-02"));
        // February 2026 starts on a Sunday and has exactly four weeks.
        assert_eq!(month_grid(d("2026-02-10")).len(), 4);
        // May 2026 needs six rows.
        assert_eq!(month_grid(d("2026-05-10")).len(), 6);
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
