//! The workshop page in a real browser (headless Chromium through chromedriver): a
//! participant starts a sandbox, breaks a key and sees the 23503 with its diagnosis, copies
//! the fix and runs it, sees markup displayed as characters, opens the graph and passes an
//! exercise.
//!
//! Skipped, with a message, when `chromedriver` is not installed — unless
//! `FKSIM_REQUIRE_BROWSER` is set, as `.ci/run` does: there the test must run.

mod serve_support;

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serve_support::Server;

/// chromedriver on a free port, stopped when dropped.
struct Driver(Child, u16);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn chromedriver() -> Option<Driver> {
    let port = TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    Some(Driver(child, port))
}

async fn connect(port: u16) -> Client {
    let mut caps = serde_json::Map::new();
    let mut chrome = serde_json::json!({
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"]
    });
    if std::path::Path::new("/usr/bin/chromium").exists() {
        chrome["binary"] = "/usr/bin/chromium".into();
    }
    caps.insert("goog:chromeOptions".into(), chrome);
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let url = format!("http://127.0.0.1:{port}");
    // chromedriver takes a moment to listen: retry the connection a while.
    let mut last = None;
    for _ in 0..100 {
        match ClientBuilder::new(connector.clone()).capabilities(caps.clone()).connect(&url).await {
            Ok(c) => return c,
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("cannot reach chromedriver: {last:?}");
}

/// Types `sql` into the input and presses Ctrl+Enter; waits for the answer's entries.
async fn type_and_run(c: &Client, sql: &str) {
    let before = c.find_all(Locator::Css("#out .entry")).await.map(|v| v.len()).unwrap_or(0);
    let input = c.find(Locator::Id("sql")).await.expect("input");
    input.send_keys(sql).await.expect("type");
    input.send_keys(&format!("{}{}", Key::Control, Key::Enter)).await.expect("ctrl+enter");
    for _ in 0..300 {
        let now = c.find_all(Locator::Css("#out .entry")).await.map(|v| v.len()).unwrap_or(0);
        if now > before {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no answer to {sql}");
}

async fn text_of(c: &Client, css: &str) -> String {
    let e = c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css(css)).await;
    e.unwrap_or_else(|err| panic!("{css}: {err}")).text().await.unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_participant_breaks_a_key_fixes_it_sees_the_graph_and_passes_an_exercise() {
    let which = Command::new("sh").args(["-c", "command -v chromedriver"]).output();
    if !which.is_ok_and(|o| o.status.success()) {
        assert!(
            std::env::var_os("FKSIM_REQUIRE_BROWSER").is_none(),
            "FKSIM_REQUIRE_BROWSER is set but chromedriver is not installed"
        );
        eprintln!(
            "SKIPPED serve_browser: chromedriver is not installed (apt-get install chromium chromium-driver); CI runs this test"
        );
        return;
    }
    let server = Server::start(&[]);
    let driver = chromedriver().expect("chromedriver starts");
    let c = connect(driver.1).await;
    c.goto(&server.base).await.expect("page");

    c.find(Locator::Id("nickname")).await.expect("nickname").send_keys("ann").await.expect("type");
    c.find(Locator::Id("begin")).await.expect("start").click().await.expect("click");
    text_of(&c, "#out .entry").await;

    type_and_run(
        &c,
        "CREATE TABLE customers (id int PRIMARY KEY);\nCREATE TABLE orders (id int, customer_id int REFERENCES customers);",
    )
    .await;
    type_and_run(&c, "INSERT INTO orders VALUES (1, 42);").await;
    let failed = text_of(&c, "#out .entry.failed[data-sqlstate='23503']").await;
    assert!(
        failed.contains("violates foreign key constraint \"orders_customer_id_fkey\""),
        "{failed}"
    );
    assert!(failed.contains("why:"), "the diagnosis is shown: {failed}");

    // A click copies the fix into the input; it runs, then the insert succeeds.
    let fix = c.find(Locator::Css(".entry.failed .fix")).await.expect("a fix button");
    let fix_sql = fix.text().await.unwrap_or_default();
    assert_eq!(fix_sql, "INSERT INTO customers (id) VALUES (42);");
    fix.click().await.expect("click fix");
    let input = c.find(Locator::Id("sql")).await.expect("input");
    assert_eq!(input.prop("value").await.ok().flatten().as_deref(), Some(fix_sql.as_str()));
    input.send_keys(&format!("{}{}", Key::Control, Key::Enter)).await.expect("ctrl+enter");
    type_and_run(&c, "INSERT INTO orders VALUES (1, 42);").await;
    let failures = c.find_all(Locator::Css("#out .entry.failed")).await.map(|v| v.len());
    assert_eq!(failures.ok(), Some(1), "only the first insert failed");

    // Markup from SQL is shown as its characters.
    type_and_run(&c, "SELECT '<img src=x onerror=alert(1)>' AS v;").await;
    let all = text_of(&c, "#out").await;
    assert!(all.contains("<img src=x onerror=alert(1)>"), "{all}");
    assert_eq!(c.find_all(Locator::Css("#out img")).await.map(|v| v.len()).ok(), Some(0));

    // The graph: a picture of the two tables.
    c.find(Locator::Id("tab-graph")).await.expect("tab").click().await.expect("click");
    let mut width = 0;
    for _ in 0..100 {
        let w = c
            .execute("const i = document.getElementById('graph-img'); return i.complete ? i.naturalWidth : 0;", vec![])
            .await
            .ok()
            .and_then(|v| v.as_u64());
        width = w.unwrap_or(0);
        if width > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(width > 0, "the graph picture loads");
    let src = c.find(Locator::Id("graph-img")).await.expect("img").attr("src").await.ok().flatten();
    let svg = server.request("GET", &src.unwrap_or_default().replace(&server.base, ""), None).1;
    assert!(svg.contains("data-child=\"orders\" data-parent=\"customers\""), "{svg}");

    // An exercise: start, a hint, the solution, Check passes.
    let ex = fksim::exercise::get(1).expect("exercise 1");
    c.find(Locator::Id("tab-exercises")).await.expect("tab").click().await.expect("click");
    c.find(Locator::Id("exercise-start")).await.expect("start").click().await.expect("click");
    let goal = text_of(&c, "#exercise-goal").await;
    assert!(goal.contains(ex.goal.lines().next().unwrap_or_default()), "{goal}");
    c.find(Locator::Id("hint")).await.expect("hint").click().await.expect("click");
    let hint = text_of(&c, "#hints li").await;
    assert_eq!(hint, ex.hints[0].trim());
    type_and_run(&c, &ex.solution).await;
    c.find(Locator::Id("check")).await.expect("check").click().await.expect("click");
    let verdict = text_of(&c, "#verdict.pass").await;
    assert!(verdict.contains("PASS"), "{verdict}");

    let _ = c.close().await;
}
