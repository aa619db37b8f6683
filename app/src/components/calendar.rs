//! The calendar's views: agenda, week and month, over occurrences.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::domain::calendar::month_grid;
use crate::domain::event::Schedule;
use crate::domain::occurrence::Occurrence;
use crate::i18n::{Tr, use_i18n};

/// Occurrences by the local days they touch (a multi-day event appears on
/// each of its days), between `first` and `last`.
pub fn by_day(
    occurrences: &[Occurrence],
    first: NaiveDate,
    last: NaiveDate,
) -> BTreeMap<NaiveDate, Vec<Occurrence>> {
    let mut days: BTreeMap<NaiveDate, Vec<Occurrence>> = BTreeMap::new();
    for occurrence in occurrences {
        let (start, end) = match occurrence.schedule {
            Schedule::Timed { start, end } => {
                // An event ending at midnight does not touch the next day.
                let end_day = if end.time() == chrono::NaiveTime::MIN && end.date() > start.date() {
                    end.date().pred_opt().unwrap_or(end.date())
                } else {
                    end.date()
                };
                (start.date(), end_day)
            }
            Schedule::AllDay {
                first_day,
                last_day,
            } => (first_day, last_day),
        };
        let mut day = start.max(first);
        while day <= end.min(last) {
            days.entry(day).or_default().push(occurrence.clone());
            day = day.succ_opt().unwrap_or(day);
            if day == NaiveDate::MAX {
                break;
            }
        }
    }
    days
}

/// "7:00 PM" for timed occurrences, "All day" otherwise.
pub fn time_label(t: Tr, occurrence: &Occurrence) -> String {
    match occurrence.schedule {
        Schedule::Timed { start, .. } => t.time(start),
        Schedule::AllDay { .. } => t.all_day().to_owned(),
    }
}

/// One occurrence as a link with its time, title and kind.
#[component]
pub fn OccurrenceChip(occurrence: Occurrence, #[prop(optional)] with_end: bool) -> impl IntoView {
    let t = use_i18n();
    let class = format!(
        "chip kind-{}{}",
        occurrence.kind.as_str(),
        if occurrence.is_cancelled() {
            " cancelled"
        } else {
            ""
        }
    );
    let time = match (occurrence.schedule, with_end) {
        (Schedule::Timed { start, end }, true) => format!("{} – {}", t.time(start), t.time(end)),
        _ => time_label(t, &occurrence),
    };
    view! {
        <a class=class href=occurrence.href() data-testid="occurrence">
            <span class="chip-symbol" aria-hidden="true">
                {occurrence.kind.symbol()}
            </span>
            <span class="chip-time">{time}</span>
            " "
            <span class="chip-title">{occurrence.title.clone()}</span>
            {occurrence
                .is_cancelled()
                .then(|| view! { <span class="chip-note">" – " {t.cancelled_badge()}</span> })}
            {(occurrence.overridden && !occurrence.is_cancelled())
                .then(|| view! { <span class="chip-note">" – " {t.changed_badge()}</span> })}
        </a>
    }
}

