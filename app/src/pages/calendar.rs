//! The calendar (agenda, week, month), the printable month and the board.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::calendar::{BoardData, CalendarData, board, calendar};
use crate::components::calendar::{AgendaView, MonthGrid, WeekView, by_day};
use crate::components::island::IslandContext;
use crate::components::page_error::PageError;
use crate::domain::calendar::{CalendarFilter, CalendarView, calendar_href};
use crate::domain::event::{Audience, EventKind, Schedule};
use crate::i18n::{Tr, use_i18n};

/// What the calendar's URL asks for.
#[derive(Debug, Clone, PartialEq)]
struct CalendarQuery {
    view: CalendarView,
    date: String,
    kinds: String,
    audience: String,
}

fn use_calendar_query() -> Memo<CalendarQuery> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| CalendarQuery {
            view: q
                .get("view")
                .and_then(|v| CalendarView::parse(&v))
                .unwrap_or_default(),
            date: q.get("date").unwrap_or_default(),
            kinds: q.get("kind").unwrap_or_default(),
            audience: q.get("audience").unwrap_or_default(),
        })
    })
}

fn load(query: Memo<CalendarQuery>) -> Resource<Result<CalendarData, crate::error::AppError>> {
    Resource::new(
        move || query.get(),
        |q| calendar(q.view.as_str().to_owned(), q.date, q.kinds, q.audience),
    )
}

/// The heading for a view's period: "December 2026", "December 6 –
/// December 12, 2026".
fn period(t: Tr, view: CalendarView, data: &CalendarData) -> String {
    match view {
        CalendarView::Month => t.month_of(data.date),
        _ => t.days_between(data.first, data.last),
    }
}

