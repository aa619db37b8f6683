//! Vans for off-site events, eligibility rules, the staff ratio and the
//! manifest, over HTTP.

use app::domain::person::Role;
use chrono::{Duration, SecondsFormat, Utc};
use serde_json::{Value, json};
use tests::{PASSWORD, TestApp, on_both_backends, unique};

use crate::api_events::{Api, api};

on_both_backends!(
    the_van_limits_going_and_the_manifest_lists_who_rides,
    two_people_taking_the_last_van_seat_at_once_one_wins,
    bad_transport_is_refused_and_changes_nothing,
    clients_who_do_not_meet_the_rules_see_why_and_staff_can_override,
    the_ratio_warns_staff_and_the_manifest_stays_out_of_feeds,
    the_manifest_is_dated_in_its_reader_s_language,
);

fn soon(days: i64, hour: u32) -> String {
    let day = (Utc::now() + Duration::days(days)).date_naive();
    day.and_hms_opt(hour, 0, 0)
        .unwrap()
        .and_utc()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// An off-site outing in `days` days: (id, occurrence key).
async fn outing(api: &Api<'_>, title: &str, days: i64, capacity: Option<u32>) -> (i64, String) {
    let mut body = json!({"kind": "outing", "title": title, "venue": "off_site",
        "location": "Lakeside Bowl, 12 Shore Rd", "start": soon(days, 23), "end": soon(days + 1, 1)});
    if let Some(capacity) = capacity {
        body["capacity"] = json!(capacity);
    }
    let (status, event) = api.post("/api/v1/events", body).await;
    assert_eq!(status, 201, "{event}");
    let id = event["id"].as_i64().unwrap();
    let (_, list) = api
        .get(&format!(
            "/api/v1/occurrences?from={}&to={}",
            soon(0, 0),
            soon(days + 3, 0)
        ))
        .await;
    let key = list["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["event_id"] == id)
        .map(|o| o["key"].as_str().unwrap().to_owned())
        .expect("the occurrence");
    (id, key)
}

async fn send(
    app: &TestApp,
    method: reqwest::Method,
    token: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = app.api.request(method, app.url(path)).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn going(app: &TestApp, token: &str, id: i64, key: &str, person: i64) -> (u16, Value) {
    send(
        app,
        reqwest::Method::PUT,
        token,
        &format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{person}"),
        Some(json!({"response": "going"})),
    )
    .await
}

/// A staff member's id and token.
async fn staff_member(app: &TestApp, name: &str) -> (i64, String) {
    let email = app.add_person(Role::Staff, name).await;
    let token = app::services::auth::create_token(&app.state, &email, "tests")
        .await
        .unwrap();
    let (_, me) = send(app, reqwest::Method::GET, &token, "/api/v1/me", None).await;
    (me["id"].as_i64().unwrap(), token)
}

/// A client with a house, an admission date and a password: (id, token, e-mail).
async fn client(
    app: &TestApp,
    name: &str,
    house: &str,
    admitted_days_ago: i64,
) -> (i64, String, String) {
    let facility = app::db::facilities::first(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let today = app::services::facilities::today(&facility);
    let email = format!("{}@example.org", unique("client-"));
    let person = app::services::people::add_client(
        &app.state,
        facility.id,
        app::services::people::NewClient {
            name: name.to_owned(),
            email: email.clone(),
            password: PASSWORD.to_owned(),
            house: house.to_owned(),
            admission_date: (today - Duration::days(admitted_days_ago)).to_string(),
            ..Default::default()
        },
        today,
    )
    .await
    .unwrap();
    let token = app::services::auth::create_token_for(&app.state, &person, "tests")
        .await
        .unwrap();
    (person.id.0, token, email)
}

async fn audit_log(app: &TestApp) -> Vec<app::db::audit::AuditEntry> {
    let facility = app::db::facilities::first(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    app::db::audit::recent(&app.state.db, facility.id, 100)
        .await
        .unwrap()
}

async fn the_van_limits_going_and_the_manifest_lists_who_rides(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (driver, staff_token) = staff_member(&app, "Dana Driver").await;
    let (id, key) = outing(&planner, "Bowling night", 5, Some(20)).await;
    let (status, saved) = planner
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/events/{id}/transport"),
            Some(
                json!({"van_seats": 2, "driver_id": driver, "departs": "18:15",
                        "returns": "21:30", "pickup_point": "Front porch"}),
            ),
        )
        .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["transport"]["van_seats"], 2);
    assert_eq!(saved["driver_name"], "Dana Driver");

    // The venue has 20 places; the van has 2 seats: the third waits.
    let mut riders = Vec::new();
    for name in ["Ana", "Ben", "Cal"] {
        let (person, token) = app.client_with_token(&format!("{name} V.")).await;
        let (status, rsvp) = going(&app, &token, id, &key, person).await;
        assert_eq!(status, 200, "{rsvp}");
        riders.push((person, token, rsvp["state"].as_str().unwrap().to_owned()));
    }
    let states: Vec<&str> = riders.iter().map(|r| r.2.as_str()).collect();
    assert_eq!(states, ["going", "going", "waitlisted"]);

    let (status, manifest) = send(
        &app,
        reqwest::Method::GET,
        &staff_token,
        &format!("/api/v1/events/{id}/occurrences/{key}/manifest"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{manifest}");
    let names: Vec<&str> = manifest["riders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ana V.", "Ben V."]);
    assert_eq!(manifest["waitlist"][0]["name"], "Cal V.");
    assert_eq!(manifest["driver_name"], "Dana Driver");
    assert_eq!(manifest["transport"]["departs"], "18:15:00");
    assert_eq!(manifest["transport"]["pickup_point"], "Front porch");
    assert_eq!(manifest["seats_taken"], 2);
    assert_eq!(manifest["destination"], "Lakeside Bowl, 12 Shore Rd");

    // Clients never see a manifest; staff looking at one is audited.
    let (status, refused) = send(
        &app,
        reqwest::Method::GET,
        &riders[0].1,
        &format!("/api/v1/events/{id}/occurrences/{key}/manifest"),
        None,
    )
    .await;
    assert_eq!(status, 403);
    assert!(!refused.to_string().contains("Ben V."));
    let audit = audit_log(&app).await;
    assert!(
        audit
            .iter()
            .any(|a| a.action == "view manifest"
                && a.subject == format!("event {id} occurrence {key}")),
        "manifest views are audited"
    );

    // The printable page shows the same, with boxes to tick.
    let browser = app.browser_for();
    let email = app.add_person(Role::Staff, "Page Staff").await;
    assert_eq!(
        app.sign_in_with(&browser, &email, PASSWORD).await.status(),
        303
    );
    let html = browser
        .get(app.url(&format!("/events/{id}/occurrences/{key}/manifest")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Ana V.") && html.contains("Dana Driver") && html.contains("Front porch")
    );
    assert_eq!(
        html.matches("class=\"box\"").count(),
        4,
        "out and back for each rider"
    );

    // A bigger van moves the waitlist up.
    let (status, _) = planner
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/events/{id}/transport"),
            Some(json!({"van_seats": 3, "driver_id": driver})),
        )
        .await;
    assert_eq!(status, 200);
    let (_, rsvps) = send(
        &app,
        reqwest::Method::GET,
        &staff_token,
        &format!("/api/v1/events/{id}/occurrences/{key}/rsvps"),
        None,
    )
    .await;
    assert!(
        rsvps["rsvps"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["state"] == "going"),
        "{rsvps}"
    );

    // A smaller one takes no seat away, and newcomers wait.
    let (status, _) = planner
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/events/{id}/transport"),
            Some(json!({"van_seats": 1})),
        )
        .await;
    assert_eq!(status, 200);
    let (person, token) = app.client_with_token("Dee V.").await;
    let (_, rsvp) = going(&app, &token, id, &key, person).await;
    assert_eq!(rsvp["state"], "waitlisted");
    // One rider leaves: still 2 of 1 seats taken, so nobody moves up.
    let (status, _) = send(
        &app,
        reqwest::Method::DELETE,
        &riders[0].1,
        &format!(
            "/api/v1/events/{id}/occurrences/{key}/rsvps/{}",
            riders[0].0
        ),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let (_, manifest) = send(
        &app,
        reqwest::Method::GET,
        &staff_token,
        &format!("/api/v1/events/{id}/occurrences/{key}/manifest"),
        None,
    )
    .await;
    assert_eq!(manifest["riders"].as_array().unwrap().len(), 2);
    assert_eq!(manifest["waitlist"][0]["name"], "Dee V.");

    // Without a van, the venue's capacity alone counts again.
    let (status, _) = planner
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/events/{id}/transport"),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let (_, manifest) = send(
        &app,
        reqwest::Method::GET,
        &staff_token,
        &format!("/api/v1/events/{id}/occurrences/{key}/manifest"),
        None,
    )
    .await;
    assert_eq!(manifest["riders"].as_array().unwrap().len(), 3);
    assert!(manifest["transport"].is_null());
}

async fn two_people_taking_the_last_van_seat_at_once_one_wins(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let mut clients = Vec::new();
    for i in 0..8 {
        clients.push(app.client_with_token(&format!("Racer{i} R.")).await);
    }
    // Several rounds: a race that happens to serialize once proves little.
    for round in 0..4 {
        let (id, key) = outing(&planner, &format!("Race {round}"), 4 + round, None).await;
        let (status, _) = planner
            .send(
                reqwest::Method::PUT,
                &format!("/api/v1/events/{id}/transport"),
                Some(json!({"van_seats": 1})),
            )
            .await;
        assert_eq!(status, 200);
        let tasks: Vec<_> = clients
            .iter()
            .map(|(person, token)| {
                let http = app.api.clone();
                let url = app.url(&format!(
                    "/api/v1/events/{id}/occurrences/{key}/rsvps/{person}"
                ));
                let token = token.clone();
                tokio::spawn(async move {
                    let response = http
                        .put(url)
                        .bearer_auth(token)
                        .json(&json!({"response": "going"}))
                        .send()
                        .await
                        .unwrap();
                    let status = response.status().as_u16();
                    let body: Value = response.json().await.unwrap();
                    (status, body["state"].as_str().unwrap_or("").to_owned())
                })
            })
            .collect();
        let mut states = Vec::new();
        for task in tasks {
            let (status, state) = task.await.unwrap();
            assert!(status == 200 || status == 409, "status {status}");
            states.push(state);
        }
        assert_eq!(
            states.iter().filter(|s| *s == "going").count(),
            1,
            "round {round}: {states:?}"
        );
        let (_, manifest) = planner
            .get(&format!("/api/v1/events/{id}/occurrences/{key}/manifest"))
            .await;
        assert_eq!(manifest["riders"].as_array().unwrap().len(), 1);
        assert_eq!(manifest["seats_taken"], 1);
    }
}

async fn bad_transport_is_refused_and_changes_nothing(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, _) = outing(&planner, "Museum trip", 6, None).await;
    let (client_id, _) = app.client_with_token("Nope N.").await;
    let path = format!("/api/v1/events/{id}/transport");
    let cases = [
        (json!({"van_seats": 0}), "van_seats"),
        (json!({"van_seats": 500}), "van_seats"),
        (
            json!({"van_seats": 5, "departs": "19:00", "returns": "18:00"}),
            "returns",
        ),
        (json!({"van_seats": 5, "departs": "7pm-ish"}), "departs"),
        (json!({"van_seats": 5, "driver_id": client_id}), "driver_id"),
        (json!({"van_seats": 5, "driver_id": 999_999}), "driver_id"),
    ];
    for (body, field) in cases {
        let (status, error) = planner
            .send(reqwest::Method::PUT, &path, Some(body.clone()))
            .await;
        assert_eq!(status, 422, "{body}: {error}");
        assert_eq!(error["error"]["field"], field, "{body}: {error}");
    }
    let (status, error) = planner
        .send(
            reqwest::Method::PUT,
            &path,
            Some(json!({"van_seats": "five"})),
        )
        .await;
    assert!((400..500).contains(&status), "{error}");
    assert!(error["error"]["message"].is_string());
    let (_, logistics) = planner.get(&path).await;
    assert!(
        logistics["transport"].is_null(),
        "nothing stored: {logistics}"
    );

    // On-site events have no van.
    let (status, event) = planner
        .post(
            "/api/v1/events",
            json!({"kind": "karaoke", "title": "Karaoke", "start": soon(3, 23), "end": soon(4, 1)}),
        )
        .await;
    assert_eq!(status, 201);
    let (status, error) = planner
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/events/{}/transport", event["id"]),
            Some(json!({"van_seats": 5})),
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("off-site")
    );

    let (status, error) = planner
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/events/{id}/rules"),
            Some(json!({"min_days_admitted": 0, "clients_per_staff": 1000})),
        )
        .await;
    assert_eq!(status, 422, "{error}");
    assert_eq!(error["error"]["details"].as_array().unwrap().len(), 2);
}

