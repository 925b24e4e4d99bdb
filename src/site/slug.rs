//! URL slugs: ASCII, stable across rebuilds, unique within the site.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use std::sync::Arc;

use crate::article::{Article, Placed};
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
/// content always gets the same URLs. Returns each article's slug (`None` for those that
/// cannot have theirs) and the reasons.
pub fn assign(articles: &[Arc<Placed>]) -> (Vec<Option<String>>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let mut order: Vec<usize> = (0..articles.len()).collect();
    // Byte order of the paths: as stable as component order, and much cheaper.
    order.sort_by(|&a, &b| {
        articles[a]
            .input
            .as_os_str()
            .cmp(articles[b].input.as_os_str())
    });
    let explicit: Vec<(usize, String)> = order
        .iter()
        .filter_map(|&i| Some((i, sanitise(articles[i].requested_slug.as_deref()?))))
        // A slug of nothing but punctuation or unknown script sanitises to nothing: the
        // article keeps its derived slug rather than becoming `articles/.html`.
        .filter(|(_, slug)| !slug.is_empty())
        .collect();
    let mut explicit_at = vec![false; articles.len()];
    for (i, _) in &explicit {
        explicit_at[*i] = true;
    }
    let mut chosen: Vec<Option<Cow<'_, str>>> = vec![None; articles.len()];
    let mut taken: FxHashMap<Cow<'_, str>, usize> = FxHashMap::default();
    taken.reserve(articles.len());

    // Explicit slugs first, so derived ones never take them.
    for (i, slug) in &explicit {
        let (i, input) = (*i, &articles[*i].input);
        if let Some(&other) = taken.get(slug.as_str()) {
            problems.push(
                Diagnostic::error(
                    input,
                    format!(
                        "slug {slug:?} is already used by {}",
                        articles[other].input.display()
                    ),
                )
                .hint("give one of the two articles a different `slug:`"),
            );
        } else {
            taken.insert(Cow::Borrowed(slug.as_str()), i);
            chosen[i] = Some(Cow::Borrowed(slug.as_str()));
        }
    }
    for &i in &order {
        if explicit_at[i] {
            continue;
        }
        let base: &str = &articles[i].derived_slug;
        let mut slug = Cow::Borrowed(base);
        let mut n = 2;
        while taken.contains_key(&slug) {
            slug = Cow::Owned(format!("{base}-{n}"));
            n += 1;
        }
        taken.insert(slug.clone(), i);
        chosen[i] = Some(slug);
    }
    let slugs = chosen
        .into_iter()
        .map(|slug| slug.map(Cow::into_owned))
        .collect();
    (slugs, problems)
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
