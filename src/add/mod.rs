//! `digest add`: puts an article into `content/` from its address, from a page saved in a
//! browser, or from the items of a feed, and shows at once what digest read from it.
//!
//! A fetched page is kept byte for byte under a front-matter block giving its address and
//! when it was fetched (so it can be corrected by hand later, like any saved page). An
//! address already in `content/` (by `source_url`) is not added twice; a page from which no
//! article can be read is not added at all. Files are written beside their final name and
//! renamed into place, never over an existing file.

pub mod fetch;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::article::Placed;
use crate::config::SiteConfig;
use crate::diagnostic::Diagnostic;
use crate::load::{self, CONTENT_DIR};
use crate::{Toolkit, check};

pub use fetch::{Fetched, Fetcher, Kind};

/// How `digest add` fetches.
#[derive(Debug, Clone)]
pub struct AddOptions {
    pub root: PathBuf,
    pub timeout: Duration,
    pub max_bytes: u64,
}

/// What became of one address or file.
#[derive(Debug)]
pub enum Outcome {
    /// Saved as `file`; `article` is what digest read from it, `notes` what the editor
    /// should check (no date found, a guessed headline, …).
    Added {
        from: String,
        file: PathBuf,
        article: Box<Placed>,
        notes: Vec<Diagnostic>,
    },
    /// The address is already in `content/`, in `existing`.
    AlreadyThere { from: String, existing: PathBuf },
    /// Nothing was saved.
    Failed { from: String, problem: Diagnostic },
}

/// Adds articles to one site.
pub struct Adder {
    root: PathBuf,
    config: SiteConfig,
    toolkit: Toolkit,
    fetcher: Fetcher,
    /// The address of every article in `content/` (normalised) → its file.
    known: HashMap<String, PathBuf>,
}

/// An address in the form two spellings of it share: no fragment, no scheme, no trailing
/// slash (`http://x/a/#b` and `https://x/a` are the same article).
pub fn address_key(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            parsed.set_fragment(None);
            let host = parsed.host_str().unwrap_or("").trim_start_matches("www.");
            let path = parsed.path().trim_end_matches('/');
            match parsed.query() {
                Some(query) => format!("{host}{path}?{query}"),
                None => format!("{host}{path}"),
            }
        }
        Err(_) => url.trim().to_string(),
    }
}

impl Adder {
    /// Reads the site's settings and the addresses of the articles already in `content/`.
    pub fn open(options: &AddOptions) -> Result<Adder, Vec<Diagnostic>> {
        let config = crate::load_config(&options.root, None)?;
        let toolkit = Toolkit::new().map_err(|d| vec![d])?;
        let files = load::discover(&options.root)?;
        let (articles, _) = crate::process_files(&options.root, &files, &config, &toolkit);
        let known = articles
            .iter()
            .filter_map(|a| Some((address_key(a.source_url.as_deref()?), a.input.clone())))
            .collect();
        Ok(Adder {
            root: options.root.clone(),
            config,
            toolkit,
            fetcher: Fetcher::new(options.timeout, options.max_bytes),
            known,
        })
    }

    pub fn config(&self) -> &SiteConfig {
        &self.config
    }

    /// Fetches `url` and saves it under `content/`.
    pub fn add_url(&mut self, url: &str) -> Outcome {
        let from = url.to_string();
        let failed = |message: String| Outcome::Failed {
            from: from.clone(),
            problem: Diagnostic::error(url, message),
        };
        if let Some(existing) = self.known.get(&address_key(url)) {
            return Outcome::AlreadyThere {
                from,
                existing: existing.clone(),
            };
        }
        let fetched = match self.fetcher.fetch(url) {
            Ok(fetched) => fetched,
            Err(message) => return failed(message),
        };
        if fetched.kind == Kind::Feed {
            return failed(format!(
                "{url}: is a feed, not a page; add its items with `digest add --feed {url}`"
            ));
        }
        let fetched_at = chrono::Utc::now()
            .with_timezone(&chrono_tz::Asia::Shanghai)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let header = format!(
            "---\nsource_url: {}\nfetched: {fetched_at}\n---\n",
            serde_json::Value::String(fetched.url.clone())
        );
        let bytes = with_front_matter(&header, &fetched.bytes);
        let extension = match fetched.kind {
            Kind::Text => "txt",
            _ => "html",
        };
        self.save(
            from,
            &fetched.bytes,
            &bytes,
            extension,
            &[url, &fetched.url],
        )
    }

