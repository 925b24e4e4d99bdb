//! The interface language and its labels, in one place: Simplified Chinese by default;
//! English when site.toml says `ui_language = "en"`. A leaf: the site configuration
//! chooses the language and the renderer shows the labels. The edition in the other script
//! shows them converted ([`Labels::converted`]).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
pub enum UiLanguage {
    #[default]
    #[serde(rename = "zh")]
    Chinese,
    #[serde(rename = "en")]
    English,
}

/// Every piece of interface text the templates use. `{n}` stands for a number; a label with
/// a number may give its form for one and for other numbers, split by `|`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Labels {
    pub skip_to_content: Cow<'static, str>,
    pub regions: Cow<'static, str>,
    pub home: Cow<'static, str>,
    pub latest_articles: Cow<'static, str>,
    pub no_articles: Cow<'static, str>,
    pub region_empty: Cow<'static, str>,
    pub article_count: Cow<'static, str>,
    pub timeline_summary: Cow<'static, str>,
    pub source: Cow<'static, str>,
    pub agency: Cow<'static, str>,
    pub author: Cow<'static, str>,
    pub editor: Cow<'static, str>,
    pub tags: Cow<'static, str>,
    pub original_title: Cow<'static, str>,
    /// The link to the original article, and the citation line a reader can copy.
    pub original_link: Cow<'static, str>,
    pub cite_as: Cow<'static, str>,
    pub copy: Cow<'static, str>,
    pub copied: Cow<'static, str>,
    /// Punctuation between label and value, between items and after a sentence, and around
    /// a title (full-width in Chinese, half-width in English).
    pub colon: Cow<'static, str>,
    pub comma: Cow<'static, str>,
    pub full_stop: Cow<'static, str>,
    pub title_open: Cow<'static, str>,
    pub title_close: Cow<'static, str>,
    pub reading_time: Cow<'static, str>,
    pub newer: Cow<'static, str>,
    pub older: Cow<'static, str>,
    pub only_article: Cow<'static, str>,
    pub neighbours: Cow<'static, str>,
    pub not_found_title: Cow<'static, str>,
    pub not_found_text: Cow<'static, str>,
    pub feed: Cow<'static, str>,
    /// The page explaining the feeds.
    pub feeds_title: Cow<'static, str>,
    pub feeds_intro: Cow<'static, str>,
    pub feeds_all: Cow<'static, str>,
    pub search: Cow<'static, str>,
    pub search_placeholder: Cow<'static, str>,
    pub search_count: Cow<'static, str>,
    pub search_unavailable: Cow<'static, str>,
    pub search_more: Cow<'static, str>,
    /// What to try when a search finds nothing, and the result orders.
    pub search_none: Cow<'static, str>,
    /// The preview's error overlay: how many problems, and what is shown meanwhile.
    pub preview_problems: Cow<'static, str>,
    pub search_by_relevance: Cow<'static, str>,
    /// The search page's year filter, before a year is chosen.
    pub search_all_years: Cow<'static, str>,
    pub search_by_date: Cow<'static, str>,
    /// A long list split by year: what the first page shows, before the year links.
    pub list_split: Cow<'static, str>,
    pub all_regions: Cow<'static, str>,
    pub compare: Cow<'static, str>,
    pub compare_intro: Cow<'static, str>,
    pub month: Cow<'static, str>,
    pub policies: Cow<'static, str>,
    pub policies_intro: Cow<'static, str>,
    pub cited_by: Cow<'static, str>,
    /// A long list's two views: headlines only, and in full.
    pub view_compact: Cow<'static, str>,
    pub view_full: Cow<'static, str>,
    /// A policy document's particulars, from the editors' register, and the register's
    /// two orders.
    pub policy_issuer: Cow<'static, str>,
    pub policy_number: Cow<'static, str>,
    pub policy_issued: Cow<'static, str>,
    pub policy_official: Cow<'static, str>,
    pub policies_by_count: Cow<'static, str>,
    pub policies_by_date: Cow<'static, str>,
    pub cites: Cow<'static, str>,
    pub sources: Cow<'static, str>,
    pub all_tags: Cow<'static, str>,
    pub archive: Cow<'static, str>,
    pub related: Cow<'static, str>,
    /// chrono formats for dates, month headings and year headings.
    pub date_format: Cow<'static, str>,
    pub month_format: Cow<'static, str>,
    pub year_format: Cow<'static, str>,
}

