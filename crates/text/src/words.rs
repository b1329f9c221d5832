//! Words as the quote stage reads them: a run of letters and digits (with inner apostrophes, hyphens and
//! full stops kept: `don't`, `Belarus-Poland`, `U.S`) or one punctuation character, each with its byte range,
//! lower-cased form and whether a quotation holds it.

use crate::marks::Quoted;

/// A token of a sentence: a word or one punctuation character.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tok {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The token in lower case.
    pub lower: String,
    /// Whether it opens with a capital letter.
    pub cap: bool,
    /// Whether it is a word (letters or digits), not punctuation.
    pub word: bool,
    /// Inside a quotation (marks included).
    pub quoted: bool,
}

/// Words and punctuation of `text[range]` with byte offsets.
pub fn tokenise(text: &str, range: (usize, usize), quotes: &[Quoted]) -> Vec<Tok> {
    let mut out = Vec::new();
    let s = &text[range.0..range.1];
    // Quotations are in text order and do not overlap; tokens come in text order too, so one cursor tells
    // which quotation, if any, holds each token.
    let mut q = quotes.partition_point(|q| q.close <= range.0);
    let mut quoted = |at: usize| {
        while quotes.get(q).is_some_and(|x| x.close <= at) {
            q += 1;
        }
        quotes.get(q).is_some_and(|x| x.open <= at && at < x.close)
    };
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let at = range.0 + i;
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                let joiner = matches!(d, '\'' | '’' | '-' | '.');
                let next_word = s[j + d.len_utf8()..].chars().next().is_some_and(char::is_alphanumeric);
                if d.is_alphanumeric() || (joiner && next_word) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let word = &s[i..end];
            out.push(Tok {
                start: at,
                end: range.0 + end,
                lower: word.to_lowercase(),
                cap: c.is_uppercase(),
                word: true,
                quoted: quoted(at),
            });
        } else if !c.is_whitespace() {
            out.push(Tok {
                start: at,
                end: at + c.len_utf8(),
                lower: c.to_string(),
                cap: false,
                word: false,
                quoted: quoted(at),
            });
        }
    }
    out
}
