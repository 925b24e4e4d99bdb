//! Link checking: every internal `href` and `src` in the output must resolve to a file of
//! the output (and a `#fragment` to an element of that page). External links are listed,
//! never fetched.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};

use crate::config::SiteConfig;

/// One internal link that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct BrokenLink {
    /// The page holding the link, relative to the output root.
    pub page: String,
    /// The link as written.
    pub target: String,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct LinkReport {
    pub pages: usize,
    pub links: usize,
    pub broken: Vec<BrokenLink>,
    /// External URLs, with the number of pages linking to each.
    pub external: BTreeMap<String, usize>,
}

/// Checks the site in the directory `output`, built for `config.base_url`.
pub fn check(output: &Path, config: &SiteConfig) -> std::io::Result<LinkReport> {
    let mut files = Vec::new();
    for path in list_files(output)? {
        let text = if path.ends_with(".html") {
            std::fs::read_to_string(output.join(&path))?
        } else {
            String::new()
        };
        files.push((path, text));
    }
    check_files(&files, config)
}

/// Checks a site given as (path, text) pairs; only HTML files need their text.
pub fn check_files(files: &[(String, String)], config: &SiteConfig) -> std::io::Result<LinkReport> {
    let texts: HashMap<&str, &str> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let files: Vec<String> = files.iter().map(|(p, _)| p.clone()).collect();
    let html: Vec<&String> = files.iter().filter(|f| f.ends_with(".html")).collect();
    let selector =
        Selector::parse("[href], [src]").map_err(|e| std::io::Error::other(e.to_string()))?;
    let ids_selector = Selector::parse("[id]").map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut ids: HashMap<String, BTreeSet<String>> = HashMap::new();
    let mut report = LinkReport::default();
    let mut pending: Vec<(String, String, String, Option<String>)> = Vec::new();
    let absolute_base = config.absolute_base();
    let base_path = config.base_path();

    for page in &html {
        let text = texts.get(page.as_str()).copied().unwrap_or_default();
        let doc = Html::parse_document(text);
        ids.insert(
            (*page).clone(),
            doc.select(&ids_selector)
                .filter_map(|e| e.value().attr("id").map(str::to_string))
                .collect(),
        );
        report.pages += 1;
        for element in doc.select(&selector) {
            for attr in ["href", "src"] {
                let Some(target) = element.value().attr(attr) else {
                    continue;
                };
                report.links += 1;
                let target = target.trim();
                match classify(target, page, &absolute_base, base_path) {
                    Link::External(url) => *report.external.entry(url).or_default() += 1,
                    Link::Ignored => {}
                    Link::Internal(path, fragment) => {
                        pending.push(((*page).clone(), target.to_string(), path, fragment));
                    }
                    Link::Outside => report.broken.push(BrokenLink {
                        page: (*page).clone(),
                        target: target.to_string(),
                        reason: format!("leaves the site (its base path is {base_path})"),
                    }),
                }
            }
        }
    }
    let existing: BTreeSet<&String> = files.iter().collect();
    for (page, target, path, fragment) in pending {
        let resolved = if path.is_empty() || path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path
        };
        if !existing.contains(&resolved) {
            report.broken.push(BrokenLink {
                page,
                target,
                reason: format!("{resolved} is not in the output"),
            });
            continue;
        }
        if let Some(fragment) = fragment
            && resolved.ends_with(".html")
            && !ids
                .get(&resolved)
                .is_some_and(|set| set.contains(&fragment))
        {
            report.broken.push(BrokenLink {
                page,
                target,
                reason: format!("{resolved} has no element with id {fragment:?}"),
            });
        }
    }
    report.broken.sort();
    Ok(report)
}

enum Link {
    /// A path relative to the output root, and a fragment.
    Internal(String, Option<String>),
    External(String),
    /// Under the site's host but outside its base path.
    Outside,
    Ignored,
}

fn classify(target: &str, page: &str, absolute_base: &str, base_path: &str) -> Link {
    if target.is_empty()
        || target.starts_with("mailto:")
        || target.starts_with("tel:")
        || target.starts_with("data:")
        || target.starts_with("javascript:")
    {
        return Link::Ignored;
    }
    let (target, fragment) = match target.split_once('#') {
        Some((t, f)) => (t, (!f.is_empty()).then(|| decode(f))),
        None => (target, None),
    };
    let target = target.split('?').next().unwrap_or(target);
    if let Some(rest) = target.strip_prefix(absolute_base) {
        return Link::Internal(normalise(rest), fragment);
    }
    if target.starts_with("http://") || target.starts_with("https://") || target.starts_with("//") {
        return Link::External(target.to_string());
    }
    if target.is_empty() {
        // `#fragment` alone: this page.
        return Link::Internal(page.to_string(), fragment);
    }
    if let Some(absolute) = target.strip_prefix('/') {
        return match format!("/{absolute}").strip_prefix(base_path) {
            Some(rest) => Link::Internal(normalise(rest), fragment),
            None => Link::Outside,
        };
    }
    let dir = match page.rfind('/') {
        Some(i) => &page[..=i],
        None => "",
    };
    let joined = format!("{dir}{target}");
    if climbs_out(&joined) {
        return Link::Outside;
    }
    Link::Internal(normalise(&joined), fragment)
}

fn decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Resolves `.` and `..` segments (the caller has checked nothing climbs out).
fn normalise(path: &str) -> String {
    let path = decode(path);
    let trailing = path.ends_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if trailing && !out.is_empty() {
        out.push('/');
    }
    out
}

fn climbs_out(path: &str) -> bool {
    let mut depth: i32 = 0;
    for segment in path.split('/') {
        match segment {
            ".." => depth -= 1,
            "" | "." => {}
            _ => depth += 1,
        }
        if depth < 0 {
            return true;
        }
    }
    false
}

fn list_files(root: &Path) -> std::io::Result<Vec<String>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.map_err(std::io::Error::other)?;
        if entry.file_type().is_file() {
            let rel: PathBuf = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .to_path_buf();
            files.push(
                rel.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            );
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, text).expect("write");
        }
        dir
    }

    #[test]
    fn finds_broken_links_and_fragments_and_lists_external_ones() {
        let dir = site(&[
            (
                "index.html",
                r#"<a href="a/b.html#x">ok</a><a href="a/missing.html">no</a><a href="https://example.org/">ext</a><a href="/digest/a/b.html">abs</a><a href="/elsewhere.html">out</a><a href="a/b.html#nope">frag</a><img src="../../etc/passwd">"#,
            ),
            (
                "a/b.html",
                r#"<h2 id="x">x</h2><a href="../index.html">up</a><a href="https://org.github.io/digest/index.html">self</a>"#,
            ),
        ]);
        let config =
            SiteConfig::parse("base_url = \"https://org.github.io/digest/\"").expect("config");
        let report = check(dir.path(), &config).expect("checks");
        assert_eq!(report.pages, 2);
        let broken: Vec<&str> = report.broken.iter().map(|b| b.target.as_str()).collect();
        assert_eq!(
            broken,
            vec![
                "../../etc/passwd",
                "/elsewhere.html",
                "a/b.html#nope",
                "a/missing.html"
            ]
        );
        assert_eq!(report.external.get("https://example.org/"), Some(&1));
    }

    #[test]
    fn paths_are_normalised() {
        assert_eq!(normalise("a/./b/../c.html"), "a/c.html");
        assert_eq!(normalise("%E5%9B%BE.svg"), "图.svg");
        assert!(climbs_out("../x"));
        assert!(!climbs_out("a/../x"));
    }
}
