//! The parts of `CREATE CONSTRAINT TRIGGER` sqlparser does not check: AFTER ... FOR EACH ROW
//! only, and `[NOT] DEFERRABLE [INITIALLY {DEFERRED | IMMEDIATE}]` (read from the tokens).

use sqlparser::ast as sp;

use crate::error::{Error, Result};
use crate::sql::ast_routine::TriggerTiming;
use crate::sql::lex::Tokens;

/// The timing of a constraint trigger, or PostgreSQL's syntax error where its grammar has no
/// BEFORE, INSTEAD OF or FOR EACH STATEMENT.
pub fn timing(
    tokens: &Tokens,
    t: &sp::CreateTrigger,
    for_each_row: bool,
) -> Result<Option<TriggerTiming>> {
    let at = |i: usize| match tokens.items.get(i) {
        Some((_, start, source)) => Error::syntax_near(source, Some(start + 1)),
        None => Error::syntax_at_end(None),
    };
    // CREATE CONSTRAINT TRIGGER name {AFTER | ...}
    let period = (0..tokens.items.len())
        .find(|&i| ["before", "after", "instead"].iter().any(|w| tokens.is_word(i, w)))
        .unwrap_or(4);
    if !matches!(t.period, Some(sp::TriggerPeriod::After)) {
        return Err(at(period));
    }
    if !t.referencing.is_empty() {
        let i = (0..tokens.items.len()).find(|&i| tokens.is_word(i, "referencing"));
        return Err(at(i.unwrap_or(period)));
    }
    let mut deferrable = None;
    let mut initially = None;
    let mut initially_at = None;
    let mut for_at = None;
    let mut i = period;
    while i < tokens.items.len() {
        if tokens.is_word(i, "for") {
            for_at = Some(i);
            break;
        }
        if tokens.is_word(i, "execute") {
            return Err(at(i));
        }
        if tokens.is_word(i, "not") && tokens.is_word(i + 1, "deferrable") {
            deferrable = Some(false);
            i += 1;
        } else if tokens.is_word(i, "deferrable") {
            deferrable = Some(true);
        } else if tokens.is_word(i, "initially") {
            initially_at = Some(i);
            initially = Some(tokens.is_word(i + 1, "deferred"));
            i += 1;
        }
        i += 1;
    }
    let Some(for_at) = for_at else { return Err(at(tokens.items.len())) };
    if !for_each_row {
        let each = usize::from(tokens.is_word(for_at + 1, "each"));
        return Err(at(for_at + 1 + each));
    }
    let initially_deferred = initially.unwrap_or(false);
    if initially_deferred && deferrable == Some(false) {
        let pos = initially_at.and_then(|i| tokens.items.get(i)).map(|(_, s, _)| s + 1);
        return Err(Error::new(
            "42601",
            "constraint declared INITIALLY DEFERRED must be DEFERRABLE",
        )
        .at(pos));
    }
    Ok(Some(TriggerTiming {
        deferrable: deferrable.unwrap_or(initially_deferred),
        initially_deferred,
    }))
}
