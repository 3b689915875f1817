//! What a sandbox without file access refuses before parsing: `COPY` to or from a server file
//! or program, answered as PostgreSQL answers a role without the server-file privileges.

use sqlparser::ast::{CopyTarget, Statement};
use sqlparser::dialect::PostgreSqlDialect;
use sqlparser::parser::Parser;

use crate::error::Error;

/// PostgreSQL's hint under each refusal.
const HINT: &str =
    "Anyone can COPY to stdout or from stdin. psql's \\copy command also works for anyone.";

/// The 42501 error PostgreSQL gives a role without `pg_read_server_files`,
/// `pg_write_server_files` or `pg_execute_server_program` for a `COPY` that reads or writes a
/// server file or runs a program; `None` for any other statement.
pub fn file_access(text: &str) -> Option<Error> {
    // Most statements are no COPY: no second parse for them.
    if !text.to_ascii_lowercase().contains("copy") {
        return None;
    }
    let statements = Parser::parse_sql(&PostgreSqlDialect {}, text).ok()?;
    statements.iter().find_map(|s| {
        let Statement::Copy { to, target, .. } = s else { return None };
        let message = match (target, to) {
            (CopyTarget::File { .. }, false) => {
                "must be superuser or have privileges of the pg_read_server_files role to COPY from a file"
            }
            (CopyTarget::File { .. }, true) => {
                "must be superuser or have privileges of the pg_write_server_files role to COPY to a file"
            }
            (CopyTarget::Program { .. }, _) => {
                "must be superuser or have privileges of the pg_execute_server_program role to COPY to or from an external program"
            }
            _ => return None,
        };
        Some(Error::new("42501", message).with_hint(HINT).without_position())
    })
}

#[cfg(test)]
mod tests {
    use super::file_access;

    #[test]
    fn copy_to_or_from_a_file_or_program_is_refused_and_nothing_else() {
        let cases = [
            ("COPY t FROM '/etc/passwd';", Some("pg_read_server_files")),
            ("COPY t TO '/tmp/x';", Some("pg_write_server_files")),
            ("COPY (SELECT 1) TO '/tmp/x';", Some("pg_write_server_files")),
            ("COPY t FROM PROGRAM 'ls';", Some("pg_execute_server_program")),
            ("COPY t TO STDOUT;", None),
            ("SELECT 'COPY t FROM ''/etc/passwd''';", None),
        ];
        for (sql, refused) in cases {
            let got = file_access(sql).map(|e| (e.sqlstate(), e.message.clone()));
            match refused {
                Some(role) => assert!(
                    got.as_ref().is_some_and(|(s, m)| *s == "42501" && m.contains(role)),
                    "{sql}: {got:?}"
                ),
                None => assert!(got.is_none(), "{sql}: {got:?}"),
            }
        }
    }
}
