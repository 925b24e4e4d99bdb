//! `addresses.toml`: the address each article was given when digest first saw it, kept in
//! the site's repository so that fixing a headline or a date never moves an article, also
//! when the site is built from a fresh clone. digest adds a line for each new article; an
//! editor may edit it (an `aliases` list makes old addresses redirect).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::Diagnostic;

pub const ADDRESSES_FILE: &str = "addresses.toml";

const HEADER: &str = "\
# Written by digest: the address of each article, given when it was first built, so that
# correcting a headline or a date never moves it. Commit this file with the content.
# To move an article, set `slug:` in its front matter: its old address then redirects
# to the new one (listed under `aliases`). Lines of deleted articles stay, so that their
# addresses are never given to another article.
";

/// One article's recorded address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recorded {
    pub slug: String,
    /// Earlier addresses, oldest first: each redirects to `slug`.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The original article's address, to recognise the article if its file is renamed.
    #[serde(default)]
    pub source_url: Option<String>,
}

impl Recorded {
    /// The article's first address, which names it for good (feed entry ids).
    pub fn first(&self) -> &str {
        self.aliases.first().unwrap_or(&self.slug)
    }
}

/// Recorded addresses by input path (relative to the site root, `/`-separated).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Addresses {
    #[serde(default)]
    pub articles: BTreeMap<String, Recorded>,
}

impl Addresses {
    /// Reads `addresses.toml` under `root`; a site without one has none recorded yet.
    pub fn read(root: &Path) -> Result<Addresses, Diagnostic> {
        let path = root.join(ADDRESSES_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Addresses::default()),
            Err(e) => {
                return Err(Diagnostic::error(
                    ADDRESSES_FILE,
                    format!("cannot read it: {e}"),
                ));
            }
        };
        Addresses::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Addresses, Diagnostic> {
        toml::from_str(text).map_err(|e| {
            let mut d = Diagnostic::error(ADDRESSES_FILE, e.message().to_string());
            d.line = e
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            d.hint("each line reads \"content/file.md\" = { slug = \"address\" }; delete a broken line and digest records the article again")
        })
    }

    /// The file's text: one line per article, in path order, so that a change is one line
    /// in a diff.
    pub fn to_toml(&self) -> String {
        let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut out = String::from(HEADER);
        out.push_str("\n[articles]\n");
        for (input, recorded) in &self.articles {
            out.push_str(&quote(input));
            out.push_str(" = { slug = ");
            out.push_str(&quote(&recorded.slug));
            if !recorded.aliases.is_empty() {
                let aliases: Vec<String> = recorded.aliases.iter().map(|a| quote(a)).collect();
                out.push_str(", aliases = [");
                out.push_str(&aliases.join(", "));
                out.push(']');
            }
            if let Some(url) = &recorded.source_url {
                out.push_str(", source_url = ");
                out.push_str(&quote(url));
            }
            out.push_str(" }\n");
        }
        out
    }
}

/// An input path as `addresses.toml` names it.
pub fn key_of(input: &Path) -> String {
    input
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_text_reads_back_the_same() {
        let mut addresses = Addresses::default();
        addresses.articles.insert(
            "content/a \"b\".md".to_string(),
            Recorded {
                slug: "2021-12-07-jing-gang".to_string(),
                aliases: vec!["old".to_string(), "older".to_string()],
                source_url: Some("https://www.gov.cn/x.htm".to_string()),
            },
        );
        addresses.articles.insert(
            "content/新闻.txt".to_string(),
            Recorded {
                slug: "x".to_string(),
                ..Recorded::default()
            },
        );
        let text = addresses.to_toml();
        assert_eq!(text.lines().filter(|l| l.contains("slug =")).count(), 2);
        assert_eq!(Addresses::parse(&text).expect("parses"), addresses);
    }

    #[test]
    fn a_broken_line_is_reported_with_its_number() {
        let text =
            "[articles]\n\"content/a.md\" = { slug = \"a\" }\n\"content/b.md\" = { slug = 3 }\n";
        let d = Addresses::parse(text).expect_err("a number is not a slug");
        assert_eq!(d.file, Path::new(ADDRESSES_FILE));
        assert_eq!(d.line, Some(3));
    }

    #[test]
    fn the_first_address_names_the_article() {
        let moved = Recorded {
            slug: "new".into(),
            aliases: vec!["first".into(), "second".into()],
            source_url: None,
        };
        assert_eq!(moved.first(), "first");
        assert_eq!(
            Recorded {
                slug: "only".into(),
                ..Recorded::default()
            }
            .first(),
            "only"
        );
    }
}
