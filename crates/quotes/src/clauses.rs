//! What lies around a sentence's frame: where reported content ends (the writer's own clauses, an act's
//! object), attributions outside the sentence (`― Name.` signatures, transcript labels, `Name: “Q”` lines),
//! headline quotations, and the tokens every frame reads.

use dateline_model::QuoteKind;

use crate::frames::{Found, Sentence, DETERMINERS};
use crate::lexicon::{self, BETWEEN, PRONOUNS};
use dateline_text::marks;
use dateline_text::words::Tok;

/// Words that, after a comma, open the writer's own clause rather than more of the statement: a
/// concession or contrast (`, although he again refused …`), a non-restrictive relative (`, which …`).
const WRITER_CLAUSES: &[&str] = &["although", "though", "while", "whereas", "which"];

/// Where reported content `range` ends once what the writer adds is cut off: a parenthesis left open; at the
/// first comma or dash (or comma closing a quotation) before one of [`WRITER_CLAUSES`], a participle
/// (`, implicitly putting`), a closing `who` clause, or `but`/`and` going on about the subject (`, but
/// offered no proof`, `, but he refuses`, `, and added`); else before the setting the statement was made in
/// (`in a statement on Thursday`).
pub(crate) fn writer_clause_end(toks: &[Tok], range: (usize, usize)) -> usize {
    let from = toks.partition_point(|t| t.start < range.0);
    let inside: Vec<&Tok> = toks[from..].iter().take_while(|t| t.end <= range.1).collect();
    // The end of the last word before token `k`.
    let end_before = |k: usize| inside[..k].iter().rev().find(|t| t.word).map(|t| t.end.max(range.0));
    for k in 1..inside.len().saturating_sub(1) {
        // `… in the immediate term (they want lower tax rates`: a parenthesis left open is the writer's aside.
        if inside[k].lower == "(" && !inside[k].quoted && !inside[k + 1..].iter().any(|t| t.lower == ")") {
            if let Some(end) = end_before(k) {
                return end;
            }
        }
        let comma = inside[k];
        // A comma, or a dash (`-- assuming that …`).
        let dash = matches!(comma.lower.as_str(), "—" | "–" | "―" | "-");
        if !(comma.lower == "," || dash) || (comma.lower == "-" && inside[k - 1].lower == "-") {
            continue;
        }
        // A comma inside the marks that close a quotation counts as one outside (`…," though she noted`).
        let marks = if comma.quoted {
            inside[k + 1..].iter().take_while(|t| t.quoted && !t.word).count()
        } else {
            inside[k + 1..].iter().take_while(|t| t.lower == "-").count()
        };
        if comma.quoted && marks == 0 {
            continue;
        }
        let n = k + 1 + marks;
        let Some(next) = inside.get(n).filter(|t| !t.quoted && t.word) else {
            continue;
        };
        let after = inside.get(n + 1).map_or("", |t| t.lower.as_str());
        // `, but also`, `, but has`; not `, but for some,` (a phrase opening more of the statement).
        let adverb = BETWEEN.contains(&after)
            && !matches!(
                after,
                "in" | "turn" | "for" | "its" | "part" | "his" | "their" | "own" | "on" | "only"
            )
            && !is_time_word(after);
        // `, and added …`, `, but still lost`: a verb after the conjunction goes on about the
        // subject of the sentence, in the writer's words; `, but many corporations …` turns to others.
        let verb = |w: &str| w.len() > 4 && w.ends_with("ed") || matches!(w, "still" | "then");
        let narrator = matches!(next.lower.as_str(), "and" | "but") && verb(after)
            || next.lower == "but"
                && (PRONOUNS.contains(&after)
                    || matches!(after, "many" | "most" | "some" | "few" | "other" | "others")
                    || adverb
                    || matches!(after, "offered" | "refused" | "declined" | "did" | "didn't" | "does"));
        // `, implicitly putting his name on the line`, `, even suggesting`: an adverb before the participle.
        let modifier =
            next.lower.ends_with("ly") || matches!(next.lower.as_str(), "even" | "also" | "again" | "further");
        let adverb_participle = modifier && inside.get(n + 1).is_some_and(|t| opens_participle(t));
        // `…, who has not been charged`: a relative clause that runs to the end describes, it does not report.
        let relative = next.lower == "who" && !inside[n..].iter().any(|t| t.lower == "," && !t.quoted);
        // `… to drilling ― probably not exactly what Graham had in mind`: the writer's judgement after a dash
        // that no second dash closes.
        let judgement = dash && matches!(
                next.lower.as_str(),
                "probably" | "perhaps" | "apparently" | "presumably" | "possibly" | "arguably" | "hardly" | "not"
            ) && !inside[n..].iter().any(|t| matches!(t.lower.as_str(), "—" | "–" | "―"))
                // `― as was true for the few years his returns were made public`: the writer's check.
                || dash && next.lower == "as" && lexicon::is_be(after);
        if WRITER_CLAUSES.contains(&next.lower.as_str())
            || opens_participle(next)
            || judgement
            || narrator
            || adverb_participle
            || relative
        {
            // Over the marks that close a quotation, with the comma they enclose.
            if comma.quoted {
                return inside[k + marks].end;
            }
            if let Some(end) = end_before(k) {
                return end;
            }
        }
    }
    // `called for more school investment in a statement on Thursday`: where the statement was made.
    let setting = (2..inside.len()).find(|&k| {
        let t = inside[k];
        let opens = !t.quoted && (matches!(t.lower.as_str(), "in" | "on" | "at" | "during") || is_weekday(&t.lower));
        let determined = inside
            .get(k + 1)
            .is_some_and(|d| DETERMINERS.contains(&d.lower.as_str()) || d.cap);
        opens
            && determined
            && inside[k + 1..]
                .iter()
                .take(4)
                .any(|t| SETTINGS.contains(&t.lower.as_str()))
            && inside[k..].iter().all(|t| !t.quoted && t.lower != "that")
            && inside[..k].iter().filter(|t| t.word).count() >= 3
    });
    setting.and_then(end_before).unwrap_or(range.1)
}

