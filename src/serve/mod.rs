//! `fksim serve`: the workshop in a browser. One HTTP server (axum on tokio) holds a sandbox
//! per participant; each request's statements run synchronously on a blocking thread under
//! the statement limits, and the page, its JSON API, the graph picture and the instructor's
//! view are served from here.

mod api;
mod run;
mod sessions;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

pub use run::{ErrorJson, Item, Limits, Reply};
pub use sessions::{Progress, Registry, random_token};

/// What `fksim serve` is started with.
#[derive(Debug, Clone)]
pub struct Options {
    /// Address to listen on (127.0.0.1 unless the room needs it).
    pub listen: SocketAddr,
    /// At most this many sandboxes at once.
    pub max_sessions: usize,
    /// A sandbox without a request for this long is dropped.
    pub idle: Duration,
    /// Limits per statement and request.
    pub limits: Limits,
    /// Largest request body, in bytes.
    pub max_body: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_sessions: 100,
            idle: Duration::from_secs(30 * 60),
            limits: Limits {
                statement_time: Duration::from_secs(5),
                rows: 1_000_000,
                request_time: Duration::from_secs(20),
                memory: run::DEFAULT_SESSION_MEMORY,
            },
            max_body: 64 * 1024,
        }
    }
}

/// What the handlers share.
pub struct State {
    /// The sandboxes.
    pub registry: Registry,
    /// The options.
    pub options: Options,
    /// The instructor's token.
    pub token: String,
}

/// Serves until Ctrl-C. Prints the participants' URL and the instructor's (with its token)
/// on standard output first: the first line is `fksim serve: listening on http://ADDR/`.
pub fn serve(options: Options) -> Result<(), String> {
    let token = random_token()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server's runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(options.listen)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", options.listen))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        // Whoever started the server may stop reading its output: that must not stop it.
        use std::io::Write;
        let mut stdout = std::io::stdout();
        let _ = writeln!(stdout, "fksim serve: listening on http://{addr}/");
        let _ = writeln!(stdout, "instructor: http://{addr}/instructor?token={token}");
        let _ = writeln!(
            stdout,
            "limits: {} sandboxes, idle {} s, {} ms and {} rows a statement, {} a sandbox, {} bytes a request; Ctrl-C stops",
            options.max_sessions,
            options.idle.as_secs(),
            options.limits.statement_time.as_millis(),
            options.limits.rows,
            crate::engine::memory::pretty(options.limits.memory),
            options.max_body
        );
        let _ = stdout.flush();
        let state = Arc::new(State {
            registry: Registry::new(options.max_sessions, options.idle),
            options,
            token,
        });
        tokio::spawn(api::sweep(state.clone()));
        axum::serve(listener, api::router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| format!("server stopped: {e}"))
    })?;
    Ok(())
}
