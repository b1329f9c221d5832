//! Spelling keys for names: one key for the spellings of a name across transliterations and languages
//! (`Volfovich` / `Wolfowicz`, `Zelensky` / `Zelenskyy` / `Зеленский`, `Zaluzhniy` / `Zaluzhny`), and a test
//! for keys one letter apart (`Valfovich`).

/// Cyrillic (Russian, Ukrainian, Belarusian) to Latin, letter by letter.
fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'є' => "ye",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' => "i",
        'ї' => "yi",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ў' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' | '\'' | '’' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// Latin letters with diacritics to their base letter (Polish, Czech, German, French, Turkish…).
fn fold(c: char) -> char {
    match c {
        'ą' | 'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
        'ć' | 'č' | 'ç' => 'c',
        'ď' => 'd',
        'ę' | 'é' | 'è' | 'ê' | 'ë' | 'ě' | 'ē' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ı' => 'i',
        'ł' | 'ľ' => 'l',
        'ń' | 'ň' | 'ñ' => 'n',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' => 't',
        'ú' | 'ù' | 'û' | 'ü' | 'ů' | 'ű' => 'u',
        'ý' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// A word in Cyrillic written in Latin letters, letter case kept (`Вольфович` → `Volfovich`); other words
/// as they are.
pub fn latin(word: &str) -> std::borrow::Cow<'_, str> {
    if !word
        .chars()
        .any(|c| cyrillic(c.to_lowercase().next().unwrap_or(c)).is_some() && c.is_alphabetic())
    {
        return std::borrow::Cow::Borrowed(word);
    }
    let all_caps = word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let lower = c.to_lowercase().next().unwrap_or(c);
        match cyrillic(lower) {
            Some(s) if all_caps => out.push_str(&s.to_ascii_uppercase()),
            Some(s) if c != lower => {
                let mut letters = s.chars();
                out.extend(letters.next().map(|f| f.to_ascii_uppercase()));
                out.extend(letters);
            }
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The spelling key of one word of a name: lower case, Cyrillic transliterated, diacritics folded,
/// orthographic variants rewritten (w→v, cz→ch, sz→sh, sch→sh, kh→h, j→y; -iy, -yy, -yi, -ii, -ij → -y)
/// and doubled letters collapsed.
pub fn key(word: &str) -> String {
    let word = word
        .trim_end_matches("’s")
        .trim_end_matches("'s")
        .trim_end_matches(['.', '’', '\'']);
    let mut k = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match cyrillic(c) {
            Some(s) => k.push_str(s),
            None if c.is_alphanumeric() => k.push(fold(c)),
            None => {}
        }
    }
    respell(&k)
}

/// The orthographic part of a name key, on a lower-case word: w→v, cz→ch, sz→sh, sch→sh, kh→h, j→y; -iy,
/// -yy, -yi, -ii, -ij → -y; doubled letters collapsed.
pub fn respell(word: &str) -> String {
    let mut k = word.to_string();
    for (a, b) in [
        ("w", "v"),
        ("cz", "ch"),
        ("sz", "sh"),
        ("sch", "sh"),
        ("kh", "h"),
        ("j", "y"),
    ] {
        if k.contains(a) {
            k = k.replace(a, b);
        }
    }
    for suffix in ["iy", "yy", "yi", "ii", "ij"] {
        if let Some(stem) = k.strip_suffix(suffix) {
            k = format!("{stem}y");
            break;
        }
    }
    let mut out = String::with_capacity(k.len());
    for c in k.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// Whether two keys of long names differ in one letter only (`valfovich` / `volfovich`).
pub fn close(a: &str, b: &str) -> bool {
    // Called for every pair of names in a document: no allocation, and out at the second difference.
    let (mut x, mut y) = (a.chars(), b.chars());
    let (mut len, mut differ) = (0usize, 0usize);
    loop {
        match (x.next(), y.next()) {
            (Some(p), Some(q)) => {
                len += 1;
                if p != q {
                    differ += 1;
                    if differ > 1 {
                        return false;
                    }
                }
            }
            (None, None) => return differ == 1 && len >= 6,
            _ => return false,
        }
    }
}

/// Whether a word is an initial (`S.`, `V`).
pub fn is_initial(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    w.chars().count() == 1 && w.chars().all(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_key_per_name_across_spellings() {
        assert_eq!(key("Volfovich"), key("Wolfowicz"));
        assert_eq!(key("Zelensky"), key("Zelenskyy"));
        assert_eq!(key("Zelenskiy"), key("Зеленский"));
        assert_eq!(key("Zaluzhniy"), key("Zaluzhny"));
        assert_eq!(key("Lukashenko"), key("Лукашенко"));
        assert_eq!(key("Putin’s"), key("PUTIN"));
        assert_eq!(key("Wałęsa"), key("Walesa"));
        assert_ne!(key("Putin"), key("Peskov"));
        assert!(close(&key("Valfovich"), &key("Volfovich")));
        assert!(!close("valfovich", "valfovich") && !close("valfov", "valfovich") && !close("putin", "puton"));
        assert!(!close("abcdefg", "abxdefy") && close("abcdefg", "abcdefy"));
        assert_eq!(latin("Вольфович"), "Volfovich");
        assert_eq!(latin("ЖУК"), "ZHUK");
        assert_eq!(latin("Жук"), "Zhuk");
        assert_eq!(latin("Kyiv"), "Kyiv");
        assert!(is_initial("S.") && !is_initial("St."));
    }
}
