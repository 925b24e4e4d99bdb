//! Stage 2, extract: reads the metadata out of a document's front matter or page chrome
//! and separates the body.
//!
//! Takes: a [`RawDocument`]. Gives: a [`Draft`] — metadata as found (still in the source's
//! script, possibly with junk), and the body in its source form.

pub mod boilerplate;
pub mod date;
pub mod dom;
pub mod front_matter;
pub mod scraped;
pub mod web_page;

use std::path::{Path, PathBuf};

use chrono::Datelike;

pub use date::{DateSource, Published};

use crate::diagnostic::Diagnostic;
use crate::load::{RawDocument, Shape};

/// An article body before cleaning.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Html(String),
    Markdown(String),
    /// Plain-text paragraphs from a scraped page.
    Paragraphs(Vec<String>),
}

/// A field of a draft whose origin is recorded, for `digest inspect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Title,
    Date,
    Source,
    SourceUrl,
    Author,
    Editor,
    Agency,
    Summary,
    Image,
    Regions,
    Slug,
    Tags,
}

/// Where a field's value was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The editor's front matter, at this line of the file.
    FrontMatter { line: usize },
    /// A line of the page's text: its line in the file where known (scraped text), else
    /// the text itself (a web page's text, which `inspect` finds in the file).
    Line { line: Option<usize>, text: String },
    /// A tag or structured data of a web page (`meta article:published_time`, `<h1>`).
    Markup(String),
    /// The page's address (`/2019/0308/`).
    Address,
    /// A news-agency dateline's month and day.
    Dateline,
    /// The file's modification time.
    FileTime,
    /// No headline anywhere: the body's first sentence.
    FirstSentence,
}

/// Metadata and body as found in one input file.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub input: PathBuf,
    pub title: Option<String>,
    /// Line the title was found on, for error reports.
    pub title_line: Option<usize>,
    pub date: Option<Published>,
    /// Where the date came from.
    pub date_source: Option<DateSource>,
    /// The address of the original article (front matter, or the page's canonical address).
    pub source_url: Option<String>,
    /// Text removed from inside the body as page chrome, for `digest check`.
    pub removed: Vec<String>,
    /// What extraction had to guess, for the editor (printed by build and check).
    pub guesses: Vec<String>,
    /// Problems that do not stop the article (an unknown front-matter key), printed as
    /// warnings at their line by build and check.
    pub warnings: Vec<ExtractError>,
    /// Where each field found was read from, for `digest inspect`.
    pub origins: Vec<(Field, Origin)>,
    /// When the page was fetched (`fetched:` in front matter, written by `digest add`):
    /// the day it was saved, which a file's modification time stops being in a fresh clone.
    pub fetched: Option<chrono::NaiveDate>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub agency: Option<String>,
    pub editor: Option<String>,
    pub summary: Option<String>,
    pub image: Option<String>,
    pub slug: Option<String>,
    pub slug_line: Option<usize>,
    pub regions: Option<Vec<String>>,
    pub regions_line: Option<usize>,
    pub draft: bool,
    /// Category path from a scraped page's breadcrumb, without "home" and "article".
    pub breadcrumb: Vec<String>,
    pub body: Body,
}

impl Draft {
    pub fn empty(input: &Path) -> Draft {
        Draft {
            input: input.to_path_buf(),
            title: None,
            title_line: None,
            date: None,
            date_source: None,
            source_url: None,
            removed: Vec::new(),
            guesses: Vec::new(),
            warnings: Vec::new(),
            origins: Vec::new(),
            fetched: None,
            categories: Vec::new(),
            tags: Vec::new(),
            author: None,
            source: None,
            agency: None,
            editor: None,
            summary: None,
            image: None,
            slug: None,
            slug_line: None,
            regions: None,
            regions_line: None,
            draft: false,
            breadcrumb: Vec::new(),
            body: Body::Paragraphs(Vec::new()),
        }
    }
}

impl Draft {
    /// Records where `field`'s value came from (replacing an earlier record).
    pub fn found(&mut self, field: Field, origin: Origin) {
        self.origins.retain(|(f, _)| *f != field);
        self.origins.push((field, origin));
    }

    /// Where `field`'s value came from, if recorded.
    pub fn origin(&self, field: Field) -> Option<&Origin> {
        self.origins
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, o)| o)
    }
}

