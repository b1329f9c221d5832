//! The words of a body, as the sketches read them: runs of letters and digits (of any script), each with
//! its case-folded hash, length, whether it is capitalised, holds a digit or opens a sentence.
//!
//! The text is classified 64 bytes at a time into bit masks (16 bytes per SIMD comparison, through `wide`):
//! ASCII letters and digits, capitals, digits, sentence ends and bytes outside ASCII (quotation marks,
//! dashes and no-break spaces being separators). Words are then found in the masks with bit operations, and
//! an ASCII word of up to 16 bytes is hashed from two eight-byte loads, with no loop over its bytes; a run
//! holding other bytes outside ASCII is decoded character by character. A unit test checks every word
//! against a reader that goes a byte at a time.

use wide::u8x16;

/// A word of the body.
pub(crate) struct Word {
    /// [`word_hash`] of the word.
    pub(crate) hash: u64,
    /// Characters.
    pub(crate) len: usize,
    /// Starts with a capital letter.
    pub(crate) cap: bool,
    /// Holds a digit.
    pub(crate) digit: bool,
    /// Opens a sentence.
    pub(crate) opens: bool,
}

/// Bytes of a window of [`Masks`].
const BLOCK: usize = 64;

/// The bytes after which the next word opens a sentence.
const SENTENCE_ENDS: [u8; 4] = [b'.', b'!', b'?', b'\n'];

/// One bit per byte of a window of the text (bit `i` for its byte `i`; past the text's end, spaces).
#[derive(Clone, Copy, Default)]
struct Masks {
    /// ASCII letters and digits, and bytes outside ASCII but for the separators among them: what a word
    /// may be made of.
    word: u64,
    /// Bytes outside ASCII.
    high: u64,
    /// ASCII capitals.
    upper: u64,
    /// ASCII digits.
    digit: u64,
    /// [`SENTENCE_ENDS`].
    end: u64,
}

/// The masks of the 64 bytes of `bytes` from `from` (spaces past its end).
#[inline]
fn masks(bytes: &[u8], from: usize) -> Masks {
    let mut padded = [b' '; BLOCK];
    let chunk: &[u8] = match bytes.get(from..from + BLOCK) {
        Some(whole) => whole,
        None => {
            let part = bytes.get(from..).unwrap_or_default();
            padded[..part.len()].copy_from_slice(part);
            &padded
        }
    };
    let splat = u8x16::splat;
    let mut m = Masks::default();
    let mut lanes = [u8x16::ZERO; BLOCK / 16];
    for (lane, sixteen) in chunk.chunks_exact(16).enumerate() {
        let mut b = [0u8; 16];
        b.copy_from_slice(sixteen);
        let v = u8x16::new(b);
        lanes[lane] = v;
        let letter = ((v | splat(0x20)) - splat(b'a')).simd_lt(splat(26));
        let digit = (v - splat(b'0')).simd_lt(splat(10));
        let upper = (v - splat(b'A')).simd_lt(splat(26));
        let end = SENTENCE_ENDS.iter().fold(u8x16::ZERO, |e, &c| e | v.simd_eq(splat(c)));
        let at = 16 * lane;
        let high = u64::from(v.to_bitmask()) << at;
        m.word |= u64::from((letter | digit).to_bitmask()) << at | high;
        m.high |= high;
        m.upper |= u64::from(upper.to_bitmask()) << at;
        m.digit |= u64::from(digit.to_bitmask()) << at;
        m.end |= u64::from(end.to_bitmask()) << at;
    }
    if m.high == 0 {
        return m;
    }
    // U+2000–U+203F (E2 80 xx: quotation marks, dashes, spaces) and U+00A0 (C2 A0) are never part of a word:
    // separators, so that `Kremlin’s` or `“Yes` are read without decoding.
    let is = |b: u8| {
        lanes.iter().enumerate().fold(0u64, |m, (lane, v)| {
            m | u64::from(v.simd_eq(splat(b)).to_bitmask()) << (16 * lane)
        })
    };
    let three = is(0xe2) & (is(0x80) >> 1);
    let two = is(0xc2) & (is(0xa0) >> 1);
    let punct = three | three << 1 | three << 2 | two | two << 1;
    m.word &= !punct;
    m.high &= !punct;
    m
}

