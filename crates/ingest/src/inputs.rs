//! The walk over inputs: paths and folders to a stream of [`Item`]s, one input at a time.

use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::{Path, PathBuf};

use dateline_model::{Item, Problem, Provenance, Severity};
use flate2::read::MultiGzDecoder;

use crate::format::{self, InputFormat};

/// How inputs are read.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Format for every input; `None` tells each input's format from its content.
    pub format: Option<InputFormat>,
    /// Largest document or record accepted, in bytes after decompression; larger ones are reported and
    /// skipped, which bounds memory whatever the input.
    pub max_record_bytes: usize,
    /// Files never read as input, however they are reached: the run's own output files.
    pub exclude: Vec<PathBuf>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            format: None,
            max_record_bytes: 64 * 1024 * 1024,
            exclude: Vec::new(),
        }
    }
}

/// A boxed stream of items from one input.
pub(crate) type ItemIter = Box<dyn Iterator<Item = Item> + Send>;

/// Streams the [`Item`]s of every input, in the order given; folders are walked recursively in name
/// order, skipping hidden entries. `-` is stdin.
pub struct Inputs {
    pending: std::vec::IntoIter<String>,
    walk: Option<Box<dyn Iterator<Item = walkdir::Result<walkdir::DirEntry>> + Send>>,
    current: Option<ItemIter>,
    options: IngestOptions,
}

impl Inputs {
    /// Reads `paths` (files, folders, or `-`) with `options`.
    pub fn new(paths: Vec<String>, mut options: IngestOptions) -> Inputs {
        options.exclude = options.exclude.iter().filter_map(|p| p.canonicalize().ok()).collect();
        Inputs {
            pending: paths.into_iter(),
            walk: None,
            current: None,
            options,
        }
    }

    /// Reads one input from `reader`, named `name` in provenance and problems: the same path as a file
    /// takes (gzip, format sniffing, charsets), for bytes that come from elsewhere (a fuzzer, a library).
    pub fn from_reader(name: &str, reader: Box<dyn Read + Send>, options: IngestOptions) -> Inputs {
        let current = Some(read_opened(name, reader, &options));
        Inputs {
            pending: Vec::new().into_iter(),
            walk: None,
            current,
            options,
        }
    }

    /// The next input to open: from the folder being walked, else the next path.
    fn next_input(&mut self) -> Option<ItemIter> {
        loop {
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(Ok(entry)) if entry.file_type().is_file() => {
                        if self.excluded(entry.path()) {
                            continue;
                        }
                        let name = entry.path().display().to_string();
                        return Some(open(&name, &self.options));
                    }
                    Some(Ok(_)) => continue,
                    Some(Err(err)) => {
                        let input = err.path().map(|p| p.display().to_string()).unwrap_or_default();
                        return Some(problem_iter(&input, Severity::Input, format!("cannot walk: {err}")));
                    }
                    None => self.walk = None,
                }
            }
            let path = self.pending.next()?;
            if path != "-" && Path::new(&path).is_dir() {
                // Links are followed, to files and folders alike; a link back up the tree is reported by
                // the walk as a loop, once.
                let walker = walkdir::WalkDir::new(&path)
                    .follow_links(true)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
                self.walk = Some(Box::new(walker));
                continue;
            }
            if path != "-" && self.excluded(Path::new(&path)) {
                continue;
            }
            return Some(open(&path, &self.options));
        }
    }

    /// Whether `path` is one of the run's own output files.
    fn excluded(&self, path: &Path) -> bool {
        if self.options.exclude.is_empty() {
            return false;
        }
        let Ok(real) = path.canonicalize() else { return false };
        let hit = self.options.exclude.contains(&real);
        if hit {
            tracing::info!("{}: skipped: it is this run's own output", path.display());
        }
        hit
    }
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(cur) = &mut self.current {
                if let Some(item) = cur.next() {
                    return Some(item);
                }
                self.current = None;
            }
            self.current = Some(self.next_input()?);
        }
    }
}

/// A stream holding one problem.
pub(crate) fn problem_iter(input: &str, severity: Severity, reason: String) -> ItemIter {
    Box::new(std::iter::once(problem(input, 0, 0, severity, reason)))
}

/// A problem item at a record and offset of an input.
pub(crate) fn problem(input: &str, record: u64, offset: u64, severity: Severity, reason: String) -> Item {
    Item::Problem(Problem {
        provenance: Provenance {
            input: input.to_string(),
            record,
            record_id: None,
            offset,
        },
        severity,
        reason,
    })
}

/// Opens one input: undoes gzip, tells the format and hands the stream to that format's reader.
fn open(input: &str, options: &IngestOptions) -> ItemIter {
    let raw: Box<dyn Read + Send> = if input == "-" {
        Box::new(io::stdin())
    } else {
        match File::open(input) {
            Ok(f) => Box::new(f),
            Err(err) => return problem_iter(input, Severity::Input, format!("cannot open: {err}")),
        }
    };
    read_opened(input, raw, options)
}

