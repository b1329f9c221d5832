//! The analysed document: an article's headline and text read once — quotation marks ([`marks`]),
//! paragraphs and sentences ([`sentences`]), the entity tagger's tokens ([`tokens`]) and the quote stage's
//! words ([`words`]) — for the entity and quote stages to share, so that both see the same reading and a
//! tokenisation bug has one place to be fixed.
//!
//! Each part is computed the first time a stage asks for it and kept: a stage that needs none of them
//! costs nothing.
//!
//! ```
//! use dateline_text::Document;
//! let doc = Document::new(Some("Kremlin hopes"), "“We hope,” he said. Mr. Peskov spoke.\n\nThen he left.");
//! assert_eq!(doc.quotes().len(), 1);
//! assert_eq!(doc.paragraphs().len(), 2);
//! assert_eq!(doc.paragraphs()[0].sentences.len(), 2);
//! assert_eq!(&doc.text()[doc.tokens()[0].start..doc.tokens()[0].end], "“");
//! ```

pub mod marks;
pub mod sentences;
pub mod tokens;
pub mod words;

use std::cell::OnceCell;

use crate::marks::Quoted;
use crate::tokens::Token;
use crate::words::Tok;

/// A paragraph of the text (split on blank lines) with its sentences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte range of the paragraph, as split on `\n\n` (its own leading and trailing spaces included).
    pub range: (usize, usize),
    /// Byte ranges of its sentences, trimmed, aware of quotations and abbreviations.
    pub sentences: Vec<(usize, usize)>,
}

/// An article's headline and text with everything the analysis reads from them, each part computed once.
#[derive(Debug)]
pub struct Document<'a> {
    title: Option<&'a str>,
    text: &'a str,
    quotes: OnceCell<Vec<Quoted>>,
    paragraphs: OnceCell<Vec<Paragraph>>,
    tokens: OnceCell<Vec<Token>>,
    title_tokens: OnceCell<Vec<Token>>,
    words: OnceCell<Vec<Tok>>,
}

impl<'a> Document<'a> {
    /// A document of a headline (if any) and a text; nothing is read yet.
    pub fn new(title: Option<&'a str>, text: &'a str) -> Document<'a> {
        Document {
            title,
            text,
            quotes: OnceCell::new(),
            paragraphs: OnceCell::new(),
            tokens: OnceCell::new(),
            title_tokens: OnceCell::new(),
            words: OnceCell::new(),
        }
    }

    /// The headline.
    pub fn title(&self) -> Option<&'a str> {
        self.title
    }

    /// The text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The quotations of the text, in order, not overlapping.
    pub fn quotes(&self) -> &[Quoted] {
        self.quotes.get_or_init(|| marks::find(self.text))
    }

    /// The paragraphs of the text with their sentences.
    pub fn paragraphs(&self) -> &[Paragraph] {
        self.paragraphs.get_or_init(|| {
            let quotes = self.quotes();
            let mut at = 0;
            self.text
                .split("\n\n")
                .map(|para| {
                    let range = (at, at + para.len());
                    at += para.len() + 2;
                    Paragraph {
                        range,
                        sentences: sentences::split(self.text, range, quotes),
                    }
                })
                .collect()
        })
    }

    /// The entity tagger's tokens of the text.
    pub fn tokens(&self) -> &[Token] {
        self.tokens.get_or_init(|| tokens::tokenise(self.text))
    }

    /// The entity tagger's tokens of the headline (none without one).
    pub fn title_tokens(&self) -> &[Token] {
        self.title_tokens
            .get_or_init(|| self.title.map(tokens::tokenise).unwrap_or_default())
    }

    /// The quote stage's words of the whole text, marked as quoted by [`Document::quotes`].
    pub fn words(&self) -> &[Tok] {
        self.words
            .get_or_init(|| words::tokenise(self.text, (0, self.text.len()), self.quotes()))
    }

    /// The quote stage's words of `text[range]` marked as quoted by `quotes` alone (a sentence's own view of
    /// the quotations around it): [`words::tokenise`] of that range, taken from the words of the whole text
    /// when no word crosses the range's ends (a sentence cut inside a word, in a run too long to split,
    /// is tokenised afresh).
    pub fn words_in(&self, range: (usize, usize), quotes: &[Quoted]) -> Vec<Tok> {
        let all = self.words();
        let from = all.partition_point(|t| t.end <= range.0);
        let to = all.partition_point(|t| t.start < range.1);
        let slice = &all[from..to.max(from)];
        let cut = |t: &Tok| t.start < range.0 || t.end > range.1;
        if slice.first().is_some_and(cut) || slice.last().is_some_and(cut) {
            return words::tokenise(self.text, range, quotes);
        }
        let mut q = quotes.partition_point(|q| q.close <= range.0);
        slice
            .iter()
            .map(|t| {
                while quotes.get(q).is_some_and(|x| x.close <= t.start) {
                    q += 1;
                }
                let quoted = quotes.get(q).is_some_and(|x| x.open <= t.start && t.start < x.close);
                Tok { quoted, ..t.clone() }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words taken from the whole text are the words of each sentence tokenised on its own, quotation flags
    /// included, whatever quotations the sentence is given.
    #[test]
    fn sentence_words_match_tokenising_the_sentence() {
        let text = "“We are ready. All of us,” he said. Mr. Peskov's aides (U.S.-backed) didn't ‘agree’.\n\n\
                    “It runs on\n\n“and on,” she added.";
        let doc = Document::new(None, text);
        for p in doc.paragraphs() {
            for &r in &p.sentences {
                for quotes in [doc.quotes(), &[]] {
                    assert_eq!(
                        doc.words_in(r, quotes),
                        words::tokenise(text, r, quotes),
                        "{:?}",
                        &text[r.0..r.1]
                    );
                }
            }
        }
    }

    /// A range that cuts a word is tokenised afresh, as the range alone reads.
    #[test]
    fn a_range_inside_a_word_is_read_afresh() {
        let text = "abcdef ghi";
        let doc = Document::new(None, text);
        let words = doc.words_in((2, 8), &[]);
        assert_eq!(words, words::tokenise(text, (2, 8), &[]));
        assert_eq!(&text[words[0].start..words[0].end], "cdef");
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let doc = Document::new(None, "One. Two.\n\nThree");
        let p = doc.paragraphs();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].range, (0, 9));
        assert_eq!(p[1].range, (11, 16));
        assert_eq!(p[0].sentences, vec![(0, 4), (5, 9)]);
        assert!(doc.title_tokens().is_empty());
    }
}
