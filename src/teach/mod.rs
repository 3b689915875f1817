//! The teaching layer: what fksim says beyond what PostgreSQL prints (diagnoses of 23503,
//! what-if runs), built from the catalog, the data and trace events.

pub mod cause;
pub mod context;
pub mod diagnose;
pub mod existing;
pub mod fkindex;
pub mod parent_row;
pub mod prove;
pub mod referenced;
pub mod repair;
pub mod scan;
pub mod sqltext;
