//! What every request handler and server function can reach.

use std::net::IpAddr;
use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;

use crate::db::Db;
use crate::db::facilities::Facility;
use crate::services::change_clock::Kept;
use crate::services::hashing::HashQueue;

/// Settings the running server was started with.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Public base URL without a trailing slash, e.g. `https://hearth.example.org`.
    pub site_url: String,
    /// Which `X-Forwarded-For` entry is the client's address (behind a
    /// proxy).
    pub proxies: TrustedProxies,
    /// How fast sign-ins and PINs may be tried.
    pub throttle: crate::domain::throttle::Throttle,
}

/// Reverse proxies in front of Hearth, whose `X-Forwarded-For` entries are
/// believed. The client's address decides the per-address sign-in budget,
/// so a wrong setting lets anyone pick their address (too trusting) or puts
/// everyone behind the proxy on one budget (not trusting enough).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum TrustedProxies {
    /// No proxy: the connection's own address.
    #[default]
    None,
    /// `n` proxies in a row, each appending the address it saw: the `n`-th
    /// entry from the right is the client's (1: the last one).
    Hops(usize),
    /// Proxies at these addresses: when the connection comes from one of
    /// them, the client is the right-most `X-Forwarded-For` entry that is
    /// not one of them.
    Networks(Vec<Network>),
}

/// An IP network, `10.0.0.0/8` or a single address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    pub address: IpAddr,
    pub prefix: u8,
}

