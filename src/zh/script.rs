//! Chinese scripts: what a text is written in, what a site is written in and what text is
//! converted to are one concept. Traditional characters come in regional standards (Hong
//! Kong, Taiwan), which differ in some characters and words.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    #[default]
    Simplified,
    /// OpenCC's standard Traditional characters.
    Traditional,
    /// Traditional characters, Hong Kong standard.
    Hk,
    /// Traditional characters, Taiwan standard.
    Tw,
    /// Taiwan standard with Taiwanese vocabulary (软件 → 軟體).
    Twp,
}

impl Script {
    pub const ALL: [Script; 5] = [
        Script::Simplified,
        Script::Traditional,
        Script::Hk,
        Script::Tw,
        Script::Twp,
    ];

    pub fn is_traditional(self) -> bool {
        self != Script::Simplified
    }

    /// Simplified or (any standard of) Traditional.
    pub fn family(self) -> Script {
        match self {
            Script::Simplified => Script::Simplified,
            _ => Script::Traditional,
        }
    }

    /// The other family: Traditional in `standard` for Simplified, else Simplified.
    pub fn other(self, standard: Script) -> Script {
        match self {
            Script::Simplified if standard.is_traditional() => standard,
            Script::Simplified => Script::Traditional,
            _ => Script::Simplified,
        }
    }

    /// The BCP 47 tag for `lang` attributes.
    pub fn lang_tag(self) -> &'static str {
        match self {
            Script::Simplified => "zh-Hans",
            Script::Traditional => "zh-Hant",
            Script::Hk => "zh-Hant-HK",
            Script::Tw | Script::Twp => "zh-Hant-TW",
        }
    }

    /// The Open Graph locale.
    pub fn og_locale(self) -> &'static str {
        match self {
            Script::Simplified => "zh_CN",
            Script::Hk => "zh_HK",
            Script::Traditional | Script::Tw | Script::Twp => "zh_TW",
        }
    }

    /// How a switch *to* this script is labelled, written in this script.
    pub fn toggle_label(self) -> &'static str {
        match self {
            Script::Simplified => "简",
            _ => "繁",
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_other_script_of_a_simplified_site_is_its_chosen_standard() {
        assert_eq!(Script::Simplified.other(Script::Hk), Script::Hk);
        assert_eq!(
            Script::Simplified.other(Script::Simplified),
            Script::Traditional
        );
        assert_eq!(Script::Tw.other(Script::Hk), Script::Simplified);
    }

    #[test]
    fn families_and_tags() {
        for script in Script::ALL {
            assert_eq!(script.family().is_traditional(), script.is_traditional());
            assert!(script.lang_tag().starts_with(script.family().lang_tag()));
        }
        assert_eq!(Script::ALL.map(Script::index), [0, 1, 2, 3, 4]);
    }
}
