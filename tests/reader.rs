//! Reader features over a whole build of the example site: feeds and crawl files, the
//! cited-policy index, the region comparison, the Traditional edition, interface labels.

mod common;

use std::path::Path;

use common::{example_site, read};
use digest::{BuildOptions, build};

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = example_site();
    build(&BuildOptions::new(site.path())).expect("builds");
    let out = site.path().join("public");
    (site, out)
}

fn parse_feed(path: &Path) -> atom_syndication::Feed {
    let file = std::fs::File::open(path).expect("feed exists");
    atom_syndication::Feed::read_from(std::io::BufReader::new(file)).expect("valid Atom")
}

#[test]
fn feeds_are_valid_atom_with_full_content_and_absolute_urls() {
    let (_site, out) = built();
    let feed = parse_feed(&out.join("feed.xml"));
    assert_eq!(feed.title().as_str(), "知识产权政策区域观察");
    assert_eq!(feed.id(), "https://example.github.io/digest/feed.xml");
    assert_eq!(feed.entries().len(), 5);
    assert!(
        feed.links()
            .iter()
            .any(|l| l.rel() == "self" && l.href() == feed.id())
    );
    for entry in feed.entries() {
        assert!(
            entry
                .id()
                .starts_with("https://example.github.io/digest/articles/")
        );
        assert!(
            entry
                .links()
                .iter()
                .all(|l| l.href().starts_with("https://"))
        );
        let content = entry.content().expect("full content");
        assert_eq!(content.content_type(), Some("html"));
        let html = content.value().expect("content");
        assert!(html.contains("<p>"), "full body");
        // Links inside the content are absolute too.
        for href in html.split("href=\"").skip(1) {
            assert!(
                href.starts_with("https://"),
                "relative link in feed content: {href}"
            );
        }
        assert!(entry.published().is_some());
    }
    // Newest first.
    assert_eq!(
        feed.entries()[0].title().as_str(),
        "川渝知识产权赋能区域高质量发展研讨会在绵举行"
    );

    let beijing = parse_feed(&out.join("regions/beijing.xml"));
    let titles: Vec<&str> = beijing
        .entries()
        .iter()
        .map(|e| e.title().as_str())
        .collect();
    assert_eq!(titles.len(), 2);
    assert!(titles.contains(&"京港加强合作助力知识产权强国建设"));
    // Each region's page advertises its feed; every page advertises the site's.
    let page = read(&out.join("regions/beijing.html"));
    assert!(page.contains("type=\"application/atom+xml\""));
    assert!(page.contains("href=\"../regions/beijing.xml\""));
    let hant = parse_feed(&out.join("zh-hant/feed.xml"));
    assert!(
        hant.entries()
            .iter()
            .any(|e| e.title().as_str() == "京港加強合作助力知識產權強國建設")
    );
    assert!(hant.id().ends_with("/zh-hant/feed.xml"));
}

#[test]
fn sitemap_and_robots() {
    let (_site, out) = built();
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://example.github.io/digest/index.html</loc>"));
    assert!(sitemap.contains("<loc>https://example.github.io/digest/zh-hant/index.html</loc>"));
    assert!(sitemap.contains("<lastmod>2021-12-07</lastmod>"));
    assert!(!sitemap.contains("404.html"));
    let urls = sitemap.matches("<loc>").count();
    let pages = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter(|e| e.file_name() != "404.html")
        .count();
    assert_eq!(urls, pages, "every page is in the sitemap");
    assert!(
        read(&out.join("robots.txt"))
            .contains("Sitemap: https://example.github.io/digest/sitemap.xml")
    );
}

