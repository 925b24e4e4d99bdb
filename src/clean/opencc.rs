//! OpenCC's conversion, matched by a double-array Aho–Corasick automaton (daachorse) over
//! OpenCC's own dictionaries (`opencc/`, copied from ferrous-opencc's by
//! `examples/gen-opencc-data.rs`, which CI checks).
//!
//! OpenCC converts with a chain of dictionary groups; each replaces, left to right, the
//! longest key starting at each position with its first value (within a group, the first
//! dictionary wins a tie). That is exactly leftmost-longest matching over the group's keys,
//! which an automaton does in one pass, much faster than ferrous-opencc's per-position FST
//! lookups (BENCHMARKS.md). It is digest's only converter at run time; ferrous-opencc is
//! the oracle the tests below hold it to, on every key of every dictionary and on the
//! samples.

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::zh::script::Script;

const ST_PHRASES: &str = include_str!("opencc/STPhrases.txt");
const ST_CHARACTERS: &str = include_str!("opencc/STCharacters.txt");
const TS_PHRASES: &str = include_str!("opencc/TSPhrases.txt");
const TS_CHARACTERS: &str = include_str!("opencc/TSCharacters.txt");
const HK_VARIANTS: &str = include_str!("opencc/HKVariants.txt");
const TW_PHRASES: &str = include_str!("opencc/TWPhrases.txt");
const TW_VARIANTS: &str = include_str!("opencc/TWVariants.txt");

/// One target's conversion: its dictionary groups, applied in order.
pub struct Chain {
    stages: Vec<Stage>,
}

/// One dictionary group.
struct Stage {
    automaton: CharwiseDoubleArrayAhoCorasick<u32>,
    values: Vec<Box<str>>,
}

impl Chain {
    /// The chain of OpenCC's configuration for `target` (t2s, s2t, s2hk, s2tw, s2twp).
    pub fn for_target(target: Script) -> Result<Chain, String> {
        Chain::build(target, None)
    }

    /// The same conversion, for texts written only in `chars` (and ASCII): keys holding any
    /// other character can never match such a text, so they are left out, which makes the
    /// automaton of a small site's text quick to build. Each later group may also meet the
    /// characters the earlier ones write.
    pub fn for_characters(target: Script, chars: &FxHashSet<char>) -> Result<Chain, String> {
        Chain::build(target, Some(chars))
    }

    fn build(target: Script, chars: Option<&FxHashSet<char>>) -> Result<Chain, String> {
        const ST: &[&str] = &[ST_PHRASES, ST_CHARACTERS];
        let groups: &[&[&str]] = match target {
            Script::Simplified => &[&[TS_PHRASES, TS_CHARACTERS]],
            Script::Traditional => &[ST],
            Script::Hk => &[ST, &[HK_VARIANTS]],
            Script::Tw => &[ST, &[TW_VARIANTS]],
            Script::Twp => &[ST, &[TW_PHRASES], &[TW_VARIANTS]],
        };
        let mut allowed = chars.cloned();
        let mut stages = Vec::with_capacity(groups.len());
        for group in groups {
            let stage = Stage::new(group, allowed.as_ref())?;
            if let Some(allowed) = &mut allowed {
                allowed.extend(stage.values.iter().flat_map(|v| v.chars()));
            }
            stages.push(stage);
        }
        Ok(Chain { stages })
    }

    pub fn convert(&self, text: &str) -> String {
        let mut current = std::borrow::Cow::Borrowed(text);
        for stage in &self.stages {
            if let Some(changed) = stage.apply(&current) {
                current = std::borrow::Cow::Owned(changed);
            }
        }
        current.into_owned()
    }
}

impl Stage {
    fn new(dictionaries: &[&str], allowed: Option<&FxHashSet<char>>) -> Result<Stage, String> {
        let mut merged: FxHashMap<&str, &str> = FxHashMap::default();
        for dictionary in dictionaries {
            // Within a dictionary the last line for a key wins (as OpenCC's compiler reads
            // it); across a group, the first dictionary holding the key.
            for (key, value) in entries(dictionary) {
                merged.entry(key).or_insert(value);
            }
        }
        if let Some(allowed) = allowed {
            merged.retain(|key, _| key.chars().all(|c| c.is_ascii() || allowed.contains(&c)));
        }
        let mut entries: Vec<(&str, &str)> = merged.into_iter().collect();
        entries.sort_unstable();
        let automaton = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build_with_values(
                entries
                    .iter()
                    .enumerate()
                    .map(|(i, (key, _))| (*key, i as u32)),
            )
            .map_err(|e| format!("cannot build the OpenCC automaton: {e}"))?;
        Ok(Stage {
            automaton,
            values: entries.into_iter().map(|(_, v)| v.into()).collect(),
        })
    }

    /// The converted text, or None where nothing matched.
    fn apply(&self, text: &str) -> Option<String> {
        let mut out: Option<String> = None;
        let mut last = 0;
        for found in self.automaton.leftmost_find_iter(text) {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len() + text.len() / 4));
            out.push_str(&text[last..found.start()]);
            out.push_str(&self.values[found.value() as usize]);
            last = found.end();
        }
        out.map(|mut out| {
            out.push_str(&text[last..]);
            out
        })
    }
}

