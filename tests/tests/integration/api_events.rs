use serde_json::{Value, json};
use tests::{TestApp, on_both_backends};

on_both_backends!(
    a_staff_token_creates_reads_lists_edits_and_cancels_an_event,
    each_kind_of_invalid_input_gets_its_4xx_and_stores_nothing,
    without_a_token_the_api_answers_401,
    all_day_events_travel_as_dates,
    local_times_that_do_not_exist_or_happen_twice_are_handled,
    cancelled_events_cannot_be_edited,
);

pub struct Api<'a> {
    pub app: &'a TestApp,
    pub token: String,
}

impl Api<'_> {
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut request = self
            .app
            .api
            .request(method, self.app.url(path))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let text = response.text().await.expect("body");
        let value =
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON ({status}): {text}"));
        (status, value)
    }

    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.send(reqwest::Method::GET, path, None).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::PATCH, path, Some(body)).await
    }

    async fn count_in_december(&self) -> usize {
        let (status, body) = self
            .get("/api/v1/events?from=2026-12-01T00:00:00Z&to=2027-01-01T00:00:00Z")
            .await;
        assert_eq!(status, 200);
        body["events"].as_array().expect("events").len()
    }
}

pub async fn api(app: &TestApp) -> Api<'_> {
    Api {
        app,
        token: app.staff_token().await,
    }
}

fn karaoke() -> Value {
    json!({
        "kind": "karaoke",
        "title": "Friday karaoke night",
        "description": "Bring your voice",
        "location": "Common room",
        "start": "2026-12-04T19:00:00-05:00",
        "end": "2026-12-04T21:00:00-05:00"
    })
}

