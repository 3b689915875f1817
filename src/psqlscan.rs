//! psql's input loop, as far as `psql -X -a -q < FILE` shows it: line echo and statement boundaries.

/// One thing the script runner must do, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScriptItem {
    /// Echo this input line (psql -a prints every line as it reads it, before running what it completes).
    Echo(String),
    /// Send this statement text to the server, exactly as psql would send it.
    Statement(String),
    /// A backslash meta-command, e.g. `\d orders` → name "d", args "orders".
    Meta { name: String, args: String },
    /// `COPY ... FROM stdin` and the data lines psql read after it, up to the `\.` line (or
    /// the end of input). psql does not echo data lines.
    CopyIn {
        /// The COPY statement.
        statement: String,
        /// The data lines.
        data: Vec<String>,
        /// True when a `\.` line ended the data, false for the end of input.
        ended: bool,
    },
}

/// What the lexer is inside of, carried from one line to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    /// Plain SQL.
    Normal,
    /// Inside '...' (`escapes`: an E'' string, where backslash escapes the next character).
    Quote { escapes: bool },
    /// Inside "...".
    Ident,
    /// Inside $tag$...$tag$.
    Dollar(String),
    /// Inside /* ... */, nested to this depth.
    Comment(usize),
}

/// What psql's lexer tracks of a statement's words to keep `BEGIN ATOMIC ... END` whole.
#[derive(Debug, Default)]
struct AtomicBody {
    /// First letters of the first four words, where they are create/or/replace/function/
    /// procedure (else a blank).
    leading: [char; 4],
    /// Words seen.
    count: usize,
    /// BEGIN ... END (and CASE ... END inside it) depth.
    depth: usize,
}

impl AtomicBody {
    /// Takes one word of the statement at parenthesis depth `parens`.
    fn see(&mut self, word: &str, parens: usize) {
        // Compared without case (no lower-cased copy: every word of every statement passes).
        let is = |w: &str| word.eq_ignore_ascii_case(w);
        if self.count < 4
            && ["create", "function", "procedure", "or", "replace"].into_iter().any(is)
        {
            self.leading[self.count] = word.chars().next().map_or(' ', |c| c.to_ascii_lowercase());
        }
        self.count += 1;
        let l = self.leading;
        let routine = l[0] == 'c'
            && (l[1] == 'f'
                || l[1] == 'p'
                || (l[1] == 'o' && l[2] == 'r' && (l[3] == 'f' || l[3] == 'p')));
        if !routine || parens > 0 {
            return;
        }
        if is("begin") || (is("case") && self.depth >= 1) {
            self.depth += 1;
        } else if is("end") {
            self.depth = self.depth.saturating_sub(1);
        }
    }
}

/// psql's query buffer and lexer state across lines, fed a line at a time (the REPL's loop).
#[derive(Debug)]
pub struct Scanner {
    /// The statement being accumulated.
    buffer: String,
    /// Lexer state at the current point.
    state: State,
    /// Parenthesis depth in the buffer.
    parens: usize,
    /// The statement's words so far, for psql's heuristic on `CREATE FUNCTION ... BEGIN
    /// ATOMIC ... END`: the first letters of its first words among create/or/replace/
    /// function/procedure, and the BEGIN ... END depth, inside which `;` does not end it.
    atomic: AtomicBody,
    /// What has been produced so far.
    items: Vec<ScriptItem>,
    /// In copy mode: the `COPY ... FROM stdin` statement and the data lines read so far.
    copy: Option<(String, Vec<String>)>,
}

/// Splits a whole script into psql's sequence of echoes, statements and meta-commands.
pub fn scan_script(input: &str) -> Vec<ScriptItem> {
    let mut s = Scanner::new();
    let mut items = Vec::new();
    for line in input.lines() {
        // psql drops an empty line before echoing it, unless it is inside a quoted string or
        // comment: it is neither printed nor part of the statement text.
        if s.skips(line) {
            continue;
        }
        if !s.in_copy() {
            items.push(ScriptItem::Echo(line.to_string()));
        }
        items.extend(s.feed(line));
    }
    items.extend(s.finish());
    items
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner::new()
    }
}

impl Scanner {
    /// An empty query buffer.
    pub fn new() -> Self {
        Scanner {
            buffer: String::new(),
            state: State::Normal,
            parens: 0,
            atomic: AtomicBody::default(),
            items: Vec::new(),
            copy: None,
        }
    }

