//! Corrections to the tagger's name spans before they are typed: a word capitalised only for a sentence's
//! start cut off (`For Level 2`), runs of capitalised words ending in an organisation's noun taken whole
//! (`Russian Foreign Ministry`), and organisations extended over what they are of (`Department of Health and
//! Human Services`).

use std::collections::HashSet;

use super::{is_cap, Segment, NOT_TITLE};
use crate::lexicon::{self, CLAUSE_OPENERS, ORG_HEADS};
use crate::ner::{Name, NameType};

/// The pairs of a capitalised [`CLAUSE_OPENERS`] word and the word after it (lower case) that a document
/// writes away from a sentence's start (`at Under Armour`): there the word is part of a name.
pub(super) fn openers_inside(segs: &[Segment<'_>]) -> HashSet<(String, String)> {
    let mut out = HashSet::new();
    for seg in segs {
        for i in 0..seg.tokens.len().saturating_sub(1) {
            let w = seg.word(i);
            if is_cap(w) && !seg.tokens[i].sentence_start && CLAUSE_OPENERS.contains(&w.to_lowercase().as_str()) {
                out.insert((w.to_lowercase(), seg.word(i + 1).to_lowercase()));
            }
        }
    }
    out
}

/// A name opening with a word capitalised only because it starts a sentence or a heading and which opens a
/// clause or a phrase (`For Level 2`, `Since Diwali`, `Our Related Services`) loses that word and the
/// lower-case words after it (`On the View`); a name of one word left is dropped, its type having been read
/// with the words it lost. `opening` holds the pairs the document writes inside a sentence too
/// ([`openers_inside`]).
pub(super) fn drop_clause_openers(seg: &Segment<'_>, opening: &HashSet<(String, String)>, names: &mut Vec<Name>) {
    names.retain_mut(|n| {
        let w = seg.word(n.first);
        let lower = w.to_lowercase();
        let all_caps = w.chars().all(|c| !c.is_lowercase());
        if all_caps || !seg.tokens[n.first].sentence_start || !CLAUSE_OPENERS.contains(&lower.as_str()) {
            return true;
        }
        let next = (n.first + 1 < seg.tokens.len()).then(|| seg.word(n.first + 1).to_lowercase());
        if next.is_some_and(|next| opening.contains(&(lower, next))) {
            return true;
        }
        n.first += 1;
        while n.first < n.last && !is_cap(seg.word(n.first)) {
            n.first += 1;
        }
        n.last - n.first >= 2
    });
}

/// Runs of capitalised words ending in an organisation noun (`Russian Foreign Ministry`) the tagger missed
/// or cut: they replace the names they overlap.
pub(super) fn organisations(seg: &Segment<'_>, names: &mut Vec<Name>) {
    let n = seg.tokens.len();
    for end in 1..=n {
        if !ORG_HEADS.contains(&seg.word(end - 1).trim_end_matches('.'))
            || (end < n && is_cap(seg.word(end)) && !seg.tokens[end].sentence_start)
        {
            continue;
        }
        let mut first = end - 1;
        while first > 0 {
            let w = seg.word(first - 1);
            if !is_cap(w) || NOT_TITLE.contains(&w.to_lowercase().as_str()) || seg.tokens[first].sentence_start {
                break;
            }
            first -= 1;
        }
        if end - first < 2 || names.iter().any(|x| x.first <= first && end <= x.last) {
            continue;
        }
        names.retain(|x| x.last <= first || end <= x.first);
        names.push(Name {
            first,
            last: end,
            kind: NameType::Organization,
        });
    }
    // `Department of Health and Human Services`, `National Institute on Drug Abuse`: an organisation's noun
    // with what it is of, taken whole over the pieces the tagger found.
    names.sort_by_key(|x| x.first);
    let mut k = 0;
    while k < names.len() {
        let name = &names[k];
        // The name's last organisation noun, and the `of` phrase after it, in the name or after it.
        let head = (name.first..name.last)
            .rev()
            .find(|&i| ORG_HEADS.contains(&seg.word(i).trim_end_matches('.')));
        let end = head.and_then(|h| {
            let noun = seg.word(h).trim_end_matches('.');
            of_phrase_end(seg, h + 1, GOVERNING_HEADS.contains(&noun))
        });
        if let Some(end) = end.filter(|&e| e > name.last) {
            let first = name.first;
            names.retain(|x| x.last <= first || end <= x.first || x.first == first);
            if let Some(x) = names.iter_mut().find(|x| x.first == first) {
                x.last = end;
                x.kind = NameType::Organization;
            }
        }
        k += 1;
    }
    names.sort_by_key(|x| x.first);
}

/// Organisations' nouns whose names join two fields with `and` (`Office of Management and Budget`).
const GOVERNING_HEADS: &[&str] = &[
    "Department",
    "Office",
    "Ministry",
    "Bureau",
    "Institute",
    "Commission",
    "Council",
    "Committee",
    "Agency",
];

/// Where an organisation's `of` phrase that starts at token `at` ends: `of` (`on`, `for`), an optional
/// `the`, capitalised words, with `and_joins` one more `and` (`&`) with capitalised words, then up to two
/// more `of` phrases; `None` when no such phrase follows.
fn of_phrase_end(seg: &Segment<'_>, at: usize, and_joins: bool) -> Option<usize> {
    let n = seg.tokens.len();
    let word = |i: usize| (i < n).then(|| seg.word(i));
    if !matches!(word(at), Some("of" | "on" | "for")) {
        return None;
    }
    let mut i = at + 1;
    if word(i) == Some("the") {
        i += 1;
    }
    let caps = |mut i: usize| {
        while word(i)
            .is_some_and(|w| is_cap(w) && w.chars().any(char::is_alphabetic) && !lexicon::DATE_WORDS.contains(&w))
            && !seg.tokens[i].sentence_start
        {
            i += 1;
        }
        i
    };
    let mut end = caps(i);
    if end == i {
        return None;
    }
    if and_joins && matches!(word(end), Some("and" | "&")) {
        let from = if word(end + 1) == Some("the") { end + 2 } else { end + 1 };
        let more = caps(from);
        if more > from {
            end = more;
        }
    }
    // A chain of them: `… for the Western District of New York`.
    for _ in 0..2 {
        if word(end) != Some("of") {
            break;
        }
        let more = caps(end + 1);
        if more == end + 1 {
            break;
        }
        end = more;
    }
    Some(end)
}
