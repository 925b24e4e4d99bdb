//! YAML front matter between `---` lines (Hexo/Sina exports, hand-written articles, and
//! corrections an editor writes over a saved or scraped page). Its fields override what
//! extraction found in the body, whatever the body's shape.

use serde::Deserialize;

use super::date::{DateSource, Published};
use super::{Body, Draft, ExtractError, Field, Origin};

/// Front matter and body of a document, with the line numbers needed for error reports.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the first YAML line in the file.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
}

/// Splits `---\nyaml\n---\nbody`. Blank lines before the opening fence are allowed.
pub fn split(text: &str) -> Result<Split<'_>, ExtractError> {
    let mut offset = 0;
    let mut line_no: usize = 0;
    let mut lines = text.split_inclusive('\n');
    // Opening fence.
    loop {
        let Some(line) = lines.next() else {
            return Err(ExtractError::at(1, "no front matter found"));
        };
        line_no += 1;
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" {
            break;
        }
        if !trimmed.is_empty() {
            return Err(ExtractError::at(
                line_no,
                "front matter must start with a '---' line",
            ));
        }
    }
    let opening_line = line_no;
    let yaml_start = offset;
    for line in lines {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: opening_line + 1,
                body: &text[offset + line.len()..],
                body_line: line_no + 2,
            });
        }
        line_no += 1;
        offset += line.len();
    }
    Err(
        ExtractError::at(opening_line, "the front matter opened here is never closed")
            .hint("add a line with only '---' after the last front-matter key"),
    )
}

/// A scalar YAML value read as text (titles like `2021` are numbers to YAML).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Scalar {
    fn into_string(self) -> String {
        match self {
            Scalar::Text(s) => s,
            Scalar::Int(n) => n.to_string(),
            Scalar::Float(n) => n.to_string(),
            Scalar::Bool(b) => b.to_string(),
        }
    }
}

/// A key that may hold one value or a list of them (`tags: a` or `tags: [a, b]`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(Scalar),
    Many(Vec<Scalar>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.into_string()],
            OneOrMany::Many(v) => v.into_iter().map(Scalar::into_string).collect(),
        }
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
    }
}

/// The keys digest reads. Other keys (Hexo's `comments:`, …) are ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct FrontMatter {
    title: Option<Scalar>,
    date: Option<Scalar>,
    categories: Option<OneOrMany>,
    tags: Option<OneOrMany>,
    author: Option<Scalar>,
    headimg: Option<String>,
    thumbnail: Option<String>,
    image: Option<String>,
    // Our own keys.
    slug: Option<Scalar>,
    // Read loosely and checked below, so a wrong type is reported at its own line.
    regions: Option<serde_norway::Value>,
    source: Option<Scalar>,
    source_url: Option<Scalar>,
    agency: Option<Scalar>,
    editor: Option<Scalar>,
    summary: Option<Scalar>,
    draft: Option<bool>,
    fetched: Option<Scalar>,
}

