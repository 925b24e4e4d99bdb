//! Known boilerplate: data, not method. Class and id tokens that templates across the web
//! use for page chrome, then what particular portals are known to wrap around articles.
//! The extractor sets these elements aside before scoring; the general scorer does the
//! rest, so a page from a portal not listed here is still read.

use scraper::node::Element;

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
    "扫描二维码",
    "掃描二維碼",
    "微信扫一扫",
    "尽在新浪财经APP",
    "盡在新浪財經APP",
    "下载客户端",
    "下載客戶端",
    "关注微信公众号",
    "關注微信公眾號",
    "返回顶部",
    "返回頂部",
    "【纠错】",
    "【糾錯】",
    "纠错",
    "[责任编辑",
    "责任编辑",
    "責任編輯",
];

fn tokens(el: &Element) -> impl Iterator<Item = &str> {
    el.attr("class")
        .into_iter()
        .flat_map(str::split_whitespace)
        .chain(el.attr("id"))
}

/// Whether an element is known chrome by its class or id.
pub fn is_boilerplate(el: &Element) -> bool {
    if matches!(el.name(), "html" | "body" | "main" | "article") {
        return false;
    }
    tokens(el).any(|token| {
        let lower = token.to_ascii_lowercase();
        GENERIC_TOKENS.contains(&lower.as_str())
            || GENERIC_PREFIXES.iter().any(|p| lower.starts_with(p))
            || PORTAL_TOKENS
                .iter()
                .any(|(_, list)| list.iter().any(|t| t.eq_ignore_ascii_case(token)))
    })
}

/// Whether a short text is a widget (share bar, font size, print, promotion).
pub fn is_widget_text(text: &str) -> bool {
    WIDGET_PHRASES.iter().any(|p| text.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn first(html: &str) -> bool {
        let doc = Html::parse_fragment(html);
        let sel = Selector::parse("div").expect("selector");
        doc.select(&sel)
            .next()
            .is_some_and(|e| is_boilerplate(e.value()))
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
    fn widget_text() {
        assert!(is_widget_text("分享到：微信 微博"));
        assert!(!is_widget_text("版权所有者可以依法维护权益。"));
    }
}
