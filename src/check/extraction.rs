//! Scores digest's extraction against a folder of real pages with hand-made expectations
//! (`expected.json`, in the format of the development corpus): headline, date, body
//! snippets that must be found and page chrome that must not. Text is compared as
//! `score_extraction.py` compares it: converted to Simplified script, with everything but
//! letters and digits removed.
//!
//! Used by `cargo run --release --example extract-eval -- DIR` and by the corpus test.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::config::SiteConfig;
use crate::zh::script::Script;
use crate::{Toolkit, load};

/// One page's expectations.
#[derive(Debug, Clone, Deserialize)]
pub struct Expected {
    pub title: Option<String>,
    pub date: Option<String>,
    #[serde(default)]
    pub body: Vec<String>,
    #[serde(default)]
    pub junk: Vec<String>,
    pub regions: Option<Vec<String>>,
}

/// Passed and total checks of one kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub passed: usize,
    pub total: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.passed += usize::from(ok);
    }
}

/// The result over a folder.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub built: Tally,
    pub title: Tally,
    pub date: Tally,
    pub body: Tally,
    pub junk: Tally,
    pub regions: Tally,
    /// One line per failed check.
    pub misses: Vec<String>,
    /// Time spent in load, extract, clean and classify (no rendering).
    pub elapsed: Duration,
    /// Of which on saved web pages, and how many there were.
    pub web_page_elapsed: Duration,
    pub web_pages: usize,
}

impl Report {
    /// Share of the title, date, body and junk checks passed (the referee's score).
    pub fn score(&self) -> f64 {
        let passed = self.title.passed + self.date.passed + self.body.passed + self.junk.passed;
        let total = self.title.total + self.date.total + self.body.total + self.junk.total;
        if total == 0 {
            0.0
        } else {
            passed as f64 / total as f64
        }
    }

    /// The per-field table, as the referee prints it.
    pub fn table(&self) -> String {
        let cell = |t: Tally| format!("{:>4}/{:<4}", t.passed, t.total);
        format!(
            "pages  built      title      date       body       junk       regions    score   pages/s\n\
             {:<6} {} {} {} {} {} {} {:>5.1}%  {:>8.0}",
            self.pages,
            cell(self.built),
            cell(self.title),
            cell(self.date),
            cell(self.body),
            cell(self.junk),
            cell(self.regions),
            self.score() * 100.0,
            self.pages as f64 / self.elapsed.as_secs_f64().max(1e-9),
        )
    }
}

/// Letters and digits only.
fn squash(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Text of an HTML body, tags dropped and entities decoded.
pub fn body_text(html: &str) -> String {
    let fragment = scraper::Html::parse_fragment(html);
    fragment.root_element().text().collect()
}

/// What an extractor made of one page, for scoring.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub title: String,
    /// `YYYY-MM-DD`, empty when none.
    pub date: String,
    /// The body as plain text.
    pub text: String,
    pub regions: Vec<String>,
}

/// Reads `dir/expected.json`.
pub fn expectations(dir: &Path) -> Result<BTreeMap<String, Expected>, String> {
    let expected_path = dir.join("expected.json");
    let raw = std::fs::read_to_string(&expected_path)
        .map_err(|e| format!("{}: {e}", expected_path.display()))?;
    serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", expected_path.display()))
}

/// Scores what an extractor made of each page (`Err`: the page was not built) against the
/// expectations, with `norm` normalising text (to Simplified, letters and digits only).
pub fn score(
    expected: &BTreeMap<String, Expected>,
    got: &BTreeMap<String, Result<Extracted, String>>,
    norm: &dyn Fn(&str) -> String,
) -> Report {
    let mut report = Report::default();
    for (name, e) in expected {
        let Some(result) = got.get(name) else {
            continue;
        };
        report.pages += 1;
        let article = match result {
            Ok(a) => Some(a),
            Err(message) => {
                report.misses.push(format!("{name}: not built: {message}"));
                None
            }
        };
        report.built.add(article.is_some());
        let raw_text = article.map(|a| a.text.as_str()).unwrap_or("");
        let text = norm(raw_text);
        if let Some(title) = &e.title {
            let got = article.map(|a| a.title.as_str()).unwrap_or("");
            let ok = norm(got) == norm(title);
            report.title.add(ok);
            if !ok {
                report
                    .misses
                    .push(format!("{name}: title {got:?}, expected {title:?}"));
            }
        }
        if let Some(date) = &e.date {
            let got = article.map(|a| a.date.as_str()).unwrap_or("");
            let ok = got == date;
            report.date.add(ok);
            if !ok {
                report
                    .misses
                    .push(format!("{name}: date {got:?}, expected {date}"));
            }
        }
        for snippet in &e.body {
            let s = norm(snippet);
            let ok = !s.is_empty() && text.contains(&s);
            report.body.add(ok);
            if !ok {
                report
                    .misses
                    .push(format!("{name}: body lacks {snippet:?}"));
            }
        }
        for junk in &e.junk {
            let j = norm(junk);
            let left = if j.is_empty() {
                raw_text.contains(junk.as_str())
            } else {
                text.contains(&j)
            };
            let ok = !text.is_empty() && !left;
            report.junk.add(ok);
            if !ok {
                report.misses.push(format!("{name}: junk left {junk:?}"));
            }
        }
        if let Some(regions) = &e.regions {
            let mut want = regions.clone();
            want.sort();
            let mut got = article.map(|a| a.regions.clone()).unwrap_or_default();
            got.sort();
            let ok = got == want;
            report.regions.add(ok);
            if !ok {
                report
                    .misses
                    .push(format!("{name}: regions {got:?}, expected {want:?}"));
            }
        }
    }
    report
}

/// Scores every page named in `dir/expected.json`, extracting with the site at `site_root`
/// (its site.toml decides regions and script).
pub fn evaluate(dir: &Path, site_root: &Path) -> Result<Report, String> {
    let expected = expectations(dir)?;
    let config = SiteConfig::load(site_root).map_err(|d| {
        d.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let toolkit = Toolkit::new().map_err(|d| d.to_string())?;
    let norm = |text: &str| squash(&toolkit.converter.convert(text, Script::Simplified));

    let mut got = BTreeMap::new();
    let (mut elapsed, mut web_page_elapsed, mut web_pages) = (Duration::ZERO, Duration::ZERO, 0);
    for name in expected.keys() {
        let input = PathBuf::from(name);
        let bytes = std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
        let one = Instant::now();
        let raw = load::from_bytes(&input, &bytes);
        let web_page = raw.as_ref().is_ok_and(|r| r.shape == load::Shape::WebPage);
        let article = raw.and_then(|raw| crate::process_document(raw, &config, &toolkit));
        let took = one.elapsed();
        elapsed += took;
        if web_page {
            web_pages += 1;
            web_page_elapsed += took;
        }
        let extracted = article
            .map(|a| Extracted {
                title: a.title.clone(),
                date: a.published.date.to_string(),
                text: body_text(&a.body_html.text()),
                regions: a.regions.clone(),
            })
            .map_err(|d| d.message);
        got.insert(name.clone(), extracted);
    }
    let mut report = score(&expected, &got, &norm);
    report.elapsed = elapsed;
    report.web_page_elapsed = web_page_elapsed;
    report.web_pages = web_pages;
    Ok(report)
}

/// The same normalisation the scorer applies, for other extractors' output.
pub fn normaliser() -> Result<impl Fn(&str) -> String, String> {
    let toolkit = Toolkit::new().map_err(|d| d.to_string())?;
    Ok(move |text: &str| squash(&toolkit.converter.convert(text, Script::Simplified)))
}
