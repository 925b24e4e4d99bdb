//! The preview HTTP server (axum on tokio). Serves the in-memory site under its base path,
//! injects the live-reload script and the error overlay into HTML, and never serves
//! anything but the site's own files: the site lives in memory, and paths with `..`,
//! backslashes or NUL bytes (encoded or not) are refused before any lookup.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use tokio::sync::broadcast;

use super::workspace::Files;
use crate::diagnostic::Diagnostic;

/// Endpoints of the preview itself, under the base path.
pub const EVENTS: &str = "__digest/events";
pub const STATUS: &str = "__digest/status";
pub const MANIFEST: &str = "__digest/manifest";

/// One published state of the site.
pub struct Snapshot {
    pub version: u64,
    pub files: Files,
    pub problems: Vec<Diagnostic>,
    /// The search index is being rebuilt after a change (the previous one is served).
    pub search_pending: bool,
}

/// What the server shares with the rebuild loop.
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    /// Carries the new version after each rebuild, or `None` when the server stops.
    events: broadcast::Sender<Option<u64>>,
    base_path: String,
    live_reload: bool,
    /// The overlay's heading in the site's interface language (`{n}`: how many problems).
    overlay_label: String,
}

impl Shared {
    pub fn new(
        snapshot: Snapshot,
        base_path: String,
        live_reload: bool,
        overlay_label: String,
    ) -> Arc<Shared> {
        let (events, _) = broadcast::channel(64);
        Arc::new(Shared {
            snapshot: RwLock::new(Arc::new(snapshot)),
            events,
            base_path,
            live_reload,
            overlay_label,
        })
    }

    /// Publishes a new state and tells open pages to reload.
    pub fn publish(&self, files: Files, problems: Vec<Diagnostic>, search_pending: bool) -> u64 {
        let version = {
            let mut guard = self
                .snapshot
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let version = guard.version + 1;
            *guard = Arc::new(Snapshot {
                version,
                files,
                problems,
                search_pending,
            });
            version
        };
        let _ = self.events.send(Some(version));
        version
    }

    /// Publishes a rebuilt search index. Pages are unchanged, so the version stays and
    /// open pages do not reload.
    pub fn publish_search(&self, files: Files, problems: Vec<Diagnostic>) {
        let mut guard = self
            .snapshot
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let version = guard.version;
        *guard = Arc::new(Snapshot {
            version,
            files,
            problems,
            search_pending: false,
        });
    }

    /// Ends the live-reload streams so the server can shut down.
    pub fn close_streams(&self) {
        let _ = self.events.send(None);
    }

    fn current(&self) -> Arc<Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

/// Runs the server on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(shared.clone());
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown.await;
        shared.close_streams();
    })
    .await
}

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(String),
    Redirect(String),
    Forbidden,
    NotFound,
}

/// Resolves a raw (percent-encoded) request path against the site's files.
pub fn resolve(raw_path: &str, base_path: &str, files: &Files) -> Resolved {
    let Ok(path) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
        return Resolved::Forbidden;
    };
    if path.contains('\\') || path.contains('\0') || !path.starts_with('/') {
        return Resolved::Forbidden;
    }
    if path
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Resolved::Forbidden;
    }
    if base_path != "/" && (path == "/" || path == base_path.trim_end_matches('/')) {
        return Resolved::Redirect(base_path.to_string());
    }
    let Some(rel) = path.strip_prefix(base_path) else {
        return Resolved::NotFound;
    };
    let rel = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if files.contains_key(rel.as_str()) {
        return Resolved::File(rel);
    }
    if files.contains_key(format!("{rel}/index.html").as_str()) {
        return Resolved::Redirect(format!("{path}/"));
    }
    Resolved::NotFound
}

async fn handle(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let path = uri.path();
    if let Some(endpoint) = path.strip_prefix(shared.base_path.as_str()) {
        match endpoint {
            EVENTS => return events(shared).into_response(),
            STATUS => return status(&shared),
            MANIFEST => return manifest(&shared),
            _ => {}
        }
    }
    let snapshot = shared.current();
    let (status, rel) = match resolve(path, &shared.base_path, &snapshot.files) {
        Resolved::File(rel) => (StatusCode::OK, rel),
        Resolved::Redirect(to) => {
            return (StatusCode::FOUND, [(header::LOCATION, to)]).into_response();
        }
        Resolved::Forbidden => {
            return (StatusCode::FORBIDDEN, "forbidden\n").into_response();
        }
        Resolved::NotFound => (StatusCode::NOT_FOUND, "404.html".to_string()),
    };
    let Some(bytes) = snapshot.files.get(rel.as_str()) else {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    };
    let mime = content_type(&rel);
    let body = if shared.live_reload && rel.ends_with(".html") {
        Bytes::from(inject(
            bytes,
            &snapshot,
            &shared.base_path,
            &shared.overlay_label,
        ))
    } else {
        bytes.clone()
    };
    let length = body.len();
    let body = if method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(body)
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&mime) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The content type of an output file; text types are UTF-8.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let essence = mime.essence_str();
    let is_text = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            essence,
            "application/javascript" | "application/json" | "application/xml" | "image/svg+xml"
        );
    if is_text {
        format!("{essence}; charset=utf-8")
    } else {
        essence.to_string()
    }
}

fn status(shared: &Shared) -> Response {
    let snapshot = shared.current();
    let problems: Vec<serde_json::Value> = snapshot
        .problems
        .iter()
        .map(|d| {
            serde_json::json!({
                "file": d.file.to_string_lossy(),
                "line": d.line,
                "column": d.column,
                "message": d.message,
                "hint": d.hint,
                "error": d.is_error(),
            })
        })
        .collect();
    let body = serde_json::json!({
        "version": snapshot.version,
        "problems": problems,
        "search_pending": snapshot.search_pending,
    });
    json_response(&body)
}

