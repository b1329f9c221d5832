//! The frames that attribute a quotation within one sentence: where the cue verb is, which words name the
//! speaker (left of the cue as its subject, or right of it when inverted: `said Peskov`), what the content
//! is (the quotation, the clause after the cue, the clause before `, X said`), and through which outlet.

use dateline_model::QuoteKind;
use dateline_text::marks::Quoted;
pub(crate) use dateline_text::words::{tokenise, Tok};
use dateline_text::Document;

use crate::lexicon::{self, ADDRESSEE_CUES, BETWEEN, CUE_PHRASES, FUNCTION_WORDS, PRONOUNS, WEAK_CUES};

mod cues;
mod subjects;

pub(crate) use crate::clauses::{
    colon_lead, headline, is_time_word, is_weekday, object_end, opens_participle, possessive, reported_kind, signed,
    transcript, words, writer_clause_end, OPENERS,
};

/// Cue lemmas that may come before their subject (`"Q," said Peskov`).
const INVERTING: &[&str] = &[
    "say",
    "add",
    "write",
    "explain",
    "note",
    "continue",
    "recall",
    "reply",
    "warn",
    "insist",
    "ask",
    "argue",
    "conclude",
    "respond",
    "observe",
    "claim",
    "declare",
    "announce",
    "state",
    "acknowledge",
    "admit",
    "suggest",
    "comment",
    "report",
    "tweet",
    "remark",
    "stress",
    "emphasize",
    "emphasise",
    "point out",
    "agree",
    "counter",
    "quip",
    "joke",
    "predict",
    "complain",
    "caution",
    "concede",
    "confirm",
    "deny",
    "muse",
    "wonder",
    "assert",
    "reiterate",
    "answer",
    "testify",
    "allege",
    "recount",
    "clarify",
    "underline",
    "underscore",
    "maintain",
    "contend",
    "reveal",
    "disclose",
];
/// Words that open a phrase rather than a clause after an attribution (`…, Duda reported, as opposed to`).
const PHRASE_OPENERS: &[&str] = &[
    "as", "in", "at", "with", "without", "after", "before", "despite", "during", "from", "than", "unlike", "like",
];
/// Words that open an adverbial or subordinate clause, not a statement.
const SUBORDINATORS: &[&str] = &[
    "but", "and", "if", "when", "while", "though", "although", "because", "since", "as", "during", "to", "even",
    "after", "before", "in", "for", "with", "unless", "until", "once", "whether",
];
/// Whether `mention` is only a pronoun (`he`, `They`).
pub(crate) fn is_pronoun(mention: &str) -> bool {
    PRONOUNS.contains(&mention.to_lowercase().as_str())
}

/// Connectives set off by commas between a cue and its content (`noted, however, that C`).
const CONNECTIVES: &[&str] = &[
    "however",
    "though",
    "also",
    "again",
    "moreover",
    "furthermore",
    "meanwhile",
    "instead",
];

/// Prepositions that open a phrase between a cue and its `that` (`said in an interview that`).
const PREPOSITIONS: &[&str] = &[
    "in", "at", "during", "after", "before", "from", "over", "via", "through", "while",
];
/// Words that open a common noun phrase naming a speaker (`the union`, `several experts`).
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "my", "your", "his", "her", "their", "its", "our", "several", "many", "some", "most", "other",
    "all", "both", "few", "two", "three", "four", "five", "those", "these", "one", "another",
];

/// Prepositions whose object is a noun phrase that is not a subject (`at one point`).
const NP_PREPOSITIONS: &[&str] = &[
    "at", "in", "on", "of", "for", "with", "by", "from", "to", "after", "before", "during", "under", "over", "about",
    "against", "into", "through", "than", "like", "without", "among", "between", "since", "until",
];

/// Fewest words an indirect content clause may have.
const MIN_CONTENT_WORDS: usize = 5;
/// Most words a speaker mention may have.
const MAX_MENTION_WORDS: usize = 14;
/// How many tokens back the comma opening a description between a name and its cue may stand.
const DESCRIPTION_REACH: usize = 24;

/// A quotation found in a sentence, before its speaker is resolved. Ranges are byte offsets.
#[derive(Clone, Debug)]
pub(crate) struct Found {
    /// The content: one range, or the pieces of a quotation interrupted by its attribution.
    pub(crate) content: Vec<(usize, usize)>,
    pub(crate) kind: QuoteKind,
    pub(crate) mention: Option<(usize, usize)>,
    pub(crate) cue: Option<String>,
    pub(crate) via: Option<String>,
    /// A quotation without attribution in its sentence: it takes the next sentence's, or the last speaker.
    pub(crate) needs_speaker: bool,
    pub(crate) confidence: f32,
    /// The group a relative speaker belongs to (`European governments` for `many of whom`): the speaker.
    pub(crate) group: Option<(usize, usize)>,
}

/// A cue found in a sentence: token range and its normalised form.
#[derive(Clone, Debug)]
struct Cue {
    first: usize,
    last: usize,
    lemma: String,
}

/// One sentence, tokenised, with the quotations it holds.
pub(crate) struct Sentence<'a> {
    text: &'a str,
    range: (usize, usize),
    pub(crate) toks: Vec<Tok>,
    quotes: Vec<Quoted>,
    /// Cue verbs and phrases outside quotations, in order.
    cues: Vec<Cue>,
}

/// Where the words of a sentence starting at `at` begin, past the mark that reopens a quotation running on
/// from the paragraph before (`“` at a paragraph's start).
fn reopened(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    match rest.chars().next() {
        Some(c @ ('"' | '“' | '«' | '„' | '‘' | '\'')) => {
            let after = &rest[c.len_utf8()..];
            at + c.len_utf8() + (after.len() - after.trim_start().len())
        }
        _ => at,
    }
}