    /// True for a line psql ignores altogether: empty, outside quotes and comments (an empty
    /// line of COPY data is a row).
    pub fn skips(&self, line: &str) -> bool {
        line.is_empty() && self.state == State::Normal && self.copy.is_none()
    }

    /// True while reading COPY data lines (psql's `>>` prompt).
    pub fn in_copy(&self) -> bool {
        self.copy.is_some()
    }

    /// Scans one input line: the statements it completes and the meta-commands on it.
    pub fn feed(&mut self, line: &str) -> Vec<ScriptItem> {
        if self.skips(line) {
            return Vec::new();
        }
        if let Some((_, data)) = &mut self.copy {
            if line == "\\." {
                if let Some((statement, data)) = self.copy.take() {
                    return vec![ScriptItem::CopyIn { statement, data, ended: true }];
                }
            } else {
                data.push(line.to_string());
            }
            return Vec::new();
        }
        self.line(line);
        std::mem::take(&mut self.items)
    }

    /// True while a statement is incomplete (psql's continuation prompt).
    pub fn pending(&self) -> bool {
        !self.buffer.trim().is_empty() || self.state != State::Normal
    }

    /// Forgets the incomplete statement (Ctrl-C, `\r`).
    pub fn reset(&mut self) {
        *self = Scanner::new();
    }

    /// End of input: the unfinished statement, sent as psql sends it.
    pub fn finish(&mut self) -> Option<ScriptItem> {
        if let Some((statement, data)) = self.copy.take() {
            return Some(ScriptItem::CopyIn { statement, data, ended: false });
        }
        let text = std::mem::take(&mut self.buffer);
        self.reset();
        (!text.trim().is_empty()).then_some(ScriptItem::Statement(text))
    }

