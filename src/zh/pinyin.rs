//! Removes the pinyin that a Traditional-script converter inserted after some characters,
//! as in `知識產(chǎn)權(quán)` → `知識產權`.
//!
//! A parenthesis is only removed when its content is one of the readings of the character
//! right before it (per the `pinyin` crate's dictionary), so real parentheses such as
//! `(2021—2035年)`, `(記者 孫自法)` or `条件(a)` are never touched.

use std::borrow::Cow;

use pinyin::ToPinyinMulti;

/// Longest inserted syllable we accept, in characters (`zhuang` + tone = 6).
const MAX_SYLLABLE: usize = 6;

/// Strips inserted pinyin. Never removes a Han character.
pub fn strip(text: &str) -> Cow<'_, str> {
    if !text.contains('(') && !text.contains('（') {
        return Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut changed = false;
    while i < chars.len() {
        let c = chars[i];
        out.push(c);
        i += 1;
        if !crate::zh::punctuation::is_han(c) {
            continue;
        }
        // Repeated, as stripping once more must find nothing: `產(chǎn)(chǎn)` → `產`.
        while let Some(len) = inserted_reading_len(c, &chars[i..]) {
            i += len;
            changed = true;
        }
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    }
}

/// If `rest` starts with `(reading)` where reading is a reading of `han`, the length of that
/// parenthesised group in chars.
fn inserted_reading_len(han: char, rest: &[char]) -> Option<usize> {
    let open = *rest.first()?;
    if open != '(' && open != '（' {
        return None;
    }
    let close_at = rest
        .iter()
        .take(MAX_SYLLABLE + 2)
        .position(|&c| c == ')' || c == '）')?;
    let syllable = &rest[1..close_at];
    if syllable.is_empty() || !syllable.iter().all(|&c| is_pinyin_letter(c)) {
        return None;
    }
    let syllable: String = syllable.iter().collect();
    if is_reading_of(han, &syllable) {
        Some(close_at + 1)
    } else {
        None
    }
}

fn is_reading_of(han: char, syllable: &str) -> bool {
    let wanted = toneless(syllable);
    match han.to_pinyin_multi() {
        Some(readings) => readings
            .into_iter()
            .any(|p| p.with_tone() == syllable || toneless(p.with_tone()) == wanted),
        // A character the dictionary does not know: accept only a tone-marked syllable,
        // which ordinary parenthesised text never is.
        None => syllable.chars().any(|c| toneless_char(c) != c),
    }
}

fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || toneless_char(c) != c || c == 'ü'
}

fn toneless(s: &str) -> String {
    s.chars().map(toneless_char).collect()
}

fn toneless_char(c: char) -> char {
    match c {
        'ā' | 'á' | 'ǎ' | 'à' => 'a',
        'ē' | 'é' | 'ě' | 'è' | 'ê' => 'e',
        'ī' | 'í' | 'ǐ' | 'ì' => 'i',
        'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
        'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
        'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'ü',
        'ń' | 'ň' | 'ǹ' => 'n',
        'ḿ' => 'm',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::strip;

    #[test]
    fn strips_inserted_readings() {
        assert_eq!(strip("知識產(chǎn)權(quán)"), "知識產權");
        assert_eq!(strip("政策法規(guī)"), "政策法規");
        assert_eq!(strip("發(fā)布日期"), "發布日期");
        assert_eq!(strip("國務(wù)院"), "國務院");
        assert_eq!(strip("強調(diào)"), "強調");
        // heteronyms: 調 is also tiáo
        assert_eq!(strip("協調(tiáo)"), "協調");
    }

    #[test]
    fn keeps_real_parentheses() {
        for text in [
            "《知識產權強國建設綱要(2021—2035年)》",
            "(記者 孫自法)",
            "條件(a)成立",
            "世界知識產權組織(WIPO)",
            "組織(wipo)",
            "第(一)項",
            "產(chan",
            "(chǎn)開頭",
        ] {
            assert_eq!(strip(text), text, "{text}");
        }
    }

    #[test]
    fn a_reading_of_another_character_is_kept() {
        // 權 is quán; "chǎn" after it is not its reading.
        assert_eq!(strip("權(chǎn)"), "權(chǎn)");
    }

    #[test]
    fn full_width_parentheses_and_toneless_readings() {
        assert_eq!(strip("產（chǎn）權(quan)"), "產權");
    }

    #[test]
    fn never_removes_han() {
        let text = "中(zhōng)國(guó)人(rén)民(mín)";
        let stripped = strip(text);
        let han = |s: &str| {
            s.chars()
                .filter(|&c| super::super::punctuation::is_han(c))
                .count()
        };
        assert_eq!(han(&stripped), han(text));
        assert_eq!(stripped, "中國人民");
    }
}
