//! Speed of the calendar's hot paths: expanding series, rendering the month
//! view on the server, and writing the facility's iCal feed.
//!
//! `cargo bench -p app --features ssr --bench calendar`

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};
use chrono_tz::America::New_York;
use criterion::{Criterion, criterion_group, criterion_main};
use leptos::prelude::*;

use app::components::calendar::MonthGrid;
use app::domain::event::{Audience, Event, EventId, EventKind, EventStatus, Schedule, Venue};
use app::domain::occurrence::{Occurrence, OccurrenceKey, expand, instants};
use app::domain::recurrence::{End, Pattern, Rule};

const DAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

fn weekly_series(i: i64) -> Event {
    let day = NaiveDate::from_ymd_opt(2026, 1, 5).expect("date") + Duration::days(i % 7);
    let start: NaiveDateTime = day.and_hms_opt(8 + (i % 12) as u32, 0, 0).expect("time");
    let schedule = Schedule::Timed {
        start,
        end: start + Duration::minutes(90),
    };
    let (starts_at, ends_at) = instants(New_York, &schedule);
    Event {
        id: EventId(i),
        facility_id: 1,
        kind: EventKind::ALL[(i % 7) as usize],
        title: format!("Series {i}"),
        description: String::new(),
        location: "Common room".into(),
        venue: Venue::OnSite,
        timezone: "America/New_York".into(),
        schedule,
        starts_at,
        ends_at,
        rule: Some(Rule {
            pattern: Pattern::Weekly {
                days: vec![DAYS[(i % 7) as usize]],
            },
            interval: 1,
            end: End::Never,
        }),
        series_ends_at: None,
        audience: Audience::Everyone,
        host_id: None,
        capacity: None,
        rsvp_closes_minutes: None,
        twelve_step: None,
        max_guests: 0,
        show_names: false,
        status: EventStatus::Scheduled,
        sequence: 0,
        split_from: None,
        created_at: starts_at,
        updated_at: starts_at,
    }
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("instant")
        .with_timezone(&Utc)
}

fn expansion(c: &mut Criterion) {
    let series: Vec<Event> = (0..200).map(weekly_series).collect();
    let (from, to) = (utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"));
    let total: usize = series.iter().map(|e| expand(e, &[], from, to).len()).sum();
    assert!((200 * 51..=200 * 52).contains(&total), "{total}");
    c.bench_function("expand 200 weekly series over one year", |b| {
        b.iter(|| {
            let n: usize = series.iter().map(|e| expand(e, &[], from, to).len()).sum();
            std::hint::black_box(n)
        })
    });
}

fn month_window(c: &mut Criterion) {
    // The month page's expansion: 200 weekly series that began a year
    // before the month shown, over its six-week grid.
    let series: Vec<Event> = (0..200).map(weekly_series).collect();
    let (from, to) = (utc("2026-11-29T05:00:00Z"), utc("2027-01-10T05:00:00Z"));
    let total: usize = series.iter().map(|e| expand(e, &[], from, to).len()).sum();
    assert_eq!(total, 200 * 6);
    c.bench_function("expand 200 weekly series for a month view a year in", |b| {
        b.iter(|| {
            let n: usize = series.iter().map(|e| expand(e, &[], from, to).len()).sum();
            std::hint::black_box(n)
        })
    });
}

fn month_occurrences(n: usize) -> Vec<Occurrence> {
    (0..n)
        .map(|i| {
            let day = NaiveDate::from_ymd_opt(2026, 12, 1 + (i % 31) as u32).expect("date");
            let start = day.and_hms_opt(8 + (i % 12) as u32, 30, 0).expect("time");
            let schedule = Schedule::Timed {
                start,
                end: start + Duration::hours(1),
            };
            let (starts_at, ends_at) = instants(New_York, &schedule);
            Occurrence {
                event_id: EventId(i as i64),
                key: OccurrenceKey(starts_at),
                kind: EventKind::ALL[i % 7],
                audience: Audience::Everyone,
                title: format!("Activity number {i}"),
                location: "Common room".into(),
                description: String::new(),
                schedule,
                starts_at,
                ends_at,
                status: if i % 17 == 0 {
                    EventStatus::Cancelled
                } else {
                    EventStatus::Scheduled
                },
                overridden: i % 13 == 0,
                recurring: true,
            }
        })
        .collect()
}

fn render_month(c: &mut Criterion) {
    let occurrences = month_occurrences(300);
    let month = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    let render = |occurrences: Vec<Occurrence>| {
        let owner = Owner::new();
        owner.with(|| view! { <MonthGrid occurrences month today=None /> }.to_html())
    };
    let html = render(occurrences.clone());
    assert_eq!(html.matches("data-testid=\"occurrence\"").count(), 300);
    // A grid is kept by what it shows (`components::calendar::drawn`):
    // renaming one occurrence each time draws it afresh.
    let mut drawn = 0_u64;
    c.bench_function("draw the month view with 300 occurrences", |b| {
        b.iter(|| {
            drawn += 1;
            let mut occurrences = occurrences.clone();
            occurrences[0].title = format!("Activity drawn {drawn}");
            std::hint::black_box(render(occurrences).len())
        })
    });
    c.bench_function("the month view with 300 occurrences, kept", |b| {
        b.iter(|| std::hint::black_box(render(occurrences.clone()).len()))
    });
}

fn one_off(i: i64) -> Event {
    let mut event = weekly_series(1000 + i);
    event.rule = None;
    let start = NaiveDate::from_ymd_opt(2026, 12, 1)
        .expect("date")
        .and_hms_opt(10, 0, 0)
        .expect("time")
        + Duration::hours(i * 7);
    event.schedule = Schedule::Timed {
        start,
        end: start + Duration::hours(2),
    };
    let (starts_at, ends_at) = instants(New_York, &event.schedule);
    (event.starts_at, event.ends_at, event.series_ends_at) = (starts_at, ends_at, Some(ends_at));
    event.description = format!("Bring a friend, a dish; and {i} smiles.");
    event
}

fn render_feed(c: &mut Criterion) {
    use app::ical::feed::{Entry, Header, Site, Style, render};
    // A busy facility: 200 weekly series and 500 one-off events.
    let events: Vec<Event> = (0..200)
        .map(weekly_series)
        .chain((0..500).map(one_off))
        .collect();
    let entries: Vec<Entry<'_>> = events
        .iter()
        .map(|event| Entry::Series {
            event,
            changes: &[],
        })
        .collect();
    let header = Header {
        name: "Maple House".into(),
        description: None,
        refresh: Duration::hours(1),
    };
    let site = Site {
        url: "https://hearth.example.org".into(),
    };
    let now = utc("2026-11-26T12:00:00Z");
    let body = render(&header, &site, &Style::default(), &entries, now);
    assert_eq!(body.matches("BEGIN:VEVENT").count(), 700);
    c.bench_function(
        "write the facility feed: 200 series and 500 one-offs",
        |b| {
            b.iter(|| {
                std::hint::black_box(render(&header, &site, &Style::default(), &entries, now).len())
            })
        },
    );
}

criterion_group!(benches, expansion, month_window, render_month, render_feed);
criterion_main!(benches);
