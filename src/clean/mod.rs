//! Stage 3, clean: turns a [`Draft`] into an [`Article`]: boilerplate out, pinyin out,
//! punctuation and script normalised, HTML sanitised, metadata completed from what the
//! body holds (original title, editor, byline, dateline).
//!
//! Every body format is first rendered to HTML (Markdown through pulldown-cmark, scraped
//! paragraphs escaped into `<p>`), so one cleaner serves all inputs.

pub mod highlight;
pub mod html;
pub mod markdown;
pub mod opencc;
pub mod script;

use crate::article::Article;
use crate::extract::{Body, Draft};
use crate::zh::script::Script;
use highlight::Highlighter;

use crate::diagnostic::Diagnostic;
use crate::zh::{citation, dateline, pinyin, punctuation};
use script::ScriptConverter;

/// Longest automatic summary, in characters.
const EXCERPT_CHARS: usize = 120;

pub struct Cleaner<'a> {
    pub converter: &'a dyn ScriptConverter,
    pub script: Script,
    pub highlighter: &'a Highlighter,
}

impl Cleaner<'_> {
    /// Normalises one piece of text: script converted, inserted pinyin out, punctuation
    /// full-width. Converting first means pinyin is judged against the character the reader
    /// will see, so cleaning the result again finds nothing to change (a property test found
    /// 轐(chǎn): kept, then converted to 𫐗, which the dictionary does not know).
    pub fn normalise(&self, text: &str) -> String {
        let text = self.converter.convert(text, self.script);
        let text = pinyin::strip(&text);
        punctuation::to_full_width(&text).into_owned()
    }

    fn normalise_opt(&self, text: Option<&str>) -> Option<String> {
        text.map(|t| self.normalise(t.trim()))
            .filter(|t| !t.is_empty())
    }

    fn normalise_all(&self, items: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(items.len());
        for item in items {
            let item = self.normalise(item.trim());
            if !item.is_empty() && !out.contains(&item) {
                out.push(item);
            }
        }
        out
    }

    /// The cleaned article; an error when nothing of the headline is left, or (a bug in
    /// extraction) the draft has no date.
    pub fn clean(&self, draft: &Draft) -> Result<Article, Diagnostic> {
        let (Some(published), Some(date_source)) = (draft.date, draft.date_source) else {
            return Err(
                Diagnostic::error(&draft.input, "no publication date was found")
                    .hint("add a `date:` line to the front matter"),
            );
        };
        let body_html = match &draft.body {
            Body::Html(html) => std::borrow::Cow::Borrowed(html.as_str()),
            Body::Markdown(md) => markdown::to_html(md, self.highlighter).into(),
            Body::Paragraphs(paragraphs) => paragraphs
                .iter()
                .map(|p| format!("<p>{}</p>", crate::markup::escape(p)))
                .collect::<String>()
                .into(),
        };
        let normalise = |t: &str| self.normalise(t);
        let body = html::clean(&body_html, &normalise);
        let harvest = &body.harvest;

        let fm_title = self.normalise_opt(draft.title.as_deref());
        let title = match (&fm_title, &harvest.original_title) {
            (Some(t), Some(original)) if is_mangled_copy(t, original) => original.clone(),
            (Some(t), _) => t.clone(),
            (None, Some(original)) => original.clone(),
            (None, None) => String::new(),
        };
        if title.is_empty() {
            let mut d = Diagnostic::error(&draft.input, "the headline is empty after cleaning");
            d.line = draft.title_line;
            return Err(d.hint("check the title line"));
        }

        let first = body.paragraphs.first().map(String::as_str).unwrap_or("");
        let dateline = dateline::parse(first);
        let categories = self.normalise_all(&draft.categories);

        // Hexo exports from portals put the portal in `author:` (and in the categories).
        let mut source = self.normalise_opt(draft.source.as_deref());
        let mut author = self.normalise_opt(draft.author.as_deref());
        if source.is_none() && author.as_ref().is_some_and(|a| categories.contains(a)) {
            source = author.take();
        }
        let author = author
            .or_else(|| harvest.byline.clone())
            .or_else(|| dateline.as_ref().and_then(|d| d.reporters.clone()))
            .or_else(|| {
                body.paragraphs
                    .last()
                    .and_then(|p| dateline::trailing_reporter(p))
            });
        let agency = self
            .normalise_opt(draft.agency.as_deref())
            .or_else(|| dateline.as_ref().map(|d| d.agency.clone()));
        let editor = self
            .normalise_opt(draft.editor.as_deref())
            .map(|e| html::editor_name(&e))
            .or_else(|| harvest.editor.clone());

        let summary = match self.normalise_opt(draft.summary.as_deref()) {
            Some(summary) => complete_sentence(dateline::strip_leading(&summary)),
            None => excerpt(&body.paragraphs),
        };
        let image = draft
            .image
            .as_ref()
            .map(|i| i.trim().to_string())
            .filter(|i| i.starts_with("https://") || i.starts_with("http://"))
            .filter(|i| !harvest.removed_images.contains(i));

        let citations = citation::cited_documents(&body.paragraphs);
        Ok(Article {
            input: draft.input.clone(),
            requested_slug: draft.slug.clone(),
            title,
            original_title: harvest.original_title.clone(),
            published,
            date_source,
            source_url: draft.source_url.clone(),
            removed: draft.removed.iter().map(|t| self.normalise(t)).collect(),
            guesses: draft.guesses.iter().map(|t| self.normalise(t)).collect(),
            warnings: draft.warnings.clone(),
            source,
            agency,
            author,
            editor,
            summary,
            categories,
            tags: self.normalise_all(&draft.tags),
            breadcrumb: self.normalise_all(&draft.breadcrumb),
            image,
            body_html: crate::article::Body::new(&html::sanitize(&body.html)),
            paragraphs: crate::article::Paragraphs::new(&body.paragraphs),
            citations,
            requested_regions: draft.regions.clone(),
            requested_regions_line: draft.regions_line,
            draft: draft.draft,
        })
    }
}

