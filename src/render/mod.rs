//! Stage 6, render: the assembled site through Tera templates into pages, plus the data
//! files (`data/articles.json`).
//!
//! Takes: a [`Site`]. Gives: the output files, as paths relative to the output root with
//! their bytes. Template contexts are small views built from borrowed articles.

mod data;
mod errors;
pub mod feeds;
mod functions;
mod plan;
pub mod reach;
pub mod search;
pub mod theme;
mod views;

pub use data::{article_record, articles_json, pages_files};
pub use plan::{Page, SPLIT_LIST_OVER, all_pages, is_split, year_pages};

use std::path::PathBuf;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::article::Article;
use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::edition::{Edition, SecondEdition};
use crate::route::Route;
use crate::site::{Site, policies};
use views::{ArticleView, EntryView, HomeRegion, RegionLink, YearGroup};

/// One file of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output root, with '/' separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

// Site-relative paths of the pages, by the address space of [`Route`].

pub fn source_path(slug: &str) -> String {
    Route::Source(slug.to_string()).path()
}

pub fn tag_path(slug: &str) -> String {
    Route::Tag(slug.to_string()).path()
}

pub fn year_path(year: i32) -> String {
    Route::Year(year).path()
}

pub fn article_path(slug: &str) -> String {
    Route::Article(slug.to_string()).path()
}

pub fn region_path(id: &str) -> String {
    Route::Timeline(id.to_string()).path()
}

/// The Tera templates, loaded once per build (or kept by `serve`).
pub struct Renderer {
    tera: Tera,
    /// Where each template came from, for error messages.
    files: Vec<(String, Option<PathBuf>)>,
}

impl Renderer {
    pub fn new(root: &std::path::Path) -> Result<Renderer, Vec<Diagnostic>> {
        let sources = theme::templates(root)?;
        let files = sources
            .iter()
            .map(|s| (s.name.clone(), s.file.clone()))
            .collect::<Vec<_>>();
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.register_function("url", functions::url);
        tera.register_function("asset", functions::asset);
        tera.register_function("count", functions::count);
        if let Err(e) = tera.add_raw_templates(sources.iter().map(|s| (&s.name, &s.text))) {
            return Err(vec![errors::template_diagnostic(&e, &files)]);
        }
        Ok(Renderer { tera, files })
    }