    /// Scans one input line (without its newline).
    fn line(&mut self, line: &str) {
        let chars: Vec<char> = line.chars().collect();
        // In ASCII text a character's index is its byte offset: stretches are copied as text.
        let ascii = line.len() == chars.len();
        // psql joins the lines of a statement with newlines.
        if !self.buffer.is_empty() {
            self.buffer.push('\n');
        }
        self.buffer.reserve(line.len());
        // The buffer never starts with whitespace (none is kept before the statement starts,
        // and a newline joins lines only after something): empty means nothing started.
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            match self.state.clone() {
                State::Normal => {
                    if ascii && !self.buffer.is_empty() {
                        // Characters that decide nothing here, copied at once.
                        let plain = line.as_bytes()[i..].iter().take_while(|b| plain(**b)).count();
                        if plain > 0 {
                            self.buffer.push_str(&line[i..i + plain]);
                            i += plain;
                            continue;
                        }
                    }
                    if c == '-' && next == Some('-') {
                        // A comment runs to the end of the line; it is only part of the query
                        // when the query has started.
                        if !self.buffer.is_empty() {
                            self.buffer.extend(&chars[i..]);
                        }
                        break;
                    }
                    if c.is_whitespace() && self.buffer.is_empty() {
                        i += 1;
                        continue;
                    }
                    if c == '\\' {
                        let (name, args) = meta_command(&chars[i + 1..]);
                        if name == "copy" && crate::psqlcopy::reads_script(&args) {
                            // `\copy ... from stdin` reads the script's next lines as data.
                            self.copy = Some((format!("\\copy {args}"), Vec::new()));
                            break;
                        }
                        self.items.push(ScriptItem::Meta { name, args });
                        break;
                    }
                    match c {
                        '\'' => {
                            let escapes = matches!(self.buffer.chars().last(), Some('e' | 'E'))
                                && !self
                                    .buffer
                                    .chars()
                                    .rev()
                                    .nth(1)
                                    .is_some_and(|p| p.is_alphanumeric() || p == '_');
                            self.state = State::Quote { escapes };
                        }
                        '"' => self.state = State::Ident,
                        '/' if next == Some('*') => {
                            self.state = State::Comment(1);
                            self.buffer.push_str("/*");
                            i += 2;
                            continue;
                        }
                        '$' => {
                            if let Some(tag) = dollar_tag(&chars[i..], self.buffer.chars().last()) {
                                self.buffer.push_str(&tag);
                                i += tag.chars().count();
                                self.state = State::Dollar(tag);
                                continue;
                            }
                        }
                        '(' => self.parens += 1,
                        ')' => self.parens = self.parens.saturating_sub(1),
                        c if (c.is_alphabetic() || c == '_')
                            && !self
                                .buffer
                                .chars()
                                .last()
                                .is_some_and(|p| p.is_alphanumeric() || p == '_' || p == '$') =>
                        {
                            let len = chars[i..]
                                .iter()
                                .take_while(|c| c.is_alphanumeric() || **c == '_' || **c == '$')
                                .count();
                            let start = self.buffer.len();
                            if ascii {
                                self.buffer.push_str(&line[i..i + len]);
                            } else {
                                self.buffer.extend(&chars[i..i + len]);
                            }
                            self.atomic.see(&self.buffer[start..], self.parens);
                            i += len;
                            continue;
                        }
                        ';' if self.parens == 0 && self.atomic.depth > 0 => {}
                        ';' if self.parens == 0 => {
                            self.atomic = AtomicBody::default();
                            self.buffer.push(';');
                            let text = std::mem::take(&mut self.buffer);
                            if is_copy_from_stdin(&text) {
                                // psql reads data lines from here on; the rest of this line is
                                // not SQL either.
                                self.copy = Some((text, Vec::new()));
                                break;
                            }
                            self.items.push(ScriptItem::Statement(text));
                            i += 1;
                            continue;
                        }
                        _ => {}
                    }
                    self.buffer.push(c);
                }
                State::Quote { escapes } => {
                    self.buffer.push(c);
                    if escapes && c == '\\' {
                        if let Some(n) = next {
                            self.buffer.push(n);
                            i += 1;
                        }
                    } else if c == '\'' {
                        if next == Some('\'') {
                            self.buffer.push('\'');
                            i += 1;
                        } else {
                            self.state = State::Normal;
                        }
                    }
                }
                State::Ident => {
                    self.buffer.push(c);
                    if c == '"' {
                        self.state = State::Normal;
                    }
                }
                State::Dollar(tag) => {
                    let rest: String = chars[i..].iter().collect();
                    if rest.starts_with(&tag) {
                        self.buffer.push_str(&tag);
                        i += tag.chars().count();
                        self.state = State::Normal;
                        continue;
                    }
                    self.buffer.push(c);
                }
                State::Comment(depth) => {
                    if c == '*' && next == Some('/') {
                        self.buffer.push_str("*/");
                        self.state =
                            if depth == 1 { State::Normal } else { State::Comment(depth - 1) };
                        i += 2;
                        continue;
                    }
                    if c == '/' && next == Some('*') {
                        self.buffer.push_str("/*");
                        self.state = State::Comment(depth + 1);
                        i += 2;
                        continue;
                    }
                    self.buffer.push(c);
                }
            }
            i += 1;
        }
        if self.buffer.trim().is_empty() && self.state == State::Normal {
            self.buffer.clear();
        }
    }
}

/// An ASCII character that starts nothing and ends nothing in plain SQL once a statement has
/// started: not a letter or `_` (a word), nor a quote, `$`, `-`, `/`, `\\`, a parenthesis or `;`.
fn plain(b: u8) -> bool {
    !(b.is_ascii_alphabetic()
        || matches!(b, b'_' | b'\'' | b'"' | b'$' | b'-' | b'/' | b'\\' | b'(' | b')' | b';')
        || !b.is_ascii())
}

/// True for `COPY ... FROM stdin` (or `FROM pstdin`), after which psql sends data lines.
fn is_copy_from_stdin(text: &str) -> bool {
    // Every statement of a script passes here: its words are compared where they stand.
    let mut words =
        text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty());
    if !words.next().is_some_and(|w| w.eq_ignore_ascii_case("copy")) {
        return false;
    }
    let mut after_from = false;
    for w in words {
        if after_from && (w.eq_ignore_ascii_case("stdin") || w.eq_ignore_ascii_case("pstdin")) {
            return true;
        }
        after_from = w.eq_ignore_ascii_case("from");
    }
    false
}

