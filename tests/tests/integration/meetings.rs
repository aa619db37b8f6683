//! 12-step meetings: the Meeting Guide import (API, upload form and CLI)
//! with the generated fixture in `tests/fixtures/meeting-guide/`, and the
//! outside panels of on-site meetings, whose contacts only staff see.

use std::collections::BTreeSet;

use app::domain::person::Role;
use chrono::{DateTime, Datelike, Duration, FixedOffset, SecondsFormat, Timelike, Utc};
use serde_json::{Value, json};
use tests::{Backend, PASSWORD, TestApp, on_both_backends, unique};

use crate::api_events::{Api, api};
use crate::cli::{database_url, hearth, run};

on_both_backends!(
    a_feed_imports_its_in_person_meetings_and_reports_the_rest,
    re_imports_change_nothing_then_update_cancel_and_restore_by_slug,
    the_cli_and_the_upload_form_import_a_feed,
    panel_contacts_reach_staff_only_and_first_names_reach_no_feed,
);

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/meeting-guide")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn feed() -> String {
    fixture("meetings.json")
}

fn expected() -> Value {
    serde_json::from_str(&fixture("expected.json")).unwrap()
}

/// Posts a feed to the import route as raw JSON.
async fn import(planner: &Api<'_>, body: &str, query: &str) -> (u16, Value) {
    let response = planner
        .app
        .api
        .post(
            planner
                .app
                .url(&format!("/api/v1/imports/meeting-guide?{query}")),
        )
        .bearer_auth(&planner.token)
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("{status}: {text}")),
    )
}

fn counts(summary: &Value) -> [u64; 5] {
    ["created", "updated", "unchanged", "cancelled", "restored"].map(|k| {
        summary[k]
            .as_u64()
            .unwrap_or_else(|| panic!("{k} in {summary}"))
    })
}

fn window() -> String {
    let from = Utc::now();
    let to = from + Duration::days(15);
    format!(
        "from={}&to={}",
        from.to_rfc3339_opts(SecondsFormat::Secs, true),
        to.to_rfc3339_opts(SecondsFormat::Secs, true)
    )
}

/// Every event in the next weeks, by title.
async fn events(planner: &Api<'_>) -> Vec<Value> {
    let (status, list) = planner.get(&format!("/api/v1/events?{}", window())).await;
    assert_eq!(status, 200, "{list}");
    list["events"].as_array().unwrap().clone()
}

fn by_title<'a>(events: &'a [Value], title: &str) -> &'a Value {
    events
        .iter()
        .find(|e| e["title"] == title)
        .unwrap_or_else(|| panic!("no event {title}"))
}

