//! The search index: Pagefind, through its Rust API, built from the rendered article pages.
//! Built with Pagefind's `extended` feature, the index segments Chinese into words, so a
//! query like 知识产权 or 川渝 finds the articles that use it; the browser loads only the
//! index chunks a query needs.

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::OutputFile;

/// Where the index is written, under each edition.
pub const BUNDLE_DIR: &str = "pagefind";

/// Indexes `pages` (article pages of one edition, paths relative to the site root) and
/// returns the Pagefind bundle, with paths under `{prefix}pagefind/`.
pub fn index(
    pages: &[&OutputFile],
    base_path: &str,
    prefix: &str,
    language: &str,
) -> Result<Vec<OutputFile>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("cannot start the search indexer: {e}"))?;
    runtime.block_on(async {
        let options = PagefindServiceConfig::builder()
            .keep_index_url(true)
            .force_language(language.to_string())
            .build();
        let mut index = PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        for page in pages {
            let html = String::from_utf8_lossy(&page.bytes).into_owned();
            index
                .add_html_file(None, Some(format!("{base_path}{}", page.path)), html)
                .await
                .map_err(|e| format!("cannot index {}: {e}", page.path))?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        Ok(files
            .into_iter()
            .map(|f| OutputFile {
                path: format!(
                    "{prefix}{BUNDLE_DIR}/{}",
                    f.filename.to_string_lossy().trim_start_matches('/')
                ),
                bytes: f.contents,
            })
            .collect())
    })
}
