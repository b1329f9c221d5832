//! `export --format parquet` (cargo feature `parquet`): one Parquet file per kind of record — articles,
//! quotations, entities — written in row groups as the articles stream by.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use dateline_model::Article;
use dateline_search::QuoteRow;
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, FloatType, Int32Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

/// Articles buffered per row group.
const ROW_GROUP: usize = 5_000;

/// The type of one column.
#[derive(Clone, Copy)]
enum Kind {
    /// UTF-8 text, absent when `None`.
    Text,
    /// 32-bit integer.
    Int,
    /// 32-bit float.
    Float,
    /// Boolean.
    Bool,
}

/// A column's buffered values.
enum Values {
    Text(Vec<Option<String>>),
    Int(Vec<i32>),
    Float(Vec<f32>),
    Bool(Vec<bool>),
}

/// One Parquet file being written: its columns and their buffered values.
struct Table {
    writer: SerializedFileWriter<File>,
    columns: Vec<Values>,
    rows: usize,
}

impl Table {
    fn create(path: &Path, name: &str, columns: &[(&str, Kind)]) -> anyhow::Result<Table> {
        let fields: Vec<String> = columns
            .iter()
            .map(|(n, k)| match k {
                Kind::Text => format!("OPTIONAL BYTE_ARRAY {n} (UTF8);"),
                Kind::Int => format!("REQUIRED INT32 {n};"),
                Kind::Float => format!("REQUIRED FLOAT {n};"),
                Kind::Bool => format!("REQUIRED BOOLEAN {n};"),
            })
            .collect();
        let schema = Arc::new(parse_message_type(&format!(
            "message {name} {{ {} }}",
            fields.join(" ")
        ))?);
        let props = Arc::new(WriterProperties::builder().set_compression(Compression::SNAPPY).build());
        let file = File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
        let writer = SerializedFileWriter::new(file, schema, props)?;
        let columns = columns
            .iter()
            .map(|(_, k)| match k {
                Kind::Text => Values::Text(Vec::new()),
                Kind::Int => Values::Int(Vec::new()),
                Kind::Float => Values::Float(Vec::new()),
                Kind::Bool => Values::Bool(Vec::new()),
            })
            .collect();
        Ok(Table {
            writer,
            columns,
            rows: 0,
        })
    }

    /// Adds one row, its values in column order.
    fn push(&mut self, row: Vec<Cell>) {
        for (col, cell) in self.columns.iter_mut().zip(row) {
            match (col, cell) {
                (Values::Text(v), Cell::Text(x)) => v.push(x),
                (Values::Int(v), Cell::Int(x)) => v.push(x),
                (Values::Float(v), Cell::Float(x)) => v.push(x),
                (Values::Bool(v), Cell::Bool(x)) => v.push(x),
                (Values::Text(v), _) => v.push(None),
                (Values::Int(v), _) => v.push(0),
                (Values::Float(v), _) => v.push(0.0),
                (Values::Bool(v), _) => v.push(false),
            }
        }
        self.rows += 1;
    }

    /// Writes the buffered rows as one row group.
    fn flush(&mut self) -> anyhow::Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let mut group = self.writer.next_row_group()?;
        for values in &mut self.columns {
            let Some(mut col) = group.next_column()? else {
                break;
            };
            match values {
                Values::Text(v) => {
                    let levels: Vec<i16> = v.iter().map(|x| i16::from(x.is_some())).collect();
                    let present: Vec<ByteArray> =
                        v.drain(..).flatten().map(|s| ByteArray::from(s.into_bytes())).collect();
                    col.typed::<ByteArrayType>()
                        .write_batch(&present, Some(&levels), None)?;
                }
                Values::Int(v) => {
                    col.typed::<Int32Type>().write_batch(v, None, None)?;
                    v.clear();
                }
                Values::Float(v) => {
                    col.typed::<FloatType>().write_batch(v, None, None)?;
                    v.clear();
                }
                Values::Bool(v) => {
                    col.typed::<BoolType>().write_batch(v, None, None)?;
                    v.clear();
                }
            }
            col.close()?;
        }
        group.close()?;
        self.rows = 0;
        Ok(())
    }

    fn close(mut self) -> anyhow::Result<()> {
        self.flush()?;
        self.writer.close()?;
        Ok(())
    }
}

/// One value of a row.
enum Cell {
    Text(Option<String>),
    Int(i32),
    Float(f32),
    Bool(bool),
}

fn text(s: &Option<String>) -> Cell {
    Cell::Text(s.clone())
}

fn int(n: impl TryInto<i32>) -> Cell {
    Cell::Int(n.try_into().unwrap_or(i32::MAX))
}

