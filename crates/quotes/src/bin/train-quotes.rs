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
/// How far below the best held-out F1 on PolNeAR the verifier's floor may be set to keep more (a tenth
/// of that figure's noise).
const FLOOR_TOLERANCE: f64 = 0.001;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [mode, input] if mode == "speed" => speed(input),
        [mode, input, output] if mode == "verify" => verify(input, output, None),
        [mode, input, output, flag, records, judged] if mode == "verify" && flag == "--real" => {
            verify(input, output, Some((records, judged)))
        }
        [input, output] => run(input, output),
        _ => {
            eprintln!(
                "usage: train-quotes POLNEAR_TRAIN.jsonl.gz MODEL.bin | train-quotes verify POLNEAR_TRAIN.jsonl.gz \
                 VERIFY.bin [--real RECORDS.jsonl JUDGMENTS.txt] | train-quotes speed POLNEAR.jsonl.gz"
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
    // The entity stage runs before the quote stage in the pipeline, which reads its findings: not timed here.
    let entities: Vec<_> = texts.iter().map(|t| dateline_entities::entities(None, t)).collect();
    let mut quotes = 0;
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let started = std::time::Instant::now();
        quotes = texts
            .iter()
            .zip(&entities)
            .map(|(t, e)| dateline_quotes::extract_with(None, t, e).len())
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
                spans.extend(ranges(&text, q, key).into_iter().map(|(s, e)| (s, e, label)));
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

/// The byte ranges of `doc["quotes"][k][key]`: PolNeAR's offsets count characters.
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
        let entities = dateline_entities::entities(None, text);
        let examples = dateline_quotes::candidates_with(None, text, &entities)
            .into_iter()
            .filter(|q| !q.in_title)
            .map(|q| {
                (
                    verify::features(text, &q, &entities),
                    right(text, &q, &golds) && !verify::not_a_statement(&q),
                )
            })
            .collect();
        out.push(examples);
    }
    Ok((out, attributions))
}

/// Letters and digits only, in lower case: how judgments name quotations (`bench/real/train-judgments.txt`).
fn folded(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words that do not tell names apart.
const STOP: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "at", "for", "and", "to", "by", "with", "from", "as", "s",
];

/// The words of `s` in lower case, without [`STOP`] words.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// Whether a quotation's speaker is the judged one, by `scripts/score_real.py`'s rule: the same last word
/// of the name (as resolved, else as written); for an unnamed speaker (`~words`), a word shared with the
/// mention, and no name resolved that neither the mention nor the judgment holds.
fn speaker_right(gold: &str, q: &dateline_model::Quote) -> bool {
    let mention = q.speaker_mention.as_ref().map(|m| m.text.as_str()).unwrap_or("");
    let said = q.speaker.as_deref().unwrap_or("");
    let content = |s: &str| -> std::collections::HashSet<String> {
        words(s)
            .into_iter()
            .filter(|w| w.chars().count() > 1)
            .map(|w| w.strip_suffix('s').map(str::to_string).unwrap_or(w))
            .collect()
    };
    if let Some(described) = gold.strip_prefix('~') {
        let allowed = content(described);
        let resolved = content(said);
        if !said.is_empty() && !resolved.is_subset(&content(mention)) && !resolved.is_subset(&allowed) {
            return false;
        }
        return !content(mention).is_disjoint(&allowed);
    }
    let name = if said.is_empty() { mention } else { said };
    !name.is_empty() && words(name).last() == words(gold).last()
}

/// One judgment: the folded first words of a quotation, whether it is a statement, and its speaker.
type Judgment = (String, bool, String);

/// The judgments of `bench/real/train-judgments.txt`, page by page (`t00`, …).
fn judgments(path: &str) -> Result<std::collections::HashMap<String, Vec<Judgment>>, Error> {
    let mut pages: std::collections::HashMap<String, Vec<Judgment>> = std::collections::HashMap::new();
    let mut page = String::new();
    for line in std::fs::read_to_string(path)?.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix("= ") {
            page = name.trim().to_string();
            continue;
        }
        let Some((first, verdict)) = line.rsplit_once(" | ") else {
            return Err(format!("{path}: cannot read {line:?}").into());
        };
        let (ok, speaker) = verdict.split_once(' ').unwrap_or((verdict, ""));
        pages
            .entry(page.clone())
            .or_default()
            .push((folded(first), ok == "Y", speaker.trim().to_string()));
    }
    Ok(pages)
}

