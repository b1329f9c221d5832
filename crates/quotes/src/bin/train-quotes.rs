//! Trains the attribution tagger from PolNeAR (gzipped JSONL: `text` and `quotes` with `content`, `source`
//! and `cue` character ranges) and writes its weights; with `verify`, trains the quotation verifier on what
//! the stage finds in those texts (cross-validated by document: the regularisation, the floor, and the
//! calibration it prints); with `speed`, times the whole quote stage over the texts on one thread.
//!
//! ```sh
//! cargo run --release -p dateline-quotes --features train --bin train-quotes -- \
//!     ../shared/bench/quotes/polnear_train.jsonl.gz crates/quotes/model/attribution.bin
//! cargo run --release -p dateline-quotes --features train --bin train-quotes -- \
//!     verify ../shared/bench/quotes/polnear_train.jsonl.gz crates/quotes/model/verify.bin
//! cargo run --release -p dateline-quotes --features train --bin train-quotes -- \
//!     speed ../shared/bench/quotes/polnear_dev.jsonl.gz
//! ```

use std::io::{BufRead, BufReader};
use std::process::ExitCode;

use dateline_quotes::tagger::{train, Example, Label};
use dateline_quotes::verify;
use serde_json::Value;

/// Passes over the training data.
const EPOCHS: usize = 10;
/// Rows whose largest weight is below this fraction of the largest overall are dropped.
const PRUNE: f32 = 0.03;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [mode, input] if mode == "speed" => speed(input),
        [mode, input, output] if mode == "verify" => verify(input, output),
        [input, output] => run(input, output),
        _ => {
            eprintln!(
                "usage: train-quotes POLNEAR_TRAIN.jsonl.gz MODEL.bin | train-quotes verify POLNEAR_TRAIN.jsonl.gz \
                 VERIFY.bin | train-quotes speed POLNEAR.jsonl.gz"
            );
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

/// One PolNeAR attribution as byte ranges: its content pieces and its source pieces.
struct Gold {
    content: Vec<(usize, usize)>,
    source: Vec<(usize, usize)>,
}

/// The byte ranges of `doc["quotes"][k][key]`, from PolNeAR's character offsets.
fn ranges(text: &str, q: &Value, key: &str) -> Vec<(usize, usize)> {
    let byte = |c: u64| text.char_indices().nth(c as usize).map_or(text.len(), |(b, _)| b);
    q[key]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .filter_map(|r| Some((byte(r[0].as_u64()?), byte(r[1].as_u64()?))))
        .collect()
}

/// Whether a found quotation is right by the benchmark's cover rule: at least 80% of its non-space
/// characters inside one attribution's content, and its speaker's words overlapping that attribution's source.
fn right(text: &str, q: &dateline_model::Quote, golds: &[Gold]) -> bool {
    let (s, e) = (q.start as usize, q.end as usize);
    let counted: Vec<usize> = text
        .get(s..e)
        .unwrap_or_default()
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, _)| s + i)
        .collect();
    if counted.is_empty() {
        return false;
    }
    golds.iter().any(|g| {
        let inside = counted
            .iter()
            .filter(|&&i| g.content.iter().any(|&(a, b)| a <= i && i < b))
            .count();
        let speaker = q.speaker_mention.as_ref().is_some_and(|m| {
            g.source
                .iter()
                .any(|&(a, b)| (m.start as usize) < b && a < m.end as usize)
        });
        5 * inside >= 4 * counted.len() && speaker
    })
}

/// A verifier example: a quotation's features, and whether it is right.
type Labelled = (Vec<u32>, bool);

