//! Pages scraped to plain text: page chrome around one paragraph per line.
//!
//! The header (breadcrumbs, `category | headline`, metadata and date lines, `核心提示`)
//! becomes metadata; the tail (editor line, link bars, disclaimers, "recommended" and
//! "most read" lists, friendly links) is cut. Chrome is matched in both scripts, after the
//! inserted pinyin and lost separators are gone.

use std::sync::LazyLock;

use regex::Regex;

use super::DateSource;
use super::{Body, Draft, ExtractError, Field, Origin};
use crate::zh::punctuation::is_han;
use crate::zh::{pinyin, punctuation};

static BREADCRUMB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:当前位置|當前位置|您的位置|你的位置|您现在的位置|您現在的位置)\s*[:：]\s*(?P<path>.*)$")
        .expect("valid regex")
});
static META_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<key>发布日期|發布日期|发布时间|發布時間|发文日期|發文日期|更新时间|更新時間|日期|时间|時間|文章来源|文章來源|稿件来源|稿件來源|来源|來源|作者|记者|記者|浏览次数|瀏覽次數|点击数|點擊數|编辑|編輯|责任编辑|責任編輯)\s*[:：]\s*")
        .expect("valid regex")
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

/// Short headings that start a page's tail (related lists, disclaimers, neighbours).
const TAIL_HEADINGS: &[&str] = &[
    "免责声明",
    "免責聲明",
    "推荐图文",
    "推薦圖文",
    "推荐资讯",
    "推薦資訊",
    "推荐阅读",
    "推薦閱讀",
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
    "相关文章",
    "相關文章",
    "热点推荐",
    "熱點推薦",
    "上一篇",
    "下一篇",
    "延伸阅读",
    "延伸閱讀",
    "猜你喜欢",
    "猜你喜歡",
    "热门文章",
    "熱門文章",
    "版权声明",
    "版權聲明",
];
/// Words of site footers: a short line holding one is chrome wherever it stands.
const FOOTER_WORDS: &[&str] = &[
    "ICP备",
    "ICP證",
    "ICP证",
    "备案编号",
    "備案編號",
    "备案号",
    "主办单位",
    "主辦單位",
    "承办单位",
    "承辦單位",
    "版权所有",
    "版權所有",
    "Copyright",
    "copyright",
    "©",
    "未经许可不得",
    "未經許可不得",
    "技术支持",
    "技術支持",
    "网站地图",
    "網站地圖",
    "联系我们",
    "聯繫我們",
    "关于我们",
    "關於我們",
];
/// Headline kickers: a `kicker | headline` keeps its kicker, a `category | headline` does not.
const KICKERS: &[&str] = &[
    "全文",
    "独家",
    "獨家",
    "快讯",
    "快訊",
    "视频",
    "視頻",
    "图解",
    "圖解",
    "重磅",
    "权威发布",
    "權威發布",
    "一图读懂",
    "一圖讀懂",
    "直播",
    "现场",
    "現場",
    "解读",
    "解讀",
    "专访",
    "專訪",
];

static LABEL_VALUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[•·\-\*]?\s*[\p{Han}]{2,6}\s*[:：]\s*\S").expect("valid regex"));
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:文字|文|撰文|摄影|攝影|作者|记者|記者|图|圖|图片|圖片|编辑|編輯|校对|校對|审核|審核)\s*[丨|｜/／:：]\s*\S{1,20}$")
        .expect("valid regex")
});
static NUMBERED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:第[一二三四五六七八九十百零〇0-9]+[章节節条條部分编編]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
        .expect("valid regex")
});
static ASSET_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\x21-\x7e]*(?:\?wx_fmt=|\.jpe?g|\.png|\.gif|\.webp|https?://|www\.)[\x21-\x7e]*$",
    )
    .expect("valid regex")
});

/// What a line of a scraped page is, judged by its shape and words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A paragraph of article text: long, with sentence punctuation.
    Prose,
    /// Metadata: a date, a labelled source or byline, a breadcrumb, a summary.
    Meta,
    /// Page chrome: navigation, widgets, link bars, footers, file names.
    Chrome,
    /// Anything else short: a headline, a subheading, a caption.
    Short,
}