    /// Copies a page saved in a browser (or any article file) into `content/`, unchanged.
    pub fn add_file(&mut self, path: &Path) -> Outcome {
        let from = path.display().to_string();
        let failed = |message: String| Outcome::Failed {
            from: from.clone(),
            problem: Diagnostic::error(path, message),
        };
        let content = self.root.join(CONTENT_DIR);
        if let (Ok(file), Ok(content)) = (path.canonicalize(), content.canonicalize())
            && file.starts_with(&content)
        {
            return failed("is already in content/".to_string());
        }
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => return failed(format!("cannot read: {e}")),
        };
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .filter(|e| matches!(e.as_str(), "html" | "htm" | "txt" | "md" | "markdown"))
            .unwrap_or_else(|| "html".to_string());
        self.save(from, &bytes, &bytes, &extension, &[])
    }

    /// Adds each item of the RSS or Atom feed at `url` whose address is not yet in
    /// `content/`.
    pub fn add_feed(&mut self, url: &str) -> Result<Vec<Outcome>, Diagnostic> {
        let fetched = self
            .fetcher
            .fetch(url)
            .map_err(|message| Diagnostic::error(url, message))?;
        let feed = feed_rs::parser::parse(fetched.bytes.as_slice()).map_err(|e| {
            Diagnostic::error(url, format!("is not an RSS or Atom feed: {e}"))
                .hint("pass a page's address without --feed")
        })?;
        let base = url::Url::parse(&fetched.url).ok();
        let mut outcomes = Vec::new();
        for entry in &feed.entries {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .map(|l| l.href.clone())
                .or_else(|| entry.id.starts_with("http").then(|| entry.id.clone()));
            let Some(link) = link else { continue };
            let absolute = match &base {
                Some(base) => base.join(&link).map(String::from).unwrap_or(link),
                None => link,
            };
            outcomes.push(self.add_url(&absolute));
        }
        Ok(outcomes)
    }

    /// Reads an article from `bytes` (as they will be saved; `original` without the header
    /// `add` puts over it) and saves them under a name made from its date and headline.
    fn save(
        &mut self,
        from: String,
        original: &[u8],
        bytes: &[u8],
        extension: &str,
        addresses: &[&str],
    ) -> Outcome {
        let provisional = Path::new(CONTENT_DIR).join(format!("new.{extension}"));
        // The page's own idea of its address (canonical link, "saved from") counts too.
        let own = self
            .read(&provisional, original)
            .ok()
            .and_then(|a| a.source_url.clone());
        for address in addresses.iter().copied().chain(own.as_deref()) {
            if let Some(existing) = self.known.get(&address_key(address)) {
                return Outcome::AlreadyThere {
                    from,
                    existing: existing.clone(),
                };
            }
        }
        let article = match self.read(&provisional, bytes) {
            Ok(article) => article,
            Err(mut problem) => {
                problem.file = PathBuf::from(&from);
                problem.message = format!("nothing was added: {}", problem.message);
                return Outcome::Failed { from, problem };
            }
        };
        let file = match self.write_new(&article.derived_slug, extension, bytes) {
            Ok(file) => file,
            Err(problem) => return Outcome::Failed { from, problem },
        };
        let mut article = article;
        article.article.input = file.clone();
        for address in addresses.iter().copied().chain(own.as_deref()) {
            self.known.insert(address_key(address), file.clone());
        }
        if let Some(url) = &article.source_url {
            self.known.insert(address_key(url), file.clone());
        }
        let notes = check::content::extraction_notes(&article);
        Outcome::Added {
            from,
            file,
            article: Box::new(article),
            notes,
        }
    }

    /// The article in `bytes`, as a build would read it from `input`.
    fn read(&self, input: &Path, bytes: &[u8]) -> Result<Placed, Diagnostic> {
        let mut raw = load::from_bytes(input, bytes)?;
        raw.modified = Some(std::time::SystemTime::now());
        crate::process_document(raw, &self.config, &self.toolkit)
    }

    /// Writes `bytes` as `content/<stem>.<extension>` (or `<stem>-2`, … if taken): to a
    /// hidden temporary file first, then linked into place without replacing anything.
    fn write_new(&self, stem: &str, extension: &str, bytes: &[u8]) -> Result<PathBuf, Diagnostic> {
        let dir = self.root.join(CONTENT_DIR);
        let io = |e: std::io::Error| Diagnostic::error(CONTENT_DIR, format!("cannot write: {e}"));
        let mut temp = tempfile::Builder::new()
            .prefix(".digest-add-")
            .tempfile_in(&dir)
            .map_err(io)?;
        std::io::Write::write_all(&mut temp, bytes).map_err(io)?;
        temp.as_file().sync_all().map_err(io)?;
        let stem = if stem.is_empty() { "article" } else { stem };
        for n in 1.. {
            let name = match n {
                1 => format!("{stem}.{extension}"),
                n => format!("{stem}-{n}.{extension}"),
            };
            match temp.persist_noclobber(dir.join(&name)) {
                Ok(_) => return Ok(Path::new(CONTENT_DIR).join(name)),
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => temp = e.file,
                Err(e) => return Err(io(e.error)),
            }
        }
        unreachable!("some numbered name is free")
    }
}

