//! One statement, many reports: the quotations of the stored articles grouped by their words, so that the
//! same statement carried by copies or by independent reports (curly or straight marks, a word changed or
//! moved) is one statement with the articles that carry it and the one that reported it first.

use std::collections::HashMap;

use dateline_model::{Statement, StatementReport};

use crate::{Result, Store};

/// Fewest words of at least four letters for a quotation to be matched on its words in any order.
const LOOSE_MIN_WORDS: usize = 5;

/// The words of a quotation, lower case, without punctuation.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

impl Store {
    /// Statements reported by at least `min_reports` articles (by `speaker` when given, any case), most
    /// reports first.
    pub fn statements(&self, speaker: Option<&str>, min_reports: usize) -> Result<Vec<Statement>> {
        let e = self.err();
        let mut st = self
            .conn
            .prepare(
                "SELECT q.article_id, a.external_id, a.published, a.outlet, q.speaker, q.text
                 FROM quotes q JOIN articles a ON a.id = q.article_id
                 WHERE (?1 IS NULL OR q.speaker = ?1 COLLATE NOCASE) AND q.in_title = 0
                 ORDER BY a.published IS NULL, a.published, a.id, q.idx",
            )
            .map_err(&e)?;
        let rows = st
            .query_map([speaker], |r| {
                Ok((
                    StatementReport {
                        article: r.get(0)?,
                        external_id: r.get(1)?,
                        published: r.get(2)?,
                        outlet: r.get(3)?,
                        text: r.get(5)?,
                    },
                    r.get::<_, Option<String>>(4)?,
                ))
            })
            .map_err(&e)?;
        let mut out: Vec<Statement> = Vec::new();
        // Exact words in order, and (for longer quotations) the set of longer words: either finds the group.
        let mut exact: HashMap<String, usize> = HashMap::new();
        let mut loose: HashMap<String, usize> = HashMap::new();
        for row in rows {
            let (report, who) = row.map_err(&e)?;
            let w = words(&report.text);
            if w.is_empty() {
                continue;
            }
            let key = w.join(" ");
            let mut long: Vec<&str> = w
                .iter()
                .map(String::as_str)
                .filter(|x| x.chars().count() >= 4)
                .collect();
            long.sort_unstable();
            long.dedup();
            let loose_key = (long.len() >= LOOSE_MIN_WORDS).then(|| long.join(" "));
            let found = exact
                .get(&key)
                .or_else(|| loose_key.as_ref().and_then(|k| loose.get(k)))
                .copied();
            let at = match found {
                Some(at) => at,
                None => {
                    out.push(Statement {
                        speaker: who,
                        text: report.text.clone(),
                        reports: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            exact.entry(key).or_insert(at);
            if let Some(k) = loose_key {
                loose.entry(k).or_insert(at);
            }
            let s = &mut out[at];
            if !s.reports.iter().any(|r| r.article == report.article) {
                s.reports.push(report);
            }
        }
        out.retain(|s| s.reports.len() >= min_reports.max(1));
        out.sort_by_key(|s| std::cmp::Reverse(s.reports.len()));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ignore_marks_and_case() {
        assert_eq!(words("“We hope,” he said"), ["we", "hope", "he", "said"]);
    }
}
