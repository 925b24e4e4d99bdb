//! Writes digest's copy of OpenCC's data, from the ferrous-opencc this project builds with:
//!
//! - `src/clean/opencc/*.txt`: the dictionaries digest's own matcher uses for large
//!   conversions (`src/clean/opencc.rs`), copied unchanged, so both backends convert with
//!   the same data;
//! - `src/clean/t2s_triggers.txt`: for every key of the dictionaries used to convert
//!   Traditional to Simplified (TSPhrases, TSCharacters) whose value differs, one character
//!   of the key (the first that changes). OpenCC changes text only where a key matches, and
//!   matched text holds all of the key's characters, so text holding none of these converts
//!   to itself: the cleaner skips the converter for it (most of an already-Simplified
//!   corpus).
//!
//! ```sh
//! cargo run --example gen-opencc-data            # regenerate
//! cargo run --example gen-opencc-data -- --check # fail if the committed data is stale
//! ```

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, ExitCode};

const TABLE: &str = "src/clean/t2s_triggers.txt";
const DICTIONARY_DIR: &str = "src/clean/opencc";
/// The dictionaries of the conversions digest offers (t2s, s2t, s2hk, s2tw, s2twp).
const DICTIONARIES: [&str; 7] = [
    "STPhrases.txt",
    "STCharacters.txt",
    "TSPhrases.txt",
    "TSCharacters.txt",
    "HKVariants.txt",
    "TWPhrases.txt",
    "TWVariants.txt",
];

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    let dictionaries = match ferrous_dictionaries() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("gen-opencc-data: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut stale = false;
    for name in DICTIONARIES {
        let theirs = match std::fs::read(dictionaries.join(name)) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("gen-opencc-data: cannot read {name}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let ours = PathBuf::from(DICTIONARY_DIR).join(name);
        if check {
            if std::fs::read(&ours).ok().as_deref() != Some(theirs.as_slice()) {
                eprintln!("{} differs from ferrous-opencc's", ours.display());
                stale = true;
            }
        } else if let Err(e) =
            std::fs::create_dir_all(DICTIONARY_DIR).and_then(|()| std::fs::write(&ours, &theirs))
        {
            eprintln!("gen-opencc-data: cannot write {}: {e}", ours.display());
            return ExitCode::FAILURE;
        }
    }
    let mut triggers = BTreeSet::new();
    for name in ["TSPhrases.txt", "TSCharacters.txt"] {
        let path = dictionaries.join(name);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("gen-opencc-data: cannot read {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        };
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let Some((key, values)) = line.split_once('\t') else {
                continue;
            };
            // OpenCC uses the first value.
            let value = values.split(' ').next().unwrap_or(key);
            if value == key {
                continue;
            }
            // Text holding this key holds every character of it; the one that changes is
            // rare (反覆 → 反复: 覆), where the first (反) is everywhere.
            let changed = key
                .chars()
                .zip(value.chars())
                .find(|(k, v)| k != v)
                .map(|(k, _)| k)
                .or_else(|| key.chars().last());
            triggers.extend(changed);
        }
    }
    let table: String = triggers.iter().collect::<String>() + "\n";
    if check {
        let committed = std::fs::read_to_string(TABLE).unwrap_or_default();
        if committed != table {
            eprintln!("{TABLE} is stale");
            stale = true;
        }
        if stale {
            eprintln!("run `cargo run --example gen-opencc-data`");
            return ExitCode::FAILURE;
        }
        println!(
            "{TABLE} and {DICTIONARY_DIR}/ match ferrous-opencc's dictionaries ({} triggers)",
            triggers.len()
        );
    } else if let Err(e) = std::fs::write(TABLE, table) {
        eprintln!("gen-opencc-data: cannot write {TABLE}: {e}");
        return ExitCode::FAILURE;
    } else {
        println!("wrote {TABLE} ({} characters)", triggers.len());
    }
    ExitCode::SUCCESS
}

/// `assets/dictionaries` of the ferrous-opencc this project builds with, found through
/// `cargo metadata` so the version always matches Cargo.lock.
fn ferrous_dictionaries() -> Result<PathBuf, String> {
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["metadata", "--format-version", "1"])
        .output()
        .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("cannot parse cargo metadata: {e}"))?;
    let manifest = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "ferrous-opencc")
        .and_then(|p| p["manifest_path"].as_str())
        .ok_or("ferrous-opencc is not among the dependencies")?;
    let dir = PathBuf::from(manifest)
        .parent()
        .ok_or("odd manifest path")?
        .join("assets/dictionaries");
    Ok(dir)
}
