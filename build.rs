//! Turns OpenCC's dictionaries into ready automata (building them at every run cost a
//! small site's build a third of its time; BENCHMARKS.md), and records where this digest's
//! source came from (its git commit, and its GitHub address when the clone has one), so
//! that `digest init` can pin the Pages workflow to the same digest. Outside a git checkout
//! no source is recorded and init falls back to the version.

use std::process::Command;

#[path = "src/clean/opencc/tables.rs"]
mod tables;

/// One file per dictionary group in OUT_DIR: the leftmost-longest automaton over its keys
/// and the values in key order ([`tables::pack`]).
fn opencc_automata() {
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=src/clean/opencc");
    for (name, files) in tables::GROUPS {
        let texts: Vec<String> = files
            .iter()
            .map(|f| {
                std::fs::read_to_string(format!("src/clean/opencc/{f}"))
                    .unwrap_or_else(|e| panic!("src/clean/opencc/{f}: {e}"))
            })
            .collect();
        let dictionaries: Vec<&str> = texts.iter().map(String::as_str).collect();
        let entries = tables::group(&dictionaries);
        let automaton = daachorse::CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(daachorse::MatchKind::LeftmostLongest)
            .build_with_values::<_, _, u32>(
                entries
                    .iter()
                    .enumerate()
                    .map(|(i, (key, _))| (*key, i as u32)),
            )
            .unwrap_or_else(|e| panic!("OpenCC group {name}: {e}"));
        let values: Vec<&str> = entries.iter().map(|(_, v)| *v).collect();
        let packed = tables::pack(&automaton.serialize(), &values);
        std::fs::write(format!("{out_dir}/opencc-{name}.bin"), packed)
            .unwrap_or_else(|e| panic!("{out_dir}: {e}"));
    }
}

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && !text.is_empty()).then_some(text)
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    opencc_automata();
    // Only digest's own checkout: not a repository that happens to contain it.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let top = git(&["rev-parse", "--show-toplevel"]);
    let same = |a: &str, b: &str| {
        std::fs::canonicalize(a)
            .ok()
            .is_some_and(|a| std::fs::canonicalize(b).ok() == Some(a))
    };
    if !top.is_some_and(|top| same(&top, &manifest_dir)) {
        return;
    }
    let Some(git_dir) = git(&["rev-parse", "--absolute-git-dir"]) else {
        return;
    };
    // A new commit or checkout changes HEAD (and the ref it points to).
    println!("cargo:rerun-if-changed={git_dir}/HEAD");
    if let Some(reference) = git(&["symbolic-ref", "-q", "HEAD"]) {
        println!("cargo:rerun-if-changed={git_dir}/{reference}");
    }
    if let Some(commit) = git(&["rev-parse", "HEAD"])
        && commit.len() == 40
    {
        println!("cargo:rustc-env=DIGEST_SOURCE_REV={commit}");
    }
    if let Some(origin) = git(&["remote", "get-url", "origin"])
        && let Some(path) = origin
            .strip_prefix("https://github.com/")
            .or_else(|| origin.strip_prefix("git@github.com:"))
    {
        let path = path.trim_end_matches(".git");
        println!("cargo:rustc-env=DIGEST_SOURCE_GIT=https://github.com/{path}");
    }
}