struct Line {
    no: usize,
    text: String,
    kind: Kind,
}

fn sentence_punct(line: &str) -> usize {
    line.chars()
        .filter(|c| matches!(c, '，' | '。' | '；' | '！' | '？' | '、' | ',' | ';'))
        .count()
}

fn is_prose(line: &str) -> bool {
    let chars = line.chars().count();
    let han = line.chars().filter(|&c| is_han(c)).count();
    if han * 2 < chars {
        return false;
    }
    (chars >= 30 && (line.contains('。') || sentence_punct(line) >= 2))
        || han >= 80
        || (han >= 4 && line.ends_with('。'))
}

/// Runs of short words separated by spaces: a navigation bar.
fn is_nav_run(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() >= 4
        && words.iter().map(|w| w.chars().count()).sum::<usize>() <= words.len() * 5
        && sentence_punct(line) == 0
}

fn is_footer(line: &str) -> bool {
    line.chars().count() <= 80 && FOOTER_WORDS.iter().any(|w| line.contains(w))
}

/// A site's reprint notice (`本文仅代表作者观点，未经许可禁止转载`): a clause list, not a
/// sentence of the article.
fn is_reprint_notice(line: &str) -> bool {
    const NOTICE: &[&str] = &[
        "禁止转载",
        "禁止轉載",
        "谢绝转载",
        "謝絕轉載",
        "转载请注明",
        "轉載請註明",
        "仅代表作者",
        "僅代表作者",
        "不代表本站",
        "不代表本网",
        "不代表本網",
        "未经许可",
        "未經許可",
    ];
    line.chars().count() <= 100 && !line.contains('。') && NOTICE.iter().any(|n| line.contains(n))
}

fn is_tail_heading(line: &str) -> bool {
    line.chars().count() <= 14 && TAIL_HEADINGS.iter().any(|h| line.starts_with(h))
}

fn classify(line: &str) -> Kind {
    if SUMMARY.is_match(line) || BREADCRUMB.is_match(line) || EDITOR.is_match(line) {
        return Kind::Meta;
    }
    if is_reprint_notice(line) {
        return Kind::Chrome;
    }
    if is_prose(line) && !is_tail_heading(line) {
        return Kind::Prose;
    }
    if CONTROL_MARKERS.iter().any(|m| line.contains(m))
        || is_link_bar(line)
        || is_nav_run(line)
        || is_footer(line)
        || ASSET_LINE.is_match(line)
        || line.contains(" > ")
        || line.contains(">>")
    {
        return Kind::Chrome;
    }
    if (super::date::find(line).is_some() || super::date::find_relative(line).is_some())
        && line.chars().count() <= 60
        || SOURCE_ANYWHERE.find(line).is_some_and(|m| m.start() <= 2)
        || BYLINE.is_match(line)
        || META_KEY.find(line).is_some_and(|m| m.start() <= 2)
        || LABEL_VALUE.is_match(line) && line.chars().count() <= 40
    {
        return Kind::Meta;
    }
    Kind::Short
}

