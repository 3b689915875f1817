//! Renderers: turn results, errors, notices and trace events into text. Pure functions.

pub mod deparse;
pub mod describe;
pub mod psql;