/// Calls `each` with the words of `text` in order.
///
/// The text is read in windows of 64 bytes, each starting where a run of word bytes (ASCII letters and
/// digits, bytes outside ASCII) starts or after a separator, so that no run is cut at a window's start; a
/// run that reaches the window's end is left to the next window, which starts with it. Within a window the
/// runs are paired start with end from two masks. A run of ASCII only is one word, read from the masks and
/// two loads; a run holding bytes outside ASCII is decoded ([`non_ascii_run`]), as is a run of 64 bytes or
/// more.
#[inline(always)]
pub(crate) fn for_each_word(text: &str, mut each: impl FnMut(Word)) {
    let bytes = text.as_bytes();
    let mut opens = true;
    let mut p = 0usize;
    // The words of a run decoded apart, handed to `each` here: `each` is never passed to a function that is
    // not inlined, so the state it updates can stay in registers.
    let mut spill: Vec<Word> = Vec::new();
    while p < bytes.len() {
        let m = masks(bytes, p);
        let mut starts = m.word & !(m.word << 1);
        let mut ends = m.word & !(m.word >> 1);
        // The runs of separators that hold a sentence end, marked at the byte after them: adding a stop
        // to its run of separator bits carries past the run's end.
        let gaps = !m.word;
        let after_stop = gaps.wrapping_add(m.end) & !gaps;
        let mut next = p + BLOCK;
        while starts != 0 {
            let s = starts.trailing_zeros();
            let e = ends.trailing_zeros();
            starts &= starts - 1;
            ends &= ends - 1;
            opens |= (after_stop >> s) & 1 != 0;
            let start = p + s as usize;
            if e == 63 {
                if s > 0 {
                    // The run reaches the window's end: the next window starts with it (`opens` says
                    // what the separators before it said).
                    next = start;
                } else {
                    // A run of 64 bytes or more.
                    next = run_end(bytes, start);
                    non_ascii_run(text, start, next, &mut opens, &mut spill);
                    spill.drain(..).for_each(&mut each);
                }
                break;
            }
            // Bits s..=e.
            let run = (2u64 << e).wrapping_sub(1u64 << s);
            if m.high & run != 0 {
                non_ascii_run(text, start, p + e as usize + 1, &mut opens, &mut spill);
                spill.drain(..).for_each(&mut each);
                continue;
            }
            let end = p + e as usize + 1;
            each(Word {
                hash: ascii_hash(bytes, start, end),
                len: end - start,
                cap: (m.upper >> s) & 1 != 0,
                digit: m.digit & run != 0,
                opens: std::mem::replace(&mut opens, false),
            });
        }
        // Sentence ends after the window's last run, when the next window starts past it.
        if next == p + BLOCK {
            let last = 64 - m.word.leading_zeros();
            opens |= m.end & u64::MAX.checked_shl(last).unwrap_or(0) != 0;
        }
        p = next;
    }
}

/// Where the run of word bytes (ASCII letters and digits, bytes outside ASCII) at `start` ends.
#[cold]
fn run_end(bytes: &[u8], start: usize) -> usize {
    bytes
        .get(start..)
        .unwrap_or_default()
        .iter()
        .position(|&b| b.is_ascii() && !b.is_ascii_alphanumeric())
        .map_or(bytes.len(), |n| start + n)
}

/// Whether the character at `i` (a character boundary of `text`) is a letter or digit, and its length in
/// bytes. The punctuation and spaces news text is full of (U+2000–U+203F: quotation marks, dashes, spaces;
/// U+00A0) are known without the Unicode tables.
#[inline]
fn word_char_at(text: &str, i: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    match (bytes.get(i), bytes.get(i + 1)) {
        (Some(&b), _) if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
        (Some(0xe2), Some(0x80)) => (false, 3),
        (Some(0xc2), Some(0xa0)) => (false, 2),
        _ => {
            let c = text.get(i..).and_then(|t| t.chars().next()).unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        }
    }
}

/// The words of a run of word bytes that holds bytes outside ASCII (or is too long for a window), decoded
/// character by character: the runs of letters and digits of any script within it.
#[cold]
fn non_ascii_run(text: &str, start: usize, end: usize, opens: &mut bool, out: &mut Vec<Word>) {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        let b = bytes[i];
        if b == 0xe2 && matches!(bytes.get(i + 1), Some(0x80 | 0x81)) {
            // General punctuation (U+2000–U+207F): a word never starts there.
            i += 3;
            continue;
        }
        let (word, n) = word_char_at(text, i);
        if !word {
            i += n;
            continue;
        }
        let mut j = i + n;
        let mut ascii = b.is_ascii();
        while j < end {
            let (word, n) = word_char_at(text, j);
            if !word {
                break;
            }
            ascii &= bytes[j].is_ascii();
            j += n;
        }
        let w = &text[i..j];
        let opens = std::mem::replace(opens, false);
        out.push(if ascii {
            Word {
                hash: hash_lower(bytes, i, j, ASCII_LOWER),
                len: w.len(),
                cap: b.is_ascii_uppercase(),
                digit: w.bytes().any(|b| b.is_ascii_digit()),
                opens,
            }
        } else {
            non_ascii_word(w, opens)
        });
        i = j;
    }
}

