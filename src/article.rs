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
    /// Clean, sanitised HTML (kept compressed: see [`Body`]).
    pub body_html: Body,
    /// Plain text of each body block, in the site's script: what classification, search,
    /// checks and reading time read. An edition in the other script is rendered from
    /// `body_html` and shares these (converting them too cost a second pass over every
    /// body, and its memory, for text no page of that edition shows).
    pub paragraphs: Paragraphs,
    /// Policy documents cited in 《》, as written (in the site's script).
    pub citations: Vec<String>,
    /// Regions set in front matter, which override the classifier.
    pub requested_regions: Option<Vec<String>>,
    pub requested_regions_line: Option<usize>,
    pub draft: bool,
}

impl Article {
    /// The article with every text a reader sees passed through `convert` (for the edition
    /// in the other script); where it came from and what it asked for stay as they are, and
    /// the editor's notes (removed text, guesses, warnings) are left to the original.
    pub fn converted(&self, convert: &Convert) -> Article {
        let all = |items: &[String]| items.iter().map(|t| convert(t)).collect();
        let one = |item: &Option<String>| item.as_deref().map(|t| convert(t));
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
            body_html: self.body_html.converted(convert),
            paragraphs: self.paragraphs.clone(),
            citations: all(&self.citations),
            // What only the editor's reports read stays with the original.
            removed: Vec::new(),
            guesses: Vec::new(),
            warnings: Vec::new(),
            input: self.input.clone(),
            requested_slug: self.requested_slug.clone(),
            published: self.published,
            date_source: self.date_source,
            source_url: self.source_url.clone(),
            image: self.image.clone(),
            requested_regions: self.requested_regions.clone(),
            requested_regions_line: self.requested_regions_line,
            draft: self.draft,
        }
    }

    /// Number of Chinese characters and other letters, for reading time.
    pub fn text_length(&self) -> usize {
        self.paragraphs.chars()
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

/// A conversion of text into the other script, shared by every article of an edition.
pub type Convert = std::sync::Arc<dyn Fn(&str) -> String + Send + Sync>;

/// An article's body HTML, packed. In the edition in the other script it is the original's
/// packed text converted whenever it is read: held converted, the second edition's bodies
/// were a quarter of the peak at 100,000 articles (BENCHMARKS.md), and the page that shows a
/// body is made once.
#[derive(Clone, Default)]
pub struct Body {
    html: Packed,
    convert: Option<Convert>,
}

impl Body {
    pub fn new(html: &str) -> Body {
        Body {
            html: Packed::new(html),
            convert: None,
        }
    }

    /// The HTML, unpacked (and converted, in the other script's edition).
    pub fn text(&self) -> String {
        let html = self.html.text();
        match &self.convert {
            Some(convert) => convert(&html),
            None => html,
        }
    }

    /// This body as read through `convert` (after any conversion it already has).
    pub fn converted(&self, convert: &Convert) -> Body {
        let convert = match &self.convert {
            None => std::sync::Arc::clone(convert),
            Some(first) => {
                let (first, then) = (std::sync::Arc::clone(first), std::sync::Arc::clone(convert));
                std::sync::Arc::new(move |text: &str| then(&first(text))) as Convert
            }
        };
        Body {
            html: self.html.clone(),
            convert: Some(convert),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.html.is_empty()
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Body) -> bool {
        // The same text through the same conversion (or none).
        self.html == other.html
            && match (&self.convert, &other.convert) {
                (None, None) => true,
                (Some(a), Some(b)) => std::sync::Arc::ptr_eq(a, b),
                _ => false,
            }
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.text(), f)
    }
}

impl Serialize for Body {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text())
    }
}

/// Text kept LZ4-compressed in memory. Every article's body is held from cleaning until
/// the last page is rendered, in HTML and as plain paragraphs: at 100,000 articles that
/// set most of the build's peak (BENCHMARKS.md). Compressed it takes about half; the few
/// readers of a body (its page, the index, checks) unpack it when they need it.
#[derive(Clone, PartialEq, Eq)]
pub struct Packed(std::sync::Arc<[u8]>);

impl Packed {
    pub fn new(text: &str) -> Packed {
        Packed(lz4_flex::compress_prepend_size(text.as_bytes()).into())
    }

    /// The text, unpacked.
    pub fn text(&self) -> String {
        // Only `new` makes the bytes, from a `str`: neither step can fail on them. The check
        // that they are UTF-8 is simdutf8's (with a copy), several times faster on Chinese
        // text than the standard library's, which was 2.4 % of a build.
        lz4_flex::decompress_size_prepended(&self.0)
            .ok()
            .and_then(|bytes| simdutf8::basic::from_utf8(&bytes).ok().map(str::to_owned))
            .unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.0.get(..4).is_none_or(|size| size == [0; 4])
    }
}