async fn clients_who_do_not_meet_the_rules_see_why_and_staff_can_override(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, key) = outing(&planner, "Beach day", 3, Some(30)).await;
    let (status, saved) = planner
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/events/{id}/rules"),
            Some(json!({"min_days_admitted": 14, "houses": ["Cedar", "Maple"]})),
        )
        .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["rules"]["houses"], json!(["Cedar", "Maple"]));

    let (new_id, new_token, new_email) = client(&app, "Newt N.", "Cedar", 2).await;
    let (oak_id, oak_token, _) = client(&app, "Olive O.", "Oak", 60).await;
    let (ok_id, ok_token, _) = client(&app, "Cora C.", "cedar", 60).await;

    let (status, error) = going(&app, &new_token, id, &key, new_id).await;
    assert_eq!(status, 409, "{error}");
    let message = error["error"]["message"].as_str().unwrap();
    assert!(message.contains("at least 14 days"), "{message}");
    let (status, error) = going(&app, &oak_token, id, &key, oak_id).await;
    assert_eq!(status, 409);
    assert_eq!(
        error["error"]["message"],
        "This event is for residents of Cedar and Maple."
    );
    let (status, rsvp) = going(&app, &ok_token, id, &key, ok_id).await;
    assert_eq!((status, rsvp["state"].as_str()), (200, Some("going")));
    // Saying no is always possible.
    let (status, _) = send(
        &app,
        reqwest::Method::PUT,
        &new_token,
        &format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{new_id}"),
        Some(json!({"response": "not_going"})),
    )
    .await;
    assert_eq!(status, 200);

    // The client's page says why instead of offering the buttons.
    let browser = app.browser_for();
    assert_eq!(
        app.sign_in_with(&browser, &new_email, PASSWORD)
            .await
            .status(),
        303
    );
    let page = format!("/events/{id}/occurrences/{key}");
    let html = browser
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("data-testid=\"not-eligible\""),
        "the reason is shown"
    );
    assert!(html.contains("at least 14 days"));
    assert!(!html.contains("value=\"going\""), "no going button");

    // Staff override, and the override is audited.
    let (_, staff_token) = staff_member(&app, "Sid Staff").await;
    let (status, rsvp) = going(&app, &staff_token, id, &key, new_id).await;
    assert_eq!(
        (status, rsvp["state"].as_str()),
        (200, Some("going")),
        "{rsvp}"
    );
    let audit = audit_log(&app).await;
    assert!(
        audit.iter().any(|a| a.action == "rsvp despite rules"
            && a.subject.ends_with(&format!("person {new_id}")))
    );
    // Now on the list, the client can still say no themselves.
    let html = browser
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("data-testid=\"not-eligible\""));

    // Clearing the rules lets everyone answer.
    let (status, _) = planner
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/events/{id}/rules"),
            Some(json!({})),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = going(&app, &oak_token, id, &key, oak_id).await;
    assert_eq!(status, 200);
}

