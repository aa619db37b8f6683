//! `hearth demo`: a populated facility to click through, in a database of
//! its own.

use std::path::Path;

use app::domain::event::{EventForm, EventKind, Venue};
use app::domain::person::Role;
use app::domain::transport::{Rules, Transport};
use app::services;
use app::state::AppState;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};

use crate::cli::DemoArgs;
use crate::config::{FacilityDefaults, ServeConfig, default_database_url};
use crate::startup::Application;

pub const DEMO_EMAIL: &str = "coordinator@demo.hearth.test";
pub const DEMO_PASSWORD: &str = "hearth-demo-password";
/// Other demo accounts, all with [`DEMO_PASSWORD`]: (role, name, e-mail).
const DEMO_PEOPLE: [(Role, &str, &str); 2] = [
    (Role::Admin, "Alex Morgan", "admin@demo.hearth.test"),
    (Role::Staff, "Sam Rivera", "staff@demo.hearth.test"),
];
/// Demo clients: name, sign-in name, kiosk PIN (password: DEMO_PASSWORD).
const DEMO_CLIENTS: [(&str, &str, &str); 4] = [
    ("Maria G.", "maria.g", "583920"),
    ("Jamal T.", "jamal.t", "604713"),
    ("Rosa P.", "rosa.p", "715382"),
    ("Ken W.", "ken.w", "826491"),
];
const DEMO_TIMEZONE: &str = "America/New_York";

pub async fn run(args: DemoArgs) -> Result<(), String> {
    let database_url = default_database_url(&args.dir).replace("hearth.db", "demo.db");
    let config = ServeConfig {
        addr: args.addr,
        database_url,
        data_dir: args.dir.clone(),
        site_url: None,
        proxies: app::state::TrustedProxies::None,
        throttle: Default::default(),
        metrics_addr: None,
        facility: FacilityDefaults {
            name: "Maple House (demo)".to_owned(),
            timezone: DEMO_TIMEZONE.to_owned(),
        },
    };
    let application = Application::build(config)
        .await
        .map_err(|e| e.to_string())?;
    let state = application.state().clone();
    if app::db::people::count(&state.db)
        .await
        .map_err(|e| e.to_string())?
        == 0
    {
        let today = chrono::Utc::now()
            .with_timezone(&chrono_tz::America::New_York)
            .date_naive();
        seed(&state, today)
            .await
            .map_err(|e| format!("seeding the demo failed: {e}"))?;
    }
    print_welcome(&state.settings.site_url, &args.dir);
    application
        .run_until_stopped()
        .await
        .map_err(|e| e.to_string())
}

fn print_welcome(url: &str, dir: &Path) {
    println!();
    println!("  Hearth demo is running at {url}");
    println!("  Sign in as the demo coordinator:");
    println!("    e-mail:   {DEMO_EMAIL}");
    println!("    password: {DEMO_PASSWORD}");
    println!("  Same password for admin@demo.hearth.test, staff@demo.hearth.test and the clients");
    println!(
        "  (sign-in names {}); kiosk PINs {}.",
        DEMO_CLIENTS.map(|(_, login, _)| login).join(", "),
        DEMO_CLIENTS.map(|(_, _, pin)| pin).join(", "),
    );
    println!(
        "  (demo data lives in {}; stop with Ctrl-C)",
        dir.join("demo.db").display()
    );
    println!();
}