impl Network {
    pub fn parse(text: &str) -> Option<Network> {
        let (address, prefix) = match text.trim().split_once('/') {
            Some((a, p)) => (a.parse::<IpAddr>().ok()?, Some(p.parse::<u8>().ok()?)),
            None => (text.trim().parse::<IpAddr>().ok()?, None),
        };
        let max = if address.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        (prefix <= max).then_some(Network { address, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let mask = |bits: u32, len: u8| -> u128 {
            if self.prefix == 0 {
                0
            } else {
                (u128::MAX << (bits - u32::from(len))) & (u128::MAX >> (128 - bits))
            }
        };
        match (self.address, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let m = mask(32, self.prefix);
                u128::from(u32::from(net)) & m == u128::from(u32::from(ip)) & m
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let m = mask(128, self.prefix);
                u128::from(net) & m == u128::from(ip) & m
            }
            (IpAddr::V4(_), IpAddr::V6(ip)) => ip
                .to_ipv4_mapped()
                .is_some_and(|v4| self.contains(IpAddr::V4(v4))),
            (IpAddr::V6(_), IpAddr::V4(_)) => false,
        }
    }
}

impl TrustedProxies {
    /// `off`, a number of proxies (`1`), or addresses and networks
    /// (`127.0.0.1,10.0.0.0/8`). `true` is read as `1`.
    pub fn parse(text: &str) -> Result<TrustedProxies, String> {
        let text = text.trim();
        match text {
            "" | "off" | "false" | "0" | "no" => return Ok(TrustedProxies::None),
            "true" | "yes" => return Ok(TrustedProxies::Hops(1)),
            _ => {}
        }
        if let Ok(n) = text.parse::<usize>() {
            return if (1..=10).contains(&n) {
                Ok(TrustedProxies::Hops(n))
            } else {
                Err(format!(
                    "{n} proxies in a row is not a setting Hearth believes; use 1 to 10"
                ))
            };
        }
        text.split(',')
            .map(|part| {
                Network::parse(part).ok_or_else(|| {
                    format!(
                        "\"{}\" is not an address or network such as 10.0.0.0/8",
                        part.trim()
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies::Networks)
    }

    /// The client's address, from the connection's `peer` and the request's
    /// `X-Forwarded-For` header.
    pub fn client(&self, peer: Option<IpAddr>, forwarded_for: Option<&str>) -> Option<IpAddr> {
        let entries: Vec<IpAddr> = forwarded_for
            .unwrap_or("")
            .split(',')
            .filter_map(|e| forwarded_address(e.trim()))
            .collect();
        match self {
            TrustedProxies::None => peer,
            TrustedProxies::Hops(n) => entries
                .len()
                .checked_sub(*n)
                .and_then(|i| entries.get(i).copied())
                .or(peer),
            TrustedProxies::Networks(networks) => {
                let trusted = |ip: IpAddr| networks.iter().any(|n| n.contains(ip));
                match peer {
                    Some(peer) if trusted(peer) => entries
                        .iter()
                        .rev()
                        .find(|ip| !trusted(**ip))
                        .or(entries.first())
                        .copied()
                        .or(Some(peer)),
                    other => other,
                }
            }
        }
    }
}

/// One `X-Forwarded-For` entry: an address, perhaps with a port
/// (`[::1]:443`, `1.2.3.4:80`).
fn forwarded_address(entry: &str) -> Option<IpAddr> {
    if let Ok(ip) = entry.parse() {
        return Some(ip);
    }
    if let Some(rest) = entry.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    entry.rsplit_once(':')?.0.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn no_proxy_means_the_connection_s_own_address() {
        let p = TrustedProxies::parse("off").unwrap();
        assert_eq!(
            p.client(Some(ip("10.0.0.9")), Some("6.6.6.6")),
            Some(ip("10.0.0.9"))
        );
    }

    #[test]
    fn with_one_proxy_the_last_entry_is_the_client_and_a_forged_one_is_ignored() {
        let p = TrustedProxies::parse("1").unwrap();
        assert_eq!(p, TrustedProxies::parse("true").unwrap());
        let peer = Some(ip("127.0.0.1"));
        assert_eq!(
            p.client(peer, Some("192.168.1.20")),
            Some(ip("192.168.1.20"))
        );
        // A client that sends its own header gets it prepended to, not believed.
        assert_eq!(
            p.client(peer, Some("6.6.6.6, 192.168.1.20")),
            Some(ip("192.168.1.20"))
        );
        // No header: the connection.
        assert_eq!(p.client(peer, None), peer);
        let two = TrustedProxies::parse("2").unwrap();
        assert_eq!(
            two.client(peer, Some("6.6.6.6, 192.168.1.20, 10.0.0.2")),
            Some(ip("192.168.1.20"))
        );
        assert!(TrustedProxies::parse("11").is_err());
    }

    #[test]
    fn with_networks_the_first_untrusted_entry_from_the_right_is_the_client() {
        let p = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        let proxy = Some(ip("10.1.2.3"));
        assert_eq!(
            p.client(proxy, Some("6.6.6.6, 192.168.1.20, 10.0.0.2")),
            Some(ip("192.168.1.20"))
        );
        // A connection that is not from a proxy: its header means nothing.
        assert_eq!(
            p.client(Some(ip("192.168.1.50")), Some("6.6.6.6")),
            Some(ip("192.168.1.50"))
        );
        assert_eq!(
            p.client(proxy, Some("[2001:db8::1]:443")),
            Some(ip("2001:db8::1"))
        );
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.local").is_err());
    }

    #[test]
    fn networks_contain_what_their_prefix_covers() {
        let n = Network::parse("192.168.0.0/16").unwrap();
        assert!(n.contains(ip("192.168.200.1")));
        assert!(!n.contains(ip("192.169.0.1")));
        assert!(n.contains(ip("::ffff:192.168.3.4")));
        assert!(Network::parse("0.0.0.0/0").unwrap().contains(ip("8.8.8.8")));
        assert!(
            Network::parse("2001:db8::/32")
                .unwrap()
                .contains(ip("2001:db8:1::5"))
        );
        assert!(!Network::parse("::1").unwrap().contains(ip("::2")));
    }
}

impl Settings {
    /// Cookies get the `Secure` flag (and the `__Host-` name prefix) when
    /// the site is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.site_url.starts_with("https://")
    }
}

/// More events (and rows of each kind) than a facility's people open in a
/// day.
const MAX_KEPT_ROWS: usize = 1024;

/// What every request reaches, shared: a clone is one reference count
/// (handlers, extractors and middleware each take one per request).
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub leptos_options: LeptosOptions,
    /// Every password and PIN hash waits its turn here (bounded).
    pub hashing: Arc<HashQueue>,
    /// The change clock's reader (`services::change_clock`).
    pub clock: Arc<crate::services::change_clock::ChangeClock>,
    /// Calendar feeds written once per change (`services::feed_cache`).
    pub feeds: Arc<crate::services::feed_cache::FeedCache>,
    /// The events and single-date changes of the windows calendar pages
    /// asked for lately, kept while the change clock stands still.
    pub windows: Arc<crate::services::events::Windows>,
    /// Facilities (every signed-in request needs its own), kept while the
    /// change clock stands still.
    pub facilities: Kept<i64, Option<Facility>>,
    /// The facility of requests without a signed-in person (the first),
    /// kept the same way (`services::facilities::home`).
    pub home_facility: Kept<(), Option<Facility>>,
    /// Events, their changed dates, people, RSVP lists, rules, vans and
    /// sign-ups of pages (`services::page_reads`), kept while the change
    /// clock stands still.
    pub rows: crate::services::page_reads::KeptRows,
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    pub fn new(db: Db, settings: Settings, leptos_options: LeptosOptions) -> Self {
        let clock = Arc::new(crate::services::change_clock::ChangeClock::for_db(&db));
        AppState(Arc::new(Shared {
            db,
            settings: Arc::new(settings),
            leptos_options,
            hashing: Arc::new(HashQueue::for_this_machine()),
            clock,
            feeds: Arc::default(),
            windows: Arc::new(crate::services::events::Windows::new(
                crate::services::events::MAX_WINDOWS,
            )),
            facilities: Kept::new(64),
            home_facility: Kept::new(1),
            rows: crate::services::page_reads::KeptRows::new(MAX_KEPT_ROWS),
        }))
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
