//! `digest init DIR`: a new digest with commented settings, one example article, folders
//! for template and asset overrides, and a GitHub Actions workflow that publishes to Pages.

use std::path::{Path, PathBuf};

/// Where digest's source is fetched from by the generated workflow: the repository this
/// digest was built from when the build knew it (see build.rs), else a placeholder the
/// workflow file explains.
pub const DEFAULT_DIGEST_GIT: &str = match option_env!("DIGEST_SOURCE_GIT") {
    Some(url) => url,
    None => "https://github.com/your-org/digest",
};

/// The revision of digest the workflow installs: the commit this digest was built from
/// when known, else its version's tag.
pub const DEFAULT_DIGEST_REV: &str = match option_env!("DIGEST_SOURCE_REV") {
    Some(rev) => rev,
    None => concat!("v", env!("CARGO_PKG_VERSION")),
};

/// Where the workflow takes digest from.
#[derive(Debug, Clone)]
pub struct DigestSource {
    pub git: String,
    pub rev: String,
}

/// What `init` did.
#[derive(Debug)]
pub struct Initialised {
    pub written: Vec<PathBuf>,
    /// The GitHub Pages address `base_url` was set to, from the clone's GitHub remote.
    pub pages_address: Option<String>,
}

/// The files `init` writes, relative to the new site; `base_url` is the site's address.
pub fn files(source: &DigestSource, base_url: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "site.toml",
            include_str!("site.toml").replace(
                "base_url = \"/\"",
                &format!("base_url = {}", toml::Value::String(base_url.to_string())),
            ),
        ),
        ("content/welcome.md", include_str!("example.md").to_string()),
        // Empty folders for overrides; hidden files are never published.
        ("templates/.gitkeep", String::new()),
        ("static/.gitkeep", String::new()),
        (".gitignore", "/public/\n".to_string()),
        (
            ".github/workflows/pages.yml",
            include_str!("pages.yml")
                .replace("{{DIGEST_GIT}}", &source.git)
                .replace("{{DIGEST_REV}}", &source.rev),
        ),
    ]
}

/// Writes a new digest into `dir`. Existing files are never replaced unless `force`;
/// without it, nothing is written if any file exists. Inside a clone whose `origin` is on
/// GitHub, `base_url` is set to the repository's Pages address.
pub fn init(dir: &Path, force: bool, source: &DigestSource) -> Result<Initialised, String> {
    let pages_address = origin_url(dir).and_then(|url| pages_address(&url));
    let files = files(source, pages_address.as_deref().unwrap_or("/"));
    if !force {
        let existing: Vec<String> = files
            .iter()
            .filter(|(path, _)| dir.join(path).exists())
            .map(|(path, _)| path.to_string())
            .collect();
        if !existing.is_empty() {
            return Err(format!(
                "{} already has {}; nothing was written (pass --force to replace them)",
                dir.display(),
                existing.join(", ")
            ));
        }
    }
    let mut written = Vec::new();
    for (path, text) in files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&target, text)
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        written.push(target);
    }
    Ok(Initialised {
        written,
        pages_address,
    })
}

/// The `origin` remote's URL of the git repository holding `dir` (or, if `dir` does not
/// exist yet, its nearest existing ancestor).
fn origin_url(dir: &Path) -> Option<String> {
    let existing = dir.ancestors().find(|d| d.is_dir())?;
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(existing)
        .args(["remote", "get-url", "origin"])
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
        .filter(|url| !url.is_empty())
}

/// The GitHub Pages address of a GitHub repository, from any form of its remote URL
/// (`https://github.com/OWNER/REPO.git`, `git@github.com:OWNER/REPO.git`,
/// `ssh://git@github.com/OWNER/REPO`): `https://owner.github.io/REPO/`, or
/// `https://owner.github.io/` for the user or organisation site `OWNER.github.io`.
pub fn pages_address(remote: &str) -> Option<String> {
    let path = [
        "https://github.com/",
        "http://github.com/",
        "ssh://git@github.com/",
        "git@github.com:",
        "git://github.com/",
    ]
    .iter()
    .find_map(|prefix| remote.strip_prefix(prefix))?;
    let path = path.trim_end_matches('/');
    let path = path.strip_suffix(".git").unwrap_or(path);
    let (owner, repo) = path.split_once('/')?;
    let valid = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    };
    if !valid(owner) || !valid(repo) || owner.contains('.') {
        return None;
    }
    let host = format!("{}.github.io", owner.to_ascii_lowercase());
    if repo.eq_ignore_ascii_case(&host) {
        Some(format!("https://{host}/"))
    } else {
        Some(format!("https://{host}/{repo}/"))
    }
}

#[cfg(test)]
mod tests {
    use super::pages_address;

    #[test]
    fn pages_addresses_from_every_form_of_github_remote() {
        for (remote, expected) in [
            (
                "https://github.com/Acme/policy-digest.git",
                Some("https://acme.github.io/policy-digest/"),
            ),
            (
                "https://github.com/acme/policy-digest",
                Some("https://acme.github.io/policy-digest/"),
            ),
            (
                "git@github.com:Acme/policy-digest.git",
                Some("https://acme.github.io/policy-digest/"),
            ),
            (
                "ssh://git@github.com/acme/policy-digest.git",
                Some("https://acme.github.io/policy-digest/"),
            ),
            (
                "https://github.com/Acme/acme.github.io.git",
                Some("https://acme.github.io/"),
            ),
            ("https://gitlab.com/acme/policy-digest.git", None),
            ("/srv/git/digest.git", None),
            ("https://github.com/acme", None),
        ] {
            assert_eq!(pages_address(remote).as_deref(), expected, "{remote}");
        }
    }
}
