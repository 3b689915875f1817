//! Every exercise: its reference solution passes the checker, its tempting wrong answer does not.

use fksim::exercise;

#[test]
fn solutions_pass_and_wrong_answers_fail() {
    let all = exercise::all();
    assert!(all.len() >= 8);
    for ex in all {
        assert!(
            !ex.title.is_empty() && !ex.goal.is_empty() && ex.hints.len() >= 2,
            "{} lacks a title, goal or hints",
            ex.id
        );
        if let Err(reasons) = exercise::check(&ex, &ex.solution) {
            panic!("{}: the reference solution fails: {reasons:?}", ex.id);
        }
        match exercise::check(&ex, &ex.wrong) {
            Ok(()) => panic!("{}: the wrong answer passes", ex.id),
            Err(reasons) => assert!(!reasons.is_empty()),
        }
        // Doing nothing never passes either.
        assert!(exercise::check(&ex, "").is_err(), "{}: passes without any work", ex.id);
    }
}

/// Exercise 1 solved in place with `ALTER CONSTRAINT`, as its third hint says (PostgreSQL 15
/// has it), passes as the drop-and-add reference solution does.
#[test]
fn seed_order_solved_with_alter_constraint() {
    let ex = exercise::all().into_iter().find(|e| e.id.starts_with("01")).expect("exercise 1");
    let sql = "ALTER TABLE orders ALTER CONSTRAINT orders_customer_id_fkey DEFERRABLE INITIALLY DEFERRED;";
    assert_eq!(exercise::check(&ex, sql), Ok(()));
    // DEFERRABLE alone leaves the check immediate: the seed still fails.
    let sql = "ALTER TABLE orders ALTER CONSTRAINT orders_customer_id_fkey DEFERRABLE;";
    assert!(exercise::check(&ex, sql).is_err());
}
