//! The `hearth` command line.

use app::i18n::{Lang, Message};
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use app::domain::event::EventKind;
use app::domain::person::Role;
use app::error::AppError;
use clap::{Args, Parser, Subcommand};

use crate::config::{FacilityDefaults, ServeConfig, default_database_url};
use crate::startup::{Application, open_database};

/// Hearth: recreation events for a residential recovery center.
#[derive(Debug, Parser)]
#[command(name = "hearth", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app, the JSON API and the calendar feeds.
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate(DbArgs),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage personal API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Sign people out.
    #[command(subcommand)]
    Session(SessionCommand),
    /// Manage kiosk tablets.
    #[command(subcommand)]
    Kiosk(KioskCommand),
    /// Show or change the facility's name and time zone.
    #[command(subcommand)]
    Facility(FacilityCommand),
    /// Serve a demo facility with sample events, from its own database
    /// (`demo.db` in the demo directory); never touches another database.
    Demo(DemoArgs),
    /// Bring events in from elsewhere.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write a consistent copy of a SQLite database while Hearth serves
    /// (`--to FILE`), or check a copy (`--verify FILE`).
    Backup(BackupArgs),
    /// Restore a backup into an empty data directory (or a new SQLite file
    /// named by --database-url); never overwrites a database.
    Restore(RestoreArgs),
    /// Copy a whole facility from its SQLite database onto an empty
    /// PostgreSQL database, in one transaction, keeping every id (links,
    /// feed URLs and ETags stay valid). Prints the rows per table.
    CopyData(CopyDataArgs),
    /// Print the JSON API's OpenAPI 3 document.
    Openapi,
    /// Run the daily stay job now: discharge clients whose date has passed,
    /// remove identifying data after the retention window. (`serve` runs it
    /// every hour.)
    Lifecycle(DbArgs),
}

/// Where the data lives.
#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// Database URL: `sqlite://path/to/file.db` or `postgres://user@host/db`.
    /// Defaults to `hearth.db` in the data directory.
    #[arg(long, env = "DATABASE_URL")]
    pub database_url: Option<String>,
    /// Directory for the SQLite database and other local data.
    #[arg(long, env = "HEARTH_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,
    /// Name of the facility created on first start.
    #[arg(long, env = "HEARTH_FACILITY_NAME", default_value = "My facility")]
    pub facility_name: String,
    /// IANA time zone of the facility created on first start (default: the
    /// machine's zone, else UTC).
    #[arg(long, env = "HEARTH_FACILITY_TIMEZONE")]
    pub facility_timezone: Option<String>,
}

impl DbArgs {
    fn url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| default_database_url(&self.data_dir))
    }

    fn facility(&self) -> FacilityDefaults {
        let defaults = FacilityDefaults::default();
        FacilityDefaults {
            name: self.facility_name.clone(),
            timezone: self.facility_timezone.clone().unwrap_or(defaults.timezone),
        }
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (`host:port`).
    #[arg(long, env = "HEARTH_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: String,
    /// Public base URL used in links and feeds, e.g. `https://hearth.example.org`
    /// (default: derived from --addr). An https URL turns on Secure cookies.
    #[arg(long, env = "HEARTH_SITE_URL")]
    pub site_url: Option<String>,
    /// Behind a reverse proxy: which `X-Forwarded-For` entry is the client's
    /// address. A number of proxies in a row (`--trust-proxy` alone means
    /// 1: the last entry), or the proxies' addresses and networks
    /// (`127.0.0.1,10.0.0.0/8`: the right-most entry not among them). Off
    /// by default: the connection's own address.
    #[arg(
        long,
        env = "HEARTH_TRUST_PROXY",
        value_name = "N|NETWORKS",
        num_args = 0..=1,
        default_missing_value = "1",
        default_value = "off",
        value_parser = app::state::TrustedProxies::parse
    )]
    pub trust_proxy: app::state::TrustedProxies,
    /// Serve `GET /metrics` (Prometheus text format) on this address, apart
    /// from the site, e.g. 127.0.0.1:9464. Off by default.
    #[arg(long, env = "HEARTH_METRICS_ADDR")]
    pub metrics_addr: Option<String>,
    /// Keep rotating backups of the SQLite database in this folder.
    #[arg(long, env = "HEARTH_BACKUP_DIR")]
    pub backup_dir: Option<PathBuf>,
    /// How often to write one: 30m, 6h, 1d.
    #[arg(long, env = "HEARTH_BACKUP_EVERY", default_value = "1d", value_parser = crate::backup::parse_every)]
    pub backup_every: std::time::Duration,
    /// How many to keep (the oldest go).
    #[arg(long, env = "HEARTH_BACKUP_KEEP", default_value_t = 7)]
    pub backup_keep: usize,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false, id = "what")]
