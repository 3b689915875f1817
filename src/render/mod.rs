//! Renderers: turn results, errors, notices and trace events into text. Pure functions.

pub mod psql;
