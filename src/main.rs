//! The `digest` command line. It only parses arguments, calls the library and prints.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use digest::diagnostic::Diagnostic;
use digest::publish::{PublishOptions, Published};
use digest::serve::{ServeError, ServeOptions};
use digest::{BuildOptions, build};

#[derive(Parser)]
#[command(
    name = "digest",
    version,
    about = "Build a region-by-region digest of Chinese IP-policy news"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the site and its output are.
#[derive(Args)]
struct SiteArgs {
    /// The site: the directory holding site.toml and content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The built site (default: public/ under the root).
    #[arg(long)]
    output: Option<PathBuf>,
    /// Override base_url from site.toml.
    #[arg(long)]
    base_url: Option<String>,
}

impl SiteArgs {
    fn output(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }

    fn build_options(&self, check_links: bool) -> BuildOptions {
        let mut options = BuildOptions::new(self.root.clone());
        options.output = self.output();
        options.base_url = self.base_url.clone();
        options.check_links = check_links;
        options
    }
}

/// `digest serve`'s options.
#[derive(Args)]
struct ServeArgs {
    /// The site: the directory holding site.toml and content/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Address to listen on; other than loopback only when asked.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = digest::serve::DEFAULT_PORT)]
    port: u16,
    /// Rebuild as files change, and reload open pages.
    #[arg(long)]
    watch: bool,
    /// Open the site in a browser.
    #[arg(long)]
    open: bool,
    /// Override base_url from site.toml.
    #[arg(long)]
    base_url: Option<String>,
    /// Print how long each stage of a rebuild took.
    #[arg(long, short)]
    verbose: bool,
}

