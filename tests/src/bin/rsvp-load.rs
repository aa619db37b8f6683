//! A load generator for RSVPs under contention, against the real server over
//! HTTP, on SQLite and on PostgreSQL.
//!
//! The server runs on its own Tokio runtime (as `hearth serve` would); the
//! load runs on another, with a fixed number of requests in flight. Two
//! phases per backend:
//!
//! 1. **rush** — every client answers "going" to the same small outing at
//!    once: the worst case, every request fights for one seat counter.
//! 2. **mixed** — clients change their answers (going, maybe, not going,
//!    with guests) across a handful of events, so cancellations promote
//!    people off waitlists while others join.
//!
//! After each phase it checks the outcome through the API (nobody over
//! capacity, waitlist positions 1..n with no gaps) and exits non-zero if
//! anything is wrong, so a fast but broken run cannot look like a result.
//!
//! ```text
//! cargo run --release -p tests --bin rsvp-load -- [--backend sqlite|postgres|both]
//!     [--clients 400] [--concurrency 32] [--capacity 25] [--events 5] [--mixed 4000]
//! ```

use std::process::ExitCode;
use std::time::{Duration, Instant};

use app::domain::person::Role;
use chrono::{SecondsFormat, Utc};
use rand::Rng;
use serde_json::{Value, json};
use tests::{Backend, TestApp};
use tokio::sync::Semaphore;

#[derive(Debug, Clone)]
struct Options {
    backends: Vec<Backend>,
    clients: usize,
    concurrency: usize,
    capacity: u32,
    events: usize,
    mixed: usize,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        backends: vec![Backend::Sqlite, Backend::Postgres],
        clients: 400,
        concurrency: 32,
        capacity: 25,
        events: 5,
        mixed: 4000,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |text: String| {
            text.parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("{flag}: \"{text}\" is not a positive whole number"))
        };
        match flag.as_str() {
            "--backend" => {
                options.backends = match value()?.as_str() {
                    "sqlite" => vec![Backend::Sqlite],
                    "postgres" => vec![Backend::Postgres],
                    "both" => vec![Backend::Sqlite, Backend::Postgres],
                    other => return Err(format!("--backend: unknown backend \"{other}\"")),
                }
            }
            "--clients" => options.clients = number(value()?)?,
            "--concurrency" => options.concurrency = number(value()?)?,
            "--capacity" => {
                options.capacity = u32::try_from(number(value()?)?)
                    .map_err(|_| "--capacity is too large".to_owned())?
            }
            "--events" => options.events = number(value()?)?,
            "--mixed" => options.mixed = number(value()?)?,
            "-h" | "--help" => {
                println!(
                    "usage: rsvp-load [--backend sqlite|postgres|both] [--clients N] \
                     [--concurrency N] [--capacity N] [--events N] [--mixed N]"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument \"{other}\" (try --help)")),
        }
    }
    Ok(options)
}

