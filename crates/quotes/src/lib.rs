//! Dateline's quote stage: who said what. Every quotation in an article's headline and text, direct,
//! partial or indirect, with its cue verb, the words that attribute it and the speaker those words stand
//! for (`he`, `Mr Peskov` and `the Kremlin press secretary` all become `Dmitry Peskov`), and the outlet it
//! came through (`told the BBC`).
//!
//! The stage reads an analysed document ([`dateline_text::Document`]: its quotation marks, sentences and
//! words, which the entity stage reads too) left to right: for each sentence the frame that attributes it
//! ([`frames`]): `"Q," X said` / `X said: "Q"` / `X said (that) C` / `C, X said` / `According to X, C` / `X
//! told the BBC that C` / `X called Y "Q"`, and follow-on quotations that inherit the last speaker. Speakers
//! are resolved over the document ([`speakers`]).
//!
//! ```
//! use dateline_model::Article;
//! let mut a = Article {
//!     text: "Kremlin Spokesman Dmitry Peskov spoke on Tuesday.\n\n\
//!            “We hope it will not become a threat,” he said.".into(),
//!     ..Article::default()
//! };
//! dateline_quotes::annotate(&mut a);
//! assert_eq!(a.quotes.len(), 1);
//! assert_eq!(a.quotes[0].speaker.as_deref(), Some("Dmitry Peskov"));
//! ```

mod clauses;
mod frames;
mod lexicon;
mod speakers;
pub mod tagger;
pub mod verify;

use std::collections::HashSet;
use std::sync::LazyLock;

use dateline_model::{budget, Article, Entity, Mention, Quote, QuoteKind};
use dateline_text::{sentences, Document};

use crate::frames::{Found, Sentence};
use crate::speakers::People;
use crate::tagger::{Label, Model};
use crate::verify::Verifier;

/// The attribution tagger's weights, read once.
static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| Model::from_bytes(include_bytes!("../model/attribution.bin")));

/// The quotation verifier's weights, read once.
static VERIFIER: LazyLock<Option<Verifier>> =
    LazyLock::new(|| Verifier::from_bytes(include_bytes!("../model/verify.bin")));

/// Widest gap, in bytes, between a tagged content run and the cue or source run that goes with it.
const MAX_GAP: usize = 300;

/// Fewest words of content the tagger may report on its own.
const MIN_TAGGED_WORDS: usize = 2;

/// Most bytes of text read for quotations: far beyond any article, and it bounds the time a pathological
/// record (a whole book, a log dump) can take.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Finds the quotations of `article` (headline and text) and stores them in `article.quotes`.
pub fn annotate(article: &mut Article) {
    let doc = Document::new(article.title.as_deref(), budget::prefix(&article.text, MAX_TEXT_BYTES));
    article.quotes = annotate_document(&doc, article.text.len(), &article.entities, &mut article.warnings);
}

/// [`annotate`] for an analysed document that the entity stage has read (`entities` are its findings): its
/// quotations, with what a reader should know of them (the text cut short, the time limit reached) added to
/// `warnings`. `text_len` is the whole text's length, of which the document may hold the first
/// [`MAX_TEXT_BYTES`] only.
pub fn annotate_document(
    doc: &Document<'_>,
    text_len: usize,
    entities: &[Entity],
    warnings: &mut Vec<String>,
) -> Vec<Quote> {
    let quotes = extract_in(doc, entities);
    let end = doc.text().len();
    if end < text_len {
        warnings.push(format!("quotes read from the first {end} bytes of the text only"));
    }
    if budget::tripped() {
        warnings.push("quotes stopped at the time limit for one document: the rest of the text was not read".into());
    }
    quotes
}

/// The quotations of a headline and a text, in order: headline quotations first. Each one's confidence is
/// the verifier's probability that it is a statement with the right speaker; those below its floor are
/// left out. The entity stage is run on the text first; [`extract_with`] takes its findings instead.
pub fn extract(title: Option<&str>, text: &str) -> Vec<Quote> {
    extract_with(title, text, &dateline_entities::entities(title, text))
}

/// [`extract`], given the entity stage's findings for the same headline and text.
pub fn extract_with(title: Option<&str>, text: &str, entities: &[Entity]) -> Vec<Quote> {
    extract_in(&Document::new(title, text), entities)
}

/// [`extract`] of an analysed document, given the entity stage's findings for it.
pub fn extract_in(doc: &Document<'_>, entities: &[Entity]) -> Vec<Quote> {
    let mut out = candidates_in(doc, entities);
    if let Some(verifier) = VERIFIER.as_ref() {
        for q in &mut out {
            let source = if q.in_title {
                doc.title().unwrap_or("")
            } else {
                doc.text()
            };
            q.confidence = verifier.probability(&verify::features(source, q, entities));
        }
        out.retain(|q| q.confidence >= verifier.floor);
    }
    out
}

/// The quotations the rules and the tagger find, before the verifier: each one's confidence is the rule's
/// own prior. For training the verifier ([`verify`]).
pub fn candidates(title: Option<&str>, text: &str) -> Vec<Quote> {
    candidates_with(title, text, &dateline_entities::entities(title, text))
}

/// [`candidates`], given the entity stage's findings for the same headline and text.
pub fn candidates_with(title: Option<&str>, text: &str, entities: &[Entity]) -> Vec<Quote> {
    candidates_in(&Document::new(title, text), entities)
}

