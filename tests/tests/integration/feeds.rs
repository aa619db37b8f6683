//! iCal feeds over HTTP: conditional requests, which feeds change when an
//! event does, the personal feed's lifecycle (make, read, rotate, revoke,
//! discharge, grace period), discreet mode and reminders, and that no
//! name ever reaches a feed.

use app::domain::person::Role;
use chrono::{Duration, SecondsFormat, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tests::{PASSWORD, TestApp, on_both_backends};

use crate::api_events::{Api, api};
use crate::privacy::secret_name;

on_both_backends!(
    feeds_answer_conditional_requests_and_change_only_with_their_events,
    public_feeds_hold_only_public_safe_events_and_can_be_turned_off,
    a_personal_feed_follows_rsvps_and_its_link_can_be_rotated_and_revoked,
    discharge_empties_the_feed_and_the_grace_period_ends_in_404,
    discreet_mode_and_reminders_change_how_the_feed_reads,
    no_feed_in_any_mode_carries_a_name,
    feeds_in_memory_show_every_change_in_the_next_answer,
);

fn at(hours: i64) -> String {
    (Utc::now() + Duration::hours(hours)).to_rfc3339_opts(SecondsFormat::Secs, true)
}

struct Fetched {
    status: StatusCode,
    etag: String,
    last_modified: String,
    cache_control: String,
    content_type: String,
    body: String,
}

async fn fetch(app: &TestApp, path: &str, headers: &[(&str, &str)]) -> Fetched {
    let mut request = app.api.get(app.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("request");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    Fetched {
        status: response.status(),
        etag: header("etag"),
        last_modified: header("last-modified"),
        cache_control: header("cache-control"),
        content_type: header("content-type"),
        body: response.text().await.expect("body"),
    }
}

async fn create(planner: &Api<'_>, body: Value) -> i64 {
    let (status, event) = planner.post("/api/v1/events", body).await;
    assert_eq!(status, 201, "{event}");
    event["id"].as_i64().unwrap()
}

/// The key of the first occurrence of `event` in the next 60 days.
async fn first_key(planner: &Api<'_>, event: i64) -> String {
    let (status, list) = planner
        .get(&format!(
            "/api/v1/occurrences?from={}&to={}",
            at(-1),
            at(24 * 60)
        ))
        .await;
    assert_eq!(status, 200, "{list}");
    list["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["event_id"] == event)
        .unwrap_or_else(|| panic!("no occurrence of {event}: {list}"))["key"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn feeds_answer_conditional_requests_and_change_only_with_their_events(
    backend: tests::Backend,
) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let karaoke = create(
        &planner,
        json!({"kind": "karaoke", "title": "Karaoke", "start": at(30), "end": at(32),
               "rrule": "FREQ=WEEKLY;BYDAY=FR"}),
    )
    .await;
    let potluck = create(
        &planner,
        json!({"kind": "potluck", "title": "Potluck", "start": at(50), "end": at(52)}),
    )
    .await;

    // Two clients' own feeds: one going to karaoke, one to the potluck.
    let mut personal = Vec::new();
    for (event, name) in [(karaoke, "Singer S."), (potluck, "Cook C.")] {
        let (person, _) = app.client_with_token(name).await;
        let token = app::services::auth::random_secret();
        app::db::feeds::replace_token(
            &app.state.db,
            app::domain::person::PersonId(person),
            &app::services::auth::hash_secret(&token),
            app::domain::person::PersonId(person),
            Utc::now(),
        )
        .await
        .unwrap();
        let key = first_key(&planner, event).await;
        rsvp(&planner, event, &key, person, "going").await;
        personal.push(format!("/feeds/{token}.ics"));
    }
    let paths = [
        "/calendar.ics".to_owned(),
        "/calendar/karaoke.ics".to_owned(),
        "/calendar/potluck.ics".to_owned(),
        format!("/events/{karaoke}.ics"),
        format!("/events/{potluck}.ics"),
        personal[0].clone(),
        personal[1].clone(),
    ];
    let mut before = Vec::new();
    for path in &paths {
        let first = fetch(&app, path, &[]).await;
        assert_eq!(first.status, 200, "{path}: {}", first.body);
        assert_eq!(first.content_type, "text/calendar; charset=utf-8", "{path}");
        assert!(
            first.etag.starts_with('"') && first.etag.len() > 10,
            "{path}: strong ETag"
        );
        assert!(!first.last_modified.is_empty(), "{path}: Last-Modified");
        // Nothing changed: byte-identical, same validators.
        let again = fetch(&app, path, &[]).await;
        assert_eq!(again.body, first.body, "{path} is deterministic");
        assert_eq!(again.etag, first.etag);
        assert_eq!(again.last_modified, first.last_modified);
        // Conditional requests.
        let by_etag = fetch(&app, path, &[("if-none-match", &first.etag)]).await;
        assert_eq!(by_etag.status, 304, "{path}");
        assert!(by_etag.body.is_empty(), "304 has no body");
        assert_eq!(by_etag.etag, first.etag);
        let by_date = fetch(&app, path, &[("if-modified-since", &first.last_modified)]).await;
        assert_eq!(by_date.status, 304, "{path}");
        assert!(by_date.body.is_empty());
        let stale = fetch(&app, path, &[("if-none-match", "\"stale\"")]).await;
        assert_eq!(stale.status, 200);
        assert_eq!(stale.body, first.body);
        before.push(first);
    }
    // Nothing changed: the feed is answered from memory, not written again
    // (the copy kept is the very same one).
    let kept_key = format!("event:{potluck}:public:facility");
    let kept = app.state.feeds.get(&kept_key).expect("kept in memory");
    let unwritten = fetch(
        &app,
        &format!("/events/{potluck}.ics"),
        &[("if-none-match", &before[4].etag)],
    )
    .await;
    assert_eq!(unwritten.status, 304);
    let again = fetch(&app, &format!("/events/{potluck}.ics"), &[]).await;
    assert_eq!(again.body, before[4].body);
    let still = app.state.feeds.get(&kept_key).expect("still in memory");
    assert!(
        std::sync::Arc::ptr_eq(&kept.feed, &still.feed),
        "answered without writing the feed"
    );

    assert!(before[0].body.contains("SUMMARY:Karaoke\r\n"));
    assert!(before[0].body.contains("SUMMARY:Potluck\r\n"));
    assert!(
        !before[2].body.contains("SUMMARY:Karaoke"),
        "kind feed holds its kind only"
    );

    // Change the karaoke series: exactly the feeds holding it change.
    let (status, body) = planner
        .patch(
            &format!("/api/v1/events/{karaoke}"),
            json!({"title": "Karaoke, with a new screen"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let changes: Vec<bool> = {
        let mut out = Vec::new();
        for (path, old) in paths.iter().zip(&before) {
            let now = fetch(&app, path, &[("if-none-match", &old.etag)]).await;
            out.push(now.status == 200 && now.etag != old.etag);
        }
        out
    };
    assert_eq!(
        changes,
        [true, true, false, true, false, true, false],
        "{paths:?}"
    );
    let karaoke_file = fetch(&app, &format!("/events/{karaoke}.ics"), &[]).await;
    assert!(
        karaoke_file
            .body
            .contains("SUMMARY:Karaoke\\, with a new screen\r\n")
    );
    assert!(
        karaoke_file.body.contains("SEQUENCE:1\r\n"),
        "{}",
        karaoke_file.body
    );

    // Cancelling one date adds an override to the same feeds only.
    let key = first_key(&planner, karaoke).await;
    let (status, body) = planner
        .patch(
            &format!("/api/v1/events/{karaoke}/occurrences/{key}"),
            json!({"status": "cancelled"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let file = fetch(&app, &format!("/events/{karaoke}.ics"), &[]).await;
    assert_eq!(
        file.body.matches("BEGIN:VEVENT").count(),
        2,
        "{}",
        file.body
    );
    assert!(file.body.contains("RECURRENCE-ID;TZID="), "{}", file.body);
    assert!(file.body.contains("STATUS:CANCELLED\r\n"));
    let potluck_file = fetch(&app, &format!("/events/{potluck}.ics"), &[]).await;
    assert_eq!(potluck_file.etag, before[4].etag);
}

async fn public_feeds_hold_only_public_safe_events_and_can_be_turned_off(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    create(
        &planner,
        json!({"kind": "outing", "title": "Lake walk", "start": at(30), "end": at(33)}),
    )
    .await;
    let meeting = create(
        &planner,
        json!({"kind": "twelve_step", "title": "Tuesday NA", "fellowship": "na",
               "start": at(40), "end": at(41)}),
    )
    .await;
    let staff_only = create(
        &planner,
        json!({"kind": "other", "title": "Staff huddle", "audience": "staff",
               "start": at(50), "end": at(51)}),
    )
    .await;
    let feed = fetch(&app, "/calendar.ics", &[]).await;
    assert!(feed.body.contains("SUMMARY:Lake walk"));
    assert!(
        !feed.body.contains("Tuesday NA"),
        "no 12-step meetings by default"
    );
    assert!(
        !feed.body.contains("Staff huddle"),
        "staff-only events never"
    );
    assert!(feed.body.contains("CLASS:PRIVATE"));
    assert!(!feed.body.contains("ATTENDEE") && !feed.body.contains("ORGANIZER"));
    assert_eq!(
        fetch(&app, "/calendar/twelve_step.ics", &[]).await.status,
        404
    );
    // Without signing in, non-public events cannot be downloaded either.
    assert_eq!(
        fetch(&app, &format!("/events/{meeting}.ics"), &[])
            .await
            .status,
        404
    );
    assert_eq!(
        fetch(&app, &format!("/events/{staff_only}.ics"), &[])
            .await
            .status,
        404
    );
    // With a token that may see it, the download works.
    let download = app
        .api
        .get(app.url(&format!("/events/{staff_only}.ics")))
        .bearer_auth(&planner.token)
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(
        download.headers()["cache-control"],
        "private, no-cache",
        "a signed-in download is private"
    );
    assert!(download.text().await.unwrap().contains("Staff huddle"));

    // The admin opts 12-step meetings in, then turns the feeds off.
    let facility = app::db::facilities::first(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    app::db::facilities::set_public_feeds(&app.state.db, facility.id, true, true)
        .await
        .unwrap();
    assert!(
        fetch(&app, "/calendar.ics", &[])
            .await
            .body
            .contains("Tuesday NA")
    );
    assert_eq!(
        fetch(&app, "/calendar/twelve_step.ics", &[]).await.status,
        200
    );
    app::db::facilities::set_public_feeds(&app.state.db, facility.id, false, false)
        .await
        .unwrap();
    for path in ["/calendar.ics", "/calendar/outing.ics"] {
        let off = fetch(&app, path, &[]).await;
        assert_eq!(off.status, 404, "{path}");
        assert!(
            off.content_type.starts_with("application/json"),
            "a JSON error body"
        );
    }
}

/// A signed-in browser for a new client: (browser, person id).
async fn client_browser(app: &TestApp, name: &str) -> (reqwest::Client, i64) {
    let email = app.add_person(Role::Client, name).await;
    let browser = app.browser_for();
    let signed_in = app.sign_in_with(&browser, &email, PASSWORD).await;
    assert_eq!(signed_in.status(), 303);
    let person = app::db::people::by_email(&app.state.db, &email)
        .await
        .unwrap()
        .unwrap();
    (browser, person.id.0)
}

/// Posts one of the feed forms as a browser without JavaScript would.
async fn feed_form(
    app: &TestApp,
    browser: &reqwest::Client,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let html = browser
        .get(app.url(page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = tests::csrf_from_html(&html).expect("a CSRF field");
    let mut all = vec![("csrf_token", csrf.as_str())];
    all.extend_from_slice(fields);
    browser
        .post(app.url(action))
        .header("accept", "text/html")
        .header("referer", app.url(page))
        .form(&all)
        .send()
        .await
        .unwrap()
}

/// Makes a new feed link from `page` and reads it off the page shown next.
async fn new_link(app: &TestApp, browser: &reqwest::Client, page: &str, person: i64) -> String {
    let made = feed_form(
        app,
        browser,
        page,
        "/fn/new_feed_link",
        &[("person", &person.to_string())],
    )
    .await;
    assert_eq!(made.status(), 303, "{}", made.text().await.unwrap());
    let html = browser
        .get(app.url(page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let start = html.find("/feeds/").expect("the new link is shown");
    let end = html[start..].find(".ics").unwrap() + start;
    let path = format!("{}.ics", &html[start..end]);
    assert!(html.contains("webcal://"), "an Apple link");
    assert!(html.contains("calendar.google.com"), "a Google link");
    assert!(html.contains("<svg"), "a QR code");
    path
}

async fn rsvp(planner: &Api<'_>, event: i64, key: &str, person: i64, response: &str) {
    let (status, body) = planner
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/events/{event}/occurrences/{key}/rsvps/{person}"),
            Some(json!({"response": response})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

async fn a_personal_feed_follows_rsvps_and_its_link_can_be_rotated_and_revoked(
    backend: tests::Backend,
) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (browser, me) = client_browser(&app, "Feed T.").await;
    let game = create(
        &planner,
        json!({"kind": "recreation", "title": "Game night", "start": at(30), "end": at(32),
               "rrule": "FREQ=WEEKLY;BYDAY=MO,TH"}),
    )
    .await;
    let trip = create(
        &planner,
        json!({"kind": "outing", "title": "Museum trip", "start": at(60), "end": at(64),
               "capacity": 1}),
    )
    .await;
    let game_key = first_key(&planner, game).await;
    let trip_key = first_key(&planner, trip).await;

    let feed_path = new_link(&app, &browser, "/me/calendar", me).await;
    let person = app::domain::person::PersonId(me);
    let shown = app::db::feeds::active(&app.state.db, person)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        shown.last_used_at, None,
        "showing the link is not a calendar reading it"
    );
    let empty = fetch(&app, &feed_path, &[]).await;
    let read = app::db::feeds::active(&app.state.db, person)
        .await
        .unwrap()
        .unwrap();
    assert!(
        read.last_used_at.is_some(),
        "a calendar reading it is recorded"
    );
    assert_eq!(empty.status, 200);
    assert_eq!(empty.cache_control, "private, no-cache");
    assert!(!empty.body.contains("BEGIN:VEVENT"), "nothing RSVP'd yet");

    rsvp(&planner, game, &game_key, me, "going").await;
    let (other, _) = app.client_with_token("Other P.").await;
    rsvp(&planner, trip, &trip_key, other, "going").await;
    rsvp(&planner, trip, &trip_key, me, "going").await; // full: waitlisted
    let feed = fetch(&app, &feed_path, &[]).await;
    assert_eq!(
        feed.body.matches("BEGIN:VEVENT").count(),
        2,
        "{}",
        feed.body
    );
    assert!(feed.body.contains("SUMMARY:Game night\r\n"));
    let events = feed.body.split_once("BEGIN:VEVENT").unwrap().1;
    assert!(!events.contains("RRULE"), "only the date I RSVP'd to");
    assert!(feed.body.contains(&format!("UID:event-{game}-{game_key}@")));
    assert!(feed.body.contains("SUMMARY:Waitlisted: Museum trip\r\n"));
    assert!(feed.body.contains("STATUS:TENTATIVE\r\n"));
    // Not going any more: gone from the feed.
    rsvp(&planner, game, &game_key, me, "not_going").await;
    let after = fetch(&app, &feed_path, &[("if-none-match", &feed.etag)]).await;
    assert_eq!(after.status, 200);
    assert!(!after.body.contains("Game night"));

    // Rotation: the old link serves an empty calendar, the new one the events.
    let rotated = new_link(&app, &browser, "/me/calendar", me).await;
    assert_ne!(rotated, feed_path);
    let old = fetch(&app, &feed_path, &[]).await;
    assert_eq!(old.status, 200);
    assert!(!old.body.contains("BEGIN:VEVENT"), "{}", old.body);
    assert!(
        fetch(&app, &rotated, &[])
            .await
            .body
            .contains("Museum trip")
    );

    // Revocation from the page.
    let revoked = feed_form(
        &app,
        &browser,
        "/me/calendar",
        "/fn/revoke_feed_link",
        &[("person", &me.to_string())],
    )
    .await;
    assert_eq!(revoked.status(), 303);
    let now_empty = fetch(&app, &rotated, &[]).await;
    assert_eq!(now_empty.status, 200);
    assert!(!now_empty.body.contains("BEGIN:VEVENT"));
    // The page no longer shows a link, and says so.
    let page = browser
        .get(app.url("/me/calendar"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("/feeds/"), "no link after revocation");

    // Someone else's client link: staff may make one, another client may not.
    let (stranger, _) = client_browser(&app, "Nosy N.").await;
    let refused = feed_form(
        &app,
        &stranger,
        "/me/calendar",
        "/fn/new_feed_link",
        &[("person", &me.to_string())],
    )
    .await;
    assert_ne!(refused.status(), 303, "a client cannot make another's link");
    let staff_email = app.add_person(Role::Staff, "Floor Staff").await;
    let staff = app.browser_for();
    app.sign_in_with(&staff, &staff_email, PASSWORD).await;
    let for_client = new_link(&app, &staff, &format!("/people/{me}/calendar"), me).await;
    assert!(
        fetch(&app, &for_client, &[])
            .await
            .body
            .contains("Museum trip")
    );
    // Unknown tokens are not found.
    assert_eq!(
        fetch(&app, "/feeds/0123456789abcdef.ics", &[]).await.status,
        404
    );
}

async fn discharge_empties_the_feed_and_the_grace_period_ends_in_404(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (browser, me) = client_browser(&app, "Leaving L.").await;
    let event = create(
        &planner,
        json!({"kind": "holiday", "title": "Winter party", "start": at(30), "end": at(33)}),
    )
    .await;
    let key = first_key(&planner, event).await;
    rsvp(&planner, event, &key, me, "going").await;
    let feed_path = new_link(&app, &browser, "/me/calendar", me).await;
    assert!(
        fetch(&app, &feed_path, &[])
            .await
            .body
            .contains("Winter party")
    );

    let (status, body) = planner
        .post(&format!("/api/v1/people/{me}/discharge"), json!({}))
        .await;
    assert_eq!(status, 200, "{body}");
    let emptied = fetch(&app, &feed_path, &[]).await;
    assert_eq!(
        emptied.status, 200,
        "an empty calendar, so phones drop the events"
    );
    assert!(!emptied.body.contains("BEGIN:VEVENT"));
    assert!(emptied.body.contains("BEGIN:VCALENDAR"));

    // Past the grace period the link is simply not found.
    let long_ago = Utc::now() - Duration::days(app::services::feeds::GRACE_DAYS + 1);
    match &app.state.db {
        app::db::Db::Sqlite(pool) => {
            sqlx::query("UPDATE feed_tokens SET revoked_at = $1 WHERE person_id = $2")
                .bind(long_ago)
                .bind(me)
                .execute(pool)
                .await
                .unwrap();
        }
        app::db::Db::Postgres(pool) => {
            sqlx::query("UPDATE feed_tokens SET revoked_at = $1 WHERE person_id = $2")
                .bind(long_ago)
                .bind(me)
                .execute(pool)
                .await
                .unwrap();
        }
    }
    assert_eq!(fetch(&app, &feed_path, &[]).await.status, 404);
}

async fn discreet_mode_and_reminders_change_how_the_feed_reads(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (browser, me) = client_browser(&app, "Quiet Q.").await;
    let meeting = create(
        &planner,
        json!({"kind": "twelve_step", "title": "Evening NA meeting", "fellowship": "na",
               "location": "12 Elm Street, Springfield", "description": "Bring your book",
               "start": "2027-01-05T19:00:00-05:00", "end": "2027-01-05T20:00:00-05:00"}),
    )
    .await;
    let (status, list) = planner
        .get("/api/v1/occurrences?from=2027-01-05T00:00:00Z&to=2027-01-07T00:00:00Z")
        .await;
    assert_eq!(status, 200);
    let key = list["occurrences"][0]["key"].as_str().unwrap().to_owned();
    rsvp(&planner, meeting, &key, me, "going").await;
    let feed_path = new_link(&app, &browser, "/me/calendar", me).await;
    let plain = fetch(&app, &feed_path, &[]).await;
    assert!(plain.body.contains("SUMMARY:Evening NA meeting"));
    assert!(
        plain.body.contains("Test House"),
        "the facility's name, when not discreet"
    );
    assert!(!plain.body.contains("BEGIN:VALARM"));

    let saved = feed_form(
        &app,
        &browser,
        "/me/calendar",
        "/fn/save_feed_preferences",
        &[
            ("person", &me.to_string()),
            ("discreet", "on"),
            ("alarm", "30"),
        ],
    )
    .await;
    assert_eq!(saved.status(), 303);
    let discreet = fetch(&app, &feed_path, &[]).await;
    assert_ne!(discreet.etag, plain.etag);
    for gone in [
        "Evening NA meeting",
        "Elm Street",
        "Bring your book",
        "Test House",
        "URL:",
    ] {
        assert!(
            !discreet.body.contains(gone),
            "discreet mode leaks {gone:?}"
        );
    }
    assert!(
        discreet.body.contains("SUMMARY:Evening group\r\n"),
        "{}",
        discreet.body
    );
    assert!(
        discreet.body.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\n"),
        "{}",
        discreet.body
    );
    assert!(discreet.body.contains("TRIGGER:-PT30M\r\n"));
    assert_eq!(
        discreet.body.matches("UID:").count(),
        1,
        "no UID inside VALARM"
    );
    assert_eq!(
        discreet.body.matches("DTSTAMP:").count(),
        1,
        "no DTSTAMP inside VALARM"
    );

    // A reminder time not offered is refused at the field.
    let refused = feed_form(
        &app,
        &browser,
        "/me/calendar",
        "/fn/save_feed_preferences",
        &[("person", &me.to_string()), ("alarm", "7")],
    )
    .await;
    assert_eq!(refused.status(), 422, "the page again, with the message");
    let html = refused.text().await.unwrap();
    assert!(
        html.contains("Choose one of the reminder times offered."),
        "{html}"
    );
}

async fn no_feed_in_any_mode_carries_a_name(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let names: Vec<String> = (0..3).map(|_| secret_name()).collect();
    let host_name = secret_name();
    let host_email = app.add_person(Role::RecreationStaff, &host_name).await;
    let host = app::db::people::by_email(&app.state.db, &host_email)
        .await
        .unwrap()
        .unwrap();
    let mut people = Vec::new();
    for name in &names {
        people.push(client_browser(&app, name).await);
    }
    let mut events = Vec::new();
    for (kind, extra) in [
        ("twelve_step", json!({"fellowship": "aa"})),
        ("karaoke", json!({"show_names": true})),
        ("outing", json!({})),
    ] {
        let mut body = json!({"kind": kind, "title": format!("A {kind} event"),
                              "start": at(30 + events.len() as i64 * 5),
                              "end": at(31 + events.len() as i64 * 5),
                              "host_id": host.id.0});
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let id = create(&planner, body).await;
        let key = first_key(&planner, id).await;
        for (_, person) in &people {
            rsvp(&planner, id, &key, *person, "going").await;
        }
        events.push(id);
    }
    let facility = app::db::facilities::first(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    app::db::facilities::set_public_feeds(&app.state.db, facility.id, true, true)
        .await
        .unwrap();

    let mut paths = vec!["/calendar.ics".to_owned()];
    paths.extend(
        ["twelve_step", "karaoke", "outing"]
            .iter()
            .map(|k| format!("/calendar/{k}.ics")),
    );
    paths.extend(events.iter().map(|id| format!("/events/{id}.ics")));
    for (browser, person) in &people {
        paths.push(new_link(&app, browser, "/me/calendar", *person).await);
    }
    // The host's own feed carries the events they host.
    let host_browser = app.browser_for();
    app.sign_in_with(&host_browser, &host_email, PASSWORD).await;
    paths.push(new_link(&app, &host_browser, "/me/calendar", host.id.0).await);

    let mut checked = 0;
    for discreet in [false, true] {
        if discreet {
            for (browser, person) in &people {
                let saved = feed_form(
                    &app,
                    browser,
                    "/me/calendar",
                    "/fn/save_feed_preferences",
                    &[
                        ("person", &person.to_string()),
                        ("discreet", "on"),
                        ("alarm", "60"),
                    ],
                )
                .await;
                assert_eq!(saved.status(), 303);
            }
        }
        for path in &paths {
            let feed = fetch(&app, path, &[]).await;
            assert_eq!(feed.status, 200, "{path}");
            assert!(
                feed.body.contains("BEGIN:VEVENT"),
                "{path} has events to check"
            );
            for name in names.iter().chain([&host_name]) {
                let first = name.split(' ').next().unwrap();
                assert!(
                    !feed.body.contains(first),
                    "{path} (discreet: {discreet}) carries the name {name}"
                );
            }
            assert!(!feed.body.contains("ATTENDEE") && !feed.body.contains("ORGANIZER"));
            checked += 1;
        }
    }
    assert_eq!(checked, 2 * (1 + 3 + 3 + 3 + 1));
}

/// Runs one statement on the test's database directly, as another process
/// or the CLI would write it (no service code told about it).
async fn write_directly(app: &TestApp, sql: &'static str, id: i64) {
    match &app.state.db {
        app::db::Db::Sqlite(pool) => {
            sqlx::query(sql).bind(id).execute(pool).await.unwrap();
        }
        app::db::Db::Postgres(pool) => {
            sqlx::query(sql).bind(id).execute(pool).await.unwrap();
        }
    }
}

/// Feeds are answered from memory, so every kind of change must reach the
/// very next answer: a change to an event (through the API, or written
/// straight into the database by someone else), an RSVP (only that
/// person's feed is written again), a facility setting, and the end of the
/// day a copy was written for. The agenda page, whose window of events is
/// kept by the same clock, and the facility row of signed-out pages are
/// checked against changes written straight into the database too. On
/// SQLite the clock is read in place through a connection of its own,
/// which must see the other connections' writes.
async fn feeds_in_memory_show_every_change_in_the_next_answer(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    assert_eq!(
        app.state.clock.reads_in_place(),
        matches!(backend, tests::Backend::Sqlite),
        "SQLite files read the clock in place, PostgreSQL through the pool"
    );
    let planner = api(&app).await;
    let (browser, me) = client_browser(&app, "Cache C.").await;
    let outing = create(
        &planner,
        json!({"kind": "outing", "title": "Lake walk", "start": at(30), "end": at(33)}),
    )
    .await;
    let party = create(
        &planner,
        json!({"kind": "holiday", "title": "Winter party", "start": at(50), "end": at(53)}),
    )
    .await;
    let outing_key = first_key(&planner, outing).await;
    let party_key = first_key(&planner, party).await;
    rsvp(&planner, outing, &outing_key, me, "going").await;
    let personal = new_link(&app, &browser, "/me/calendar", me).await;
    let paths = [
        "/calendar.ics".to_owned(),
        "/calendar/outing.ics".to_owned(),
        format!("/events/{outing}.ics"),
        personal.clone(),
    ];
    for path in &paths {
        let first = fetch(&app, path, &[]).await;
        assert!(first.body.contains("SUMMARY:Lake walk"), "{path}");
        let again = fetch(&app, path, &[("if-none-match", &first.etag)]).await;
        assert_eq!(again.status, 304, "{path} unchanged");
    }

    // Calendar pages keep a window's events in memory by the same clock.
    let agenda = || async {
        let response = browser
            .get(app.url("/calendar?view=agenda"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.text().await.unwrap()
    };
    assert!(agenda().await.contains("Lake walk"));

    // Through the API: every feed holding the event shows the new title.
    let (status, body) = planner
        .patch(
            &format!("/api/v1/events/{outing}"),
            json!({"title": "Lake walk and picnic"}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    for path in &paths {
        let next = fetch(&app, path, &[]).await;
        assert!(next.body.contains("SUMMARY:Lake walk and picnic"), "{path}");
    }

    // Written straight into the database (another process, the CLI).
    write_directly(
        &app,
        "UPDATE events SET title = 'Lake swim', sequence = sequence + 1 WHERE id = $1",
        outing,
    )
    .await;
    for path in &paths {
        let next = fetch(&app, path, &[]).await;
        assert!(next.body.contains("SUMMARY:Lake swim"), "{path}");
    }
    assert!(agenda().await.contains("Lake swim"), "the agenda page");

    // An RSVP changes that person's feed and writes no other again.
    let facility_copy = app
        .state
        .feeds
        .get("calendar:all:facility")
        .expect("in memory");
    rsvp(&planner, party, &party_key, me, "going").await;
    let mine = fetch(&app, &personal, &[]).await;
    assert!(mine.body.contains("SUMMARY:Winter party"));
    let facility = fetch(&app, "/calendar.ics", &[]).await;
    assert!(facility.body.contains("SUMMARY:Winter party"));
    let kept = app
        .state
        .feeds
        .get("calendar:all:facility")
        .expect("in memory");
    assert!(
        std::sync::Arc::ptr_eq(&facility_copy.feed, &kept.feed),
        "the facility feed was not written again for an RSVP"
    );

    // A facility setting: the public feeds turned off answer 404 at once.
    write_directly(&app, "UPDATE facilities SET public_feeds = (id <> $1)", 1).await;
    assert_eq!(fetch(&app, "/calendar.ics", &[]).await.status, 404);
    assert_eq!(fetch(&app, "/calendar/outing.ics", &[]).await.status, 404);
    write_directly(&app, "UPDATE facilities SET public_feeds = (id = $1)", 1).await;
    let back = fetch(&app, "/calendar.ics", &[]).await;
    assert_eq!(back.status, 200);

    // The day a copy was written for ends: it is looked at again even
    // though nothing else moved (here: a copy claiming to be yesterday's,
    // holding a body the real feed never had).
    let entry = app
        .state
        .feeds
        .get("calendar:all:facility")
        .expect("in memory");
    let stale = app::services::feed_cache::Rendered::new(
        "BEGIN:VCALENDAR\r\nX-STALE:yes\r\nEND:VCALENDAR\r\n".to_owned(),
        "\"stale\"".to_owned(),
        Utc::now() - Duration::days(1),
        false,
        None,
    );
    app.state.feeds.put(
        "calendar:all:facility",
        app::services::feed_cache::Cached {
            valid_until: Utc::now() - Duration::seconds(1),
            fingerprint: "yesterday".to_owned(),
            feed: std::sync::Arc::new(stale),
            ..(*entry).clone()
        },
    );
    let today = fetch(&app, "/calendar.ics", &[]).await;
    assert!(
        !today.body.contains("X-STALE"),
        "a past day's copy is not served"
    );
    assert_eq!(today.body, back.body);

    // The facility row signed-out requests read is kept by the same clock:
    // a new name is on the very next signed-out page, and in the feed.
    let signed_out = fetch(&app, "/sign-in", &[]).await;
    assert_eq!(signed_out.status, 200);
    assert!(!signed_out.body.contains("Cedar House"));
    write_directly(
        &app,
        "UPDATE facilities SET name = 'Cedar House' WHERE id = $1",
        1,
    )
    .await;
    let renamed = fetch(&app, "/sign-in", &[]).await;
    assert!(renamed.body.contains("Cedar House"), "{}", renamed.body);
    let feed = fetch(&app, "/calendar.ics", &[]).await;
    assert!(
        feed.body.contains("X-WR-CALNAME:Cedar House"),
        "{}",
        feed.body
    );
}
