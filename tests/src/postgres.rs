//! A throwaway PostgreSQL cluster for the test run.
//!
//! Started on first use with `initdb` and `postgres` from the machine's
//! PostgreSQL installation, listening only on a Unix socket in a temporary
//! directory. PostgreSQL refuses to run as root, so under root the cluster
//! runs as the `postgres` system user (or `nobody`). The server is stopped
//! when the test process exits: it runs under a small shell that stops it
//! as soon as our end of its stdin closes.
//!
//! `HEARTH_TEST_POSTGRES_URL` points the tests at an existing server instead
//! (its user must be allowed to create databases).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use sqlx::Connection;

struct Cluster {
    /// URL of the `postgres` maintenance database.
    admin_url: String,
    _dir: tempfile::TempDir,
    _server: Child,
    _keepalive: Mutex<ChildStdin>,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();

/// The URL of a new, empty database in the test cluster.
pub async fn fresh_database() -> String {
    let admin_url = match std::env::var("HEARTH_TEST_POSTGRES_URL") {
        Ok(url) => url,
        Err(_) => match CLUSTER.get_or_init(start) {
            Ok(cluster) => cluster.admin_url.clone(),
            Err(message) => panic!("could not start the test PostgreSQL cluster: {message}"),
        },
    };
    let name = crate::unique("hearth_test_");
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .expect("connect to the test cluster");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("create a test database");
    admin.close().await.ok();
    with_database(&admin_url, &name)
}

/// `admin_url` with its database replaced by `name`.
fn with_database(admin_url: &str, name: &str) -> String {
    let (base, query) = admin_url.split_once('?').unwrap_or((admin_url, ""));
    let base = match base.rfind('/') {
        Some(i) if i > base.find("://").map_or(0, |j| j + 2) => &base[..i],
        _ => base,
    };
    if query.is_empty() {
        format!("{base}/{name}")
    } else {
        format!("{base}/{name}?{query}")
    }
}

fn bin_dir() -> Result<PathBuf, String> {
    if let Ok(dir) = std::env::var("HEARTH_PG_BIN") {
        return Ok(dir.into());
    }
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if dir.join("initdb").exists() {
            return Ok(dir);
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|_| "PostgreSQL is not installed (no /usr/lib/postgresql); run `make test`, which installs it".to_owned())?
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|p| p.join("initdb").exists())
        .collect();
    versions.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    versions
        .pop()
        .ok_or_else(|| "no initdb under /usr/lib/postgresql/*/bin".to_owned())
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// The unprivileged user to run the cluster as, when we are root.
fn service_user() -> String {
    let exists = |user: &str| {
        Command::new("id")
            .arg(user)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if exists("postgres") {
        "postgres".to_owned()
    } else {
        "nobody".to_owned()
    }
}

fn command(user: Option<&str>, program: &Path) -> Command {
    match user {
        Some(user) => {
            let mut c = Command::new("runuser");
            c.arg("-u").arg(user).arg("--").arg(program);
            c
        }
        None => Command::new(program),
    }
}

fn start() -> Result<Cluster, String> {
    let bin = bin_dir()?;
    let dir = tempfile::Builder::new()
        .prefix("hearth-pg-")
        .tempdir()
        .map_err(|e| e.to_string())?;
    let data = dir.path().join("data");
    let socket = dir.path().join("socket");
    std::fs::create_dir_all(&socket).map_err(|e| e.to_string())?;
    let user = running_as_root().then(service_user);
    if let Some(user) = &user {
        let status = Command::new("chown")
            .arg("-R")
            .arg(format!("{user}:"))
            .arg(dir.path())
            .status()
            .map_err(|e| e.to_string())?;
        if !status.success() {
            return Err(format!("chown to {user} failed"));
        }
    }
    let initdb = command(user.as_deref(), &bin.join("initdb"))
        .arg("-D")
        .arg(&data)
        .args([
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--no-instructions",
        ])
        .output()
        .map_err(|e| format!("initdb: {e}"))?;
    if !initdb.status.success() {
        return Err(format!(
            "initdb failed: {}",
            String::from_utf8_lossy(&initdb.stderr)
        ));
    }
    // The shell stops the server (fast shutdown) when its stdin closes,
    // which happens when this test process exits, however it exits.
    let script = format!(
        "\"{postgres}\" -D \"{data}\" -k \"{socket}\" -c listen_addresses= -c fsync=off \
         -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 & pid=$!; \
         read _ignored; kill -INT $pid; wait $pid; rm -rf \"{dir}\"",
        postgres = bin.join("postgres").display(),
        data = data.display(),
        socket = socket.display(),
        dir = dir.path().display(),
    );
    let mut shell = command(user.as_deref(), Path::new("/bin/sh"));
    let mut server = shell
        .arg("-c")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(if std::env::var("TEST_LOG").is_ok() {
            Stdio::inherit()
        } else {
            Stdio::null()
        })
        .spawn()
        .map_err(|e| format!("postgres: {e}"))?;
    let keepalive = server.stdin.take().ok_or("no stdin for postgres")?;
    let admin_url = format!(
        "postgres://postgres@localhost/postgres?host={}",
        socket.display()
    );

    let deadline = Instant::now() + Duration::from_secs(30);
    let probe = bin.join("pg_isready");
    loop {
        let ready = Command::new(&probe)
            .arg("-h")
            .arg(&socket)
            .arg("-U")
            .arg("postgres")
            .output()
            .is_ok_and(|o| o.status.success());
        if ready {
            break;
        }
        if let Ok(Some(status)) = server.try_wait() {
            return Err(format!(
                "postgres exited early ({status}); run with TEST_LOG=1 to see why"
            ));
        }
        if Instant::now() > deadline {
            return Err("postgres did not become ready within 30 s".to_owned());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut keepalive = keepalive;
    // Nothing to say yet; the handle just has to stay open.
    keepalive.flush().ok();
    Ok(Cluster {
        admin_url,
        _dir: dir,
        _server: server,
        _keepalive: Mutex::new(keepalive),
    })
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_names_are_swapped_in_urls() {
        assert_eq!(
            with_database("postgres://postgres@localhost/postgres?host=/tmp/s", "t1"),
            "postgres://postgres@localhost/t1?host=/tmp/s"
        );
        assert_eq!(
            with_database("postgres://u:p@db:5432/app", "t2"),
            "postgres://u:p@db:5432/t2"
        );
    }
}