/// Lines that only control the page: font size buttons, share bars.
const CONTROL_MARKERS: &[&str] = &[
    "放大字体",
    "放大字體",
    "缩小字体",
    "縮小字體",
    "打印本文",
    "打印本页",
    "打印本頁",
    "关闭窗口",
    "關閉窗口",
    "分享到",
    "字号",
    "字號",
    "字体大小",
    "字體大小",
    "扫一扫",
    "掃一掃",
    "加入收藏",
    "跳至主要内容",
    "跳至主要內容",
    "纠错",
    "糾錯",
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

/// How headline-like a line is (None: not a headline): long enough, mostly Chinese, not a
/// sentence.
fn headline_score(line: &str) -> Option<i64> {
    let chars = line.chars().count();
    let han = line.chars().filter(|&c| is_han(c)).count();
    if han < 5 || chars > 80 || han * 2 < chars || line.ends_with('。') {
        return None;
    }
    Some(han as i64 - 6 * sentence_punct(line) as i64)
}

/// The headline of a page: the headline-like line nearest above the anchor (the date
/// line), or below it when nothing above qualifies.
fn find_headline(lines: &[Line], anchor: usize, body_start: usize) -> Option<usize> {
    let candidate =
        |i: usize| lines[i].kind == Kind::Short && headline_score(&lines[i].text).is_some();
    let above = (anchor.saturating_sub(5)..anchor)
        .rev()
        .find(|&i| candidate(i));
    above
        .or_else(|| (anchor + 1..body_start.min(anchor + 4)).find(|&i| candidate(i)))
        // By position alone: the short line right above the date.
        .or_else(|| {
            (anchor.saturating_sub(2)..anchor)
                .rev()
                .find(|&i| lines[i].kind == Kind::Short)
        })
}

/// Prose characters in `lines[from..to]`.
fn prose_chars(lines: &[Line], from: usize, to: usize) -> usize {
    lines[from.min(to)..to]
        .iter()
        .filter(|l| l.kind == Kind::Prose)
        .map(|l| l.text.chars().count())
        .sum()
}

pub fn extract(input: &std::path::Path, text: &str) -> Result<Draft, ExtractError> {
    let mut draft = Draft::empty(input);
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .filter_map(|(i, raw)| {
            let text = normalise_line(raw);
            (!text.is_empty()).then(|| Line {
                no: i + 1,
                kind: classify(&text),
                text,
            })
        })
        .collect();

    // The anchor: a dated metadata line with a headline by it; of several, the one
    // followed by the most prose (a page's own article, not a sidebar's).
    let dated: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            lines[i].kind == Kind::Meta
                && (super::date::find(&lines[i].text).is_some()
                    || super::date::find_relative(&lines[i].text).is_some())
        })
        .collect();
    let mut anchor: Option<(usize, usize)> = None; // (date line, prose after it)
    for (n, &d) in dated.iter().enumerate() {
        let headline = find_headline(&lines, d, lines.len());
        if headline.is_none() && n + 1 < dated.len() {
            continue;
        }
        // An issuer and a date right after prose close a document (its signature); a
        // headline is not preceded by a paragraph.
        if let Some(h) = headline
            && h < d
            && h > 0
            && lines[h - 1].kind == Kind::Prose
        {
            continue;
        }
        let next = dated.get(n + 1).copied().unwrap_or(lines.len());
        let prose = prose_chars(&lines, d, next);
        if anchor.is_none_or(|(_, best)| prose > best) {
            anchor = Some((d, prose));
        }
    }
    // A dated line with neither text after it nor a headline by it (a list's last entry)
    // anchors nothing.
    let anchor =
        anchor.filter(|&(d, prose)| prose > 0 || find_headline(&lines, d, lines.len()).is_some());
    // Without a date line: the densest run of prose, its headline the best headline-like
    // line before it.
    let first_prose_after =
        |from: usize| (from..lines.len()).find(|&i| lines[i].kind == Kind::Prose);
    let body_start = match anchor {
        // A short page (a notice of a line or two) has no prose paragraph: its body is
        // what follows the dated header.
        Some((d, _)) => first_prose_after(d + 1).or_else(|| {
            let headline = find_headline(&lines, d, lines.len());
            (d + 1..lines.len()).find(|&i| lines[i].kind == Kind::Short && Some(i) != headline)
        }),
        None => densest_prose_start(&lines),
    };
    let Some(mut body_start) = body_start else {
        return Err(ExtractError::whole(
            "no article text found: no paragraph of prose in the page",
        )
        .hint("this looks like a list or menu page; save the article's own page instead"));
    };
    let headline = match anchor {
        Some((d, _)) => find_headline(&lines, d, body_start),
        // Undated: the page's first headline-like line, as a page starts with its title
        // once the chrome is passed; else the best one just before the text.
        None => (0..body_start)
            .find(|&i| lines[i].kind == Kind::Short && headline_score(&lines[i].text).is_some())
            .or_else(|| {
                (body_start.saturating_sub(8)..body_start)
                    .filter(|&i| lines[i].kind == Kind::Short)
                    .filter_map(|i| headline_score(&lines[i].text).map(|s| (s, i)))
                    .max()
                    .map(|(_, i)| i)
            }),
    };
    // A lead-in such as an addressee line (`各区、县人民政府：`) or a numbered heading
    // (`第一章 总则`, `一、概述`) belongs to the body.
    while body_start > 0
        && Some(body_start - 1) != headline
        && lines[body_start - 1].kind == Kind::Short
        && (lines[body_start - 1].text.ends_with(['：', ':'])
            || NUMBERED_HEADING.is_match(&lines[body_start - 1].text))
    {
        body_start -= 1;
    }

    if let Some(h) = headline {
        let line = &lines[h].text;
        match CATEGORY_HEADLINE.captures(line) {
            Some(caps) if !KICKERS.iter().any(|k| caps["category"].contains(k)) => {
                draft.categories.push(caps["category"].trim().to_string());
                draft.title = Some(caps["title"].trim().to_string());
            }
            _ => draft.title = Some(line.clone()),
        }
        draft.title_line = Some(lines[h].no);
    }

    // The header: metadata between the page's start and the body.
    let header_from = headline.unwrap_or(body_start).saturating_sub(6);
    let mut date_line = None;
    if let Some((d, _)) = anchor {
        read_header_line(&lines[d], &mut draft, &mut date_line);
    }
    for line in &lines[header_from..body_start] {
        if Some(line.no) == draft.title_line {
            continue;
        }
        read_header_line(line, &mut draft, &mut date_line);
    }

    // The body ends before the tail: at the first end marker (an editor credit, a tail
    // heading, a footer) after which less prose follows than came before it.
    let is_marker = |l: &Line| {
        EDITOR.is_match(&l.text)
            || (l.kind != Kind::Prose && (is_tail_heading(&l.text) || is_footer(&l.text)))
    };
    let markers: Vec<usize> = (body_start + 1..lines.len())
        .filter(|&i| is_marker(&lines[i]))
        .collect();
    let mut body_end = lines.len();
    for (n, &i) in markers.iter().enumerate() {
        // Prose up to the next marker: a disclaimer under its heading is not article text.
        let next = markers.get(n + 1).copied().unwrap_or(lines.len());
        if prose_chars(&lines, i, next) < prose_chars(&lines, body_start, i) {
            body_end = i;
            break;
        }
    }
    // Trailing lines that are not prose (link lists, widgets) go with the tail; one short
    // last line is kept, as a page cut short ends in a piece of a paragraph.
    let trailing = lines[body_start..body_end]
        .iter()
        .rev()
        .take_while(|l| l.kind != Kind::Prose)
        .count();
    let last_is_piece = trailing == 1 && lines[body_end - 1].kind == Kind::Short;
    if !last_is_piece {
        body_end -= trailing.min(body_end - body_start - 1);
    }
    for line in &lines[body_end..] {
        if let Some(caps) = EDITOR.captures(&line.text) {
            draft.editor = Some(caps["editor"].trim().to_string());
            break;
        }
    }

    let title_squashed: String = draft
        .title
        .as_deref()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let mut paragraphs = Vec::new();
    for line in &lines[body_start..body_end] {
        match line.kind {
            Kind::Prose | Kind::Short => {
                let squashed: String = line.text.chars().filter(|c| c.is_alphanumeric()).collect();
                if squashed == title_squashed && paragraphs.is_empty() {
                    continue;
                }
                paragraphs.push(line.text.clone());
            }
            Kind::Meta => {
                if let Some(caps) = EDITOR.captures(&line.text) {
                    draft.editor = Some(caps["editor"].trim().to_string());
                } else {
                    read_header_line(line, &mut draft, &mut date_line);
                    draft.removed.push(line.text.clone());
                }
            }
            Kind::Chrome => draft.removed.push(line.text.clone()),
        }
    }

    if let Some((_, raw)) = &date_line
        && let Some(found) = super::date::parse(raw)
            .ok()
            .or_else(|| super::date::find(raw).map(|f| f.published))
    {
        draft.date = Some(found);
        draft.date_source = Some(DateSource::Page);
    }
    if draft.date.is_none() {
        draft.date = relative_date(&lines, header_from, body_start);
        if draft.date.is_some() {
            draft.date_source = Some(DateSource::Page);
        }
    }
    // Where each field was read: the first line holding its value.
    if let Some(h) = headline {
        draft.found(
            Field::Title,
            Origin::Line {
                line: Some(lines[h].no),
                text: lines[h].text.clone(),
            },
        );
    }
    if draft.date_source == Some(DateSource::Page) {
        let (line, text) = match &date_line {
            Some((no, _)) => (
                Some(*no),
                lines
                    .iter()
                    .find(|l| l.no == *no)
                    .map_or(String::new(), |l| l.text.clone()),
            ),
            None => (None, String::new()),
        };
        draft.found(Field::Date, Origin::Line { line, text });
    }
    for (field, value) in [
        (Field::Source, draft.source.clone()),
        (Field::Author, draft.author.clone()),
        (Field::Editor, draft.editor.clone()),
        (Field::Summary, draft.summary.clone()),
    ] {
        if let Some(value) = value
            && let Some(line) = lines.iter().find(|l| l.text.contains(value.as_str()))
        {
            draft.found(
                field,
                Origin::Line {
                    line: Some(line.no),
                    text: line.text.clone(),
                },
            );
        }
    }
    draft.body = Body::Paragraphs(paragraphs);
    Ok(draft)
}

