//! Whole-build tests: the example site built into a temporary directory, through the
//! library and through the `digest` binary.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use digest::{BuildOptions, build};

mod common;
use common::{example_site, read};

fn digest(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(args)
        .output()
        .expect("run digest")
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect()
}

/// Every relative href/src of every page resolves to a file of the output.
fn assert_internal_links_resolve(out: &Path) {
    let selector = scraper::Selector::parse("[href], [src]").expect("selector");
    for page in html_files(out) {
        if page.ends_with("404.html") {
            continue; // its links start from the base path, checked separately
        }
        let doc = scraper::Html::parse_document(&read(&page));
        for el in doc.select(&selector) {
            let target = el
                .value()
                .attr("href")
                .or(el.value().attr("src"))
                .unwrap_or("");
            if target.starts_with("http")
                || target.starts_with('#')
                || target.starts_with("mailto:")
            {
                continue;
            }
            let target = target.split('#').next().unwrap_or("");
            let resolved = page.parent().expect("page dir").join(target);
            let resolved = if target.ends_with('/') || target.is_empty() {
                resolved.join("index.html")
            } else {
                resolved
            };
            assert!(
                resolved.is_file(),
                "{}: broken link {target}",
                page.display()
            );
        }
    }
}

#[test]
fn example_site_builds_with_every_page() {
    let site = example_site();
    let out = site.path().join("public");
    let report = build(&BuildOptions::new(site.path())).expect("builds");
    assert_eq!(report.articles, 5);

    for page in [
        "index.html",
        "404.html",
        "style.css",
        "syntax.css",
        "data/articles.json",
    ] {
        assert!(out.join(page).is_file(), "{page} missing");
    }
    for region in [
        "beijing",
        "shanghai",
        "sichuan-chongqing",
        "hong-kong",
        "national",
    ] {
        assert!(
            out.join(format!("regions/{region}.html")).is_file(),
            "{region} timeline"
        );
    }
    assert_eq!(html_files(&out.join("articles")).len(), 5);
    assert_eq!(html_files(&out.join("zh-hant/articles")).len(), 5);
    for page in html_files(&out) {
        let text = read(&page);
        let lang = if page
            .strip_prefix(&out)
            .is_ok_and(|p| p.starts_with("zh-hant"))
        {
            "<html lang=\"zh-Hant-HK\">"
        } else {
            "<html lang=\"zh-Hans\">"
        };
        assert!(text.contains(lang), "{} lacks {lang}", page.display());
        assert!(
            text.contains("name=\"viewport\""),
            "{} lacks a viewport",
            page.display()
        );
        assert!(
            !text.contains("__digest"),
            "{}: preview code in a published page",
            page.display()
        );
    }
    assert_internal_links_resolve(&out);

    let home = read(&out.join("index.html"));
    for title in [
        "京港加强合作助力知识产权强国建设",
        "上海市与这个国家部委会商签约，要打造“首选地”和“新热土”",
        "川渝知识产权赋能区域高质量发展研讨会在绵举行",
    ] {
        assert!(home.contains(title), "home lacks {title}");
    }

    let beijing = read(&out.join("regions/beijing.html"));
    assert!(beijing.contains("京港加强合作"));
    assert!(beijing.contains("北京市政府与国家知识产权局签订合作会商议定书"));
    assert!(!beijing.contains("上海市与这个国家部委"));
    // Newest first, grouped by year and month.
    let dec = beijing.find("12月").expect("December group");
    let oct = beijing.find("10月").expect("October group");
    assert!(dec < oct, "newest month first");

    // The 404 page links from the base path, so it works at any depth.
    let not_found = read(&out.join("404.html"));
    assert!(
        not_found.contains("href=\"/digest/regions/beijing.html\""),
        "{not_found}"
    );
}