    /// The page's bytes. Rendered into bytes rather than a `String`: Tera's `render`
    /// checks that its output is UTF-8, every byte of every page (3 % of a build), when
    /// all it writes are strings.
    fn render(&self, template: &str, context: &Context, page: &str) -> Result<Vec<u8>, Diagnostic> {
        let mut bytes = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, context, &mut bytes)
            .map_err(|e| {
                let mut d = errors::template_diagnostic(&e, &self.files);
                d.message = format!("cannot render {page}: {}", d.message);
                d
            })?;
        Ok(bytes)
    }

    /// Renders every page and data file of the site, pages in parallel.
    pub fn render_site(
        &self,
        site: &Site,
        config: &SiteConfig,
        second: Option<&SecondEdition>,
    ) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
        let files = std::sync::Mutex::new(Vec::new());
        self.render_site_into(
            site,
            config,
            second,
            &|file| {
                files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
                Ok(())
            },
            &crate::timing::StageTimes::default(),
        )?;
        let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
        // Threads finish in any order; return the files in a stable one.
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// Renders like [`Self::render_site`], handing each file to `sink` as soon as it is
    /// rendered instead of collecting them, so the site is never whole in memory. Returns
    /// the number of files.
    pub fn render_site_into(
        &self,
        site: &Site,
        config: &SiteConfig,
        second: Option<&SecondEdition>,
        sink: &(dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync),
        times: &crate::timing::StageTimes,
    ) -> Result<usize, Vec<Diagnostic>> {
        use crate::timing::Stage;
        let pages = all_pages(site, config);
        let problems = std::sync::Mutex::new(Vec::new());
        let count = std::sync::atomic::AtomicUsize::new(0);
        let take = |result: Result<OutputFile, Diagnostic>| {
            match result.and_then(sink) {
                Ok(()) => {
                    count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                Err(d) => problems.lock().unwrap_or_else(|e| e.into_inner()).push(d),
            };
        };
        // The data files (the search index above all) are made alongside the pages: the
        // index has sequential steps, and the last pages leave a core idle; either way the
        // other core renders. If a page fails the build fails, and the staged data files go
        // with it.
        use std::sync::atomic::{AtomicU64, Ordering};
        let nanos = |d: std::time::Duration| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        // Page time by thread: pages a thread renders while waiting inside the data files'
        // work are counted once, as pages (for `build -v`).
        let page_nanos: Vec<AtomicU64> = (0..rayon::current_num_threads().max(1))
            .map(|_| AtomicU64::new(0))
            .collect();
        let on_this_thread = || {
            let thread = rayon::current_thread_index().unwrap_or(0);
            page_nanos
                .get(thread)
                .map_or(0, |n| n.load(Ordering::Relaxed))
        };
        let handing = AtomicU64::new(0);
        let ((), data_nanos) = rayon::join(
            || {
                pages.par_iter().for_each(|page| {
                    let started = std::time::Instant::now();
                    let files = self.render_editions(site, config, second, page);
                    let spent = started.elapsed();
                    times.add(Stage::Render, spent);
                    let thread = rayon::current_thread_index().unwrap_or(0);
                    if let Some(n) = page_nanos.get(thread) {
                        n.fetch_add(nanos(spent), Ordering::Relaxed);
                    }
                    for result in files {
                        take(result);
                    }
                })
            },
            || {
                let (started, pages_before) = (std::time::Instant::now(), on_this_thread());
                data::data_files(site, config, second, &|f| {
                    let at = std::time::Instant::now();
                    take(Ok(f));
                    handing.fetch_add(nanos(at.elapsed()), Ordering::Relaxed);
                });
                // Less the time spent in the sink, which counts itself (as writing).
                nanos(started.elapsed())
                    .saturating_sub(on_this_thread().saturating_sub(pages_before))
                    .saturating_sub(handing.load(Ordering::Relaxed))
            },
        );
        times.add(Stage::Render, std::time::Duration::from_nanos(data_nanos));
        let mut problems = problems.into_inner().unwrap_or_else(|e| e.into_inner());
        // Threads finish in any order; report in a stable one.
        problems.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        if problems.is_empty() {
            Ok(count.into_inner())
        } else {
            problems.dedup_by(|a, b| a.file == b.file && a.line == b.line);
            Err(problems)
        }
    }

    /// Renders a page in the main edition and, where the site has one, in the other script
    /// (from that edition's own model: nothing is converted here).
    pub fn render_editions(
        &self,
        site: &Site,
        config: &SiteConfig,
        second: Option<&SecondEdition>,
        page: &Page,
    ) -> Vec<Result<OutputFile, Diagnostic>> {
        let editions = Edition::of(config);
        let mut files = vec![self.render_page(site, config, page, &editions[0])];
        if let (Some(edition), Some(model)) = (editions.get(1), second)
            && page.has_editions()
        {
            files.push(
                self.render_page(&model.site, &model.config, page, edition)
                    .map(|file| OutputFile {
                        path: format!("{}{}", edition.prefix, file.path),
                        bytes: file.bytes,
                    }),
            );
        }
        files
    }

    /// Renders one page.
    pub fn render_page(
        &self,
        site: &Site,
        config: &SiteConfig,
        page: &Page,
        edition: &Edition,
    ) -> Result<OutputFile, Diagnostic> {
        // Navigation carries names and paths only: a page must not change when an article
        // elsewhere changes a region's count, or incremental rebuilds would miss it.
        let current = match page {
            Page::Timeline(id) => Some(id),
            Page::ListYear(list, _) => match &**list {
                Page::Timeline(id) => Some(id),
                _ => None,
            },
            _ => None,
        };
        let nav: Vec<RegionLink<'_>> = site
            .timelines
            .iter()
            .map(|t| RegionLink {
                current: current == Some(&t.region.id),
                ..RegionLink::new(&t.region)
            })
            .collect();
        let path = page.path(site);
        match page {
            Page::Feed => {
                let base = format!("{}{}", config.absolute_base(), edition.prefix);
                return Ok(feeds::atom(
                    config,
                    &edition.prefix,
                    &path,
                    "index.html",
                    &config.title,
                    site.articles.iter(),
                    |a| linked_body(site, a, &base),
                ));
            }
            Page::RegionFeed(region) => {
                let timeline = site.timeline(region).ok_or_else(|| {
                    Diagnostic::error(&path, format!("internal error: no region {region:?}"))
                })?;
                let base = format!("{}{}", config.absolute_base(), edition.prefix);
                return Ok(feeds::atom(
                    config,
                    &edition.prefix,
                    &path,
                    &region_path(region),
                    &format!("{} · {}", timeline.region.name, config.title),
                    timeline.articles.iter().map(|&i| &site.articles[i]),
                    |a| linked_body(site, a, &base),
                ));
            }
            Page::Sitemap => {
                let mut pages: Vec<String> = Vec::new();
                for edition in Edition::of(config) {
                    pages.extend(
                        all_pages(site, config)
                            .iter()
                            .filter(|p| {
                                p.is_html() && !matches!(p, Page::NotFound | Page::Alias(..))
                            })
                            .map(|p| format!("{}{}", edition.prefix, p.path(site))),
                    );
                }
                return Ok(feeds::sitemap(config, site, &pages));
            }
            Page::Robots => return Ok(feeds::robots(config)),
            Page::Alias(index, _) => {
                return Ok(redirect(config, edition, &path, &site.articles[*index]));
            }
            _ => {}
        }
        let mut ctx = Context::new();
        // The edition's own settings and labels (in its script).
        ctx.insert("site", &views::SiteView::new(config));
        ctx.insert("labels", config.labels());
        ctx.insert("nav", &nav);
        ctx.insert("page_path", &path);
        // Links are relative to the page, so the site works at a root, under a sub-path and
        // from disk; the 404 page is served at any depth, so its links start from the base.
        let root = if *page == Page::NotFound {
            format!("{}{}", config.base_path(), edition.prefix)
        } else {
            "../".repeat(path.matches('/').count())
        };
        ctx.insert("root", &root);
        // Shared assets live once, at the site root.
        ctx.insert("asset_root", &format!("{root}{}", edition.up));
        ctx.insert("page_lang", edition.lang);
        // Where this edition's texts of search results are (search/docs/, search/zh-hant/docs/).
        ctx.insert("edition_prefix", &edition.prefix);
        ctx.insert("og_locale", edition.og_locale);
        ctx.insert(
            "canonical",
            &format!("{}{}{path}", config.absolute_base(), edition.prefix),
        );
        if let Some(other) = &edition.other {
            ctx.insert(
                "toggle_href",
                &format!("{root}{}{}{path}", edition.up, other.prefix),
            );
            ctx.insert("toggle_label", other.label);
            ctx.insert("toggle_lang", other.lang);
        }
        // A year of a split list renders as its list, restricted to the year.
        let (page, year) = match page {
            Page::ListYear(list, year) => (&**list, Some(*year)),
            other => (other, None),
        };
        let list_path = page.path(site);
        let template = match page {
            Page::Home => {
                ctx.insert("page_title", &config.title);
                let regions: Vec<HomeRegion<'_>> = site
                    .timelines
                    .iter()
                    .map(|t| HomeRegion {
                        link: RegionLink::with_count(&t.region, t.articles.len()),
                        latest: t
                            .articles
                            .iter()
                            .take(3)
                            .map(|&i| EntryView::new(&site.articles[i], config))
                            .collect(),
                    })
                    .collect();
                ctx.insert("regions", &regions);
                let latest: Vec<EntryView<'_>> = site
                    .articles
                    .iter()
                    .take(config.latest_count)
                    .map(|a| EntryView::new(a, config))
                    .collect();
                ctx.insert("latest", &latest);
                "index.html"
            }
            Page::Timeline(region) => {
                let timeline = site.timeline(region).ok_or_else(|| {
                    Diagnostic::error(&path, format!("internal error: no region {region:?}"))
                })?;
                ctx.insert("page_title", &titled(&timeline.region.name, year, config));
                ctx.insert(
                    "region",
                    &RegionLink::with_count(&timeline.region, timeline.articles.len()),
                );
                let shown = split_list(
                    site,
                    &timeline.articles,
                    (&list_path, &timeline.region.name),
                    year,
                    config,
                    &mut ctx,
                );
                let entries = shown
                    .iter()
                    .map(|&i| EntryView::new(&site.articles[i], config));
                ctx.insert("years", &YearGroup::group(entries, config.labels()));
                ctx.insert("count", &timeline.articles.len());
                "timeline.html"
            }
            Page::Article(index) => {
                ctx.insert("page_title", &site.articles[*index].title);
                ctx.insert("article", &ArticleView::new(site, *index, config));
                "article.html"
            }
            Page::NotFound => {
                // Served for any missing URL at any depth, so its links start from the base path.
                ctx.insert("page_title", &config.labels().not_found_title);
                let regions: Vec<RegionLink<'_>> = site
                    .timelines
                    .iter()
                    .map(|t| RegionLink::with_count(&t.region, t.articles.len()))
                    .collect();
                ctx.insert("regions", &regions);
                "404.html"
            }
            Page::Search => {
                ctx.insert("page_title", &config.labels().search);
                "search.html"
            }
            Page::Sources | Page::Tags => {
                let (terms, title) = if *page == Page::Sources {
                    (&site.sources, &config.labels().sources)
                } else {
                    (&site.tags, &config.labels().all_tags)
                };
                ctx.insert("page_title", &title);
                let list: Vec<views::TermView<'_>> = terms
                    .iter()
                    .map(|t| views::TermView::new(t, site, config, *page == Page::Sources, false))
                    .collect();
                ctx.insert("terms", &list);
                "terms.html"
            }
            Page::Source(i) | Page::Tag(i) => {
                let is_source = matches!(page, Page::Source(_));
                let term = if is_source {
                    &site.sources[*i]
                } else {
                    &site.tags[*i]
                };
                ctx.insert("page_title", &titled(&term.name, year, config));
                ctx.insert(
                    "kind",
                    if is_source {
                        &config.labels().sources
                    } else {
                        &config.labels().all_tags
                    },
                );
                ctx.insert(
                    "kind_path",
                    if is_source {
                        "sources.html"
                    } else {
                        "tags.html"
                    },
                );
                let shown = split_list(
                    site,
                    &term.articles,
                    (&list_path, &term.name),
                    year,
                    config,
                    &mut ctx,
                );
                let mut view = views::TermView::new(term, site, config, is_source, false);
                view.entries = shown
                    .iter()
                    .map(|&i| EntryView::new(&site.articles[i], config))
                    .collect();
                ctx.insert("term", &view);
                "term.html"
            }
            Page::Archive => {
                ctx.insert("page_title", &config.labels().archive);
                let years: Vec<views::ArchiveYear> = site
                    .years
                    .iter()
                    .map(|(year, list)| views::ArchiveYear::new(*year, list, site, config))
                    .collect();
                ctx.insert("years", &years);
                "archive.html"
            }
            Page::Year(year) => {
                let list = site
                    .years
                    .iter()
                    .find(|(y, _)| y == year)
                    .map(|(_, list)| list.as_slice())
                    .unwrap_or_default();
                let label = chrono::NaiveDate::from_ymd_opt(*year, 1, 1)
                    .map(|d| d.format(&config.labels().year_format).to_string())
                    .unwrap_or_else(|| year.to_string());
                ctx.insert("page_title", &label);
                ctx.insert("count", &list.len());
                let entries = list
                    .iter()
                    .map(|&i| EntryView::new(&site.articles[i], config));
                ctx.insert("years", &YearGroup::group(entries, config.labels()));
                "year.html"
            }
            Page::Feeds => {
                ctx.insert("page_title", &config.labels().feeds_title);
                let base = format!("{}{}", config.absolute_base(), edition.prefix);
                ctx.insert("feed_base", &base);
                "feeds.html"
            }
            Page::Compare => {
                ctx.insert("page_title", &config.labels().compare);
                ctx.insert("compare", &views::CompareView::new(site, config));
                "compare.html"
            }
            Page::Policies => {
                ctx.insert("page_title", &config.labels().policies);
                let mut list: Vec<views::PolicyView<'_>> = site
                    .policies
                    .iter()
                    .map(|p| views::PolicyView::new(p, site, config, false))
                    .collect();
                // Most cited first; and, for the other order, newest first.
                list.sort_by(|a, b| {
                    b.count
                        .cmp(&a.count)
                        .then_with(|| a.link.title.cmp(b.link.title))
                });
                let mut by_date: Vec<&views::PolicyView<'_>> = list.iter().collect();
                by_date.sort_by(|a, b| {
                    b.sort_date
                        .cmp(&a.sort_date)
                        .then_with(|| a.link.title.cmp(b.link.title))
                });
                ctx.insert("policies_by_date", &by_date);
                ctx.insert("policies", &list);
                "policies.html"
            }
            Page::Policy(index) => {
                let policy = &site.policies[*index];
                ctx.insert("page_title", &titled(&policy.title, year, config));
                let shown = split_list(
                    site,
                    &policy.articles,
                    (&list_path, &format!("《{}》", policy.title)),
                    year,
                    config,
                    &mut ctx,
                );
                let mut view = views::PolicyView::new(policy, site, config, false);
                view.entries = shown
                    .iter()
                    .map(|&i| EntryView::new(&site.articles[i], config))
                    .collect();
                ctx.insert("policy", &view);
                "policy.html"
            }
            Page::Feed
            | Page::RegionFeed(_)
            | Page::Sitemap
            | Page::Robots
            | Page::Alias(..)
            | Page::ListYear(..) => {
                return Err(Diagnostic::error(
                    &path,
                    "internal error: not a template page",
                ));
            }
        };
        Ok(OutputFile {
            bytes: self.render(template, &ctx, &path)?,
            path,
        })
    }
}

