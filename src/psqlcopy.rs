//! psql's `\copy`: the client-side COPY. Its arguments become the `COPY ... FROM STDIN` or
//! `COPY ... TO STDOUT` psql sends, the data coming from (or going to) the script, standard
//! output or a file of the machine psql runs on.

/// A `\copy` command, read.
#[derive(Debug, Clone, PartialEq)]
pub struct SlashCopy {
    /// The statement psql sends: `COPY source FROM STDIN ...` or `COPY source TO STDOUT ...`.
    pub sql: String,
    /// FROM (else TO).
    pub from: bool,
    /// The file named; None for stdin/stdout (pstdin/pstdout too).
    pub file: Option<String>,
}

/// The statement sent for a `COPY ... FROM stdin` the script scanner read with its data: a
/// `\copy ... from stdin` becomes the COPY it stands for; a COPY stays as written.
pub fn sent_statement(statement: String) -> String {
    match statement.strip_prefix("\\copy ") {
        Some(args) => parse(args).map_or(statement.clone(), |c| c.sql),
        None => statement,
    }
}

/// Splits the arguments into words: a parenthesized query or column list and a quoted name
/// are one word each.
fn words(args: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = args.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let (mut depth, mut quote) = (0usize, None::<char>);
        while i < chars.len() {
            let c = chars[i];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == '\'' || c == '"' => quote = Some(c),
                None if c == '(' => depth += 1,
                None if c == ')' => depth = depth.saturating_sub(1),
                None if c.is_whitespace() && depth == 0 => break,
                None => {}
            }
            i += 1;
            // A column list may follow the table name without a space.
            if depth == 0 && quote.is_none() && chars.get(i) == Some(&'(') && c != '(' {
                break;
            }
        }
        out.push(chars[start..i].iter().collect());
    }
    out
}

/// Reads `\copy` arguments as psql's parse_slash_copy does; Err is the line psql prints.
pub fn parse(args: &str) -> Result<SlashCopy, String> {
    let words = words(args);
    if words.is_empty() {
        return Err("\\copy: arguments required".into());
    }
    let Some(dir) =
        words.iter().position(|w| w.eq_ignore_ascii_case("from") || w.eq_ignore_ascii_case("to"))
    else {
        return Err("\\copy: parse error at end of line".into());
    };
    if dir == 0 {
        return Err(format!("\\copy: parse error at \"{}\"", words[0]));
    }
    let from = words[dir].eq_ignore_ascii_case("from");
    let Some(target) = words.get(dir + 1) else {
        return Err("\\copy: parse error at end of line".into());
    };
    let file = match target.to_ascii_lowercase().as_str() {
        "stdin" | "pstdin" if from => None,
        "stdout" | "pstdout" if !from => None,
        _ => Some(target.trim_matches('\'').to_string()),
    };
    let source = words[..dir].join(" ");
    let rest = words[dir + 2..].join(" ");
    let sql = format!(
        "COPY {source} {} {}{}{rest}",
        if from { "FROM" } else { "TO" },
        if from { "STDIN" } else { "STDOUT" },
        if rest.is_empty() { "" } else { " " }
    );
    Ok(SlashCopy { sql, from, file })
}

/// True for a `\copy ... FROM stdin` (or pstdin), whose data lines follow in the script.
pub fn reads_script(args: &str) -> bool {
    parse(args).is_ok_and(|c| c.from && c.file.is_none())
}

/// A file's lines as COPY data (up to a `\.` line, as psql stops there).
pub fn read_file(path: &str) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| io_message(path, &e))?;
    Ok(text.lines().take_while(|l| *l != "\\.").map(str::to_string).collect())
}

/// psql's message for a file it cannot open: the path and the system's words.
pub fn io_message(path: &str, e: &std::io::Error) -> String {
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
        _ => e.to_string(),
    };
    format!("{path}: {why}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_columns_and_options_become_the_copy_psql_sends() {
        let c = parse("c (id, p_id) from stdin with csv").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.sql, "COPY c (id, p_id) FROM STDIN with csv");
        assert!(c.from && c.file.is_none());
        let c = parse("(select 1) to '/tmp/x.csv' csv").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.sql, "COPY (select 1) TO STDOUT csv");
        assert_eq!(c.file.as_deref(), Some("/tmp/x.csv"));
        assert_eq!(parse("p from"), Err("\\copy: parse error at end of line".into()));
        assert_eq!(parse(""), Err("\\copy: arguments required".into()));
        assert!(reads_script("c from stdin"));
        assert!(!reads_script("c from 'f.csv'"));
    }
}
