//! The site kept in memory between changes, and the incremental rebuild.
//!
//! A change set names what changed on disk. Only the stages and pages it touches run again:
//! an edited article is re-read alone; whether the edit changed only its body or also what
//! lists show of it decides the [`Edit`], and the table in [`crate::render::reach`] says
//! which pages of each kind that edit reaches. A template change re-renders without
//! re-reading content; a static file change re-reads the assets; a site.toml change
//! rebuilds fully. A file that fails keeps its last good version in the site and is
//! reported until fixed.

use std::collections::{BTreeMap, BTreeSet};

use bytes::Bytes;
use rustc_hash::{FxHashMap, FxHashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::article::Placed;
use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::edition::{Edition, SecondEdition};
use crate::render::reach::{self, Edit, Touched};
use crate::render::{OutputFile, Page, Renderer};
use crate::route::Kind;
use crate::site::{Entry, Site};
use crate::{Toolkit, load, render};

/// What changed on disk, relative to the site root.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ChangeSet {
    pub content: BTreeSet<PathBuf>,
    /// Something under content/ changed that needs a directory walk (a directory moved).
    pub rescan_content: bool,
    pub templates: bool,
    pub statics: bool,
    pub config: bool,
}

impl ChangeSet {
    pub fn is_empty(&self) -> bool {
        self.content.is_empty()
            && !self.rescan_content
            && !self.templates
            && !self.statics
            && !self.config
    }

    pub fn merge(&mut self, other: ChangeSet) {
        self.content.extend(other.content);
        self.rescan_content |= other.rescan_content;
        self.templates |= other.templates;
        self.statics |= other.statics;
        self.config |= other.config;
    }
}

/// Where a problem comes from, so fixing that source clears it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    Config,
    Addresses,
    Content(PathBuf),
    Slugs,
    Templates,
    Render,
    Static,
    Search,
}

/// Building the search index, detached from the workspace.
pub struct SearchJob {
    articles: Vec<Entry>,
    regions: Vec<crate::config::RegionConfig>,
    /// Each edition's articles and settings, for the texts results show: (prefix, …).
    editions: Vec<(String, Vec<Entry>, SiteConfig)>,
}

impl SearchJob {
    pub fn run(&self) -> Result<Vec<OutputFile>, String> {
        let mut files = render::search::index(&self.articles, &self.regions);
        for (prefix, articles, config) in &self.editions {
            files.extend(render::search::docs(articles, config, prefix));
        }
        Ok(files)
    }
}

/// What one rebuild did, for the terminal.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub what: String,
    pub articles_read: usize,
    pub pages_rendered: usize,
    pub files_removed: usize,
    pub elapsed: Duration,
    /// Time per stage of an incremental content rebuild, for `serve --verbose`.
    pub stages: Vec<(&'static str, Duration)>,
    /// Articles, templates or the configuration changed, so the search index is stale.
    pub content: bool,
}

/// The served files by output path. Cheap to clone (shared keys and bodies), as every
/// rebuild hands a copy to the server.
pub type Files = FxHashMap<Arc<str>, Bytes>;

pub struct Workspace {
    root: PathBuf,
    base_url: Option<String>,
    config: SiteConfig,
    toolkit: Toolkit,
    renderer: Renderer,
    site: Site,
    /// The site in the other script, kept in step with `site`.
    second: Option<SecondEdition>,
    /// Whether content/ has `.digestignore` files (then a changed file is checked against
    /// discovery before it is read).
    ignore_rules: bool,
    /// Every content file digest knows of, including ones that currently fail.
    inputs: BTreeSet<PathBuf>,
    problems: BTreeMap<Origin, Vec<Diagnostic>>,
    output: Files,
    /// Each article's line of `data/articles.json`, by input path.
    records: FxHashMap<OsString, Vec<u8>>,
    /// Position of each article in `site.articles`, by input path.
    positions: FxHashMap<OsString, usize>,
    /// The search index is built by the caller, in the background.
    defer_search: bool,
    /// `addresses.toml` as last read or written.
    addresses: load::addresses::Addresses,
}