impl From<ServeArgs> for ServeOptions {
    fn from(args: ServeArgs) -> Self {
        ServeOptions {
            root: args.root,
            bind: args.bind,
            port: args.port,
            watch: args.watch,
            open: args.open,
            base_url: args.base_url,
            verbose: args.verbose,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output directory.
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Print how long each stage took.
        #[arg(long, short)]
        verbose: bool,
        /// Fail, writing nothing, if an internal link in the output is broken.
        #[arg(long)]
        check_links: bool,
        /// Build everything else when some articles are broken, listing what was skipped.
        #[arg(long)]
        keep_going: bool,
    },
    /// Lint the content without writing a site (or, with --links, check a built site).
    Check {
        /// The site: the directory holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Check the built output instead: every internal link and asset resolves; list
        /// external links.
        #[arg(long)]
        links: bool,
        /// The built site to check (with --links; default: public/ under the root).
        #[arg(long, requires = "links")]
        output: Option<PathBuf>,
        /// Override base_url from site.toml (with --links).
        #[arg(long, requires = "links")]
        base_url: Option<String>,
        /// How to print the problems (not with --links).
        #[arg(long, value_enum, default_value = "human", conflicts_with = "links")]
        format: Format,
        /// Fail on warnings too, not only on errors (not with --links).
        #[arg(long, conflicts_with = "links")]
        deny_warnings: bool,
        /// Print at most N findings of each kind (the summary counts them all).
        #[arg(long, value_name = "N", conflicts_with = "links")]
        limit: Option<usize>,
    },
    /// Add articles to content/: pages by their address, pages saved in a browser, or the
    /// new items of a feed. Prints what was read from each, so you see at once if it worked.
    Add {
        /// The site: the directory holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Web addresses (http:// or https://) or saved files.
        #[arg(value_name = "URL_OR_FILE", required_unless_present = "feed")]
        inputs: Vec<String>,
        /// Add the items of this RSS or Atom feed that are not in content/ yet.
        #[arg(long, value_name = "URL", conflicts_with = "inputs")]
        feed: Option<String>,
        /// Give up on a server that has not answered in this many seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 30)]
        timeout: u64,
        /// Refuse pages larger than this many megabytes.
        #[arg(long, value_name = "MB", default_value_t = 20)]
        max_size: u64,
    },
    /// Show what digest reads from one file and why: each field and where it came from,
    /// the regions and their evidence, what cleaning removed, the warnings.
    Inspect {
        /// The article file (in content/, or a page not added yet).
        file: PathBuf,
        /// The site: the directory holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print the report.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Build the site in memory and serve it over HTTP for preview.
    Serve(ServeArgs),
    /// Start a new digest in DIR.
    Init {
        dir: PathBuf,
        /// Replace files that already exist.
        #[arg(long)]
        force: bool,
        /// Where the generated GitHub workflow installs digest from.
        #[arg(long, default_value = digest::init::DEFAULT_DIGEST_GIT)]
        digest_git: String,
        /// The revision of digest the workflow installs (a commit or tag): changing it is
        /// how the published site moves to a newer digest.
        #[arg(long, default_value = digest::init::DEFAULT_DIGEST_REV)]
        digest_rev: String,
    },
    /// Build the site and publish it to a branch (for GitHub Pages) without touching your
    /// working tree, index or current branch. The site must be inside a git repository.
    Publish {
        #[command(flatten)]
        site: SiteArgs,
        /// The remote to push to: a name or a URL.
        #[arg(long, default_value = "origin")]
        remote: String,
        /// The branch that holds the published site.
        #[arg(long, default_value = "gh-pages")]
        branch: String,
        /// The commit message.
        #[arg(long)]
        message: Option<String>,
        /// Publish the existing output as it is, without building.
        #[arg(long, conflicts_with = "base_url")]
        no_build: bool,
        /// Publish even though base_url is only a path (feeds, the sitemap and canonical
        /// links will not hold whole addresses).
        #[arg(long)]
        allow_relative_base_url: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Human,
    Json,
}

/// "1 error", "2 errors".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `digest check`: lints the content; the exit code says whether errors (or, with
/// `--deny-warnings`, warnings) were found. At most `limit` findings of each kind are
/// printed; the summary counts them all.
fn check_content(
    root: &std::path::Path,
    format: Format,
    deny_warnings: bool,
    limit: Option<usize>,
) -> ExitCode {
    use digest::diagnostic::Severity;
    use std::collections::BTreeMap;
    let problems = match digest::check_content(root) {
        Ok(problems) => problems,
        Err(fatal) => {
            print_diagnostics(&fatal);
            return ExitCode::FAILURE;
        }
    };
    let of = |s: Severity| problems.iter().filter(|d| d.severity == s).count();
    let (errors, warnings, notes) = (
        of(Severity::Error),
        of(Severity::Warning),
        of(Severity::Note),
    );
    // (kind, severity) → how many.
    let mut by_kind: BTreeMap<(&str, Severity), usize> = BTreeMap::new();
    let mut shown = Vec::new();
    for d in &problems {
        let seen = by_kind.entry((d.kind_label(), d.severity)).or_default();
        *seen += 1;
        if limit.is_none_or(|limit| *seen <= limit) {
            shown.push(d);
        }
    }
    let hidden = problems.len() - shown.len();
    let totals = format!(
        "{}, {}, {}.",
        count(errors, "error", "errors"),
        count(warnings, "warning", "warnings"),
        count(notes, "note", "notes")
    );
    match format {
        Format::Human => {
            use std::io::Write;
            // Ignore a closed pipe (`digest check | head`).
            let mut out = std::io::stdout().lock();
            for d in &shown {
                let _ = writeln!(out, "{d}");
            }
            if by_kind.len() > 1 || hidden > 0 {
                let _ = writeln!(out, "\nBy kind:");
                for ((kind, severity), n) in &by_kind {
                    let _ = writeln!(out, "  {n:>6} {:<7} {kind}", severity.label());
                }
            }
            if hidden > 0 {
                let _ = writeln!(
                    out,
                    "{} not shown (--limit {}).",
                    count(hidden, "finding", "findings"),
                    limit.unwrap_or(0)
                );
            }
            let _ = writeln!(out, "{totals}");
        }
        Format::Json => {
            let json = serde_json::json!({
                "errors": errors,
                "warnings": warnings,
                "notes": notes,
                "by_kind": by_kind
                    .iter()
                    .map(|((kind, severity), n)| serde_json::json!({
                        "kind": kind, "severity": severity.label(), "count": n
                    }))
                    .collect::<Vec<_>>(),
                "not_shown": hidden,
                "problems": shown.iter().map(|d| d.to_json()).collect::<Vec<_>>(),
            });
            println!("{json:#}");
        }
    }
    if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            site,
            verbose,
            check_links,
            keep_going,
        } => {
            let mut options = site.build_options(check_links);
            options.keep_going = keep_going;
            run_build(&options, verbose)
        }
        Command::Check {
            root,
            links: true,
            output,
            base_url,
            ..
        } => check(&SiteArgs {
            root,
            output,
            base_url,
        }),
        Command::Check {
            root,
            format,
            deny_warnings,
            limit,
            ..
        } => check_content(&root, format, deny_warnings, limit),
        Command::Serve(args) => serve(&args.into()),
        Command::Inspect { file, root, format } => inspect(&root, &file, format),
        Command::Add {
            root,
            inputs,
            feed,
            timeout,
            max_size,
        } => add(
            &digest::add::AddOptions {
                root,
                timeout: std::time::Duration::from_secs(timeout.max(1)),
                max_bytes: max_size.saturating_mul(1_000_000),
            },
            &inputs,
            feed.as_deref(),
        ),
        Command::Init {
            dir,
            force,
            digest_git,
            digest_rev,
        } => init(
            &dir,
            force,
            &digest::init::DigestSource {
                git: digest_git,
                rev: digest_rev,
            },
        ),
        Command::Publish {
            site,
            remote,
            branch,
            message,
            no_build,
            allow_relative_base_url,
        } => {
            let config = match digest::load_config(&site.root, site.base_url.as_deref()) {
                Ok(config) => config,
                Err(problems) => {
                    print_diagnostics(&problems);
                    return ExitCode::FAILURE;
                }
            };
            if !allow_relative_base_url && let Some(warning) = config.relative_base_warning() {
                let mut refusal = warning;
                refusal.severity = digest::diagnostic::Severity::Error;
                eprintln!("{refusal}");
                eprintln!(
                    "Not published: set base_url (or pass --base-url), or pass --allow-relative-base-url to publish anyway."
                );
                return ExitCode::FAILURE;
            }
            if !no_build && run_build(&site.build_options(true), false) != ExitCode::SUCCESS {
                eprintln!("Not published: the build failed.");
                return ExitCode::FAILURE;
            }
            publish(&PublishOptions {
                root: site.root.clone(),
                output: site.output(),
                remote,
                branch,
                message,
            })
        }
    }
}

fn run_build(options: &BuildOptions, verbose: bool) -> ExitCode {
    match build(options) {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            let drafts = match report.drafts_skipped {
                0 => String::new(),
                n => format!(" ({} skipped)", count(n, "draft", "drafts")),
            };
            if report.skipped_files > 0 {
                eprintln!(
                    "{} skipped (--keep-going).",
                    count(report.skipped_files, "article file", "article files")
                );
            }
            println!(
                "Built {}{drafts}, {} ({}) into {} in {} ms",
                count(report.articles, "article", "articles"),
                count(report.pages, "page", "pages"),
                count(report.files, "file", "files"),
                options.output.display(),
                report.elapsed.as_millis()
            );
            if report.addresses_recorded > 0 {
                println!(
                    "Recorded the address of {} in {}: commit it, so that addresses stay when headlines change.",
                    count(report.addresses_recorded, "article", "articles"),
                    digest::load::addresses::ADDRESSES_FILE
                );
            }
            if verbose {
                for (stage, time) in &report.timings {
                    println!("  {stage:<30} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                }
                println!("  time per stage, summed over threads:");
                for (stage, time) in &report.stage_times {
                    println!("    {stage:<28} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                }
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_diagnostics(&problems);
            let errors = problems.iter().filter(|d| d.is_error()).count();
            let kept = if options.output.exists() {
                "the previous output was left untouched"
            } else {
                "nothing was written"
            };
            eprintln!(
                "Build failed with {}; {kept}.",
                count(errors, "error", "errors")
            );
            ExitCode::FAILURE
        }
    }
}

fn check(site: &SiteArgs) -> ExitCode {
    let config = match digest::load_config(&site.root, site.base_url.as_deref()) {
        Ok(config) => config,
        Err(problems) => {
            print_diagnostics(&problems);
            return ExitCode::FAILURE;
        }
    };
    print_diagnostics(
        &config
            .relative_base_warning()
            .into_iter()
            .collect::<Vec<_>>(),
    );
    let output = site.output();
    if !output.is_dir() {
        eprintln!(
            "{}: error: there is no built site here\n  hint: run `digest build` first",
            output.display()
        );
        return ExitCode::FAILURE;
    }
    let report = match digest::check::links::check(&output, &config) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("{}: error: cannot read the site: {e}", output.display());
            return ExitCode::FAILURE;
        }
    };
    if !report.external.is_empty() {
        println!("External links (not fetched):");
        for (url, count) in &report.external {
            println!("  {url} ({count})");
        }
    }
    print_diagnostics(&digest::link_diagnostics(&report));
    println!(
        "Checked {} links on {} pages: {} broken, {} external.",
        report.links,
        report.pages,
        report.broken.len(),
        report.external.len()
    );
    if report.broken.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn serve(options: &ServeOptions) -> ExitCode {
    match digest::serve::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(ServeError::Site(problems)) => {
            print_diagnostics(&problems);
            eprintln!("Cannot serve the site until these are fixed.");
            ExitCode::FAILURE
        }
        Err(ServeError::Other(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init(dir: &std::path::Path, force: bool, source: &digest::init::DigestSource) -> ExitCode {
    match digest::init::init(dir, force, source) {
        Ok(done) => {
            for path in &done.written {
                println!("  wrote {}", path.display());
            }
            match &done.pages_address {
                Some(address) => println!(
                    "base_url is {address}, the GitHub Pages address of this clone's origin."
                ),
                None => println!(
                    "base_url is \"/\": set it in site.toml to where the site will be published (feeds, the sitemap and canonical links need the whole address)."
                ),
            }
            println!(
                "New digest in {0}. Next: cd {0} && digest build  (or digest serve --watch)",
                dir.display()
            );
            if source.git.contains("your-org") {
                println!(
                    "Before publishing with GitHub Actions, set DIGEST_GIT in .github/workflows/pages.yml to where digest's source lives (or run init with --digest-git URL)."
                );
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `digest inspect`: the report on one file.
fn inspect(root: &std::path::Path, file: &std::path::Path, format: Format) -> ExitCode {
    let report = match digest::inspect::inspect(root, file) {
        Ok(report) => report,
        Err(problems) => {
            print_diagnostics(&problems);
            eprintln!("{} cannot be built as an article.", file.display());
            return ExitCode::FAILURE;
        }
    };
    match format {
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
        Format::Human => {
            let config = digest::load_config(root, None).ok();
            let name = |id: &str| {
                config
                    .as_ref()
                    .and_then(|c| c.region(id))
                    .map_or(id.to_string(), |r| r.name.clone())
            };
            print!("{}", digest::inspect::to_text(&report, &name));
        }
    }
    ExitCode::SUCCESS
}

/// `digest add`: each input in turn, then a one-line summary.
fn add(options: &digest::add::AddOptions, inputs: &[String], feed: Option<&str>) -> ExitCode {
    use digest::add::{Adder, Outcome};
    let mut adder = match Adder::open(options) {
        Ok(adder) => adder,
        Err(problems) => {
            print_diagnostics(&problems);
            return ExitCode::FAILURE;
        }
    };
    let mut outcomes = Vec::new();
    if let Some(feed) = feed {
        match adder.add_feed(feed) {
            Ok(found) => {
                println!(
                    "{}",
                    count(found.len(), "item in the feed", "items in the feed")
                );
                outcomes = found;
            }
            Err(problem) => {
                print_diagnostics(&[problem]);
                return ExitCode::FAILURE;
            }
        }
    }
    for input in inputs {
        let outcome = if input.starts_with("http://") || input.starts_with("https://") {
            adder.add_url(input)
        } else {
            adder.add_file(std::path::Path::new(input))
        };
        outcomes.push(outcome);
    }
    let (mut added, mut there, mut failed) = (0, 0, 0);
    for outcome in &outcomes {
        match outcome {
            Outcome::Added {
                from,
                file,
                article,
                notes,
            } => {
                added += 1;
                println!("Added {} (from {from})", file.display());
                print_article(adder.config(), article);
                print_diagnostics(notes);
            }
            Outcome::AlreadyThere { from, existing } => {
                there += 1;
                println!(
                    "Already in {}: {from} (not added again)",
                    existing.display()
                );
            }
            Outcome::Failed { problem, .. } => {
                failed += 1;
                print_diagnostics(std::slice::from_ref(problem));
            }
        }
    }
    println!(
        "{} added, {} already there, {} failed.",
        count(added, "article", "articles"),
        there,
        failed
    );
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// What digest read from an article, one field a line.
fn print_article(config: &digest::config::SiteConfig, article: &digest::article::Placed) {
    let date = match article.published.time {
        Some(time) => format!("{} {}", article.published.date, time.format("%H:%M")),
        None => article.published.date.to_string(),
    };
    let regions: Vec<&str> = article
        .regions
        .iter()
        .map(|id| config.region(id).map_or(id.as_str(), |r| r.name.as_str()))
        .collect();
    let none = "(none found)";
    println!("  headline  {}", article.title);
    println!(
        "  date      {date} (from {})",
        article.date_source.describe()
    );
    println!("  regions   {}", regions.join(", "));
    println!("  source    {}", article.source.as_deref().unwrap_or(none));
    println!(
        "  original  {}",
        article.source_url.as_deref().unwrap_or(none)
    );
    println!(
        "  body      {} characters in {} paragraphs",
        article.text_length(),
        article.paragraphs.len()
    );
}

fn publish(options: &PublishOptions) -> ExitCode {
    let short = |commit: &str| commit[..commit.len().min(12)].to_string();
    match digest::publish::publish(options) {
        Ok(Published::Committed { commit, files }) => {
            println!(
                "Published {files} files to {} on {} as {}",
                options.branch,
                options.remote,
                short(&commit)
            );
            ExitCode::SUCCESS
        }
        Ok(Published::Unchanged { commit }) => {
            println!(
                "Nothing to publish: {} already holds this site ({})",
                options.branch,
                short(&commit)
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Prints each problem to stderr; on GitHub Actions also as a workflow command, so that
/// the run's page shows it on its file and line.
fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let on_github = std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true");
    for d in diagnostics {
        eprintln!("{d}");
        if on_github {
            println!("{}", d.to_github_annotation());
        }
    }
}
