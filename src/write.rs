//! Stage 7, write: puts the rendered files on disk atomically. The new site is written
//! into a temporary directory beside the output and swapped in with one rename, so a
//! failed or interrupted build always leaves the previous site complete.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::render::OutputFile;

/// Marks a directory as digest output, so digest never replaces a directory it did not make.
pub const MARKER: &str = ".digest-output";

/// Checks that `output` can be (re)placed without touching the site's own files.
pub fn check_output_location(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let root = absolute(root);
    let output_abs = absolute(output);
    let refuse = |why: &str| {
        Diagnostic::error(
            output,
            format!("refusing to use this as the output directory: {why}"),
        )
        .hint("pass --output with a directory of its own, such as public/")
    };
    if root.starts_with(&output_abs) {
        return Err(refuse("it contains the site itself"));
    }
    for own in [crate::load::CONTENT_DIR, "templates", "static"] {
        if output_abs.starts_with(root.join(own)) {
            return Err(refuse(&format!("it is inside {own}/")));
        }
    }
    if output.is_file() {
        return Err(refuse("it is a file"));
    }
    if output.is_dir() && !output.join(MARKER).exists() {
        let empty = std::fs::read_dir(output)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(refuse(
                "it holds files digest did not write (no .digest-output marker)",
            ));
        }
    }
    Ok(())
}

/// Replaces one file of the site's own (such as `addresses.toml`) atomically: the new text
/// is written beside it and renamed over it, so an interrupted write leaves the old one.
fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = path.with_file_name(format!(".{name}.digest-new"));
    std::fs::write(&temporary, bytes)
        .and_then(|()| std::fs::rename(&temporary, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            Diagnostic::error(path, format!("cannot write it: {e}"))
        })
}

/// Records `addresses` in the site's `addresses.toml`, replacing it atomically.
pub fn record_addresses(
    root: &Path,
    addresses: &crate::load::addresses::Addresses,
) -> Result<(), Diagnostic> {
    replace_file(
        &root.join(crate::load::addresses::ADDRESSES_FILE),
        addresses.to_toml().as_bytes(),
    )
}

/// Writes the site to a fresh directory and swaps it in place of `output`.
pub fn write_site(root: &Path, output: &Path, files: &[OutputFile]) -> Result<(), Diagnostic> {
    let staging = Staging::begin(root, output)?;
    files.par_iter().try_for_each(|file| staging.put(file))?;
    staging.commit()
}

/// A new site being written beside the output. Files are put in as they are rendered (so
/// a build never holds the whole site in memory); [`Staging::commit`] swaps the directory
/// in place of the output, and dropping it uncommitted removes it, leaving the previous
/// site as it was.
pub struct Staging {
    /// The staging directory; None once committed.
    dir: Option<PathBuf>,
    output: PathBuf,
    output_abs: PathBuf,
    /// The published site, whose unchanged files are linked instead of written.
    previous: Option<PathBuf>,
    /// What the published site's files held when digest wrote them, by path.
    published: std::collections::HashMap<String, Written>,
    /// What this build writes, for the next one.
    written: std::sync::Mutex<Vec<(String, Written)>>,
    /// Directories already created in the staging directory.
    dirs: std::sync::Mutex<std::collections::HashSet<PathBuf>>,
}

/// A file as digest wrote it: a 128-bit hash of its bytes, and its size and modification
/// time on disk (so a file edited in place since is not reused).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    hash: u128,
    size: u64,
    modified_ns: u128,
}

impl Written {
    fn on_disk(path: &Path, hash: u128) -> Option<Written> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        let modified_ns = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(Written {
            hash,
            size: meta.len(),
            modified_ns,
        })
    }
}

fn hash_of(bytes: &[u8]) -> u128 {
    use std::hash::Hasher;
    let mut hasher = siphasher::sip128::SipHasher13::new();
    hasher.write(bytes);
    siphasher::sip128::Hasher128::finish128(&hasher).as_u128()
}

const MARKER_TEXT: &str = "built by digest; safe to delete\n";

/// The manifest kept in the marker after its first line: `hash size mtime path` per file.
fn read_manifest(marker: &Path) -> std::collections::HashMap<String, Written> {
    let text = std::fs::read_to_string(marker).unwrap_or_default();
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let mut parts = line.splitn(4, ' ');
            let hash = u128::from_str_radix(parts.next()?, 16).ok()?;
            let size = parts.next()?.parse().ok()?;
            let modified_ns = parts.next()?.parse().ok()?;
            let path = parts.next()?.to_string();
            Some((
                path,
                Written {
                    hash,
                    size,
                    modified_ns,
                },
            ))
        })
        .collect()
}

