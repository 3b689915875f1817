//! Front-end tests: statement shapes, folded names, cut-out action lists and PostgreSQL-style errors.

use super::ast::*;
use super::parse_statement;

fn fk_of(sql: &str) -> ForeignKeySpec {
    match parse_statement(sql) {
        Ok(Statement::CreateTable(ct)) => ct
            .constraints
            .into_iter()
            .find_map(|c| match c.kind {
                TableConstraintKind::ForeignKey { spec, .. } => Some(spec),
                _ => None,
            })
            .or_else(|| {
                ct.columns.into_iter().flat_map(|c| c.constraints).find_map(|c| match c.kind {
                    ColumnConstraintKind::References(spec) => Some(spec),
                    _ => None,
                })
            })
            .expect("a foreign key"),
        other => panic!("not a CREATE TABLE: {other:?}"),
    }
}

#[test]
fn set_null_column_list_is_cut_out_and_attached() {
    let fk = fk_of(
        "CREATE TABLE p (a int, b int,\n  FOREIGN KEY (a, b) REFERENCES u ON DELETE SET NULL (b) ON UPDATE CASCADE);",
    );
    match fk.on_delete {
        RefAction::SetNull { columns: Some(cols), .. } => {
            assert_eq!(cols.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["b"])
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(fk.on_update, RefAction::Cascade);
}

#[test]
fn set_null_column_list_on_update_is_refused_at_on() {
    let sql =
        "CREATE TABLE p (a int, b int,\n  FOREIGN KEY (a, b) REFERENCES u ON UPDATE SET NULL (b));";
    let err = parse_statement(sql).unwrap_err();
    assert_eq!(err.message, "a column list with SET NULL is only supported for ON DELETE actions");
    assert_eq!(err.position, Some(sql.find("ON UPDATE").unwrap() + 1));
}

#[test]
fn column_reference_with_characteristics() {
    let fk = fk_of(
        "CREATE TABLE k (id int, p int CONSTRAINT k_fk REFERENCES Parents DEFERRABLE INITIALLY DEFERRED);",
    );
    assert_eq!(fk.table.name, "parents");
    assert_eq!(fk.deferrable, Some(true));
    assert_eq!(fk.initially_deferred, Some(true));
    assert!(fk.columns.is_empty());
}

#[test]
fn set_constraints_forms() {
    assert_eq!(
        parse_statement("SET CONSTRAINTS ALL DEFERRED;").ok(),
        Some(Statement::SetConstraints { names: None, deferred: true })
    );
    match parse_statement("set constraints a, s.B immediate") {
        Ok(Statement::SetConstraints { names: Some(n), deferred: false }) => {
            assert_eq!(n[1].schema.as_deref(), Some("s"));
            assert_eq!(n[1].name, "b");
        }
        other => panic!("{other:?}"),
    }
    let err = parse_statement("SET CONSTRAINTS ALL LATER;").unwrap_err();
    assert_eq!(err.message, "syntax error at or near \"LATER\"");
    assert_eq!(err.position, Some(21));
}

#[test]
fn syntax_errors_point_at_the_token() {
    let err = parse_statement("SELECT * FROM WHERE;").unwrap_err();
    assert_eq!(err.sqlstate(), "42601");
    assert_eq!(err.message, "syntax error at or near \"WHERE\"");
    assert_eq!(err.position, Some(15));
    let err = parse_statement("INSERT INTO t VALUES (1").unwrap_err();
    assert_eq!(err.message, "syntax error at end of input");
    assert_eq!(err.position, Some(24));
}

#[test]
fn comments_only_is_empty() {
    assert_eq!(parse_statement("-- nothing\n;").ok(), Some(Statement::Empty));
}

#[test]
fn negative_literals_fold() {
    match parse_statement("SELECT -2147483648;") {
        Ok(Statement::Query(q)) => match q.body {
            QueryBody::Select(s) => assert_eq!(
                s.items[0],
                SelectItem::Expr {
                    expr: Expr::Literal(Literal::Number("-2147483648".into())),
                    alias: None
                }
            ),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

#[test]
fn operator_position_is_the_operator() {
    match parse_statement("SELECT (a) + 'x' FROM t;") {
        Ok(Statement::Query(q)) => match q.body {
            QueryBody::Select(s) => match &s.items[0] {
                SelectItem::Expr { expr: Expr::Binary { pos, .. }, .. } => {
                    assert_eq!(*pos, Some(12))
                }
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

#[test]
fn unsupported_statements_are_0a000() {
    let err = parse_statement("CREATE RECURSIVE VIEW v (n) AS SELECT 1;").unwrap_err();
    assert_eq!(err.sqlstate(), "0A000");
}

#[test]
fn statement_kinds_fksim_lacks_are_0a000_naming_the_kind_not_syntax_errors() {
    for (sql, kind) in [
        ("CREATE TEXT SEARCH DICTIONARY d (TEMPLATE = simple);", "CREATE TEXT SEARCH"),
        ("ALTER SYSTEM SET work_mem = '8MB';", "ALTER SYSTEM"),
        ("REINDEX TABLE t;", "REINDEX"),
        ("CREATE STATISTICS s ON a, b FROM t;", "CREATE STATISTICS"),
    ] {
        let err = parse_statement(sql).unwrap_err();
        assert_eq!(
            (err.sqlstate(), err.to_string()),
            ("0A000", format!("ERROR:  {kind} is not supported by fksim"))
        );
    }
    assert_eq!(parse_statement("SELEC 1;").unwrap_err().sqlstate(), "42601");
    assert_eq!(parse_statement("GRANT SELECT ON t TO;").unwrap_err().sqlstate(), "42601");
}