fn manifest(shared: &Shared) -> Response {
    let snapshot = shared.current();
    let mut files: Vec<&str> = snapshot.files.keys().map(|k| &**k).collect();
    files.sort_unstable();
    json_response(&serde_json::json!({ "version": snapshot.version, "files": files }))
}

fn json_response(value: &serde_json::Value) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        value.to_string(),
    )
        .into_response()
}

/// Server-sent events: the current version at once, then each new one.
fn events(shared: Arc<Shared>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = shared.events.subscribe();
    let first = shared.current().version;
    let stream = stream::unfold(
        (Some(first), receiver),
        |(pending, mut receiver)| async move {
            if let Some(version) = pending {
                return Some((
                    Ok(Event::default().data(version.to_string())),
                    (None, receiver),
                ));
            }
            loop {
                match receiver.recv().await {
                    Ok(Some(version)) => {
                        return Some((
                            Ok(Event::default().data(version.to_string())),
                            (None, receiver),
                        ));
                    }
                    Ok(None) | Err(broadcast::error::RecvError::Closed) => return None,
                    Err(broadcast::error::RecvError::Lagged(_)) => continue,
                }
            }
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Adds the live-reload script, and the error overlay when there are problems, before
/// `</body>`.
fn inject(page: &[u8], snapshot: &Snapshot, base_path: &str, overlay_label: &str) -> Vec<u8> {
    let mut extra = String::new();
    if !snapshot.problems.is_empty() {
        extra.push_str(&overlay(&snapshot.problems, overlay_label));
    }
    extra.push_str(&format!(
        "<script data-digest-live-reload>(function(){{var v=\"{version}\";var es=new EventSource(\"{base_path}{EVENTS}\");es.onmessage=function(e){{if(e.data!==v){{es.close();location.reload();}}}};}})();</script>\n",
        version = snapshot.version
    ));
    let text = String::from_utf8_lossy(page);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + extra.len());
    out.push_str(&text[..at]);
    out.push_str(&extra);
    out.push_str(&text[at..]);
    out.into_bytes()
}

fn overlay(problems: &[Diagnostic], label: &str) -> String {
    let mut items = String::new();
    for d in problems {
        items.push_str("<li>");
        items.push_str(&crate::markup::escape(&d.to_string()));
        items.push_str("</li>");
    }
    format!(
        "<div id=\"digest-overlay\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;background:#3b0d0c;color:#fff;font:14px/1.5 ui-monospace,monospace;padding:1rem 1.25rem;box-shadow:0 -4px 16px rgba(0,0,0,.4);white-space:pre-wrap\"><button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right;font:inherit\">×</button><strong>{heading}</strong><ul style=\"margin:.5rem 0 0;padding-left:1.25rem\">{items}</ul></div>\n",
        heading = crate::markup::escape(&crate::locale::count_label(label, problems.len() as i64)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlay_speaks_the_interface_language_with_plurals() {
        let english = &crate::locale::Labels::for_language(crate::locale::UiLanguage::English)
            .preview_problems;
        let one = vec![Diagnostic::error("content/a.md", "bad date").at(3, None)];
        let two = vec![
            one[0].clone(),
            Diagnostic::error("content/b.md", "no headline"),
        ];
        assert!(overlay(&one, english).contains("<strong>digest: 1 problem. A file that fails"));
        assert!(overlay(&two, english).contains("<strong>digest: 2 problems. Files that fail"));
        assert!(overlay(&two, english).contains("content/a.md:3: error: bad date"));
    }

    fn files(paths: &[&str]) -> Files {
        paths
            .iter()
            .map(|p| (Arc::<str>::from(*p), Bytes::from_static(b"x")))
            .collect()
    }

    #[test]
    fn resolves_under_the_base_path() {
        let f = files(&[
            "index.html",
            "articles/a.html",
            "docs/index.html",
            "图/标志.svg",
        ]);
        assert_eq!(
            resolve("/digest/", "/digest/", &f),
            Resolved::File("index.html".into())
        );
        assert_eq!(
            resolve("/digest/articles/a.html", "/digest/", &f),
            Resolved::File("articles/a.html".into())
        );
        assert_eq!(
            resolve("/", "/digest/", &f),
            Resolved::Redirect("/digest/".into())
        );
        assert_eq!(
            resolve("/digest", "/digest/", &f),
            Resolved::Redirect("/digest/".into())
        );
        assert_eq!(
            resolve("/articles/a.html", "/digest/", &f),
            Resolved::NotFound
        );
        assert_eq!(
            resolve("/digest/docs", "/digest/", &f),
            Resolved::Redirect("/digest/docs/".into())
        );
        assert_eq!(
            resolve("/%E5%9B%BE/%E6%A0%87%E5%BF%97.svg", "/", &f),
            Resolved::File("图/标志.svg".into())
        );
    }

    #[test]
    fn traversal_is_refused() {
        let f = files(&["index.html"]);
        for path in [
            "/../site.toml",
            "/%2e%2e/site.toml",
            "/%2E%2E/%2E%2E/etc/passwd",
            "/a/..%2f..%2fsite.toml",
            "/..%5csite.toml",
            "/a\\..\\b",
            "/%00",
            "/./index.html",
            "/%ff",
        ] {
            assert_eq!(resolve(path, "/", &f), Resolved::Forbidden, "{path}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("a.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("a.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("a.json"), "application/json; charset=utf-8");
        assert_eq!(content_type("a.xml"), "text/xml; charset=utf-8");
        assert_eq!(content_type("a.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("a.wasm"), "application/wasm");
        assert_eq!(content_type("a.woff2"), "font/woff2");
    }
}
