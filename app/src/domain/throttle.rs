//! How fast someone may guess: sign-in and PIN attempts per account, per
//! kiosk and per address.
//!
//! A budget is a count of recent failures and the earliest moment the next
//! attempt may be made. The first few attempts are free; after that each
//! failure doubles the wait before the next one, up to a cap — a growing
//! delay rather than a hard lock-out, so a flood against someone's account
//! costs them seconds, not their evening. An attempt is counted *before*
//! the password or PIN is checked (so N attempts at once count N), a
//! refused attempt is not counted (so a flood cannot push the wait further
//! out), a success clears the account's budget and gives the address (or
//! kiosk) back the attempt it cost (so a busy shared tablet or a whole
//! floor behind one address is never slowed by people who typed their
//! password right), and a budget left alone for a day is forgotten.
//!
//! The numbers are in [`Policy`]; ARCHITECTURE.md lists them with the
//! other limits.

use chrono::{DateTime, Duration, Utc};

/// The rules of one kind of budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Attempts that may be made at once; after the last of them comes the
    /// first wait.
    pub free: i64,
    /// The first wait; it doubles with each further failure.
    pub first_delay: Duration,
    /// The longest wait.
    pub max_delay: Duration,
    /// A budget without failures for this long starts over.
    pub forget_after: Duration,
}

/// Per account: an e-mail and a sign-in name are the same account.
pub const ACCOUNT: Policy = Policy {
    free: 5,
    first_delay: Duration::seconds(1),
    max_delay: Duration::minutes(15),
    forget_after: Duration::days(1),
};

/// Per client address (the facility Wi-Fi's devices each have their own).
pub const ADDRESS: Policy = Policy {
    free: 20,
    first_delay: Duration::seconds(1),
    max_delay: Duration::minutes(15),
    forget_after: Duration::days(1),
};

/// The policies a running server applies (the constants above, unless a
/// test wants other waits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    pub account: Policy,
    pub address: Policy,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            account: ACCOUNT,
            address: ADDRESS,
        }
    }
}

/// A budget as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub failures: i64,
    pub next_allowed_at: DateTime<Utc>,
    pub last_attempt_at: DateTime<Utc>,
}

/// What to do with one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Go ahead and check the password; store this budget first.
    Allowed(Budget),
    /// Too soon: answer 429 with `Retry-After`; the budget stays as it is.
    Refused { retry_after_secs: u64 },
}

impl Policy {
    /// The wait after `failures` failures: none within the free attempts,
    /// then `first_delay` after the last free one, doubling after each
    /// further one.
    pub fn delay_after(&self, failures: i64) -> Duration {
        let beyond = failures - self.free;
        if beyond < 0 {
            return Duration::zero();
        }
        // 2^beyond, without overflowing: past 2^20 the cap applies anyway.
        let factor = 1i64 << beyond.min(20);
        self.first_delay
            .checked_mul(i32::try_from(factor).unwrap_or(i32::MAX))
            .unwrap_or(self.max_delay)
            .min(self.max_delay)
    }

    /// Decides an attempt at `now` against the stored budget (`None`: no
    /// budget yet). An allowed attempt is counted as a failure until it
    /// succeeds.
    pub fn decide(&self, stored: Option<Budget>, now: DateTime<Utc>) -> Decision {
        let current = stored.filter(|b| now - b.last_attempt_at < self.forget_after);
        if let Some(budget) = current
            && budget.next_allowed_at > now
        {
            let wait = (budget.next_allowed_at - now).num_milliseconds();
            return Decision::Refused {
                retry_after_secs: u64::try_from((wait + 999) / 1000).unwrap_or(1).max(1),
            };
        }
        let failures = current.map_or(0, |b| b.failures) + 1;
        Decision::Allowed(Budget {
            failures,
            next_allowed_at: now + self.delay_after(failures),
            last_attempt_at: now,
        })
    }
}

