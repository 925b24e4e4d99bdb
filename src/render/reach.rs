//! Which pages an edit reaches, declared once per kind of page.
//!
//! The preview re-renders only what a change can alter. What that is follows from what each
//! kind of page shows, so it is written down here as a table from ([`Kind`], [`Edit`]) to a
//! [`Reach`], and [`pages_reached`] turns the table into pages of the current site. A new
//! kind of page must be given its row (the match is exhaustive), and the preview tests
//! compare every served file with a fresh build after random edits, so a row that reaches
//! too little fails there.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::route::Kind;
use crate::site::Site;

use super::plan::{Page, article_pages, pages_of_kind};

/// A kind of change to what the site is built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Articles' bodies, with everything that lists show of them unchanged.
    Body,
    /// What lists show of articles (headline, date, source, tags, regions, summary, cited
    /// documents, address), or articles added or removed.
    Listing,
    /// A template.
    Template,
    /// A static file (copied as it is: no generated page shows it).
    Static,
    /// site.toml.
    Config,
}

/// Which pages of one kind an edit reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    None,
    /// Every page of the kind.
    Every,
    /// The edited articles' own pages.
    Own,
    /// The edited articles' own pages and the pages that link to them: their neighbours in
    /// each timeline and the articles whose related lists show them.
    OwnAndLinking,
    /// The pages of the groups the edited articles were or are in: regions, sources and
    /// tags, years.
    Groups,
    /// The feeds of those groups that carry an edited article among their newest entries
    /// (feeds hold full text, so a body edit reaches them).
    NewestOfGroups,
}

/// What a page of `kind` shows decides which edits reach it.
pub fn reach(kind: Kind, edit: Edit) -> Reach {
    match edit {
        Edit::Config => Reach::Every,
        Edit::Static => Reach::None,
        Edit::Template => match kind {
            // Written without a template.
            Kind::SearchFile | Kind::ArticlesJson => Reach::None,
            _ => Reach::Every,
        },
        Edit::Body => match kind {
            Kind::Article => Reach::Own,
            Kind::Feed | Kind::RegionFeed => Reach::NewestOfGroups,
            // The index holds the text; it is rebuilt in the background.
            Kind::SearchFile => Reach::Every,
            _ => Reach::None,
        },
        Edit::Listing => match kind {
            // The same whatever the articles.
            Kind::Robots | Kind::Search | Kind::Feeds => Reach::None,
            Kind::Article => Reach::OwnAndLinking,
            Kind::Timeline
            | Kind::RegionFeed
            | Kind::Source
            | Kind::Tag
            | Kind::Year
            | Kind::ListYear => Reach::Groups,
            // Pages about the whole site; policy pages are few, and citing moves them.
            Kind::Home
            | Kind::NotFound
            | Kind::Feed
            | Kind::Sitemap
            | Kind::ArticlesJson
            | Kind::SearchFile
            | Kind::Policies
            | Kind::Policy
            | Kind::Compare
            | Kind::Sources
            | Kind::Tags
            | Kind::Archive => Reach::Every,
        },
    }
}

/// The articles an edit touched and the groups they were or are in, gathered from the
/// site before the edit and after it. Articles are named by input file, which stays the
/// same across the two while their positions do not.
#[derive(Debug, Default)]
pub struct Touched {
    pub articles: BTreeSet<PathBuf>,
    /// Articles whose pages link to a touched one.
    pub linking: BTreeSet<PathBuf>,
    pub regions: BTreeSet<String>,
    /// Source and tag names.
    pub names: BTreeSet<String>,
    pub years: BTreeSet<i32>,
}

impl Touched {
    /// Notes article `index` of `site`: itself, the pages linking to it and its groups.
    pub fn note(&mut self, site: &Site, index: usize) {
        let article = &site.articles[index];
        self.articles.insert(article.input.clone());
        for timeline in &site.timelines {
            if !article.regions.contains(&timeline.region.id) {
                continue;
            }
            self.regions.insert(timeline.region.id.clone());
            let (older, newer) = site.neighbours(timeline, index);
            for i in older.into_iter().chain(newer) {
                self.linking.insert(site.articles[i].input.clone());
            }
        }
        for i in site.related_to(index) {
            self.linking.insert(site.articles[i].input.clone());
        }
        self.names
            .extend(crate::site::taxonomy::sources_of(article));
        self.names.extend(crate::site::taxonomy::tags_of(article));
        self.years
            .insert(chrono::Datelike::year(&article.published.date));
    }
}

