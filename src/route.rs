//! The site's address space, defined once: every kind of page or file the site is made of,
//! the path it lives at, whether the edition in the other script has it too, and the way
//! back from a path to its kind. Rendering names its output by it, the preview server tells
//! generated files from static ones by it, and the tests walk it. A leaf: addresses are made
//! of ids and slugs, not of the site's data.

/// One page or generated file, with what its address is made of.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Route {
    Home,
    NotFound,
    /// The Atom feed of the whole digest.
    Feed,
    Sitemap,
    Robots,
    /// `data/articles.json`: every article's record.
    ArticlesJson,
    /// A file of the search index (its path under the index's folder).
    SearchFile(String),
    /// A region's timeline, and its feed (by region id).
    Timeline(String),
    RegionFeed(String),
    /// An article (by slug).
    Article(String),
    /// The cited-policy index, and one document (by slug).
    Policies,
    Policy(String),
    /// All regions side by side.
    Compare,
    Search,
    /// The feeds, explained, with their addresses.
    Feeds,
    /// Sources and one source, tags and one tag (by slug).
    Sources,
    Source(String),
    Tags,
    Tag(String),
    /// The archive, and one year of it.
    Archive,
    Year(i32),
    /// One year of a long list (a timeline, source, tag or policy page split by year).
    ListYear(Box<Route>, i32),
}

/// The kinds of [`Route`], without what their addresses are made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Home,
    NotFound,
    Feed,
    Sitemap,
    Robots,
    ArticlesJson,
    SearchFile,
    Timeline,
    RegionFeed,
    Article,
    Policies,
    Policy,
    Compare,
    Search,
    Feeds,
    Sources,
    Source,
    Tags,
    Tag,
    Archive,
    Year,
    ListYear,
}

impl Kind {
    /// Every kind, for tables keyed by kind.
    pub const ALL: [Kind; 22] = [
        Kind::Home,
        Kind::NotFound,
        Kind::Feed,
        Kind::Sitemap,
        Kind::Robots,
        Kind::ArticlesJson,
        Kind::SearchFile,
        Kind::Timeline,
        Kind::RegionFeed,
        Kind::Article,
        Kind::Policies,
        Kind::Policy,
        Kind::Compare,
        Kind::Search,
        Kind::Feeds,
        Kind::Sources,
        Kind::Source,
        Kind::Tags,
        Kind::Tag,
        Kind::Archive,
        Kind::Year,
        Kind::ListYear,
    ];
}

/// Where the search index lives.
pub const SEARCH_DIR: &str = "search";

impl Route {
    /// The path relative to the edition's root.
    pub fn path(&self) -> String {
        match self {
            Route::Home => "index.html".to_string(),
            Route::NotFound => "404.html".to_string(),
            Route::Feed => "feed.xml".to_string(),
            Route::Sitemap => "sitemap.xml".to_string(),
            Route::Robots => "robots.txt".to_string(),
            Route::ArticlesJson => "data/articles.json".to_string(),
            Route::SearchFile(file) => format!("{SEARCH_DIR}/{file}"),
            Route::Timeline(id) => format!("regions/{id}.html"),
            Route::RegionFeed(id) => format!("regions/{id}.xml"),
            Route::Article(slug) => format!("articles/{slug}.html"),
            Route::Policies => "policies.html".to_string(),
            Route::Policy(slug) => format!("policies/{slug}.html"),
            Route::Compare => "compare.html".to_string(),
            Route::Search => "search.html".to_string(),
            Route::Feeds => "feeds.html".to_string(),
            Route::Sources => "sources.html".to_string(),
            Route::Source(slug) => format!("sources/{slug}.html"),
            Route::Tags => "tags.html".to_string(),
            Route::Tag(slug) => format!("tags/{slug}.html"),
            Route::Archive => "archive.html".to_string(),
            Route::Year(year) => format!("archive/{year}.html"),
            Route::ListYear(list, year) => year_page_of(&list.path(), *year),
        }
    }

    pub fn kind(&self) -> Kind {
        match self {
            Route::Home => Kind::Home,
            Route::NotFound => Kind::NotFound,
            Route::Feed => Kind::Feed,
            Route::Sitemap => Kind::Sitemap,
            Route::Robots => Kind::Robots,
            Route::ArticlesJson => Kind::ArticlesJson,
            Route::SearchFile(_) => Kind::SearchFile,
            Route::Timeline(_) => Kind::Timeline,
            Route::RegionFeed(_) => Kind::RegionFeed,
            Route::Article(_) => Kind::Article,
            Route::Policies => Kind::Policies,
            Route::Policy(_) => Kind::Policy,
            Route::Compare => Kind::Compare,
            Route::Search => Kind::Search,
            Route::Feeds => Kind::Feeds,
            Route::Sources => Kind::Sources,
            Route::Source(_) => Kind::Source,
            Route::Tags => Kind::Tags,
            Route::Tag(_) => Kind::Tag,
            Route::Archive => Kind::Archive,
            Route::Year(_) => Kind::Year,
            Route::ListYear(..) => Kind::ListYear,
        }
    }
}

