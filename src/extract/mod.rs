//! Stage 2, extract: reads the metadata out of a document's front matter or page chrome
//! and separates the body.
//!
//! Takes: a [`RawDocument`]. Gives: a [`Draft`] — metadata as found (still in the source's
//! script, possibly with junk), and the body in its source form.

pub mod date;
pub mod front_matter;
pub mod scraped;

use std::path::{Path, PathBuf};

pub use date::Published;

use crate::diagnostic::Diagnostic;
use crate::load::{Format, RawDocument};

/// An article body before cleaning.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Html(String),
    Markdown(String),
    /// Plain-text paragraphs from a scraped page.
    Paragraphs(Vec<String>),
}

/// Metadata and body as found in one input file.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub input: PathBuf,
    pub title: Option<String>,
    /// Line the title was found on, for error reports.
    pub title_line: Option<usize>,
    pub date: Option<Published>,
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
    fn empty(input: &Path) -> Draft {
        Draft {
            input: input.to_path_buf(),
            title: None,
            title_line: None,
            date: None,
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

/// Extracts a draft and checks that it has what every article needs.
pub fn extract(doc: &RawDocument) -> Result<Draft, Diagnostic> {
    if doc.text.trim().is_empty() {
        return Err(Diagnostic::error(&doc.input, "the file is empty")
            .hint("write the article into it, or delete it"));
    }
    let draft = match doc.format {
        Format::FrontMatter => front_matter::extract(&doc.input, &doc.text),
        Format::ScrapedPage => scraped::extract(&doc.input, &doc.text),
    }
    .map_err(|e| e.into_diagnostic(&doc.input))?;
    if draft.title.is_none() {
        let hint = match doc.format {
            Format::FrontMatter => "add a `title:` line to the front matter",
            Format::ScrapedPage => "the headline should be the first line of the page",
        };
        return Err(Diagnostic::error(&doc.input, "no headline found").hint(hint));
    }
    if draft.date.is_none() {
        let hint = match doc.format {
            Format::FrontMatter => "add a `date:` line to the front matter, e.g. date: 2021-12-07",
            Format::ScrapedPage => {
                "add a line such as 發布日期:2021-11-01 or 2023.12.12 under the headline"
            }
        };
        return Err(Diagnostic::error(&doc.input, "no publication date found").hint(hint));
    }
    Ok(draft)
}