/// [`candidates`] of an analysed document, given the entity stage's findings for it.
pub fn candidates_in(doc: &Document<'_>, entities: &[Entity]) -> Vec<Quote> {
    let (title, text) = (doc.title(), doc.text());
    let people = People::collect(title.unwrap_or(""), text, entities);
    let mut out = Vec::new();
    // The last speaker, the paragraph they spoke in, and the words that named them there.
    let mut last: Option<(String, usize, Option<Mention>)> = None;
    if let Some(t) = title {
        for found in frames::headline(t) {
            out.push(finish(t, found, &people, None, true));
        }
    }
    let quotes = doc.quotes();
    // The attribution a paragraph ends with when it ends with a colon (`He said:`).
    let mut lead_in: Option<((usize, usize), String)> = None;
    // Every sentence's range, for the tagger's speakers.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for (para_no, paragraph) in doc.paragraphs().iter().enumerate() {
        if budget::exhausted() {
            break;
        }
        let range = paragraph.range;
        let para = &text[range.0..range.1];
        ranges.extend(&paragraph.sentences);
        let sents: Vec<Sentence<'_>> = paragraph.sentences.iter().map(|&r| Sentence::of(doc, r)).collect();
        let mut pending: Vec<Found> = Vec::new();
        let opens_quoted = quotes
            .iter()
            .any(|q| q.open == range.0 + (para.len() - para.trim_start().len()));
        for (k, sentence) in sents.iter().enumerate() {
            let next = sents.get(k + 1);
            let mut found = sentence.quotes();
            if found.is_empty() {
                // `C. Kremlin spokesman Dmitry Peskov said on January 16.` — the attribution split off.
                found.extend(next.and_then(|n| sentence.attributed_by(n)));
            }
            for mut f in found {
                if f.mention.is_none() && f.needs_speaker {
                    // An attribution split off by a stray period: the next sentence is only `X said.`
                    if let Some(attr) = next.and_then(Sentence::bare_attribution) {
                        f.mention = Some(attr.0);
                        f.cue = Some(attr.1);
                        f.confidence *= 0.9;
                    } else if let Some(m) = frames::signed(text, &f, range.1)
                        .or_else(|| frames::transcript(text, &f))
                        .or_else(|| frames::colon_lead(text, &f, range.0).filter(|&m| names_someone(text, m, &people)))
                    {
                        // `“Q.” ― Karen Bobadilla.` / `“PENCE: Q”` / `Clinton: “Q”`
                        f.mention = Some(m);
                        f.confidence *= 0.9;
                    } else if let Some(attr) = lead_in.take().filter(|_| k == 0 && opens_quoted) {
                        // `He said:` closing the paragraph before one that opens with the quotation.
                        f.mention = Some(attr.0);
                        f.cue = Some(attr.1);
                        f.confidence *= 0.9;
                    } else if let Some(m) = f.content.first().and_then(|c| sentence.subject_before(c.0)) {
                        // `Trump attacked "the hateful ideology …"`
                        f.mention = Some(m);
                        f.confidence *= 0.8;
                    }
                }
                pending.push(f);
            }
        }
        lead_in = para
            .trim_end()
            .ends_with(':')
            .then(|| sents.last().and_then(Sentence::bare_attribution))
            .flatten();
        for mut f in pending {
            let inherited = f.mention.is_none() && f.needs_speaker;
            if inherited {
                // A follow-on quotation inherits the speaker of the one before, in this or the last paragraph.
                if let Some((who, p, mention)) = &mut last {
                    if para_no <= *p + 1 {
                        let mut q = finish(text, f, &people, Some(who.clone()), false);
                        q.speaker_mention.clone_from(mention);
                        out.push(q);
                        // A run of such paragraphs goes on with the same speaker.
                        *p = para_no;
                        continue;
                    }
                }
                f.confidence *= 0.5;
            }
            let q = finish(text, f, &people, last.as_ref().map(|l| l.0.clone()), false);
            if let Some(who) = &q.speaker {
                last = Some((who.clone(), para_no, q.speaker_mention.clone()));
            }
            out.push(q);
        }
    }
    let nested = nested(text, &out, &people);
    out.extend(nested);
    if let Some(model) = MODEL.as_ref().filter(|_| !budget::exhausted()) {
        let tagged = tagged(model, doc, &ranges, &people, &out);
        out.extend(tagged);
        out.sort_by_key(|q| (!q.in_title, q.start));
    }
    headline_speakers(&mut out);
    out
}

/// Reported speech inside a direct quotation of an institution, attributed to someone the quotation names
/// (`“Vladimir Putin spoke in favor of resuming contacts …,” the Kremlin said`): the Kremlin reports what
/// Putin said. Only named speakers count; the quotation's own speaker talking of "we" or "I" is not a second
/// voice, and what a person quotes others as saying is that person's own claim.
fn nested(text: &str, found: &[Quote], people: &People) -> Vec<Quote> {
    let mut out = Vec::new();
    let institutional = |q: &&Quote| q.speaker_mention.as_ref().is_some_and(|m| !people.is_person(&m.text));
    for q in found
        .iter()
        .filter(|q| !q.in_title && q.kind == QuoteKind::Direct)
        .filter(institutional)
    {
        let range = (q.start as usize, q.end as usize);
        for r in sentences::split(text, range, &[]) {
            for f in Sentence::new(text, r, &[]).quotes() {
                // A capitalised word of the mention that is a name: past the sentence's first word, or
                // written capitalised mid-sentence elsewhere in the text (`Trump`, not `People` or `Maybe`).
                let named = f.mention.is_some_and(|(s, e)| {
                    text.get(s..e).is_some_and(|m| {
                        let opening = text.get(r.0..s).is_some_and(|b| b.trim().is_empty());
                        m.split_whitespace().enumerate().any(|(k, w)| {
                            let cap = w.chars().next().is_some_and(char::is_uppercase);
                            let bare = w.split('\'').next().unwrap_or(w);
                            let pronoun = frames::is_pronoun(bare) || bare.eq_ignore_ascii_case("you");
                            cap && !pronoun && (k > 0 || !opening || text.contains(&format!(" {w} ")))
                        })
                    })
                });
                if named && f.group.is_none() && f.confidence >= 0.7 {
                    out.push(finish(text, f, people, None, false));
                }
            }
        }
    }
    out
}

/// A headline quotation with no verb (`Ukraine ‘to bolster border with Belarus’`) sums up a statement of
/// the text: the body quote that shares most of its words (at least half) lends it its speaker, while the
/// headline's own words stay its mention.
fn headline_speakers(quotes: &mut [Quote]) {
    fn stems(s: &str) -> HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() > 3)
            .map(|w| w.to_lowercase().chars().take(5).collect())
            .collect()
    }
    let body: Vec<(HashSet<String>, Option<String>)> = quotes
        .iter()
        .filter(|q| !q.in_title && q.speaker.is_some())
        .map(|q| (stems(&q.text), q.speaker.clone()))
        .collect();
    for q in quotes.iter_mut().filter(|q| q.in_title && q.cue.is_none()) {
        let words = stems(&q.text);
        if words.len() < 2 {
            continue;
        }
        let best = body
            .iter()
            .map(|(b, speaker)| (words.intersection(b).count(), speaker))
            .filter(|(shared, _)| 2 * shared >= words.len())
            .max_by_key(|(shared, _)| *shared);
        if let Some((_, speaker)) = best {
            q.speaker.clone_from(speaker);
        }
    }
}

