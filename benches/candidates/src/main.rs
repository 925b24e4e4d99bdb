//! Scores the maintained extraction crates the extraction issue named (dom_smoothie, a
//! readability.js port; trafilatura, a go-trafilatura port; rs-trafilatura) on the saved
//! pages of a corpus, with digest's scorer and rules, beside digest's own extractor.
//!
//! ```sh
//! cargo run --release --manifest-path benches/candidates/Cargo.toml -- ../shared/corpus
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use digest::check::extraction::{Extracted, body_text, expectations, normaliser, score};

type Extractor = fn(&str) -> Result<Extracted, String>;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: candidates CORPUS")?);
    let expected = expectations(&dir)?;
    let norm = normaliser()?;
    // Only saved web pages: the candidates read HTML.
    let pages: Vec<(String, String)> = expected
        .keys()
        .filter(|n| n.ends_with(".html") || n.ends_with(".htm"))
        .map(|n| {
            let bytes = std::fs::read(dir.join(n))?;
            let raw = digest::load::from_bytes(std::path::Path::new(n), &bytes)
                .map_err(|d| std::io::Error::other(d.to_string()))?;
            Ok((n.clone(), raw.text))
        })
        .collect::<Result<_, std::io::Error>>()?;
    let expected_html: BTreeMap<_, _> = expected
        .iter()
        .filter(|(n, _)| pages.iter().any(|(p, _)| p == *n))
        .map(|(n, e)| (n.clone(), e.clone()))
        .collect();
    let candidates: [(&str, Extractor); 3] = [
        ("dom_smoothie", smoothie),
        ("trafilatura", trafilatura_rs),
        ("rs-trafilatura", rs_trafilatura_rs),
    ];
    for (name, extract) in candidates {
        let mut got = BTreeMap::new();
        let mut elapsed = Duration::ZERO;
        for (page, text) in &pages {
            let started = Instant::now();
            let result = std::panic::catch_unwind(|| extract(text))
                .unwrap_or_else(|_| Err("panicked".to_string()));
            elapsed += started.elapsed();
            got.insert(page.clone(), result);
        }
        let mut report = score(&expected_html, &got, &norm);
        report.elapsed = elapsed;
        println!("== {name}");
        println!("{}", report.table());
        println!(
            "{:.2} ms a page (extraction only, text already decoded)",
            elapsed.as_secs_f64() * 1000.0 / pages.len().max(1) as f64
        );
    }
    Ok(())
}

fn date_of(text: Option<String>) -> String {
    text.and_then(|d| digest::extract::date::parse(&d).ok())
        .map(|p| p.date.to_string())
        .unwrap_or_default()
}

fn smoothie(html: &str) -> Result<Extracted, String> {
    let mut r = dom_smoothie::Readability::new(html, None, None).map_err(|e| e.to_string())?;
    let article = r.parse().map_err(|e| e.to_string())?;
    Ok(Extracted {
        title: article.title.to_string(),
        date: date_of(article.published_time.map(|t| t.to_string())),
        text: body_text(&article.content),
        regions: Vec::new(),
    })
}

fn trafilatura_rs(html: &str) -> Result<Extracted, String> {
    let result =
        trafilatura::extract(html, &trafilatura::Options::default()).map_err(|e| e.to_string())?;
    Ok(Extracted {
        title: result.metadata.title.clone(),
        date: date_of(result.metadata.date.as_ref().map(|d| d.to_string())),
        text: result.content_text.clone(),
        regions: Vec::new(),
    })
}

fn rs_trafilatura_rs(html: &str) -> Result<Extracted, String> {
    let result = rs_trafilatura::extract(html).map_err(|e| e.to_string())?;
    Ok(Extracted {
        title: result.metadata.title.clone().unwrap_or_default(),
        date: date_of(result.metadata.date.as_ref().map(|d| d.to_string())),
        text: result.content_text.clone(),
        regions: Vec::new(),
    })
}
