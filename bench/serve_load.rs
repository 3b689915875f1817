//! Load benchmark of `fksim serve`: N simulated participants (50 by default) replay every
//! tour scenario at once, a statement per request, against the same statements replayed by
//! one participant alone; prints the median and 99th-percentile time per statement.
//!
//! `cargo build --release && cargo run --release --example serve_load -- [PARTICIPANTS] [ROUNDS]`
//! (ROUNDS: how many times the lone participant replays, for a steadier baseline).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

fn post(agent: &ureq::Agent, url: &str, body: &str) -> Value {
    let mut r = agent.post(url).send(body).unwrap_or_else(|e| panic!("{url}: {e}"));
    let status = r.status().as_u16();
    let text = r.body_mut().read_to_string().unwrap_or_default();
    assert_eq!(status, 200, "{url}: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// One participant: opens a sandbox and replays every scenario step by step; the time of
/// each statement's request.
fn participant(base: &str, scenarios: usize) -> Vec<Duration> {
    let agent = agent();
    let id = post(&agent, &format!("{base}/api/sessions"), "")["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let mut times = Vec::new();
    for n in 1..=scenarios {
        let started = post(&agent, &format!("{base}/api/sessions/{id}/scenarios/{n}/start"), "");
        for step in started["steps"].as_array().into_iter().flatten() {
            let t = Instant::now();
            post(
                &agent,
                &format!("{base}/api/sessions/{id}/run"),
                step.as_str().unwrap_or_default(),
            );
            times.push(t.elapsed());
        }
    }
    let _ = agent.delete(&format!("{base}/api/sessions/{id}")).call();
    times
}

fn summary(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label:<28} {:>7} statements  median {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms",
        times.len(),
        ms(at(0.5)),
        ms(at(0.99)),
        ms(times[times.len() - 1])
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let participants: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(50);
    let rounds: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(5);
    let binary = std::env::var("FKSIM").unwrap_or_else(|_| "target/release/fksim".into());
    let mut server = Command::new(&binary)
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--max-sessions",
            &(participants + 10).to_string(),
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{binary}: {e} (cargo build --release first)"));
    let mut lines = BufReader::new(server.stdout.take().expect("stdout")).lines();
    let first = lines.next().and_then(|l| l.ok()).unwrap_or_default();
    let base =
        first.trim_start_matches("fksim serve: listening on ").trim_end_matches('/').to_string();
    std::thread::spawn(move || lines.for_each(drop));
    let mut r = agent().get(&format!("{base}/api/scenarios")).call().expect("scenarios");
    let list: Value = serde_json::from_str(&r.body_mut().read_to_string().unwrap_or_default())
        .unwrap_or(Value::Null);
    let scenarios = list.as_array().map_or(0, |a| a.len());

    let alone: Vec<Duration> = (0..rounds).flat_map(|_| participant(&base, scenarios)).collect();
    let wall = Instant::now();
    let handles: Vec<_> = (0..participants)
        .map(|_| {
            let base = base.clone();
            std::thread::spawn(move || participant(&base, scenarios))
        })
        .collect();
    let together: Vec<Duration> =
        handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect();
    let wall = wall.elapsed();
    println!(
        "{scenarios} scenarios, a statement per request; {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    summary("alone (1 participant)", alone);
    let n = together.len();
    summary(&format!("{participants} participants at once"), together);
    println!(
        "{participants} participants: {n} statements in {:.2} s ({:.0} statements/s)",
        wall.as_secs_f64(),
        n as f64 / wall.as_secs_f64()
    );
    let _ = server.kill();
    let _ = server.wait();
}
