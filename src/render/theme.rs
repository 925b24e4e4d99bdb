//! The built-in theme (the files under `templates/` and `static/` of this repository,
//! embedded in the binary) and the site's overrides of it.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

pub const TEMPLATES_DIR: &str = "templates";
pub const STATIC_DIR: &str = "static";

/// Built-in templates, by name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    (
        "timeline.html",
        include_str!("../../templates/timeline.html"),
    ),
    ("article.html", include_str!("../../templates/article.html")),
    ("404.html", include_str!("../../templates/404.html")),
    (
        "policies.html",
        include_str!("../../templates/policies.html"),
    ),
    ("policy.html", include_str!("../../templates/policy.html")),
    ("compare.html", include_str!("../../templates/compare.html")),
    ("feeds.html", include_str!("../../templates/feeds.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("terms.html", include_str!("../../templates/terms.html")),
    ("term.html", include_str!("../../templates/term.html")),
    ("archive.html", include_str!("../../templates/archive.html")),
    ("year.html", include_str!("../../templates/year.html")),
    (
        "partials/entry.html",
        include_str!("../../templates/partials/entry.html"),
    ),
    (
        "partials/year-pages.html",
        include_str!("../../templates/partials/year-pages.html"),
    ),
    (
        "partials/view-toggle.html",
        include_str!("../../templates/partials/view-toggle.html"),
    ),
];

/// Built-in static assets, by output path.
pub const ASSETS: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("syntax.css", include_bytes!("../../static/syntax.css")),
    ("search.js", include_bytes!("../../static/search.js")),
    ("cite.js", include_bytes!("../../static/cite.js")),
    ("feed.xsl", include_bytes!("../../static/feed.xsl")),
];

/// A template: its name and source, and the file it came from (None when built in).
pub struct TemplateSource {
    pub name: String,
    pub text: String,
    pub file: Option<PathBuf>,
}

/// The templates to use: built-in ones, replaced or extended by the site's own.
pub fn templates(root: &Path) -> Result<Vec<TemplateSource>, Vec<Diagnostic>> {
    let mut sources: Vec<TemplateSource> = TEMPLATES
        .iter()
        .map(|(name, text)| TemplateSource {
            name: name.to_string(),
            text: text.to_string(),
            file: None,
        })
        .collect();
    let mut problems = Vec::new();
    for (name, rel) in site_files(root, TEMPLATES_DIR, &mut problems) {
        match std::fs::read_to_string(root.join(&rel)) {
            Ok(text) => {
                sources.retain(|s| s.name != name);
                sources.push(TemplateSource {
                    name,
                    text,
                    file: Some(rel),
                });
            }
            Err(e) => problems.push(Diagnostic::error(
                &rel,
                format!("cannot read template: {e}"),
            )),
        }
    }
    if problems.is_empty() {
        Ok(sources)
    } else {
        Err(problems)
    }
}

/// Static assets: built-in ones, replaced or extended by the files under `static/`.
pub fn assets(root: &Path) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let mut files: Vec<(String, Vec<u8>)> = ASSETS
        .iter()
        .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
        .collect();
    let mut problems = Vec::new();
    for (name, rel) in site_files(root, STATIC_DIR, &mut problems) {
        match std::fs::read(root.join(&rel)) {
            Ok(bytes) => {
                files.retain(|(n, _)| *n != name);
                files.push((name, bytes));
            }
            Err(e) => problems.push(Diagnostic::error(&rel, format!("cannot read: {e}"))),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// Files under `root/dir`, as (name relative to dir with '/' separators, path relative to
/// root). Hidden and editor temporary files are skipped.
fn site_files(root: &Path, dir: &str, problems: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker = walkdir::WalkDir::new(&base)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !crate::load::is_ignored_name(&e.file_name().to_string_lossy())
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let Ok(name) = entry.path().strip_prefix(&base) else {
                    continue;
                };
                let name = name
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                let rel = Path::new(dir).join(&name);
                // Never publish what a symbolic link pulls in from outside the site.
                match entry.path().canonicalize() {
                    Ok(real) if real.starts_with(&real_root) => out.push((name, rel)),
                    Ok(real) => problems.push(
                        Diagnostic::error(
                            &rel,
                            format!(
                                "links to {}, outside the site; refusing to publish it",
                                real.display()
                            ),
                        )
                        .hint("copy the file into the site instead of linking to it"),
                    ),
                    Err(e) => problems.push(Diagnostic::error(&rel, format!("cannot read: {e}"))),
                }
            }
            Ok(_) => {}
            Err(e) => problems.push(Diagnostic::error(dir, format!("cannot read: {e}"))),
        }
    }
    out
}
