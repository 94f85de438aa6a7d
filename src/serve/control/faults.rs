//! Injected faults (MailHog's chaos mode, for serve's Courier): what `POST /__serve/faults` set
//! and each request or socket gets — latency and errors on Courier's HTTP routes (the error
//! draws come from a seeded ChaCha8 stream, so the same requests in the same order fail the
//! same way on every run), refused socket upgrades, and one-off socket faults (courier-js's
//! `reconnect` message, a close with a code) sent to the sockets open at that moment through
//! a broadcast channel. `DELETE` clears what is standing. The parsing of the body is here too.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use tokio::sync::broadcast;

use super::shapes::{FaultsAnswer, StandingAnswer, StandingJson};

/// The seed of the error draws unless the body gives `"seed"`.
pub(crate) const DEFAULT_SEED: u64 = 1;

/// A fault sent once to every open socket.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum SocketFault {
    /// courier-js's `{"event": "reconnect", "retryAfter": seconds}`: close and come back.
    Reconnect { retry_after_ms: u64 },
    /// Close the socket with this code.
    Close { code: u16 },
}

/// What stands until cleared.
#[derive(Debug, Clone, Default, PartialEq)]
struct Standing {
    latency: Option<Duration>,
    /// (probability, status)
    errors: Option<(f64, u16)>,
    refuse_upgrades: Option<u16>,
}

/// What a request to a Courier route gets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Injected {
    pub(crate) latency: Option<Duration>,
    /// Answer this status instead of serving.
    pub(crate) error: Option<u16>,
}

struct Draws {
    standing: Standing,
    random: ChaCha8Rng,
}

/// The faults of one running serve.
pub(crate) struct Faults {
    /// Whether any fault stands: without one, a request takes no lock here.
    standing: AtomicBool,
    draws: Mutex<Draws>,
    sockets: broadcast::Sender<SocketFault>,
}

impl Default for Faults {
    fn default() -> Self {
        Self {
            standing: AtomicBool::new(false),
            draws: Mutex::new(Draws {
                standing: Standing::default(),
                random: ChaCha8Rng::seed_from_u64(DEFAULT_SEED),
            }),
            sockets: broadcast::channel(16).0,
        }
    }
}

