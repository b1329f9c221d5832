//! Tokens as the entity tagger sees them: words (with inner periods, apostrophes, hyphens and ampersands
//! kept: `U.S.`, `O'Brien`, `Belarus-Poland`, `AT&T`), the possessive `'s` split off, every other
//! punctuation mark a token of its own; each with its byte range in the text.

/// Abbreviations whose full stop ends no sentence, whatever follows (`Mr.`, `Gov.`, `Corp.`, `e.g.`), lower
/// case, without the stop. The one list the entity tokeniser and the quote stage's sentences share.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cpt", "cmdr", "adm", "maj", "gov", "sen",
    "rep", "rev", "pres", "st", "jr", "sr", "inc", "ltd", "co", "corp", "bros", "dept", "univ", "vs", "approx", "mt",
    "ft", "e.g", "i.e", "a.m", "p.m",
];

/// Abbreviations only when capitalised (`Sat.`, `Mar.`, `Est.`): in lower case they are words that end
/// sentences (`He sat.`, `to mar.`).
const CAPITALISED_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu",
    "fri", "sat", "sun", "est",
];

/// Abbreviations only before a number (`No. 5`, `p. 12`, `Vol. 3`, `Fig. 2`): else words (`said no.`).
const NUMBERING_ABBREVIATIONS: &[&str] = &["no", "nos", "p", "pp", "vol", "fig"];

/// Whether `word`, followed by a full stop and then `after`, is an abbreviation whose stop ends no sentence
/// (an initial or dotted letters aside, which callers judge themselves).
pub fn abbreviation(word: &str, after: &str) -> bool {
    let lower = word.to_lowercase();
    let lower = lower.as_str();
    ABBREVIATIONS.contains(&lower)
        || CAPITALISED_ABBREVIATIONS.contains(&lower) && word.starts_with(char::is_uppercase)
        || NUMBERING_ABBREVIATIONS.contains(&lower) && after.trim_start().starts_with(|c: char| c.is_ascii_digit())
}

/// One token: its byte range in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Whether the token begins a sentence (first of its paragraph or after `.`, `!`, `?`, `:`).
    pub sentence_start: bool,
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{301}'
}

/// Splits `text` into tokens.
pub fn tokenise(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let mut next_starts = true;
    while i < chars.len() {
        let (b, c) = chars[i];
        if c == '\n' {
            if chars.get(i + 1).is_some_and(|x| x.1 == '\n') || out.is_empty() {
                next_starts = true;
            }
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = b;
        let mut j = i + 1;
        if word_char(c) {
            while j < chars.len() {
                let d = chars[j].1;
                if word_char(d) {
                    j += 1;
                } else if matches!(d, '.' | '\'' | '’' | '-' | '&' | '‑')
                    && chars.get(j + 1).is_some_and(|x| word_char(x.1))
                {
                    // `'s` after a word is the possessive, a token of its own.
                    let possessive = matches!(d, '\'' | '’')
                        && chars.get(j + 1).is_some_and(|x| x.1 == 's' || x.1 == 'S')
                        && !chars.get(j + 2).is_some_and(|x| word_char(x.1));
                    if possessive {
                        break;
                    }
                    j += 1;
                } else {
                    break;
                }
            }
            // A period after an abbreviation, an initial or a dotted acronym (`U.S.`) is part of the word.
            if chars.get(j).is_some_and(|x| x.1 == '.') {
                let word = &text[start..chars[j].0];
                let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                let after = chars.get(j + 1).map_or("", |x| &text[x.0..]);
                if initial || word.contains('.') || abbreviation(word, after) {
                    j += 1;
                }
            }
        } else if matches!(c, '\'' | '’') && chars.get(i + 1).is_some_and(|x| x.1 == 's' || x.1 == 'S') {
            j = i + 2;
        }
        let end = chars.get(j).map_or(text.len(), |x| x.0);
        out.push(Token {
            start,
            end,
            sentence_start: next_starts,
        });
        let tok = &text[start..end];
        next_starts = matches!(tok, "." | "!" | "?" | ":" | "…" | "•" | "|");
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenise(text).iter().map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn splits_like_newswire() {
        assert_eq!(
            words("Mr. Putin’s U.S. trip, said A. Smith."),
            ["Mr.", "Putin", "’s", "U.S.", "trip", ",", "said", "A.", "Smith", "."]
        );
        assert_eq!(
            words("Belarus-Poland border (AT&T)"),
            ["Belarus-Poland", "border", "(", "AT&T", ")"]
        );
        let t = tokenise("One. Two\n\nthree");
        assert!(t[0].sentence_start && !t[1].sentence_start && t[2].sentence_start && t[3].sentence_start);
    }
}
