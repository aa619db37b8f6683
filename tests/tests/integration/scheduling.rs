//! Series, single-occurrence changes and the calendar over HTTP.

use serde_json::{Value, json};
use tests::{TestApp, on_both_backends};

use crate::api_events::api;

on_both_backends!(
    a_weekly_series_keeps_its_local_time_across_dst,
    single_occurrences_are_moved_cancelled_and_skipped,
    this_and_following_splits_the_series,
    editing_the_whole_series_carries_changes_to_their_dates,
    bad_rules_and_keys_are_refused_and_nothing_is_stored,
    all_day_yearly_holidays_repeat_on_their_date,
    the_calendar_pages_show_series_and_changes,
);

fn tuesday_meeting(rrule: &str) -> Value {
    json!({
        "kind": "twelve_step",
        "title": "Tuesday NA",
        "fellowship": "na",
        "meeting_types": ["O", "D"],
        "start": "2026-10-20T19:00:00-04:00",
        "end": "2026-10-20T20:00:00-04:00",
        "rrule": rrule
    })
}

fn starts(list: &Value) -> Vec<String> {
    list["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["start"].as_str().unwrap().to_owned())
        .collect()
}

async fn a_weekly_series_keeps_its_local_time_across_dst(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let api = api(&app).await;
    let (status, event) = api
        .post(
            "/api/v1/events",
            tuesday_meeting("FREQ=WEEKLY;BYDAY=TU;COUNT=4"),
        )
        .await;
    assert_eq!(status, 201, "{event}");
    assert_eq!(event["rrule"], "FREQ=WEEKLY;COUNT=4;BYDAY=TU");
    assert_eq!(event["fellowship"], "na");
    assert_eq!(event["meeting_types"], json!(["O", "D"]));
    assert_eq!(event["series_end"], "2026-11-10T20:00:00-05:00");
    let (status, list) = api
        .get("/api/v1/occurrences?from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z")
        .await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(
        starts(&list),
        [
            "2026-10-20T19:00:00-04:00",
            "2026-10-27T19:00:00-04:00",
            "2026-11-03T19:00:00-05:00",
            "2026-11-10T19:00:00-05:00"
        ]
    );
    let first = &list["occurrences"][0];
    assert_eq!(first["key"], "20261020T230000Z");
    assert_eq!(first["status"], "scheduled");
    assert_eq!(first["overridden"], false);
    assert_eq!(first["event_id"], event["id"]);

    // A window in the middle finds only what falls in it.
    let (_, middle) = api
        .get("/api/v1/occurrences?from=2026-11-02T00:00:00Z&to=2026-11-05T00:00:00Z&kind=twelve_step")
        .await;
    assert_eq!(starts(&middle), ["2026-11-03T19:00:00-05:00"]);
    let (_, none) = api
        .get("/api/v1/occurrences?from=2026-11-02T00:00:00Z&to=2026-11-05T00:00:00Z&kind=karaoke")
        .await;
    assert!(starts(&none).is_empty());
}

async fn single_occurrences_are_moved_cancelled_and_skipped(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let api = api(&app).await;
    let (_, event) = api
        .post(
            "/api/v1/events",
            tuesday_meeting("FREQ=WEEKLY;BYDAY=TU;COUNT=4"),
        )
        .await;
    let id = event["id"].as_i64().unwrap();
    let window = "/api/v1/occurrences?from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z";

    // Move the second (before the DST change) to the Monday after it.
    let (status, moved) = api
        .patch(
            &format!("/api/v1/events/{id}/occurrences/20261027T230000Z"),
            json!({"start": "2026-11-02T18:00:00-05:00", "end": "2026-11-02T19:30:00-05:00", "location": "Chapel"}),
        )
        .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(
        moved["key"], "20261027T230000Z",
        "the key stays the original start"
    );
    assert_eq!(moved["start"], "2026-11-02T18:00:00-05:00");
    assert_eq!(moved["location"], "Chapel");
    assert_eq!(moved["overridden"], true);

    let (status, cancelled) = api
        .patch(
            &format!("/api/v1/events/{id}/occurrences/20261104T000000Z"),
            json!({"status": "cancelled"}),
        )
        .await;
    assert_eq!(status, 200, "{cancelled}");
    assert_eq!(cancelled["status"], "cancelled");

    let (status, _) = api
        .patch(
            &format!("/api/v1/events/{id}/occurrences/20261111T000000Z"),
            json!({"status": "skipped"}),
        )
        .await;
    assert_eq!(status, 200);

    let (_, list) = api.get(window).await;
    let got: Vec<(String, String, bool)> = list["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["start"].as_str().unwrap().to_owned(),
                o["status"].as_str().unwrap().to_owned(),
                o["overridden"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "2026-10-20T19:00:00-04:00".to_owned(),
                "scheduled".to_owned(),
                false
            ),
            (
                "2026-11-02T18:00:00-05:00".to_owned(),
                "scheduled".to_owned(),
                true
            ),
            (
                "2026-11-03T19:00:00-05:00".to_owned(),
                "cancelled".to_owned(),
                false
            ),
        ],
        "moved, cancelled (kept), skipped (gone)"
    );

    // Restoring the cancelled one.
    let (status, back) = api
        .patch(
            &format!("/api/v1/events/{id}/occurrences/20261104T000000Z"),
            json!({"status": "scheduled"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(back["status"], "scheduled");
    assert_eq!(back["overridden"], false);

    // One occurrence read on its own.
    let (status, one) = api
        .get(&format!("/api/v1/events/{id}/occurrences/20261027T230000Z"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(one["location"], "Chapel");
}

async fn this_and_following_splits_the_series(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let api = api(&app).await;
    let (_, event) = api
        .post(
            "/api/v1/events",
            tuesday_meeting("FREQ=WEEKLY;BYDAY=TU;COUNT=6"),
        )
        .await;
    let id = event["id"].as_i64().unwrap();
    // Cancel the fifth date first; the change must follow the split.
    api.patch(
        &format!("/api/v1/events/{id}/occurrences/20261118T000000Z"),
        json!({"status": "cancelled"}),
    )
    .await;
    let (status, later) = api
        .post(
            &format!("/api/v1/events/{id}/occurrences/20261104T000000Z/split"),
            json!({"start": "2026-11-03T18:00:00-05:00", "end": "2026-11-03T19:00:00-05:00", "title": "Tuesday NA (new time)"}),
        )
        .await;
    assert_eq!(status, 201, "{later}");
    assert_eq!(later["split_from"], id);
    assert_eq!(
        later["rrule"], "FREQ=WEEKLY;COUNT=4;BYDAY=TU",
        "the remaining four dates"
    );
    let (_, first_part) = api.get(&format!("/api/v1/events/{id}")).await;
    assert_eq!(first_part["rrule"], "FREQ=WEEKLY;COUNT=2;BYDAY=TU");

    let (_, list) = api
        .get("/api/v1/occurrences?from=2026-10-01T00:00:00Z&to=2026-12-31T00:00:00Z")
        .await;
    let got: Vec<(String, String, String)> = list["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["start"].as_str().unwrap().to_owned(),
                o["title"].as_str().unwrap().to_owned(),
                o["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let row = |s: &str, t: &str, st: &str| (s.to_owned(), t.to_owned(), st.to_owned());
    assert_eq!(
        got,
        [
            row("2026-10-20T19:00:00-04:00", "Tuesday NA", "scheduled"),
            row("2026-10-27T19:00:00-04:00", "Tuesday NA", "scheduled"),
            row(
                "2026-11-03T18:00:00-05:00",
                "Tuesday NA (new time)",
                "scheduled"
            ),
            row(
                "2026-11-10T18:00:00-05:00",
                "Tuesday NA (new time)",
                "scheduled"
            ),
            row(
                "2026-11-17T18:00:00-05:00",
                "Tuesday NA (new time)",
                "cancelled"
            ),
            row(
                "2026-11-24T18:00:00-05:00",
                "Tuesday NA (new time)",
                "scheduled"
            ),
        ]
    );
}

async fn editing_the_whole_series_carries_changes_to_their_dates(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let api = api(&app).await;
    let (_, event) = api
        .post(
            "/api/v1/events",
            tuesday_meeting("FREQ=WEEKLY;BYDAY=TU;COUNT=3"),
        )
        .await;
    let id = event["id"].as_i64().unwrap();
    api.patch(
        &format!("/api/v1/events/{id}/occurrences/20261027T230000Z"),
        json!({"status": "cancelled"}),
    )
    .await;
    let (status, edited) = api
        .patch(
            &format!("/api/v1/events/{id}"),
            json!({"start": "2026-10-20T18:00:00-04:00", "end": "2026-10-20T19:00:00-04:00"}),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    let (_, list) = api
        .get("/api/v1/occurrences?from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z")
        .await;
    let statuses: Vec<(&str, &str)> = list["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["start"].as_str().unwrap(), o["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("2026-10-20T18:00:00-04:00", "scheduled"),
            ("2026-10-27T18:00:00-04:00", "cancelled"),
            ("2026-11-03T18:00:00-05:00", "scheduled"),
        ],
        "the cancelled date stays cancelled at the new time"
    );
    // Moving the series to Wednesdays: the Tuesday change no longer applies.
    let (status, moved) = api
        .patch(
            &format!("/api/v1/events/{id}"),
            json!({"rrule": "FREQ=WEEKLY;BYDAY=WE;COUNT=3"}),
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        moved["notices"]
            .to_string()
            .contains("1 change to a single date no longer falls on the series"),
        "{moved}"
    );
    // And stopping it repeating.
    let (status, single) = api
        .patch(&format!("/api/v1/events/{id}"), json!({"rrule": null}))
        .await;
    assert_eq!(status, 200);
    assert!(single["rrule"].is_null());
}

async fn bad_rules_and_keys_are_refused_and_nothing_is_stored(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let api = api(&app).await;
    let cases = [
        ("FREQ=WEEKLY;BYDAY=XX", "is not a valid weekday"),
        ("nonsense", "The RRULE could not be read"),
        ("FREQ=HOURLY", "FREQ=HOURLY is not supported"),
        ("FREQ=MINUTELY;COUNT=5", "FREQ=MINUTELY is not supported"),
        ("FREQ=SECONDLY", "FREQ=SECONDLY is not supported"),
        ("FREQ=DAILY", "FREQ=DAILY is not supported"),
        (
            "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261001T000000Z",
            "must end on or after its first date",
        ),
        (
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
            "produces no occurrences",
        ),
        (
            "FREQ=WEEKLY;BYDAY=TU;COUNT=5;UNTIL=20271001T000000Z",
            "not both",
        ),
        ("FREQ=WEEKLY;BYDAY=TU;COUNT=5000", "1 to 1000 occurrences"),
        ("FREQ=WEEKLY;BYDAY=TU;BYHOUR=9", "BYHOUR is not supported"),
        ("FREQ=MONTHLY;BYDAY=TU", "Say which weekday of the month"),
    ];
    for (rule, message) in cases {
        let (status, error) = api.post("/api/v1/events", tuesday_meeting(rule)).await;
        assert_eq!(status, 422, "{rule}: {error}");
        let text = error["error"]["message"].as_str().unwrap();
        assert!(text.contains(message), "{rule}: {text}");
        assert!(
            ["rrule", "repeat", "until_date"].contains(&error["error"]["field"].as_str().unwrap()),
            "{error}"
        );
    }
    let (_, list) = api
        .get("/api/v1/occurrences?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z")
        .await;
    assert!(starts(&list).is_empty(), "nothing was stored");

    let (_, event) = api
        .post(
            "/api/v1/events",
            tuesday_meeting("FREQ=WEEKLY;BYDAY=TU;COUNT=3"),
        )
        .await;
    let id = event["id"].as_i64().unwrap();
    for key in ["20261021T230000Z", "20261020T220000Z", "20271020T230000Z"] {
        let (status, error) = api
            .patch(
                &format!("/api/v1/events/{id}/occurrences/{key}"),
                json!({"status": "cancelled"}),
            )
            .await;
        assert_eq!(status, 422, "{key}: {error}");
        assert!(
            error["error"]["message"]
                .as_str()
                .unwrap()
                .contains("is not an occurrence of this event")
        );
    }
    let (status, _) = api
        .patch(
            &format!("/api/v1/events/{id}/occurrences/not-a-key"),
            json!({"status": "cancelled"}),
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = api
        .patch(
            &format!("/api/v1/events/{id}/occurrences/20261020T230000Z"),
            json!({"status": "exploded"}),
        )
        .await;
    assert_eq!(status, 422);
    let (_, list) = api
        .get("/api/v1/occurrences?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z")
        .await;
    assert!(
        list["occurrences"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["status"] == "scheduled" && o["overridden"] == false),
        "nothing changed: {list}"
    );
}

async fn all_day_yearly_holidays_repeat_on_their_date(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let api = api(&app).await;
    let (status, event) = api
        .post(
            "/api/v1/events",
            json!({
                "kind": "holiday",
                "title": "Thanksgiving",
                "all_day": true,
                "start_date": "2026-11-26",
                "rrule": "FREQ=YEARLY;BYMONTH=11;BYDAY=4TH"
            }),
        )
        .await;
    assert_eq!(status, 201, "{event}");
    let (_, list) = api
        .get("/api/v1/occurrences?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z")
        .await;
    assert_eq!(list["occurrences"][0]["start_date"], "2026-11-26");
    let (_, list) = api
        .get("/api/v1/occurrences?from=2027-01-01T00:00:00Z&to=2027-12-31T00:00:00Z")
        .await;
    assert_eq!(
        list["occurrences"][0]["start_date"], "2027-11-25",
        "the fourth Thursday"
    );
    assert_eq!(list["occurrences"][0]["all_day"], true);
}

async fn the_calendar_pages_show_series_and_changes(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let api = api(&app).await;
    let (_, event) = api
        .post(
            "/api/v1/events",
            tuesday_meeting("FREQ=WEEKLY;BYDAY=TU;COUNT=4"),
        )
        .await;
    let id = event["id"].as_i64().unwrap();
    api.patch(
        &format!("/api/v1/events/{id}/occurrences/20261104T000000Z"),
        json!({"status": "cancelled"}),
    )
    .await;
    api.patch(
        &format!("/api/v1/events/{id}/occurrences/20261111T000000Z"),
        json!({"status": "skipped"}),
    )
    .await;
    let email = app
        .add_person(app::domain::person::Role::Staff, "Val Reed")
        .await;
    app.sign_in(&email, tests::PASSWORD).await;
    let page = |path: String| {
        let app = &app;
        async move { app.browser.get(app.url(&path)).send().await.unwrap() }
    };
    let month = page("/calendar?view=month&date=2026-11-01".to_owned()).await;
    assert_eq!(month.status(), 200);
    let html = month.text().await.unwrap();
    assert!(html.contains("November 2026"));
    // November holds two of the four dates: the skipped one is gone, the
    // cancelled one is shown as cancelled.
    assert_eq!(
        html.matches("<span class=\"chip-title\">Tuesday NA</span>")
            .count(),
        1,
        "one date skipped, one cancelled and shown: {html}"
    );
    assert!(html.contains("Cancelled"));
    let week = page("/calendar?view=week&date=2026-10-20".to_owned())
        .await
        .text()
        .await
        .unwrap();
    assert!(week.contains("7:00 PM – 8:00 PM"));
    let agenda = page("/calendar?view=agenda&date=2026-10-19&kind=twelve_step".to_owned())
        .await
        .text()
        .await
        .unwrap();
    assert!(agenda.contains("Tuesday, October 20, 2026"));
    let print = page("/calendar/print?date=2026-11-01".to_owned())
        .await
        .text()
        .await
        .unwrap();
    assert!(print.contains("Activities — November 2026"));
    let occurrence = page(format!("/events/{id}/occurrences/20261104T000000Z")).await;
    assert_eq!(occurrence.status(), 200);
    let html = occurrence.text().await.unwrap();
    assert!(html.contains("This event is cancelled."));
    assert!(html.contains("Every week on Tuesday, 4 times"));
    let missing = page(format!("/events/{id}/occurrences/20261105T000000Z")).await;
    assert_eq!(missing.status(), 404);
    let bad_date = page("/calendar?view=month&date=2026-02-30".to_owned()).await;
    assert_eq!(bad_date.status(), 422);
}
