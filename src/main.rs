//! The `digest` command line. It only parses arguments, calls the library and prints.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use digest::diagnostic::Diagnostic;
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

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output directory.
    Build {
        /// The site: the directory holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: public/ under the root).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override base_url from site.toml for this build.
        #[arg(long)]
        base_url: Option<String>,
        /// Print how long each stage took.
        #[arg(long, short)]
        verbose: bool,
        /// Fail, writing nothing, if an internal link in the output is broken.
        #[arg(long)]
        check_links: bool,
    },
    /// Start a new digest in DIR.
    Init {
        dir: PathBuf,
        /// Replace files that already exist.
        #[arg(long)]
        force: bool,
        /// Where the generated GitHub workflow installs digest from.
        #[arg(long, default_value = digest::init::DEFAULT_DIGEST_GIT)]
        digest_git: String,
    },
    /// Build the site and publish it to a branch (for GitHub Pages) without touching your
    /// working tree, index or current branch.
    Publish {
        /// The site: the directory holding site.toml and content/, inside a git repository.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where the site is built (default: public/ under the root).
        #[arg(long)]
        output: Option<PathBuf>,
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
        #[arg(long)]
        no_build: bool,
        /// Override base_url from site.toml for this build.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Check a built site.
    Check {
        /// The site: the directory holding site.toml and content/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The built site to check (default: public/ under the root).
        #[arg(long)]
        output: Option<PathBuf>,
        /// The base URL the site was built for, if not site.toml's.
        #[arg(long)]
        base_url: Option<String>,
        /// Check that every internal link and asset resolves; list external links.
        #[arg(long)]
        links: bool,
    },
    /// Build the site in memory and serve it over HTTP for preview.
    Serve {
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Publish {
            root,
            output,
            remote,
            branch,
            message,
            no_build,
            base_url,
        } => {
            let output = output.unwrap_or_else(|| root.join("public"));
            if !no_build {
                let mut options = BuildOptions::new(root.clone());
                options.output = output.clone();
                options.base_url = base_url;
                options.check_links = true;
                match build(&options) {
                    Ok(report) => {
                        println!("Built {} articles, {} pages", report.articles, report.pages)
                    }
                    Err(problems) => {
                        print_diagnostics(&problems);
                        eprintln!("Not published: the build failed.");
                        return ExitCode::FAILURE;
                    }
                }
            }
            let options = digest::publish::PublishOptions {
                root,
                output,
                remote,
                branch,
                message,
            };
            match digest::publish::publish(&options) {
                Ok(digest::publish::Published::Committed { commit, files }) => {
                    println!(
                        "Published {files} files to {} on {} as {}",
                        options.branch,
                        options.remote,
                        &commit[..commit.len().min(12)]
                    );
                    ExitCode::SUCCESS
                }
                Ok(digest::publish::Published::Unchanged { commit }) => {
                    println!(
                        "Nothing to publish: {} already holds this site ({})",
                        options.branch,
                        &commit[..commit.len().min(12)]
                    );
                    ExitCode::SUCCESS
                }
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Init {
            dir,
            force,
            digest_git,
        } => match digest::init::init(&dir, force, &digest_git) {
            Ok(written) => {
                for path in &written {
                    println!("  wrote {}", path.display());
                }
                println!(
                    "New digest in {}. Next: cd {} && digest build  (or digest serve --watch)",
                    dir.display(),
                    dir.display()
                );
                if digest_git == digest::init::DEFAULT_DIGEST_GIT {
                    println!(
                        "Before publishing with GitHub Actions, set DIGEST_GIT in .github/workflows/pages.yml to where digest's source lives."
                    );
                }
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::FAILURE
            }
        },
        Command::Check {
            root,
            output,
            base_url,
            links,
        } => check(root, output, base_url, links),
        Command::Serve {
            root,
            bind,
            port,
            watch,
            open,
            base_url,
            verbose,
        } => {
            let options = digest::serve::ServeOptions {
                root,
                bind,
                port,
                watch,
                open,
                base_url,
                verbose,
            };
            match digest::serve::run(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(digest::serve::ServeError::Site(problems)) => {
                    print_diagnostics(&problems);
                    eprintln!("Cannot serve the site until these are fixed.");
                    ExitCode::FAILURE
                }
                Err(digest::serve::ServeError::Other(message)) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Build {
            root,
            output,
            base_url,
            verbose,
            check_links,
        } => {
            let mut options = BuildOptions::new(root);
            options.check_links = check_links;
            if let Some(output) = output {
                options.output = output;
            }
            options.base_url = base_url;
            match build(&options) {
                Ok(report) => {
                    print_diagnostics(&report.warnings);
                    let drafts = match report.drafts_skipped {
                        0 => String::new(),
                        n => format!(" ({n} drafts skipped)"),
                    };
                    println!(
                        "Built {} articles{drafts}, {} pages ({} files) into {} in {} ms",
                        report.articles,
                        report.pages,
                        report.files,
                        options.output.display(),
                        report.elapsed.as_millis()
                    );
                    if verbose {
                        for (stage, time) in &report.timings {
                            println!("  {stage:<30} {:>8.1} ms", time.as_secs_f64() * 1000.0);
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
                        "Build failed with {errors} error{}; {kept}.",
                        if errors == 1 { "" } else { "s" }
                    );
                    ExitCode::FAILURE
                }
            }
        }
    }
}

fn check(
    root: PathBuf,
    output: Option<PathBuf>,
    base_url: Option<String>,
    links: bool,
) -> ExitCode {
    if !links {
        eprintln!("Nothing to check: pass --links.");
        return ExitCode::FAILURE;
    }
    let config = match digest::load_config(&root, base_url.as_deref()) {
        Ok(config) => config,
        Err(problems) => {
            print_diagnostics(&problems);
            return ExitCode::FAILURE;
        }
    };
    let output = output.unwrap_or_else(|| root.join("public"));
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

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}