pub struct BackupArgs {
    /// Where to write the copy (written under a temporary name, then
    /// renamed: never a half file under this name).
    #[arg(long, group = "what")]
    pub to: Option<PathBuf>,
    /// Check a copy instead: SQLite's integrity check, a schema this Hearth
    /// can migrate, a facility in it.
    #[arg(long, group = "what")]
    pub verify: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args)]
pub struct CopyDataArgs {
    /// The SQLite database: `sqlite://path/to/hearth.db`.
    #[arg(long)]
    pub from: String,
    /// The PostgreSQL database, empty (its migrations are applied first).
    #[arg(long)]
    pub to: String,
    /// Copy sign-in sessions too (otherwise everyone signs in again).
    #[arg(long)]
    pub with_sessions: bool,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to restore (checked first).
    #[arg(long)]
    pub from: PathBuf,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import an iCalendar (.ics) file or URL: every VEVENT becomes an event
    /// of KIND, with its repeat rule, skipped and changed dates and time
    /// zone. Importing the same file again updates those events (matched by
    /// UID) instead of adding copies. Prints what was created, updated,
    /// left unchanged and skipped (with the reason).
    Ics(ImportIcsArgs),
    /// Import a Meeting Guide JSON feed (file, URL or `-`): every in-person
    /// weekly meeting becomes an off-site 12-step series of FELLOWSHIP on
    /// its days and local time. Importing again updates meetings by slug,
    /// leaves unchanged ones untouched, and cancels (never deletes) the
    /// ones that left the feed. Online-only, inactive and malformed entries
    /// are skipped and listed with the reason.
    MeetingGuide(ImportMeetingGuideArgs),
}

