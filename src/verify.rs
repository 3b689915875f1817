//! `fksim verify`: runs scripts through psql against a real PostgreSQL and through fksim, and
//! shows where they differ. The only place fksim talks to a server, on the user's request.

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::engine::session::Session;
use crate::runner::run_psql;

/// Where the server is: the standard `PG*` variables, or a connection URL.
#[derive(Debug, Clone)]
pub struct Server {
    /// `--db URL`, if given.
    pub url: Option<String>,
}

impl Server {
    /// The `-d` argument for database `db`: the URL with its database replaced, or the name.
    fn target(&self, db: &str) -> String {
        match &self.url {
            None => db.to_string(),
            Some(url) => {
                let (base, query) = match url.split_once('?') {
                    Some((b, q)) => (b, format!("?{q}")),
                    None => (url.as_str(), String::new()),
                };
                let scheme_end = base.find("://").map_or(0, |i| i + 3);
                let authority_end =
                    base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
                format!("{}/{db}{query}", &base[..authority_end])
            }
        }
    }

    /// Runs one SQL command on the server's maintenance database.
    fn admin(&self, sql: &str) -> Result<(), String> {
        let mut cmd = Command::new("psql");
        cmd.args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql]);
        if let Some(url) = &self.url {
            cmd.args(["-d", url]);
        } else if std::env::var_os("PGDATABASE").is_none() {
            cmd.args(["-d", "postgres"]);
        }
        let out = cmd.output().map_err(|e| format!("cannot run psql: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    }
}

/// What PostgreSQL printed for `script` under `psql -X -a -q`, each script in a fresh database.
pub fn postgres_output(server: &Server, script: &Path, n: usize) -> Result<String, String> {
    let db = format!("fksim_verify_{}_{n}", std::process::id());
    server.admin(&format!("CREATE DATABASE {db}")).map_err(|e| {
        format!("no PostgreSQL server answers ({e}); set PGHOST/PGPORT/PGUSER or pass --db URL")
    })?;
    let result = (|| -> Result<String, String> {
        let input = File::open(script).map_err(|e| format!("{}: {e}", script.display()))?;
        let capture_path = std::env::temp_dir().join(format!("{db}.out"));
        let capture =
            File::create(&capture_path).map_err(|e| format!("{}: {e}", capture_path.display()))?;
        let err = capture.try_clone().map_err(|e| e.to_string())?;
        let status = Command::new("psql")
            .args(["-X", "-a", "-q", "-d", &server.target(&db)])
            .stdin(Stdio::from(input))
            .stdout(Stdio::from(capture))
            .stderr(Stdio::from(err))
            .status()
            .map_err(|e| format!("cannot run psql: {e}"))?;
        let text = std::fs::read(&capture_path).map_err(|e| e.to_string())?;
        let _ = std::fs::remove_file(&capture_path);
        let _ = status;
        Ok(String::from_utf8_lossy(&text).into_owned())
    })();
    let dropped = server.admin(&format!("DROP DATABASE {db}"));
    let text = result?;
    dropped.map_err(|e| format!("could not drop {db}: {e}"))?;
    Ok(text)
}

/// What fksim prints for the same script with `run --psql`.
pub fn fksim_output(script: &str) -> String {
    let mut session = Session::new();
    let mut out = String::new();
    run_psql(&mut session, script, &mut out);
    out
}

/// Verifies one file: None when identical, the unified diff otherwise.
pub fn verify_file(server: &Server, path: &Path, n: usize) -> Result<Option<String>, String> {
    let script = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let script = String::from_utf8_lossy(&script).into_owned();
    let expected = postgres_output(server, path, n)?;
    let actual = fksim_output(&script);
    if expected == actual {
        return Ok(None);
    }
    let name = path.display().to_string();
    let diff = similar::TextDiff::from_lines(&expected, &actual);
    Ok(Some(
        diff.unified_diff()
            .header(&format!("{name} (PostgreSQL)"), &format!("{name} (fksim)"))
            .to_string(),
    ))
}