/// A word with letters outside ASCII.
fn non_ascii_word(w: &str, opens: bool) -> Word {
    Word {
        hash: word_hash(w),
        len: w.chars().count(),
        cap: w.chars().next().is_some_and(char::is_uppercase),
        digit: w.bytes().any(|b| b.is_ascii_digit()),
        opens,
    }
}

/// [`hash_lower`] of the ASCII word at `start..end`: one of up to 16 bytes, where the text goes on 16 bytes
/// from its start, from two eight-byte loads with no branch on its length.
#[inline]
fn ascii_hash(bytes: &[u8], start: usize, end: usize) -> u64 {
    let len = end - start;
    match (load8(bytes, start), load8(bytes, start + 8)) {
        (Some(x), Some(y)) if len <= 16 => {
            let first = len.min(8);
            let second = len.saturating_sub(8).max(1);
            let two = 0u64.wrapping_sub(u64::from(len > 8));
            let keep_x = u64::MAX >> (8 * (8 - first));
            let keep_y = u64::MAX >> (8 * (8 - second)) & two;
            let h = hash_round(start_hash(len), (x | ASCII_LOWER) & keep_x);
            let h2 = hash_round(h, (y | ASCII_LOWER) & keep_y);
            finish(h ^ ((h ^ h2) & two))
        }
        _ => hash_lower(bytes, start, end, ASCII_LOWER),
    }
}

/// The eight bytes at `i`, little-endian, where the text goes on that far.
#[inline]
fn load8(bytes: &[u8], i: usize) -> Option<u64> {
    let mut b = [0u8; 8];
    b.copy_from_slice(bytes.get(i..i + 8)?);
    Some(u64::from_le_bytes(b))
}

/// OR-ed into 8 ASCII letters or digits, it lowers their case (digits have the bit already).
const ASCII_LOWER: u64 = 0x2020_2020_2020_2020;

/// Hash of a word's lower-case bytes, read 8 at a time; `fold` is OR-ed into each 8 (see [`ASCII_LOWER`]),
/// so that an ASCII word hashes as its lower case without being copied.
#[inline]
fn hash_lower(all: &[u8], start: usize, end: usize, fold: u64) -> u64 {
    let word = all.get(start..end).unwrap_or_default();
    let mut h = start_hash(word.len());
    let mut chunks = word.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        h = hash_round(h, u64::from_le_bytes(b) | fold);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let from = end - rest.len();
        let keep = u64::MAX >> (8 * (8 - rest.len()));
        // Eight bytes read at once where the text goes on that far, the ones past the word masked off.
        let v = load8(all, from).unwrap_or_else(|| {
            rest.iter()
                .enumerate()
                .fold(0, |v, (k, &b)| v | u64::from(b) << (8 * k))
        });
        h = hash_round(h, (v | fold) & keep);
    }
    finish(h)
}

/// The last step of a word's hash: one multiply, after folding the high half into the low (the rounds
/// leave both halves mixed; this spreads them to every bit, the top ones most).
#[inline]
fn finish(h: u64) -> u64 {
    (h ^ (h >> 32)).wrapping_mul(0x94d0_49bb_1331_11eb)
}

/// The multiplier of [`hash_lower`]'s rounds.
const HASH_K: u64 = 0x9e37_79b9_7f4a_7c15;

/// Where [`hash_lower`] starts for a word of `len` bytes.
#[inline]
fn start_hash(len: usize) -> u64 {
    (len as u64).wrapping_mul(HASH_K)
}

/// One round of [`hash_lower`]: eight bytes of the word taken in.
#[inline]
fn hash_round(h: u64, eight: u64) -> u64 {
    (h ^ eight).wrapping_mul(HASH_K).rotate_left(29)
}

/// A hash of bytes as they are.
pub(crate) fn hash_bytes(b: &[u8]) -> u64 {
    hash_lower(b, 0, b.len(), 0)
}

