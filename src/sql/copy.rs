//! COPY at the parser boundary: `COPY table [(cols)] {FROM stdin | TO stdout}` and `COPY
//! (query) TO stdout` in the text format pg_dump writes or CSV (FORMAT, HEADER, DELIMITER, NULL,
//! QUOTE, ESCAPE); files, programs and the other options are 0A000.

use sqlparser::ast as sp;

use crate::error::{Error, Result};
use crate::sql::ast::{Copy, CopyDirection, CopyFormat, ObjectName, Statement};
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
        let (table_name, columns, query) = match source {
            sp::CopySource::Table { table_name, columns } => {
                (Some(table_name), columns.as_slice(), None)
            }
            sp::CopySource::Query(q) if to => (None, &[][..], Some(Box::new(self.query(q)?))),
            // PostgreSQL's grammar has no COPY (query) FROM: a syntax error at that FROM.
            sp::CopySource::Query(_) => {
                let items = &self.tokens.items;
                let at = (0..items.len()).rev().find(|&i| self.tokens.is_word(i, "from"));
                return Err(match at.and_then(|i| items.get(i)) {
                    Some((_, start, source)) => Error::syntax_near(source, Some(start + 1)),
                    None => Error::syntax_at_end(None),
                });
            }
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
        let format = copy_format(options, legacy_options)?;
        let table = match table_name {
            Some(name) => self.object_name(name)?,
            None => ObjectName { schema: None, name: String::new(), pos: None },
        };
        Ok(Statement::Copy(Copy {
            table,
            columns: columns.iter().map(|c| self.ident(c)).collect(),
            direction,
            format,
            query,
        }))
    }
}

/// The format options, new style (`WITH (FORMAT csv, ...)`) or old (`CSV HEADER`), checked as
/// PostgreSQL's ProcessCopyOptions checks them.
fn copy_format(options: &[sp::CopyOption], legacy: &[sp::CopyLegacyOption]) -> Result<CopyFormat> {
    let (mut csv, mut header, mut delimiter, mut null, mut quote, mut escape) =
        (false, false, None, None, None, None);
    let refuse =
        |what: String| Err(Error::unsupported(format!("COPY {what} is not supported by fksim")));
    for o in options {
        match o {
            sp::CopyOption::Format(f) => match f.value.to_lowercase().as_str() {
                "text" => csv = false,
                "csv" => csv = true,
                "binary" => return refuse("FORMAT binary".into()),
                other => {
                    return Err(Error::new(
                        "22023",
                        format!("COPY format \"{other}\" not recognized"),
                    ));
                }
            },
            sp::CopyOption::Header(h) => header = *h,
            sp::CopyOption::Delimiter(c) => delimiter = Some(*c),
            sp::CopyOption::Null(n) => null = Some(n.clone()),
            sp::CopyOption::Quote(c) => quote = Some(*c),
            sp::CopyOption::Escape(c) => escape = Some(*c),
            sp::CopyOption::Encoding(e)
                if e.eq_ignore_ascii_case("utf8") || e.eq_ignore_ascii_case("utf-8") => {}
            other => return refuse(other.to_string()),
        }
    }
    for o in legacy {
        match o {
            sp::CopyLegacyOption::Delimiter(c) => delimiter = Some(*c),
            sp::CopyLegacyOption::Null(n) => null = Some(n.clone()),
            sp::CopyLegacyOption::Csv(opts) => {
                csv = true;
                for c in opts {
                    match c {
                        sp::CopyLegacyCsvOption::Header => header = true,
                        sp::CopyLegacyCsvOption::Quote(q) => quote = Some(*q),
                        sp::CopyLegacyCsvOption::Escape(e) => escape = Some(*e),
                        other => return refuse(other.to_string()),
                    }
                }
            }
            other => return refuse(other.to_string()),
        }
    }
    if !csv && (quote.is_some() || escape.is_some()) {
        let what = if quote.is_some() { "quote" } else { "escape" };
        return Err(Error::new("0A000", format!("COPY {what} available only in CSV mode")));
    }
    let quote = quote.unwrap_or('"');
    let f = CopyFormat {
        csv,
        header,
        delimiter: delimiter.unwrap_or(if csv { ',' } else { '\t' }),
        null: null.unwrap_or_else(|| if csv { String::new() } else { "\\N".to_string() }),
        quote,
        escape: escape.unwrap_or(quote),
    };
    if f.csv && f.delimiter == f.quote {
        return Err(Error::new("22023", "COPY delimiter and quote must be different"));
    }
    if f.null.contains(f.delimiter) {
        return Err(Error::new(
            "22023",
            "COPY delimiter must not appear in the NULL specification",
        ));
    }
    Ok(f)
}
