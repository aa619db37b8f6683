//! The `hearth` binary as an operator uses it: add a user, create a token,
//! start the server from another directory, use the API, stop it.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tests::{Backend, on_both_backends};

on_both_backends!(
    an_operator_adds_a_user_creates_a_token_and_uses_the_api,
    the_cli_refuses_bad_input_with_a_message,
    client_names_never_reach_the_logs,
    an_operator_closes_every_door_from_the_command_line,
);

/// The `hearth` binary built next to this test (`make test` builds it first).
pub(crate) fn hearth() -> Command {
    let path = std::env::var("HEARTH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            let exe = std::env::current_exe().expect("test binary path");
            exe.parent()
                .and_then(|deps| deps.parent())
                .expect("target dir")
                .join("hearth")
        });
    assert!(
        path.exists(),
        "{} is missing: build it with `cargo build -p server --bin hearth` (make test does)",
        path.display()
    );
    let mut command = Command::new(path);
    command
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "info")
        .env("HEARTH_FACILITY_TIMEZONE", "America/Chicago");
    command
}

pub(crate) async fn database_url(backend: Backend, dir: &std::path::Path) -> String {
    match backend {
        Backend::Sqlite => format!("sqlite://{}", dir.join("ops.db").display()),
        Backend::Postgres => tests::postgres::fresh_database().await,
    }
}

pub(crate) fn run(mut command: Command, stdin: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hearth runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().expect("hearth finishes")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).trim().to_owned()
}

/// Starts `hearth serve` and returns it with the URL it announced.
fn serve(database_url: &str, cwd: &std::path::Path) -> (Child, String) {
    let mut child = hearth()
        .current_dir(cwd)
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--database-url",
            database_url,
        ])
        .env("HEARTH_FACILITY_TIMEZONE", "America/Chicago")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hearth serve starts");
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let deadline = Instant::now() + Duration::from_secs(30);
    let url = loop {
        assert!(
            Instant::now() < deadline,
            "hearth serve did not announce its URL"
        );
        let line = lines.next().expect("a log line").expect("utf-8");
        if let Some(rest) = line.split("url=").nth(1) {
            break rest.split_whitespace().next().unwrap().to_owned();
        }
    };
    // Keep draining the log so the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (child, url)
}

