//! fksim: a foreign-key behaviour simulator that behaves like PostgreSQL 15 and shows its work.

pub mod engine;
pub mod error;
pub mod psqlscan;
pub mod render;
pub mod runner;
pub mod sql;
pub mod trace;
