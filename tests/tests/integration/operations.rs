use std::collections::BTreeSet;

use app::db::{Backend as DbBackend, Db};
use serde_json::Value;
use tests::{TestApp, on_both_backends};

on_both_backends!(
    health_and_readiness_answer,
    every_response_carries_a_request_id,
    pages_render_with_the_hydration_script,
    pages_ship_islands_not_their_data,
    unknown_pages_answer_404,
    the_openapi_document_describes_every_route,
    metrics_count_requests_and_never_name_anyone,
);

async fn health_and_readiness_answer(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let health = app.api.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    let ready = app.api.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 200);
    let body: Value = ready.json().await.unwrap();
    assert_eq!(body["status"], "ready");

    app.state.db.close().await;
    let ready = app.api.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status(), 503, "not ready once the database is gone");
    let health = app.api.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200, "but still alive");
}

async fn every_response_carries_a_request_id(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let first = app.api.get(app.url("/healthz")).send().await.unwrap();
    let second = app.api.get(app.url("/api/v1/events")).send().await.unwrap();
    let id = |r: &reqwest::Response| r.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(id(&first).len(), 36, "a UUID");
    assert_ne!(id(&first), id(&second));
    let given = app
        .api
        .get(app.url("/healthz"))
        .header("x-request-id", "from-the-proxy")
        .send()
        .await
        .unwrap();
    assert_eq!(id(&given), "from-the-proxy", "an id from a proxy is kept");
}

async fn pages_render_with_the_hydration_script(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app.browser.get(app.url("/")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-frame-options"], "DENY");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    let html = response.text().await.unwrap();
    assert!(html.contains("/pkg/hearth.js"), "{html}");
    assert!(html.contains("/pkg/hearth.wasm"));
    assert!(html.contains("Test House"), "the facility's name");
    assert!(html.starts_with("<!DOCTYPE html>"));
}

/// Pages are rendered on the server and only their islands hydrate: the
/// occurrence page carries the RSVP panel as an island with its props, and
/// no page serializes its resources for a whole-page hydration.
async fn pages_ship_islands_not_their_data(backend: tests::Backend) {
    use chrono::{Duration, SecondsFormat, Utc};
    let app = TestApp::spawn(backend).await;
    let email = app
        .add_person(app::domain::person::Role::Staff, "Lee Park")
        .await;
    let token = app.staff_token().await;
    let at = |h: i64| (Utc::now() + Duration::hours(h)).to_rfc3339_opts(SecondsFormat::Secs, true);
    let title = tests::unique("Island outing ");
    let (id, key) = tests::create_event(
        &app,
        &token,
        serde_json::json!({"kind": "outing", "title": title, "start": at(48), "end": at(50)}),
    )
    .await;
    app.sign_in(&email, tests::PASSWORD).await;
    let get = |path: String| {
        let app = &app;
        async move {
            let response = app.browser.get(app.url(&path)).send().await.unwrap();
            assert_eq!(response.status(), 200, "{path}");
            response.text().await.unwrap()
        }
    };
    let occurrence = get(format!("/events/{id}/occurrences/{key}")).await;
    assert!(occurrence.contains(&title), "the page is rendered");
    assert!(
        occurrence.contains("<leptos-island") && occurrence.contains("data-component=\"RsvpPanel"),
        "the RSVP panel is an island"
    );
    for page in [occurrence, get("/calendar?view=agenda".into()).await] {
        assert!(
            !page.contains("__RESOLVED_RESOURCES["),
            "no resource is serialized for hydration"
        );
    }
}

async fn unknown_pages_answer_404(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let email = app
        .add_person(app::domain::person::Role::Staff, "Lee Park")
        .await;
    app.sign_in(&email, tests::PASSWORD).await;
    for path in ["/no/such/page", "/events/999999", "/events/not-a-number"] {
        let response = app.browser.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("There is nothing at this address.")
        );
    }
}

