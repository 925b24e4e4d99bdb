//! The article model: what cleaning makes of a file ([`Article`]), and what the
//! per-article classify step adds to it ([`Placed`]). Assembling the site gives each placed
//! article its final address (`site::Entry`).

use std::ops::Deref;
use std::path::PathBuf;

use serde::Serialize;

use crate::extract::{DateSource, Published};

/// One cleaned article, in the site's script.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// The source file, relative to the site root.
    pub input: PathBuf,
    /// The slug asked for in front matter, if any.
    pub requested_slug: Option<String>,
    pub title: String,
    /// The title the story was first published under (原标题), when the body gave one.
    pub original_title: Option<String>,
    pub published: Published,
    /// Where the publication date came from.
    pub date_source: DateSource,
    /// The address of the original article.
    pub source_url: Option<String>,
    /// Text extraction removed from inside the body as page chrome (for `digest check`).
    pub removed: Vec<String>,
    /// What extraction had to guess (a stand-in headline), for the editor.
    pub guesses: Vec<String>,
    /// Problems that did not stop the article (an unknown front-matter key).
    #[serde(skip)]
    pub warnings: Vec<crate::extract::ExtractError>,
    /// The publication or portal the article was taken from.
    pub source: Option<String>,
    /// The news agency that filed it, from its dateline.
    pub agency: Option<String>,
    /// Reporters or writers.
    pub author: Option<String>,
    pub editor: Option<String>,
    pub summary: String,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    /// Category path from a scraped page's breadcrumb.
    pub breadcrumb: Vec<String>,
    pub image: Option<String>,
    /// Clean, sanitised HTML.
    pub body_html: String,
    /// Plain text of each body block, in the site's script: what classification, search,
    /// checks and reading time read. An edition in the other script is rendered from
    /// `body_html` and shares these (converting them too cost a second pass over every
    /// body, and its memory, for text no page of that edition shows).
    pub paragraphs: std::sync::Arc<[String]>,
    /// Policy documents cited in 《》, as written (in the site's script).
    pub citations: Vec<String>,
    /// Regions set in front matter, which override the classifier.
    pub requested_regions: Option<Vec<String>>,
    pub requested_regions_line: Option<usize>,
    pub draft: bool,
}

impl Article {
    /// The article with every text a reader sees passed through `convert` (for the edition
    /// in the other script); where it came from and what it asked for stay as they are.
    pub fn converted(&self, convert: &dyn Fn(&str) -> String) -> Article {
        let all = |items: &[String]| items.iter().map(|t| convert(t)).collect();
        let one = |item: &Option<String>| item.as_deref().map(convert);
        Article {
            title: convert(&self.title),
            original_title: one(&self.original_title),
            source: one(&self.source),
            agency: one(&self.agency),
            author: one(&self.author),
            editor: one(&self.editor),
            summary: convert(&self.summary),
            categories: all(&self.categories),
            tags: all(&self.tags),
            breadcrumb: all(&self.breadcrumb),
            body_html: convert(&self.body_html),
            paragraphs: std::sync::Arc::clone(&self.paragraphs),
            citations: all(&self.citations),
            ..self.clone()
        }
    }

    /// Every text [`Self::converted`] converts.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        [
            Some(self.title.as_str()),
            self.original_title.as_deref(),
            self.source.as_deref(),
            self.agency.as_deref(),
            self.author.as_deref(),
            self.editor.as_deref(),
            Some(self.summary.as_str()),
            Some(self.body_html.as_str()),
        ]
        .into_iter()
        .flatten()
        .chain(
            [
                &self.categories,
                &self.tags,
                &self.breadcrumb,
                &self.citations,
            ]
            .into_iter()
            .flatten()
            .map(String::as_str),
        )
    }

    /// Number of Chinese characters and other letters, for reading time.
    pub fn text_length(&self) -> usize {
        self.paragraphs.iter().map(|p| p.chars().count()).sum()
    }
}

/// An article placed in the site's region timelines, with the address it asks for: what
/// the per-article classify step decides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placed {
    #[serde(flatten)]
    pub article: Article,
    /// Region ids, in site.toml order.
    pub regions: Vec<String>,
    /// The slug derived from date and headline (before any `-2` suffix a collision adds);
    /// worked out once per article, as transliteration is the costly part of addressing.
    pub derived_slug: String,
}

impl Deref for Placed {
    type Target = Article;

    fn deref(&self) -> &Article {
        &self.article
    }
}
