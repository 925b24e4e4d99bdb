//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The development corpus (`../shared/corpus`, or `DIGEST_CORPUS`), if it is here. CI sets
/// DIGEST_REQUIRE_CORPUS=1 so that a test cannot pass by skipping; elsewhere a missing
/// corpus is reported and the caller returns.
pub fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("DIGEST_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/corpus"));
    if dir.join("expected.json").is_file() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("DIGEST_REQUIRE_CORPUS").is_none(),
        "DIGEST_REQUIRE_CORPUS is set but {} has no expected.json",
        dir.display()
    );
    eprintln!(
        "skipped: no corpus at {} (set DIGEST_CORPUS to its folder)",
        dir.display()
    );
    None
}

/// A copy of the example site (site.toml, addresses.toml and content/) in a temporary
/// directory.
pub fn example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(repo().join("site.toml"), dir.path().join("site.toml")).expect("copy site.toml");
    // The example site's recorded addresses, as a clone of a site's repository has them.
    std::fs::copy(
        repo().join("addresses.toml"),
        dir.path().join("addresses.toml"),
    )
    .expect("copy addresses.toml");
    std::fs::create_dir(dir.path().join("content")).expect("mkdir content");
    for entry in std::fs::read_dir(repo().join("content")).expect("list content") {
        let entry = entry.expect("entry");
        std::fs::copy(
            entry.path(),
            dir.path().join("content").join(entry.file_name()),
        )
        .expect("copy");
    }
    dir
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Polls `check` until it returns Some, or panics after `secs` seconds.
pub fn wait_for<T>(what: &str, secs: u64, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A running `digest serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT/base/`
    pub url: String,
    pub output: Arc<Mutex<Vec<String>>>,
    agent: ureq::Agent,
}