/// The (weekday, local start "HH:MM", local end "HH:MM", offset) of the
/// event's occurrences in the next two weeks, as the API writes them.
async fn local_times(planner: &Api<'_>, id: i64) -> Vec<(chrono::Weekday, String, String)> {
    let (status, list) = planner
        .get(&format!("/api/v1/occurrences?{}", window()))
        .await;
    assert_eq!(status, 200, "{list}");
    list["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["event_id"] == id)
        .map(|o| {
            let start =
                DateTime::<FixedOffset>::parse_from_rfc3339(o["start"].as_str().unwrap()).unwrap();
            let end =
                DateTime::<FixedOffset>::parse_from_rfc3339(o["end"].as_str().unwrap()).unwrap();
            (
                start.weekday(),
                format!("{:02}:{:02}", start.hour(), start.minute()),
                format!("{:02}:{:02}", end.hour(), end.minute()),
            )
        })
        .collect()
}

async fn a_feed_imports_its_in_person_meetings_and_reports_the_rest(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let expected = expected();
    assert!(expected["entries"].as_u64().unwrap() >= 200);

    let (status, summary) = import(&planner, &feed(), "fellowship=aa").await;
    assert_eq!(status, 200, "{summary}");
    let importable = expected["importable"].as_u64().unwrap();
    assert_eq!(counts(&summary), [importable, 0, 0, 0, 0], "{summary}");

    // Exactly the malformed, online and inactive entries are skipped, each
    // named by index and slug with its reason.
    let skipped = summary["skipped"].as_array().unwrap();
    let want = expected["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), want.len(), "{skipped:#?}");
    for (got, want) in skipped.iter().zip(want) {
        assert_eq!(got["index"], want["index"], "{got}");
        assert_eq!(got["slug"], want["slug"], "{got}");
        let reason = got["reason"].as_str().unwrap();
        assert!(
            reason.contains(want["reason_contains"].as_str().unwrap()),
            "{got} should say {}",
            want["reason_contains"]
        );
    }
    let unknown = summary["unknown_types"].as_array().unwrap();
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert_eq!(unknown[0]["slug"], "anchor-unknown-types");
    assert!(unknown[0]["reason"].as_str().unwrap().contains("ZZ, GSO"));

    let events = events(&planner).await;
    let imported: Vec<&Value> = events
        .iter()
        .filter(|e| e["kind"] == "twelve_step")
        .collect();
    assert_eq!(imported.len() as u64, importable);
    assert!(
        imported
            .iter()
            .all(|e| e["venue"] == "off_site" && e["fellowship"] == "aa" && e["rrule"].is_string())
    );

    // The anchors: days, local times and zones as the feed says.
    let tuesday = by_title(&events, "Tuesday Night Big Book");
    assert_eq!(tuesday["timezone"], "America/Chicago");
    assert_eq!(tuesday["meeting_types"], json!(["C", "B", "X"]));
    assert_eq!(
        tuesday["location"],
        "Alano Club, 4953 W Addison St, Chicago, IL 60641, USA"
    );
    assert!(
        tuesday["description"]
            .as_str()
            .unwrap()
            .contains("Ring the buzzer.")
    );
    use chrono::Weekday::*;
    let times = local_times(&planner, tuesday["id"].as_i64().unwrap()).await;
    assert!(times.len() >= 2, "{times:?}");
    assert!(
        times
            .iter()
            .all(|t| *t == (Tue, "19:30".into(), "20:30".into())),
        "{times:?}"
    );

    let noon = by_title(&events, "Noon Discussion");
    assert_eq!(noon["timezone"], "America/Phoenix");
    let times = local_times(&planner, noon["id"].as_i64().unwrap()).await;
    let days: BTreeSet<String> = times.iter().map(|t| format!("{:?}", t.0)).collect();
    assert_eq!(
        days,
        ["Fri", "Mon", "Wed"]
            .map(String::from)
            .into_iter()
            .collect()
    );
    assert!(
        times.len() >= 6,
        "three days a week for two weeks: {times:?}"
    );
    assert!(
        times.iter().all(|t| t.1 == "12:00" && t.2 == "13:00"),
        "no end_time: one hour: {times:?}"
    );

    let saturday = by_title(&events, "Early Bird Saturday");
    assert_eq!(
        saturday["timezone"],
        tests::TEST_ZONE,
        "the facility's zone"
    );
    let times = local_times(&planner, saturday["id"].as_i64().unwrap()).await;
    assert!(
        times
            .iter()
            .all(|t| *t == (Sat, "08:00".into(), "09:15".into())),
        "{times:?}"
    );

    let owls = by_title(&events, "Night Owls");
    let times = local_times(&planner, owls["id"].as_i64().unwrap()).await;
    assert!(
        times
            .iter()
            .all(|t| *t == (Fri, "23:00".into(), "00:30".into())),
        "ends after midnight: {times:?}"
    );
    let numeric_slug = by_title(&events, "Sunday Serenity");
    assert_eq!(numeric_slug["meeting_types"], json!(["O", "LGBTQ", "T"]));

    // A file that is not a feed is refused as a whole, and nothing changes.
    let (status, body) = import(&planner, "{\"meetings\": []}", "fellowship=aa").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["field"], "file");
    let (status, body) = import(&planner, "[]", "fellowship=xa").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["field"], "fellowship");
    assert_eq!(crate::meetings::events(&planner).await.len(), events.len());
}

/// The fixture with `edit` applied to its entries.
fn edited(edit: impl Fn(&mut Vec<Value>)) -> String {
    let mut entries: Vec<Value> = serde_json::from_str(&feed()).unwrap();
    edit(&mut entries);
    serde_json::to_string(&entries).unwrap()
}

fn slug_is(entry: &Value, slug: &str) -> bool {
    entry.get("slug").and_then(Value::as_str) == Some(slug)
}

async fn facility_feed_etag(app: &TestApp) -> String {
    let response = app.api.get(app.url("/calendar.ics")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.headers()["etag"].to_str().unwrap().to_owned()
}

async fn re_imports_change_nothing_then_update_cancel_and_restore_by_slug(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let facility = app::db::facilities::first(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    app::db::facilities::set_public_feeds(&app.state.db, facility.id, true, true)
        .await
        .unwrap();
    let planner = api(&app).await;
    let importable = expected()["importable"].as_u64().unwrap();
    let (status, first) = import(&planner, &feed(), "fellowship=aa").await;
    assert_eq!(status, 200, "{first}");

    // Staff set what the import does not own: it must survive re-imports.
    let before = events(&planner).await;
    let tuesday_id = by_title(&before, "Tuesday Night Big Book")["id"]
        .as_i64()
        .unwrap();
    let (status, patched) = planner
        .patch(
            &format!("/api/v1/events/{tuesday_id}"),
            json!({"capacity": 7, "audience": "clients"}),
        )
        .await;
    assert_eq!(status, 200, "{patched}");
    let before = events(&planner).await;
    let sequences = |events: &[Value]| -> Vec<(i64, i64, String)> {
        let mut s: Vec<_> = events
            .iter()
            .map(|e| {
                (
                    e["id"].as_i64().unwrap(),
                    e["sequence"].as_i64().unwrap(),
                    e["status"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        s.sort();
        s
    };
    let etag = facility_feed_etag(&app).await;

    // The same file again: nothing is written.
    let (_, again) = import(&planner, &feed(), "fellowship=aa").await;
    assert_eq!(counts(&again), [0, 0, importable, 0, 0], "{again}");
    assert_eq!(sequences(&events(&planner).await), sequences(&before));
    assert_eq!(facility_feed_etag(&app).await, etag, "the feed is the same");
    let not_modified = app
        .api
        .get(app.url("/calendar.ics"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(not_modified.status(), 304);

    // A dry run of a changed file reports and writes nothing.
    let removed = [
        "anchor-mwf-phoenix",
        "anchor-night-owls",
        "anchor-saturday-facility-zone",
    ];
    let changed = edited(|entries| {
        for entry in entries.iter_mut() {
            if slug_is(entry, "anchor-tuesday-chicago") {
                entry["time"] = json!("20:00");
                entry["end_time"] = json!("21:00");
                entry["name"] = json!("Tuesday Night Big Book (new time)");
            }
        }
        entries.retain(|e| !removed.iter().any(|slug| slug_is(e, slug)));
    });
    // The duplicate of anchor-mwf-phoenix in the file keeps that slug
    // "present"; remove it above and the original is gone too.
    let (_, dry) = import(&planner, &changed, "fellowship=aa&dry_run=true").await;
    assert_eq!(dry["dry_run"], true);
    assert_eq!(counts(&dry), [0, 1, importable - 3 - 1, 3, 0], "{dry}");
    assert_eq!(sequences(&events(&planner).await), sequences(&before));

    let (_, update) = import(&planner, &changed, "fellowship=aa").await;
    assert_eq!(counts(&update), [0, 1, importable - 4, 3, 0], "{update}");
    let (_, tuesday) = planner.get(&format!("/api/v1/events/{tuesday_id}")).await;
    assert_eq!(tuesday["title"], "Tuesday Night Big Book (new time)");
    assert_eq!(tuesday["capacity"], 7, "staff's capacity survives");
    assert_eq!(tuesday["audience"], "clients", "staff's audience survives");
    let old_sequence = by_title(&before, "Tuesday Night Big Book")["sequence"]
        .as_i64()
        .unwrap();
    assert!(tuesday["sequence"].as_i64().unwrap() > old_sequence);
    let times = local_times(&planner, tuesday_id).await;
    assert!(
        times
            .iter()
            .all(|t| *t == (chrono::Weekday::Tue, "20:00".into(), "21:00".into())),
        "{times:?}"
    );
    let after = events(&planner).await;
    for title in ["Noon Discussion", "Night Owls", "Early Bird Saturday"] {
        assert_eq!(
            by_title(&after, title)["status"],
            "cancelled",
            "{title} left the feed: cancelled, not deleted"
        );
    }
    assert_ne!(facility_feed_etag(&app).await, etag);

    // Staff cancel one meeting themselves; the original file comes back.
    let sunday_id = by_title(&after, "Sunday Serenity")["id"].as_i64().unwrap();
    let (status, _) = planner
        .post(&format!("/api/v1/events/{sunday_id}/cancel"), json!({}))
        .await;
    assert_eq!(status, 200);
    let (_, back) = import(&planner, &feed(), "fellowship=aa").await;
    assert_eq!(counts(&back), [0, 1, importable - 5, 0, 3], "{back}");
    assert!(
        back["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["slug"] == "4242"
                && s["reason"].as_str().unwrap().contains("Staff cancelled")),
        "{back}"
    );
    let after = events(&planner).await;
    for title in ["Noon Discussion", "Night Owls", "Early Bird Saturday"] {
        assert_eq!(by_title(&after, title)["status"], "scheduled", "{title}");
    }
    assert_eq!(by_title(&after, "Sunday Serenity")["status"], "cancelled");

    // Another fellowship's feed, with a slug the AA feed also has, neither
    // touches nor cancels the AA meetings.
    let na = json!([{"name": "Just for Today NA", "slug": "anchor-tuesday-chicago", "day": 3,
        "time": "19:00", "location": "Hall", "formatted_address": "5 Oak Ave, Albany, NY 12207, USA"}]);
    let (_, other) = import(&planner, &na.to_string(), "fellowship=na").await;
    assert_eq!(counts(&other), [1, 0, 0, 0, 0], "{other}");
    let (_, tuesday) = planner.get(&format!("/api/v1/events/{tuesday_id}")).await;
    assert_eq!(tuesday["status"], "scheduled");
    assert_eq!(tuesday["title"], "Tuesday Night Big Book");
    let (_, aa_again) = import(&planner, &feed(), "fellowship=aa").await;
    assert_eq!(
        counts(&aa_again),
        [0, 0, importable - 1, 0, 0],
        "{aa_again}"
    );
}

/// A page's text without its tags.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

async fn the_cli_and_the_upload_form_import_a_feed(backend: Backend) {
    let importable = expected()["importable"].as_u64().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(backend, dir.path()).await;
    let file = dir.path().join("meetings.json");
    std::fs::write(&file, feed()).unwrap();
    let cli = |args: &[&str], stdin: &str| {
        let mut command = hearth();
        command
            .args(["import", "meeting-guide"])
            .args(args)
            .args(["--database-url", &url]);
        run(command, stdin)
    };
    let path = file.to_str().unwrap();

    let dry = cli(&[path, "--fellowship", "na", "--dry-run"], "");
    assert!(dry.status.success(), "{dry:?}");
    let out = stdout(&dry);
    assert!(out.starts_with("dry run: nothing was written\n"), "{out}");
    assert!(
        out.contains(&format!(
            "created {importable}, updated 0, unchanged 0, cancelled 0, restored 0, skipped 19\n"
        )),
        "{out}"
    );

    let real = cli(&["-", "--fellowship", "na"], &feed());
    assert!(real.status.success(), "{real:?}");
    let out = stdout(&real);
    assert!(out.starts_with(&format!("created {importable}, ")), "{out}");
    assert!(
        out.contains("(bad-day-7)\t`day` 7 is not a day of the week"),
        "{out}"
    );
    assert!(
        out.contains("(bad-timezone)\t`timezone` \"America/Atlantis\""),
        "{out}"
    );
    assert!(out.contains("types\t#"), "unknown codes are listed: {out}");

    let again = cli(&[path, "--fellowship", "na"], "");
    assert!(
        stdout(&again).starts_with(&format!(
            "created 0, updated 0, unchanged {importable}, cancelled 0"
        )),
        "{}",
        stdout(&again)
    );
    let bad = cli(&[path, "--fellowship", "xa"], "");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--fellowship"));
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, "<html>not json</html>").unwrap();
    let bad = cli(&[junk.to_str().unwrap()], "");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not valid JSON"));

    // The web form: staff upload the same file to a server.
    let app = TestApp::spawn(backend).await;
    let email = app.add_person(Role::RecreationStaff, "Rec Staff").await;
    let browser = app.browser_for();
    app.sign_in_with(&browser, &email, PASSWORD).await;
    let page = browser
        .get(app.url("/events/import"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("name=\"format\" value=\"meeting_guide\""));
    let csrf = tests::csrf_from_html(&page).unwrap();
    let upload = |file: String, dry_run: bool| {
        let mut form = reqwest::multipart::Form::new()
            .text("csrf_token", csrf.clone())
            .text("format", "meeting_guide")
            .text("fellowship", "aa")
            .part(
                "file",
                reqwest::multipart::Part::text(file)
                    .file_name("meetings.json")
                    .mime_str("application/json")
                    .unwrap(),
            );
        if dry_run {
            form = form.text("dry_run", "on");
        }
        browser
            .post(app.url("/events/import"))
            .header("origin", app.url(""))
            .multipart(form)
            .send()
    };
    let checked = upload(feed(), true).await.unwrap();
    assert_eq!(checked.status(), 200);
    let html = checked.text().await.unwrap();
    assert!(html.contains("Checked: nothing was changed"), "{html}");
    let done = upload(feed(), false).await.unwrap().text().await.unwrap();
    assert!(
        done.contains(&format!(
            "{importable} created, 0 updated, 0 unchanged, 0 cancelled, 0 restored, 19 not imported."
        )),
        "{done}"
    );
    assert!(done.contains("(bad-time-25)"), "skipped entries are listed");
    assert!(done.contains("ZZ, GSO"), "unknown codes are listed");
    let junk = upload("not json".into(), false).await.unwrap();
    assert_eq!(junk.status(), 422);
    assert!(junk.text().await.unwrap().contains("not valid JSON"));
}

async fn panel_contacts_reach_staff_only_and_first_names_reach_no_feed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let facility = app::db::facilities::first(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    app::db::facilities::set_public_feeds(&app.state.db, facility.id, true, true)
        .await
        .unwrap();
    let planner = api(&app).await;
    let start = Utc::now() + Duration::days(2);
    let (status, meeting) = planner
        .post(
            "/api/v1/events",
            json!({"kind": "twelve_step", "fellowship": "na", "venue": "on_site",
                   "meeting_types": ["O", "D", "BE"], "title": "Sunday NA meeting",
                   "location": "Chapel", "start": start.to_rfc3339(),
                   "end": (start + Duration::hours(1)).to_rfc3339(),
                   "rrule": "FREQ=WEEKLY;COUNT=6"}),
        )
        .await;
    assert_eq!(status, 201, "{meeting}");
    let id = meeting["id"].as_i64().unwrap();

    // Unique words, so a leak anywhere is found.
    let first = unique("Zed").replace(|c: char| c.is_ascii_digit(), "q");
    let second = unique("Quill").replace(|c: char| c.is_ascii_digit(), "x");
    let group = unique("Sunrise Group ");
    let phone = "+1 (555) 013-4477";
    let email = format!("{}@panel.example.org", unique("contact"));
    let notes = unique("Gate code ");
    let panel_path = format!("/api/v1/events/{id}/panel");

    // A full name is refused and nothing is stored.
    let (status, refused) = planner
        .send(
            reqwest::Method::PUT,
            &panel_path,
            Some(json!({"group": group, "members": [first, "Mike Rogers"]})),
        )
        .await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"]["field"], "members");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("looks like a full name")
    );
    let (status, _) = planner.get(&panel_path).await;
    assert_eq!(status, 404, "no panel yet");

    let (status, saved) = planner
        .send(
            reqwest::Method::PUT,
            &panel_path,
            Some(
                json!({"group": group, "members": [first, format!("{second} R.")],
                        "contact_phone": phone, "contact_email": email, "contact_notes": notes}),
            ),
        )
        .await;
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["contact"]["email"], email.as_str());

    // Off-site events have no panel.
    let (_, outing) = planner
        .post(
            "/api/v1/events",
            json!({"kind": "twelve_step", "fellowship": "aa", "venue": "off_site",
                   "title": "Van to town", "start": start.to_rfc3339(),
                   "end": (start + Duration::hours(1)).to_rfc3339()}),
        )
        .await;
    let (status, _) = planner
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/events/{}/panel", outing["id"]),
            Some(json!({"group": "x", "members": ["Dana"]})),
        )
        .await;
    assert_eq!(status, 422);

    // The change is audited by ids, without names or contacts.
    let audit = app::db::audit::recent(&app.state.db, facility.id, 10)
        .await
        .unwrap();
    let entry = audit
        .iter()
        .find(|a| a.action == "change meeting panel")
        .expect("audited");
    assert_eq!(entry.subject, format!("event {id}"));

    let secrets = [phone, "013-4477", email.as_str(), notes.as_str()];
    let names = [first.as_str(), second.as_str()];

    // A client: group and first names, never a contact.
    let (client_id, client_token) = app.client_with_token("Cora C.").await;
    let client = Api {
        app: &app,
        token: client_token.clone(),
    };
    let (status, seen) = client.get(&panel_path).await;
    assert_eq!(status, 200);
    assert_eq!(
        seen,
        json!({"group": group, "members": [first, format!("{second} R.")]})
    );
    let (status, _) = client.get(&format!("{panel_path}/contact")).await;
    assert_eq!(status, 403);
    let mut client_answers = vec![seen.to_string()];
    client_answers.push(
        client
            .get(&format!("/api/v1/events/{id}"))
            .await
            .1
            .to_string(),
    );
    client_answers.push(
        client
            .get(&format!("/api/v1/occurrences?{}", window()))
            .await
            .1
            .to_string(),
    );
    let (_, occurrences) = planner
        .get(&format!("/api/v1/occurrences?{}", window()))
        .await;
    let key = occurrences["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["event_id"] == id)
        .unwrap()["key"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, _) = client
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{client_id}"),
            Some(json!({"response": "going"})),
        )
        .await;
    assert_eq!(status, 200);

    // Pages: the client's carry the group and names but no contact; staff's
    // carry the contact.
    let client_email = app.add_person(Role::Client, "Page C.").await;
    let client_browser = app.browser_for();
    app.sign_in_with(&client_browser, &client_email, PASSWORD)
        .await;
    for path in [
        format!("/events/{id}"),
        format!("/events/{id}/occurrences/{key}"),
    ] {
        let html = client_browser
            .get(app.url(&path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains(&group) && html.contains(&first), "{path}");
        assert!(
            text_of(&html).contains("O Open · D Discussion · BE Newcomer"),
            "types with names on {path}"
        );
        client_answers.push(html);
    }
    for answer in &client_answers {
        for secret in secrets {
            assert!(!answer.contains(secret), "a client got {secret}");
        }
    }
    let staff_email = app.add_person(Role::Staff, "Page Staff").await;
    let staff_browser = app.browser_for();
    app.sign_in_with(&staff_browser, &staff_email, PASSWORD)
        .await;
    let html = staff_browser
        .get(app.url(&format!("/events/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&email) && html.contains(&notes),
        "staff see the contact"
    );
    assert!(!html.contains("panel-form"), "only planners get the form");

    // Feeds: facility, 12-step, per-event and the client's own feed carry
    // neither the panel's names nor its contact.
    let feed_token = app::services::auth::random_secret();
    app::db::feeds::replace_token(
        &app.state.db,
        app::domain::person::PersonId(client_id),
        &app::services::auth::hash_secret(&feed_token),
        app::domain::person::PersonId(client_id),
        Utc::now(),
    )
    .await
    .unwrap();
    let mut feeds = Vec::new();
    for path in [
        "/calendar.ics".to_owned(),
        "/calendar/twelve_step.ics".to_owned(),
        format!("/events/{id}.ics"),
    ] {
        let response = app.api.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let body = response.text().await.unwrap();
        assert!(body.contains("Sunday NA meeting"), "{path} has the meeting");
        feeds.push((path, body));
    }
    let personal = app
        .api
        .get(app.url(&format!("/feeds/{feed_token}.ics")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        personal.contains("Sunday NA meeting"),
        "the client is going"
    );
    feeds.push(("personal feed".to_owned(), personal));
    for (path, body) in &feeds {
        for word in names.iter().chain(secrets.iter()).chain([&group.as_str()]) {
            assert!(!body.contains(word), "{path} carries {word}");
        }
    }

    // The no-JavaScript form: a full name comes back at the field with
    // what was typed; a good one saves.
    let planner_email = app.add_person(Role::RecreationStaff, "Plan Staff").await;
    let planner_browser = app.browser_for();
    app.sign_in_with(&planner_browser, &planner_email, PASSWORD)
        .await;
    let page = planner_browser
        .get(app.url(&format!("/events/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("panel-form"));
    let csrf = tests::csrf_from_html(&page).unwrap();
    let post = |members: &str| {
        planner_browser
            .post(app.url("/fn/save_panel"))
            .header("accept", "text/html")
            .header("referer", app.url(&format!("/events/{id}")))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("event_id", &id.to_string()),
                ("group", "Sunrise Group of NA"),
                ("members", members),
                ("contact_phone", ""),
                ("contact_email", ""),
                ("contact_notes", ""),
            ])
            .send()
    };
    let refused = post("Dana\nMary Ann Smith").await.unwrap();
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("looks like a full name"), "{html}");
    assert!(html.contains("Mary Ann Smith"), "what was typed stays");
    let saved = post("Dana\nMike R.").await.unwrap();
    assert_eq!(saved.status(), 303);
    let (_, seen) = client.get(&panel_path).await;
    assert_eq!(seen["members"], json!(["Dana", "Mike R."]));
}