impl Workspace {
    /// Builds the whole site in memory. Fails only if there is nothing sensible to serve
    /// (a broken site.toml or templates); bad articles are reported and left out.
    ///
    /// With `defer_search`, the search index is left to the caller (see [`Self::search_job`]),
    /// so the preview of a large site is served without waiting for it.
    pub fn open(
        root: &Path,
        base_url: Option<String>,
        defer_search: bool,
    ) -> Result<Workspace, Vec<Diagnostic>> {
        let config = crate::load_config(root, base_url.as_deref())?;
        let toolkit = Toolkit::new().map_err(|d| vec![d])?;
        let renderer = Renderer::new(root)?;
        let mut ws = Workspace {
            root: root.to_path_buf(),
            base_url,
            config,
            toolkit,
            renderer,
            site: Site::empty(),
            second: None,
            ignore_rules: false,
            inputs: BTreeSet::new(),
            problems: BTreeMap::new(),
            output: Files::default(),
            records: FxHashMap::default(),
            positions: FxHashMap::default(),
            defer_search,
            addresses: Default::default(),
        };
        ws.rebuild_all();
        Ok(ws)
    }

    pub fn files(&self) -> &Files {
        &self.output
    }

    /// How many articles the site holds.
    pub fn article_count(&self) -> usize {
        self.site.articles.len()
    }

    pub fn config(&self) -> &SiteConfig {
        &self.config
    }

    /// Current problems, sorted by file.
    pub fn problems(&self) -> Vec<Diagnostic> {
        let mut all: Vec<Diagnostic> = self.problems.values().flatten().cloned().collect();
        crate::diagnostic::sort(&mut all);
        all
    }

    fn set_problems(&mut self, origin: Origin, problems: Vec<Diagnostic>) {
        if problems.is_empty() {
            self.problems.remove(&origin);
        } else {
            self.problems.insert(origin, problems);
        }
    }

    /// Re-reads everything: content, templates, assets.
    fn rebuild_all(&mut self) -> (usize, usize) {
        self.ignore_rules = load::has_ignore_files(&self.root);
        match load::addresses::Addresses::read(&self.root) {
            Ok(addresses) => {
                self.addresses = addresses;
                self.set_problems(Origin::Addresses, Vec::new());
            }
            // Articles then get addresses as if none were recorded, and none are written
            // over the broken file.
            Err(d) => self.set_problems(Origin::Addresses, vec![d]),
        }
        let files = match load::discover(&self.root) {
            Ok(files) => files,
            Err(problems) => {
                self.set_problems(Origin::Content(PathBuf::from(load::CONTENT_DIR)), problems);
                Vec::new()
            }
        };
        self.problems
            .retain(|o, _| !matches!(o, Origin::Content(_)));
        let (articles, problems) =
            crate::process_files(&self.root, &files, &self.config, &self.toolkit);
        for d in problems {
            self.problems
                .entry(Origin::Content(d.file.clone()))
                .or_default()
                .push(d);
        }
        self.inputs = files.into_iter().collect();
        self.records.clear();
        let read = articles.len();
        self.assemble(articles.into_iter().map(Arc::new).collect());
        self.output.clear();
        let rendered = self.render_everything();
        self.refresh_assets();
        if self.config.search && !self.defer_search {
            let job = self.search_job();
            self.set_search_bundle(job.run());
        }
        (read, rendered)
    }

    /// What the search indexer needs: a snapshot of the articles. Cheap to take (they are
    /// shared), so indexing can run on another thread while edits go on.
    pub fn search_job(&self) -> SearchJob {
        let mut editions = vec![(
            String::new(),
            self.site.articles.clone(),
            self.config.clone(),
        )];
        if let (Some(second), Some(prefix)) = (&self.second, self.second_edition_prefix()) {
            editions.push((prefix, second.site.articles.clone(), second.config.clone()));
        }
        SearchJob {
            articles: self.site.articles.clone(),
            regions: self
                .site
                .timelines
                .iter()
                .map(|t| t.region.clone())
                .collect(),
            editions,
        }
    }

