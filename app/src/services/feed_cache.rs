//! Calendar feeds kept in memory, written once per change.
//!
//! Calendar apps poll every feed all day, so a feed is answered from
//! memory (with its gzip and brotli forms, made on first demand) for as
//! long as nothing it is written from has changed. Two numbers decide:
//!
//! - the **change clock** (`services::change_clock`), which every request
//!   reads (one query per round of concurrent requests), so a change made
//!   by any process is seen by the very next request;
//! - the feed's **fingerprint** (counts and last changes of its events,
//!   changed dates and RSVPs; see `services::feeds`), read only when the
//!   clock moved: when it is unchanged the copy in memory is still right
//!   (a change to someone else's RSVPs re-writes nobody's feed but theirs).
//!
//! A copy also expires at the end of its UTC day (feeds are written as of
//! the day) and, for an emptied personal feed, when its grace period ends.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};

use bytes::Bytes;
use chrono::{DateTime, Utc};

/// More distinct feeds than a facility has; past it the memory is emptied
/// and refilled on demand.
const MAX_ENTRIES: usize = 4096;

/// An HTTP-date (RFC 9110 §5.6.7, IMF-fixdate), for chrono's `format`.
const HTTP_DATE: &str = "%a, %d %b %Y %H:%M:%S GMT";

/// A written feed and its compressed forms.
#[derive(Debug)]
pub struct Rendered {
    pub body: Bytes,
    /// Strong validator, quoted: `"3f…"`.
    pub etag: String,
    /// When the body last changed.
    pub last_modified: DateTime<Utc>,
    /// The same as an HTTP-date (RFC 9110 §5.6.7), for `Last-Modified`.
    pub last_modified_http: String,
    /// Personal feeds must not be stored by shared caches.
    pub private: bool,
    /// A download name for single-event files.
    pub file_name: Option<String>,
    gzip: OnceLock<Bytes>,
    brotli: OnceLock<Bytes>,
}

/// The encodings a feed is served in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    /// The best encoding an `Accept-Encoding` header allows: brotli, then
    /// gzip (a `q=0` refuses one).
    pub fn choose(accept: &str) -> Encoding {
        let allows = |name: &str| {
            accept.split(',').any(|part| {
                let mut pieces = part.split(';').map(str::trim);
                let coding = pieces.next().unwrap_or_default();
                let refused = pieces.any(|p| {
                    p.strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                        .is_some_and(|q| q <= 0.0)
                });
                coding.eq_ignore_ascii_case(name) && !refused
            })
        };
        if allows("br") {
            Encoding::Brotli
        } else if allows("gzip") {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }

    pub fn header(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Brotli => Some("br"),
        }
    }
}

impl Rendered {
    pub fn new(
        body: String,
        etag: String,
        last_modified: DateTime<Utc>,
        private: bool,
        file_name: Option<String>,
    ) -> Rendered {
        Rendered {
            body: Bytes::from(body),
            etag,
            last_modified,
            last_modified_http: last_modified.format(HTTP_DATE).to_string(),
            private,
            file_name,
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        }
    }

    /// The body in `encoding`, compressed once and kept.
    pub fn bytes(&self, encoding: Encoding) -> Bytes {
        match encoding {
            Encoding::Identity => self.body.clone(),
            Encoding::Gzip => self.gzip.get_or_init(|| gzip(&self.body)).clone(),
            Encoding::Brotli => self.brotli.get_or_init(|| brotli(&self.body)).clone(),
        }
    }
}

fn gzip(body: &[u8]) -> Bytes {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(body);
    Bytes::from(encoder.finish().unwrap_or_default())
}

fn brotli(body: &[u8]) -> Bytes {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 9,
        lgwin: 22,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &body[..], &mut out, &params);
    Bytes::from(out)
}

/// A feed in memory and what it was checked against.
#[derive(Debug, Clone)]
pub struct Cached {
    /// The change clock when it was last known current.
    pub clock: i64,
    /// What it was written from.
    pub fingerprint: String,
    /// It must be looked at again from then on, whatever the clock says.
    pub valid_until: DateTime<Utc>,
    pub feed: Arc<Rendered>,
    /// A revoked or discharged person's empty calendar.
    pub emptied: bool,
}

/// The feeds in memory.
#[derive(Debug, Default)]
pub struct FeedCache {
    entries: RwLock<HashMap<String, Arc<Cached>>>,
    /// When this process last recorded each personal link's use.
    uses: Mutex<HashMap<String, DateTime<Utc>>>,
}

impl FeedCache {
    pub fn get(&self, key: &str) -> Option<Arc<Cached>> {
        self.entries
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned()
    }

    pub fn put(&self, key: &str, entry: Cached) -> Arc<Cached> {
        let entry = Arc::new(entry);
        let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= MAX_ENTRIES && !entries.contains_key(key) {
            entries.clear();
        }
        entries.insert(key.to_owned(), entry.clone());
        entry
    }

    pub fn forget(&self, key: &str) {
        self.entries
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(key);
    }

    /// Whether a personal link's use should be written down now: at most
    /// once a minute per link and process.
    pub fn use_is_due(&self, key: &str, now: DateTime<Utc>) -> bool {
        let mut uses = self.uses.lock().unwrap_or_else(PoisonError::into_inner);
        if uses
            .get(key)
            .is_some_and(|at| now - *at < chrono::Duration::minutes(1))
        {
            return false;
        }
        if uses.len() >= MAX_ENTRIES {
            uses.clear();
        }
        uses.insert(key.to_owned(), now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_follow_accept_encoding() {
        assert_eq!(Encoding::choose("gzip, deflate, br"), Encoding::Brotli);
        assert_eq!(Encoding::choose("gzip"), Encoding::Gzip);
        assert_eq!(Encoding::choose("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(Encoding::choose(""), Encoding::Identity);
        assert_eq!(Encoding::choose("identity"), Encoding::Identity);
        assert_eq!(Encoding::choose("GZIP"), Encoding::Gzip);
    }

    #[test]
    fn compressed_forms_decompress_to_the_body() {
        use std::io::Read;
        let body = "BEGIN:VCALENDAR\r\n".repeat(200);
        let feed = Rendered::new(body.clone(), "\"x\"".into(), Utc::now(), false, None);
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&feed.bytes(Encoding::Gzip)[..])
            .read_to_string(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, body);
        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(&mut &feed.bytes(Encoding::Brotli)[..], &mut unbrotli).unwrap();
        assert_eq!(String::from_utf8(unbrotli).unwrap(), body);
        assert!(feed.bytes(Encoding::Brotli).len() < body.len() / 10);
    }
}