#[derive(Debug, Args)]
pub struct ImportMeetingGuideArgs {
    /// A path to a JSON file, `-` for standard input, or an http(s) URL.
    pub source: String,
    /// The feed's fellowship (the feed does not say): aa, na, ca, cma,
    /// al_anon or other. Imports of different fellowships never touch each
    /// other's meetings.
    #[arg(long, default_value = "aa")]
    pub fellowship: String,
    /// Check the file and print what would change, without writing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args)]
pub struct ImportIcsArgs {
    /// A path to an .ics file, `-` for standard input, or an http(s) URL.
    pub source: String,
    /// The kind the imported events get: karaoke, potluck, twelve_step,
    /// holiday, outing, recreation or other.
    #[arg(long)]
    pub kind: String,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account and print its id.
    Add(UserAddArgs),
    /// List the facility's accounts: id, role, state, name, sign-in.
    List(DbArgs),
    /// Close an account: its sessions end, its API tokens and calendar link
    /// are revoked, and no password, token or kiosk PIN of it works.
    Disable(PersonArgs),
    /// Open a disabled account again (tokens and calendar links stay
    /// revoked; make new ones).
    Enable(PersonArgs),
    /// Give an account a temporary password (printed once) that must be
    /// changed at the next sign-in; signs it out everywhere.
    ResetPassword(PersonArgs),
}

/// Names one account.
#[derive(Debug, Args)]
pub struct PersonArgs {
    /// The account's e-mail or sign-in name.
    #[arg(long)]
    pub email: String,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Sign an account out everywhere (browsers and kiosks).
    Revoke(PersonArgs),
}

#[derive(Debug, Subcommand)]
pub enum KioskCommand {
    /// List the enrolled kiosk tablets: id, name, state, last PIN sign-in.
    List(DbArgs),
    /// Revoke a tablet: it stops being a kiosk on its next request.
    Revoke(IdArgs),
    /// Unlock a tablet locked after too many wrong PINs.
    Unlock(IdArgs),
}

/// Names one thing by its id.
#[derive(Debug, Args)]
pub struct IdArgs {
    pub id: i64,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// admin, recreation-staff, staff or client.
    #[arg(long)]
    pub role: String,
    /// Staff: full name. Clients: preferred first name and last initial
    /// ("Maria G.").
    #[arg(long)]
    pub name: String,
    /// Sign-in e-mail (required for staff, optional for clients).
    #[arg(long)]
    pub email: Option<String>,
    /// Clients without e-mail: a sign-in name (default: derived from the name).
    #[arg(long)]
    pub login: Option<String>,
    /// Read the password from standard input (one line). Required for staff.
    #[arg(long)]
    pub password_stdin: bool,
    /// Clients: the house or unit they live in.
    #[arg(long)]
    pub house: Option<String>,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a personal API token and print it (it is shown only once).
    Create(TokenCreateArgs),
    /// List the facility's API tokens (never the tokens themselves).
    List(DbArgs),
    /// Revoke an API token by its id (from `token list`).
    Revoke(IdArgs),
}

#[derive(Debug, Args)]
pub struct TokenCreateArgs {
    /// The account the token acts for.
    #[arg(long)]
    pub email: String,
    /// A note to recognise the token by later.
    #[arg(long, default_value = "")]
    pub label: String,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Subcommand)]
pub enum FacilityCommand {
    /// Print the facility's id, name and time zone.
    Show(DbArgs),
    /// Rename the facility or change its time zone.
    Set(FacilitySetArgs),
}

#[derive(Debug, Args)]
pub struct FacilitySetArgs {
    #[arg(long)]
    pub name: Option<String>,
    /// IANA time zone, e.g. America/New_York.
    #[arg(long)]
    pub timezone: Option<String>,
    /// Days after discharge until a client's identifying data is removed.
    #[arg(long)]
    pub retention_days: Option<i64>,
    /// Seconds without a touch after which a kiosk signs its client out.
    #[arg(long)]
    pub kiosk_idle_seconds: Option<i64>,
    /// The facility's language (`en`, `es`): its calendar feeds, printouts,
    /// and anyone whose browser asks for a language Hearth does not speak.
    #[arg(long)]
    pub default_lang: Option<String>,
    /// How times of day are written on every page: `12h` (7:00 PM) or `24h`
    /// (19:00).
    #[arg(long)]
    pub clock: Option<String>,
    /// The day weeks start on in the week view and the month grids:
    /// `sunday`, `monday` or `saturday`.
    #[arg(long)]
    pub first_day: Option<String>,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Address to listen on (`host:port`).
    #[arg(long, env = "HEARTH_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: String,
    /// Directory of the demo database.
    #[arg(long, default_value = "./demo-data")]
    pub dir: PathBuf,
}