async fn the_openapi_document_describes_every_route(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app
        .api
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let doc: Value = response.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let documented: BTreeSet<String> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| format!("{} {path}", method.to_uppercase()))
        })
        .collect();
    let expected: BTreeSet<String> = [
        "GET /api/v1/events",
        "POST /api/v1/events",
        "GET /api/v1/events/{id}",
        "PATCH /api/v1/events/{id}",
        "POST /api/v1/events/{id}/cancel",
        "GET /api/v1/occurrences",
        "GET /api/v1/events/{id}/occurrences/{key}",
        "PATCH /api/v1/events/{id}/occurrences/{key}",
        "POST /api/v1/events/{id}/occurrences/{key}/split",
        "GET /api/v1/people",
        "POST /api/v1/people",
        "GET /api/v1/me",
        "POST /api/v1/people/{id}/discharge",
        "POST /api/v1/people/{id}/readmit",
        "GET /api/v1/events/{id}/occurrences/{key}/rsvps",
        "PUT /api/v1/events/{id}/occurrences/{key}/rsvps/{person_id}",
        "DELETE /api/v1/events/{id}/occurrences/{key}/rsvps/{person_id}",
        "POST /api/v1/events/{id}/occurrences/{key}/attendance",
        "GET /api/v1/events/{id}/transport",
        "PUT /api/v1/events/{id}/transport",
        "DELETE /api/v1/events/{id}/transport",
        "PUT /api/v1/events/{id}/rules",
        "GET /api/v1/events/{id}/occurrences/{key}/manifest",
        "GET /api/v1/events/{id}/panel",
        "PUT /api/v1/events/{id}/panel",
        "DELETE /api/v1/events/{id}/panel",
        "GET /api/v1/events/{id}/panel/contact",
        "POST /api/v1/imports/meeting-guide",
        "GET /api/v1/events/{id}/occurrences/{key}/songs",
        "POST /api/v1/events/{id}/occurrences/{key}/songs",
        "DELETE /api/v1/events/{id}/occurrences/{key}/songs/{song_id}",
        "POST /api/v1/events/{id}/occurrences/{key}/songs/{song_id}/{action}",
        "GET /api/v1/events/{id}/occurrences/{key}/slots",
        "POST /api/v1/events/{id}/occurrences/{key}/slots",
        "PUT /api/v1/events/{id}/occurrences/{key}/slots/{slot_id}",
        "DELETE /api/v1/events/{id}/occurrences/{key}/slots/{slot_id}",
        "POST /api/v1/events/{id}/occurrences/{key}/slots/{slot_id}/claims",
        "DELETE /api/v1/events/{id}/occurrences/{key}/claims/{claim_id}",
        "GET /api/v1/openapi.json",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(documented, expected);
    assert!(doc["components"]["securitySchemes"]["token"].is_object());
}

#[test]
fn migrations_of_both_backends_have_the_same_names() {
    let sqlite = Db::migration_names(DbBackend::Sqlite);
    let postgres = Db::migration_names(DbBackend::Postgres);
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, postgres);
    let files = |dir: &str| -> BTreeSet<String> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../migrations")
            .join(dir);
        std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(files("sqlite"), files("postgres"));
}

/// `GET /metrics` on its own address: the counters move with requests,
/// sign-in refusals and feed renders, and nothing in it names a person, a
/// token or a query string.
async fn metrics_count_requests_and_never_name_anyone(backend: tests::Backend) {
    let app =
        TestApp::spawn_with(backend, |c| c.metrics_addr = Some("127.0.0.1:0".to_owned())).await;
    let port = app.metrics_port.expect("a metrics address");
    let scrape = || async move {
        reqwest::get(format!("http://127.0.0.1:{port}/metrics"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    };
    let count = |text: &str, needle: &str| -> f64 {
        text.lines()
            .filter(|l| !l.starts_with('#') && l.contains(needle))
            .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
            .sum()
    };
    let before = scrape().await;
    let secret_name = "Zebediah Q.";
    let email = app
        .add_person(app::domain::person::Role::Staff, secret_name)
        .await;
    for _ in 0..3 {
        app.api.get(app.url("/healthz")).send().await.unwrap();
    }
    app.sign_in(&email, "not the password").await;
    app.api
        .get(app.url("/calendar.ics?secret=letmein"))
        .send()
        .await
        .unwrap();
    // A path under /fn/ that names no server function (it could hold
    // anything typed) counts under the route template.
    for path in [format!("/fn/{email}"), "/fn/Zebediah_Q".to_owned()] {
        app.api.post(app.url(&path)).send().await.unwrap();
    }
    let after = scrape().await;
    assert!(after.contains("route=\"/fn/sign_in\""), "{after}");
    assert!(after.contains("route=\"/fn/{*name}\""), "{after}");
    assert!(
        count(&after, "hearth_http_requests_total{route=\"/healthz\"")
            >= count(&before, "hearth_http_requests_total{route=\"/healthz\"") + 3.0,
        "{after}"
    );
    assert!(
        count(
            &after,
            "hearth_sign_in_attempts_total{kind=\"password\",outcome=\"refused\"}"
        ) >= 1.0,
        "{after}"
    );
    assert!(
        count(&after, "hearth_feed_renders_total{feed=\"facility\"}") >= 1.0,
        "{after}"
    );
    assert!(
        after.contains("hearth_http_request_duration_seconds_bucket"),
        "latency histogram"
    );
    assert!(after.contains("hearth_db_pool_connections"), "pool use");
    assert!(
        after.contains("hearth_db_pool_acquire_seconds"),
        "pool wait"
    );
    for secret in [
        secret_name,
        email.as_str(),
        "Zebediah_Q",
        "letmein",
        "secret=",
    ] {
        assert!(!after.contains(secret), "{secret} leaked into /metrics");
    }
    // Not on the site itself.
    assert_eq!(
        app.api
            .get(app.url("/metrics"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}
