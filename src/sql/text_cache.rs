//! Statements seen before by their text: a statement whose text equals an earlier one's but for
//! the digits of its numbers is fksim's statement for that one (`parse_cache`'s template) with its
//! own numbers put in — not even tokenized again.
//!
//! A number here is a run of ASCII digits standing alone in the text: neither the character
//! before it nor the one after is a letter, a digit, `_`, `$`, `.` or a non-ASCII character.
//! Such a run's tokenizing depends on nothing but that its characters are digits (sqlparser
//! looks at a number's value only for a `0` followed by a letter, and at what surrounds it only
//! for the characters excluded), so two texts alike but for the digits of such runs, each run
//! as long as its counterpart, tokenize alike: the same tokens at the same places, those runs'
//! numbers aside. A text is kept only when every run in it was tokenized as a number of its own
//! (not part of a string, a comment or a quoted name), and only once `parse_cache` found its
//! statement from a template: what that template guarantees then holds for every text kept.

use std::cell::RefCell;
use std::hash::Hasher;
use std::ops::Range;

use rustc_hash::{FxHashMap as HashMap, FxHasher};
use smallvec::SmallVec;
use sqlparser::tokenizer::{Token, TokenWithSpan};

use crate::sql::ast::Statement;
use crate::sql::lex::Positions;
use crate::sql::parse_cache::Made;

/// How many texts one thread keeps (all are dropped when it is full).
const CAPACITY: usize = 256;

/// Longer texts are not kept.
const LONGEST: usize = 4096;

/// The numbers of a text: their byte ranges, in order.
type Runs = SmallVec<[Range<usize>; 4]>;

/// A text kept, and its statement with a slot for each number.
pub struct Kept {
    /// The text (compared with a new one everywhere but in its numbers).
    text: Box<str>,
    /// Its numbers.
    runs: Runs,
    /// Its statement; the slots name numbers of `runs`, every other literal written in.
    made: Made,
}

thread_local! {
    /// Hash of a text, its numbers' digits left out (`numbers`) → the text kept.
    static TEXTS: RefCell<HashMap<u64, Kept>> = RefCell::new(HashMap::default());
}

/// fksim's statement for `text`, when a text alike but for its numbers' digits was kept.
pub fn reuse(text: &str) -> Option<Statement> {
    let (hash, runs) = numbers(text)?;
    TEXTS.with(|t| {
        let texts = t.borrow();
        let kept = texts.get(&hash)?;
        let alike = kept.runs == runs && kept.text.len() == text.len() && {
            let (a, b) = (kept.text.as_bytes(), text.as_bytes());
            let mut from = 0;
            runs.iter().all(|r| {
                let same = a[from..r.start] == b[from..r.start];
                from = r.end;
                same
            }) && a[from..] == b[from..]
        };
        alike.then(|| kept.made.with_literals(|i| runs.get(i).map(|r| &text[r.clone()])))
    })
}

/// Keeps `text` (whose tokens are `raw`), found by `parse_cache` to be `statement` through the
/// template `made`, when each of its numbers is a number token of its own.
pub fn remember(text: &str, raw: &[TokenWithSpan], made: &Made, statement: &Statement) {
    let Some((hash, runs)) = numbers(text) else { return };
    if TEXTS.with(|t| t.borrow().contains_key(&hash)) {
        return;
    }
    // The token of each number, found by where it starts and checked to end where it ends.
    let positions = Positions::new(text);
    let start = |t: &TokenWithSpan| positions.of(t.span.start).map_or(text.len(), |p| p - 1);
    let mut tokens = Vec::with_capacity(runs.len());
    for r in &runs {
        let Some(k) = raw.iter().position(|t| start(t) == r.start) else { return };
        let whole = matches!(&raw[k].token, Token::Number(v, false) if *v == text[r.clone()]);
        let next = raw.get(k + 1).map_or(text.len(), start);
        if !whole || next != r.end {
            return;
        }
        tokens.push(k);
    }
    // The template's slots renamed to numbers; a slot of another literal is written in already.
    let slots = made
        .slots
        .iter()
        .map(|slot| {
            let (k, negated) = (*slot)?;
            Some((tokens.iter().position(|t| *t == k)?, negated))
        })
        .collect();
    let made = Made { statement: statement.clone(), slots };
    TEXTS.with(|t| {
        let mut texts = t.borrow_mut();
        if texts.len() >= CAPACITY {
            texts.clear();
        }
        texts.insert(hash, Kept { text: text.into(), runs, made });
    });
}

