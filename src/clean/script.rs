//! Script conversion between Traditional and Simplified Chinese with OpenCC.
//!
//! The default backend is ferrous-opencc (pure Rust, OpenCC's own dictionaries), so a fresh
//! machine needs no C++ library. The `system-opencc` feature adds the system OpenCC library
//! through opencc-rust; CI checks that both backends agree on every sample.

use crate::zh::script::Script;

/// Converts text to one script. Implementations are immutable and shared across threads.
pub trait ScriptConverter: Send + Sync {
    /// Converts `text` into `target` (a no-op for text already in that script).
    fn convert(&self, text: &str, target: Script) -> String;

    fn name(&self) -> &'static str;

    /// Gets ready to convert into `target` (builds what the first conversion would), so
    /// that can happen alongside other work.
    fn prepare(&self, _target: Script) {}

    /// Time spent converting so far, summed over threads (for `build -v`).
    fn time_spent(&self) -> std::time::Duration {
        std::time::Duration::ZERO
    }
}

/// The pure-Rust backend: OpenCC's dictionaries matched by automaton
/// ([`super::opencc::Chain`]), one per target, loaded on its first use from the automata
/// the build made. ferrous-opencc is its test oracle.
pub struct RustOpenCc {
    chains: [std::sync::OnceLock<Result<super::opencc::Chain, String>>; 5],
    /// Nanoseconds spent converting.
    spent: std::sync::atomic::AtomicU64,
    t2s_triggers: T2sTriggers,
}

/// Characters without which Traditional→Simplified conversion cannot change a text: one
/// character (the first that changes) of every dictionary key whose value differs (generated from
/// ferrous-opencc's dictionaries by `examples/gen-opencc-data.rs`; CI checks it is
/// current). OpenCC only changes text where a key matches, so text holding none of them
/// converts to itself. Most of a Simplified corpus is such text, and skipping the converter
/// for it saves much of a large build's conversion time.
struct T2sTriggers {
    /// One bit per Basic Multilingual Plane code point.
    bmp: Vec<u64>,
    /// Triggers beyond the BMP (few), sorted.
    astral: Vec<char>,
}

impl T2sTriggers {
    fn new() -> T2sTriggers {
        let mut bmp = vec![0u64; 0x10000 / 64];
        let mut astral = Vec::new();
        for c in include_str!("t2s_triggers.txt").trim_end().chars() {
            let cp = c as usize;
            if cp < 0x10000 {
                bmp[cp / 64] |= 1 << (cp % 64);
            } else {
                astral.push(c);
            }
        }
        astral.sort_unstable();
        T2sTriggers { bmp, astral }
    }

    fn contains(&self, c: char) -> bool {
        let cp = c as usize;
        if cp < 0x10000 {
            self.bmp[cp / 64] & (1 << (cp % 64)) != 0
        } else {
            self.astral.binary_search(&c).is_ok()
        }
    }

    /// True if t2s conversion could change `text`.
    fn may_change(&self, text: &str) -> bool {
        text.chars().any(|c| !c.is_ascii() && self.contains(c))
    }
}

impl RustOpenCc {
    pub fn new() -> Result<Self, String> {
        Ok(RustOpenCc {
            chains: std::array::from_fn(|_| std::sync::OnceLock::new()),
            spent: std::sync::atomic::AtomicU64::new(0),
            t2s_triggers: T2sTriggers::new(),
        })
    }

    fn chain(&self, target: Script) -> Result<&super::opencc::Chain, &str> {
        self.chains[target.index()]
            .get_or_init(|| super::opencc::Chain::for_target(target))
            .as_ref()
            .map_err(String::as_str)
    }

    fn convert_once(&self, text: &str, target: Script) -> Option<String> {
        self.chain(target).ok().map(|chain| chain.convert(text))
    }
}

impl ScriptConverter for RustOpenCc {
    fn convert(&self, text: &str, target: Script) -> String {
        if !text.chars().any(crate::zh::punctuation::is_han)
            || (target == Script::Simplified && !self.t2s_triggers.may_change(text))
        {
            return text.to_string();
        }
        let started = std::time::Instant::now();
        let converted = self.convert_fixed(text, target);
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.spent
            .fetch_add(nanos, std::sync::atomic::Ordering::Relaxed);
        converted
    }

    fn name(&self) -> &'static str {
        "OpenCC dictionaries by automaton"
    }

    fn prepare(&self, target: Script) {
        let _ = self.chain(target);
    }

    fn time_spent(&self) -> std::time::Duration {
        std::time::Duration::from_nanos(self.spent.load(std::sync::atomic::Ordering::Relaxed))
    }
}