/// Parses the command line, runs the command and maps failures to a
/// message on stderr and a non-zero exit status.
pub async fn run() -> ExitCode {
    let cli = Cli::parse();
    crate::telemetry::init();
    match execute(cli.command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("hearth: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn execute(command: Command) -> Result<(), String> {
    match command {
        Command::Serve(args) => serve(args).await,
        Command::Migrate(db) => {
            let database = open_database(&db.url(), &db.facility())
                .await
                .map_err(|e| e.to_string())?;
            database.close().await;
            println!("migrations applied");
            Ok(())
        }
        Command::User(command) => crate::cli_access::user(command).await,
        Command::Token(command) => crate::cli_access::token(command).await,
        Command::Session(command) => crate::cli_access::session(command).await,
        Command::Kiosk(command) => crate::cli_access::kiosk(command).await,
        Command::Facility(command) => facility(command).await,
        Command::Demo(args) => crate::demo::run(args).await,
        Command::Import(ImportCommand::Ics(args)) => import_ics(args).await,
        Command::Import(ImportCommand::MeetingGuide(args)) => import_meeting_guide(args).await,
        Command::Lifecycle(db) => {
            let state = state(&db).await?;
            let (discharged, purged) = app::services::people::daily_lifecycle(&state)
                .await
                .map_err(describe)?;
            state.db.close().await;
            println!("discharged {discharged}, identifying data removed for {purged}");
            Ok(())
        }
        Command::Backup(args) => backup(args).await,
        Command::Restore(args) => restore(args).await,
        Command::CopyData(args) => copy_data(args).await,
        Command::Openapi => {
            let (_, doc) = crate::api::router();
            let json = doc.to_pretty_json().map_err(|e| e.to_string())?;
            println!("{json}");
            Ok(())
        }
    }
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    let config = ServeConfig {
        addr: args.addr,
        database_url: args.db.url(),
        data_dir: args.db.data_dir.clone(),
        site_url: args.site_url,
        proxies: args.trust_proxy,
        throttle: Default::default(),
        facility: args.db.facility(),
        metrics_addr: args.metrics_addr.clone(),
    };
    let application = Application::build(config)
        .await
        .map_err(|e| e.to_string())?;
    if let Some(dir) = args.backup_dir {
        let db = application.state().db.clone();
        if db.backend() != app::db::Backend::Sqlite {
            return Err(
                "--backup-dir keeps SQLite copies; back PostgreSQL up with pg_dump (README, \"Backups\")"
                    .to_owned(),
            );
        }
        tracing::info!(dir = %dir.display(), every = ?args.backup_every, keep = args.backup_keep, "rotating backups on");
        tokio::spawn(crate::backup::keep_rotating(
            db,
            dir,
            args.backup_every,
            args.backup_keep,
        ));
    }
    tracing::info!(
        url = %application.state().settings.site_url,
        backend = ?application.state().db.backend(),
        "Hearth is serving"
    );
    application
        .run_until_stopped()
        .await
        .map_err(|e| e.to_string())
}

/// Opens the database for an administrative command.
pub(crate) async fn state(db: &DbArgs) -> Result<app::state::AppState, String> {
    let database = open_database(&db.url(), &db.facility())
        .await
        .map_err(|e| e.to_string())?;
    Ok(app::state::AppState::new(
        database,
        app::state::Settings::default(),
        crate::startup::leptos_options(std::net::SocketAddr::from(([127, 0, 0, 1], 0))),
    ))
}

/// The language the command line writes messages in: the first of
/// `LC_ALL`, `LC_MESSAGES` and `LANG` that is set (`es_MX.UTF-8` → Spanish),
/// when Hearth speaks it.
fn lang() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .and_then(|value| Lang::from_tag(&value))
        .unwrap_or_default()
}

/// A message in the command line's language.
fn say(message: &Message) -> String {
    message.render(lang()).into_owned()
}

pub(crate) fn describe(error: AppError) -> String {
    match error {
        AppError::Validation { errors } => errors
            .0
            .iter()
            .map(|e| format!("--{}: {}", e.field.replace('_', "-"), say(&e.message)))
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.render(lang()),
    }
}

pub(crate) async fn user_add(args: UserAddArgs) -> Result<(), String> {
    let role = Role::parse(&args.role).map_err(|m| format!("--role: {}", say(&m)))?;
    if role != Role::Client && !args.password_stdin {
        return Err("--password-stdin: staff accounts need a password".to_owned());
    }
    if role != Role::Client && args.email.is_none() {
        return Err("--email: staff accounts need an e-mail".to_owned());
    }
    let password = if args.password_stdin {
        let mut password = String::new();
        std::io::stdin()
            .read_to_string(&mut password)
            .map_err(|e| format!("could not read the password from stdin: {e}"))?;
        password.lines().next().unwrap_or("").to_owned()
    } else {
        String::new()
    };
    let state = state(&args.db).await?;
    let facility = app::db::facilities::first(&state.db)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no facility")?;
    let person = if role == Role::Client {
        app::services::people::add_client(
            &state,
            facility.id,
            app::services::people::NewClient {
                name: args.name,
                email: args.email.unwrap_or_default(),
                login: args.login.unwrap_or_default(),
                password,
                house: args.house.unwrap_or_default(),
                ..Default::default()
            },
            app::services::facilities::today(&facility),
        )
        .await
        .map_err(describe)?
    } else {
        app::services::people::add(
            &state,
            facility.id,
            app::services::people::NewAccount {
                role,
                name: args.name,
                email: args.email.unwrap_or_default(),
                password,
            },
        )
        .await
        .map_err(describe)?
    };
    state.db.close().await;
    println!("{}", person.id);
    Ok(())
}

pub(crate) async fn token_create(args: TokenCreateArgs) -> Result<(), String> {
    let state = state(&args.db).await?;
    let token = app::services::auth::create_token(&state, &args.email, &args.label)
        .await
        .map_err(|e| match e {
            AppError::Forbidden => format!("{} may not use the API", args.email.trim()),
            other => describe(other),
        })?;
    state.db.close().await;
    println!("{token}");
    Ok(())
}

/// Reads an import source: a file, standard input or an http(s) URL, at
/// most the import size limit.
async fn read_source(source: &str) -> Result<String, String> {
    use app::ical::import::MAX_BYTES;
    let too_big = || format!("{source}: larger than {} MB", MAX_BYTES / 1024 / 1024);
    let bytes = if source.starts_with("http://") || source.starts_with("https://") {
        let client = reqwest::Client::builder()
            .connect_timeout(std::time::Duration::from_secs(10))
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .map_err(|e| e.to_string())?;
        let mut response = client.get(source).send().await.map_err(|e| {
            if e.is_timeout() {
                format!("{source}: the server did not answer within a minute")
            } else if e.is_connect() {
                format!("{source}: could not connect to the server")
            } else {
                format!("{source}: {e}")
            }
        })?;
        if !response.status().is_success() {
            return Err(format!(
                "{source}: the server answered {}",
                response.status()
            ));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| format!("{source}: {e}"))?
        {
            body.extend_from_slice(&chunk);
            if body.len() > MAX_BYTES {
                return Err(too_big());
            }
        }
        body
    } else if source == "-" {
        let mut body = Vec::new();
        std::io::stdin()
            .take(MAX_BYTES as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| format!("standard input: {e}"))?;
        body
    } else {
        let size = tokio::fs::metadata(source)
            .await
            .map_err(|e| format!("{source}: {e}"))?
            .len();
        if size > MAX_BYTES as u64 {
            return Err(too_big());
        }
        tokio::fs::read(source)
            .await
            .map_err(|e| format!("{source}: {e}"))?
    };
    if bytes.len() > MAX_BYTES {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|_| format!("{source}: not UTF-8 text"))
}

async fn import_ics(args: ImportIcsArgs) -> Result<(), String> {
    let kind = EventKind::parse(&args.kind).map_err(|m| format!("--kind: {}", say(&m)))?;
    let text = read_source(&args.source).await?;
    let state = state(&args.db).await?;
    let facility = app::db::facilities::first(&state.db)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no facility")?;
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} events")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let summary =
        app::services::import::import_ics(&state, &facility, None, &text, kind, |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        })
        .await;
    bar.finish_and_clear();
    state.db.close().await;
    let summary = summary.map_err(|e| match e {
        AppError::Validation { errors } => errors
            .0
            .iter()
            .map(|e| format!("{}: {}", args.source, say(&e.message)))
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.render(lang()),
    })?;
    println!(
        "created {}, updated {}, unchanged {}, skipped {}",
        summary.created,
        summary.updated,
        summary.unchanged,
        summary.skipped.len()
    );
    for skipped in &summary.skipped {
        println!("skipped\t{}\t{}", skipped.what, say(&skipped.reason));
    }
    Ok(())
}

