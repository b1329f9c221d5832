//! Linking speed on one thread: every text of a JSONL file (`text` field) sketched and added to a
//! [`Linker`] (tokens, shingles, MinHashes, LSH, verification of candidates), timed end to end in the
//! process's CPU time, as `scripts/rensa_speed.py` times the anchor (on a shared machine, wall time also
//! counts the time other work held the core).
//!
//!     cargo run --release -p dateline-link --example speed -- target/bench/copies-train.jsonl [ROUNDS]

use dateline_link::{sketch, Linker};

/// Seconds of CPU time this process has used.
fn cpu_seconds() -> f64 {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `t` is a valid timespec for the call to fill.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } == 0;
    if ok {
        t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
    } else {
        0.0
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_default();
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(15);
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
        let started = cpu_seconds();
        let mut linker = Linker::default();
        links = 0;
        for (id, date, text) in &docs {
            links += linker.add(id, None, date.as_deref(), sketch(text)).len();
        }
        best = best.min(cpu_seconds() - started);
    }
    let mut sketch_best = f64::MAX;
    let mut sizes = (0u64, 0u64, 0u64);
    for _ in 0..rounds {
        let started = cpu_seconds();
        sizes = (0, 0, 0);
        for (_, _, text) in &docs {
            let s = sketch(text);
            sizes.0 += u64::from(s.shingles);
            sizes.1 += u64::from(s.pairs);
            sizes.2 += u64::from(s.terms);
        }
        sketch_best = sketch_best.min(cpu_seconds() - started);
    }
    let mib = docs.iter().map(|d| d.2.len()).sum::<usize>() as f64 / (1024.0 * 1024.0);
    println!(
        "dateline-link: {} documents in {best:.3} CPU s (best of {rounds}): {:.0} docs/s, {:.1} MiB/s, {links} links",
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
