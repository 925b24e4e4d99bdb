//! `digest init DIR`: a new digest with commented settings, one example article, folders
//! for template and asset overrides, and a GitHub Actions workflow that publishes to Pages.

use std::path::{Path, PathBuf};

/// Where digest's source is fetched from by the generated workflow.
pub const DEFAULT_DIGEST_GIT: &str = "https://github.com/your-org/digest";

/// The files `init` writes, relative to the new site.
pub fn files(digest_git: &str) -> Vec<(&'static str, String)> {
    vec![
        ("site.toml", include_str!("site.toml").to_string()),
        ("content/welcome.md", include_str!("example.md").to_string()),
        // Empty folders for overrides; hidden files are never published.
        ("templates/.gitkeep", String::new()),
        ("static/.gitkeep", String::new()),
        (".gitignore", "/public/\n".to_string()),
        (
            ".github/workflows/pages.yml",
            include_str!("pages.yml").replace("{{DIGEST_GIT}}", digest_git),
        ),
    ]
}

/// Writes a new digest into `dir`. Existing files are never replaced unless `force`;
/// without it, nothing is written if any file exists.
pub fn init(dir: &Path, force: bool, digest_git: &str) -> Result<Vec<PathBuf>, String> {
    let files = files(digest_git);
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
    Ok(written)
}