/// A hash of `text` with the digits of its numbers left out, and where its numbers are; None
/// for a text not kept (too long, or not ASCII).
fn numbers(text: &str) -> Option<(u64, Runs)> {
    let bytes = text.as_bytes();
    if bytes.len() > LONGEST || !text.is_ascii() {
        return None;
    }
    let word = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'.');
    let mut runs = Runs::new();
    let mut h = FxHasher::default();
    let (mut i, mut from) = (0, 0);
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && word(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let end = i + bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if bytes.get(end).is_some_and(|b| word(*b)) {
            i = end;
            continue;
        }
        h.write(&bytes[from..i]);
        h.write_usize(end - i);
        runs.push(i..end);
        (i, from) = (end, end);
    }
    h.write(&bytes[from..]);
    Some((h.finish(), runs))
}

/// The texts kept, taken away (tests compare statements made without them).
#[cfg(test)]
pub fn take() -> HashMap<u64, Kept> {
    TEXTS.with(|t| t.replace(HashMap::default()))
}

/// Puts back what `take` took.
#[cfg(test)]
pub fn restore(texts: HashMap<u64, Kept>) {
    TEXTS.with(|t| t.replace(texts));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::parse_cache::without_templates;

    /// What `parse_statement` makes of `text` with nothing kept by either cache.
    fn fresh(text: &str) -> String {
        let texts = take();
        let statement = without_templates(|| crate::sql::parse_statement(text));
        restore(texts);
        format!("{statement:?}")
    }

    /// Parses `text` four times (a template, then this text kept), each parse as a fresh one;
    /// whether the text is kept then.
    fn kept(text: &str) -> bool {
        for _ in 0..4 {
            assert_eq!(format!("{:?}", crate::sql::parse_statement(text)), fresh(text), "{text}");
        }
        reuse(text).is_some()
    }

    #[test]
    fn numbers_of_a_text_kept_are_put_in() {
        for text in [
            "SELECT name FROM customers WHERE id = 8;",
            "SELECT name FROM customers WHERE id = 0;",
            "UPDATE orders SET note = 'x' WHERE id = 98;",
            "UPDATE orders SET note = 'x' WHERE id = 07;",
            "DELETE FROM customers WHERE id BETWEEN 14 AND (2 + -3) RETURNING id, 'a';",
        ] {
            assert!(kept(text), "{text}");
        }
        // Alike but for the digits: made without tokenizing, as a fresh parse makes it.
        for text in [
            "SELECT name FROM customers WHERE id = 5;",
            "UPDATE orders SET note = 'x' WHERE id = 12;",
            "DELETE FROM customers WHERE id BETWEEN 25 AND (9 + -0) RETURNING id, 'a';",
        ] {
            let statement = reuse(text);
            assert!(statement.is_some(), "{text}");
            assert_eq!(
                format!("{:?}", statement.map(Ok::<_, ()>)),
                format!("Some({})", fresh(text))
            );
        }
        // Another string, another length, another space: not alike.
        for text in [
            "UPDATE orders SET note = 'y' WHERE id = 12;",
            "SELECT name FROM customers WHERE id = 10;",
            "SELECT name FROM customers WHERE id = 5 ;",
        ] {
            assert!(reuse(text).is_none(), "{text}");
        }
    }

    #[test]
    fn digits_that_are_not_a_number_of_their_own_keep_nothing() {
        for (text, expected) in [
            ("SELECT name FROM customers WHERE name = 'c 5' AND id = 3;", false),
            ("SELECT name FROM customers WHERE id = 3 -- 7\n;", false),
            ("SELECT \"a 5\" FROM customers WHERE id = 3;", false),
            ("SELECT name FROM customers WHERE id = 3 /* 5 */;", false),
            // Not numbers of their own: no digits to put in, the same text only.
            ("SELECT name FROM customers WHERE id = 1.5;", true),
            ("SELECT name FROM customers WHERE id = 1e5;", true),
            ("SELECT name FROM t1 WHERE id = 3;", true),
        ] {
            assert_eq!(kept(text), expected, "{text}");
        }
        assert!(reuse("SELECT name FROM customers WHERE id = 2.5;").is_none());
        assert!(reuse("SELECT name FROM t2 WHERE id = 3;").is_none());
        assert!(reuse("SELECT name FROM t1 WHERE id = 4;").is_some());
    }
}
