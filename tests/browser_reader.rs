//! Reader features in a real browser (headless Chromium over CDP) against the example site
//! served on loopback: Chinese search, the comparison view at desktop and phone widths,
//! the 简/繁 toggle. Screenshots of the main pages at 1280 px and 390 px wide are saved
//! under `target/screenshots/` for people to look at.
//!
//! Like `tests/browser.rs`, it needs /usr/bin/chromium: without it the tests are reported as
//! ignored, unless DIGEST_REQUIRE_BROWSER is set.

mod common;

use std::path::PathBuf;

use common::{Server, example_site, wait_for};
use headless_chrome::protocol::cdp::Page::CaptureScreenshotFormatOption;
use headless_chrome::{Browser, Tab};

fn main() -> std::process::ExitCode {
    common::run_needing(
        common::Tool::chromium(),
        vec![
            (
                "chinese_search_finds_the_right_articles",
                chinese_search_finds_the_right_articles,
            ),
            (
                "search_works_in_both_scripts_on_the_traditional_edition",
                search_works_in_both_scripts_on_the_traditional_edition,
            ),
            (
                "search_results_come_ten_at_a_time",
                search_results_come_ten_at_a_time,
            ),
            (
                "comparison_view_and_script_toggle_at_desktop_and_phone_widths",
                comparison_view_and_script_toggle_at_desktop_and_phone_widths,
            ),
            (
                "hostile_text_in_search_excerpts_stays_text",
                hostile_text_in_search_excerpts_stays_text,
            ),
            (
                "lists_at_2000_articles_on_a_desktop_and_a_phone",
                lists_at_2000_articles_on_a_desktop_and_a_phone,
            ),
            (
                "a_feed_opened_in_the_browser_reads_as_a_page",
                a_feed_opened_in_the_browser_reads_as_a_page,
            ),
            (
                "search_as_people_type_without_spaces_and_by_abbreviation",
                search_as_people_type_without_spaces_and_by_abbreviation,
            ),
        ],
    )
}

fn browser(width: u32, height: u32) -> Browser {
    common::chromium(Some((width, height)))
}

/// A tab with a viewport of `width` CSS pixels, emulating a phone below 600 (a headless
/// window cannot be narrower than 500).
fn tab_of_width(browser: &Browser, width: u32) -> std::sync::Arc<Tab> {
    let tab = browser.new_tab().expect("tab");
    let metrics: headless_chrome::protocol::cdp::Emulation::SetDeviceMetricsOverride =
        serde_json::from_value(serde_json::json!({
            "width": width,
            "height": 900,
            "deviceScaleFactor": 1,
            "mobile": width < 600,
        }))
        .expect("device metrics");
    tab.call_method(metrics).expect("set the viewport");
    tab
}

fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.evaluate(js, false)
        .ok()
        .and_then(|r| r.value)
        .unwrap_or(serde_json::Value::Null)
}

fn open(tab: &Tab, url: &str) {
    tab.navigate_to(url)
        .expect("navigate")
        .wait_until_navigated()
        .expect("loaded");
}

fn screenshots_dir() -> PathBuf {
    let dir = common::repo().join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

fn screenshot(tab: &Tab, name: &str) {
    let png = tab
        .capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true)
        .expect("screenshot");
    std::fs::write(screenshots_dir().join(format!("{name}.png")), png).expect("save screenshot");
}

/// Served over HTTP, as search needs; the preview server serves exactly the built files.
fn serve() -> (tempfile::TempDir, Server) {
    let site = example_site();
    let server = Server::start(site.path(), &[]);
    (site, server)
}

