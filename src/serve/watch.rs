//! Watching the site's files with notify: events are debounced into one [`ChangeSet`] per
//! burst (an editor's save is often several events: write a temporary file, rename it over
//! the original, touch metadata), and editor swap, backup and temporary files are ignored.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use super::workspace::ChangeSet;
use crate::config::CONFIG_FILE;
use crate::config::register::POLICIES_FILE;
use crate::load::{self, CONTENT_DIR};
use crate::render::theme::{STATIC_DIR, TEMPLATES_DIR};

/// Quiet time that ends a burst of events.
const QUIET: Duration = Duration::from_millis(10);
/// Longest a burst is collected before it is handed on anyway.
const MAX_BURST: Duration = Duration::from_millis(250);

/// Starts watching `root`; change sets arrive on the returned channel. The watcher lives
/// in its own thread until the receiver is dropped.
pub fn watch(root: &Path) -> notify::Result<Receiver<ChangeSet>> {
    let root = root.canonicalize()?;
    let (raw_tx, raw_rx) = channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(raw_tx)?;
    // The root itself, not recursively: site.toml and the creation of watched folders.
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    for dir in [CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    let (tx, rx) = channel();
    std::thread::Builder::new()
        .name("digest-watch".into())
        .spawn(move || debounce_loop(watcher, &root, &raw_rx, &tx))?;
    Ok(rx)
}

fn debounce_loop(
    mut watcher: notify::RecommendedWatcher,
    root: &Path,
    raw: &Receiver<notify::Result<notify::Event>>,
    out: &Sender<ChangeSet>,
) {
    while let Ok(first) = raw.recv() {
        let mut changes = ChangeSet::default();
        let started = Instant::now();
        let mut next = Some(first);
        while let Some(event) = next.take() {
            if let Ok(event) = event {
                classify_event(&event, root, &mut changes, &mut watcher);
            }
            let left = MAX_BURST.saturating_sub(started.elapsed());
            match raw.recv_timeout(QUIET.min(left)) {
                Ok(e) => next = Some(e),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if !changes.is_empty() && out.send(changes).is_err() {
            return;
        }
    }
}

fn classify_event(
    event: &notify::Event,
    root: &Path,
    changes: &mut ChangeSet,
    watcher: &mut notify::RecommendedWatcher,
) {
    if matches!(event.kind, EventKind::Access(_)) {
        return;
    }
    for path in &event.paths {
        let Some(change) = classify_path(root, path) else {
            continue;
        };
        // A watched folder created after start: watch it from now on.
        if let Some(dir) = change.new_folder(root, path) {
            let _ = watcher.watch(&dir, RecursiveMode::Recursive);
        }
        changes.merge(change.into_set(path.is_dir()));
    }
}

/// What a changed path means to the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathChange {
    Config,
    Content(PathBuf),
    /// A `.digestignore` in content/.
    IgnoreRules,
    Template,
    Static,
}

impl PathChange {
    fn into_set(self, is_dir: bool) -> ChangeSet {
        let mut set = ChangeSet::default();
        match self {
            PathChange::Config => set.config = true,
            PathChange::Content(_) if is_dir => set.rescan_content = true,
            PathChange::IgnoreRules => set.rescan_content = true,
            PathChange::Content(rel) => {
                set.content.insert(rel);
            }
            PathChange::Template => set.templates = true,
            PathChange::Static => set.statics = true,
        }
        set
    }

    fn new_folder(&self, root: &Path, path: &Path) -> Option<PathBuf> {
        let top = match self {
            PathChange::Content(_) => CONTENT_DIR,
            PathChange::Template => TEMPLATES_DIR,
            PathChange::Static => STATIC_DIR,
            PathChange::Config | PathChange::IgnoreRules => return None,
        };
        (path == root.join(top) && path.is_dir()).then(|| path.to_path_buf())
    }
}

/// Maps an absolute path under `root` to what it changes; None for files digest ignores.
pub fn classify_path(root: &Path, path: &Path) -> Option<PathChange> {
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = rel.components();
    let first = match parts.next()? {
        Component::Normal(first) => first.to_string_lossy().into_owned(),
        _ => return None,
    };
    // A folder's list of non-articles changed: which files are articles may have too.
    if first == CONTENT_DIR && rel.file_name().is_some_and(|n| n == load::IGNORE_FILE) {
        return Some(PathChange::IgnoreRules);
    }
    if rel
        .components()
        .any(|c| load::is_ignored_name(&c.as_os_str().to_string_lossy()))
    {
        return None;
    }
    match first.as_str() {
        // The policy register is read with the settings, and rebuilds like them.
        CONFIG_FILE | POLICIES_FILE if parts.next().is_none() => Some(PathChange::Config),
        CONTENT_DIR => {
            // The content folder itself (created, removed or moved): rescan.
            Some(PathChange::Content(rel.to_path_buf()))
        }
        TEMPLATES_DIR => Some(PathChange::Template),
        STATIC_DIR => Some(PathChange::Static),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_changes() {
        let root = Path::new("/site");
        assert_eq!(
            classify_path(root, Path::new("/site/site.toml")),
            Some(PathChange::Config)
        );
        assert_eq!(
            classify_path(root, Path::new("/site/content/a.md")),
            Some(PathChange::Content(PathBuf::from("content/a.md")))
        );
        assert_eq!(
            classify_path(root, Path::new("/site/templates/base.html")),
            Some(PathChange::Template)
        );
        assert_eq!(
            classify_path(root, Path::new("/site/static/x.css")),
            Some(PathChange::Static)
        );
        assert_eq!(
            classify_path(root, Path::new("/site/policies.toml")),
            Some(PathChange::Config)
        );
        for ignored in [
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/content/#a.md#",
            "/site/content/4913",
            "/site/public/index.html",
            "/site/README.md",
            "/elsewhere/x",
        ] {
            assert_eq!(classify_path(root, Path::new(ignored)), None, "{ignored}");
        }
    }
}
