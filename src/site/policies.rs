//! The cited-policy index: the policy documents articles cite in 《》, each with the
//! articles that cite it.
//!
//! Titles are matched on a key without quotes of any style or whitespace, so
//! 《“十四五”国家知识产权保护和运用规划》, 《"十四五"国家知识产权保护和运用规划》 and
//! 《「十四五」國家…》 (after conversion from Traditional script) are one document.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use regex::Regex;
use serde::Serialize;

use crate::article::Article;

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
pub fn citations(paragraphs: &[String]) -> Vec<String> {
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

/// One cited document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policy {
    pub key: String,
    /// The title as most articles write it.
    pub title: String,
    pub slug: String,
    /// Citing articles (indices into `Site::articles`), oldest first.
    pub articles: Vec<usize>,
}

/// Builds the index from articles in newest-first order.
pub fn index(articles: &[Arc<Article>]) -> Vec<Policy> {
    // key → (title variants with counts, citing articles)
    let mut by_key: BTreeMap<String, (BTreeMap<&str, usize>, Vec<usize>)> = BTreeMap::new();
    for (i, article) in articles.iter().enumerate() {
        for title in &article.citations {
            let entry = by_key.entry(key(title)).or_default();
            *entry.0.entry(title.as_str()).or_default() += 1;
            entry.1.push(i);
        }
    }
    let mut taken = std::collections::HashSet::new();
    by_key
        .into_iter()
        .map(|(key, (variants, mut citing))| {
            let title = variants
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(t, _)| t.to_string())
                .unwrap_or_else(|| key.clone());
            citing.reverse(); // oldest first
            let base = slug_for(&key);
            let mut slug = base.clone();
            let mut n = 2;
            while !taken.insert(slug.clone()) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            Policy {
                key,
                title,
                slug,
                articles: citing,
            }
        })
        .collect()
}

fn slug_for(key: &str) -> String {
    let words = slug::slugify(key);
    let mut slug = String::new();
    for word in words.split('-').filter(|w| !w.is_empty()) {
        if !slug.is_empty() && slug.len() + 1 + word.len() > 60 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() {
        slug.push_str("policy");
    }
    slug
}

pub fn policy_path(slug: &str) -> String {
    format!("policies/{slug}.html")
}

pub const INDEX_PATH: &str = "policies.html";

/// Links each cited title in an article body to its document's page. `prefix` leads from
/// the page (or feed) to the site root.
pub fn link_citations(body: &str, cited: &[(&str, &str)], prefix: &str) -> String {
    let mut body = body.to_string();
    for (title, slug) in cited {
        let needle = format!("《{title}》");
        if !body.contains(&needle) {
            continue;
        }
        let link = format!(
            "<a class=\"citation\" href=\"{prefix}{}\">{needle}</a>",
            policy_path(slug)
        );
        body = body.replace(&needle, &link);
    }
    body
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
            citations(&text),
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
    fn links_titles_in_bodies() {
        let body = "<p>印发《“十四五”规划》，强调……</p>";
        let linked = link_citations(body, &[("“十四五”规划", "shi-si-wu-gui-hua")], "../");
        assert_eq!(
            linked,
            "<p>印发<a class=\"citation\" href=\"../policies/shi-si-wu-gui-hua.html\">《“十四五”规划》</a>，强调……</p>"
        );
    }
}