fn chinese_search_finds_the_right_articles() {
    let browser = browser(1280, 900);
    let (_site, server) = serve();
    let tab = browser.new_tab().expect("tab");
    let results = |tab: &Tab| -> Vec<String> {
        let titles = eval(
            tab,
            "JSON.stringify([...document.querySelectorAll('.search-result-title')].map(e => e.innerText))",
        );
        serde_json::from_str(titles.as_str().unwrap_or("[]")).unwrap_or_default()
    };
    for (query, expected, absent) in [
        (
            "川渝",
            "川渝知识产权赋能区域高质量发展研讨会在绵举行",
            "上海市与这个国家部委会商签约",
        ),
        (
            "申长雨",
            "北京市政府与国家知识产权局签订合作会商议定书",
            "川渝知识产权",
        ),
        ("十四五", "京港加强合作助力知识产权强国建设", "川渝知识产权"),
        (
            "朋友圈",
            "中国知识产权国际合作将主动参与全球治理扩大“朋友圈”",
            "京港加强合作",
        ),
    ] {
        let url = format!("{}search.html?q={}", server.url, percent(query));
        open(&tab, &url);
        let found = wait_for(&format!("results for {query}"), 20, || {
            let titles = results(&tab);
            titles
                .iter()
                .any(|t| t.contains(expected))
                .then_some(titles)
        });
        assert!(
            !found.iter().any(|t| t.contains(absent)),
            "{query}: {absent} should not match ({found:?})"
        );
        let marked = eval(
            &tab,
            "document.querySelectorAll('.search-result mark').length > 0",
        );
        assert_eq!(
            marked, true,
            "{query}: the headline or the excerpt highlights the match"
        );
    }
    // 知识产权 is in every article; filtering by region narrows it.
    open(
        &tab,
        &format!(
            "{}search.html?q={}&region={}",
            server.url,
            percent("知识产权"),
            percent("上海")
        ),
    );
    let found = wait_for("region-filtered results", 20, || {
        let titles = results(&tab);
        (!titles.is_empty()).then_some(titles)
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("上海市与这个国家部委会商签约"));
    screenshot(&tab, "search-1280");
    // Results are drawn from the index alone: no article page was fetched.
    let fetched_pages = eval(
        &tab,
        "performance.getEntriesByType('resource').filter(e => e.name.includes('/articles/')).length",
    );
    assert_eq!(fetched_pages, 0, "a result fetched its article page");

    // The year filter: offered from the index, kept in the address, and only that year's
    // articles listed.
    open(
        &tab,
        &format!(
            "{}search.html?q={}&year=2021",
            server.url,
            percent("知识产权")
        ),
    );
    let dates = wait_for("year-filtered results", 20, || {
        let dates = eval(
            &tab,
            "JSON.stringify([...document.querySelectorAll('.search-result time')].map(e => e.innerText))",
        );
        let dates: Vec<String> =
            serde_json::from_str(dates.as_str().unwrap_or("[]")).unwrap_or_default();
        (!dates.is_empty()).then_some(dates)
    });
    assert!(dates.iter().all(|d| d.starts_with("2021")), "{dates:?}");
    assert_eq!(
        eval(&tab, "document.querySelector('select[name=year]').value"),
        "2021"
    );
    let all = eval(
        &tab,
        "document.querySelectorAll('select[name=year] option').length",
    );
    assert!(
        all.as_u64() >= Some(3),
        "all years and at least two years: {all}"
    );

    // Typing in the header box leads to the search page with the query in its URL.
    open(&tab, &server.url);
    eval(
        &tab,
        "const f = document.querySelector('.search-form'); f.querySelector('input').value = '知识产权'; f.submit();",
    );
    wait_for("the search page", 10, || {
        let href = eval(&tab, "location.href");
        href.as_str()
            .is_some_and(|h| h.contains("search.html?q="))
            .then_some(())
    });
}

/// The index is shared by both editions: on the Traditional edition a query in either
/// script finds the article, and results show and link to the Traditional pages.
fn search_works_in_both_scripts_on_the_traditional_edition() {
    let browser = browser(1280, 900);
    let (_site, server) = serve();
    let tab = browser.new_tab().expect("tab");
    for query in ["知識產權", "知识产权"] {
        open(
            &tab,
            &format!(
                "{}zh-hant/search.html?q={}&region={}",
                server.url,
                percent(query),
                percent("上海")
            ),
        );
        let found = wait_for(&format!("results for {query}"), 20, || {
            let found = eval(
                &tab,
                "JSON.stringify([...document.querySelectorAll('.search-result-title a')].map(a => [a.innerText, a.href]))",
            );
            let found: Vec<(String, String)> =
                serde_json::from_str(found.as_str().unwrap_or("[]")).unwrap_or_default();
            (!found.is_empty()).then_some(found)
        });
        assert_eq!(found.len(), 1, "{query}: {found:?}");
        let (title, href) = &found[0];
        assert!(
            title.contains("上海市與這個國家部委會商簽約"),
            "{query}: {title}"
        );
        assert!(href.contains("/zh-hant/articles/"), "{query}: {href}");
        let marked = eval(
            &tab,
            "[...document.querySelectorAll('.search-excerpt mark')].map(m => m.innerText).join('|')",
        );
        assert!(
            marked.as_str().unwrap_or("").contains("知識產權"),
            "{query}: the Traditional text is highlighted: {marked}"
        );
    }
}

/// Results come ten at a time; "more" shows the rest.
fn search_results_come_ten_at_a_time() {
    let browser = browser(1280, 900);
    let site = example_site();
    for i in 0..13 {
        std::fs::write(
            site.path().join(format!("content/batch-{i:02}.md")),
            format!(
                "---\ntitle: 分批测试第{i}篇\ndate: 2020-01-{:02}\n---\n\n分批标记出现在这里。\n",
                i + 1
            ),
        )
        .expect("write article");
    }
    let server = Server::start(site.path(), &[]);
    let tab = browser.new_tab().expect("tab");
    open(
        &tab,
        &format!("{}search.html?q={}", server.url, percent("分批标记")),
    );
    let count = |tab: &Tab| eval(tab, "document.querySelectorAll('.search-result').length");
    wait_for("the first ten results", 20, || {
        (count(&tab) == 10).then_some(())
    });
    assert_eq!(
        eval(&tab, "document.querySelector('.search-status').innerText"),
        "找到 13 篇文章"
    );
    assert_eq!(
        eval(&tab, "document.querySelector('.search-more').hidden"),
        false
    );
    eval(&tab, "document.querySelector('.search-more').click()");
    wait_for("all thirteen", 20, || (count(&tab) == 13).then_some(()));
    assert_eq!(
        eval(&tab, "document.querySelector('.search-more').hidden"),
        true
    );
    // Newest first among equally good matches.
    let first = eval(
        &tab,
        "document.querySelector('.search-result-title').innerText",
    );
    assert_eq!(first, "分批测试第12篇");
}

fn percent(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

fn comparison_view_and_script_toggle_at_desktop_and_phone_widths() {
    for (width, name) in [(1280, "1280"), (390, "390")] {
        let browser = browser(width, 900);
        let (_site, server) = serve();
        let tab = tab_of_width(&browser, width);

        open(&tab, &format!("{}compare.html", server.url));
        assert_eq!(
            eval(&tab, "window.innerWidth"),
            width,
            "the viewport is {width}px wide"
        );
        let columns = eval(
            &tab,
            "document.querySelectorAll('table.compare thead th').length",
        );
        assert_eq!(columns, 6);
        // Readable on a phone: the table scrolls inside its box, the page does not.
        let page_overflow = eval(
            &tab,
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1",
        );
        assert_eq!(
            page_overflow, true,
            "{width}px: the page itself does not scroll sideways"
        );
        let cell = eval(
            &tab,
            "document.querySelector('table.compare td[class^=shade] a').innerText",
        );
        assert!(
            cell.as_str().is_some_and(|t| t.parse::<u32>().is_ok()),
            "cells hold counts: {cell}"
        );
        // At a phone's width the whole table fits: five regions without scrolling sideways.
        if width == 390 {
            let fits = eval(
                &tab,
                "(() => { const b = document.querySelector('.compare-scroll'); return b.scrollWidth <= b.clientWidth + 1; })()",
            );
            assert_eq!(fits, true, "the comparison fits at 390px");
        }
        screenshot(&tab, &format!("compare-{name}"));

        open(&tab, &server.url);
        screenshot(&tab, &format!("home-{name}"));
        open(&tab, &format!("{}regions/beijing.html", server.url));
        screenshot(&tab, &format!("timeline-{name}"));

        // Follow the toggle to the Traditional page and back.
        open(&tab, &server.url);
        let first = eval(
            &tab,
            "document.querySelector('.entry-title a').getAttribute('href')",
        );
        open(
            &tab,
            &format!("{}{}", server.url, first.as_str().expect("link")),
        );
        let simplified_title = eval(&tab, "document.querySelector('h1').innerText");
        eval(&tab, "document.querySelector('a.script-toggle').click()");
        wait_for("the Traditional page", 10, || {
            let lang = eval(&tab, "document.documentElement.lang");
            lang.as_str()
                .is_some_and(|l| l.starts_with("zh-Hant"))
                .then_some(())
        });
        let traditional_title = eval(&tab, "document.querySelector('h1').innerText");
        assert_ne!(
            simplified_title, traditional_title,
            "the headline is converted"
        );
        assert_eq!(
            traditional_title,
            "川渝知識產權賦能區域高質量發展研討會在綿舉行"
        );
        screenshot(&tab, &format!("article-traditional-{name}"));
        eval(&tab, "document.querySelector('a.script-toggle').click()");
        wait_for("back to Simplified", 10, || {
            let lang = eval(&tab, "document.documentElement.lang");
            (lang == "zh-Hans").then_some(())
        });
        assert_eq!(
            eval(&tab, "document.querySelector('h1').innerText"),
            simplified_title
        );
        screenshot(&tab, &format!("article-{name}"));

        open(
            &tab,
            &format!("{}search.html?q={}", server.url, percent("知识产权")),
        );
        wait_for("search results", 20, || {
            (eval(&tab, "document.querySelectorAll('.search-result').length") != 0).then_some(())
        });
        screenshot(&tab, &format!("search-results-{name}"));
    }
}

/// Scraped text can hold markup-like text (escaped in the page, so harmless there). The
/// search excerpt is built from the page text; it must show that text, not run it.
/// (search.js builds excerpts from text nodes and <mark> only.)
fn hostile_text_in_search_excerpts_stays_text() {
    let browser = browser(1280, 900);
    let site = example_site();
    std::fs::write(
        site.path().join("content/hostile.md"),
        "---\ntitle: 搜索安全测试\ndate: 2021-06-01\n---\n\n\
         溯源标记 &lt;img src=x onerror=\"document.title='pwned'\"&gt; 以及 \
         &lt;script&gt;document.title='pwned'&lt;/script&gt; 溯源标记结束。\n",
    )
    .expect("write article");
    let server = Server::start(site.path(), &[]);
    let tab = browser.new_tab().expect("tab");
    open(
        &tab,
        &format!("{}search.html?q={}", server.url, percent("溯源标记")),
    );
    wait_for("the hostile article in the results", 20, || {
        (eval(&tab, "document.querySelectorAll('.search-result').length")
            .as_u64()
            .unwrap_or(0)
            > 0)
        .then_some(())
    });
    std::thread::sleep(std::time::Duration::from_millis(500));
    let excerpt = eval(&tab, "document.querySelector('.search-excerpt').innerText");

    assert!(
        excerpt
            .as_str()
            .unwrap_or("")
            .contains("<img src=x onerror="),
        "the excerpt shows the article's text as text: {excerpt}"
    );
    assert_eq!(
        eval(
            &tab,
            "document.querySelectorAll('.search-excerpt img, .search-excerpt script, .search-excerpt *:not(mark)').length"
        ),
        0,
        "nothing but text and <mark> in excerpts"
    );
    assert_ne!(eval(&tab, "document.title"), "pwned", "no script ran");
}

/// The stylesheet turns a feed opened in the browser into a page listing its articles
/// (Chromium still runs XSLT; `feeds.html` serves browsers that no longer do).
fn a_feed_opened_in_the_browser_reads_as_a_page() {
    let (_site, server) = serve();
    let browser = browser(390, 844);
    let tab = tab_of_width(&browser, 390);
    for (feed, headline) in [
        ("feed.xml", "京港加强合作助力知识产权强国建设"),
        ("regions/beijing.xml", "京港加强合作助力知识产权强国建设"),
        (
            "zh-hant/regions/beijing.xml",
            "京港加強合作助力知識產權強國建設",
        ),
    ] {
        open(&tab, &format!("{}{feed}", server.url));
        let shown = wait_for(&format!("{feed} shown as a page"), 20, || {
            let text = eval(
                &tab,
                "document.querySelector('ul.entries') ? document.body.innerText : ''",
            );
            text.as_str().filter(|t| !t.is_empty()).map(str::to_string)
        });
        assert!(shown.contains(headline), "{feed}: {shown}");
        assert!(shown.contains("This is a feed"), "{feed}: {shown}");
        let links = eval(
            &tab,
            "[...document.querySelectorAll('ul.entries a')].every(a => a.href.startsWith('https://example.github.io/digest/'))",
        );
        assert_eq!(
            links,
            serde_json::Value::Bool(true),
            "{feed}: entries link their pages"
        );
    }
    screenshot(&tab, "feed-390");
}

/// Queries typed without spaces across words (上海签约: 海签 occurs nowhere) and the
/// one-character names of regions (沪, 渝) find their articles.
fn search_as_people_type_without_spaces_and_by_abbreviation() {
    let browser = browser(1280, 900);
    let (_site, server) = serve();
    let tab = browser.new_tab().expect("tab");
    for (query, expected, absent) in [
        ("上海签约", "上海市与这个国家部委会商签约", "川渝知识产权"),
        (
            "北京申长雨",
            "北京市政府与国家知识产权局签订合作会商议定书",
            "川渝知识产权",
        ),
        ("沪", "上海市与这个国家部委会商签约", "川渝知识产权"),
        ("滬", "上海市与这个国家部委会商签约", "京港加强合作"),
        (
            "渝",
            "川渝知识产权赋能区域高质量发展研讨会在绵举行",
            "上海市与这个国家部委会商签约",
        ),
    ] {
        open(
            &tab,
            &format!("{}search.html?q={}", server.url, percent(query)),
        );
        let found = wait_for(&format!("results for {query}"), 20, || {
            let titles = eval(
                &tab,
                "JSON.stringify([...document.querySelectorAll('.search-result-title')].map(e => e.innerText))",
            );
            let titles: Vec<String> =
                serde_json::from_str(titles.as_str().unwrap_or("[]")).unwrap_or_default();
            titles
                .iter()
                .any(|t| t.contains(expected))
                .then_some(titles)
        });
        assert!(
            found[0].contains(expected),
            "{query}: {expected} comes first ({found:?})"
        );
        assert!(
            !found.iter().any(|t| t.contains(absent)),
            "{query}: {absent} should not match ({found:?})"
        );
    }

    // Newest first on request (and kept in the address), and a hint when nothing is found.
    open(
        &tab,
        &format!(
            "{}search.html?q={}&sort=date",
            server.url,
            percent("知识产权")
        ),
    );
    let dates = wait_for("results by date", 20, || {
        let dates = eval(
            &tab,
            "JSON.stringify([...document.querySelectorAll('.search-result time')].map(e => e.innerText))",
        );
        let dates: Vec<String> =
            serde_json::from_str(dates.as_str().unwrap_or("[]")).unwrap_or_default();
        (dates.len() >= 4).then_some(dates)
    });
    let year = |d: &String| d.chars().take(4).collect::<String>();
    assert_eq!(year(&dates[0]), "2023", "{dates:?}");
    assert!(
        dates.windows(2).all(|w| year(&w[0]) >= year(&w[1])),
        "{dates:?}"
    );
    assert_eq!(
        eval(&tab, "document.querySelector('select[name=sort]').value"),
        "date"
    );
    open(
        &tab,
        &format!("{}search.html?q={}", server.url, percent("量子引力弦论")),
    );
    let status = wait_for("the zero-result hint", 20, || {
        let text = eval(&tab, "document.querySelector('.search-status').innerText");
        text.as_str()
            .filter(|t| t.contains("没有找到"))
            .map(str::to_string)
    });
    assert!(status.contains("找到 0 篇文章"), "{status}");
}

/// A site of 2,000 articles over six years and five regions, citing a few documents.
fn large_site(articles: usize) -> tempfile::TempDir {
    let site = example_site();
    let content = site.path().join("content");
    let places = [
        ("北京", "beijing"),
        ("上海", "shanghai"),
        ("重庆", "sichuan-chongqing"),
        ("香港", "hong-kong"),
        ("国家", "national"),
    ];
    let documents = [
        "《知识产权强国建设纲要》",
        "《专利转化运用专项行动方案》",
        "《数据知识产权登记办法》",
    ];
    for i in 0..articles {
        let (place, region) = places[i % places.len()];
        let day = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).expect("date")
            + chrono::Days::new((i * 2191 / articles) as u64);
        let document = documents[i % documents.len()];
        std::fs::write(
            content.join(format!("bulk-{i:05}.md")),
            format!(
                "---\ntitle: {place}知识产权工作动态第{i}期：推进专利转化和保护\ndate: {day}\nregions: {region}\nsource: 知识产权报\n---\n\n\
                 {place}近日召开知识产权工作会议，部署落实{document}，推动专利转化运用和知识产权保护工作取得新进展。\n\n\
                 会议强调，要加强知识产权全链条保护，优化服务，提升治理能力。\n"
            ),
        )
        .expect("write article");
    }
    site
}

/// Lists at scale: a region's timeline is a page a reader can finish, more so in the
/// headline-only view; on a phone the home page leads with the latest articles.
/// Screenshots of each kind of page at both widths go to target/screenshots/.
fn lists_at_2000_articles_on_a_desktop_and_a_phone() {
    let site = large_site(2000);
    let server = Server::start(site.path(), &[]);
    for width in [1280u32, 390] {
        let browser = browser(width, 900);
        let tab = tab_of_width(&browser, width);
        let height = |tab: &Tab| -> f64 {
            eval(tab, "document.documentElement.scrollHeight")
                .as_f64()
                .unwrap_or(0.0)
        };
        let timeline = format!("{}regions/beijing.html", server.url);
        open(&tab, &timeline);
        let entries = eval(&tab, "document.querySelectorAll('main .entry').length");
        assert!(
            entries.as_u64() <= Some(100),
            "{width}px: {entries} entries on the first page"
        );
        let full = height(&tab);
        screenshot(&tab, &format!("timeline-2000-{width}"));
        // The same page, its #compact anchor targeted (as the toggle link does).
        eval(&tab, "location.hash = 'compact'");
        std::thread::sleep(std::time::Duration::from_millis(300));
        let compact = height(&tab);
        screenshot(&tab, &format!("timeline-2000-compact-{width}"));
        eprintln!(
            "{width}px: timeline {entries} entries, {full} px in full, {compact} px headline-only"
        );
        assert!(
            compact < full * 0.6,
            "{width}px: the headline-only view is much shorter ({compact} against {full})"
        );
        let summaries_shown = eval(
            &tab,
            "[...document.querySelectorAll('.entry-summary')].some(e => e.offsetParent !== null)",
        );
        assert_eq!(
            summaries_shown, false,
            "{width}px: no summaries in the compact view"
        );
        // The year links are at the end too.
        let links_at_end = eval(&tab, "document.querySelectorAll('main .year-pages').length");
        assert!(
            links_at_end.as_u64() >= Some(2),
            "{width}px: year links above and below"
        );

        open(&tab, &server.url);
        let (latest, grid) = (
            eval(
                &tab,
                "document.querySelector('.latest').getBoundingClientRect().top",
            ),
            eval(
                &tab,
                "document.querySelector('.region-grid').getBoundingClientRect().top",
            ),
        );
        let (latest, grid) = (latest.as_f64().unwrap_or(0.0), grid.as_f64().unwrap_or(0.0));
        if width == 390 {
            assert!(
                latest < grid,
                "on a phone the latest articles come first ({latest} < {grid})"
            );
        } else {
            assert!(grid < latest, "on a desktop the regions come first");
        }
        screenshot(&tab, &format!("home-2000-{width}"));
        for (page, name) in [
            ("compare.html", "compare"),
            ("policies.html", "policies"),
            (
                &format!("search.html?q={}", percent("专利转化")) as &str,
                "search",
            ),
        ] {
            open(&tab, &format!("{}{page}", server.url));
            std::thread::sleep(std::time::Duration::from_millis(500));
            screenshot(&tab, &format!("{name}-2000-{width}"));
        }
        let first_article = eval(
            &tab,
            "document.querySelector('.search-result a') && document.querySelector('.search-result a').href",
        );
        if let Some(href) = first_article.as_str() {
            open(&tab, href);
            screenshot(&tab, &format!("article-2000-{width}"));
        }
        open(&tab, &format!("{}policies.html", server.url));
        let policy_href = eval(&tab, "document.querySelector('.policy-list a').href");
        if let Some(href) = policy_href.as_str() {
            open(&tab, href);
            screenshot(&tab, &format!("policy-2000-{width}"));
        }
    }
}
