//! Story clustering on ECB+ (`../shared/bench/stories/ecbplus_dev.jsonl.gz`): B-cubed F1 over all topics and
//! over odd and even topics apart (parameters are chosen on the odd ones and checked on the even), with
//! documents in a fixed shuffled order and in id order, settled every 512 documents as an ingest does; for
//! the default parameters and a few around them.
//!
//!     cargo run --release -p dateline-story --example ecb -- ../shared/bench/stories/ecbplus_dev.jsonl.gz

use std::collections::HashMap;
use std::io::Read;

use dateline_story::{Params, Stories};

fn bcubed(gold: &[String], pred: &[u64]) -> f32 {
    let n = gold.len();
    let (mut p, mut r) = (0.0f32, 0.0f32);
    let mut by_g: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_p: HashMap<u64, Vec<usize>> = HashMap::new();
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

fn run(docs: &[&serde_json::Value], params: Params) -> f32 {
    let mut s = Stories::with_params(params);
    for (i, d) in docs.iter().enumerate() {
        let get = |k: &str| d[k].as_str().unwrap_or("");
        s.add(get("id"), get("title"), get("text"), None);
        if (i + 1) % 512 == 0 {
            s.settle();
        }
    }
    s.settle();
    let gold: Vec<String> = docs
        .iter()
        .map(|d| d["story"].as_str().unwrap_or("").to_string())
        .collect();
    let pred: Vec<u64> = docs
        .iter()
        .map(|d| s.story_of(d["id"].as_str().unwrap_or("")).unwrap_or(u64::MAX))
        .collect();
    bcubed(&gold, &pred)
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
    let base = Params::default();
    let mut settings = vec![("default".to_string(), base)];
    for k in [2, 4] {
        settings.push((format!("neighbours {k}"), Params { neighbours: k, ..base }));
    }
    for g in [0.01, 0.04] {
        settings.push((format!("gamma {g}"), Params { gamma: g, ..base }));
    }
    for m in [0.05, 0.15] {
        settings.push((format!("min_link {m}"), Params { min_link: m, ..base }));
    }
    println!("B-cubed F1: all / odd / even topics, shuffled | in id order");
    for (name, params) in settings {
        let mut line = format!("{name:>14}:");
        for docs in [&docs, &sorted] {
            for fold in ["all", "odd", "even"] {
                let part: Vec<&serde_json::Value> = docs
                    .iter()
                    .filter(|d| {
                        let t = d["topic"].as_u64().unwrap_or(0);
                        fold == "all" || (fold == "odd") == (t % 2 == 1)
                    })
                    .collect();
                line.push_str(&format!(" {:.3}", run(&part, params)));
            }
            line.push_str(" |");
        }
        println!("{line}");
    }
}