async fn import_meeting_guide(args: ImportMeetingGuideArgs) -> Result<(), String> {
    use app::services::meeting_guide::{GuideOptions, import_meeting_guide};
    let fellowship = app::domain::event::Fellowship::parse(&args.fellowship)
        .map_err(|m| format!("--fellowship: {}", say(&m)))?;
    let text = read_source(&args.source).await?;
    let state = state(&args.db).await?;
    let facility = app::db::facilities::first(&state.db)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no facility")?;
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} meetings")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let options = GuideOptions {
        fellowship,
        dry_run: args.dry_run,
    };
    let summary = import_meeting_guide(&state, &facility, None, &text, options, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })
    .await;
    bar.finish_and_clear();
    state.db.close().await;
    let summary = summary.map_err(|e| match e {
        AppError::Validation { errors } => errors
            .0
            .iter()
            .map(|e| format!("{}: {}", args.source, say(&e.message)))
            .collect::<Vec<_>>()
            .join("\n"),
        other => other.render(lang()),
    })?;
    if summary.dry_run {
        println!("dry run: nothing was written");
    }
    println!(
        "created {}, updated {}, unchanged {}, cancelled {}, restored {}, skipped {}",
        summary.created,
        summary.updated,
        summary.unchanged,
        summary.cancelled,
        summary.restored,
        summary.skipped.len()
    );
    for skipped in &summary.skipped {
        println!("skipped\t{}\t{}", skipped.what(), say(&skipped.reason));
    }
    for note in &summary.unknown_types {
        println!("types\t{}\t{}", note.what(), say(&note.reason));
    }
    Ok(())
}

