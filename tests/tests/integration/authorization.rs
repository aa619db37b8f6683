//! The authorization matrix: every route of the JSON API and every page,
//! for each kind of visitor — anonymous, client, staff, recreation staff,
//! admin, and a discharged client.

use app::domain::person::Role;
use chrono::{Duration, SecondsFormat, Utc};
use reqwest::Method;
use serde_json::{Value, json};
use tests::{PASSWORD, TestApp, on_both_backends};

on_both_backends!(
    every_api_route_answers_each_role_as_the_table_says,
    every_page_answers_each_role_as_the_table_says
);

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    Client,
    Staff,
    Planner,
    Admin,
    Discharged,
}

const EVERYONE: [Who; 6] = [
    Who::Anonymous,
    Who::Client,
    Who::Staff,
    Who::Planner,
    Who::Admin,
    Who::Discharged,
];

fn at(hours: i64) -> String {
    (Utc::now() + Duration::hours(hours)).to_rfc3339_opts(SecondsFormat::Secs, true)
}

struct World {
    tokens: Vec<(Who, Option<String>)>,
    client_id: i64,
    event: i64,
    key: String,
    soon_event: i64,
    soon_key: String,
    series: i64,
    series_keys: Vec<String>,
    cancel_event: i64,
    /// An on-site 12-step meeting with an outside panel, and another whose
    /// panel each planner removes.
    meeting: i64,
    meeting_to_clear: i64,
    targets: Vec<i64>,
    discharged_targets: Vec<i64>,
    /// The matrix client's songs at the karaoke series' first date: one
    /// for staff actions, one to withdraw.
    songs: (i64, i64),
    /// A potluck the client is going to, with one slot per visitor to
    /// change, delete and claim, and one claim of the client's per visitor
    /// to withdraw.
    potluck: i64,
    potluck_key: String,
    slots: Vec<i64>,
    claim_slots: Vec<i64>,
    claims: Vec<i64>,
}

