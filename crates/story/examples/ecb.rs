//! Story clustering on ECB+ (`../shared/bench/stories/ecbplus_dev.jsonl.gz`): B-cubed F1 per join threshold,
//! over all topics and over odd and even topics apart (the two folds thresholds are chosen on), documents in
//! a fixed shuffled order.
//!
//!     cargo run --release -p dateline-story --example ecb -- ../shared/bench/stories/ecbplus_dev.jsonl.gz

use std::collections::HashMap;
use std::io::Read;

fn bcubed(gold: &[String], pred: &[usize]) -> f32 {
    let n = gold.len();
    let (mut p, mut r) = (0.0f32, 0.0f32);
    let mut by_g: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_p: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        by_g.entry(&gold[i]).or_default().push(i);
        by_p.entry(pred[i]).or_default().push(i);
    }
    for i in 0..n {
        let pg = &by_p[&pred[i]];
        let gg = &by_g[gold[i].as_str()];
        let both = pg.iter().filter(|&&j| gold[j] == gold[i]).count() as f32;
        p += both / pg.len() as f32;
        r += both / gg.len() as f32;
    }
    let (p, r) = (p / n as f32, r / n as f32);
    2.0 * p * r / (p + r)
}

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let mut raw = String::new();
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut raw)
        .unwrap_or_default();
    let mut docs: Vec<serde_json::Value> = raw.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    // A fixed shuffle: stories arrive interleaved, as news does.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for i in (1..docs.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        docs.swap(i, (state % (i as u64 + 1)) as usize);
    }
    let sorted: Vec<serde_json::Value> = {
        let mut v = docs.clone();
        v.sort_by_key(|d| d["id"].as_str().unwrap_or("").to_string());
        v
    };
    for (order, docs) in [("shuffled", &docs), ("by id", &sorted)] {
        println!("{order}:");
        for fold in ["all", "odd", "even"] {
            let part: Vec<&serde_json::Value> = docs
                .iter()
                .filter(|d| {
                    let t = d["topic"].as_u64().unwrap_or(0);
                    fold == "all" || (fold == "odd") == (t % 2 == 1)
                })
                .collect();
            let gold: Vec<String> = part
                .iter()
                .map(|d| d["story"].as_str().unwrap_or("").to_string())
                .collect();
            let mut line = format!("{fold:>4} ({} docs):", part.len());
            for join in [0.1f32, 0.15, 0.2, 0.25, 0.3, 0.35] {
                let mut s = dateline_story::Stories::with_join(join);
                let pred: Vec<usize> = part
                    .iter()
                    .map(|d| {
                        s.add(
                            d["title"].as_str().unwrap_or(""),
                            d["text"].as_str().unwrap_or(""),
                            None,
                        )
                    })
                    .collect();
                line.push_str(&format!("  {join:.2}→{:.3}", bcubed(&gold, &pred)));
            }
            println!("{line}");
        }
    }
}