/// A dictionary's keys and first values, by OpenCC's text format: `key<TAB>value value…`;
/// blank lines and `#` comments skipped, as are malformed lines; a later line replaces an
/// earlier one for the same key.
fn entries(dictionary: &str) -> Vec<(&str, &str)> {
    let mut map: FxHashMap<&str, &str> = FxHashMap::default();
    let mut order = Vec::new();
    for line in dictionary.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut parts = line.split('\t');
        let (Some(key), Some(values), None) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if key.is_empty() || values.split(' ').any(str::is_empty) {
            continue;
        }
        let first = values.split(' ').next().unwrap_or(values);
        if map.insert(key, first).is_none() {
            order.push(key);
        }
    }
    order.into_iter().map(|k| (k, map[k])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ferrous(target: Script) -> ferrous_opencc::OpenCC {
        use ferrous_opencc::config::BuiltinConfig;
        let config = match target {
            Script::Simplified => BuiltinConfig::T2s,
            Script::Traditional => BuiltinConfig::S2t,
            Script::Hk => BuiltinConfig::S2hk,
            Script::Tw => BuiltinConfig::S2tw,
            Script::Twp => BuiltinConfig::S2twp,
        };
        ferrous_opencc::OpenCC::from_config(config).expect("ferrous-opencc loads")
    }

    /// Every key of every dictionary, alone and run together (so matches meet and overlap),
    /// converts as ferrous-opencc converts it, for every target.
    #[test]
    fn agrees_with_ferrous_opencc_on_every_key() {
        let all = [
            ST_PHRASES,
            ST_CHARACTERS,
            TS_PHRASES,
            TS_CHARACTERS,
            HK_VARIANTS,
            TW_PHRASES,
            TW_VARIANTS,
        ];
        let keys: Vec<&str> = all
            .iter()
            .flat_map(|d| entries(d))
            .map(|(k, _)| k)
            .collect();
        assert!(
            keys.len() > 50_000,
            "dictionaries are missing: {}",
            keys.len()
        );
        for target in Script::ALL {
            let ours = Chain::for_target(target).expect("builds");
            let theirs = ferrous(target);
            let mut differ = Vec::new();
            for key in &keys {
                let (a, b) = (ours.convert(key), theirs.convert(key));
                if a != b {
                    differ.push(format!("{key}: {a} / {b}"));
                }
            }
            assert!(differ.is_empty(), "{target:?}: {differ:?}");
            // Keys run together, with ASCII and punctuation between some of them.
            for chunk in keys.chunks(97) {
                let text = chunk
                    .iter()
                    .enumerate()
                    .map(|(i, k)| match i % 5 {
                        0 => format!("{k} a1 "),
                        1 => format!("{k}，"),
                        _ => k.to_string(),
                    })
                    .collect::<String>();
                assert_eq!(ours.convert(&text), theirs.convert(&text), "{target:?}");
            }
        }
    }

    #[test]
    fn samples_convert_as_ferrous_opencc_converts_them() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let Ok(text) = std::fs::read_to_string(entry.path()) else {
                continue;
            };
            seen += 1;
            for target in Script::ALL {
                let ours = Chain::for_target(target).expect("builds");
                assert_eq!(
                    ours.convert(&text),
                    ferrous(target).convert(&text),
                    "{} {target:?}",
                    entry.path().display()
                );
            }
        }
        assert!(seen >= 5, "samples not found in {}", dir.display());
    }

    /// A chain built for a text's characters converts that text as the whole chain does,
    /// for every target, on the samples and on text made of the dictionaries' own keys.
    #[test]
    fn a_chain_for_the_text_characters_converts_like_the_whole() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut texts: Vec<String> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        // Phrases and characters of the dictionaries, run together.
        texts.push(
            entries(ST_PHRASES)
                .iter()
                .step_by(97)
                .chain(entries(TS_PHRASES).iter())
                .map(|(k, _)| *k)
                .collect::<Vec<_>>()
                .join(""),
        );
        assert!(texts.len() >= 6);
        for target in Script::ALL {
            let whole = Chain::for_target(target).expect("builds");
            for text in &texts {
                let chars: FxHashSet<char> = text.chars().collect();
                let limited = Chain::for_characters(target, &chars).expect("builds");
                assert_eq!(limited.convert(text), whole.convert(text), "{target:?}");
            }
        }
    }

    #[test]
    fn converts_and_leaves_other_text_alone() {
        let hk = Chain::for_target(Script::Hk).expect("builds");
        assert_eq!(hk.convert("知识产权保护"), "知識產權保護");
        assert_eq!(hk.convert("plain ascii <p>"), "plain ascii <p>");
        assert_eq!(hk.convert(""), "");
        let t2s = Chain::for_target(Script::Simplified).expect("builds");
        assert_eq!(t2s.convert("知識產權"), "知识产权");
    }
}
