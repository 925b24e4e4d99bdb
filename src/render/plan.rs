//! The render plan: every page of the site ([`Page`], an index into the assembled site),
//! and how long lists are split into year pages.

use crate::config::SiteConfig;
use crate::route::{Kind, Route};
use crate::site::Site;

/// One page of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Page {
    Home,
    Timeline(String),
    /// Index into [`Site::articles`].
    Article(usize),
    /// An article's earlier address (one of its aliases), redirecting to the article.
    Alias(usize, String),
    NotFound,
    /// The Atom feed of the whole digest.
    Feed,
    RegionFeed(String),
    Sitemap,
    Robots,
    /// The cited-policy index.
    Policies,
    /// One cited document (index into `Site::policies`).
    Policy(usize),
    /// All regions side by side, a row per month.
    Compare,
    /// The search page (its index is built from the articles, see [`search`]).
    Search,
    /// The feeds, explained.
    Feeds,
    /// Index of sources, and one source (index into `Site::sources`).
    Sources,
    Source(usize),
    /// Index of tags, and one tag (index into `Site::tags`).
    Tags,
    Tag(usize),
    /// The archive: years and months, and one year's articles.
    Archive,
    Year(i32),
    /// One year of a long list (a timeline, source, tag or policy page; see
    /// [`SPLIT_LIST_OVER`]).
    ListYear(Box<Page>, i32),
}

impl Page {
    /// The page's address.
    pub fn route(&self, site: &Site) -> Route {
        match self {
            Page::Home => Route::Home,
            Page::Timeline(region) => Route::Timeline(region.clone()),
            Page::Article(index) => Route::Article(site.articles[*index].slug.clone()),
            // An earlier address of an article is an article address still.
            Page::Alias(_, alias) => Route::Article(alias.clone()),
            Page::NotFound => Route::NotFound,
            Page::Feed => Route::Feed,
            Page::RegionFeed(region) => Route::RegionFeed(region.clone()),
            Page::Sitemap => Route::Sitemap,
            Page::Robots => Route::Robots,
            Page::Policies => Route::Policies,
            Page::Compare => Route::Compare,
            Page::Search => Route::Search,
            Page::Feeds => Route::Feeds,
            Page::Sources => Route::Sources,
            Page::Source(i) => Route::Source(site.sources[*i].slug.clone()),
            Page::Tags => Route::Tags,
            Page::Tag(i) => Route::Tag(site.tags[*i].slug.clone()),
            Page::Archive => Route::Archive,
            Page::Year(year) => Route::Year(*year),
            Page::ListYear(list, year) => Route::ListYear(Box::new(list.route(site)), *year),
            Page::Policy(index) => Route::Policy(site.policies[*index].slug.clone()),
        }
    }

    /// The page's path relative to the output root.
    pub fn path(&self, site: &Site) -> String {
        self.route(site).path()
    }

    pub fn kind(&self) -> Kind {
        match self {
            Page::Home => Kind::Home,
            Page::Timeline(_) => Kind::Timeline,
            Page::Article(_) | Page::Alias(..) => Kind::Article,
            Page::NotFound => Kind::NotFound,
            Page::Feed => Kind::Feed,
            Page::RegionFeed(_) => Kind::RegionFeed,
            Page::Sitemap => Kind::Sitemap,
            Page::Robots => Kind::Robots,
            Page::Policies => Kind::Policies,
            Page::Policy(_) => Kind::Policy,
            Page::Compare => Kind::Compare,
            Page::Search => Kind::Search,
            Page::Feeds => Kind::Feeds,
            Page::Sources => Kind::Sources,
            Page::Source(_) => Kind::Source,
            Page::Tags => Kind::Tags,
            Page::Tag(_) => Kind::Tag,
            Page::Archive => Kind::Archive,
            Page::Year(_) => Kind::Year,
            Page::ListYear(..) => Kind::ListYear,
        }
    }

    /// Pages that also exist in the other script's edition.
    pub fn has_editions(&self) -> bool {
        self.kind().has_editions()
    }

    /// Pages rendered from a template (the others are data files).
    pub fn is_html(&self) -> bool {
        self.kind().is_html()
    }
}

/// Every page of the site.
pub fn all_pages(site: &Site, config: &SiteConfig) -> Vec<Page> {
    let mut pages: Vec<Page> = Kind::ALL
        .into_iter()
        .flat_map(|kind| pages_of_kind(site, config, kind))
        .collect();
    let years: Vec<Page> = pages.iter().flat_map(|p| year_pages(site, p)).collect();
    pages.extend(years);
    pages
}