#[component]
pub fn CalendarPage() -> impl IntoView {
    let t = use_i18n();
    let query = use_calendar_query();
    let data = load(query);

    // Keyboard: ← previous, → next, t today (the links' `data-key`, see
    // `crate::enhance`).

    view! {
        <Title text=t.calendar_heading() />
        <Suspense>
            {Suspend::new(async move {
                let q = query.get();
                match data.await {
                    Ok(data) => view! { <CalendarBody data query=q /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CalendarBody(mut data: CalendarData, query: CalendarQuery) -> impl IntoView {
    let t = use_i18n();
    let occurrences = std::mem::take(&mut data.occurrences);
    let filter = CalendarFilter::parse(&query.kinds, &query.audience);
    let view_mode = query.view;
    let heading = period(t, view_mode, &data);
    let href = |view: CalendarView, date: NaiveDate| calendar_href(view, date, &filter);
    let tabs = CalendarView::ALL
        .into_iter()
        .map(|v| {
            let label = match v {
                CalendarView::Agenda => t.view_agenda(),
                CalendarView::Week => t.view_week(),
                CalendarView::Month => t.view_month(),
            };
            let current = (v == view_mode).then_some("page");
            view! {
                <li>
                    <a href=href(v, data.date) aria-current=current>
                        {label}
                    </a>
                </li>
            }
        })
        .collect_view();
    let body = match view_mode {
        CalendarView::Agenda => view! {
            <AgendaView occurrences first=data.first last=data.last today=data.today />
        }
        .into_any(),
        CalendarView::Week => view! {
            <WeekView occurrences first=data.first today=data.today />
        }
        .into_any(),
        CalendarView::Month => view! {
            <MonthGrid occurrences month=data.date today=Some(data.today) />
        }
        .into_any(),
    };
    let print_href = {
        let mut href = format!("/calendar/print?date={}", data.date.format("%Y-%m-01"));
        let q = filter.query();
        if !q.is_empty() {
            href.push('&');
            href.push_str(&q);
        }
        href
    };
    view! {
        <div class="calendar-head">
            <h1>
                {t.calendar_heading()} <span class="period">{heading}</span>
            </h1>
            <nav class="calendar-nav" aria-label=t.calendar_heading()>
                <ul class="tabs">{tabs}</ul>
                <ul class="steps">
                    <li>
                        <a href=href(view_mode, view_mode.step(data.date, -1)) rel="prev" data-key="ArrowLeft">
                            "← " {t.previous()}
                        </a>
                    </li>
                    <li>
                        <a href=href(view_mode, data.today) data-key="t">
                            {t.today()}
                        </a>
                    </li>
                    <li>
                        <a href=href(view_mode, view_mode.step(data.date, 1)) rel="next" data-key="ArrowRight">
                            {t.next()} " →"
                        </a>
                    </li>
                </ul>
            </nav>
            <FilterForm view=view_mode date=data.date filter=filter.clone() />
            <p class="hint keyboard-hint">{t.keyboard_hint()}</p>
        </div>
        {body}
        <p class="print-link">
            <a href=print_href>{t.print_month()}</a>
            " · "
            <a href="/subscribe" data-testid="subscribe-link">{t.subscribe_heading()}</a>
        </p>
    }
}

/// Kind and audience filters: a GET form, so the URL stays shareable.
#[component]
fn FilterForm(view: CalendarView, date: NaiveDate, filter: CalendarFilter) -> impl IntoView {
    let t = use_i18n();
    let single_kind = (filter.kinds.len() == 1).then(|| filter.kinds[0]);
    view! {
        <form method="get" action="/calendar" class="filters">
            <input type="hidden" name="view" value=view.as_str() />
            <input type="hidden" name="date" value=date.format("%Y-%m-%d").to_string() />
            <div class="field">
                <label for="filter-kind">{t.filter_kind()}</label>
                <select id="filter-kind" name="kind">
                    <option value="">{t.all_kinds()}</option>
                    {EventKind::ALL
                        .into_iter()
                        .map(|k| {
                            view! {
                                <option value=k.as_str() selected=single_kind == Some(k)>
                                    {t.kind(k)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="filter-audience">{t.filter_audience()}</label>
                <select id="filter-audience" name="audience">
                    <option value="">{t.all_audiences()}</option>
                    {Audience::ALL
                        .into_iter()
                        .map(|a| {
                            view! {
                                <option value=a.as_str() selected=filter.audience == Some(a)>
                                    {t.audience_label(a)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="button secondary">
                {t.show()}
            </button>
        </form>
    }
}

/// The monthly activity calendar for the wall: one landscape sheet
/// (Letter or A4), legible in black and white.
#[component]
pub fn PrintMonthPage() -> impl IntoView {
    let t = use_i18n();
    let query = use_calendar_query();
    let month_query = Memo::new(move |_| CalendarQuery {
        view: CalendarView::Month,
        ..query.get()
    });
    let data = load(month_query);
    view! {
        <Suspense>
            {Suspend::new(async move {
                match data.await {
                    Ok(data) => view! { <PrintMonth data /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
        <Title text=t.print_month() />
    }
}

#[component]
fn PrintMonth(data: CalendarData) -> impl IntoView {
    let t = use_i18n();
    let month = data.date;
    let days = by_day(&data.occurrences, data.first, data.last);
    let in_month_days = || days.iter().filter(|(day, _)| day.month() == month.month());
    // Occurrences touching the month (for the legend), each once.
    let mut seen = std::collections::HashSet::new();
    let in_month: Vec<_> = in_month_days()
        .flat_map(|(_, o)| o.iter())
        .filter(|o| seen.insert((o.event_id, o.key)))
        .cloned()
        .collect();
    // The busiest day decides the type size, so the month fits one sheet.
    let busiest = in_month_days().map(|(_, o)| o.len()).max().unwrap_or(0);
    // A six-week month has less room per day.
    let weeks = crate::domain::calendar::month_grid(month, t.first_day).len();
    let load = busiest + usize::from(weeks > 5);
    let density = match load {
        0..=2 => "roomy",
        3..=4 => "cozy",
        5..=6 => "compact",
        _ => "dense",
    };
    let kinds: Vec<EventKind> = EventKind::ALL
        .into_iter()
        .filter(|k| in_month.iter().any(|o| o.kind == *k))
        .collect();
    let title = t.month_of(month);
    view! {
        <article class="print-month" data-testid="print-month">
            <header class="print-head">
                <h1>
                    <span class="print-facility">{data.facility_name.clone()}</span>
                    <span class="print-title">{format!("{} — {title}", t.print_heading())}</span>
                </h1>
                <ul class="legend" aria-label=t.print_legend()>
                    {kinds
                        .into_iter()
                        .map(|k| {
                            view! {
                                <li class=format!("chip kind-{}", k.as_str())>
                                    <span class="chip-symbol" aria-hidden="true">{k.symbol()}</span>
                                    " "
                                    {t.kind(k)}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </header>
            <MonthGrid occurrences=in_month month=month today=None class=density only_month=true />
            <p class="print-only-hint">{t.print_hint()}</p>
        </article>
    }
}

/// How often a hydrated board asks for today's list again.
const BOARD_REFRESH_SECONDS: u64 = 15;

/// Today's board for a screen in the common room: large type, shows no
/// names. Once hydrated it follows changes without reloading (the list is
/// a polite live region, so a screen reader hears what changed and keeps
/// its place); without JavaScript it offers a link to refresh instead of
/// reloading itself (WCAG 2.2.1).
#[component]
pub fn BoardPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| board());
    view! {
        <Suspense>
            {Suspend::new(async move {
                match data.await {
                    Ok(data) => {
                        view! {
                            <Title text=use_i18n().today() />
                            <Board context=IslandContext::here() data />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// An island: the list follows the server's without a reload.
#[island]
fn Board(context: IslandContext, data: BoardData) -> impl IntoView {
    context.provide();
    let t = use_i18n();
    let data = RwSignal::new(data);
    // One request at a time; the list is replaced only when it changed.
    let busy = StoredValue::new(false);
    Effect::new(move |_| {
        let tick = move || {
            if busy.get_value() {
                return;
            }
            busy.set_value(true);
            leptos::task::spawn_local(async move {
                if let Ok(fresh) = board().await
                    && data.with_untracked(|d| *d != fresh)
                {
                    data.set(fresh);
                }
                busy.set_value(false);
            });
        };
        if let Ok(handle) =
            set_interval_with_handle(tick, std::time::Duration::from_secs(BOARD_REFRESH_SECONDS))
        {
            on_cleanup(move || handle.clear());
        }
    });
    view! {
        <section class="board" data-testid="board">
            <h1>
                <span class="board-facility">{move || data.with(|d| d.facility_name.clone())}</span>
                <span class="board-date">{move || t.long_date(data.with(|d| d.today))}</span>
            </h1>
            <div aria-live="polite" data-testid="board-live">{move || board_list(t, data.get())}</div>
            <p class="board-refresh">
                <a href="/today" data-testid="board-refresh">{t.board_refresh()}</a>
            </p>
        </section>
    }
}

fn board_list(t: Tr, data: BoardData) -> AnyView {
    if data.occurrences.is_empty() {
        view! { <p class="board-empty">{t.board_nothing()}</p> }.into_any()
    } else {
        view! {
                    <ol class="board-list">
                        {data
                            .occurrences
                            .into_iter()
                            .map(|o| {
                                let when = match o.schedule {
                                    Schedule::Timed { start, end } => format!("{} – {}", t.time(start), t.time(end)),
                                    Schedule::AllDay { .. } => t.all_day().to_owned(),
                                };
                                let class = format!(
                                    "board-item kind-{}{}",
                                    o.kind.as_str(),
                                    if o.is_cancelled() { " cancelled" } else { "" },
                                );
                                view! {
                                    <li class=class>
                                        <span class="board-time">{when}</span>
                                        <span class="board-title">
                                            <span class="chip-symbol" aria-hidden="true">{o.kind.symbol()}</span>
                                            " "
                                            {o.title.clone()}
                                            {o.is_cancelled().then(|| view! { <strong>" — " {t.cancelled_badge()}</strong> })}
                                        </span>
                                        <span class="board-location">{o.location.clone()}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
                    .into_any()
    }
}
