//! The listener (tokio-rs/mini-redis's `server.rs`): bind, say where on the first stdout line,
//! accept connections up to a limit on one single-threaded runtime per core, serve each with
//! hyper (header and idle time bounded, so a silent client cannot hold a connection), and on
//! Ctrl-C or SIGTERM stop accepting, let every connection finish its request and every socket
//! close, then return.

use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};

use super::app::{App, MAX_CONNECTIONS, MAX_SOCKETS};
use super::routes::router;
use super::send::read_messages;
use super::settings::Settings;
use super::shutdown::StopSignals;
use super::state::Workspace;
use super::urls::{api_urls, ApiUrls};
use super::workspace_export::{check_export_path, export_workspace};
use super::workspace_load::load_workspace_file;
use crate::terminal::error::user_error_with_hint;
use crate::wire::urls::INBOX_GRAPHQL_PATH;

/// How long a connection may take to send a request's headers, and stay idle between requests.
const HEADER_TIMEOUT: Duration = Duration::from_secs(20);
/// How long stopping waits for open connections.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

/// Where a started server listens, for what runs beside it.
pub(crate) struct Listening {
    pub(crate) address: SocketAddr,
    /// Ctrl-C and SIGTERM, listened for since before the server listened.
    pub(crate) signals: StopSignals,
    pub(crate) workspace: Arc<Workspace>,
}

/// Runs the server until Ctrl-C or SIGTERM, after saying where on the first stdout line.
pub fn run(settings: Settings) -> anyhow::Result<()> {
    serve_until(&settings, |mut listening| {
        announce(&settings, listening.address, &listening.workspace)?;
        Ok(async move { listening.signals.requested().await })
    })?;
    crate::terminal::diagnostics::line(format_args!("courier-token serve: stopped"));
    Ok(())
}

/// Runs the server until the future `started` makes (once it listens) resolves, and returns
/// what it resolved to: one single-threaded tokio runtime per core, each accepting from the
/// same listener. (Not tokio's multi-threaded scheduler: its statistics call `pow`, which would
/// link libm into the binary and slow every other command's start.)
pub(crate) fn serve_until<Stop, Done>(
    settings: &Settings,
    started: impl FnOnce(Listening) -> anyhow::Result<Stop>,
) -> anyhow::Result<Done>
where
    Stop: std::future::Future<Output = Done>,
{
    set_parent_death_signal();
    let workspace = Arc::new(Workspace::new(settings.now));
    if let Some(path) = &settings.messages {
        let file = std::fs::File::open(path)
            .with_context(|| format!("could not read --messages {}", path.display()))?;
        let reader = std::io::BufReader::with_capacity(64 * 1024, file);
        read_messages(reader, workspace.now(), |message| {
            workspace.add(message);
        })
        .map_err(|problem| {
            user_error_with_hint(
                format!("--messages {}: {problem}", path.display()),
                "one JSON object per line (or a JSON array), each with user_id and title, body, tags, tenant, created, read, archived as wanted",
            )
        })?;
        workspace.shrink();
    }
    if let Some(path) = &settings.workspace_file {
        load_workspace_file(&workspace, path)?;
        workspace.shrink();
    }
    if let Some(path) = &settings.export_on_exit {
        check_export_path(path)?;
    }
    let listener = std::net::TcpListener::bind(settings.address).map_err(|error| {
        user_error_with_hint(
            format!("could not listen on {}: {error}", settings.address),
            "choose another --port, or --port 0 for any free one",
        )
    })?;
    listener.set_nonblocking(true)?;
    let address = listener.local_addr()?;
    workspace.set_base_url(format!("http://{address}"));
    let runtime = single_threaded_runtime()?;
    let signals = {
        let _inside = runtime.enter();
        StopSignals::install().context("could not listen for Ctrl-C and SIGTERM")?
    };
    let (stop, stopping) = watch::channel(false);
    let app = Arc::new(App::new(
        settings,
        address,
        Arc::clone(&workspace),
        stopping.clone(),
    ));
    let accepting = Accepting {
        service: TowerToHyperService::new(router(Arc::clone(&app))),
        connections: Arc::clone(&app.connections),
        sockets: Arc::clone(&app.sockets),
        stopping: stopping.clone(),
    };
    let stop_when = {
        let _inside = runtime.enter();
        started(Listening {
            address,
            signals,
            workspace: Arc::clone(&workspace),
        })?
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let mut workers = Vec::new();
    for _ in 1..cores {
        let (listener, accepting) = (listener.try_clone()?, accepting.clone());
        workers.push(
            std::thread::Builder::new()
                .name("serve".into())
                .spawn(move || single_threaded_runtime()?.block_on(accepting.run(listener)))?,
        );
    }
    let done = runtime.block_on(async {
        let stopper = async {
            let done = stop_when.await;
            let _ = stop.send(true);
            done
        };
        let (served, done) = tokio::join!(accepting.run(listener), stopper);
        served.map(|()| done)
    })?;
    for worker in workers {
        if let Ok(result) = worker.join() {
            result?;
        }
    }
    if let Some(path) = &settings.export_on_exit {
        export_workspace(&workspace, path)?;
    }
    Ok(done)
}

/// serve dies with what started it: on Linux, the kernel sends SIGTERM (which stops it as
/// Ctrl-C does) when the parent exits, even by SIGKILL, so a killed test runner leaves no
/// server behind. (The parent *thread*: a parent that starts serve from a thread that then
/// ends stops it too.)
fn set_parent_death_signal() {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::process::{set_parent_process_death_signal, Signal};
        let _ignored = set_parent_process_death_signal(Some(Signal::TERM));
    }
}