    /// Replaces the search bundle with a freshly built one.
    pub fn set_search_bundle(&mut self, bundle: Result<Vec<OutputFile>, String>) {
        match bundle {
            Ok(files) => {
                self.set_problems(Origin::Search, Vec::new());
                self.output.retain(|path, _| !is_search_path(path, None));
                for file in files {
                    self.output
                        .insert(file.path.into(), Bytes::from(file.bytes));
                }
            }
            Err(e) => self.set_problems(Origin::Search, vec![Diagnostic::error("search index", e)]),
        }
    }

    /// Whether content changes make the search index stale.
    pub fn has_search(&self) -> bool {
        self.config.search
    }

    /// Assembles `articles` into the site, recording the addresses of articles seen for
    /// the first time (as a build does, so that the preview and the build agree).
    fn assemble(&mut self, articles: Vec<Arc<Placed>>) {
        let articles: Vec<Arc<Placed>> = articles
            .into_iter()
            .filter(|a| self.config.drafts || !a.draft)
            .collect();
        let (site, addresses, mut problems) =
            Site::assemble(articles, &self.config, &self.addresses);
        if addresses != self.addresses && !self.problems.contains_key(&Origin::Addresses) {
            match crate::write::record_addresses(&self.root, &addresses) {
                Ok(()) => self.addresses = addresses,
                Err(d) => problems.push(d),
            }
        }
        self.set_problems(Origin::Slugs, problems);
        self.site = site;
        self.second = SecondEdition::make(
            &self.site,
            &self.config,
            &self.toolkit.converter,
            self.second.take(),
        );
        self.positions = self
            .site
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.input.as_os_str().to_owned(), i))
            .collect();
    }

    fn render_everything(&mut self) -> usize {
        let pages = reach::pages_reached(
            &self.site,
            &self.config,
            Edit::Template,
            &Touched::default(),
            |p| self.index_of(p),
        );
        let second = self.second_edition_prefix();
        self.output.retain(|path, _| {
            // The search bundle stays until the indexer replaces it.
            !is_page_path(path, second.as_deref()) || is_search_path(path, second.as_deref())
        });
        let count = pages.len();
        self.render_pages(&pages);
        count
    }

    /// Renders `pages` and `data/articles.json`, side by side.
    fn render_pages(&mut self, pages: &[Page]) {
        // A list page comes with its year pages (a long list is split by year): the old ones
        // go, since the years may have changed, and the current ones are rendered with it.
        let mut with_years: Vec<Page> = pages.to_vec();
        let mut year_dirs: Vec<String> = Vec::new();
        for page in pages {
            let years = render::year_pages(&self.site, page);
            if matches!(
                page,
                Page::Timeline(_) | Page::Source(_) | Page::Tag(_) | Page::Policy(_)
            ) {
                year_dirs.push(crate::route::year_dir_of(&page.path(&self.site)));
            }
            with_years.extend(years);
        }
        if !year_dirs.is_empty() {
            let second = self.second_edition_prefix();
            self.output.retain(|path, _| {
                let path = in_edition(path, second.as_deref());
                !year_dirs.iter().any(|dir| path.starts_with(dir.as_str()))
            });
        }
        let pages = with_years.as_slice();
        let missing: Vec<(OsString, Vec<u8>)> = self
            .site
            .articles
            .par_iter()
            .filter(|a| !self.records.contains_key(a.input.as_os_str()))
            .map(|a| {
                (
                    a.input.as_os_str().to_owned(),
                    render::article_record(a, &self.config),
                )
            })
            .collect();
        self.records.extend(missing);
        let (results, json) = rayon::join(
            || {
                pages
                    .par_iter()
                    .flat_map(|p| {
                        self.renderer.render_editions(
                            &self.site,
                            &self.config,
                            self.second.as_ref(),
                            p,
                        )
                    })
                    .collect::<Vec<Result<OutputFile, Diagnostic>>>()
            },
            || {
                // Rebuilt from the cached lines: only changed articles were serialised.
                render::articles_json(self.site.articles.iter().map(|a| {
                    self.records
                        .get(a.input.as_os_str())
                        .map_or(&b"{}"[..], Vec::as_slice)
                }))
            },
        );
        self.output
            .insert(json.path.into(), Bytes::from(json.bytes));
        let mut problems = Vec::new();
        for result in results {
            match result {
                Ok(file) => {
                    self.output
                        .insert(file.path.into(), Bytes::from(file.bytes));
                }
                Err(d) => problems.push(d),
            }
        }
        problems.dedup_by(|a, b| a.file == b.file && a.line == b.line);
        self.set_problems(Origin::Render, problems);
    }

    fn refresh_assets(&mut self) {
        match render::theme::assets(&self.root) {
            Ok(assets) => {
                self.set_problems(Origin::Static, Vec::new());
                let second = self.second_edition_prefix();
                self.output
                    .retain(|path, _| is_page_path(path, second.as_deref()));
                for (path, bytes) in assets {
                    self.output.insert(path.into(), Bytes::from(bytes));
                }
                for file in render::pages_files(&self.config) {
                    self.output
                        .insert(file.path.into(), Bytes::from(file.bytes));
                }
            }
            Err(problems) => self.set_problems(Origin::Static, problems),
        }
    }

    /// Applies a change set and re-renders what it touches.
    pub fn apply(&mut self, changes: &ChangeSet) -> Outcome {
        let started = Instant::now();
        let mut outcome = Outcome {
            what: describe(changes),
            articles_read: 0,
            pages_rendered: 0,
            files_removed: 0,
            elapsed: Duration::ZERO,
            stages: Vec::new(),
            content: changes.config
                || changes.templates
                || !changes.content.is_empty()
                || changes.rescan_content,
        };
        if changes.config {
            match crate::load_config(&self.root, self.base_url.as_deref()) {
                Ok(config) => {
                    self.set_problems(Origin::Config, Vec::new());
                    self.config = config;
                    // Settings may change the edition's script: convert everything afresh.
                    self.second = None;
                    self.reload_templates();
                    let before = self.output.len();
                    let (read, rendered) = self.rebuild_all();
                    outcome.articles_read = read;
                    outcome.pages_rendered = rendered;
                    outcome.files_removed = before.saturating_sub(self.output.len());
                }
                Err(problems) => self.set_problems(Origin::Config, problems),
            }
            outcome.elapsed = started.elapsed();
            return outcome;
        }
        if changes.statics {
            self.refresh_assets();
        }
        let templates_ok = !changes.templates || self.reload_templates();
        if !changes.content.is_empty() || changes.rescan_content {
            let (read, rendered, removed) = self.apply_content(changes, &mut outcome.stages);
            outcome.articles_read = read;
            outcome.pages_rendered = rendered;
            outcome.files_removed = removed;
        }
        if changes.templates && templates_ok {
            outcome.pages_rendered = self.render_everything();
        }
        outcome.elapsed = started.elapsed();
        outcome
    }

    /// Reloads the templates; on error the previous ones stay in use.
    fn reload_templates(&mut self) -> bool {
        match Renderer::new(&self.root) {
            Ok(renderer) => {
                self.renderer = renderer;
                self.set_problems(Origin::Templates, Vec::new());
                true
            }
            Err(problems) => {
                self.set_problems(Origin::Templates, problems);
                false
            }
        }
    }

    fn apply_content(
        &mut self,
        changes: &ChangeSet,
        stages: &mut Vec<(&'static str, Duration)>,
    ) -> (usize, usize, usize) {
        let mut lap = Instant::now();
        let mut stage = |name: &'static str| {
            stages.push((name, lap.elapsed()));
            lap = Instant::now();
        };
        let mut touched: BTreeSet<PathBuf> = changes.content.clone();
        let mut listed: Option<BTreeSet<PathBuf>> = None;
        if changes.rescan_content {
            self.ignore_rules = load::has_ignore_files(&self.root);
            let now: BTreeSet<PathBuf> = load::discover(&self.root)
                .map(|f| f.into_iter().collect())
                .unwrap_or_default();
            touched.extend(now.symmetric_difference(&self.inputs).cloned());
            // Files moved in with a directory may also replace known ones.
            touched.extend(now.iter().filter(|p| changes.content.contains(*p)).cloned());
            listed = Some(now);
        }
        if self.ignore_rules && listed.is_none() {
            listed = load::discover(&self.root)
                .map(|f| f.into_iter().collect())
                .ok();
        }
        let (present, gone): (Vec<PathBuf>, Vec<PathBuf>) = touched.into_iter().partition(|p| {
            self.root.join(p).is_file()
                && !is_ignored(p)
                && (!self.ignore_rules || listed.as_ref().is_none_or(|l| l.contains(p)))
        });
        let (fresh, problems) =
            crate::process_files(&self.root, &present, &self.config, &self.toolkit);
        stage("read+clean");
        for p in present.iter().chain(&gone) {
            self.problems.remove(&Origin::Content(p.clone()));
        }
        for d in problems {
            self.problems
                .entry(Origin::Content(d.file.clone()))
                .or_default()
                .push(d);
        }
        for p in &present {
            self.inputs.insert(p.clone());
        }
        for p in &gone {
            self.inputs.remove(p);
        }

        if let Some(rendered) = self.apply_body_edits(&gone, &fresh) {
            stage("render");
            return (fresh.len(), rendered, 0);
        }

        // Old state, for working out which pages changed. Only articles that share a slug
        // base with a replaced one can have their slug changed by it (the `-2` suffixes).
        let replaced: FxHashSet<OsString> = fresh
            .iter()
            .map(|a| a.input.as_os_str().to_owned())
            .chain(gone.iter().map(|p| p.as_os_str().to_owned()))
            .collect();
        let mut bases: BTreeSet<String> = fresh.iter().map(|a| a.derived_slug.clone()).collect();
        bases.extend(
            self.site
                .articles
                .iter()
                .filter(|a| replaced.contains(a.input.as_os_str()))
                .map(|a| a.derived_slug.clone()),
        );
        let old_slugs: Vec<(PathBuf, String)> = self
            .site
            .articles
            .iter()
            .filter(|a| replaced.contains(a.input.as_os_str()) || bases.contains(&a.derived_slug))
            .map(|a| (a.input.clone(), a.slug.clone()))
            .collect();
        // What the replaced articles were: their groups and the pages linking to them.
        let mut touched = Touched::default();
        for input in &replaced {
            if let Some(index) = self.index_of(Path::new(input)) {
                touched.note(&self.site, index);
            }
        }
        let old_terms = TermSlugs::of(&self.site);
        let old_policy_paths: FxHashSet<String> = self
            .site
            .policies
            .iter()
            .map(|p| crate::site::policies::policy_path(&p.slug))
            .collect();

        let mut articles: Vec<Arc<Placed>> = std::mem::take(&mut self.site.articles)
            .into_iter()
            .map(|entry| entry.placed)
            // Files that failed to read are not in `replaced`: their last good version stays.
            .filter(|a| !replaced.contains(a.input.as_os_str()))
            .collect();
        let read = fresh.len();
        articles.extend(fresh.into_iter().map(Arc::new));
        stage("collect");
        self.assemble(articles);
        stage("assemble");

        // What they are now, with every article whose address moved (slug suffixes ripple
        // to articles sharing a slug base).
        let mut removed = 0;
        let mut now_touched: BTreeSet<PathBuf> = replaced.iter().map(PathBuf::from).collect();
        for (input, old_slug) in &old_slugs {
            let now = self.index_of(input).map(|i| &self.site.articles[i].slug);
            if now == Some(old_slug) {
                continue;
            }
            now_touched.insert(input.clone());
            let still_used = self.site.articles.iter().any(|a| &a.slug == old_slug);
            if !still_used {
                removed += self.drop_page(&render::article_path(old_slug));
            }
        }
        now_touched.extend(
            self.site
                .articles
                .iter()
                .filter(|a| bases.contains(&a.derived_slug))
                .map(|a| a.input.clone()),
        );
        for input in &now_touched {
            if let Some(index) = self.index_of(input) {
                touched.note(&self.site, index);
            }
        }
        // Sources and tags whose address moved or went: their old pages go, and the pages
        // of their articles, which link to them by address, are rendered again.
        let new_terms = TermSlugs::of(&self.site);
        for (old, new, path) in [
            (
                &old_terms.sources,
                &new_terms.sources,
                render::source_path as fn(&str) -> String,
            ),
            (&old_terms.tags, &new_terms.tags, render::tag_path),
        ] {
            for (name, slug) in old {
                if new.get(name) != Some(slug) {
                    removed += self.drop_page(&path(slug));
                    touched.names.insert(name.clone());
                }
            }
            for (name, slug) in new {
                if old.get(name) != Some(slug) {
                    touched.names.insert(name.clone());
                    let members = self
                        .site
                        .sources
                        .iter()
                        .chain(&self.site.tags)
                        .filter(|t| &t.name == name)
                        .flat_map(|t| t.articles.iter().copied());
                    touched
                        .articles
                        .extend(members.map(|i| self.site.articles[i].input.clone()));
                }
            }
        }
        for year in &old_terms.years {
            if !new_terms.years.contains(year) {
                removed += self.drop_page(&render::year_path(*year));
            }
        }
        // Policy pages no longer cited go; a newly placed document's citers link to it.
        let live: FxHashSet<String> = self
            .site
            .policies
            .iter()
            .map(|p| crate::site::policies::policy_path(&p.slug))
            .collect();
        let before = self.output.len();
        let second = self.second_edition_prefix();
        self.output.retain(|path, _| {
            let path = in_edition(path, second.as_deref());
            !path.starts_with("policies/") || live.contains(path)
        });
        removed += before - self.output.len();
        for policy in &self.site.policies {
            if !old_policy_paths.contains(&crate::site::policies::policy_path(&policy.slug)) {
                touched.articles.extend(
                    policy
                        .articles
                        .iter()
                        .map(|&i| self.site.articles[i].input.clone()),
                );
            }
        }
        // Records show what lists show.
        for input in &touched.articles {
            self.records.remove(input.as_os_str());
        }

        let pages = reach::pages_reached(&self.site, &self.config, Edit::Listing, &touched, |p| {
            self.index_of(p)
        });
        let rendered = pages.len();
        stage("plan");
        self.render_pages(&pages);
        stage("render");
        (read, rendered, removed)
    }

    /// The common edit, fixing an article's text: if every re-read article is known and
    /// differs from its previous version only in its body, no list, neighbour, policy or
    /// term page can change (they show headlines, dates, sources, summaries, regions and
    /// citations, all unchanged), so the site is not re-assembled: the articles are swapped
    /// in place and only their pages and the feeds listing them (full text) are rendered.
    /// On a large site this is what keeps a save within the preview's latency budget.
    fn apply_body_edits(&mut self, gone: &[PathBuf], fresh: &[Placed]) -> Option<usize> {
        if !gone.is_empty() || fresh.is_empty() {
            return None;
        }
        let mut swaps = Vec::with_capacity(fresh.len());
        for article in fresh {
            let index = self.index_of(&article.input)?;
            let old = &self.site.articles[index];
            let mut probe = article.clone();
            probe.article.body_html.clone_from(&old.body_html);
            probe.article.paragraphs.clone_from(&old.paragraphs);
            if probe != *old.placed {
                return None;
            }
            let entry = Entry {
                placed: Arc::new(article.clone()),
                slug: old.slug.clone(),
                aliases: old.aliases.clone(),
            };
            swaps.push((index, entry));
        }
        let mut touched = Touched::default();
        for (index, article) in swaps {
            touched.articles.insert(article.input.clone());
            self.records.remove(article.input.as_os_str());
            self.site.articles[index] = article;
            if let Some(second) = &mut self.second {
                second.replace_article(index, &self.site.articles[index], &self.toolkit.converter);
            }
        }
        let pages = reach::pages_reached(&self.site, &self.config, Edit::Body, &touched, |p| {
            self.index_of(p)
        });
        self.render_pages(&pages);
        Some(pages.len())
    }

    /// The folder of the second edition (`zh-hant/`), if the site has one.
    fn second_edition_prefix(&self) -> Option<String> {
        Edition::second_prefix(&self.config)
    }

    /// Removes a page from every edition, with its year pages if it is a split list;
    /// returns how many files went.
    fn drop_page(&mut self, path: &str) -> usize {
        let mut removed = usize::from(self.output.remove(path).is_some());
        if path.starts_with("sources/") || path.starts_with("tags/") {
            let dir = crate::route::year_dir_of(path);
            let second = self.second_edition_prefix();
            let before = self.output.len();
            self.output
                .retain(|p, _| !in_edition(p, second.as_deref()).starts_with(dir.as_str()));
            removed += before - self.output.len();
        }
        if let Some(prefix) = self.second_edition_prefix() {
            removed += usize::from(
                self.output
                    .remove(format!("{prefix}{path}").as_str())
                    .is_some(),
            );
        }
        removed
    }

    fn index_of(&self, input: &Path) -> Option<usize> {
        self.positions.get(input.as_os_str()).copied()
    }
}