async fn a_staff_token_creates_reads_lists_edits_and_cancels_an_event(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let api = api(&app).await;

    let (status, created) = api.post("/api/v1/events", karaoke()).await;
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().expect("an id");
    assert_eq!(created["title"], "Friday karaoke night");
    assert_eq!(created["kind"], "karaoke");
    assert_eq!(created["timezone"], "America/New_York");
    assert_eq!(created["start"], "2026-12-04T19:00:00-05:00");
    assert_eq!(created["end"], "2026-12-04T21:00:00-05:00");
    assert_eq!(created["status"], "scheduled");
    assert_eq!(created["all_day"], false);

    let (status, read) = api.get(&format!("/api/v1/events/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(read["title"], created["title"]);
    assert_eq!(read["start"], created["start"]);

    let (_, inside) = api
        .get("/api/v1/events?from=2026-12-04T12:00:00Z&to=2026-12-05T00:30:00Z")
        .await;
    let ids: Vec<i64> = inside["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![id]);
    let (_, outside) = api
        .get("/api/v1/events?from=2026-12-05T03:00:00Z&to=2026-12-06T00:00:00Z")
        .await;
    assert_eq!(
        outside["events"].as_array().unwrap().len(),
        0,
        "ends 02:00Z, before the window"
    );

    let (status, edited) = api
        .patch(
            &format!("/api/v1/events/{id}"),
            json!({ "title": "Karaoke — holiday songs", "end": "2026-12-04T22:00:00-05:00" }),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(edited["title"], "Karaoke — holiday songs");
    assert_eq!(
        edited["start"], "2026-12-04T19:00:00-05:00",
        "unchanged fields stay"
    );
    assert_eq!(edited["end"], "2026-12-04T22:00:00-05:00");
    assert_eq!(edited["location"], "Common room");
    assert!(edited["sequence"].as_i64() > created["sequence"].as_i64());

    // Every field can be patched; a 12-step meeting never shows names.
    let (status, edited) = api
        .patch(
            &format!("/api/v1/events/{id}"),
            json!({ "max_guests": 2, "show_names": true }),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(
        (
            edited["max_guests"].as_i64(),
            edited["show_names"].as_bool()
        ),
        (Some(2), Some(true))
    );
    let (status, refused) = api
        .patch(
            &format!("/api/v1/events/{id}"),
            json!({ "kind": "twelve_step", "fellowship": "aa" }),
        )
        .await;
    assert_eq!(status, 422, "names shown at a 12-step meeting: {refused}");
    assert_eq!(refused["error"]["field"], "show_names");
    let (_, read) = api.get(&format!("/api/v1/events/{id}")).await;
    assert_eq!(read["kind"], "karaoke", "a refused patch changes nothing");

    let (status, cancelled) = api
        .post(&format!("/api/v1/events/{id}/cancel"), json!({}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(cancelled["status"], "cancelled");
    let (_, read) = api.get(&format!("/api/v1/events/{id}")).await;
    assert_eq!(read["status"], "cancelled");
    let (status, again) = api
        .post(&format!("/api/v1/events/{id}/cancel"), json!({}))
        .await;
    assert_eq!(
        (status, &again["sequence"]),
        (200, &cancelled["sequence"]),
        "cancelling twice changes nothing"
    );

    let (status, missing) = api.get("/api/v1/events/999999").await;
    assert_eq!(status, 404);
    assert_eq!(missing["error"]["code"], "not_found");
}

async fn each_kind_of_invalid_input_gets_its_4xx_and_stores_nothing(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let api = api(&app).await;
    let with = |changes: Value| {
        let mut body = karaoke();
        for (k, v) in changes.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let cases = [
        (
            "empty title",
            with(json!({"title": "  "})),
            422,
            "title",
            "Title is required.",
        ),
        (
            "title over 200 characters",
            with(json!({"title": "x".repeat(201)})),
            422,
            "title",
            "Title can be at most 200 characters (this one has 201).",
        ),
        (
            "end before start",
            with(json!({"end": "2026-12-04T18:00:00-05:00"})),
            422,
            "end",
            "The end must be after the start.",
        ),
        (
            "unknown kind",
            with(json!({"kind": "rave"})),
            422,
            "kind",
            "\"rave\" is not a kind of event",
        ),
        (
            "a date that does not exist",
            with(json!({"start": "2026-02-30T19:00:00-05:00"})),
            422,
            "start",
            "2026-02-30 is not a date on the calendar.",
        ),
        (
            "an all-day date that does not exist",
            with(json!({"all_day": true, "start_date": "2026-02-30"})),
            422,
            "start_date",
            "2026-02-30 is not a date on the calendar.",
        ),
        (
            "unknown time zone",
            with(json!({"timezone": "Mars/Olympus"})),
            422,
            "timezone",
            "is not a time zone",
        ),
        (
            "an unknown field",
            with(json!({"titel": "typo"})),
            422,
            "body",
            "unknown field `titel`",
        ),
        (
            "a wrong type",
            with(json!({"title": 5})),
            422,
            "body",
            "invalid type",
        ),
    ];
    for (what, body, status, field, message) in cases {
        let (got, error) = api.post("/api/v1/events", body).await;
        assert_eq!(got, status, "{what}: {error}");
        assert_eq!(error["error"]["code"], "validation", "{what}");
        assert_eq!(error["error"]["field"], field, "{what}: {error}");
        let text = error["error"]["message"].as_str().unwrap();
        assert!(text.contains(message), "{what}: {text}");
    }

    let malformed = app
        .api
        .post(app.url("/api/v1/events"))
        .bearer_auth(&api.token)
        .header("content-type", "application/json")
        .body("{\"kind\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), 400);
    let body: Value = malformed.json().await.unwrap();
    assert_eq!(body["error"]["code"], "bad_request");

    let (status, error) = api.get("/api/v1/events?from=yesterday").await;
    assert_eq!(status, 422);
    assert_eq!(error["error"]["field"], "from");
    let (status, _) = api
        .get("/api/v1/events?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z")
        .await;
    assert_eq!(status, 422);

    assert_eq!(api.count_in_december().await, 0, "nothing was stored");
}

async fn without_a_token_the_api_answers_401(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let api = api(&app).await;
    let (_, created) = api.post("/api/v1/events", karaoke()).await;
    let id = created["id"].as_i64().unwrap();
    let routes = [
        (reqwest::Method::GET, "/api/v1/events".to_owned()),
        (reqwest::Method::POST, "/api/v1/events".to_owned()),
        (reqwest::Method::GET, format!("/api/v1/events/{id}")),
        (reqwest::Method::PATCH, format!("/api/v1/events/{id}")),
        (reqwest::Method::POST, format!("/api/v1/events/{id}/cancel")),
    ];
    for (method, path) in routes {
        for token in [None, Some("hearth_not-a-real-token")] {
            let mut request = app
                .api
                .request(method.clone(), app.url(&path))
                .json(&karaoke());
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), 401, "{method} {path} with {token:?}");
            assert!(response.headers().contains_key("www-authenticate"));
            let body: Value = response.json().await.unwrap();
            assert_eq!(body["error"]["code"], "unauthorized");
        }
    }
    let (_, read) = api.get(&format!("/api/v1/events/{id}")).await;
    assert_eq!(
        read["status"], "scheduled",
        "the refused cancel did nothing"
    );
    assert_eq!(
        read["sequence"], created["sequence"],
        "the refused patch did nothing"
    );
}

async fn all_day_events_travel_as_dates(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let api = api(&app).await;
    let (status, holiday) = api
        .post(
            "/api/v1/events",
            json!({
                "kind": "holiday",
                "title": "Christmas",
                "all_day": true,
                "start_date": "2026-12-24",
                "end_date": "2026-12-25"
            }),
        )
        .await;
    assert_eq!(status, 201, "{holiday}");
    assert_eq!(holiday["all_day"], true);
    assert_eq!(holiday["start_date"], "2026-12-24");
    assert_eq!(holiday["end_date"], "2026-12-25");
    assert_eq!(holiday["start"], "2026-12-24T00:00:00-05:00");
    assert_eq!(holiday["end"], "2026-12-26T00:00:00-05:00", "exclusive end");
}

async fn local_times_that_do_not_exist_or_happen_twice_are_handled(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let api = api(&app).await;
    // The API takes instants, which always exist; a form's local times can
    // fall into the spring gap. Through the API the ambiguous autumn hour is
    // reported as a notice.
    let (status, event) = api
        .post(
            "/api/v1/events",
            json!({
                "kind": "other",
                "title": "Night owls",
                "start": "2026-11-01T01:30:00-04:00",
                "end": "2026-11-01T03:00:00-05:00"
            }),
        )
        .await;
    assert_eq!(status, 201, "{event}");
    assert_eq!(
        event["start"], "2026-11-01T01:30:00-04:00",
        "the first 01:30"
    );
    let notice = event["notices"][0].as_str().expect("a notice");
    assert!(notice.contains("happens twice"), "{notice}");
}

async fn cancelled_events_cannot_be_edited(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let api = api(&app).await;
    let (_, created) = api.post("/api/v1/events", karaoke()).await;
    let id = created["id"].as_i64().unwrap();
    api.post(&format!("/api/v1/events/{id}/cancel"), json!({}))
        .await;
    let (status, error) = api
        .patch(&format!("/api/v1/events/{id}"), json!({"title": "Back on"}))
        .await;
    assert_eq!(status, 409);
    assert_eq!(error["error"]["code"], "conflict");
    let (_, read) = api.get(&format!("/api/v1/events/{id}")).await;
    assert_eq!(read["title"], "Friday karaoke night");
}
