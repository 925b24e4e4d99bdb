//! Stage 1, load: finds the article files under `content/`, decodes their bytes to text
//! (whatever the encoding) and recognises their format by content, not by extension.
//!
//! Takes: the site root. Gives: one [`RawDocument`] per file, or a [`Diagnostic`] per
//! file that could not be read.

pub mod addresses;
mod encoding;

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

pub use encoding::decode;

pub const CONTENT_DIR: &str = "content";

/// What an article file's body is, recognised from its content (not its name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// A whole HTML document, as a browser's "Save page as", curl or wget writes it:
    /// navigation, sidebars and footers around one article.
    WebPage,
    /// A piece of HTML that is all article (a Sina/Hexo export's body).
    HtmlFragment,
    /// Hand-written Markdown.
    Markdown,
    /// A page scraped to plain text: page chrome around one paragraph per line.
    ScrapedText,
}

impl Shape {
    pub fn describe(self) -> &'static str {
        match self {
            Shape::WebPage => "saved web page",
            Shape::HtmlFragment => "HTML fragment",
            Shape::Markdown => "Markdown",
            Shape::ScrapedText => "scraped text page",
        }
    }
}

#[derive(Debug, Clone)]
pub struct RawDocument {
    /// Path relative to the site root, e.g. `content/000_x.txt`.
    pub input: PathBuf,
    pub text: String,
    /// Name of the detected encoding (`UTF-8`, `GBK`, `Big5`, …).
    pub encoding: &'static str,
    /// Whether YAML front matter (corrections and metadata) sits over the body.
    pub front_matter: bool,
    pub shape: Shape,
    /// The file's modification time: the publication date of last resort.
    pub modified: Option<std::time::SystemTime>,
}

/// Per-folder lists of files that are not articles, in gitignore syntax (`drafts/`,
/// `*.pdf`, `!keep.html`), applying to their folder and below.
pub const IGNORE_FILE: &str = ".digestignore";

