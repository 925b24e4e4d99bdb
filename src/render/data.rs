//! Data files beside the pages: `data/articles.json` (a record per article), the search
//! index, and the files GitHub Pages wants.

use rayon::prelude::*;

use super::views::ArticleRecord;
use super::{OutputFile, search};
use crate::config::SiteConfig;
use crate::route::Route;
use crate::site::Site;

/// Files GitHub Pages wants: `.nojekyll` (serve the files as they are) and, for a custom
/// domain, `CNAME`.
pub fn pages_files(config: &SiteConfig) -> Vec<OutputFile> {
    let mut files = vec![OutputFile {
        path: ".nojekyll".to_string(),
        bytes: Vec::new(),
    }];
    if let Some(cname) = &config.cname {
        files.push(OutputFile {
            path: "CNAME".to_string(),
            bytes: format!("{cname}\n").into_bytes(),
        });
    }
    files
}

/// The data files: `data/articles.json` and the search index (with each edition's result
/// texts), each handed to `emit` as soon as it is made: at 100,000 articles the records,
/// the index and the result texts are each a few hundred megabytes while being made, and
/// holding them all until the end set the build's peak.
pub(super) fn data_files(
    site: &Site,
    config: &SiteConfig,
    second: Option<&crate::edition::SecondEdition>,
    emit: &(dyn Fn(OutputFile) + Sync),
) {
    // Records are made a batch at a time and added to the file, so that they are never
    // all held twice.
    let mut file = ArticlesJson::with_capacity(site.articles.len() * 512);
    for batch in site.articles.chunks(RECORD_BATCH) {
        let made: Vec<Vec<u8>> = batch
            .par_iter()
            .map(|a| article_record(a, config))
            .collect();
        for record in &made {
            file.push(record);
        }
    }
    emit(file.finish());
    if config.search {
        let prefix = crate::edition::Edition::second_prefix(config).unwrap_or_default();
        search::index_site(
            site,
            config,
            second.map(|s| (&s.site, &s.config, prefix.as_str())),
            emit,
        );
    }
}

/// Records made at a time for `data/articles.json`.
const RECORD_BATCH: usize = 4096;

/// One article's line of `data/articles.json`: its record as compact JSON.
pub fn article_record(article: &crate::site::Entry, config: &SiteConfig) -> Vec<u8> {
    serde_json::to_vec(&ArticleRecord::new(article, config)).unwrap_or_else(|_| b"{}".to_vec())
}

/// `data/articles.json`: an array with one record per line, newest first. One line per
/// record keeps the file readable and lets `serve` reuse the lines of unchanged articles.
pub fn articles_json<'a>(records: impl ExactSizeIterator<Item = &'a [u8]>) -> OutputFile {
    let mut file = ArticlesJson::with_capacity(records.len() * 512);
    for record in records {
        file.push(record);
    }
    file.finish()
}

/// `data/articles.json` being written, a record at a time.
struct ArticlesJson {
    bytes: Vec<u8>,
    records: usize,
}

impl ArticlesJson {
    fn with_capacity(capacity: usize) -> ArticlesJson {
        let mut bytes = Vec::with_capacity(capacity + 4);
        bytes.extend_from_slice(b"[\n");
        ArticlesJson { bytes, records: 0 }
    }

    fn push(&mut self, record: &[u8]) {
        if self.records > 0 {
            self.bytes.extend_from_slice(b",\n");
        }
        self.bytes.extend_from_slice(record);
        self.records += 1;
    }

    fn finish(mut self) -> OutputFile {
        if self.records > 0 {
            self.bytes.push(b'\n');
        }
        self.bytes.extend_from_slice(b"]\n");
        OutputFile {
            path: Route::ArticlesJson.path(),
            bytes: self.bytes,
        }
    }
}
