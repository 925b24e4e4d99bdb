//! Property tests (proptest) of the invariants the cleaning and writing stages promise,
//! over generated input shaped like the real intake: Han text in both scripts, inserted
//! pinyin, page chrome, markup and stray ASCII.

use std::path::{Component, Path};

use digest::clean::highlight::Highlighter;
use digest::clean::script::default_converter;
use digest::clean::{Cleaner, html};
use digest::zh::script::Script;
use digest::zh::{pinyin, punctuation};
use proptest::prelude::*;

/// Pieces real pages are made of; proptest strings them together.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("知識產(chǎn)權(quán)".to_string()),
        Just("川渝知识产权".to_string()),
        Just("發布日期:2021-11-01??來源:新華網".to_string()),
        Just("重慶(chóng qìng)".to_string()),
        Just("长(cháng)".to_string()),
        Just("(chǎn)".to_string()),
        Just("（记者 张三）".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"img_wrapper\"><img src=\"a.png\"></div>".to_string()),
        Just(
            "<a href=\"https://finance.sina.com.cn/realstock/company/sz300959/nc.shtml\">"
                .to_string()
        ),
        Just("</a>".to_string()),
        Just("<!-- ad -->".to_string()),
        Just("<script>x()</script>".to_string()),
        Just("<strong>".to_string()),
        Just("</strong>".to_string()),
        Just("责任编辑：李四 SF001".to_string()),
        Just("原标题：打造首善之区".to_string()),
        Just("　　".to_string()),
        Just(", ; : !".to_string()),
        "[a-z ()0-9.,:/?-]{0,12}",
        "[\\u{4e00}-\\u{9fa5}]{1,8}",
        any::<char>().prop_map(String::from),
    ]
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|pieces| pieces.concat())
}

fn han(text: &str) -> String {
    text.chars().filter(|&c| punctuation::is_han(c)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Cleaning its own output changes nothing (the normaliser included: pinyin,
    /// punctuation, script).
    #[test]
    fn cleaning_is_idempotent(input in page()) {
        let converter = default_converter().expect("OpenCC");
        let highlighter = Highlighter::new();
        // The cleaner's own normaliser, for a Simplified site.
        let cleaner = Cleaner {
            converter: converter.as_ref(),
            script: Script::Simplified,
            highlighter: &highlighter,
        };
        let normalise = |t: &str| cleaner.normalise(t);
        let once = html::clean(&input, &normalise).html;
        let twice = html::clean(&once, &normalise).html;
        prop_assert_eq!(once, twice);
    }

    /// The pinyin stripper removes readings, never a Han character.
    #[test]
    fn pinyin_stripper_keeps_every_han_character(input in page()) {
        let stripped = pinyin::strip(&input);
        prop_assert_eq!(han(&input), han(&stripped));
    }

    /// Script conversion, in every direction, leaves ASCII (markup, URLs, numbers) as it was.
    #[test]
    fn script_conversion_leaves_ascii_alone(input in page()) {
        let converter = default_converter().expect("OpenCC");
        let ascii = |t: &str| t.chars().filter(char::is_ascii).collect::<String>();
        for target in Script::ALL {
            let converted = converter.convert(&input, target);
            prop_assert_eq!(ascii(&input), ascii(&converted), "{:?}", target);
        }
    }

    /// Whatever slug an article asks for, its page stays inside the output directory (an
    /// empty sanitised slug is not used: the article keeps its derived one).
    #[test]
    fn every_article_url_is_inside_the_output(requested in "\\PC{0,40}") {
        let slug = digest::site::slug::sanitise(&requested);
        prop_assume!(!slug.is_empty());
        let path = digest::render::article_path(&slug);
        prop_assert!(
            Path::new(&path).components().all(|c| matches!(c, Component::Normal(_))),
            "{path}"
        );
        prop_assert!(!path.contains('\\') && !path.contains(':'), "{path}");
        prop_assert!(path.starts_with("articles/") && path.ends_with(".html"));

    }
}
