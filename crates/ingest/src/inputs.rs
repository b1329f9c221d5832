//! The walk over inputs: paths and folders to a stream of [`Item`]s, one input at a time.

use std::fs::File;
use std::io::{self, Cursor, Read};
use std::path::Path;

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
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            format: None,
            max_record_bytes: 64 * 1024 * 1024,
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
    pub fn new(paths: Vec<String>, options: IngestOptions) -> Inputs {
        Inputs {
            pending: paths.into_iter(),
            walk: None,
            current: None,
            options,
        }
    }

    /// The next input to open: from the folder being walked, else the next path.
    fn next_input(&mut self) -> Option<ItemIter> {
        loop {
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    Some(Ok(entry)) if entry.file_type().is_file() => {
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
                let walker = walkdir::WalkDir::new(&path)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
                self.walk = Some(Box::new(walker));
                continue;
            }
            return Some(open(&path, &self.options));
        }
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
    let (head, rest) = match peek(raw) {
        Ok(x) => x,
        Err(err) => return problem_iter(input, Severity::Input, format!("cannot read: {err}")),
    };
    if head.is_empty() {
        return problem_iter(input, Severity::Input, "empty input".into());
    }
    let (head, reader) = if head.starts_with(&[0x1f, 0x8b]) {
        match peek(Box::new(MultiGzDecoder::new(rest))) {
            Ok(x) => x,
            Err(err) => return problem_iter(input, Severity::Input, format!("corrupt gzip stream: {err}")),
        }
    } else {
        (head, rest)
    };
    if head.is_empty() {
        return problem_iter(input, Severity::Input, "empty input (after gzip)".into());
    }
    let fmt = options
        .format
        .unwrap_or_else(|| InputFormat::sniff(&head, Path::new(input)));
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

/// Reads a whole document, failing when it is larger than `max` bytes.
pub(crate) fn read_capped(reader: &mut dyn Read, max: usize) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    match reader.take(limit).read_to_end(&mut buf) {
        Ok(_) if buf.len() > max => Err(format!(
            "document larger than the {max}-byte limit (--max-record-bytes); skipped"
        )),
        Ok(_) => Ok(buf),
        Err(err) if err.kind() == io::ErrorKind::UnexpectedEof => {
            Err(format!("truncated input after {} bytes: {err}", buf.len()))
        }
        Err(err) => Err(format!("read failed after {} bytes: {err}", buf.len())),
    }
}
