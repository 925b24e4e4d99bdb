//! `digest serve`: the site built in memory, served over HTTP, rebuilt incrementally as
//! files change (`--watch`), with live reload and an error overlay in the browser.

pub mod http;
pub mod watch;
pub mod workspace;

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use http::Shared;
use workspace::Workspace;

pub const DEFAULT_PORT: u16 = 1111;

/// How long edits must pause before the search index is rebuilt.
const SEARCH_QUIET: std::time::Duration = std::time::Duration::from_millis(700);

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub watch: bool,
    pub open: bool,
    pub base_url: Option<String>,
    /// Print the time each stage of a rebuild took.
    pub verbose: bool,
}

/// Why `digest serve` could not run.
#[derive(Debug)]
pub enum ServeError {
    Site(Vec<Diagnostic>),
    Other(String),
}

/// Builds, serves and (with `--watch`) rebuilds until Ctrl-C.
pub fn run(options: &ServeOptions) -> Result<(), ServeError> {
    // While watching, the search index is built in the background from the start, so a
    // large site is served at once rather than after its index.
    let workspace = Workspace::open(&options.root, options.base_url.clone(), options.watch)
        .map_err(ServeError::Site)?;
    let base_path = workspace.config().base_path().to_string();
    let articles = workspace.article_count();
    report_problems(&workspace.problems(), true);
    let shared = Shared::new(
        http::Snapshot {
            version: 1,
            files: workspace.files().clone(),
            problems: workspace.problems(),
            search_pending: options.watch && workspace.has_search(),
        },
        base_path.clone(),
        options.watch,
        workspace.config().labels().preview_problems.to_string(),
    );

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| ServeError::Other(format!("cannot start the server runtime: {e}")))?;
    runtime.block_on(async {
        let addr = SocketAddr::new(options.bind, options.port);
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| ServeError::Other(bind_error(addr, &e)))?;
        let local = listener
            .local_addr()
            .map_err(|e| ServeError::Other(e.to_string()))?;
        let url = format!("http://{local}{base_path}");
        println!(
            "Serving {} ({} article{}) at {url}{} (Ctrl-C to stop)",
            options.root.display(),
            articles,
            plural(articles),
            if options.watch {
                ", watching for changes"
            } else {
                ""
            }
        );
        if !options.bind.is_loopback() {
            println!(
                "Note: bound to {}, reachable from other machines.",
                options.bind
            );
        }
        flush();
        if options.watch {
            start_rebuilds(&options.root, workspace, shared.clone(), options.verbose)?;
        }
        if options.open
            && let Err(e) = opener::open(&url)
        {
            eprintln!("cannot open a browser: {e}");
        }
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
            println!("\nStopping.");
            flush();
        };
        http::serve(listener, shared, shutdown)
            .await
            .map_err(|e| ServeError::Other(format!("server error: {e}")))
    })
}

fn bind_error(addr: SocketAddr, e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::AddrInUse => format!(
            "port {} on {} is already in use: stop the other server or pass --port with another number",
            addr.port(),
            addr.ip()
        ),
        std::io::ErrorKind::PermissionDenied => format!(
            "not allowed to listen on {addr}: ports below 1024 need privileges; pass --port 1111"
        ),
        _ => format!("cannot listen on {addr}: {e}"),
    }
}

/// Lowers the calling thread's priority (and that of the threads it starts): indexing for
/// search takes all cores for seconds, and must not slow the preview of the next edit.
fn background_priority() {
    #[cfg(target_os = "linux")]
    {
        // On Linux a thread's id names it for setpriority; new threads inherit the value.
        let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 19);
    }
}

/// What the rebuild thread reacts to.
enum Work {
    Changes(workspace::ChangeSet),
    /// A search index built for generation `0`.
    Search(u64, Result<Vec<crate::render::OutputFile>, String>),
}