/// A `$tag$` opening at the start of `chars`, if it is one (a `$` right after an identifier
/// character is part of the identifier, as in `a$b`).
fn dollar_tag(chars: &[char], before: Option<char>) -> Option<String> {
    if before.is_some_and(|b| b.is_alphanumeric() || b == '_') {
        return None;
    }
    let mut tag = String::from("$");
    for (k, &c) in chars.iter().enumerate().skip(1) {
        if c == '$' {
            tag.push('$');
            return Some(tag);
        }
        let ok = c.is_alphabetic() || c == '_' || (k > 1 && c.is_ascii_digit());
        if !ok {
            return None;
        }
        tag.push(c);
    }
    None
}

/// Splits `d+ orders` (the text after the backslash) into the command name and its arguments.
fn meta_command(rest: &[char]) -> (String, String) {
    let text: String = rest.iter().collect();
    let end = text.find(|c: char| c.is_whitespace() || c == '\\').unwrap_or(text.len());
    let (name, args) = text.split_at(end);
    (name.to_string(), args.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statements(input: &str) -> Vec<String> {
        scan_script(input)
            .into_iter()
            .filter_map(|i| match i {
                ScriptItem::Statement(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn two_statements_on_a_line_and_one_over_two_lines() {
        let items = scan_script("SELECT 1; SELECT 2;\nSELECT\n  3;\n");
        assert_eq!(
            items,
            vec![
                ScriptItem::Echo("SELECT 1; SELECT 2;".into()),
                ScriptItem::Statement("SELECT 1;".into()),
                ScriptItem::Statement("SELECT 2;".into()),
                ScriptItem::Echo("SELECT".into()),
                ScriptItem::Echo("  3;".into()),
                ScriptItem::Statement("SELECT\n  3;".into()),
            ]
        );
    }

    #[test]
    fn a_statement_is_sent_as_written() {
        // Stretches of punctuation, digits and blanks, words glued to digits, an E'' string
        // after a number, `$` after a digit, a tab, a non-ASCII line.
        let lines = [
            "UPDATE t SET a = a*2+1.5e3 ,\tb=E'\\';' WHERE id <> 98abc AND x = 3$1;",
            "SELECT 7 AS é, 'x;' || 8;",
        ];
        assert_eq!(statements(&(lines.join("\n") + "\n")), lines);
        assert_eq!(statements("  \t  SELECT 1 ;  -- c\n"), vec!["SELECT 1 ;"]);
    }

    #[test]
    fn semicolons_inside_quotes_comments_and_parens_do_not_end_statements() {
        assert_eq!(
            statements("SELECT ';', \";\", $$;$$, $x$;$x$ /* ; */;\n"),
            vec!["SELECT ';', \";\", $$;$$, $x$;$x$ /* ; */;"]
        );
        assert_eq!(
            statements("INSERT INTO t VALUES (1;\nSELECT 1;\n"),
            vec!["INSERT INTO t VALUES (1;\nSELECT 1;"]
        );
        assert_eq!(statements("SELECT 'it''s;', E'\\';';\n"), vec!["SELECT 'it''s;', E'\\';';"]);
    }

    #[test]
    fn leading_comments_are_dropped_and_inner_ones_kept() {
        assert_eq!(
            statements("-- intro\n\n  SELECT 1 -- one\n  ;\n"),
            vec!["SELECT 1 -- one\n  ;"]
        );
    }

    #[test]
    fn unfinished_text_is_sent_at_end_of_file() {
        assert_eq!(statements("SELECT 1;\nSELECT 2\n"), vec!["SELECT 1;", "SELECT 2"]);
        assert_eq!(statements("SELECT 1;\n-- only a comment\n"), vec!["SELECT 1;"]);
    }

    #[test]
    fn copy_data_lines_are_neither_echoed_nor_sql() {
        let items = scan_script("COPY t FROM stdin;\n1\ta\n\n\\.\nSELECT 1;\n");
        assert_eq!(
            items,
            vec![
                ScriptItem::Echo("COPY t FROM stdin;".into()),
                ScriptItem::CopyIn {
                    statement: "COPY t FROM stdin;".into(),
                    data: vec!["1\ta".into(), String::new()],
                    ended: true,
                },
                ScriptItem::Echo("SELECT 1;".into()),
                ScriptItem::Statement("SELECT 1;".into()),
            ]
        );
    }

    #[test]
    fn meta_commands() {
        let items = scan_script("\\d orders\n\\dt\n");
        assert!(items.contains(&ScriptItem::Meta { name: "d".into(), args: "orders".into() }));
        assert!(items.contains(&ScriptItem::Meta { name: "dt".into(), args: String::new() }));
    }
}