/// `header` (ASCII front matter) over a page's bytes, which stay as they are: after a
/// UTF-8 byte-order mark if there is one, and in UTF-16 after a UTF-16 one.
fn with_front_matter(header: &str, page: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(header.len() * 2 + page.len());
    if let Some(rest) = page.strip_prefix(b"\xEF\xBB\xBF") {
        out.extend_from_slice(b"\xEF\xBB\xBF");
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(rest);
    } else if let Some(rest) = page.strip_prefix(b"\xFF\xFE") {
        out.extend_from_slice(b"\xFF\xFE");
        out.extend(header.encode_utf16().flat_map(u16::to_le_bytes));
        out.extend_from_slice(rest);
    } else if let Some(rest) = page.strip_prefix(b"\xFE\xFF") {
        out.extend_from_slice(b"\xFE\xFF");
        out.extend(header.encode_utf16().flat_map(u16::to_be_bytes));
        out.extend_from_slice(rest);
    } else {
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(page);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_address_share_a_key() {
        assert_eq!(
            address_key("http://www.gov.cn/zhengce/a.htm#top"),
            address_key("https://gov.cn/zhengce/a.htm")
        );
        assert_ne!(
            address_key("https://x.cn/a?id=1"),
            address_key("https://x.cn/a?id=2")
        );
    }

    #[test]
    fn front_matter_goes_after_a_byte_order_mark() {
        let utf16: Vec<u8> = b"\xFF\xFE"
            .iter()
            .copied()
            .chain("<p>文</p>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let joined = with_front_matter("---\n---\n", &utf16);
        let (text, _, _) = encoding_rs::UTF_16LE.decode(&joined);
        assert_eq!(text, "---\n---\n<p>文</p>");
        assert_eq!(
            with_front_matter("---\n", b"\xEF\xBB\xBF<html>"),
            b"\xEF\xBB\xBF---\n<html>"
        );
    }
}
