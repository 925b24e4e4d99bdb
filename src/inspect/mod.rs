//! `digest inspect FILE`: what digest read from one file and why — each field with where
//! it came from, the regions with the evidence that decided them, what cleaning removed or
//! converted, and the warnings a build or `check` would give for it. Nothing is written.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::article::Placed;
use crate::classify::{self, RegionEvidence, Why};
use crate::clean::Cleaner;
use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::extract::{self, Body, Draft, Field, Origin};
use crate::load::{self, RawDocument};
use crate::route::Route;
use crate::zh::pinyin;
use crate::{Toolkit, check, site};

/// One field: its value and where it was read.
#[derive(Debug, Clone, Serialize)]
pub struct FieldReport {
    pub name: &'static str,
    pub value: Option<String>,
    /// Where it came from, in words (`the page's <h1>`, `front matter`).
    pub from: String,
    /// The line of the file it was read from, where there is one.
    pub line: Option<usize>,
}

/// The regions chosen and the evidence.
#[derive(Debug, Clone, Serialize)]
pub struct RegionsReport {
    pub chosen: Vec<String>,
    /// Why, in words.
    pub why: String,
    pub fallback_used: bool,
    pub min_score: u32,
    pub evidence: Vec<RegionEvidence>,
}

/// What cleaning took out or changed.
#[derive(Debug, Clone, Serialize)]
pub struct CleaningReport {
    /// Text removed from inside the body as page chrome.
    pub removed: Vec<String>,
    pub pinyin_readings_removed: usize,
    /// Characters changed by script conversion, and to which script.
    pub characters_converted: usize,
    pub converted_to: &'static str,
}

/// Everything `inspect` says about one file.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub file: PathBuf,
    /// What the file was read as (`saved web page`, …).
    pub shape: &'static str,
    pub encoding: &'static str,
    pub front_matter: bool,
    pub fields: Vec<FieldReport>,
    /// The article's page, and how its address was decided.
    pub address: String,
    pub address_from: String,
    pub regions: RegionsReport,
    pub cleaning: CleaningReport,
    pub paragraphs: usize,
    pub characters: usize,
    pub warnings: Vec<serde_json::Value>,
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads `file` (a path as the editor typed it) of the site at `root` as a build would.
/// Fails with the build's own error when the file cannot be made into an article.
pub fn inspect(root: &Path, file: &Path) -> Result<Report, Vec<Diagnostic>> {
    let config = crate::load_config(root, None)?;
    let toolkit = Toolkit::new().map_err(|d| vec![d])?;
    let raw = read(root, file).map_err(|d| vec![d])?;
    let draft = extract::extract(&raw).map_err(|d| vec![d])?;
    let cleaner = Cleaner {
        converter: toolkit.converter.as_ref(),
        script: config.script,
        highlighter: &toolkit.highlighter,
    };
    let article = cleaner.clean(&draft).map_err(|d| vec![d])?;
    let (regions, why) =
        classify::decide(&article, &config.regions, &config.classify).map_err(|d| vec![d])?;
    let evidence = classify::evidence_of(&article, &config.regions, &config.classify);
    let derived_slug = site::slug::derive(&article);
    let placed = Placed {
        article,
        regions,
        derived_slug,
    };

    let fields = fields(&draft, &placed, &raw.text);
    let (address, address_from) = address(root, &placed)?;
    let cleaning = cleaning(&draft, &raw.text, &config, &toolkit);
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    let text = raw.text.clone();
    let diagnostics = check::content::lint(
        std::slice::from_ref(&placed),
        &config,
        &|_: &Path| Some(text.clone()),
        today,
    );
    let fallback_used = why == Why::Fallback;
    let why = match why {
        Why::Requested => "regions: in front matter".to_string(),
        Why::Claimed => format!(
            "each reached the minimum score of {}",
            config.classify.min_score
        ),
        Why::NationalAlone => format!(
            "national evidence outweighed every city's {} times over; a city named as a venue or an example does not count",
            config.classify.national_weight
        ),
        Why::Fallback => format!(
            "no region reached the minimum score of {}: the fallback region",
            config.classify.min_score
        ),
    };
    let chosen = placed
        .regions
        .iter()
        .map(|id| config.region(id).map_or(id.clone(), |r| r.name.clone()))
        .collect();
    Ok(Report {
        file: raw.input.clone(),
        shape: raw.shape.describe(),
        encoding: raw.encoding,
        front_matter: raw.front_matter,
        fields,
        address,
        address_from,
        regions: RegionsReport {
            chosen,
            why,
            fallback_used,
            min_score: config.classify.min_score,
            evidence,
        },
        cleaning,
        paragraphs: placed.paragraphs.len(),
        characters: placed.text_length(),
        warnings: diagnostics.iter().map(Diagnostic::to_json).collect(),
        diagnostics,
    })
}

