//! The HTTP routes of `fksim serve`: the page and its assets, the JSON API the page uses
//! (documented in the README), the graph picture and the instructor's view.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, Query, State as Shared};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use super::State;
use super::run::{check, run};
use super::sessions::{OpenError, Sandbox, lock};
use crate::console::Console;
use crate::engine::session::Session;
use crate::psqlscan::{ScriptItem, scan_script};
use crate::render::graph::{GraphFormat, render_graph};
use crate::render::psql::render_error;

type AppState = Arc<State>;

/// The page's assets, compiled in.
const INDEX: &str = include_str!("assets/index.html");
const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");
const INSTRUCTOR: &str = include_str!("assets/instructor.html");
const INSTRUCTOR_JS: &str = include_str!("assets/instructor.js");

/// Scripts and styles from this server only: nothing in a response can run code from
/// elsewhere or inline, even if markup slipped into the page.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// Every route.
pub fn router(state: AppState) -> Router {
    let max_body = state.options.max_body;
    Router::new()
        .route("/", get(|| async { asset("text/html; charset=utf-8", INDEX) }))
        .route("/app.js", get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }))
        .route("/app.css", get(|| async { asset("text/css; charset=utf-8", APP_CSS) }))
        .route(
            "/instructor.js",
            get(|| async { asset("text/javascript; charset=utf-8", INSTRUCTOR_JS) }),
        )
        .route("/instructor", get(instructor_page))
        .route("/api/instructor", get(instructor))
        .route("/api/sessions", post(open))
        .route("/api/sessions/{id}", axum::routing::delete(close))
        .route("/api/sessions/{id}/run", post(run_sql))
        .route("/api/sessions/{id}/cancel", post(cancel))
        .route("/api/sessions/{id}/graph.svg", get(graph))
        .route("/api/exercises", get(exercises))
        .route("/api/sessions/{id}/exercises/{n}/start", post(start_exercise))
        .route("/api/sessions/{id}/hint", post(hint))
        .route("/api/sessions/{id}/check", post(check_exercise))
        .route("/api/scenarios", get(scenarios))
        .route("/api/sessions/{id}/scenarios/{n}/start", post(start_scenario))
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(state)
}

/// Drops idle sandboxes every little while (their databases dropped on a blocking thread).
pub async fn sweep(state: AppState) {
    let every =
        (state.registry.idle / 2).clamp(Duration::from_millis(200), Duration::from_secs(30));
    loop {
        tokio::time::sleep(every).await;
        drop(state.registry.expire());
    }
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// An error answer: `{"error": "..."}` with a status.
struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, axum::Json(json!({ "error": self.1 }))).into_response()
    }
}

fn fail(status: StatusCode, message: impl Into<String>) -> Response {
    ApiError(status, message.into()).into_response()
}

fn ok(value: Value) -> Response {
    axum::Json(value).into_response()
}

/// The sandbox `id` names, or the 404 answer.
fn sandbox(state: &State, id: &str) -> Result<Arc<Sandbox>, ApiError> {
    state.registry.get(id).ok_or_else(|| {
        ApiError(
            StatusCode::NOT_FOUND,
            format!(
                "no sandbox with this id: it never existed or expired after {} s without a request; start a new one",
                state.options.idle.as_secs()
            ),
        )
    })
}

/// Runs `f` on the sandbox's console, on the sandbox's thread (the engine is synchronous).
async fn on_console<T: Send + 'static>(
    sandbox: Arc<Sandbox>,
    f: impl FnOnce(&mut Console, &Sandbox) -> T + Send + 'static,
) -> Result<T, ApiError> {
    let held = sandbox.clone();
    sandbox.call(move |console| f(console, &held)).await.map_err(|_| {
        ApiError(
            StatusCode::INTERNAL_SERVER_ERROR,
            "fksim failed inside while running this (a bug: please report the SQL)".into(),
        )
    })
}

