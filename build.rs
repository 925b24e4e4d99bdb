//! Records where this digest's source came from (its git commit, and its GitHub address
//! when the clone has one), so that `digest init` can pin the Pages workflow to the same
//! digest. Outside a git checkout nothing is recorded and init falls back to the version.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?.trim().to_string();
    (output.status.success() && !text.is_empty()).then_some(text)
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
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
