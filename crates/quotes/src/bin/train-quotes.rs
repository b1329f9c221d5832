//! Trains the attribution tagger from PolNeAR (gzipped JSONL: `text` and `quotes` with `content`, `source`
//! and `cue` character ranges) and writes its weights; with `speed`, times the whole quote stage over the
//! texts of such a file on one thread instead.
//!
//! ```sh
//! cargo run --release -p dateline-quotes --features train --bin train-quotes -- \
//!     ../shared/bench/quotes/polnear_train.jsonl.gz crates/quotes/model/attribution.bin
//! cargo run --release -p dateline-quotes --features train --bin train-quotes -- \
//!     speed ../shared/bench/quotes/polnear_dev.jsonl.gz
//! ```

use std::io::{BufRead, BufReader};
use std::process::ExitCode;

use dateline_quotes::tagger::{train, Example, Label};
use serde_json::Value;

/// Passes over the training data.
const EPOCHS: usize = 10;
/// Rows whose largest weight is below this fraction of the largest overall are dropped.
const PRUNE: f32 = 0.03;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [mode, input] if mode == "speed" => speed(input),
        [input, output] => run(input, output),
        _ => {
            eprintln!("usage: train-quotes POLNEAR_TRAIN.jsonl.gz MODEL.bin | train-quotes speed POLNEAR.jsonl.gz");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-quotes: {e}");
            ExitCode::FAILURE
        }
    }
}

type Error = Box<dyn std::error::Error>;

/// The documents of a gzipped JSONL file.
fn documents(input: &str) -> Result<Vec<Value>, Error> {
    let file = std::fs::File::open(input)?;
    let reader = BufReader::new(flate2::read::GzDecoder::new(file));
    let mut docs = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        if !line.trim().is_empty() {
            docs.push(serde_json::from_str(&line).map_err(|e| format!("line {}: {e}", n + 1))?);
        }
    }
    Ok(docs)
}

/// Times `dateline_quotes::extract` over every text (best of three passes, one thread).
fn speed(input: &str) -> Result<(), Error> {
    let texts: Vec<String> = documents(input)?
        .iter()
        .map(|d| d["text"].as_str().unwrap_or_default().to_string())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut quotes = 0;
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let started = std::time::Instant::now();
        quotes = texts
            .iter()
            .map(|t| dateline_quotes::extract(None, t).len())
            .sum::<usize>();
        best = best.min(started.elapsed().as_secs_f64());
    }
    let mib = bytes as f64 / (1024.0 * 1024.0);
    println!(
        "quote stage: {} texts, {mib:.2} MiB, {quotes} quotes in {best:.3} s on one thread: {:.2} MiB/s",
        texts.len(),
        mib / best
    );
    Ok(())
}

fn run(input: &str, output: &str) -> Result<(), Error> {
    let mut examples = Vec::new();
    for doc in documents(input)? {
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
