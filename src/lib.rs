//! digest: a static site generator for a region-by-region digest of Chinese
//! intellectual-property policy news.
//!
//! An article flows one way through named stages, one module each:
//!
//! ```text
//! content/ ──load──▶ RawDocument ──extract──▶ Draft ──clean──▶ Article ──classify──▶ Placed
//!          ──assemble──▶ Site ──render──▶ OutputFile… ──write──▶ public/
//! ```

pub mod add;
pub mod article;
pub mod check;
pub mod classify;
pub mod clean;
pub mod config;
pub mod diagnostic;
pub mod edition;
pub mod extract;
pub mod init;
pub mod inspect;
pub mod load;
pub mod locale;
pub mod markup;
pub mod publish;
pub mod render;
pub mod route;
pub mod serve;
pub mod site;
pub mod timing;
pub mod write;
pub mod zh;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use article::Placed;
use clean::Cleaner;
use clean::highlight::Highlighter;
use clean::script::ScriptConverter;
use config::SiteConfig;
use diagnostic::Diagnostic;
use edition::SecondEdition;
use render::{OutputFile, Renderer};
use site::Site;

/// What `digest build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: PathBuf,
    /// Overrides `base_url` from site.toml for this build.
    pub base_url: Option<String>,
    /// Fail (writing nothing) if an internal link in the output is broken.
    pub check_links: bool,
    /// Build everything else when some articles cannot be read, and report them as skipped
    /// (instead of failing the build).
    pub keep_going: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions {
            output: root.join("public"),
            root,
            base_url: None,
            check_links: false,
            keep_going: false,
        }
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub articles: usize,
    /// Articles whose address was recorded in `addresses.toml` for the first time or
    /// changed (a new `slug:`).
    pub addresses_recorded: usize,
    /// Article files left out because they failed (only with `--keep-going`).
    pub skipped_files: usize,
    pub drafts_skipped: usize,
    pub pages: usize,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
    /// Wall time of each phase, in pipeline order.
    pub timings: Vec<(&'static str, Duration)>,
    /// Time in each stage summed over threads (see [`timing`]), in pipeline order.
    pub stage_times: Vec<(&'static str, Duration)>,
    pub elapsed: Duration,
}

/// The shared tools the per-article stages need.
pub struct Toolkit {
    pub converter: Arc<dyn ScriptConverter>,
    pub highlighter: Highlighter,
    /// Time per stage, summed over threads, for `build -v` and the benchmarks.
    pub times: timing::StageTimes,
}

impl Toolkit {
    pub fn new() -> Result<Toolkit, Diagnostic> {
        let converter = clean::script::default_converter().map_err(|e| {
            Diagnostic::error("OpenCC", e)
                .hint("the dictionaries are built into digest; please report this")
        })?;
        Ok(Toolkit {
            times: timing::StageTimes::default(),
            converter: converter.into(),
            highlighter: Highlighter::new(),
        })
    }
}

/// Loads the site configuration, applying a `--base-url` override.
pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<SiteConfig, Vec<Diagnostic>> {
    let mut config = SiteConfig::load(root)?;
    if let Some(base_url) = base_url {
        config.set_base_url(base_url).map_err(|e| {
            vec![
                Diagnostic::error("--base-url", e)
                    .hint("write it like https://org.github.io/digest/"),
            ]
        })?;
    }
    Ok(config)
}

/// Runs load → extract → clean → classify on one file.
pub fn process_file(
    root: &Path,
    input: &Path,
    config: &SiteConfig,
    toolkit: &Toolkit,
) -> Result<Placed, Diagnostic> {
    let raw = toolkit
        .times
        .time(timing::Stage::Load, || load::load(root, input))?;
    process_document(raw, config, toolkit)
}

/// Runs extract → clean → classify on one loaded file.
pub fn process_document(
    raw: load::RawDocument,
    config: &SiteConfig,
    toolkit: &Toolkit,
) -> Result<Placed, Diagnostic> {
    let times = &toolkit.times;
    let draft = times.time(timing::Stage::Extract, || extract::extract(&raw))?;
    let cleaner = Cleaner {
        converter: toolkit.converter.as_ref(),
        script: config.script,
        highlighter: &toolkit.highlighter,
    };
    let article = times.time(timing::Stage::Clean, || cleaner.clean(&draft))?;
    let started = Instant::now();
    let regions = classify::classify(&article, &config.regions, &config.classify)?;
    let derived_slug = site::slug::derive(&article);
    times.add(timing::Stage::Classify, started.elapsed());
    Ok(Placed {
        article,
        regions,
        derived_slug,
    })
}

/// Reads, cleans and classifies the given files, in parallel. Returns the articles that
/// could be made and every problem, not just the first.
pub fn process_files(
    root: &Path,
    files: &[PathBuf],
    config: &SiteConfig,
    toolkit: &Toolkit,
) -> (Vec<Placed>, Vec<Diagnostic>) {
    let results: Vec<Result<Placed, Diagnostic>> = files
        .par_iter()
        .map(|input| process_file(root, input, config, toolkit))
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(article) => articles.push(article),
            Err(d) => problems.push(d),
        }
    }
    diagnostic::sort(&mut problems);
    (articles, problems)
}

