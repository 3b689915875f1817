//! Sessions on one thread are independent: each parses with its own catalog's enum types and
//! domains (a multi-session server runs many on few threads).

use fksim::engine::session::Session;

/// Runs `sql` in `s`, returning the SQLSTATE of its failure, if any.
fn run(s: &mut Session, sql: &str) -> Option<String> {
    let stmt = match s.parse(sql) {
        Ok(stmt) => stmt,
        Err(e) => return Some(e.sqlstate().to_string()),
    };
    s.execute(&stmt).result.err().map(|e| e.sqlstate().to_string())
}

#[test]
fn each_session_sees_only_its_own_types() {
    let mut a = Session::new();
    let mut b = Session::new();
    assert_eq!(run(&mut a, "CREATE TYPE mood AS ENUM ('sad', 'happy')"), None);
    assert_eq!(run(&mut b, "CREATE DOMAIN pos AS int CHECK (VALUE > 0)"), None);
    // Interleaved: each parse installs its own session's types.
    assert_eq!(run(&mut b, "SELECT 'sad'::mood"), Some("42704".into()));
    assert_eq!(run(&mut a, "SELECT 'sad'::mood"), None);
    assert_eq!(run(&mut a, "CREATE TABLE t (p pos)"), Some("42704".into()));
    assert_eq!(run(&mut b, "CREATE TABLE t (p pos)"), None);
    assert_eq!(run(&mut a, "CREATE TABLE t (m mood)"), None);
    assert_eq!(run(&mut b, "INSERT INTO t VALUES (0)"), Some("23514".into()));
}