/// `昨天 14:05` in the header, counted back from the newest date the page shows anywhere
/// (lists beside an article show the newest stories); none without such a date.
fn relative_date(lines: &[Line], from: usize, to: usize) -> Option<super::date::Published> {
    let (days, time) = lines[from..to]
        .iter()
        .find_map(|l| super::date::find_relative(&l.text))?;
    let newest = lines
        .iter()
        .flat_map(|l| super::date::find_all(&l.text))
        .map(|f| f.published.date)
        .max()?;
    Some(super::date::Published {
        date: newest.checked_sub_days(chrono::Days::new(u64::try_from(days).ok()?))?,
        time,
    })
}

/// The start of the run of lines richest in prose, where runs are split by six or more
/// lines without prose.
fn densest_prose_start(lines: &[Line]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    let mut run_start = None;
    let mut run_chars = 0;
    let mut gap = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.kind == Kind::Prose {
            if run_start.is_none() || gap >= 6 {
                run_start = Some(i);
                run_chars = 0;
            }
            gap = 0;
            run_chars += line.text.chars().count();
            if let Some(start) = run_start
                && best.is_none_or(|(_, c)| run_chars > c)
            {
                best = Some((start, run_chars));
            }
        } else {
            gap += 1;
        }
    }
    best.map(|(start, _)| start)
}

