//! Dateline's input readers: everything between a path on the command line and a decoded
//! [`RawDocument`].
//!
//! [`Inputs`] walks files, folders (recursively, in name order) and stdin (`-`), undoes gzip (also
//! multi-member), tells each input's format from its content ([`InputFormat::sniff`]; an explicit format
//! overrides), and streams [`Item`]s: documents, links (feed items without content, sitemap entries) and
//! problems. One format per module under `format/`:
//!
//! - plain text and HTML files: one document each;
//! - WARC 1.0/1.1: `response` and `resource` records, HTTP headers parsed, chunked and gzip bodies undone;
//! - RSS 0.9x/1.0/2.0, Atom, sitemaps: items with full content become documents, the rest links;
//! - JSONL: one object per line with `html` or `text`, and optionally `url`, `title`, `published`.
//!
//! Bytes become text here, once: the charset comes from a byte-order mark, the HTTP header, the document's
//! own declaration, or detection. Bad input never panics and never stops the walk: each unreadable record
//! is an [`Item::Problem`] naming the file, record and offset, and reading goes on with the next one.
//!
//! ```
//! use dateline_ingest::{Inputs, IngestOptions};
//! use dateline_model::Item;
//!
//! let dir = std::env::temp_dir().join("dateline-ingest-doctest");
//! std::fs::create_dir_all(&dir).unwrap();
//! std::fs::write(dir.join("a.txt"), "Headline\n\nBody of the story, long enough to be prose.").unwrap();
//! let docs = Inputs::new(vec![dir.join("a.txt").display().to_string()], IngestOptions::default())
//!     .filter(|item| matches!(item, Item::Document(_)))
//!     .count();
//! assert_eq!(docs, 1);
//! ```

mod decode;
mod format;
mod inputs;

pub use format::InputFormat;
pub use inputs::{IngestOptions, Inputs};
