//! URL slugs: ASCII, stable across rebuilds, unique within the site.

use rustc_hash::{FxHashMap, FxHashSet};

use std::sync::Arc;

use crate::article::{Article, Placed};
use crate::diagnostic::Diagnostic;
use crate::load::addresses::{Addresses, Recorded, key_of};

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

/// What [`assign`] decided: each article's address and earlier addresses (in the order
/// of the articles given), the addresses to record, and warnings.
#[derive(Debug, Default)]
pub struct Assignment {
    pub slugs: Vec<String>,
    /// Earlier addresses of each article, oldest first (they redirect to the slug).
    pub aliases: Vec<Vec<String>>,
    pub addresses: Addresses,
    pub problems: Vec<Diagnostic>,
}

/// Who holds an address.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Holder {
    Article(usize),
    /// An article whose file is gone: its address is not given to another.
    Gone,
}

/// Gives every article its address, and never one another article has or had:
/// 1. an article digest has seen before keeps its recorded address (`recorded`, by input
///    path, or by `source_url` when its file was renamed), whatever else changed;
/// 2. an explicit `slug:` (made URL-safe) comes next; if it differs from the recorded
///    address, the recorded one becomes an alias that redirects;
/// 3. any other article gets the slug derived from its date and headline.
///
/// An address already held gets `-2`, `-3`… (with a warning where the editor asked for
/// it), in input-path order, so the same content always gets the same addresses.
pub fn assign(articles: &[Arc<Placed>], recorded: &Addresses) -> Assignment {
    let mut problems = Vec::new();
    let mut order: Vec<usize> = (0..articles.len()).collect();
    // Byte order of the paths: as stable as component order, and much cheaper.
    order.sort_by(|&a, &b| {
        articles[a]
            .input
            .as_os_str()
            .cmp(articles[b].input.as_os_str())
    });
    let keys: Vec<String> = articles.iter().map(|a| key_of(&a.input)).collect();
    let live: FxHashSet<&str> = keys.iter().map(String::as_str).collect();
    // Records of files no longer there, by original address: a renamed file is found there.
    let mut renamed: FxHashMap<&str, &str> = recorded
        .articles
        .iter()
        .filter(|(key, _)| !live.contains(key.as_str()))
        .filter_map(|(key, r)| Some((r.source_url.as_deref()?, key.as_str())))
        .collect();
    let mut previous: Vec<Option<(&str, &Recorded)>> = vec![None; articles.len()];
    for &i in &order {
        let key = keys[i].as_str();
        previous[i] = match recorded.articles.get_key_value(key) {
            Some((k, r)) => Some((k.as_str(), r)),
            None => articles[i]
                .source_url
                .as_deref()
                .and_then(|url| renamed.remove(url))
                .and_then(|k| recorded.articles.get_key_value(k))
                .map(|(k, r)| (k.as_str(), r)),
        };
    }
    let claimed: FxHashSet<&str> = previous.iter().flatten().map(|(k, _)| *k).collect();

    let mut holder: FxHashMap<String, Holder> = FxHashMap::default();
    holder.reserve(articles.len() + recorded.articles.len());
    for (key, r) in &recorded.articles {
        if !claimed.contains(key.as_str()) {
            for address in std::iter::once(&r.slug).chain(&r.aliases) {
                holder.insert(address.clone(), Holder::Gone);
            }
        }
    }
    let mut slugs: Vec<Option<String>> = vec![None; articles.len()];
    let mut aliases: Vec<Vec<String>> = vec![Vec::new(); articles.len()];
    // 1. Recorded addresses.
    for &i in &order {
        let Some((_, r)) = previous[i] else { continue };
        let free = |holder: &FxHashMap<String, Holder>, a: &String| {
            holder.get(a).is_none_or(|h| *h == Holder::Article(i))
        };
        if free(&holder, &r.slug) {
            holder.insert(r.slug.clone(), Holder::Article(i));
            slugs[i] = Some(r.slug.clone());
        }
        for alias in &r.aliases {
            if free(&holder, alias) {
                holder.insert(alias.clone(), Holder::Article(i));
                aliases[i].push(alias.clone());
            }
        }
    }
    // 2. Explicit slugs.
    for &i in &order {
        let Some(requested) = articles[i].requested_slug.as_deref() else {
            continue;
        };
        let input = &articles[i].input;
        let wanted = sanitise(requested);
        if wanted.is_empty() {
            problems.push(
                Diagnostic::warning(
                    input,
                    format!("slug {requested:?} has nothing usable in an address; the article keeps its own"),
                )
                .hint("write the slug in Latin letters, digits and hyphens"),
            );
            continue;
        }
        if slugs[i].as_deref() == Some(wanted.as_str()) {
            continue;
        }
        let slug = match holder.get(&wanted) {
            Some(Holder::Article(other)) if *other != i => {
                let slug = first_free(&wanted, &holder);
                problems.push(
                    Diagnostic::warning(
                        input,
                        format!(
                            "slug {wanted:?} is already the address of {}; this article gets {slug:?}",
                            articles[*other].input.display()
                        ),
                    )
                    .hint("give one of the two articles a different `slug:`"),
                );
                slug
            }
            _ => wanted,
        };
        // The address it had redirects to the new one.
        if let Some(old) = slugs[i].take()
            && !aliases[i].contains(&old)
        {
            aliases[i].push(old);
        }
        aliases[i].retain(|a| *a != slug);
        holder.insert(slug.clone(), Holder::Article(i));
        slugs[i] = Some(slug);
    }
    // 3. Derived slugs.
    for &i in &order {
        if slugs[i].is_some() {
            continue;
        }
        let slug = first_free(&articles[i].derived_slug, &holder);
        holder.insert(slug.clone(), Holder::Article(i));
        slugs[i] = Some(slug);
    }

    let slugs: Vec<String> = slugs.into_iter().map(Option::unwrap_or_default).collect();
    let mut addresses = recorded.clone();
    for (i, previous) in previous.iter().enumerate() {
        if let Some((old_key, _)) = previous
            && *old_key != keys[i]
        {
            addresses.articles.remove(*old_key);
        }
        let record = addresses.articles.entry(keys[i].clone()).or_default();
        record.slug.clone_from(&slugs[i]);
        // Aliases that lost to another article's address are still the article's history.
        for alias in &aliases[i] {
            if !record.aliases.contains(alias) {
                record.aliases.push(alias.clone());
            }
        }
        record.aliases.retain(|a| *a != slugs[i]);
        record.source_url.clone_from(&articles[i].source_url);
    }
    Assignment {
        slugs,
        aliases,
        addresses,
        problems,
    }
}

