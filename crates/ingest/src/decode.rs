//! Bytes to Unicode: charset from BOM, HTTP header, `<meta>`/XML declaration, or detection.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// Decoded text plus how its charset was chosen and what had to be repaired.
pub(crate) struct Decoded {
    /// The text.
    pub(crate) text: String,
    /// Charset name and basis, e.g. `windows-1251 (meta)`.
    pub(crate) charset: String,
    /// Repairs made while decoding.
    pub(crate) warnings: Vec<String>,
}

/// Decodes `bytes`, honouring a charset `declared` by the transport (HTTP `Content-Type`) first.
///
/// Order: byte-order mark, transport declaration, in-document declaration (`<meta charset>`,
/// `http-equiv`, `<?xml encoding?>`) in the first 4 KiB, valid UTF-8, then statistical detection.
///
/// UTF-8 (declared, or undeclared) with some invalid bytes stays UTF-8 when it is mostly UTF-8: at least as
/// many valid multi-byte sequences as invalid runs. Each invalid run is then read in the legacy charset
/// detected from the invalid bytes alone (a UTF-8 page with a few Latin-1 bytes comes out readable) and
/// counted in `warnings`. A UTF-8 declaration contradicted by mostly invalid bytes falls through to detection,
/// since legacy pages often carry a template's wrong declaration.
pub(crate) fn decode(bytes: &[u8], declared: Option<&str>) -> Decoded {
    let mut d = decode_charset(bytes, declared);
    let (text, repaired) = repair_double_encoding(&d.text);
    if repaired > 0 {
        d.text = text.into_owned();
        d.warnings.push(format!(
            "{repaired} character(s) encoded twice (UTF-8 read as Latin-1 or Windows-1252) repaired"
        ));
    }
    d
}

/// The bytes 0x80–0x9F of Windows-1252, as the characters that charset reads them as (0 where it has none).
const CP1252_HIGH: [char; 32] = [
    '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘', '’', '“', '”', '•',
    '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
];

/// The byte a character stands for when UTF-8 bytes were read as Latin-1 or Windows-1252.
fn as_byte(c: char) -> Option<u8> {
    match u32::from(c) {
        n @ 0..=0xFF => u8::try_from(n).ok(),
        _ => CP1252_HIGH
            .iter()
            .position(|&h| h == c)
            .and_then(|i| u8::try_from(0x80 + i).ok()),
    }
}