/// The verifier's examples of one set of documents, document by document, and how many attributions the
/// documents hold.
fn verifier_examples(input: &str) -> Result<(Vec<Vec<Labelled>>, usize), Error> {
    let mut out = Vec::new();
    let mut attributions = 0;
    for doc in documents(input)? {
        let text = doc["text"].as_str().unwrap_or_default();
        let golds: Vec<Gold> = doc["quotes"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(|q| Gold {
                content: ranges(text, q, "content"),
                source: ranges(text, q, "source"),
            })
            .collect();
        attributions += golds.len();
        let examples = dateline_quotes::candidates(None, text)
            .into_iter()
            .filter(|q| !q.in_title)
            .map(|q| {
                (
                    verify::features(text, &q),
                    right(text, &q, &golds) && !verify::attitude(&q),
                )
            })
            .collect();
        out.push(examples);
    }
    Ok((out, attributions))
}

/// Passes over the examples when training the verifier.
const VERIFY_EPOCHS: usize = 8;
/// Folds of the cross-validation, by document.
const FOLDS: usize = 5;

/// Trains the verifier: chooses the shrinkage by cross-validated log loss, prints the held-out calibration,
/// sets the floor where the held-out F1 (right quotations against all attributions) is highest, then fits
/// on every document and writes the weights.
fn verify(input: &str, output: &str) -> Result<(), Error> {
    let (docs, attributions) = verifier_examples(input)?;
    let total: usize = docs.iter().map(Vec::len).sum();
    eprintln!(
        "{} documents, {attributions} attributions, {total} quotations found",
        docs.len()
    );
    // The best shrinkage so far: its value, its held-out log loss, and its held-out (probability, right).
    type Trial = (f32, f64, Vec<(f32, bool)>);
    let mut best: Option<Trial> = None;
    for l2 in [0.0_f32, 1e-5, 1e-4, 1e-3] {
        let mut held = Vec::new();
        for fold in 0..FOLDS {
            let train_set: Vec<Labelled> = docs
                .iter()
                .enumerate()
                .filter(|(k, _)| k % FOLDS != fold)
                .flat_map(|(_, d)| d.iter().cloned())
                .collect();
            let v = verify::train(&train_set, VERIFY_EPOCHS, l2);
            for (_, d) in docs.iter().enumerate().filter(|(k, _)| k % FOLDS == fold) {
                held.extend(d.iter().map(|(f, r)| (v.probability(f), *r)));
            }
        }
        let loss = held
            .iter()
            .map(|&(p, r)| -f64::from(if r { p } else { 1.0 - p }).max(1e-9).ln())
            .sum::<f64>()
            / held.len().max(1) as f64;
        eprintln!("l2 {l2:e}: held-out log loss {loss:.4}");
        if best.as_ref().is_none_or(|b| loss < b.1) {
            best = Some((l2, loss, held));
        }
    }
    let Some((l2, _, held)) = best else {
        return Err("no examples".into());
    };
    eprintln!("held-out calibration (l2 {l2:e}): band, quotations, mean probability, right");
    for band in 0..10 {
        let (lo, hi) = (
            band as f32 / 10.0,
            (band + 1) as f32 / 10.0 + if band == 9 { 0.01 } else { 0.0 },
        );
        let inside: Vec<&(f32, bool)> = held.iter().filter(|(p, _)| *p >= lo && *p < hi).collect();
        if !inside.is_empty() {
            let mean = inside.iter().map(|(p, _)| f64::from(*p)).sum::<f64>() / inside.len() as f64;
            let share = inside.iter().filter(|(_, r)| *r).count() as f64 / inside.len() as f64;
            eprintln!(
                "  [{lo:.1}, {:.1})  {:6}  {mean:.3}  {share:.3}",
                hi.min(1.0),
                inside.len()
            );
        }
    }
    let mut floor = 0.0_f32;
    let mut best_f1 = 0.0_f64;
    for step in 0..=60 {
        let t = step as f32 / 100.0;
        let kept = held.iter().filter(|(p, _)| *p >= t).count() as f64;
        let right = held.iter().filter(|(p, r)| *p >= t && *r).count() as f64;
        let (p, r) = (right / kept.max(1.0), right / attributions.max(1) as f64);
        let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        if f1 > best_f1 + 1e-9 {
            best_f1 = f1;
            floor = t;
        }
    }
    eprintln!("floor {floor:.2}: held-out F1 {best_f1:.4} (right quotations against attributions)");
    let all: Vec<Labelled> = docs.into_iter().flatten().collect();
    let mut v = verify::train(&all, VERIFY_EPOCHS, l2);
    v.floor = floor;
    let bytes = v.to_bytes();
    std::fs::write(output, &bytes)?;
    eprintln!("wrote {output}: {} bytes", bytes.len());
    Ok(())
}
