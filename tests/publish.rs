//! Publishing: `digest publish` against a real local bare repository, `digest init`, and
//! link checking of whole builds at a domain root and under a sub-path.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{example_site, read};

fn digest(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(args)
        .output()
        .expect("run digest")
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Editor")
        .env("GIT_AUTHOR_EMAIL", "editor@example.org")
        .env("GIT_COMMITTER_NAME", "Editor")
        .env("GIT_COMMITTER_EMAIL", "editor@example.org")
        .output()
        .expect("run git");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// The user's repository with the example site committed on main and a bare remote.
fn repository() -> (tempfile::TempDir, tempfile::TempDir) {
    let site = example_site();
    let remote = tempfile::tempdir().expect("tempdir");
    git(
        remote.path(),
        &["init", "--quiet", "--bare", "--initial-branch=main"],
    );
    git(site.path(), &["init", "--quiet", "--initial-branch=main"]);
    std::fs::write(site.path().join(".gitignore"), "/public/\n").expect("write");
    git(site.path(), &["add", "."]);
    git(site.path(), &["commit", "--quiet", "-m", "The digest"]);
    git(
        site.path(),
        &[
            "remote",
            "add",
            "origin",
            remote.path().to_str().expect("utf-8"),
        ],
    );
    (site, remote)
}

/// HEAD, the current branch, the index and the working tree, for "nothing touched".
fn user_state(dir: &Path) -> (String, String, String, String) {
    (
        git(dir, &["rev-parse", "HEAD"]),
        git(dir, &["symbolic-ref", "HEAD"]),
        git(dir, &["diff", "--cached", "--stat"]),
        git(
            dir,
            &[
                "status",
                "--porcelain",
                "--untracked-files=all",
                "--ignored=no",
            ],
        ),
    )
}

#[test]
fn publish_commits_exactly_the_built_site_and_leaves_the_user_alone() {
    let (site, remote) = repository();
    let root = site.path().to_str().expect("utf-8").to_string();
    // Work in progress the user has not committed: a staged and an unstaged change.
    std::fs::write(site.path().join("notes.txt"), "draft").expect("write");
    git(site.path(), &["add", "notes.txt"]);
    std::fs::write(
        site.path().join("site.toml"),
        read(&site.path().join("site.toml")) + "\n# editing\n",
    )
    .expect("write");
    let before = user_state(site.path());

    let output = digest(&["publish", "--root", &root, "--message", "First publication"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("Published"));
    assert_eq!(
        user_state(site.path()),
        before,
        "working tree, index and branch untouched"
    );

    // The branch holds exactly the built files.
    let published: Vec<String> = git(remote.path(), &["ls-tree", "-r", "--name-only", "gh-pages"])
        .lines()
        .map(str::to_string)
        .collect();
    let built = common::built_files(&site.path().join("public"));
    let mut published_sorted = published.clone();
    published_sorted.sort();
    assert_eq!(published_sorted, built);
    assert!(published.contains(&".nojekyll".to_string()));
    let index = git(remote.path(), &["show", "gh-pages:index.html"]);
    assert_eq!(index, read(&site.path().join("public/index.html")).trim());
    assert_eq!(
        git(remote.path(), &["log", "-1", "--format=%s", "gh-pages"]),
        "First publication"
    );

    // Publishing the same site again adds no commit.
    let output = digest(&["publish", "--root", &root]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("Nothing to publish"));
    assert_eq!(
        git(remote.path(), &["rev-list", "--count", "gh-pages"]),
        "1"
    );

    // A changed site adds one commit on top.
    let first = git(remote.path(), &["rev-parse", "gh-pages"]);
    let article = site.path().join("content/002_1b0d3180da46cb3a.txt");
    std::fs::write(&article, read(&article).replace("龚正指出", "龚正强调")).expect("write");
    let output = digest(&["publish", "--root", &root]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        git(remote.path(), &["rev-list", "--count", "gh-pages"]),
        "2"
    );
    assert_eq!(
        git(remote.path(), &["rev-parse", "gh-pages^"]),
        first,
        "on top of the history"
    );
    assert_eq!(git(site.path(), &["rev-parse", "HEAD"]), before.0);
    assert_eq!(git(site.path(), &["symbolic-ref", "HEAD"]), before.1);
}

#[test]
fn publish_reports_a_missing_remote_and_a_rejected_push() {
    let (site, remote) = repository();
    let root = site.path().to_str().expect("utf-8").to_string();
    let output = digest(&["publish", "--root", &root, "--remote", "nosuch"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("nosuch") && stderr.contains("cannot reach"),
        "{stderr}"
    );

    let hook = remote.path().join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'pushes are closed' >&2\nexit 1\n").expect("write hook");
    let mut permissions = std::fs::metadata(&hook).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&hook, permissions).expect("chmod");
    let output = digest(&["publish", "--root", &root]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("rejected the push"), "{stderr}");
    assert!(stderr.contains("pushes are closed"), "{stderr}");
}

#[test]
fn init_scaffolds_a_site_that_builds_and_a_valid_workflow() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("my-digest");
    let target_str = target.to_str().expect("utf-8");
    let output = digest(&["init", target_str]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for file in [
        "site.toml",
        "content/welcome.md",
        ".gitignore",
        ".github/workflows/pages.yml",
    ] {
        assert!(target.join(file).is_file(), "{file}");
    }
    assert!(target.join("templates").is_dir() && target.join("static").is_dir());
    assert!(read(&target.join("site.toml")).contains("# Where the site is published"));

    let output = digest(&["build", "--root", target_str, "--check-links"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(target.join("public/index.html").is_file());
    assert!(read(&target.join("public/index.html")).contains("欢迎使用 digest"));

    let workflow: serde_norway::Value =
        serde_norway::from_str(&read(&target.join(".github/workflows/pages.yml")))
            .expect("valid YAML");
    let jobs = &workflow["jobs"];
    assert!(jobs["build"].is_mapping() && jobs["deploy"].is_mapping());
    assert_eq!(workflow["permissions"]["pages"], "write");
    assert_eq!(workflow["permissions"]["id-token"], "write");
    assert_eq!(workflow["concurrency"]["group"], "pages");
    let uses = |job: &str| -> Vec<String> {
        jobs[job]["steps"]
            .as_sequence()
            .expect("steps")
            .iter()
            .filter_map(|s| s["uses"].as_str().map(str::to_string))
            .collect()
    };
    assert!(
        uses("build")
            .iter()
            .any(|u| u.starts_with("actions/upload-pages-artifact@"))
    );
    assert!(
        uses("deploy")
            .iter()
            .any(|u| u.starts_with("actions/deploy-pages@"))
    );
    assert_eq!(jobs["deploy"]["needs"], "build");
    // digest pinned to a revision, the cache keyed on it, skipped files reported.
    let env = &jobs["build"]["env"];
    let rev = env["DIGEST_REV"].as_str().expect("DIGEST_REV");
    assert!(!rev.is_empty());
    let steps = jobs["build"]["steps"].as_sequence().expect("steps");
    let step = |name: &str| {
        steps
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no step {name}"))
    };
    let key = step("Cache digest")["with"]["key"].as_str().expect("key");
    assert!(
        key.contains("env.DIGEST_REV") && key.contains("env.DIGEST_GIT"),
        "{key}"
    );
    let install = step("Install digest")["run"].as_str().expect("run");
    assert!(install.contains("--rev \"$DIGEST_REV\""), "{install}");
    let build = step("Build the site")["run"].as_str().expect("run");
    assert!(build.contains("--keep-going"), "{build}");
    let output = digest(&[
        "init",
        "--force",
        "--digest-git",
        "https://github.com/x/digest",
        "--digest-rev",
        "v9.9.9",
        target_str,
    ]);
    assert!(output.status.success());
    let text = read(&target.join(".github/workflows/pages.yml"));
    assert!(
        text.contains("DIGEST_GIT: https://github.com/x/digest\n"),
        "{text}"
    );
    assert!(text.contains("DIGEST_REV: v9.9.9\n"), "{text}");
    assert_eq!(jobs["deploy"]["environment"]["name"], "github-pages");

    // A second init refuses to overwrite; --force does.
    std::fs::write(target.join("site.toml"), "title = \"mine\"\n").expect("write");
    let output = digest(&["init", target_str]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--force"));
    assert_eq!(read(&target.join("site.toml")), "title = \"mine\"\n");
    let output = digest(&["init", target_str, "--force"]);
    assert!(output.status.success());
    assert_ne!(read(&target.join("site.toml")), "title = \"mine\"\n");
}

/// `init` in a clone whose origin is on GitHub sets base_url to its Pages address; a
/// relative base_url is warned about by build and refused by publish unless allowed.
#[test]
fn base_url_from_the_github_remote_and_relative_ones_warned_and_refused() {
    let clone = tempfile::tempdir().expect("tempdir");
    git(clone.path(), &["init", "--quiet", "--initial-branch=main"]);
    git(
        clone.path(),
        &[
            "remote",
            "add",
            "origin",
            "git@github.com:Acme/ip-digest.git",
        ],
    );
    let site = clone.path().join("site");
    let site_str = site.to_str().expect("utf-8");
    let output = digest(&["init", site_str]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(
        stdout.contains("base_url is https://acme.github.io/ip-digest/"),
        "{stdout}"
    );
    let toml = read(&site.join("site.toml"));
    assert!(
        toml.contains("base_url = \"https://acme.github.io/ip-digest/\""),
        "{toml}"
    );
    let output = digest(&["build", "--root", site_str]);
    assert!(output.status.success());
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("base_url"),
        "an absolute base_url is not warned about"
    );
    assert!(read(&site.join("public/feed.xml")).contains("https://acme.github.io/ip-digest/"));

    // Outside any GitHub clone: "/" and a warning naming the file, line and what breaks.
    let plain = tempfile::tempdir().expect("tempdir");
    let other = plain.path().join("d");
    let other_str = other.to_str().expect("utf-8");
    assert!(digest(&["init", other_str]).status.success());
    let output = digest(&["build", "--root", other_str]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let line = read(&other.join("site.toml"))
        .lines()
        .position(|l| l.starts_with("base_url = \"/\""))
        .expect("base_url line")
        + 1;
    assert!(
        stderr.contains(&format!(
            "site.toml:{line}: warning: base_url \"/\" is not a whole address: feed entries, the sitemap and canonical links"
        )),
        "{stderr}"
    );
    let links = digest(&["check", "--links", "--root", other_str]);
    assert!(String::from_utf8_lossy(&links.stderr).contains("is not a whole address"));

    // publish refuses it (before building or pushing anything), unless told.
    git(&other, &["init", "--quiet", "--initial-branch=main"]);
    let remote = tempfile::tempdir().expect("tempdir");
    git(remote.path(), &["init", "--quiet", "--bare"]);
    git(
        &other,
        &[
            "remote",
            "add",
            "origin",
            remote.path().to_str().expect("utf-8"),
        ],
    );
    let output = digest(&["publish", "--root", other_str]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains("error: base_url \"/\" is not a whole address"),
        "{stderr}"
    );
    assert!(stderr.contains("--allow-relative-base-url"), "{stderr}");
    assert_eq!(
        git(remote.path(), &["branch", "--list"]),
        "",
        "nothing pushed"
    );
    let output = digest(&["publish", "--root", other_str, "--allow-relative-base-url"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let output = digest(&[
        "publish",
        "--root",
        other_str,
        "--base-url",
        "https://example.org/digest/",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// On GitHub Actions, problems are also printed as workflow commands, which the run's page
/// shows on the file and line.
#[test]
fn skipped_files_become_workflow_annotations_on_github_actions() {
    let site = example_site();
    std::fs::write(
        site.path().join("content/broken.md"),
        "---\ntitle: x\ndate: nope\n---\n",
    )
    .expect("write");
    let output = Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["build", "--keep-going", "--root"])
        .arg(site.path())
        .env("GITHUB_ACTIONS", "true")
        .output()
        .expect("run digest");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let annotation = stdout
        .lines()
        .find(|l| l.starts_with("::warning file=content/broken.md,line=3,"))
        .unwrap_or_else(|| panic!("no annotation: {stdout}"));
    assert!(annotation.contains("::skipped: "), "{annotation}");
    assert!(annotation.contains("%0Ahint: "), "{annotation}");
    // Elsewhere, no workflow commands.
    let output = Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["build", "--keep-going", "--root"])
        .arg(site.path())
        .env_remove("GITHUB_ACTIONS")
        .output()
        .expect("run digest");
    assert!(!String::from_utf8_lossy(&output.stdout).contains("::warning"));
}

/// Every internal link of a whole build resolves, at a domain root and under a sub-path,
/// checked by `digest check --links` and by an independent crawl of every page.
#[test]
fn no_broken_internal_links_at_a_root_or_under_a_sub_path() {
    for base in [
        "https://digest.example.org/",
        "https://org.github.io/digest/",
    ] {
        let site = example_site();
        let root = site.path().to_str().expect("utf-8");
        let output = digest(&["build", "--root", root, "--base-url", base, "--check-links"]);
        assert!(
            output.status.success(),
            "{base}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let output = digest(&["check", "--links", "--root", root, "--base-url", base]);
        assert!(
            output.status.success(),
            "{base}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(String::from_utf8_lossy(&output.stdout).contains(" 0 broken"));

        // Independent crawl from the home page, as a visitor of the published site would.
        let out = site.path().join("public");
        let base_path = base
            .splitn(4, '/')
            .nth(3)
            .map(|p| format!("/{p}"))
            .expect("path");
        let selector = scraper::Selector::parse("a[href], link[href], script[src], img[src]")
            .expect("selector");
        let mut seen = std::collections::BTreeSet::new();
        let mut queue = vec!["index.html".to_string()];
        while let Some(page) = queue.pop() {
            if !seen.insert(page.clone()) || !page.ends_with(".html") {
                continue;
            }
            let doc = scraper::Html::parse_document(&read(&out.join(&page)));
            for el in doc.select(&selector) {
                let href = el
                    .value()
                    .attr("href")
                    .or(el.value().attr("src"))
                    .expect("attr");
                let href = href
                    .split('#')
                    .next()
                    .expect("path")
                    .split('?')
                    .next()
                    .expect("path");
                if href.is_empty() || href.starts_with("http") || href.starts_with("mailto:") {
                    continue;
                }
                let target = if let Some(abs) = href.strip_prefix(&base_path) {
                    abs.to_string()
                } else {
                    assert!(
                        !href.starts_with('/'),
                        "{page}: {href} is outside {base_path}"
                    );
                    let dir = Path::new(&page).parent().expect("dir");
                    let joined = dir.join(href);
                    let mut parts: Vec<String> = Vec::new();
                    for c in joined.components() {
                        match c {
                            std::path::Component::ParentDir => {
                                assert!(parts.pop().is_some(), "{page}: {href} climbs out");
                            }
                            std::path::Component::Normal(n) => {
                                parts.push(n.to_string_lossy().into_owned())
                            }
                            _ => {}
                        }
                    }
                    parts.join("/")
                };
                assert!(
                    out.join(&target).is_file(),
                    "{base}: {page} links to missing {href}"
                );
                queue.push(target);
            }
        }
        assert!(
            seen.len() > 50,
            "{base}: the crawl reached every page ({})",
            seen.len()
        );
        assert!(out.join(".nojekyll").is_file());
        assert!(out.join("404.html").is_file());
    }
}

#[test]
fn cname_is_written_for_a_custom_domain() {
    let site = example_site();
    // cname is a top-level key: it goes before the first table.
    let config = read(&site.path().join("site.toml")).replacen(
        "[edition]",
        "cname = \"digest.example.org\"\n\n[edition]",
        1,
    );
    std::fs::write(site.path().join("site.toml"), config).expect("write");
    let output = digest(&["build", "--root", site.path().to_str().expect("utf-8")]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        read(&site.path().join("public/CNAME")),
        "digest.example.org\n"
    );
}
