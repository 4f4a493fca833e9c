//! The HTTP server loop. `axum::serve` has no header-read timeout, no cap on connections and
//! no bound on its graceful shutdown, so this loop drives hyper directly (as `axum::serve`
//! does inside) with those three added:
//!
//! - a client must send a request's headers within [`ServeLimits::header_read`], and an idle
//!   kept-alive connection is closed after as long, so slow clients cannot hold sockets;
//! - at most [`ServeLimits::max_connections`] are open at once, below the process's file
//!   limit, so a flood waits in the listen queue instead of making `accept` fail for all;
//! - on shutdown the listener closes, live streams have already been told to end, and
//!   requests in flight get [`ServeLimits::drain`] to finish before the loop returns.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

#[derive(Debug, Clone, Copy)]
pub struct ServeLimits {
    pub header_read: Duration,
    pub max_connections: usize,
    pub drain: Duration,
}

impl ServeLimits {
    /// Ten seconds to send headers; connections capped below the file limit (raised to its
    /// hard maximum first), keeping 256 files for the database, logs and the site's files;
    /// twenty seconds to drain.
    pub fn for_this_process() -> Self {
        let files = rlimit::increase_nofile_limit(u64::MAX).unwrap_or(1024);
        let max_connections = usize::try_from(files.saturating_sub(256))
            .unwrap_or(usize::MAX)
            .clamp(64, 100_000);
        Self {
            header_read: Duration::from_secs(10),
            max_connections,
            drain: Duration::from_secs(20),
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then drains.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send,
    limits: ServeLimits,
) {
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Some(Duration::from_secs(20)));
    let builder = Arc::new(builder);
    let graceful = GracefulShutdown::new();
    let open = Arc::new(Semaphore::new(limits.max_connections));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = open.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of files or similar: wait a moment rather than spin.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = router
            .clone()
            .map_request(move |request: hyper::Request<Incoming>| {
                let mut request = request.map(Body::new);
                // The client's address, for sign-in throttling (as `ConnectInfo` gives it).
                request
                    .extensions_mut()
                    .insert(ConnectInfo::<SocketAddr>(remote));
                request
            });
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), TowerToHyperService::new(service))
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    let open_now = graceful.count();
    if open_now > 0 {
        tracing::info!(
            connections = open_now,
            "stopping: finishing requests in flight"
        );
    }
    if tokio::time::timeout(limits.drain, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            seconds = limits.drain.as_secs(),
            "stopping: requests still running after the drain were cut off"
        );
    }
}