/// Lists the article files under `root/content`, sorted, skipping hidden files, the
/// temporary and backup files editors leave behind, and what `.digestignore` files exclude.
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
    // Symbolic links are followed only where they stay inside content/: a link to the site
    // root would read the built site back in, and a link to /etc would publish it.
    let inside = content.canonicalize().unwrap_or_else(|_| content.clone());
    let escaping = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut walker = ignore::WalkBuilder::new(&content);
    walker
        // Only digest's own ignore files: an editor's .gitignore says what git keeps, not
        // what the site publishes.
        .standard_filters(false)
        .hidden(true)
        .add_custom_ignore_filename(IGNORE_FILE)
        .follow_links(true)
        .sort_by_file_name(|a, b| a.cmp(b));
    {
        let (escaping, root) = (std::sync::Arc::clone(&escaping), root.to_path_buf());
        walker.filter_entry(move |e| {
            if e.depth() > 0 && is_ignored_name(&e.file_name().to_string_lossy()) {
                return false;
            }
            if e.path_is_symlink()
                && let Ok(target) = e.path().canonicalize()
                && !target.starts_with(&inside)
            {
                let rel = e.path().strip_prefix(&root).unwrap_or(e.path());
                escaping.lock().unwrap_or_else(|p| p.into_inner()).push(
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
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for entry in walker.build() {
        match entry {
            Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                let rel = entry
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                files.push(rel);
            }
            Ok(entry) => {
                // The walker skips the lines of a folder's ignore file it cannot read; an
                // editor must hear about them.
                let rules = entry.path().join(IGNORE_FILE);
                if rules.is_file() {
                    let mut check = ignore::gitignore::GitignoreBuilder::new(entry.path());
                    if let Some(e) = check.add(&rules) {
                        problems.push(walk_problem(root, e));
                    }
                }
            }
            Err(e) => problems.push(walk_problem(root, e)),
        }
    }
    problems.extend(std::mem::take(
        &mut *escaping.lock().unwrap_or_else(|p| p.into_inner()),
    ));
    Ok((files, problems))
}

/// Whether any folder under `root/content` holds a [`IGNORE_FILE`].
pub fn has_ignore_files(root: &Path) -> bool {
    walkdir::WalkDir::new(root.join(CONTENT_DIR))
        .into_iter()
        .filter_map(Result::ok)
        .any(|e| e.file_name() == IGNORE_FILE)
}

/// A walking error as a diagnostic naming the file (and, for a `.digestignore`, the line).
fn walk_problem(root: &Path, error: ignore::Error) -> Diagnostic {
    let mut path = PathBuf::from(CONTENT_DIR);
    let mut line = None;
    let mut error = error;
    // The error comes wrapped in what is known about where it happened.
    loop {
        match error {
            ignore::Error::WithPath { path: p, err } => {
                path = p.strip_prefix(root).unwrap_or(&p).to_path_buf();
                error = *err;
            }
            ignore::Error::WithLineNumber { line: l, err } => {
                line = Some(l as usize);
                error = *err;
            }
            ignore::Error::WithDepth { err, .. } => error = *err,
            ignore::Error::Partial(mut errors) if !errors.is_empty() => error = errors.remove(0),
            other => {
                error = other;
                break;
            }
        }
    }
    let full = root.join(&path);
    let dangling = std::fs::symlink_metadata(&full).is_ok_and(|m| m.file_type().is_symlink())
        && !full.exists();
    let (why, hint) = match &error {
        ignore::Error::Loop { child, .. } => {
            path = child.strip_prefix(root).unwrap_or(child).to_path_buf();
            (
                "a symbolic link loop".to_string(),
                "a symbolic link points back to one of its parent directories; remove it",
            )
        }
        _ if dangling => (
            "a symbolic link to nothing (or a link loop)".to_string(),
            "remove the link or point it at an existing file",
        ),
        ignore::Error::Glob { glob, err } => (
            format!(
                "a pattern it cannot read: {}{err}",
                glob.as_deref()
                    .map(|g| format!("{g:?}: "))
                    .unwrap_or_default()
            ),
            "write patterns as in .gitignore, e.g. drafts/ or *.pdf",
        ),
        other => (
            other.to_string(),
            "check that the file exists and is readable",
        ),
    };
    let mut d = Diagnostic::error(path, format!("cannot read: {why}")).hint(hint);
    if let Some(line) = line {
        d = d.at(line, None);
    }
    d
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
    use std::io::Read as _;
    let cannot = |e: std::io::Error| Diagnostic::error(input, format!("cannot read: {e}"));
    // One open gives the bytes and the modification time (the date of last resort).
    let mut file = std::fs::File::open(root.join(input)).map_err(cannot)?;
    let metadata = file.metadata().map_err(cannot)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(cannot)?;
    let mut doc = from_bytes(input, &bytes)?;
    doc.modified = metadata.modified().ok();
    Ok(doc)
}

/// Decodes one article file's bytes.
pub fn from_bytes(input: &Path, bytes: &[u8]) -> Result<RawDocument, Diagnostic> {
    let decoded = decode(bytes).map_err(|message| {
        Diagnostic::error(input, message).hint("articles must be text (UTF-8, GBK/GB18030 or Big5)")
    })?;
    let (front_matter, shape) = sniff(&decoded.text);
    Ok(RawDocument {
        input: input.to_path_buf(),
        text: decoded.text,
        encoding: decoded.encoding,
        front_matter,
        shape,
        modified: None,
    })
}

/// How far into a body the shape is judged.
const SNIFF_BYTES: usize = 8192;

/// Recognises front matter (a first non-blank line `---`) and the shape of the body under it
/// from the body's first kilobytes.
pub fn sniff(text: &str) -> (bool, Shape) {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().find(|l| !l.trim().is_empty());
    let front_matter = first.is_some_and(|l| l.trim_end() == "---");
    let body = if front_matter {
        body_under_front_matter(text)
    } else {
        text
    };
    (front_matter, sniff_body(body, front_matter))
}

/// The text after the closing fence of front matter (empty when it is never closed).
fn body_under_front_matter(text: &str) -> &str {
    let mut offset = 0;
    let mut opened = false;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        let trimmed = line.trim_end();
        if !opened {
            opened = trimmed == "---";
        } else if trimmed == "---" || trimmed == "..." {
            return &text[offset..];
        }
    }
    ""
}

fn sniff_body(body: &str, under_front_matter: bool) -> Shape {
    let mut end = body.len().min(SNIFF_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let head = body[..end].to_ascii_lowercase();
    let start = head.trim_start();
    if start.starts_with("<!doctype html")
        || start.starts_with("<?xml")
        || start.starts_with("<!-- saved from url=")
        || head.contains("<html")
        || (head.contains("<head") && head.contains("<meta"))
    {
        return Shape::WebPage;
    }
    if start.starts_with("<!--")
        || (start.starts_with('<') && start[1..].starts_with(|c: char| c.is_ascii_alphabetic()))
    {
        return Shape::HtmlFragment;
    }
    // Each line counts once, for scraped text first: `- 发布时间:…` is a scraped page's
    // bullet, not a Markdown list.
    let (mut markdown, mut scraped) = (0, 0);
    for line in body[..end].lines() {
        if is_scraped_line(line) {
            scraped += 1;
        } else if is_markdown_line(line) {
            markdown += 1;
        }
    }
    // Front matter is what hand-written and exported articles carry, so under it a body is
    // Markdown unless it looks scraped; without it, scraped unless it looks like Markdown.
    if under_front_matter {
        if scraped > markdown {
            Shape::ScrapedText
        } else {
            Shape::Markdown
        }
    } else if markdown > scraped {
        Shape::Markdown
    } else {
        Shape::ScrapedText
    }
}

/// A line only Markdown writes: a heading, list item, link, fence, quote, emphasis.
fn is_markdown_line(line: &str) -> bool {
    let l = line.trim_start();
    l.starts_with("# ")
        || l.starts_with("## ")
        || l.starts_with("### ")
        || l.starts_with("```")
        || l.starts_with("> ")
        || l.starts_with("- ")
        || l.starts_with("* ")
        || l.contains("](")
        || l.contains("**")
}

/// A line only a scraped page has: page chrome, inserted pinyin, lost separators.
fn is_scraped_line(l: &str) -> bool {
    const CHROME: &[&str] = &[
        "当前位置",
        "當前位置",
        "您的位置",
        "发布日期",
        "發布日期",
        "发布时间",
        "發布時間",
        "来源：",
        "來源：",
        "来源:",
        "來源:",
        "分享到",
        "打印本页",
        "打印本頁",
        "关闭窗口",
        "關閉窗口",
        "字体",
        "字體",
        "责任编辑",
        "責任編輯",
        "免责声明",
        "免責聲明",
        "首页",
        "首頁",
        "浏览次数",
        "瀏覽次數",
    ];
    CHROME.iter().any(|c| l.contains(c))
        || crate::zh::pinyin::strip(l).len() != l.len()
        || l.contains("??")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_front_matter_after_blank_lines() {
        assert_eq!(
            sniff("\n\n---\ntitle: x\n---\nbody"),
            (true, Shape::Markdown)
        );
        assert_eq!(sniff("當前位置: 首頁\n---\n"), (false, Shape::ScrapedText));
        assert_eq!(sniff(""), (false, Shape::ScrapedText));
    }

    #[test]
    fn shapes_by_content() {
        let page =
            "\n<!DOCTYPE html>\n<html><head><title>t</title></head><body><p>x</p></body></html>";
        assert_eq!(sniff(page), (false, Shape::WebPage));
        let saved = "<!-- saved from url=(0031)http://example.com/a.html -->\n<html>";
        assert_eq!(sniff(saved), (false, Shape::WebPage));
        let no_doctype = "<head><meta charset=utf-8><title>t</title></head><body>x</body>";
        assert_eq!(sniff(no_doctype), (false, Shape::WebPage));
        assert_eq!(
            sniff("<div><p>正文</p></div>"),
            (false, Shape::HtmlFragment)
        );
        assert_eq!(
            sniff("# 标题\n\n正文。\n\n- 一\n- 二\n"),
            (false, Shape::Markdown)
        );
        assert_eq!(
            sniff("标题\n2023.12.12\n正文。\n"),
            (false, Shape::ScrapedText)
        );
    }

    #[test]
    fn front_matter_over_every_shape() {
        let fm = "---\ntitle: x\n---\n";
        assert_eq!(
            sniff(&format!("{fm}<!DOCTYPE html><html></html>")),
            (true, Shape::WebPage)
        );
        assert_eq!(
            sniff(&format!("{fm}<div>x</div>")),
            (true, Shape::HtmlFragment)
        );
        assert_eq!(
            sniff(&format!("{fm}正文第一段。\n\n第二段。")),
            (true, Shape::Markdown)
        );
        let scraped = "當前位置: 首頁 > 資訊\n標題\n發布日期:2021-11-01 來源:中新社\n正文。";
        assert_eq!(sniff(&format!("{fm}{scraped}")), (true, Shape::ScrapedText));
    }

    #[test]
    fn ignores_editor_files() {
        for name in [".x.md.swp", "x.md~", "#x.md#", ".hidden", "4913.tmp"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("000_11adc87f09ca0c06.txt"));
    }
}