/// `regions:` must be a region id or a list of ids; anything else is an error.
fn region_list(value: serde_norway::Value) -> Option<Vec<String>> {
    use serde_norway::Value;
    match value {
        Value::String(id) => Some(vec![id]),
        Value::Sequence(items) => items
            .into_iter()
            .map(|item| match item {
                Value::String(id) => Some(id),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// What front matter says about an article: each field, where given, replaces what
/// extraction found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corrections {
    pub title: Option<String>,
    pub title_line: usize,
    pub date: Option<Published>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub source_url: Option<String>,
    pub agency: Option<String>,
    pub editor: Option<String>,
    pub summary: Option<String>,
    pub image: Option<String>,
    pub slug: Option<String>,
    pub slug_line: usize,
    pub regions: Option<Vec<String>>,
    pub regions_line: usize,
    pub draft: bool,
    /// Keys digest does not know (with a did-you-mean where one is close).
    pub warnings: Vec<ExtractError>,
    /// The line of each key given.
    pub lines: Vec<(Field, usize)>,
    /// When `digest add` fetched the page.
    pub fetched: Option<chrono::NaiveDate>,
}

/// The keys digest reads (each a field of [`FrontMatter`]), plus `fetched`, which
/// `digest add` writes for the editor's information.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "date",
    "categories",
    "tags",
    "author",
    "headimg",
    "thumbnail",
    "image",
    "slug",
    "regions",
    "source",
    "source_url",
    "agency",
    "editor",
    "summary",
    "draft",
    "fetched",
];

/// Keys that blog exporters (Hexo, Jekyll, Hugo, Zola, WordPress exports) write and that
/// mean nothing to a digest: accepted without a word, so that exports need no editing.
const EXPORTER_KEYS: &[&str] = &[
    "layout",
    "comments",
    "updated",
    "lastmod",
    "permalink",
    "excerpt",
    "description",
    "keywords",
    "cover",
    "top",
    "toc",
    "mathjax",
    "photos",
    "sticky",
    "copyright",
    "reward",
    "lang",
    "published",
    "category",
    "weight",
    "type",
    "url",
    "id",
    "banner_img",
    "index_img",
    "disableNunjucks",
    "expiryDate",
    "publishDate",
    "series",
    "images",
    "extra",
    "taxonomies",
    "template",
];

/// A warning for each key that is neither read nor a known exporter's, naming the key
/// digest reads that it most likely meant.
fn unknown_keys(split: &Split<'_>) -> Vec<ExtractError> {
    let Ok(serde_norway::Value::Mapping(map)) =
        serde_norway::from_str::<serde_norway::Value>(split.yaml)
    else {
        return Vec::new();
    };
    map.keys()
        .filter_map(|key| key.as_str())
        .filter(|key| !KNOWN_KEYS.contains(key) && !EXPORTER_KEYS.contains(key))
        .map(|key| {
            let line = key_line(split, key);
            let warning = ExtractError::at(
                line,
                format!("unknown front-matter key `{key}`: it is ignored"),
            );
            match (key, closest_key(key)) {
                ("aliases", _) => warning.hint(
                    "old addresses are kept in addresses.toml (digest records them itself when a slug changes)",
                ),
                (_, Some(known)) => warning.hint(format!("did you mean `{known}`?")),
                (_, None) => warning.hint(format!(
                    "digest reads: {}",
                    KNOWN_KEYS.join(", ")
                )),
            }
        })
        .collect()
}

/// The known key closest to `key` by edit distance (case and `-` versus `_` aside), if
/// it is close enough to be a slip.
fn closest_key(key: &str) -> Option<&'static str> {
    let typed = key.to_lowercase().replace('-', "_");
    KNOWN_KEYS
        .iter()
        .map(|known| (strsim::damerau_levenshtein(&typed, known), *known))
        .filter(|(distance, known)| *distance <= 2.min(known.len() / 2).max(1))
        .min()
        .map(|(_, known)| known)
}

/// Reads the front matter over `text`; gives the corrections, the body under them and the
/// body's first line in the file.
pub fn read(text: &str) -> Result<(Corrections, &str, usize), ExtractError> {
    let split = split(text)?;
    let front: FrontMatter = if split.yaml.trim().is_empty() {
        FrontMatter::default()
    } else {
        serde_norway::from_str(split.yaml).map_err(|e| yaml_error(&e, &split))?
    };
    let line_of = |key: &str| key_line(&split, key);

    let date = match front.date {
        Some(date) => {
            let raw = date.into_string();
            Some(super::date::parse(&raw).map_err(|message| {
                ExtractError::at(line_of("date"), message)
                    .hint("write dates like 2021-12-07, 2021-12-07 21:43 or Tue, 07 Dec 2021 13:43:43 GMT")
            })?)
        }
        None => None,
    };
    let regions = match front.regions {
        Some(serde_norway::Value::Null) | None => None,
        Some(value) => Some(region_list(value).ok_or_else(|| {
            ExtractError::at(line_of("regions"), "regions must be region ids")
                .hint("write `regions: beijing` or `regions: [beijing, shanghai]`")
        })?),
    };
    let source_url = match text_of(front.source_url) {
        Some(url)
            if url::Url::parse(&url).is_ok_and(|u| matches!(u.scheme(), "http" | "https")) =>
        {
            Some(url)
        }
        Some(url) => {
            return Err(ExtractError::at(
                line_of("source_url"),
                format!("source_url {url:?} is not a web address"),
            )
            .hint("write the original article's address, e.g. source_url: https://www.gov.cn/…"));
        }
        None => None,
    };
    let corrections = Corrections {
        title: text_of(front.title),
        title_line: line_of("title"),
        date,
        categories: front
            .categories
            .map(OneOrMany::into_vec)
            .unwrap_or_default(),
        tags: front.tags.map(OneOrMany::into_vec).unwrap_or_default(),
        author: text_of(front.author),
        source: text_of(front.source),
        source_url,
        agency: text_of(front.agency),
        editor: text_of(front.editor),
        summary: text_of(front.summary),
        image: front.image.or(front.headimg).or(front.thumbnail),
        slug: text_of(front.slug),
        slug_line: line_of("slug"),
        regions,
        regions_line: line_of("regions"),
        draft: front.draft.unwrap_or(false),
        warnings: unknown_keys(&split),
        lines: Vec::new(),
        fetched: match text_of(front.fetched) {
            Some(raw) => Some(
                super::date::parse(&raw)
                    .map_err(|message| {
                        ExtractError::at(line_of("fetched"), message).hint(
                            "`fetched:` is written by digest add, like 2026-11-30T17:40:00+08:00",
                        )
                    })?
                    .date,
            ),
            None => None,
        },
    };
    let mut corrections = corrections;
    let given = [
        (Field::Title, "title", corrections.title.is_some()),
        (Field::Date, "date", corrections.date.is_some()),
        (Field::Source, "source", corrections.source.is_some()),
        (
            Field::SourceUrl,
            "source_url",
            corrections.source_url.is_some(),
        ),
        (Field::Author, "author", corrections.author.is_some()),
        (Field::Editor, "editor", corrections.editor.is_some()),
        (Field::Agency, "agency", corrections.agency.is_some()),
        (Field::Summary, "summary", corrections.summary.is_some()),
        (Field::Regions, "regions", corrections.regions.is_some()),
        (Field::Slug, "slug", corrections.slug.is_some()),
        (Field::Tags, "tags", !corrections.tags.is_empty()),
    ];
    corrections.lines = given
        .into_iter()
        .filter(|(_, _, present)| *present)
        .map(|(field, key, _)| (field, line_of(key)))
        .collect();
    Ok((corrections, split.body, split.body_line))
}

fn text_of(s: Option<Scalar>) -> Option<String> {
    s.map(Scalar::into_string)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

impl Corrections {
    /// Overrides what extraction found with what the editor wrote.
    pub fn apply(self, draft: &mut Draft) {
        if let Some(title) = self.title {
            draft.title = Some(title);
            draft.title_line = Some(self.title_line);
        }
        if let Some(date) = self.date {
            draft.date = Some(date);
            draft.date_source = Some(DateSource::FrontMatter);
        }
        if !self.categories.is_empty() {
            draft.categories = self.categories;
        }
        if !self.tags.is_empty() {
            draft.tags = self.tags;
        }
        let replace = |field: &mut Option<String>, value: Option<String>| {
            if value.is_some() {
                *field = value;
            }
        };
        replace(&mut draft.author, self.author);
        replace(&mut draft.source, self.source);
        replace(&mut draft.source_url, self.source_url);
        replace(&mut draft.agency, self.agency);
        replace(&mut draft.editor, self.editor);
        replace(&mut draft.summary, self.summary);
        replace(&mut draft.image, self.image);
        if self.slug.is_some() {
            draft.slug = self.slug;
        }
        draft.slug_line = Some(self.slug_line);
        if self.regions.is_some() {
            draft.regions = self.regions;
        }
        draft.regions_line = Some(self.regions_line);
        draft.draft |= self.draft;
        draft.warnings.extend(self.warnings);
        draft.fetched = draft.fetched.or(self.fetched);
        for (field, line) in self.lines {
            draft.found(field, Origin::FrontMatter { line });
        }
    }
}

/// A document that is front matter over a Markdown or HTML body taken whole.
pub fn extract(input: &std::path::Path, text: &str) -> Result<Draft, ExtractError> {
    let (corrections, body, _) = read(text)?;
    let mut draft = Draft::empty(input);
    draft.body = if looks_like_html(body) {
        Body::Html(body.to_string())
    } else {
        Body::Markdown(body.to_string())
    };
    corrections.apply(&mut draft);
    Ok(draft)
}

/// An HTML body starts with a tag or a comment; anything else is Markdown (which may
/// still contain inline HTML).
pub fn looks_like_html(body: &str) -> bool {
    let trimmed = body.trim_start();
    trimmed.starts_with("<!--")
        || (trimmed.starts_with('<') && trimmed[1..].starts_with(|c: char| c.is_ascii_alphabetic()))
}

fn yaml_error(error: &serde_norway::Error, split: &Split<'_>) -> ExtractError {
    let message = error.to_string();
    // serde_norway appends " at line L column C"; we report our own position instead.
    let message = match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    let (line, column) = match error.location() {
        // Errors found at the end of the YAML (an unclosed bracket) belong to its last line.
        Some(loc) if loc.line() > split.yaml.lines().count() => (
            split.yaml_line + split.yaml.lines().count().saturating_sub(1),
            None,
        ),
        Some(loc) => (
            split.yaml_line + loc.line().saturating_sub(1),
            Some(loc.column()),
        ),
        None => (split.yaml_line, None),
    };
    let mut e = ExtractError::at(line, format!("invalid front matter: {message}"))
        .hint("front matter is YAML: `key: value` per line; quote values that contain ': '");
    e.column = column;
    e
}

/// The file line on which a top-level key is written (for errors after parsing).
fn key_line(split: &Split<'_>, key: &str) -> usize {
    split
        .yaml
        .lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(split.yaml_line, |i| split.yaml_line + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn splits_and_keeps_line_numbers() {
        let s = split("\n---\ntitle: x\n---\nbody\n").expect("splits");
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.yaml_line, 3);
        assert_eq!(s.body, "body\n");
    }

    #[test]
    fn unterminated_front_matter_names_the_opening_line() {
        let e = split("---\ntitle: x\nbody\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("never closed"));
    }

    #[test]
    fn yaml_error_is_located_in_the_file() {
        let text = "---\ntitle: ok\ndate: [unclosed\n---\nbody";
        let e = extract(Path::new("a.md"), text).unwrap_err();
        assert!(e.line.is_some_and(|l| l >= 3), "{e:?}");
        assert!(
            e.message.starts_with("invalid front matter"),
            "{}",
            e.message
        );
    }

    #[test]
    fn bad_date_names_its_line() {
        let text = "---\ntitle: x\ndate: yesterday\n---\nbody";
        let e = extract(Path::new("a.md"), text).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("yesterday"));
    }

    #[test]
    fn wrong_type_for_regions_is_an_error() {
        let text = "---\ntitle: x\nregions: {a: 1}\n---\nbody";
        assert!(extract(Path::new("a.md"), text).is_err());
    }

    #[test]
    fn scalars_and_lists() {
        let text = "---\ntitle: 2021\ndate: 2021-10-19\ntags: 专利\ncategories: [a, b]\nregions: shanghai\ndraft: true\n---\n# 标题\n";
        let d = extract(Path::new("a.md"), text).expect("valid");
        assert_eq!(d.title.as_deref(), Some("2021"));
        assert_eq!(d.tags, vec!["专利"]);
        assert_eq!(d.categories, vec!["a", "b"]);
        assert_eq!(d.regions, Some(vec!["shanghai".to_string()]));
        assert!(d.draft);
        assert!(matches!(d.body, Body::Markdown(_)));
    }

    #[test]
    fn html_bodies_are_recognised() {
        assert!(looks_like_html("\n<div>   \n<p>x</p>"));
        assert!(looks_like_html("<!-- c --><p>x</p>"));
        assert!(!looks_like_html("# 标题\n<p>x</p>"));
        assert!(!looks_like_html("<2021年> 开头"));
    }
}

#[cfg(test)]
mod key_tests {
    use super::*;

    #[test]
    fn a_misspelt_key_is_a_warning_at_its_line_with_the_key_it_meant() {
        let (corrections, _, _) =
            read("---\ntitle: 标题\nregion: shanghai\nsorce: 人民网\n---\n正文\n").expect("reads");
        let found: Vec<(Option<usize>, &str, Option<&str>)> = corrections
            .warnings
            .iter()
            .map(|w| (w.line, w.message.as_str(), w.hint.as_deref()))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    Some(3),
                    "unknown front-matter key `region`: it is ignored",
                    Some("did you mean `regions`?")
                ),
                (
                    Some(4),
                    "unknown front-matter key `sorce`: it is ignored",
                    Some("did you mean `source`?")
                ),
            ]
        );
    }

    #[test]
    fn a_malformed_fetched_is_an_error_at_its_line() {
        let err = read("---\ntitle: t\nfetched: last tuesday\n---\nx\n").expect_err("bad date");
        assert_eq!(err.line, Some(3), "{err:?}");
        assert!(
            err.hint.as_deref().unwrap_or("").contains("digest add"),
            "{err:?}"
        );
    }

    #[test]
    fn exporters_keys_pass_quietly_and_a_far_key_lists_what_is_read() {
        let (corrections, _, _) = read(
            "---\ntitle: t\ncomments: true\nlayout: post\nthumbnail: https://a/b.jpg\nweather: sunny\n---\nx\n",
        )
        .expect("reads");
        assert_eq!(corrections.warnings.len(), 1, "{:?}", corrections.warnings);
        let hint = corrections.warnings[0].hint.as_deref().unwrap_or("");
        assert!(hint.starts_with("digest reads: title, date"), "{hint}");
    }
}
