//! Record writers for `extract`: JSONL (one article per line), a JSON array, or CSV, streamed.

use std::io::Write;

use dateline_model::Article;

/// Output format of `extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// One JSON object per line.
    Jsonl,
    /// One JSON array of objects.
    Json,
    /// Comma-separated values, one row per article (list fields joined with `; `).
    Csv,
}

/// Writes articles in one format as they come.
pub(crate) enum Writer {
    Jsonl(Box<dyn Write>),
    Json { out: Box<dyn Write>, first: bool },
    Csv(Box<csv::Writer<Box<dyn Write>>>),
}

const CSV_HEADER: [&str; 16] = [
    "id",
    "input",
    "record",
    "url",
    "title",
    "lead",
    "published",
    "published_basis",
    "modified",
    "outlet",
    "dateline",
    "authors",
    "language",
    "is_article",
    "warnings",
    "text",
];

impl Writer {
    /// A writer of `format` onto `out`.
    pub(crate) fn new(format: Format, mut out: Box<dyn Write>) -> anyhow::Result<Writer> {
        Ok(match format {
            Format::Jsonl => Writer::Jsonl(out),
            Format::Json => {
                out.write_all(b"[")?;
                Writer::Json { out, first: true }
            }
            Format::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(CSV_HEADER)?;
                Writer::Csv(Box::new(w))
            }
        })
    }

    /// Writes one article.
    pub(crate) fn write(&mut self, a: &Article) -> anyhow::Result<()> {
        match self {
            Writer::Jsonl(out) => {
                serde_json::to_writer(&mut *out, a)?;
                out.write_all(b"\n")?;
            }
            Writer::Json { out, first } => {
                out.write_all(if *first { b"\n" } else { b",\n" })?;
                *first = false;
                serde_json::to_writer(&mut *out, a)?;
            }
            Writer::Csv(w) => {
                let opt = |o: &Option<String>| o.clone().unwrap_or_default();
                w.write_record([
                    a.id.clone(),
                    a.input.clone(),
                    a.provenance.record.to_string(),
                    opt(&a.url),
                    opt(&a.title),
                    opt(&a.lead),
                    opt(&a.published),
                    opt(&a.published_basis),
                    opt(&a.modified),
                    opt(&a.outlet),
                    opt(&a.dateline),
                    a.authors.join("; "),
                    opt(&a.language),
                    a.is_article.to_string(),
                    a.warnings.join("; "),
                    a.text.clone(),
                ])?;
            }
        }
        Ok(())
    }

    /// Flushes what was written so far (a filter on stdin answers batch by batch).
    pub(crate) fn flush(&mut self) -> anyhow::Result<()> {
        match self {
            Writer::Jsonl(out) | Writer::Json { out, .. } => out.flush()?,
            Writer::Csv(w) => w.flush()?,
        }
        Ok(())
    }

    /// Closes the output (the JSON array's bracket).
    pub(crate) fn finish(mut self) -> anyhow::Result<()> {
        if let Writer::Json { out, .. } = &mut self {
            out.write_all(b"\n]\n")?;
        }
        self.flush()
    }
}
