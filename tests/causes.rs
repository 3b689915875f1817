//! The chain of causes a diagnosis names (the action, cascade path, trigger or VALIDATE that
//! produced the row) and the fixes of the rows-already-there diagnoses, case by case: each
//! case's failure, what the "why" and "how" must say, and every fix with SQL run on a fresh
//! session before the failed work, which must then succeed.

use fksim::engine::session::Session;
use fksim::runner::run_psql;
use fksim::sql::parse_statement;
use fksim::teach::context::FailureContext;
use fksim::teach::diagnose::diagnose;
use fksim::teach::prove::prove_fixes;

struct Case {
    name: &'static str,
    setup: &'static str,
    failing: &'static str,
    /// Phrases the summary and "how" lines must contain, in order.
    says: &'static [&'static str],
    /// Fixes with SQL the diagnosis must offer (each is run).
    fixes: usize,
}

const CASES: &[Case] = &[
    Case {
        name: "set default wrote a default without a parent",
        setup: "CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, p_id int DEFAULT 0 REFERENCES p ON DELETE SET DEFAULT);
INSERT INTO p VALUES (1);
INSERT INTO c VALUES (1, 1);",
        failing: "DELETE FROM p WHERE id = 1;",
        says: &[
            "Deleting p(id) = (1) ran ON DELETE SET DEFAULT of \"c_p_id_fkey\"",
            "The value it wrote, c(p_id) = (0), has no row in p: the default has no parent",
        ],
        fixes: 1,
    },
    Case {
        name: "set default wrote back the very key that went",
        setup: "CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, p_id int DEFAULT 1 REFERENCES p ON DELETE SET DEFAULT);
INSERT INTO p VALUES (1), (2);
INSERT INTO c VALUES (1, 1), (2, 2);",
        failing: "DELETE FROM p WHERE id = 1;",
        says: &[
            "the default is this very key, so they still reference it",
            "Deleting p(id) = (1) ran ON DELETE SET DEFAULT of \"c_p_id_fkey\"",
        ],
        fixes: 3,
    },
    Case {
        name: "cascade path to the blocking table",
        setup: "CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a ON DELETE CASCADE);
CREATE TABLE c (id int PRIMARY KEY, b_id int REFERENCES b);
INSERT INTO a VALUES (1), (2);
INSERT INTO b VALUES (10, 1), (20, 2);
INSERT INTO c VALUES (100, 20);",
        failing: "DELETE FROM a;",
        says: &[
            "Deleting a(id) = (2) ran ON DELETE CASCADE of \"b_a_id_fkey\"",
            "Deleting b(id) = (20) that way was blocked at c by \"c_b_id_fkey\"",
        ],
        fixes: 3,
    },
    Case {
        name: "the statement itself: no chain",
        setup: "CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a ON DELETE CASCADE);
CREATE TABLE c (id int PRIMARY KEY, b_id int REFERENCES b);
INSERT INTO a VALUES (1);
INSERT INTO b VALUES (10, 1);
INSERT INTO c VALUES (100, 10);",
        failing: "DELETE FROM b;",
        says: &["the statement tried to delete b(id) = (10)"],
        fixes: 3,
    },
    Case {
        name: "trigger function wrote the row",
        setup: "CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE profiles (id int PRIMARY KEY, user_id int REFERENCES users);
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO profiles VALUES (new.id, new.id + 1000);
  RETURN new;
END;
$$;
CREATE TRIGGER t AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION f();",
        failing: "INSERT INTO users VALUES (1);",
        says: &["written by trigger \"t\" (AFTER INSERT on users), in its function f()"],
        fixes: 0,
    },
    Case {
        name: "a cascaded delete fires a trigger that writes a bad row",
        setup: "CREATE TABLE a (id int PRIMARY KEY);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a ON DELETE CASCADE);
CREATE TABLE log (id int PRIMARY KEY, a_id int REFERENCES a);
CREATE FUNCTION remember() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO log VALUES (old.id, old.a_id);
  RETURN old;
END;
$$;
CREATE TRIGGER keep AFTER DELETE ON b FOR EACH ROW EXECUTE FUNCTION remember();
INSERT INTO a VALUES (1);
INSERT INTO b VALUES (10, 1);",
        failing: "DELETE FROM a;",
        says: &[
            "Deleting a(id) = (1) ran ON DELETE CASCADE of \"b_a_id_fkey\"",
            "written by trigger \"keep\" (AFTER DELETE on b), in its function remember()",
        ],
        fixes: 0,
    },
    Case {
        name: "add constraint over orphans",
        setup: "CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, p_id int);
INSERT INTO p VALUES (1);
INSERT INTO c VALUES (1, 1), (2, 7), (3, 8), (4, NULL), (5, 7);",
        failing: "ALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES p;",
        says: &[
            "ADD CONSTRAINT checks every row the table already has, and 3 rows of c point at p(id) values that do not exist (the first one met: (p_id) = (7))",
            "\"c_p_id_fkey\" was not added",
        ],
        fixes: 4,
    },
    Case {
        name: "validate over orphans",
        setup: "CREATE TABLE p (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE c (id int PRIMARY KEY, p_id int NOT NULL);
INSERT INTO p VALUES (1, 'a');
INSERT INTO c VALUES (1, 1), (2, 7);
ALTER TABLE c ADD CONSTRAINT c_p_id_fkey FOREIGN KEY (p_id) REFERENCES p NOT VALID;",
        failing: "ALTER TABLE c VALIDATE CONSTRAINT c_p_id_fkey;",
        says: &["VALIDATE CONSTRAINT checks every row", "1 row of c points", "stays NOT VALID"],
        // NOT NULL and a parent with a required column: only the delete.
        fixes: 1,
    },
    Case {
        name: "add column with a default that has no parent",
        setup: "CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY);
INSERT INTO c VALUES (1), (2);",
        failing: "ALTER TABLE c ADD COLUMN p_id int DEFAULT 5 REFERENCES p;",
        says: &[
            "ADD COLUMN gave every row the table already has the new column's default",
            "2 rows of c point at p(id) values",
            "Neither the column nor \"c_p_id_fkey\" was added",
        ],
        fixes: 1,
    },
    Case {
        name: "add a composite key over orphans",
        setup: "CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE c (id int PRIMARY KEY, a int, b int);
INSERT INTO p VALUES (1, 1);
INSERT INTO c VALUES (1, 1, 1), (2, 1, 2), (3, NULL, 2);",
        failing: "ALTER TABLE c ADD FOREIGN KEY (a, b) REFERENCES p;",
        says: &["1 row of c points at p(a, b) values"],
        fixes: 3,
    },
    Case {
        name: "add a match full key over a row mixing nulls",
        setup: "CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
CREATE TABLE c (id int PRIMARY KEY, a int, b int);
INSERT INTO p VALUES (1, 1);
INSERT INTO c VALUES (1, 1, 1), (2, NULL, 2), (3, NULL, NULL);",
        failing: "ALTER TABLE c ADD FOREIGN KEY (a, b) REFERENCES p MATCH FULL;",
        says: &["1 row of c mixes NULL and non-NULL in (a, b), which MATCH FULL refuses"],
        fixes: 3,
    },
    Case {
        name: "a deep cascade is shown by its ends",
        setup: "CREATE TABLE t (id int PRIMARY KEY, parent_id int REFERENCES t ON DELETE CASCADE);
INSERT INTO t SELECT g, NULLIF(g - 1, 0) FROM generate_series(1, 2000) AS g;
CREATE TABLE pin (id int PRIMARY KEY, t_id int REFERENCES t);
INSERT INTO pin VALUES (1, 2000);",
        failing: "DELETE FROM t WHERE id = 1;",
        says: &[
            "Deleting t(id) = (1) ran ON DELETE CASCADE",
            "Deleting t(id) = (3) ran",
            "… 1993 more actions down the chain …",
            "Deleting t(id) = (1997) ran",
            "Deleting t(id) = (2000) that way was blocked at pin",
        ],
        fixes: 2,
    },
    Case {
        name: "a deferred check fails at commit on the default set default wrote",
        setup: "CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE k (id int PRIMARY KEY,
  p_id int DEFAULT 0 REFERENCES p ON DELETE SET DEFAULT DEFERRABLE INITIALLY DEFERRED);
INSERT INTO p VALUES (1);
INSERT INTO k VALUES (1, 1);",
        failing: "DELETE FROM p WHERE id = 1;",
        says: &[
            "Deleting p(id) = (1) ran ON DELETE SET DEFAULT of \"k_p_id_fkey\"",
            "The value it wrote, k(p_id) = (0), has no row in p",
        ],
        fixes: 1,
    },
    Case {
        name: "restrict refuses the replacement no action accepts",
        setup: "CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p ON UPDATE RESTRICT);
INSERT INTO p VALUES (1), (0);
INSERT INTO c VALUES (1, 1);",
        failing: "UPDATE p SET id = CASE id WHEN 1 THEN 5 ELSE 1 END;",
        says: &["Another row of p now has (id) = (1)", "NO ACTION would have accepted"],
        fixes: 3,
    },
];

