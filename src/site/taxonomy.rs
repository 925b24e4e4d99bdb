//! Taxonomies for browsing: sources (publications and news agencies), tags, and the
//! year archive; and related articles.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::Datelike;

use crate::article::Article;

/// One source or tag and its articles (indices into `Site::articles`, newest first).
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub articles: Vec<usize>,
}

/// Terms with unique slugs, sorted by name; `names` gives each article's terms.
pub fn terms(
    articles: &[crate::site::Entry],
    names: impl Fn(&Article) -> Vec<String>,
) -> Vec<Term> {
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, article) in articles.iter().enumerate() {
        let mut seen = HashSet::new();
        for name in names(article) {
            if seen.insert(name.clone()) {
                by_name.entry(name).or_default().push(i);
            }
        }
    }
    let mut taken = HashSet::new();
    by_name
        .into_iter()
        .map(|(name, articles)| {
            let base = match slug::slugify(&name) {
                s if s.is_empty() => "term".to_string(),
                s => s
                    .chars()
                    .take(60)
                    .collect::<String>()
                    .trim_end_matches('-')
                    .to_string(),
            };
            let mut slug = base.clone();
            let mut n = 2;
            while !taken.insert(slug.clone()) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            Term {
                name,
                slug,
                articles,
            }
        })
        .collect()
}

/// The publication and the news agency of an article.
pub fn sources_of(article: &Article) -> Vec<String> {
    article
        .source
        .iter()
        .chain(article.agency.iter())
        .cloned()
        .collect()
}

/// Tags, and categories that are not just the portal's own channels (a Sina export files
/// everything under 新浪财经 and 新浪财经－国内, which says nothing about the article).
pub fn tags_of(article: &Article) -> Vec<String> {
    let portal = article.source.as_deref().unwrap_or("\u{0}");
    article
        .tags
        .iter()
        .chain(
            article
                .categories
                .iter()
                .filter(|c| !c.contains(portal) && !is_channel(c)),
        )
        .cloned()
        .collect()
}

/// Sections news portals file every story under (a Sina export's 金融): data, not a
/// judgment on any one site. A category that is one of these says nothing about the article.
const PORTAL_CHANNELS: &[&str] = &[
    "金融",
    "财经",
    "財經",
    "新闻",
    "新聞",
    "国内",
    "國內",
    "国际",
    "國際",
    "滚动",
    "滾動",
    "要闻",
    "要聞",
    "综合",
    "綜合",
    "首页",
    "首頁",
    "正文",
    "社会",
    "社會",
    "时政",
    "時政",
    "科技",
    "产经",
    "產經",
    "股票",
    "证券",
    "證券",
    "滚动新闻",
    "国内新闻",
    "新闻中心",
    "财经频道",
    "未分类",
    "未分類",
    "uncategorized",
    "news",
];

fn is_channel(category: &str) -> bool {
    let name = category.trim();
    PORTAL_CHANNELS
        .iter()
        .any(|channel| name.eq_ignore_ascii_case(channel))
}

/// Years with articles, newest first, each with its articles (newest first).
pub fn years(articles: &[crate::site::Entry]) -> Vec<(i32, Vec<usize>)> {
    let mut years: Vec<(i32, Vec<usize>)> = Vec::new();
    for (i, article) in articles.iter().enumerate() {
        let year = article.published.date.year();
        match years.last_mut() {
            Some((y, list)) if *y == year => list.push(i),
            _ => years.push((year, vec![i])),
        }
    }
    years
}

/// How many related articles an article page shows.
pub const RELATED: usize = 5;

/// Documents and tags shared by more articles than this say little about relatedness (every
/// article cites the big five-year plan) and would make finding related articles quadratic.
pub const SPECIFIC: usize = 50;

/// Articles related to `index`: those citing the same documents (weighing most) or sharing
/// tags, most shared first, then the most recent. Built from the small posting lists of
/// documents and tags, never by comparing with every article.
pub fn related(
    index: usize,
    articles: &[crate::site::Entry],
    by_citation: &HashMap<String, Vec<usize>>,
    by_tag: &HashMap<String, Vec<usize>>,
) -> Vec<usize> {
    let article = &articles[index];
    let mut scores: HashMap<usize, u32> = HashMap::new();
    let specific = |list: &&Vec<usize>| list.len() <= SPECIFIC;
    for title in &article.citations {
        let postings = by_citation
            .get(&super::policies::key(title))
            .filter(specific);
        for &other in postings.into_iter().flatten() {
            *scores.entry(other).or_default() += 3;
        }
    }
    for tag in tags_of(article) {
        for &other in by_tag.get(&tag).filter(specific).into_iter().flatten() {
            *scores.entry(other).or_default() += 1;
        }
    }
    scores.remove(&index);
    let mut ranked: Vec<(usize, u32)> = scores.into_iter().collect();
    // Higher score first; then newer (a lower index is newer).
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(RELATED).map(|(i, _)| i).collect()
}
