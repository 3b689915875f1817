//! A `fksim serve` started on an ephemeral port for a test (stopped when dropped), and a
//! small HTTP client for its API.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

/// A running server.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`
    pub base: String,
    /// The instructor's token.
    pub token: String,
    agent: ureq::Agent,
}

impl Server {
    /// Starts `fksim serve --listen 127.0.0.1:0` with `args`.
    pub fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_fksim"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .expect("fksim serve starts");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let mut line = || lines.next().and_then(|l| l.ok()).unwrap_or_default();
        let first = line();
        let base = first
            .strip_prefix("fksim serve: listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {first}"))
            .trim_end_matches('/')
            .to_string();
        let second = line();
        let token = second.rsplit("token=").next().unwrap_or_default().to_string();
        // The rest of its output is read (and dropped) so the pipe never fills.
        std::thread::spawn(move || lines.for_each(drop));
        let agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        Server { child, base, token, agent }
    }

    /// A request: its status and body. `body` None sends no body.
    pub fn request(&self, method: &str, path: &str, body: Option<&str>) -> (u16, String) {
        let url = format!("{}{path}", self.base);
        let sent = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, Some(b)) => self.agent.post(&url).send(b),
            (_, None) => self.agent.post(&url).send_empty(),
        };
        let mut response = sent.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap_or_default();
        (status, text)
    }

    /// A request that must answer 200 with JSON.
    pub fn json(&self, method: &str, path: &str, body: Option<&str>) -> Value {
        let (status, text) = self.request(method, path, body);
        assert_eq!(status, 200, "{method} {path}: {text}");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}: {text}"))
    }

    /// Opens a sandbox; its id.
    pub fn open(&self, body: Option<&str>) -> String {
        let v = self.json("POST", "/api/sessions", body);
        v["id"].as_str().expect("id").to_string()
    }

    /// Runs SQL in a sandbox.
    pub fn run(&self, id: &str, sql: &str) -> Value {
        self.json("POST", &format!("/api/sessions/{id}/run"), Some(sql))
    }
}

impl Server {
    /// Sends SIGINT (what Ctrl-C sends) and waits for the server to end.
    pub fn interrupt(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -INT {pid}");
        self.child.wait().expect("the server ends")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
