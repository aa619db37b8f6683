//! The karaoke song queue over HTTP: who may add, the limit, staff running
//! the night, release when an RSVP stops being "going", concurrency, and
//! what other clients (and feeds) see of a singer's name.

use app::domain::person::Role;
use chrono::{Duration, SecondsFormat, Utc};
use serde_json::{Value, json};
use tests::{PASSWORD, TestApp, on_both_backends, unique};

use crate::api_events::{Api, api};

on_both_backends!(
    only_people_who_are_going_add_songs_and_each_may_queue_three,
    staff_run_the_night_and_clients_cannot,
    songs_leave_the_queue_when_the_rsvp_is_cancelled_or_the_singer_discharged,
    concurrent_adds_keep_distinct_positions,
    other_clients_see_only_first_name_and_initial_and_feeds_nothing,
);

fn at(hours: i64) -> String {
    (Utc::now() + Duration::hours(hours)).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A karaoke night (or another kind) in two days; returns (id, key).
async fn night(planner: &Api<'_>, kind: &str) -> (i64, String) {
    let (status, event) = planner
        .post(
            "/api/v1/events",
            json!({"kind": kind, "title": "Friday karaoke", "start": at(48), "end": at(51)}),
        )
        .await;
    assert_eq!(status, 201, "{event}");
    let id = event["id"].as_i64().unwrap();
    let (_, list) = planner
        .get(&format!(
            "/api/v1/occurrences?from={}&to={}",
            at(0),
            at(24 * 5)
        ))
        .await;
    let key = list["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["event_id"] == id)
        .map(|o| o["key"].as_str().unwrap().to_owned())
        .unwrap();
    (id, key)
}

fn as_client<'a>(app: &'a TestApp, token: &str) -> Api<'a> {
    Api {
        app,
        token: token.to_owned(),
    }
}

async fn answer(api: &Api<'_>, id: i64, key: &str, person: i64, response: &str) {
    let (status, body) = api
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{person}"),
            Some(json!({"response": response})),
        )
        .await;
    assert_eq!(status, 200, "{body}");
}

async fn add(api: &Api<'_>, id: i64, key: &str, body: Value) -> (u16, Value) {
    api.post(
        &format!("/api/v1/events/{id}/occurrences/{key}/songs"),
        body,
    )
    .await
}

async fn queue(api: &Api<'_>, id: i64, key: &str) -> Value {
    let (status, body) = api
        .get(&format!("/api/v1/events/{id}/occurrences/{key}/songs"))
        .await;
    assert_eq!(status, 200, "{body}");
    body
}

fn titles(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap().to_owned())
        .collect()
}

async fn act(api: &Api<'_>, id: i64, key: &str, song: i64, action: &str) -> (u16, Value) {
    api.post(
        &format!("/api/v1/events/{id}/occurrences/{key}/songs/{song}/{action}"),
        json!({}),
    )
    .await
}

