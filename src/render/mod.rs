//! Renderers: turn results, errors, notices and trace events into text. Pure functions.

pub mod access;
pub mod datatypes;
pub mod deparse;
pub mod describe;
pub mod expanded;
pub mod explain;
pub mod functions;
pub mod graph;
pub mod index_desc;
pub mod partition;
pub mod partition_constraint;
pub mod psql;
pub mod ruledef;
pub mod svg;
pub mod teach;
pub mod trace;
pub mod viewdef;
