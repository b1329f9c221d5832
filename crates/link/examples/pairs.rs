//! Prints, for each family of a copies corpus (`scripts/make_copies.py`), how the spun copy's sketch
//! compares with its base (anchor-pair containment, content-word Jaccard), and the same for the base and
//! the most similar base of another family: what the rewrite thresholds separate.
//!
//!     cargo run --release -p dateline-link --example pairs -- target/bench/copies-train.jsonl

use std::collections::HashMap;

use dateline_link::{containment, jaccard, sketch, Sketch};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut fam: HashMap<String, HashMap<String, Sketch>> = HashMap::new();
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let get = |k: &str| v[k].as_str().unwrap_or("").to_string();
        fam.entry(get("family"))
            .or_default()
            .insert(get("kind"), sketch(&get("text")));
    }
    let bases: Vec<(&String, &Sketch)> = fam.iter().filter_map(|(f, m)| m.get("base").map(|b| (f, b))).collect();
    let stats = |a: &Sketch, b: &Sketch| {
        let ca = containment(jaccard(&a.anchors, &b.anchors), a.pairs, b.pairs);
        let jt = jaccard(&a.content, &b.content);
        (ca, jt, a.pairs.min(b.pairs))
    };
    for (f, m) in &fam {
        let (Some(b), Some(s)) = (m.get("base"), m.get("spun")) else {
            continue;
        };
        let (ca, jt, p) = stats(b, s);
        // The nearest other base by the same score.
        let other = bases
            .iter()
            .filter(|(g, _)| *g != f)
            .map(|(_, o)| stats(s, o))
            .max_by(|x, y| (x.0 + x.1).total_cmp(&(y.0 + y.1)))
            .unwrap_or((0.0, 0.0, 0));
        println!(
            "spun {ca:.3} {jt:.3} {p}  other {:.3} {:.3} {}",
            other.0, other.1, other.2
        );
    }
}
