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

    /// Time spent converting so far, summed over threads (for `build -v`).
    fn time_spent(&self) -> std::time::Duration {
        std::time::Duration::ZERO
    }
}

/// The pure-Rust backend. Dictionaries load on first use of each target.
pub struct RustOpenCc {
    converters: [std::sync::OnceLock<Option<ferrous_opencc::OpenCC>>; 5],
    /// The same conversions by automaton (`super::opencc`), for large volumes: faster per
    /// character, slower to build.
    chains: [std::sync::OnceLock<Option<super::opencc::Chain>>; 5],
    /// Bytes converted so far, per target.
    volume: [std::sync::atomic::AtomicUsize; 5],
    /// Past this many bytes for a target, the automaton is built and used.
    chain_after: usize,
    /// Nanoseconds spent converting.
    spent: std::sync::atomic::AtomicU64,
    t2s_triggers: T2sTriggers,
}

/// Characters without which Traditional→Simplified conversion cannot change a text: one
/// character (the first that changes) of every dictionary key whose value differs (generated from
/// ferrous-opencc's dictionaries by `examples/gen-opencc-data.rs`; CI checks it is
/// current). OpenCC only changes text where a key matches, so text holding none of them
/// converts to itself. Most of a Simplified corpus is such text, and skipping the converter
/// for it took a fifth of a 10,000-article build's CPU time.
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
        Self::with_chain_after(Self::CHAIN_AFTER)
    }

    /// Building the Simplified→Traditional automaton (~130 ms) costs what ferrous-opencc
    /// takes to convert about 1.5 MB; a 5-article site never gets there, a 10,000-article
    /// site's second edition converts ~80 MB.
    const CHAIN_AFTER: usize = 2 << 20;

    /// A backend that switches to the automaton after `bytes` of text for a target (0: at
    /// once; tests use that to run every conversion through it).
    pub fn with_chain_after(bytes: usize) -> Result<Self, String> {
        let backend = RustOpenCc {
            converters: std::array::from_fn(|_| std::sync::OnceLock::new()),
            chains: std::array::from_fn(|_| std::sync::OnceLock::new()),
            volume: std::array::from_fn(|_| std::sync::atomic::AtomicUsize::new(0)),
            chain_after: bytes,
            spent: std::sync::atomic::AtomicU64::new(0),
            t2s_triggers: T2sTriggers::new(),
        };
        // Load the dictionaries every site needs now, so a broken install fails early.
        if backend.converter(Script::Simplified).is_none() {
            return Err("cannot load the OpenCC t2s dictionaries".to_string());
        }
        Ok(backend)
    }

    /// Converts once, by automaton when this target has converted enough text to pay for
    /// building it, else by ferrous-opencc; both give the same text.
    fn convert_once(&self, text: &str, target: Script) -> Option<String> {
        let i = target.index();
        let chain = match self.chains[i].get() {
            Some(chain) => chain.as_ref(),
            None => {
                let seen = self.volume[i]
                    .fetch_add(text.len(), std::sync::atomic::Ordering::Relaxed)
                    + text.len();
                if seen >= self.chain_after {
                    self.chains[i]
                        .get_or_init(|| super::opencc::Chain::for_target(target).ok())
                        .as_ref()
                } else {
                    None
                }
            }
        };
        match chain {
            Some(chain) => Some(chain.convert(text)),
            None => self.converter(target).map(|c| c.convert(text)),
        }
    }

    fn converter(&self, target: Script) -> Option<&ferrous_opencc::OpenCC> {
        self.converters[target.index()]
            .get_or_init(|| ferrous_opencc::OpenCC::from_config(ferrous_config(target)).ok())
            .as_ref()
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
        "ferrous-opencc"
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

/// ferrous-opencc's configuration for a target.
pub(crate) fn ferrous_config(target: Script) -> ferrous_opencc::config::BuiltinConfig {
    use ferrous_opencc::config::BuiltinConfig;
    match target {
        Script::Simplified => BuiltinConfig::T2s,
        Script::Traditional => BuiltinConfig::S2t,
        Script::Hk => BuiltinConfig::S2hk,
        Script::Tw => BuiltinConfig::S2tw,
        Script::Twp => BuiltinConfig::S2twp,
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

/// Converts a whole page (HTML, XML) to `target`, passing only its runs of non-ASCII text
/// through the converter: markup, URLs and ASCII text cannot change, and converting them
/// cost most of the time (a page is mostly markup).
pub fn convert_page(converter: &dyn ScriptConverter, page: &str, target: Script) -> String {
    PageConverter::new(converter, target).convert(page)
}

/// Converts the pages of one build to one target, remembering the conversion of short runs
/// of text. The same headlines, summaries, sources, labels and navigation appear on
/// thousands of list pages; converting each of them once instead of on every page took the
/// Traditional edition of a 10,000-article site from most of the build to a fraction of it.
/// Runs are separated by ASCII, which no dictionary key spans, so converting a run alone
/// gives what converting it inside its page gives.
pub struct PageConverter<'a> {
    converter: &'a dyn ScriptConverter,
    target: Script,
    /// Sharded by the run's hash, so rendering threads rarely wait on each other.
    shards: Vec<std::sync::Mutex<rustc_hash::FxHashMap<Box<str>, Box<str>>>>,
}

impl<'a> PageConverter<'a> {
    /// Runs up to this many bytes are remembered; longer ones are body paragraphs, which
    /// appear on one page (and a feed or two).
    const REMEMBERED_RUN: usize = 192;
    const SHARDS: usize = 32;

    pub fn new(converter: &'a dyn ScriptConverter, target: Script) -> PageConverter<'a> {
        PageConverter {
            converter,
            target,
            shards: (0..Self::SHARDS)
                .map(|_| std::sync::Mutex::new(rustc_hash::FxHashMap::default()))
                .collect(),
        }
    }

    pub fn target(&self) -> Script {
        self.target
    }

    fn shard(&self, run: &str) -> &std::sync::Mutex<rustc_hash::FxHashMap<Box<str>, Box<str>>> {
        use std::hash::BuildHasher;
        let hash = rustc_hash::FxBuildHasher.hash_one(run) as usize;
        &self.shards[hash % Self::SHARDS]
    }

    fn remembered(&self, run: &str) -> Option<String> {
        if run.len() > Self::REMEMBERED_RUN {
            return None;
        }
        let shard = self.shard(run).lock().unwrap_or_else(|e| e.into_inner());
        shard.get(run).map(|c| c.to_string())
    }

    fn remember(&self, run: &str, converted: &str) {
        if run.len() <= Self::REMEMBERED_RUN {
            let mut shard = self.shard(run).lock().unwrap_or_else(|e| e.into_inner());
            shard.insert(run.into(), converted.into());
        }
    }

    pub fn convert(&self, page: &str) -> String {
        // Runs not yet converted are joined by a separator OpenCC leaves alone and converted
        // in one call (a call per run costs more than the conversion of a short run).
        const SEPARATOR: char = '\u{1}';
        if page.contains(SEPARATOR) {
            return self.converter.convert(page, self.target);
        }
        let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
        let mut start = None;
        for (i, c) in page.char_indices() {
            match (c.is_ascii(), start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    runs.push(s..i);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            runs.push(s..page.len());
        }
        let mut converted: Vec<Option<String>> = runs
            .iter()
            .map(|r| self.remembered(&page[r.clone()]))
            .collect();
        let missing: Vec<usize> = (0..runs.len())
            .filter(|&i| converted[i].is_none())
            .collect();
        if !missing.is_empty() {
            let joined = missing
                .iter()
                .map(|&i| &page[runs[i].clone()])
                .collect::<Vec<_>>()
                .join(&SEPARATOR.to_string());
            let fresh = self.converter.convert(&joined, self.target);
            let pieces: Vec<&str> = fresh.split(SEPARATOR).collect();
            if pieces.len() != missing.len() {
                // Should not happen; convert the slow way rather than corrupt the page.
                return self.converter.convert(page, self.target);
            }
            for (&i, piece) in missing.iter().zip(pieces) {
                self.remember(&page[runs[i].clone()], piece);
                converted[i] = Some(piece.to_string());
            }
        }
        let mut out = String::with_capacity(page.len() + page.len() / 8);
        let mut last = 0;
        for (range, piece) in runs.iter().zip(converted) {
            out.push_str(&page[last..range.start]);
            out.push_str(piece.as_deref().unwrap_or(&page[range.clone()]));
            last = range.end;
        }
        out.push_str(&page[last..]);
        out
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
        let full = c.converter(Script::Simplified).expect("t2s");
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
    fn pages_convert_like_their_text() {
        let c = RustOpenCc::new().expect("dictionaries load");
        let page = "<p class=\"x\">知识产权<a href=\"https://e.cn/?q=1\">软件发展</a> ok 汇率</p>";
        assert_eq!(
            convert_page(&c, page, Script::Twp),
            c.convert(page, Script::Twp)
        );
        assert_eq!(convert_page(&c, "ascii only", Script::Hk), "ascii only");
        assert_eq!(convert_page(&c, "", Script::Hk), "");
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