/// Renders like [`render_all`], handing each file to `sink` as it is rendered; returns the
/// number of files.
pub fn render_all_into(
    root: &Path,
    site: &Site,
    config: &SiteConfig,
    converter: &Arc<dyn ScriptConverter>,
    sink: &(dyn Fn(OutputFile) -> Result<(), Diagnostic> + Sync),
    times: &timing::StageTimes,
) -> Result<usize, Vec<Diagnostic>> {
    let renderer = Renderer::new(root)?;
    // Assets first: a missing or unreadable one fails before the pages are rendered.
    let mut extra: Vec<OutputFile> = render::theme::assets(root)?
        .into_iter()
        .map(|(path, bytes)| OutputFile { path, bytes })
        .collect();
    extra.extend(render::pages_files(config));
    // The second edition's model (conversion counted with rendering; `build -v` splits it
    // out as the converter's own time).
    let second = times.time(timing::Stage::Render, || {
        SecondEdition::make(site, config, converter, None)
    });
    let count =
        renderer.render_site_into(site, config, second.as_ref(), sink, times)? + extra.len();
    let problems: Vec<Diagnostic> = extra.into_iter().filter_map(|f| sink(f).err()).collect();
    if problems.is_empty() {
        Ok(count)
    } else {
        Err(problems)
    }
}

/// Renders the assembled site and the static assets into output files.
pub fn render_all(
    root: &Path,
    site: &Site,
    config: &SiteConfig,
    converter: &Arc<dyn ScriptConverter>,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let renderer = Renderer::new(root)?;
    let second = SecondEdition::make(site, config, converter, None);
    let mut files = renderer.render_site(site, config, second.as_ref())?;
    for (path, bytes) in render::theme::assets(root)? {
        files.push(OutputFile { path, bytes });
    }
    files.extend(render::pages_files(config));
    Ok(files)
}

/// Broken internal links among rendered files, one diagnostic each.
pub fn broken_links(files: &[OutputFile], config: &SiteConfig) -> Vec<Diagnostic> {
    let pairs: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let text = if f.path.ends_with(".html") {
                String::from_utf8_lossy(&f.bytes).into_owned()
            } else {
                String::new()
            };
            (f.path.clone(), text)
        })
        .collect();
    match check::links::check_files(&pairs, config) {
        Ok(report) => link_diagnostics(&report),
        Err(e) => vec![Diagnostic::error(
            "output",
            format!("cannot check links: {e}"),
        )],
    }
}

