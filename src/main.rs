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
        } => {
            let mut options = BuildOptions::new(root);
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

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}
