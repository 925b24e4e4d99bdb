//! Documents cited in 《》: which titles are policy documents, and the key that matches one
//! document however its title is quoted (《“十四五”…规划》, 《"十四五"…规划》 and 《「十四五」…》
//! are one document).

use std::sync::LazyLock;

use regex::Regex;

/// Words that make a 《》 title a policy document rather than, say, a newspaper.
const POLICY_WORDS: &[&str] = &[
    "规划",
    "纲要",
    "意见",
    "通知",
    "办法",
    "条例",
    "法",
    "规定",
    "决定",
    "方案",
    "措施",
    "议定书",
    "协议",
    "计划",
    "指引",
    "指南",
    "细则",
    "标准",
    "公约",
    "章程",
    "制度",
    "政策",
    "纪要",
    "清单",
    "目录",
    "决议",
    "战略",
];

static CITATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"《([^《》\n]{2,80})》").expect("valid regex"));

/// The policy titles a text cites, in order of first appearance, without duplicates.
pub fn cited_documents(paragraphs: &[String]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for paragraph in paragraphs {
        for caps in CITATION.captures_iter(paragraph) {
            let title = caps[1].trim().to_string();
            if is_policy(&title) && !found.iter().any(|t| key(t) == key(&title)) {
                found.push(title);
            }
        }
    }
    found
}

/// Endings of titles that are publications, not policy documents: reports, white papers,
/// indexes, newspapers and journals (《世界知识产权报告》, 《人民日报》, 《全球创新指数》), even
/// when they name a policy word (《知识产权保护状况白皮书》).
const NOT_POLICY_ENDINGS: &[&str] = &[
    "报告",
    "白皮书",
    "蓝皮书",
    "年报",
    "年鉴",
    "指数",
    "日报",
    "晚报",
    "时报",
    "报",
    "杂志",
    "周刊",
    "学报",
    "期刊",
    "研究",
];

fn is_policy(title: &str) -> bool {
    let title = title.trim_end_matches([')', '）']);
    let bare = match title.rfind(['(', '（']) {
        Some(at) => &title[..at],
        None => title,
    };
    !NOT_POLICY_ENDINGS.iter().any(|e| bare.ends_with(e))
        && POLICY_WORDS.iter().any(|w| title.contains(w))
}

/// The state's formal prefix, which a law's title may carry or not (《中华人民共和国专利法》
/// and 《专利法》 are one law).
const STATE_PREFIX: &str = "中华人民共和国";

/// The matching key of a title: no quotes of any style, no whitespace, without the
/// state's formal prefix and without a closing parenthesis that only gives years or a
/// revision (`（2021—2035年）`, `(2020年修正)`): the names one document goes by share it.
pub fn key(title: &str) -> String {
    let title = title.trim();
    let title = title.strip_prefix(STATE_PREFIX).unwrap_or(title);
    let title = without_year_suffix(title);
    title
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '『' | '』' | '〝' | '〞'
                )
        })
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '—' | '–' | '－' => '-',
            other => other,
        })
        .collect()
}

/// `title` without a final parenthesis holding a year (and at most a few words such as
/// 修正, 修订, 年): `纲要（2021—2035年）` → `纲要`; `（试行）` stays, a different text.
fn without_year_suffix(title: &str) -> &str {
    static YEAR_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[（(]\s*\d{4}(?:\s*[-—–－~至到]\s*\d{4})?\s*年?\s*(?:修正|修订|修正本|修订版|版|本)?\s*[)）]$")
            .expect("valid regex")
    });
    match YEAR_SUFFIX.find(title) {
        Some(m) if m.start() > 0 => &title[..m.start()],
        _ => title,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_policy_titles_only() {
        let text = vec![
            "国务院印发《“十四五”国家知识产权保护和运用规划》，据《人民日报》报道，又见《“十四五”国家知识产权保护和运用规划》。".to_string(),
            "根据《知识产权强国建设纲要(2021—2035年)》。".to_string(),
        ];
        assert_eq!(
            cited_documents(&text),
            vec![
                "“十四五”国家知识产权保护和运用规划",
                "知识产权强国建设纲要(2021—2035年)"
            ]
        );
    }

    #[test]
    fn variants_share_a_key() {
        let k = key("“十四五”国家知识产权保护和运用规划");
        assert_eq!(k, key("\"十四五\"国家知识产权 保护和运用规划"));
        assert_eq!(k, key("「十四五」国家知识产权保护和运用规划"));
        assert_eq!(key("纲要（2021—2035年）"), key("纲要(2021-2035年)"));
    }

    #[test]
    fn a_laws_names_share_a_key() {
        assert_eq!(key("中华人民共和国专利法"), key("专利法"));
        assert_eq!(key("专利法（2020年修正）"), key("专利法"));
        assert_eq!(
            key("知识产权强国建设纲要（2021—2035年）"),
            key("知识产权强国建设纲要")
        );
        assert_ne!(key("专利审查指南（试行）"), key("专利审查指南"));
    }

    #[test]
    fn reports_and_newspapers_are_not_policy() {
        let text = vec![
            "据《人民日报》报道，《2023年世界知识产权指标报告》显示，《全球创新指数》中国排名上升，\
             《中国知识产权保护状况白皮书》发布，《中华人民共和国专利法》施行。"
                .to_string(),
        ];
        assert_eq!(cited_documents(&text), vec!["中华人民共和国专利法"]);
    }
}