/// Reads one metadata line of the header: breadcrumb, summary, date, source, byline.
fn read_header_line(line: &Line, draft: &mut Draft, date_line: &mut Option<(usize, String)>) {
    let text = line.text.trim_start_matches(['-', '•', '·', '*', ' ']);
    if let Some(caps) = BREADCRUMB.captures(text) {
        draft.breadcrumb = breadcrumb(&caps["path"]);
        return;
    }
    if let Some(caps) = SUMMARY.captures(text) {
        draft.summary = Some(caps["summary"].trim().to_string());
        return;
    }
    if let Some(caps) = EDITOR.captures(text) {
        draft.editor = Some(caps["editor"].trim().to_string());
        return;
    }
    if line.kind != Kind::Meta {
        return;
    }
    if META_KEY.find(text).is_some() {
        read_metadata(text, line.no, draft, date_line);
    }
    if let Some(caps) = SOURCE_ANYWHERE.captures(text)
        && draft.source.is_none()
        && let Some(source) = clean_source(&caps["source"])
    {
        draft.source = Some(source);
    }
    if date_line.is_none()
        && let Some(found) = super::date::find(text)
    {
        // A publisher written before the date (`鉅亨網新聞中心 2015-10-06 12:06`).
        if draft.source.is_none() {
            let before = text[..found.start].trim();
            if (2..=20).contains(&before.chars().count())
                && before.chars().all(|c| is_han(c) || c.is_alphanumeric())
            {
                draft.source = Some(before.to_string());
            }
        }
        *date_line = Some((line.no, text[found.start..found.end].to_string()));
    }
}

