//! Workshop exercises: the files, their goal, hints and sections (the checker is in `checker`).
//!
//! An exercise file is SQL with headed sections: `-- title:`, `-- goal:` and `-- hint:` lines,
//! then `--- setup` (the starting state), `--- check` (statements with `-- expect:`
//! annotations, run after the learner's SQL on rows the learner never saw; the comment
//! heading a group of statements names the check when one fails), `--- solution` (the
//! natural answer), any number of `--- alternative` (other valid answers, which must pass
//! too), `--- wrong` (tempting wrong answers) and `--- data-only` (patching today's rows
//! instead of the rule), which must fail. `fksim check` and the tests run them all.

mod checker;

pub use checker::{check, check_file, start, verdict};

/// The exercises, compiled in so they work from anywhere.
pub const FILES: &[(&str, &str)] = &[
    ("01_seed_order", include_str!("../../scenarios/exercises/01_seed_order.sql")),
    ("02_keep_the_audit_log", include_str!("../../scenarios/exercises/02_keep_the_audit_log.sql")),
    ("03_keep_posts", include_str!("../../scenarios/exercises/03_keep_posts.sql")),
    ("04_mutual_references", include_str!("../../scenarios/exercises/04_mutual_references.sql")),
    (
        "05_orphans_block_validate",
        include_str!("../../scenarios/exercises/05_orphans_block_validate.sql"),
    ),
    ("06_profiles_on_signup", include_str!("../../scenarios/exercises/06_profiles_on_signup.sql")),
    ("07_unassigned_team", include_str!("../../scenarios/exercises/07_unassigned_team.sql")),
    ("08_tenant_keeps_posts", include_str!("../../scenarios/exercises/08_tenant_keeps_posts.sql")),
];

/// One exercise, read from its file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Exercise {
    /// Its file stem.
    pub id: String,
    /// Title.
    pub title: String,
    /// The goal, as paragraphs of text.
    pub goal: String,
    /// Hints, to reveal one at a time.
    pub hints: Vec<String>,
    /// The starting state.
    pub setup: String,
    /// The checker's expectations.
    pub check: String,
    /// The natural solution.
    pub solution: String,
    /// Other valid solutions (another constraint name, another mechanism).
    pub alternatives: Vec<String>,
    /// Tempting wrong answers.
    pub wrong: Vec<String>,
    /// Answers that patch today's rows instead of changing the rule.
    pub data_only: Vec<String>,
    /// Each section's name and the (1-based) line of its `---` heading, in file order.
    pub sections: Vec<(String, usize)>,
}

/// The sections an exercise file may have.
const SECTIONS: &[&str] = &["setup", "check", "solution", "alternative", "wrong", "data-only"];

/// True when a file is an exercise (it has a `--- setup` section), not a scenario.
pub fn is_exercise_file(text: &str) -> bool {
    text.lines().any(|l| l.trim_end() == "--- setup")
}

/// Parses an exercise file; an unknown section or a missing part is an error.
pub fn parse(id: &str, text: &str) -> Result<Exercise, String> {
    let mut ex = Exercise { id: id.into(), ..Default::default() };
    // The section being read and its text so far, filed when the next heading (or the end)
    // comes.
    let mut open: Option<(String, String)> = None;
    for (i, line) in text.lines().enumerate() {
        if let Some(name) = line.strip_prefix("--- ") {
            let name = name.trim();
            if !SECTIONS.contains(&name) {
                return Err(format!(
                    "line {}: unknown section `--- {name}` (the sections are {})",
                    i + 1,
                    SECTIONS.join(", ")
                ));
            }
            if let Some(done) = open.replace((name.to_string(), String::new())) {
                ex.file_section(done);
            }
            ex.sections.push((name.to_string(), i + 1));
            continue;
        }
        match &mut open {
            Some((_, body)) => {
                body.push_str(line);
                body.push('\n');
            }
            None => {
                if let Some(t) = line.strip_prefix("-- title:") {
                    ex.title = t.trim().into();
                } else if let Some(g) = line.strip_prefix("-- goal:") {
                    ex.goal.push_str(g.trim());
                    ex.goal.push('\n');
                } else if let Some(h) = line.strip_prefix("-- hint:") {
                    ex.hints.push(h.trim().into());
                }
            }
        }
    }
    if let Some(done) = open {
        ex.file_section(done);
    }
    let missing: Vec<&str> = [
        ("-- title:", ex.title.is_empty()),
        ("-- goal:", ex.goal.is_empty()),
        ("--- check", ex.check.trim().is_empty()),
        ("--- solution", ex.solution.trim().is_empty()),
    ]
    .into_iter()
    .filter_map(|(part, empty)| empty.then_some(part))
    .collect();
    if !missing.is_empty() {
        return Err(format!("the exercise lacks {}", missing.join(", ")));
    }
    Ok(ex)
}

impl Exercise {
    /// Files a section's text under its name.
    fn file_section(&mut self, (name, body): (String, String)) {
        match name.as_str() {
            "setup" => self.setup.push_str(&body),
            "check" => self.check.push_str(&body),
            "solution" => self.solution.push_str(&body),
            "alternative" => self.alternatives.push(body),
            "wrong" => self.wrong.push(body),
            _ => self.data_only.push(body),
        }
    }
}

/// The line of the `n`-th (0-based) heading of section `name`, 0 when there is none.
pub fn section_line(ex: &Exercise, name: &str, n: usize) -> usize {
    ex.sections.iter().filter(|(s, _)| s == name).nth(n).map_or(0, |(_, l)| *l)
}

/// All exercises in order.
pub fn all() -> Vec<Exercise> {
    FILES.iter().filter_map(|(id, text)| parse(id, text).ok()).collect()
}

/// Exercise `n` (1-based).
pub fn get(n: usize) -> Option<Exercise> {
    FILES.get(n.checked_sub(1)?).and_then(|(id, text)| parse(id, text).ok())
}