impl Policy {
    /// The budget after the attempt it last counted turned out to be a
    /// success: that attempt is given back, and the wait is what it would
    /// have been without it.
    pub fn give_back(&self, stored: Budget) -> Budget {
        let failures = (stored.failures - 1).max(0);
        Budget {
            failures,
            next_allowed_at: stored
                .next_allowed_at
                .min(stored.last_attempt_at + self.delay_after(failures)),
            last_attempt_at: stored.last_attempt_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn successes_give_their_attempt_back() {
        let p = ADDRESS;
        let mut stored = None;
        // A whole morning of people signing in right on one tablet.
        for i in 0..200 {
            match p.decide(stored, at(i)) {
                Decision::Allowed(budget) => stored = Some(p.give_back(budget)),
                Decision::Refused { .. } => panic!("sign-in {i} was refused"),
            }
        }
        assert_eq!(stored.map(|b| b.failures), Some(0));
        // Failures still count: the free ones, then a wait.
        for i in 0..p.free {
            let Decision::Allowed(budget) = p.decide(stored, at(300)) else {
                panic!("failure {i} refused");
            };
            stored = Some(budget);
        }
        assert!(matches!(
            p.decide(stored, at(300)),
            Decision::Refused { .. }
        ));
        // One success after the wait gives back one attempt and shortens the
        // wait to the one before it.
        let Decision::Allowed(budget) = p.decide(stored, at(301)) else {
            panic!("the attempt after the wait was refused");
        };
        let back = p.give_back(budget);
        assert_eq!(back.failures, p.free);
        assert_eq!(back.next_allowed_at, at(301) + p.delay_after(p.free));
    }

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn the_first_attempts_are_free_and_then_the_wait_doubles_up_to_the_cap() {
        let p = ACCOUNT;
        assert_eq!(p.delay_after(4), Duration::zero());
        assert_eq!(p.delay_after(5), Duration::seconds(1));
        assert_eq!(p.delay_after(6), Duration::seconds(2));
        assert_eq!(p.delay_after(9), Duration::seconds(16));
        assert_eq!(p.delay_after(15), Duration::minutes(15));
        assert_eq!(p.delay_after(1_000_000), Duration::minutes(15));
    }

    #[test]
    fn attempts_at_the_same_instant_count_one_by_one() {
        let p = ACCOUNT;
        let mut stored = None;
        let mut allowed = 0;
        let mut refused = 0;
        for _ in 0..400 {
            match p.decide(stored, at(0)) {
                Decision::Allowed(budget) => {
                    allowed += 1;
                    stored = Some(budget);
                }
                Decision::Refused { retry_after_secs } => {
                    refused += 1;
                    assert_eq!(retry_after_secs, 1);
                }
            }
        }
        assert_eq!(allowed, 5, "five attempts at once, then the first wait");
        assert_eq!(refused, 395);
        assert_eq!(
            stored.unwrap().failures,
            5,
            "refused attempts are not counted"
        );
    }

    #[test]
    fn a_flood_costs_the_owner_seconds_not_the_evening() {
        let p = ACCOUNT;
        let mut stored = None;
        // A thousand attempts a second for a minute.
        for second in 0..60 {
            for _ in 0..1000 {
                if let Decision::Allowed(budget) = p.decide(stored, at(second)) {
                    stored = Some(budget);
                }
            }
        }
        let budget = stored.unwrap();
        // Five at once, then at 1, 3, 7, 15 and 31 s (the next at 63 s):
        // ten counted attempts in the minute.
        assert_eq!(budget.failures, 10);
        assert!(budget.next_allowed_at - at(60) <= Duration::seconds(64));
    }

    #[test]
    fn a_quiet_day_forgets_the_failures() {
        let p = ADDRESS;
        let tired = Budget {
            failures: 40,
            next_allowed_at: at(900),
            last_attempt_at: at(0),
        };
        assert!(matches!(
            p.decide(Some(tired), at(60)),
            Decision::Refused { .. }
        ));
        match p.decide(Some(tired), at(86_400)) {
            Decision::Allowed(b) => assert_eq!(b.failures, 1),
            other => panic!("{other:?}"),
        }
    }
}