#[test]
fn articles_json_describes_every_article() {
    let site = example_site();
    build(&BuildOptions::new(site.path())).expect("builds");
    let out = site.path().join("public");
    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("data/articles.json"))).expect("valid JSON");
    let records = json.as_array().expect("an array");
    assert_eq!(records.len(), 5);
    let by_input = |name: &str| {
        records
            .iter()
            .find(|r| r["input"] == format!("content/{name}"))
            .unwrap_or_else(|| panic!("{name} missing"))
    };
    let a = by_input("000_11adc87f09ca0c06.txt");
    assert_eq!(a["title"], "京港加强合作助力知识产权强国建设");
    assert_eq!(a["date"], "2021-12-07");
    assert_eq!(a["datetime"], "2021-12-07T21:43:43+08:00");
    assert_eq!(a["regions"], serde_json::json!(["beijing", "hong-kong"]));
    assert_eq!(a["agency"], "新华社");
    let d = by_input("003_29e46c3a256b3124.txt");
    assert_eq!(d["datetime"], serde_json::Value::Null);
    assert_eq!(d["regions"], serde_json::json!(["national"]));
    let mut slugs = BTreeSet::new();
    for r in records {
        let url = r["url"].as_str().expect("url");
        let rel = url
            .strip_prefix("/digest/")
            .expect("url starts with the base path");
        assert!(out.join(rel).is_file(), "{url} does not exist");
        let slug = r["slug"].as_str().expect("slug");
        assert!(
            slug.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        );
        assert!(slugs.insert(slug.to_string()), "duplicate slug {slug}");
    }
}

#[test]
fn article_pages_link_regions_and_neighbours() {
    let site = example_site();
    build(&BuildOptions::new(site.path())).expect("builds");
    let out = site.path().join("public");
    let page = html_files(&out.join("articles"))
        .into_iter()
        .find(|p| read(p).contains("<h1>京港加强合作助力知识产权强国建设</h1>"))
        .expect("the 000 article page");
    let text = read(&page);
    assert!(text.contains("href=\"../regions/beijing.html\""));
    assert!(text.contains("href=\"../regions/hong-kong.html\""));
    // In the Beijing timeline the older neighbour is the 29 Oct article.
    assert!(text.contains("较早：<a rel=\"prev\""));
    assert!(text.contains("北京市政府与国家知识产权局签订合作会商议定书"));
    assert!(text.contains("datetime=\"2021-12-07T21:43:43+08:00\""));
    assert!(text.contains("责任编辑：刘万里"));
}

#[test]
fn slugs_are_stable_across_rebuilds() {
    let site = example_site();
    build(&BuildOptions::new(site.path())).expect("first build");
    let first = read(&site.path().join("public/data/articles.json"));
    build(&BuildOptions::new(site.path())).expect("second build");
    assert_eq!(first, read(&site.path().join("public/data/articles.json")));
}

