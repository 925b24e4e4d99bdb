//! Script conversion between Traditional and Simplified Chinese with OpenCC.
//!
//! The default backend is ferrous-opencc (pure Rust, OpenCC's own dictionaries), so a fresh
//! machine needs no C++ library. The `system-opencc` feature adds the system OpenCC library
//! through opencc-rust; CI checks that both backends agree on every sample.

use crate::config::Script;

/// Converts text to one script. Implementations are immutable and shared across threads.
pub trait ScriptConverter: Send + Sync {
    /// Converts `text` into `target` (a no-op for text already in that script).
    fn convert(&self, text: &str, target: Script) -> String;
    fn name(&self) -> &'static str;
}

/// The pure-Rust backend.
pub struct RustOpenCc {
    to_simplified: ferrous_opencc::OpenCC,
    to_traditional: std::sync::OnceLock<Result<ferrous_opencc::OpenCC, String>>,
}

impl RustOpenCc {
    pub fn new() -> Result<Self, String> {
        use ferrous_opencc::config::BuiltinConfig;
        let to_simplified = ferrous_opencc::OpenCC::from_config(BuiltinConfig::T2s)
            .map_err(|e| format!("cannot load the OpenCC t2s dictionaries: {e}"))?;
        Ok(RustOpenCc {
            to_simplified,
            to_traditional: std::sync::OnceLock::new(),
        })
    }
}

impl ScriptConverter for RustOpenCc {
    fn convert(&self, text: &str, target: Script) -> String {
        if !text.chars().any(crate::clean::punctuation::is_han) {
            return text.to_string();
        }
        match target {
            Script::Simplified => self.to_simplified.convert(text),
            Script::Traditional => {
                // Loaded only by sites written in Traditional script.
                let converter = self.to_traditional.get_or_init(|| {
                    ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2t)
                        .map_err(|e| e.to_string())
                });
                match converter {
                    Ok(c) => c.convert(text),
                    Err(_) => text.to_string(),
                }
            }
        }
    }

    fn name(&self) -> &'static str {
        "ferrous-opencc"
    }
}

/// The system OpenCC library (Debian: libopencc-dev), through opencc-rust.
#[cfg(feature = "system-opencc")]
pub struct SystemOpenCc {
    to_simplified: opencc_rust::OpenCC,
    to_traditional: opencc_rust::OpenCC,
}

#[cfg(feature = "system-opencc")]
impl SystemOpenCc {
    pub fn new() -> Result<Self, String> {
        let open = |config: opencc_rust::DefaultConfig| {
            opencc_rust::OpenCC::new(config.get_file_name())
                .map_err(|e| format!("cannot open the system OpenCC ({config:?}): {e}"))
        };
        Ok(SystemOpenCc {
            to_simplified: open(opencc_rust::DefaultConfig::T2S)?,
            to_traditional: open(opencc_rust::DefaultConfig::S2T)?,
        })
    }
}

#[cfg(feature = "system-opencc")]
impl ScriptConverter for SystemOpenCc {
    fn convert(&self, text: &str, target: Script) -> String {
        let converter = match target {
            Script::Simplified => &self.to_simplified,
            Script::Traditional => &self.to_traditional,
        };
        converter.convert(text).unwrap_or_else(|_| text.to_string())
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
    fn simplified_text_is_left_alone() {
        let c = RustOpenCc::new().expect("dictionaries load");
        let text = "显著著名，乾隆皇帝于是干了，头发丰富";
        assert_eq!(c.convert(text, Script::Simplified), text);
    }

    #[test]
    fn ascii_is_untouched() {
        let c = RustOpenCc::new().expect("dictionaries load");
        let text = "https://example.com/a?b=1 <p class=\"x\">";
        assert_eq!(c.convert(text, Script::Simplified), text);
        assert_eq!(c.convert(text, Script::Traditional), text);
    }

    #[test]
    fn simplified_to_traditional() {
        let c = RustOpenCc::new().expect("dictionaries load");
        assert_eq!(c.convert("知识产权", Script::Traditional), "知識產權");
    }
}
