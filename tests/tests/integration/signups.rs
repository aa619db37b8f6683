//! Potluck dish slots and volunteer tasks over HTTP: slots, claims by
//! people going, the alcohol refusal in the facility's words, release when
//! an RSVP stops being "going" or the person is discharged, the last unit
//! under contention, privacy of names, and the staff-only sheet.

use app::domain::person::Role;
use chrono::{Duration, SecondsFormat, Utc};
use serde_json::{Value, json};
use tests::{PASSWORD, TestApp, on_both_backends};

use crate::api_events::{Api, api};
use crate::privacy::secret_name;

on_both_backends!(
    planners_add_slots_and_people_going_claim_them,
    slots_fit_the_kind_of_event,
    a_dish_with_alcohol_is_refused_in_the_facilitys_words,
    claims_are_released_when_the_rsvp_stops_being_going_and_on_discharge,
    of_ten_people_claiming_the_last_dish_at_once_exactly_one_wins,
    clients_see_who_brings_what_only_where_the_event_shows_names,
    the_sign_up_sheet_is_for_staff_and_audited,
    a_page_drawn_again_shows_every_change_to_its_kept_rows,
);

fn at(hours: i64) -> String {
    (Utc::now() + Duration::hours(hours)).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Creates an event and answers (id, key of its first occurrence).
async fn event(planner: &Api<'_>, body: Value) -> (i64, String) {
    let (status, event) = planner.post("/api/v1/events", body).await;
    assert_eq!(status, 201, "{event}");
    let id = event["id"].as_i64().unwrap();
    let (_, list) = planner
        .get(&format!(
            "/api/v1/occurrences?from={}&to={}",
            at(-1),
            at(24 * 30)
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

fn potluck(extra: Value) -> Value {
    let mut body = json!({"kind": "potluck", "title": "Thanksgiving potluck",
                          "start": at(72), "end": at(75)});
    if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in extra {
            body.insert(k.clone(), v.clone());
        }
    }
    body
}

async fn send(
    app: &TestApp,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = app.api.request(method, app.url(path)).bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn rsvp(app: &TestApp, token: &str, id: i64, key: &str, person: i64, response: &str) {
    let (status, body) = send(
        app,
        token,
        reqwest::Method::PUT,
        &format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{person}"),
        Some(json!({"response": response})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

async fn add_slot(app: &TestApp, token: &str, id: i64, key: &str, body: Value) -> i64 {
    let (status, slot) = send(
        app,
        token,
        reqwest::Method::POST,
        &format!("/api/v1/events/{id}/occurrences/{key}/slots"),
        Some(body),
    )
    .await;
    assert_eq!(status, 201, "{slot}");
    slot["id"].as_i64().unwrap()
}

async fn claim(
    app: &TestApp,
    token: &str,
    id: i64,
    key: &str,
    slot: i64,
    body: Value,
) -> (u16, Value) {
    send(
        app,
        token,
        reqwest::Method::POST,
        &format!("/api/v1/events/{id}/occurrences/{key}/slots/{slot}/claims"),
        Some(body),
    )
    .await
}

async fn slots(app: &TestApp, token: &str, id: i64, key: &str) -> Value {
    let (status, list) = send(
        app,
        token,
        reqwest::Method::GET,
        &format!("/api/v1/events/{id}/occurrences/{key}/slots"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{list}");
    list
}

fn slot_of(list: &Value, slot: i64) -> Value {
    list["slots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == slot)
        .cloned()
        .unwrap_or_else(|| panic!("no slot {slot} in {list}"))
}

async fn audit_actions(app: &TestApp) -> Vec<(String, String)> {
    app::db::audit::recent(&app.state.db, 1, 500)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.subject))
        .collect()
}

async fn planners_add_slots_and_people_going_claim_them(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, key) = event(&planner, potluck(json!({"max_guests": 2}))).await;
    let (ana, ana_token) = app.client_with_token("Ana A.").await;
    let (ben, ben_token) = app.client_with_token("Ben B.").await;
    let staff = app.token_for_role(Role::Staff).await;

    let mains = add_slot(
        &app,
        &planner.token,
        id,
        &key,
        json!({"category": "main", "quantity": 2, "notes": "Feeds eight"}),
    )
    .await;
    let dessert = add_slot(
        &app,
        &planner.token,
        id,
        &key,
        json!({"category": "dessert"}),
    )
    .await;
    // Only planners make slots.
    let (status, _) = send(
        &app,
        &staff,
        reqwest::Method::POST,
        &format!("/api/v1/events/{id}/occurrences/{key}/slots"),
        Some(json!({"category": "side"})),
    )
    .await;
    assert_eq!(status, 403);
    let (status, body) = send(
        &app,
        &planner.token,
        reqwest::Method::POST,
        &format!("/api/v1/events/{id}/occurrences/{key}/slots"),
        Some(json!({"category": "main", "quantity": 0})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["field"], "quantity");

    // Not going yet: refused, clearly.
    let lasagna = json!({"dish": "Lasagna", "allergens": ["gluten", "dairy"]});
    let (status, body) = claim(&app, &ana_token, id, &key, mains, lasagna.clone()).await;
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["error"]["code"], "conflict");
    assert!(
        body["error"]["message"].as_str().unwrap().contains("Going"),
        "{body}"
    );
    rsvp(&app, &ana_token, id, &key, ana, "going").await;
    let (status, body) = claim(&app, &ana_token, id, &key, mains, lasagna.clone()).await;
    assert_eq!(status, 201, "{body}");
    let ana_claim = body["id"].as_i64().unwrap();
    let (status, _) = claim(&app, &ana_token, id, &key, mains, lasagna).await;
    assert_eq!(status, 409, "one claim per person and slot");

    // A client signs up only themselves; staff sign up a client who is going.
    let (status, _) = claim(
        &app,
        &ana_token,
        id,
        &key,
        dessert,
        json!({"dish": "Pie", "person_id": ben}),
    )
    .await;
    assert_eq!(status, 403);
    let (status, body) = claim(
        &app,
        &staff,
        id,
        &key,
        dessert,
        json!({"dish": "Apple pie", "person_id": ben}),
    )
    .await;
    assert_eq!(status, 409, "Ben is not going yet: {body}");
    rsvp(&app, &ben_token, id, &key, ben, "going").await;
    let (status, body) = claim(
        &app,
        &staff,
        id,
        &key,
        dessert,
        json!({"dish": "Apple pie", "allergens": ["gluten", "vegetarian"], "person_id": ben}),
    )
    .await;
    assert_eq!(status, 201, "{body}");

    let list = slots(&app, &ana_token, id, &key).await;
    assert_eq!(list["going"], 2);
    assert_eq!(list["headcount"], 2);
    assert_eq!(list["going_yourself"], true);
    let main = slot_of(&list, mains);
    assert_eq!(main["kind"], "dish");
    assert_eq!(main["category"], "main");
    assert_eq!(main["claimed"], 1);
    assert_eq!(main["still_needed"], 1);
    assert_eq!(main["notes"], "Feeds eight");
    assert_eq!(main["claims"][0]["dish"], "Lasagna");
    assert_eq!(main["claims"][0]["mine"], true);
    assert_eq!(main["claims"][0]["allergens"], json!(["gluten", "dairy"]));
    assert!(
        main["claims"][0]["person_id"].is_null(),
        "clients get no ids"
    );
    assert_eq!(slot_of(&list, dessert)["still_needed"], 0);

    // A slot cannot want fewer than are claimed; a dish stays a dish.
    let path = format!("/api/v1/events/{id}/occurrences/{key}/slots/{dessert}");
    let (status, body) = send(
        &app,
        &planner.token,
        reqwest::Method::PUT,
        &path,
        Some(json!({"category": "dessert", "quantity": 3, "notes": "Pies"})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["still_needed"], 2);
    let (status, body) = send(
        &app,
        &planner.token,
        reqwest::Method::PUT,
        &format!("/api/v1/events/{id}/occurrences/{key}/slots/{mains}"),
        Some(json!({"category": "cook", "quantity": 2})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = send(
        &app,
        &planner.token,
        reqwest::Method::DELETE,
        &format!("/api/v1/events/{id}/occurrences/{key}/slots/{mains}"),
        None,
    )
    .await;
    assert_eq!((status, body["released"].as_i64()), (200, Some(1)));

    // Withdrawing: one's own; another client's is refused.
    let (status, body) = claim(
        &app,
        &ana_token,
        id,
        &key,
        dessert,
        json!({"dish": "Brownies"}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let brownies = body["id"].as_i64().unwrap();
    let withdraw = |claim: i64| format!("/api/v1/events/{id}/occurrences/{key}/claims/{claim}");
    let (status, _) = send(
        &app,
        &ben_token,
        reqwest::Method::DELETE,
        &withdraw(brownies),
        None,
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = send(
        &app,
        &ana_token,
        reqwest::Method::DELETE,
        &withdraw(brownies),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = send(
        &app,
        &ana_token,
        reqwest::Method::DELETE,
        &withdraw(ana_claim),
        None,
    )
    .await;
    assert_eq!(status, 404, "released with its slot");
    let list = slots(&app, &ana_token, id, &key).await;
    assert_eq!(slot_of(&list, dessert)["claimed"], 1);

    let actions = audit_actions(&app).await;
    for action in ["claim signup", "withdraw signup", "release signups"] {
        assert!(
            actions.iter().any(|(a, _)| a == action),
            "{action} is audited: {actions:?}"
        );
    }
}

async fn slots_fit_the_kind_of_event(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (holiday, holiday_key) = event(
        &planner,
        json!({"kind": "holiday", "title": "Decorating the tree", "start": at(50), "end": at(53),
               "max_guests": 3, "capacity": 30}),
    )
    .await;
    let (meeting, meeting_key) = event(
        &planner,
        json!({"kind": "twelve_step", "title": "NA", "fellowship": "na", "start": at(60), "end": at(61)}),
    )
    .await;
    let path = |id: i64, key: &str| format!("/api/v1/events/{id}/occurrences/{key}/slots");
    let (status, body) = planner
        .post(&path(holiday, &holiday_key), json!({"category": "dessert"}))
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("potlucks"),
        "{body}"
    );
    let (status, body) = planner
        .post(&path(meeting, &meeting_key), json!({"category": "set_up"}))
        .await;
    assert_eq!(status, 422, "{body}");
    let decorate = add_slot(
        &app,
        &planner.token,
        holiday,
        &holiday_key,
        json!({"category": "decorate", "quantity": 4, "notes": "Tree and windows"}),
    )
    .await;

    // Family guests come along (counted against capacity); tasks take no dish.
    let (cara, cara_token) = app.client_with_token("Cara C.").await;
    let (status, body) = send(
        &app,
        &cara_token,
        reqwest::Method::PUT,
        &format!("/api/v1/events/{holiday}/occurrences/{holiday_key}/rsvps/{cara}"),
        Some(json!({"response": "going", "guests": 2})),
    )
    .await;
    assert_eq!((status, &body["state"]), (200, &json!("going")), "{body}");
    let (status, body) = claim(
        &app,
        &cara_token,
        holiday,
        &holiday_key,
        decorate,
        json!({"dish": "Rum punch", "contains_alcohol": true}),
    )
    .await;
    assert_eq!(status, 201, "a task is not a dish: {body}");
    let list = slots(&app, &cara_token, holiday, &holiday_key).await;
    assert_eq!(list["kinds"], json!(["task"]));
    assert_eq!(list["headcount"], 3);
    let task = slot_of(&list, decorate);
    assert_eq!(
        (task["kind"].as_str(), task["claimed"].as_i64()),
        (Some("task"), Some(1))
    );
    assert_eq!(task["claims"][0]["dish"], "");

    // The holiday page shows the volunteer tasks, the meeting none.
    let email = app.add_person(Role::RecreationStaff, "Pat Planner").await;
    app.sign_in(&email, PASSWORD).await;
    let html = app
        .browser
        .get(app.url(&format!("/events/{holiday}/occurrences/{holiday_key}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Volunteer tasks"), "{html}");
    assert!(html.contains("Tree and windows"));
    assert!(!html.contains("What to bring"));
    let html = app
        .browser
        .get(app.url(&format!("/events/{meeting}/occurrences/{meeting_key}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("Volunteer tasks"));
}

async fn a_dish_with_alcohol_is_refused_in_the_facilitys_words(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, key) = event(&planner, potluck(json!({}))).await;
    let dessert = add_slot(
        &app,
        &planner.token,
        id,
        &key,
        json!({"category": "dessert", "quantity": 5}),
    )
    .await;
    let (dana, dana_token) = app.client_with_token("Dana D.").await;
    rsvp(&app, &dana_token, id, &key, dana, "going").await;

    // The default wording first.
    let (status, body) = claim(
        &app,
        &dana_token,
        id,
        &key,
        dessert,
        json!({"dish": "Rum cake"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["field"], "dish");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Thank you for offering!"),
        "{body}"
    );

    // The admin words it on the settings page (a plain form post).
    let admin = app.add_person(Role::Admin, "Ada Admin").await;
    app.sign_in(&admin, PASSWORD).await;
    let token = app.csrf_token("/settings").await;
    let settings = app
        .browser
        .get(app.url("/settings"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        settings.contains("even cooked off"),
        "the settings page shows the wording"
    );
    let wording = "We keep a dry house, friend: please pick a dish without alcohol.";
    let response = app
        .post_form(
            "/fn/save_alcohol_refusal",
            "/settings",
            &[("csrf_token", token.as_str()), ("alcohol_refusal", wording)],
        )
        .await;
    assert_eq!(response.status(), 303);

    for body in [
        json!({"dish": "Tiramisu with marsala"}),
        json!({"dish": "Chocolate cake", "contains_alcohol": true}),
        json!({"dish": "BOURBON pecan pie"}),
    ] {
        let (status, answer) = claim(&app, &dana_token, id, &key, dessert, body.clone()).await;
        assert_eq!(status, 422, "{body}: {answer}");
        assert_eq!(answer["error"]["message"], wording);
    }
    for dish in ["Ginger snaps", "Rumaki", "Root beer floats"] {
        let (status, answer) =
            claim(&app, &dana_token, id, &key, dessert, json!({"dish": dish})).await;
        assert_eq!(status, 201, "{dish}: {answer}");
        let claim_id = answer["id"].as_i64().unwrap();
        let (status, _) = send(
            &app,
            &dana_token,
            reqwest::Method::DELETE,
            &format!("/api/v1/events/{id}/occurrences/{key}/claims/{claim_id}"),
            None,
        )
        .await;
        assert_eq!(status, 204);
    }

    // Without JavaScript the form comes back with the message at the box.
    let email = app.add_person(Role::Client, "Eve E.").await;
    let eve_token = app::services::auth::create_token(&app.state, &email, "tests")
        .await
        .unwrap();
    let (_, me) = send(&app, &eve_token, reqwest::Method::GET, "/api/v1/me", None).await;
    rsvp(
        &app,
        &eve_token,
        id,
        &key,
        me["id"].as_i64().unwrap(),
        "going",
    )
    .await;
    let browser = app.browser_for();
    app.sign_in_with(&browser, &email, PASSWORD).await;
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
        html.contains("Contains alcohol (even cooked off)"),
        "the claim form: {html}"
    );
    let csrf = tests::csrf_from_html(&html).unwrap();
    let response = browser
        .post(app.url("/fn/claim_slot"))
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", app.url(&page))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("id", &id.to_string()),
            ("key", &key),
            ("slot_id", &dessert.to_string()),
            ("dish", "Trifle"),
            ("allergens[]", "dairy"),
            ("contains_alcohol", "on"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(html.contains(wording), "the refusal is on the page");
    assert!(html.contains("value=\"Trifle\""), "what was typed stays");
}

async fn claims_are_released_when_the_rsvp_stops_being_going_and_on_discharge(
    backend: tests::Backend,
) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, key) = event(&planner, potluck(json!({}))).await;
    let sides = add_slot(
        &app,
        &planner.token,
        id,
        &key,
        json!({"category": "side", "quantity": 5}),
    )
    .await;
    let drinks = add_slot(
        &app,
        &planner.token,
        id,
        &key,
        json!({"category": "drinks", "quantity": 5}),
    )
    .await;
    let staff = app.token_for_role(Role::Staff).await;

    let mut people = Vec::new();
    for name in ["Fay F.", "Gus G.", "Hal H.", "Ivy I."] {
        let (person, token) = app.client_with_token(name).await;
        rsvp(&app, &token, id, &key, person, "going").await;
        let (status, body) = claim(
            &app,
            &token,
            id,
            &key,
            sides,
            json!({"dish": format!("{name} salad")}),
        )
        .await;
        assert_eq!(status, 201, "{body}");
        let (status, body) =
            claim(&app, &token, id, &key, drinks, json!({"dish": "Lemonade"})).await;
        assert_eq!(status, 201, "{body}");
        people.push((person, token));
    }
    let claimed = |list: &Value| {
        (
            slot_of(list, sides)["claimed"].as_i64().unwrap(),
            slot_of(list, drinks)["claimed"].as_i64().unwrap(),
        )
    };
    assert_eq!(
        claimed(&slots(&app, &planner.token, id, &key).await),
        (4, 4)
    );

    // Maybe, not going, removed: each releases that person's claims.
    rsvp(&app, &people[0].1, id, &key, people[0].0, "maybe").await;
    assert_eq!(
        claimed(&slots(&app, &planner.token, id, &key).await),
        (3, 3)
    );
    rsvp(&app, &people[1].1, id, &key, people[1].0, "not_going").await;
    assert_eq!(
        claimed(&slots(&app, &planner.token, id, &key).await),
        (2, 2)
    );
    let (status, _) = send(
        &app,
        &people[2].1,
        reqwest::Method::DELETE,
        &format!(
            "/api/v1/events/{id}/occurrences/{key}/rsvps/{}",
            people[2].0
        ),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let list = slots(&app, &planner.token, id, &key).await;
    assert_eq!(claimed(&list), (1, 1));
    // Still going (answering going again) keeps them.
    rsvp(&app, &people[3].1, id, &key, people[3].0, "going").await;
    assert_eq!(
        claimed(&slots(&app, &planner.token, id, &key).await),
        (1, 1)
    );

    // Discharge releases future RSVPs, and with them the dishes.
    let (status, body) = send(
        &app,
        &staff,
        reqwest::Method::POST,
        &format!("/api/v1/people/{}/discharge", people[3].0),
        None,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let list = slots(&app, &planner.token, id, &key).await;
    assert_eq!(claimed(&list), (0, 0));
    assert!(
        slot_of(&list, sides)["claims"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let released = audit_actions(&app)
        .await
        .into_iter()
        .filter(|(a, _)| a == "release signups")
        .count();
    assert_eq!(released, 4, "each release is audited");
}

async fn of_ten_people_claiming_the_last_dish_at_once_exactly_one_wins(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, key) = event(&planner, potluck(json!({}))).await;
    let turkey = add_slot(
        &app,
        &planner.token,
        id,
        &key,
        json!({"category": "main", "quantity": 1}),
    )
    .await;
    let mut people = Vec::new();
    for i in 0..10 {
        let (person, token) = app.client_with_token(&format!("Cook{i} C.")).await;
        rsvp(&app, &token, id, &key, person, "going").await;
        people.push(token);
    }
    let tasks: Vec<_> = people
        .into_iter()
        .enumerate()
        .map(|(i, token)| {
            let client = app.api.clone();
            let url = app.url(&format!(
                "/api/v1/events/{id}/occurrences/{key}/slots/{turkey}/claims"
            ));
            tokio::spawn(async move {
                let response = client
                    .post(url)
                    .bearer_auth(token)
                    .json(&json!({"dish": format!("Turkey {i}")}))
                    .send()
                    .await
                    .unwrap();
                let status = response.status().as_u16();
                let body: Value = response.json().await.unwrap();
                (status, body)
            })
        })
        .collect();
    let mut won = 0;
    for task in tasks {
        let (status, body) = task.await.unwrap();
        match status {
            201 => won += 1,
            409 => {
                assert_eq!(body["error"]["code"], "conflict", "{body}");
                assert!(
                    body["error"]["message"]
                        .as_str()
                        .unwrap()
                        .contains("last one"),
                    "{body}"
                );
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(won, 1);
    let list = slots(&app, &planner.token, id, &key).await;
    let slot = slot_of(&list, turkey);
    assert_eq!(slot["claimed"], 1);
    assert_eq!(slot["claims"].as_array().unwrap().len(), 1);
}

async fn clients_see_who_brings_what_only_where_the_event_shows_names(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let secret = secret_name();
    let first_name = secret.split(' ').next().unwrap().to_owned();
    let (hidden, hidden_key) = event(&planner, potluck(json!({}))).await;
    let (shown, shown_key) = event(
        &planner,
        potluck(json!({"title": "Names shown potluck", "show_names": true, "start": at(90), "end": at(92)})),
    )
    .await;
    let (secret_id, secret_token) = app.client_with_token(&secret).await;
    let other_email = app.add_person(Role::Client, "Other O.").await;
    let other_token = app::services::auth::create_token(&app.state, &other_email, "tests")
        .await
        .unwrap();
    let mut slot_ids = Vec::new();
    for (id, key) in [(hidden, &hidden_key), (shown, &shown_key)] {
        let slot = add_slot(
            &app,
            &planner.token,
            id,
            key,
            json!({"category": "side", "quantity": 3}),
        )
        .await;
        rsvp(&app, &secret_token, id, key, secret_id, "going").await;
        let (status, body) = claim(
            &app,
            &secret_token,
            id,
            key,
            slot,
            json!({"dish": "Secret family coleslaw", "allergens": ["eggs"]}),
        )
        .await;
        assert_eq!(status, 201, "{body}");
        slot_ids.push(slot);
    }
    // Someone's personal feed, for good measure: the claimer's own.
    let feed_token = app::services::auth::random_secret();
    app::db::feeds::replace_token(
        &app.state.db,
        app::domain::person::PersonId(secret_id),
        &app::services::auth::hash_secret(&feed_token),
        app::domain::person::PersonId(secret_id),
        Utc::now(),
    )
    .await
    .unwrap();

    // Another client: the dish, never the name, where names are hidden.
    let list = slots(&app, &other_token, hidden, &hidden_key).await;
    let text = list.to_string();
    assert!(text.contains("Secret family coleslaw"));
    assert!(!text.contains(&first_name), "{text}");
    let claim_out = &slot_of(&list, slot_ids[0])["claims"][0];
    assert!(claim_out["name"].is_null() && claim_out["person_id"].is_null());
    let browser = app.browser_for();
    app.sign_in_with(&browser, &other_email, PASSWORD).await;
    let html = browser
        .get(app.url(&format!("/events/{hidden}/occurrences/{hidden_key}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Secret family coleslaw"),
        "the dish is listed"
    );
    assert!(
        !html.contains(&first_name),
        "the name is not, nor in the page's data"
    );
    // Where staff show names: first name and last initial.
    let list = slots(&app, &other_token, shown, &shown_key).await;
    assert_eq!(slot_of(&list, slot_ids[1])["claims"][0]["name"], secret);
    // Staff see the name.
    let list = slots(&app, &planner.token, hidden, &hidden_key).await;
    assert_eq!(slot_of(&list, slot_ids[0])["claims"][0]["name"], secret);

    // No feed carries names or dishes.
    for path in [
        "/calendar.ics".to_owned(),
        "/calendar/potluck.ics".to_owned(),
        format!("/events/{hidden}.ics"),
        format!("/events/{shown}.ics"),
        format!("/feeds/{feed_token}.ics"),
    ] {
        let response = app.api.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let body = response.text().await.unwrap();
        assert!(body.contains("BEGIN:VCALENDAR"), "{path}");
        assert!(!body.contains(&first_name), "{path} names nobody");
        assert!(!body.contains("coleslaw"), "{path} lists no dishes");
    }
}

async fn the_sign_up_sheet_is_for_staff_and_audited(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let (id, key) = event(&planner, potluck(json!({}))).await;
    let slot = add_slot(
        &app,
        &planner.token,
        id,
        &key,
        json!({"category": "dessert", "quantity": 3, "notes": "Pies welcome"}),
    )
    .await;
    let secret = secret_name();
    let (person, token) = app.client_with_token(&secret).await;
    rsvp(&app, &token, id, &key, person, "going").await;
    let (status, _) = claim(
        &app,
        &token,
        id,
        &key,
        slot,
        json!({"dish": "Pumpkin pie", "allergens": ["nuts"]}),
    )
    .await;
    assert_eq!(status, 201);
    let path = format!("/events/{id}/occurrences/{key}/signups");

    let client_email = app.add_person(Role::Client, "Jo J.").await;
    let client = app.browser_for();
    app.sign_in_with(&client, &client_email, PASSWORD).await;
    let response = client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(response.status(), 403);
    assert!(!response.text().await.unwrap().contains(&secret));

    let staff_email = app.add_person(Role::Staff, "Sue Staff").await;
    app.sign_in(&staff_email, PASSWORD).await;
    let response = app.browser.get(app.url(&path)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains(&secret), "staff see the name");
    assert!(html.contains("Pumpkin pie") && html.contains("Nuts") && html.contains("Pies welcome"));
    assert_eq!(
        html.matches("class=\"blank\"").count(),
        2,
        "two lines to write on"
    );
    let actions = audit_actions(&app).await;
    let viewed: Vec<_> = actions
        .iter()
        .filter(|(a, _)| a == "view signup sheet")
        .collect();
    assert_eq!(viewed.len(), 1, "{actions:?}");
    assert!(
        !viewed[0].1.contains(&secret),
        "the audit log names ids only"
    );
}

/// Pages keep people, RSVP lists, rules, vans and sign-ups in memory while
/// the change clock stands still (`services::page_reads`): each kind of
/// change must show on the very next page.
async fn a_page_drawn_again_shows_every_change_to_its_kept_rows(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let planner = api(&app).await;
    let email = app.add_person(Role::RecreationStaff, "Kept Planner").await;
    let browser = app.browser_for();
    assert_eq!(
        app.sign_in_with(&browser, &email, PASSWORD).await.status(),
        303
    );
    let page = async |id: i64, key: &str| {
        crate::languages::page(&app, &browser, &format!("/events/{id}/occurrences/{key}")).await
    };

    // A potluck: a slot, an RSVP and its person, a claim, the claim withdrawn.
    let (id, key) = event(&planner, potluck(json!({}))).await;
    let before = page(id, &key).await;
    let slot = add_slot(
        &app,
        &planner.token,
        id,
        &key,
        json!({"category": "main", "notes": "Wisteria trays"}),
    )
    .await;
    assert!(
        page(id, &key).await.contains("Wisteria trays"),
        "a new slot"
    );
    let name = secret_name();
    let (ana, ana_token) = app.client_with_token(&name).await;
    rsvp(&app, &ana_token, id, &key, ana, "going").await;
    assert!(!before.contains(&name));
    assert!(
        page(id, &key).await.contains(&name),
        "a new RSVP and its person"
    );
    let (status, body) = claim(
        &app,
        &ana_token,
        id,
        &key,
        slot,
        json!({"dish": "Tamales de elote"}),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert!(
        page(id, &key).await.contains("Tamales de elote"),
        "a new claim"
    );
    let claim_id = body["id"].as_i64().unwrap();
    let (status, _) = send(
        &app,
        &ana_token,
        reqwest::Method::DELETE,
        &format!("/api/v1/events/{id}/occurrences/{key}/claims/{claim_id}"),
        None,
    )
    .await;
    assert!(status < 300, "withdrawn: {status}");
    assert!(
        !page(id, &key).await.contains("Tamales de elote"),
        "a withdrawn claim"
    );

    // An outing: its van and its rules.
    let (outing, outing_key) = event(
        &planner,
        json!({"kind": "outing", "title": "Museum trip", "venue": "off_site", "location": "City museum",
               "start": at(96), "end": at(100), "capacity": 20}),
    )
    .await;
    let _ = page(outing, &outing_key).await;
    for pickup in ["Side gate Q7", "Back lot Z9"] {
        let (status, body) = planner
            .send(
                reqwest::Method::PUT,
                &format!("/api/v1/events/{outing}/transport"),
                Some(json!({"van_seats": 6, "pickup_point": pickup})),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        assert!(
            page(outing, &outing_key).await.contains(pickup),
            "the van: {pickup}"
        );
    }
    for house in ["Juniper", "Sequoia"] {
        let (status, body) = planner
            .send(
                reqwest::Method::PUT,
                &format!("/api/v1/events/{outing}/rules"),
                Some(json!({"houses": [house]})),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        assert!(
            page(outing, &outing_key).await.contains(house),
            "the rules: {house}"
        );
    }
}
