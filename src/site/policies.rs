//! The cited-policy index: the policy documents articles cite in 《》, each with the
//! articles that cite it.
//!
//! Titles are matched on a key without quotes of any style or whitespace, so
//! 《“十四五”国家知识产权保护和运用规划》, 《"十四五"国家知识产权保护和运用规划》 and
//! 《「十四五」國家…》 (after conversion from Traditional script) are one document.

use std::collections::BTreeMap;

use serde::Serialize;

pub use crate::zh::citation::key;

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
pub fn index(articles: &[crate::site::Entry]) -> Vec<Policy> {
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
    crate::route::Route::Policy(slug.to_string()).path()
}

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
    fn links_titles_in_bodies() {
        let body = "<p>印发《“十四五”规划》，强调……</p>";
        let linked = link_citations(body, &[("“十四五”规划", "shi-si-wu-gui-hua")], "../");
        assert_eq!(
            linked,
            "<p>印发<a class=\"citation\" href=\"../policies/shi-si-wu-gui-hua.html\">《“十四五”规划》</a>，强调……</p>"
        );
    }
}
