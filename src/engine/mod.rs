//! The in-memory engine: catalog, storage, execution, referential integrity and transactions.

pub mod alter;
pub mod catalog;
pub mod constraints;
pub mod database;
pub mod datetime;
pub mod ddl;
pub mod dense;
pub mod dml;
pub mod exec;
pub mod expr;
pub mod heap;
pub mod json;
pub mod ops;
pub mod plpgsql;
pub mod query;
pub mod ri;
pub mod routines;
pub mod runs;
pub mod session;
pub mod storage;
pub mod stream;
pub mod subquery;
pub mod table;
pub mod triggers;
pub mod types;
pub mod value;
