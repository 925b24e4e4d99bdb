//! Killing a build (SIGKILL, no chance to clean up) at any moment leaves the previous site
//! complete: the output directory is, byte for byte, either the old site or the new one.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Every file of a built site. The marker's first line only: the rest is the manifest of
/// what was written (hashes, sizes and modification times), which differs between two
/// builds of the same site.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("inside").to_path_buf();
            let mut bytes = std::fs::read(e.path()).expect("read output file");
            if rel == Path::new(".digest-output") {
                bytes.truncate(
                    bytes
                        .iter()
                        .position(|&b| b == b'\n')
                        .unwrap_or(bytes.len()),
                );
            }
            (rel, bytes)
        })
        .collect()
}

fn build(root: &Path, output: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(output)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start digest")
}

#[test]
fn a_killed_build_leaves_the_previous_site_complete() {
    let site = common::example_site();
    let root = site.path();
    std::fs::write(
        root.join("site.toml"),
        format!(
            "search = false\n{}",
            std::fs::read_to_string(root.join("site.toml")).expect("site.toml")
        ),
    )
    .expect("site.toml");
    // Enough articles for a build to take a while (both editions are written).
    let samples: Vec<PathBuf> = std::fs::read_dir(root.join("content"))
        .expect("content")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    for i in 0..600 {
        let sample = &samples[i % samples.len()];
        let text = std::fs::read_to_string(sample).expect("sample");
        // A distinct headline for front-matter copies; scraped copies share theirs (their
        // slugs are numbered) and differ by a last line.
        let text = if text.trim_start().starts_with("---") {
            text.replacen("title: '", &format!("title: '第{i}期 "), 1)
        } else {
            format!("{text}\n第{i}期\n")
        };
        let ext = sample.extension().and_then(|e| e.to_str()).unwrap_or("md");
        std::fs::write(root.join(format!("content/copy-{i:04}.{ext}")), text).expect("copy");
    }
    let output = root.join("public");
    let started = Instant::now();
    assert!(build(root, &output).wait().expect("build").success());
    let full_build = started.elapsed();
    let old = snapshot(&output);
    assert!(old.len() > 1000, "{} files", old.len());

    // The next build would publish a different site.
    std::fs::write(
        root.join("content/new.md"),
        "---\ntitle: 新文章\ndate: 2022-01-01\n---\n北京知识产权\n",
    )
    .expect("new article");
    let elsewhere = root.join("new-site");
    assert!(build(root, &elsewhere).wait().expect("build").success());
    let new = snapshot(&elsewhere);
    assert_ne!(old, new);

    // Kill builds at moments spread over a whole build, from start-up to the final swap.
    let mut killed_mid_build = 0;
    let steps = 12;
    for step in 0..steps {
        let delay = full_build.mul_f64(step as f64 / (steps - 1) as f64 * 1.1);
        let mut child = build(root, &output);
        std::thread::sleep(delay);
        let finished = child.try_wait().expect("poll").is_some();
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = snapshot(&output);
        if now == old {
            if !finished {
                killed_mid_build += 1;
            }
        } else {
            assert!(
                now == new,
                "killed after {delay:?}: the output is neither the old site nor the new one"
            );
            // Published: start again from the old site for the next kill.
            std::fs::remove_file(root.join("content/new.md")).expect("rm");
            assert!(build(root, &output).wait().expect("build").success());
            assert_eq!(snapshot(&output), old);
            std::fs::write(
                root.join("content/new.md"),
                "---\ntitle: 新文章\ndate: 2022-01-01\n---\n北京知识产权\n",
            )
            .expect("new article");
        }
    }
    assert!(
        killed_mid_build >= 3,
        "only {killed_mid_build} kills landed during a build"
    );

    // The next build publishes and clears what the killed builds left behind.
    assert!(build(root, &output).wait().expect("build").success());
    assert_eq!(snapshot(&output), new);
    let leftovers: Vec<String> = std::fs::read_dir(root)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".digest-staging"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "abandoned staging left: {leftovers:?}"
    );
}