/// Reported speech the rules did not find, from the tagger: each content run of a few words with a cue in
/// reach, attributed to the nearest source run in the same sentence.
fn tagged(
    model: &Model,
    doc: &Document<'_>,
    sentences: &[(usize, usize)],
    people: &People,
    found: &[Quote],
) -> Vec<Quote> {
    let text = doc.text();
    let toks = doc.words();
    let (labels, margins) = model.tag(text, toks);
    let content = tagger::runs(toks, &labels, Label::Content);
    // A source run that opens with a reporting verb (`said in the Oval Office,`) took in the cue, and one of
    // punctuation alone names nobody: no source.
    let mut sources = tagger::runs(toks, &labels, Label::Source);
    // Nor does one of adverbs and participles alone (`even`, `publicly`, `fueling`).
    sources.retain(|r| {
        let first = text[r.0..r.1].split_whitespace().next().unwrap_or("");
        let named = text[r.0..r.1].chars().any(char::is_alphanumeric);
        let modifiers = text[r.0..r.1].split_whitespace().all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let lower = !w.starts_with(char::is_uppercase);
            lower && (w.ends_with("ly") || w.ends_with("ing") || matches!(w, "even" | "also" | "still" | "just"))
        });
        named
            && !modifiers
            && (first.chars().next().is_some_and(char::is_uppercase) || lexicon::cue_lemma(first).is_none())
    });
    let cues = tagger::runs(toks, &labels, Label::Cue);
    let same_sentence = |a: (usize, usize), b: (usize, usize)| {
        let (lo, hi) = if a.1 <= b.0 { (a.1, b.0) } else { (b.1, a.0) };
        hi.saturating_sub(lo) < MAX_GAP
            && text
                .get(lo..hi)
                .is_some_and(|gap| !gap.contains(". ") && !gap.contains('\n'))
    };
    // Runs are in text order and do not overlap: only those ending after `c.0 - MAX_GAP` and starting before
    // `c.1 + MAX_GAP` can be near, so each lookup reads a window, not the document.
    let nearest = |runs: &[(usize, usize)], c: (usize, usize)| {
        let from = runs.partition_point(|r| r.1 + MAX_GAP <= c.0);
        let to = runs.partition_point(|r| r.0 < c.1 + MAX_GAP);
        runs[from..to.max(from)]
            .iter()
            .copied()
            .filter(|&r| same_sentence(r, c))
            .min_by_key(|&r| if r.1 <= c.0 { c.0 - r.1 } else { r.0.saturating_sub(c.1) })
    };
    let mut out = Vec::new();
    for c in content {
        let mut c = (c.0, frames::writer_clause_end(toks, c));
        // An act's object (not a `that` clause) ends where the writer's next clause begins.
        let (from, limit) = (
            toks.partition_point(|t| t.start < c.0),
            toks.partition_point(|t| t.start < c.1),
        );
        if toks.get(from).is_some_and(|t| t.lower != "that") {
            let end = frames::object_end(toks, from, limit);
            if end < limit && end > from {
                c.1 = toks[end - 1].end;
            }
        }
        let piece = &text[c.0..c.1];
        // A run broken off mid-phrase (`Mr Putin or`, `to turn it`) is no statement.
        let dangling = piece
            .split_whitespace()
            .last()
            .is_some_and(|w| lexicon::FUNCTION_WORDS.contains(&w.to_lowercase().as_str()));
        let words = piece.split_whitespace().count();
        if words < MIN_TAGGED_WORDS || dangling {
            continue;
        }
        // What the rules found, and the speakers they named, are no statements of their own.
        let overlaps = found.iter().filter(|q| !q.in_title).any(|q| {
            let (s, e) = (q.start as usize, q.end as usize);
            let named = q
                .speaker_mention
                .as_ref()
                .is_some_and(|m| (m.start as usize) < c.1 && c.0 < m.end as usize);
            s < c.1 && c.0 < e || named
        });
        // `said as she marched`: a clause of time or reason after the cue is not what was said.
        let after_conjunction = text[..c.0]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "as" | "while" | "when" | "because" | "since"));
        if after_conjunction {
            continue;
        }
        // `according to the state news agency RIA Novosti`: the run names the source.
        let clause = text[..c.0].rsplit([',', '.', ';', ':', '\n']).next().unwrap_or("");
        if clause.to_lowercase().contains("according to") {
            continue;
        }
        let Some(cue) = nearest(&cues, c) else { continue };
        // Whether the cue has a reporting verb where it reports (`asked whether`, not `asked about`): a
        // statement of two words (`denied the allegations`) needs one.
        let cue_words: Vec<String> = text[cue.0..]
            .split_whitespace()
            .take(text[cue.0..cue.1].split_whitespace().count() + 1)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .collect();
        let reporting = cue_words
            .iter()
            .enumerate()
            .any(|(k, w)| tagger::reporting(w, cue_words.get(k + 1).map(String::as_str)).is_some());
        if words < 3 && !reporting {
            continue;
        }
        // `the character of the race appeared to change`, `Trump's supporters seemed unperturbed`: how things
        // looked to the writer, which nobody said.
        let looks = cue_words.iter().any(|w| {
            matches!(
                w.as_str(),
                "seem" | "seems" | "seemed" | "seeming" | "appear" | "appears" | "appeared" | "appearing"
            )
        });
        // `a claim that originated in a deposition`, `the call for a ban`: a noun opened by an article names
        // nobody behind it.
        let article = matches!(cue_words.first().map(String::as_str), Some("a" | "an" | "the"));
        if (looks || article) && !reporting {
            continue;
        }
        // `yelling to the officers that her husband was unarmed`: what was said starts after whom it was said to.
        let addressed = text[cue.0..cue.1].ends_with(" to")
            || cue_words
                .iter()
                .filter_map(|w| lexicon::cue_lemma(w))
                .next_back()
                .is_some_and(|l| lexicon::ADDRESSEE_CUES.contains(&l));
        if addressed && cue.1 <= c.0 {
            if let Some(t) = toks[from..]
                .iter()
                .take(8)
                .take_while(|t| !t.quoted && t.end <= c.1)
                .find(|t| t.lower == "that")
            {
                c.0 = t.start;
            }
        }
        let piece = &text[c.0..c.1];
        // In the passive (`is expected`, `has been harshly criticized`) no one is behind an act or an attitude,
        // so it is no quotation; a statement in the passive (`It was specified that`) is one with no speaker.
        let passive = passive(&cue_words);
        // `Asked whether he would fire a speechwriter, Priebus said`, `said when asked about`: the question's
        // asker goes unnamed.
        let unnamed_asker = text[cue.0..cue.1].eq_ignore_ascii_case("asked") && {
            let paragraph_start = text[..cue.0].trim_end_matches([' ', '\t']).ends_with('\n');
            let before = text[..cue.0].trim_end();
            paragraph_start
                || before.is_empty()
                || before.ends_with(['.', '!', '?'])
                || before
                    .rsplit(char::is_whitespace)
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case("when"))
        };
        let stated = unnamed_asker
            || passive.is_some_and(|p| lexicon::cue_lemma(p).is_some_and(|l| !lexicon::WEAK_CUES.contains(&l)));
        if passive.is_some() && !stated {
            continue;
        }
        // After `C, X cue,` a rule read as the statement, the run that follows is the rest of its sentence
        // (`…, Duda reported, as opposed to …`).
        let cue_used = found.iter().filter(|q| !q.in_title).any(|q| {
            q.cue.as_deref() == text.get(cue.0..cue.1)
                && q.speaker_mention.as_ref().is_some_and(|m| {
                    (q.end as usize) <= m.start as usize
                        && (m.end as usize) <= c.0
                        && same_sentence((m.start as usize, m.end as usize), c)
                })
        });
        // `as opposed to` is a preposition, not a cue.
        let idiom = text
            .get(cue.0..cue.1)
            .is_some_and(|t| t.ends_with("opposed") && (t.contains("as opposed") || text[..cue.0].ends_with("as ")));
        if overlaps || cue_used || idiom {
            continue;
        }
        // The source the cue reports, else the cue's subject as the rules read it, else the source nearest
        // the content.
        let subject = || {
            let at = sentences.partition_point(|r| r.1 <= cue.0);
            let range = sentences.get(at).filter(|r| r.0 <= cue.0)?;
            Sentence::of(doc, *range).speaker_of(cue)
        };
        let source = nearest(&sources, cue).or_else(subject).or_else(|| nearest(&sources, c));
        let mut mention = source
            .filter(|_| !stated)
            .map(|r| mention_at(text, over_title(text, r)));
        let mut speaker = mention
            .as_ref()
            .and_then(|m| people.resolve(&m.text, m.start as usize, None));
        if mention.is_none() && !stated {
            // No source of its own: the speaker of the quotation just before, in the same paragraph.
            let before = found
                .iter()
                .filter(|q| !q.in_title && (q.end as usize) <= c.0)
                .max_by_key(|q| q.end)
                .filter(|q| text.get(q.end as usize..c.0).is_some_and(|gap| !gap.contains("\n\n")));
            if let Some(q) = before {
                mention.clone_from(&q.speaker_mention);
                speaker.clone_from(&q.speaker);
            }
        }
        // Nobody behind it: a run about an act or a topic (`the national debate about how …`, `beefing up
        // their numbers`), or one whose speaker the tagger lost; only a statement in the passive (`It was
        // specified that`) is one with no speaker.
        if mention.is_none() && !stated {
            continue;
        }
        out.push(Quote {
            text: piece.to_string(),
            fragments: Vec::new(),
            kind: frames::reported_kind(piece),
            speaker,
            speaker_mention: mention,
            cue: Some(text[cue.0..cue.1].to_string()),
            via: None,
            start: u32::try_from(c.0).unwrap_or(u32::MAX),
            end: u32::try_from(c.1).unwrap_or(u32::MAX),
            in_title: false,
            confidence: tagged_confidence(toks, &margins, c),
        });
    }
    out
}

