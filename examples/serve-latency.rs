//! Save-to-served latency of `digest serve --watch`: edits one article at a time and
//! measures the time from the write to the first response that serves the edit.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example gen-corpus -- 10000 /tmp/corpus10k
//! cargo run --release --example serve-latency -- /tmp/corpus10k [RUNS]
//! ```

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().ok_or("usage: serve-latency DIR [RUNS]")?);
    let runs: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(30);
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/digest");

    let mut child = Command::new(&binary)
        .args(["serve", "--port", "0", "--watch", "--verbose", "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let started = Instant::now();
    let first = rx.recv_timeout(Duration::from_secs(300))?;
    let startup = started.elapsed();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .ok_or("no URL printed")?
        .trim_end_matches(',')
        .to_string();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let get = |path: &str| -> Result<String, Box<dyn std::error::Error>> {
        Ok(agent
            .get(&format!("{url}{path}"))
            .call()?
            .body_mut()
            .with_config()
            .limit(256 * 1024 * 1024)
            .read_to_string()?)
    };
    let records: serde_json::Value = serde_json::from_str(&get("data/articles.json")?)?;
    let targets: Vec<(String, String)> = records
        .as_array()
        .ok_or("articles.json is not an array")?
        .iter()
        .filter(|r| r["input"].as_str().is_some_and(|i| i.ends_with(".md")))
        .take(10)
        .filter_map(|r| {
            Some((
                r["input"].as_str()?.to_string(),
                r["slug"].as_str()?.to_string(),
            ))
        })
        .collect();
    if targets.is_empty() {
        return Err("the corpus has no Markdown articles to edit".into());
    }

    // Markers unique to this invocation, so edits left by an earlier run never count.
    let nonce = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let mut latencies = Vec::with_capacity(runs);
    for run in 0..runs {
        let (input, slug) = &targets[run % targets.len()];
        let path = root.join(input);
        let marker = format!("基准编辑标记{nonce}-{run}");
        let mut text = std::fs::read_to_string(&path)?;
        text.push_str(&format!("\n{marker}\n"));
        let written = Instant::now();
        std::fs::write(&path, text)?;
        loop {
            if get(&format!("articles/{slug}.html"))?.contains(&marker) {
                break;
            }
            if written.elapsed() > Duration::from_secs(30) {
                return Err(format!("run {run}: the edit was never served").into());
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        latencies.push(written.elapsed());
        // Let the watcher settle so runs do not overlap.
        std::thread::sleep(Duration::from_millis(150));
    }
    let _ = child.kill();
    let lines: Vec<String> = rx.try_iter().collect();
    if std::env::var_os("SHOW_STAGES").is_some() {
        for line in &lines {
            println!("{line}");
        }
    }
    let mut rebuilds: Vec<f64> = lines
        .iter()
        .filter_map(|l| {
            let ms = l.rsplit(" in ").next()?.strip_suffix(" ms")?;
            ms.parse().ok()
        })
        .collect();
    latencies.sort();
    rebuilds.sort_by(f64::total_cmp);
    let pct = |p: f64| latencies[((latencies.len() - 1) as f64 * p).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{} articles: startup {:.0} ms; save-to-served over {runs} edits: p50 {:.1} ms, p90 {:.1} ms, max {:.1} ms; rebuild itself p50 {:.1} ms",
        records.as_array().map_or(0, Vec::len),
        ms(startup),
        ms(pct(0.5)),
        ms(pct(0.9)),
        ms(*latencies.last().unwrap_or(&Duration::ZERO)),
        rebuilds
            .get(rebuilds.len() / 2)
            .copied()
            .unwrap_or(f64::NAN),
    );
    Ok(())
}