/// A label with a number in the right form: `{n} article|{n} articles` gives `1 article`
/// and `2 articles`; a label without `|` has one form.
pub fn count_label(label: &str, n: i64) -> String {
    let form = match label.split_once('|') {
        Some((one, _)) if n == 1 => one,
        Some((_, other)) => other,
        None => label,
    };
    form.replace("{n}", &n.to_string())
}

impl Labels {
    pub fn for_language(language: UiLanguage) -> &'static Labels {
        match language {
            UiLanguage::Chinese => &CHINESE,
            UiLanguage::English => &ENGLISH,
        }
    }

    /// Every label passed through `convert` (the labels of an edition in the other script).
    pub fn converted(&self, convert: &dyn Fn(&str) -> String) -> Labels {
        fn walk(value: &mut serde_json::Value, convert: &dyn Fn(&str) -> String) {
            match value {
                serde_json::Value::String(s) => *s = convert(s),
                serde_json::Value::Object(fields) => {
                    fields.values_mut().for_each(|v| walk(v, convert));
                }
                _ => {}
            }
        }
        let Ok(mut value) = serde_json::to_value(self) else {
            return self.clone();
        };
        walk(&mut value, convert);
        serde_json::from_value(value).unwrap_or_else(|_| self.clone())
    }
}

