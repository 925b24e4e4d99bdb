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
    let articles = {
        let records: Vec<Vec<u8>> = site
            .articles
            .par_iter()
            .map(|a| article_record(a, config))
            .collect();
        articles_json(records.iter().map(Vec::as_slice))
    };
    emit(articles);
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

/// One article's line of `data/articles.json`: its record as compact JSON.
pub fn article_record(article: &crate::site::Entry, config: &SiteConfig) -> Vec<u8> {
    serde_json::to_vec(&ArticleRecord::new(article, config)).unwrap_or_else(|_| b"{}".to_vec())
}

/// `data/articles.json`: an array with one record per line, newest first. One line per
/// record keeps the file readable and lets `serve` reuse the lines of unchanged articles.
pub fn articles_json<'a>(records: impl ExactSizeIterator<Item = &'a [u8]>) -> OutputFile {
    let count = records.len();
    let mut bytes = Vec::with_capacity(count * 512 + 4);
    bytes.extend_from_slice(b"[\n");
    for (i, record) in records.enumerate() {
        bytes.extend_from_slice(record);
        if i + 1 < count {
            bytes.push(b',');
        }
        bytes.push(b'\n');
    }
    bytes.extend_from_slice(b"]\n");
    OutputFile {
        path: Route::ArticlesJson.path(),
        bytes,
    }
}