/// The participle of a cue in the passive (`is expected`, `has been harshly criticized`), if it is one.
fn passive(words: &[String]) -> Option<&str> {
    words.windows(2).enumerate().find_map(|(k, w)| {
        if !lexicon::is_be(&w[0]) {
            return None;
        }
        if lexicon::is_participle(&w[1]) {
            return Some(w[1].as_str());
        }
        let after = words
            .get(k + 2)
            .filter(|p| w[1].ends_with("ly") && lexicon::is_participle(p))?;
        Some(after.as_str())
    })
}

/// A source run cut after a title (`Mr.`, `Sen.`) runs on over the capitalised words of the name after it.
fn over_title(text: &str, (s, e): (usize, usize)) -> (usize, usize) {
    let run = text.get(s..e).unwrap_or_default().trim_end();
    let last = run.rsplit(' ').next().unwrap_or_default().trim_end_matches('.');
    if !matches!(last, "Mr" | "Mrs" | "Ms" | "Dr" | "Sen" | "Rep" | "Gov" | "Gen") {
        return (s, e);
    }
    let mut end = s + run.len();
    if text[end..].starts_with('.') {
        end += 1;
    }
    for word in text[end..].split(' ').skip(1) {
        let name = word.trim_end_matches([',', '.', ';', ':', '\'', '’']);
        if name.is_empty() || !name.starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        end = text[..end].len() + 1 + name.len();
        if name.len() != word.len() {
            break;
        }
    }
    (s, end)
}

/// Whether the words at `(s, e)` name someone: two or more words, or one the document names a person by
/// (`Clinton`, not `Warning`).
fn names_someone(text: &str, (s, e): (usize, usize), people: &People) -> bool {
    let words = text.get(s..e).unwrap_or_default();
    words.split_whitespace().count() >= 2 || people.resolve(words, s, None).is_some_and(|p| p != words)
}

/// How likely a tagged run at byte range `c` is a true statement, from its tokens' mean margin over the
/// outside tag: a logistic fitted on PolNeAR train, where the runs of the lowest tenth by margin are right
/// about half the time and those of the highest tenth nine times in ten. Capped below the rules' frames.
fn tagged_confidence(toks: &[frames::Tok], margins: &[f32], c: (usize, usize)) -> f32 {
    let from = toks.partition_point(|t| t.start < c.0);
    let (sum, n) = toks[from..]
        .iter()
        .zip(&margins[from..])
        .take_while(|(t, _)| t.end <= c.1)
        .fold((0.0f32, 0u32), |(s, n), (_, m)| (s + m, n + 1));
    let margin = sum / n.max(1) as f32;
    let p = 1.0 / (1.0 + (0.35 - 0.007 * margin).exp());
    (p.clamp(0.3, 0.85) * 100.0).round() / 100.0
}

/// The words of `text` at byte range `(s, e)` as a speaker mention, without the punctuation that ends the
/// phrase around it (`Quina Jones, 25,`, `the vice chairman of the department (`).
fn mention_at(text: &str, (s, mut e): (usize, usize)) -> Mention {
    let words = text.get(s..e).unwrap_or_default();
    let kept = words.trim_end_matches([',', ';', ':', '(', '[', '-', '–', '—', ' ']);
    if !kept.is_empty() {
        e = s + kept.len();
    }
    Mention {
        text: text.get(s..e).unwrap_or_default().to_string(),
        start: u32::try_from(s).unwrap_or(u32::MAX),
        end: u32::try_from(e).unwrap_or(u32::MAX),
    }
}