/// Where the object of an act or attitude (`praised Mr. Clarke's work`, `agreed to release millions`) that
/// starts at token `from` ends, before token `limit`: at a conjunction opening the writer's next clause (`… so
/// Mr. Clarke could start`, `… while needling opponents`, `…, who has never faced`, `… and despised them`).
pub(crate) fn object_end(toks: &[Tok], from: usize, limit: usize) -> usize {
    let clause = |k: usize| {
        let t = &toks[k];
        let after_comma = toks[k - 1].lower == ",";
        match t.lower.as_str() {
            "while" | "when" | "whenever" | "because" | "since" | "so" | "until" | "unless" | "although" | "though"
            | "but" | ";" | "after" | "before" => true,
            // `condemned the launch as Pyongyang fired three missiles`: `as` with a subject of its own.
            // Not a comparison (`as much as he can`, `such as Michigan`) nor a description (`described the dinner as
            // Washington celebrating itself`).
            "as" => {
                let comparison = matches!(
                    toks[k - 1].lower.as_str(),
                    "such" | "much" | "many" | "well" | "long" | "soon"
                ) || toks[from..k].iter().any(|t| t.lower == "as");
                let verb = |v: &Tok| {
                    !v.quoted
                        && (v.lower.len() > 4 && v.lower.ends_with("ed")
                            || lexicon::is_be(&v.lower)
                            || matches!(v.lower.as_str(), "has" | "had"))
                };
                let subject = |n: &Tok| {
                    !n.quoted
                        && (matches!(n.lower.as_str(), "he" | "she" | "they" | "we") || n.cap && !possessive(&n.lower))
                };
                after_comma || !comparison && toks.get(k + 1).is_some_and(subject) && toks.get(k + 2).is_some_and(verb)
            }
            "who" | "which" | "where" | "he" | "she" | "they" | "it" => after_comma,
            // `and called for steep new tariffs`: a second act of the subject.
            "and" => {
                after_comma
                    || toks
                        .get(k + 1)
                        .is_some_and(|n| n.lower.len() > 4 && n.lower.ends_with("ed"))
            }
            _ => false,
        }
    };
    (from + 1..limit.min(toks.len()))
        .find(|&k| !toks[k].quoted && clause(k))
        .map(|k| if toks[k - 1].lower == "," { k - 1 } else { k })
        .unwrap_or(limit)
}

