//! `serve [OPTIONS] -- COMMAND [ARGS…]` (Firebase's `emulators:exec`): start serve, run the
//! command with the environment that points it at serve ([`COMMAND_ENVIRONMENT`]), forward
//! Ctrl-C and SIGTERM to it, and when it ends stop serve and pass its exit code on — 128 + the
//! signal when a signal ended it, 127 (one line on stderr) when it could not be started. stdout
//! is the command's: serve prints where it listens on stderr.

use std::ffi::OsString;
use std::net::SocketAddr;
use std::process::{Child, ExitStatus};

use super::server::{serve_until, Listening};
use super::settings::Settings;
use super::shutdown::{StopSignal, StopSignals};
use super::urls::environment_variables;
use crate::terminal::exit_codes::{ERROR, SIGNALLED_BASE};

/// The exit code when the command could not be started, as a shell says it.
pub const COMMAND_NOT_STARTED: u8 = 127;

/// What the command finds in its environment, and what each holds.
pub const COMMAND_ENVIRONMENT: [(&str, &str); 7] = [
    ("COURIER_BASE_URL", "serve's base URL, http://127.0.0.1:<port> (Courier's Node server SDK, @trycourier/courier, reads it)"),
    ("COURIER_API_KEY", "the workspace's API key: the one serve was given, or the development key it made"),
    ("COURIER_CLIENT_KEY", "the workspace's public client key"),
    ("COURIER_API_URLS", "courier-js's apiUrls as JSON: pass JSON.parse(process.env.COURIER_API_URLS) to signIn"),
    ("COURIER_INBOX_URL", "the Inbox GraphQL endpoint, <base>/q"),
    ("COURIER_REALTIME_URL", "the realtime socket, ws://127.0.0.1:<port>"),
    ("COURIER_WORKSPACE_ID", "the workspace id (the tenant_id of the tokens serve issues)"),
];

/// The command `serve --` runs.
#[derive(Debug, Clone)]
pub struct CommandLine {
    pub program: OsString,
    pub args: Vec<OsString>,
}

/// Runs serve with `command` beside it; the exit code to leave with.
pub fn run_command(settings: &Settings, command: &CommandLine) -> anyhow::Result<u8> {
    let code = serve_until(settings, |listening: Listening| {
        let started = std::process::Command::new(&command.program)
            .args(&command.args)
            .envs(environment(settings, listening.address))
            .spawn();
        if started.is_ok() {
            crate::terminal::diagnostics::line(format_args!(
                "courier-token serve: listening on http://{}; running {}",
                listening.address,
                command.program.to_string_lossy()
            ));
        }
        let signals = listening.signals;
        Ok(async move {
            match started {
                Ok(child) => supervise(child, signals).await,
                Err(error) => {
                    crate::terminal::diagnostics::line(format_args!(
                        "courier-token serve: error: could not run {}: {error}",
                        command.program.to_string_lossy()
                    ));
                    COMMAND_NOT_STARTED
                }
            }
        })
    })?;
    if code != COMMAND_NOT_STARTED {
        crate::terminal::diagnostics::line(format_args!("courier-token serve: stopped"));
    }
    Ok(code)
}

/// The values of [`COMMAND_ENVIRONMENT`] for a serve at `address`.
fn environment(settings: &Settings, address: SocketAddr) -> Vec<(&'static str, String)> {
    let key = String::from_utf8_lossy(settings.key.expose_bytes()).into_owned();
    let mut values = environment_variables(address, &settings.workspace_id);
    values.insert(1, ("COURIER_API_KEY", key));
    debug_assert!(values
        .iter()
        .map(|(name, _)| *name)
        .eq(COMMAND_ENVIRONMENT.iter().map(|(name, _)| *name)));
    values
}

/// Waits for the command (on a thread of its own), forwarding each stop signal to it.
async fn supervise(mut child: Child, mut signals: StopSignals) -> u8 {
    let pid = child.id();
    let (ended, mut status) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let _ = ended.send(child.wait());
    });
    loop {
        tokio::select! {
            waited = &mut status => {
                return match waited {
                    Ok(Ok(status)) => exit_code(status),
                    _ => ERROR,
                };
            }
            signal = signals.next() => forward(pid, signal),
        }
    }
}

#[cfg(unix)]
fn forward(pid: u32, signal: StopSignal) {
    use rustix::process::{kill_process, Pid, Signal};
    let signal = match signal {
        StopSignal::Interrupt => Signal::INT,
        StopSignal::Terminate => Signal::TERM,
    };
    if let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) {
        let _ignored = kill_process(pid, signal);
    }
}

#[cfg(not(unix))]
fn forward(_pid: u32, _signal: StopSignal) {}

/// The command's exit code, or 128 + the signal that ended it.
fn exit_code(status: ExitStatus) -> u8 {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt as _;
        if let Some(signal) = status.signal() {
            return SIGNALLED_BASE.saturating_add(u8::try_from(signal).unwrap_or(u8::MAX));
        }
    }
    status
        .code()
        .and_then(|code| u8::try_from(code).ok())
        .unwrap_or(ERROR)
}