/// The pages of `site` that `edit` of the `touched` articles reaches, by the table in
/// [`reach`]; `index_of` finds an article's position by its input file. Year pages come
/// with their lists when rendered; the search index and `data/articles.json` are the
/// caller's (see [`reach`] for when they are stale).
pub fn pages_reached(
    site: &Site,
    config: &SiteConfig,
    edit: Edit,
    touched: &Touched,
    index_of: impl Fn(&Path) -> Option<usize>,
) -> Vec<Page> {
    let own = || touched.articles.iter().filter_map(|p| index_of(p));
    let newest = |list: &[usize]| {
        list.iter()
            .take(config.feed_limit)
            .any(|&i| touched.articles.contains(&site.articles[i].input))
    };
    let mut pages = Vec::new();
    for kind in Kind::ALL {
        match reach(kind, edit) {
            Reach::None => {}
            Reach::Every => pages.extend(pages_of_kind(site, config, kind)),
            Reach::Own => pages.extend(own().flat_map(|i| article_pages(site, i))),
            Reach::OwnAndLinking => {
                pages.extend(own().flat_map(|i| article_pages(site, i)));
                pages.extend(
                    touched
                        .linking
                        .iter()
                        .filter_map(|p| index_of(p))
                        .map(Page::Article),
                );
            }
            Reach::Groups => pages.extend(groups_of_kind(site, config, kind, touched)),
            Reach::NewestOfGroups => match kind {
                Kind::Feed if own().any(|i| i < config.feed_limit) => pages.push(Page::Feed),
                Kind::RegionFeed => pages.extend(
                    site.timelines
                        .iter()
                        .filter(|t| newest(&t.articles))
                        .map(|t| Page::RegionFeed(t.region.id.clone())),
                ),
                _ => {}
            },
        }
    }
    pages.sort();
    pages.dedup();
    pages
}

/// The pages of `kind` for the groups in `touched` that still exist.
fn groups_of_kind(site: &Site, config: &SiteConfig, kind: Kind, touched: &Touched) -> Vec<Page> {
    let named = |terms: &[crate::site::taxonomy::Term]| -> Vec<usize> {
        terms
            .iter()
            .enumerate()
            .filter(|(_, t)| touched.names.contains(&t.name))
            .map(|(i, _)| i)
            .collect()
    };
    let regions = || {
        site.timelines
            .iter()
            .filter(|t| touched.regions.contains(&t.region.id))
            .map(|t| t.region.id.clone())
    };
    match kind {
        Kind::Timeline => regions().map(Page::Timeline).collect(),
        Kind::RegionFeed => regions().map(Page::RegionFeed).collect(),
        Kind::Source => named(&site.sources).into_iter().map(Page::Source).collect(),
        Kind::Tag => named(&site.tags).into_iter().map(Page::Tag).collect(),
        Kind::Year => site
            .years
            .iter()
            .filter(|(year, _)| touched.years.contains(year))
            .map(|(year, _)| Page::Year(*year))
            .collect(),
        // Year pages of split lists are rendered with their list.
        Kind::ListYear => Vec::new(),
        _ => pages_of_kind(site, config, kind),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EDITS: [Edit; 5] = [
        Edit::Body,
        Edit::Listing,
        Edit::Template,
        Edit::Static,
        Edit::Config,
    ];

    #[test]
    fn a_body_edit_reaches_no_list_and_a_listing_edit_no_less_than_a_body_edit() {
        for kind in Kind::ALL {
            let body = reach(kind, Edit::Body);
            if matches!(
                kind,
                Kind::Home | Kind::Timeline | Kind::Source | Kind::Tag | Kind::Year
            ) {
                assert_eq!(body, Reach::None, "{kind:?}");
            }
            if body != Reach::None {
                assert_ne!(reach(kind, Edit::Listing), Reach::None, "{kind:?}");
            }
        }
    }

    #[test]
    fn static_files_reach_no_page_and_the_configuration_every_page() {
        for kind in Kind::ALL {
            assert_eq!(reach(kind, Edit::Static), Reach::None);
            assert_eq!(reach(kind, Edit::Config), Reach::Every);
            for edit in EDITS {
                // Reaches by group or by article only make sense for kinds that have them.
                match reach(kind, edit) {
                    Reach::Own | Reach::OwnAndLinking => assert_eq!(kind, Kind::Article),
                    Reach::NewestOfGroups => {
                        assert!(matches!(kind, Kind::Feed | Kind::RegionFeed))
                    }
                    _ => {}
                }
            }
        }
    }
}