/// The verifier's examples from real pages, page by page: the pages' records (`dateline extract` JSONL), each
/// quotation found matched to its judgment by its first words (those no judgment names are left out). Page
/// `tNN` of the judgments is line `NN` of `train-pages.jsonl` beside them, which names the page's file.
fn real_examples(records: &str, judged: &str) -> Result<Vec<Vec<Labelled>>, Error> {
    let pages_file = std::path::Path::new(judged).with_file_name("train-pages.jsonl");
    let mut page_of: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for (n, line) in std::fs::read_to_string(&pages_file)?.lines().enumerate() {
        let page: Value = serde_json::from_str(line)?;
        page_of.insert(
            page["file"].as_str().unwrap_or_default().to_string(),
            format!("t{n:02}"),
        );
    }
    let judged = judgments(judged)?;
    let mut pages = Vec::new();
    for line in std::fs::read_to_string(records)?
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let rec: Value = serde_json::from_str(line)?;
        let file = rec["input"]
            .as_str()
            .unwrap_or_default()
            .rsplit('/')
            .next()
            .unwrap_or_default();
        let Some(marks) = page_of.get(file).and_then(|page| judged.get(page)) else {
            continue;
        };
        let text = rec["text"].as_str().unwrap_or_default();
        let entities = dateline_entities::entities(rec["title"].as_str(), text);
        let examples: Vec<Labelled> = dateline_quotes::candidates_with(rec["title"].as_str(), text, &entities)
            .into_iter()
            .filter(|q| !q.in_title)
            .filter_map(|q| {
                let key = folded(&q.text);
                let (_, statement, speaker) = marks.iter().find(|(first, _, _)| {
                    let n = first.chars().count().saturating_sub(2).max(8);
                    !first.is_empty() && key.starts_with(&first.chars().take(n).collect::<String>())
                })?;
                Some((
                    verify::features(text, &q, &entities),
                    *statement && speaker_right(speaker, &q),
                ))
            })
            .collect();
        pages.push(examples);
    }
    Ok(pages)
}

/// Passes over the examples when training the verifier.
const VERIFY_EPOCHS: usize = 8;
/// Folds of the cross-validation, by document.
const FOLDS: usize = 5;
/// How many times each real-page example counts against one of PolNeAR's.
const REAL_WEIGHT: usize = 5;

/// One held-out prediction: the score, whether it was right, and whether it comes from a real page.
type Held = (f32, bool, bool);

/// The examples of every fold but `fold` (real pages `REAL_WEIGHT` times), for training.
fn training_set(docs: &[Vec<Labelled>], real: &[Vec<Labelled>], fold: Option<usize>) -> Vec<Labelled> {
    let keep = |k: usize| fold.is_none_or(|f| k % FOLDS != f);
    let mut out: Vec<Labelled> = docs
        .iter()
        .enumerate()
        .filter(|(k, _)| keep(*k))
        .flat_map(|(_, d)| d.iter().cloned())
        .collect();
    for _ in 0..REAL_WEIGHT {
        out.extend(
            real.iter()
                .enumerate()
                .filter(|(k, _)| keep(*k))
                .flat_map(|(_, d)| d.iter().cloned()),
        );
    }
    out
}

/// The area under the ROC curve of (score, right) pairs: how often a right one outranks a wrong one.
fn auc(pairs: &[(f32, bool)]) -> f64 {
    let mut sorted: Vec<&(f32, bool)> = pairs.iter().collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut wrong_below, mut sum) = (0.0_f64, 0.0_f64);
    for (_, right) in sorted {
        if *right {
            sum += wrong_below;
        } else {
            wrong_below += 1.0;
        }
    }
    let rights = pairs.iter().filter(|p| p.1).count() as f64;
    sum / (rights * wrong_below).max(1.0)
}

