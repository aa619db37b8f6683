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

/// The month as a table, one row per week.
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
    let t = use_i18n();
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