/// Broken links as diagnostics naming the page and the target.
pub fn link_diagnostics(report: &check::links::LinkReport) -> Vec<Diagnostic> {
    report
        .broken
        .iter()
        .map(|b| {
            Diagnostic::error(&b.page, format!("broken link {:?}: {}", b.target, b.reason))
                .hint("fix the template or content that writes this link")
        })
        .collect()
}

/// `digest check`: every problem a build would report, plus the content lints (see
/// [`check::content`]) and broken internal links of the site as it would be built. Writes
/// nothing. Fails only when the site cannot be checked at all (no config, no content/).
pub fn check_content(root: &Path) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let config = load_config(root, None)?;
    let toolkit = Toolkit::new().map_err(|d| vec![d])?;
    let (files, mut problems) = load::discover_all(root)?;
    let (articles, unreadable) = process_files(root, &files, &config, &toolkit);
    problems.extend(unreadable);
    let raw = |input: &Path| load::load(root, input).ok().map(|doc| doc.text);
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    problems.extend(check::content::lint(&articles, &config, &raw, today));
    let articles: Vec<Arc<Placed>> = articles.into_iter().map(Arc::new).collect();
    let recorded = load::addresses::Addresses::read(root).map_err(|d| vec![d])?;
    let (site, _, slug_problems) = Site::assemble(articles, &config, &recorded);
    problems.extend(slug_problems);
    problems.extend(config.relative_base_warning());
    // Links do not depend on the search index; skipping it keeps the check quick.
    let mut quick = config.clone();
    quick.search = false;
    match render_all(root, &site, &quick, &toolkit.converter) {
        Ok(files) => {
            problems.extend(broken_links(&files, &quick));
            let pages: std::collections::HashSet<&str> =
                files.iter().map(|f| f.path.as_str()).collect();
            problems.extend(check::content::dead_self_links(
                &site.articles,
                &config,
                &pages,
                &raw,
            ));
        }
        Err(e) => problems.extend(e),
    }
    diagnostic::sort(&mut problems);
    problems.dedup();
    Ok(problems)
}

/// Why a build found no article to publish: an empty `content/`, every file broken, or
/// only drafts.
fn nothing_to_publish(files: usize, broken: usize, drafts: usize) -> Diagnostic {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if files == 0 {
        Diagnostic::error(load::CONTENT_DIR, "there is no article to build")
            .hint("add one with `digest add URL`, or save a page or write a .md file in content/")
    } else if broken == files {
        Diagnostic::error(
            load::CONTENT_DIR,
            format!(
                "none of the {files} article file{} could be built, so there is no site to publish",
                plural(files)
            ),
        )
        .hint("fix the errors listed (run `digest check` to see them all)")
    } else {
        Diagnostic::error(
            load::CONTENT_DIR,
            format!(
                "every article is a draft ({drafts} draft{}{}), so there is no site to publish",
                plural(drafts),
                match broken {
                    0 => String::new(),
                    n => format!(", {n} file{} that could not be built", plural(n)),
                }
            ),
        )
        .hint("set `draft: false` in an article's front matter, or `drafts = true` in site.toml to publish drafts")
    }
}

