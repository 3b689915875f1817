//! Hostile input: whatever arrives, fksim answers with errors and the session goes on.

use fksim::engine::session::Session;
use fksim::runner::run_psql;

/// A small deterministic generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Runs `input`, then checks the session still answers and still holds its committed row.
fn survives(input: &str) {
    let mut session = Session::new();
    let mut out = String::new();
    run_psql(
        &mut session,
        "CREATE TABLE keep (id int PRIMARY KEY);\nINSERT INTO keep VALUES (7);\n",
        &mut out,
    );
    run_psql(&mut session, input, &mut out);
    // Close whatever the input left open: a quote, a comment, a transaction block.
    let mut after = String::new();
    run_psql(&mut session, "';\n*/;\n\";\n$$;\nROLLBACK;\n", &mut after);
    let mut check = String::new();
    run_psql(&mut session, "SELECT id FROM keep;\n", &mut check);
    assert!(
        check.ends_with(" id \n----\n  7\n(1 row)\n\n"),
        "session lost after {input:?}: {check}"
    );
}

#[test]
fn garbage_bytes_and_token_soups() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let tokens = [
        "SELECT",
        "INSERT",
        "INTO",
        "VALUES",
        "(",
        ")",
        ",",
        ";",
        "'",
        "\"",
        "$$",
        "--",
        "/*",
        "*/",
        "REFERENCES",
        "ON",
        "DELETE",
        "CASCADE",
        "NULL",
        "1",
        "-",
        "99999999999999999999999",
        "::",
        "int",
        "keep",
        "id",
        "=",
        "WHERE",
        "FROM",
        "\\",
        "\0",
        "é",
    ];
    for _ in 0..300 {
        let n = (rng.next() % 40) as usize;
        let soup: Vec<&str> =
            (0..n).map(|_| tokens[(rng.next() % tokens.len() as u64) as usize]).collect();
        survives(&soup.join(" "));
        let bytes: Vec<u8> = (0..n * 3).map(|_| (rng.next() % 256) as u8).collect();
        survives(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn broken_literals_and_depth() {
    survives("SELECT 'unterminated;\n");
    survives("SELECT $$ never closed;\n");
    survives("SELECT $tag$ x $other$;\n");
    survives("/* open comment\nSELECT 1;\n");
    survives(&format!("SELECT {}1{};\n", "(".repeat(5000), ")".repeat(5000)));
    survives(&format!("SELECT {}1;\n", "-".repeat(5000)));
    survives(
        "SELECT 99999999999999999999999999999999999999::int;\nSELECT 32768::smallint;\nSELECT 1e400::float8;\n",
    );
    survives("INSERT INTO keep VALUES (1), (1);\nINSERT INTO keep VALUES ('x');\n");
    survives(
        "BEGIN;\nINSERT INTO keep VALUES (8);\nSELECT nope;\nINSERT INTO keep VALUES (9);\nCOMMIT;\n",
    );
    survives("\\d\n\\nonsense\n\\i /nonexistent/file.sql\n");
}

#[test]
fn a_failed_statement_leaves_nothing_behind() {
    let mut session = Session::new();
    let mut out = String::new();
    let script = "CREATE TABLE p (id int PRIMARY KEY);\n\
        CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p ON DELETE CASCADE);\n\
        CREATE TABLE g (id int PRIMARY KEY, c_id int REFERENCES c);\n\
        INSERT INTO p VALUES (1), (2);\nINSERT INTO c VALUES (10, 1), (20, 2);\nINSERT INTO g VALUES (100, 10);\n\
        DELETE FROM p;\n";
    run_psql(&mut session, script, &mut out);
    assert!(out.contains("violates foreign key constraint \"g_c_id_fkey\""), "{out}");
    let mut check = String::new();
    run_psql(&mut session, "SELECT count(*) FROM p;\nSELECT count(*) FROM c;\n", &mut check);
    assert_eq!(
        check,
        "SELECT count(*) FROM p;\n count \n-------\n     2\n(1 row)\n\nSELECT count(*) FROM c;\n count \n-------\n     2\n(1 row)\n\n"
    );
}

#[test]
fn deep_chains_cycles_and_large_statements() {
    let mut session = Session::new();
    let mut out = String::new();
    // A 100,000-level self-referencing chain: the cascade runs on a queue, not the call stack.
    run_psql(
        &mut session,
        "CREATE TABLE chain (id int PRIMARY KEY, parent_id int REFERENCES chain ON DELETE CASCADE);\n\
         INSERT INTO chain SELECT g, CASE WHEN g = 1 THEN NULL ELSE g - 1 END FROM generate_series(1, 100000) AS g;\n\
         DELETE FROM chain WHERE id = 1;\nSELECT count(*) FROM chain;\n",
        &mut out,
    );
    assert!(
        out.ends_with(" count \n-------\n     0\n(1 row)\n\n"),
        "{}",
        &out[out.len().saturating_sub(300)..]
    );
    // A cascade cycle terminates.
    let mut out = String::new();
    run_psql(
        &mut session,
        "CREATE TABLE s (id int PRIMARY KEY, next int REFERENCES s ON DELETE CASCADE);\n\
         INSERT INTO s VALUES (1, NULL), (2, 1), (3, 2);\nUPDATE s SET next = 3 WHERE id = 1;\nDELETE FROM s WHERE id = 2;\nSELECT count(*) FROM s;\n",
        &mut out,
    );
    assert!(out.ends_with("     0\n(1 row)\n\n"), "{out}");
    // A 100,000-row VALUES list, and a statement past the session's memory budget refused
    // cleanly (53200): the distinct values of a series of 10^11 rows must all be held.
    let values: Vec<String> = (0..100_000).map(|i| format!("({i})")).collect();
    let mut out = String::new();
    session.set_memory_limit(64 << 20);
    run_psql(
        &mut session,
        &format!(
            "CREATE TABLE wide (id int PRIMARY KEY);\nINSERT INTO wide VALUES {};\nSELECT count(*) FROM wide;\nSELECT count(DISTINCT g) FROM generate_series(1, 100000000000) AS g;\nSELECT count(*) FROM wide;\n",
            values.join(", ")
        ),
        &mut out,
    );
    assert!(out.contains("100000\n(1 row)"), "the big INSERT ran");
    assert!(out.ends_with("100000\n(1 row)\n\n"), "the session goes on");
    assert!(
        out.contains("ERROR:  out of memory\nDETAIL:  Failed while building"),
        "{}",
        &out[out.len().saturating_sub(300)..]
    );
}
