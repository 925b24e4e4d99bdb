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
    "报告",
    "白皮书",
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

fn is_policy(title: &str) -> bool {
    POLICY_WORDS.iter().any(|w| title.contains(w))
}

/// The matching key of a title: no quotes of any style, no whitespace.
pub fn key(title: &str) -> String {
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
}
