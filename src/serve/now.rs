//! serve's "now": the system clock (or `--now` pinned) moved by what `POST /__serve/clock` asked,
//! read by every check that depends on time — token expiry, `nbf`, `iat`, the Issue Token API's
//! `expires_in`, message times — so a test sees a token expire without waiting. One atomic
//! offset, so reading it costs no lock. The HTTP side is `control::clock`'s.

use std::sync::atomic::{AtomicI64, Ordering};

use super::message::Millis;

/// The clock every handler reads.
pub(crate) struct ServeClock {
    /// `--now` in milliseconds, or `None` for the system clock.
    pinned: Option<Millis>,
    /// Milliseconds added to the base clock (`advance`, `set`).
    offset: AtomicI64,
}

impl ServeClock {
    pub(crate) fn new(pinned_seconds: Option<i64>) -> Self {
        Self {
            pinned: pinned_seconds.map(|seconds| seconds.saturating_mul(1000)),
            offset: AtomicI64::new(0),
        }
    }

    fn base(&self) -> Millis {
        self.pinned.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|elapsed| i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX))
                .unwrap_or(0)
        })
    }

    /// Now, in Unix milliseconds.
    pub(crate) fn now(&self) -> Millis {
        self.base()
            .saturating_add(self.offset.load(Ordering::Relaxed))
    }

    /// Whether the base clock is `--now` (then "now" moves only when asked).
    pub(crate) fn is_pinned(&self) -> bool {
        self.pinned.is_some()
    }

    /// Moves "now" by `milliseconds` (negative: back).
    pub(crate) fn advance(&self, milliseconds: i64) {
        let _ = self
            .offset
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |offset| {
                Some(offset.saturating_add(milliseconds))
            });
    }

    /// Makes "now" the instant `at` (it goes on from there unless pinned).
    pub(crate) fn set(&self, at: Millis) {
        self.offset
            .store(at.saturating_sub(self.base()), Ordering::Relaxed);
    }

    /// How far "now" is from the base clock, in milliseconds.
    pub(crate) fn offset(&self) -> i64 {
        self.offset.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinned_clock_moves_only_when_asked() {
        let clock = ServeClock::new(Some(1_700_000_000));
        assert_eq!(clock.now(), 1_700_000_000_000);
        clock.advance(7_200_000);
        assert_eq!(clock.now(), 1_700_007_200_000);
        clock.set(1_000);
        assert_eq!(
            (clock.now(), clock.offset()),
            (1_000, 1_000 - 1_700_000_000_000)
        );
    }
}
