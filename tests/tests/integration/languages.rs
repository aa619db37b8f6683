//! The language a person gets: their own choice (set by them, or by staff
//! for a client), the language switch for one session (and on a kiosk for
//! one client's session only), the browser's, the facility's; feeds in the
//! facility's language, their owner's, or the one a link asks for.

use app::domain::person::Role;
use app::i18n::Lang;
use reqwest::Client;
use tests::post_form_from as post;
use tests::{PASSWORD, TestApp, on_both_backends};

use crate::access::{client_with_pin, kiosk_browser, person_id, pin_sign_in};

on_both_backends!(
    a_person_reads_hearth_in_their_own_language_and_staff_choose_a_clients,
    the_language_switch_lasts_for_a_session_and_a_kiosk_forgets_it,
    feeds_speak_the_facility_language_their_owners_or_the_one_asked_for,
    pages_link_their_other_languages_and_printouts_follow_the_facility,
    a_facility_chooses_its_clock_and_the_first_day_of_its_weeks,
);

/// A browser that asks for English, as most here do.
fn english_browser() -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("accept", "text/html".parse().unwrap());
    headers.insert("accept-language", "en-US,en;q=0.9".parse().unwrap());
    Client::builder()
        .default_headers(headers)
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub async fn page(app: &TestApp, browser: &Client, path: &str) -> String {
    let answer = browser.get(app.url(path)).send().await.unwrap();
    assert_eq!(answer.status(), 200, "{path}");
    answer.text().await.unwrap()
}

/// The `lang` of a page's `<html>`.
fn html_lang(html: &str) -> &str {
    let start = html.find("<html lang=\"").expect("an html lang") + "<html lang=\"".len();
    &html[start..start + html[start..].find('"').unwrap()]
}

/// Posts the settings form as an admin's browser does, with the test
/// facility's values but for `changes`.
async fn save_settings(
    app: &TestApp,
    admin: &Client,
    changes: &[(&str, &str)],
) -> reqwest::Response {
    let mut fields = vec![
        ("name", "Test House"),
        ("timezone", tests::TEST_ZONE),
        ("retention_days", "30"),
        ("kiosk_idle_seconds", "60"),
        ("default_lang", "en"),
    ];
    for (name, value) in changes {
        match fields.iter_mut().find(|(n, _)| n == name) {
            Some(field) => field.1 = value,
            None => fields.push((name, value)),
        }
    }
    post(app, admin, "/settings", "/fn/save_settings", &fields).await
}

async fn signed_in(app: &TestApp, email: &str) -> Client {
    let browser = english_browser();
    assert_eq!(
        app.sign_in_with(&browser, email, PASSWORD).await.status(),
        303
    );
    browser
}

