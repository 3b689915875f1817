//! The cluster's databases as one session sees them: the one it is connected to (its
//! `Database`) and the others CREATE DATABASE made, which `\connect` switches between.

use std::collections::BTreeMap;

use crate::engine::database::Database;
use crate::error::{Error, Notice, Result};

/// Databases every cluster has, which CREATE DATABASE cannot reuse.
const BUILT_IN: &[&str] = &["postgres", "template0", "template1"];

/// The databases besides the session's own.
#[derive(Debug, Clone, Default)]
pub struct Cluster {
    /// The name of the database the session is connected to.
    pub current: String,
    /// The other databases, by name.
    pub others: BTreeMap<String, Database>,
}

impl Cluster {
    fn exists(&self, name: &str) -> bool {
        name == self.current || self.others.contains_key(name) || BUILT_IN.contains(&name)
    }

    /// CREATE DATABASE: a new, empty database (template0's copy).
    pub fn create(&mut self, name: &str, in_block: bool) -> Result<()> {
        if in_block {
            return Err(Error::new(
                "25001",
                "CREATE DATABASE cannot run inside a transaction block",
            ));
        }
        if self.exists(name) {
            return Err(Error::new("42P04", format!("database \"{name}\" already exists")));
        }
        self.others.insert(name.to_string(), Database::new());
        Ok(())
    }

    /// DROP DATABASE [IF EXISTS].
    pub fn drop(
        &mut self,
        name: &str,
        if_exists: bool,
        in_block: bool,
        notices: &mut Vec<Notice>,
    ) -> Result<()> {
        if in_block {
            return Err(Error::new("25001", "DROP DATABASE cannot run inside a transaction block"));
        }
        if name == self.current {
            return Err(Error::new("55006", "cannot drop the currently open database"));
        }
        if self.others.remove(name).is_none() {
            let msg = format!("database \"{name}\" does not exist");
            if !if_exists {
                return Err(Error::new("3D000", msg));
            }
            notices.push(Notice::notice(format!("{msg}, skipping")));
        }
        Ok(())
    }

    /// ALTER DATABASE name OWNER TO role: the database must exist.
    pub fn check_exists(&self, name: &str) -> Result<()> {
        if self.exists(name) {
            Ok(())
        } else {
            Err(Error::new("3D000", format!("database \"{name}\" does not exist")))
        }
    }

    /// `\connect name`: makes `name` the session's database, putting the current one aside.
    /// Fails for a database the cluster lacks (psql's connection failure).
    pub fn connect(&mut self, name: &str, db: &mut Database) -> Result<()> {
        if name == self.current {
            return Ok(());
        }
        // The built-in databases are there from the start, empty.
        let next = match self.others.remove(name) {
            Some(db) => db,
            None if BUILT_IN.contains(&name) => Database::new(),
            None => return Err(crate::sql::database::connect_failure(name)),
        };
        let previous = std::mem::replace(db, next);
        self.others.insert(std::mem::replace(&mut self.current, name.to_string()), previous);
        Ok(())
    }
}