static CHINESE: Labels = Labels {
    skip_to_content: Cow::Borrowed("跳到正文"),
    regions: Cow::Borrowed("地区"),
    home: Cow::Borrowed("首页"),
    latest_articles: Cow::Borrowed("最新文章"),
    no_articles: Cow::Borrowed("暂无文章"),
    region_empty: Cow::Borrowed("这个地区还没有文章。"),
    article_count: Cow::Borrowed("{n} 篇"),
    timeline_summary: Cow::Borrowed("共 {n} 篇，按时间倒序"),
    source: Cow::Borrowed("来源"),
    agency: Cow::Borrowed("发稿"),
    author: Cow::Borrowed("作者"),
    editor: Cow::Borrowed("责任编辑"),
    tags: Cow::Borrowed("标签"),
    original_title: Cow::Borrowed("原标题"),
    original_link: Cow::Borrowed("原文"),
    cite_as: Cow::Borrowed("引用本文"),
    copy: Cow::Borrowed("复制"),
    copied: Cow::Borrowed("已复制"),
    colon: Cow::Borrowed("："),
    comma: Cow::Borrowed("，"),
    full_stop: Cow::Borrowed("。"),
    title_open: Cow::Borrowed("《"),
    title_close: Cow::Borrowed("》"),
    reading_time: Cow::Borrowed("约 {n} 分钟读完"),
    newer: Cow::Borrowed("较新"),
    older: Cow::Borrowed("较早"),
    only_article: Cow::Borrowed("这是该地区唯一的文章"),
    neighbours: Cow::Borrowed("同地区的前后文章"),
    not_found_title: Cow::Borrowed("页面不存在"),
    not_found_text: Cow::Borrowed(
        "您要找的页面不存在或已移动。请从首页或下面的地区时间线继续浏览。",
    ),
    feed: Cow::Borrowed("订阅"),
    feeds_title: Cow::Borrowed("订阅"),
    feeds_intro: Cow::Borrowed(
        "用阅读器（如 Feedly、Inoreader、NetNewsWire）订阅，新文章会自动送达。把下面的地址复制到阅读器里即可：可以订阅全部文章，也可以只订阅一个地区。",
    ),
    feeds_all: Cow::Borrowed("全部文章"),
    search: Cow::Borrowed("搜索"),
    search_placeholder: Cow::Borrowed("搜索标题和正文，如 知识产权、川渝"),
    search_count: Cow::Borrowed("找到 {n} 篇文章"),
    search_unavailable: Cow::Borrowed(
        "搜索需要通过网站访问（或用 digest serve 预览），不能直接从本地文件打开。",
    ),
    search_more: Cow::Borrowed("更多结果"),
    search_none: Cow::Borrowed("没有找到。试试更短的词（如“专利”），换一种说法，或选“全部地区”。"),
    preview_problems: Cow::Borrowed(
        "digest：{n} 个问题。出错的文件显示上一次成功的版本，从未成功的暂不显示。",
    ),
    search_by_relevance: Cow::Borrowed("最相关"),
    search_all_years: Cow::Borrowed("全部年份"),
    search_by_date: Cow::Borrowed("最新"),
    list_split: Cow::Borrowed("本页列出其中 {n} 篇；按年份查看全部："),
    all_regions: Cow::Borrowed("所有地区"),
    compare: Cow::Borrowed("地区对比"),
    compare_intro: Cow::Borrowed(
        "各地区每月的文章数，一列一个地区，最新的月份在上；颜色越深文章越多，点数字看当月文章。",
    ),
    month: Cow::Borrowed("月份"),
    policies: Cow::Borrowed("政策文件"),
    policies_intro: Cow::Borrowed("文章中以《》引用的政策文件，以及引用它们的文章。"),
    cited_by: Cow::Borrowed("引用这份文件的文章"),
    view_compact: Cow::Borrowed("只看标题"),
    view_full: Cow::Borrowed("显示摘要"),
    policy_issuer: Cow::Borrowed("发文机关"),
    policy_number: Cow::Borrowed("文号"),
    policy_issued: Cow::Borrowed("发布日期"),
    policy_official: Cow::Borrowed("官方文本"),
    policies_by_count: Cow::Borrowed("按引用数"),
    policies_by_date: Cow::Borrowed("按日期"),
    cites: Cow::Borrowed("引用的政策文件"),
    sources: Cow::Borrowed("来源"),
    all_tags: Cow::Borrowed("标签"),
    archive: Cow::Borrowed("归档"),
    related: Cow::Borrowed("相关文章"),
    date_format: Cow::Borrowed("%Y年%-m月%-d日"),
    month_format: Cow::Borrowed("%-m月"),
    year_format: Cow::Borrowed("%Y年"),
};