/// A word's hash, case folded.
pub(crate) fn word_hash(w: &str) -> u64 {
    let lower: String = if w.is_ascii() {
        w.to_ascii_lowercase()
    } else {
        w.chars().flat_map(char::to_lowercase).collect()
    };
    hash_lower(lower.as_bytes(), 0, lower.len(), 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words a byte at a time: the reference [`for_each_word`] is checked against.
    fn for_each_word_bytewise(text: &str, mut each: impl FnMut(Word)) {
        let mut opens = true;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                // An ASCII run is hashed 8 bytes at a time; a word with other letters is read again as text.
                let start = i;
                let mut run_end = i;
                let mut digit = false;
                while run_end < bytes.len() && bytes[run_end].is_ascii_alphanumeric() {
                    digit |= bytes[run_end].is_ascii_digit();
                    run_end += 1;
                }
                i = run_end;
                let mut end = i;
                let mut ascii = true;
                while end < bytes.len() && !bytes[end].is_ascii() {
                    let c = text[end..].chars().next().unwrap_or(' ');
                    if !c.is_alphanumeric() {
                        break;
                    }
                    ascii = false;
                    end += c.len_utf8();
                }
                while !ascii && end < bytes.len() {
                    let c = text[end..].chars().next().unwrap_or(' ');
                    if !c.is_alphanumeric() {
                        break;
                    }
                    end += c.len_utf8();
                }
                let w = &text[start..end];
                let word = if ascii {
                    Word {
                        hash: hash_lower(bytes, start, end, ASCII_LOWER),
                        len: w.len(),
                        cap: b.is_ascii_uppercase(),
                        digit,
                        opens,
                    }
                } else {
                    non_ascii_word(w, opens)
                };
                each(word);
                opens = false;
                i = end;
                continue;
            }
            if b.is_ascii() {
                if matches!(b, b'.' | b'!' | b'?' | b'\n') {
                    opens = true;
                }
                i += 1;
                continue;
            }
            if b == 0xe2 && matches!(bytes.get(i + 1), Some(0x80 | 0x81)) {
                // General punctuation (quotation marks, dashes, spaces): never part of a word.
                i += 3;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                let mut end = i;
                while end < bytes.len() {
                    let d = text[end..].chars().next().unwrap_or(' ');
                    if !d.is_alphanumeric() {
                        break;
                    }
                    end += d.len_utf8();
                }
                each(non_ascii_word(&text[i..end], opens));
                opens = false;
                i = end;
            } else {
                i += c.len_utf8();
            }
        }
    }

    /// The words of a text as [`for_each_word`] (or the reference) hands them over.
    fn words_of(text: &str, reader: fn(&str, &mut dyn FnMut(Word))) -> Vec<(u64, usize, bool, bool, bool)> {
        let mut out = Vec::new();
        reader(text, &mut |w: Word| out.push((w.hash, w.len, w.cap, w.digit, w.opens)));
        out
    }

    #[test]
    fn words_read_by_masks_are_the_words_read_one_by_one() {
        let fast: fn(&str, &mut dyn FnMut(Word)) = |t, f| for_each_word(t, f);
        let slow: fn(&str, &mut dyn FnMut(Word)) = |t, f| for_each_word_bytewise(t, f);
        let mut texts: Vec<String> = [
            "",
            "a",
            "Peskov said.",
            "  The Kremlin's \u{201c}special operation\u{201d} began on 24 February 2022!  Why?\nNo one knows.",
            "internationalisation counter-revolutionaries 1234567890123456789 abcdefghijklmno abcdefghijklmnop",
            "Песков заявил, что Łukaszenka i Duda – ok. 2,000 ludzi; naïve café 東京 x\u{2071}y ⁿ",
            "ends mid-word with a long one: supercalifragilistic",
            "e\u{301}tude Ünïcödé12 A1b2C3 ...!!!???",
            "a run of more than sixty-four bytes: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa. Then é東aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Pseudo-random texts over an alphabet that mixes every kind of byte the reader treats apart.
        let alphabet: Vec<char> = "aZ09 .!?\n,-'é東ⁿ\u{201c}\u{2014}Ж\t\u{a0}à\u{2071}\u{80}"
            .chars()
            .collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..2000 {
            let len = (state % 40) as usize;
            let mut t = String::new();
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let c = alphabet[(state % alphabet.len() as u64) as usize];
                // Runs of one character now and then, for long words and long gaps.
                let times = if state.is_multiple_of(7) {
                    1 + (state >> 8) % 20
                } else {
                    1
                };
                (0..times).for_each(|_| t.push(c));
            }
            texts.push(t);
        }
        for t in &texts {
            assert_eq!(words_of(t, fast), words_of(t, slow), "{t:?}");
        }
    }
}