/// The allocator of the `hearth` binary, so that the server measured here
/// runs as it does there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("rsvp-load: {message}");
            return ExitCode::from(2);
        }
    };
    println!(
        "{} clients, {} requests in flight, capacity {} per event\n",
        options.clients, options.concurrency, options.capacity
    );
    println!(
        "| backend | phase | requests | refused | seconds | requests/s | p50 ms | p95 ms | p99 ms | max ms |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut ok = true;
    for backend in options.backends.clone() {
        if let Err(message) = run_backend(backend, &options) {
            eprintln!("rsvp-load: {backend:?}: {message}");
            ok = false;
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn runtime(threads: usize) -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
        .expect("a Tokio runtime")
}

fn run_backend(backend: Backend, options: &Options) -> Result<(), String> {
    // The server gets its own runtime, like `hearth serve`; the load runs on
    // the caller's. Both share the machine's cores, as they would on a
    // one-box install with a kiosk and phones hitting it.
    let server = runtime(2);
    let app = server.block_on(TestApp::spawn(backend));
    let load = runtime(2);
    let result = load.block_on(drive(&app, backend, options));
    drop(app);
    server.shutdown_timeout(Duration::from_secs(5));
    result
}

struct Event {
    id: i64,
    key: String,
}

async fn drive(app: &TestApp, backend: Backend, options: &Options) -> Result<(), String> {
    let planner = app.staff_token().await;
    let staff = app.token_for_role(Role::Staff).await;
    let mut events = Vec::new();
    for n in 0..options.events {
        events.push(create_event(app, &planner, n, options.capacity).await?);
    }
    let mut clients = Vec::with_capacity(options.clients);
    for i in 0..options.clients {
        clients.push(app.client_with_token(&format!("Load{i} L.")).await);
    }
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(options.concurrency)
        .build()
        .map_err(|e| e.to_string())?;

    // Phase 1: everyone wants the first event's seats at once.
    let rush: Vec<Request> = clients
        .iter()
        .map(|(person, token)| Request {
            url: rsvp_url(app, &events[0], *person),
            token: token.clone(),
            body: json!({"response": "going"}),
        })
        .collect();
    let stats = fire(&client, rush, options.concurrency).await?;
    report(backend, "rush", &stats);
    verify(app, &client, &staff, &events[..1], options.capacity).await?;

    // Phase 2: answers change across all events.
    let mut rng = rand::rng();
    let mixed: Vec<Request> = (0..options.mixed)
        .map(|_| {
            let (person, token) = &clients[rng.random_range(0..clients.len())];
            let event = &events[rng.random_range(0..events.len())];
            let body = match rng.random_range(0..10) {
                0..=4 => json!({"response": "going", "guests": rng.random_range(0..=1)}),
                5..=6 => json!({"response": "maybe"}),
                _ => json!({"response": "not_going"}),
            };
            Request {
                url: rsvp_url(app, event, *person),
                token: token.clone(),
                body,
            }
        })
        .collect();
    let stats = fire(&client, mixed, options.concurrency).await?;
    report(backend, "mixed", &stats);
    verify(app, &client, &staff, &events, options.capacity).await
}

async fn create_event(
    app: &TestApp,
    token: &str,
    n: usize,
    capacity: u32,
) -> Result<Event, String> {
    let day = (Utc::now() + chrono::Duration::days(3 + n as i64)).date_naive();
    let at = |hour| {
        day.and_hms_opt(hour, 0, 0)
            .expect("a valid hour")
            .and_utc()
            .to_rfc3339_opts(SecondsFormat::Secs, true)
    };
    let response = app
        .api
        .post(app.url("/api/v1/events"))
        .bearer_auth(token)
        .json(&json!({
            "kind": "outing", "title": format!("Outing {n}"),
            "start": at(18), "end": at(21), "capacity": capacity, "max_guests": 2,
        }))
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let event: Value = response.json().await.map_err(|e| e.to_string())?;
    let id = event["id"]
        .as_i64()
        .ok_or(format!("no event created: {event}"))?;
    let list: Value = app
        .api
        .get(app.url(&format!("/api/v1/occurrences?from={}&to={}", at(0), at(23))))
        .bearer_auth(token)
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    let key = list["occurrences"]
        .as_array()
        .and_then(|all| all.iter().find(|o| o["event_id"] == id))
        .and_then(|o| o["key"].as_str())
        .ok_or(format!("event {id} has no occurrence: {list}"))?;
    Ok(Event {
        id,
        key: key.to_owned(),
    })
}

fn rsvp_url(app: &TestApp, event: &Event, person: i64) -> String {
    app.url(&format!(
        "/api/v1/events/{}/occurrences/{}/rsvps/{person}",
        event.id, event.key
    ))
}

struct Request {
    url: String,
    token: String,
    body: Value,
}

struct Stats {
    elapsed: Duration,
    latencies: Vec<Duration>,
    /// Answered 409: more guests than seats left.
    refused: usize,
}

/// Sends every request with at most `concurrency` in flight; any answer but
/// 200, or 409 for guests that do not fit, is an error.
async fn fire(
    client: &reqwest::Client,
    requests: Vec<Request>,
    concurrency: usize,
) -> Result<Stats, String> {
    let permits = std::sync::Arc::new(Semaphore::new(concurrency));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(requests.len());
    for request in requests {
        let permit = permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|e| e.to_string())?;
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            let sent = Instant::now();
            let response = client
                .put(&request.url)
                .bearer_auth(&request.token)
                .json(&request.body)
                .send()
                .await
                .map_err(|e| e.to_string())?;
            let status = response.status();
            let text = response.text().await.map_err(|e| e.to_string())?;
            drop(permit);
            match status.as_u16() {
                200 => Ok((sent.elapsed(), false)),
                // Asking for guests when the seats are gone is refused, and
                // changes nothing: a correct answer under contention.
                409 if text.contains("\"conflict\"") => Ok((sent.elapsed(), true)),
                _ => Err(format!("{} answered {status}: {text}", request.url)),
            }
        }));
    }
    let mut latencies = Vec::with_capacity(tasks.len());
    let mut refused = 0;
    for task in tasks {
        let (latency, was_refused) = task.await.map_err(|e| e.to_string())??;
        latencies.push(latency);
        refused += usize::from(was_refused);
    }
    Ok(Stats {
        elapsed: started.elapsed(),
        latencies,
        refused,
    })
}

fn report(backend: Backend, phase: &str, stats: &Stats) {
    let mut sorted = stats.latencies.clone();
    sorted.sort();
    let at = |q: f64| {
        let i = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1;
        sorted[i].as_secs_f64() * 1000.0
    };
    let seconds = stats.elapsed.as_secs_f64();
    println!(
        "| {} | {phase} | {} | {} | {seconds:.2} | {:.0} | {:.1} | {:.1} | {:.1} | {:.1} |",
        match backend {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        },
        sorted.len(),
        stats.refused,
        sorted.len() as f64 / seconds,
        at(0.50),
        at(0.95),
        at(0.99),
        at(1.0),
    );
}

/// Nobody over capacity (counting guests), and each waitlist numbered 1..n.
async fn verify(
    app: &TestApp,
    client: &reqwest::Client,
    staff: &str,
    events: &[Event],
    capacity: u32,
) -> Result<(), String> {
    for event in events {
        let url = app.url(&format!(
            "/api/v1/events/{}/occurrences/{}/rsvps",
            event.id, event.key
        ));
        let roster: Value = client
            .get(url)
            .bearer_auth(staff)
            .send()
            .await
            .map_err(|e| e.to_string())?
            .json()
            .await
            .map_err(|e| e.to_string())?;
        let rows = roster["rsvps"]
            .as_array()
            .ok_or(format!("no roster: {roster}"))?;
        let seats: u64 = rows
            .iter()
            .filter(|r| r["state"] == "going")
            .map(|r| 1 + r["guests"].as_u64().unwrap_or(0))
            .sum();
        if seats > u64::from(capacity) {
            return Err(format!(
                "event {} oversold: {seats} seats of {capacity}",
                event.id
            ));
        }
        let mut positions: Vec<i64> = rows
            .iter()
            .filter(|r| r["state"] == "waitlisted")
            .filter_map(|r| r["position"].as_i64())
            .collect();
        positions.sort_unstable();
        if positions.iter().zip(1..).any(|(p, n)| *p != n) {
            return Err(format!(
                "event {}: waitlist positions {positions:?}",
                event.id
            ));
        }
    }
    Ok(())
}