impl Faults {
    fn draws(&self) -> MutexGuard<'_, Draws> {
        self.draws
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// What the next request to a Courier route gets; `upgrade`: it asks for a socket.
    pub(crate) fn next_request(&self, upgrade: bool) -> Injected {
        if !self.standing.load(Ordering::Acquire) {
            return Injected {
                latency: None,
                error: None,
            };
        }
        let mut draws = self.draws();
        let standing = draws.standing.clone();
        let error = match (upgrade, standing.refuse_upgrades, standing.errors) {
            (true, Some(status), _) => Some(status),
            (_, _, Some((rate, status))) => {
                // 53 random bits as a fraction in [0, 1).
                let draw = (draws.random.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
                (draw < rate).then_some(status)
            }
            _ => None,
        };
        Injected {
            latency: standing.latency,
            error,
        }
    }

    /// Sockets hear one-off faults here.
    pub(crate) fn socket_faults(&self) -> broadcast::Receiver<SocketFault> {
        self.sockets.subscribe()
    }

    /// Applies a `POST /__serve/faults` body; what now stands, or why the body is wrong.
    pub(crate) fn apply(&self, body: &Value) -> Result<FaultsAnswer, String> {
        let request = parse(body)?;
        let mut draws = self.draws();
        if let Some(latency) = request.standing.latency {
            draws.standing.latency = Some(latency);
        }
        if let Some(errors) = request.standing.errors {
            draws.standing.errors = Some(errors);
            draws.random = ChaCha8Rng::seed_from_u64(request.seed.unwrap_or(DEFAULT_SEED));
        }
        if let Some(status) = request.standing.refuse_upgrades {
            draws.standing.refuse_upgrades = Some(status);
        }
        let standing = describe(&draws.standing);
        self.standing
            .store(draws.standing != Standing::default(), Ordering::Release);
        drop(draws);
        let sockets = request
            .socket
            .map_or(0, |fault| self.sockets.send(fault).unwrap_or(0));
        Ok(FaultsAnswer { standing, sockets })
    }

    /// Clears every standing fault.
    pub(crate) fn clear(&self) {
        let mut draws = self.draws();
        self.standing.store(false, Ordering::Release);
        draws.standing = Standing::default();
        draws.random = ChaCha8Rng::seed_from_u64(DEFAULT_SEED);
    }

    /// What stands, as JSON.
    pub(crate) fn standing(&self) -> StandingAnswer {
        StandingAnswer {
            standing: describe(&self.draws().standing),
        }
    }
}

fn describe(standing: &Standing) -> StandingJson {
    StandingJson {
        latency_ms: standing.latency.map(|latency| latency.as_millis() as u64),
        error_rate: standing.errors.map(|(rate, _)| rate),
        status: standing.errors.map(|(_, status)| status),
        upgrade: standing.refuse_upgrades,
    }
}

struct FaultRequest {
    standing: Standing,
    seed: Option<u64>,
    socket: Option<SocketFault>,
}

/// The fields a faults body may have.
const FIELDS: [&str; 8] = [
    "socket",
    "retry_after_ms",
    "code",
    "upgrade",
    "latency_ms",
    "error_rate",
    "status",
    "seed",
];

fn parse(body: &Value) -> Result<FaultRequest, String> {
    let object = body.as_object().ok_or("the body must be a JSON object")?;
    if let Some(unknown) = object.keys().find(|key| !FIELDS.contains(&key.as_str())) {
        return Err(format!(
            "unknown field {unknown:?}; a fault is one of socket (reconnect, close), upgrade, latency_ms, error_rate (with status, seed)"
        ));
    }
    let whole = |name: &str, max: u64| -> Result<Option<u64>, String> {
        match object.get(name) {
            None => Ok(None),
            Some(value) => value
                .as_u64()
                .filter(|number| *number <= max)
                .map(Some)
                .ok_or_else(|| format!("{name:?} must be a whole number from 0 to {max}")),
        }
    };
    let status = |name: &str| -> Result<Option<u16>, String> {
        match object.get(name).map(Value::as_u64) {
            None => Ok(None),
            Some(Some(status @ 400..=599)) => Ok(Some(status as u16)),
            Some(_) => Err(format!(
                "{name:?} must be an HTTP error status (400 to 599)"
            )),
        }
    };
    let socket = match object.get("socket").map(|value| value.as_str()) {
        None => None,
        Some(Some("reconnect")) => Some(SocketFault::Reconnect {
            retry_after_ms: whole("retry_after_ms", 3_600_000)?.unwrap_or(0),
        }),
        Some(Some("close")) => {
            let code = whole("code", 4999)?.unwrap_or(1011) as u16;
            if !(code == 1000 || (1001..=1014).contains(&code) || code >= 3000)
                || code == 1005
                || code == 1006
            {
                return Err(format!("\"code\" {code} is not a close code a server may send (1000-1014 but 1005 and 1006, or 3000-4999)"));
            }
            Some(SocketFault::Close { code })
        }
        Some(_) => return Err("\"socket\" is \"reconnect\" or \"close\"".into()),
    };
    let errors = match object.get("error_rate") {
        None => None,
        Some(rate) => {
            let rate = rate
                .as_f64()
                .filter(|rate| (0.0..=1.0).contains(rate))
                .ok_or("\"error_rate\" must be a number from 0 to 1")?;
            Some((rate, status("status")?.unwrap_or(503)))
        }
    };
    let request = FaultRequest {
        standing: Standing {
            latency: whole("latency_ms", 60_000)?.map(Duration::from_millis),
            errors,
            refuse_upgrades: status("upgrade")?,
        },
        seed: whole("seed", u64::MAX)?,
        socket,
    };
    if request.socket.is_none() && request.standing == Standing::default() {
        return Err("no fault in the body: give socket, upgrade, latency_ms or error_rate".into());
    }
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn error_draws_repeat_with_the_seed() {
        let run = || {
            let faults = Faults::default();
            faults
                .apply(&json!({"error_rate": 0.5, "status": 503, "seed": 7}))
                .unwrap();
            (0..64)
                .map(|_| faults.next_request(false).error.is_some())
                .collect::<Vec<_>>()
        };
        let first = run();
        assert_eq!(first, run());
        assert!(first.contains(&true) && first.contains(&false));
    }

    #[test]
    fn bodies_are_checked() {
        let faults = Faults::default();
        for bad in [
            json!({}),
            json!({"socket": "explode"}),
            json!({"error_rate": 2}),
            json!({"upgrade": 200}),
            json!({"socket": "close", "code": 1006}),
            json!({"latency": 5}),
        ] {
            assert!(faults.apply(&bad).is_err(), "{bad}");
        }
        faults.apply(&json!({"upgrade": 401})).unwrap();
        assert_eq!(faults.next_request(true).error, Some(401));
        assert_eq!(faults.next_request(false).error, None);
        faults.clear();
        assert_eq!(faults.next_request(true).error, None);
    }
}
