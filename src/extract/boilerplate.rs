//! Known boilerplate: data, not method. Class and id tokens that templates across the web
//! use for page chrome, then what particular portals are known to wrap around articles.
//! The extractor sets these elements aside before scoring; the general scorer does the
//! rest, so a page from a portal not listed here is still read. The cleaner's narrower
//! table for article bodies (ad and QR-code blocks, promotion lines) lives here too, so all
//! knowledge of boilerplate is in one place.

use std::sync::LazyLock;

use super::dom::Element;
use rustc_hash::FxHashSet;

/// Class or id tokens that mark page chrome on any site (matched whole, case-insensitive).
const GENERIC_TOKENS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "sidebar",
    "side-bar",
    "footer",
    "foot",
    "site-footer",
    "header",
    "site-header",
    "topbar",
    "top-bar",
    "comment",
    "comments",
    "comment-list",
    "share",
    "share-box",
    "sharebox",
    "social",
    "related",
    "related-news",
    "relatednews",
    "recommend",
    "recommendation",
    "hot-news",
    "hotnews",
    "ranking",
    "rank",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "adsbygoogle",
    "banner",
    "copyright",
    "disclaimer",
    "login",
    "search",
    "search-box",
    "searchbox",
    "qrcode",
    "qr-code",
    "pager",
    "pagination",
    "toolbar",
    "tools",
    "print",
    "fontsize",
    "font-size",
    "modal",
    "popup",
    "cookie",
    "subscribe",
    "newsletter",
];

/// Known chrome of particular portals: (portal, class or id tokens). Applied to every
/// page, as these names mean chrome wherever they appear.
const PORTAL_TOKENS: &[(&str, &[&str])] = &[
    (
        "sina.com.cn",
        &[
            "article-editor",
            "ori_titlesource",
            "show_author",
            "article-notice",
            "app-kaihu-qr",
            "appendqr_wrap",
            "hqimg_related",
            "blk-related",
            "tab-related",
            "sina-comment-wrap",
            "page-tools",
        ],
    ),
    (
        "163.com",
        &[
            "post_comment",
            "post_next",
            "post_recommends",
            "ne_wrap_ad",
            "post_top_share",
        ],
    ),
    ("qq.com", &["LEFT_BOTTOM", "qq_footer", "qq-nav"]),
    (
        "people.com.cn",
        &["edit", "ptime", "rm_relevant", "p1_ad", "box_news"],
    ),
    ("xinhuanet.com", &["fenxiang", "nextpage", "xgwz", "wzzj"]),
    ("sohu.com", &["article-do", "statement", "comment-wrapper"]),
    ("ifeng.com", &["relateNews", "ifeng-comment"]),
];

/// Prefixes of class or id tokens that mark chrome (`share-weixin`, `ad_box`, `qr_code`).
const GENERIC_PREFIXES: &[&str] = &[
    "share",
    "related",
    "recommend",
    "comment",
    "reply",
    "replies",
    "pinglun",
    "discuss",
    "guestbook",
    "liuyan",
    "ad_",
    "ad-",
    "ads_",
    "ads-",
    "adv_",
    "adv-",
    "qrcode",
    "qr_",
    "qr-",
    "appendqr",
    "hqimg",
    "footer",
    "breadcrumb",
    "sidebar",
    "nav_",
    "nav-",
    "menu_",
    "menu-",
];

/// Short texts that are widgets, not prose: share bars, font-size switches, print and
/// close buttons, promotion lines (both scripts).
const WIDGET_PHRASES: &[&str] = &[
    "分享到",
    "分享至",
    "字号",
    "字號",
    "放大字体",
    "放大字體",
    "缩小字体",
    "縮小字體",
    "打印本页",
    "打印本頁",
    "打印本文",
    "关闭窗口",
    "關閉窗口",
    "收藏本页",
    "加入收藏",
    "扫一扫",
    "掃一掃",
    "微信扫一扫",
    "返回顶部",
    "返回頂部",
    "【纠错】",
    "【糾錯】",
    "纠错",
    "[责任编辑",
    "责任编辑",
    "責任編輯",
];

