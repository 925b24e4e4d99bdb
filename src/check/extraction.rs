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

use crate::config::{Script, SiteConfig};
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
fn body_text(html: &str) -> String {
    let fragment = scraper::Html::parse_fragment(html);
    fragment.root_element().text().collect()
}

/// Scores every page named in `dir/expected.json`, extracting with the site at `site_root`
/// (its site.toml decides regions and script).
pub fn evaluate(dir: &Path, site_root: &Path) -> Result<Report, String> {
    let expected_path = dir.join("expected.json");
    let raw = std::fs::read_to_string(&expected_path)
        .map_err(|e| format!("{}: {e}", expected_path.display()))?;
    let expected: BTreeMap<String, Expected> =
        serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", expected_path.display()))?;
    let config = SiteConfig::load(site_root).map_err(|d| {
        d.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let toolkit = Toolkit::new().map_err(|d| d.to_string())?;
    let norm = |text: &str| squash(&toolkit.converter.convert(text, Script::Simplified));

    let mut report = Report::default();
    let started = Instant::now();
    let mut results = Vec::new();
    for name in expected.keys() {
        let input = PathBuf::from(name);
        let bytes = std::fs::read(dir.join(name)).map_err(|e| format!("{name}: {e}"))?;
        let one = Instant::now();
        let raw = load::from_bytes(&input, &bytes);
        let web_page = raw.as_ref().is_ok_and(|r| r.shape == load::Shape::WebPage);
        let article = raw.and_then(|raw| crate::process_document(raw, &config, &toolkit));
        if web_page {
            report.web_pages += 1;
            report.web_page_elapsed += one.elapsed();
        }
        results.push((name, article));
    }
    report.elapsed = started.elapsed();

    for (name, article) in results {
        let e = &expected[name];
        report.pages += 1;
        let article = match article {
            Ok(a) => Some(a),
            Err(d) => {
                report
                    .misses
                    .push(format!("{name}: not built: {}", d.message));
                None
            }
        };
        report.built.add(article.is_some());
        let text = article
            .as_ref()
            .map(|a| norm(&body_text(&a.body_html)))
            .unwrap_or_default();
        if let Some(title) = &e.title {
            let got = article.as_ref().map(|a| a.title.as_str()).unwrap_or("");
            let ok = norm(got) == norm(title);
            report.title.add(ok);
            if !ok {
                report
                    .misses
                    .push(format!("{name}: title {got:?}, expected {title:?}"));
            }
        }
        if let Some(date) = &e.date {
            let got = article
                .as_ref()
                .map(|a| a.published.date.to_string())
                .unwrap_or_default();
            let ok = &got == date;
            report.date.add(ok);
            if !ok {
                let from = article.as_ref().map_or("", |a| a.date_source.as_str());
                report
                    .misses
                    .push(format!("{name}: date {got} ({from}), expected {date}"));
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
                article
                    .as_ref()
                    .is_some_and(|a| a.body_html.contains(junk.as_str()))
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
            let mut got = article
                .as_ref()
                .map(|a| a.regions.clone())
                .unwrap_or_default();
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
    Ok(report)
}