/// Nouns for where or how a statement was made (`in a statement`, `at a rally`, `on The Laura Ingraham Show`).
const SETTINGS: &[&str] = &[
    "statement",
    "statements",
    "interview",
    "interviews",
    "rally",
    "speech",
    "conference",
    "briefing",
    "show",
    "program",
    "programme",
    "appearance",
    "tweet",
    "tweets",
    "twitter",
    "facebook",
    "op-ed",
    "stop",
    "podcast",
    "remarks",
];

/// Whether `w` ends in a possessive `'s`.
pub(crate) fn possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s")
}

/// Whether `w` (lower case) names a day of the week.
pub(crate) fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// Whether `t` is a participle in lower case that opens a clause after a comma (`…, providing`).
pub(crate) fn opens_participle(t: &Tok) -> bool {
    t.word
        && t.lower.ends_with("ing")
        && t.lower.len() > 5
        && !t.cap
        && !t.lower.ends_with("thing")
        // Prepositions in -ing (`during`, `including`) open no participle.
        && !matches!(
            t.lower.as_str(),
            "during" | "morning" | "evening" | "according" | "including" | "excluding" | "regarding" | "concerning"
        )
}

/// The kind of a reported clause: partial when it quotes some words in marks, else indirect.
pub(crate) fn reported_kind(content: &str) -> QuoteKind {
    if marks::find(content).is_empty() {
        QuoteKind::Indirect
    } else {
        QuoteKind::Partial
    }
}

/// The name a quotation is signed with after a dash (`“Q.” ― Karen Bobadilla.`, `"Q" - John Gorra, Ohio`):
/// up to five capitalised words between the dash and a stop, comma or the end of the paragraph.
pub(crate) fn signed(text: &str, f: &Found, para_end: usize) -> Option<(usize, usize)> {
    let end = f.content.last()?.1;
    let rest = text.get(end..para_end)?;
    let after_marks = rest.trim_start_matches(|c: char| "”\"’'.,!? ".contains(c));
    let after_dash = after_marks.strip_prefix(['―', '—', '–', '-'])?;
    let name = after_dash.trim_start();
    let start = para_end - name.len();
    let mut len = 0;
    let mut words = 0;
    for word in name.split(' ') {
        let clean = word.trim_end_matches(['.', ',']);
        if !clean.chars().next().is_some_and(char::is_uppercase) || words == 5 {
            return None;
        }
        words += 1;
        // An initial's stop (`Oscar P. Quintero`) does not end the name.
        let initial = clean.chars().count() == 1 && word.ends_with('.');
        len += if initial { word.len() } else { clean.len() };
        if !initial && clean.len() < word.len() || len + 1 > name.len() {
            break;
        }
        len += 1;
    }
    (words > 0).then_some((start, start + len))
}

/// The speaker a transcript line names before a colon at the start of the quotation (`"PENCE: Well, …"`,
/// `“MR. TRUMP: …`): one to three words in capitals.
pub(crate) fn transcript(text: &str, f: &Found) -> Option<(usize, usize)> {
    let start = f.content.first()?.0;
    let head = text.get(start..f.content.first()?.1)?;
    let colon = head.find(':')?;
    let name = &head[..colon];
    let words = name.split_whitespace().count();
    let capitals = name.chars().filter(|c| c.is_alphabetic()).count();
    let ok = (1..=3).contains(&words)
        && capitals >= 2
        && name
            .chars()
            .all(|c| c.is_uppercase() || c == ' ' || c == '.' || c == '-' || c == '\'');
    ok.then_some((start, start + colon))
}

