//! The sandboxes of a `fksim serve`: one console each, reached only through an unguessable
//! id, dropped after an idle time, at most a fixed number at once; and what the instructor
//! sees of each participant.
//!
//! A console (the engine's session) stays on one thread: each sandbox has its own, which
//! runs the jobs requests send it, one at a time, and drops the database when the sandbox
//! goes.

use std::collections::{BTreeSet, HashMap};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::console::Console;
use crate::engine::cancel::Cancel;

/// 128 random bits from the operating system's CSPRNG, in hex: session ids and the
/// instructor's token.
pub fn random_token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    // Without an OS source of randomness ids could be guessed: no id rather than a weak one.
    getrandom::fill(&mut bytes)
        .map_err(|e| format!("no operating-system randomness for an unguessable id: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// What the instructor's view shows of a participant.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    /// The nickname they picked.
    pub nickname: String,
    /// The exercise they are on: its number and title.
    pub exercise: Option<(usize, String)>,
    /// The exercises whose check passed.
    pub passed: BTreeSet<usize>,
    /// The last error: SQLSTATE, message and the statement.
    pub last_error: Option<(String, String, String)>,
    /// Statements run.
    pub statements: u64,
}

/// Work for a sandbox's thread.
type Job = Box<dyn FnOnce(&mut Console) + Send>;

/// Why a job gave no answer.
#[derive(Debug)]
pub struct Lost;

/// One participant's sandbox.
pub struct Sandbox {
    /// The jobs for the thread that owns the console.
    jobs: Mutex<Sender<Job>>,
    /// The cancel flag of the console's session (shared with it), to cancel without waiting
    /// for the console.
    pub cancel: Cancel,
    /// Progress for the instructor, apart from the console so the view never waits.
    pub progress: Mutex<Progress>,
    /// Last request.
    last_used: Mutex<Instant>,
}

/// Locks a mutex even if a thread panicked while holding it (the data is still usable: a
/// console is left between statements).
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Sandbox {
    /// Runs `f` on the console, on the sandbox's thread after the jobs sent before; its
    /// answer, or `Lost` if the thread is gone (the job panicked).
    pub async fn call<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Console) -> T + Send + 'static,
    ) -> Result<T, Lost> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move |console| {
            let _ = tx.send(f(console));
        });
        lock(&self.jobs).send(job).map_err(|_| Lost)?;
        rx.await.map_err(|_| Lost)
    }

    fn touch(&self) {
        *lock(&self.last_used) = Instant::now();
    }

    fn idle_for(&self) -> Duration {
        lock(&self.last_used).elapsed()
    }
}

/// The registry of sandboxes.
pub struct Registry {
    sandboxes: Mutex<HashMap<String, Arc<Sandbox>>>,
    /// At most this many at once.
    pub cap: usize,
    /// Dropped after this long without a request.
    pub idle: Duration,
}

/// Why a sandbox could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// The cap is reached: this many are open.
    Full(usize),
    /// No id could be drawn.
    NoRandomness(String),
    /// The starting database could not be built (an unknown preset).
    Build(String),
}

impl Registry {
    /// An empty registry.
    pub fn new(cap: usize, idle: Duration) -> Self {
        Registry { sandboxes: Mutex::new(HashMap::new()), cap, idle }
    }

