//! The Supabase preset: the article's SQL runs unchanged on top of it, and the columns whose
//! defaults are not deterministic (`gen_random_uuid()`, `now()`) fill in.

use fksim::engine::session::Session;
use fksim::presets;
use fksim::runner::run_psql;

fn run(session: &mut Session, sql: &str) -> String {
    let mut out = String::new();
    run_psql(session, sql, &mut out);
    out
}

#[test]
fn supabase_profiles_trigger_fix_runs_unchanged() {
    let mut s = Session::new();
    assert!(presets::apply(&mut s, "supabase").is_ok());
    let out = run(
        &mut s,
        "create table public.profiles (id uuid not null references auth.users on delete cascade, first_name text, primary key (id));\n\
         create function public.handle_new_user() returns trigger language plpgsql security definer set search_path = ''\n\
         as $$\nbegin\n  insert into public.profiles (id, first_name)\n  values (new.id, new.raw_user_meta_data ->> 'first_name');\n  return new;\nend;\n$$;\n\
         create trigger on_auth_user_created after insert on auth.users for each row execute procedure public.handle_new_user();\n\
         insert into auth.users (email, raw_user_meta_data) values ('grace@example.com', '{\"first_name\": \"Grace\"}');\n\
         select count(*) from public.profiles p join auth.users u on u.id = p.id where p.first_name = 'Grace' and u.created_at is not null;\n\
         delete from auth.users;\n\
         select count(*) from public.profiles;\n",
    );
    assert!(!out.contains("ERROR"), "{out}");
    assert!(out.contains(" count \n-------\n     1\n(1 row)\n"), "{out}");
    assert!(out.ends_with(" count \n-------\n     0\n(1 row)\n\n"), "{out}");
}

#[test]
fn unknown_presets_are_refused_by_name() {
    let mut s = Session::new();
    let err = presets::apply(&mut s, "firebase").err().map(|e| e.message.clone());
    assert_eq!(err.as_deref(), Some("unknown preset \"firebase\""));
}

#[test]
fn generated_ids_differ() {
    let mut s = Session::new();
    assert!(presets::apply(&mut s, "supabase").is_ok());
    let out = run(
        &mut s,
        "insert into auth.users (email) values ('a'), ('b');\nselect count(distinct id) from auth.users;\n",
    );
    assert!(out.contains("     2\n"), "{out}");
}

#[test]
fn the_supabase_preset_is_checked_against_postgresql() {
    // Conformance cases that begin like the preset replay it on both sides (then a project on
    // top of it): each must begin with exactly the preset's SQL.
    let preset = presets::PRESETS.iter().find(|(n, _)| *n == "supabase").map(|(_, sql)| *sql);
    let Some(preset) = preset else { panic!("no supabase preset") };
    let first_line = preset.lines().next().unwrap_or_default();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut cases = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        if entry.path().extension().is_some_and(|e| e == "sql") && text.starts_with(first_line) {
            assert!(text.starts_with(preset), "{} drifted from the preset", entry.path().display());
            cases += 1;
        }
    }
    assert!(cases >= 2, "the cases replaying the preset are gone");
}

#[test]
fn the_supabase_preset_signs_users_in_through_jwt_claims() {
    let mut s = Session::new();
    assert!(presets::apply(&mut s, "supabase").is_ok());
    let out = run(
        &mut s,
        "begin;\nset local role authenticated;\n\
         select set_config('request.jwt.claims', '{\"sub\": \"11111111-1111-4111-8111-111111111111\", \"role\": \"authenticated\"}', true);\n\
         select auth.uid() = '11111111-1111-4111-8111-111111111111' as signed_in, auth.role(), current_user;\n\
         rollback;\nselect auth.uid() is null as signed_out, current_user;\n",
    );
    assert!(out.contains(" t         | authenticated | authenticated\n"), "{out}");
    assert!(out.contains(" t          | postgres\n"), "{out}");
}