impl Staging {
    pub fn begin(root: &Path, output: &Path) -> Result<Staging, Diagnostic> {
        check_output_location(root, output)?;
        let output_abs = absolute(output);
        let parent = output_abs.parent().unwrap_or(Path::new("/")).to_path_buf();
        std::fs::create_dir_all(&parent).map_err(|e| io("create the directory", &parent, e))?;
        remove_abandoned_staging(&parent);
        let dir = tempfile::Builder::new()
            .prefix(&format!("{STAGING_PREFIX}{}-", std::process::id()))
            .tempdir_in(&parent)
            .map_err(|e| io("create a staging directory in", &parent, e))?
            .keep();
        let marker = output_abs.join(MARKER);
        let previous = marker.is_file().then(|| output_abs.clone());
        let published = if previous.is_some() {
            read_manifest(&marker)
        } else {
            Default::default()
        };
        Ok(Staging {
            dir: Some(dir),
            output: output.to_path_buf(),
            output_abs,
            previous,
            published,
            written: Default::default(),
            dirs: Default::default(),
        })
    }

    fn dir(&self) -> &Path {
        self.dir.as_deref().unwrap_or(Path::new("."))
    }

    /// Puts one file in; safe to call from many threads.
    pub fn put(&self, file: &OutputFile) -> Result<(), Diagnostic> {
        let rel = safe_relative(&file.path).ok_or_else(|| {
            Diagnostic::error(
                &file.path,
                "internal error: an output path leaves the output directory",
            )
        })?;
        let dest = self.dir().join(&rel);
        if let Some(parent) = dest.parent() {
            let known = self
                .dirs
                .lock()
                .map(|d| d.contains(parent))
                .unwrap_or(false);
            if !known {
                std::fs::create_dir_all(parent)
                    .map_err(|e| io("create the directory", parent, e))?;
                if let Ok(mut dirs) = self.dirs.lock() {
                    dirs.insert(parent.to_path_buf());
                }
            }
        }
        // A page identical to the one already published is hard-linked from the previous
        // output instead of written: ext4 allocating thousands of fresh inodes right after
        // the previous build freed as many was most of a rebuild's time (perf:
        // `recently_deleted`, `find_inode_bit`). Files are never modified in place, so
        // sharing an inode is safe. Whether it is identical is known from the manifest the
        // last build left (hash, size, mtime), so the published file need not be read:
        // reading it back doubled the write stage's I/O.
        let hash = hash_of(&file.bytes);
        let mut linked = false;
        if let Some(previous) = &self.previous {
            let old = previous.join(&rel);
            linked = match self.published.get(&file.path) {
                Some(recorded) if recorded.hash == hash => {
                    Written::on_disk(&old, hash) == Some(*recorded)
                        && std::fs::hard_link(&old, &dest).is_ok()
                }
                Some(_) => false,
                // Written by a digest that kept no manifest: compare the bytes.
                None => reuse_unchanged(&old, &dest, &file.bytes),
            };
        }
        if !linked {
            std::fs::write(&dest, &file.bytes).map_err(|e| io("write", &dest, e))?;
        }
        if !file.path.contains('\n')
            && let Some(written) = Written::on_disk(&dest, hash)
            && let Ok(mut list) = self.written.lock()
        {
            list.push((file.path.clone(), written));
        }
        Ok(())
    }

    /// Marks the staged directory as digest's and swaps it in place of the output.
    pub fn commit(mut self) -> Result<(), Diagnostic> {
        let Some(staged) = self.dir.take() else {
            return Ok(());
        };
        let marker = staged.join(MARKER);
        let mut manifest = String::from(MARKER_TEXT);
        let mut written = self
            .written
            .lock()
            .map(|mut w| std::mem::take(&mut *w))
            .unwrap_or_default();
        written.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, w) in &written {
            manifest.push_str(&format!(
                "{:032x} {} {} {path}\n",
                w.hash, w.size, w.modified_ns
            ));
        }
        if let Err(e) = std::fs::write(&marker, manifest) {
            let _ = remove_tree(&staged);
            return Err(io("write", &marker, e));
        }
        swap_in(&staged, &self.output_abs).map_err(|e| {
            let _ = std::fs::remove_dir_all(&staged);
            io("replace the output directory", &self.output, e)
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(dir) = self.dir.take() {
            let _ = remove_tree(&dir);
        }
    }
}

fn io(what: &str, path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(path, format!("cannot {what}: {e}"))
}

const STAGING_PREFIX: &str = ".digest-staging-";

/// Removes staging directories left by builds that were killed (named with their process
/// id; a directory whose process is gone is abandoned). Only on Linux, where /proc says
/// which processes live; elsewhere they are left for the user.
fn remove_abandoned_staging(parent: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(STAGING_PREFIX)
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = remove_tree(&entry.path());
        }
    }
}

/// Hard-links `previous` to `dest` if it is a regular file holding exactly `bytes`.
fn reuse_unchanged(previous: &Path, dest: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(meta) = std::fs::symlink_metadata(previous) else {
        return false;
    };
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return false;
    }
    let mut old = Vec::with_capacity(bytes.len());
    let same = std::fs::File::open(previous)
        .and_then(|mut f| f.read_to_end(&mut old))
        .is_ok_and(|_| old == bytes);
    same && std::fs::hard_link(previous, dest).is_ok()
}