/// `digest build`: the whole pipeline, once.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Vec<Diagnostic>> {
    let started = Instant::now();
    let mut timings = Vec::new();
    let mut lap = Instant::now();
    let mut stage = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, lap.elapsed()));
        lap = Instant::now();
    };

    let config = load_config(&options.root, options.base_url.as_deref())?;
    write::check_output_location(&options.root, &options.output).map_err(|d| vec![d])?;
    let toolkit = Toolkit::new().map_err(|d| vec![d])?;
    let recorded = load::addresses::Addresses::read(&options.root).map_err(|d| vec![d])?;
    stage("setup", &mut timings);

    let (files, mut problems) = load::discover_all(&options.root)?;
    // The second edition's converter is loaded while the articles are read.
    let second_script = edition::Edition::of(&config).get(1).map(|e| e.script);
    let ((articles, unreadable), ()) = rayon::join(
        || process_files(&options.root, &files, &config, &toolkit),
        || {
            if let Some(script) = second_script {
                toolkit.converter.prepare(script);
            }
        },
    );
    problems.extend(unreadable);
    diagnostic::sort(&mut problems);
    if !problems.is_empty() && !options.keep_going {
        return Err(problems);
    }
    // With --keep-going, the articles that failed are skipped and reported as warnings.
    let skipped: Vec<Diagnostic> = problems
        .into_iter()
        .map(|mut d| {
            d.severity = diagnostic::Severity::Warning;
            d.message = format!("skipped: {}", d.message);
            d
        })
        .collect();
    let skipped_files = skipped.len();
    // Undated articles are built, dated by their file, and named in a warning.
    let mut skipped = skipped;
    skipped.extend(
        articles
            .iter()
            .flat_map(|placed| check::content::extraction_notes(placed))
            .filter(|d| d.severity == diagnostic::Severity::Warning),
    );
    stage("load+extract+clean+classify", &mut timings);
    let converted_while_cleaning = toolkit.converter.time_spent();

    let total = articles.len();
    let articles: Vec<Arc<Placed>> = articles
        .into_iter()
        .filter(|a| config.drafts || !a.draft)
        .map(Arc::new)
        .collect();
    let drafts_skipped = total - articles.len();
    // An empty site would replace the published one: refuse it, whatever the flags.
    if articles.is_empty() {
        let mut problems = vec![nothing_to_publish(
            files.len(),
            skipped_files,
            drafts_skipped,
        )];
        problems.extend(skipped);
        return Err(problems);
    }
    let (site, addresses, slug_problems) = Site::assemble(articles, &config, &recorded);
    skipped.extend(slug_problems);
    skipped.extend(config.relative_base_warning());
    stage("assemble", &mut timings);

    let (pages, files) = if options.check_links {
        // Links are checked across the whole site before anything is written.
        let files = render_all(&options.root, &site, &config, &toolkit.converter)?;
        stage("render", &mut timings);
        let broken = broken_links(&files, &config);
        if !broken.is_empty() {
            return Err(broken);
        }
        stage("check links", &mut timings);
        write::write_site(&options.root, &options.output, &files).map_err(|d| vec![d])?;
        stage("write", &mut timings);
        (
            files.iter().filter(|f| f.path.ends_with(".html")).count(),
            files.len(),
        )
    } else {
        // Each file goes to the staging directory as soon as it is rendered.
        let staging = write::Staging::begin(&options.root, &options.output).map_err(|d| vec![d])?;
        let pages = std::sync::atomic::AtomicUsize::new(0);
        let files = render_all_into(
            &options.root,
            &site,
            &config,
            &toolkit.converter,
            &|file: OutputFile| {
                if file.path.ends_with(".html") {
                    pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                toolkit
                    .times
                    .time(timing::Stage::Write, || staging.put(&file))
            },
            &toolkit.times,
        )?;
        stage("render+write", &mut timings);
        staging.commit().map_err(|d| vec![d])?;
        stage("swap in", &mut timings);
        (pages.into_inner(), files)
    };
    // Recorded once the site is out, so that a failed build records nothing.
    let addresses_recorded = addresses
        .articles
        .iter()
        .filter(|(key, now)| recorded.articles.get(*key) != Some(now))
        .count();
    if addresses != recorded {
        write::record_addresses(&options.root, &addresses).map_err(|d| vec![d])?;
    }

    Ok(BuildReport {
        articles: site.articles.len(),
        addresses_recorded,
        skipped_files,
        drafts_skipped,
        pages,
        files,
        warnings: skipped,
        timings,
        stage_times: toolkit
            .times
            .split(toolkit.converter.time_spent(), converted_while_cleaning),
        elapsed: started.elapsed(),
    })
}