/// An output path within its edition: pages of the second edition live under its folder
/// (`zh-hant/articles/x.html` → `articles/x.html`).
fn in_edition<'a>(path: &'a str, second_edition: Option<&str>) -> &'a str {
    second_edition
        .and_then(|prefix| path.strip_prefix(prefix))
        .unwrap_or(path)
}

/// Whether an output file belongs to a search bundle (replaced only by the indexer).
fn is_search_path(path: &str, second_edition: Option<&str>) -> bool {
    Kind::of_path(in_edition(path, second_edition)) == Some(Kind::SearchFile)
}

/// Whether an output file is generated from the content (as opposed to a static asset).
fn is_page_path(path: &str, second_edition: Option<&str>) -> bool {
    Kind::of_path(in_edition(path, second_edition)).is_some()
}

fn is_ignored(path: &Path) -> bool {
    path.components()
        .any(|c| load::is_ignored_name(&c.as_os_str().to_string_lossy()))
}

/// Names and slugs of sources and tags, and the archive's years, to see what moved.
struct TermSlugs {
    sources: BTreeMap<String, String>,
    tags: BTreeMap<String, String>,
    years: BTreeSet<i32>,
}

impl TermSlugs {
    fn of(site: &Site) -> TermSlugs {
        let map = |terms: &[crate::site::taxonomy::Term]| {
            terms
                .iter()
                .map(|t| (t.name.clone(), t.slug.clone()))
                .collect()
        };
        TermSlugs {
            sources: map(&site.sources),
            tags: map(&site.tags),
            years: site.years.iter().map(|(y, _)| *y).collect(),
        }
    }
}

fn describe(changes: &ChangeSet) -> String {
    let mut parts = Vec::new();
    if changes.config {
        parts.push("site.toml".to_string());
    }
    match changes.content.len() {
        0 => {}
        1 => parts.extend(changes.content.iter().map(|p| p.display().to_string())),
        n => parts.push(format!("{n} content files")),
    }
    if changes.rescan_content {
        parts.push("content/ folders".to_string());
    }
    if changes.templates {
        parts.push("templates".to_string());
    }
    if changes.statics {
        parts.push("static files".to_string());
    }
    parts.join(", ")
}