/// Prints the calibration of (probability, right) pairs in bands of a tenth.
fn print_calibration(pairs: &[(f32, bool)]) {
    eprintln!("  band        n    mean    right");
    for band in 0..10 {
        let (lo, hi) = (
            band as f32 / 10.0,
            (band + 1) as f32 / 10.0 + if band == 9 { 0.01 } else { 0.0 },
        );
        let inside: Vec<&(f32, bool)> = pairs.iter().filter(|(p, _)| *p >= lo && *p < hi).collect();
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
}

/// Trains the verifier: chooses the shrinkage by cross-validated log loss (PolNeAR by document, real pages
/// by page, in the same folds), fits the Platt rescaling on the real pages' held-out scores, prints the
/// held-out calibration (each fold rescaled by the other folds' fit), sets the floor at the lowest level whose
/// held-out F1 on PolNeAR (right quotations against all attributions) is within [`FLOOR_TOLERANCE`] of the
/// highest, then fits on everything and writes it.
fn verify(input: &str, output: &str, real: Option<(&str, &str)>) -> Result<(), Error> {
    let (docs, attributions) = verifier_examples(input)?;
    let real = match real {
        Some((records, judged)) => real_examples(records, judged)?,
        None => Vec::new(),
    };
    let total: usize = docs.iter().map(Vec::len).sum();
    let judged: usize = real.iter().map(Vec::len).sum();
    eprintln!(
        "{} documents, {attributions} attributions, {total} quotations found; {} real pages, {judged} judged",
        docs.len(),
        real.len()
    );
    // The best shrinkage so far, its held-out log loss, and its held-out predictions by fold.
    type Trial = (f32, f64, Vec<Vec<Held>>);
    let mut best: Option<Trial> = None;
    for l2 in [0.0_f32, 1e-4, 1e-3] {
        let mut held: Vec<Vec<Held>> = Vec::new();
        for fold in 0..FOLDS {
            let v = verify::train(&training_set(&docs, &real, Some(fold)), VERIFY_EPOCHS, l2);
            let mut here = Vec::new();
            for (set, is_real) in [(&docs, false), (&real, true)] {
                for (_, d) in set.iter().enumerate().filter(|(k, _)| k % FOLDS == fold) {
                    here.extend(d.iter().map(|(f, r)| (v.score(f), *r, is_real)));
                }
            }
            held.push(here);
        }
        let all: Vec<&Held> = held.iter().flatten().collect();
        let loss = all
            .iter()
            .map(|&&(s, r, _)| {
                let p = f64::from(verify::sigmoid(s));
                -(if r { p } else { 1.0 - p }).max(1e-9).ln()
            })
            .sum::<f64>()
            / all.len().max(1) as f64;
        eprintln!("l2 {l2:e}: held-out log loss {loss:.4}");
        if best.as_ref().is_none_or(|b| loss < b.1) {
            best = Some((l2, loss, held));
        }
    }
    let Some((l2, _, held)) = best else {
        return Err("no examples".into());
    };
    let real_pairs = |folds: &mut dyn Iterator<Item = &Vec<Held>>| -> Vec<(f32, bool)> {
        folds.flatten().filter(|h| h.2).map(|h| (h.0, h.1)).collect()
    };
    // Held-out calibration: each fold rescaled by the fit on the other folds.
    let mut polnear = Vec::new();
    let mut real_held = Vec::new();
    for (k, fold) in held.iter().enumerate() {
        let (a, b) = verify::platt(&real_pairs(
            &mut held.iter().enumerate().filter(|(j, _)| *j != k).map(|(_, f)| f),
        ));
        for &(s, r, is_real) in fold {
            let p = verify::sigmoid(a * s + b);
            if is_real {
                real_held.push((p, r));
            } else {
                polnear.push((p, r));
            }
        }
    }
    eprintln!(
        "held-out ranking (AUC): PolNeAR {:.4}, real pages {:.4}",
        auc(&polnear),
        auc(&real_held)
    );
    eprintln!("held-out calibration on PolNeAR (l2 {l2:e}):");
    print_calibration(&polnear);
    if !real_held.is_empty() {
        eprintln!("held-out calibration on the real pages:");
        print_calibration(&real_held);
    }
    // The held-out F1 at each floor; the floor is the lowest whose F1 is within FLOOR_TOLERANCE of the best:
    // where the curve is flat, a floor moved by noise would drop statements users can filter out themselves.
    let curve: Vec<(f32, f64)> = (0..=60)
        .map(|step| {
            let t = step as f32 / 100.0;
            let kept = polnear.iter().filter(|(p, _)| *p >= t).count() as f64;
            let right = polnear.iter().filter(|(p, r)| *p >= t && *r).count() as f64;
            let (p, r) = (right / kept.max(1.0), right / attributions.max(1) as f64);
            (t, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
        })
        .collect();
    let top = curve.iter().map(|c| c.1).fold(0.0_f64, f64::max);
    let (floor, best_f1) = curve
        .iter()
        .copied()
        .find(|c| c.1 >= top - FLOOR_TOLERANCE)
        .unwrap_or((0.0, 0.0));
    eprintln!("floor {floor:.2}: held-out F1 on PolNeAR {best_f1:.4} (right quotations against attributions)");
    let mut v = verify::train(&training_set(&docs, &real, None), VERIFY_EPOCHS, l2);
    (v.scale, v.shift) = verify::platt(&real_pairs(&mut held.iter()));
    v.floor = floor;
    eprintln!("rescaling: scale {:.3}, shift {:.3}", v.scale, v.shift);
    let bytes = v.to_bytes();
    std::fs::write(output, &bytes)?;
    eprintln!("wrote {output}: {} bytes", bytes.len());
    Ok(())
}