async fn the_ratio_warns_staff_and_the_manifest_stays_out_of_feeds(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, key) = outing(&planner, "Hiking trip", 4, None).await;
    let (driver, staff_token) = staff_member(&app, "Drew Wheel").await;
    let (status, _) = planner
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/events/{id}/transport"),
            Some(json!({"van_seats": 12, "driver_id": driver, "pickup_point": "Side gate"})),
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = planner
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/events/{id}/rules"),
            Some(json!({"clients_per_staff": 2})),
        )
        .await;
    assert_eq!(status, 200);
    let secret = unique("Zed");
    let mut names = Vec::new();
    for i in 0..3 {
        let name = format!("{secret}{i} Q.");
        let (person, token) = app.client_with_token(&name).await;
        assert_eq!(going(&app, &token, id, &key, person).await.0, 200);
        names.push(name);
    }
    // Three clients at one staff per two need two; only the driver goes.
    let (_, manifest) = send(
        &app,
        reqwest::Method::GET,
        &staff_token,
        &format!("/api/v1/events/{id}/occurrences/{key}/manifest"),
        None,
    )
    .await;
    assert_eq!(manifest["ratio"]["needed"], 2, "{manifest}");
    assert_eq!(manifest["ratio"]["staff"], 1);

    let browser = app.browser_for();
    let email = app.add_person(Role::Staff, "Ratio Staff").await;
    assert_eq!(
        app.sign_in_with(&browser, &email, PASSWORD).await.status(),
        303
    );
    let page = format!("/events/{id}/occurrences/{key}");
    let html = browser
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Staff ratio not met"),
        "staff see the warning"
    );
    assert!(html.contains("Side gate"));

    // A client sees the van, not the warning nor the other riders.
    let (_, other_token, other_email) = client(&app, "Peer P.", "Cedar", 30).await;
    let _ = other_token;
    let client_browser = app.browser_for();
    assert_eq!(
        app.sign_in_with(&client_browser, &other_email, PASSWORD)
            .await
            .status(),
        303
    );
    let html = client_browser
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Side gate") && html.contains("Drew Wheel"));
    assert!(!html.contains("Staff ratio not met"));
    assert!(
        !html.contains(&secret),
        "no rider is named to another client"
    );

    // A second staff member going meets the ratio.
    let (staff_id, _) = staff_member(&app, "Second Staff").await;
    assert_eq!(going(&app, &staff_token, id, &key, staff_id).await.0, 200);
    let (_, manifest) = planner
        .get(&format!("/api/v1/events/{id}/occurrences/{key}/manifest"))
        .await;
    assert!(manifest["ratio"].is_null(), "{manifest}");

    // No feed names a rider or the driver.
    for path in [
        format!("/events/{id}.ics"),
        "/calendar.ics".to_owned(),
        "/calendar/outing.ics".to_owned(),
    ] {
        let body = app
            .api
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(body.contains("BEGIN:VCALENDAR"), "{path}");
        assert!(!body.contains(&secret), "{path} names a rider");
        assert!(!body.contains("Drew Wheel"), "{path} names the driver");
    }
}

