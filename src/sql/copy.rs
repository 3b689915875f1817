//! COPY at the parser boundary: `COPY table [(cols)] {FROM stdin | TO stdout}` in the text
//! format, the form pg_dump writes; files, programs, queries and options are 0A000.

use sqlparser::ast as sp;

use crate::error::{Error, Result};
use crate::sql::ast::{Copy, CopyDirection, Statement};
use crate::sql::expr::Cx;

impl Cx<'_> {
    /// COPY, without its data: psql sends the data lines after the statement succeeds.
    pub fn copy(
        &self,
        source: &sp::CopySource,
        to: bool,
        target: &sp::CopyTarget,
        options: &[sp::CopyOption],
        legacy_options: &[sp::CopyLegacyOption],
    ) -> Result<Statement> {
        let sp::CopySource::Table { table_name, columns } = source else {
            return Err(Error::unsupported("COPY (query) is not supported by fksim"));
        };
        let direction = match (to, target) {
            (false, sp::CopyTarget::Stdin) => CopyDirection::FromStdin(Vec::new()),
            (true, sp::CopyTarget::Stdout) => CopyDirection::ToStdout,
            (_, sp::CopyTarget::File { .. }) => {
                return Err(Error::unsupported(
                    "COPY to or from a file is not supported by fksim (use COPY ... FROM stdin)",
                ));
            }
            (_, sp::CopyTarget::Program { .. }) => {
                return Err(Error::unsupported(
                    "COPY to or from a program is not supported by fksim",
                ));
            }
            // COPY ... FROM stdout / TO stdin: PostgreSQL reads them as the other way round.
            (false, _) => CopyDirection::FromStdin(Vec::new()),
            (true, _) => CopyDirection::ToStdout,
        };
        let text_format = options.iter().all(
            |o| matches!(o, sp::CopyOption::Format(f) if f.value.eq_ignore_ascii_case("text")),
        );
        if !text_format || !legacy_options.is_empty() {
            return Err(Error::unsupported(
                "COPY options are not supported by fksim (only the text format is)",
            ));
        }
        Ok(Statement::Copy(Copy {
            table: self.object_name(table_name)?,
            columns: columns.iter().map(|c| self.ident(c)).collect(),
            direction,
        }))
    }
}
