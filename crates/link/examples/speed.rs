//! Linking speed on one thread: every text of a JSONL file (`text` field) sketched and added to a
//! [`Linker`] (tokens, shingles, MinHashes, LSH, verification of candidates), timed end to end.
//!
//!     cargo run --release -p dateline-link --example speed -- target/bench/copies-train.jsonl [ROUNDS]

use std::time::Instant;

use dateline_link::{sketch, Linker};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_default();
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let docs: Vec<(String, Option<String>, String)> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let get = |k: &str| v[k].as_str().unwrap_or("").to_string();
            (get("id"), Some(get("date")), get("text"))
        })
        .collect();
    let mut best = f64::MAX;
    let mut links = 0;
    for _ in 0..rounds {
        let started = Instant::now();
        let mut linker = Linker::default();
        links = 0;
        for (id, date, text) in &docs {
            links += linker.add(id, None, date.as_deref(), sketch(text)).len();
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    let mut sketch_best = f64::MAX;
    let mut sizes = (0u64, 0u64, 0u64);
    for _ in 0..rounds {
        let started = Instant::now();
        sizes = (0, 0, 0);
        for (_, _, text) in &docs {
            let s = sketch(text);
            sizes.0 += u64::from(s.shingles);
            sizes.1 += u64::from(s.pairs);
            sizes.2 += u64::from(s.terms);
        }
        sketch_best = sketch_best.min(started.elapsed().as_secs_f64());
    }
    let mib = docs.iter().map(|d| d.2.len()).sum::<usize>() as f64 / (1024.0 * 1024.0);
    println!(
        "dateline-link: {} documents in {best:.3} s (best of {rounds}): {:.0} docs/s, {:.1} MiB/s, {links} links",
        docs.len(),
        docs.len() as f64 / best,
        mib / best
    );
    let n = docs.len().max(1) as u64;
    println!(
        "  of which sketching: {sketch_best:.3} s ({:.0} docs/s); per document {} shingles, {} anchor pairs, {} content words",
        docs.len() as f64 / sketch_best,
        sizes.0 / n,
        sizes.1 / n,
        sizes.2 / n
    );
}
