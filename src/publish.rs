//! `digest publish`: commits the built site as the entire content of a branch (gh-pages),
//! on top of that branch's history, and pushes it — without touching the user's working
//! tree, index or current branch.
//!
//! It drives the git command line: the same git the user configured (credentials, SSH keys,
//! proxies, hooks) does the fetching and pushing, and GitHub Actions has it too. The commit
//! is assembled with plumbing (a temporary index, `write-tree`, `commit-tree`), which never
//! looks at the user's index or checkout.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::write::MARKER;

#[derive(Debug, Clone)]
pub struct PublishOptions {
    /// The site; must be inside a git repository.
    pub root: PathBuf,
    /// The built site to publish.
    pub output: PathBuf,
    /// A remote's name or URL.
    pub remote: String,
    pub branch: String,
    pub message: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Published {
    /// A new commit was pushed.
    Committed { commit: String, files: usize },
    /// The branch already holds exactly this site.
    Unchanged { commit: String },
}

/// Publishes `options.output` (already built) to the branch.
pub fn publish(options: &PublishOptions) -> Result<Published, String> {
    let git = Git::open(&options.root)?;
    let branch_ref = format!("refs/heads/{}", options.branch);
    if git.current_branch().as_deref() == Some(options.branch.as_str()) {
        return Err(format!(
            "the repository has {} checked out; switch to another branch before publishing to it",
            options.branch
        ));
    }
    if !options.output.join("index.html").is_file() {
        return Err(format!(
            "{} holds no built site; run `digest build` first (or publish without --no-build)",
            options.output.display()
        ));
    }

    // The branch's history: the remote's tip if it has the branch, else a local branch.
    let remote_tip = git.remote_tip(&options.remote, &branch_ref)?;
    let parent = match remote_tip {
        Some(tip) => Some(tip),
        None => git.rev_parse(&branch_ref),
    };

    let tree = git.tree_of(&options.output)?;
    if let Some(parent) = &parent
        && git.rev_parse(&format!("{parent}^{{tree}}")).as_deref() == Some(tree.as_str())
    {
        git.update_ref(&branch_ref, parent)?;
        return Ok(Published::Unchanged {
            commit: parent.clone(),
        });
    }
    let message = options.message.clone().unwrap_or_else(|| {
        format!(
            "Publish the digest ({})",
            chrono::Local::now().format("%Y-%m-%d %H:%M")
        )
    });
    let commit = git.commit_tree(&tree, parent.as_deref(), &message)?;
    git.push(&options.remote, &commit, &branch_ref)?;
    git.update_ref(&branch_ref, &commit)?;
    let files = git
        .run(&["ls-tree", "-r", "--name-only", &commit])?
        .lines()
        .count();
    Ok(Published::Committed { commit, files })
}

struct Git {
    /// The repository's .git directory.
    git_dir: PathBuf,
}

impl Git {
    fn open(root: &Path) -> Result<Git, String> {
        let output = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["rev-parse", "--absolute-git-dir"])
            .output()
            .map_err(|e| format!("cannot run git ({e}); is git installed?"))?;
        if !output.status.success() {
            return Err(format!(
                "{} is not inside a git repository; run `git init` there first",
                root.display()
            ));
        }
        Ok(Git {
            git_dir: PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()),
        })
    }

    fn command(&self) -> Command {
        let mut command = Command::new("git");
        command.arg("--git-dir").arg(&self.git_dir);
        command
    }

    fn run(&self, args: &[&str]) -> Result<String, String> {
        let mut command = self.command();
        command.args(args);
        output_of(command, &format!("git {} failed", args.join(" ")))
    }

    fn rev_parse(&self, name: &str) -> Option<String> {
        self.run(&["rev-parse", "--verify", "--quiet", name]).ok()
    }

    fn current_branch(&self) -> Option<String> {
        self.run(&["symbolic-ref", "--quiet", "--short", "HEAD"])
            .ok()
    }

    /// The branch's tip on the remote, fetched so it can be a parent; None if the remote
    /// has no such branch yet.
    fn remote_tip(&self, remote: &str, branch_ref: &str) -> Result<Option<String>, String> {
        let listed = self
            .command()
            .args(["ls-remote", "--exit-code", remote, branch_ref])
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        match listed.status.code() {
            Some(0) => {}
            // --exit-code: the remote answered but has no such branch.
            Some(2) => return Ok(None),
            _ => {
                return Err(format!(
                    "cannot reach the remote {remote:?}: {}\n  hint: check the name with `git remote -v`, or pass --remote with a URL",
                    String::from_utf8_lossy(&listed.stderr).trim()
                ));
            }
        }
        let tip = String::from_utf8_lossy(&listed.stdout)
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        if self.rev_parse(&format!("{tip}^{{commit}}")).is_none() {
            self.run(&["fetch", "--quiet", "--no-tags", remote, branch_ref])?;
        }
        Ok(Some(tip))
    }

    /// Writes the tree of `dir` with a temporary index, leaving the user's index alone.
    fn tree_of(&self, dir: &Path) -> Result<String, String> {
        let index =
            tempfile::tempdir().map_err(|e| format!("cannot create a temporary index: {e}"))?;
        let index_file = index.path().join("index");
        let add = self
            .command()
            .arg("--work-tree")
            .arg(dir)
            .env("GIT_INDEX_FILE", &index_file)
            .args(["add", "--all", "--force", "--", "."])
            .arg(format!(":(exclude){MARKER}"))
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if !add.status.success() {
            return Err(format!(
                "cannot stage the site: {}",
                String::from_utf8_lossy(&add.stderr).trim()
            ));
        }
        let mut write_tree = self.command();
        write_tree
            .env("GIT_INDEX_FILE", &index_file)
            .arg("write-tree");
        output_of(write_tree, "cannot write the site's tree")
    }

    fn commit_tree(
        &self,
        tree: &str,
        parent: Option<&str>,
        message: &str,
    ) -> Result<String, String> {
        let mut command = self.command();
        // Publishing must work where no identity is configured (a fresh CI machine).
        if self.run(&["config", "user.email"]).is_err() {
            command.args([
                "-c",
                "user.name=digest",
                "-c",
                "user.email=digest@localhost",
            ]);
        }
        command.args(["commit-tree", tree, "-m", message]);
        if let Some(parent) = parent {
            command.args(["-p", parent]);
        }
        output_of(command, "cannot commit the site")
    }

    fn push(&self, remote: &str, commit: &str, branch_ref: &str) -> Result<(), String> {
        let output = self
            .command()
            .args(["push", "--quiet", remote, &format!("{commit}:{branch_ref}")])
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "the remote {remote:?} rejected the push: {}\n  hint: check your access rights, and that nobody else published meanwhile (then publish again)",
                String::from_utf8_lossy(&output.stderr).trim()
            ))
        }
    }

    fn update_ref(&self, name: &str, commit: &str) -> Result<(), String> {
        self.run(&["update-ref", name, commit]).map(|_| ())
    }
}

/// Runs a git command; its trimmed output, or `what` with git's message.
fn output_of(mut command: Command, what: &str) -> Result<String, String> {
    let output = command
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
    } else {
        Err(format!(
            "{what}: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}
