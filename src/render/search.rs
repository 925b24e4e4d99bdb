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

/// Where the key of the pages an index was built from is kept, inside the bundle.
const KEY_FILE: &str = "digest-key.txt";

/// A 128-bit key of everything an index depends on: digest's version (and so Pagefind's),
/// the base path, the edition and every indexed page's path and bytes.
pub fn key(pages: &[&OutputFile], base_path: &str, prefix: &str) -> String {
    use std::hash::Hasher;
    let mut hasher = siphasher::sip128::SipHasher13::new();
    for part in [env!("CARGO_PKG_VERSION"), base_path, prefix] {
        hasher.write(part.as_bytes());
        hasher.write_u8(0);
    }
    for page in pages {
        hasher.write(page.path.as_bytes());
        hasher.write_u8(0);
        hasher.write_u64(page.bytes.len() as u64);
        hasher.write(&page.bytes);
    }
    format!(
        "{:032x}\n",
        siphasher::sip128::Hasher128::finish128(&hasher).as_u128()
    )
}

pub fn key_file(prefix: &str, key: &str) -> OutputFile {
    OutputFile {
        path: format!("{prefix}{BUNDLE_DIR}/{KEY_FILE}"),
        bytes: key.as_bytes().to_vec(),
    }
}

/// The bundle under `previous/{prefix}pagefind/`, if it was built from pages with `key`.
/// Regular files only, read whole; any trouble means no reuse.
pub fn reuse(previous: &std::path::Path, prefix: &str, key: &str) -> Option<Vec<OutputFile>> {
    let dir = previous.join(format!("{prefix}{BUNDLE_DIR}"));
    if std::fs::read_to_string(dir.join(KEY_FILE)).ok()? != key {
        return None;
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&dir) {
        let entry = entry.ok()?;
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            return None;
        }
        let rel = entry
            .path()
            .strip_prefix(&dir)
            .ok()?
            .to_str()?
            .replace('\\', "/");
        files.push(OutputFile {
            path: format!("{prefix}{BUNDLE_DIR}/{rel}"),
            bytes: std::fs::read(entry.path()).ok()?,
        });
    }
    Some(files)
}
