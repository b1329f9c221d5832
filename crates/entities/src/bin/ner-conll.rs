//! Trains the entity tagger on CoNLL-2003 and measures it (exact span + type, as conlleval counts).
//!
//! ```sh
//! ner-conll train ../shared/bench/ner/conll2003_eng.train.gz,../shared/bench/ner/conll2003_eng.testa.gz \
//!     crates/entities/model/ner.bin
//! ner-conll eval target/ner-dev.bin ../shared/bench/ner/conll2003_eng.testa.gz   # a model trained on train only
//! ```

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::ExitCode;
use std::time::Instant;

use dateline_entities::ner::{label, spans, train, Example, Model, NameType};
use dateline_text::tokens::Token;

/// Passes over the training data.
const EPOCHS: usize = 16;
/// Rows whose largest weight is below this fraction of the largest overall are dropped.
const PRUNE: f32 = 0.03;
/// Parts the training data is cut into to give the second stage honest first taggings.
const FOLDS: usize = 5;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [cmd, data, out] if cmd == "train" => run_train(data, out),
        [cmd, model, data] if cmd == "eval" => run_eval(model, data),
        _ => Err("usage: ner-conll train CONLL.gz[,CONLL.gz…] MODEL.bin | ner-conll eval MODEL.bin CONLL.gz".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ner-conll: {e}");
            ExitCode::FAILURE
        }
    }
}

type Error = Box<dyn std::error::Error>;

fn kind(tag: &str) -> Option<NameType> {
    match tag {
        "PER" => Some(NameType::Person),
        "ORG" => Some(NameType::Organization),
        "LOC" => Some(NameType::Place),
        "MISC" => Some(NameType::Other),
        _ => None,
    }
}

/// Documents of a CoNLL file (IOB1 tags turned into begin/inside labels).
fn read(path: &str) -> Result<Vec<Example>, Error> {
    let reader = BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(path)?));
    let mut docs = Vec::new();
    let mut cur = Example {
        text: String::new(),
        tokens: Vec::new(),
        labels: Vec::new(),
    };
    let mut sentence_start = true;
    let mut prev: Option<NameType> = None;
    for line in reader.lines() {
        let line = line?;
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            sentence_start = true;
            prev = None;
            continue;
        }
        if fields[0] == "-DOCSTART-" {
            if !cur.tokens.is_empty() {
                docs.push(std::mem::replace(
                    &mut cur,
                    Example {
                        text: String::new(),
                        tokens: Vec::new(),
                        labels: Vec::new(),
                    },
                ));
            }
            continue;
        }
        let (word, tag) = (fields[0], fields.last().copied().unwrap_or("O"));
        if !cur.text.is_empty() {
            cur.text.push_str(if sentence_start { "\n\n" } else { " " });
        }
        let start = cur.text.len();
        cur.text.push_str(word);
        cur.tokens.push(Token {
            start,
            end: cur.text.len(),
            sentence_start,
        });
        let t = tag.get(2..).and_then(kind);
        let l = match t {
            None => label(None),
            Some(t) => label(Some((t, !tag.starts_with("B-") && prev == Some(t)))),
        };
        cur.labels.push(l);
        prev = t;
        sentence_start = false;
    }
    if !cur.tokens.is_empty() {
        docs.push(cur);
    }
    Ok(docs)
}

/// Trains on the documents of every file in `data` (comma-separated) and writes the model to `out`.
fn run_train(data: &str, out: &str) -> Result<(), Error> {
    let mut docs = Vec::new();
    for path in data.split(',') {
        docs.extend(read(path)?);
    }
    eprintln!("training on {} documents, {EPOCHS} epochs", docs.len());
    let model = train(&docs, EPOCHS, PRUNE, FOLDS);
    let bytes = model.to_bytes();
    std::fs::write(out, &bytes)?;
    eprintln!("wrote {out}: {} bytes", bytes.len());
    Ok(())
}

fn run_eval(model: &str, data: &str) -> Result<(), Error> {
    let model = Model::from_bytes(&std::fs::read(model)?).ok_or("not a model file")?;
    let docs = read(data)?;
    // Load the lexicons before the clock starts.
    let _ = model.names(
        "Warm up in Paris .",
        &dateline_text::tokens::tokenise("Warm up in Paris ."),
    );
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let started = Instant::now();
    let found: Vec<_> = docs.iter().map(|d| model.names(&d.text, &d.tokens)).collect();
    let secs = started.elapsed().as_secs_f64();
    // Per type: (true positives, predicted, gold).
    let mut counts: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    for (d, pred) in docs.iter().zip(&found) {
        let gold = spans(&d.labels);
        for (name, set, other) in [("pred", pred, &gold), ("gold", &gold, pred)] {
            for n in set.iter() {
                let key = match n.kind {
                    NameType::Person => "PER",
                    NameType::Organization => "ORG",
                    NameType::Place => "LOC",
                    NameType::Other => "MISC",
                };
                let hit = other.contains(n);
                for k in [key, "all"] {
                    let c = counts.entry(k).or_default();
                    if name == "pred" {
                        c.1 += 1;
                        c.0 += usize::from(hit);
                    } else {
                        c.2 += 1;
                    }
                }
            }
        }
    }
    for k in ["PER", "ORG", "LOC", "MISC", "all"] {
        let (tp, p, g) = counts.get(k).copied().unwrap_or_default();
        let prec = tp as f64 / p.max(1) as f64;
        let rec = tp as f64 / g.max(1) as f64;
        let f1 = if prec + rec > 0.0 {
            2.0 * prec * rec / (prec + rec)
        } else {
            0.0
        };
        println!("{k:>4}: P {prec:.4} R {rec:.4} F1 {f1:.4} (gold {g}, predicted {p})");
    }
    println!(
        "speed: {tokens} tokens in {secs:.3} s on one thread: {:.0} tokens/s",
        tokens as f64 / secs
    );
    Ok(())
}