static SOURCE_ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:来源|來源|稿源|出处|出處)\s*[:：|｜丨]\s*(?P<source>[^\s|｜丨]{2,30})")
        .expect("valid regex")
});

/// A source name without what is glued after it (a date, a hit counter).
fn clean_source(raw: &str) -> Option<String> {
    let cut = raw
        .find(|c: char| c.is_ascii_digit() || matches!(c, '(' | '（'))
        .map_or(raw, |i| &raw[..i]);
    let cut = cut.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '：' | ':' | '|' | '(' | ')' | '（' | '）' | ',' | '，')
    });
    (cut.chars().count() >= 2).then(|| cut.to_string())
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
            "发布日期" | "發布日期" | "发布时间" | "發布時間" | "发文日期" | "發文日期"
            | "更新时间" | "更新時間" | "日期" | "时间" | "時間" => {
                *date_line = Some((line_no, value));
            }
            "来源" | "來源" | "文章来源" | "文章來源" | "稿件来源" | "稿件來源" => {
                draft.source = clean_source(&value)
            }
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

    const PAGE: &str = "當前位置: 首頁 ? 資訊 ? 政策法規(guī) ? 正文\n\n標題在此(cǐ)處\n\n發(fā)布日期:2021-11-01??來源:中新社??作者:孫自法??瀏覽次數(shù):1105\n放大字體??縮小字體\n核心提示:提示內容\n\n第一段,正文。\n\n第二段的內容。\n\n責任編輯:張三\n\n?\n[ 資訊搜索 ]? [ 加入收藏 ]\n\n免責聲明:\n本網站部分內容來源於合作媒體。\n推薦圖文\n";

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
        assert_eq!(p, vec!["第一段,正文。", "第二段的內容。"]);
    }

    #[test]
    fn category_headline_and_bare_date() {
        let text = "知識產(chǎn)權(quán) | 川渝研討會在綿舉行\n2023.12.12\n來源:綿陽市場監督\n12月11日,研討會舉行。\n第二段的內容。";
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
    fn a_relative_date_counts_back_from_the_newest_date_shown() {
        let text = "北京發布知識產權保護新規\n昨天 09:30 來源:北京日報\n\
            北京市近日發布知識產權保護新規，明確了數據知識產權的登記規則，備受關注。\n\
            相關新聞\n上海發布新政策 2024-03-05\n廣州舉辦論壇 2024-03-01\n";
        let d = extract(Path::new("p.txt"), text).expect("extracts");
        let p = d.date.expect("dated");
        assert_eq!(p.date.to_string(), "2024-03-04");
        assert_eq!(p.time.map(|t| t.to_string()).as_deref(), Some("09:30:00"));
        assert_eq!(d.title.as_deref(), Some("北京發布知識產權保護新規"));
    }

    #[test]
    fn an_unreadable_date_is_no_date() {
        let d = extract(
            Path::new("p.txt"),
            "標題在此處的一篇文章\n發布日期:2021-13-45\n正文第一段，內容充實，有標點符號，也足夠長，這是一篇文章的開頭。",
        )
        .expect("extracts");
        assert_eq!(d.date, None);
        assert_eq!(d.title.as_deref(), Some("標題在此處的一篇文章"));
    }
}