/// Words that open a sentence with an adverbial phrase before its subject.
pub(crate) const OPENERS: &[&str] = &[
    "during",
    "after",
    "before",
    "since",
    "while",
    "when",
    "despite",
    "following",
    "amid",
    "with",
    "without",
    "for",
    "from",
    "under",
    "as",
    "at",
    "by",
    "throughout",
    "speaking",
    "asked",
    "although",
    "though",
    "if",
    "because",
    "addressing",
    "writing",
];

/// Words that label a line before a colon (`Update:`, `Editor's note:`) rather than name a speaker.
const LINE_LABELS: &[&str] = &[
    "note",
    "update",
    "updated",
    "watch",
    "read",
    "more",
    "related",
    "photo",
    "video",
    "source",
    "editor's",
    "advertisement",
    "listen",
    "see",
    "also",
    "breaking",
    "exclusive",
    "opinion",
    "analysis",
    "correction",
    "subscribe",
    "quote",
    "caption",
    "transcript",
    "headline",
    "question",
    "answer",
    "q",
    "a",
];

/// The speaker a line names before the colon that opens its quotation (`Clinton: "Our goal …"`, `Cecile
/// Richards: ‘I’m sick …’`): one to four capitalised words after the last stop or quotation mark before it,
/// none of them a label. Searched from byte `from`, the start of the paragraph.
pub(crate) fn colon_lead(text: &str, f: &Found, from: usize) -> Option<(usize, usize)> {
    let open = text.get(from..f.content.first()?.0)?.trim_end();
    let lead = open.strip_suffix(['"', '“', '”', '‘', '’', '\'', '«', '„'])?.trim_end();
    let lead = lead.strip_suffix(':')?;
    let name_at = lead
        .char_indices()
        .rfind(|(_, c)| ['.', '!', '?', '"', '”', '’', '\n'].contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let name = lead[name_at..].trim_start();
    let words: Vec<&str> = name.split_whitespace().collect();
    let named = (1..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !LINE_LABELS.contains(&w.to_lowercase().trim_end_matches(['.', ',']))
        });
    let start = from + lead.len() - name.len();
    named.then_some((start, from + lead.len()))
}

/// Weekdays, months and time words that open a sentence before its subject.
pub(crate) fn is_time_word(w: &str) -> bool {
    is_weekday(w)
        || matches!(
            w,
            "on" | "today"
                | "yesterday"
                | "earlier"
                | "later"
                | "meanwhile"
                | "however"
                | "last"
                | "week"
                | "month"
                | "year"
                | "in"
                | "turn"
                | "morning"
                | "afternoon"
                | "evening"
                | "night"
                | "weekend"
        )
}

/// Quotations in a headline: a quotation with no cue is attributed to the words before it (`Ukraine ‘to
/// bolster border’`), one with a cue as in the text.
pub(crate) fn headline(title: &str) -> Vec<Found> {
    let quotes = marks::find(title);
    let s = Sentence::headline(title, &quotes);
    let mut found = s.quotes();
    for f in &mut found {
        if f.mention.is_none() {
            if let Some(q) = quotes.first() {
                let before = &s.toks.iter().filter(|t| t.end <= q.open && t.word).collect::<Vec<_>>();
                if let (Some(first), Some(last)) = (before.first(), before.last()) {
                    if before.len() <= 4 && before.iter().all(|t| t.cap) {
                        f.mention = Some((first.start, last.end));
                    }
                }
            }
            f.needs_speaker = false;
        }
    }
    found
}

/// Number of words in `s`.
pub(crate) fn words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}
