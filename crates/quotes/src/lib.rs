//! Dateline's quote stage: who said what. Every quotation in an article's headline and text, direct,
//! partial or indirect, with its cue verb, the words that attribute it and the speaker those words stand
//! for (`he`, `Mr Peskov` and `the Kremlin press secretary` all become `Dmitry Peskov`), and the outlet it
//! came through (`told the BBC`).
//!
//! The stage reads left to right: quotation marks ([`marks`]), sentences ([`sentences`]), then for each
//! sentence the frame that attributes it ([`frames`]): `"Q," X said` / `X said: "Q"` / `X said (that) C` /
//! `C, X said` / `According to X, C` / `X told the BBC that C` / `X called Y "Q"`, and follow-on quotations
//! that inherit the last speaker. Speakers are resolved over the document ([`speakers`]).
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

mod frames;
mod lexicon;
mod marks;
mod sentences;
mod speakers;

use dateline_model::{Article, Mention, Quote};

use crate::frames::{Found, Sentence};
use crate::speakers::People;

/// Finds the quotations of `article` (headline and text) and stores them in `article.quotes`.
pub fn annotate(article: &mut Article) {
    article.quotes = extract(article.title.as_deref(), &article.text);
}

/// The quotations of a headline and a text, in order: headline quotations first.
pub fn extract(title: Option<&str>, text: &str) -> Vec<Quote> {
    let people = People::collect(title.unwrap_or(""), text);
    let mut out = Vec::new();
    let mut last: Option<(String, usize)> = None; // last speaker and the paragraph they spoke in
    if let Some(t) = title {
        for found in frames::headline(t) {
            out.push(finish(t, found, &people, None, true));
        }
    }
    let quotes = marks::find(text);
    let mut at = 0usize;
    for (para_no, para) in text.split("\n\n").enumerate() {
        let start = at;
        at += para.len() + 2;
        let range = (start, start + para.len());
        let sents = sentences::split(text, range, &quotes);
        let mut pending: Vec<Found> = Vec::new();
        for (k, &(s, e)) in sents.iter().enumerate() {
            let sentence = Sentence::new(text, (s, e), &quotes);
            let mut found = sentence.quotes();
            if found.is_empty() {
                // `C. Kremlin spokesman Dmitry Peskov said on January 16.` — the attribution split off.
                let next = sents.get(k + 1).map(|&r| Sentence::new(text, r, &quotes));
                found.extend(next.as_ref().and_then(|n| sentence.attributed_by(n)));
            }
            for mut f in found {
                if f.mention.is_none() && f.needs_speaker {
                    // An attribution split off by a stray period: the next sentence is only `X said.`
                    let next = sents.get(k + 1).map(|&r| Sentence::new(text, r, &quotes));
                    if let Some(attr) = next.as_ref().and_then(Sentence::bare_attribution) {
                        f.mention = Some(attr.0);
                        f.cue = Some(attr.1);
                        f.confidence *= 0.9;
                    }
                }
                pending.push(f);
            }
        }
        for mut f in pending {
            let inherited = f.mention.is_none() && f.needs_speaker;
            if inherited {
                // A follow-on quotation inherits the speaker of the one before, in this or the last paragraph.
                if let Some((who, p)) = &last {
                    if para_no <= p + 1 {
                        let q = finish(text, f, &people, Some(who.clone()), false);
                        out.push(q);
                        continue;
                    }
                }
                f.confidence *= 0.5;
            }
            let q = finish(text, f, &people, last.as_ref().map(|l| l.0.clone()), false);
            if let Some(who) = &q.speaker {
                last = Some((who.clone(), para_no));
            }
            out.push(q);
        }
    }
    out
}

/// Turns a found quotation into the record: resolves its speaker against the document's people, with
/// `salient` standing in for pronouns.
fn finish(text: &str, f: Found, people: &People, salient: Option<String>, in_title: bool) -> Quote {
    let slice = |(s, e): (usize, usize)| text.get(s..e).unwrap_or_default().to_string();
    let content: Vec<String> = f.content.iter().map(|&r| slice(r)).collect();
    let start = f.content.first().map_or(0, |r| r.0);
    let end = f.content.last().map_or(0, |r| r.1);
    let mention = f.mention.map(|(s, e)| Mention {
        text: slice((s, e)),
        start: u32::try_from(s).unwrap_or(u32::MAX),
        end: u32::try_from(e).unwrap_or(u32::MAX),
    });
    let speaker = match &mention {
        Some(m) => people.resolve(&m.text, f.mention.map_or(0, |r| r.0), salient.as_deref()),
        None => salient,
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
        via: f.via,
        start: u32::try_from(start).unwrap_or(u32::MAX),
        end: u32::try_from(end).unwrap_or(u32::MAX),
        in_title,
        confidence: f.confidence,
    }
}
