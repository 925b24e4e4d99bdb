//! News-agency datelines (`新华社北京12月7日电（记者李春宇）`) and bylines
//! (`撰文丨杨旗 宋佳音`, `（记者 孙自法）`), in either script.
//!
//! A dateline names where a report was filed, not what it is about, so the classifier
//! removes datelines before it looks for region keywords.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// The news agency, e.g. `新华社`.
    pub agency: String,
    /// Where the report was filed, e.g. `北京`.
    pub place: String,
    /// Reporters named in the parenthesis after the dateline, space-separated.
    pub reporters: Option<String>,
}

const AGENCY: &str = r"(?:新华社|新華社|中新社|中新网|中新網|中国新闻社|中國新聞社|新华网|新華網|人民网|人民網|央视网|央視網|中国日报|中國日報|本报|本報|本刊|[\p{Han}]{1,6}?(?:社|报|報|网|網|台))";

// Compiled once per process: immutable tables, not mutable state.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[\s\u{{3000}}]*(?:[（(【\[]?)(?P<agency>{AGENCY})(?P<place>[\p{{Han}}]{{2,8}}?)(?P<date>[0-9]{{1,2}}月[0-9]{{1,2}}日)(?:电|電|讯|訊)[）)】\]]?(?:[\s\u{{3000}}]*[（(](?:记者|記者|通讯员|通訊員)\s*(?P<reporters>[^）)]{{1,40}})[）)])?"
    ))
    .expect("dateline regex is valid")
});

static DATELINE_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:{AGENCY})[\p{{Han}}]{{2,8}}?[0-9]{{1,2}}月[0-9]{{1,2}}日(?:电|電|讯|訊)(?:[（(](?:记者|記者)[^）)]{{1,40}}[）)])?"
    ))
    .expect("dateline regex is valid")
});

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s\u{3000}]*(?:撰文|文|作者|记者|記者|采写|採寫|撰稿)\s*[丨|｜/／:：]\s*(?P<names>[\p{Han}·• \u{3000}、，,]{2,40})$",
    )
    .expect("byline regex is valid")
});

static TRAILING_REPORTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[（(](?:记者|記者)\s*(?P<names>[\p{Han}· 、，,]{2,30})[）)][。.]?\s*$")
        .expect("reporter regex is valid")
});

static DATELINE_MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:{AGENCY})[\p{{Han}}]{{2,8}}?(?P<month>[0-9]{{1,2}})月(?P<day>[0-9]{{1,2}})日(?:电|電|讯|訊)"
    ))
    .expect("dateline regex is valid")
});

/// The month and day of the first dateline in a text (`新华社北京3月8日电` → (3, 8)).
pub fn month_day(text: &str) -> Option<(u32, u32)> {
    let caps = DATELINE_MONTH_DAY.captures(text)?;
    let month = caps["month"]
        .parse()
        .ok()
        .filter(|m| (1..=12).contains(m))?;
    let day = caps["day"].parse().ok().filter(|d| (1..=31).contains(d))?;
    Some((month, day))
}

/// Parses a dateline at the start of a paragraph.
pub fn parse(paragraph: &str) -> Option<Dateline> {
    let caps = DATELINE.captures(paragraph)?;
    Some(Dateline {
        agency: caps["agency"].to_string(),
        place: caps["place"].to_string(),
        reporters: caps.name("reporters").map(|m| names(m.as_str())),
    })
}

/// Removes every dateline from a text, wherever it stands.
pub fn strip_all(text: &str) -> Cow<'_, str> {
    DATELINE_ANYWHERE.replace_all(text, "")
}

/// Removes a dateline from the start of a text (used for summaries).
pub fn strip_leading(text: &str) -> &str {
    match DATELINE.find(text) {
        Some(m) => text[m.end()..].trim_start(),
        None => text,
    }
}

/// Parses a paragraph that is only a byline, like `撰文丨杨旗 宋佳音`.
pub fn byline(paragraph: &str) -> Option<String> {
    let caps = BYLINE.captures(paragraph.trim_end())?;
    Some(names(&caps["names"]))
}

/// A `（记者 孙自法）` credit at the end of the last paragraph.
pub fn trailing_reporter(paragraph: &str) -> Option<String> {
    let caps = TRAILING_REPORTER.captures(paragraph)?;
    Some(names(&caps["names"]))
}

/// Normalises a list of names to single-space separation.
fn names(raw: &str) -> String {
    raw.split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ','))
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xinhua_dateline_with_reporter() {
        let d = parse("新华社北京12月7日电（记者李春宇）第二十四届北京·香港经济合作研讨洽谈会")
            .expect("dateline");
        assert_eq!(d.agency, "新华社");
        assert_eq!(d.place, "北京");
        assert_eq!(d.reporters.as_deref(), Some("李春宇"));
    }

    #[test]
    fn chinanews_dateline_in_traditional_script() {
        let d = parse("中新社北京10月30日電 國務院近日印發").expect("dateline");
        assert_eq!(d.agency, "中新社");
        assert_eq!(d.place, "北京");
        assert_eq!(d.reporters, None);
    }

    #[test]
    fn newspaper_and_multiple_reporters() {
        let d = parse("　　本报上海3月5日电（记者 张三、李四）").expect("dateline");
        assert_eq!(d.agency, "本报");
        assert_eq!(d.place, "上海");
        assert_eq!(d.reporters.as_deref(), Some("张三 李四"));
    }

    #[test]
    fn ordinary_paragraphs_have_no_dateline() {
        assert_eq!(parse("10月28日，市政府与国家知识产权局举行会议。"), None);
        assert_eq!(parse("北京12月7日消息"), None);
    }

    #[test]
    fn strip_all_removes_datelines_only() {
        let text = "核心提示：中新社北京10月30日电 国务院印发规划。中新社北京10月30日电 又及。";
        let stripped = strip_all(text);
        assert!(!stripped.contains("北京"), "{stripped}");
        assert!(stripped.contains("国务院印发规划"));
    }

    #[test]
    fn month_and_day_of_a_dateline() {
        assert_eq!(
            month_day("　　新华社北京3月8日电（记者张三）会议举行。"),
            Some((3, 8))
        );
        assert_eq!(month_day("中新社香港12月31日電 港府公布"), Some((12, 31)));
        assert_eq!(month_day("3月8日，会议举行。"), None);
    }

    #[test]
    fn bylines() {
        assert_eq!(byline("撰文丨杨旗 宋佳音").as_deref(), Some("杨旗 宋佳音"));
        assert_eq!(byline("文/张三").as_deref(), Some("张三"));
        assert_eq!(byline("撰文丨杨旗 宋佳音说了很多话。"), None);
        assert_eq!(
            trailing_reporter("推动合作走深走实。(记者 孙自法)").as_deref(),
            Some("孙自法")
        );
        assert_eq!(trailing_reporter("见《纲要(2021—2035年)》"), None);
    }
}
