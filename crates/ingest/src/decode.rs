//! Bytes to Unicode: charset from BOM, HTTP header, `<meta>`/XML declaration, or detection.

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
/// `http-equiv`, `<?xml encoding?>`) in the first 4 KiB, valid UTF-8, then statistical detection. A
/// UTF-8 declaration contradicted by invalid bytes falls through to detection, since legacy pages often
/// carry a template's wrong declaration.
pub(crate) fn decode(bytes: &[u8], declared: Option<&str>) -> Decoded {
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
    for (enc, basis) in candidates {
        let Some(enc) = enc else { continue };
        // A UTF-16 declaration in an ASCII-compatible document is always a lie (HTML spec).
        let enc = enc.output_encoding();
        if enc == UTF_8 && !valid_utf8 {
            continue;
        }
        return finish(enc, bytes, basis);
    }
    if valid_utf8 {
        return finish(UTF_8, bytes, "valid utf-8");
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(&bytes[..bytes.len().min(64 * 1024)], bytes.len() <= 64 * 1024);
    let enc = detector.guess(None, true);
    finish(enc, bytes, "detected")
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
    fn xml_declaration_and_bom() {
        let mut xml = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss>".to_vec();
        xml.extend_from_slice(&encoding_rs::WINDOWS_1251.encode("Новости").0);
        assert!(decode(&xml, None).text.ends_with("Новости"));
        let d = decode(b"\xef\xbb\xbfhello", None);
        assert_eq!(d.text, "hello");
    }

    #[test]
    fn binary_is_told_from_text() {
        assert!(looks_binary(b"\x00\x01\x02PNG\x00\x00junk"));
        assert!(!looks_binary("plain text, with «quotes»\n".as_bytes()));
        assert!(!looks_binary(b""));
    }
}
