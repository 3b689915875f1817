//! The in-memory engine: catalog, storage, execution, referential integrity and transactions.

pub mod alter;
pub mod catalog;
pub mod constraints;
pub mod database;
pub mod ddl;
pub mod dense;
pub mod dml;
pub mod datetime;
pub mod exec;
pub mod heap;
pub mod expr;
pub mod json;
pub mod ops;
pub mod query;
pub mod plpgsql;
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
