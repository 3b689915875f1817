//! The clock `\timing` reads: wall time, as psql's, or with `FKSIM_TIMING=cpu` the process's CPU
//! time (user + system, what sqlite3's `.timer` reports), so that a benchmark on a machine
//! shared with other work compares like with like (`bench/compare.sh` sets it).

use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A statement's start, on the clock `\timing` reads.
#[derive(Clone, Copy, Debug)]
pub struct Stopwatch {
    wall: Instant,
    cpu: Option<Duration>,
}

/// True when `FKSIM_TIMING=cpu` asks for CPU time (read once).
fn cpu_clock() -> bool {
    static CPU: OnceLock<bool> = OnceLock::new();
    *CPU.get_or_init(|| std::env::var("FKSIM_TIMING").is_ok_and(|v| v == "cpu"))
}

/// The CPU time this process has used, user and system, if the platform says.
#[cfg(unix)]
fn cpu_time() -> Option<Duration> {
    // SAFETY: getrusage only writes the struct it is given, which is fully owned here.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        (libc::getrusage(libc::RUSAGE_SELF, &mut usage) == 0).then_some(usage)
    }?;
    let micros = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    Some(micros(usage.ru_utime) + micros(usage.ru_stime))
}

#[cfg(not(unix))]
fn cpu_time() -> Option<Duration> {
    None
}

impl Stopwatch {
    /// Starts now.
    pub fn start() -> Self {
        Stopwatch { wall: Instant::now(), cpu: cpu_clock().then(cpu_time).flatten() }
    }

    /// Milliseconds since the start, on the chosen clock.
    pub fn elapsed_ms(&self) -> f64 {
        let cpu = self.cpu.and_then(|then| Some(cpu_time()?.saturating_sub(then)));
        let elapsed = cpu.unwrap_or_else(|| self.wall.elapsed());
        elapsed.as_secs_f64() * 1000.0
    }
}