/// A sandbox's console: no file access, echoing as `psql -a`, colour off.
fn sandbox_console(session: Option<Session>, like: Option<&Console>) -> Console {
    let mut console = Console::new(false, true);
    if let Some(s) = session {
        console.session = s;
    }
    if let Some(old) = like {
        // The cancel flag is the one the sandbox's cancel route raises.
        console.session.cancel = old.session.cancel.clone();
    }
    console.sandbox = true;
    console
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct NewSession {
    preset: Option<String>,
    nickname: Option<String>,
}

/// `POST /api/sessions`: body empty or `{"preset": "supabase", "nickname": "ann"}`.
async fn open(Shared(state): Shared<AppState>, body: String) -> Response {
    let request: NewSession = if body.trim().is_empty() {
        NewSession::default()
    } else {
        match serde_json::from_str(&body) {
            Ok(r) => r,
            Err(e) => return fail(StatusCode::BAD_REQUEST, format!("bad session request: {e}")),
        }
    };
    let nickname: String =
        request.nickname.unwrap_or_default().chars().filter(|c| !c.is_control()).take(40).collect();
    let preset = request.preset.filter(|p| !p.is_empty());
    let build = move || {
        let mut console = sandbox_console(None, None);
        if let Some(name) = &preset {
            crate::presets::apply(&mut console.session, name)
                .map_err(|e| render_error(&e, "").trim_end().to_string())?;
        }
        Ok(console)
    };
    let nickname = if nickname.trim().is_empty() { "anonymous".to_string() } else { nickname };
    match state.registry.open(build, nickname).await {
        Ok(id) => ok(json!({ "id": id })),
        Err(OpenError::Full(open)) => fail(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the workshop is full: {open} sandboxes are open, the most this server takes (--max-sessions); try again when one is closed or expires"
            ),
        ),
        Err(OpenError::Build(e)) => fail(StatusCode::BAD_REQUEST, e),
        Err(OpenError::NoRandomness(e)) => fail(StatusCode::INTERNAL_SERVER_ERROR, e),
    }
}

/// `DELETE /api/sessions/{id}`.
async fn close(Shared(state): Shared<AppState>, Path(id): Path<String>) -> Response {
    if state.registry.close(&id) {
        ok(json!({ "closed": true }))
    } else {
        fail(StatusCode::NOT_FOUND, "no sandbox with this id")
    }
}

