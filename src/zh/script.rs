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

    /// `text` with its quotation marks as this standard writes them: Hong Kong and Taiwan
    /// use corner brackets (「」, 『』 inside), the Mainland curved quotes (“”, ‘’). OpenCC
    /// leaves punctuation alone, so an edition converts it here.
    pub fn with_quotes(self, text: String) -> String {
        const CURVED: [char; 4] = ['“', '”', '‘', '’'];
        const CORNER: [char; 4] = ['「', '」', '『', '』'];
        let (from, to) = match self {
            Script::Hk | Script::Tw | Script::Twp => (CURVED, CORNER),
            Script::Simplified => (CORNER, CURVED),
            Script::Traditional => return text,
        };
        if !text.contains(from) {
            return text;
        }
        text.chars()
            .map(|c| from.iter().position(|&f| f == c).map_or(c, |i| to[i]))
            .collect()
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
    fn quotation_marks_follow_the_standard() {
        let text = || "他说：“要落实‘四个中心’定位。”".to_string();
        assert_eq!(
            Script::Hk.with_quotes(text()),
            "他说：「要落实『四个中心』定位。」"
        );
        assert_eq!(
            Script::Tw.with_quotes(text()),
            "他说：「要落实『四个中心』定位。」"
        );
        assert_eq!(Script::Traditional.with_quotes(text()), text());
        assert_eq!(
            Script::Simplified.with_quotes("「甲『乙』」".to_string()),
            "“甲‘乙’”"
        );
    }

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