#[test]
fn cli_builds_and_reports_a_summary() {
    let site = example_site();
    let root = site.path().to_str().expect("utf-8 path");
    let output = digest(&[
        "build",
        "--root",
        root,
        "--base-url",
        "https://org.github.io/sub/",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Built 5 articles"), "{stdout}");
    let json = read(&site.path().join("public/data/articles.json"));
    assert!(
        json.contains("\"url\":\"/sub/articles/"),
        "--base-url applies to this build"
    );
}

#[test]
fn every_bad_file_is_reported_and_the_previous_site_is_kept() {
    let site = example_site();
    let root = site.path().to_str().expect("utf-8 path");
    assert!(digest(&["build", "--root", root]).status.success());
    let before = read(&site.path().join("public/index.html"));

    std::fs::write(
        site.path().join("content/bad-yaml.md"),
        "---\ntitle: 标题\ndate: [2021\n---\n正文\n",
    )
    .expect("write");
    std::fs::write(
        site.path().join("content/unclosed.md"),
        "---\ntitle: 标题\n\n正文\n",
    )
    .expect("write");
    let output = digest(&["build", "--root", root]);
    assert!(!output.status.success(), "a build with bad files fails");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("content/bad-yaml.md:3"), "{stderr}");
    assert!(stderr.contains("content/unclosed.md:1"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
    assert!(stderr.contains("2 errors"), "{stderr}");
    assert_eq!(
        before,
        read(&site.path().join("public/index.html")),
        "previous site untouched"
    );
}

#[test]
fn template_errors_name_the_template_and_line() {
    let site = example_site();
    std::fs::create_dir(site.path().join("templates")).expect("mkdir");
    std::fs::write(
        site.path().join("templates/article.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n{{ article.title \n{% endblock main %}\n",
    )
    .expect("write");
    let output = digest(&["build", "--root", site.path().to_str().expect("path")]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("templates/article.html:"), "{stderr}");
    // Habits from Tera 1 and Jinja: the file, the line and what to change.
    for (template, line, expected) in [
        (
            "{% extends \"base.html\" %}\n{% block main %}\n{{ article.title | date }}\n{% endblock main %}\n",
            3,
            "hint: `date` is not a filter here",
        ),
        (
            "{% extends \"base.html\" %}\n{% block main %}\n{% macro m() %}{% endmacro %}\n{% endblock main %}\n",
            0,
            "or Tera 2 has no such tag: macros became components",
        ),
        (
            "{% extends \"base.html\" %}\n{% block main %}\n{% if article.title %}\nx\n{% endblock main %}\n",
            0,
            "{% endif %}",
        ),
    ] {
        std::fs::write(site.path().join("templates/article.html"), template).expect("write");
        let output = digest(&["build", "--root", site.path().to_str().expect("path")]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success());
        if line > 0 {
            assert!(
                stderr.contains(&format!("templates/article.html:{line}: error:")),
                "{stderr}"
            );
        }
        assert!(stderr.contains(expected), "{stderr}");
    }
}

#[test]
fn user_templates_and_assets_override_the_theme() {
    let site = example_site();
    std::fs::create_dir_all(site.path().join("templates/partials")).expect("mkdir");
    std::fs::create_dir(site.path().join("static")).expect("mkdir");
    std::fs::write(
        site.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<p>自定义的404</p>{% endblock main %}",
    )
    .expect("write");
    std::fs::write(site.path().join("static/style.css"), "body{color:red}").expect("write");
    std::fs::write(site.path().join("static/logo.svg"), "<svg/>").expect("write");
    build(&BuildOptions::new(site.path())).expect("builds");
    let out = site.path().join("public");
    assert!(read(&out.join("404.html")).contains("自定义的404"));
    assert_eq!(read(&out.join("style.css")), "body{color:red}");
    assert!(out.join("logo.svg").is_file());
    assert!(
        out.join("syntax.css").is_file(),
        "built-in assets not overridden stay"
    );
}

#[test]
fn legacy_encodings_and_hand_written_markdown() {
    let site = example_site();
    let big5_page = "知識產權 | 香港知識產權署舉辦研討會\n2024.03.05\n來源:香港政府新聞網\n香港知識產權署今日舉辦研討會,介紹香港知識產權制度。\n";
    let (big5, _, bad) = encoding_rs::BIG5.encode(big5_page);
    assert!(!bad);
    std::fs::write(site.path().join("content/big5.txt"), &big5).expect("write");
    let gbk_page = "当前位置: 首页 > 资讯 > 正文\n上海发布知识产权保护新规\n发布日期:2024-01-10  来源:上海市知识产权局\n上海市知识产权局发布新规，加强上海知识产权保护。\n";
    let (gbk, _, bad) = encoding_rs::GBK.encode(gbk_page);
    assert!(!bad);
    std::fs::write(site.path().join("content/gbk.txt"), &gbk).expect("write");
    std::fs::write(
        site.path().join("content/editor.md"),
        "---\ntitle: 编辑手记：如何阅读规划\ndate: 2024-02-01 09:30\nregions: [national, beijing]\nslug: reading-the-plan\ntags: [规划, 解读]\nsource: 本站\n---\n\n本文介绍《“十四五”国家知识产权保护和运用规划》。\n\n```rust\nfn main() {}\n```\n",
    )
    .expect("write");
    build(&BuildOptions::new(site.path())).expect("builds");
    let json: serde_json::Value =
        serde_json::from_str(&read(&site.path().join("public/data/articles.json"))).expect("json");
    let find = |input: &str| {
        json.as_array()
            .expect("array")
            .iter()
            .find(|r| r["input"] == input)
            .unwrap_or_else(|| panic!("{input} missing"))
            .clone()
    };
    let big5 = find("content/big5.txt");
    assert_eq!(big5["title"], "香港知识产权署举办研讨会");
    assert_eq!(big5["regions"], serde_json::json!(["hong-kong"]));
    let gbk = find("content/gbk.txt");
    assert_eq!(gbk["title"], "上海发布知识产权保护新规");
    assert_eq!(gbk["source"], "上海市知识产权局");
    assert_eq!(gbk["regions"], serde_json::json!(["shanghai"]));
    let md = find("content/editor.md");
    assert_eq!(md["slug"], "reading-the-plan");
    assert_eq!(md["datetime"], "2024-02-01T09:30:00+08:00");
    assert_eq!(md["regions"], serde_json::json!(["beijing", "national"]));
    let page = read(&site.path().join("public/articles/reading-the-plan.html"));
    assert!(page.contains("class=\"hl-"), "fenced code is highlighted");
    assert!(
        page.contains("标签：<a href=\"../tags/gui-hua.html\">规划</a>、<a href=\"../tags/jie-du.html\">解读</a>"),
        "tags link to their pages"
    );
}

#[test]
fn drafts_are_skipped() {
    let site = example_site();
    std::fs::write(
        site.path().join("content/draft.md"),
        "---\ntitle: 草稿\ndate: 2024-01-01\ndraft: true\n---\n未完成。\n",
    )
    .expect("write");
    let report = build(&BuildOptions::new(site.path())).expect("builds");
    assert_eq!(report.articles, 5);
    assert_eq!(report.drafts_skipped, 1);
}

#[test]
fn keep_going_builds_the_rest_and_lists_what_was_skipped() {
    let site = example_site();
    std::fs::write(
        site.path().join("content/broken.md"),
        "---\ntitle: x\ndate: nope\n---\n",
    )
    .expect("write");
    let root = site.path().to_str().expect("utf-8");
    let output = digest(&["build", "--root", root, "--keep-going"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("content/broken.md:3"), "{stderr}");
    assert!(stderr.contains("warning: skipped"), "{stderr}");
    assert!(stderr.contains("1 article file skipped"), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("Built 5 articles"));
    // Without it, the same site fails and writes nothing new.
    let before = read(&site.path().join("public/index.html"));
    let output = digest(&["build", "--root", root]);
    assert!(!output.status.success());
    assert_eq!(before, read(&site.path().join("public/index.html")));
}

/// A build that would publish no article fails and leaves the published site as it was,
/// with `--keep-going` too: every file broken, only drafts, an empty content/.
#[test]
fn a_build_with_no_article_fails_and_keeps_the_published_site() {
    let site = example_site();
    let root = site.path().to_str().expect("utf-8");
    assert!(digest(&["build", "--root", root]).status.success());
    let published = read(&site.path().join("public/index.html"));
    let content = site.path().join("content");
    let originals: Vec<PathBuf> = std::fs::read_dir(&content)
        .expect("content")
        .map(|e| e.expect("entry").path())
        .collect();
    // Every article broken.
    for path in &originals {
        std::fs::write(path, "---\ntitle: x\ndate: nope\n---\n").expect("break");
    }
    let output = digest(&["build", "--root", root, "--keep-going"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "content: error: none of the {} article files could be built",
            originals.len()
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("previous output was left untouched"),
        "{stderr}"
    );
    assert_eq!(published, read(&site.path().join("public/index.html")));
    // Only drafts.
    for path in &originals {
        std::fs::write(
            path,
            "---\ntitle: 草稿\ndate: 2021-01-01\ndraft: true\n---\n正文。\n",
        )
        .expect("draft");
    }
    let output = digest(&["build", "--root", root, "--keep-going"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("every article is a draft"), "{stderr}");
    // Nothing at all.
    for path in &originals {
        std::fs::remove_file(path).expect("remove");
    }
    let output = digest(&["build", "--root", root]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("there is no article to build"), "{stderr}");
    assert_eq!(published, read(&site.path().join("public/index.html")));
}

/// The search index read back as search.js reads it: a token's postings name exactly the
/// articles whose text holds it (in either script), region filters hold the region's
/// articles, and the same site gives the same bytes.
#[test]
fn the_search_index_finds_exactly_the_articles_with_a_token() {
    let site = example_site();
    let root = site.path();
    let out = root.join("public");
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: out.clone(),
        base_url: None,
        check_links: false,
        keep_going: false,
    };
    build(&options).expect("build");
    let json = |path: &str| -> serde_json::Value {
        serde_json::from_str(&read(&out.join("search").join(path))).expect("JSON")
    };
    let meta = json("meta.json");
    let shards = meta["shards"].as_u64().expect("shards") as u32;
    let chunk = meta["chunk"].as_u64().expect("chunk") as usize;
    let slugs: Vec<String> = (0..meta["documents"].as_u64().expect("documents") as usize)
        .map(|doc| {
            json(&format!("docs/{}.json", doc / chunk))[doc % chunk]["s"]
                .as_str()
                .expect("slug")
                .to_string()
        })
        .collect();
    let lookup = |token: &str| -> Vec<String> {
        let shard = json(&format!(
            "shards/{}.json",
            digest::render::search::shard_of(token, shards)
        ));
        let mut doc = 0usize;
        let mut found: Vec<String> = shard[token]
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| {
                doc += v.as_u64().expect("posting") as usize / 8;
                slugs[doc].clone()
            })
            .collect();
        found.sort();
        found
    };
    // Which built article pages hold the text in their headline or body, as a reader sees
    // them (or, for a badge, among its regions).
    let pages_with = |text: &str| -> Vec<String> {
        let mut found: Vec<String> = slugs
            .iter()
            .filter(|slug| {
                let page = read(&out.join(format!("articles/{slug}.html")));
                let between = |from: &str, to: &str| -> String {
                    let start = page.find(from).expect("marker");
                    let end = page[start..].find(to).map_or(page.len(), |e| start + e);
                    page[start..end].to_string()
                };
                let indexed = between("<h1>", "<p class=\"article-meta\"")
                    + &between("<div class=\"article-body\">", "<footer");
                if text.starts_with("badge-") {
                    return between("<p class=\"article-regions\"", "</p>").contains(text);
                }
                indexed.contains(text)
            })
            .cloned()
            .collect();
        found.sort();
        found
    };
    // What a result shows comes from the index, in each edition's script: the headline as
    // the edition's page has it, its date, regions and summary.
    for (docs_dir, pages_dir) in [("docs", ""), ("zh-hant/docs", "zh-hant/")] {
        for (doc, slug) in slugs.iter().enumerate() {
            let entry = &json(&format!("{docs_dir}/{}.json", doc / chunk))[doc % chunk];
            assert_eq!(entry["s"], slug.as_str());
            let page = read(&out.join(format!("{pages_dir}articles/{slug}.html")));
            let title = entry["t"].as_str().expect("title");
            assert!(
                page.contains(&format!("<h1>{title}</h1>")),
                "{pages_dir}{slug}: {title}"
            );
            let date = entry["d"].as_str().expect("date");
            assert!(
                page.contains(&format!(">{date}")),
                "{pages_dir}{slug}: {date}"
            );
            assert!(!entry["x"].as_str().expect("summary").is_empty());
            assert!(entry["r"].as_array().is_some_and(|r| !r.is_empty()));
        }
    }
    let hant = json("zh-hant/docs/0.json");
    assert!(
        hant.as_array()
            .expect("docs")
            .iter()
            .any(|e| e["t"].as_str().unwrap_or("").contains("國")),
        "the Traditional edition's texts are Traditional"
    );
    for token in ["川渝", "朋友", "产权", "申长"] {
        let expected = pages_with(token);
        assert!(!expected.is_empty(), "{token} is in some article");
        assert_eq!(lookup(token), expected, "{token}");
    }
    assert!(lookup("无此词").is_empty());
    assert_eq!(meta["regions"]["上海"], "~shanghai");
    assert_eq!(lookup("~shanghai"), pages_with("badge-shanghai"));

    let before: Vec<(String, String)> = walk(&out.join("search"));
    build(&options).expect("rebuild");
    assert_eq!(
        walk(&out.join("search")),
        before,
        "the same site, the same index"
    );
}

fn walk(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().display().to_string(), read(e.path())))
        .collect();
    files.sort();
    files
}

/// A list longer than 100 entries over several years gets a page per year: its own page
/// shows the first 100 and links to every year, each year page lists exactly that year's
/// entries, and every link of the site resolves.
#[test]
fn long_lists_are_split_by_year() {
    let site = example_site();
    let root = site.path();
    let years = [(2019, 30), (2020, 50), (2021, 45)];
    let mut n = 0;
    for (year, count) in years {
        for _ in 0..count {
            std::fs::write(
                root.join(format!("content/split-{n:03}.md")),
                format!(
                    "---\ntitle: 年份分页{n:03}\ndate: {year}-{:02}-{:02}\ntags: [年份分页]\n---\n\n正文{n}。\n",
                    n % 12 + 1,
                    n % 28 + 1
                ),
            )
            .expect("write");
            n += 1;
        }
    }
    let out = root.join("public");
    build(&BuildOptions {
        root: root.to_path_buf(),
        output: out.clone(),
        base_url: None,
        check_links: true,
        keep_going: false,
    })
    .expect("build with every link checked");
    // Entries are the headlines 年份分页000…; the tag itself is 年份分页.
    let headline = regex::Regex::new("年份分页[0-9]{3}").expect("regex");
    let entries = |page: &str| headline.find_iter(page).count();
    let main = read(&out.join("tags/nian-fen-fen-ye.html"));
    assert_eq!(entries(&main), 100, "the first 100 entries");
    let own = 0;
    for (year, count) in years {
        let link = format!("nian-fen-fen-ye/{year}.html");
        assert!(main.contains(&link), "{link} linked from the list");
        let page = read(&out.join(format!("tags/{link}")));
        assert_eq!(entries(&page) - own, count, "{year}");
        assert!(
            page.contains(&format!("{year}年")),
            "{year} in the headline"
        );
        assert!(
            page.contains(&format!("共 {count} 篇，按时间倒序")),
            "{year}: the year's own count, not the list's"
        );
        let national = read(&out.join(format!("regions/national/{year}.html")));
        // Sample 003 (2021) is national too.
        let national_count = count + usize::from(year == 2021);
        assert!(
            national.contains(&format!("共 {national_count} 篇，按时间倒序")),
            "{year}: a timeline's year page counts its year"
        );
    }
    assert!(
        main.contains("共 125 篇，按时间倒序"),
        "the list's page counts the whole list"
    );
    // The year links come again after the list, for a reader at its end.
    let after_entries = &main[main.rfind("年份分页").expect("entries")..];
    assert!(after_entries.contains("nian-fen-fen-ye/2019.html"));
    // Newest first: the list's own page holds all 45 of 2021, 50 of 2020 and 5 of 2019.
    let dated = |year: i32| main.matches(&format!("datetime=\"{year}-")).count();
    assert_eq!((dated(2021), dated(2020), dated(2019)), (45, 50, 5));
    assert!(main.find("datetime=\"2021-") < main.find("datetime=\"2020-"));
    // The articles have no region, so National is split too, and the comparison view
    // links each month to the page that has it (checked above with every other link).
    let compare = read(&out.join("compare.html"));
    assert!(
        regex::Regex::new(r"regions/national/(20\d\d)\.html#y(20\d\d)m")
            .expect("regex")
            .captures_iter(&compare)
            .any(|c| c[1] == c[2]),
        "a month's +more link leads to its year page"
    );
    // The Traditional edition has the same pages.
    assert!(out.join("zh-hant/tags/nian-fen-fen-ye/2020.html").is_file());
}

/// `build -v` reports the wall time of each phase and the time of each pipeline stage summed
/// over threads, with script conversion apart (the example site has a Traditional edition
/// and Traditional-script sources, so conversion takes time).
#[test]
fn verbose_build_reports_every_stage() {
    let site = example_site();
    let root = site.path().to_str().expect("utf-8 path");
    let output = digest(&["build", "--root", root, "-v"]);
    assert!(output.status.success());
    let out = String::from_utf8_lossy(&output.stdout);
    let time_of = |stage: &str| -> f64 {
        out.lines()
            .find(|l| l.trim_start().starts_with(&format!("{stage} ")))
            .and_then(|l| l.trim_end().strip_suffix(" ms"))
            .and_then(|l| l.rsplit(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no time for {stage} in:\n{out}"))
    };
    // Every stage did some work on five articles and ~120 files.
    for stage in [
        "load",
        "extract",
        "clean",
        "convert (OpenCC)",
        "classify",
        "render",
        "write",
        "load+extract+clean+classify",
        "render+write",
    ] {
        assert!(time_of(stage) > 0.0, "{stage}: {out}");
    }
}

#[test]
fn an_undated_article_is_built_dated_by_its_file_and_named() {
    let site = example_site();
    let root = site.path().to_str().expect("utf-8 path");
    std::fs::write(
        site.path().join("content/no-date.md"),
        "---\ntitle: 没有日期的文章\n---\n北京知识产权保护的正文。\n",
    )
    .expect("write");
    let output = digest(&["build", "--root", root]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("content/no-date.md"), "{stderr}");
    assert!(stderr.contains("no publication date found"), "{stderr}");
    let json = read(&site.path().join("public/data/articles.json"));
    let line = json
        .lines()
        .find(|l| l.contains("no-date.md"))
        .expect("the undated article is listed");
    assert!(line.contains("\"date_source\":\"file\""), "{line}");
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Shanghai)
        .date_naive();
    let dated = [today, today.pred_opt().expect("yesterday")]
        .iter()
        .any(|d| line.contains(&format!("\"date\":\"{d}\"")));
    assert!(dated, "dated by the file's modification time: {line}");

    let check = digest(&["check", "--root", root]);
    let out = String::from_utf8_lossy(&check.stdout).to_string()
        + &String::from_utf8_lossy(&check.stderr);
    assert!(
        out.contains("no-date.md") && out.contains("no publication date found"),
        "{out}"
    );
}

/// Every file a build writes is either a page or data file of the address space
/// (`digest::route`), in the main edition or under the second edition's folder, or a static
/// asset; and every kind of page the example site has shows up.
#[test]
fn every_output_file_has_its_place_in_the_address_space() {
    use digest::route::Kind;
    let site = example_site();
    let out = site.path().join("public");
    build(&BuildOptions::new(site.path())).expect("builds");
    let statics: BTreeSet<String> = [
        "style.css",
        "syntax.css",
        "search.js",
        "cite.js",
        "feed.xsl",
        ".nojekyll",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut kinds = std::collections::HashSet::new();
    for path in common::built_files(&out) {
        let (within, second) = match path.strip_prefix("zh-hant/") {
            Some(rest) => (rest.to_string(), true),
            None => (path.clone(), false),
        };
        match Kind::of_path(&within) {
            Some(kind) => {
                assert!(
                    !second || kind.has_editions(),
                    "{path}: not a page of editions"
                );
                kinds.insert(kind);
            }
            None => assert!(statics.contains(&path), "{path} has no place"),
        }
    }
    // Every kind but the year pages of long lists, which five articles do not make.
    for kind in Kind::ALL.into_iter().filter(|k| *k != Kind::ListYear) {
        assert!(kinds.contains(&kind), "no {kind:?} page built");
    }
}

/// `.digestignore` files (gitignore syntax) keep files out of the site, in their folder and
/// below; a pattern digest cannot read is reported with its file and line.
#[test]
fn digestignore_files_keep_files_out() {
    let site = example_site();
    let content = site.path().join("content");
    let article =
        |title: &str| format!("---\ntitle: {title}\ndate: 2021-03-01\n---\n北京知识产权。\n");
    std::fs::write(
        content.join(".digestignore"),
        "# not articles\nscratch/\n*.xml\n",
    )
    .expect("write");
    std::fs::create_dir_all(content.join("scratch")).expect("mkdir");
    std::fs::write(content.join("scratch/a.md"), "not an article at all").expect("write");
    std::fs::write(content.join("feed.xml"), "<rss>").expect("write");
    std::fs::create_dir_all(content.join("sub")).expect("mkdir");
    std::fs::write(content.join("sub/.digestignore"), "x.md\n").expect("write");
    std::fs::write(content.join("sub/x.md"), "no front matter, no headline").expect("write");
    std::fs::write(content.join("sub/y.md"), article("子目录里的文章")).expect("write");
    let report = build(&BuildOptions::new(site.path())).expect("builds");
    assert_eq!(report.articles, 6, "five samples and sub/y.md");

    std::fs::write(
        content.join(".digestignore"),
        "scratch/\n*.xml\n{unclosed\n",
    )
    .expect("write");
    let problems = build(&BuildOptions::new(site.path())).expect_err("a bad pattern");
    assert!(
        problems
            .iter()
            .any(|d| d.file.ends_with("content/.digestignore") && d.line == Some(3)),
        "{problems:?}"
    );
}

/// Copies the site's sources (not its output), as a fresh clone on a CI runner has them.
fn fresh_clone(site: &Path) -> tempfile::TempDir {
    let clone = tempfile::tempdir().expect("tempdir");
    for entry in walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
    {
        let relative = entry.path().strip_prefix(site).expect("under the site");
        if relative.starts_with("public") || relative.as_os_str().is_empty() {
            continue;
        }
        let to = clone.path().join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &to).expect("copy");
        }
    }
    clone
}

#[test]
fn addresses_survive_corrections_and_fresh_clones_and_moves_redirect() {
    let site = example_site();
    let root = site.path();
    let sample = root.join("content/003_29e46c3a256b3124.txt");
    let address = "articles/2021-11-01-zhong-guo-zhi-shi-chan-quan-guo-ji-he-zuo-jiang-zhu.html";
    build(&BuildOptions::new(root)).expect("builds");
    let feed_id = |root: &Path| {
        let file = std::fs::File::open(root.join("public/feed.xml")).expect("feed");
        let feed = atom_syndication::Feed::read_from(std::io::BufReader::new(file)).expect("Atom");
        feed.entries()
            .iter()
            .find(|e| e.title().as_str().starts_with("中国知识产权国际合作"))
            .map(|e| e.id().to_string())
            .expect("the entry")
    };
    let id = feed_id(root);
    assert!(id.ends_with(address), "{id}");

    // The editor corrects the headline and the date (front matter over the scraped page),
    // then the site is built from a fresh clone: the address stays.
    let text = read(&sample);
    std::fs::write(
        &sample,
        format!("---\ntitle: 中国知识产权国际合作主动参与全球治理\ndate: 2021-11-02\n---\n{text}"),
    )
    .expect("write");
    let clone = fresh_clone(root);
    assert!(!clone.path().join("public").exists());
    build(&BuildOptions::new(clone.path())).expect("builds");
    let page = read(&clone.path().join("public").join(address));
    assert!(page.contains("<h1>中国知识产权国际合作主动参与全球治理</h1>"));
    assert_eq!(feed_id(clone.path()), id);

    // A new explicit slug moves it; the old address sends readers on, the feed id stays.
    let corrected = read(&sample);
    std::fs::write(
        &sample,
        corrected.replacen("---\ntitle:", "---\nslug: global-governance\ntitle:", 1),
    )
    .expect("write");
    let report = build(&BuildOptions::new(root)).expect("builds");
    assert_eq!(report.addresses_recorded, 1);
    let moved = read(&root.join("public/articles/global-governance.html"));
    assert!(moved.contains("<h1>中国知识产权国际合作主动参与全球治理</h1>"));
    let old = read(&root.join("public").join(address));
    assert!(old.contains("http-equiv=\"refresh\" content=\"0; url=global-governance.html\""));
    assert!(old.contains(
        "rel=\"canonical\" href=\"https://example.github.io/digest/articles/global-governance.html\""
    ));
    assert_eq!(feed_id(root), id, "feed entry ids never change");
    assert!(
        read(&root.join("public/zh-hant").join(address)).contains("url=global-governance.html"),
        "the other edition redirects too"
    );
    assert!(
        !read(&root.join("public/sitemap.xml")).contains(address),
        "redirects are not listed for crawlers"
    );
    let recorded = read(&root.join("addresses.toml"));
    assert!(recorded.contains(
        "{ slug = \"global-governance\", aliases = [\"2021-11-01-zhong-guo-zhi-shi-chan-quan-guo-ji-he-zuo-jiang-zhu\"] }"
    ));
    assert_internal_links_resolve(&root.join("public"));
}
