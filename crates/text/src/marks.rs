//! Quotation marks: which characters open and close a quotation, in every convention news text uses
//! (“…” "…" «…» „…“ »…« ‘…’ '…' ''…''), telling apostrophes (`don’t`, `'90s`, `Jones'`) from marks, and pairing
//! them without ever failing: an unmatched mark is ignored, a wrongly turned closing mark (“…“) still
//! closes, and a quotation left open at the end of a paragraph that the next paragraph reopens continues
//! there.

/// A quotation found between marks: byte offsets of the marks themselves and of the words inside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quoted {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset one past the closing mark (or the paragraph end when the quotation runs on).
    pub close: usize,
    /// The words inside, marks excluded and whitespace trimmed.
    pub inner: (usize, usize),
    /// Whether single marks (‘…’, '…') enclose it.
    pub single: bool,
}

/// What a mark can do where it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

/// Whether a mark's neighbour is a space, an edge of the text or an opening bracket or dash.
fn space_or_edge(x: Option<char>) -> bool {
    x.is_none_or(|x| x.is_whitespace() || "([{—–-/".contains(x))
}

/// The marks of one family: double or single. Returns the role of `c` given its neighbours.
fn role(c: char, before: Option<char>, after: Option<char>) -> Option<(Role, bool)> {
    let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    match c {
        // A mark at the very end of a paragraph can only close what is open.
        '"' | '“' if after.is_none_or(|a| a == '\n') => Some((Role::Close, false)),
        '“' | '„' | '«' => {
            // A closing mark: `“` wrongly turned, or German `«` and `“`, glued to the word before and
            // followed by space or punctuation.
            if c != '„' && !space_or_edge(before) && !word(after) {
                Some((Role::Close, false))
            } else {
                Some((Role::Open, false))
            }
        }
        '”' | '»' => {
            if c == '»' && space_or_edge(before) && word(after) {
                // German »…« opens with ».
                Some((Role::Open, false))
            } else {
                Some((Role::Close, false))
            }
        }
        '"' => Some((Role::Either, false)),
        '‘' | '’' | '\'' => {
            // Apostrophes: inside a word (don’t), after a plural s (Jones’ car), before a year ('90s).
            if word(before) && word(after) {
                return None;
            }
            if after.is_some_and(|a| a.is_ascii_digit()) && space_or_edge(before) {
                return None;
            }
            if space_or_edge(before) && word(after) {
                Some((Role::Open, true))
            } else if !space_or_edge(before) && !word(after) {
                Some((Role::Close, true))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The role of a doubled apostrophe between `before` and `after`: it opens before a word and closes after one.
fn double_apostrophe(before: Option<char>, after: Option<char>) -> Option<(Role, bool)> {
    match (space_or_edge(before), space_or_edge(after)) {
        (true, false) => Some((Role::Open, false)),
        (false, _) => Some((Role::Close, false)),
        (true, true) => None,
    }
}

/// Every quotation in `text` (one paragraph or a whole article), outermost only, in order. Single-mark
/// quotations are found only outside double-mark ones, and only where the text has no double marks around
/// them (headlines: `Ukraine ‘to bolster border’`).
pub fn find(text: &str) -> Vec<Quoted> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut open: Option<(usize, bool)> = None; // (byte offset of the mark, single)
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let before = k.checked_sub(1).map(|j| chars[j].1);
        let after = chars.get(k + 1).map(|x| x.1);
        k += 1;
        if c == '\n' && after == Some('\n') {
            if let Some((o, single)) = open {
                // A quotation open at a paragraph's end runs on when the next paragraph reopens it.
                let next = chars[k..].iter().position(|x| !x.1.is_whitespace()).map(|j| k + j);
                let reopens = next.is_some_and(|j| {
                    let b = j.checked_sub(1).map(|i| chars[i].1);
                    let a = chars.get(j + 1).map(|x| x.1);
                    role(chars[j].1, b, a).is_some_and(|(r, s)| r != Role::Close && s == single)
                });
                match next {
                    // A transcript's next speaker (`"PENCE: …`) starts a quotation of their own.
                    Some(j) if reopens && speaker_label(&chars[j + 1..]) => {
                        push(text, &mut out, o, at, false);
                        open = Some((chars[j].0, single));
                        k = j + 1;
                    }
                    Some(j) if reopens => k = j + 1,
                    _ => {
                        push(text, &mut out, o, at, false);
                        open = None;
                    }
                }
            }
            continue;
        }
        // Two apostrophes are a double mark (`''It's anti-reform,''`, as some archives write quotations).
        let doubled = c == '\'' && after == Some('\'');
        let mark_len = if doubled { 2 } else { c.len_utf8() };
        let found = if doubled {
            let after = chars.get(k + 1).map(|x| x.1);
            k += 1;
            double_apostrophe(before, after)
        } else {
            role(c, before, after)
        };
        let Some((r, single)) = found else {
            continue;
        };
        match open {
            None if r != Role::Close => open = Some((at, single)),
            None => {}
            Some((_, osingle)) if osingle != single => {}
            // Curly marks inside a quotation opened with a straight one, closed before the paragraph ends,
            // are a quotation within it: `"PENCE: … thinks this is an episode of “Shark Tank.” But …`.
            Some((o, _)) if c == '“' && r == Role::Open && text[o..].starts_with('"') => {
                if let Some(j) = nested_close(&chars[k..]) {
                    k += j + 1;
                } else {
                    open = Some((at, single));
                }
            }
            Some((o, _)) => match r {
                Role::Close | Role::Either => {
                    push(text, &mut out, o, at + mark_len, true);
                    open = None;
                }
                // Two openings in a row: the first was stray.
                Role::Open => open = Some((at, single)),
            },
        }
    }
    if let Some((o, _)) = open {
        push(text, &mut out, o, text.len(), false);
    }
    // Single-mark quotations inside double ones are nested quotes, not quotations of their own.
    let doubles: Vec<(usize, usize)> = out.iter().filter(|q| !q.single).map(|q| (q.open, q.close)).collect();
    out.retain(|q| !q.single || !doubles.iter().any(|&(o, c)| o <= q.open && q.close <= c));
    out
}

/// Whether `chars` open with a transcript's speaker label: capitals (with spaces or periods) and a colon.
fn speaker_label(chars: &[(usize, char)]) -> bool {
    let label: Vec<char> = chars.iter().map(|x| x.1).take_while(|&c| c != ':').take(30).collect();
    chars.get(label.len()).is_some_and(|x| x.1 == ':')
        && label.iter().filter(|c| c.is_alphabetic()).count() >= 2
        && label.iter().all(|&c| c.is_uppercase() || c == ' ' || c == '.')
}

/// Where in `chars` the closing `”` of a quotation nested in a straight-quoted one stands: before any
/// straight mark and before the paragraph ends.
fn nested_close(chars: &[(usize, char)]) -> Option<usize> {
    for (j, &(_, c)) in chars.iter().enumerate() {
        match c {
            '”' => return Some(j),
            '"' => return None,
            '\n' if chars.get(j + 1).is_some_and(|x| x.1 == '\n') => return None,
            _ => {}
        }
    }
    None
}

fn push(text: &str, out: &mut Vec<Quoted>, open: usize, close: usize, closed: bool) {
    let mark = text[open..].chars().next().unwrap_or('"');
    let doubled = text[open..].starts_with("''");
    let single = matches!(mark, '‘' | '’' | '\'') && !doubled;
    let mark_len = if doubled { 2 } else { mark.len_utf8() };
    let inner_end = if closed && text[..close].ends_with("''") {
        close - 2
    } else if closed {
        text[..close].char_indices().next_back().map_or(close, |(i, _)| i)
    } else {
        close
    };
    let start = open + mark_len;
    if start >= inner_end {
        return;
    }
    let inner = &text[start..inner_end];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    if inner.trim().is_empty() {
        return;
    }
    out.push(Quoted {
        open,
        close,
        inner: (start + lead, inner_end - trail),
        single,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        find(text).iter().map(|q| &text[q.inner.0..q.inner.1]).collect()
    }

    #[test]
    fn pairs_every_convention() {
        assert_eq!(inner("He said “we are ready” today."), vec!["we are ready"]);
        assert_eq!(inner("He said \"we are ready\" today."), vec!["we are ready"]);
        assert_eq!(inner("Он сказал «мы готовы» сегодня."), vec!["мы готовы"]);
        assert_eq!(inner("Er sagte „wir sind bereit“ heute."), vec!["wir sind bereit"]);
        assert_eq!(inner("Er sagte »wir sind bereit« heute."), vec!["wir sind bereit"]);
        assert_eq!(
            inner("Ukraine ‘to bolster border with Belarus’ after talks"),
            vec!["to bolster border with Belarus"]
        );
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert_eq!(
            inner("We don’t know, the '90s were Jones' years, he said."),
            Vec::<&str>::new()
        );
        assert_eq!(
            inner("“We can’t (manage) without Russia,” he said."),
            vec!["We can’t (manage) without Russia,"]
        );
    }

    #[test]
    fn survives_odd_and_wrong_marks() {
        assert_eq!(inner("He called it “stupid“ and left."), vec!["stupid"]);
        assert_eq!(
            inner("A stray “ mark and then “a real quote” here."),
            vec!["a real quote"]
        );
        assert_eq!(inner("Unclosed “quote runs to the end"), vec!["quote runs to the end"]);
        assert_eq!(inner("Mixed \"straight and curly” marks."), vec!["straight and curly"]);
    }

    #[test]
    fn nested_single_marks_stay_inside() {
        assert_eq!(
            inner("“He told me ‘never’ twice,” she said."),
            vec!["He told me ‘never’ twice,"]
        );
    }

    #[test]
    fn doubled_apostrophes_are_double_marks() {
        assert_eq!(
            inner("''This isn't tax reform,'' said Mr. Holtz-Eakin. ''It's anti-reform.''"),
            vec!["This isn't tax reform,", "It's anti-reform."]
        );
    }

    #[test]
    fn curly_marks_nest_inside_straight_ones() {
        assert_eq!(
            inner("He said \"it is like “Shark Tank” on TV\" and left."),
            vec!["it is like “Shark Tank” on TV"]
        );
    }

    #[test]
    fn each_speaker_of_a_transcript_opens_a_quotation() {
        let text = "\"WALLACE: Will she be there?\n\n\"PENCE: She will not.\n\n\"It is a distraction.\"";
        assert_eq!(
            inner(text),
            vec![
                "WALLACE: Will she be there?",
                "PENCE: She will not.\n\n\"It is a distraction."
            ]
        );
    }

    #[test]
    fn quotations_run_on_across_paragraphs() {
        let text = "“First paragraph of the speech.\n\n“Second paragraph ends it.”\n\nThen narration.";
        let q = find(text);
        assert_eq!(q.len(), 1);
        assert!(text[q[0].inner.0..q[0].inner.1].ends_with("ends it."));
    }
}