async fn facility(command: FacilityCommand) -> Result<(), String> {
    let (db, set) = match command {
        FacilityCommand::Show(db) => (db, None),
        FacilityCommand::Set(args) => {
            let db = args.db.clone();
            (db, Some(args))
        }
    };
    let state = state(&db).await?;
    let mut facility = app::db::facilities::first(&state.db)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no facility")?;
    if let Some(set) = set {
        facility = set_facility(&state, facility, set).await?;
    }
    state.db.close().await;
    println!(
        "{}\t{}\t{}\tretention {} days\tkiosk idle {} s\tlanguage {}\tclock {}\tweeks from {}",
        facility.id,
        facility.name,
        facility.timezone,
        facility.retention_days,
        facility.kiosk_idle_seconds,
        facility.default_lang.code(),
        facility.clock.as_str(),
        facility.first_day.as_str(),
    );
    Ok(())
}

/// `hearth facility set`: checks every option before changing anything.
async fn set_facility(
    state: &app::state::AppState,
    mut facility: app::db::facilities::Facility,
    set: FacilitySetArgs,
) -> Result<app::db::facilities::Facility, String> {
    use app::domain::calendar::FirstDay;
    use app::i18n::{Clock, Lang};
    let lang = match set.default_lang.as_deref() {
        None => facility.default_lang,
        Some(code) => Lang::from_code(code.trim()).ok_or_else(|| {
            let known: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
            format!("--default-lang: use one of {}", known.join(", "))
        })?,
    };
    let clock = match set.clock.as_deref() {
        None => facility.clock,
        Some(text) => Clock::parse(text).ok_or("--clock: use 12h or 24h")?,
    };
    let first_day = match set.first_day.as_deref() {
        None => facility.first_day,
        Some(text) => FirstDay::parse(text).ok_or("--first-day: use sunday, monday or saturday")?,
    };
    let retention = set.retention_days.unwrap_or(facility.retention_days);
    let idle = set
        .kiosk_idle_seconds
        .unwrap_or(facility.kiosk_idle_seconds);
    if retention < 0 {
        return Err("--retention-days: use 0 or more".to_owned());
    }
    if idle < 10 {
        return Err("--kiosk-idle-seconds: use 10 or more".to_owned());
    }
    if set.name.is_some() || set.timezone.is_some() {
        facility = app::services::facilities::update(
            &state.db,
            facility.id,
            set.name.as_deref().unwrap_or(&facility.name),
            set.timezone.as_deref().unwrap_or(&facility.timezone),
        )
        .await
        .map_err(describe)?;
    }
    // Only what was asked is written (each write is a change feeds see).
    let no_such = || "no facility".to_owned();
    if set.retention_days.is_some()
        || set.kiosk_idle_seconds.is_some()
        || set.default_lang.is_some()
    {
        facility = app::db::facilities::set_policies(&state.db, facility.id, retention, idle, lang)
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(no_such)?;
    }
    if set.clock.is_some() || set.first_day.is_some() {
        facility =
            app::db::facilities::set_calendar_style(&state.db, facility.id, clock, first_day)
                .await
                .map_err(|e| e.to_string())?
                .ok_or_else(no_such)?;
    }
    Ok(facility)
}