/// A month of a small facility's life, starting from `today`.
pub async fn seed(state: &AppState, today: NaiveDate) -> Result<(), app::error::AppError> {
    let facility = app::db::facilities::first(&state.db)
        .await?
        .ok_or(app::error::AppError::Internal)?;
    let coordinator = services::people::add(
        state,
        facility.id,
        services::people::NewAccount {
            role: Role::RecreationStaff,
            name: "Dana Whitfield".to_owned(),
            email: DEMO_EMAIL.to_owned(),
            password: DEMO_PASSWORD.to_owned(),
        },
    )
    .await?;
    let viewer = services::auth::Viewer {
        person: coordinator,
        facility,
        session_hash: None,
        kiosk: None,
        session_expires_at: None,
        session_lang: None,
        reads: None,
    };

    let next = |weekday: Weekday| {
        let ahead = (7 + weekday.num_days_from_monday() as i64
            - today.weekday().num_days_from_monday() as i64)
            % 7;
        today + Duration::days(ahead)
    };
    let weekly = |form: EventForm, day: &str| EventForm {
        repeat: "weekly".to_owned(),
        repeat_days: vec![day.to_owned()],
        ends: "never".to_owned(),
        ..form
    };
    let mut events = vec![
        weekly(
            timed(
                EventKind::Karaoke,
                "Friday karaoke night",
                "Sign up for a song at the door. Lyrics on the big screen.",
                "Common room",
                next(Weekday::Fri),
                "19:00",
                "21:00",
            ),
            "FR",
        ),
        EventForm {
            fellowship: "na".to_owned(),
            meeting_types: vec!["O".to_owned(), "D".to_owned()],
            capacity: "25".to_owned(),
            ..weekly(
                timed(
                    EventKind::TwelveStep,
                    "Sunday NA meeting",
                    "Brought in by an outside panel. Open discussion.",
                    "Group room B",
                    next(Weekday::Sun),
                    "18:30",
                    "19:30",
                ),
                "SU",
            )
        },
        EventForm {
            fellowship: "aa".to_owned(),
            meeting_types: vec!["C".to_owned(), "B".to_owned()],
            venue: "off_site".to_owned(),
            audience: "clients".to_owned(),
            capacity: "10".to_owned(),
            ..weekly(
                timed(
                    EventKind::TwelveStep,
                    "Tuesday AA in town",
                    "Van leaves from the front entrance at 6:15 PM.",
                    "St. Mark's Hall, 40 Main Street",
                    next(Weekday::Tue),
                    "18:30",
                    "20:00",
                ),
                "TU",
            )
        },
        EventForm {
            capacity: "40".to_owned(),
            rsvp_closes_hours: "24".to_owned(),
            ..timed(
                EventKind::Potluck,
                "Community potluck",
                "Bring a dish to share; slots for mains, sides and desserts.",
                "Dining hall",
                next(Weekday::Sat) + Duration::weeks(1),
                "17:00",
                "19:00",
            )
        },
        EventForm {
            venue: "off_site".to_owned(),
            capacity: "12".to_owned(),
            ..timed(
                EventKind::Outing,
                "Walk at the lake",
                "Van leaves from the front entrance.",
                "Lakeside Park, 1 Shore Road",
                next(Weekday::Wed) + Duration::weeks(1),
                "14:00",
                "16:00",
            )
        },
        EventForm {
            audience: "staff".to_owned(),
            ..timed(
                EventKind::Other,
                "Recreation planning (staff)",
                "Plan next month's calendar.",
                "Office",
                next(Weekday::Mon),
                "10:00",
                "11:00",
            )
        },
    ];
    events.push(timed(
        EventKind::Recreation,
        "Movie night",
        "Popcorn provided. This week's pick is on the board in the hall.",
        "Common room",
        today,
        "19:30",
        "21:30",
    ));
    let holiday_day = next(Weekday::Thu) + Duration::weeks(2);
    events.push(EventForm {
        kind: EventKind::Holiday.as_str().to_owned(),
        title: "Decorating the tree".to_owned(),
        description: "Ornaments, cocoa and music. Family guests welcome.".to_owned(),
        location: "Living room".to_owned(),
        all_day: Some("on".to_owned()),
        start_date: holiday_day.to_string(),
        end_date: holiday_day.to_string(),
        ..EventForm::default()
    });
    let christmas = NaiveDate::from_ymd_opt(today.year(), 12, 25).unwrap_or(today);
    events.push(EventForm {
        kind: EventKind::Holiday.as_str().to_owned(),
        title: "Christmas Day".to_owned(),
        description: "Brunch at 11, gifts by the tree.".to_owned(),
        location: "Whole house".to_owned(),
        all_day: Some("on".to_owned()),
        start_date: christmas.to_string(),
        end_date: christmas.to_string(),
        repeat: "yearly_day".to_owned(),
        ends: "never".to_owned(),
        ..EventForm::default()
    });
    let mut created = Vec::new();
    for form in events {
        let draft = form.parse()?;
        created.push(
            services::events::create(state, &viewer, draft, None)
                .await?
                .event,
        );
    }

    let mut staff = Vec::new();
    for (role, name, email) in DEMO_PEOPLE {
        staff.push(
            services::people::add(
                state,
                viewer.facility.id,
                services::people::NewAccount {
                    role,
                    name: name.to_owned(),
                    email: email.to_owned(),
                    password: DEMO_PASSWORD.to_owned(),
                },
            )
            .await?,
        );
    }
    // The van for the off-site events, driven by a staff member, with one
    // staff member for every six clients.
    let driver = staff.iter().find(|p| p.role == Role::Staff).map(|p| p.id);
    for event in created.iter().filter(|e| e.venue == Venue::OffSite) {
        let aa = event.kind == EventKind::TwelveStep;
        let van = Transport {
            van_seats: 7,
            driver_id: driver,
            departs: NaiveTime::from_hms_opt(if aa { 18 } else { 13 }, if aa { 0 } else { 40 }, 0),
            returns: NaiveTime::from_hms_opt(if aa { 20 } else { 16 }, 30, 0),
            pickup_point: "Front entrance".to_owned(),
        };
        services::transport::set_transport(state, &viewer, event.id, Some(van)).await?;
        let rules = Rules {
            clients_per_staff: Some(6),
            ..Rules::default()
        };
        services::transport::set_rules(state, &viewer, event.id, rules).await?;
    }
    let mut clients = Vec::new();
    for (name, login, pin) in DEMO_CLIENTS {
        let client = services::people::add_client(
            state,
            viewer.facility.id,
            services::people::NewClient {
                name: name.to_owned(),
                login: login.to_owned(),
                password: DEMO_PASSWORD.to_owned(),
                pin: pin.to_owned(),
                house: "Cedar".to_owned(),
                ..Default::default()
            },
            today,
        )
        .await?;
        clients.push(client);
    }
    // The coordinator answers for clients at the first karaoke night and
    // the potluck.
    let now = chrono::Utc::now();
    for event in created
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Karaoke | EventKind::Potluck))
    {
        let next = services::events::next_occurrences(state, &viewer, event, 1).await?;
        let Some(occurrence) = next.first().filter(|o| o.starts_at > now) else {
            continue;
        };
        for client in clients.iter().take(3) {
            services::rsvps::respond(
                state,
                &viewer,
                event.id,
                occurrence.key,
                client.id,
                app::domain::rsvp::Response::Going,
                0,
            )
            .await?;
        }
    }
    Ok(())
}

fn timed(
    kind: EventKind,
    title: &str,
    description: &str,
    location: &str,
    day: NaiveDate,
    start: &str,
    end: &str,
) -> EventForm {
    EventForm {
        kind: kind.as_str().to_owned(),
        title: title.to_owned(),
        description: description.to_owned(),
        location: location.to_owned(),
        all_day: None,
        start_date: day.to_string(),
        start_time: start.to_owned(),
        end_date: day.to_string(),
        end_time: end.to_owned(),
        ..EventForm::default()
    }
}