async fn a_person_reads_hearth_in_their_own_language_and_staff_choose_a_clients(
    backend: tests::Backend,
) {
    let app = TestApp::spawn(backend).await;
    let client_email = app.add_person(Role::Client, "Rosa M.").await;
    let client = person_id(&app, &client_email).await;
    let staff_email = app.add_person(Role::Staff, "Kim Floor").await;
    let staff = person_id(&app, &staff_email).await;

    // Her browser asks for English; she chooses Spanish on her own page.
    let rosa = signed_in(&app, &client_email).await;
    assert_eq!(html_lang(&page(&app, &rosa, "/me").await), "en");
    let own = client.0.to_string();
    let saved = post(
        &app,
        &rosa,
        "/me",
        "/fn/set_language",
        &[("person", &own), ("lang", "es")],
    )
    .await;
    assert_eq!(saved.status(), 303);
    let me = page(&app, &rosa, "/me").await;
    assert_eq!(html_lang(&me), "es");
    assert!(me.contains("Mis actividades"), "the page is in Spanish");
    assert!(me.contains("Idioma guardado."), "the flash too");
    // A new session keeps it: it is hers, not the browser's.
    let again = signed_in(&app, &client_email).await;
    assert_eq!(html_lang(&page(&app, &again, "/me").await), "es");

    // A language Hearth does not speak is refused and nothing changes.
    let refused = post(
        &app,
        &rosa,
        "/me",
        "/fn/set_language",
        &[("person", &own), ("lang", "fr")],
    )
    .await;
    assert_ne!(refused.status(), 303);
    let stored = app::db::people::get(&app.state.db, client)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.lang, Some(Lang::from_code("es").unwrap()));

    // A client cannot choose for staff.
    let other = staff.0.to_string();
    post(
        &app,
        &rosa,
        "/me",
        "/fn/set_language",
        &[("person", &other), ("lang", "es")],
    )
    .await;
    let kim = app::db::people::get(&app.state.db, staff)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kim.lang, None, "staff's language untouched");

    // Back to the browser's.
    post(
        &app,
        &rosa,
        "/me",
        "/fn/set_language",
        &[("person", &own), ("lang", "")],
    )
    .await;
    assert_eq!(html_lang(&page(&app, &rosa, "/me").await), "en");

    // Staff choose it for her from her page; their own pages stay English.
    let floor = signed_in(&app, &staff_email).await;
    let her_page = format!("/people/{}", client.0);
    assert!(
        page(&app, &floor, &her_page)
            .await
            .contains("data-testid=\"language-preference\"")
    );
    let chosen = post(
        &app,
        &floor,
        &her_page,
        "/fn/set_language",
        &[("person", &own), ("lang", "es")],
    )
    .await;
    assert_eq!(chosen.status(), 303);
    assert_eq!(html_lang(&page(&app, &floor, "/calendar").await), "en");
    assert_eq!(html_lang(&page(&app, &rosa, "/me").await), "es");
    let audit = page(
        &app,
        &signed_in(&app, &app.add_person(Role::Admin, "Ada Admin").await).await,
        "/audit",
    )
    .await;
    assert!(audit.contains("set language"), "an audit entry");
}

async fn the_language_switch_lasts_for_a_session_and_a_kiosk_forgets_it(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;

    // Signed out: the switch holds for this browser and goes back.
    let visitor = english_browser();
    assert_eq!(html_lang(&page(&app, &visitor, "/sign-in").await), "en");
    let switched = visitor
        .get(app.url("/lang?to=es&back=%2Fsign-in%3Fnext%3D%252Fme"))
        .send()
        .await
        .unwrap();
    assert_eq!(switched.status(), 303);
    assert_eq!(switched.headers()["location"], "/sign-in?next=%2Fme");
    let sign_in = page(&app, &visitor, "/sign-in").await;
    assert_eq!(html_lang(&sign_in), "es");
    assert!(sign_in.contains("Iniciar sesión"));
    // Never to another site; an unknown language is a clear 400.
    for elsewhere in ["//example.org/", "https://example.org/"] {
        let answer = visitor
            .get(app.url("/lang"))
            .query(&[("to", "es"), ("back", elsewhere)])
            .send()
            .await
            .unwrap();
        assert_eq!(answer.headers()["location"], "/", "{elsewhere}");
    }
    let unknown = visitor
        .get(app.url("/lang?to=xx&back=/"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 400);
    let body: serde_json::Value = unknown.json().await.unwrap();
    assert!(
        body["error"]["message"].as_str().unwrap().contains("xx"),
        "{body}"
    );

    // Signing in carries the choice onto the session, and only that one.
    let email = app.add_person(Role::Staff, "Lee Floor").await;
    assert_eq!(
        app.sign_in_with(&visitor, &email, PASSWORD).await.status(),
        303
    );
    assert_eq!(html_lang(&page(&app, &visitor, "/calendar").await), "es");
    let elsewhere = signed_in(&app, &email).await;
    assert_eq!(html_lang(&page(&app, &elsewhere, "/calendar").await), "en");
    let back = elsewhere
        .get(app.url("/lang?to=es&back=/calendar"))
        .send()
        .await
        .unwrap();
    assert_eq!(back.status(), 303);
    assert_eq!(html_lang(&page(&app, &elsewhere, "/calendar").await), "es");
    assert_eq!(
        app::db::people::by_email(&app.state.db, &email)
            .await
            .unwrap()
            .unwrap()
            .lang,
        None,
        "a session's switch is not the person's choice"
    );

    // A kiosk: the next client starts from the facility's language again.
    let (id, name) = client_with_pin(&app, "Ana P.", "583920").await;
    let kiosk = kiosk_browser(&app).await;
    post(&app, &kiosk, "/kiosk", "/fn/sign_out", &[]).await;
    assert!(
        page(&app, &kiosk, "/kiosk")
            .await
            .contains("Hello! Who are you?")
    );
    kiosk
        .get(app.url("/lang?to=es&back=/kiosk"))
        .send()
        .await
        .unwrap();
    assert!(
        page(&app, &kiosk, "/kiosk")
            .await
            .contains("¡Hola! ¿Quién eres?")
    );
    let signed = pin_sign_in(&app, &kiosk, id, "583920").await;
    assert_eq!(signed.status(), 303);
    let cleared = signed
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().starts_with("hearth_lang=;"));
    assert!(cleared, "the switch's cookie moves onto the session");
    let home = page(&app, &kiosk, "/kiosk/home").await;
    assert_eq!(html_lang(&home), "es");
    assert!(home.contains(&name));
    post(&app, &kiosk, "/kiosk/home", "/fn/sign_out", &[]).await;
    let next = page(&app, &kiosk, "/kiosk").await;
    assert_eq!(html_lang(&next), "en");
    assert!(next.contains("Hello! Who are you?"));
}