/// Today and what's next, grouped by day; each day's heading spells out
/// the date for screen readers.
#[component]
pub fn AgendaView(
    occurrences: Vec<Occurrence>,
    first: NaiveDate,
    last: NaiveDate,
    today: NaiveDate,
) -> impl IntoView {
    let t = use_i18n();
    let days = by_day(&occurrences, first, last);
    if days.is_empty() {
        return view! { <p class="empty">{t.nothing_planned()}</p> }.into_any();
    }
    view! {
        <div class="agenda">
            {days
                .into_iter()
                .map(|(day, occurrences)| {
                    let id = format!("day-{}", day.format("%Y-%m-%d"));
                    let heading = if day == today {
                        format!("{} ({})", t.long_date(day), t.today())
                    } else {
                        t.long_date(day)
                    };
                    view! {
                        <section class="day" aria-labelledby=id.clone()>
                            <h2 id=id.clone()>{heading}</h2>
                            <ul class="occurrence-list">
                                {occurrences
                                    .into_iter()
                                    .map(|occurrence| {
                                        let location = occurrence.location.clone();
                                        view! {
                                            <li>
                                                <OccurrenceChip occurrence with_end=true />
                                                {(!location.is_empty())
                                                    .then(|| view! { <span class="chip-location">{location}</span> })}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// Seven day columns (stacked on a phone).
#[component]
pub fn WeekView(occurrences: Vec<Occurrence>, first: NaiveDate, today: NaiveDate) -> impl IntoView {
    let t = use_i18n();
    let last = first + chrono::Duration::days(6);
    let mut days = by_day(&occurrences, first, last);
    view! {
        <ol class="week">
            {(0..7)
                .map(|i| {
                    let day = first + chrono::Duration::days(i);
                    let occurrences = days.remove(&day).unwrap_or_default();
                    let class = if day == today { "week-day today" } else { "week-day" };
                    view! {
                        <li class=class>
                            <h2 class="week-day-name">
                                <span aria-hidden="true">
                                    {t.weekday_short(day.weekday())} " " {day.day()}
                                </span>
                                <span class="visually-hidden">{t.long_date(day)}</span>
                            </h2>
                            {if occurrences.is_empty() {
                                view! { <p class="empty-day">"—"</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="occurrence-list">
                                        {occurrences
                                            .into_iter()
                                            .map(|occurrence| view! { <li><OccurrenceChip occurrence with_end=true /></li> })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// The month as a table, one row per week. On the server a grid is drawn
/// once for what decides its HTML and then served from memory (see
/// [`drawn`]): the month is the calendar's biggest view.
#[component]
pub fn MonthGrid(
    occurrences: Vec<Occurrence>,
    month: NaiveDate,
    today: Option<NaiveDate>,
    /// A class for the table (the print page sizes its text by it).
    #[prop(optional, into)]
    class: String,
    /// Leave the days of the neighbouring months empty (for paper).
    #[prop(optional)]
    only_month: bool,
) -> impl IntoView {
    let grid = Grid {
        t: use_i18n(),
        occurrences,
        month,
        today,
        class,
        only_month,
    };
    #[cfg(feature = "ssr")]
    {
        leptos::tachys::html::InertElement::new(String::from(&*drawn::html(grid)))
    }
    #[cfg(not(feature = "ssr"))]
    {
        grid.draw()
    }
}

/// Everything a month grid's HTML follows from.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Grid {
    t: Tr,
    occurrences: Vec<Occurrence>,
    month: NaiveDate,
    today: Option<NaiveDate>,
    class: String,
    only_month: bool,
}

/// Hashes what tells grids apart cheaply (which dates, in which state);
/// grids that hash alike are still compared whole.
impl std::hash::Hash for Grid {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (self.t, self.month, self.today, &self.class, self.only_month).hash(state);
        self.occurrences.len().hash(state);
        for o in &self.occurrences {
            (o.event_id, o.key, o.status, o.overridden).hash(state);
        }
    }
}

impl Grid {
    fn draw(self) -> impl IntoView + use<> {
        let Grid {
            t,
            occurrences,
            month,
            today,
            class,
            only_month,
        } = self;
        let weeks = month_grid(month, t.first_day);
        let first = weeks.first().map_or(month, |w| w[0]);
        let last = weeks.last().map_or(month, |w| w[6]);
        let mut days = by_day(&occurrences, first, last);
        let caption = t.month_of(month);
        let class = format!("month {class}");
        view! {
            <table class=class>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        {t.week()
                            .into_iter()
                            .map(|d| {
                                view! {
                                    <th scope="col">
                                        <abbr title=t.weekday(d)>{t.weekday_short(d)}</abbr>
                                    </th>
                                }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {weeks
                        .into_iter()
                        .map(|week| {
                            view! {
                                <tr>
                                    {week
                                        .into_iter()
                                        .map(|day| {
                                            let mut occurrences = days.remove(&day).unwrap_or_default();
                                            if only_month && day.month() != month.month() {
                                                occurrences.clear();
                                            }
                                            let mut class = String::from("month-day");
                                            if day.month() != month.month() {
                                                class.push_str(" other-month");
                                            }
                                            if Some(day) == today {
                                                class.push_str(" today");
                                            }
                                            view! {
                                                <td class=class>
                                                    <span class="day-number" aria-hidden="true">{day.day()}</span>
                                                    <span class="visually-hidden">{t.long_date(day)}</span>
                                                    <ul class="occurrence-list">
                                                        {occurrences
                                                            .into_iter()
                                                            .map(|occurrence| view! { <li><OccurrenceChip occurrence /></li> })
                                                            .collect_view()}
                                                    </ul>
                                                </td>
                                            }
                                        })
                                        .collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
    }
}

/// Month grids drawn lately, by everything their HTML follows from (the
/// occurrences themselves, compared whole, so a change to any of them, the
/// language, the clock or the day draws a new grid: nothing kept can be
/// stale). A process keeps at most [`drawn::MAX`] and starts over when full;
/// a facility's people look at a few months in a few languages.
#[cfg(feature = "ssr")]
mod drawn {
    use std::collections::HashMap;
    use std::sync::{Arc, LazyLock, Mutex, PoisonError};

    use leptos::prelude::*;

    use super::Grid;

    /// More grids than a facility's pages ask for between two changes.
    pub const MAX: usize = 128;

    static KEPT: LazyLock<Mutex<HashMap<Grid, Arc<str>>>> =
        LazyLock::new(|| Mutex::new(HashMap::new()));

    /// The grid's HTML, drawn now or kept from an earlier drawing.
    pub fn html(grid: Grid) -> Arc<str> {
        let kept = || KEPT.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(html) = kept().get(&grid) {
            return html.clone();
        }
        let html: Arc<str> = grid.clone().draw().to_html().into();
        let mut kept = kept();
        if kept.len() >= MAX {
            kept.clear();
        }
        kept.insert(grid, html.clone());
        html
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use chrono::Duration;
    use chrono_tz::America::New_York;

    use super::*;
    use crate::domain::event::{Audience, EventId, EventKind, EventStatus};
    use crate::domain::occurrence::{OccurrenceKey, instants};
    use crate::i18n::Lang;

    fn occurrence(id: i64, day: u32, title: &str) -> Occurrence {
        let start = NaiveDate::from_ymd_opt(2026, 12, day)
            .and_then(|d| d.and_hms_opt(19, 0, 0))
            .expect("a date");
        let schedule = Schedule::Timed {
            start,
            end: start + Duration::hours(2),
        };
        let (starts_at, ends_at) = instants(New_York, &schedule);
        Occurrence {
            event_id: EventId(id),
            key: OccurrenceKey(starts_at),
            kind: EventKind::Karaoke,
            audience: Audience::Everyone,
            title: title.to_owned(),
            location: String::new(),
            description: String::new(),
            schedule,
            starts_at,
            ends_at,
            status: EventStatus::Scheduled,
            overridden: false,
            recurring: false,
        }
    }

    fn month_page(t: Tr, occurrences: Vec<Occurrence>, today: u32) -> String {
        let month = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
        let today = NaiveDate::from_ymd_opt(2026, 12, today);
        Owner::new().with(|| {
            provide_context(t);
            view! { <MonthGrid occurrences month today /> }.to_html()
        })
    }

    #[test]
    fn a_kept_month_grid_is_the_grid_drawn_afresh() {
        let t = Tr::new(Lang::En);
        let occurrences = vec![occurrence(1, 4, "Kept grid karaoke")];
        let first = month_page(t, occurrences.clone(), 2);
        let again = month_page(t, occurrences.clone(), 2);
        let fresh = Owner::new().with(|| {
            provide_context(t);
            Grid {
                t,
                occurrences,
                month: NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date"),
                today: NaiveDate::from_ymd_opt(2026, 12, 2),
                class: String::new(),
                only_month: false,
            }
            .draw()
            .to_html()
        });
        assert_eq!(first, again);
        assert_eq!(first, fresh);
        assert_eq!(first.matches("Kept grid karaoke").count(), 1);
        assert!(first.contains("December 2026"));
    }

    #[test]
    fn any_change_to_what_a_grid_shows_draws_it_again() {
        let en = Tr::new(Lang::En);
        let before = month_page(en, vec![occurrence(2, 10, "Potluck before")], 3);
        assert!(before.contains("Potluck before"));

        // A renamed event.
        let renamed = month_page(en, vec![occurrence(2, 10, "Potluck after")], 3);
        assert!(renamed.contains("Potluck after") && !renamed.contains("Potluck before"));

        // A cancelled date.
        let mut cancelled = occurrence(2, 10, "Potluck before");
        cancelled.status = EventStatus::Cancelled;
        let page = month_page(en, vec![cancelled], 3);
        assert!(page.contains("chip kind-karaoke cancelled"));

        // A moved date lands in its new cell.
        let moved = month_page(en, vec![occurrence(2, 11, "Potluck before")], 3);
        assert_ne!(moved, before);
        // 7 pm in New York on the 11th is midnight UTC on the 12th.
        assert!(moved.contains("/occurrences/20261212T000000Z"));

        // Another day is today.
        let tomorrow = month_page(en, vec![occurrence(2, 10, "Potluck before")], 4);
        assert_ne!(tomorrow.find(" today"), before.find(" today"));

        // Another language, and the 24-hour clock.
        let es = month_page(
            Tr::new(Lang::Es),
            vec![occurrence(2, 10, "Potluck before")],
            3,
        );
        assert!(es.contains("diciembre de 2026") && !es.contains("December 2026"));
        let h24 = Tr {
            clock: crate::i18n::Clock::H24,
            ..en
        };
        let page = month_page(h24, vec![occurrence(2, 10, "Potluck before")], 3);
        assert!(page.contains("19:00") && before.contains("7:00"));
    }
}