/// A problem at a position in the file being extracted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl ExtractError {
    pub fn at(line: usize, message: impl Into<String>) -> Self {
        ExtractError {
            line: Some(line),
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn into_diagnostic(self, input: &Path) -> Diagnostic {
        let mut d = Diagnostic::error(input, self.message);
        d.line = self.line;
        d.column = self.column;
        d.hint = self.hint;
        d
    }
}

impl ExtractError {
    /// An error about the file as a whole.
    pub fn whole(message: impl Into<String>) -> Self {
        ExtractError {
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    /// Moves a line found in a body to its line in the file.
    fn below(mut self, body_line: usize) -> Self {
        self.line = self.line.map(|l| l + body_line - 1);
        self
    }
}

/// Extracts a draft with the extractor for the body's shape, applies front-matter
/// corrections over it, and makes sure it has what every article needs. A date nowhere to
/// be found is taken from the file's modification time (and reported).
pub fn extract(doc: &RawDocument) -> Result<Draft, Diagnostic> {
    if doc.text.trim().is_empty() {
        return Err(Diagnostic::error(&doc.input, "the file is empty")
            .hint("write the article into it, or delete it"));
    }
    let fail = |e: ExtractError| e.into_diagnostic(&doc.input);
    let (corrections, body, body_line) = if doc.front_matter {
        let (c, body, line) = front_matter::read(&doc.text).map_err(fail)?;
        (Some(c), body, line)
    } else {
        (None, doc.text.as_str(), 1)
    };
    let mut draft = match doc.shape {
        Shape::WebPage => web_page::extract(&doc.input, body),
        // A fragment under front matter is an export's body, taken whole; without front
        // matter it is searched for its headline and article like a page.
        Shape::HtmlFragment if corrections.is_some() => {
            let mut d = Draft::empty(&doc.input);
            d.body = Body::Html(body.to_string());
            Ok(d)
        }
        Shape::HtmlFragment => web_page::extract(&doc.input, body),
        Shape::Markdown => Ok(markdown(
            &doc.input,
            body,
            corrections.as_ref().is_some_and(|c| c.title.is_some()),
        )),
        Shape::ScrapedText => scraped::extract(&doc.input, body),
    }
    .map_err(|e| fail(e.below(body_line)))?;
    // Lines found in the body are reported as lines of the file.
    draft.title_line = draft.title_line.map(|l| l + body_line - 1);
    for (_, origin) in &mut draft.origins {
        if let Origin::Line {
            line: Some(line), ..
        } = origin
        {
            *line += body_line - 1;
        }
    }
    if let Some(corrections) = corrections {
        corrections.apply(&mut draft);
    }
    if draft.title.is_none()
        && let Some(sentence) = first_sentence(&draft.body)
    {
        // Nothing has a headline's shape: the article is kept under its first sentence,
        // and the editor told, rather than dropped.
        draft.guesses.push(format!(
            "no headline found; the first sentence stands in for it: {sentence}"
        ));
        draft.title = Some(sentence);
        draft.found(Field::Title, Origin::FirstSentence);
    }
    if draft.title.is_none() {
        let hint = match (doc.front_matter, doc.shape) {
            (true, _) => "add a `title:` line to the front matter",
            (false, Shape::WebPage | Shape::HtmlFragment) => {
                "the page has no <h1> or <title>; add front matter with a `title:` line over it"
            }
            (false, Shape::Markdown) => "start the article with a `# headline` line",
            (false, Shape::ScrapedText) => "add front matter with a `title:` line over the page",
        };
        return Err(Diagnostic::error(&doc.input, "no headline found").hint(hint));
    }
    if draft.date.is_none() {
        let modified = doc.modified.unwrap_or_else(std::time::SystemTime::now);
        let saved = draft.fetched.unwrap_or_else(|| {
            chrono::DateTime::<chrono::Utc>::from(modified)
                .with_timezone(&chrono_tz::Asia::Shanghai)
                .date_naive()
        });
        // A dateline gives month and day; the year is the latest one not after the day the
        // file was saved (a page is saved after it is published).
        let from_dateline = dateline_month_day(&draft.body).and_then(|(month, day)| {
            [saved.year(), saved.year() - 1]
                .into_iter()
                .filter_map(|y| chrono::NaiveDate::from_ymd_opt(y, month, day))
                .find(|d| *d <= saved)
        });
        draft.date = Some(Published {
            date: from_dateline.unwrap_or(saved),
            time: None,
        });
        draft.found(
            Field::Date,
            if from_dateline.is_some() {
                Origin::Dateline
            } else {
                Origin::FileTime
            },
        );
        draft.date_source = Some(if from_dateline.is_some() {
            DateSource::Dateline
        } else {
            DateSource::File
        });
    }
    Ok(draft)
}

/// The month and day of a news-agency dateline in the first part of a body.
fn dateline_month_day(body: &Body) -> Option<(u32, u32)> {
    let text = match body {
        Body::Paragraphs(p) => p.iter().take(3).cloned().collect::<Vec<_>>().join("\n"),
        Body::Html(h) | Body::Markdown(h) => {
            let mut end = h.len().min(4096);
            while !h.is_char_boundary(end) {
                end -= 1;
            }
            h[..end].to_string()
        }
    };
    crate::zh::dateline::month_day(&text)
}

/// The first sentence of a body's text, at most 40 characters, as a stand-in headline.
fn first_sentence(body: &Body) -> Option<String> {
    let text = match body {
        Body::Paragraphs(p) => p.iter().find(|p| p.chars().count() >= 8)?.clone(),
        Body::Markdown(_) | Body::Html(_) => return None,
    };
    let sentence: String = text
        .chars()
        .take_while(|c| !matches!(c, '。' | '！' | '？' | '；'))
        .take(40)
        .collect();
    let sentence = sentence.trim_matches(|c: char| c.is_whitespace() || "，,：:“”\"".contains(c));
    (sentence.chars().count() >= 4).then(|| sentence.to_string())
}

/// Markdown: without a headline in front matter, the headline is its first `# ` heading.
fn markdown(input: &Path, body: &str, titled: bool) -> Draft {
    let mut draft = Draft::empty(input);
    let mut rest = body.to_string();
    if !titled
        && let Some((index, line)) = body.lines().enumerate().find(|(_, l)| !l.trim().is_empty())
        && let Some(title) = line.trim().strip_prefix("# ")
    {
        draft.title = Some(title.trim().to_string());
        draft.title_line = Some(index + 1);
        draft.found(
            Field::Title,
            Origin::Line {
                line: Some(index + 1),
                text: line.to_string(),
            },
        );
        rest = body.lines().skip(index + 1).collect::<Vec<_>>().join("\n");
    }
    draft.body = Body::Markdown(rest);
    draft
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn draft(text: &str) -> Draft {
        let raw = load::from_bytes(Path::new("content/t"), text.as_bytes()).expect("loads");
        extract(&raw).unwrap_or_else(|d| panic!("{d}"))
    }

    const CORRECTIONS: &str = "---\nregions: [shanghai]\ndate: 2020-05-06\nsource_url: https://www.example.gov.cn/a.html\n---\n";

    const PAGE: &str = "<!DOCTYPE html><html><head><title>北京发布知识产权保护新规_某某网</title></head><body>\
        <div class=nav><a href=/>首页</a><a href=/b>国内</a><a href=/c>国际</a><a href=/d>财经</a></div>\
        <h1>北京发布知识产权保护新规</h1><div class=info>2024年1月17日 来源：北京日报</div>\
        <div class=content><p>北京市近日发布知识产权保护新规，明确了数据知识产权的登记规则。</p>\
        <p>新规提出，相关部门应当提供便利，加强保护。</p></div></body></html>";

    const SCRAPED: &str = "當前位置: 首頁 > 資訊 > 正文\n北京發布知識產權保護新規\n發布日期:2024-01-17 來源:北京日報\n\
        北京市近日發布知識產權保護新規，明確了數據知識產權的登記規則。\n\
        版權所有者可以依法維護自身權益，相關部門應當提供便利，這一條款備受關注。\n\
        新規自發布之日起施行，有效期五年，各區應當結合實際抓好落實。\n責任編輯:張三\n免責聲明:\n本網站部分內容來源於合作媒體。\n";

    #[test]
    fn front_matter_corrects_a_saved_page_whose_body_is_still_extracted() {
        let plain = draft(PAGE);
        assert_eq!(plain.title.as_deref(), Some("北京发布知识产权保护新规"));
        assert_eq!(plain.date_source, Some(DateSource::Page));
        let corrected = draft(&format!("{CORRECTIONS}{PAGE}"));
        assert_eq!(
            corrected.title, plain.title,
            "what is not corrected is extracted"
        );
        assert_eq!(corrected.source.as_deref(), Some("北京日报"));
        assert_eq!(corrected.regions, Some(vec!["shanghai".to_string()]));
        assert_eq!(
            corrected.date.map(|d| d.date.to_string()).as_deref(),
            Some("2020-05-06")
        );
        assert_eq!(corrected.date_source, Some(DateSource::FrontMatter));
        assert_eq!(
            corrected.source_url.as_deref(),
            Some("https://www.example.gov.cn/a.html")
        );
        let Body::Html(body) = corrected.body else {
            panic!("html")
        };
        assert!(
            body.contains("登记规则") && !body.contains("首页"),
            "{body}"
        );
    }

    #[test]
    fn front_matter_corrects_a_scraped_page_whose_chrome_is_still_removed() {
        let corrected = draft(&format!("{CORRECTIONS}{SCRAPED}"));
        assert_eq!(corrected.title.as_deref(), Some("北京發布知識產權保護新規"));
        assert_eq!(corrected.regions, Some(vec!["shanghai".to_string()]));
        assert_eq!(corrected.date_source, Some(DateSource::FrontMatter));
        let Body::Paragraphs(p) = corrected.body else {
            panic!("paragraphs")
        };
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(
            p[1].starts_with("版權所有者"),
            "a paragraph starting 版权所有 is kept: {p:?}"
        );
        assert!(
            p[2].contains("有效期五年"),
            "nothing after it is cut: {p:?}"
        );
        assert_eq!(corrected.editor.as_deref(), Some("張三"));
    }

    #[test]
    fn front_matter_over_a_fragment_and_markdown() {
        let fragment = draft("---\ntitle: 片段\ndate: 2021-01-01\n---\n<div><p>正文。</p></div>");
        assert_eq!(fragment.title.as_deref(), Some("片段"));
        assert!(matches!(fragment.body, Body::Html(ref h) if h.contains("正文")));
        let markdown =
            draft("---\ndate: 2021-01-01\n---\n# 标题在这里\n\n正文第一段。\n\n- 一\n- 二\n");
        assert_eq!(markdown.title.as_deref(), Some("标题在这里"));
        assert!(matches!(markdown.body, Body::Markdown(ref m) if !m.contains("# 标题")));
        let titled =
            draft("---\ntitle: 前置标题\ndate: 2021-01-01\n---\n# 正文里的标题\n\n正文。\n");
        assert_eq!(titled.title.as_deref(), Some("前置标题"));
        assert!(matches!(titled.body, Body::Markdown(ref m) if m.contains("# 正文里的标题")));
    }

    #[test]
    fn an_undated_page_is_dated_by_its_file() {
        let d = draft(
            "<html><head><title>没有日期的文章标题</title></head><body><h1>没有日期的文章标题</h1><p>正文第一段，内容充实，有标点符号，也足够长。</p></body></html>",
        );
        assert_eq!(d.date_source, Some(DateSource::File));
        assert!(d.date.is_some());
    }

    #[test]
    fn a_dateline_dates_an_undated_page_with_the_year_it_was_saved() {
        let text = "<html><head><title>会议举行的消息标题</title></head><body><h1>会议举行的消息标题</h1>\
            <p>新华社北京1月2日电（记者张三）会议今天举行，与会代表讨论了知识产权保护工作。</p></body></html>";
        let mut raw =
            load::from_bytes(Path::new("content/t.html"), text.as_bytes()).expect("loads");
        let saved = chrono::NaiveDate::from_ymd_opt(2024, 3, 5).expect("date");
        raw.modified = Some(std::time::SystemTime::from(
            saved.and_hms_opt(12, 0, 0).expect("time").and_utc(),
        ));
        let d = extract(&raw).expect("extracts");
        assert_eq!(d.date_source, Some(DateSource::Dateline));
        assert_eq!(
            d.date.map(|p| p.date.to_string()).as_deref(),
            Some("2024-01-02")
        );
        // Saved on 5 March: a dateline of 20 December is the year before.
        let late = text.replace("1月2日", "12月20日");
        let mut raw =
            load::from_bytes(Path::new("content/t.html"), late.as_bytes()).expect("loads");
        raw.modified = Some(std::time::SystemTime::from(
            saved.and_hms_opt(12, 0, 0).expect("time").and_utc(),
        ));
        let d = extract(&raw).expect("extracts");
        assert_eq!(
            d.date.map(|p| p.date.to_string()).as_deref(),
            Some("2023-12-20")
        );
    }

    #[test]
    fn a_bad_date_in_front_matter_names_its_line_over_any_shape() {
        let raw = load::from_bytes(
            Path::new("content/t.html"),
            format!("---\ndate: 2021-13-45\n---\n{PAGE}").as_bytes(),
        )
        .expect("loads");
        let e = extract(&raw).unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
    }

    #[test]
    fn scraped_lines_below_front_matter_keep_their_file_lines() {
        // The headline is found on file line 5 (front matter takes lines 1–3).
        let d = draft(&format!("---\nregions: beijing\n---\n{SCRAPED}"));
        assert_eq!(d.title_line, Some(5));
    }
}

#[cfg(test)]
mod fetched_tests {
    use super::*;

    /// A page `digest add` saved, with no date anywhere, keeps the day it was fetched
    /// whatever its file's time (a fresh clone resets that).
    #[test]
    fn an_undated_page_is_dated_by_when_it_was_fetched() {
        let text = "---\ntitle: 北京知识产权工作会议召开\nfetched: 2024-03-05T10:00:00+08:00\n---\n\
                    会议部署了全年的知识产权保护工作，要求各部门加强协同。\n";
        let mut doc =
            crate::load::from_bytes(Path::new("content/a.txt"), text.as_bytes()).expect("loads");
        doc.modified = Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_800_000_000));
        let draft = extract(&doc).expect("extracts");
        assert_eq!(draft.date_source, Some(DateSource::File));
        assert_eq!(
            draft.date.map(|d| d.date),
            chrono::NaiveDate::from_ymd_opt(2024, 3, 5)
        );
    }
}
