//! Sentences of a paragraph, aware of quotations and abbreviations: a full stop inside quotation marks
//! does not end the sentence that carries the quotation (`"We are ready. All of us," he said.`), and
//! neither do `Mr.`, `Dr.`, `Gen.`, `U.S.`, `Jan.` or initials (`Dmitry S. Peskov`).

use crate::marks::Quoted;

/// Longest sentence, in bytes: a run of text with no sentence break (a page of one line) is read in pieces
/// of about this length, broken at a space (or anywhere past twice the length), which keeps the work per
/// sentence bounded.
const MAX_SENTENCE_BYTES: usize = 2000;

/// Byte ranges of the sentences in `text[range]`, given the quotations found in `text` (in text order,
/// not overlapping).
pub fn split(text: &str, range: (usize, usize), quotes: &[Quoted]) -> Vec<(usize, usize)> {
    let (from, to) = range;
    // A stop inside a quotation ends nothing, unless it is the quotation's last character. Stops come in
    // text order, so the quotation that may hold one is found by binary search.
    let inside = |at: usize| {
        let k = quotes.partition_point(|q| q.inner.0 <= at);
        k > 0 && at + 1 < quotes[k - 1].inner.1
    };
    let mut out = Vec::new();
    let mut start = from;
    let bytes = text.as_bytes();
    let mut i = from;
    while i < to {
        let c = bytes[i];
        let long = i - start >= MAX_SENTENCE_BYTES;
        if long && (c == b' ' || i - start >= 2 * MAX_SENTENCE_BYTES) && text.is_char_boundary(i) {
            push(text, &mut out, start, i);
            start = i;
        }
        if matches!(c, b'.' | b'!' | b'?') && !inside(i) {
            // The sentence runs on over closing marks and brackets after its stop.
            let mut end = i + 1;
            while end < to {
                let rest = &text[end..to];
                let Some(ch) = rest.chars().next() else { break };
                if matches!(ch, '"' | '”' | '’' | '\'' | '»' | ')' | '.' | '!' | '?') {
                    end += ch.len_utf8();
                } else {
                    break;
                }
            }
            let next = text[end..to].chars().next();
            let boundary = next.is_none_or(char::is_whitespace);
            let after_word = text[end..to].trim_start().chars().next();
            let continues = after_word.is_some_and(|w| w.is_lowercase() || w.is_ascii_digit());
            if boundary && !continues && !abbreviation(text, start, i) {
                push(text, &mut out, start, end);
                start = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push(text, &mut out, start, to);
    out
}

fn push(text: &str, out: &mut Vec<(usize, usize)>, start: usize, end: usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if start + lead < end - trail {
        out.push((start + lead, end - trail));
    }
}

/// Whether the full stop at `stop` ends an abbreviation or an initial rather than a sentence.
pub fn abbreviation(text: &str, start: usize, stop: usize) -> bool {
    let word: String = text[start..stop]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if crate::tokens::abbreviation(&word, text.get(stop + 1..).unwrap_or_default()) {
        return true;
    }
    // An initial (`S.` in `Dmitry S. Peskov`) or dotted letters (`U.S.`).
    let letters: Vec<&str> = word.split('.').filter(|p| !p.is_empty()).collect();
    !letters.is_empty()
        && letters
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marks;

    fn sentences(text: &str) -> Vec<&str> {
        let q = marks::find(text);
        split(text, (0, text.len()), &q)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn splits_on_stops_outside_quotes_and_abbreviations() {
        assert_eq!(
            sentences(
                "Mr. Peskov spoke. “We are ready. All of us,” he said. Dmitry S. Peskov left the U.S. on Jan. 3."
            ),
            vec![
                "Mr. Peskov spoke.",
                "“We are ready. All of us,” he said.",
                "Dmitry S. Peskov left the U.S. on Jan. 3."
            ]
        );
        assert_eq!(
            sentences("“Absolutely right.” He added more."),
            vec!["“Absolutely right.”", "He added more."]
        );
        // Days, months and numbering are abbreviations only as such: `sat.` and `no.` end sentences.
        assert_eq!(
            sentences("He sat. The vote is on Sat. Jan. 4 at No. 5 Main Street. Voters said no. They left."),
            vec![
                "He sat.",
                "The vote is on Sat. Jan. 4 at No. 5 Main Street.",
                "Voters said no.",
                "They left."
            ]
        );
    }

    #[test]
    fn a_text_without_stops_is_read_in_bounded_pieces() {
        let text = "word ".repeat(5000) + &"é".repeat(3000);
        let got = split(&text, (0, text.len()), &[]);
        assert!(got.len() > 5, "{}", got.len());
        assert!(got.iter().all(|&(s, e)| e - s <= 2 * MAX_SENTENCE_BYTES + 4));
        assert_eq!(got.first().map(|r| r.0), Some(0));
        assert_eq!(got.last().map(|r| r.1), Some(text.len()));
    }
}
