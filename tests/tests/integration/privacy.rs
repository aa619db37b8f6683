//! The privacy invariants, tested like features: a client's name never
//! reaches another client at a 12-step meeting (or wherever staff did not
//! allow it), staff-only events stay with staff, and names never reach the
//! logs.

use app::domain::person::Role;
use chrono::{Duration, SecondsFormat, Utc};
use serde_json::{Value, json};
use tests::{PASSWORD, TestApp, on_both_backends, unique};

use crate::api_events::api;

on_both_backends!(other_clients_never_see_who_comes_to_a_twelve_step_meeting);

fn at(hours: i64) -> String {
    (Utc::now() + Duration::hours(hours)).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A client name nobody else has: "Priv<random> K." (letters only).
pub fn secret_name() -> String {
    let letters: String = unique("")
        .chars()
        .map(|c| match c {
            '0'..='9' => (b'g' + (c as u8 - b'0')) as char,
            other => other,
        })
        .collect();
    format!("Priv{letters} K.")
}

async fn other_clients_never_see_who_comes_to_a_twelve_step_meeting(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let secret = secret_name();
    let first_name = secret.split(' ').next().unwrap().to_owned();
    let (secret_id, secret_token) = app.client_with_token(&secret).await;

    let create = |body: Value| {
        let planner = &planner;
        async move {
            let (status, event) = planner.post("/api/v1/events", body).await;
            assert_eq!(status, 201, "{event}");
            event["id"].as_i64().unwrap()
        }
    };
    let meeting = create(
        json!({"kind": "twelve_step", "title": "Evening NA", "fellowship": "na",
                                "start": at(30), "end": at(31)}),
    )
    .await;
    let karaoke =
        create(json!({"kind": "karaoke", "title": "Karaoke", "start": at(40), "end": at(42)}))
            .await;
    let potluck = create(json!({"kind": "potluck", "title": "Potluck", "start": at(50), "end": at(52), "show_names": true})).await;
    let staff_only = create(
        json!({"kind": "other", "title": "Staff meeting about Priv", "audience": "staff",
                                   "start": at(60), "end": at(61)}),
    )
    .await;
    let (status, refused) = planner
        .post(
            "/api/v1/events",
            json!({"kind": "twelve_step", "title": "AA", "fellowship": "aa",
                                       "start": at(70), "end": at(71), "show_names": true}),
        )
        .await;
    assert_eq!(
        status, 422,
        "names at 12-step meetings can never be shown: {refused}"
    );

    let (_, list) = planner
        .get(&format!(
            "/api/v1/occurrences?from={}&to={}",
            at(0),
            at(24 * 5)
        ))
        .await;
    let key_of = |id: i64| -> String {
        list["occurrences"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["event_id"] == id)
            .unwrap()["key"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    for id in [meeting, karaoke, potluck] {
        let path = format!(
            "/api/v1/events/{id}/occurrences/{}/rsvps/{secret_id}",
            key_of(id)
        );
        let response = app
            .api
            .put(app.url(&path))
            .bearer_auth(&secret_token)
            .json(&json!({"response": "going"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
    }

    // Another client, in the browser and through the API.
    let other_email = app.add_person(Role::Client, "Other O.").await;
    let other = app.browser_for();
    assert_eq!(
        app.sign_in_with(&other, &other_email, PASSWORD)
            .await
            .status(),
        303
    );
    let (_, other_token) = app.client_with_token("Third T.").await;
    let page = |path: String| {
        let other = &other;
        let url = app.url(&path);
        async move { other.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let api_get = |path: String| {
        let url = app.url(&path);
        let token = other_token.clone();
        let client = app.api.clone();
        async move {
            client
                .get(url)
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    let mut seen_by_other = Vec::new();
    for id in [meeting, karaoke] {
        let key = key_of(id);
        seen_by_other.push(page(format!("/events/{id}/occurrences/{key}")).await);
        seen_by_other.push(page(format!("/events/{id}")).await);
        seen_by_other.push(page(format!("/fn/rsvp_summary?id={id}&key={key}")).await);
        seen_by_other.push(api_get(format!("/api/v1/events/{id}/occurrences/{key}")).await);
        seen_by_other.push(api_get(format!("/api/v1/events/{id}/occurrences/{key}/rsvps")).await);
    }
    for path in [
        "/calendar",
        "/calendar?view=week",
        "/calendar?view=month",
        "/me",
        "/people",
        "/reports",
    ] {
        seen_by_other.push(page(path.to_owned()).await);
    }
    for path in [
        "/api/v1/occurrences",
        "/api/v1/people",
        "/api/v1/me",
        "/api/v1/events",
    ] {
        seen_by_other.push(api_get(path.to_owned()).await);
    }
    for text in &seen_by_other {
        assert!(
            !text.contains(&first_name),
            "a client saw the name: {}",
            &text[..text.len().min(400)]
        );
        assert!(
            !text.contains("Staff meeting about"),
            "a client saw a staff-only event"
        );
    }
    let counted = page(format!("/events/{meeting}/occurrences/{}", key_of(meeting))).await;
    assert!(counted.contains("1 going"), "counts, never names");
    let hidden = other
        .get(app.url(&format!("/events/{staff_only}")))
        .send()
        .await
        .unwrap();
    assert_eq!(hidden.status(), 404);

    // Where staff allowed names (not a 12-step meeting), clients see first
    // name and initial.
    let shown = page(format!("/events/{potluck}/occurrences/{}", key_of(potluck))).await;
    assert!(
        shown.contains(&secret),
        "names shown where staff allowed it"
    );

    // Staff see the name at the meeting.
    let staff_email = app.add_person(Role::Staff, "Sid Staff").await;
    let staff = app.browser_for();
    app.sign_in_with(&staff, &staff_email, PASSWORD).await;
    let roster = staff
        .get(app.url(&format!(
            "/events/{meeting}/occurrences/{}/roster",
            key_of(meeting)
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(roster.contains(&secret), "staff see who comes");
}