/// A potluck for the sign-up routes: (id, key, slots, claim slots, the
/// client's claims).
async fn potluck(
    app: &TestApp,
    planner: &str,
    client: (i64, &str),
) -> (i64, String, Vec<i64>, Vec<i64>, Vec<i64>) {
    let send = |method: Method, path: String, token: String, body: Value| async move {
        let response = app
            .api
            .request(method, app.url(&path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let value: Value = response.json().await.unwrap();
        assert!(status < 300, "{path}: {value}");
        value
    };
    let event = send(
        Method::POST,
        "/api/v1/events".into(),
        planner.to_owned(),
        json!({"kind": "potluck", "title": "Matrix potluck", "start": at(80), "end": at(82)}),
    )
    .await;
    let id = event["id"].as_i64().unwrap();
    let list = send(
        Method::GET,
        format!("/api/v1/occurrences?from={}&to={}", at(70), at(90)),
        planner.to_owned(),
        json!({}),
    )
    .await;
    let key = list["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["event_id"] == id)
        .map(|o| o["key"].as_str().unwrap().to_owned())
        .unwrap();
    send(
        Method::PUT,
        format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{}", client.0),
        client.1.to_owned(),
        json!({"response": "going"}),
    )
    .await;
    let mut slots = Vec::new();
    let mut claim_slots = Vec::new();
    let mut claims = Vec::new();
    for _ in 0..EVERYONE.len() {
        for list in [&mut slots, &mut claim_slots] {
            let slot = send(
                Method::POST,
                format!("/api/v1/events/{id}/occurrences/{key}/slots"),
                planner.to_owned(),
                json!({"category": "side", "quantity": 3}),
            )
            .await;
            list.push(slot["id"].as_i64().unwrap());
        }
        let claim = send(
            Method::POST,
            format!(
                "/api/v1/events/{id}/occurrences/{key}/slots/{}/claims",
                slots.last().unwrap()
            ),
            client.1.to_owned(),
            json!({"dish": "Salad"}),
        )
        .await;
        claims.push(claim["id"].as_i64().unwrap());
    }
    (id, key, slots, claim_slots, claims)
}

async fn world(app: &TestApp) -> World {
    let planner = app.token_for_role(Role::RecreationStaff).await;
    let post = |body: Value| {
        let planner = planner.clone();
        async move {
            let response = app
                .api
                .post(app.url("/api/v1/events"))
                .bearer_auth(planner)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 201);
            let event: Value = response.json().await.unwrap();
            event["id"].as_i64().unwrap()
        }
    };
    let event = post(json!({"kind": "outing", "title": "Matrix outing", "start": at(72), "end": at(74), "capacity": 50, "venue": "off_site"})).await;
    let soon_event =
        post(json!({"kind": "recreation", "title": "Matrix soon", "start": at(1), "end": at(2)}))
            .await;
    let series = post(
        json!({"kind": "karaoke", "title": "Matrix series", "start": at(48), "end": at(50),
                              "rrule": "FREQ=WEEKLY;COUNT=10"}),
    )
    .await;
    let cancel_event =
        post(json!({"kind": "other", "title": "Matrix cancel", "start": at(96), "end": at(97)}))
            .await;
    let meeting_body = json!({"kind": "twelve_step", "fellowship": "na", "venue": "on_site",
        "meeting_types": ["O", "D"], "title": "Matrix meeting", "start": at(30), "end": at(31)});
    let meeting = post(meeting_body.clone()).await;
    let meeting_to_clear = post(meeting_body).await;
    for id in [meeting, meeting_to_clear] {
        let response = app
            .api
            .put(app.url(&format!("/api/v1/events/{id}/panel")))
            .bearer_auth(&planner)
            .json(&json!({"group": "Matrix Group of NA", "members": ["Dana"], "contact_phone": "555 010 0199"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }
    let occurrences: Value = app
        .api
        .get(app.url(&format!(
            "/api/v1/occurrences?from={}&to={}",
            at(-1),
            at(24 * 80)
        )))
        .bearer_auth(&planner)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let keys_of = |id: i64| -> Vec<String> {
        occurrences["occurrences"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["event_id"] == id)
            .map(|o| o["key"].as_str().unwrap().to_owned())
            .collect()
    };
    let (client_id, client_token) = app.client_with_token("Mat C.").await;
    let (_, discharged_token) = app.client_with_token("Dis C.").await;
    let discharged_id: i64 = {
        let me: Value = app
            .api
            .get(app.url("/api/v1/me"))
            .bearer_auth(&discharged_token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        me["id"].as_i64().unwrap()
    };
    let mut targets = Vec::new();
    let mut discharged_targets = Vec::new();
    for i in 0..3 {
        targets.push(app.client_with_token(&format!("Tar{i} T.")).await.0);
        discharged_targets.push(app.client_with_token(&format!("Red{i} R.")).await.0);
    }
    let (potluck, potluck_key, slots, claim_slots, claims) =
        potluck(app, &planner, (client_id, &client_token)).await;
    let staff = app.token_for_role(Role::Staff).await;
    for id in std::iter::once(discharged_id).chain(discharged_targets.iter().copied()) {
        let response = app
            .api
            .post(app.url(&format!("/api/v1/people/{id}/discharge")))
            .bearer_auth(&staff)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }
    // The matrix client goes to the first karaoke night and queues two songs.
    let karaoke_key = keys_of(series)[0].clone();
    let mut songs = Vec::new();
    let response = app
        .api
        .put(app.url(&format!(
            "/api/v1/events/{series}/occurrences/{karaoke_key}/rsvps/{client_id}"
        )))
        .bearer_auth(&client_token)
        .json(&json!({"response": "going"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    for title in ["Matrix one", "Matrix two"] {
        let response = app
            .api
            .post(app.url(&format!(
                "/api/v1/events/{series}/occurrences/{karaoke_key}/songs"
            )))
            .bearer_auth(&client_token)
            .json(&json!({"title": title, "artist": "A"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201);
        let body: Value = response.json().await.unwrap();
        songs.push(body["id"].as_i64().unwrap());
    }
    World {
        tokens: vec![
            (Who::Anonymous, None),
            (Who::Client, Some(client_token)),
            (Who::Staff, Some(staff)),
            (Who::Planner, Some(planner.clone())),
            (Who::Admin, Some(app.token_for_role(Role::Admin).await)),
            (Who::Discharged, Some(discharged_token)),
        ],
        client_id,
        event,
        key: keys_of(event)[0].clone(),
        soon_event,
        soon_key: keys_of(soon_event)[0].clone(),
        series,
        series_keys: keys_of(series),
        cancel_event,
        meeting,
        meeting_to_clear,
        targets,
        discharged_targets,
        songs: (songs[0], songs[1]),
        potluck,
        potluck_key,
        slots,
        claim_slots,
        claims,
    }
}

/// The expected status for each visitor, in the order of [`EVERYONE`].
type Row = [u16; 6];

async fn every_api_route_answers_each_role_as_the_table_says(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let w = world(&app).await;
    let (e, k) = (w.event, w.key.clone());
    // Planners and admins act on different occurrences (the planner's
    // split, done first, keeps the admin's keys in the original series).
    let patch_key = |who: Who, list: &[String]| match who {
        Who::Planner => list[1].clone(),
        Who::Admin => list[2].clone(),
        _ => list[3].clone(),
    };
    let split_key = |who: Who, list: &[String]| match who {
        Who::Planner => list[6].clone(),
        Who::Admin => list[4].clone(),
        _ => list[5].clone(),
    };
    let target = |who: Who, list: &[i64]| match who {
        Who::Staff => list[0],
        Who::Planner => list[1],
        _ => list[2],
    };
    let mut checked = 0;
    for (who, token) in &w.tokens {
        let who = *who;
        let column = EVERYONE.iter().position(|x| *x == who).unwrap();
        let name = format!("New{column} N.");
        let routes: Vec<(Method, String, Option<Value>, Row)> = vec![
            (
                Method::GET,
                "/api/v1/events".into(),
                None,
                [401, 200, 200, 200, 200, 401],
            ),
            (
                Method::POST,
                "/api/v1/events".into(),
                Some(json!({"kind": "other", "title": "x", "start": at(200), "end": at(201)})),
                [401, 403, 403, 201, 201, 401],
            ),
            (
                Method::GET,
                format!("/api/v1/events/{e}"),
                None,
                [401, 200, 200, 200, 200, 401],
            ),
            (
                Method::PATCH,
                format!("/api/v1/events/{e}"),
                Some(json!({"description": "edited"})),
                [401, 403, 403, 200, 200, 401],
            ),
            (
                Method::POST,
                format!("/api/v1/events/{}/cancel", w.cancel_event),
                None,
                [401, 403, 403, 200, 200, 401],
            ),
            (
                Method::GET,
                "/api/v1/occurrences".into(),
                None,
                [401, 200, 200, 200, 200, 401],
            ),
            (
                Method::GET,
                format!("/api/v1/events/{e}/occurrences/{k}"),
                None,
                [401, 200, 200, 200, 200, 401],
            ),
            (
                Method::PATCH,
                format!(
                    "/api/v1/events/{}/occurrences/{}",
                    w.series,
                    patch_key(who, &w.series_keys)
                ),
                Some(json!({"title": "changed"})),
                [401, 403, 403, 200, 200, 401],
            ),
            (
                Method::POST,
                format!(
                    "/api/v1/events/{}/occurrences/{}/split",
                    w.series,
                    split_key(who, &w.series_keys)
                ),
                Some(json!({"title": "later"})),
                [401, 403, 403, 201, 201, 401],
            ),
            (
                Method::GET,
                "/api/v1/people".into(),
                None,
                [401, 403, 200, 200, 200, 401],
            ),
            (
                Method::POST,
                "/api/v1/people".into(),
                Some(json!({"role": "client", "name": name})),
                [401, 403, 201, 201, 201, 401],
            ),
            (
                Method::POST,
                "/api/v1/people".into(),
                Some(
                    json!({"role": "staff", "name": "S", "email": format!("s{column}@example.org"), "password": "a long password"}),
                ),
                [401, 403, 403, 403, 201, 401],
            ),
            (
                Method::GET,
                "/api/v1/me".into(),
                None,
                [401, 200, 200, 200, 200, 401],
            ),
            (
                Method::POST,
                format!("/api/v1/people/{}/discharge", target(who, &w.targets)),
                None,
                [401, 403, 200, 200, 200, 401],
            ),
            (
                Method::POST,
                format!(
                    "/api/v1/people/{}/readmit",
                    target(who, &w.discharged_targets)
                ),
                Some(json!({})),
                [401, 403, 200, 200, 200, 401],
            ),
            (
                Method::GET,
                format!("/api/v1/events/{e}/occurrences/{k}/rsvps"),
                None,
                [401, 403, 200, 200, 200, 401],
            ),
            (
                Method::PUT,
                format!("/api/v1/events/{e}/occurrences/{k}/rsvps/{}", w.client_id),
                Some(json!({"response": "maybe"})),
                [401, 200, 200, 200, 200, 401],
            ),
            (
                Method::DELETE,
                format!("/api/v1/events/{e}/occurrences/{k}/rsvps/{}", w.client_id),
                None,
                [401, 204, 204, 204, 204, 401],
            ),
            (
                Method::POST,
                format!(
                    "/api/v1/events/{}/occurrences/{}/attendance",
                    w.soon_event, w.soon_key
                ),
                Some(json!({"person_id": w.client_id, "code": "attended"})),
                [401, 403, 204, 204, 204, 401],
            ),
            (
                Method::GET,
                format!("/api/v1/events/{e}/transport"),
                None,
                [401, 200, 200, 200, 200, 401],
            ),
            (
                Method::PUT,
                format!("/api/v1/events/{e}/transport"),
                Some(json!({"van_seats": 30, "pickup_point": "Porch"})),
                [401, 403, 403, 200, 200, 401],
            ),
            (
                Method::DELETE,
                format!("/api/v1/events/{e}/transport"),
                None,
                [401, 403, 403, 200, 200, 401],
            ),
            (
                Method::PUT,
                format!("/api/v1/events/{e}/rules"),
                Some(json!({"clients_per_staff": 10})),
                [401, 403, 403, 200, 200, 401],
            ),
            (
                Method::GET,
                format!("/api/v1/events/{e}/occurrences/{k}/manifest"),
                None,
                [401, 403, 200, 200, 200, 401],
            ),
            (
                Method::GET,
                format!("/api/v1/events/{}/panel", w.meeting),
                None,
                [401, 200, 200, 200, 200, 401],
            ),
            (
                Method::GET,
                format!("/api/v1/events/{}/panel/contact", w.meeting),
                None,
                [401, 403, 200, 200, 200, 401],
            ),
            (
                Method::PUT,
                format!("/api/v1/events/{}/panel", w.meeting),
                Some(json!({"group": "Matrix Group of NA", "members": ["Dana", "Li"]})),
                [401, 403, 403, 200, 200, 401],
            ),
            (
                Method::DELETE,
                format!("/api/v1/events/{}/panel", w.meeting_to_clear),
                None,
                [401, 403, 403, 204, 204, 401],
            ),
            (
                Method::POST,
                "/api/v1/imports/meeting-guide?fellowship=aa".into(),
                Some(json!([])),
                [401, 403, 403, 200, 200, 401],
            ),
            (
                Method::GET,
                format!(
                    "/api/v1/events/{}/occurrences/{}/songs",
                    w.series, w.series_keys[0]
                ),
                None,
                [401, 200, 200, 200, 200, 401],
            ),
            (
                Method::POST,
                format!(
                    "/api/v1/events/{}/occurrences/{}/songs",
                    w.series, w.series_keys[0]
                ),
                Some(json!({"title": "Matrix three", "artist": "A"})),
                // The matrix client is going; staff are not.
                [401, 201, 409, 409, 409, 401],
            ),
            (
                Method::POST,
                format!(
                    "/api/v1/events/{}/occurrences/{}/songs/{}/down",
                    w.series, w.series_keys[0], w.songs.0
                ),
                None,
                [401, 403, 200, 200, 200, 401],
            ),
            (
                Method::DELETE,
                format!(
                    "/api/v1/events/{}/occurrences/{}/songs/{}",
                    w.series, w.series_keys[0], w.songs.1
                ),
                None,
                [401, 204, 404, 404, 404, 401],
            ),
            (
                Method::GET,
                format!(
                    "/api/v1/events/{}/occurrences/{}/slots",
                    w.potluck, w.potluck_key
                ),
                None,
                [401, 200, 200, 200, 200, 401],
            ),
            (
                Method::POST,
                format!(
                    "/api/v1/events/{}/occurrences/{}/slots",
                    w.potluck, w.potluck_key
                ),
                Some(json!({"category": "dessert"})),
                [401, 403, 403, 201, 201, 401],
            ),
            (
                Method::PUT,
                format!(
                    "/api/v1/events/{}/occurrences/{}/slots/{}",
                    w.potluck, w.potluck_key, w.slots[column]
                ),
                Some(json!({"category": "main", "quantity": 4})),
                [401, 403, 403, 200, 200, 401],
            ),
            (
                Method::POST,
                format!(
                    "/api/v1/events/{}/occurrences/{}/slots/{}/claims",
                    w.potluck, w.potluck_key, w.claim_slots[column]
                ),
                Some(json!({"dish": "Bread", "person_id": w.client_id})),
                [401, 201, 201, 201, 201, 401],
            ),
            (
                Method::DELETE,
                format!(
                    "/api/v1/events/{}/occurrences/{}/claims/{}",
                    w.potluck, w.potluck_key, w.claims[column]
                ),
                None,
                [401, 204, 204, 204, 204, 401],
            ),
            (
                Method::DELETE,
                format!(
                    "/api/v1/events/{}/occurrences/{}/slots/{}",
                    w.potluck, w.potluck_key, w.slots[column]
                ),
                None,
                [401, 403, 403, 200, 200, 401],
            ),
            (
                Method::GET,
                "/api/v1/openapi.json".into(),
                None,
                [200, 200, 200, 200, 200, 200],
            ),
        ];
        for (method, path, body, expected) in routes {
            let mut request = app.api.request(method.clone(), app.url(&path));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            if let Some(body) = body {
                request = request.json(&body);
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let text = response.text().await.unwrap();
            assert_eq!(status, expected[column], "{who:?} {method} {path}: {text}");
            if status >= 400 {
                let error: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
                assert!(
                    error["error"]["code"].is_string(),
                    "{who:?} {method} {path}: errors are JSON"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 40 * 6);
}

async fn every_page_answers_each_role_as_the_table_says(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let w = world(&app).await;
    let (e, k) = (w.event, w.key.clone());
    let accounts = [
        (Who::Client, app.add_person(Role::Client, "Pag C.").await),
        (Who::Staff, app.add_person(Role::Staff, "Page Staff").await),
        (
            Who::Planner,
            app.add_person(Role::RecreationStaff, "Page Planner").await,
        ),
        (Who::Admin, app.add_person(Role::Admin, "Page Admin").await),
    ];
    let pages: Vec<(String, Row)> = vec![
        ("/".into(), [200, 200, 200, 200, 200, 200]),
        ("/calendar".into(), [302, 200, 200, 200, 200, 302]),
        ("/calendar/print".into(), [302, 200, 200, 200, 200, 302]),
        (format!("/events/{e}"), [302, 200, 200, 200, 200, 302]),
        (
            format!("/events/{}", w.meeting),
            [302, 200, 200, 200, 200, 302],
        ),
        ("/events/import".into(), [302, 403, 403, 200, 200, 302]),
        (
            format!("/events/{e}/occurrences/{k}"),
            [302, 200, 200, 200, 200, 302],
        ),
        (
            format!("/events/{e}/occurrences/{k}/roster"),
            [302, 403, 200, 200, 200, 302],
        ),
        (
            format!(
                "/events/{}/occurrences/{}/signups",
                w.potluck, w.potluck_key
            ),
            [302, 403, 200, 200, 200, 302],
        ),
        (
            format!("/events/{e}/occurrences/{k}/manifest"),
            [302, 403, 200, 200, 200, 302],
        ),
        (
            format!(
                "/events/{}/occurrences/{}/karaoke",
                w.series, w.series_keys[0]
            ),
            [302, 200, 200, 200, 200, 302],
        ),
        ("/events/new".into(), [302, 403, 403, 200, 200, 302]),
        (format!("/events/{e}/edit"), [302, 403, 403, 200, 200, 302]),
        (
            format!("/events/{e}/occurrences/{k}/edit"),
            [302, 403, 403, 200, 200, 302],
        ),
        ("/templates".into(), [302, 403, 403, 200, 200, 302]),
        ("/me".into(), [302, 200, 200, 200, 200, 302]),
        ("/people".into(), [302, 403, 200, 200, 200, 302]),
        ("/people/new".into(), [302, 403, 200, 200, 200, 302]),
        (
            format!("/people/{}", w.client_id),
            [302, 403, 200, 200, 200, 302],
        ),
        ("/reports".into(), [302, 403, 403, 200, 200, 302]),
        (
            "/reports/participation.csv".into(),
            [401, 403, 403, 200, 200, 401],
        ),
        ("/settings".into(), [302, 403, 403, 403, 200, 302]),
        ("/audit".into(), [302, 403, 403, 403, 200, 302]),
        ("/today".into(), [302, 200, 200, 200, 200, 302]),
        ("/kiosk".into(), [200, 200, 200, 200, 200, 200]),
        ("/sign-in".into(), [200, 200, 200, 200, 200, 200]),
    ];
    for who in EVERYONE {
        let column = EVERYONE.iter().position(|x| *x == who).unwrap();
        let session = TestApp::browser_for(&app);
        if let Some((_, email)) = accounts.iter().find(|(w, _)| *w == who) {
            let response = app.sign_in_with(&session, email, PASSWORD).await;
            assert_eq!(response.status(), 303, "{who:?} signs in");
        }
        for (path, expected) in &pages {
            let response = session.get(app.url(path)).send().await.unwrap();
            assert_eq!(
                response.status().as_u16(),
                expected[column],
                "{who:?} GET {path}"
            );
        }
    }
}
