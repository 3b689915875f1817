//! The in-memory engine: catalog, storage, execution, referential integrity and transactions.

pub mod ops;
pub mod types;
pub mod value;
