//! Punctuation and spacing fixes for scraped Chinese text: half-width punctuation between
//! Chinese characters becomes full-width, lost-separator `?` marks go, indentation with
//! ideographic spaces goes (the stylesheet indents instead).

use std::borrow::Cow;

/// Han ideographs (CJK Unified Ideographs and extensions, compatibility ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Chinese closing punctuation after which a half-width mark is still Chinese text.
fn is_cjk_closing(c: char) -> bool {
    matches!(
        c,
        '》' | '」' | '』' | '”' | '’' | '）' | '】' | '〕' | '〉'
    )
}

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '!' => '！',
        _ => return None,
    })
}

/// Turns `,;:!` into their full-width forms when they follow a Chinese character or a
/// Chinese closing mark. Digits, times and URLs never precede them that way, so `1,000`,
/// `10:30` and `https://` are untouched.
pub fn to_full_width(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| matches!(b, b',' | b';' | b':' | b'!')) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let converted = match (full_width(c), prev) {
            (Some(wide), Some(p)) if is_han(p) || is_cjk_closing(p) => wide,
            _ => c,
        };
        out.push(converted);
        prev = Some(c);
    }
    Cow::Owned(out)
}

/// Scraped pages lost some characters (ideographic and non-breaking spaces, mostly) to `?`.
/// A run of `?`, or a `?` beside whitespace, was a separator and becomes a space; a single
/// `?` after a Chinese character, before another or at the end of the line, was a question
/// mark and becomes `？`; a `?` in a URL stays.
pub fn replace_lost_separators(line: &str) -> Cow<'_, str> {
    if !line.contains('?') {
        return Cow::Borrowed(line);
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '?' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i] == '?' {
            i += 1;
        }
        let before = start.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i).copied();
        let run = i - start;
        if run == 1 && before.is_some_and(is_url_char) && after.is_some_and(is_url_char) {
            out.push('?');
        } else if run == 1
            && before.is_some_and(|c| is_han(c) || is_cjk_closing(c))
            && after.is_none_or(is_han)
        {
            // A question ends its line as often as it is followed by more text.
            out.push('？');
        } else {
            out.push(' ');
        }
    }
    // Collapse the spaces we introduced next to existing whitespace.
    let collapsed = out.split(' ').filter(|p| !p.is_empty()).collect::<Vec<_>>();
    let leading = line.starts_with(' ');
    let mut result = collapsed.join(" ");
    if leading && !result.is_empty() {
        result.insert(0, ' ');
    }
    Cow::Owned(result)
}

fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '/' | '=' | '&' | '.' | '_' | '-' | '%')
}

/// Removes indentation made of ideographic or non-breaking spaces at the start of a text.
pub fn trim_indentation(text: &str) -> &str {
    text.trim_start_matches(|c: char| c == '\u{3000}' || c == '\u{a0}' || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_between_chinese_becomes_full_width() {
        assert_eq!(
            to_full_width("印發《規劃》,強調堅持開放合作,推進合作"),
            "印發《規劃》，強調堅持開放合作，推進合作"
        );
        assert_eq!(to_full_width("重點工作:"), "重點工作：");
        assert_eq!(to_full_width("2021年,強調"), "2021年，強調");
    }

    #[test]
    fn numbers_times_and_urls_are_untouched() {
        for text in [
            "1,000人",
            "10:30舉行",
            "見https://example.com/a,b",
            "3:2",
            "abc,def",
        ] {
            assert_eq!(to_full_width(text), text, "{text}");
        }
    }

    #[test]
    fn lost_separators() {
        assert_eq!(
            replace_lost_separators("發布日期:2021-11-01??來源:中新社??作者:孫自法"),
            "發布日期:2021-11-01 來源:中新社 作者:孫自法"
        );
        assert_eq!(
            replace_lost_separators("首頁 ? 資訊 ? 正文"),
            "首頁 資訊 正文"
        );
        assert_eq!(replace_lost_separators("?"), "");
        assert_eq!(
            replace_lost_separators("[ 資訊搜索 ]? [ 加入收藏 ]"),
            "[ 資訊搜索 ] [ 加入收藏 ]"
        );
        assert_eq!(replace_lost_separators("真的嗎?是的"), "真的嗎？是的");
        assert_eq!(
            replace_lost_separators("什么是数据知识产权?"),
            "什么是数据知识产权？"
        );
        assert_eq!(
            replace_lost_separators("放大字體??縮小字體"),
            "放大字體 縮小字體"
        );
        assert_eq!(
            replace_lost_separators("見 https://a.cn/s?q=1 頁"),
            "見 https://a.cn/s?q=1 頁"
        );
    }

    #[test]
    fn indentation() {
        assert_eq!(trim_indentation("\u{3000}\u{3000}原标题"), "原标题");
        assert_eq!(trim_indentation("正文"), "正文");
    }
}
