//! Stage 1, load: finds the article files under `content/`, decodes their bytes to text
//! (whatever the encoding) and recognises their format by content, not by extension.
//!
//! Takes: the site root. Gives: one [`RawDocument`] per file, or a [`Diagnostic`] per
//! file that could not be read.

mod encoding;

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

pub use encoding::decode;

pub const CONTENT_DIR: &str = "content";

/// How an article file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// YAML front matter between `---` lines over a Markdown or HTML body
    /// (Sina/Hexo exports and hand-written articles).
    FrontMatter,
    /// A page scraped to plain text: chrome lines (breadcrumbs, metadata, footers) around
    /// paragraphs, one per line.
    ScrapedPage,
}

#[derive(Debug, Clone)]
pub struct RawDocument {
    /// Path relative to the site root, e.g. `content/000_x.txt`.
    pub input: PathBuf,
    pub text: String,
    /// Name of the detected encoding (`UTF-8`, `GBK`, `Big5`, …).
    pub encoding: &'static str,
    pub format: Format,
}

/// Lists the article files under `root/content`, sorted, skipping hidden files and the
/// temporary and backup files editors leave behind.
pub fn discover(root: &Path) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let (files, problems) = discover_all(root)?;
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// Like [`discover`], but returns the entries that could not be read beside the files, so a
/// build can report them together with every other problem. Fails only without `content/`.
pub fn discover_all(root: &Path) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        return Err(vec![
            Diagnostic::error(CONTENT_DIR, "the content directory does not exist").hint(format!(
                "create {} and put article files in it",
                content.display()
            )),
        ]);
    }
    let mut files = Vec::new();
    // Symbolic links are followed only where they stay inside content/: a link to the site
    // root would read the built site back in, and a link to /etc would publish it.
    let inside = content.canonicalize().unwrap_or_else(|_| content.clone());
    let escaping = std::cell::RefCell::new(Vec::new());
    let walker = walkdir::WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && is_ignored_name(&e.file_name().to_string_lossy()) {
                return false;
            }
            if e.path_is_symlink()
                && let Ok(target) = e.path().canonicalize()
                && !target.starts_with(&inside)
            {
                let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                escaping.borrow_mut().push(
                    Diagnostic::error(
                        rel,
                        format!(
                            "is a symbolic link out of content/ (to {})",
                            target.display()
                        ),
                    )
                    .hint("copy the file into content/ instead of linking to it"),
                );
                return false;
            }
            true
        });
    let mut problems = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let rel = entry
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                files.push(rel);
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
                    .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
                let dangling = std::fs::symlink_metadata(root.join(&path))
                    .is_ok_and(|m| m.file_type().is_symlink())
                    && !root.join(&path).exists();
                let (why, hint) = if e.loop_ancestor().is_some() {
                    (
                        "a symbolic link loop".to_string(),
                        "a symbolic link points back to one of its parent directories; remove it",
                    )
                } else if dangling {
                    (
                        "a symbolic link to nothing (or a link loop)".to_string(),
                        "remove the link or point it at an existing file",
                    )
                } else {
                    let os = e
                        .io_error()
                        .map(ToString::to_string)
                        .unwrap_or_else(|| e.to_string());
                    (os, "check that the file exists and is readable")
                };
                problems.push(Diagnostic::error(path, format!("cannot read: {why}")).hint(hint));
            }
        }
    }
    problems.extend(escaping.into_inner());
    Ok((files, problems))
}

/// Hidden files, editor swap/backup files and temporary files are never articles.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.ends_with(".orig")
        || name.ends_with(".part")
        || name.ends_with(".crdownload")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        // Vim probes whether a directory is writable with a file named 4913.
        || name == "4913"
}

/// Reads and decodes one article file.
pub fn load(root: &Path, input: &Path) -> Result<RawDocument, Diagnostic> {
    let bytes = std::fs::read(root.join(input))
        .map_err(|e| Diagnostic::error(input, format!("cannot read: {e}")))?;
    from_bytes(input, &bytes)
}

/// Decodes one article file's bytes.
pub fn from_bytes(input: &Path, bytes: &[u8]) -> Result<RawDocument, Diagnostic> {
    let decoded = decode(bytes).map_err(|message| {
        Diagnostic::error(input, message).hint("articles must be text (UTF-8, GBK/GB18030 or Big5)")
    })?;
    let format = sniff(&decoded.text);
    Ok(RawDocument {
        input: input.to_path_buf(),
        text: decoded.text,
        encoding: decoded.encoding,
        format,
    })
}

/// Recognises the format from the first non-blank line.
pub fn sniff(text: &str) -> Format {
    match text.lines().find(|l| !l.trim().is_empty()) {
        Some(first) if first.trim_end() == "---" => Format::FrontMatter,
        _ => Format::ScrapedPage,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_front_matter_after_blank_lines() {
        assert_eq!(sniff("\n\n---\ntitle: x\n---\nbody"), Format::FrontMatter);
        assert_eq!(sniff("當前位置: 首頁\n---\n"), Format::ScrapedPage);
        assert_eq!(sniff(""), Format::ScrapedPage);
    }

    #[test]
    fn ignores_editor_files() {
        for name in [".x.md.swp", "x.md~", "#x.md#", ".hidden", "4913.tmp"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("000_11adc87f09ca0c06.txt"));
    }
}