/// Reads one opened input: undoes gzip, tells the format and hands the stream to that format's reader.
fn read_opened(input: &str, raw: Box<dyn Read + Send>, options: &IngestOptions) -> ItemIter {
    let (head, rest) = match peek(raw) {
        Ok(x) => x,
        Err(err) => return problem_iter(input, Severity::Input, format!("cannot read: {err}")),
    };
    if head.is_empty() {
        return problem_iter(input, Severity::Input, "empty input".into());
    }
    let (head, reader) = if head.starts_with(&[0x1f, 0x8b]) {
        // A stream cut or corrupted early still yields what it holds before the damage; the format's
        // reader meets the error where the data ends and reports it there.
        peek_through(Box::new(MultiGzDecoder::new(rest)))
    } else {
        (head, rest)
    };
    let mut reader = reader;
    if head.is_empty() {
        let reason = match reader.read(&mut [0u8; 1]) {
            Err(err) => format!("corrupt gzip stream: {err}"),
            Ok(_) => "empty input (after gzip)".into(),
        };
        return problem_iter(input, Severity::Input, reason);
    }
    let fmt = options
        .format
        .unwrap_or_else(|| InputFormat::sniff(&head, Path::new(input)));
    tracing::debug!("{input}: read as {fmt:?}");
    if matches!(fmt, InputFormat::Text | InputFormat::Html) && crate::decode::looks_binary(&head) {
        return problem_iter(input, Severity::Input, "binary content, not text or markup".into());
    }
    format::read(fmt, input, reader, options)
}

/// Reads up to 8 KiB from the front of `reader` and returns it together with a reader that yields the
/// whole stream again.
fn peek(mut reader: Box<dyn Read + Send>) -> io::Result<(Vec<u8>, Box<dyn Read + Send>)> {
    let mut head = Vec::with_capacity(8192);
    (&mut reader).take(8192).read_to_end(&mut head)?;
    let again = Box::new(Cursor::new(head.clone()).chain(reader));
    Ok((head, again))
}

/// Like [`peek`], but a read error is not the end: the bytes read before it are kept, and the returned
/// reader yields them and then the error.
fn peek_through(mut reader: Box<dyn Read + Send>) -> (Vec<u8>, Box<dyn Read + Send>) {
    let mut head = Vec::with_capacity(8192);
    match (&mut reader).take(8192).read_to_end(&mut head) {
        Ok(_) => {
            let again = Box::new(Cursor::new(head.clone()).chain(reader));
            (head, again)
        }
        Err(err) => {
            let again = Box::new(Cursor::new(head.clone()).chain(Failed(Some(err))));
            (head, again)
        }
    }
}

/// A reader that fails: once with the error it holds, then with the same kind of error.
struct Failed(Option<io::Error>);

impl Read for Failed {
    fn read(&mut self, _buf: &mut [u8]) -> io::Result<usize> {
        Err(self
            .0
            .take()
            .unwrap_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "input ended after an earlier error")))
    }
}

/// A whole document as read: its bytes, and why the input ended early when it did.
pub(crate) struct Capped {
    /// The bytes read.
    pub(crate) bytes: Vec<u8>,
    /// Set when the input broke off (truncated gzip, read error): what was read before it is kept.
    pub(crate) cut: Option<String>,
}

/// Reads a whole document, failing when it is larger than `max` bytes or when nothing could be read; a read
/// error after some bytes keeps them, with the reason in [`Capped::cut`].
pub(crate) fn read_capped(reader: &mut dyn Read, max: usize) -> Result<Capped, String> {
    let mut bytes = Vec::new();
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    match reader.take(limit).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() > max => Err(format!(
            "document larger than the {max}-byte limit (--max-record-bytes); skipped"
        )),
        Ok(_) => Ok(Capped { bytes, cut: None }),
        Err(err) if bytes.is_empty() => Err(format!("unreadable input: {err}")),
        Err(err) => {
            let cut = format!(
                "input truncated or corrupt after {} bytes ({err}); what came before is kept",
                bytes.len()
            );
            Ok(Capped { bytes, cut: Some(cut) })
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let _ = enc.write_all(bytes);
        enc.finish().unwrap_or_default()
    }

    fn items(name: &str, bytes: &[u8]) -> Vec<Item> {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
        Inputs::new(vec![path.display().to_string()], IngestOptions::default()).collect()
    }

    #[test]
    fn a_gzip_stream_cut_early_keeps_the_records_before_the_cut() {
        let lines: String = (0..40)
            .map(|i| format!("{{\"id\": {i}, \"text\": \"Story {i}\\n\\nThe council met on day {i} to vote.\"}}\n"))
            .collect();
        assert!(lines.len() < 8192);
        let mut packed = gz(lines.as_bytes());
        packed.truncate(packed.len() * 2 / 3);
        let got = items("cut.jsonl.gz", &packed);
        let docs = got.iter().filter(|i| matches!(i, Item::Document(_))).count();
        let problems: Vec<&Problem> = got
            .iter()
            .filter_map(|i| match i {
                Item::Problem(p) => Some(p),
                _ => None,
            })
            .collect();
        assert!(docs >= 5, "{docs} documents from a stream cut at two thirds");
        assert_eq!(problems.len(), 1, "{problems:?}");

        // A single page cut short is kept, with a warning, and the cut reported.
        let page = format!(
            "<html><body><p>{}</p></body></html>",
            "The council met to vote. ".repeat(100)
        );
        let mut packed = gz(page.as_bytes());
        packed.truncate(packed.len() / 2);
        let got = items("page.html.gz", &packed);
        assert!(
            matches!(&got[0], Item::Document(d) if d.warnings.iter().any(|w| w.contains("truncated"))),
            "{got:?}"
        );
        assert!(matches!(&got[1], Item::Problem(_)), "{got:?}");

        // A stream that is no gzip at all after its magic bytes.
        let got = items("junk.gz", b"\x1f\x8b\x00\x00garbage");
        assert!(
            matches!(&got[..], [Item::Problem(p)] if p.reason.contains("gzip")),
            "{got:?}"
        );
    }
}