/// The three files of an export to `path`: `path` itself for the articles, and beside it
/// `STEM.quotes.parquet` and `STEM.entities.parquet`.
pub(crate) fn paths(path: &Path) -> [PathBuf; 3] {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = path.parent().unwrap_or(Path::new(""));
    [
        path.to_path_buf(),
        dir.join(format!("{stem}.quotes.parquet")),
        dir.join(format!("{stem}.entities.parquet")),
    ]
}

/// Writes articles as they come into the three files.
pub(crate) struct ParquetExport {
    articles: Table,
    quotes: Table,
    entities: Table,
}

impl ParquetExport {
    pub(crate) fn create(path: &Path) -> anyhow::Result<ParquetExport> {
        let [a, q, e] = paths(path);
        use Kind::*;
        Ok(ParquetExport {
            articles: Table::create(
                &a,
                "article",
                &[
                    ("id", Text),
                    ("external_id", Text),
                    ("url", Text),
                    ("title", Text),
                    ("lead", Text),
                    ("published", Text),
                    ("published_basis", Text),
                    ("outlet", Text),
                    ("dateline", Text),
                    ("authors", Text),
                    ("language", Text),
                    ("is_article", Bool),
                    ("text", Text),
                ],
            )?,
            quotes: Table::create(
                &q,
                "quote",
                &[
                    ("article_id", Text),
                    ("idx", Int),
                    ("text", Text),
                    ("kind", Text),
                    ("speaker", Text),
                    ("speaker_as_written", Text),
                    ("cue", Text),
                    ("via", Text),
                    ("start", Int),
                    ("end", Int),
                    ("in_title", Bool),
                    ("confidence", Float),
                ],
            )?,
            entities: Table::create(
                &e,
                "entity",
                &[
                    ("article_id", Text),
                    ("entity_id", Text),
                    ("type", Text),
                    ("name", Text),
                    ("aliases", Text),
                    ("mentions", Int),
                ],
            )?,
        })
    }

    pub(crate) fn write(&mut self, a: &Article) -> anyhow::Result<()> {
        self.articles.push(vec![
            Cell::Text(Some(a.id.clone())),
            text(&a.external_id),
            text(&a.url),
            text(&a.title),
            text(&a.lead),
            text(&a.published),
            text(&a.published_basis),
            text(&a.outlet),
            text(&a.dateline),
            Cell::Text((!a.authors.is_empty()).then(|| a.authors.join("; "))),
            text(&a.language),
            Cell::Bool(a.is_article),
            Cell::Text(Some(a.text.clone())),
        ]);
        for i in 0..a.quotes.len() {
            let Some(q) = QuoteRow::of(a, i) else { continue };
            self.quotes.push(vec![
                Cell::Text(Some(a.id.clone())),
                int(i),
                Cell::Text(Some(q.text)),
                Cell::Text(Some(q.kind)),
                text(&q.speaker),
                text(&q.speaker_as_written),
                text(&q.cue),
                text(&q.via),
                int(q.start),
                int(q.end),
                Cell::Bool(q.in_title),
                Cell::Float(q.confidence),
            ]);
        }
        for e in &a.entities {
            self.entities.push(vec![
                Cell::Text(Some(a.id.clone())),
                Cell::Text(Some(e.id.clone())),
                Cell::Text(Some(e.kind.as_str().to_string())),
                Cell::Text(Some(e.name.clone())),
                Cell::Text(Some(e.aliases.join("; "))),
                int(e.mentions.len()),
            ]);
        }
        if self.articles.rows >= ROW_GROUP {
            self.articles.flush()?;
            self.quotes.flush()?;
            self.entities.flush()?;
        }
        Ok(())
    }

    pub(crate) fn finish(self) -> anyhow::Result<()> {
        self.articles.close()?;
        self.quotes.close()?;
        self.entities.close()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};

    #[test]
    fn every_record_kind_goes_to_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.parquet");
        let mut out = ParquetExport::create(&path).unwrap();
        for i in 0..(ROW_GROUP + 3) {
            let a = Article {
                id: format!("a{i}"),
                title: (i % 2 == 0).then(|| "A headline".to_string()),
                text: "Body.".into(),
                ..Article::default()
            };
            out.write(&a).unwrap();
        }
        out.finish().unwrap();
        let rows = |p: &Path| {
            let r = SerializedFileReader::new(File::open(p).unwrap()).unwrap();
            r.metadata().file_metadata().num_rows()
        };
        let [a, q, e] = paths(&path);
        assert_eq!(rows(&a), (ROW_GROUP + 3) as i64);
        assert_eq!((rows(&q), rows(&e)), (0, 0));
    }
}
