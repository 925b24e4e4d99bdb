//! Criterion benchmarks of the pipeline's stages on the five sample articles:
//! `cargo bench --bench stages`. Whole builds are measured by `benches/compare-hugo.sh`
//! and the examples (see BENCHMARKS.md).

use std::path::PathBuf;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use digest::clean::Cleaner;
use digest::config::SiteConfig;
use digest::edition::Edition;
use digest::render::{Page, Renderer};
use digest::site::Site;
use digest::{Toolkit, classify, extract, load};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn samples() -> Vec<PathBuf> {
    load::discover(&root()).expect("content")
}

fn stages(c: &mut Criterion) {
    let root = root();
    let config = SiteConfig::load(&root).expect("site.toml");
    let toolkit = Toolkit::new().expect("toolkit");
    let files = samples();
    let raws: Vec<load::RawDocument> = files
        .iter()
        .map(|f| load::load(&root, f).expect("loads"))
        .collect();
    let drafts: Vec<extract::Draft> = raws
        .iter()
        .map(|r| extract::extract(r).expect("extracts"))
        .collect();
    let cleaner = Cleaner {
        converter: toolkit.converter.as_ref(),
        script: config.script,
        highlighter: &toolkit.highlighter,
    };

    c.bench_function("load (read + decode + sniff) 5 samples", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|f| load::load(&root, f).expect("loads"))
                .collect::<Vec<_>>()
        })
    });
    c.bench_function("extract 5 samples", |b| {
        b.iter(|| {
            raws.iter()
                .map(|r| extract::extract(r).expect("extracts"))
                .collect::<Vec<_>>()
        })
    });
    c.bench_function("clean (incl. OpenCC) 5 samples", |b| {
        b.iter(|| drafts.iter().map(|d| cleaner.clean(d)).collect::<Vec<_>>())
    });
    let articles: Vec<_> = drafts
        .iter()
        .map(|d| cleaner.clean(d).expect("cleans"))
        .collect();
    c.bench_function("classify 5 samples", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| classify::classify(a, &config.regions, &config.classify).expect("ok"))
                .collect::<Vec<_>>()
        })
    });
    let processed: Vec<Arc<_>> = files
        .iter()
        .map(|f| Arc::new(digest::process_file(&root, f, &config, &toolkit).expect("processes")))
        .collect();
    c.bench_function("assemble 5 samples", |b| {
        b.iter(|| Site::assemble(processed.clone(), &config, &Default::default()).0)
    });
    let site = Site::assemble(processed.clone(), &config, &Default::default()).0;
    let renderer = Renderer::new(&root).expect("templates");
    let main = &Edition::of(&config)[0];
    c.bench_function("render one article page", |b| {
        b.iter(|| {
            renderer
                .render_page(&site, &config, &Page::Article(0), main)
                .expect("renders")
        })
    });
    c.bench_function("render the home page", |b| {
        b.iter(|| {
            renderer
                .render_page(&site, &config, &Page::Home, main)
                .expect("renders")
        })
    });
    c.bench_function("convert one article to Traditional (HK)", |b| {
        let converter = std::sync::Arc::clone(&toolkit.converter);
        let convert: digest::article::Convert = std::sync::Arc::new(move |text: &str| {
            converter.convert(text, digest::zh::script::Script::Hk)
        });
        // The body converts as it is read, so the bench reads it.
        b.iter(|| {
            let article = site.articles[0].article.converted(&convert);
            (article.body_html.text(), article)
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = stages
}
criterion_main!(benches);