async fn only_people_who_are_going_add_songs_and_each_may_queue_three(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, key) = night(&planner, "karaoke").await;
    let (ana, ana_token) = app.client_with_token("Ana K.").await;
    let ana_api = as_client(&app, &ana_token);
    let song = |title: &str| json!({"title": title, "artist": "ABBA"});

    let (status, body) = add(&ana_api, id, &key, song("Waterloo")).await;
    assert_eq!(status, 409, "not going yet: {body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("going"));
    answer(&ana_api, id, &key, ana, "maybe").await;
    assert_eq!(
        add(&ana_api, id, &key, song("Waterloo")).await.0,
        409,
        "maybe is not going"
    );
    answer(&ana_api, id, &key, ana, "going").await;

    for (body, field) in [
        (json!({"title": " ", "artist": "ABBA"}), "title"),
        (json!({"title": "x".repeat(121), "artist": "ABBA"}), "title"),
        (json!({"title": "Waterloo", "artist": ""}), "artist"),
    ] {
        let (status, error) = add(&ana_api, id, &key, body).await;
        assert_eq!(status, 422, "{error}");
        assert_eq!(error["error"]["field"], field);
    }
    let (status, error) = add(&ana_api, id, &key, json!({"title": "x"})).await;
    assert_eq!(status, 422, "missing artist: {error}");

    for title in ["Waterloo", "SOS", "Fernando"] {
        let (status, body) = add(&ana_api, id, &key, song(title)).await;
        assert_eq!(status, 201, "{body}");
    }
    let (status, body) = add(&ana_api, id, &key, song("Mamma Mia")).await;
    assert_eq!(status, 409, "a fourth waiting song: {body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Up to 3")
    );

    // A client cannot add for someone else; staff can, for someone going.
    let (ben, ben_token) = app.client_with_token("Ben L.").await;
    let (status, _) = add(
        &ana_api,
        id,
        &key,
        json!({"title": "Hello", "artist": "Adele", "person_id": ben}),
    )
    .await;
    assert_eq!(status, 403);
    let staff = as_client(&app, &app.token_for_role(Role::Staff).await);
    let for_ben = json!({"title": "Hello", "artist": "Adele", "person_id": ben});
    assert_eq!(
        add(&staff, id, &key, for_ben.clone()).await.0,
        409,
        "Ben is not going"
    );
    answer(&as_client(&app, &ben_token), id, &key, ben, "going").await;
    let (status, body) = add(&staff, id, &key, for_ben).await;
    assert_eq!(status, 201, "{body}");

    let list = queue(&ana_api, id, &key).await;
    assert_eq!(
        titles(&list["queued"]),
        ["Waterloo", "SOS", "Fernando", "Hello"]
    );
    let positions: Vec<i64> = list["queued"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["position"].as_i64().unwrap())
        .collect();
    assert_eq!(positions, [1, 2, 3, 4]);
    assert_eq!(list["queued"][0]["mine"], true);
    assert_eq!(list["queued"][3]["mine"], false);
    assert!(
        list["queued"][0]["person_id"].is_null(),
        "clients get no ids"
    );
    assert_eq!(list["can_add"], true);
    assert_eq!(list["can_run"], false);

    // Ana withdraws her own song, not Ben's.
    let ben_song = list["queued"][3]["id"].as_i64().unwrap();
    let sos = list["queued"][1]["id"].as_i64().unwrap();
    let path = |song: i64| format!("/api/v1/events/{id}/occurrences/{key}/songs/{song}");
    let (status, _) = ana_api
        .send(reqwest::Method::DELETE, &path(ben_song), None)
        .await;
    assert_eq!(status, 403);
    let response = app
        .api
        .delete(app.url(&path(sos)))
        .bearer_auth(&ana_token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    let list = queue(&ana_api, id, &key).await;
    assert_eq!(titles(&list["queued"]), ["Waterloo", "Fernando", "Hello"]);
    assert_eq!(
        add(&ana_api, id, &key, song("Mamma Mia")).await.0,
        201,
        "room again"
    );

    // Other kinds of events have no queue.
    let (outing, outing_key) = night(&planner, "outing").await;
    let (status, body) = planner
        .get(&format!(
            "/api/v1/events/{outing}/occurrences/{outing_key}/songs"
        ))
        .await;
    assert_eq!(status, 404, "{body}");
}

