//! WARC 1.0/1.1 records (Common Crawl, CC-NEWS, wget, browsertrix): `response` records with their HTTP
//! headers parsed, and `resource` records. Streaming: one record in memory at a time, capped in size.

use std::io::{self, BufRead, BufReader, Read};

use dateline_model::{ContentKind, Item, Provenance, RawDocument, Severity};
use flate2::read::{DeflateDecoder, GzDecoder, ZlibDecoder};

use crate::decode::decode;
use crate::inputs::problem;

/// Longest header line accepted; a longer one means the stream is not WARC (or is corrupt).
const MAX_LINE: u64 = 64 * 1024;

/// Iterator over the records of one WARC stream.
pub(super) struct Records {
    input: String,
    reader: BufReader<Box<dyn Read + Send>>,
    max: usize,
    offset: u64,
    record: u64,
    done: bool,
    /// A version line found after junk, held back while the junk is reported.
    pending: Option<(String, u64)>,
}

/// Header block of one WARC record.
struct Header {
    fields: Vec<(String, String)>,
}

impl Header {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Records {
    pub(super) fn new(input: &str, reader: Box<dyn Read + Send>, max: usize) -> Records {
        Records {
            input: input.to_string(),
            reader: BufReader::with_capacity(64 * 1024, reader),
            max,
            offset: 0,
            record: 0,
            done: false,
            pending: None,
        }
    }

    /// A problem at `offset` for the record being read.
    fn fail(&mut self, offset: u64, severity: Severity, reason: String) -> Item {
        self.fail_record(self.record, offset, None, severity, reason)
    }

