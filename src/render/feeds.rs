//! Feeds and crawl files: Atom feeds (the whole digest and one per region, full content,
//! absolute URLs), `sitemap.xml` and `robots.txt`.

use atom_syndication::{Content, Entry, Feed, Link, Person, Text};

use super::{OutputFile, article_path};
use crate::article::Article;
use crate::config::SiteConfig;
use crate::site::{Entry as SiteEntry, Site};

pub fn region_feed_path(id: &str) -> String {
    crate::route::Route::RegionFeed(id.to_string()).path()
}

/// An Atom feed of `articles` (newest first; at most `config.feed_limit`) at `output`, the
/// feed of the HTML page `page` (both paths within the edition whose folder is `edition`,
/// "" or "zh-hant/", and whose pages its links lead to).
pub fn atom<'a>(
    config: &SiteConfig,
    edition: &str,
    output: &str,
    page: &str,
    title: &str,
    articles: impl Iterator<Item = &'a SiteEntry>,
    body: impl Fn(&Article) -> String,
) -> OutputFile {
    let base = config.absolute_base();
    let path = format!("{edition}{output}");
    let page = format!("{edition}{page}");
    let entries: Vec<Entry> = articles
        .take(config.feed_limit)
        .map(|a| entry(a, &format!("{base}{edition}"), config, &body))
        .collect();
    let mut feed = Feed::default();
    feed.set_title(Text::plain(title));
    feed.set_id(format!("{base}{path}"));
    feed.set_subtitle(Text::plain(config.description.clone()));
    feed.set_lang(config.script.lang_tag().to_string());
    let updated = entries
        .iter()
        .map(|e| *e.updated())
        .max()
        .unwrap_or_else(|| chrono::DateTime::UNIX_EPOCH.fixed_offset());
    feed.set_updated(updated);
    feed.set_links(vec![
        link(&format!("{base}{path}"), "self", "application/atom+xml"),
        link(&format!("{base}{page}"), "alternate", "text/html"),
    ]);
    let mut author = Person::default();
    author.set_name(config.title.clone());
    feed.set_authors(vec![author]);
    feed.set_entries(entries);
    // A browser shows the feed through the stylesheet at the site root (feed readers
    // ignore the instruction).
    let stylesheet = format!(
        "<?xml-stylesheet type=\"text/xsl\" href=\"{}feed.xsl\"?>\n",
        "../".repeat(path.matches('/').count())
    );
    let xml = feed.to_string();
    let xml = match xml.strip_prefix("<?xml") {
        Some(_) => {
            let end = xml.find("?>").map_or(0, |i| i + 2);
            format!("{}\n{stylesheet}{}", &xml[..end], xml[end..].trim_start())
        }
        None => format!("{stylesheet}{xml}"),
    };
    OutputFile {
        path: output.to_string(),
        bytes: xml.into_bytes(),
    }
}

fn entry(
    article: &SiteEntry,
    base: &str,
    config: &SiteConfig,
    body: &impl Fn(&Article) -> String,
) -> Entry {
    let url = format!("{base}{}", article_path(&article.slug));
    let when = article.published.fixed();
    let mut entry = Entry::default();
    // Named by its first address, which never changes (the article may have moved since).
    entry.set_id(format!("{base}{}", article_path(article.first_slug())));
    entry.set_title(Text::plain(article.title.clone()));
    entry.set_updated(when);
    entry.set_published(Some(when));
    let mut links = vec![link(&url, "alternate", "text/html")];
    // Atom's `via`: where the information came from.
    if let Some(original) = super::views::web_address(article.source_url.as_deref()) {
        links.push(link(original, "via", "text/html"));
    }
    entry.set_links(links);
    let mut author = Person::default();
    author.set_name(
        article
            .author
            .clone()
            .or_else(|| article.source.clone())
            .unwrap_or_else(|| config.title.clone()),
    );
    entry.set_authors(vec![author]);
    entry.set_summary(Some(Text::plain(article.summary.clone())));
    let mut content = Content::default();
    content.set_content_type(Some("html".to_string()));
    content.set_value(Some(body(article)));
    entry.set_content(Some(content));
    entry
}

fn link(href: &str, rel: &str, mime: &str) -> Link {
    let mut link = Link::default();
    link.set_href(href);
    link.set_rel(rel);
    link.set_mime_type(Some(mime.to_string()));
    link
}

/// `sitemap.xml`: the given pages, with the last modification of articles.
pub fn sitemap(config: &SiteConfig, site: &Site, pages: &[String]) -> OutputFile {
    let base = config.absolute_base();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let lastmod: std::collections::HashMap<String, String> = site
        .articles
        .iter()
        .map(|a| {
            (
                article_path(&a.slug),
                a.published.date.format("%Y-%m-%d").to_string(),
            )
        })
        .collect();
    for page in pages {
        xml.push_str("  <url><loc>");
        xml.push_str(&crate::markup::escape(&format!("{base}{page}")));
        xml.push_str("</loc>");
        if let Some(date) = lastmod.get(page) {
            xml.push_str("<lastmod>");
            xml.push_str(date);
            xml.push_str("</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    OutputFile {
        path: crate::route::Route::Sitemap.path(),
        bytes: xml.into_bytes(),
    }
}

/// `robots.txt`: everything may be crawled; the sitemap is named.
pub fn robots(config: &SiteConfig) -> OutputFile {
    OutputFile {
        path: crate::route::Route::Robots.path(),
        bytes: format!(
            "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
            config.absolute_base()
        )
        .into_bytes(),
    }
}