fn run(s: &mut Session, sql: &str) -> String {
    let mut out = String::new();
    run_psql(s, &format!("{sql}\n"), &mut out);
    out
}

fn check(case: &Case) {
    let mut s = Session::new();
    let out = run(&mut s, case.setup);
    assert!(!out.contains("ERROR"), "{}: setup failed: {out}", case.name);
    s.keep_failure_state = true;
    let stmt = parse_statement(case.failing).expect("the failing statement parses");
    let err = match s.execute(&stmt).result {
        Err(e) if e.sqlstate() == "23503" => e,
        other => panic!("{}: expected a 23503, got {other:?}", case.name),
    };
    let ctx = FailureContext::autocommit(case.failing);
    let at_failure = s.failure_state.take();
    let db = at_failure.as_deref().unwrap_or(&s.db);
    let mut d = diagnose(db, &err, &ctx).unwrap_or_else(|| panic!("{}: no diagnosis", case.name));
    let text = format!("{}\n{}", d.summary, d.how.join("\n"));
    let mut from = 0;
    for phrase in case.says {
        match text[from..].find(phrase) {
            Some(at) => from += at + phrase.len(),
            None => panic!("{}: {phrase:?} not said (in order) in:\n{text}", case.name),
        }
    }
    prove_fixes(&s, &ctx, &mut d);
    let with_sql: Vec<_> = d.fixes.iter().filter(|f| f.sql.is_some()).collect();
    assert_eq!(with_sql.len(), case.fixes, "{}: {d:#?}", case.name);
    for fix in with_sql {
        let mut s = Session::new();
        run(&mut s, case.setup);
        let out = run(&mut s, fix.sql.as_deref().unwrap_or_default());
        assert!(!out.contains("ERROR"), "{}: fix {:?} failed: {out}", case.name, fix.title);
        let work = fix.instead.clone().unwrap_or_else(|| vec![case.failing.to_string()]);
        let again = run(&mut s, &work.join("\n"));
        assert!(!again.contains("ERROR"), "{}: after {:?}: {again}", case.name, fix.title);
    }
}

#[test]
fn chain_of_causes_and_existing_rows() {
    for case in CASES {
        check(case);
    }
}
