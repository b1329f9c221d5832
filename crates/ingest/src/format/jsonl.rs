//! JSONL: one JSON object per line with `html` or `text`, and optionally `id`, `url`, `title`,
//! `published`, `authors`, `outlet`. Streams line by line, so it also works as a filter on stdin.

use std::io::{BufRead, BufReader, Read};

use dateline_model::{ContentKind, Item, Provenance, RawDocument, Severity};
use serde::Deserialize;

use crate::inputs::problem;

/// One input line.
#[derive(Deserialize)]
struct Line {
    html: Option<String>,
    text: Option<String>,
    url: Option<String>,
    title: Option<String>,
    #[serde(alias = "date")]
    published: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    /// The publisher, as the user's data names it.
    #[serde(alias = "source")]
    outlet: Option<String>,
    /// The user's id for the document (string or number), kept as the article's `external_id`.
    id: Option<serde_json::Value>,
    /// Present in Dateline's own records: a file of them is an earlier output, not input.
    schema_version: Option<serde::de::IgnoredAny>,
    provenance: Option<serde::de::IgnoredAny>,
}

/// A user's id as text: a string as it is, a number as written; other values are no id.
fn external_id(v: serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Iterator over the documents of a JSONL stream.
pub(super) struct Lines {
    input: String,
    reader: BufReader<Box<dyn Read + Send>>,
    max: usize,
    offset: u64,
    line: u64,
    done: bool,
}

impl Lines {
    pub(super) fn new(input: &str, reader: Box<dyn Read + Send>, max: usize) -> Lines {
        Lines {
            input: input.to_string(),
            reader: BufReader::with_capacity(64 * 1024, reader),
            max,
            offset: 0,
            line: 0,
            done: false,
        }
    }

    /// Skips the rest of an over-long line; returns the bytes skipped.
    fn skip_line(&mut self) -> std::io::Result<u64> {
        let mut skipped = 0u64;
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(skipped);
            }
            match buf.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    self.reader.consume(i + 1);
                    return Ok(skipped + i as u64 + 1);
                }
                None => {
                    let n = buf.len();
                    self.reader.consume(n);
                    skipped += n as u64;
                }
            }
        }
    }
}

impl Iterator for Lines {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            let at = self.offset;
            let index = self.line;
            let mut buf = Vec::new();
            let limit = self.max as u64 + 1;
            let n = match (&mut self.reader).take(limit).read_until(b'\n', &mut buf) {
                Ok(n) => n,
                Err(err) => {
                    self.done = true;
                    return Some(problem(
                        &self.input,
                        index,
                        at,
                        Severity::Input,
                        format!("unreadable input: {err}"),
                    ));
                }
            };
            if n == 0 {
                self.done = true;
                return None;
            }
            self.offset += n as u64;
            self.line += 1;
            if buf.len() > self.max && !buf.ends_with(b"\n") {
                let skipped = self.skip_line().unwrap_or(0);
                self.offset += skipped;
                return Some(problem(
                    &self.input,
                    index,
                    at,
                    Severity::Record,
                    format!("line longer than the {}-byte limit; skipped", self.max),
                ));
            }
            let text = String::from_utf8_lossy(&buf);
            let trimmed = text.trim();
            if trimmed.is_empty() {
                continue;
            }
            let line: Line = match serde_json::from_str(trimmed) {
                Ok(l) => l,
                Err(err) => {
                    return Some(problem(
                        &self.input,
                        index,
                        at,
                        Severity::Record,
                        format!("not a JSON object: {err}"),
                    ))
                }
            };
            if index == 0 && line.schema_version.is_some() && line.provenance.is_some() {
                // `extract . -o out.jsonl` run twice: the folder holds the last run's records.
                tracing::warn!(
                    "{}: skipped: Dateline's own output (records with `schema_version` and `provenance`)",
                    self.input
                );
                self.done = true;
                return None;
            }
            let (kind, content) = match (line.html, line.text) {
                (Some(h), _) if !h.trim().is_empty() => (ContentKind::Html, h),
                (_, Some(t)) if !t.trim().is_empty() => (ContentKind::Text, t),
                _ => {
                    return Some(problem(
                        &self.input,
                        index,
                        at,
                        Severity::Record,
                        "no non-empty `html` or `text` field".into(),
                    ))
                }
            };
            let mut warnings = Vec::new();
            if matches!(text, std::borrow::Cow::Owned(_)) {
                warnings.push("invalid UTF-8 in JSONL line replaced with U+FFFD".to_string());
            }
            let doc = RawDocument {
                provenance: Provenance {
                    input: self.input.clone(),
                    record: index,
                    record_id: None,
                    offset: at,
                },
                kind,
                content,
                url: line.url,
                title: line.title,
                published: line.published,
                authors: line.authors,
                outlet: line.outlet,
                fetched: None,
                charset: Some("utf-8 (jsonl)".into()),
                external_id: line.id.and_then(external_id),
                warnings,
            };
            return Some(Item::Document(Box::new(doc)));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines_survive_bad_ones() {
        let input = b"{\"text\": \"one\", \"url\": \"http://x/1\", \"outlet\": \"TASS\"}\nnot json\n\n{\"html\": \"<p>two</p>\", \"published\": \"2021-11-09\"}\n{\"title\": \"no body\"}\n{\"text\": \"caf\xe9\"}\n".to_vec();
        let got: Vec<Item> = Lines::new("in.jsonl", Box::new(std::io::Cursor::new(input)), 1024).collect();
        assert_eq!(got.len(), 5, "{got:?}");
        assert!(
            matches!(&got[0], Item::Document(d) if d.url.as_deref() == Some("http://x/1") && d.outlet.as_deref() == Some("TASS"))
        );
        assert!(matches!(&got[1], Item::Problem(p) if p.provenance.record == 1 && p.reason.contains("JSON")));
        assert!(matches!(&got[2], Item::Document(d) if d.kind == ContentKind::Html && d.provenance.record == 3));
        assert!(matches!(&got[3], Item::Problem(p) if p.reason.contains("no non-empty")));
        assert!(matches!(&got[4], Item::Document(d) if !d.warnings.is_empty()));
    }

    #[test]
    fn over_long_line_is_skipped_not_fatal() {
        let mut input = format!("{{\"text\": \"{}\"}}\n", "x".repeat(5000)).into_bytes();
        input.extend_from_slice(b"{\"text\": \"after\"}\n");
        let got: Vec<Item> = Lines::new("in.jsonl", Box::new(std::io::Cursor::new(input)), 100).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(&got[0], Item::Problem(p) if p.reason.contains("limit")));
        assert!(matches!(&got[1], Item::Document(d) if d.content == "after" && d.provenance.record == 1));
    }
}