    /// Opens a sandbox on the console `build` makes (on the sandbox's own thread); its id,
    /// or why not: the cap is reached (after dropping the idle), `build` failed.
    pub async fn open(
        &self,
        build: impl FnOnce() -> Result<Console, String> + Send + 'static,
        nickname: String,
    ) -> Result<String, OpenError> {
        drop(self.expire());
        if lock(&self.sandboxes).len() >= self.cap {
            return Err(OpenError::Full(self.cap));
        }
        let id = random_token().map_err(OpenError::NoRandomness)?;
        let (jobs, inbox) = channel::<Job>();
        let (built_tx, built) = tokio::sync::oneshot::channel();
        std::thread::Builder::new()
            .name("fksim-sandbox".into())
            .stack_size(16 << 20)
            .spawn(move || {
                let mut console = match build() {
                    Ok(c) => c,
                    Err(e) => {
                        let _ = built_tx.send(Err(e));
                        return;
                    }
                };
                let _ = built_tx.send(Ok(console.session.cancel.clone()));
                // Until the sandbox is dropped (its sender with it). A job that panics loses
                // its answer (the request sees an error) and the thread carries on.
                for job in inbox {
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        job(&mut console)
                    }));
                }
            })
            .map_err(|e| OpenError::Build(format!("cannot start the sandbox's thread: {e}")))?;
        let cancel = match built.await {
            Ok(Ok(cancel)) => cancel,
            Ok(Err(e)) => return Err(OpenError::Build(e)),
            Err(_) => return Err(OpenError::Build("the sandbox's thread failed".into())),
        };
        let sandbox = Sandbox {
            jobs: Mutex::new(jobs),
            cancel,
            progress: Mutex::new(Progress { nickname, ..Default::default() }),
            last_used: Mutex::new(Instant::now()),
        };
        let mut map = lock(&self.sandboxes);
        // Another request may have taken the last place meanwhile.
        if map.len() >= self.cap {
            return Err(OpenError::Full(self.cap));
        }
        map.insert(id.clone(), Arc::new(sandbox));
        Ok(id)
    }

    /// The sandbox with this id, unless there is none or it sat idle too long (then it is
    /// dropped); marks it used.
    pub fn get(&self, id: &str) -> Option<Arc<Sandbox>> {
        let mut map = lock(&self.sandboxes);
        let sandbox = map.get(id)?.clone();
        if sandbox.idle_for() >= self.idle {
            map.remove(id);
            return None;
        }
        sandbox.touch();
        Some(sandbox)
    }

    /// Closes a sandbox; false when there was none.
    pub fn close(&self, id: &str) -> bool {
        let removed = lock(&self.sandboxes).remove(id);
        removed.is_some()
    }

    /// Removes the sandboxes idle too long and hands them back (each one's thread drops its
    /// database once the last request holding it is done).
    pub fn expire(&self) -> Vec<Arc<Sandbox>> {
        let mut map = lock(&self.sandboxes);
        let stale: Vec<String> =
            map.iter().filter(|(_, s)| s.idle_for() >= self.idle).map(|(k, _)| k.clone()).collect();
        stale.iter().filter_map(|k| map.remove(k)).collect()
    }

    /// Every sandbox's progress and idle time, by nickname.
    pub fn roster(&self) -> Vec<(Progress, Duration)> {
        let sandboxes: Vec<Arc<Sandbox>> = lock(&self.sandboxes).values().cloned().collect();
        let mut roster: Vec<(Progress, Duration)> =
            sandboxes.iter().map(|s| (lock(&s.progress).clone(), s.idle_for())).collect();
        roster.sort_by(|a, b| a.0.nickname.cmp(&b.0.nickname));
        roster
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn console() -> Result<Console, String> {
        Ok(Console::new(false, true))
    }

    #[test]
    fn ids_are_long_and_distinct() {
        let (a, b) = (random_token().unwrap_or_default(), random_token().unwrap_or_default());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }

    #[tokio::test]
    async fn the_cap_refuses_and_expiry_frees() {
        let reg = Registry::new(1, Duration::from_secs(3600));
        let id = reg.open(console, "a".into()).await.unwrap_or_default();
        assert!(reg.get(&id).is_some());
        assert!(matches!(reg.open(console, "b".into()).await, Err(OpenError::Full(1))));
        assert!(reg.get("not-an-id").is_none());
        let reg = Registry::new(1, Duration::ZERO);
        let id = reg.open(console, "a".into()).await.unwrap_or_default();
        assert!(reg.get(&id).is_none(), "a sandbox idle past the limit is gone");
        assert!(reg.open(console, "b".into()).await.is_ok());
    }

    #[tokio::test]
    async fn a_job_runs_on_the_console_and_a_failed_build_is_reported() {
        let reg = Registry::new(2, Duration::from_secs(3600));
        let id = reg.open(console, "a".into()).await.unwrap_or_default();
        let sandbox = reg.get(&id).expect("open");
        let echoed = sandbox.call(|c| c.echo).await.ok();
        assert_eq!(echoed, Some(true));
        let failed = reg.open(|| Err("no such preset".to_string()), "b".into()).await;
        assert!(matches!(failed, Err(OpenError::Build(e)) if e == "no such preset"));
    }
}