/// Repairs characters encoded twice: UTF-8 bytes read as Latin-1 or Windows-1252 and encoded again
/// (`doesnâ\u{80}\u{99}t`, `cafÃ©`), as pages served with such text show them. Only a lead byte followed
/// by the continuation bytes it needs, together valid UTF-8, is read back: text in those charsets never
/// has such runs in practice. Returns the text (borrowed when nothing needs reading) and how many characters
/// were repaired.
fn repair_double_encoding(text: &str) -> (Cow<'_, str>, usize) {
    // A necessary condition, on bytes: a lead byte's character (U+00C2..U+00F4, bytes C3 82..C3 B4) followed
    // by a continuation byte's (U+0080..U+00BF are C2 xx; Windows-1252's are C5, C6, CB or E2 xx xx).
    let suspicious = text
        .as_bytes()
        .windows(3)
        .any(|w| w[0] == 0xC3 && (0x82..=0xB4).contains(&w[1]) && matches!(w[2], 0xC2 | 0xC5 | 0xC6 | 0xCB | 0xE2));
    if !suspicious {
        return (Cow::Borrowed(text), 0);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut repaired = 0usize;
    let mut i = 0usize;
    while i < chars.len() {
        let c = chars[i];
        let need = match u32::from(c) {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => 0,
        };
        if need > 0 && i + need < chars.len() {
            let mut buf = [0u8; 4];
            buf[0] = u8::try_from(u32::from(c)).unwrap_or(0);
            let tail = chars[i + 1..=i + need]
                .iter()
                .enumerate()
                .all(|(k, &t)| match as_byte(t) {
                    Some(b @ 0x80..=0xBF) => {
                        buf[k + 1] = b;
                        true
                    }
                    _ => false,
                });
            if let (true, Ok(s)) = (tail, std::str::from_utf8(&buf[..=need])) {
                out.push_str(s);
                repaired += 1;
                i += need + 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    (Cow::Owned(out), repaired)
}

/// [`decode`] before repairs of double encoding.
fn decode_charset(bytes: &[u8], declared: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom_len..], "bom");
    }
    let head = &bytes[..bytes.len().min(4096)];
    let candidates = [
        (
            declared.and_then(|l| Encoding::for_label(l.trim().as_bytes())),
            "http header",
        ),
        (in_document_charset(head), "in-document declaration"),
    ];
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    let mut utf8_basis = None;
    for (enc, basis) in candidates {
        let Some(enc) = enc else { continue };
        // A UTF-16 declaration in an ASCII-compatible document is always a lie (HTML spec).
        let enc = enc.output_encoding();
        if enc == UTF_8 && !valid_utf8 {
            utf8_basis.get_or_insert(basis);
            continue;
        }
        return finish(enc, bytes, basis);
    }
    if valid_utf8 {
        return finish(UTF_8, bytes, "valid utf-8");
    }
    if let Some(d) = mostly_utf8(bytes, utf8_basis.unwrap_or("mostly valid utf-8")) {
        return d;
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(&bytes[..bytes.len().min(64 * 1024)], bytes.len() <= 64 * 1024);
    let enc = detector.guess(None, true);
    finish(enc, bytes, "detected")
}

/// Reads `bytes` as UTF-8 when they mostly are, each run of invalid bytes in the legacy charset detected from
/// those runs; `None` when invalid runs outnumber the valid multi-byte sequences.
fn mostly_utf8(bytes: &[u8], basis: &str) -> Option<Decoded> {
    // Valid multi-byte sequences, and the invalid runs (consecutive invalid chunks merged).
    let mut multibyte = 0usize;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut at = 0usize;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
        at += valid.len();
        let bad = chunk.invalid().len();
        if bad > 0 {
            match runs.last_mut() {
                Some(last) if last.1 == at => last.1 += bad,
                _ => runs.push((at, at + bad)),
            }
            at += bad;
        }
    }
    if runs.len() > multibyte {
        return None;
    }
    // The charset of the invalid bytes, told from them alone with the ASCII around them.
    let mut residue = Vec::new();
    for &(s, e) in runs.iter().take(4096) {
        residue.extend(bytes[s.saturating_sub(16)..s].iter().filter(|b| b.is_ascii()));
        residue.extend_from_slice(&bytes[s..e]);
        residue.push(b' ');
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(&residue, true);
    let legacy = detector.guess(None, true);
    let legacy = if legacy == UTF_8 {
        encoding_rs::WINDOWS_1252
    } else {
        legacy
    };
    let mut text = String::with_capacity(bytes.len());
    let mut from = 0usize;
    for &(s, e) in &runs {
        text.push_str(&String::from_utf8_lossy(&bytes[from..s]));
        text.push_str(&legacy.decode_without_bom_handling(&bytes[s..e]).0);
        from = e;
    }
    text.push_str(&String::from_utf8_lossy(&bytes[from..]));
    Some(Decoded {
        text,
        charset: format!("UTF-8 ({basis})"),
        warnings: vec![format!(
            "{} invalid UTF-8 byte(s) in {} place(s) read as {}",
            runs.iter().map(|r| r.1 - r.0).sum::<usize>(),
            runs.len(),
            legacy.name()
        )],
    })
}

fn finish(enc: &'static Encoding, bytes: &[u8], basis: &str) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let mut warnings = Vec::new();
    if had_errors {
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        warnings.push(format!(
            "{bad} invalid byte sequence(s) for {} replaced with U+FFFD",
            enc.name()
        ));
    }
    Decoded {
        text: text.into_owned(),
        charset: format!("{} ({basis})", enc.name()),
        warnings,
    }
}

/// Finds `charset=…` (meta tags, http-equiv) or `encoding="…"` (XML declaration) in the head of a document.
fn in_document_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for needle in [&b"charset="[..], &b"encoding="[..]] {
        let mut from = 0;
        while let Some(pos) = find(&lower[from..], needle) {
            let start = from + pos + needle.len();
            from = start;
            let value: Vec<u8> = lower[start..]
                .iter()
                .copied()
                .skip_while(|b| *b == b'"' || *b == b'\'' || b.is_ascii_whitespace())
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
                .collect();
            if let Some(enc) = Encoding::for_label(&value) {
                return Some(enc);
            }
        }
    }
    None
}

/// Position of `needle` in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether bytes look like binary data rather than text in some charset: NUL bytes, or many C0 controls.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.is_empty() {
        return false;
    }
    // UTF-16 text is full of NULs but announces itself with a BOM.
    if Encoding::for_bom(sample).is_some() {
        return false;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b)))
        .count();
    sample.contains(&0) || controls * 20 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honours_http_then_meta_then_detects() {
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Привет, Минск и Москва, как дела?");
        let d = decode(&cp1251, Some("windows-1251"));
        assert!(d.text.starts_with("Привет"));
        assert!(d.charset.contains("http header"));

        let mut page = b"<html><head><meta charset=\"koi8-r\"></head><body>".to_vec();
        let (koi, _, _) = encoding_rs::KOI8_R.encode("Президент заявил журналистам");
        page.extend_from_slice(&koi);
        let d = decode(&page, None);
        assert!(d.text.contains("Президент заявил"), "{}", d.text);
        assert!(d.charset.starts_with("KOI8-R"));

        let long = "Государственный секретарь Совета безопасности заявил, что граница закрыта. ".repeat(20);
        let (raw, _, _) = encoding_rs::WINDOWS_1251.encode(&long);
        let d = decode(&raw, None);
        assert!(d.text.starts_with("Государственный"), "{}", d.charset);
        assert!(d.charset.contains("detected"));
    }

    #[test]
    fn wrong_utf8_declaration_falls_back_and_iso_8859_2_decodes() {
        let (latin2, _, _) = encoding_rs::ISO_8859_2.encode("Zażółć gęślą jaźń");
        let d = decode(&latin2, Some("iso-8859-2"));
        assert_eq!(d.text, "Zażółć gęślą jaźń");
        let d = decode(b"caf\xe9 au lait, tr\xe8s bien", Some("utf-8"));
        assert!(d.text.contains("café"), "{}", d.text);
    }

    #[test]
    fn mostly_utf8_stays_utf8_with_stray_bytes_read_as_latin1() {
        let page = "<meta charset=\"utf-8\"><p>The council’s vote in Zürich — “final”, she said.</p>";
        let mut bytes = page.as_bytes().to_vec();
        bytes.extend_from_slice(b" caf\xe9");
        for declared in [Some("utf-8"), None] {
            let d = decode(&bytes, declared);
            assert!(d.text.contains("council’s vote in Zürich — “final”"), "{}", d.text);
            assert!(d.text.ends_with("café"), "{}", d.text);
            assert!(d.charset.starts_with("UTF-8"), "{}", d.charset);
            assert!(
                d.warnings.iter().any(|w| w.contains("1 invalid UTF-8 byte")),
                "{:?}",
                d.warnings
            );
        }
        // A legacy page under a template's UTF-8 declaration is still read in its own charset.
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode("Президент заявил журналистам, что граница закрыта.");
        let mut page = b"<meta charset=\"utf-8\">".to_vec();
        page.extend_from_slice(&cp1251);
        assert!(decode(&page, Some("utf-8")).text.contains("Президент заявил"));
    }

    #[test]
    fn xml_declaration_and_bom() {
        let mut xml = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss>".to_vec();
        xml.extend_from_slice(&encoding_rs::WINDOWS_1251.encode("Новости").0);
        assert!(decode(&xml, None).text.ends_with("Новости"));
        let d = decode(b"\xef\xbb\xbfhello", None);
        assert_eq!(d.text, "hello");
    }

    #[test]
    fn text_encoded_twice_is_repaired_and_latin_text_is_not_touched() {
        let twice = |s: &str| -> String { s.bytes().map(char::from).collect() };
        let d = decode(twice("doesn’t cost a café").as_bytes(), None);
        assert_eq!(d.text, "doesn’t cost a café");
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        // Windows-1252's reading of the same bytes.
        assert_eq!(repair_double_encoding("doesnâ€™t").0, "doesn’t");
        for plain in ["Âge d’or, À la carte, ÂÂ, Ãx, São Paulo, naïve, Ærø", "ä«", "price: 5Â"] {
            let (text, repaired) = repair_double_encoding(plain);
            assert_eq!((text.as_ref(), repaired), (plain, 0), "{plain}");
        }
    }

    #[test]
    fn binary_is_told_from_text() {
        assert!(looks_binary(b"\x00\x01\x02PNG\x00\x00junk"));
        assert!(!looks_binary("plain text, with «quotes»\n".as_bytes()));
        assert!(!looks_binary(b""));
    }
}