async fn backup(args: BackupArgs) -> Result<(), String> {
    if let Some(copy) = args.verify {
        let found = crate::backup::verify(&copy).await?;
        println!(
            "{}: ok (integrity checked; schema {} of {}; {} people, {} events)",
            copy.display(),
            found.schema_version,
            found.current_version,
            found.people,
            found.events
        );
        return Ok(());
    }
    let Some(to) = args.to else {
        return Err("give --to FILE or --verify FILE".to_owned());
    };
    // The database as it is: never created, migrated or given a facility
    // here (a mistyped path must not back up a new, empty database).
    let url = args.db.url();
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .map(|path| PathBuf::from(path.split('?').next().unwrap_or(path)))
        && !path.is_file()
    {
        return Err(format!(
            "{}: no such database (give --data-dir or --database-url of the one to back up)",
            path.display()
        ));
    }
    let database = app::db::Db::connect(&url)
        .await
        .map_err(|e| e.to_string())?;
    let written = crate::backup::write(&database, &to).await;
    database.close().await;
    written?;
    println!("{}", to.display());
    Ok(())
}

async fn restore(args: RestoreArgs) -> Result<(), String> {
    let url = args.db.url();
    let Some(path) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    else {
        return Err("hearth restore writes SQLite databases; restore PostgreSQL with pg_restore (README, \"Backups\")".to_owned());
    };
    let path = PathBuf::from(path.split('?').next().unwrap_or(path));
    let found = crate::backup::restore(&args.from, &path).await?;
    println!(
        "restored {} into {} ({} people, {} events)",
        args.from.display(),
        path.display(),
        found.people,
        found.events
    );
    Ok(())
}

async fn copy_data(args: CopyDataArgs) -> Result<(), String> {
    if !args.from.starts_with("sqlite:") {
        return Err("--from: give the SQLite database as sqlite://path/to/hearth.db".to_owned());
    }
    if !(args.to.starts_with("postgres:") || args.to.starts_with("postgresql:")) {
        return Err("--to: give the PostgreSQL database as postgres://user@host/db".to_owned());
    }
    let from_path = args
        .from
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    if !std::path::Path::new(from_path.split('?').next().unwrap_or(from_path)).is_file() {
        return Err(format!("--from: {from_path}: no such file"));
    }
    let from = app::db::Db::connect(&args.from)
        .await
        .map_err(|e| format!("--from: {e}"))?;
    let to = app::db::Db::connect(&args.to)
        .await
        .map_err(|e| format!("--to: {e}"))?;
    // Checked before the target's migrations run, so that a database that
    // is refused is left as it was.
    let checked = crate::copy_data::check(&from, &to).await;
    let migrated = match checked {
        Ok(()) => to.migrate().await.map_err(|e| format!("--to: {e}")),
        Err(e) => Err(e),
    };
    let copied = match migrated {
        Ok(()) => crate::copy_data::copy(&from, &to, args.with_sessions).await,
        Err(e) => Err(e),
    };
    from.close().await;
    to.close().await;
    let copied = copied?;
    for c in &copied {
        println!("{:<22} {}", c.table, c.rows);
    }
    Ok(())
}