async fn staff_run_the_night_and_clients_cannot(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, key) = night(&planner, "karaoke").await;
    let mut songs = Vec::new();
    let mut client_api = None;
    for (i, name) in ["Ana K.", "Ben L.", "Cy M.", "Dee N."]
        .into_iter()
        .enumerate()
    {
        let (person, token) = app.client_with_token(name).await;
        let client = as_client(&app, &token);
        answer(&client, id, &key, person, "going").await;
        let (status, body) = add(
            &client,
            id,
            &key,
            json!({"title": format!("Song {i}"), "artist": "Band"}),
        )
        .await;
        assert_eq!(status, 201, "{body}");
        songs.push(body["id"].as_i64().unwrap());
        client_api = Some(client);
    }
    let client = client_api.unwrap();
    for action in ["start", "sung", "skip", "up", "down", "requeue"] {
        let (status, body) = act(&client, id, &key, songs[1], action).await;
        assert_eq!(status, 403, "a client may not {action}: {body}");
    }
    let staff = as_client(&app, &app.token_for_role(Role::Staff).await);

    let (status, q) = act(&staff, id, &key, songs[2], "up").await;
    assert_eq!(status, 200, "{q}");
    assert_eq!(
        titles(&q["queued"]),
        ["Song 0", "Song 2", "Song 1", "Song 3"]
    );
    assert_eq!(q["queued"][0]["performer"], "Ana K.");
    assert!(q["queued"][0]["person_id"].is_i64(), "staff get ids");
    let (_, q) = act(&staff, id, &key, songs[0], "down").await;
    assert_eq!(
        titles(&q["queued"]),
        ["Song 2", "Song 0", "Song 1", "Song 3"]
    );
    let (status, q) = staff
        .post(
            &format!(
                "/api/v1/events/{id}/occurrences/{key}/songs/{}/move",
                songs[3]
            ),
            json!({"position": 1}),
        )
        .await;
    assert_eq!(status, 200, "{q}");
    assert_eq!(
        titles(&q["queued"]),
        ["Song 3", "Song 2", "Song 0", "Song 1"]
    );

    // Start, sung (the next starts), skip (the next starts), requeue.
    let (_, q) = act(&staff, id, &key, songs[3], "start").await;
    assert_eq!(q["now_singing"]["title"], "Song 3");
    assert_eq!(titles(&q["queued"]), ["Song 2", "Song 0", "Song 1"]);
    let (status, body) = act(&staff, id, &key, songs[2], "sung").await;
    assert_eq!(status, 409, "only the current song is sung: {body}");
    let (_, q) = act(&staff, id, &key, songs[3], "sung").await;
    assert_eq!(q["now_singing"]["title"], "Song 2");
    assert_eq!(q["done"][0]["state"], "sung");
    let (_, q) = act(&staff, id, &key, songs[2], "skip").await;
    assert_eq!(q["now_singing"]["title"], "Song 0");
    assert_eq!(titles(&q["queued"]), ["Song 1"]);
    assert_eq!(
        titles(&q["done"]),
        ["Song 2", "Song 3"],
        "most recent first"
    );
    // Starting another song sends the current one back to the front.
    let (_, q) = act(&staff, id, &key, songs[1], "start").await;
    assert_eq!(q["now_singing"]["title"], "Song 1");
    assert_eq!(titles(&q["queued"]), ["Song 0"]);
    let (_, q) = act(&staff, id, &key, songs[2], "requeue").await;
    assert_eq!(titles(&q["queued"]), ["Song 0", "Song 2"]);
    assert_eq!(
        act(&staff, id, &key, songs[3], "requeue").await.0,
        409,
        "sung stays sung"
    );

    // Bad input: 4xx with a JSON body.
    let (status, body) = act(&staff, id, &key, songs[0], "dance").await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (422, Some("action"))
    );
    let (status, body) = act(&staff, id, &key, songs[0], "move").await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (422, Some("position"))
    );
    let response = app
        .api
        .post(app.url(&format!(
            "/api/v1/events/{id}/occurrences/{key}/songs/{}/up",
            songs[0]
        )))
        .bearer_auth(&staff.token)
        .body("{nope")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "bad_request");
    assert_eq!(act(&staff, id, &key, 999_999, "start").await.0, 404);

    // Staff actions are audited by id, never by name.
    let facility = app::db::facilities::first(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let entries = app::db::audit::recent(&app.state.db, facility.id, 100)
        .await
        .unwrap();
    let queue_actions: Vec<_> = entries
        .iter()
        .filter(|e| e.action.starts_with("karaoke queue"))
        .collect();
    assert_eq!(queue_actions.len(), 8, "{queue_actions:?}");
    for entry in &entries {
        for name in ["Ana", "Ben", "Cy M", "Dee"] {
            assert!(!entry.subject.contains(name) && !entry.action.contains(name));
        }
    }
}