fn single_threaded_runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("could not start the server's runtime")
}

/// What every accepting thread shares.
#[derive(Clone)]
struct Accepting {
    service: TowerToHyperService<axum::Router>,
    /// Every open connection holds a permit, and every socket one of `sockets`: the limits,
    /// and how stopping knows they are all done.
    connections: Arc<Semaphore>,
    sockets: Arc<Semaphore>,
    stopping: watch::Receiver<bool>,
}

impl Accepting {
    /// Accepts and serves connections until the server stops, then waits (a while) for every
    /// connection and socket of every thread to finish.
    async fn run(mut self, listener: std::net::TcpListener) -> anyhow::Result<()> {
        let listener = TcpListener::from_std(listener)?;
        let _ticking = tokio::spawn(keep_a_timer_due_soon());
        loop {
            let permit = tokio::select! {
                permit = Arc::clone(&self.connections).acquire_owned() => permit?,
                _ = self.stopping.changed() => break,
            };
            let stream = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                _ = self.stopping.changed() => break,
            };
            let service = self.service.clone();
            let mut stopping = self.stopping.clone();
            tokio::spawn(async move {
                let mut builder = http1::Builder::new();
                builder
                    .timer(TokioTimer::new())
                    .header_read_timeout(HEADER_TIMEOUT);
                let connection = builder
                    .serve_connection(TokioIo::new(stream), service)
                    .with_upgrades();
                tokio::pin!(connection);
                tokio::select! {
                    _ = connection.as_mut() => {}
                    _ = stopping.changed() => {
                        connection.as_mut().graceful_shutdown();
                        let _ = connection.await;
                    }
                }
                drop(permit);
            });
            // Let the other cores' loops take the next pending connection: without this, the
            // first loop to wake drains the whole backlog and serves every connection alone.
            tokio::task::yield_now().await;
        }
        drop(listener);
        let all = |limit: usize| u32::try_from(limit).unwrap_or(u32::MAX);
        let drained = async {
            let _ = self.connections.acquire_many(all(MAX_CONNECTIONS)).await;
            let _ = self.sockets.acquire_many(all(MAX_SOCKETS)).await;
        };
        let _ = tokio::time::timeout(DRAIN_TIMEOUT, drained).await;
        Ok(())
    }
}

/// How often [`keep_a_timer_due_soon`] ticks: well before any request's time limit.
const TICK: Duration = Duration::from_secs(1);

/// Keeps a timer due within [`TICK`] on this thread's runtime, for speed alone. tokio wakes a
/// runtime's driver (a write to its eventfd, and one more turn of epoll) whenever a timer is
/// armed that falls due before the earliest one the driver went to sleep with. Every request
/// arms two (hyper's header time limit and the request's own), and between requests the
/// earliest is often later than both, so each request would cost that wake-up: about a tenth
/// of the Issue Token API's throughput. With a tick always due sooner, arming them never does.
async fn keep_a_timer_due_soon() {
    let mut ticks = tokio::time::interval(TICK);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
    }
}

/// `serve --json`'s first line: `{"base_url","apiUrls","workspace_id","client_key",
/// "environment"}`, with `"api_key"` only for the development key.
#[derive(serde::Serialize)]
struct ListeningLine<'a> {
    base_url: &'a str,
    #[serde(rename = "apiUrls")]
    api_urls: ApiUrls,
    workspace_id: &'a str,
    client_key: String,
    environment: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_key: Option<String>,
}

/// The first stdout line: where it listens (`--json`: the base URL and the `apiUrls` object
/// courier-js's `signIn` takes). The rest goes to stderr for people.
fn announce(settings: &Settings, address: SocketAddr, workspace: &Workspace) -> anyhow::Result<()> {
    let base = format!("http://{address}");
    let socket = format!("ws://{address}");
    let line = if settings.json {
        let line = ListeningLine {
            base_url: &base,
            api_urls: api_urls(address),
            workspace_id: &settings.workspace_id,
            client_key: settings.client_key(),
            environment: &settings.environment,
            // Made for this run and valid on it alone: the one key ever printed.
            api_key: settings
                .development_key
                .then(|| settings.development_key_text()),
        };
        serde_json::to_string(&line)?
    } else {
        format!("courier-token serve: listening on {base}")
    };
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{line}").and_then(|()| stdout.flush())?;
    let (messages, users) = workspace.size();
    crate::terminal::diagnostics::line(format_args!(
        "courier-token serve: workspace {} ({} environment, client key {}), {messages} message(s) for {users} user(s); Inbox GraphQL {base}{INBOX_GRAPHQL_PATH}, realtime {socket}; Ctrl-C stops",
        settings.workspace_id,
        settings.environment,
        settings.client_key()
    ));
    Ok(())
}