/// The cleaner's table, for bodies taken whole (exports under front matter, and what the
/// scorer chose): class or id tokens that mark boilerplate blocks inside an article.
pub const BODY_TOKENS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "footer",
    "disclaimer",
    "copyright",
    "statement",
    "article-editor",
    "ori_titlesource",
    "show_author",
    "article-notice",
    "app-kaihu-qr",
];
pub const BODY_PREFIXES: &[&str] = &[
    "appendqr",
    "qrcode",
    "qr_",
    "qr-",
    "ad_",
    "ad-",
    "ads_",
    "ads-",
    "adv_",
    "adv-",
    "share",
    "related",
    "recommend",
    "hqimg",
];
/// Short blocks that are only a portal's promotion.
pub const PROMOTION_PHRASES: &[&str] = &[
    "尽在新浪财经APP",
    "盡在新浪財經APP",
    "扫描二维码",
    "掃描二維碼",
    "关注微信公众号",
    "關注微信公眾號",
    "下载客户端",
    "下載客戶端",
    "点击进入专题",
    "點擊進入專題",
];

/// Notices that news sites append to certain stories by rule, not article text: Taiwan's
/// suicide-prevention hotlines (required under a story about a suicide), both scripts.
const NOTICE_PHRASES: &[&str] = &[
    "自殺防治專線",
    "自杀防治专线",
    "自殺諮詢專線",
    "自杀咨询专线",
    "安心專線",
    "安心专线",
    "生命線：1995",
    "生命线：1995",
    "張老師專線",
    "张老师专线",
    "珍惜生命，拒絕",
    "珍惜生命，拒绝",
];

/// The same notices' headline line: both words together (`…關心您：再給自己一次機會`).
const NOTICE_PAIRS: &[(&str, &str)] = &[
    ("關心您", "再給自己一次機會"),
    ("关心您", "再给自己一次机会"),
];

/// Class names and the id.
fn tokens<'a>(el: &Element<'a>) -> impl Iterator<Item = &'a str> + use<'a> {
    el.classes().chain(el.id())
}

/// The exact tokens of both tables, lowercased: one lookup a class name instead of a
/// pass over every table (this test runs on every element of every page).
static EXACT_TOKENS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    GENERIC_TOKENS
        .iter()
        .chain(PORTAL_TOKENS.iter().flat_map(|(_, list)| list.iter()))
        .map(|t| t.to_ascii_lowercase())
        .collect()
});
static LOWERCASE_PREFIXES: LazyLock<Vec<String>> = LazyLock::new(|| {
    GENERIC_PREFIXES
        .iter()
        .map(|p| p.to_ascii_lowercase())
        .collect()
});

/// Whether an element is known chrome by its class or id (ASCII case ignored).
pub fn is_boilerplate(el: &Element<'_>) -> bool {
    if matches!(el.name(), "html" | "body" | "main" | "article") {
        return false;
    }
    let mut lower = String::new();
    tokens(el).any(|token| {
        lower.clear();
        lower.push_str(token);
        lower.make_ascii_lowercase();
        EXACT_TOKENS.contains(&lower)
            || LOWERCASE_PREFIXES
                .iter()
                .any(|p| lower.starts_with(p.as_str()))
    })
}

/// Whether a block's text is a rule-bound notice (a hotline box) rather than article text.
pub fn is_notice_text(text: &str) -> bool {
    text.chars().count() <= 200
        && (NOTICE_PHRASES.iter().any(|p| text.contains(p))
            || NOTICE_PAIRS
                .iter()
                .any(|(a, b)| text.contains(a) && text.contains(b)))
}

/// Whether a short text is a widget (share bar, font size, print, promotion).
pub fn is_widget_text(text: &str) -> bool {
    WIDGET_PHRASES
        .iter()
        .chain(PROMOTION_PHRASES)
        .any(|p| text.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::dom::Dom;

    fn first(html: &str) -> bool {
        Dom::parse(html)
            .first("div")
            .is_some_and(|e| is_boilerplate(&e))
    }

    #[test]
    fn generic_and_portal_tokens() {
        assert!(first("<div class='share-box'>x</div>"));
        assert!(first("<div id='footer'>x</div>"));
        assert!(first("<div class='x article-editor'>x</div>"));
        assert!(!first("<div class='content'>x</div>"));
        assert!(!first("<div class='article-body'>x</div>"));
        // `ad` is a whole token, not a prefix of `address` or `adapt`.
        assert!(!first("<div class='address'>x</div>"));
    }

    #[test]
    fn notices() {
        assert!(is_notice_text(
            "★關心您：再給自己一次機會 安心專線：1925 生命線：1995 張老師專線：1980"
        ));
        assert!(is_notice_text("★中時電子報關心您：再給自己一次機會"));
        assert!(!is_notice_text("法院决定再给自己一次机会。"));
        assert!(!is_notice_text(
            "政府设立专线，为企业提供知识产权咨询服务。"
        ));
    }

    #[test]
    fn widget_text() {
        assert!(is_widget_text("分享到：微信 微博"));
        assert!(!is_widget_text("版权所有者可以依法维护权益。"));
    }
}
