//! `fksim serve`'s JSON API against a server on an ephemeral port: psql's exact text,
//! isolation between sandboxes, the limits, expiry, the cap, the file-access refusals, the
//! escaping, exercises and the instructor's view.

mod serve_support;

use std::process::{Command, Stdio};

use serve_support::Server;

/// What `fksim run --psql` prints for `script` (itself compared byte for byte with
/// PostgreSQL by the conformance tests).
fn run_psql(script: &str) -> String {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_fksim"))
        .args(["run", "--psql", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("fksim run");
    child.stdin.take().expect("stdin").write_all(script.as_bytes()).expect("write");
    String::from_utf8(child.wait_with_output().expect("output").stdout).expect("utf-8")
}

const SCHEMA: &str = "CREATE TABLE customers (id int PRIMARY KEY, name text);
CREATE TABLE orders (id int PRIMARY KEY, customer_id int REFERENCES customers ON DELETE CASCADE);
";

#[test]
fn the_psql_field_is_what_psql_prints_and_teaching_is_apart() {
    let server = Server::start(&[]);
    let id = server.open(None);
    let script = format!(
        "{SCHEMA}-- a comment\nINSERT INTO orders VALUES (1, 7);\nINSERT INTO customers VALUES (7, 'ann');\nINSERT INTO orders VALUES (1, 7);\nSELECT * FROM orders;\nBEGIN;\nDELETE FROM customers;\nSELECT 1/0;\nROLLBACK;\n"
    );
    let reply = server.run(&id, &script);
    assert_eq!(reply["psql"].as_str(), Some(run_psql(&script).as_str()));
    let teaching = reply["teaching"].as_str().unwrap_or_default();
    assert!(teaching.contains("why:"), "{teaching}");
    assert!(!reply["psql"].as_str().unwrap_or_default().contains("why:"));
    let failed: Vec<&str> = reply["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i["error"]["sqlstate"].as_str())
        .collect();
    assert_eq!(failed, ["23503", "22012"], "{reply}");
    let fixes = &reply["items"][2]["fixes"];
    assert_eq!(fixes[0].as_str(), Some("INSERT INTO customers (id) VALUES (7);"), "{reply}");
}

#[test]
fn two_sandboxes_see_nothing_of_each_other() {
    let server = Server::start(&[]);
    let (a, b) = (server.open(None), server.open(Some(r#"{"nickname": "bo"}"#)));
    assert_ne!(a, b);
    server.run(&a, SCHEMA);
    let reply = server.run(&b, "SELECT * FROM customers;");
    assert_eq!(reply["error"]["sqlstate"].as_str(), Some("42P01"), "{reply}");
    let (_, svg) = server.request("GET", &format!("/api/sessions/{b}/graph.svg"), None);
    assert!(!svg.contains("customers"), "{svg}");
    let (_, svg) = server.request("GET", &format!("/api/sessions/{a}/graph.svg"), None);
    assert!(svg.contains("data-child=\"orders\" data-parent=\"customers\""), "{svg}");
    // Only the id reaches a sandbox: a made-up one, or one a character off, is not found.
    let mut off = a.clone();
    off.replace_range(0..1, if a.starts_with('0') { "1" } else { "0" });
    for bad in ["0123456789abcdef0123456789abcdef", off.as_str()] {
        let (status, body) =
            server.request("POST", &format!("/api/sessions/{bad}/run"), Some("SELECT 1;"));
        assert_eq!(status, 404, "{body}");
    }
    let (status, _) = server.request("DELETE", &format!("/api/sessions/{a}"), None);
    assert_eq!(status, 200);
    let (status, _) = server.request("POST", &format!("/api/sessions/{a}/run"), Some("SELECT 1;"));
    assert_eq!(status, 404);
}

#[test]
fn a_statement_past_a_limit_is_cancelled_and_the_sandbox_goes_on() {
    // Each limit alone: rows (the other one high), then time.
    let cases = [
        (["--row-limit", "1000", "--statement-ms", "600000"], "54000", "row limit"),
        (["--row-limit", "1000000000000", "--statement-ms", "200"], "57014", "statement timeout"),
    ];
    for (args, sqlstate, words) in cases {
        let server = Server::start(&args);
        let id = server.open(None);
        let reply = server.run(
            &id,
            "CREATE TABLE t (n int);\nINSERT INTO t SELECT g FROM generate_series(1, 40000000) g;\n",
        );
        let error = &reply["items"][1]["error"];
        assert_eq!(error["sqlstate"].as_str(), Some(sqlstate), "{reply}");
        assert!(error["message"].as_str().unwrap_or_default().contains(words), "{reply}");
        let after = server.run(&id, "SELECT count(*) FROM t;");
        assert!(after["psql"].as_str().unwrap_or_default().contains("     0\n"), "{after}");
    }
}

#[test]
fn a_statement_past_the_sandbox_memory_fails_with_53200_and_its_neighbour_is_untouched() {
    let server = Server::start(&["--session-memory", "32MB"]);
    let (greedy, neighbour) = (server.open(None), server.open(None));
    server
        .run(&neighbour, "CREATE TABLE keep (id int PRIMARY KEY);\nINSERT INTO keep VALUES (7);\n");
    let reply = server.run(
        &greedy,
        "CREATE TABLE t (n int);\nINSERT INTO t VALUES (1);\n\
         SELECT count(DISTINCT g) FROM generate_series(1, 100000000) g;\n",
    );
    let error = &reply["items"][2]["error"];
    assert_eq!(error["sqlstate"].as_str(), Some("53200"), "{reply}");
    assert_eq!(error["message"].as_str(), Some("out of memory"), "{reply}");
    let after = server.run(&greedy, "SELECT count(*) FROM t;");
    assert!(after["psql"].as_str().unwrap_or_default().contains("     1\n"), "{after}");
    let other = server.run(&neighbour, "SELECT id FROM keep;");
    assert!(other["psql"].as_str().unwrap_or_default().contains("  7\n"), "{other}");
}

#[test]
fn idle_sandboxes_expire_and_the_cap_answers_503() {
    let server = Server::start(&["--idle-secs", "0"]);
    let id = server.open(None);
    let (status, body) =
        server.request("POST", &format!("/api/sessions/{id}/run"), Some("SELECT 1;"));
    assert_eq!(status, 404, "{body}");
    assert!(body.contains("expired"), "{body}");

    let server = Server::start(&["--max-sessions", "2"]);
    server.open(None);
    server.open(None);
    let (status, body) = server.request("POST", "/api/sessions", None);
    assert_eq!(status, 503, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert!(v["error"].as_str().unwrap_or_default().contains("the workshop is full"), "{body}");
}

#[test]
fn sql_cannot_reach_files_programs_or_the_shell() {
    let server = Server::start(&[]);
    let id = server.open(None);
    server.run(&id, "CREATE TABLE t (line text);");
    let cases = [
        ("\\i /etc/passwd", "no file or shell access"),
        ("\\ir ../../etc/passwd", "no file or shell access"),
        ("\\o /tmp/fksim-serve-test", "no file or shell access"),
        ("\\copy t from '/etc/passwd'", "no file or shell access"),
        ("\\! ls", "no file or shell access"),
        ("COPY t FROM '/etc/passwd';", "pg_read_server_files"),
        ("COPY t TO '/tmp/fksim-serve-test';", "pg_write_server_files"),
        ("COPY (SELECT 1) TO '/tmp/fksim-serve-test';", "pg_write_server_files"),
        ("COPY t FROM PROGRAM 'cat /etc/passwd';", "pg_execute_server_program"),
    ];
    for (sql, refusal) in cases {
        let reply = server.run(&id, &format!("{sql}\n"));
        let psql = reply["psql"].as_str().unwrap_or_default();
        assert!(psql.contains(refusal), "{sql}: {reply}");
        assert!(!psql.contains("root:"), "{sql}: {reply}");
    }
    assert!(!std::path::Path::new("/tmp/fksim-serve-test").exists());
    let reply = server.run(&id, "SELECT count(*) FROM t;");
    assert!(reply["psql"].as_str().unwrap_or_default().contains("     0\n"), "{reply}");
}

#[test]
fn markup_in_names_and_values_stays_text() {
    let server = Server::start(&[]);
    let id = server.open(None);
    let evil = "<img src=x onerror=alert(1)>";
    let reply = server.run(
        &id,
        &format!("CREATE TABLE \"{evil}\" (id int PRIMARY KEY);\nCREATE TABLE c (p int REFERENCES \"{evil}\");\nSELECT '{evil}' AS v;\n"),
    );
    // The JSON carries the characters; the page shows them with textContent.
    assert!(reply["psql"].as_str().unwrap_or_default().contains(evil), "{reply}");
    let (status, svg) = server.request("GET", &format!("/api/sessions/{id}/graph.svg"), None);
    assert_eq!(status, 200);
    assert!(!svg.contains("<img"), "{svg}");
    assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"), "{svg}");
    // The page's script never parses text as markup.
    let (_, js) = server.request("GET", "/app.js", None);
    let (_, instructor_js) = server.request("GET", "/instructor.js", None);
    for script in [js, instructor_js] {
        for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"] {
            assert!(!script.contains(sink), "{sink} in a page script");
        }
    }
}

#[test]
fn request_bodies_are_bounded() {
    let server = Server::start(&["--max-body", "1024"]);
    let id = server.open(None);
    let big = format!("SELECT '{}';", "x".repeat(4096));
    let (status, _) = server.request("POST", &format!("/api/sessions/{id}/run"), Some(&big));
    assert_eq!(status, 413);
    let (status, _) = server.request("POST", "/api/sessions", Some(&big));
    assert_eq!(status, 413);
    let (status, body) = server.request("POST", "/api/sessions", Some(r#"{"preset": "nope"}"#));
    assert_eq!(status, 400, "{body}");
    let v = server.run(&id, "SELECT 1;");
    assert!(v["psql"].as_str().unwrap_or_default().contains("(1 row)"));
}

#[test]
fn an_exercise_is_started_hinted_checked_and_the_instructor_sees_it() {
    let server = Server::start(&[]);
    let id = server.open(Some(r#"{"nickname": "ann", "preset": "supabase"}"#));
    let reply = server.run(&id, "SELECT count(*) FROM auth.users;");
    assert_eq!(reply["error"], serde_json::Value::Null, "{reply}");
    let list = server.json("GET", "/api/exercises", None);
    let ex = fksim::exercise::get(1).expect("exercise 1");
    assert_eq!(list[0]["title"].as_str(), Some(ex.title.as_str()));
    let started = server.json("POST", &format!("/api/sessions/{id}/exercises/1/start"), None);
    assert_eq!(started["goal"].as_str(), Some(ex.goal.as_str()));
    let hint = server.json("POST", &format!("/api/sessions/{id}/hint"), None);
    assert!(hint["text"].as_str().unwrap_or_default().contains(&ex.hints[0]), "{hint}");
    let verdict = server.json("POST", &format!("/api/sessions/{id}/check"), None);
    assert_eq!(verdict["passed"], false, "{verdict}");
    server.run(&id, &ex.solution);
    let verdict = server.json("POST", &format!("/api/sessions/{id}/check"), None);
    assert_eq!(verdict["passed"], true, "{verdict}");
    server.run(&id, "INSERT INTO nowhere VALUES (1);");

    let (status, _) = server.request("GET", "/api/instructor?token=wrong", None);
    assert_eq!(status, 403);
    let (status, _) = server.request("GET", "/instructor", None);
    assert_eq!(status, 403);
    let (status, _) = server.request("GET", &format!("/instructor?token={}", server.token), None);
    assert_eq!(status, 200);
    let view = server.json("GET", &format!("/api/instructor?token={}", server.token), None);
    let ann = &view["participants"][0];
    assert_eq!(ann["nickname"].as_str(), Some("ann"), "{view}");
    assert_eq!(ann["exercise"]["n"], 1, "{view}");
    assert_eq!(ann["passed"], serde_json::json!([1]), "{view}");
    assert_eq!(ann["last_error"]["sqlstate"].as_str(), Some("42P01"), "{view}");
}

#[test]
fn a_scenario_played_step_by_step_prints_what_it_prints_whole() {
    let server = Server::start(&[]);
    let id = server.open(None);
    let scenarios = server.json("GET", "/api/scenarios", None);
    assert_eq!(scenarios.as_array().map(|a| a.len()), Some(fksim::tour::TOUR.len()));
    let started = server.json("POST", &format!("/api/sessions/{id}/scenarios/4/start"), None);
    let steps: Vec<&str> =
        started["steps"].as_array().into_iter().flatten().filter_map(|s| s.as_str()).collect();
    assert!(steps.len() > 2);
    let mut psql = String::new();
    let mut traced = false;
    for step in &steps {
        let reply = server.run(&id, step);
        psql.push_str(reply["psql"].as_str().unwrap_or_default());
        traced |= reply["items"].as_array().into_iter().flatten().any(|i| i["trace"] != "");
    }
    assert!(traced, "the tour runs with the trace on");
    assert_eq!(psql, run_psql(fksim::tour::TOUR[3].1));
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let mut server = Server::start(&[]);
    let id = server.open(None);
    server.run(&id, "CREATE TABLE t (n int);");
    assert!(server.interrupt().success());
}