impl<'a> Sentence<'a> {
    /// Tokenises `text[range]`, knowing the quotations of the whole text.
    pub(crate) fn new(text: &'a str, range: (usize, usize), all: &[Quoted]) -> Sentence<'a> {
        Sentence::read(text, range, all, false, None)
    }

    /// The sentence `range` of an analysed document, knowing its quotations: its words are the document's.
    pub(crate) fn of(doc: &Document<'a>, range: (usize, usize)) -> Sentence<'a> {
        Sentence::read(doc.text(), range, doc.quotes(), false, Some(doc))
    }

    /// A headline: as a sentence, but a cue's -s form after the capitalised words that open it is a verb
    /// (`Kremlin hopes …`, `Putin warns …`), as headlines write.
    pub(crate) fn headline(title: &'a str, all: &[Quoted]) -> Sentence<'a> {
        Sentence::read(title, (0, title.len()), all, true, None)
    }

    fn read(
        text: &'a str,
        range: (usize, usize),
        all: &[Quoted],
        headline: bool,
        doc: Option<&Document<'a>>,
    ) -> Sentence<'a> {
        let quotes: Vec<Quoted> = all
            .iter()
            .filter(|q| q.inner.0 < range.1 && q.inner.1 > range.0)
            .map(|q| Quoted {
                open: q.open.max(range.0),
                close: q.close.min(range.1),
                inner: (q.inner.0.max(reopened(text, range.0)), q.inner.1.min(range.1)),
                single: q.single,
            })
            .filter(|q| q.inner.0 < q.inner.1)
            .collect();
        let toks = match doc {
            Some(doc) => doc.words_in(range, &quotes),
            None => tokenise(text, range, &quotes),
        };
        let mut sentence = Sentence {
            text,
            range,
            toks,
            quotes,
            cues: Vec::new(),
        };
        sentence.cues = sentence.find_cues(headline);
        sentence
    }

    /// The quotations this sentence makes, attributed where its own words allow, with the outlet the
    /// sentence says they came through (`Heyward said, via the Post-Gazette`) where their frame names none.
    pub(crate) fn quotes(&self) -> Vec<Found> {
        let mut found = self.framed();
        let attributed = |f: &Found| f.via.is_none() && f.mention.is_some();
        if found.iter().any(attributed) {
            if let Some(outlet) = self.relayed_through() {
                for f in found.iter_mut().filter(|f| attributed(f)) {
                    f.via = Some(outlet.clone());
                }
            }
        }
        found
    }

    /// The quotations this sentence makes, attributed where its own words allow.
    fn framed(&self) -> Vec<Found> {
        let quoted: Vec<&Quoted> = self
            .quotes
            .iter()
            .filter(|q| words(&self.text[q.inner.0..q.inner.1]) >= 1)
            .collect();
        if quoted.is_empty() {
            return self.reported();
        }
        // Scare quotes of one or two words inside running text are partial quotes of the clause, which an
        // indirect frame covers; a sentence that is all quotation is direct.
        let outside: Vec<&Tok> = self.toks.iter().filter(|t| t.word && !t.quoted).collect();
        if outside.is_empty() {
            return quoted
                .iter()
                .map(|q| self.direct(vec![q.inner], None, None, 0.8, true))
                .collect();
        }
        for (k, c) in self.cues.iter().enumerate() {
            // `X said she wanted to speak "…" and let them know that "…"`: a weak cue inside a statement that
            // an earlier cue reports is part of what was said.
            let inside_statement = WEAK_CUES.contains(&c.lemma.as_str())
                && self.cues[..k].iter().any(|e| {
                    !WEAK_CUES.contains(&e.lemma.as_str())
                        && self.indirect(e).is_some_and(|f| {
                            f.content
                                .iter()
                                .any(|&(s, e)| s <= self.toks[c.first].start && self.toks[c.last].end <= e)
                        })
                });
            if inside_statement {
                continue;
            }
            let mut found = self.direct_frame(c, &quoted);
            if let Some(direct) = found.first() {
                // `She said C, and when pressed, the mother replied, "Q"`: a statement reported before the
                // quotation's attribution is one of its own.
                let starts = [direct.mention.map(|m| m.0), direct.content.first().map(|r| r.0)];
                let attribution = starts.into_iter().flatten().min().unwrap_or(self.range.1);
                let at = self
                    .toks
                    .iter()
                    .position(|t| t.start >= attribution)
                    .unwrap_or(self.toks.len());
                let limit = self.statement_end(at);
                let before = self.cues[..k]
                    .iter()
                    .filter(|earlier| earlier.last < at)
                    .find_map(|earlier| {
                        let limit = limit?;
                        let mut f = self.indirect(earlier)?;
                        let (s, e) = f.content[0];
                        if s >= limit {
                            return None;
                        }
                        let e = e.min(limit);
                        f.content[0] = (s, e);
                        f.kind = reported_kind(&self.text[s..e]);
                        (words(&self.text[s..e]) >= MIN_CONTENT_WORDS).then_some(f)
                    });
                found.extend(before);
                found.sort_by_key(|f| f.content.first().map(|r| r.0));
                return found;
            }
        }
        let reported = self.reported();
        if !reported.is_empty() {
            return reported;
        }
        // Quotation marks with narration but no cue: a quotation needing a speaker only when long.
        quoted
            .iter()
            .filter(|q| words(&self.text[q.inner.0..q.inner.1]) >= MIN_CONTENT_WORDS)
            .map(|q| self.direct(vec![q.inner], None, None, 0.5, true))
            .collect()
    }

    /// Reported speech in the sentence: the first cue that frames a clause (cues of speaking before
    /// mental-state ones), then every later cue coordinated with it (`echoed C1 and called on C2`, `claimed
    /// C1, by which he meant C2`), each cutting the clause before it. A trailing `according to X` names the
    /// outlet of the statement before it.
    fn reported(&self) -> Vec<Found> {
        let cues = &self.cues;
        let strong = cues.iter().filter(|c| !WEAK_CUES.contains(&c.lemma.as_str()));
        let weak = cues.iter().filter(|c| WEAK_CUES.contains(&c.lemma.as_str()));
        let Some((first, found)) = strong.chain(weak).find_map(|c| self.indirect(c).map(|f| (c, f))) else {
            return Vec::new();
        };
        let mut out = vec![found];
        let mut prev = first;
        for next in cues.iter().filter(|c| c.first > first.last) {
            // The cue's own subject, else the words after `, and` the rules cannot read as one: found once, for
            // the cut and for the speaker.
            let own = if next.lemma == "according to" {
                None
            } else {
                self.subject(next)
            };
            let unread = own.is_none().then(|| self.unread_subject(prev, next)).flatten();
            let Some(cut) = self.coordination(prev, next, own, unread) else {
                continue;
            };
            let Some(last) = out.last_mut() else { break };
            let end = (0..cut).rev().find(|&i| self.toks[i].word).map(|i| self.toks[i].end);
            match end {
                Some(e) if e > last.content[0].0 => last.content[0].1 = last.content[0].1.min(e),
                _ => {}
            }
            if next.lemma == "according to" {
                if let Some((a, b)) = self.noun_phrase_right(next.last + 1) {
                    last.via = last.via.take().or_else(|| self.outlet(a, b));
                }
                break;
            }
            let inherited = last.mention;
            let mut f = match self.indirect(next) {
                Some(f) => f,
                None => {
                    let Some(content) = self.span(next.last + 1, self.toks.len()) else {
                        continue;
                    };
                    let Some(m) = inherited else { continue };
                    self.found(content, m, next, 0.6)
                }
            };
            if own.is_none() {
                let unread = unread
                    .filter(|&(_, named)| named)
                    .map(|(k, _)| (self.toks[k].start, self.toks[next.first - 1].end));
                f.mention = unread.or(inherited).or(f.mention);
            }
            out.push(f);
            prev = next;
        }
        for f in &mut out {
            let (s, e) = f.content[0];
            f.kind = reported_kind(&self.text[s..e]);
        }
        out.retain(|f| {
            let (s, e) = f.content[0];
            words(&self.text[s..e]) >= 2
        });
        out
    }

    /// Where a statement running up to token `at` (another attribution) ends: before the comma and
    /// connective that lead into it, and before a subordinate clause that opens it (`C, and when pressed on
    /// why, X replied`).
    fn statement_end(&self, at: usize) -> Option<usize> {
        let mut cut = at;
        let mut k = at;
        while k > 0 {
            k -= 1;
            let t = &self.toks[k];
            if t.quoted {
                break;
            }
            let comma_before = k > 0 && matches!(self.toks[k - 1].lower.as_str(), "," | ";" | "–" | "—" | "―");
            if t.word && SUBORDINATORS.contains(&t.lower.as_str()) && comma_before {
                cut = k - 1;
                break;
            }
            if !t.word && matches!(t.lower.as_str(), ";" | "–" | "—" | "―") {
                cut = k;
                break;
            }
        }
        let last = (0..cut).rev().find(|&i| self.toks[i].word)?;
        Some(self.toks[last].end)
    }

    /// Whether cue `next` starts a statement coordinated with the one of `prev`: a connector (`and`, `but`,
    /// a comma, `by which`) stands before it or before its own subject `own` (byte range), else before the
    /// [`Sentence::unread_subject`] `unread`. Returns the token to cut at.
    fn coordination(
        &self,
        prev: &Cue,
        next: &Cue,
        own: Option<(usize, usize)>,
        unread: Option<(usize, bool)>,
    ) -> Option<usize> {
        let mut b = match own {
            Some((s, _)) => self.toks.iter().position(|t| t.start == s)?,
            None => unread.map_or(next.first, |(k, _)| k),
        };
        // Over adverbs (`but noted, however, that`).
        while b > prev.last + 1 && BETWEEN.contains(&self.toks[b - 1].lower.as_str()) {
            b -= 1;
        }
        let before = self.toks.get(b.checked_sub(1)?)?;
        if before.quoted {
            return None;
        }
        match before.lower.as_str() {
            "," | "and" | "but" | ";" => {
                let cut = b - 1;
                // `, but` / `, and`: cut at the comma.
                Some(if cut > 0 && self.toks[cut - 1].lower == "," {
                    cut - 1
                } else {
                    cut
                })
            }
            "which" | "whom" => {
                let comma = (prev.last + 1..b).rev().find(|&i| self.toks[i].lower == ",")?;
                Some(comma)
            }
            _ => None,
        }
    }

    /// `…, and more than 4 in 10 said`: the first token of the words standing between `, and` (or `, but`) and
    /// cue `next`, after the statement of `prev`, when the rules read no subject there; with whether those
    /// words name someone (not `would eventually`, `he hasn't endorsed her or`, `there were only eight`).
    fn unread_subject(&self, prev: &Cue, next: &Cue) -> Option<(usize, bool)> {
        let k = (next.first.saturating_sub(6).max(prev.last + 2)..next.first)
            .rev()
            .take_while(|&k| self.toks[k].word && !self.toks[k].quoted && self.toks[k].lower != "that")
            .find(|&k| matches!(self.toks[k].lower.as_str(), "and" | "but") && self.toks[k - 1].lower == ",")?;
        // Auxiliaries and adverbs before the cue are no part of the subject.
        let words = &self.toks[k + 1..next.first];
        let end = words
            .iter()
            .rposition(|t| !BETWEEN.contains(&t.lower.as_str()) && !t.lower.ends_with("ly"))
            .map_or(0, |e| e + 1);
        let clause = words[..end].iter().any(|t| {
            lexicon::is_be(&t.lower)
                || matches!(
                    t.lower.as_str(),
                    "has" | "have" | "had" | "will" | "would" | "could" | "can"
                )
                || PRONOUNS.contains(&t.lower.as_str())
                || t.lower.ends_with("n't")
                || t.lower.ends_with("n’t")
        });
        let named = !clause && words[..end].iter().any(|t| !FUNCTION_WORDS.contains(&t.lower.as_str()));
        Some((k + 1, named))
    }

    /// This whole sentence as the content of the bare attribution that follows it (`C. X said on Monday.`).
    pub(crate) fn attributed_by(&self, next: &Sentence<'_>) -> Option<Found> {
        let (mention, cue) = next.bare_attribution()?;
        let content = self.span(self.first_word(), self.toks.len())?;
        let (s, e) = content;
        if words(&self.text[s..e]) < 6 {
            return None;
        }
        let kind = if self.quotes.is_empty() {
            QuoteKind::Indirect
        } else {
            QuoteKind::Partial
        };
        Some(Found {
            content: vec![content],
            kind,
            mention: Some(mention),
            cue: Some(cue),
            via: None,
            needs_speaker: false,
            confidence: 0.6,
            group: None,
        })
    }

    /// The speaker of the cue at byte range `cue` as the rules read it: its subject, or the noun phrase
    /// after a verb of saying (`said Peskov`).
    pub(crate) fn speaker_of(&self, cue: (usize, usize)) -> Option<(usize, usize)> {
        let first = self.toks.iter().position(|t| t.start >= cue.0)?;
        let last = self.toks.iter().rposition(|t| t.end <= cue.1).filter(|&l| l >= first)?;
        let lemma = (first..=last)
            .find_map(|k| lexicon::cue_lemma(&self.toks[k].lower))
            .unwrap_or_default()
            .to_string();
        // `It was specified that C`: an expletive subject of a passive names no one.
        let passive = self.toks[first.saturating_sub(1)..=last]
            .iter()
            .any(|t| matches!(t.lower.as_str(), "was" | "is" | "were" | "are" | "been"));
        let cue = Cue { first, last, lemma };
        self.subject(&cue)
            .filter(|&(s, e)| !(passive && self.text[s..e].eq_ignore_ascii_case("it")))
            .or_else(|| self.inverted_subject(&cue))
    }

    /// The subject of a sentence that goes on to quote someone without a verb of saying (`In an August
    /// speech, Trump attacked "the hateful ideology …"`, `The piece used one of her quotes as its headline:
    /// "Q"`): a name, role or pronoun that opens the sentence before the quotation.
    pub(crate) fn subject_before(&self, quotation_start: usize) -> Option<(usize, usize)> {
        let (s, e) = self.sentence_subject()?;
        let words = &self.text[s..e];
        let it = words.eq_ignore_ascii_case("it") || words.eq_ignore_ascii_case("this");
        // `Tuesday's episode of "Q"`, `Here's`, `According to`: no subject.
        let possessive = possessive(words);
        // Words stand between subject and quotation (`Update: "Q"` is a label), and not `to` (`According to`).
        let next = self.toks.iter().find(|t| t.start >= e);
        let verb = next.is_some_and(|t| t.lower != "to")
            && self
                .text
                .get(e..quotation_start)
                .is_some_and(|gap| gap.chars().any(char::is_alphabetic));
        (verb && !it && !possessive).then_some((s, e))
    }

    /// A sentence that is only an attribution (`Mr Peskov said.`): its mention and cue.
    pub(crate) fn bare_attribution(&self) -> Option<((usize, usize), String)> {
        let n = self.toks.iter().filter(|t| t.word).count();
        if n > 10 || !self.quotes.is_empty() {
            return None;
        }
        let cue = self.cues.first()?;
        let mention = self.subject(cue).or_else(|| self.inverted_subject(cue))?;
        Some((mention, self.cue_text(cue)))
    }

    fn direct(
        &self,
        content: Vec<(usize, usize)>,
        mention: Option<(usize, usize)>,
        cue: Option<&Cue>,
        confidence: f32,
        needs_speaker: bool,
    ) -> Found {
        Found {
            content,
            kind: QuoteKind::Direct,
            mention,
            cue: cue.map(|c| self.cue_text(c)),
            via: cue.and_then(|c| self.via(c)),
            needs_speaker,
            confidence,
            group: None,
        }
    }

    /// `"Q," X said` / `"Q," said X` / `X said: "Q"` / `"A," he said, "B."`: the quotations next to the
    /// attribution are the content, with those joined to them by attribution words only. Quotations further
    /// on in the sentence (`…, adding later, "C"`, scare quotes in narration) are quotations of their own.
    fn direct_frame(&self, cue: &Cue, quoted: &[&Quoted]) -> Vec<Found> {
        let Some(mention) = self.subject(cue).or_else(|| self.inverted_subject(cue)) else {
            return Vec::new();
        };
        // Adverbs and auxiliaries belong to the attribution only beside its cue and mention (`he also said
        // Tuesday`), not elsewhere in the sentence (`tweets … are "lies"`).
        let mention_toks = (
            self.toks.iter().position(|t| t.start >= mention.0).unwrap_or(0),
            self.toks.iter().rposition(|t| t.end <= mention.1).unwrap_or(0),
        );
        let (lo, hi) = (cue.first.min(mention_toks.0), cue.last.max(mention_toks.1));
        let between = |k: usize| {
            self.toks
                .get(k)
                .is_some_and(|t| t.word && !t.quoted && BETWEEN.contains(&t.lower.as_str()))
        };
        let lo = (0..lo).rev().take_while(|&k| between(k)).last().unwrap_or(lo);
        let hi = (hi + 1..self.toks.len())
            .take_while(|&k| between(k))
            .last()
            .unwrap_or(hi);
        let in_attribution = |i: usize, t: &Tok| {
            (cue.first..=cue.last).contains(&i)
                || (mention.0 <= t.start && t.end <= mention.1)
                || (lo..=hi).contains(&i) && BETWEEN.contains(&t.lower.as_str())
        };
        let (Some(first_q), Some(last_q)) = (
            self.toks.iter().position(|t| t.word && t.quoted),
            self.toks.iter().rposition(|t| t.word && t.quoted),
        ) else {
            return Vec::new();
        };
        let first_word = self.first_word();
        let Some(last_word) = self.toks.iter().rposition(|t| t.word) else {
            return Vec::new();
        };
        // Words outside quotations between two byte offsets, and whether all of them belong to the attribution.
        let narration = |from: usize, to: usize| {
            self.toks
                .iter()
                .enumerate()
                .filter(|(_, t)| t.word && !t.quoted && from <= t.start && t.end <= to)
                .all(|(i, t)| in_attribution(i, t) || t.lower == "that")
        };
        let att_start = self.toks[cue.first].start.min(mention.0);
        let att_end = self.toks[cue.last].end.max(mention.1);
        let beside = |q: &Quoted| {
            if q.close <= att_start {
                narration(q.close, att_start)
            } else {
                att_end <= q.open && narration(att_end, q.open)
            }
        };
        // `"Q," X said …`: the sentence opens with the quotation and the attribution follows it at once;
        // what comes after the attribution (`on CNN on Sunday`, `, suggesting …`) does not matter.
        let opens = first_q == first_word && {
            let after = (first_q..self.toks.len()).find(|&i| self.toks[i].word && !self.toks[i].quoted);
            after.is_some_and(|i| in_attribution(i, &self.toks[i]))
        };
        // `… X said: "Q"`: the quotation closes the sentence right after the attribution.
        let closes = last_q == last_word && {
            let before = (0..first_q).rev().find(|&i| self.toks[i].word && !self.toks[i].quoted);
            before.is_some_and(|i| in_attribution(i, &self.toks[i]) || self.toks[i].lower == "that")
        };
        let long = |q: &Quoted| words(&self.text[q.inner.0..q.inner.1]) >= 3;
        // `X said: "Q," adding …`: a quotation of some length right after the attribution.
        let follows = quoted.iter().any(|q| att_end <= q.open && beside(q) && long(q));
        // Otherwise: words outside quotations, cue and mention must be few.
        let extra = self
            .toks
            .iter()
            .enumerate()
            .filter(|(i, t)| t.word && !t.quoted && !in_attribution(*i, t))
            .count();
        if !(opens || closes || follows || extra <= 6 && (quoted.iter().any(|q| long(q)) || extra == 0)) {
            return Vec::new();
        }
        // The quotations beside the attribution, and those chained to them.
        let mut taken: Vec<bool> = quoted.iter().map(|q| beside(q)).collect();
        if !taken.contains(&true) {
            taken.fill(true);
        }
        for k in 1..quoted.len() {
            if taken[k - 1] && narration(quoted[k - 1].close, quoted[k].open) {
                taken[k] = true;
            }
        }
        for k in (1..quoted.len()).rev() {
            if taken[k] && narration(quoted[k - 1].close, quoted[k].open) {
                taken[k - 1] = true;
            }
        }
        let content: Vec<(usize, usize)> = quoted
            .iter()
            .zip(&taken)
            .filter(|(_, t)| **t)
            .map(|(q, _)| q.inner)
            .collect();
        let mut out = vec![self.direct(content, Some(mention), Some(cue), 0.9, false)];
        out.extend(
            quoted
                .iter()
                .zip(&taken)
                .filter(|(q, t)| !**t && words(&self.text[q.inner.0..q.inner.1]) >= MIN_CONTENT_WORDS)
                .map(|(q, _)| self.direct(vec![q.inner], None, None, 0.5, true)),
        );
        out
    }

    /// Reported speech around a cue: `X said (that) C`, `C, X said`, `According to X, C`, `C, according to
    /// X`, `X accused Y of C`.
    fn indirect(&self, cue: &Cue) -> Option<Found> {
        let n = self.toks.len();
        let lemma = cue.lemma.as_str();
        if lemma == "according to" || lemma == "in the words of" {
            let opening = cue.first == self.first_word();
            let (who_first, who_last) = self
                .noun_phrase_right(cue.last + 1)
                .or_else(|| self.common_np_right(cue.last + 1))
                .or_else(|| {
                    // `According to a 52-count civil complaint filed by the S.E.C. and …, C`: at the opening of
                    // the sentence, all the words up to the comma.
                    let from = cue.last + 1;
                    let comma = (from..n.min(from + 30))
                        .take_while(|&i| !self.toks[i].quoted)
                        .find(|&i| self.toks[i].lower == ",")?;
                    (opening && comma > from).then_some((from, comma - 1))
                })?;
            let mention = (self.toks[who_first].start, self.toks[who_last].end);
            let content = if opening {
                // According to X, C.
                let comma = (who_last + 1..n).find(|&i| self.toks[i].lower == ",")?;
                self.span(comma + 1, n)
            } else {
                // C, according to X.
                let end = (0..cue.first)
                    .rev()
                    .find(|&i| self.toks[i].word || self.toks[i].quoted)?;
                self.span(self.first_word(), end + 1)
            }?;
            return Some(self.found(content, mention, cue, 0.8));
        }
        let weak = WEAK_CUES.contains(&lemma);
        // `C, said Jeffrey N. Trimble, a senior official …`: after a comma, a verb of saying followed by a
        // name that ends its clause has the name for subject, whatever stands before the comma.
        let inverted = cue.first > 0
            && self.toks[cue.first - 1].lower == ","
            && self.inverted_subject(cue).is_some_and(|(_, e)| {
                // The name ends the clause, or a short place or affiliation does (`said one GOP source in
                // the room.`).
                let after = self.toks.partition_point(|t| t.start < e);
                let clause = self.toks[after..]
                    .iter()
                    .position(|t| matches!(t.lower.as_str(), "," | "." | ";"))
                    .unwrap_or(self.toks.len() - after);
                clause == 0
                    || clause <= 6
                        && self.toks[after..after + clause].iter().all(|t| t.word && !t.quoted)
                        && matches!(
                            self.toks[after].lower.as_str(),
                            "in" | "at" | "with" | "from" | "for" | "on"
                        )
            });
        if let Some(mention) = self.subject(cue).filter(|_| !inverted) {
            // `Clinton's win in Nevada means she will pick up`, `I mean`: a consequence or a filler, no act.
            let passive = self.passive(cue);
            if weak && (self.is_pronoun_only(mention) && lemma != "call" || passive) || lemma == "mean" {
                return None;
            }
            // In the passive the subject is what was reported or who was addressed, not who spoke (`The
            // issue was first reported by The Washington Post`, `He was told to leave`); only a `that`
            // clause after it is a statement.
            if passive && self.toks.get(cue.last + 1).is_none_or(|t| t.lower != "that") {
                return None;
            }
            // C, X cue, R: when C is a main clause and R only a phrase, C is the statement (`Now smaller groups
            // are trying to cross, Duda reported, as opposed to …`); after an adverbial opening (`But to
            // prevent problems, he said, officials should …`) the statement is what follows.
            let phrase_after = self.toks.get(cue.last + 1).is_some_and(|t| t.lower == "," && !t.quoted)
                && self
                    .toks
                    .get(cue.last + 2)
                    .is_some_and(|t| !t.quoted && PHRASE_OPENERS.contains(&t.lower.as_str()));
            let opening = self.toks.get(self.first_word()).map_or("", |t| t.lower.as_str());
            if phrase_after && !SUBORDINATORS.contains(&opening) {
                if let Some(content) = self.content_before(mention) {
                    return Some(self.found(content, mention, cue, 0.7));
                }
            }
            // X cue [addressee] [that] C
            let mut i = cue.last + 1;
            let mut via = None;
            if ADDRESSEE_CUES.contains(&lemma) {
                if let Some((a, b)) = self.addressee_right(i) {
                    via = Some((a, b));
                    i = b + 1;
                }
                // `warned the citizens of the country that C`
                if let Some(k) = (i..n.min(i + 10)).find(|&k| self.toks[k].lower == "that" && !self.toks[k].quoted) {
                    i = k;
                }
            }
            // `tells his supporters at a Michigan rally to "go …"`, `accused Holt of being a Democrat`: what
            // was said starts after the person spoken to or of.
            let link = match lemma {
                "tell" | "urge" | "ask" | "remind" | "warn" | "advise" | "plead" => Some("to"),
                "accuse" => Some("of"),
                _ => None,
            };
            if let Some(link) = link {
                let object = (i..n.min(i + 12))
                    .take_while(|&k| !self.toks[k].quoted && !matches!(self.toks[k].lower.as_str(), "." | ";" | ":"))
                    .find(|&k| self.toks[k].lower == link || self.toks[k].lower == "that");
                if let Some(k) = object.filter(|&k| k > i && self.toks[k].lower == link) {
                    i = k + usize::from(link == "of");
                }
            }
            // A weekday, a part of the day or a comma is passed alone; `on`, `last` … with the word after it.
            let skips_alone =
                |w: &str| is_weekday(w) || matches!(w, "," | "morning" | "afternoon" | "evening" | "night");
            while i < n
                && (matches!(self.toks[i].lower.as_str(), "on" | "last" | "this" | "next" | "earlier")
                    || skips_alone(&self.toks[i].lower))
                && !self.toks[i].quoted
            {
                // Skip a short time phrase: `on Monday`, `last week`, `Tuesday`, `Friday afternoon`.
                // `… said on` at the very end of a text: the phrase stops with the tokens.
                i = (i + if skips_alone(&self.toks[i].lower) { 1 } else { 2 }).min(n);
            }
            // `called for reducing the corporate tax rate`: what was called for.
            if lemma == "call" && self.toks.get(i).is_some_and(|t| t.lower == "for" && !t.quoted) {
                i += 1;
            }
            // `noted, however, that C`
            while i + 1 < n && CONNECTIVES.contains(&self.toks[i].lower.as_str()) && self.toks[i + 1].lower == "," {
                i += 2;
            }
            if let Some(k) = self.aside_before_that(i) {
                i = k;
            }
            let opener = self.toks.get(i).map_or("", |t| t.lower.as_str());
            // `did not respond to a request for comment`, `wrote the letter Feb. 2`: what was answered or
            // written, not what was said.
            let object_only = matches!(lemma, "respond" | "reply") && opener == "to"
                // `called an emergency meeting`: a meeting called, unless what it was called is quoted.
                || lemma == "call" && matches!(opener, "a" | "an") && !self.toks[i..].iter().any(|t| t.quoted)
                || lemma == "write" && !matches!(opener, "that" | ":") && !self.rest_is_adverbial(cue.last + 1);
            if object_only {
                return None;
            }
            // `said Friday afternoon, as they bristled at …`: a clause of time or reason is no statement.
            // Nor is one right after the cue (`said Friday as he entered the talks`), but `said as much` is.
            let subordinate = i > cue.last + 1
                && self.toks[i - 1].lower == ","
                && matches!(
                    opener,
                    "as" | "while" | "because" | "since" | "when" | "after" | "before"
                )
                || matches!(opener, "as" | "while")
                    && self
                        .toks
                        .get(i + 1)
                        .is_some_and(|t| !matches!(t.lower.as_str(), "much" | "well" | "many"));
            // `countered that C`, not `are countering the attempts`; `asked whether C`.
            if !lexicon::reports_before(lemma, opener) || subordinate {
                // `C, a spokesman announced Monday morning.`
                if self.rest_is_adverbial(cue.last + 1) || self.addressed_only(cue) {
                    return self.content_before(mention).map(|c| self.found(c, mention, cue, 0.75));
                }
                return None;
            }
            if matches!(opener, "that" | ":") {
                i += 1;
            }
            let mut limit = self.clause_end(i, mention.0);
            // `While Trump admitted using the tax code, he does not defend it`: in a sentence opened by a
            // subordinate clause, the statement ends with that clause, where the main clause's subject follows.
            let subordinate_opening = SUBORDINATORS.contains(&opening) && !matches!(opening, "and" | "but");
            if subordinate_opening {
                if let Some(k) = (i + 1..limit).find(|&k| {
                    let t = &self.toks[k];
                    t.lower == ","
                        && !t.quoted
                        && self.toks.get(k + 1).is_some_and(|s| {
                            !s.quoted
                                && (matches!(s.lower.as_str(), "he" | "she" | "they" | "we" | "i" | "it" | "the")
                                    || s.cap)
                        })
                }) {
                    limit = k;
                }
            }
            if weak && !matches!(opener, "that" | ":") {
                limit = object_end(&self.toks, i, limit);
            }
            if let Some(content) = self
                .span(i, limit)
                .filter(|&(s, e)| words(&self.text[s..e]) >= MIN_CONTENT_WORDS)
            {
                let mut f = self.found(content, mention, cue, if weak { 0.5 } else { 0.75 });
                if f.via.is_none() {
                    f.via = via.and_then(|(a, b)| self.outlet(a, b));
                }
                return Some(f);
            }
            // C, X cue.
            if self.rest_is_adverbial(cue.last + 1) || self.addressed_only(cue) {
                return self.content_before(mention).map(|c| self.found(c, mention, cue, 0.75));
            }
            return None;
        }
        // C, cue X (`…, said Peskov.`)
        let mention = self.inverted_subject(cue)?;
        // The comma may sit inside the quotation that ends the content (`are "not meeting the demand," says X`).
        let mut before = cue.first.checked_sub(1)?;
        let marks = self.toks[..=before]
            .iter()
            .rev()
            .take_while(|t| t.quoted && !t.word && t.lower != ",")
            .count();
        if marks > 0 && before >= marks && self.toks[before - marks].lower == "," {
            before -= marks;
        }
        let comma = Some(before).filter(|&i| self.toks[i].lower == ",")?;
        let content = self.span(self.first_word(), comma)?;
        (words(&self.text[content.0..content.1]) >= MIN_CONTENT_WORDS).then(|| self.found(content, mention, cue, 0.7))
    }

    /// Whether the cue is a participle in the passive (`is expected to`, `was widely criticized`): its subject
    /// is what the act is about, not who acts.
    fn passive(&self, cue: &Cue) -> bool {
        let before = self.toks[..cue.first]
            .iter()
            .rev()
            .find(|t| lexicon::is_be(&t.lower) || !(t.word && BETWEEN.contains(&t.lower.as_str())));
        lexicon::is_participle(&self.toks[cue.last].lower) && before.is_some_and(|t| lexicon::is_be(&t.lower))
    }

    /// Where the statement opens (at `that`, or at the subject after a short phrase: `said after the convention
    /// he would`) after an aside between the cue and it, the aside opening at token `i`:
    /// a prepositional phrase (`tweeted in the early morning hours that C`, `says at a campaign stop in
    /// Toledo, Ohio, that C`), a clause set off by commas (`cautioned, as did the campaign itself, that C`),
    /// an adverb (`learned again during the debate that C`) or a parenthesis (`thought (foolishly) that C`).
    /// An aside with commas must end on one; a `that` followed by a verb opens a relative clause (`in a letter
    /// that was released`), not a statement.
    fn aside_before_that(&self, i: usize) -> Option<usize> {
        let n = self.toks.len();
        let first = self.toks.get(i).filter(|t| !t.quoted)?;
        let adverb =
            first.word && (first.lower.ends_with("ly") || matches!(first.lower.as_str(), "again" | "repeatedly"));
        let opens = PREPOSITIONS.contains(&first.lower.as_str())
            || adverb
            || (first.lower == "as" && i > 0 && self.toks[i - 1].lower == ",")
            || first.lower == "(";
        if !opens {
            return None;
        }
        // `said after the convention he would not accept`: a short phrase, then the statement's subject.
        if PREPOSITIONS.contains(&first.lower.as_str()) {
            let subject = (i + 2..n.min(i + 8))
                .take_while(|&k| self.toks[k].word && !self.toks[k].quoted && self.toks[k].lower != "that")
                .find(|&k| matches!(self.toks[k].lower.as_str(), "he" | "she" | "they" | "we" | "i"));
            if subject.is_some() {
                return subject;
            }
        }
        let k = (i + 1..n.min(i + 16))
            .take_while(|&k| !self.toks[k].quoted && !matches!(self.toks[k].lower.as_str(), "." | ";" | ":"))
            .find(|&k| self.toks[k].lower == "that")?;
        let commas = self.toks[i..k].iter().any(|t| t.lower == ",");
        if commas && self.toks[k - 1].lower != "," {
            return None;
        }
        let relative = self.toks.get(k + 1).is_some_and(|t| {
            matches!(
                t.lower.as_str(),
                "was" | "were" | "is" | "are" | "has" | "had" | "have" | "will" | "would"
            )
        });
        (!relative).then_some(k)
    }

    /// The content of `C, X cue`: the sentence up to the comma before the speaker `mention`, of a few words at
    /// least. A question the speaker answers gives its clause (`To a question whether it could be said
    /// that C, Peskov confirmed that.` → C).
    fn content_before(&self, mention: (usize, usize)) -> Option<(usize, usize)> {
        // A comma outside quotation marks, or the one that closes a quotation (`… for the better," X said`).
        let closes_quote = |i: usize| {
            let marks = self.toks[i + 1..].iter().take_while(|t| t.quoted && !t.word).count();
            marks > 0 && self.toks.get(i + 1 + marks).is_some_and(|t| !t.quoted)
        };
        let comma = (0..self.toks.len()).rev().find(|&i| {
            self.toks[i].lower == "," && (!self.toks[i].quoted || closes_quote(i)) && self.toks[i].start < mention.0
        })?;
        let mut from = self.first_word();
        if comma <= from {
            return None;
        }
        let asked = self.toks[from..comma]
            .iter()
            .take(8)
            .position(|t| matches!(t.lower.as_str(), "asked" | "question" | "questions"));
        if let Some(k) = asked {
            if let Some(w) = (from + k + 1..comma).find(|&i| matches!(self.toks[i].lower.as_str(), "whether" | "if")) {
                from = w + 1;
                // `whether it could be said that C`
                let lower: Vec<&str> = self.toks[from..comma.min(from + 6)]
                    .iter()
                    .map(|t| t.lower.as_str())
                    .collect();
                if let ["it", modal, "be", verb, "that", ..] = lower.as_slice() {
                    if matches!(*modal, "can" | "could" | "may" | "might" | "would")
                        && matches!(*verb, "said" | "stated" | "argued" | "claimed")
                    {
                        from += 5;
                    }
                }
            }
        }
        // `Looking ahead to the future of the armed forces, Ham explained why`: a participle's phrase sets the
        // scene, it says nothing.
        let scene = self.toks[from].lower.ends_with("ing")
            && self.toks.get(from + 1).is_some_and(|t| {
                NP_PREPOSITIONS.contains(&t.lower.as_str())
                    || matches!(t.lower.as_str(), "ahead" | "back" | "out" | "up")
            });
        if scene {
            return None;
        }
        self.span(from, comma)
            .filter(|&(s, e)| words(&self.text[s..e]) >= MIN_CONTENT_WORDS)
    }

    fn found(&self, content: (usize, usize), mention: (usize, usize), cue: &Cue, confidence: f32) -> Found {
        let content = (content.0, writer_clause_end(&self.toks, content));
        Found {
            content: vec![content],
            kind: reported_kind(&self.text[content.0..content.1]),
            mention: Some(mention),
            cue: Some(self.cue_text(cue)),
            via: self.via(cue),
            needs_speaker: false,
            confidence,
            group: self.group_of(mention),
        }
    }

    /// For a relative speaker (`many of whom`, `some of which`), the noun phrase it picks from: the words
    /// before the comma, dash or parenthesis that opens the relative clause — a head word and the
    /// capitalised words before it (`European governments`).
    fn group_of(&self, mention: (usize, usize)) -> Option<(usize, usize)> {
        let first = self.toks.iter().position(|t| t.start == mention.0)?;
        let words: Vec<&str> = self.toks[first..]
            .iter()
            .take_while(|t| t.end <= mention.1)
            .map(|t| t.lower.as_str())
            .collect();
        if !matches!(words.as_slice(), [_, "of", "whom" | "which"]) || first < 2 {
            return None;
        }
        if !matches!(self.toks[first - 1].lower.as_str(), "," | "–" | "—" | "(" | "-") {
            return None;
        }
        let head = first - 2;
        if !self.toks[head].word || FUNCTION_WORDS.contains(&self.toks[head].lower.as_str()) {
            return None;
        }
        let mut from = head;
        while from > 0 && self.toks[from - 1].word && self.toks[from - 1].cap && !self.toks[from - 1].quoted {
            from -= 1;
        }
        Some((self.toks[from].start, self.toks[head].end))
    }

    /// Byte range of tokens `from..to`, trimmed of punctuation at both ends.
    fn span(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        let toks = self.toks.get(from..to)?;
        let first = toks.iter().position(|t| t.word)?;
        let last = toks.iter().rposition(|t| t.word)?;
        let (mut s, mut e) = (toks[first].start, toks[last].end);
        // Keep a quotation's closing mark when the content ends inside one.
        if let Some(q) = self
            .quotes
            .iter()
            .find(|q| q.inner.0 < e && e <= q.inner.1 && q.close > e)
        {
            e = q.close.min(self.range.1);
        }
        if let Some(q) = self.quotes.iter().find(|q| q.inner.0 == s) {
            s = q.open.max(self.range.0);
        }
        Some((s, e))
    }

    fn first_word(&self) -> usize {
        self.toks.iter().position(|t| t.word).unwrap_or(0)
    }

    /// Whether all that follows a cue of telling is whom it was told to and when (`C, Graham told reporters
    /// on Thursday.`, `told The Huffington Post`).
    fn addressed_only(&self, cue: &Cue) -> bool {
        if !ADDRESSEE_CUES.contains(&cue.lemma.as_str()) {
            return false;
        }
        let from = cue.last + 1;
        let Some((_, b)) = self.noun_phrase_right(from).or_else(|| self.common_np_right(from)) else {
            return false;
        };
        let mut i = b + 1;
        while self
            .toks
            .get(i)
            .is_some_and(|t| t.lower == "on" || is_weekday(&t.lower))
        {
            i += 1;
        }
        self.rest_is_adverbial(i)
    }

    /// Whether the tokens from `i` to the next comma are only a time phrase or a pronoun object (`on
    /// Tuesday.`, `confirmed that.`).
    fn rest_is_adverbial(&self, i: usize) -> bool {
        let rest: Vec<&Tok> = self
            .toks
            .iter()
            .skip(i)
            .take_while(|t| t.lower != ",")
            .filter(|t| t.word)
            .collect();
        rest.len() <= 4
            && rest.iter().all(|t| {
                !t.quoted
                    && (t.cap
                        || BETWEEN.contains(&t.lower.as_str())
                        || is_time_word(&t.lower)
                        || matches!(
                            t.lower.as_str(),
                            "that"
                                | "this"
                                | "so"
                                | "it"
                                | "at"
                                | "a"
                                | "an"
                                | "in"
                                | "on"
                                | "during"
                                | "briefing"
                                | "interview"
                        )
                        || t.lower.chars().all(|c| c.is_ascii_digit()))
            })
    }

    /// Where a clause that starts at token `from` ends: the sentence end, or earlier at a dash closing a
    /// parenthesis that opened before the speaker (`– who has said C – about the war`), or at a comma
    /// before a participle (`…, providing Belarus with oil`).
    fn clause_end(&self, from: usize, speaker_at: usize) -> usize {
        let n = self.toks.len();
        let dash = |t: &Tok| !t.quoted && matches!(t.lower.as_str(), "–" | "—");
        let parenthesis = self.toks.iter().any(|t| dash(t) && t.start < speaker_at);
        for k in from..n {
            let t = &self.toks[k];
            if parenthesis && dash(t) {
                return k;
            }
            if t.lower == "," && !t.quoted {
                if let Some(next) = self.toks.get(k + 1) {
                    if !next.quoted && opens_participle(next) {
                        return k;
                    }
                }
                // `… from Ukraine and Georgia, another country which the bloc …`, `… with NATO, the existing
                // military alliance that …`: the writer's description of a name the statement ends on.
                let named = k > from && self.toks[k - 1].cap && !self.toks[k - 1].quoted;
                let described = self
                    .toks
                    .get(k + 1)
                    .is_some_and(|t| matches!(t.lower.as_str(), "another" | "a" | "an" | "the"))
                    && self.toks[k + 2..n.min(k + 7)]
                        .iter()
                        .any(|t| matches!(t.lower.as_str(), "which" | "who" | "that" | "where"));
                if named && described {
                    return k;
                }
            }
        }
        n
    }
}
