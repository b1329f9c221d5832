//! Trains the attribution tagger from PolNeAR (gzipped JSONL: `text` and `quotes` with `content`, `source`
//! and `cue` byte ranges) and writes its weights.
//!
//! ```sh
//! cargo run --release -p dateline-quotes --features train --bin train-quotes -- \
//!     ../shared/bench/quotes/polnear_train.jsonl.gz crates/quotes/model/attribution.bin
//! ```

use std::io::{BufRead, BufReader};
use std::process::ExitCode;

use dateline_quotes::tagger::{train, Example, Label};
use serde_json::Value;

/// Passes over the training data.
const EPOCHS: usize = 6;
/// Rows whose largest weight is below this fraction of the largest overall are dropped.
const PRUNE: f32 = 0.06;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: train-quotes POLNEAR_TRAIN.jsonl.gz MODEL.bin");
        return ExitCode::from(2);
    };
    match run(input, output) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-quotes: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(input: &str, output: &str) -> Result<(), Box<dyn std::error::Error>> {
    let file = std::fs::File::open(input)?;
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut examples = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: Value = serde_json::from_str(&line).map_err(|e| format!("line {}: {e}", n + 1))?;
        let text = doc["text"].as_str().unwrap_or_default().to_string();
        let mut spans = Vec::new();
        for q in doc["quotes"].as_array().map(Vec::as_slice).unwrap_or_default() {
            for (key, label) in [
                ("content", Label::Content),
                ("source", Label::Source),
                ("cue", Label::Cue),
            ] {
                for r in q[key].as_array().map(Vec::as_slice).unwrap_or_default() {
                    let (Some(s), Some(e)) = (r[0].as_u64(), r[1].as_u64()) else {
                        continue;
                    };
                    // PolNeAR offsets count characters: turn them into byte offsets.
                    let byte = |c: u64| text.char_indices().nth(c as usize).map_or(text.len(), |(b, _)| b);
                    spans.push((byte(s), byte(e), label));
                }
            }
        }
        examples.push(Example { text, spans });
    }
    eprintln!("training on {} documents, {EPOCHS} epochs", examples.len());
    let model = train(&examples, EPOCHS, PRUNE);
    let bytes = model.to_bytes();
    std::fs::write(output, &bytes)?;
    eprintln!("wrote {output}: {} bytes", bytes.len());
    Ok(())
}