/// The manifest's date is the occurrence's local date: ISO in the JSON API,
/// spelled out in the reader's language on the page.
async fn the_manifest_is_dated_in_its_reader_s_language(backend: tests::Backend) {
    use app::i18n::{Lang, Tr};
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, key) = outing(&planner, "Bolos", 4, None).await;
    let (status, manifest) = planner
        .get(&format!("/api/v1/events/{id}/occurrences/{key}/manifest"))
        .await;
    assert_eq!(status, 200, "{manifest}");
    let date: chrono::NaiveDate = manifest["date"]
        .as_str()
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| panic!("an ISO date: {manifest}"));

    let browser = app.browser_for();
    let email = app.add_person(Role::Staff, "Page Staff").await;
    assert_eq!(
        app.sign_in_with(&browser, &email, PASSWORD).await.status(),
        303
    );
    let sheet = |lang: &'static str| {
        let browser = &browser;
        let app = &app;
        let key = &key;
        async move {
            browser
                .get(app.url(&format!(
                    "/events/{id}/occurrences/{key}/manifest?lang={lang}"
                )))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    let spanish = sheet("es").await;
    let long = Tr::new(Lang::Es).long_date(date);
    assert!(
        spanish.contains(&format!("<p class=\"manifest-date\">{long}</p>")),
        "{long} in {spanish}"
    );
    for english in [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ] {
        assert!(
            !spanish.contains(english),
            "{english} on a Spanish manifest"
        );
    }
    let english = sheet("en").await;
    assert!(english.contains(&Tr::new(Lang::En).long_date(date)));
}