/// Replaces `output` with `staged`: an atomic exchange where the OS offers one.
fn swap_in(staged: &Path, output: &Path) -> std::io::Result<()> {
    if !output.exists() {
        return std::fs::rename(staged, output);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staged, CWD, output, RenameFlags::EXCHANGE).is_ok() {
            // `staged` now holds the previous site.
            return remove_tree(staged);
        }
    }
    let old = staged.with_extension("old");
    std::fs::rename(output, &old)?;
    std::fs::rename(staged, output)?;
    remove_tree(&old)
}

/// Removes a directory tree, its files in parallel.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.par_iter().try_for_each(std::fs::remove_file)?;
    std::fs::remove_dir_all(dir)
}

/// `a/b.html` as a relative path, or None if it is absolute or climbs out.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    let ok = !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
    ok.then(|| p.to_path_buf())
}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    // Resolve symlinks where the path exists, and `..` lexically where it does not.
    if let Ok(canonical) = joined.canonicalize() {
        return canonical;
    }
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.to_string(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn writes_then_replaces_atomically() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        write_site(dir.path(), &out, &[file("a/b.html", "one")]).expect("first build");
        assert_eq!(
            std::fs::read_to_string(out.join("a/b.html")).expect("read"),
            "one"
        );
        write_site(dir.path(), &out, &[file("c.html", "two")]).expect("second build");
        assert!(!out.join("a/b.html").exists(), "old files are gone");
        assert_eq!(
            std::fs::read_to_string(out.join("c.html")).expect("read"),
            "two"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(".digest-staging")
            })
            .collect();
        assert!(leftovers.is_empty(), "no staging directory is left behind");
    }

    /// A build that fails while putting files in (a template error after half the pages)
    /// drops its staging directory: the previous site stays, nothing is left beside it.
    #[test]
    fn an_uncommitted_staging_is_discarded() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        write_site(dir.path(), &out, &[file("a.html", "old")]).expect("first build");
        {
            let staging = Staging::begin(dir.path(), &out).expect("begin");
            staging.put(&file("a.html", "new")).expect("put");
            staging.put(&file("deep/b.html", "new")).expect("put");
        }
        assert_eq!(
            std::fs::read_to_string(out.join("a.html")).expect("read"),
            "old"
        );
        assert!(!out.join("deep").exists());
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["public".to_string()]);
    }

    /// The manifest says what digest wrote; a published file edited in place since (same
    /// size, so only its modification time tells) is written afresh, not linked.
    #[test]
    fn a_published_file_edited_in_place_is_not_reused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        write_site(dir.path(), &out, &[file("a.html", "digest")]).expect("first build");
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(out.join("a.html"), "edited").expect("edit in place");
        write_site(dir.path(), &out, &[file("a.html", "digest")]).expect("second build");
        assert_eq!(
            std::fs::read_to_string(out.join("a.html")).expect("read"),
            "digest"
        );
        let marker = std::fs::read_to_string(out.join(MARKER)).expect("marker");
        assert!(marker.starts_with(MARKER_TEXT));
        assert!(marker.lines().any(|l| l.ends_with(" a.html")), "{marker}");
    }

    #[test]
    fn unchanged_pages_are_linked_changed_ones_rewritten() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("public");
        let ino = |p: &str| std::fs::metadata(out.join(p)).expect("stat").ino();
        write_site(
            dir.path(),
            &out,
            &[file("same.html", "same"), file("edited.html", "one")],
        )
        .expect("first build");
        let (same, edited) = (ino("same.html"), ino("edited.html"));
        write_site(
            dir.path(),
            &out,
            &[file("same.html", "same"), file("edited.html", "two")],
        )
        .expect("second build");
        assert_eq!(ino("same.html"), same, "identical page reused");
        assert_ne!(ino("edited.html"), edited, "changed page written anew");
        assert_eq!(
            std::fs::read_to_string(out.join("edited.html")).expect("read"),
            "two"
        );
        // A page of the same length but other bytes is not mistaken for unchanged.
        write_site(dir.path(), &out, &[file("same.html", "SAME")]).expect("third build");
        assert_eq!(
            std::fs::read_to_string(out.join("same.html")).expect("read"),
            "SAME"
        );
    }

    #[test]
    fn refuses_foreign_or_dangerous_outputs() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mine = dir.path().join("mine");
        std::fs::create_dir(&mine).expect("mkdir");
        std::fs::write(mine.join("thesis.docx"), "precious").expect("write");
        let e = write_site(dir.path(), &mine, &[file("x.html", "x")]).unwrap_err();
        assert!(e.message.contains("did not write"), "{}", e.message);
        assert_eq!(
            std::fs::read_to_string(mine.join("thesis.docx")).expect("kept"),
            "precious"
        );

        assert!(check_output_location(dir.path(), dir.path()).is_err());
        assert!(check_output_location(dir.path(), &dir.path().join("content/out")).is_err());
    }

    #[test]
    fn output_paths_cannot_escape() {
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/x").is_none());
        assert!(safe_relative("").is_none());
        assert!(safe_relative("a/b.html").is_some());
    }
}
