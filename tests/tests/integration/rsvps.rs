//! RSVPs, the waitlist, attendance and the stay lifecycle over HTTP.

use chrono::{Duration, SecondsFormat, Timelike, Utc};
use serde_json::{Value, json};
use tests::{TestApp, on_both_backends};

use crate::api_events::{Api, api};

on_both_backends!(
    two_hundred_concurrent_going_rsvps_never_oversell,
    guests_count_and_the_waitlist_moves_up_in_order,
    bad_rsvps_are_refused_and_change_nothing,
    staff_answer_for_clients_and_take_attendance,
    discharge_releases_seats_and_the_retention_purge_leaves_counts,
);

/// An instant `days` from now, at 19:00 UTC, as RFC 3339.
fn soon(days: i64, hour: u32) -> String {
    let day = (Utc::now() + Duration::days(days)).date_naive();
    day.and_hms_opt(hour, 0, 0)
        .unwrap()
        .and_utc()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// An instant `hours` from now, to the minute: for events attendance can
/// be taken at (within the next 12 hours), whatever the time of day the
/// test runs.
fn in_hours(hours: i64) -> String {
    let at = Utc::now() + Duration::hours(hours);
    at.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap()
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A one-off event in a few days; returns (id, occurrence key).
async fn event(api: &Api<'_>, body: Value) -> (i64, String) {
    let (status, event) = api.post("/api/v1/events", body).await;
    assert_eq!(status, 201, "{event}");
    let id = event["id"].as_i64().unwrap();
    let (_, list) = api
        .get(&format!(
            "/api/v1/occurrences?from={}&to={}",
            soon(0, 0),
            soon(30, 0)
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

fn outing(capacity: u32) -> Value {
    json!({"kind": "outing", "title": "Bowling", "start": soon(5, 19), "end": soon(5, 21), "capacity": capacity})
}

async fn rsvp(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    let response = app
        .api
        .put(app.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn two_hundred_concurrent_going_rsvps_never_oversell(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, key) = event(&planner, outing(20)).await;
    let mut clients = Vec::new();
    for i in 0..200 {
        clients.push(app.client_with_token(&format!("Client{i} Q.")).await);
    }
    let tasks: Vec<_> = clients
        .iter()
        .map(|(person, token)| {
            let client = app.api.clone();
            let url = app.url(&format!(
                "/api/v1/events/{id}/occurrences/{key}/rsvps/{person}"
            ));
            let token = token.clone();
            tokio::spawn(async move {
                let response = client
                    .put(url)
                    .bearer_auth(token)
                    .json(&json!({"response": "going"}))
                    .send()
                    .await
                    .unwrap();
                let status = response.status().as_u16();
                let body: Value = response.json().await.unwrap();
                (status, body)
            })
        })
        .collect();
    let mut going = 0;
    let mut positions = Vec::new();
    for task in tasks {
        let (status, body) = task.await.unwrap();
        assert_eq!(status, 200, "{body}");
        match body["state"].as_str().unwrap() {
            "going" => going += 1,
            "waitlisted" => positions.push(body["position"].as_i64().unwrap()),
            other => panic!("unexpected state {other}"),
        }
    }
    assert_eq!(going, 20);
    assert_eq!(positions.len(), 180);

    let (status, roster) = planner
        .get(&format!("/api/v1/events/{id}/occurrences/{key}/rsvps"))
        .await;
    assert_eq!(status, 200);
    let rows = roster["rsvps"].as_array().unwrap();
    let state_of = |row: &Value| row["state"].as_str().unwrap().to_owned();
    assert_eq!(rows.iter().filter(|r| state_of(r) == "going").count(), 20);
    let waitlist: Vec<(i64, i64)> = rows
        .iter()
        .filter(|r| state_of(r) == "waitlisted")
        .map(|r| {
            (
                r["person_id"].as_i64().unwrap(),
                r["position"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        waitlist.iter().map(|(_, p)| *p).collect::<Vec<_>>(),
        (1..=180).collect::<Vec<_>>(),
        "one consistent order"
    );

    // Five going people cancel: exactly the first five waiting move up.
    let cancelling: Vec<i64> = rows
        .iter()
        .filter(|r| state_of(r) == "going")
        .take(5)
        .map(|r| r["person_id"].as_i64().unwrap())
        .collect();
    for person in &cancelling {
        let token = &clients.iter().find(|(p, _)| p == person).unwrap().1;
        let response = app
            .api
            .delete(app.url(&format!(
                "/api/v1/events/{id}/occurrences/{key}/rsvps/{person}"
            )))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 204);
    }
    let (_, roster) = planner
        .get(&format!("/api/v1/events/{id}/occurrences/{key}/rsvps"))
        .await;
    let rows = roster["rsvps"].as_array().unwrap();
    let going_now: Vec<i64> = rows
        .iter()
        .filter(|r| state_of(r) == "going")
        .map(|r| r["person_id"].as_i64().unwrap())
        .collect();
    assert_eq!(going_now.len(), 20);
    for (person, _) in &waitlist[..5] {
        assert!(
            going_now.contains(person),
            "the first five in line moved up"
        );
    }
    let still_waiting = rows.iter().filter(|r| state_of(r) == "waitlisted").count();
    assert_eq!(still_waiting, 175);
    let first_waiting = rows.iter().find(|r| state_of(r) == "waitlisted").unwrap();
    assert_eq!(first_waiting["person_id"].as_i64().unwrap(), waitlist[5].0);
    assert_eq!(first_waiting["position"], 1);
}

async fn guests_count_and_the_waitlist_moves_up_in_order(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, key) = event(
        &planner,
        json!({"kind": "holiday", "title": "Family dinner", "start": soon(6, 17), "end": soon(6, 19),
               "capacity": 5, "max_guests": 3}),
    )
    .await;
    let path = |p: i64| format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{p}");
    let (a, ta) = app.client_with_token("Ana A.").await;
    let (b, tb) = app.client_with_token("Ben B.").await;
    let (c, tc) = app.client_with_token("Cal C.").await;
    let (status, body) = rsvp(
        &app,
        &ta,
        &path(a),
        json!({"response": "going", "guests": 3}),
    )
    .await;
    assert_eq!(
        (status, body["state"].as_str()),
        (200, Some("going")),
        "four of five seats"
    );
    let (_, body) = rsvp(
        &app,
        &tb,
        &path(b),
        json!({"response": "going", "guests": 1}),
    )
    .await;
    assert_eq!(body["state"], "waitlisted", "two seats wanted, one free");
    assert_eq!(body["position"], 1);
    let (_, body) = rsvp(&app, &tc, &path(c), json!({"response": "going"})).await;
    assert_eq!(
        body["state"], "waitlisted",
        "Cal waits behind Ben, though one seat is free"
    );
    assert_eq!(body["position"], 2);

    // Ana brings one guest fewer: Ben (two seats) moves up; Cal still waits.
    let (_, body) = rsvp(
        &app,
        &ta,
        &path(a),
        json!({"response": "going", "guests": 2}),
    )
    .await;
    assert_eq!(body["state"], "going");
    let (_, list) = planner
        .get(&format!("/api/v1/events/{id}/occurrences/{key}/rsvps"))
        .await;
    let state = |p: i64| {
        list["rsvps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["person_id"] == p)
            .unwrap()["state"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        (state(a), state(b), state(c)),
        ("going".into(), "going".into(), "waitlisted".into())
    );

    // Raising the capacity moves Cal up.
    let (status, _) = planner
        .patch(&format!("/api/v1/events/{id}"), json!({"capacity": 6}))
        .await;
    assert_eq!(status, 200);
    let (_, list) = planner
        .get(&format!("/api/v1/events/{id}/occurrences/{key}/rsvps"))
        .await;
    let row = list["rsvps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["person_id"] == c)
        .unwrap()
        .clone();
    assert_eq!(row["state"], "going");
}

async fn bad_rsvps_are_refused_and_change_nothing(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (a, ta) = app.client_with_token("Dee D.").await;
    let (b, _) = app.client_with_token("Eve E.").await;

    // RSVPs closed 48 hours before a date 24 hours away.
    let (closed, closed_key) = event(
        &planner,
        json!({"kind": "outing", "title": "Late", "start": soon(1, 20), "end": soon(1, 22), "rsvp_closes_minutes": 2880}),
    )
    .await;
    let (status, body) = rsvp(
        &app,
        &ta,
        &format!("/api/v1/events/{closed}/occurrences/{closed_key}/rsvps/{a}"),
        json!({"response": "going"}),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("have closed")
    );

    let (id, key) = event(
        &planner,
        json!({"kind": "karaoke", "title": "Sing", "start": soon(4, 19), "end": soon(4, 21)}),
    )
    .await;
    let mine = format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{a}");
    let (status, body) = rsvp(&app, &ta, &mine, json!({"response": "going", "guests": 2})).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["field"], "guests");
    let (status, _) = rsvp(&app, &ta, &mine, json!({"response": "perhaps"})).await;
    assert_eq!(status, 422);
    let (status, body) = rsvp(
        &app,
        &ta,
        &format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{b}"),
        json!({"response": "going"}),
    )
    .await;
    assert_eq!(status, 403, "a client answers only for themselves: {body}");
    let (status, body) = rsvp(
        &app,
        &ta,
        &format!("/api/v1/events/{id}/occurrences/20300101T000000Z/rsvps/{a}"),
        json!({"response": "going"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("is not an occurrence")
    );

    planner
        .post(&format!("/api/v1/events/{id}/cancel"), json!({}))
        .await;
    let (status, body) = rsvp(&app, &ta, &mine, json!({"response": "going"})).await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cancelled")
    );

    for (event_id, key) in [(closed, closed_key), (id, key)] {
        let (_, list) = planner
            .get(&format!(
                "/api/v1/events/{event_id}/occurrences/{key}/rsvps"
            ))
            .await;
        assert!(
            list["rsvps"].as_array().unwrap().is_empty(),
            "nothing changed: {list}"
        );
    }
}

async fn staff_answer_for_clients_and_take_attendance(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let staff = app.token_for_role(app::domain::person::Role::Staff).await;
    let (client, _) = app.client_with_token("Finn F.").await;
    let (walk_in, _) = app.client_with_token("Gus G.").await;
    let (id, key) = event(
        &planner,
        json!({"kind": "recreation", "title": "Art", "start": in_hours(1), "end": in_hours(3)}),
    )
    .await;
    let (status, body) = rsvp(
        &app,
        &staff,
        &format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{client}"),
        json!({"response": "going"}),
    )
    .await;
    assert_eq!((status, body["state"].as_str()), (200, Some("going")));
    let attend = |person: i64, code: &str| {
        let app = &app;
        let staff = staff.clone();
        let body = json!({"person_id": person, "code": code});
        let url = app.url(&format!("/api/v1/events/{id}/occurrences/{key}/attendance"));
        async move {
            app.api
                .post(url)
                .bearer_auth(staff)
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(attend(client, "attended").await, 204);
    assert_eq!(
        attend(walk_in, "left_early").await,
        204,
        "walk-ins without an RSVP"
    );
    assert_eq!(attend(client, "dozed").await, 422);
    let response = app
        .api
        .get(app.url(&format!("/api/v1/events/{id}/occurrences/{key}/rsvps")))
        .bearer_auth(&staff)
        .send()
        .await
        .unwrap();
    let list: Value = response.json().await.unwrap();
    let rows = list["rsvps"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let finn = rows.iter().find(|r| r["person_id"] == client).unwrap();
    assert_eq!(finn["attendance"], "attended");
    assert!(
        finn["answered_by"].as_str().is_some(),
        "staff answered on Finn's behalf"
    );
    let gus = rows.iter().find(|r| r["person_id"] == walk_in).unwrap();
    assert!(gus["state"].is_null());
    assert_eq!(gus["attendance"], "left_early");

    // Roster views are audited.
    let facility = app::db::facilities::first(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let log = app::db::audit::recent(&app.state.db, facility.id, 10)
        .await
        .unwrap();
    assert!(log.iter().any(|e| e.action == "view roster"));
}

async fn discharge_releases_seats_and_the_retention_purge_leaves_counts(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, key) = event(&planner, outing(1)).await;
    let (past, past_key) = event(
        &planner,
        json!({"kind": "karaoke", "title": "Earlier", "start": in_hours(1), "end": in_hours(3)}),
    )
    .await;
    let (leaver, leaver_token) = app.client_with_token("Hal H.").await;
    let (waiting, waiting_token) = app.client_with_token("Ivy I.").await;
    let path = |p: i64| format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{p}");
    rsvp(
        &app,
        &leaver_token,
        &path(leaver),
        json!({"response": "going"}),
    )
    .await;
    let (_, body) = rsvp(
        &app,
        &waiting_token,
        &path(waiting),
        json!({"response": "going"}),
    )
    .await;
    assert_eq!(body["state"], "waitlisted");
    let staff = app.token_for_role(app::domain::person::Role::Staff).await;
    let attended = app
        .api
        .post(app.url(&format!(
            "/api/v1/events/{past}/occurrences/{past_key}/attendance"
        )))
        .bearer_auth(&staff)
        .json(&json!({"person_id": leaver, "code": "attended"}))
        .send()
        .await
        .unwrap();
    assert_eq!(attended.status(), 204);

    let response = app
        .api
        .post(app.url(&format!("/api/v1/people/{leaver}/discharge")))
        .bearer_auth(&staff)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let person: Value = response.json().await.unwrap();
    assert_eq!(person["status"], "discharged");

    // Their seat went to the waitlist; their token no longer works.
    let (_, body) = rsvp(
        &app,
        &waiting_token,
        &path(waiting),
        json!({"response": "going"}),
    )
    .await;
    assert_eq!(body["state"], "going");
    let (status, _) = rsvp(
        &app,
        &leaver_token,
        &path(leaver),
        json!({"response": "going"}),
    )
    .await;
    assert_eq!(status, 401);

    // Readmission brings the account back (not the token).
    let readmitted = app
        .api
        .post(app.url(&format!("/api/v1/people/{leaver}/readmit")))
        .bearer_auth(&staff)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(readmitted.status(), 200);
    let again = app
        .api
        .post(app.url(&format!("/api/v1/people/{leaver}/discharge")))
        .bearer_auth(&staff)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 200);

    // After the retention window the name is gone, the count stays.
    let facility = app::db::facilities::first(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    app::db::facilities::set_policies(&app.state.db, facility.id, 0, 60, facility.default_lang)
        .await
        .unwrap();
    let (_, purged) = app::services::people::daily_lifecycle(&app.state)
        .await
        .unwrap();
    assert!(purged >= 1);
    let from = Utc::now() - Duration::days(30);
    let report = app::db::attendance::report(
        &app.state.db,
        facility.id,
        from,
        Utc::now() + Duration::days(30),
    )
    .await
    .unwrap();
    let line = report
        .iter()
        .find(|l| l.person_id == leaver)
        .expect("the count stays");
    assert!(line.purged);
    assert_eq!(line.display_name, "Former client");
    assert_eq!(line.count, 1);
    let (_, people) = planner.get("/api/v1/people").await;
    assert!(
        !people.to_string().contains("Hal H."),
        "the name is gone: {people}"
    );
}
