//! fksim: a foreign-key behaviour simulator that behaves like PostgreSQL 15 and shows its work.
//!
//! One statement's walk through the layers, `DELETE FROM customers WHERE id = 42;`:
//!
//! 1. `psqlscan` splits the script as psql does: it echoes each line and hands over the
//!    statement text when its `;` arrives (outside quotes, comments and parentheses).
//! 2. `sql::parse_statement` parses it with sqlparser and converts it into `sql::ast` —
//!    sqlparser's types never leave `src/sql`.
//! 3. `engine::session::Session::execute` decides what the transaction state allows (an
//!    aborted block refuses everything but ROLLBACK) and marks the undo log.
//! 4. `engine::dml::delete` finds the matching rows in heap order and deletes each through
//!    `engine::exec::Exec::delete_row`, which logs the undo and tells `engine::ri` a row went.
//! 5. `engine::ri` queues one event per foreign key referencing `customers`, in PostgreSQL's
//!    trigger order — or puts it on the transaction's deferred list when the constraint is
//!    deferred.
//! 6. At the end of the statement `triggers::fire_queued` fires the queue: NO ACTION looks
//!    for a replacement parent and then for referencing rows (an index lookup on the
//!    referencing columns, direct-mapped for dense integer keys and hashed otherwise, never a
//!    scan); CASCADE deletes the children, whose own events join the queue.
//! 7. On error the session rolls the statement back from the undo log (cascades included);
//!    outside a block it commits, running what was deferred.
//! 8. `render::psql` prints the result or the error exactly as psql would.

pub mod console;
pub mod engine;
pub mod error;
pub mod exercise;
pub mod interrupt;
pub mod presets;
pub mod psqlcopy;
pub mod psqlscan;
pub mod render;
pub mod repl;
pub mod runner;
pub mod scenario;
pub mod serve;
pub mod sql;
pub mod stopwatch;
pub mod teach;
pub mod tour;
pub mod trace;
pub mod verify;
