//! When to stop: Ctrl-C (SIGINT) or SIGTERM, whichever comes first (tokio-rs/mini-redis's
//! `shutdown.rs`: one signal, every task watches it).

/// Resolves when the process is asked to stop.
pub(crate) async fn requested() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}
