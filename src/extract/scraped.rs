//! Pages scraped to plain text: page chrome around one paragraph per line.
//!
//! The header (breadcrumbs, `category | headline`, metadata and date lines, `核心提示`)
//! becomes metadata; the tail (editor line, link bars, disclaimers, "recommended" and
//! "most read" lists, friendly links) is cut. Chrome is matched in both scripts, after the
//! inserted pinyin and lost separators are gone.

use std::sync::LazyLock;

use regex::Regex;

use super::{Body, Draft, ExtractError};
use crate::zh::{pinyin, punctuation};

static BREADCRUMB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:当前位置|當前位置|您的位置|你的位置|您现在的位置|您現在的位置)\s*[:：]\s*(?P<path>.*)$")
        .expect("valid regex")
});
static META_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<key>发布日期|發布日期|发布时间|發布時間|日期|时间|時間|来源|來源|作者|记者|記者|浏览次数|瀏覽次數|点击数|點擊數|编辑|編輯|责任编辑|責任編輯)\s*[:：]\s*")
        .expect("valid regex")
});
static BARE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$",
    )
    .expect("valid regex")
});
static SOURCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:来源|來源|稿源|出处|出處)\s*[:：]\s*(?P<source>.+)$").expect("valid regex")
});
static SUMMARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:核心提示|内容提要|內容提要|摘要|导读|導讀)\s*[:：]\s*(?P<summary>.+)$")
        .expect("valid regex")
});
static EDITOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(\[]?\s*(?:责任编辑|責任編輯|编辑|編輯|责编|責編)\s*[:：]\s*(?P<editor>[^）)\]]+)[）)\]]?$")
        .expect("valid regex")
});
static CATEGORY_HEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<category>[^|｜]{1,20}?)\s*[|｜]\s*(?P<title>.{4,})$").expect("valid regex")
});

/// Lines that only control the page: font size buttons, share bars.
const CONTROL_MARKERS: &[&str] = &[
    "放大字体",
    "放大字體",
    "缩小字体",
    "縮小字體",
    "打印本文",
    "关闭窗口",
    "關閉窗口",
    "分享到",
];

/// Lines where the article is over and the page's tail starts.
const TAIL_MARKERS: &[&str] = &[
    "免责声明",
    "免責聲明",
    "推荐图文",
    "推薦圖文",
    "推荐资讯",
    "推薦資訊",
    "点击排行",
    "點擊排行",
    "最新资讯",
    "最新資訊",
    "友情链接",
    "友情鏈接",
    "相关阅读",
    "相關閱讀",
    "相关新闻",
    "相關新聞",
    "版权所有",
    "版權所有",
    "上一篇",
    "下一篇",
];

/// Pre-normalises one raw line: inserted pinyin and lost separators out, trimmed.
fn normalise_line(raw: &str) -> String {
    let line = punctuation::replace_lost_separators(raw);
    let line = pinyin::strip(&line);
    line.trim_matches(|c: char| c.is_whitespace()).to_string()
}

/// A link bar such as `[ 資訊搜索 ] [ 加入收藏 ] [ 打印本文 ]`.
fn is_link_bar(line: &str) -> bool {
    line.starts_with('[') && line.matches('[').count() >= 2 && line.ends_with(']')
}

pub fn extract(input: &std::path::Path, text: &str) -> Result<Draft, ExtractError> {
    let mut draft = Draft::empty(input);
    let mut paragraphs = Vec::new();
    let mut in_header = true;
    let mut date_line = None;

    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = normalise_line(raw);
        if line.is_empty() {
            continue;
        }
        if CONTROL_MARKERS.iter().any(|m| line.contains(m)) || is_link_bar(&line) {
            if in_header {
                continue;
            }
            break;
        }
        if TAIL_MARKERS.iter().any(|m| line.starts_with(m)) {
            break;
        }
        if let Some(caps) = EDITOR.captures(&line) {
            draft.editor = Some(caps["editor"].trim().to_string());
            continue;
        }
        if in_header {
            if let Some(caps) = BREADCRUMB.captures(&line) {
                draft.breadcrumb = breadcrumb(&caps["path"]);
                continue;
            }
            if let Some(caps) = SUMMARY.captures(&line) {
                draft.summary = Some(caps["summary"].trim().to_string());
                continue;
            }
            if BARE_DATE.is_match(&line) {
                date_line = Some((line_no, line.clone()));
                continue;
            }
            if let Some(caps) = SOURCE_LINE.captures(&line) {
                draft.source = Some(caps["source"].trim().to_string());
                continue;
            }
            if META_KEY.find(&line).is_some_and(|m| m.start() == 0) {
                read_metadata(&line, line_no, &mut draft, &mut date_line);
                continue;
            }
            if draft.title.is_none() {
                if let Some(caps) = CATEGORY_HEADLINE.captures(&line) {
                    draft.categories.push(caps["category"].trim().to_string());
                    draft.title = Some(caps["title"].trim().to_string());
                } else {
                    draft.title = Some(line);
                }
                draft.title_line = Some(line_no);
                continue;
            }
            in_header = false;
        }
        paragraphs.push(line);
    }

    if let Some((line_no, raw)) = date_line {
        draft.date = Some(super::date::parse(&raw).map_err(|m| ExtractError::at(line_no, m))?);
    }
    draft.body = Body::Paragraphs(paragraphs);
    Ok(draft)
}

