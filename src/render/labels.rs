//! Interface labels, in one place. Simplified Chinese by default; English when site.toml
//! says `ui_language = "en"`. (The Traditional edition converts the Chinese labels with the
//! rest of the page.)

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
pub enum UiLanguage {
    #[default]
    #[serde(rename = "zh")]
    Chinese,
    #[serde(rename = "en")]
    English,
}

/// Every piece of interface text the templates use. `{n}` stands for a number.
#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub skip_to_content: &'static str,
    pub regions: &'static str,
    pub home: &'static str,
    pub latest_articles: &'static str,
    pub no_articles: &'static str,
    pub region_empty: &'static str,
    pub article_count: &'static str,
    pub timeline_summary: &'static str,
    pub source: &'static str,
    pub agency: &'static str,
    pub author: &'static str,
    pub editor: &'static str,
    pub tags: &'static str,
    pub original_title: &'static str,
    pub reading_time: &'static str,
    pub newer: &'static str,
    pub older: &'static str,
    pub only_article: &'static str,
    pub neighbours: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub feed: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub compare: &'static str,
    pub compare_intro: &'static str,
    pub month: &'static str,
    pub policies: &'static str,
    pub policies_intro: &'static str,
    pub cited_by: &'static str,
    pub cites: &'static str,
    pub sources: &'static str,
    pub all_tags: &'static str,
    pub archive: &'static str,
    pub related: &'static str,
    pub other_script: &'static str,
    pub other_script_name: &'static str,
    /// chrono formats for dates, month headings and year headings.
    pub date_format: &'static str,
    pub month_format: &'static str,
    pub year_format: &'static str,
}

impl Labels {
    pub fn for_language(language: UiLanguage) -> &'static Labels {
        match language {
            UiLanguage::Chinese => &CHINESE,
            UiLanguage::English => &ENGLISH,
        }
    }
}

static CHINESE: Labels = Labels {
    skip_to_content: "跳到正文",
    regions: "地区",
    home: "首页",
    latest_articles: "最新文章",
    no_articles: "暂无文章",
    region_empty: "这个地区还没有文章。",
    article_count: "{n} 篇",
    timeline_summary: "共 {n} 篇，按时间倒序",
    source: "来源",
    agency: "发稿",
    author: "作者",
    editor: "责任编辑",
    tags: "标签",
    original_title: "原标题",
    reading_time: "约 {n} 分钟读完",
    newer: "较新",
    older: "较早",
    only_article: "这是该地区唯一的文章",
    neighbours: "同地区的前后文章",
    not_found_title: "页面不存在",
    not_found_text: "您要找的页面不存在或已移动。请从首页或下面的地区时间线继续浏览。",
    feed: "订阅",
    search: "搜索",
    search_placeholder: "搜索标题和正文，如 知识产权、川渝",
    compare: "地区对比",
    compare_intro: "各地区按月的文章，一列一个地区，最新的在上。",
    month: "月份",
    policies: "政策文件",
    policies_intro: "文章中以《》引用的政策文件，以及引用它们的文章。",
    cited_by: "引用这份文件的文章",
    cites: "引用的政策文件",
    sources: "来源",
    all_tags: "标签",
    archive: "归档",
    related: "相关文章",
    other_script: "繁",
    other_script_name: "繁体中文",
    date_format: "%Y年%-m月%-d日",
    month_format: "%-m月",
    year_format: "%Y年",
};

static ENGLISH: Labels = Labels {
    skip_to_content: "Skip to content",
    regions: "Regions",
    home: "Home",
    latest_articles: "Latest articles",
    no_articles: "No articles yet",
    region_empty: "No articles in this region yet.",
    article_count: "{n} articles",
    timeline_summary: "{n} articles, newest first",
    source: "Source",
    agency: "Agency",
    author: "By",
    editor: "Editor",
    tags: "Tags",
    original_title: "Original title",
    reading_time: "{n} min read",
    newer: "Newer",
    older: "Older",
    only_article: "The only article in this region",
    neighbours: "Previous and next in the same region",
    not_found_title: "Page not found",
    not_found_text: "The page you asked for does not exist or has moved. Continue from the home page or a region timeline below.",
    feed: "Feed",
    search: "Search",
    search_placeholder: "Search headlines and text, e.g. 知识产权",
    compare: "Compare regions",
    compare_intro: "Articles per month in each region, one column per region, newest first.",
    month: "Month",
    policies: "Cited policies",
    policies_intro: "Policy documents the articles cite in 《》, with the articles citing them.",
    cited_by: "Articles citing this document",
    cites: "Cited policy documents",
    sources: "Sources",
    all_tags: "Tags",
    archive: "Archive",
    related: "Related articles",
    other_script: "繁",
    other_script_name: "Traditional Chinese",
    date_format: "%-d %b %Y",
    month_format: "%B",
    year_format: "%Y",
};