/// Watches the site and applies each change set on a thread of its own. The search index
/// is rebuilt after content changes on yet another thread, so edits are served at once and
/// the index follows.
fn start_rebuilds(
    root: &std::path::Path,
    mut workspace: Workspace,
    shared: Arc<Shared>,
    verbose: bool,
) -> Result<(), ServeError> {
    let changes = watch::watch(root)
        .map_err(|e| ServeError::Other(format!("cannot watch {}: {e}", root.display())))?;
    let (work, inbox) = std::sync::mpsc::channel::<Work>();
    let forward = work.clone();
    std::thread::Builder::new()
        .name("digest-changes".into())
        .spawn(move || {
            while let Ok(change) = changes.recv() {
                if forward.send(Work::Changes(change)).is_err() {
                    return;
                }
            }
        })
        .map_err(|e| ServeError::Other(e.to_string()))?;
    std::thread::Builder::new()
        .name("digest-rebuild".into())
        .spawn(move || {
            let mut had_problems = !workspace.problems().is_empty();
            let mut generation = 0u64;
            let mut completed = 0u64;
            let latest_search = Arc::new(std::sync::atomic::AtomicU64::new(0));
            let spawn_search = |job: workspace::SearchJob, this: u64, quiet: bool| {
                let done = work.clone();
                let latest = latest_search.clone();
                latest.store(this, std::sync::atomic::Ordering::SeqCst);
                let _ = std::thread::Builder::new()
                    .name("digest-search".into())
                    .spawn(move || {
                        background_priority();
                        // Indexing a large site takes seconds: wait for the editor to
                        // pause, and skip the work if another change came meanwhile.
                        if quiet {
                            std::thread::sleep(SEARCH_QUIET);
                        }
                        if latest.load(std::sync::atomic::Ordering::SeqCst) == this {
                            let _ = done.send(Work::Search(this, job.run()));
                        }
                    });
            };
            if workspace.has_search() {
                generation = 1;
                spawn_search(workspace.search_job(), generation, false);
            }
            while let Ok(first) = inbox.recv() {
                let mut change = workspace::ChangeSet::default();
                let mut search = None;
                // Fold in whatever arrived while the last rebuild ran.
                for item in std::iter::once(first).chain(inbox.try_iter()) {
                    match item {
                        Work::Changes(more) => change.merge(more),
                        Work::Search(done, result) if done == generation => {
                            completed = done;
                            search = Some(result);
                        }
                        Work::Search(..) => {} // outdated: a newer index is on its way
                    }
                }
                if change.is_empty() {
                    if let Some(result) = search {
                        workspace.set_search_bundle(result);
                        shared.publish_search(workspace.files().clone(), workspace.problems());
                        if verbose {
                            println!(
                                "[{}] search index updated",
                                chrono::Local::now().format("%H:%M:%S")
                            );
                        }
                        flush();
                    }
                    continue;
                }
                // An index that finished for the current content arrived with this change:
                // take it in first (dropping it while counting it done would leave a stale
                // index served as current when the change does not touch content).
                if let Some(result) = search {
                    workspace.set_search_bundle(result);
                }
                let mut outcome = workspace.apply(&change);
                let problems = workspace.problems();
                let stale_search = workspace.has_search() && outcome.content;
                if stale_search {
                    generation += 1;
                }
                // Pending until the indexer has caught up with the latest content change.
                let search_pending = generation > completed;
                let publishing = std::time::Instant::now();
                shared.publish(workspace.files().clone(), problems.clone(), search_pending);
                outcome.stages.push(("publish", publishing.elapsed()));
                outcome.elapsed += publishing.elapsed();
                if stale_search {
                    spawn_search(workspace.search_job(), generation, true);
                }
                println!(
                    "[{}] {} changed: {} article{} re-read, {} page{} rendered{} in {:.1} ms",
                    chrono::Local::now().format("%H:%M:%S"),
                    outcome.what,
                    outcome.articles_read,
                    plural(outcome.articles_read),
                    outcome.pages_rendered,
                    plural(outcome.pages_rendered),
                    match outcome.files_removed {
                        0 => String::new(),
                        n => format!(", {n} removed"),
                    },
                    outcome.elapsed.as_secs_f64() * 1000.0
                );
                if verbose {
                    for (stage, time) in &outcome.stages {
                        println!("  {stage:<12} {:>7.1} ms", time.as_secs_f64() * 1000.0);
                    }
                }
                if problems.is_empty() {
                    if had_problems {
                        println!("All problems fixed.");
                    }
                } else {
                    report_problems(&problems, false);
                }
                had_problems = !problems.is_empty();
                flush();
            }
        })
        .map_err(|e| ServeError::Other(e.to_string()))?;
    Ok(())
}

/// Prints the problems and what is served meanwhile: at the start, the site without the
/// files that failed (there is no earlier version of them); later, each failing file's
/// last good version.
fn report_problems(problems: &[Diagnostic], at_start: bool) {
    for d in problems {
        eprintln!("{d}");
    }
    if !problems.is_empty() {
        eprintln!(
            "{} problem{}; {}",
            problems.len(),
            plural(problems.len()),
            if at_start {
                "the site is served without the files that failed."
            } else {
                "a file that fails is served as it last built (or left out if it never did)."
            }
        );
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn flush() {
    use std::io::Write;
    let _ = std::io::stdout().flush();
}