async fn songs_leave_the_queue_when_the_rsvp_is_cancelled_or_the_singer_discharged(
    backend: tests::Backend,
) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, key) = night(&planner, "karaoke").await;
    let (ana, ana_token) = app.client_with_token("Ana K.").await;
    let (ben, ben_token) = app.client_with_token("Ben L.").await;
    let (cy, cy_token) = app.client_with_token("Cy M.").await;
    for (person, token) in [(ana, &ana_token), (ben, &ben_token), (cy, &cy_token)] {
        let client = as_client(&app, token);
        answer(&client, id, &key, person, "going").await;
        for n in 0..2 {
            let (status, body) = add(
                &client,
                id,
                &key,
                json!({"title": format!("{person}-{n}"), "artist": "A"}),
            )
            .await;
            assert_eq!(status, 201, "{body}");
        }
    }
    let staff = as_client(&app, &app.token_for_role(Role::Staff).await);
    let q = queue(&staff, id, &key).await;
    let first = q["queued"][0]["id"].as_i64().unwrap();
    let (_, q) = act(&staff, id, &key, first, "start").await;
    assert_eq!(q["now_singing"]["title"], format!("{ana}-0"));

    // Ana says "not going": her waiting song leaves; the one on stage stays.
    answer(&as_client(&app, &ana_token), id, &key, ana, "not_going").await;
    let q = queue(&staff, id, &key).await;
    assert_eq!(q["now_singing"]["title"], format!("{ana}-0"));
    assert_eq!(
        titles(&q["queued"]),
        [
            format!("{ben}-0"),
            format!("{ben}-1"),
            format!("{cy}-0"),
            format!("{cy}-1")
        ]
    );
    // Ben's RSVP is removed by staff: both his songs leave.
    let response = app
        .api
        .delete(app.url(&format!(
            "/api/v1/events/{id}/occurrences/{key}/rsvps/{ben}"
        )))
        .bearer_auth(&staff.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    // Cy is discharged: his future RSVPs go, and with them his songs.
    let response = app
        .api
        .post(app.url(&format!("/api/v1/people/{cy}/discharge")))
        .bearer_auth(&staff.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let q = queue(&staff, id, &key).await;
    assert!(q["queued"].as_array().unwrap().is_empty(), "{q}");
    assert_eq!(q["now_singing"]["title"], format!("{ana}-0"));
    // Ana comes back: she may add again, at the end of the line.
    let ana_api = as_client(&app, &ana_token);
    answer(&ana_api, id, &key, ana, "going").await;
    let (status, _) = add(&ana_api, id, &key, json!({"title": "again", "artist": "A"})).await;
    assert_eq!(status, 201);
    let q = queue(&staff, id, &key).await;
    assert_eq!(titles(&q["queued"]), ["again"]);
    assert_eq!(q["queued"][0]["position"], 1);
}

async fn concurrent_adds_keep_distinct_positions(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, key) = night(&planner, "karaoke").await;
    let mut singers = Vec::new();
    for i in 0..24 {
        let (person, token) = app.client_with_token(&format!("Singer{i} Q.")).await;
        answer(&as_client(&app, &token), id, &key, person, "going").await;
        singers.push(token);
    }
    let url = app.url(&format!("/api/v1/events/{id}/occurrences/{key}/songs"));
    let tasks: Vec<_> = singers
        .iter()
        .enumerate()
        .flat_map(|(i, token)| {
            // Each singer sends four at once: exactly three get in.
            (0..4).map(move |n| (i, n, token.clone()))
        })
        .map(|(i, n, token)| {
            let client = app.api.clone();
            let url = url.clone();
            tokio::spawn(async move {
                let response = client
                    .post(url)
                    .bearer_auth(token)
                    .json(&json!({"title": format!("s{i}-{n}"), "artist": "A"}))
                    .send()
                    .await
                    .unwrap();
                response.status().as_u16()
            })
        })
        .collect();
    let mut created = 0;
    for task in tasks {
        match task.await.unwrap() {
            201 => created += 1,
            409 => {}
            other => panic!("unexpected status {other}"),
        }
    }
    assert_eq!(created, 24 * 3);
    let q = queue(&planner, id, &key).await;
    let positions: Vec<i64> = q["queued"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["position"].as_i64().unwrap())
        .collect();
    assert_eq!(positions, (1..=72).collect::<Vec<i64>>());
    // Stored positions are distinct too (not only the numbering shown).
    let (_, songs) = app::db::karaoke::queue(
        &app.state.db,
        app::domain::event::EventId(id),
        app::domain::occurrence::OccurrenceKey::parse(&key).unwrap(),
    )
    .await
    .unwrap();
    let mut stored: Vec<i64> = songs.iter().map(|s| s.position).collect();
    stored.dedup();
    assert_eq!(stored.len(), 72);
}

