//! The fksim command line.

fn main() {}