impl RustOpenCc {
    /// Converts, and for Simplified repeats until the text is a fixed point.
    fn convert_fixed(&self, text: &str, target: Script) -> String {
        let Some(mut converted) = self.convert_once(text, target) else {
            return text.to_string();
        };
        // OpenCC's t2s is not always idempotent (薴 → 苧 → 苎): convert again while that
        // still changes something, so cleaned text is a fixed point. Rarely more than once.
        if target == Script::Simplified {
            for _ in 0..3 {
                if !self.t2s_triggers.may_change(&converted) {
                    break;
                }
                let Some(again) = self.convert_once(&converted, target) else {
                    break;
                };
                if again == converted {
                    break;
                }
                converted = again;
            }
        }
        converted
    }
}

/// The system OpenCC library (Debian: libopencc-dev), through opencc-rust.
#[cfg(feature = "system-opencc")]
pub struct SystemOpenCc {
    converters: Vec<opencc_rust::OpenCC>,
}

#[cfg(feature = "system-opencc")]
impl SystemOpenCc {
    pub fn new() -> Result<Self, String> {
        use opencc_rust::DefaultConfig;
        let converters = Script::ALL
            .iter()
            .map(|target| {
                let config = match target {
                    Script::Simplified => DefaultConfig::T2S,
                    Script::Traditional => DefaultConfig::S2T,
                    Script::Hk => DefaultConfig::S2HK,
                    Script::Tw => DefaultConfig::S2TW,
                    Script::Twp => DefaultConfig::S2TWP,
                };
                opencc_rust::OpenCC::new(config.get_file_name())
                    .map_err(|e| format!("cannot open the system OpenCC ({config:?}): {e}"))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(SystemOpenCc { converters })
    }
}

#[cfg(feature = "system-opencc")]
impl ScriptConverter for SystemOpenCc {
    fn convert(&self, text: &str, target: Script) -> String {
        self.converters[target.index()]
            .convert(text)
            .unwrap_or_else(|_| text.to_string())
    }

    fn name(&self) -> &'static str {
        "system OpenCC"
    }
}

/// The converter digest uses by default.
pub fn default_converter() -> Result<Box<dyn ScriptConverter>, String> {
    Ok(Box::new(RustOpenCc::new()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_to_simplified() {
        let c = RustOpenCc::new().expect("dictionaries load");
        assert_eq!(
            c.convert("中國知識產權國際合作將主動參與全球治理", Script::Simplified),
            "中国知识产权国际合作将主动参与全球治理"
        );
    }

    #[test]
    fn the_t2s_shortcut_never_skips_a_change() {
        let c = RustOpenCc::new().expect("dictionaries load");
        // ferrous-opencc, the oracle.
        let full = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s)
            .expect("t2s");
        // Every CJK character alone, and phrases whose characters map to themselves alone
        // (反覆 → 反复, 明瞭 → 明了): where the full converter changes the text, the
        // shortcut must not skip it.
        let singles = (0x3400..=0x9fffu32)
            .chain(0xf900..=0xfaff)
            .chain(0x20000..=0x2a6df)
            .filter_map(char::from_u32)
            .map(String::from);
        let phrases = ["反覆思考", "一目瞭然", "沈默是金", "答覆如下", "找藉口"]
            .into_iter()
            .map(String::from);
        let mut checked = 0;
        for text in singles.chain(phrases) {
            if full.convert(&text) != text {
                assert!(c.t2s_triggers.may_change(&text), "{text} would be skipped");
                assert_ne!(c.convert(&text, Script::Simplified), text);
                checked += 1;
            }
        }
        assert!(checked > 2500, "only {checked} changing texts found");
    }

    #[test]
    fn simplified_text_is_left_alone() {
        let c = RustOpenCc::new().expect("dictionaries load");
        let text = "显著著名，乾隆皇帝于是干了，头发丰富";
        assert_eq!(c.convert(text, Script::Simplified), text);
    }

    #[test]
    fn ascii_is_untouched() {
        let c = RustOpenCc::new().expect("dictionaries load");
        let text = "https://example.com/a?b=1 <p class=\"x\">";
        for target in Script::ALL {
            assert_eq!(c.convert(text, target), text);
        }
    }

    #[test]
    fn simplified_to_regional_traditional() {
        let c = RustOpenCc::new().expect("dictionaries load");
        assert_eq!(c.convert("知识产权", Script::Traditional), "知識產權");
        assert_eq!(c.convert("知识产权", Script::Hk), "知識產權");
        // Taiwan vocabulary: 软件 → 軟體.
        assert_eq!(c.convert("软件", Script::Twp), "軟體");
    }
}