/// `base`, or `base-2`, `base-3`… whichever no one holds.
fn first_free(base: &str, holder: &FxHashMap<String, Holder>) -> String {
    if !holder.contains_key(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|slug| !holder.contains_key(slug))
        .unwrap_or_else(|| base.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{DateSource, Published};

    fn placed(input: &str, title: &str, slug: Option<&str>, url: Option<&str>) -> Arc<Placed> {
        let date = chrono::NaiveDate::from_ymd_opt(2021, 12, 7).expect("date");
        let article = Article {
            input: input.into(),
            requested_slug: slug.map(str::to_string),
            title: title.to_string(),
            original_title: None,
            published: Published { date, time: None },
            date_source: DateSource::FrontMatter,
            source_url: url.map(str::to_string),
            removed: Vec::new(),
            guesses: Vec::new(),
            warnings: Vec::new(),
            source: None,
            agency: None,
            author: None,
            editor: None,
            summary: String::new(),
            categories: Vec::new(),
            tags: Vec::new(),
            breadcrumb: Vec::new(),
            image: None,
            body_html: Default::default(),
            paragraphs: Vec::new().into(),
            citations: Vec::new(),
            requested_regions: None,
            requested_regions_line: None,
            draft: false,
        };
        let derived_slug = derive(&article);
        Arc::new(Placed {
            article,
            regions: Vec::new(),
            derived_slug,
        })
    }

    #[test]
    fn a_recorded_address_survives_a_new_headline() {
        let first = assign(
            &[placed("content/a.md", "京港合作", None, None)],
            &Addresses::default(),
        );
        assert_eq!(first.slugs, ["2021-12-07-jing-gang-he-zuo"]);
        assert!(first.problems.is_empty());
        let again = assign(
            &[placed("content/a.md", "京港加强合作", None, None)],
            &first.addresses,
        );
        assert_eq!(
            again.slugs, first.slugs,
            "the headline changed, the address did not"
        );
        assert_eq!(again.addresses, first.addresses);
        // Without the record (a fresh clone that lacks addresses.toml) it would have moved.
        let unrecorded = assign(
            &[placed("content/a.md", "京港加强合作", None, None)],
            &Addresses::default(),
        );
        assert_ne!(unrecorded.slugs, first.slugs);
    }

    #[test]
    fn a_new_explicit_slug_moves_the_article_and_the_old_address_redirects() {
        let first = assign(
            &[placed("content/a.md", "京港合作", None, None)],
            &Addresses::default(),
        );
        let moved = assign(
            &[placed("content/a.md", "京港合作", Some("jing-gang"), None)],
            &first.addresses,
        );
        assert_eq!(moved.slugs, ["jing-gang"]);
        assert_eq!(
            moved.aliases,
            [vec!["2021-12-07-jing-gang-he-zuo".to_string()]]
        );
        let record = &moved.addresses.articles["content/a.md"];
        assert_eq!(record.first(), "2021-12-07-jing-gang-he-zuo");
        // Moved again: both earlier addresses redirect, the first still names it.
        let again = assign(
            &[placed("content/a.md", "京港合作", Some("jg"), None)],
            &moved.addresses,
        );
        assert_eq!(again.slugs, ["jg"]);
        assert_eq!(
            again.aliases,
            [vec![
                "2021-12-07-jing-gang-he-zuo".to_string(),
                "jing-gang".to_string()
            ]]
        );
    }

    #[test]
    fn colliding_and_empty_slugs_get_unique_addresses_and_a_warning() {
        let articles = [
            placed("content/a.md", "甲", Some("same"), None),
            placed("content/b.md", "乙", Some("same"), None),
            placed("content/c.md", "丙", Some("!!!"), None),
            placed("content/d.md", "丙", Some("!!!"), None),
        ];
        let done = assign(&articles, &Addresses::default());
        assert_eq!(done.slugs[0], "same");
        assert_eq!(done.slugs[1], "same-2");
        assert_eq!(done.slugs[2], "2021-12-07-bing");
        assert_eq!(done.slugs[3], "2021-12-07-bing-2");
        assert_eq!(done.problems.len(), 3, "{:?}", done.problems);
        assert!(done.problems.iter().all(|d| !d.is_error()));
        let unique: FxHashSet<&String> = done.slugs.iter().collect();
        assert_eq!(unique.len(), 4, "no article overwrites another");
    }

    #[test]
    fn a_renamed_file_keeps_its_address_by_its_original_url_and_a_gone_one_keeps_its_own() {
        let url = Some("https://www.gov.cn/a.htm");
        let first = assign(
            &[
                placed("content/a.md", "京港合作", None, url),
                placed("content/b.md", "沪港合作", None, None),
            ],
            &Addresses::default(),
        );
        let renamed = assign(
            &[placed("content/2021/a.md", "京港合作（更正）", None, url)],
            &first.addresses,
        );
        assert_eq!(renamed.slugs, ["2021-12-07-jing-gang-he-zuo"]);
        assert!(!renamed.addresses.articles.contains_key("content/a.md"));
        // b.md was deleted: a new article with its headline does not take its address.
        let newcomer = assign(
            &[placed("content/c.md", "沪港合作", None, None)],
            &renamed.addresses,
        );
        assert_eq!(newcomer.slugs, ["2021-12-07-hu-gang-he-zuo-2"]);
    }

    #[test]
    fn sanitised_slugs_are_never_paths() {
        assert_eq!(sanitise("../../x"), "x");
        assert_eq!(sanitise("/etc/passwd"), "etc-passwd");
        assert_eq!(sanitise("C:\\Windows\\x"), "c-windows-x");
        assert_eq!(sanitise("京港合作"), "jing-gang-he-zuo");
    }
}
