//! End-to-end tests of the analyst's commands over a store: the search index stays in step with the store
//! whatever stops an ingest, and an export gives back every article.

mod common;

use std::io::Write;
use std::process::Stdio;
use std::time::Duration;

use common::{bin, records, run};

/// Issue 21: `kill -9` during an ingest loses no committed article, and the next command that searches
/// brings the index back in step by itself.
#[test]
fn a_killed_ingest_leaves_an_index_the_next_search_catches_up() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&input).unwrap());
    for i in 0..20_000 {
        writeln!(
            f,
            r#"{{"id": "n{i}", "title": "Harbour report {i}", "text": "The harbour master of port {i} said on Monday that storm number {i} closed the quay for {i} hours. Ferries to the islands were cancelled and fishermen kept their boats in port."}}"#
        )
        .unwrap();
    }
    drop(f);
    let db = dir.path().join("db");
    let (input, db) = (input.to_str().unwrap(), db.to_str().unwrap());
    let mut child = bin()
        .args(["ingest", input, "--db", db, "-q"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let _ = child.kill();
    let _ = child.wait();
    let stats = run(&["stats", "--db", db, "--json"]);
    let stored: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    let stored = stored["articles"].as_u64().unwrap();
    assert!(stored > 0, "nothing committed before the kill");
    // The search sees every committed article, and an export gives each back.
    let out = run(&["search", "harbour", "--db", db, "--limit", "1"]);
    let first = String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_string();
    assert_eq!(first, format!("{stored} articles"));
    let out = run(&["export", "--db", db]);
    assert_eq!(records(&out.stdout).len() as u64, stored);
    // An ingest of the rest completes the store and the index; a re-ingest changes nothing.
    for _ in 0..2 {
        let out = run(&["ingest", input, "--db", db, "-q"]);
        assert_eq!(out.status.code(), Some(0));
        let out = run(&["search", "\"storm number 19999\"", "--db", db, "--format", "jsonl"]);
        assert_eq!(records(&out.stdout).len(), 1);
        let out = run(&["search", "", "--db", db, "--limit", "1"]);
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("20000 articles"));
    }
    let out = run(&["export", "--db", db, "--format", "csv", "--from", "2000-01-01"]);
    assert_eq!(out.status.code(), Some(4), "no article is dated");
}
