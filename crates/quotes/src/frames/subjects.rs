//! Who is speaking: the subject of a cue (left of it, or right of it when inverted), the noun phrases that
//! name a speaker, and the descriptions and affiliations around them.

use super::*;

impl Sentence<'_> {
    pub(super) fn is_pronoun_only(&self, (s, e): (usize, usize)) -> bool {
        is_pronoun(&self.text[s..e])
    }

    /// The subject of a cue: the noun phrase left of it, over auxiliaries and adverbs (`has repeatedly said`),
    /// with an apposition (`Poland's president, Andrzej Duda, has suggested`). A participle after a comma
    /// (`…, adding that`) takes the sentence's subject.
    pub(super) fn subject(&self, cue: &Cue) -> Option<(usize, usize)> {
        let mut j = cue.first;
        // Auxiliaries, adverbs and parenthetical adverbs between commas (`Stoltenberg, in turn, noted`).
        let mut comma = None;
        while j > 0 {
            let t = &self.toks[j - 1];
            let adverb = t.word && !t.quoted && BETWEEN.contains(&t.lower.as_str());
            let comma_adverb = t.lower == ","
                && !t.quoted
                && j >= 2
                && self.toks[j - 2].word
                && BETWEEN.contains(&self.toks[j - 2].lower.as_str());
            if !(adverb || comma_adverb) {
                break;
            }
            if comma_adverb {
                comma.get_or_insert(j - 1);
            }
            j -= 1;
        }
        // Adverbs that end a longer parenthesis (`Obama, dedicating the museum on Saturday, said`) are part of it.
        if let Some(c) = comma.filter(|_| j == 0 || self.toks[j - 1].lower != ",") {
            j = c + 1;
        }
        j = self.before_affiliation(j);
        if j > 0 && self.toks[j - 1].lower == "," && self.toks[cue.first].lower.ends_with("ing") {
            return self.sentence_subject();
        }
        // A comma before the cue closes an apposition (`Valery Zaluzhniy, told`) or a parenthesis.
        let mut enclosed = j > 0 && self.toks[j - 1].lower == ",";
        if enclosed {
            j -= 1;
            // `President Obama, dedicating the museum on Saturday, said`: a participle's or a relative
            // clause between the commas, or the outlet it came through (`Richardson, via USA Today, said`);
            // the subject stands before it.
            if let Some(k) = self.opening_comma(j, 20).filter(|&k| k > 0) {
                let next = self.toks[k + 1].lower.as_str();
                if next.ends_with("ing") && !self.toks[k + 1].cap || matches!(next, "who" | "whose" | "via") {
                    j = k;
                    enclosed = false;
                }
            }
        }
        let mut right = j;
        let t = self.toks.get(right.checked_sub(1)?)?;
        if t.quoted {
            // `X, at one point calling Y "Q", praised Z`: the parenthesis ends in a quotation.
            return if enclosed { self.sentence_subject() } else { None };
        }
        if PRONOUNS.contains(&t.lower.as_str()) {
            // `let them know that`: an object is no subject.
            return (!matches!(t.lower.as_str(), "him" | "them")).then_some((t.start, t.end));
        }
        let mut first = self.np_start(right);
        // `a source`, `another Homeland Security official`: the determiner opens a phrase headed by a role.
        let role_head = first < right && !self.toks[right - 1].cap && lexicon::is_role(&self.toks[right - 1].lower);
        if role_head && first > 0 && matches!(self.toks[first - 1].lower.as_str(), "a" | "an" | "another" | "one") {
            first -= 1;
        }
        // A description opened by an article, a role or another word in lower case (`Michael McFaul, a
        // senior fellow at the Hoover Institution and a former United States ambassador to Russia, said`,
        // `Leonard E. Burman, director of …, said`, `Charles Simpson, program administrator for … Tufts
        // University's Feinstein International Center, told`) stands between the name and the cue.
        let article = || {
            self.opening_comma(right, DESCRIPTION_REACH)
                .and_then(|k| self.toks.get(k + 1))
                .is_some_and(|t| {
                    t.word
                        && !t.cap
                        && (matches!(t.lower.as_str(), "a" | "an" | "the")
                            || lexicon::is_role(&t.lower)
                            || !FUNCTION_WORDS.contains(&t.lower.as_str()))
                })
        };
        if enclosed && (!self.toks[first..right].iter().any(|t| t.cap) || article()) {
            // `Douglas Holtz-Eakin, an economist and tax expert, told`, `Quina Jones, 25, said`: a
            // description between the commas, the name before it.
            match self.described(right) {
                Some((a, b)) => (first, right) = (a, b),
                None if first == right => return self.sentence_subject(),
                None => {}
            }
        }
        // A common noun phrase (`the New York businessman`, `Several experts`), not a participle's
        // (`airborne early warning aircraft`).
        let participle = j == cue.first && self.toks[cue.first].lower.ends_with("ing");
        if first == right && !participle {
            if let Some(k) = self.common_np_start(right) {
                return Some((self.toks[k].start, self.toks[right - 1].end));
            }
        }
        // An apposition enclosed in commas: `Poland's president, Andrzej Duda, has suggested`.
        if enclosed && first >= 2 && self.toks[first - 1].lower == "," {
            let outer = self.np_start(first - 1);
            if outer < first - 1 {
                first = outer;
            }
        }
        // Two descriptions joined by `and` (`"Q," lead researcher and NASA planetary scientist Lucas Paganini
        // said`): the words back to the quotation or comma before them belong to the mention when they are
        // nouns, adjectives and names with one `and` among them.
        if first > 0 && first < right {
            let mut k = first;
            let mut and = false;
            while k > 0 && first - k < 8 {
                let t = &self.toks[k - 1];
                if !t.word || t.quoted {
                    break;
                }
                let plain = !FUNCTION_WORDS.contains(&t.lower.as_str()) && lexicon::cue_lemma(&t.lower).is_none();
                if t.lower == "and" && !and {
                    and = true;
                } else if !plain {
                    break;
                }
                k -= 1;
            }
            let opened = k == 0 || self.toks[k - 1].quoted || self.toks[k - 1].lower == ",";
            if and && opened && k < first && self.toks[k].lower != "and" {
                first = k;
            }
        }
        // A leading time phrase (`Sunday, the Kremlin`): dropped with its comma.
        if let Some(k) = (first..right).find(|&k| self.toks[k].lower == ",") {
            if self.toks[first..k].iter().all(|t| is_time_word(&t.lower)) {
                first = k + 1;
            }
        }
        while first < right {
            let t = &self.toks[first];
            let drop = !t.word
                || (FUNCTION_WORDS.contains(&t.lower.as_str()) && !matches!(t.lower.as_str(), "the" | "a" | "an"));
            if !drop {
                break;
            }
            first += 1;
        }
        if first >= right {
            return None;
        }
        let np = &self.toks[first..right];
        // `many of whom claim`: a relative speaker, resolved to its group by `group_of`.
        let relative = matches!(
            np.iter().map(|t| t.lower.as_str()).collect::<Vec<_>>().as_slice(),
            [_, "of", "whom" | "which"]
        );
        if !relative && !np.iter().any(|t| t.cap || lexicon::is_role(&t.lower)) {
            return None;
        }
        let end = (first..right).rev().find(|&k| self.toks[k].word)?;
        Some((self.toks[first].start, self.toks[end].end))
    }

    /// The name before a description enclosed in commas whose closing comma is token `close`: token range
    /// `(first, end)` of a capitalised noun phrase ending right before the opening comma (over a party and
    /// state: `Rep. Jim Jordan (R-Ohio), an oversight panel member,`).
    pub(super) fn described(&self, close: usize) -> Option<(usize, usize)> {
        let open = self.opening_comma(close, DESCRIPTION_REACH)?;
        let right = self.before_affiliation(open);
        let first = self.np_start(right);
        (first < right && self.toks[first..right].iter().any(|t| t.cap)).then_some((first, right))
    }

    /// The comma that opens a parenthesis closed by the comma at token `close`: the nearest one before it,
    /// at most `reach` tokens back and not across a quotation.
    pub(super) fn opening_comma(&self, close: usize, reach: usize) -> Option<usize> {
        (close.saturating_sub(reach)..close)
            .rev()
            .take_while(|&k| !self.toks[k].quoted)
            .find(|&k| self.toks[k].lower == ",")
    }

    /// Where a name's party and state end before token `j` (`Mitch McConnell, R-Ky., said`, `Elijah
    /// Cummings (D-Md.) said`): the token after the name; else `j`.
    pub(super) fn before_affiliation(&self, j: usize) -> usize {
        let word = |k: usize| self.toks.get(k).filter(|t| !t.quoted).map_or("", |t| t.lower.as_str());
        let close = match word(j.wrapping_sub(1)) {
            ")" | "," => j - 1,
            _ => return j,
        };
        let mut k = close;
        if k > 0 && word(k - 1) == "." {
            k -= 1;
        }
        let affiliation = k > 0 && {
            let w = word(k - 1).trim_end_matches('.');
            let mut parts = w.splitn(2, '-');
            matches!(parts.next(), Some("r" | "d" | "i"))
                && parts.next().is_some_and(|st| {
                    (2..=6).contains(&st.len()) && st.chars().all(|c| c.is_ascii_lowercase() || c == '.')
                })
        };
        let open = if word(close) == ")" { "(" } else { "," };
        if affiliation && k >= 3 && word(k - 2) == open {
            k - 2
        } else {
            j
        }
    }

    /// Where the noun phrase ending before token `right` starts (capitalised and role words, `the`, `of`).
    pub(super) fn np_start(&self, right: usize) -> usize {
        let mut first = right;
        while first > 0 && right - first < MAX_MENTION_WORDS {
            if first >= 2 && first < right && self.title_stop(first - 1) {
                // `Rep. Elijah Cummings`: over the title's full stop.
                first -= 1;
                continue;
            }
            let t = &self.toks[first - 1];
            let np_word = t.word
                && !t.quoted
                && (t.cap
                    || lexicon::is_role(&t.lower)
                    || matches!(
                        t.lower.as_str(),
                        "the" | "of" | "many" | "whom" | "some" | "both" | "top" | "joint"
                    ));
            if !np_word {
                break;
            }
            first -= 1;
        }
        first
    }

    /// Where a common noun phrase ending before token `right` starts: at most five words back over nouns,
    /// adjectives and names (not function words, auxiliaries, pronouns or cue verbs) to a determiner
    /// (`the 34-year-old mother of three`, `several experts`), or to the capitalised word opening the
    /// sentence (`Critics`, `Trump's campaign`).
    pub(super) fn common_np_start(&self, right: usize) -> Option<usize> {
        let mut k = right;
        while k > 0 && right - k < 6 {
            let t = &self.toks[k - 1];
            if !t.word || t.quoted {
                break;
            }
            // `Obama's former campaign strategist`: a name's possessive opens the phrase as a determiner does.
            let possessive = t.cap && possessive(&t.lower);
            if (DETERMINERS.contains(&t.lower.as_str()) || possessive) && k < right {
                // `at one point`, `in the meeting`: the object of a preposition is no subject, but the noun
                // phrase it belongs to may be (`a narrator in the Clinton ad asks`).
                let object =
                    k >= 2 && self.toks[k - 2].word && NP_PREPOSITIONS.contains(&self.toks[k - 2].lower.as_str());
                if !object {
                    return Some(k - 1);
                }
                let head = k - 2;
                let start = (head >= 1 && self.toks[head - 1].word && right - head < 8)
                    .then(|| self.common_np_start(head))
                    .flatten()?;
                // `C, attorneys for the family said`: after the comma that closes the statement.
                let after_statement = start > 0
                    && self.toks[start - 1].lower == ","
                    && !self.toks[start - 1].quoted
                    && matches!(
                        self.toks[k - 2].lower.as_str(),
                        "of" | "for" | "in" | "at" | "from" | "with" | "on"
                    );
                return (self.opens_clause(start) && DETERMINERS.contains(&self.toks[start].lower.as_str())
                    || after_statement)
                    .then_some(start);
            }
            let stop = (FUNCTION_WORDS.contains(&t.lower.as_str()) && t.lower != "of")
                || PRONOUNS.contains(&t.lower.as_str())
                || BETWEEN.contains(&t.lower.as_str())
                || (lexicon::cue_lemma(&t.lower).is_some()
                    && !t.cap
                    // `the report says`, `secretary of state`: after a determiner or `of`, a noun.
                    && !(k >= 2
                        && (DETERMINERS.contains(&self.toks[k - 2].lower.as_str()) || self.toks[k - 2].lower == "of")));
            if stop {
                break;
            }
            k -= 1;
        }
        if k < right && k == self.first_word() && self.toks[k].cap && self.toks[k].lower != "of" {
            return Some(k);
        }
        // `…, and human rights groups warned`, `But analysts agreed`: a plural after a conjunction that opens a
        // clause.
        let conjunction = k >= 1 && matches!(self.toks[k - 1].lower.as_str(), "and" | "but") && {
            let opens_sentence = k - 1 == self.first_word();
            opens_sentence || k >= 2 && self.toks[k - 2].lower == "," && !self.toks[k - 2].quoted
        };
        // `While it is difficult to assess the claims, experts say`: after the comma closing an opening clause.
        let after_comma = k >= 1 && self.toks[k - 1].lower == "," && !self.toks[k - 1].quoted && right - k <= 3;
        let conjunction = conjunction || after_comma;
        let plural = right > 0 && {
            let head = &self.toks[right - 1].lower;
            head.ends_with('s') && !head.ends_with("ss")
        };
        if k < right && conjunction && plural {
            return Some(k);
        }
        // `The former secretary of state and current Democratic presidential nominee said`: two phrases joined
        // by `and` that open the sentence.
        if k < right && k >= 2 && self.toks[k - 1].lower == "and" && !self.toks[k - 1].quoted {
            let j = self.common_np_start(k - 1)?;
            return self.opens_clause(j).then_some(j);
        }
        None
    }

    /// Whether a phrase starting at token `k` opens its clause: at the sentence's start or right after a
    /// quotation.
    pub(super) fn opens_clause(&self, k: usize) -> bool {
        k == self.first_word() || k > 0 && self.toks[k - 1].quoted && !self.toks[k - 1].word
    }

    /// Whether token `k` is the full stop of a capitalised abbreviation (`Rep.`, `Gov.`, `Dr.`) right after it.
    pub(super) fn title_stop(&self, k: usize) -> bool {
        let (Some(stop), Some(word)) = (self.toks.get(k), k.checked_sub(1).and_then(|p| self.toks.get(p))) else {
            return false;
        };
        stop.lower == "."
            && !stop.quoted
            && word.cap
            && word.end == stop.start
            && dateline_text::sentences::abbreviation(self.text, word.start, stop.start)
    }

    /// The noun phrase that opens the sentence, for participles (`The NATO chief … , adding that`).
    pub(super) fn sentence_subject(&self) -> Option<(usize, usize)> {
        let mut from = self.first_word();
        // A leading adverbial (`During a rally on Monday,`, `Speaking to reporters,`) is no subject: the
        // subject follows its comma.
        // So is an opening participle (`Chastened by the analyses, as well as complaints over its costs,`),
        // over each comma that a lower-case word other than a determiner or pronoun follows.
        let participle = self.toks.get(from).is_some_and(|t| {
            t.lower.len() > 4
                && (t.lower.ends_with("ed") || t.lower.ends_with("ing"))
                && self.toks.get(from + 1).is_some_and(|n| n.word && !n.cap)
        });
        if participle
            || self
                .toks
                .get(from)
                .is_some_and(|t| OPENERS.contains(&t.lower.as_str()) || is_time_word(&t.lower))
        {
            let n = self.toks.len();
            let mut at = from;
            while let Some(k) = (at..n.min(at + 16)).find(|&k| self.toks[k].lower == "," && !self.toks[k].quoted) {
                from = k + 1;
                let goes_on = self.toks.get(k + 1).is_some_and(|t| {
                    t.word
                        && !t.cap
                        && !DETERMINERS.contains(&t.lower.as_str())
                        && !PRONOUNS.contains(&t.lower.as_str())
                });
                if !participle || !goes_on {
                    break;
                }
                at = k + 1;
            }
        }
        // `Meanwhile, it attacked Trump, saying`: a pronoun opening the clause is its subject.
        if let Some(t) = self
            .toks
            .get(from)
            .filter(|t| !t.quoted && matches!(t.lower.as_str(), "he" | "she" | "it" | "they" | "we" | "i"))
        {
            return Some((t.start, t.end));
        }
        let i = (from..self.toks.len())
            .find(|&i| !FUNCTION_WORDS.contains(&self.toks[i].lower.as_str()) || self.toks[i].lower == "the")?;
        let (a, b) = self.noun_phrase_right(i)?;
        Some((self.toks[a].start, self.toks[b].end))
    }

    /// The speaker after an inverted cue: `"Q," said Peskov` / `said the Kremlin spokesman`.
    pub(super) fn inverted_subject(&self, cue: &Cue) -> Option<(usize, usize)> {
        // Only verbs of saying invert (`said Peskov`); after others the noun phrase is the object
        // (`called Mr Obama's remarks`).
        if !INVERTING.contains(&cue.lemma.as_str()) {
            return None;
        }
        let i = cue.last + 1;
        let (a, b) = self.noun_phrase_right(i).or_else(|| {
            // `"Q," said the ruling.`: a short common noun phrase after a determiner that ends the clause.
            let (a, b) = self.common_np_right(i)?;
            let verbless = self.toks[a..=b].iter().all(|t| !BETWEEN.contains(&t.lower.as_str()));
            (DETERMINERS.contains(&self.toks[a].lower.as_str()) && b - a < 4 && verbless).then_some((a, b))
        })?;
        Some((self.toks[a].start, self.toks[b].end))
    }

    /// A noun phrase starting at token `i`: a pronoun, or capitalised and role words with `the`/`of`.
    pub(super) fn noun_phrase_right(&self, i: usize) -> Option<(usize, usize)> {
        let t = self.toks.get(i)?;
        if t.quoted || !t.word {
            return None;
        }
        if PRONOUNS.contains(&t.lower.as_str()) {
            return Some((i, i));
        }
        // `said of RT`: the object of a preposition, not who spoke.
        if t.lower == "of" {
            return None;
        }
        // `said Tuesday`: a time, not who spoke.
        if is_time_word(&t.lower) || matches!(t.lower.as_str(), "tonight" | "this" | "next") {
            return None;
        }
        // `said retired neurosurgeon Ben Carson`: a few lower-case words before a name describe the person.
        // `said 9/11 widow Terry Strada`: a date's slash is part of the description.
        let described = self.toks[i..]
            .iter()
            .take(5)
            .take_while(|t| {
                (t.word
                    && !t.quoted
                    && !t.cap
                    && !FUNCTION_WORDS.contains(&t.lower.as_str())
                    && !is_time_word(&t.lower))
                    || t.lower == "/"
            })
            .count();
        let named_after = self
            .toks
            .get(i + described)
            .is_some_and(|t| t.word && !t.quoted && t.cap);
        let mut j = if described > 0 && named_after { i + described } else { i };
        while j < self.toks.len() && j - i < MAX_MENTION_WORDS {
            if j > i && self.title_stop(j) && self.toks.get(j + 1).is_some_and(|n| n.cap) {
                j += 1;
                continue;
            }
            let t = &self.toks[j];
            let ok = t.word
                && !t.quoted
                && (t.cap
                    || lexicon::is_role(&t.lower)
                    || matches!(t.lower.as_str(), "the" | "of" | "news" | "agency")
                    || j == i && matches!(t.lower.as_str(), "a" | "an" | "another" | "one"));
            if !ok {
                break;
            }
            j += 1;
        }
        // `the` alone, or ending on `of`/`the`, is not a phrase.
        while j > i && matches!(self.toks[j - 1].lower.as_str(), "the" | "of") {
            j -= 1;
        }
        (j > i && self.toks[i..j].iter().any(|t| t.cap || lexicon::is_role(&t.lower))).then(|| (i, j - 1))
    }

    /// Whom a statement was told to, from token `i` (`told Billboard`, `told the BBC`): a noun phrase as
    /// [`Sentence::noun_phrase_right`] reads it, up to a `the` after a name, which opens what was told
    /// (`told Polygraph.info the ministry's claims are false`); `the` after `of` stays (`Wee of the New York
    /// Times`).
    pub(super) fn addressee_right(&self, i: usize) -> Option<(usize, usize)> {
        let (a, b) = self.noun_phrase_right(i)?;
        let cut = (a + 1..=b).find(|&k| self.toks[k].lower == "the" && self.toks[k - 1].lower != "of");
        match cut {
            Some(k) => self.toks[a..k].iter().any(|t| t.cap).then_some((a, k - 1)),
            None => Some((a, b)),
        }
    }

    /// A common noun phrase from token `i` to the next punctuation, of a few words (`federal statistics`,
    /// `a new Washington Post-ABC News national poll`): the first and last token.
    pub(super) fn common_np_right(&self, i: usize) -> Option<(usize, usize)> {
        let len = self.toks[i.min(self.toks.len())..]
            .iter()
            .take_while(|t| t.word && !t.quoted)
            .take(MAX_MENTION_WORDS + 1)
            .count();
        let ends = self.toks.get(i + len).is_none_or(|t| !t.word && !t.quoted);
        let head = self.toks.get(i + len.checked_sub(1)?)?;
        (ends && len <= MAX_MENTION_WORDS && !FUNCTION_WORDS.contains(&head.lower.as_str())).then(|| (i, i + len - 1))
    }
}
