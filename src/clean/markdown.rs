//! Markdown to HTML with pulldown-cmark; fenced code is highlighted by syntect.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd, html};

use super::highlight::Highlighter;

pub fn to_html(markdown: &str, highlighter: &Highlighter) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut events = Vec::new();
    let mut code: Option<(String, String)> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Text(text) if code.is_some() => {
                if let Some((_, buffer)) = code.as_mut() {
                    buffer.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, buffer)) = code.take() {
                    events.push(Event::Html(code_block(&lang, &buffer, highlighter).into()));
                }
            }
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

fn code_block(lang: &str, code: &str, highlighter: &Highlighter) -> String {
    let highlighted = if lang.is_empty() {
        None
    } else {
        highlighter.highlight(code, lang)
    };
    match highlighted {
        Some(spans) => format!("<pre class=\"code\"><code>{spans}</code></pre>"),
        None => format!(
            "<pre class=\"code\"><code>{}</code></pre>",
            crate::markup::escape(code)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_paragraphs_and_tables() {
        let h = Highlighter::new();
        let html = to_html(
            "# 标题\n\n正文**加粗**。\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            &h,
        );
        assert!(html.contains("<h1>标题</h1>"));
        assert!(html.contains("<strong>加粗</strong>"));
        assert!(html.contains("<table>"));
        assert!(!h.is_loaded(), "no code block, no syntax loading");
    }

    #[test]
    fn fenced_code_is_highlighted() {
        let h = Highlighter::new();
        let html = to_html("```rust\nlet x = 1;\n```\n", &h);
        assert!(
            html.contains("<pre class=\"code\"><code><span class=\"hl-"),
            "{html}"
        );
    }

    #[test]
    fn unknown_language_is_escaped_plainly() {
        let h = Highlighter::new();
        let html = to_html("```nosuch\n<b>\n```\n", &h);
        assert!(html.contains("&lt;b&gt;"), "{html}");
    }
}
