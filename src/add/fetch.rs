//! Fetching a page or a feed over HTTP(S) for `digest add`, with ureq (a small, maintained,
//! blocking client: redirects, timeouts, gzip, rustls): a clear User-Agent, a size limit,
//! and the content type checked before anything is kept.

use std::time::Duration;

use ureq::ResponseExt;

/// What `digest add` fetched.
#[derive(Debug)]
pub struct Fetched {
    /// The address after redirects.
    pub url: String,
    /// What the response is, by its content type (and its first bytes when that is vague).
    pub kind: Kind,
    pub bytes: Vec<u8>,
}

/// The kinds of response `digest add` keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Html,
    Text,
    /// An RSS or Atom feed (or other XML).
    Feed,
}

/// How to fetch.
#[derive(Debug, Clone)]
pub struct Fetcher {
    agent: ureq::Agent,
    max_bytes: u64,
}

/// Identifies digest to the sites it fetches from, as polite crawlers do.
pub const USER_AGENT: &str = concat!(
    "digest/",
    env!("CARGO_PKG_VERSION"),
    " (policy-digest static site generator; fetches one page an editor asked for)"
);

impl Fetcher {
    pub fn new(timeout: Duration, max_bytes: u64) -> Fetcher {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .user_agent(USER_AGENT)
            .max_redirects(10)
            // 4xx and 5xx are read and reported with their status, not as transport errors.
            .http_status_as_error(false)
            .build()
            .into();
        Fetcher { agent, max_bytes }
    }

    /// Fetches `url`; any failure is a message naming the address.
    pub fn fetch(&self, url: &str) -> Result<Fetched, String> {
        let parsed = url::Url::parse(url).map_err(|e| format!("{url}: not a web address ({e})"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(format!("{url}: not a web address (http or https)"));
        }
        let mut response = self
            .agent
            .get(url)
            .header("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,text/plain;q=0.8,*/*;q=0.1")
            .header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5")
            .call()
            .map_err(|e| format!("{url}: {}", describe(&e)))?;
        let status = response.status();
        if !status.is_success() {
            return Err(format!(
                "{url}: the server answered {} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            ));
        }
        let final_url = response.get_uri().to_string();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        // Refused before the body is read: a PDF or a video need not be downloaded.
        let declared = kind_of_type(&content_type);
        if let Some(Err(what)) = &declared {
            return Err(format!(
                "{url}: is {what} ({content_type}), not a web page; digest adds web pages and feeds"
            ));
        }
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.max_bytes)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => format!(
                    "{url}: the page is larger than {} MB (raise it with --max-size)",
                    self.max_bytes / 1_000_000
                ),
                e => format!("{url}: {}", describe(&e)),
            })?;
        let kind = match declared {
            Some(Ok(kind)) => kind,
            _ => sniff(&bytes).ok_or_else(|| {
                format!("{url}: is not a web page (content type {content_type:?}, and its first bytes are not HTML)")
            })?,
        };
        Ok(Fetched {
            url: final_url,
            kind,
            bytes,
        })
    }
}

/// The kind a content type names: `Some(Ok)` for a page or feed, `Some(Err(what))` for a
/// kind digest refuses, `None` when the type says nothing useful (then the bytes decide).
fn kind_of_type(content_type: &str) -> Option<Result<Kind, &'static str>> {
    let essence = content_type.split(';').next().unwrap_or("").trim();
    Some(match essence {
        "text/html" | "application/xhtml+xml" => Ok(Kind::Html),
        "text/plain" => Ok(Kind::Text),
        "application/rss+xml"
        | "application/atom+xml"
        | "application/xml"
        | "text/xml"
        | "application/feed+json" => Ok(Kind::Feed),
        "" | "application/octet-stream" | "binary/octet-stream" => return None,
        "application/pdf" => Err("a PDF"),
        t if t.starts_with("image/") => Err("an image"),
        t if t.starts_with("video/") => Err("a video"),
        t if t.starts_with("audio/") => Err("a sound file"),
        t if t.contains("msword") || t.contains("officedocument") || t.contains("ms-excel") => {
            Err("an office document")
        }
        t if t.contains("zip") || t.contains("compressed") => Err("an archive"),
        _ => Err("not a page"),
    })
}

/// What bytes without a helpful content type are: markup or nothing digest reads.
fn sniff(bytes: &[u8]) -> Option<Kind> {
    let head = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &head[..head.len().min(512)];
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let lower = head[start..].to_ascii_lowercase();
    if lower.starts_with(b"<?xml") || lower.starts_with(b"<rss") || lower.starts_with(b"<feed") {
        Some(Kind::Feed)
    } else if lower.starts_with(b"<") {
        Some(Kind::Html)
    } else {
        None
    }
}

/// A transport error in the editor's terms.
fn describe(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => "no answer in time (raise the limit with --timeout)".to_string(),
        ureq::Error::HostNotFound => "the host was not found (check the address)".to_string(),
        ureq::Error::ConnectionFailed => "could not connect to the server".to_string(),
        ureq::Error::TooManyRedirects => "too many redirects".to_string(),
        ureq::Error::Io(e) => format!("could not fetch it: {e}"),
        e => format!("could not fetch it: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_and_sniffing() {
        assert_eq!(kind_of_type("text/html; charset=gbk"), Some(Ok(Kind::Html)));
        assert_eq!(kind_of_type("application/pdf"), Some(Err("a PDF")));
        assert_eq!(kind_of_type("image/png"), Some(Err("an image")));
        assert_eq!(kind_of_type(""), None);
        assert_eq!(
            sniff(b"\xEF\xBB\xBF  <!DOCTYPE html><html>"),
            Some(Kind::Html)
        );
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><rss>"), Some(Kind::Feed));
        assert_eq!(sniff(b"%PDF-1.7"), None);
    }
}