/// True when `mangled` is `original` with some characters replaced by placeholders, as
/// exporters do with quotes (`打造_首选地_` for `打造“首选地”`).
pub fn is_mangled_copy(mangled: &str, original: &str) -> bool {
    if mangled == original {
        return true;
    }
    let (m, o): (Vec<char>, Vec<char>) = (mangled.chars().collect(), original.chars().collect());
    m.len() == o.len()
        && m.iter()
            .zip(&o)
            .all(|(a, b)| a == b || matches!(a, '_' | '?' | ' ' | '-' | '？'))
}

/// Ends a summary that was cut mid-sentence with an ellipsis.
fn complete_sentence(text: &str) -> String {
    let text = text.trim();
    match text.chars().last() {
        None => String::new(),
        Some('。' | '！' | '？' | '”' | '…' | '」' | '.' | '!' | '?') => text.to_string(),
        Some(_) => format!("{text}…"),
    }
}

/// The first paragraph (without its dateline), cut at a sentence end near
/// [`EXCERPT_CHARS`].
pub fn excerpt(paragraphs: &[String]) -> String {
    let Some(first) = paragraphs.iter().find(|p| p.chars().count() >= 10) else {
        return paragraphs.first().cloned().unwrap_or_default();
    };
    let text = dateline::strip_leading(first);
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= EXCERPT_CHARS {
        return text.to_string();
    }
    let window = &chars[..EXCERPT_CHARS];
    match window
        .iter()
        .rposition(|c| matches!(c, '。' | '！' | '？' | '；'))
    {
        Some(end) if end >= EXCERPT_CHARS / 3 => window[..=end].iter().collect(),
        _ => window.iter().collect::<String>() + "…",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mangled_titles() {
        assert!(is_mangled_copy(
            "上海市与这个国家部委会商签约，要打造_首选地_和_新热土_",
            "上海市与这个国家部委会商签约，要打造“首选地”和“新热土”"
        ));
        assert!(!is_mangled_copy("新浪改过的标题", "原来的标题不同"));
        assert!(!is_mangled_copy("短", "长一些"));
    }

    #[test]
    fn summaries() {
        assert_eq!(
            complete_sentence("最新又印发《“十四五”国家"),
            "最新又印发《“十四五”国家…"
        );
        assert_eq!(complete_sentence("完整的句子。"), "完整的句子。");
        let long = "甲".repeat(50) + "。" + &"乙".repeat(100);
        assert_eq!(excerpt(&[long]), "甲".repeat(50) + "。");
        let dated = "新华社北京12月7日电（记者李春宇）会议举行，与会嘉宾共论知识产权。".to_string();
        assert_eq!(excerpt(&[dated]), "会议举行，与会嘉宾共论知识产权。");
    }
}