/// `POST /api/sessions/{id}/run`: the body is SQL (statements and meta-commands).
async fn run_sql(
    Shared(state): Shared<AppState>,
    Path(id): Path<String>,
    body: String,
) -> Response {
    let sandbox = match sandbox(&state, &id) {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    let limits = state.options.limits;
    match on_console(sandbox, move |c, s| run(c, &s.progress, &body, &limits)).await {
        Ok(reply) => axum::Json(reply).into_response(),
        Err(e) => e.into_response(),
    }
}

/// `POST /api/sessions/{id}/cancel`: cancels the sandbox's running statement.
async fn cancel(Shared(state): Shared<AppState>, Path(id): Path<String>) -> Response {
    match sandbox(&state, &id) {
        Ok(s) => {
            s.cancel.request();
            ok(json!({ "cancelled": true }))
        }
        Err(e) => e.into_response(),
    }
}

/// `GET /api/sessions/{id}/graph.svg`.
async fn graph(Shared(state): Shared<AppState>, Path(id): Path<String>) -> Response {
    let sandbox = match sandbox(&state, &id) {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    match on_console(sandbox, |c, _| render_graph(&c.session.db, GraphFormat::Svg)).await {
        Ok(svg) => {
            let mut r = svg.into_response();
            let h = r.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml"));
            h.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'"),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            r
        }
        Err(e) => e.into_response(),
    }
}

/// `GET /api/exercises`: `[{"n": 1, "title": ...}, ...]`.
async fn exercises() -> Response {
    let list: Vec<Value> = crate::exercise::all()
        .iter()
        .enumerate()
        .map(|(i, ex)| json!({ "n": i + 1, "title": ex.title, "hints": ex.hints.len() }))
        .collect();
    ok(Value::Array(list))
}

/// `POST /api/sessions/{id}/exercises/{n}/start`: the sandbox restarts on the exercise's
/// starting state; answers its title, goal and number of hints.
async fn start_exercise(
    Shared(state): Shared<AppState>,
    Path((id, n)): Path<(String, usize)>,
) -> Response {
    let Some(ex) = crate::exercise::get(n) else {
        return fail(StatusCode::NOT_FOUND, format!("there is no exercise {n}"));
    };
    let sandbox = match sandbox(&state, &id) {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    let started = on_console(sandbox, move |c, s| {
        let session = crate::exercise::start(&ex).map_err(|e| render_error(&e, ""))?;
        let mut fresh = sandbox_console(Some(session), Some(c));
        let reply = json!({ "n": n, "title": ex.title, "goal": ex.goal, "hints": ex.hints.len() });
        lock(&s.progress).exercise = Some((n, ex.title.clone()));
        fresh.exercise = Some((ex, 0));
        let old = std::mem::replace(c, fresh);
        drop(old);
        Ok::<_, String>(reply)
    })
    .await;
    match started {
        Ok(Ok(v)) => ok(v),
        Ok(Err(e)) => fail(StatusCode::INTERNAL_SERVER_ERROR, e),
        Err(e) => e.into_response(),
    }
}

/// `POST /api/sessions/{id}/hint`: the next hint (the console's `\hint`).
async fn hint(Shared(state): Shared<AppState>, Path(id): Path<String>) -> Response {
    let sandbox = match sandbox(&state, &id) {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    let answered = on_console(sandbox, |c, _| {
        let mut text = String::new();
        c.run_meta("hint", "", &mut text);
        let (shown, total) = c.exercise.as_ref().map_or((0, 0), |(ex, n)| (*n, ex.hints.len()));
        json!({ "text": text, "shown": shown, "total": total })
    })
    .await;
    answered.map_or_else(IntoResponse::into_response, ok)
}

/// `POST /api/sessions/{id}/check`: the checker's verdict, `{"passed": bool, "text": ...}`.
async fn check_exercise(Shared(state): Shared<AppState>, Path(id): Path<String>) -> Response {
    let sandbox = match sandbox(&state, &id) {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    let answered = on_console(sandbox, |c, s| {
        let (passed, text) = check(c, &s.progress);
        json!({ "passed": passed, "text": text })
    })
    .await;
    answered.map_or_else(IntoResponse::into_response, ok)
}

/// `GET /api/scenarios`: the tour's scenarios.
async fn scenarios() -> Response {
    let list: Vec<Value> = crate::tour::TOUR
        .iter()
        .enumerate()
        .map(|(i, (title, _))| json!({ "n": i + 1, "title": title }))
        .collect();
    ok(Value::Array(list))
}

/// A script cut into steps, each ending with one statement or meta-command (the comments
/// before it included), to run one at a time.
pub fn steps(script: &str) -> Vec<String> {
    let mut steps = Vec::new();
    let mut current = String::new();
    for item in scan_script(script) {
        match item {
            ScriptItem::Echo(line) => {
                current.push_str(&line);
                current.push('\n');
            }
            _ => steps.push(std::mem::take(&mut current)),
        }
    }
    match steps.last_mut() {
        Some(last) if !current.trim().is_empty() => last.push_str(&current),
        None if !current.trim().is_empty() => steps.push(current),
        _ => {}
    }
    steps
}

/// `POST /api/sessions/{id}/scenarios/{n}/start`: the sandbox restarts empty with the trace
/// on; answers the scenario's steps, which the page runs one at a time.
async fn start_scenario(
    Shared(state): Shared<AppState>,
    Path((id, n)): Path<(String, usize)>,
) -> Response {
    let Some((title, script)) = n.checked_sub(1).and_then(|i| crate::tour::TOUR.get(i)) else {
        return fail(StatusCode::NOT_FOUND, format!("there is no scenario {n}"));
    };
    let sandbox = match sandbox(&state, &id) {
        Ok(s) => s,
        Err(e) => return e.into_response(),
    };
    let restarted = on_console(sandbox, |c, s| {
        let mut fresh = sandbox_console(None, Some(c));
        fresh.trace = true;
        lock(&s.progress).exercise = None;
        drop(std::mem::replace(c, fresh));
    })
    .await;
    match restarted {
        Ok(()) => ok(json!({ "n": n, "title": title, "steps": steps(script) })),
        Err(e) => e.into_response(),
    }
}

#[derive(Deserialize)]
struct Token {
    token: Option<String>,
}

/// Compares without stopping at the first difference (the token is a password).
fn token_matches(state: &State, given: Option<&str>) -> bool {
    let Some(given) = given else { return false };
    let (a, b) = (given.as_bytes(), state.token.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `GET /instructor?token=...`: the instructor's page.
async fn instructor_page(Shared(state): Shared<AppState>, Query(q): Query<Token>) -> Response {
    if !token_matches(&state, q.token.as_deref()) {
        return fail(
            StatusCode::FORBIDDEN,
            "the instructor's view needs the token printed at start",
        );
    }
    asset("text/html; charset=utf-8", INSTRUCTOR)
}

/// `GET /api/instructor?token=...`: every participant's progress.
async fn instructor(Shared(state): Shared<AppState>, Query(q): Query<Token>) -> Response {
    if !token_matches(&state, q.token.as_deref()) {
        return fail(
            StatusCode::FORBIDDEN,
            "the instructor's view needs the token printed at start",
        );
    }
    let participants: Vec<Value> = state
        .registry
        .roster()
        .into_iter()
        .map(|(p, idle)| {
            json!({
                "nickname": p.nickname,
                "exercise": p.exercise.map(|(n, title)| json!({ "n": n, "title": title })),
                "passed": p.passed,
                "last_error": p.last_error.map(|(sqlstate, message, statement)| json!({
                    "sqlstate": sqlstate, "message": message, "statement": statement
                })),
                "statements": p.statements,
                "idle_secs": idle.as_secs(),
            })
        })
        .collect();
    ok(json!({ "participants": participants, "max_sessions": state.registry.cap }))
}