/// Turns a found quotation into the record: resolves its speaker against the document's people, with
/// `salient` standing in for pronouns.
fn finish(text: &str, f: Found, people: &People, salient: Option<String>, in_title: bool) -> Quote {
    let slice = |(s, e): (usize, usize)| text.get(s..e).unwrap_or_default().to_string();
    let content: Vec<String> = f.content.iter().map(|&r| slice(r)).collect();
    let start = f.content.first().map_or(0, |r| r.0);
    let end = f.content.last().map_or(0, |r| r.1);
    let mention = f.mention.map(|r| mention_at(text, r));
    let speaker = match (&mention, f.group) {
        (_, Some(group)) => Some(slice(group)),
        (Some(m), None) => people.resolve(&m.text, f.mention.map_or(0, |r| r.0), salient.as_deref()),
        (None, None) => salient,
    };
    Quote {
        text: if content.len() == 1 {
            content[0].clone()
        } else {
            slice((start, end))
        },
        fragments: if content.len() > 1 { content } else { Vec::new() },
        kind: f.kind,
        speaker,
        speaker_mention: mention,
        cue: f.cue,
        // `via` is for outlets: whoever else was told (`told Benioff`, `told Winfrey`) is not one.
        via: f.via.filter(|v| !people.is_known_person(v)),
        start: u32::try_from(start).unwrap_or(u32::MAX),
        end: u32::try_from(end).unwrap_or(u32::MAX),
        in_title,
        confidence: f.confidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speakers(text: &str) -> Vec<(String, String)> {
        extract(None, text)
            .into_iter()
            .map(|q| (q.text, q.speaker_mention.map(|m| m.text).unwrap_or_default()))
            .collect()
    }

    fn kinds(text: &str) -> Vec<(String, QuoteKind)> {
        extract(None, text).into_iter().map(|q| (q.text, q.kind)).collect()
    }

    #[test]
    fn a_statement_before_its_attribution_and_a_phrase_after_it() {
        let got = speakers(
            "Now smaller groups of migrants are trying to cross under the cover of darkness, Duda reported, as \
             opposed to previous large pushes in broad daylight.",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(
            got[0].0,
            "Now smaller groups of migrants are trying to cross under the cover of darkness"
        );
        // After an adverbial opening the statement is what follows the attribution.
        let got = speakers("But to prevent problems, he said, local officials should be vigilant at all times.");
        assert!(got.iter().all(|(c, _)| c != "But to prevent problems"), "{got:?}");
    }

    #[test]
    fn answers_to_questions_connectives_and_closing_descriptions() {
        let got = speakers(
            "To a reporter's clarifying question whether it could be said that Russia would not leave Belarus in \
             trouble in this way, Peskov confirmed that.",
        );
        assert_eq!(got[0].0, "Russia would not leave Belarus in trouble in this way");
        let got = speakers("He noted, however, that the tactics used at the border have somewhat changed.");
        assert_eq!(got[0].0, "the tactics used at the border have somewhat changed");
        let got = speakers(
            "The NATO chief added that the ministers will meet their counterparts from Ukraine and Georgia, \
             another country which the bloc is trying to pull into its orbit.",
        );
        assert_eq!(
            got[0].0,
            "the ministers will meet their counterparts from Ukraine and Georgia"
        );
    }

    #[test]
    fn a_headline_quotation_takes_the_speaker_of_the_statement_it_sums_up() {
        let quotes = extract(
            Some("Ukraine ‘to bolster border with Belarus’ after talks"),
            "Deputy Interior Minister Yevhen Yenin told the BBC that his country plans to bolster its border \
             with Belarus.",
        );
        let headline = quotes.iter().find(|q| q.in_title).map(|q| q.speaker.clone());
        assert_eq!(headline, Some(Some("Yevhen Yenin".to_string())), "{quotes:?}");
    }

    #[test]
    fn headline_verbs_relative_groups_and_statements_reported_inside_quotations() {
        let quotes = extract(
            Some("Kremlin hopes border crisis won’t morph into a threat to Russia"),
            "",
        );
        assert_eq!(
            quotes.first().and_then(|q| q.speaker.clone()).as_deref(),
            Some("Kremlin")
        );
        let quotes = extract(
            None,
            "For Mr Putin, the crisis is a chance to force European governments – many of whom claim that Mr. \
             Lukashenko is an illegitimate leader – to negotiate.",
        );
        let q = quotes.first().map(|q| (q.text.as_str(), q.speaker.as_deref()));
        assert_eq!(
            q,
            Some(("Mr. Lukashenko is an illegitimate leader", Some("European governments")))
        );
        let quotes = extract(
            None,
            "“The crisis must be resolved soon,” the Kremlin said. “Vladimir Putin spoke in favor of resuming \
             contacts between EU countries and Belarus.”",
        );
        let nested = quotes.iter().find(|q| q.text.starts_with("resuming"));
        assert_eq!(
            nested.and_then(|q| q.speaker.as_deref()),
            Some("Vladimir Putin"),
            "{quotes:?}"
        );
        // A quotation's own speaker talking of "we" is not a second voice.
        let quotes = extract(None, "“We said we would act,” Peskov said.");
        assert_eq!(quotes.len(), 1, "{quotes:?}");
    }

    #[test]
    fn quotations_signed_after_a_dash() {
        let got = speakers("“He cannot even answer a question without scaring people.” ― Oscar P. Quintero.");
        assert_eq!(got[0].1, "Oscar P. Quintero");
        let got = speakers("\"We will build a wall around him, maybe, one day.\" - Steve Quinlan, Ohio");
        assert_eq!(got[0].1, "Steve Quinlan");
        // A dash before running text in lower case is not a signature.
        let got = speakers("“We will build a wall around him, maybe, one day.” — and then they left.");
        assert!(got.iter().all(|(_, m)| m.is_empty()));
    }

    #[test]
    fn quotations_beyond_the_attribution_are_their_own() {
        let got = speakers(
            "“We certainly cannot afford to do this anymore,” Trump said, adding later, “NATO is costing us a \
             fortune, and we are protecting Europe.”",
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "We certainly cannot afford to do this anymore,");
        assert!(got[1].0.starts_with("NATO is costing"));
        let got = speakers("“You winning?” she said, as he went on about “how the system is rigged,” and left.");
        assert_eq!(got[0], ("You winning?".to_string(), "she".to_string()));
        let got = speakers("In one tweet Friday, Trump said: “Did she help her become a citizen before the debate?”");
        assert_eq!(got[0].1, "Trump");
    }

    #[test]
    fn objects_are_not_inverted_subjects_and_phrases_before_that_are_not_content() {
        let got = speakers(
            "With 50 days to go, Minyon Moore, a senior adviser to the campaign, called Mr. Obama's remarks on \
             Saturday a true wake-up call to his coalition of supporters.",
        );
        assert!(got.iter().all(|(_, m)| m != "Mr" && m != "Mr. Obama"), "{got:?}");
        let got = speakers("Trump tweeted in the early morning hours that the former beauty queen was a disgrace.");
        assert_eq!(got[0].0, "the former beauty queen was a disgrace");
    }

    #[test]
    fn common_noun_phrases_and_titles_with_a_full_stop_are_speakers() {
        let got = speakers("\"We need change,\" the New York businessman said.");
        assert_eq!(got[0].1, "the New York businessman");
        let got = speakers("Several experts cautioned that the proposals might evolve after the election.");
        assert_eq!(got[0].1, "Several experts");
        let got = speakers("\"This is a scandal,\" said Rep. Elijah Cummings, the top Democrat on the panel.");
        assert_eq!(got[0].1, "Rep. Elijah Cummings");
        // The object of a preposition is no subject (`at one point calling`).
        let got = speakers("Mr Lukashenko, at one point calling Mr Putin an “older brother”, praised Russia.");
        assert!(got.iter().all(|(_, m)| m != "one point"), "{got:?}");
    }

    #[test]
    fn a_statement_before_a_quotation_with_its_own_attribution() {
        let got = speakers(
            "She said fathers would not be eligible for the leave, and when pressed on why, the mother of \
             three replied, \"It is meant to benefit the mother who has given birth.\"",
        );
        let said = got.iter().find(|(_, m)| m == "She");
        assert_eq!(
            said.map(|q| q.0.as_str()),
            Some("fathers would not be eligible for the leave"),
            "{got:?}"
        );
        assert!(got
            .iter()
            .any(|q| q.1 == "the mother of three" && q.0.starts_with("It is meant")));
        // Verbs that also name acts report only a `that` clause.
        assert!(speakers("Border guards are countering the migrants' attempts at the fence.").is_empty());
        assert_eq!(speakers("Trump boasted, “That makes me smart.”")[0].1, "Trump");
    }

    #[test]
    fn a_quotation_closing_on_its_comma_before_the_attribution() {
        let got =
            speakers("The answers are \"not meeting the demand,\" says Paul Rieckhoff, founder of a veterans group.");
        assert_eq!(
            got[0],
            (
                "The answers are \"not meeting the demand,\"".to_string(),
                "Paul Rieckhoff".to_string()
            )
        );
        let got = speakers("The country \"has made dramatic changes for the better,\" McConnell said in June 2012.");
        assert_eq!(got[0].1, "McConnell", "{got:?}");
    }

    #[test]
    fn whom_something_was_told_to_is_not_who_said_it() {
        let got = speakers("He instead told the BBC interviewer: \"I took the judgement call.\"");
        assert_eq!(got, [("I took the judgement call.".to_string(), "He".to_string())]);
        let got = speakers("Benioff weighed in, telling Cook, \"We all miss Steve so much.\"");
        assert_eq!(got[0].1, "Benioff", "{got:?}");
        // Two descriptions joined by `and` before the name are the mention.
        let got = speakers(
            "\"We found the next best thing,\" lead researcher and NASA planetary scientist Lucas Paganini said.",
        );
        assert_eq!(
            got[0].1, "lead researcher and NASA planetary scientist Lucas Paganini",
            "{got:?}"
        );
        // Nor is the outlet it came through.
        let got = speakers("Richardson, via USA Today, said that Rudolph \"can't antagonize a fight.\"");
        assert_eq!(got[0].1, "Richardson", "{got:?}");
    }

    #[test]
    fn the_writers_trailing_clause_is_not_content() {
        let got = speakers("Trump claimed that Clinton had helped her get citizenship, but offered no proof.");
        assert_eq!(got[0].0, "Clinton had helped her get citizenship");
        let got =
            speakers("The senator said the tax rate should be lower, although he again refused to say by how much.");
        assert_eq!(got[0].0, "the tax rate should be lower");
        // A contrast the speaker draws stays: `but` before another subject.
        let got = speakers("The senator said the plan was sound, but the timing was wrong.");
        assert_eq!(got[0].0, "the plan was sound, but the timing was wrong");
        let got = speakers(
            "Trump would expand the deduction, but for some, the losses would outstrip the gains, said Batchelder.",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, "Batchelder");
        // Asides and descriptions of the writer's at the end are no content.
        for (text, content) in [
            (
                "Obama told them he would consider it a personal insult, implicitly putting his name on the line.",
                "he would consider it a personal insult",
            ),
            (
                "The group demanded that Obama pledge not to pardon Hillary Clinton, who has not been charged.",
                "Obama pledge not to pardon Hillary Clinton",
            ),
            (
                "He said they want policies that create less revenue (they want lower tax rates.",
                "they want policies that create less revenue",
            ),
            (
                "She stated that about 12,000 registered voters were ex-cons, and purged them from the rolls.",
                "about 12,000 registered voters were ex-cons",
            ),
            (
                "Bill Clinton criticized the Affordable Care Act as a crazy system during a campaign stop in Flint.",
                "the Affordable Care Act as a crazy system",
            ),
            (
                "She said she speaks about race because \"you talk about the issues in front of you,\" though she \
                 noted she has also pushed for prosecutions.",
                "she speaks about race because \"you talk about the issues in front of you,\"",
            ),
            (
                "Trump complained about his mic after the debate, even suggesting he may have been sabotaged.",
                "about his mic after the debate",
            ),
            (
                "Economists argue that corporate taxes should be very little -- assuming that shareholders pay more.",
                "corporate taxes should be very little",
            ),
            (
                "Shelby said she suspected Crutcher was on drugs, something a caller also told a dispatcher.",
                "she suspected Crutcher was on drugs, something a caller also told a dispatcher",
            ),
        ] {
            let got = speakers(text);
            assert_eq!(got[0].0, content, "{text}");
        }
        // A clause of its own after `, and`, with its own speaker.
        let got = speakers(
            "The official emphasized that the reforms were not complete, and human rights groups warned that the \
             administration was giving up leverage.",
        );
        assert_eq!(got[0].0, "the reforms were not complete");
        assert_eq!(got[1].1, "human rights groups");
        let got =
            speakers("While the claims are hard to assess, experts say it underscores the regime's determination.");
        assert_eq!(got[0].1, "experts");
        // A cue noun after a possessive or before a noun's word is no verb.
        let got = extract(
            None,
            "The Times published Trump's state tax returns from 1995 that showed big losses.",
        );
        assert!(got.iter().all(|q| q.cue.as_deref() != Some("state")), "{got:?}");
        assert!(
            speakers("A big question remains, however: what would a Trump administration do with trade?").is_empty()
        );
        let got = extract(
            None,
            "Burma, also known as Myanmar, is moving away from half a century of military rule.",
        );
        assert!(got.iter().all(|q| q.cue.as_deref() != Some("known")), "{got:?}");
        // A statement in the passive has no speaker (found by the rules; the verifier weighs it).
        let got = candidates(
            None,
            "It was specified that the document defines mutual allied obligations to ensure defense.",
        );
        assert!(
            got.iter()
                .any(|q| q.speaker.is_none() && q.text.contains("mutual allied obligations")),
            "{got:?}"
        );
        // The passive reports no one's words.
        for text in [
            "About one of every nine voters this fall is expected to be Latino, up from one in ten.",
            "He has been harshly criticized for policies that objectors see as abuses of executive power.",
        ] {
            assert!(speakers(text).is_empty(), "{text}: {:?}", speakers(text));
        }
        let got = speakers("Some Democrats, however, question the wisdom of committing to Scott this year.");
        assert_eq!(got[0].1, "Some Democrats");
        // Where something happens in what was said stays: `show up at a public hearing`.
        let got = speakers("Lynch said the law doesn't require witnesses to show up at a public hearing to testify.");
        assert_eq!(
            got[0].0,
            "the law doesn't require witnesses to show up at a public hearing to testify"
        );
        // The speaker's clause ends on a time (`announced Monday morning`), not on what was announced.
        let got =
            speakers("The campaign will release more medical records soon, a spokesman announced Monday morning.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "The campaign will release more medical records soon");
    }

    #[test]
    fn a_quotation_closing_a_reported_clause_is_partial() {
        let got = kinds("She says Trump's tweets accusing Alicia Machado of lying are “lies and conspiracy theories.”");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, QuoteKind::Partial);
        let got = speakers(
            "According to a 52-count civil complaint filed by the Securities and Exchange Commission, the \
             developers engaged in a \"massive fraudulent scheme\" against investors.",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].1.starts_with("a 52-count civil complaint"), "{got:?}");
    }

    #[test]
    fn what_was_said_starts_after_the_person_spoken_to_or_of() {
        let got = speakers("Trump tells his supporters at a Michigan rally to go to their place and vote.");
        assert_eq!(got[0].0, "to go to their place and vote");
        let got = speakers("The fund announced Tuesday that it is lowering its forecast for growth this year.");
        assert_eq!(got[0].0, "it is lowering its forecast for growth this year");
        let got = speakers("Clinton has called for reducing the corporate tax rate to 28 percent.");
        assert_eq!(got[0].0, "reducing the corporate tax rate to 28 percent");
        let got = speakers("Trump accused Lester Holt of being a Democrat and a liar.");
        assert_eq!(got[0].0, "being a Democrat and a liar");
    }

    #[test]
    fn transcript_lines_and_lead_ins_name_the_speaker() {
        let got = speakers("\"PENCE: Well, the question really should be asked of her campaign.\"");
        assert_eq!(got[0].1, "PENCE");
        let got = speakers(
            "The senator spoke to reporters on Monday.\n\nShe said:\n\n\"We have a situation where nobody \
             is listening to the people of this state.\"",
        );
        assert_eq!(got.last().map(|q| q.1.as_str()), Some("She"));
    }

    #[test]
    fn a_party_and_state_belong_to_the_name_and_a_weekday_names_nobody() {
        let got = speakers(
            "“Our assumption is that the veto will be overridden,” Senate Majority Leader Mitch McConnell, R-Ky., \
             said Tuesday. “We will win this vote in the House,” Rep. Elijah E. Cummings (D-Md.) said on Friday.",
        );
        let by: Vec<&str> = got.iter().map(|q| q.1.as_str()).collect();
        assert_eq!(
            by,
            ["Senate Majority Leader Mitch McConnell", "Rep. Elijah E. Cummings"]
        );
    }

    #[test]
    fn according_to_a_common_noun_phrase() {
        let got = speakers(
            "About 9.9 million single mothers with young children live in the United States, according to \
             federal statistics. According to a campaign aide, Clinton plans to visit Charlotte on Sunday.",
        );
        let want = [
            "About 9.9 million single mothers with young children live in the United States",
            "Clinton plans to visit Charlotte on Sunday",
        ];
        assert_eq!(got.iter().map(|q| q.0.as_str()).collect::<Vec<_>>(), want);
        assert_eq!(got[0].1, "federal statistics");
        assert_eq!(got[1].1, "a campaign aide");
    }

    #[test]
    fn the_outlet_behind_a_statement_is_named_without_its_description() {
        let text = "Putin's spokesman Dmitry S. Peskov said on Thursday that Russia was doing everything possible to \
                    resolve the situation, according to the Russian state news agency RIA Novosti. Peskov reminded \
                    of Russia's obligations to its ally.";
        let got = extract(None, text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(
            got[0].text,
            "Russia was doing everything possible to resolve the situation"
        );
        assert_eq!(got[0].via.as_deref(), Some("RIA Novosti"));
        assert_eq!(got[1].via, None);
        let via = |text: &str| extract(None, text).first().and_then(|q| q.via.clone());
        // The outlet's name ends where the words told in it begin, or at a day.
        assert_eq!(
            via("Earlier this year, Johnston told Billboard the band have been in the studio with a producer."),
            Some("Billboard".into())
        );
        assert_eq!(
            via("\"It is working,\" Noem told the Argus Leader Monday afternoon."),
            Some("Argus Leader".into())
        );
        // Whom they told is not an outlet.
        assert_eq!(
            via("Masayoshi Son told WeWork executives that he wants a profit by 2021."),
            None
        );
        // The outlet a sentence names beside the attribution: `via`, `as reported by`, a journalist of it.
        for (text, outlet) in [
            (
                "Richardson, via USA Today, said that Rudolph \"can't antagonize a fight and then claim bullying.\"",
                "USA Today",
            ),
            (
                "\"The most important thing is we lost that game,\" Heyward said, via Brian Batko of the \
                 Pittsburgh Post-Gazette.",
                "Pittsburgh Post-Gazette",
            ),
            (
                "\"Prince Andrew is not entitled to any form of immunity,\" said one legal expert, as reported by \
                 the Independent newspaper.",
                "Independent",
            ),
            (
                "The minister told the BBC interviewer that the talks would go on.",
                "BBC",
            ),
            (
                "\"We see a number of things,\" Jack Buser tells The Hollywood Reporter.",
                "Hollywood Reporter",
            ),
            (
                "He instead told the BBC interviewer: \"I took the judgement call that this was serious.\"",
                "BBC",
            ),
        ] {
            assert_eq!(via(text).as_deref(), Some(outlet), "{text}");
        }
        // Whom they told ends where what they told begins; a description in lower case after the name is
        // the speaker's, whatever organisation it ends with.
        let got = extract(
            None,
            "Charles Simpson, program administrator for the Refugees in Towns Project at Tufts University's \
             Feinstein International Center, told Polygraph.info the Russian Defense Ministry's allegations are \
             false.",
        );
        let q = got
            .first()
            .map(|q| (q.text.as_str(), q.speaker.as_deref(), q.via.as_deref()));
        assert_eq!(
            q,
            Some((
                "the Russian Defense Ministry's allegations are false",
                Some("Charles Simpson"),
                Some("Polygraph.info")
            )),
            "{got:?}"
        );
    }

    #[test]
    fn described_names_documents_and_kin_as_speakers() {
        let cases = [
            (
                "\"The FBI would just go get them,\" Rep. Jim Jordan (R-Ohio), an oversight panel member, said.",
                "Rep. Jim Jordan",
            ),
            (
                "\"We are not going to stop,\" Quina Jones, 25, said as she marched.",
                "Quina Jones",
            ),
            (
                "\"Every candidate should do so,\" Douglas Holtz-Eakin, an economist and tax expert, told me.",
                "Douglas Holtz-Eakin",
            ),
            ("\"We live in a dangerous kingdom,\" my father often said.", "my father"),
            (
                "\"Companies get away with not disclosing them,\" the report says.",
                "the report",
            ),
            (
                "\"A state cannot avoid the conclusion,\" said the ruling.",
                "the ruling",
            ),
            (
                "\"Our support is not abstract at all,\" the letter reads.",
                "the letter",
            ),
            (
                "As Steven M. Rosenthal, a tax lawyer, recently put it, \"Did he lower his taxes legally?\"",
                "Steven M. Rosenthal",
            ),
            (
                "\"Having Larry King helps them,\" Michael McFaul, a senior fellow at the Hoover Institution and a \
                 former United States ambassador to Russia, said of RT.",
                "Michael McFaul",
            ),
            (
                "\"That was outrageous,\" Obama's former campaign strategist said in an interview.",
                "Obama's former campaign strategist",
            ),
            (
                "“So why didn’t Donald Trump pay his?” a narrator in the Clinton ad asks.",
                "a narrator in the Clinton ad",
            ),
            (
                "“The president’s rationales don’t hold weight,” said 9/11 widow Terry Strada.",
                "9/11 widow Terry Strada",
            ),
            (
                "The former secretary of state and current Democratic presidential nominee said she wanted to speak \
                 “directly to white people” and let them know that “this is not who we are.”",
                "The former secretary of state and current Democratic presidential nominee",
            ),
            (
                "They send a message that a top priority ''is increasing the tax liability at the top,'' Mr. Kamin said.",
                "Mr. Kamin",
            ),
        ];
        for (text, speaker) in cases {
            let got = speakers(text);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].1, speaker, "{text}");
        }
        // A quotation in a sentence with no verb of saying belongs to the sentence's subject.
        let got = speakers("In an August speech, Trump attacked “the hateful ideology of radical Islam.”");
        assert_eq!(got[0].1, "Trump");
        // Only before `that` does `put it` report.
        assert!(speakers("He put it in the trunk of his old car.").is_empty());
    }

    #[test]
    fn a_source_cut_after_a_title_takes_the_name() {
        let text = "So far, Mr. Donald Trump has not taken me up on it.";
        assert_eq!(over_title(text, (8, 11)), (8, 24));
        assert_eq!(&text[8..24], "Mr. Donald Trump");
        assert_eq!(over_title(text, (0, 6)), (0, 6));
    }

    #[test]
    fn a_mention_keeps_none_of_the_punctuation_around_it() {
        let text = "as the vice chairman of the department (where Oz works) said";
        let m = mention_at(text, (3, text.find('(').unwrap() + 1));
        assert_eq!(
            (m.text.as_str(), m.start, m.end),
            ("the vice chairman of the department", 3, 38)
        );
        let m = mention_at("Quina Jones, 25,", (0, 16));
        assert_eq!(m.text, "Quina Jones, 25");
    }

    #[test]
    fn a_name_after_comma_and_verb_is_the_speaker() {
        let got = speakers(
            "Moves against the radio led to their removal from all but one of the stations, said Jeffrey N. \
             Trimble, a senior official with the board.",
        );
        assert_eq!(got[0].1, "Jeffrey N. Trimble");
        assert!(got[0].0.starts_with("Moves against"));
    }

    #[test]
    fn the_subject_stands_before_a_participle_between_commas() {
        let got = speakers(
            "President Obama, dedicating the National Museum of African American History and Culture on \
             Saturday, said it would tell an American story.",
        );
        assert_eq!(got[0].1, "President Obama");
    }

    #[test]
    fn a_tagged_run_is_surer_the_wider_its_margin() {
        let text = "the minister said the talks would go on";
        let toks = frames::tokenise(text, (0, text.len()), &[]);
        let at = |m: f32| tagged_confidence(&toks, &vec![m; toks.len()], (18, text.len()));
        assert!(0.3 <= at(0.0) && at(0.0) < at(200.0) && at(200.0) < at(400.0) && at(400.0) <= 0.85);
    }

    #[test]
    fn a_name_before_a_colon_names_the_speaker_and_a_label_does_not() {
        let got = speakers(
            "Hillary Clinton and Jeb Bush spoke in Iowa. Clinton: \"Our goal is to defeat and destroy ISIS.\" \
             Bush: “The mission is to destroy ISIS, not to contain it.”\n\nUpdate: “The vote was held late on \
             Monday night.”",
        );
        let by: Vec<&str> = got.iter().map(|q| q.1.as_str()).collect();
        assert_eq!(by[..2], ["Clinton", "Bush"]);
        assert_ne!(by.get(2).copied(), Some("Update"));
        // The name is looked for after the last stop or mark, which may be a curly apostrophe (found by the
        // rules; the verifier weighs a question with no speaker).
        let got = candidates(
            None,
            "I’m going to read you the question: “Are you better off than you were four years ago?”",
        );
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn indefinite_described_and_fronted_speakers() {
        let got = speakers("“The gap is awfully large,” added a New Hampshire Democrat.");
        assert_eq!(got[0].1, "a New Hampshire Democrat");
        let got =
            speakers("\"I'm not going to say it is a mistake,\" said retired neurosurgeon Ben Carson, asked about it.");
        assert_eq!(got[0].1, "retired neurosurgeon Ben Carson");
        let got = speakers(
            "During a rally in Ohio on Monday, Trump attacked Hillary, saying \"She is trigger-happy and very unstable.\"",
        );
        assert_eq!(got[0].1, "Trump");
    }

    #[test]
    fn asides_before_the_statement_and_objects_of_acts() {
        for (text, content) in [
            (
                "Clinton says at a campaign stop in Toledo, Ohio, that it means Trump never paid for Pell Grants.",
                "it means Trump never paid for Pell Grants",
            ),
            (
                "Several experts noted, as did the campaign itself, that the tax proposals might well evolve.",
                "the tax proposals might well evolve",
            ),
            (
                "Trump said after the convention he would not accept Cruz's endorsement.",
                "he would not accept Cruz's endorsement",
            ),
            (
                "Some state officials praised Mr. Clarke's work preserving the property but also gave him more time.",
                "Mr. Clarke's work preserving the property",
            ),
            (
                "Republicans agreed to release millions in cash so Mr. Clarke could start the work.",
                "to release millions in cash",
            ),
            (
                "Some Democrats question the wisdom of committing to Scott, who has never faced a competitive race.",
                "the wisdom of committing to Scott",
            ),
            (
                "Trump promised to lift environmental regulations ― probably not what Graham had in mind.",
                "to lift environmental regulations",
            ),
        ] {
            let got = speakers(text);
            assert!(got.iter().any(|(c, _)| c == content), "{text}: {got:?}");
        }
        // A clause of time after the cue, an act in the passive, `state` as a noun: nothing reported.
        for text in [
            "Top black lawmakers said Friday afternoon, as they bristled at the continued questions.",
            "Trump is expected to deliver a victory speech later tonight at his hotel.",
            "Initially, state regulators did not consider Mr. Clarke a realistic option.",
        ] {
            assert!(speakers(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn addressees_descriptions_and_openings_before_the_subject() {
        let got = speakers("The plan will fail badly next year, Graham told The Huffington Post on Thursday.");
        assert_eq!(got[0], ("The plan will fail badly next year".into(), "Graham".into()));
        let got = speakers(
            "''It has the virtue of being fiscally responsible,'' Leonard E. Burman, director of the centrist Tax \
             Policy Center, said of Mrs. Clinton's plan.",
        );
        assert_eq!(got[0].1, "Leonard E. Burman");
        let got = speakers(
            "Chastened by the analyses, as well as complaints over its costs, Trump revised his plan, promising to \
             focus its benefits on average Americans.",
        );
        assert_eq!(got[0].1, "Trump");
        let got = speakers("Meanwhile, it attacked Trump, saying he \"has offended Hispanics.\"");
        assert_eq!(got[0].1, "it");
    }

    #[test]
    fn subjects_after_the_statement_and_where_it_ends() {
        let got = speakers("Scott's relatives watched it on Thursday, attorneys for the family said.");
        assert_eq!(
            got[0],
            (
                "Scott's relatives watched it on Thursday".into(),
                "attorneys for the family".into()
            )
        );
        let got = speakers(
            "Even so, three-quarters of the voters said they were worried about the economy, and more than 4 in \
             10 said Donald Trump would be best at handling it.",
        );
        assert_eq!(
            got,
            vec![
                (
                    "they were worried about the economy".into(),
                    "three-quarters of the voters".into()
                ),
                (
                    "Donald Trump would be best at handling it".into(),
                    "more than 4 in 10".into()
                ),
            ]
        );
        let got = speakers("The refusal did not go over well with Republicans, said one GOP source in the room.");
        assert_eq!(got[0].1, "one GOP source");
        let got = speakers("The campaign will publish the records soon, a spokesman announced.");
        assert_eq!(got[0].1, "a spokesman");
        let got = speakers(
            "The museum, Mr. Bush said, celebrated several of his heroes, including the musician Chuck Berry and \
             the baseball player Willie Mays.",
        );
        assert!(got[0].0.ends_with("Willie Mays"), "{got:?}");
        let got = speakers(
            "The Security Council condemned North Korea's latest missile launch as Pyongyang fired three missiles \
             into the sea.",
        );
        assert_eq!(got[0].0, "North Korea's latest missile launch");
        let got = speakers("Although the senator said the bill would pass, the House voted it down on Friday.");
        assert_eq!(got[0].0, "the bill would pass");
        let got = speakers(
            "Clinton noted that Trump has occasionally not paid any federal income taxes ― as was true for the \
             few years his returns were made public.",
        );
        assert_eq!(got[0].0, "Trump has occasionally not paid any federal income taxes");
    }

    #[test]
    fn how_things_looked_and_unnamed_askers() {
        let got = speakers(
            "For the Republicans, the character of the race appeared to change over the weekend after a debate in \
             which Rubio faltered.",
        );
        assert!(got.is_empty(), "{got:?}");
        // A question put by someone the text does not name (found by the rules; the verifier weighs it).
        let got: Vec<(String, String)> = candidates(
            None,
            "Asked whether he would fire a speechwriter under these circumstances, Priebus said he would not.",
        )
        .into_iter()
        .map(|q| (q.text, q.speaker_mention.map(|m| m.text).unwrap_or_default()))
        .collect();
        assert!(
            got.iter().any(|(c, s)| c.starts_with("whether") && s.is_empty()),
            "{got:?}"
        );
    }

    #[test]
    fn a_person_quoting_others_is_one_voice() {
        // An institution relays what its principal said; a person's own quotation is that person's claim.
        let got = speakers(
            "“Vladimir Putin said that the talks on the border must resume soon,” the Kremlin said in a statement.",
        );
        assert!(got
            .iter()
            .any(|(c, s)| c.contains("the talks on the border") && s == "Vladimir Putin"));
        let got = speakers(
            "“The FBI concluded that there was no basis for any criminal prosecution,” said Rep. Elijah Cummings.",
        );
        assert!(got.iter().all(|(_, s)| s == "Rep. Elijah Cummings"), "{got:?}");
    }

    #[test]
    fn a_text_cut_after_the_cue_is_read_without_panicking() {
        // A text that ends on a time phrase's first word (`said on`, `said last`) once read past its tokens.
        for text in [
            "The minister arrived in the city. The spokesman said on",
            "The spokesman said last",
            "He said on Monday, on",
        ] {
            let _ = extract(Some(text), text);
        }
    }
}
