//! Syntax highlighting for fenced code, with CSS classes (the theme lives in
//! `static/syntax.css`). The syntax definitions are loaded on first use only, so sites
//! without code blocks never pay for them.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
}

impl Highlighter {
    pub fn new() -> Self {
        Highlighter::default()
    }

    pub fn is_loaded(&self) -> bool {
        self.syntaxes.get().is_some()
    }

    /// Highlights `code` written in `lang`; `None` if the language is unknown.
    pub fn highlight(&self, code: &str, lang: &str) -> Option<String> {
        let syntaxes = self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines);
        let syntax = syntaxes
            .find_syntax_by_token(lang)
            .or_else(|| syntaxes.find_syntax_by_extension(lang))?;
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator
                .parse_html_for_line_which_includes_newline(line)
                .ok()?;
        }
        Some(generator.finalize())
    }
}

/// The stylesheet for the highlighting classes (kept in `static/syntax.css`).
pub fn stylesheet() -> Result<String, String> {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    let theme = themes
        .themes
        .get("InspiredGitHub")
        .ok_or("the InspiredGitHub theme is missing")?;
    syntect::html::css_for_theme_with_class_style(theme, CLASS_STYLE).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_lazily_and_highlights_with_classes() {
        let h = Highlighter::new();
        assert!(!h.is_loaded());
        let html = h
            .highlight("fn main() {}\n", "rust")
            .expect("rust is known");
        assert!(h.is_loaded());
        assert!(html.contains("class=\"hl-"), "{html}");
        assert_eq!(h.highlight("x", "no-such-language"), None);
    }

    #[test]
    fn committed_stylesheet_is_current() {
        let generated = stylesheet().expect("theme exists");
        if std::env::var_os("DIGEST_BLESS").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/static/syntax.css");
            std::fs::write(path, &generated).expect("write static/syntax.css");
        }
        let committed = include_str!("../../static/syntax.css");
        assert_eq!(
            committed, generated,
            "run DIGEST_BLESS=1 cargo test to regenerate"
        );
    }
}