static ENGLISH: Labels = Labels {
    skip_to_content: Cow::Borrowed("Skip to content"),
    regions: Cow::Borrowed("Regions"),
    home: Cow::Borrowed("Home"),
    latest_articles: Cow::Borrowed("Latest articles"),
    no_articles: Cow::Borrowed("No articles yet"),
    region_empty: Cow::Borrowed("No articles in this region yet."),
    article_count: Cow::Borrowed("{n} article|{n} articles"),
    timeline_summary: Cow::Borrowed("{n} article, newest first|{n} articles, newest first"),
    source: Cow::Borrowed("Source"),
    agency: Cow::Borrowed("Agency"),
    author: Cow::Borrowed("By"),
    editor: Cow::Borrowed("Editor"),
    tags: Cow::Borrowed("Tags"),
    original_title: Cow::Borrowed("Original title"),
    original_link: Cow::Borrowed("Original"),
    cite_as: Cow::Borrowed("Cite this article"),
    copy: Cow::Borrowed("Copy"),
    copied: Cow::Borrowed("Copied"),
    colon: Cow::Borrowed(": "),
    comma: Cow::Borrowed(", "),
    full_stop: Cow::Borrowed(". "),
    title_open: Cow::Borrowed("“"),
    title_close: Cow::Borrowed("”"),
    reading_time: Cow::Borrowed("{n} min read"),
    newer: Cow::Borrowed("Newer"),
    older: Cow::Borrowed("Older"),
    only_article: Cow::Borrowed("The only article in this region"),
    neighbours: Cow::Borrowed("Previous and next in the same region"),
    not_found_title: Cow::Borrowed("Page not found"),
    not_found_text: Cow::Borrowed(
        "The page you asked for does not exist or has moved. Continue from the home page or a region timeline below.",
    ),
    feed: Cow::Borrowed("Feed"),
    feeds_title: Cow::Borrowed("Feeds"),
    feeds_intro: Cow::Borrowed(
        "Follow the digest in a feed reader (Feedly, Inoreader, NetNewsWire…): copy an address below into it, for every article or for one region.",
    ),
    feeds_all: Cow::Borrowed("All articles"),
    search: Cow::Borrowed("Search"),
    search_placeholder: Cow::Borrowed("Search headlines and text, e.g. 知识产权"),
    search_count: Cow::Borrowed("{n} article found|{n} articles found"),
    search_unavailable: Cow::Borrowed(
        "Search works when the site is served over HTTP (or previewed with digest serve), not from local files.",
    ),
    search_more: Cow::Borrowed("More results"),
    search_none: Cow::Borrowed(
        "Nothing found. Try a shorter word (such as 专利), other words, or all regions.",
    ),
    preview_problems: Cow::Borrowed(
        "digest: {n} problem. A file that fails shows its last good version; one that never built is left out.|digest: {n} problems. Files that fail show their last good version; those that never built are left out.",
    ),
    search_by_relevance: Cow::Borrowed("Most relevant"),
    search_all_years: Cow::Borrowed("All years"),
    search_by_date: Cow::Borrowed("Newest"),
    list_split: Cow::Borrowed("{n} of them on this page; all of them by year:"),
    all_regions: Cow::Borrowed("All regions"),
    compare: Cow::Borrowed("Compare regions"),
    compare_intro: Cow::Borrowed(
        "Articles per month in each region, one column per region, newest month first; the darker the cell, the more articles. Follow a number to that month's articles.",
    ),
    month: Cow::Borrowed("Month"),
    policies: Cow::Borrowed("Cited policies"),
    policies_intro: Cow::Borrowed(
        "Policy documents the articles cite in 《》, with the articles citing them.",
    ),
    cited_by: Cow::Borrowed("Articles citing this document"),
    view_compact: Cow::Borrowed("Headlines only"),
    view_full: Cow::Borrowed("With summaries"),
    policy_issuer: Cow::Borrowed("Issued by"),
    policy_number: Cow::Borrowed("Document number"),
    policy_issued: Cow::Borrowed("Issued"),
    policy_official: Cow::Borrowed("Official text"),
    policies_by_count: Cow::Borrowed("Most cited"),
    policies_by_date: Cow::Borrowed("By date"),
    cites: Cow::Borrowed("Cited policy documents"),
    sources: Cow::Borrowed("Sources"),
    all_tags: Cow::Borrowed("Tags"),
    archive: Cow::Borrowed("Archive"),
    related: Cow::Borrowed("Related articles"),
    date_format: Cow::Borrowed("%-d %b %Y"),
    month_format: Cow::Borrowed("%B"),
    year_format: Cow::Borrowed("%Y"),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversion_reaches_every_label() {
        let marked = CHINESE.converted(&|s| format!("<{s}>"));
        assert_eq!(marked.region_empty, "<这个地区还没有文章。>");
        assert_eq!(marked.year_format, "<%Y年>");
        let json = serde_json::to_value(&marked).expect("serialises");
        let fields = json.as_object().expect("an object");
        assert!(fields.len() > 40);
        for (name, value) in fields {
            let text = value.as_str().expect("every label is text");
            assert!(
                text.starts_with('<') && text.ends_with('>'),
                "{name}: {text}"
            );
        }
    }
}
