//! Every fuzz target over its committed corpus (`fuzz/corpus/<target>/`):
//! the seeds, what `make fuzz` kept as interesting, and the inputs that
//! once crashed a parser. Without libFuzzer and on stable Rust, so a crash
//! found once stays fixed in `make test`.

use std::path::Path;

fn run(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(
        files.len() >= 5,
        "{target}: a corpus of a few inputs at least"
    );
    for file in files {
        let data = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{target} fails on {}", file.display());
    }
}

#[test]
fn the_ics_importer_survives_its_corpus() {
    run("ics_import", app::fuzz::ics_import);
}

#[test]
fn the_meeting_guide_importer_survives_its_corpus() {
    run("meeting_guide", app::fuzz::meeting_guide);
}

#[test]
fn the_rrule_reader_survives_its_corpus() {
    run("rrule", app::fuzz::rrule);
}

#[test]
fn the_event_form_survives_its_corpus() {
    run("event_form", app::fuzz::event_form);
}