impl Default for Packed {
    fn default() -> Packed {
        Packed::new("")
    }
}

/// The plain text of each body block, packed like [`Packed`] (each paragraph's length,
/// then its text), with the count and length readers ask for without unpacking.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Paragraphs {
    packed: Packed,
    count: usize,
    chars: usize,
}

impl Paragraphs {
    pub fn new(paragraphs: &[String]) -> Paragraphs {
        let mut framed = String::with_capacity(paragraphs.iter().map(|p| p.len() + 8).sum());
        for p in paragraphs {
            // The length as text, then a separator no length holds: framing that survives
            // any character a paragraph may hold.
            framed.push_str(&p.len().to_string());
            framed.push(':');
            framed.push_str(p);
        }
        Paragraphs {
            packed: Packed::new(&framed),
            count: paragraphs.len(),
            chars: paragraphs.iter().map(|p| p.chars().count()).sum(),
        }
    }

    /// The paragraphs, unpacked.
    pub fn to_vec(&self) -> Vec<String> {
        let mut out = Vec::with_capacity(self.count);
        self.each(|p| out.push(p.to_string()));
        out
    }

    /// Calls `visit` with each paragraph in turn, unpacking once and copying none.
    pub fn each(&self, mut visit: impl FnMut(&str)) {
        let framed = self.packed.text();
        let mut rest = framed.as_str();
        while let Some((length, tail)) = rest.split_once(':') {
            let Ok(length) = length.parse::<usize>() else {
                break;
            };
            let Some(text) = tail.get(..length) else {
                break;
            };
            visit(text);
            rest = &tail[length..];
        }
    }

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Characters over all paragraphs.
    pub fn chars(&self) -> usize {
        self.chars
    }
}

impl From<Vec<String>> for Paragraphs {
    fn from(paragraphs: Vec<String>) -> Paragraphs {
        Paragraphs::new(&paragraphs)
    }
}

impl std::fmt::Debug for Paragraphs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.to_vec(), f)
    }
}

impl Serialize for Paragraphs {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_vec().serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_text_comes_back_whole() {
        let body = "<p>第1条：知识产权。</p>\n<p>12:30 发布</p>".repeat(50);
        let packed = Packed::new(&body);
        assert_eq!(packed.text(), body);
        assert!(
            packed.0.len() < body.len() / 2,
            "repetitive text packs small"
        );
        assert!(!packed.is_empty());
        assert!(Packed::default().is_empty());
        assert_eq!(Packed::default().text(), "");
        // What is serialised (as the body of an article) is the text.
        assert_eq!(
            serde_json::to_string(&Body::new(&body)).ok(),
            serde_json::to_string(&body).ok()
        );
    }

    #[test]
    fn paragraphs_keep_their_boundaries_whatever_they_hold() {
        // Digits and colons are the framing's own characters; empty paragraphs and line
        // breaks must survive too.
        let list: Vec<String> = ["12:30", "", "3:", "第二段\n续行", "：全角", "7"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let packed = Paragraphs::new(&list);
        assert_eq!(packed.to_vec(), list);
        assert_eq!(packed.len(), 6);
        assert_eq!(
            packed.chars(),
            list.iter().map(|p| p.chars().count()).sum::<usize>()
        );
        assert!(Paragraphs::default().is_empty());
        assert_eq!(Paragraphs::default().to_vec(), Vec::<String>::new());
    }

    #[test]
    fn a_converted_body_reads_converted_and_keeps_its_original() {
        let body = Body::new("<p>知识产权</p>");
        let upper: Convert = std::sync::Arc::new(|t: &str| t.replace("知识", "知識"));
        let marked: Convert = std::sync::Arc::new(|t: &str| format!("[{t}]"));
        let converted = body.converted(&upper);
        assert_eq!(converted.text(), "<p>知識产权</p>");
        assert_eq!(body.text(), "<p>知识产权</p>", "the original is untouched");
        // A second conversion applies after the first.
        assert_eq!(converted.converted(&marked).text(), "[<p>知識产权</p>]");
        // Equal when the same text goes through the same conversion.
        assert_eq!(converted, body.converted(&upper));
        assert_ne!(converted, body);
        assert_ne!(converted, body.converted(&marked));
        assert_eq!(
            serde_json::to_string(&converted).ok(),
            serde_json::to_string("<p>知識产权</p>").ok()
        );
    }
}