#[test]
fn cited_policies_link_articles_across_scripts_and_variants() {
    let site = example_site();
    // A hand-written article citing the same plan with straight quotes and a space.
    std::fs::write(
        site.path().join("content/variant.md"),
        "---\ntitle: 规划解读\ndate: 2022-01-05\n---\n\n解读《\"十四五\"国家知识产权 保护和运用规划》。\n",
    )
    .expect("write");
    build(&BuildOptions::new(site.path())).expect("builds");
    let out = site.path().join("public");
    let index = read(&out.join("policies.html"));
    assert!(index.contains("《“十四五”国家知识产权保护和运用规划》"));
    let page_name = walkdir::WalkDir::new(out.join("policies"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .find(|p| read(p).contains("<h1>《“十四五”国家知识产权保护和运用规划》</h1>"))
        .expect("a page for the 14th Five-Year IP plan");
    let page = read(&page_name);
    let pos = |title: &str| {
        page.find(title)
            .unwrap_or_else(|| panic!("{title} not listed"))
    };
    // 003 was scraped in Traditional script; 000 is a Sina export; both cite the plan.
    let scraped = pos("中国知识产权国际合作将主动参与全球治理扩大“朋友圈”");
    let sina = pos("京港加强合作助力知识产权强国建设");
    let variant = pos("规划解读");
    assert!(
        scraped < sina && sina < variant,
        "listed in date order, oldest first"
    );
    assert!(
        !page.contains("上海市与这个国家部委会商签约"),
        "002 does not cite it"
    );

    // The cited title in an article body links to the document's page.
    let slug = page_name
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let article = walkdir::WalkDir::new(out.join("articles"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .find(|p| read(p).contains("<h1>京港加强合作助力知识产权强国建设</h1>"))
        .expect("article 000");
    assert!(read(&article).contains(&format!(
        "<a class=\"citation\" href=\"../policies/{slug}\">《“十四五”国家知识产权保护和运用规划》</a>"
    )));
}

#[test]
fn comparison_view_puts_regions_side_by_side_by_month() {
    let (_site, out) = built();
    let page = read(&out.join("compare.html"));
    let doc = scraper::Html::parse_document(&page);
    let header = scraper::Selector::parse("thead th").expect("selector");
    let headers: Vec<String> = doc
        .select(&header)
        .map(|h| h.text().collect::<String>())
        .collect();
    assert_eq!(headers.len(), 6, "a month column and five regions");
    assert!(headers[1].starts_with("北京"));
    let rows = scraper::Selector::parse("tbody tr").expect("selector");
    let months: Vec<String> = doc
        .select(&rows)
        .map(|r| {
            r.select(&scraper::Selector::parse("th").expect("th"))
                .next()
                .map(|t| t.text().collect())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        months,
        vec!["2023年 12月", "2021年 12月", "2021年 11月", "2021年 10月"]
    );
    // December 2021: the 京港 article counted in both the Beijing and Hong Kong columns,
    // each count linking to that month in that region's timeline.
    let december = doc.select(&rows).nth(1).expect("row");
    let td = scraper::Selector::parse("td").expect("td");
    let cells: Vec<String> = december
        .select(&td)
        .map(|c| c.text().collect::<String>().trim().to_string())
        .collect();
    assert_eq!(cells, ["1", "", "", "1", ""]);
    let link = scraper::Selector::parse("td a").expect("a");
    let targets: Vec<&str> = december
        .select(&link)
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        targets,
        [
            "regions/beijing.html#y2021m12",
            "regions/hong-kong.html#y2021m12"
        ]
    );
    assert!(read(&out.join("regions/beijing.html")).contains("id=\"y2021m12\""));
    // October 2021 has two Shanghai-or-Beijing articles: the busiest cells are darkest.
    let october = doc.select(&rows).nth(3).expect("row");
    let shades: Vec<&str> = october
        .select(&td)
        .filter_map(|c| c.value().attr("class"))
        .collect();
    assert!(
        shades
            .iter()
            .all(|c| c.starts_with("shade-") || *c == "none"),
        "{shades:?}"
    );
}

#[test]
fn traditional_edition_mirrors_the_site_and_links_both_ways() {
    let (_site, out) = built();
    let toggle = scraper::Selector::parse("a.script-toggle").expect("selector");
    let mut pairs = 0;
    for entry in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "html") || path.ends_with("404.html") {
            continue;
        }
        let doc = scraper::Html::parse_document(&read(path));
        let href = doc
            .select(&toggle)
            .next()
            .and_then(|a| a.value().attr("href"))
            .unwrap_or_else(|| panic!("{} has no 简/繁 toggle", path.display()))
            .to_string();
        let other = path.parent().expect("dir").join(&href);
        assert!(
            other.is_file(),
            "{}: toggle leads to {href}, which is missing",
            path.display()
        );
        // Each toggle is labelled in the script it leads to: 繁 on Simplified pages, 简
        // (not 簡) on Traditional ones, with that edition's language.
        let in_hant = path
            .strip_prefix(&out)
            .is_ok_and(|p| p.starts_with("zh-hant"));
        let link = doc.select(&toggle).next().expect("toggle");
        let (label, lang) = if in_hant {
            ("简", "zh-Hans")
        } else {
            ("繁", "zh-Hant-HK")
        };
        assert_eq!(link.text().collect::<String>(), label, "{}", path.display());
        assert_eq!(link.value().attr("lang"), Some(lang), "{}", path.display());
        // The other page's toggle comes back here.
        let back = scraper::Html::parse_document(&read(&other));
        let back_href = back
            .select(&toggle)
            .next()
            .and_then(|a| a.value().attr("href"))
            .expect("toggle back");
        let returned = other.parent().expect("dir").join(back_href);
        assert_eq!(
            returned.canonicalize().expect("exists"),
            path.canonicalize().expect("exists"),
            "toggle from {} does not come back",
            path.display()
        );
        pairs += 1;
    }
    assert!(pairs >= 30, "every page has a counterpart ({pairs})");
    let hant = read(&out.join("zh-hant/index.html"));
    assert!(hant.contains("京港加強合作助力知識產權強國建設"));
    // Interface labels are converted too: 地区对比 (Simplified) reads 地區對比.
    assert!(hant.contains("地區對比"), "labels in Traditional script");
    assert!(!hant.contains("地区对比"), "no Simplified label left");
    assert!(
        !hant.contains("京港加强合作"),
        "no Simplified headline left"
    );
}

/// The Traditional edition's feeds are its own: its language, its title and labels in its
/// script, entries linking to its pages; the main feeds are untouched by it.
#[test]
fn traditional_feeds_speak_their_edition() {
    let (_site, out) = built();
    let base = "https://example.github.io/digest/";
    for (feed, lang, title, pages) in [
        (
            "feed.xml",
            "zh-Hans",
            "知识产权政策区域观察",
            base.to_string(),
        ),
        (
            "zh-hant/feed.xml",
            "zh-Hant-HK",
            "知識產權政策區域觀察",
            format!("{base}zh-hant/"),
        ),
        (
            "zh-hant/regions/national.xml",
            "zh-Hant-HK",
            "全國 · 知識產權政策區域觀察",
            format!("{base}zh-hant/"),
        ),
    ] {
        let xml = read(&out.join(feed));
        assert!(
            xml.contains(&format!("xml:lang=\"{lang}\"")),
            "{feed}: {lang}"
        );
        assert!(
            xml.contains(&format!("<title>{title}</title>")),
            "{feed}: {title}"
        );
        let doc = scraper::Html::parse_document(&xml);
        let entries = scraper::Selector::parse("entry > link").expect("selector");
        let links: Vec<&str> = doc
            .select(&entries)
            .filter_map(|l| l.value().attr("href"))
            .collect();
        assert!(!links.is_empty(), "{feed} has entries");
        for link in links {
            assert!(
                link.starts_with(&format!("{pages}articles/")),
                "{feed}: entry links to {link}"
            );
        }
    }
    let hant = read(&out.join("zh-hant/feed.xml"));
    assert!(hant.contains("京港加強合作助力知識產權強國建設"));
    assert!(
        !hant.contains("京港加强合作"),
        "no Simplified headline in the feed"
    );
    let main = read(&out.join("feed.xml"));
    assert!(
        !main.contains("zh-hant/"),
        "the main feed links its own pages"
    );
}

#[test]
fn english_interface_labels() {
    let site = example_site();
    let config = read(&site.path().join("site.toml"))
        .replace("ui_language = \"zh\"", "ui_language = \"en\"");
    assert!(config.contains("ui_language = \"en\""));
    std::fs::write(site.path().join("site.toml"), config).expect("write");
    build(&BuildOptions::new(site.path())).expect("builds");
    let home = read(&site.path().join("public/index.html"));
    assert!(home.contains("Latest articles"));
    assert!(home.contains("Compare regions"));
    assert!(!home.contains("最新文章"));
    let timeline = read(&site.path().join("public/regions/beijing.html"));
    assert!(timeline.contains("2 articles, newest first"));
    assert!(timeline.contains("December"));
}

#[test]
fn sources_tags_archive_and_related_articles() {
    let (_site, out) = built();
    let sina = read(&out.join("sources/xin-lang-cai-jing.html"));
    assert_eq!(
        sina.matches("class=\"entry-title\"").count(),
        3,
        "three Sina exports"
    );
    let xinhua = read(&out.join("sources/xin-hua-she.html"));
    assert!(
        xinhua.contains("京港加强合作助力知识产权强国建设"),
        "agency pages list wire stories"
    );
    assert!(read(&out.join("sources.html")).contains("绵阳市场监督"));
    let tag = read(&out.join("tags/zhi-shi-chan-quan.html"));
    assert!(tag.contains("川渝知识产权赋能区域高质量发展研讨会在绵举行"));
    assert!(
        !out.join("tags/xin-lang-cai-jing.html").exists(),
        "the portal's channel is not a tag"
    );

    let archive = read(&out.join("archive.html"));
    assert!(archive.contains("href=\"archive/2021.html\""));
    assert!(archive.contains("href=\"archive/2023.html\""));
    let year = read(&out.join("archive/2021.html"));
    assert_eq!(year.matches("class=\"entry-title\"").count(), 4);
    assert!(year.find("12月").expect("December") < year.find("10月").expect("October"));

    // 000 and 003 cite the same plan: each lists the other as related.
    let (_, page) = article_titled(&out, "京港加强合作助力知识产权强国建设");
    let related = &page[page.find("class=\"related\"").expect("related section")..];
    assert!(related.contains("中国知识产权国际合作将主动参与全球治理扩大“朋友圈”"));
    assert!(
        page.contains(
            "<a class=\"source\" href=\"../sources/xin-lang-cai-jing.html\">新浪财经</a>"
        )
    );
}

#[test]
fn reading_time_counts_chinese_characters() {
    let (_site, out) = built();
    // Sample 003 has about 1,100 Chinese characters: three minutes at 400 a minute.
    let (_, page) = article_titled(&out, "中国知识产权国际合作将主动参与全球治理扩大“朋友圈”");
    assert!(
        page.contains("约 3 分钟读完"),
        "reading time from characters, not words"
    );
}

/// The article page with this headline: its path under the output and its text.
fn article_titled(out: &Path, title: &str) -> (String, String) {
    walkdir::WalkDir::new(out.join("articles"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), read(e.path())))
        .find(|(_, page)| page.contains(&format!("<h1>{title}</h1>")))
        .map(|(path, page)| {
            let relative = path.strip_prefix(out).expect("under the output");
            (relative.to_string_lossy().replace('\\', "/"), page)
        })
        .unwrap_or_else(|| panic!("no article page titled {title}"))
}

/// The example site plus one article that names its original address.
fn site_with_original() -> tempfile::TempDir {
    let site = example_site();
    std::fs::write(
        site.path().join("content/original.md"),
        "---\ntitle: 国家知识产权局发布专利转化运用专项行动方案\ndate: 2023-10-20\nsource: 中国政府网\nsource_url: https://www.gov.cn/zhengce/202310/content_6910000.htm\n---\n\n国家知识产权局近日印发《专利转化运用专项行动方案（2023—2025年）》，部署推动专利产业化。\n",
    )
    .expect("write article");
    site
}

#[test]
fn the_original_article_is_linked_cited_and_in_feeds_and_data() {
    let site = site_with_original();
    build(&BuildOptions::new(site.path())).expect("builds");
    let out = site.path().join("public");
    let original = "https://www.gov.cn/zhengce/202310/content_6910000.htm";
    let (path, page) = article_titled(&out, "国家知识产权局发布专利转化运用专项行动方案");
    assert!(
        page.contains(&format!(
            "<a href=\"{original}\" rel=\"noopener external\">原文 ↗</a> <span class=\"host\">gov.cn</span>"
        )),
        "the article page links the original, naming its site"
    );
    let cite = &page[page.find("class=\"cite-line\"").expect("citation line")..];
    let cite = &cite[..cite.find("</p>").expect("end of the line")];
    for part in [
        "《国家知识产权局发布专利转化运用专项行动方案》",
        "中国政府网",
        "2023年10月20日",
        &format!("原文：{original}"),
        &format!("https://example.github.io/digest/{path}"),
    ] {
        assert!(cite.contains(part), "citation line lacks {part}: {cite}");
    }
    // A headline holding a title: the inner marks become 〈〉 inside the citation's 《》.
    std::fs::write(
        site.path().join("content/nested.md"),
        "---\ntitle: 国务院办公厅印发《专利转化运用专项行动方案》\ndate: 2024-01-17\n---\n\n国务院办公厅近日印发方案。\n",
    )
    .expect("write");
    build(&BuildOptions::new(site.path())).expect("builds");
    let (_, nested) = article_titled(&out, "国务院办公厅印发《专利转化运用专项行动方案》");
    assert!(
        nested.contains("<p class=\"cite-line\">《国务院办公厅印发〈专利转化运用专项行动方案〉》"),
        "{nested}"
    );
    // An article without an original address gets no link and a citation without one.
    let (_, other) = article_titled(&out, "中国知识产权国际合作将主动参与全球治理扩大“朋友圈”");
    assert!(!other.contains("class=\"original-link\""));
    assert!(!other.contains("原文："));

    let feed = parse_feed(&out.join("feed.xml"));
    let entry = feed
        .entries()
        .iter()
        .find(|e| e.title().as_str() == "国家知识产权局发布专利转化运用专项行动方案")
        .expect("the article is in the feed");
    assert!(
        entry
            .links()
            .iter()
            .any(|l| l.rel() == "via" && l.href() == original),
        "the feed entry names the original as via"
    );
    let traditional = read(&out.join("zh-hant/feed.xml"));
    assert!(
        traditional.contains(&format!("rel=\"via\" href=\"{original}\""))
            || traditional.contains(&format!("href=\"{original}\" rel=\"via\""))
    );

    let records: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/articles.json"))).expect("json");
    assert!(
        records
            .as_array()
            .expect("array")
            .iter()
            .any(|r| r["source_url"] == original)
    );
}

#[test]
fn english_labels_use_half_width_punctuation_in_the_citation() {
    let site = site_with_original();
    let config = read(&site.path().join("site.toml"))
        .replace("ui_language = \"zh\"", "ui_language = \"en\"");
    std::fs::write(site.path().join("site.toml"), config).expect("write");
    build(&BuildOptions::new(site.path())).expect("builds");
    let (_, page) = article_titled(
        &site.path().join("public"),
        "国家知识产权局发布专利转化运用专项行动方案",
    );
    assert!(page.contains("Source: <a class=\"source\""));
    assert!(page.contains("“国家知识产权局发布专利转化运用专项行动方案”, 中国政府网, "));
    assert!(page.contains("Original: https://www.gov.cn/"));
    assert!(!page.contains("Source："));
}

#[test]
fn conventions_quotes_channels_dates_navigation_and_one_search_box() {
    let (_site, out) = built();
    // The Hong Kong edition writes corner brackets where the Mainland writes curved quotes.
    let (path, simplified) =
        article_titled(&out, "中国知识产权国际合作将主动参与全球治理扩大“朋友圈”");
    let traditional = read(&out.join("zh-hant").join(&path));
    assert!(simplified.contains("“朋友圈”"));
    assert!(
        traditional.contains("「朋友圈」"),
        "corner brackets in zh-hant"
    );
    assert!(!traditional.contains("“朋友圈”"));
    // A portal's channel (金融) is not a tag.
    assert!(!out.join("tags/jin-rong.html").exists());
    assert!(!read(&out.join("tags.html")).contains(">金融<"));
    // One date style: the home page's region cards too.
    let home = read(&out.join("index.html"));
    assert!(home.contains(">2021年12月7日</time>"));
    assert!(!home.contains(">2021-12-07</time>"));
    // The region shown is marked in the navigation, and only there.
    let beijing = read(&out.join("regions/beijing.html"));
    assert!(beijing.contains("href=\"../regions/beijing.html\" aria-current=\"page\""));
    assert_eq!(beijing.matches("aria-current").count(), 1);
    assert!(!home.contains("aria-current"));
    // The search page has one search box.
    let search = read(&out.join("search.html"));
    assert_eq!(search.matches("type=\"search\"").count(), 1);
    assert_eq!(home.matches("type=\"search\"").count(), 1);
}

#[test]
fn english_counts_have_singular_and_plural() {
    let site = example_site();
    let config = read(&site.path().join("site.toml"))
        .replace("ui_language = \"zh\"", "ui_language = \"en\"");
    std::fs::write(site.path().join("site.toml"), config).expect("write");
    build(&BuildOptions::new(site.path())).expect("builds");
    let home = read(&site.path().join("public/index.html"));
    // Sichuan–Chongqing has one sample, Beijing two.
    assert!(home.contains(">1 article</span>"), "singular");
    assert!(home.contains(">2 articles</span>"), "plural");
    assert!(!home.contains("1 articles"));
}

#[test]
fn feeds_are_explained_on_a_page_and_styled_for_browsers() {
    let (_site, out) = built();
    let feeds = read(&out.join("feeds.html"));
    for region in [
        "beijing",
        "shanghai",
        "sichuan-chongqing",
        "hong-kong",
        "national",
    ] {
        assert!(
            feeds.contains(&format!(
                "<code>https://example.github.io/digest/regions/{region}.xml</code>"
            )),
            "{region}"
        );
    }
    assert!(feeds.contains("<code>https://example.github.io/digest/feed.xml</code>"));
    let traditional = read(&out.join("zh-hant/feeds.html"));
    assert!(traditional.contains("<code>https://example.github.io/digest/zh-hant/feed.xml</code>"));
    // The 订阅 links lead to the page, not to raw XML.
    let home = read(&out.join("index.html"));
    assert!(home.contains("<a href=\"feeds.html\">订阅</a>"));
    let timeline = read(&out.join("regions/beijing.html"));
    assert!(timeline.contains("href=\"../feeds.html#beijing\""));
    // Each feed names the stylesheet at the site root, relative to where it is.
    for (feed, href) in [
        ("feed.xml", "feed.xsl"),
        ("regions/beijing.xml", "../feed.xsl"),
        ("zh-hant/regions/beijing.xml", "../../feed.xsl"),
    ] {
        let xml = read(&out.join(feed));
        assert!(
            xml.starts_with(&format!(
                "<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"{href}\"?>\n<feed"
            )),
            "{feed}"
        );
        assert!(
            out.join(feed).parent().expect("dir").join(href).exists(),
            "{feed}"
        );
    }
    // Still valid Atom.
    assert_eq!(
        parse_feed(&out.join("regions/beijing.xml")).entries().len(),
        2
    );
}

/// The policy register: a law's names merged (with and without 中华人民共和国, a year
/// suffix, Traditional script), reports and newspapers left out, the editors' particulars
/// from policies.toml on the document's page, and the register in two orders.
#[test]
fn the_policy_register_merges_names_and_shows_the_editors_particulars() {
    let site = example_site();
    let root = site.path();
    let write = |name: &str, text: &str| {
        std::fs::write(root.join("content").join(name), text).expect("write");
    };
    write(
        "law-a.md",
        "---\ntitle: 新修改的专利法施行\ndate: 2021-06-01\n---\n\n《中华人民共和国专利法》今日起施行，据《人民日报》报道。\n",
    );
    write(
        "law-b.md",
        "---\ntitle: 专利法实施一周年\ndate: 2022-06-01\n---\n\n《专利法（2020年修正）》实施一年来，《2022年中国知识产权保护状况白皮书》显示成效。\n",
    );
    write(
        "law-c.txt",
        "---\ntitle: 專利法三問\ndate: 2022-07-01\n---\n專家解讀《專利法》的三個問題。\n",
    );
    write(
        "law-d.md",
        "---\ntitle: 新专利法解读\ndate: 2022-08-01\n---\n\n《新专利法》有哪些变化？\n",
    );
    std::fs::write(
        root.join("policies.toml"),
        "[[policy]]\ntitle = \"中华人民共和国专利法\"\naliases = [\"新专利法\"]\nissuer = \"全国人民代表大会常务委员会\"\nnumber = \"中华人民共和国主席令第五十五号\"\ndate = \"2020-10-17\"\nurl = \"https://www.gov.cn/xinwen/2020-10/18/content_5552113.htm\"\n",
    )
    .expect("write register");
    build(&BuildOptions::new(root)).expect("builds");
    let out = root.join("public");
    let register = read(&out.join("policies.html"));
    let by_count = &register[register.find("id=\"by-count\"").expect("by count")..];
    let by_count = &by_count[..by_count.find("</ul>").expect("end")];
    // One entry for the law, with its official name and four citing articles.
    assert_eq!(by_count.matches("专利法》").count(), 1, "{by_count}");
    assert!(
        by_count.contains("《中华人民共和国专利法》</a> <span class=\"count\">4 篇"),
        "{by_count}"
    );
    assert!(
        !register.contains("人民日报") && !register.contains("白皮书"),
        "{register}"
    );
    // The date order lists the same documents, by issue date.
    let by_date = &register[register.find("id=\"by-date\"").expect("by date")..];
    assert!(
        by_date.contains("2020年10月17日 · 全国人民代表大会常务委员会"),
        "{by_date}"
    );

    let page = walkdir::WalkDir::new(out.join("policies"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| read(e.path()))
        .find(|p| p.contains("<h1>《中华人民共和国专利法》"))
        .expect("the law's page");
    for part in [
        "<dt>发文机关</dt><dd>全国人民代表大会常务委员会</dd>",
        "<dt>文号</dt><dd>中华人民共和国主席令第五十五号</dd>",
        "<dt>发布日期</dt><dd>2020年10月17日</dd>",
        "href=\"https://www.gov.cn/xinwen/2020-10/18/content_5552113.htm\"",
    ] {
        assert!(page.contains(part), "{part}");
    }
    for title in [
        "新修改的专利法施行",
        "专利法实施一周年",
        "专利法三问",
        "新专利法解读",
    ] {
        assert!(page.contains(title), "{title} cites the law");
    }
    // The Traditional edition shows the particulars in its script.
    let hant = walkdir::WalkDir::new(out.join("zh-hant/policies"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| read(e.path()))
        .find(|p| p.contains("<h1>《中華人民共和國專利法》"))
        .expect("the law's page in Traditional");
    assert!(hant.contains("全國人民代表大會常務委員會"), "{hant}");

    // A mistake in the register is an error naming the file and line; nothing is built.
    std::fs::write(
        root.join("policies.toml"),
        "[[policy]]\ntitle = \"x法\"\nissuer = 3\n",
    )
    .expect("write");
    let err = build(&BuildOptions::new(root)).expect_err("a bad register fails");
    assert_eq!(err[0].file, std::path::Path::new("policies.toml"));
    assert_eq!(err[0].line, Some(3), "{}", err[0]);
}