impl Server {
    pub fn start(root: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_digest"))
            .args(["serve", "--root"])
            .arg(root)
            .args(["--port", "0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start digest serve");
        let output = Arc::new(Mutex::new(Vec::new()));
        for stream in [
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().expect("stderr")),
        ] {
            let output = output.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    output.lock().expect("lock").push(line);
                }
            });
        }
        let url = wait_for("the server to start", 180, || {
            let lines = output.lock().expect("lock");
            lines.iter().find_map(|l| {
                l.split_whitespace()
                    .find(|w| w.starts_with("http://"))
                    .map(|w| w.trim_end_matches(',').to_string())
            })
        });
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        Server {
            child,
            url,
            output,
            agent,
        }
    }

    /// GET a path relative to the site's base URL: (status, body).
    pub fn get(&self, path: &str) -> (u16, String) {
        let bytes = self.get_bytes(path);
        (bytes.0, String::from_utf8_lossy(&bytes.1).into_owned())
    }

    pub fn get_bytes(&self, path: &str) -> (u16, Vec<u8>) {
        let url = format!("{}{}", self.url, path.trim_start_matches('/'));
        let mut response = self.agent.get(&url).call().expect("request");
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024 * 1024)
            .read_to_vec()
            .expect("body");
        (status, body)
    }

    pub fn header(&self, path: &str, name: &str) -> Option<String> {
        let url = format!("{}{}", self.url, path.trim_start_matches('/'));
        let response = self.agent.get(&url).call().expect("request");
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    }

    pub fn status_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("__digest/status").1).expect("status JSON")
    }

    pub fn version(&self) -> u64 {
        self.status_json()["version"].as_u64().expect("version")
    }

    /// Waits for the next rebuild after `version`.
    pub fn wait_rebuild(&self, version: u64) -> u64 {
        wait_for("a rebuild", 20, || {
            let v = self.version();
            (v > version).then_some(v)
        })
    }

    /// Host and port, for raw requests.
    pub fn authority(&self) -> String {
        self.url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .expect("authority")
            .to_string()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The exit code once the process has ended (`Some(None)` if killed by a signal).
    pub fn try_exit(&mut self) -> Option<Option<i32>> {
        self.child.try_wait().ok().flatten().map(|s| s.code())
    }

    pub fn log(&self) -> String {
        self.output.lock().expect("lock").join("\n")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Removes what the preview injects into pages (overlay and live-reload script).
pub fn strip_injection(page: &str) -> String {
    let markers = [
        "<div id=\"digest-overlay\"",
        "<script data-digest-live-reload>",
    ];
    let Some(start) = markers.iter().filter_map(|m| page.find(m)).min() else {
        return page.to_string();
    };
    let end = page[start..]
        .find("</body>")
        .map_or(page.len(), |i| start + i);
    format!("{}{}", &page[..start], &page[end..])
}

pub const CHROMIUM: &str = "/usr/bin/chromium";

/// An outside program some tests need, and how a run insists on it.
pub struct Tool {
    pub name: &'static str,
    pub present: bool,
    /// Set (as `.ci/run` does) to make a missing tool a failure instead of a skip.
    pub required_by: &'static str,
    pub install: &'static str,
}

impl Tool {
    pub fn chromium() -> Tool {
        Tool {
            name: CHROMIUM,
            present: Path::new(CHROMIUM).exists(),
            required_by: "DIGEST_REQUIRE_BROWSER",
            install: "apt-get install chromium",
        }
    }

    pub fn wrk() -> Tool {
        Tool {
            name: "wrk",
            present: Command::new("wrk")
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok(),
            required_by: "DIGEST_REQUIRE_WRK",
            install: "apt-get install wrk",
        }
    }
}

/// Runs `tests` (a test binary's `main`, with `harness = false`) through libtest-mimic.
/// Without `tool` they are reported as ignored, with a line saying why; when the tool is
/// required, each fails instead.
pub fn run_needing(tool: Tool, tests: Vec<(&'static str, fn())>) -> std::process::ExitCode {
    let args = libtest_mimic::Arguments::from_args();
    let required = std::env::var_os(tool.required_by).is_some();
    let skip = !tool.present && !required;
    if skip {
        println!(
            "{} is not installed ({}): its tests are ignored; set {} to make that a failure",
            tool.name, tool.install, tool.required_by
        );
    }
    let trials = tests
        .into_iter()
        .map(|(name, test)| {
            let (present, tool_name, required_by) = (tool.present, tool.name, tool.required_by);
            libtest_mimic::Trial::test(name, move || {
                if !present {
                    return Err(format!("{tool_name} is missing and {required_by} is set").into());
                }
                test();
                Ok(())
            })
            .with_ignored_flag(skip)
        })
        .collect();
    libtest_mimic::run(&args, trials).exit_code()
}

/// Debian's Chromium, headless, as the machine allows it: no sandbox (root), no background
/// network (the machine's network is closed). Tests using it run under [`run_needing`].
pub fn chromium(window: Option<(u32, u32)>) -> headless_chrome::Browser {
    let args: Vec<&std::ffi::OsStr> = [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ]
    .iter()
    .map(std::ffi::OsStr::new)
    .collect();
    let options = headless_chrome::LaunchOptions::default_builder()
        .path(Some(CHROMIUM.into()))
        .headless(true)
        .sandbox(false)
        .window_size(window)
        .args(args)
        .idle_browser_timeout(Duration::from_secs(120))
        .build()
        .expect("launch options");
    headless_chrome::Browser::new(options).expect("start Chromium")
}

/// The files of a built site, relative to it and sorted, without digest's own marker.
pub fn built_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned()
        })
        .filter(|p| p != ".digest-output")
        .collect();
    files.sort();
    files
}

/// Asserts that every file served equals a fresh `digest build` of the same site.
pub fn assert_matches_fresh_build(server: &Server, root: &Path) {
    // The search index follows edits on its own thread; wait until it has caught up.
    wait_for("the search index", 60, || {
        (server.status_json()["search_pending"] == false).then_some(())
    });
    let out = tempfile::tempdir().expect("tempdir");
    let output = Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out.path().join("site"))
        .output()
        .expect("run digest build");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let built = built_files(&out.path().join("site"));
    let manifest: serde_json::Value =
        serde_json::from_str(&server.get("__digest/manifest").1).expect("manifest JSON");
    let mut served: Vec<String> = manifest["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f.as_str().expect("path").to_string())
        .collect();
    let mut built_sorted = built.clone();
    built_sorted.sort();
    served.sort();
    assert_eq!(served, built_sorted, "the same files");
    for path in &built {
        let fresh = std::fs::read(out.path().join("site").join(path)).expect("read built file");
        let (status, body) = server.get_bytes(path);
        assert_eq!(status, 200, "{path}");
        let body = if path.ends_with(".html") {
            strip_injection(&String::from_utf8_lossy(&body)).into_bytes()
        } else {
            body
        };
        assert!(body == fresh, "{path} differs from a fresh build");
    }
}