    /// Reads one line (up to `MAX_LINE`), counting the bytes; `None` at end of stream.
    fn line(&mut self) -> io::Result<Option<String>> {
        let mut buf = Vec::new();
        let n = (&mut self.reader).take(MAX_LINE).read_until(b'\n', &mut buf)?;
        self.offset += n as u64;
        if n == 0 {
            return Ok(None);
        }
        if !buf.ends_with(b"\n") && n as u64 == MAX_LINE {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "header line too long"));
        }
        Ok(Some(
            String::from_utf8_lossy(&buf).trim_end_matches(['\r', '\n']).to_string(),
        ))
    }

    /// Skips to the next line that starts a record; returns that line and its offset.
    fn version_line(&mut self) -> Option<Result<(String, u64), Item>> {
        if let Some(found) = self.pending.take() {
            return Some(Ok(found));
        }
        let mut skipped = 0u64;
        let mut first_junk = None;
        loop {
            let at = self.offset;
            match self.line() {
                Ok(None) => {
                    return first_junk.map(|junk_at| {
                        Err(self.fail(
                            junk_at,
                            Severity::Record,
                            format!("{skipped} byte(s) of non-WARC data before end of input"),
                        ))
                    })
                }
                Ok(Some(l)) if l.starts_with("WARC/") => {
                    let Some(junk_at) = first_junk else {
                        return Some(Ok((l, at)));
                    };
                    self.pending = Some((l, at));
                    return Some(Err(self.fail(
                        junk_at,
                        Severity::Record,
                        format!("{skipped} byte(s) of non-WARC data skipped"),
                    )));
                }
                Ok(Some(l)) if l.is_empty() => continue,
                Ok(Some(l)) => {
                    first_junk.get_or_insert(at);
                    skipped += l.len() as u64 + 1;
                }
                Err(err) => {
                    return Some(Err(self.fail(
                        at,
                        Severity::Input,
                        format!("unreadable WARC stream: {err}"),
                    )))
                }
            }
        }
    }

    fn header(&mut self, at: u64) -> Result<Header, Item> {
        let mut fields: Vec<(String, String)> = Vec::new();
        loop {
            match self.line() {
                Ok(None) => return Err(self.fail(at, Severity::Input, "truncated WARC header".into())),
                Ok(Some(l)) if l.is_empty() => return Ok(Header { fields }),
                Ok(Some(l)) if l.starts_with([' ', '\t']) => {
                    if let Some(last) = fields.last_mut() {
                        last.1.push(' ');
                        last.1.push_str(l.trim());
                    }
                }
                Ok(Some(l)) => {
                    if let Some((k, v)) = l.split_once(':') {
                        fields.push((k.trim().to_string(), v.trim().to_string()));
                    }
                }
                Err(err) => return Err(self.fail(at, Severity::Input, format!("unreadable WARC header: {err}"))),
            }
        }
    }

    fn next_record(&mut self) -> Option<Item> {
        loop {
            let (_version, at) = match self.version_line()? {
                Ok(x) => x,
                Err(item) => return Some(item),
            };
            let header = match self.header(at) {
                Ok(h) => h,
                Err(item) => return Some(item),
            };
            let index = self.record;
            self.record += 1;
            let Some(len) = header.get("Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
                // Without a length the record's end is unknown: resynchronise on the next version line.
                return Some(self.fail_record(
                    index,
                    at,
                    None,
                    Severity::Record,
                    "WARC record without a valid Content-Length".into(),
                ));
            };
            let record_id = header
                .get("WARC-Record-ID")
                .map(|s| s.trim_matches(['<', '>']).to_string());
            let kind = header.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
            let wanted = matches!(kind.as_str(), "response" | "resource");
            if !wanted || len > self.max as u64 {
                match io::copy(&mut (&mut self.reader).take(len), &mut io::sink()) {
                    Ok(n) if n == len => self.offset += n,
                    Ok(n) => {
                        self.offset += n;
                        return Some(self.fail_record(
                            index,
                            at,
                            record_id,
                            Severity::Input,
                            format!("truncated WARC record: {n} of {len} content bytes"),
                        ));
                    }
                    Err(err) => {
                        return Some(self.fail_record(
                            index,
                            at,
                            record_id,
                            Severity::Input,
                            format!("unreadable WARC record: {err}"),
                        ))
                    }
                }
                if wanted {
                    return Some(self.fail_record(
                        index,
                        at,
                        record_id,
                        Severity::Record,
                        format!("record of {len} bytes is over the {}-byte limit; skipped", self.max),
                    ));
                }
                continue;
            }
            let mut block = Vec::with_capacity(len as usize);
            match (&mut self.reader).take(len).read_to_end(&mut block) {
                Ok(n) => self.offset += n as u64,
                Err(err) => {
                    return Some(self.fail_record(
                        index,
                        at,
                        record_id,
                        Severity::Input,
                        format!("unreadable WARC record (truncated or corrupt compression?): {err}"),
                    ))
                }
            }
            if (block.len() as u64) < len {
                return Some(self.fail_record(
                    index,
                    at,
                    record_id,
                    Severity::Input,
                    format!("truncated WARC record: {} of {len} content bytes", block.len()),
                ));
            }
            let provenance = Provenance {
                input: self.input.clone(),
                record: index,
                record_id,
                offset: at,
            };
            match to_document(&header, block, provenance, &kind, self.max) {
                Ok(Some(doc)) => return Some(Item::Document(Box::new(doc))),
                Ok(None) => continue,
                Err(p) => return Some(p),
            }
        }
    }

    fn fail_record(
        &mut self,
        index: u64,
        at: u64,
        record_id: Option<String>,
        severity: Severity,
        reason: String,
    ) -> Item {
        let mut item = problem(&self.input, index, at, severity, reason);
        if let Item::Problem(p) = &mut item {
            p.provenance.record_id = record_id;
        }
        if severity == Severity::Input {
            self.done = true;
        }
        item
    }
}

impl Iterator for Records {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        if self.done {
            return None;
        }
        let item = self.next_record();
        if item.is_none() {
            self.done = true;
        }
        item
    }
}