/// Where a split list's year pages live: `regions/beijing.html` → `regions/beijing/`.
pub fn year_dir_of(list_path: &str) -> String {
    format!("{}/", list_path.trim_end_matches(".html"))
}

/// One year of a split list: `regions/beijing.html` → `regions/beijing/2021.html`.
pub fn year_page_of(list_path: &str, year: i32) -> String {
    format!("{}{year}.html", year_dir_of(list_path))
}

impl Kind {
    /// Pages made from a template (the others are feeds and data files).
    pub fn is_html(self) -> bool {
        !matches!(
            self,
            Kind::Feed
                | Kind::RegionFeed
                | Kind::Sitemap
                | Kind::Robots
                | Kind::ArticlesJson
                | Kind::SearchFile
        )
    }

    /// Whether the edition in the other script has this page too (under its folder). The
    /// sitemap, robots.txt, the data and the search index are the site's, once.
    pub fn has_editions(self) -> bool {
        self.is_html() || matches!(self, Kind::Feed | Kind::RegionFeed)
    }

    /// The kind of file at `path` (relative to an edition's root), if the site generates
    /// it; None for anything else (static assets, unknown paths).
    pub fn of_path(path: &str) -> Option<Kind> {
        let fixed = [
            (Kind::Home, Route::Home),
            (Kind::NotFound, Route::NotFound),
            (Kind::Feed, Route::Feed),
            (Kind::Sitemap, Route::Sitemap),
            (Kind::Robots, Route::Robots),
            (Kind::ArticlesJson, Route::ArticlesJson),
            (Kind::Policies, Route::Policies),
            (Kind::Compare, Route::Compare),
            (Kind::Search, Route::Search),
            (Kind::Feeds, Route::Feeds),
            (Kind::Sources, Route::Sources),
            (Kind::Tags, Route::Tags),
            (Kind::Archive, Route::Archive),
        ];
        if let Some((kind, _)) = fixed.iter().find(|(_, route)| route.path() == path) {
            return Some(*kind);
        }
        let (folder, name) = path.split_once('/')?;
        let html = name.strip_suffix(".html");
        let kind = match (folder, html) {
            (SEARCH_DIR, _) => Kind::SearchFile,
            // A year of a split list sits in a folder named after its list page.
            (_, Some(stem)) if stem.contains('/') => {
                let (_, year) = stem.rsplit_once('/')?;
                year.parse::<i32>().ok()?;
                Kind::ListYear
            }
            ("regions", None) if name.ends_with(".xml") => Kind::RegionFeed,
            ("regions", Some(_)) => Kind::Timeline,
            ("articles", Some(_)) => Kind::Article,
            ("policies", Some(_)) => Kind::Policy,
            ("sources", Some(_)) => Kind::Source,
            ("tags", Some(_)) => Kind::Tag,
            ("archive", Some(year)) if year.parse::<i32>().is_ok() => Kind::Year,
            _ => return None,
        };
        Some(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<Route> {
        let timeline = Route::Timeline("beijing".into());
        vec![
            Route::Home,
            Route::NotFound,
            Route::Feed,
            Route::Sitemap,
            Route::Robots,
            Route::ArticlesJson,
            Route::SearchFile("shards/3.json".into()),
            timeline.clone(),
            Route::RegionFeed("beijing".into()),
            Route::Article("2021-12-07-jing-gang".into()),
            Route::Policies,
            Route::Policy("zhuan-li-fa".into()),
            Route::Compare,
            Route::Search,
            Route::Feeds,
            Route::Sources,
            Route::Source("xin-hua-she".into()),
            Route::Tags,
            Route::Tag("zhuan-li".into()),
            Route::Archive,
            Route::Year(2021),
            Route::ListYear(Box::new(timeline), 2019),
            Route::ListYear(Box::new(Route::Tag("fen-ye".into())), 2018),
        ]
    }

    #[test]
    fn every_kind_is_listed_once() {
        let mut kinds: Vec<Kind> = every_kind().iter().map(Route::kind).collect();
        kinds.dedup();
        for kind in Kind::ALL {
            assert!(kinds.contains(&kind), "{kind:?} has no route in the tests");
        }
        let unique: std::collections::HashSet<Kind> = Kind::ALL.into_iter().collect();
        assert_eq!(unique.len(), Kind::ALL.len());
    }

    #[test]
    fn every_path_leads_back_to_its_kind() {
        for route in every_kind() {
            assert_eq!(
                Kind::of_path(&route.path()),
                Some(route.kind()),
                "{route:?}"
            );
        }
    }

    #[test]
    fn paths_are_unique_and_relative() {
        let paths: Vec<String> = every_kind().iter().map(Route::path).collect();
        let mut unique = paths.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), paths.len());
        assert!(
            paths
                .iter()
                .all(|p| !p.starts_with('/') && !p.contains(".."))
        );
        assert_eq!(
            Route::ListYear(Box::new(Route::Timeline("beijing".into())), 2021).path(),
            "regions/beijing/2021.html"
        );
    }

    #[test]
    fn static_files_are_not_routes() {
        for path in [
            "style.css",
            "search.js",
            "static/x.png",
            "regions/",
            "archive/x.html",
        ] {
            assert_eq!(Kind::of_path(path), None, "{path}");
        }
    }
}