async fn fetch(app: &TestApp, path: &str) -> (String, String) {
    let answer = app.api.get(app.url(path)).send().await.unwrap();
    assert_eq!(answer.status(), 200, "{path}");
    let etag = answer.headers()["etag"].to_str().unwrap().to_owned();
    (etag, answer.text().await.unwrap())
}

async fn feeds_speak_the_facility_language_their_owners_or_the_one_asked_for(
    backend: tests::Backend,
) {
    let app = TestApp::spawn(backend).await;
    let (english_tag, english) = fetch(&app, "/calendar.ics").await;
    assert!(
        english.contains("X-WR-CALDESC:Events at Test House"),
        "{english}"
    );
    let (spanish_tag, spanish) = fetch(&app, "/calendar.ics?lang=es").await;
    assert!(
        spanish.contains("X-WR-CALDESC:Actividades de Test House"),
        "{spanish}"
    );
    assert_ne!(english_tag, spanish_tag);
    let (_, kind) = fetch(&app, "/calendar/outing.ics?lang=es").await;
    assert!(kind.contains("Actividades de Test House"));

    // An administrator makes Spanish the facility's language (the
    // settings form): the next answer of the same address is Spanish.
    let admin = signed_in(&app, &app.add_person(Role::Admin, "Ada Admin").await).await;
    let saved = save_settings(&app, &admin, &[("default_lang", "es")]).await;
    assert_eq!(saved.status(), 303);
    let (_, now_spanish) = fetch(&app, "/calendar.ics").await;
    assert!(
        now_spanish.contains("Actividades de Test House"),
        "no stale copy"
    );
    let (_, asked_english) = fetch(&app, "/calendar.ics?lang=en").await;
    assert!(asked_english.contains("Events at Test House"));

    // A personal feed: its owner's language, else the facility's.
    let (person, _) = app.client_with_token("Luz V.").await;
    let person = app::domain::person::PersonId(person);
    let token = app::services::auth::random_secret();
    app::db::feeds::replace_token(
        &app.state.db,
        person,
        &app::services::auth::hash_secret(&token),
        person,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let path = format!("/feeds/{token}.ics");
    let (_, facility_language) = fetch(&app, &path).await;
    assert!(facility_language.contains("X-WR-CALNAME:Test House: mis actividades"));
    app::db::people::set_lang(&app.state.db, person, Lang::from_code("en"))
        .await
        .unwrap();
    let (_, own) = fetch(&app, &path).await;
    assert!(own.contains("X-WR-CALNAME:Test House: my events"), "{own}");
    let (_, asked) = fetch(&app, &format!("{path}?lang=es")).await;
    assert!(asked.contains("mis actividades"));
}

async fn pages_link_their_other_languages_and_printouts_follow_the_facility(
    backend: tests::Backend,
) {
    let app = TestApp::spawn(backend).await;
    let visitor = english_browser();
    let home = page(&app, &visitor, "/sign-in?next=%2Fme").await;
    assert_eq!(html_lang(&home), "en");
    for (hreflang, query) in [
        ("es", "?next=%2Fme&amp;lang=es"),
        ("en", "?next=%2Fme&amp;lang=en"),
        ("x-default", "?next=%2Fme\""),
    ] {
        let link = format!("rel=\"alternate\" hreflang=\"{hreflang}\" href=\"");
        let at = home
            .find(&link)
            .unwrap_or_else(|| panic!("no {hreflang} alternate"));
        let href = &home[at + link.len()..];
        assert!(
            href[..href.find('>').unwrap()].contains(query),
            "{hreflang}: {}",
            &href[..80]
        );
    }
    assert_eq!(
        html_lang(&page(&app, &visitor, "/sign-in?lang=es").await),
        "es"
    );

    // The printable month is for the wall: the facility's language, not
    // the browser's (unless a link asks).
    let staff = signed_in(&app, &app.add_person(Role::Staff, "Kim Floor").await).await;
    assert_eq!(
        html_lang(&page(&app, &staff, "/calendar/print").await),
        "en"
    );
    let facility = app::db::facilities::first(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    app::db::facilities::set_policies(
        &app.state.db,
        facility.id,
        facility.retention_days,
        facility.kiosk_idle_seconds,
        Lang::from_code("es").unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(
        html_lang(&page(&app, &staff, "/calendar/print").await),
        "es"
    );
    assert_eq!(
        html_lang(&page(&app, &staff, "/calendar/print?lang=en").await),
        "en"
    );
    assert_eq!(
        html_lang(&page(&app, &staff, "/calendar").await),
        "en",
        "the browser's elsewhere"
    );
}

async fn a_facility_chooses_its_clock_and_the_first_day_of_its_weeks(backend: tests::Backend) {
    let app = TestApp::spawn(backend).await;
    let token = app.staff_token().await;
    let (status, created) = tests::send_json(
        &app,
        &token,
        reqwest::Method::POST,
        "/api/v1/events",
        serde_json::json!({"kind": "karaoke", "title": "Clock check",
            "start": "2027-01-06T19:00:00-05:00", "end": "2027-01-06T20:30:00-05:00"}),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let admin = signed_in(&app, &app.add_person(Role::Admin, "Ada Admin").await).await;
    let week = "/calendar?view=week&date=2027-01-06";

    // As before: 12-hour times, weeks from Sunday the 3rd to Saturday the 9th.
    let before = page(&app, &admin, week).await;
    assert!(before.contains("7:00 PM – 8:30 PM"), "{before}");
    assert!(before.contains("Sunday, January 3, 2027"));
    assert!(!before.contains("Sunday, January 10, 2027"));

    // A value the form does not offer is refused with a message, and
    // nothing changes.
    let refused = save_settings(&app, &admin, &[("clock", "25h"), ("first_day", "monday")]).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Choose 12-hour or 24-hour times."), "{html}");
    let refused = save_settings(&app, &admin, &[("clock", "24h"), ("first_day", "tuesday")]).await;
    assert_eq!(refused.status(), 422);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("Choose Sunday, Monday or Saturday.")
    );
    assert!(page(&app, &admin, week).await.contains("7:00 PM"));

    assert_eq!(
        save_settings(&app, &admin, &[("clock", "24h"), ("first_day", "monday")])
            .await
            .status(),
        303
    );
    let after = page(&app, &admin, week).await;
    assert!(after.contains("19:00 – 20:30"), "{after}");
    assert!(!after.contains("7:00 PM"));
    assert!(
        !after.contains("Sunday, January 3, 2027"),
        "the week runs Monday to Sunday"
    );
    assert!(after.contains("Sunday, January 10, 2027"));
    // Every language writes the facility's clock; the printable month's
    // first column is Monday.
    let spanish = page(&app, &admin, &format!("{week}&lang=es")).await;
    assert!(spanish.contains("19:00 – 20:30"));
    let print = page(&app, &admin, "/calendar/print?date=2027-01-01").await;
    let first_column = print.find("<th scope=\"col\">").expect("a weekday header");
    assert!(
        print[first_column..].starts_with("<th scope=\"col\"><abbr title=\"Monday\">"),
        "{}",
        &print[first_column..first_column + 80]
    );
    // The settings page shows the choice back.
    let settings = page(&app, &admin, "/settings").await;
    assert!(
        settings.contains("<option value=\"24h\" selected"),
        "{settings}"
    );
    assert!(settings.contains("<option value=\"monday\" selected"));
}