/// Every page of one kind. Year pages of split lists come with their list (see
/// [`year_pages`]); the search index and `data/articles.json` are written beside the pages,
/// not rendered as one, so those kinds have none here.
pub fn pages_of_kind(site: &Site, config: &SiteConfig, kind: Kind) -> Vec<Page> {
    let regions = || site.timelines.iter().map(|t| t.region.id.clone());
    match kind {
        Kind::Home => vec![Page::Home],
        Kind::NotFound => vec![Page::NotFound],
        Kind::Feed => vec![Page::Feed],
        Kind::Sitemap => vec![Page::Sitemap],
        Kind::Robots => vec![Page::Robots],
        Kind::Timeline => regions().map(Page::Timeline).collect(),
        Kind::RegionFeed => regions().map(Page::RegionFeed).collect(),
        Kind::Article => (0..site.articles.len())
            .flat_map(|i| article_pages(site, i))
            .collect(),
        Kind::Policies => vec![Page::Policies],
        Kind::Policy => (0..site.policies.len()).map(Page::Policy).collect(),
        Kind::Compare => vec![Page::Compare],
        Kind::Search if config.search => vec![Page::Search],
        Kind::Feeds => vec![Page::Feeds],
        Kind::Sources => vec![Page::Sources],
        Kind::Source => (0..site.sources.len()).map(Page::Source).collect(),
        Kind::Tags => vec![Page::Tags],
        Kind::Tag => (0..site.tags.len()).map(Page::Tag).collect(),
        Kind::Archive => vec![Page::Archive],
        Kind::Year => site
            .years
            .iter()
            .map(|(year, _)| Page::Year(*year))
            .collect(),
        Kind::Search | Kind::SearchFile | Kind::ArticlesJson | Kind::ListYear => Vec::new(),
    }
}

/// An article's page and the redirects from its earlier addresses.
pub fn article_pages(site: &Site, index: usize) -> impl Iterator<Item = Page> + '_ {
    std::iter::once(Page::Article(index)).chain(
        site.articles[index]
            .aliases
            .iter()
            .map(move |alias| Page::Alias(index, alias.clone())),
    )
}

/// Lists longer than this that span more than one year get a page per year (one page for a
/// region of a large site ran to megabytes): the list's own page shows
/// its first entries and links to the years. Years, unlike numbered pages, keep an article
/// at the same address as the list grows.
pub const SPLIT_LIST_OVER: usize = 100;

/// The entries of a list page, or None for pages that are not lists.
fn list_of<'s>(site: &'s Site, page: &Page) -> Option<&'s [usize]> {
    match page {
        Page::Timeline(region) => site.timeline(region).map(|t| t.articles.as_slice()),
        Page::Source(i) => site.sources.get(*i).map(|t| t.articles.as_slice()),
        Page::Tag(i) => site.tags.get(*i).map(|t| t.articles.as_slice()),
        Page::Policy(i) => site.policies.get(*i).map(|p| p.articles.as_slice()),
        _ => None,
    }
}

/// A list's entries by year, in list order (lists are sorted by date): (year, range).
pub(super) fn years_of(site: &Site, list: &[usize]) -> Vec<(i32, std::ops::Range<usize>)> {
    use chrono::Datelike;
    let mut years: Vec<(i32, std::ops::Range<usize>)> = Vec::new();
    for (n, &i) in list.iter().enumerate() {
        let year = site.articles[i].published.date.year();
        match years.last_mut() {
            Some((y, range)) if *y == year => range.end = n + 1,
            _ => years.push((year, n..n + 1)),
        }
    }
    years
}

/// Whether a list is split into year pages.
pub fn is_split(site: &Site, list: &[usize]) -> bool {
    use chrono::Datelike;
    let year = |i: &usize| site.articles[*i].published.date.year();
    list.len() > SPLIT_LIST_OVER && list.first().map(year) != list.last().map(year)
}

/// The year pages of a list page, if it is long enough to be split.
pub fn year_pages(site: &Site, page: &Page) -> Vec<Page> {
    let Some(list) = list_of(site, page) else {
        return Vec::new();
    };
    if !is_split(site, list) {
        return Vec::new();
    }
    years_of(site, list)
        .into_iter()
        .map(|(year, _)| Page::ListYear(Box::new(page.clone()), year))
        .collect()
}
