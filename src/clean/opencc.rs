//! OpenCC's conversion, matched by a double-array Aho–Corasick automaton (daachorse) over
//! OpenCC's own dictionaries (`opencc/`, copied from ferrous-opencc's by
//! `examples/gen-opencc-data.rs`, which CI checks; `build.rs` makes the automata).
//!
//! OpenCC converts with a chain of dictionary groups; each replaces, left to right, the
//! longest key starting at each position with its first value (within a group, the first
//! dictionary wins a tie). That is exactly leftmost-longest matching over the group's keys,
//! which an automaton does in one pass, much faster than ferrous-opencc's per-position FST
//! lookups (BENCHMARKS.md). It is digest's only converter at run time; ferrous-opencc is
//! the oracle the tests below hold it to, on every key of every dictionary and on the
//! samples.

use daachorse::CharwiseDoubleArrayAhoCorasick;

use crate::zh::script::Script;

#[path = "opencc/tables.rs"]
mod tables;

/// Each dictionary group's automaton and values, built from `opencc/` by `build.rs`.
const TS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/opencc-ts.bin"));
const ST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/opencc-st.bin"));
const HK_VARIANTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/opencc-hk-variants.bin"));
const TW_PHRASES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/opencc-tw-phrases.bin"));
const TW_VARIANTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/opencc-tw-variants.bin"));

/// One target's conversion: its dictionary groups, applied in order.
pub struct Chain {
    stages: Vec<Stage>,
}

/// One dictionary group.
struct Stage {
    automaton: CharwiseDoubleArrayAhoCorasick<u32>,
    /// Borrowed from the bytes built into the binary: nothing to copy at start-up.
    values: Vec<&'static str>,
}

impl Chain {
    /// The chain of OpenCC's configuration for `target` (t2s, s2t, s2hk, s2tw, s2twp), read
    /// from the automata the build made (milliseconds; building them took tens).
    pub fn for_target(target: Script) -> Result<Chain, String> {
        let groups: &[&'static [u8]] = match target {
            Script::Simplified => &[TS],
            Script::Traditional => &[ST],
            Script::Hk => &[ST, HK_VARIANTS],
            Script::Tw => &[ST, TW_VARIANTS],
            Script::Twp => &[ST, TW_PHRASES, TW_VARIANTS],
        };
        let stages = groups
            .iter()
            .map(|bytes| Stage::load(bytes))
            .collect::<Result<_, _>>()?;
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
    fn load(bytes: &'static [u8]) -> Result<Stage, String> {
        let broken =
            || "the OpenCC automata built into digest are damaged: rebuild digest".to_string();
        let (automaton, values) = tables::unpack(bytes).ok_or_else(broken)?;
        let (automaton, rest) =
            CharwiseDoubleArrayAhoCorasick::<u32>::deserialize(automaton).map_err(|_| broken())?;
        if !rest.is_empty() {
            return Err(broken());
        }
        Ok(Stage { automaton, values })
    }

    /// The converted text, or None where nothing matched.
    fn apply(&self, text: &str) -> Option<String> {
        let mut out: Option<String> = None;
        let mut last = 0;
        for found in self.automaton.leftmost_find_iter(text) {
            let out = out.get_or_insert_with(|| String::with_capacity(text.len() + text.len() / 4));
            out.push_str(&text[last..found.start()]);
            // Every value index in the automaton was written with the values.
            out.push_str(
                self.values
                    .get(found.value() as usize)
                    .copied()
                    .unwrap_or(""),
            );
            last = found.end();
        }
        out.map(|mut out| {
            out.push_str(&text[last..]);
            out
        })
    }
}

#[cfg(test)]
mod tests {
    use super::tables::entries;
    use super::*;

    const ST_PHRASES: &str = include_str!("opencc/STPhrases.txt");
    const ST_CHARACTERS: &str = include_str!("opencc/STCharacters.txt");
    const TS_PHRASES: &str = include_str!("opencc/TSPhrases.txt");
    const TS_CHARACTERS: &str = include_str!("opencc/TSCharacters.txt");
    const HK_VARIANTS: &str = include_str!("opencc/HKVariants.txt");
    const TW_PHRASES: &str = include_str!("opencc/TWPhrases.txt");
    const TW_VARIANTS: &str = include_str!("opencc/TWVariants.txt");

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
