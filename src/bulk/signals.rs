//! Stopping a bulk run cleanly on SIGINT, SIGTERM or SIGHUP. Left to their default action, these
//! signals end the process wherever it is, often in the middle of writing a block, so the
//! output ends mid-line (a torn token a script would read as a whole one). During a bulk run
//! they only record which signal came; the reader stops reading, the writer finishes the block
//! it is writing (whole lines) and stops, and the run exits with 128 + the signal
//! (`exit_codes::exit_on_signal`). Single runs keep the default action: their one line goes out
//! in one write.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

/// The signal that arrived, or 0.
static ARRIVED: AtomicUsize = AtomicUsize::new(0);

/// The signals that stop a bulk run cleanly.
#[cfg(unix)]
const STOPPING: &[i32] = &[
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
];
#[cfg(not(unix))]
const STOPPING: &[i32] = &[signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM];

/// Makes the stopping signals record themselves instead of ending the process. Idempotent; a
/// platform that refuses a handler keeps that signal's default action, and a signal this
/// process was started with ignored (`nohup` ignores SIGHUP, a shell's `&` SIGINT) stays
/// ignored.
pub(super) fn watch() {
    static WATCHING: Once = Once::new();
    WATCHING.call_once(|| {
        let ignored = ignored_signals();
        for &signal in STOPPING {
            if ignored.contains(&signal) {
                continue;
            }
            // A signal number is small and positive.
            let value = usize::try_from(signal).unwrap_or(0);
            let _ignored = signal_hook::flag::register_usize(signal, &ARRIVED, value);
        }
    });
}

/// The signals this process ignores, from the `SigIgn` mask in `/proc/self/status` (bit n - 1
/// for signal n); none where that cannot be read.
fn ignored_signals() -> Vec<i32> {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mask = status
        .lines()
        .find_map(|line| line.strip_prefix("SigIgn:"))
        .and_then(|hex| u64::from_str_radix(hex.trim(), 16).ok())
        .unwrap_or(0);
    (1..=64)
        .filter(|signal| mask & (1u64 << (signal - 1)) != 0)
        .collect()
}

/// The stopping signal that arrived since [`watch`], if any.
pub(super) fn arrived() -> Option<i32> {
    match ARRIVED.load(Ordering::SeqCst) {
        0 => None,
        signal => i32::try_from(signal).ok(),
    }
}
