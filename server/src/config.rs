//! Settings for `hearth serve`, from flags and their environment variables.

use std::path::{Path, PathBuf};

/// Where the database lives when no URL is given: `hearth.db` in the data
/// directory.
pub fn default_database_url(data_dir: &Path) -> String {
    format!("sqlite://{}", data_dir.join("hearth.db").display())
}

/// Everything `Application::build` needs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// `host:port` to listen on; port 0 picks a free one.
    pub addr: String,
    pub database_url: String,
    pub data_dir: PathBuf,
    /// Public base URL; derived from the bound address when absent.
    pub site_url: Option<String>,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub proxies: app::state::TrustedProxies,
    /// How fast sign-ins and PINs may be tried (the documented defaults).
    pub throttle: app::domain::throttle::Throttle,
    /// Name and zone of the facility created on first start.
    pub facility: FacilityDefaults,
    /// `host:port` for `GET /metrics` (Prometheus); `None`: no metrics.
    pub metrics_addr: Option<String>,
}

#[derive(Debug, Clone)]
pub struct FacilityDefaults {
    pub name: String,
    pub timezone: String,
}

impl Default for FacilityDefaults {
    fn default() -> Self {
        FacilityDefaults {
            name: "My facility".to_owned(),
            timezone: system_timezone().unwrap_or_else(|| "UTC".to_owned()),
        }
    }
}

/// The machine's IANA zone: `TZ`, `/etc/timezone`, or the target of the
/// `/etc/localtime` link.
pub fn system_timezone() -> Option<String> {
    let valid = |name: &str| {
        name.parse::<chrono_tz::Tz>()
            .is_ok()
            .then(|| name.to_owned())
    };
    if let Ok(tz) = std::env::var("TZ")
        && let Some(tz) = valid(tz.trim_start_matches(':'))
    {
        return Some(tz);
    }
    if let Ok(text) = std::fs::read_to_string("/etc/timezone")
        && let Some(tz) = valid(text.trim())
    {
        return Some(tz);
    }
    let link = std::fs::read_link("/etc/localtime").ok()?;
    let link = link.to_string_lossy();
    let name = link.split("zoneinfo/").nth(1)?;
    valid(name)
}
