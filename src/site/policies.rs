//! The cited-policy index: the policy documents articles cite in 《》, each with the
//! articles that cite it.
//!
//! Titles are matched on a key without quotes of any style or whitespace, the state's
//! formal prefix or a closing year (see [`key`]), so 《“十四五”国家知识产权保护和运用规划》,
//! 《"十四五"国家…》, 《「十四五」國家…》 (after conversion from Traditional script), and
//! 《中华人民共和国专利法》 and 《专利法（2020年修正）》 are one document each. Names the
//! editor lists as aliases in `policies.toml` join their document too, which then shows
//! its official name, issuing body, number, date and address.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Serialize;

use crate::config::register::{PolicyRecord, Register};

pub use crate::zh::citation::key;

/// One cited document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policy {
    pub key: String,
    /// The official name from `policies.toml`, else the title as most articles write it.
    pub title: String,
    pub slug: String,
    /// Citing articles (indices into `Site::articles`), oldest first.
    pub articles: Vec<usize>,
    /// The keys of every name the articles cite it by.
    pub variant_keys: Vec<String>,
    /// What the editor recorded about it.
    pub record: Option<Arc<PolicyRecord>>,
}

/// Builds the index from articles in newest-first order, merging the names `register`
/// gives one document.
pub fn index(articles: &[crate::site::Entry], register: &Register) -> Vec<Policy> {
    // key → (title variants with counts, citing articles, variant keys)
    type Found<'a> = (BTreeMap<&'a str, usize>, Vec<usize>, BTreeSet<String>);
    let mut by_key: BTreeMap<String, Found<'_>> = BTreeMap::new();
    for (i, article) in articles.iter().enumerate() {
        for title in &article.citations {
            let own = key(title);
            let canonical = register
                .find(&own)
                .map_or_else(|| own.clone(), |record| key(&record.title));
            let entry = by_key.entry(canonical).or_default();
            *entry.0.entry(title.as_str()).or_default() += 1;
            // An article citing two names of one document counts once.
            if entry.1.last() != Some(&i) {
                entry.1.push(i);
            }
            entry.2.insert(own);
        }
    }
    let mut taken = std::collections::HashSet::new();
    by_key
        .into_iter()
        .map(|(key, (variants, mut citing, variant_keys))| {
            let record = register.find(&key).cloned();
            let title = match &record {
                Some(record) => record.title.clone(),
                None => variants
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(t, _)| t.to_string())
                    .unwrap_or_else(|| key.clone()),
            };
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
                variant_keys: variant_keys.into_iter().collect(),
                record,
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
