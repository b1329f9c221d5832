//! Input formats: how each is recognised, and the reader for each (one module per format).

mod feed;
mod jsonl;
mod warc;

use std::io::Read;
use std::path::Path;
use std::str::FromStr;

use dateline_model::{ContentKind, Item, Provenance, RawDocument, Severity};

use crate::decode::decode;
use crate::inputs::{problem, problem_iter, read_capped, IngestOptions, ItemIter};

/// The formats Dateline reads. Any of them may be gzip-compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text: one scraped article per file.
    Text,
    /// One HTML page per file.
    Html,
    /// WARC 1.0/1.1 archive (`.warc`, `.warc.gz`).
    Warc,
    /// RSS, RDF or Atom feed, or an XML sitemap.
    Feed,
    /// One JSON object per line with `html` or `text`.
    Jsonl,
}

impl FromStr for InputFormat {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => InputFormat::Text,
            "html" | "htm" => InputFormat::Html,
            "warc" => InputFormat::Warc,
            "feed" | "rss" | "atom" | "sitemap" => InputFormat::Feed,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            other => {
                return Err(format!(
                    "unknown input format {other:?} (text, html, warc, feed, jsonl)"
                ))
            }
        })
    }
}

impl InputFormat {
    /// Tells the format from the first bytes of the (decompressed) content; the file name only breaks
    /// ties for JSON-looking text.
    pub fn sniff(head: &[u8], path: &Path) -> InputFormat {
        let start = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
        let trimmed = match start.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => &start[i..],
            None => return InputFormat::Text,
        };
        if trimmed.starts_with(b"WARC/") {
            return InputFormat::Warc;
        }
        if trimmed.starts_with(b"<") {
            let lower: Vec<u8> = trimmed.iter().take(4096).map(u8::to_ascii_lowercase).collect();
            let has = |n: &[u8]| crate::decode::find(&lower, n).is_some();
            let is_feed = has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") || has(b"<urlset") || has(b"<sitemapindex");
            if is_feed && !has(b"<html") {
                return InputFormat::Feed;
            }
            return InputFormat::Html;
        }
        if trimmed.starts_with(b"{") {
            let name = path.to_string_lossy().to_ascii_lowercase();
            let first_line = trimmed.split(|&b| b == b'\n').next().unwrap_or_default();
            let one_object_per_line = first_line.trim_ascii_end().ends_with(b"}") || first_line.len() == trimmed.len();
            if one_object_per_line || name.contains(".jsonl") || name.contains(".ndjson") {
                return InputFormat::Jsonl;
            }
        }
        // Scraped text that happens to contain markup, or markup after a preamble.
        let lower: Vec<u8> = trimmed.iter().take(2048).map(u8::to_ascii_lowercase).collect();
        if crate::decode::find(&lower, b"<html").is_some() || crate::decode::find(&lower, b"<!doctype html").is_some() {
            return InputFormat::Html;
        }
        InputFormat::Text
    }
}

/// Hands an opened input to its format's reader.
pub(crate) fn read(fmt: InputFormat, input: &str, reader: Box<dyn Read + Send>, options: &IngestOptions) -> ItemIter {
    match fmt {
        InputFormat::Text => single(input, reader, ContentKind::Text, options),
        InputFormat::Html => single(input, reader, ContentKind::Html, options),
        InputFormat::Warc => Box::new(warc::Records::new(input, reader, options.max_record_bytes)),
        InputFormat::Feed => feed::items(input, reader, options),
        InputFormat::Jsonl => Box::new(jsonl::Lines::new(input, reader, options.max_record_bytes)),
    }
}

/// A single-document input: the whole (capped) file is one document.
fn single(input: &str, mut reader: Box<dyn Read + Send>, kind: ContentKind, options: &IngestOptions) -> ItemIter {
    let capped = match read_capped(&mut reader, options.max_record_bytes) {
        Ok(c) => c,
        Err(reason) => return problem_iter(input, Severity::Input, reason),
    };
    let mut decoded = decode(&capped.bytes, None);
    decoded.warnings.extend(capped.cut.clone());
    let doc = RawDocument {
        provenance: Provenance {
            input: input.to_string(),
            ..Provenance::default()
        },
        kind,
        content: decoded.text,
        url: None,
        title: None,
        published: None,
        authors: Vec::new(),
        outlet: None,
        fetched: None,
        charset: Some(decoded.charset),
        external_id: None,
        warnings: decoded.warnings,
    };
    // A document cut short is kept (with a warning) and the cut reported.
    let cut = capped
        .cut
        .map(|reason| problem(input, 0, capped.bytes.len() as u64, Severity::Input, reason));
    Box::new(std::iter::once(Item::Document(Box::new(doc))).chain(cut))
}

/// Decodes the XML/HTML character references in `s`: the five XML ones, numeric ones, and the HTML names
/// feeds use most. Unknown names are left as they are.
pub(crate) fn unescape_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(&after[..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "hellip" => '…',
        "copy" => '©',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_each_format() {
        let p = Path::new("x");
        assert_eq!(
            InputFormat::sniff(b"WARC/1.1\r\nWARC-Type: response", p),
            InputFormat::Warc
        );
        assert_eq!(
            InputFormat::sniff(b"<?xml version='1.0'?><rss version='2.0'>", p),
            InputFormat::Feed
        );
        assert_eq!(
            InputFormat::sniff(b"<feed xmlns='http://www.w3.org/2005/Atom'>", p),
            InputFormat::Feed
        );
        assert_eq!(
            InputFormat::sniff(b"<?xml version='1.0'?><urlset>", p),
            InputFormat::Feed
        );
        assert_eq!(InputFormat::sniff(b"  <!DOCTYPE html><html>", p), InputFormat::Html);
        assert_eq!(InputFormat::sniff(b"<div>fragment</div>", p), InputFormat::Html);
        assert_eq!(
            InputFormat::sniff(b"{\"text\": \"a\"}\n{\"text\": \"b\"}", p),
            InputFormat::Jsonl
        );
        assert_eq!(InputFormat::sniff(b"All news\n\nHeadline", p), InputFormat::Text);
        assert_eq!(InputFormat::sniff("\u{feff}Заголовок".as_bytes(), p), InputFormat::Text);
    }

    #[test]
    fn parses_format_names() {
        assert_eq!("RSS".parse::<InputFormat>(), Ok(InputFormat::Feed));
        assert!("pdf".parse::<InputFormat>().is_err());
    }

    #[test]
    fn unescapes_entities() {
        assert_eq!(
            unescape_entities("a &amp; b &#8217; &#x41; &rsquo; &bogus; &"),
            "a & b ’ A ’ &bogus; &"
        );
    }
}
