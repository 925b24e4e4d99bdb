//! URL slugs: ASCII, stable across rebuilds, unique within the site.

use std::collections::HashMap;

use crate::article::Article;
use crate::diagnostic::Diagnostic;

/// Longest derived slug, in bytes (it is cut at a word boundary).
const MAX_SLUG: usize = 64;

/// `2021-12-07-jing-gang-jia-qiang-he-zuo…`: the date, then the headline transliterated
/// to pinyin.
pub fn derive(article: &Article) -> String {
    let words = slug::slugify(&article.title);
    let mut slug = article.published.date.format("%Y-%m-%d").to_string();
    for word in words.split('-').filter(|w| !w.is_empty()) {
        if slug.len() + 1 + word.len() > MAX_SLUG {
            break;
        }
        slug.push('-');
        slug.push_str(word);
    }
    slug
}

/// A front-matter slug made URL-safe: `../../x` becomes `x`, never a path.
pub fn sanitise(requested: &str) -> String {
    slug::slugify(requested)
}

/// Gives every article its slug. Front-matter slugs are kept (made URL-safe) and must be
/// unique; derived slugs that collide get `-2`, `-3`… in input-path order, so the same
/// content always gets the same URLs.
/// Returns the articles that could not get their slug, with the reason.
pub fn assign(articles: &mut [Article]) -> Vec<(usize, Diagnostic)> {
    let mut problems = Vec::new();
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&a, &b| articles[a].input.cmp(&articles[b].input));
    let mut taken: HashMap<String, usize> = HashMap::new();

    // Explicit slugs first, so derived ones never take them.
    for &i in &order {
        let Some(requested) = articles[i].requested_slug.clone() else {
            continue;
        };
        let slug = sanitise(&requested);
        if slug.is_empty() {
            problems.push((
                i,
                Diagnostic::error(
                    &articles[i].input,
                    format!("slug {requested:?} has no usable characters"),
                )
                .hint("use ASCII letters, digits and '-', e.g. slug: beijing-ip-conference"),
            ));
            continue;
        }
        if let Some(&other) = taken.get(&slug) {
            problems.push((
                i,
                Diagnostic::error(
                    &articles[i].input,
                    format!(
                        "slug {slug:?} is already used by {}",
                        articles[other].input.display()
                    ),
                )
                .hint("give one of the two articles a different `slug:`"),
            ));
            continue;
        }
        taken.insert(slug.clone(), i);
        articles[i].slug = slug;
    }
    for &i in &order {
        if articles[i].requested_slug.is_some() {
            continue;
        }
        let base = derive(&articles[i]);
        let mut slug = base.clone();
        let mut n = 2;
        while taken.contains_key(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(slug.clone(), i);
        articles[i].slug = slug;
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitised_slugs_are_never_paths() {
        assert_eq!(sanitise("../../x"), "x");
        assert_eq!(sanitise("/etc/passwd"), "etc-passwd");
        assert_eq!(sanitise("C:\\Windows\\x"), "c-windows-x");
        assert_eq!(sanitise("京港合作"), "jing-gang-he-zuo");
    }
}