/// The file as the build reads it: by its path under the root when it is in the site,
/// else from wherever it is (a page not yet added). A relative path is taken from the
/// current directory, or else from the root (`content/x.html` with `--root site`).
fn read(root: &Path, file: &Path) -> Result<RawDocument, Diagnostic> {
    let file = if file.is_relative() && !file.exists() && root.join(file).exists() {
        &root.join(file)
    } else {
        file
    };
    let absolute = std::fs::canonicalize(file)
        .map_err(|e| Diagnostic::error(file, format!("cannot read: {e}")))?;
    match std::fs::canonicalize(root)
        .ok()
        .and_then(|r| absolute.strip_prefix(r).ok().map(Path::to_path_buf))
    {
        Some(relative) => load::load(root, &relative),
        None => {
            let bytes = std::fs::read(&absolute)
                .map_err(|e| Diagnostic::error(file, format!("cannot read: {e}")))?;
            let mut raw = load::from_bytes(file, &bytes)?;
            raw.modified = std::fs::metadata(&absolute).and_then(|m| m.modified()).ok();
            Ok(raw)
        }
    }
}

/// Each field with its origin; values as cleaned (what the site shows).
fn fields(draft: &Draft, placed: &Placed, text: &str) -> Vec<FieldReport> {
    let date = match placed.published.time {
        Some(time) => format!("{} {}", placed.published.date, time.format("%H:%M")),
        None => placed.published.date.to_string(),
    };
    let rows: [(&'static str, Field, Option<String>); 8] = [
        ("headline", Field::Title, Some(placed.title.clone())),
        ("date", Field::Date, Some(date)),
        ("source", Field::Source, placed.source.clone()),
        ("original", Field::SourceUrl, placed.source_url.clone()),
        ("author", Field::Author, placed.author.clone()),
        ("editor", Field::Editor, placed.editor.clone()),
        ("agency", Field::Agency, placed.agency.clone()),
        ("summary", Field::Summary, Some(placed.summary.clone())),
    ];
    rows.into_iter()
        .map(|(name, field, value)| {
            let (from, line) = match (draft.origin(field), &value) {
                (_, None) => ("not found".to_string(), None),
                (Some(origin), Some(_)) => describe(origin, text),
                (None, Some(_)) => (
                    match field {
                        Field::Summary => "the body's first sentences",
                        Field::Agency => "the dateline",
                        Field::Title => "the original headline (原标题) in the body",
                        Field::Source => "the body (a 来源 line), or an export's categories",
                        _ => "the body (byline, dateline or closing line)",
                    }
                    .to_string(),
                    None,
                ),
            };
            FieldReport {
                name,
                value,
                from,
                line,
            }
        })
        .collect()
}

/// An origin in words, with the file's line where one is known or can be found.
fn describe(origin: &Origin, text: &str) -> (String, Option<usize>) {
    match origin {
        Origin::FrontMatter { line } => ("front matter".to_string(), Some(*line)),
        Origin::Line { line, text: shown } => {
            let line = line.or_else(|| line_holding(text, shown));
            (format!("the page's text: {}", shorten_trimmed(shown, 50)), line)
        }
        Origin::Markup(how) => (how.clone(), None),
        Origin::Address => ("the page's address".to_string(), None),
        Origin::Dateline => (
            "the dateline's month and day, the year from the file's time".to_string(),
            None,
        ),
        Origin::FileTime => (
            "when the page was fetched (fetched:), else the file's modification time: no date was found".to_string(),
            None,
        ),
        Origin::FirstSentence => (
            "the body's first sentence: no headline was found".to_string(),
            None,
        ),
    }
}

/// The first line of `text` holding the start of `shown` (a web page's text line, which
/// may be split by markup further on).
fn line_holding(text: &str, shown: &str) -> Option<usize> {
    let needle: String = shown.trim().chars().take(10).collect();
    if needle.is_empty() {
        return None;
    }
    text.lines()
        .position(|l| l.contains(&needle))
        .map(|i| i + 1)
}

/// `text` without its surrounding whitespace, cut to `chars` characters.
fn shorten_trimmed(text: &str, chars: usize) -> String {
    check::content::excerpt(text.trim(), chars)
}

/// The article's page and how its address was decided.
fn address(root: &Path, placed: &Placed) -> Result<(String, String), Vec<Diagnostic>> {
    let recorded = load::addresses::Addresses::read(root).map_err(|d| vec![d])?;
    let key = load::addresses::key_of(&placed.input);
    let (slug, how) = match (recorded.articles.get(&key), &placed.requested_slug) {
        (Some(r), _) => (
            r.slug.clone(),
            format!("recorded in {}", load::addresses::ADDRESSES_FILE),
        ),
        (None, Some(requested)) => (
            site::slug::sanitise(requested),
            "slug: in front matter".to_string(),
        ),
        (None, None) => (
            placed.derived_slug.clone(),
            "made from the date and headline; recorded at the next build".to_string(),
        ),
    };
    Ok((Route::Article(slug).path(), how))
}

/// What cleaning removed and converted in the body. Pinyin readings are counted over the
/// whole file, as scraped pages lose them while being read.
fn cleaning(draft: &Draft, file: &str, config: &SiteConfig, toolkit: &Toolkit) -> CleaningReport {
    let body = match &draft.body {
        Body::Paragraphs(p) => p.join("\n"),
        Body::Html(text) | Body::Markdown(text) => text.clone(),
    };
    let converted = toolkit.converter.convert(&body, config.script);
    let characters_converted = body
        .chars()
        .zip(converted.chars())
        .filter(|(a, b)| a != b)
        .count();
    let parens = |t: &str| t.chars().filter(|c| matches!(c, '(' | '（')).count();
    let whole = toolkit.converter.convert(file, config.script);
    let pinyin_readings_removed = parens(&whole).saturating_sub(parens(&pinyin::strip(&whole)));
    CleaningReport {
        removed: draft.removed.clone(),
        pinyin_readings_removed,
        characters_converted,
        converted_to: if config.script.is_traditional() {
            "Traditional"
        } else {
            "Simplified"
        },
    }
}

/// The report as the editor reads it.
pub fn to_text(report: &Report, config_regions: &dyn Fn(&str) -> String) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{}", report.file.display());
    let _ = writeln!(
        out,
        "  read as   {}, {}{}",
        report.shape,
        report.encoding,
        if report.front_matter {
            ", under front matter"
        } else {
            ""
        }
    );
    for field in &report.fields {
        let value = field
            .value
            .as_deref()
            .map_or("—".to_string(), |v| shorten_trimmed(v, 40));
        let at = field.line.map_or(String::new(), |l| format!("line {l}, "));
        let _ = writeln!(
            out,
            "  {:<9} {value}\n            ← {at}{}",
            field.name, field.from
        );
    }
    let _ = writeln!(
        out,
        "  address   {}\n            ← {}",
        report.address, report.address_from
    );
    let _ = writeln!(
        out,
        "regions: {} — {}",
        report.regions.chosen.join(", "),
        report.regions.why
    );
    for region in &report.regions.evidence {
        let hits: Vec<String> = region
            .hits
            .iter()
            .map(|h| {
                let passing = match h.incidental {
                    0 => String::new(),
                    n => format!(", {n} in passing"),
                };
                format!("{} in the {} ×{}{passing}", h.keyword, h.part, h.count)
            })
            .collect();
        let laws = match region.national_laws {
            0 => String::new(),
            n => format!("; national laws cited ×{n}"),
        };
        let _ = writeln!(
            out,
            "  {:<10} score {:>3} (about it: {}){}{laws}",
            config_regions(&region.id),
            region.score,
            region.about,
            if hits.is_empty() {
                String::new()
            } else {
                format!(": {}", hits.join("; "))
            }
        );
    }
    let c = &report.cleaning;
    let _ = writeln!(out, "cleaning:");
    let _ = writeln!(
        out,
        "  removed from the body as page chrome: {}",
        c.removed.len()
    );
    for removed in &c.removed {
        let _ = writeln!(out, "    - {}", shorten_trimmed(removed, 50));
    }
    let _ = writeln!(
        out,
        "  pinyin readings removed: {}",
        c.pinyin_readings_removed
    );
    let _ = writeln!(
        out,
        "  characters converted to {}: {}",
        c.converted_to, c.characters_converted
    );
    let _ = writeln!(
        out,
        "body: {} paragraphs, {} characters",
        report.paragraphs, report.characters
    );
    if report.diagnostics.is_empty() {
        let _ = writeln!(out, "warnings: none");
    } else {
        let _ = writeln!(out, "warnings:");
        for d in &report.diagnostics {
            let _ = writeln!(out, "{d}");
        }
    }
    out
}