#[derive(serde::Serialize)]
struct YearPageLink {
    label: String,
    count: usize,
    path: String,
    current: bool,
}

fn year_label(year: i32, config: &SiteConfig) -> String {
    chrono::NaiveDate::from_ymd_opt(year, 1, 1)
        .map(|d| d.format(&config.labels().year_format).to_string())
        .unwrap_or_else(|| year.to_string())
}

fn titled(name: &str, year: Option<i32>, config: &SiteConfig) -> String {
    match year {
        Some(year) => format!("{name} · {}", year_label(year, config)),
        None => name.to_string(),
    }
}

/// The entries a list page shows: all of a short list; of a split one, the first
/// [`SPLIT_LIST_OVER`] on its own page and one year on a year page. Puts the year links
/// (`year_pages`, `shown`, `year_label`, `list_path`, `list_name`) in `ctx`.
fn split_list<'s>(
    site: &Site,
    list: &'s [usize],
    (list_path, list_name): (&str, &str),
    year: Option<i32>,
    config: &SiteConfig,
    ctx: &mut Context,
) -> &'s [usize] {
    // How many entries the page is about: the year's on a year page, else the whole list's.
    ctx.insert("list_count", &list.len());
    if !is_split(site, list) {
        return list;
    }
    let years = plan::years_of(site, list);
    let links: Vec<YearPageLink> = years
        .iter()
        .map(|(y, range)| YearPageLink {
            label: year_label(*y, config),
            count: range.len(),
            path: crate::route::year_page_of(list_path, *y),
            current: year == Some(*y),
        })
        .collect();
    ctx.insert("year_pages", &links);
    ctx.insert("list_path", list_path);
    ctx.insert("list_name", list_name);
    match year {
        None => {
            ctx.insert("shown", &SPLIT_LIST_OVER);
            &list[..SPLIT_LIST_OVER]
        }
        Some(year) => {
            ctx.insert("year_label", &year_label(year, config));
            let shown = years
                .into_iter()
                .find(|(y, _)| *y == year)
                .map_or(&list[..0], |(_, range)| &list[range]);
            ctx.insert("list_count", &shown.len());
            shown
        }
    }
}

/// An article body with its cited titles linked to their documents' pages.
pub fn linked_body(site: &Site, article: &Article, prefix: &str) -> String {
    let cited: Vec<(&str, &str)> = site
        .citations_of(article)
        .map(|(title, i)| (title, site.policies[i].slug.as_str()))
        .collect();
    policies::link_citations(&article.body_html.text(), &cited, prefix)
}

/// The page at an article's earlier address: it sends readers (and search engines, by its
/// canonical link) to where the article is now.
fn redirect(
    config: &SiteConfig,
    edition: &Edition,
    path: &str,
    article: &crate::site::Entry,
) -> OutputFile {
    use crate::markup::escape;
    // Both addresses are in the same folder.
    let target = format!("{}.html", article.slug);
    let canonical = format!(
        "{}{}{}",
        config.absolute_base(),
        edition.prefix,
        article_path(&article.slug)
    );
    let title = escape(&article.title);
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n<p><a href=\"{target}\">{title}</a></p>\n</body>\n</html>\n",
        lang = edition.lang,
        canonical = escape(&canonical),
        target = escape(&target),
    );
    OutputFile {
        path: path.to_string(),
        bytes: html.into_bytes(),
    }
}