/// `首頁 資訊 政策法規 理論與實踐 正文` → `[資訊, 政策法規, 理論與實踐]`.
fn breadcrumb(path: &str) -> Vec<String> {
    path.split(|c: char| c.is_whitespace() || matches!(c, '>' | '›' | '»' | '/' | '＞' | '-'))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .filter(|p| !matches!(*p, "首页" | "首頁" | "正文" | "网站首页" | "網站首頁"))
        .map(str::to_string)
        .collect()
}

/// Reads `發布日期:2021-11-01 來源:中新社 作者:孫自法 瀏覽次數:1105`.
fn read_metadata(
    line: &str,
    line_no: usize,
    draft: &mut Draft,
    date_line: &mut Option<(usize, String)>,
) {
    let keys: Vec<_> = META_KEY.captures_iter(line).collect();
    for (i, caps) in keys.iter().enumerate() {
        let whole = caps.get(0).map_or(0..0, |m| m.range());
        let end = keys
            .get(i + 1)
            .and_then(|next| next.get(0))
            .map_or(line.len(), |m| m.start());
        let value = line[whole.end..end].trim().to_string();
        if value.is_empty() {
            continue;
        }
        match &caps["key"] {
            "发布日期" | "發布日期" | "发布时间" | "發布時間" | "日期" | "时间" | "時間" =>
            {
                *date_line = Some((line_no, value));
            }
            "来源" | "來源" => draft.source = Some(value),
            "作者" | "记者" | "記者" => draft.author = Some(value),
            "编辑" | "編輯" | "责任编辑" | "責任編輯" => draft.editor = Some(value),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const PAGE: &str = "當前位置: 首頁 ? 資訊 ? 政策法規(guī) ? 正文\n\n標題在此(cǐ)處\n\n發(fā)布日期:2021-11-01??來源:中新社??作者:孫自法??瀏覽次數(shù):1105\n放大字體??縮小字體\n核心提示:提示內容\n\n第一段,正文。\n\n第二段。\n\n責任編輯:張三\n\n?\n[ 資訊搜索 ]? [ 加入收藏 ]\n\n免責聲明:\n本網站部分內容來源於合作媒體。\n推薦圖文\n";

    #[test]
    fn reads_header_and_cuts_tail() {
        let d = extract(Path::new("p.txt"), PAGE).expect("extracts");
        assert_eq!(d.title.as_deref(), Some("標題在此處"));
        assert_eq!(d.title_line, Some(3));
        assert_eq!(d.breadcrumb, vec!["資訊", "政策法規"]);
        assert_eq!(d.source.as_deref(), Some("中新社"));
        assert_eq!(d.author.as_deref(), Some("孫自法"));
        assert_eq!(d.editor.as_deref(), Some("張三"));
        assert_eq!(d.summary.as_deref(), Some("提示內容"));
        assert_eq!(
            d.date.map(|p| p.date.to_string()).as_deref(),
            Some("2021-11-01")
        );
        let Body::Paragraphs(p) = d.body else {
            panic!("scraped pages give paragraphs")
        };
        assert_eq!(p, vec!["第一段,正文。", "第二段。"]);
    }

    #[test]
    fn category_headline_and_bare_date() {
        let text = "知識產(chǎn)權(quán) | 川渝研討會在綿舉行\n2023.12.12\n來源:綿陽市場監督\n12月11日,研討會舉行。\n第二段。";
        let d = extract(Path::new("p.txt"), text).expect("extracts");
        assert_eq!(d.title.as_deref(), Some("川渝研討會在綿舉行"));
        assert_eq!(d.categories, vec!["知識產權"]);
        assert_eq!(d.source.as_deref(), Some("綿陽市場監督"));
        assert_eq!(
            d.date.map(|p| p.date.to_string()).as_deref(),
            Some("2023-12-12")
        );
        let Body::Paragraphs(p) = d.body else {
            panic!("paragraphs")
        };
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn bad_date_is_located() {
        let e = extract(Path::new("p.txt"), "標題\n發布日期:2021-13-45\n正文").unwrap_err();
        assert_eq!(e.line, Some(2));
    }
}