/// Turns a record block into a document: HTTP headers parsed for `response`, non-HTML/text payloads and
/// non-2xx answers skipped (`Ok(None)`).
fn to_document(
    header: &Header,
    block: Vec<u8>,
    provenance: Provenance,
    kind: &str,
    max: usize,
) -> Result<Option<RawDocument>, Item> {
    let bad = |reason: String| {
        Item::Problem(dateline_model::Problem {
            provenance: provenance.clone(),
            severity: Severity::Record,
            reason,
        })
    };
    let warc_type = header.get("Content-Type").unwrap_or("").to_ascii_lowercase();
    let (content_type, http_date, body) = if kind == "response" && warc_type.contains("application/http") {
        let Some(split) = header_end(&block) else {
            return Err(bad("HTTP response without the blank line that ends its headers".into()));
        };
        let head = String::from_utf8_lossy(&block[..split.0]).to_string();
        let mut lines = head.lines();
        let status = lines.next().unwrap_or("");
        let code: u16 = status
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        if !(200..300).contains(&code) {
            return Ok(None);
        }
        let mut ct = String::new();
        let mut date = None;
        let mut chunked = false;
        let mut encoding = String::new();
        for l in lines {
            let Some((k, v)) = l.split_once(':') else { continue };
            let (k, v) = (k.trim().to_ascii_lowercase(), v.trim());
            match k.as_str() {
                "content-type" => ct = v.to_string(),
                "date" => date = Some(v.to_string()),
                "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
                "content-encoding" => encoding = v.to_ascii_lowercase(),
                _ => {}
            }
        }
        let mut body = block[split.1..].to_vec();
        if chunked {
            body = dechunk(&body).map_err(|e| bad(format!("bad chunked HTTP body: {e}")))?;
        }
        if !encoding.is_empty() && encoding != "identity" {
            body = decompress(&body, &encoding, max).map_err(|e| bad(format!("bad {encoding} HTTP body: {e}")))?;
        }
        (ct, date, body)
    } else {
        (warc_type, None, block)
    };
    let ct = content_type.to_ascii_lowercase();
    let is_html = ct.contains("html") || ct.is_empty() && body.iter().take(1024).any(|&b| b == b'<');
    if !(is_html || ct.starts_with("text/plain")) {
        return Ok(None);
    }
    let charset = ct
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .next()
        .map(|c| c.trim_matches(['"', '\'']).to_string());
    let decoded = decode(&body, charset.as_deref());
    Ok(Some(RawDocument {
        provenance,
        kind: if is_html { ContentKind::Html } else { ContentKind::Text },
        content: decoded.text,
        url: header
            .get("WARC-Target-URI")
            .map(|u| u.trim_matches(['<', '>']).to_string()),
        title: None,
        published: None,
        authors: Vec::new(),
        outlet: None,
        fetched: header.get("WARC-Date").map(str::to_string).or(http_date),
        charset: Some(decoded.charset),
        external_id: None,
        warnings: decoded.warnings,
    }))
}

/// Where the HTTP header block ends: (end of headers, start of body).
fn header_end(block: &[u8]) -> Option<(usize, usize)> {
    if let Some(i) = crate::decode::find(block, b"\r\n\r\n") {
        return Some((i, i + 4));
    }
    crate::decode::find(block, b"\n\n").map(|i| (i, i + 2))
}

/// Undoes HTTP chunked transfer encoding.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let nl = body.iter().position(|&b| b == b'\n').ok_or("chunk size line missing")?;
        let size_line = String::from_utf8_lossy(&body[..nl]);
        let size_hex = size_line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_hex, 16).map_err(|_| format!("bad chunk size {size_hex:?}"))?;
        body = &body[nl + 1..];
        if size == 0 {
            return Ok(out);
        }
        if body.len() < size {
            out.extend_from_slice(body);
            return Err(format!("chunk of {size} bytes truncated to {}", body.len()));
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
        if body.is_empty() {
            return Ok(out);
        }
    }
}