async fn an_operator_adds_a_user_creates_a_token_and_uses_the_api(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(backend, dir.path()).await;

    let migrate = run(
        {
            let mut c = hearth();
            c.args(["migrate", "--database-url", &url]);
            c
        },
        "",
    );
    assert!(migrate.status.success(), "{}", text(&migrate.stderr));

    let added = run(
        {
            let mut c = hearth();
            c.args([
                "user",
                "add",
                "--role",
                "recreation-staff",
                "--name",
                "Casey Ops",
                "--email",
                "casey@example.org",
                "--password-stdin",
                "--database-url",
                &url,
            ]);
            c
        },
        "a long enough password\n",
    );
    assert!(added.status.success(), "{}", text(&added.stderr));
    let id: i64 = text(&added.stdout).parse().expect("prints the new id");
    assert!(id > 0);

    let created = run(
        {
            let mut c = hearth();
            c.args([
                "token",
                "create",
                "--email",
                "casey@example.org",
                "--database-url",
                &url,
            ]);
            c
        },
        "",
    );
    assert!(created.status.success(), "{}", text(&created.stderr));
    let token = text(&created.stdout);
    assert!(token.starts_with("hearth_") && token.len() > 60, "{token}");

    let elsewhere = tempfile::tempdir().unwrap();
    let (mut server, base) = serve(&url, elsewhere.path());
    let client = reqwest::Client::new();
    assert_eq!(
        client
            .get(format!("{base}/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        client
            .get(format!("{base}/readyz"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let home = client
        .get(format!("{base}/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("/pkg/hearth.js"));
    let response = client
        .post(format!("{base}/api/v1/events"))
        .bearer_auth(&token)
        .json(&json!({
            "kind": "outing",
            "title": "Museum trip",
            "start": "2026-12-09T13:00:00-06:00",
            "end": "2026-12-09T16:00:00-06:00"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let event: Value = response.json().await.unwrap();
    assert_eq!(
        event["timezone"], "America/Chicago",
        "the facility's zone from first start"
    );

    // SIGTERM: the server drains and exits cleanly.
    let killed = Command::new("kill")
        .arg("-TERM")
        .arg(server.id().to_string())
        .status()
        .unwrap();
    assert!(killed.success());
    let status = server.wait().unwrap();
    assert!(status.success(), "graceful shutdown exits 0, got {status}");
}

async fn the_cli_refuses_bad_input_with_a_message(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(backend, dir.path()).await;
    let add = |role: &str, email: &str, password: &str| {
        run(
            {
                let mut c = hearth();
                c.args([
                    "user",
                    "add",
                    "--role",
                    role,
                    "--name",
                    "Sky Test",
                    "--email",
                    email,
                    "--password-stdin",
                    "--database-url",
                    &url,
                ]);
                c
            },
            password,
        )
    };
    let wizard = add("wizard", "sky@example.org", "a long enough password");
    assert!(!wizard.status.success());
    assert!(
        text(&wizard.stderr).contains("\"wizard\" is not a role"),
        "{}",
        text(&wizard.stderr)
    );

    let short = add("staff", "sky@example.org", "short");
    assert!(!short.status.success());
    assert!(text(&short.stderr).contains("--password: Use a password of at least 10 characters."));

    let bad_email = add("staff", "not-an-email", "a long enough password");
    assert!(!bad_email.status.success());
    assert!(text(&bad_email.stderr).contains("is not an e-mail address"));

    assert!(
        add("admin", "sky@example.org", "a long enough password")
            .status
            .success()
    );
    let again = add("staff", "SKY@example.org", "a long enough password");
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );

    // A client with an e-mail someone already has: the message names --email.
    let client = run(
        {
            let mut c = hearth();
            c.args([
                "user",
                "add",
                "--role",
                "client",
                "--name",
                "Sky T.",
                "--email",
                "sky@example.org",
                "--database-url",
                &url,
            ]);
            c
        },
        "",
    );
    assert!(!client.status.success());
    assert!(
        text(&client.stderr).contains("--email: That e-mail or sign-in name is taken"),
        "{}",
        text(&client.stderr)
    );

    let token = run(
        {
            let mut c = hearth();
            c.args([
                "token",
                "create",
                "--email",
                "nobody@example.org",
                "--database-url",
                &url,
            ]);
            c
        },
        "",
    );
    assert!(!token.status.success());
    assert!(text(&token.stderr).contains("No account has the e-mail nobody@example.org."));

    let broken = run(
        {
            let mut c = hearth();
            c.args(["migrate", "--database-url", "mysql://nope"]);
            c
        },
        "",
    );
    assert!(!broken.status.success());
    assert!(text(&broken.stderr).starts_with("hearth: "));

    // The facility's clock and first day: a bad value changes nothing, a
    // good one is printed back.
    let set = |options: &[&str]| {
        let mut c = hearth();
        c.args(["facility", "set"]).args(options);
        c.args(["--database-url", &url]);
        run(c, "")
    };
    let bad = set(&["--clock", "25h", "--first-day", "monday"]);
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("--clock: use 12h or 24h"),
        "{}",
        text(&bad.stderr)
    );
    let bad = set(&["--first-day", "tuesday"]);
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("--first-day: use sunday, monday or saturday"));
    let good = set(&["--clock", "24h", "--first-day", "Monday"]);
    assert!(good.status.success(), "{}", text(&good.stderr));
    assert!(
        text(&good.stdout).contains("clock 24h\tweeks from monday"),
        "{}",
        text(&good.stdout)
    );
}

/// Runs the real binary with info-level logs, walks a client through the
/// RSVP, roster, attendance and discharge paths, and reads every log line.
async fn client_names_never_reach_the_logs(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(backend, dir.path()).await;
    let admin = run(
        {
            let mut c = hearth();
            c.args([
                "user",
                "add",
                "--role",
                "admin",
                "--name",
                "Ada Admin",
                "--email",
                "ada@example.org",
                "--password-stdin",
                "--database-url",
                &url,
            ]);
            c
        },
        "a long enough password\n",
    );
    assert!(admin.status.success(), "{}", text(&admin.stderr));
    let token = text(
        &run(
            {
                let mut c = hearth();
                c.args([
                    "token",
                    "create",
                    "--email",
                    "ada@example.org",
                    "--database-url",
                    &url,
                ]);
                c
            },
            "",
        )
        .stdout,
    );
    let log_path = dir.path().join("server.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut server = hearth()
        .current_dir(dir.path())
        .args(["serve", "--addr", "127.0.0.1:0", "--database-url", &url])
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::from(log))
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let base = loop {
        assert!(Instant::now() < deadline, "no URL announced");
        let text = std::fs::read_to_string(&log_path).unwrap_or_default();
        if let Some(rest) = text.split("url=").nth(1) {
            break rest.split_whitespace().next().unwrap().to_owned();
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let secret = crate::privacy::secret_name();
    let first = secret.split(' ').next().unwrap().to_owned();
    let client = reqwest::Client::new();
    let call = |method: reqwest::Method, path: String, body: Option<Value>| {
        let client = client.clone();
        let url = format!("{base}{path}");
        let token = token.clone();
        async move {
            let mut request = client.request(method, url).bearer_auth(token);
            if let Some(body) = body {
                request = request.json(&body);
            }
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            (
                status,
                response.json::<Value>().await.unwrap_or(Value::Null),
            )
        }
    };
    let (status, person) = call(
        reqwest::Method::POST,
        "/api/v1/people".into(),
        Some(json!({"name": secret})),
    )
    .await;
    assert_eq!(status, 201, "{person}");
    let person = person["id"].as_i64().unwrap();
    let start = (chrono::Utc::now() + chrono::Duration::hours(2)).to_rfc3339();
    let end = (chrono::Utc::now() + chrono::Duration::hours(3)).to_rfc3339();
    let (status, event) = call(
        reqwest::Method::POST,
        "/api/v1/events".into(),
        Some(json!({"kind": "twelve_step", "title": "NA", "fellowship": "na", "start": start, "end": end})),
    )
    .await;
    assert_eq!(status, 201, "{event}");
    let id = event["id"].as_i64().unwrap();
    let (_, list) = call(reqwest::Method::GET, "/api/v1/occurrences".into(), None).await;
    let key = list["occurrences"][0]["key"].as_str().unwrap().to_owned();
    let rsvp = format!("/api/v1/events/{id}/occurrences/{key}/rsvps/{person}");
    assert_eq!(
        call(
            reqwest::Method::PUT,
            rsvp.clone(),
            Some(json!({"response": "going"}))
        )
        .await
        .0,
        200
    );
    assert_eq!(
        call(
            reqwest::Method::GET,
            format!("/api/v1/events/{id}/occurrences/{key}/rsvps"),
            None
        )
        .await
        .0,
        200
    );
    let attendance = json!({"person_id": person, "code": "attended"});
    assert_eq!(
        call(
            reqwest::Method::POST,
            format!("/api/v1/events/{id}/occurrences/{key}/attendance"),
            Some(attendance)
        )
        .await
        .0,
        204
    );
    assert_eq!(
        call(
            reqwest::Method::POST,
            format!("/api/v1/people/{person}/discharge"),
            None
        )
        .await
        .0,
        200
    );

    Command::new("kill")
        .arg("-TERM")
        .arg(server.id().to_string())
        .status()
        .unwrap();
    server.wait().unwrap();
    let logs = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        logs.contains("RSVP") && logs.contains("client discharged"),
        "the paths were logged: {logs}"
    );
    assert!(
        !logs.contains(&first),
        "a client's name reached the log:\n{logs}"
    );
}

/// `user list|disable|enable|reset-password`, `token list|revoke`, `session
/// revoke`, `kiosk list|revoke|unlock` as an operator types them.
async fn an_operator_closes_every_door_from_the_command_line(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(backend, dir.path()).await;
    let hearth_with = |args: &[&str], stdin: &str| {
        let mut c = hearth();
        c.args(args).args(["--database-url", &url]);
        run(c, stdin)
    };
    let ok = |out: &Output| {
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    ok(&hearth_with(&["migrate"], ""));
    ok(&hearth_with(
        &[
            "user",
            "add",
            "--role",
            "staff",
            "--name",
            "Dale Door",
            "--email",
            "dale@example.org",
            "--password-stdin",
        ],
        "a long enough password\n",
    ));
    ok(&hearth_with(
        &[
            "token",
            "create",
            "--email",
            "dale@example.org",
            "--label",
            "old laptop",
        ],
        "",
    ));

    let tokens = ok(&hearth_with(&["token", "list"], ""));
    assert!(
        tokens.contains("Dale Door\told laptop") && tokens.contains("live"),
        "{tokens}"
    );
    assert!(!tokens.contains("hearth_"), "never the token itself");
    let id = tokens
        .lines()
        .nth(1)
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_owned();
    ok(&hearth_with(&["token", "revoke", &id], ""));
    assert!(ok(&hearth_with(&["token", "list"], "")).contains("revoked"));
    let again = hearth_with(&["token", "revoke", &id], "");
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("no live API token"),
        "{}",
        text(&again.stderr)
    );

    assert!(
        ok(&hearth_with(
            &["user", "disable", "--email", "dale@example.org"],
            ""
        ))
        .contains("is disabled")
    );
    assert!(ok(&hearth_with(&["user", "list"], "")).contains("disabled\tDale Door"));
    ok(&hearth_with(
        &["user", "enable", "--email", "dale@example.org"],
        "",
    ));
    assert!(ok(&hearth_with(&["user", "list"], "")).contains("active\tDale Door"));
    let temporary = ok(&hearth_with(
        &["user", "reset-password", "--email", "dale@example.org"],
        "",
    ));
    assert_eq!(temporary.len(), 19, "{temporary}");
    assert!(
        ok(&hearth_with(
            &["session", "revoke", "--email", "dale@example.org"],
            ""
        ))
        .contains("signed out everywhere")
    );
    let nobody = hearth_with(&["user", "disable", "--email", "nobody@example.org"], "");
    assert!(!nobody.status.success());
    assert!(text(&nobody.stderr).contains("no account signs in as nobody@example.org"));

    assert!(ok(&hearth_with(&["kiosk", "list"], "")).starts_with("id\tname"));
    for action in ["revoke", "unlock"] {
        let missing = hearth_with(&["kiosk", action, "99"], "");
        assert!(!missing.status.success());
        assert!(
            text(&missing.stderr).contains("no enrolled kiosk has the id 99"),
            "{}",
            text(&missing.stderr)
        );
    }
}