async fn other_clients_see_only_first_name_and_initial_and_feeds_nothing(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, key) = night(&planner, "karaoke").await;
    // A staff singer with a unique full name, and a client with a unique
    // first name.
    let first = format!(
        "Priv{}",
        unique("").replace(|c: char| c.is_ascii_digit(), "q")
    );
    let last = format!(
        "Surn{}",
        unique("").replace(|c: char| c.is_ascii_digit(), "z")
    );
    let staff_email = app
        .add_person(Role::Staff, &format!("{first} {last}"))
        .await;
    let staff_token = app::services::auth::create_token(&app.state, &staff_email, "t")
        .await
        .unwrap();
    let staff_me = as_client(&app, &staff_token).get("/api/v1/me").await.1;
    let staff_id = staff_me["id"].as_i64().unwrap();
    let client_first = format!(
        "Cli{}",
        unique("").replace(|c: char| c.is_ascii_digit(), "x")
    );
    let (secret_client, secret_token) = app.client_with_token(&format!("{client_first} W.")).await;
    for (person, token) in [(staff_id, &staff_token), (secret_client, &secret_token)] {
        let singer = as_client(&app, token);
        answer(&singer, id, &key, person, "going").await;
        let (status, body) = add(
            &singer,
            id,
            &key,
            json!({"title": "Secret song", "artist": "A"}),
        )
        .await;
        assert_eq!(status, 201, "{body}");
    }

    // Another client, through the API, the page and the screen.
    let other_email = app.add_person(Role::Client, "Oth O.").await;
    let other_browser = app.browser_for();
    assert_eq!(
        app.sign_in_with(&other_browser, &other_email, PASSWORD)
            .await
            .status(),
        303
    );
    let other_token = app::services::auth::create_token(&app.state, &other_email, "t")
        .await
        .unwrap();
    let other_api = as_client(&app, &other_token);
    let other_id = other_api.get("/api/v1/me").await.1["id"].as_i64().unwrap();
    answer(&other_api, id, &key, other_id, "going").await;
    let api_view = queue(&other_api, id, &key).await.to_string();
    let page = other_browser
        .get(app.url(&format!("/events/{id}/occurrences/{key}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let screen = other_browser
        .get(app.url(&format!("/events/{id}/occurrences/{key}/karaoke")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let short = format!("{first} {}.", &last[..1]);
    for (what, text) in [("API", &api_view), ("page", &page), ("screen", &screen)] {
        assert!(
            text.contains(&short),
            "{what} shows the staff singer as {short}"
        );
        assert!(
            text.contains(&format!("{client_first} W.")),
            "{what} shows the client singer"
        );
        assert!(!text.contains(&last), "{what} never shows the last name");
    }
    assert!(
        page.contains("first name and last initial"),
        "the form says what is shown"
    );
    // Staff see the full name on the page; the screen shortens it for the room.
    let staff_browser = app.browser_for();
    assert_eq!(
        app.sign_in_with(&staff_browser, &staff_email, PASSWORD)
            .await
            .status(),
        303
    );
    let staff_page = staff_browser
        .get(app.url(&format!("/events/{id}/occurrences/{key}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(staff_page.contains(&format!("{first} {last}")));
    // (Another staff member's browser: a page carries its own viewer's name.)
    let colleague = app.add_person(Role::Staff, "Coll Eague").await;
    let colleague_browser = app.browser_for();
    assert_eq!(
        app.sign_in_with(&colleague_browser, &colleague, PASSWORD)
            .await
            .status(),
        303
    );
    let staff_screen = colleague_browser
        .get(app.url(&format!("/events/{id}/occurrences/{key}/karaoke")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!staff_screen.contains(&last), "the screen is for the room");
    assert!(staff_screen.contains("Secret song"));

    // No feed carries any of it.
    let feed_token = app::services::auth::random_secret();
    app::db::feeds::replace_token(
        &app.state.db,
        app::domain::person::PersonId(secret_client),
        &app::services::auth::hash_secret(&feed_token),
        app::domain::person::PersonId(secret_client),
        Utc::now(),
    )
    .await
    .unwrap();
    for path in [
        "/calendar.ics".to_owned(),
        "/calendar/karaoke.ics".to_owned(),
        format!("/events/{id}.ics"),
        format!("/feeds/{feed_token}.ics"),
    ] {
        let response = app.api.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let body = response.text().await.unwrap();
        assert!(body.contains("BEGIN:VCALENDAR"), "{path}");
        for secret in [&first, &last, &client_first, &"Secret song".to_owned()] {
            assert!(!body.contains(secret.as_str()), "{path} carries {secret}");
        }
    }
}