/// Undoes HTTP content encoding, capped at `max` bytes.
fn decompress(body: &[u8], encoding: &str, max: usize) -> Result<Vec<u8>, String> {
    let reader: Box<dyn Read> = match encoding {
        "gzip" | "x-gzip" => Box::new(GzDecoder::new(body)),
        "deflate" if body.first().is_some_and(|b| b & 0x0f == 8) => Box::new(ZlibDecoder::new(body)),
        "deflate" => Box::new(DeflateDecoder::new(body)),
        other => return Err(format!("unsupported content encoding {other:?}")),
    };
    let mut out = Vec::new();
    reader
        .take(max as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    if out.len() > max {
        return Err(format!("decompressed body over the {max}-byte limit"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2021-11-10T08:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn items(bytes: Vec<u8>) -> Vec<Item> {
        Records::new("t.warc", Box::new(io::Cursor::new(bytes)), 1 << 20).collect()
    }

    #[test]
    fn reads_responses_skips_others_and_honours_charset() {
        let mut warc = b"WARC/1.1\r\nWARC-Type: warcinfo\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n".to_vec();
        let mut html = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1251\r\n\r\n<p>".to_vec();
        html.extend_from_slice(&encoding_rs::WINDOWS_1251.encode("Минск").0);
        warc.extend(record("response", "http://a.example/1", &html));
        warc.extend(record(
            "response",
            "http://a.example/404",
            b"HTTP/1.1 404 Not Found\r\n\r\nnope",
        ));
        warc.extend(record(
            "response",
            "http://a.example/img",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        let got = items(warc);
        assert_eq!(got.len(), 1, "{got:?}");
        let Item::Document(doc) = &got[0] else {
            panic!("{got:?}")
        };
        assert!(doc.content.contains("Минск"));
        assert_eq!(doc.url.as_deref(), Some("http://a.example/1"));
        assert_eq!(doc.provenance.record, 1);
        assert_eq!(doc.fetched.as_deref(), Some("2021-11-10T08:00:00Z"));
    }

    #[test]
    fn chunked_and_gzip_bodies_are_undone() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, b"<p>zipped body</p>").unwrap();
        let zipped = gz.finish().unwrap();
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        http.extend_from_slice(format!("{:x}\r\n", zipped.len()).as_bytes());
        http.extend_from_slice(&zipped);
        http.extend_from_slice(b"\r\n0\r\n\r\n");
        let got = items(record("response", "http://b.example/", &http));
        let Some(Item::Document(doc)) = got.first() else {
            panic!("{got:?}")
        };
        assert_eq!(doc.content, "<p>zipped body</p>");
    }

    #[test]
    fn truncated_record_is_reported_after_earlier_ones() {
        let mut warc = record(
            "response",
            "http://c.example/1",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>one</p>",
        );
        let second = record(
            "response",
            "http://c.example/2",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>two, cut short</p>",
        );
        warc.extend_from_slice(&second[..second.len() - 15]);
        let got = items(warc);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(&got[0], Item::Document(_)));
        let Item::Problem(p) = &got[1] else { panic!("{got:?}") };
        assert_eq!(p.provenance.record, 1);
        assert!(p.reason.contains("truncated"), "{}", p.reason);
        assert!(p.provenance.offset > 0);
    }

    #[test]
    fn junk_and_missing_length_resynchronise() {
        let mut warc = b"garbage line\r\nWARC/1.0\r\nWARC-Type: response\r\n\r\n".to_vec();
        warc.extend(record(
            "response",
            "http://d.example/",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>ok</p>",
        ));
        let got = items(warc);
        assert!(
            got.iter()
                .any(|i| matches!(i, Item::Problem(p) if p.reason.contains("non-WARC"))),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|i| matches!(i, Item::Problem(p) if p.reason.contains("Content-Length"))),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|i| matches!(i, Item::Document(d) if d.content.contains("ok"))),
            "{got:?}"
        );
    }
}
