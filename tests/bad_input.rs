//! Hostile and broken input, through the `digest` binary: every problem reported with its
//! file, line and a hint, all in one run; a failed build leaves the previous site alone;
//! `--keep-going` builds the rest; nothing scriptable from content reaches any output page;
//! nothing is written outside the output directory and nothing under content/ changes.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{example_site, read};

fn digest(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("run digest")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The example site without the search index (not under test here).
fn site() -> tempfile::TempDir {
    let site = example_site();
    let toml = site.path().join("site.toml");
    let text = std::fs::read_to_string(&toml).expect("read site.toml");
    let text = text.replace("search = true", "");
    std::fs::write(&toml, format!("search = false\n{text}")).expect("write site.toml");
    site
}

/// Every file under `dir` (relative path → bytes); symlinks recorded as their target.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("inside").to_path_buf();
            let bytes = if e.path_is_symlink() {
                std::fs::read_link(e.path())
                    .map(|t| t.to_string_lossy().into_owned().into_bytes())
                    .unwrap_or_default()
            } else {
                std::fs::read(e.path()).unwrap_or_default()
            };
            (rel, bytes)
        })
        .collect()
}

fn write(site: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(site.join("content").join(name), bytes).expect("write fixture");
}

/// (file, line if the problem has one, words the message must contain)
const BROKEN: &[(&str, &str, Option<usize>, &str)] = &[
    (
        "malformed.md",
        "---\ntitle: [unclosed\ndate: 2021-01-01\n---\n正文\n",
        Some(3),
        "invalid front matter",
    ),
    (
        "unterminated.md",
        "---\ntitle: 没有结尾\n\n正文\n",
        Some(1),
        "never closed",
    ),
    (
        "date-yesterday.md",
        "---\ntitle: 日期\ndate: yesterday\n---\n正文\n",
        Some(3),
        "as a date",
    ),
    (
        "regions-number.md",
        "---\ntitle: 地区\ndate: 2021-01-01\nregions: 5\n---\n正文\n",
        Some(4),
        "regions must be region ids",
    ),
    (
        "region-unknown.md",
        "---\ntitle: 地区\ndate: 2021-01-01\nregions: [mars]\n---\n正文\n",
        Some(4),
        "unknown region id \"mars\"",
    ),
    ("empty.md", "", None, "empty"),
    ("blank.md", "  \n\n\t \r\n", None, "empty"),
];

#[test]
fn every_problem_is_reported_in_one_run_and_the_previous_site_survives() {
    let site = site();
    let root = site.path();
    let first = digest(root, &["build"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let published = snapshot(&root.join("public"));

    for (name, text, _, _) in BROKEN {
        write(root, name, text);
    }
    // A binary file with an article's name, a link to nothing, a link loop.
    let mut binary = vec![0u8; 4096];
    for (i, b) in binary.iter_mut().enumerate() {
        *b = (i * 7 % 256) as u8;
    }
    write(root, "binary.md", &binary);
    std::os::unix::fs::symlink("nowhere.md", root.join("content/dangling.md")).expect("link");
    std::os::unix::fs::symlink("..", root.join("content/site")).expect("link up");
    std::os::unix::fs::symlink("/etc/passwd", root.join("content/secret.md")).expect("link");
    std::fs::create_dir(root.join("content/sub")).expect("mkdir");
    std::os::unix::fs::symlink("..", root.join("content/sub/loop")).expect("loop");
    let content = snapshot(&root.join("content"));

    let out = digest(root, &["build"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "a build with errors fails");
    for (name, _, line, words) in BROKEN {
        let location = match line {
            Some(line) => format!("content/{name}:{line}"),
            None => format!("content/{name}: error"),
        };
        let report = err
            .lines()
            .find(|l| l.starts_with(&location))
            .unwrap_or_else(|| panic!("no report at {location} in:\n{err}"));
        assert!(report.contains(words), "{report:?} should say {words:?}");
    }
    for (name, words) in [
        ("binary.md", "binary file"),
        ("dangling.md", "symbolic link to nothing"),
        ("site", "symbolic link out of content/"),
        ("secret.md", "symbolic link out of content/"),
        ("sub/loop", "symbolic link loop"),
    ] {
        assert!(
            err.contains(&format!("content/{name}: error: ")) && err.contains(words),
            "{name} reported as {words:?}:\n{err}"
        );
    }
    assert!(
        !err.contains("root:"),
        "nothing of /etc/passwd is read:\n{err}"
    );
    let errors = err.lines().filter(|l| l.contains(": error: ")).count();
    let hints = err
        .lines()
        .filter(|l| l.trim_start().starts_with("hint: "))
        .count();
    assert_eq!(errors, BROKEN.len() + 5, "one report per bad file:\n{err}");
    assert_eq!(hints, errors, "every report has a hint:\n{err}");
    assert!(
        err.contains("the previous output was left untouched"),
        "{err}"
    );
    assert_eq!(
        snapshot(&root.join("public")),
        published,
        "the previous site is untouched"
    );
    assert_eq!(
        snapshot(&root.join("content")),
        content,
        "content is not modified"
    );

    // --keep-going builds the five good articles and lists the skipped files.
    let kept = digest(root, &["build", "--keep-going"]);
    let err = stderr(&kept);
    assert!(kept.status.success(), "{err}");
    for (name, _, _, _) in BROKEN {
        assert!(
            err.contains(&format!("content/{name}")),
            "{name} listed:\n{err}"
        );
    }
    let pages = std::fs::read_dir(root.join("public/articles"))
        .expect("articles")
        .count();
    assert_eq!(pages, 5, "the good articles are built");
    assert_eq!(snapshot(&root.join("content")), content);
}

#[test]
fn a_broken_template_or_missing_content_is_named_and_nothing_is_written() {
    let site = site();
    let root = site.path();
    assert!(digest(root, &["build"]).status.success());
    let published = snapshot(&root.join("public"));

    std::fs::create_dir_all(root.join("templates")).expect("mkdir");
    std::fs::write(
        root.join("templates/article.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n{{ article.title \n{% endblock main %}\n",
    )
    .expect("template");
    let out = digest(root, &["build"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains("templates/article.html:"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert_eq!(snapshot(&root.join("public")), published);
    std::fs::remove_dir_all(root.join("templates")).expect("rm");

    std::fs::rename(root.join("content"), root.join("elsewhere")).expect("move");
    let out = digest(root, &["build"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(err.starts_with("content: error"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert_eq!(snapshot(&root.join("public")), published);
}

/// What a build must never publish, whatever the content says.
const PAYLOADS: &str = r#"<p>正文一 <script>alert(1)</script></p>
<p><img src="x" onerror="alert(2)"> <img src="javascript:alert(3)"></p>
<p><a href="javascript:alert(4)">甲</a> <a href=" JaVaScRiPt:alert(5)">乙</a>
<a href="&#106;avascript:alert(6)">丙</a> <a href="data:text/html,<script>alert(7)</script>">丁</a>
<a href="vbscript:msgbox(8)">戊</a></p>
<iframe src="https://evil.example/"></iframe>
<svg onload="alert(9)"><circle r="1"/></svg>
<p style="width: expression(alert(10))">己</p>
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<object data="x.swf"></object><embed src="x.swf">
<form action="javascript:alert(11)"><button formaction="javascript:alert(12)">庚</button></form>
<base href="https://evil.example/">
<math><mtext><table><mglyph><style><img src=x onerror=alert(13)></style></mglyph></table></mtext></math>
<p>知识产权保护 北京</p>
"#;

fn assert_inert(page: &Path, html: &str) {
    // Only digest's own search script may appear, by URL, with no inline code.
    let found = digest::check::inert::scriptable(html, &["search.js", "cite.js"]);
    assert!(found.is_empty(), "{}: {found:?}", page.display());
}

#[test]
fn nothing_scriptable_from_content_reaches_any_output_page() {
    let site = site();
    let root = site.path();
    write(
        root,
        "xss-html.md",
        format!(
            "---\ntitle: \"<b>粗体</b><script>alert(0)</script>标题\"\ndate: 2021-01-01\n\
             summary: \"<img src=x onerror=alert(1)>摘要\"\nsource: \"<script>alert(2)</script>来源\"\n\
             tags: [\"<svg onload=alert(3)>\", 正常标签]\nimage: \"javascript:alert(4)\"\n---\n{PAYLOADS}"
        ),
    );
    write(
        root,
        "xss-markdown.md",
        "---\ntitle: Markdown 攻击\ndate: 2021-01-02\n---\n\n\
         [链接](javascript:alert(1)) ![图](javascript:alert(2)) <script>alert(3)</script>\n\n\
         <a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==\">数据</a> 北京知识产权\n",
    );
    write(
        root,
        "xss-scraped.txt",
        "刮取頁面<script>alert(1)</script>標題\n2021.01.03\n來源:某網站<iframe src=x>\n\
         <img src=x onerror=alert(2)> 北京知識產權保護 javascript:alert(3)\n",
    );
    let out = digest(root, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let public = root.join("public");
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let text = match ext {
            "html" => std::fs::read_to_string(path).expect("read page"),
            // Feeds carry article HTML escaped inside <content type="html">: check that
            // HTML too. (Summaries are type text: shown as text by feed readers.)
            "xml" => {
                let xml = std::fs::read_to_string(path).expect("read feed");
                let doc = scraper::Html::parse_document(&xml);
                let content = scraper::Selector::parse("content[type=html]").expect("sel");
                doc.select(&content)
                    .map(|c| c.text().collect::<String>())
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            _ => continue,
        };
        assert_inert(path, &text);
        pages += 1;
    }
    assert!(pages > 30, "checked {pages} pages and feeds");

    // The headline with markup is shown as text, in both editions.
    let h1 = scraper::Selector::parse("h1").expect("sel");
    let title = std::fs::read_dir(public.join("articles"))
        .expect("articles")
        .filter_map(Result::ok)
        .map(|e| std::fs::read_to_string(e.path()).expect("read"))
        .filter_map(|page| {
            let doc = scraper::Html::parse_document(&page);
            let title: String = doc.select(&h1).next()?.text().collect();
            title.contains("粗体").then_some(title)
        })
        .next()
        .expect("the hostile article's page");
    assert!(
        title.contains("<b>粗体</b>"),
        "markup in a headline is shown as text: {title:?}"
    );
}

#[test]
fn slugs_cannot_escape_the_output_and_duplicates_get_their_own_pages() {
    // The site sits alone in a folder of its own, so that "nothing written beside it" is
    // not disturbed by other tests' temporary folders.
    let site = site();
    let outer = tempfile::tempdir().expect("temp dir");
    let root = &outer.path().join("site");
    std::fs::rename(site.path(), root).expect("move the site");
    for (i, slug) in ["../../x", "/etc/passwd", "C:\\\\Windows\\\\x"]
        .iter()
        .enumerate()
    {
        write(
            root,
            &format!("slug-{i}.md"),
            format!(
                "---\ntitle: 路径{i}\ndate: 2021-02-0{}\nslug: \"{slug}\"\n---\n北京知识产权\n",
                i + 1
            ),
        );
    }
    // The same headline on the same day: derived slugs collide and are numbered.
    for i in 0..2 {
        write(
            root,
            &format!("same-{i}.md"),
            "---\ntitle: 同名\ndate: 2021-02-09\n---\n北京知识产权\n",
        );
    }
    let parent = root.parent().expect("parent");
    let outside = |root: &Path| -> Vec<PathBuf> {
        walkdir::WalkDir::new(parent)
            .max_depth(2)
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .filter(|p| !p.starts_with(root))
            .collect()
    };
    let before = outside(root);
    let content = snapshot(&root.join("content"));
    let out = digest(root, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(outside(root), before, "nothing written beside the site");
    assert_eq!(snapshot(&root.join("content")), content);
    let articles: Vec<String> = std::fs::read_dir(root.join("public/articles"))
        .expect("articles")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        articles.len(),
        10,
        "5 samples, 3 odd slugs, 2 namesakes: {articles:?}"
    );
    for name in &articles {
        assert!(
            !name.contains("..") && !name.contains('\\') && !name.contains(':'),
            "{name}"
        );
    }
    let same = articles.iter().filter(|n| n.contains("tong-ming")).count();
    assert_eq!(same, 2, "colliding slugs get distinct pages: {articles:?}");

    // Two articles asking for the same slug: both are published, the second at an address
    // of its own, with a warning naming both files.
    for i in 0..2 {
        write(
            root,
            &format!("claim-{i}.md"),
            format!("---\ntitle: 认领{i}\ndate: 2021-02-10\nslug: mine\n---\n北京知识产权\n"),
        );
    }
    let out = digest(root, &["build"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning")
            && err.contains("content/claim-1.md")
            && err.contains("content/claim-0.md")
            && err.contains("hint:"),
        "{err}"
    );
    let mine = read(&root.join("public/articles/mine.html"));
    let second = read(&root.join("public/articles/mine-2.html"));
    assert!(
        mine.contains("<h1>认领0</h1>"),
        "the first in path order keeps it"
    );
    assert!(
        second.contains("<h1>认领1</h1>"),
        "no article overwrites another"
    );
}

#[test]
fn encodings_line_endings_and_huge_inputs_are_read() {
    let site = site();
    let root = site.path();
    let article =
        "---\ntitle: 编码测试{n}\ndate: 2021-03-0{n}\n---\n\n北京知识产权保护中心发布新规。\n";
    let text = |n: u32| article.replace("{n}", &n.to_string());
    write(root, "gbk.md", encoding_rs::GBK.encode(&text(1)).0);
    let traditional =
        "---\ntitle: 編碼測試2\ndate: 2021-03-02\n---\n\n北京知識產權保護中心發布新規。\n";
    write(root, "big5.md", encoding_rs::BIG5.encode(traditional).0);
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(text(3).encode_utf16().flat_map(u16::to_le_bytes));
    write(root, "utf16.md", utf16);
    let mut invalid = text(4).into_bytes();
    let at = invalid.len() - 4;
    invalid.splice(at..at, [0xff, 0xfe, 0x80]);
    write(root, "invalid.md", invalid);
    write(root, "crlf.md", text(5).replace('\n', "\r\n"));
    write(root, "cr.md", text(6).replace('\n', "\r"));
    // 100,000 nested elements and a 20 MB article.
    let deep = format!(
        "---\ntitle: 编码测试7\ndate: 2021-03-07\n---\n{}深层正文{}\n",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    write(root, "deep.md", deep);
    let paragraph = "知识产权保护工作取得新进展，各地积极推进改革创新。".repeat(40);
    let mut huge = String::from("---\ntitle: 编码测试8\ndate: 2021-03-08\n---\n");
    while huge.len() < 20_000_000 {
        huge.push_str(&paragraph);
        huge.push_str("\n\n");
    }
    write(root, "huge.md", huge);

    let out = digest(root, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages: Vec<String> = std::fs::read_dir(root.join("public/articles"))
        .expect("articles")
        .filter_map(Result::ok)
        .filter(|e| e.metadata().is_ok_and(|m| m.len() < 1_000_000))
        .map(|e| std::fs::read_to_string(e.path()).expect("read"))
        .collect();
    for n in 1..=7 {
        let title = format!("编码测试{n}");
        let page = pages
            .iter()
            .find(|p| p.contains(&format!("<h1>{title}")) || p.contains(&format!(">{title}</h1>")))
            .unwrap_or_else(|| panic!("no page titled {title}"));
        let expected = if n == 7 {
            "深层正文"
        } else {
            "北京知识产权保护中心"
        };
        assert!(page.contains(expected), "{title}: body decoded");
    }
    assert!(
        std::fs::read_dir(root.join("public/articles"))
            .expect("articles")
            .filter_map(Result::ok)
            .any(|e| e.metadata().is_ok_and(|m| m.len() > 19_000_000)),
        "the 20 MB article is published whole"
    );

    // `digest check` points at the undecodable bytes and the future date.
    write(
        root,
        "future.md",
        "---\ntitle: 未来\ndate: 2099-01-01\n---\n北京知识产权\n",
    );
    let check = digest(root, &["check"]);
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "warnings alone do not fail: {report}"
    );
    assert!(
        report.contains("content/invalid.md:6: warning: undecodable bytes"),
        "{report}"
    );
    assert!(
        report.contains("content/future.md:3: warning: dated in the future"),
        "{report}"
    );
    let strict = digest(root, &["check", "--deny-warnings", "--format", "json"]);
    assert!(
        !strict.status.success(),
        "--deny-warnings fails on warnings"
    );
    let json: serde_json::Value = serde_json::from_slice(&strict.stdout).expect("JSON report");
    assert!(json["warnings"].as_u64().unwrap_or(0) >= 2, "{json}");
    assert!(
        json["problems"]
            .as_array()
            .expect("problems")
            .iter()
            .any(|p| p["file"] == "content/future.md" && p["line"] == 3 && p["hint"].is_string())
    );
}

#[test]
fn check_finds_duplicates_leftovers_and_broken_links_without_writing() {
    let site = site();
    let root = site.path();
    let story = "新华社北京3月1日电 北京市知识产权局今日发布知识产权保护条例实施细则，\
                 进一步加强对创新主体的保护，优化营商环境，推动首都高质量发展。";
    write(
        root,
        "portal-a.md",
        format!("---\ntitle: 北京发布知识产权保护细则\ndate: 2022-03-01\n---\n{story}\n"),
    );
    write(
        root,
        "portal-b.md",
        format!("---\ntitle: 北京知识产权保护新规出台\ndate: 2022-03-01\n---\n{story}\n"),
    );
    write(
        root,
        "leftovers.md",
        "---\ntitle: 北京残留\ndate: 2022-03-02\n---\n\n北京知(chǎn)识产权工作会议召开。\n\n\
         分享到：微信 微博 北京\n\n[相关](https://example.github.io/digest/articles/no-such-page.html)\n",
    );
    write(
        root,
        "unplaced.md",
        "---\ntitle: 学者研讨数据要素\ndate: 2022-03-03\n---\n学者讨论数据要素的确权问题。\n",
    );
    let out = digest(root, &["check"]);
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "a broken link is an error: {report}");
    assert!(
        report
            .contains("content/portal-a.md: warning: likely the same story as content/portal-b.md"),
        "{report}"
    );
    assert!(
        report.contains("content/leftovers.md:6: warning: pinyin left in the text: 知(chǎn)"),
        "{report}"
    );
    assert!(
        report.contains("content/leftovers.md: warning: page chrome left in the text"),
        "{report}"
    );
    assert!(
        report.contains("content/leftovers.md:10: error: broken link \"https://example.github.io/digest/articles/no-such-page.html\""),
        "{report}"
    );
    assert!(
        report.contains("content/unplaced.md: note: matches no region"),
        "{report}"
    );
    assert!(
        !report.contains("content/003_29e46c3a256b3124.txt: note: matches no region"),
        "sample 003 is national by its evidence (国务院…): {report}"
    );
    assert!(!root.join("public").exists(), "check writes nothing");
}

/// `digest check` on many copies of one story: one finding for the cluster, a summary by
/// kind, `--limit`; an empty body and a misspelt front-matter key are warned.
#[test]
fn check_reports_a_duplicate_cluster_once_and_summarises_by_kind() {
    let site = site();
    let root = site.path();
    let story = "国家知识产权局近日印发通知，部署开展专利转化运用专项行动，推动高校和科研机构的专利产业化，提升专利质量和效益。";
    for i in 0..12 {
        write(
            root,
            &format!("copy-{i:02}.md"),
            format!(
                "---\ntitle: 专利转化运用专项行动部署\ndate: 2023-10-{:02}\n---\n{story}\n",
                i + 1
            ),
        );
    }
    write(
        root,
        "empty.md",
        "---\ntitle: 只有标题\ndate: 2023-10-20\n---\n\n",
    );
    write(
        root,
        "typo.md",
        "---\ntitle: 上海发布新规\ndate: 2023-10-21\nregion: shanghai\n---\n上海市发布数据知识产权新规。\n",
    );
    let out = digest(root, &["check"]);
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    let clusters: Vec<&str> = report
        .lines()
        .filter(|l| l.contains("likely the same story"))
        .collect();
    assert_eq!(
        clusters,
        vec![
            "content/copy-00.md: warning: likely the same story as content/copy-01.md, \
             content/copy-02.md, content/copy-03.md, content/copy-04.md, content/copy-05.md \
             and 6 more (12 copies)"
        ],
        "{report}"
    );
    assert!(
        report.contains("content/empty.md: warning: the article has no body text"),
        "{report}"
    );
    assert!(
        report.contains("content/typo.md:4: warning: unknown front-matter key `region`: it is ignored\n  hint: did you mean `regions`?"),
        "{report}"
    );
    assert!(report.contains("\nBy kind:\n"), "{report}");
    assert!(report.contains("      1 warning duplicate\n"), "{report}");
    // Twelve undated-free copies: the fallback-region notes are many; --limit 2 shows two.
    let fallback = report
        .lines()
        .filter(|l| l.contains("matches no region"))
        .count();
    assert!(fallback > 2, "{report}");
    let limited = digest(root, &["check", "--limit", "2"]);
    let limited = String::from_utf8_lossy(&limited.stdout).into_owned();
    assert_eq!(
        limited
            .lines()
            .filter(|l| l.contains("matches no region"))
            .count(),
        2,
        "{limited}"
    );
    assert!(limited.contains("not shown (--limit 2)."), "{limited}");
    assert!(
        limited.contains(&format!("{fallback:>7} note    fallback region")),
        "the summary counts what is not shown: {limited}"
    );
    // The build warns too, and the empty article's page claims no reading time.
    let built = digest(root, &["build"]);
    assert!(stderr(&built).contains("content/empty.md: warning: the article has no body text"));
    let page = walkdir::WalkDir::new(root.join("public/articles"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| read(e.path()))
        .find(|p| p.contains("<h1>只有标题</h1>"))
        .expect("the empty article's page");
    assert!(!page.contains("分钟读完"), "{page}");
}

/// A flag that does not apply to the command as given is refused, not ignored.
#[test]
fn flags_that_do_not_apply_are_errors() {
    let site = site();
    let root = site.path();
    for args in [
        &["check", "--output", "elsewhere"][..],
        &["check", "--base-url", "https://example.org/"],
        &["check", "--links", "--format", "json"],
        &["check", "--links", "--deny-warnings"],
        &["check", "--links", "--limit", "3"],
        &[
            "publish",
            "--no-build",
            "--base-url",
            "https://example.org/",
        ],
    ] {
        let out = digest(root, args);
        assert!(!out.status.success(), "{args:?} was accepted");
        let err = stderr(&out);
        assert!(
            err.contains("cannot be used with")
                || err.contains("required arguments were not provided"),
            "{args:?}: {err}"
        );
    }
}

/// A saved web page around `article`: navigation, a sidebar of links, a footer.
fn saved_page(title: &str, head_extra: &str, article: &str) -> String {
    let nav: String = (0..15)
        .map(|i| format!("<a href=\"/c{i}/\">频道{i}</a>"))
        .collect();
    let related: String = (0..12)
        .map(|i| format!("<li><a href=\"/n/{i}.html\">相关新闻标题第{i}条写得比较长一些</a></li>"))
        .collect();
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}_某某网</title>{head_extra}</head>\
         <body><div class=\"nav\">{nav}</div><div class=\"main\"><h1>{title}</h1>\
         <div class=\"info\">2024-01-17 09:30 来源：某某日报</div><div class=\"content\">{article}</div></div>\
         <div class=\"sidebar\"><h3>相关新闻</h3><ul>{related}</ul></div>\
         <div class=\"footer\">版权所有 某某网 京ICP备12345678号</div></body></html>"
    )
}

const ARTICLE_TEXT: &str = "<p>北京市知识产权局近日发布新规，明确数据知识产权登记的范围、程序和效力。</p>\
    <p>新规提出，版权所有者可以依法维护自身权益，相关部门应当提供便利。</p>\
    <p>什么是数据知识产权?专家表示，这是一个需要持续探索的新领域。</p>";

#[test]
fn saved_web_pages_hostile_huge_deep_mislabelled_and_empty() {
    let site = site();
    let root = site.path();
    // 50 MB: the article, then megabytes of scripts and link lists.
    let mut filler = String::new();
    let block: String = (0..50)
        .map(|i| format!("<li><a href=\"/x/{i}.html\">推荐阅读标题{i}</a></li>"))
        .collect();
    while filler.len() < 50_000_000 {
        filler.push_str(
            "<script>var x = \"<p>脚本里的文字，不是正文。</p>\";</script><ul class=\"list\">",
        );
        filler.push_str(&block);
        filler.push_str("</ul>");
    }
    let huge = saved_page("五十兆页面中的文章", "", ARTICLE_TEXT)
        .replace("</body>", &format!("{filler}</body>"));
    assert!(huge.len() > 50_000_000);
    write(root, "huge-page.html", huge);
    // 100,000 nested elements around the article.
    let deep = saved_page(
        "十万层嵌套中的文章",
        "",
        &format!(
            "{}{ARTICLE_TEXT}{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        ),
    );
    write(root, "deep-page.html", deep);
    // Declares Big5, written in GBK: the sniff wins.
    let gbk_page = saved_page("声明与编码不符的文章", "", ARTICLE_TEXT)
        .replace("<meta charset=\"utf-8\">", "<meta charset=\"big5\">");
    write(
        root,
        "mislabelled.html",
        encoding_rs::GBK.encode(&gbk_page).0,
    );
    // A <base> elsewhere: relative addresses resolve against it, as in the browser that
    // saved the page; a scriptable <base> is ignored for the canonical address.
    let based = saved_page(
        "基准地址在别处的文章",
        "<link rel=\"canonical\" href=\"https://news.example.cn/2024/0117/a.html\">\
         <base href=\"https://cdn.example.net/static/\">",
        &format!(
            "{ARTICLE_TEXT}<p><img src=\"img/photo.jpg\"><a href=\"more.html\">更多</a>说明文字，内容较长。</p>"
        ),
    );
    write(root, "based.html", based);
    let hostile_base = saved_page(
        "基准地址是脚本的文章",
        "<link rel=\"canonical\" href=\"https://news.example.cn/2024/0117/b.html\">\
         <base href=\"javascript:alert(1)//\">",
        &format!("{ARTICLE_TEXT}<p><img src=\"img/photo.jpg\">图片说明文字，内容较长一些。</p>"),
    );
    write(root, "hostile-base.html", hostile_base);
    // Scripts in every attribute.
    let attributes = saved_page(
        "属性里全是脚本的文章",
        "",
        "<p onclick=\"alert(1)\" onmouseover=\"alert(2)\" style=\"background:url(javascript:alert(3))\">\
         北京市知识产权局近日发布新规，明确数据知识产权登记的范围、程序和效力。</p>\
         <p><a href=\"javascript:alert(4)\" onfocus=\"alert(5)\">链接</a>新规提出，相关部门应当提供便利，内容充实。\
         <img src=\"javascript:alert(6)\" onerror=\"alert(7)\" srcset=\"data:image/svg+xml,<svg onload=alert(8)>\"></p>\
         <p formaction=\"javascript:alert(9)\" data-x=\"<script>alert(10)</script>\">专家表示，这是一个需要持续探索的新领域。</p>",
    );
    write(root, "attributes.html", attributes);

    let out = digest(root, &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let articles = root.join("public/articles");
    let pages: Vec<(PathBuf, String)> = std::fs::read_dir(&articles)
        .expect("articles")
        .filter_map(Result::ok)
        .map(|e| {
            let text = std::fs::read_to_string(e.path()).expect("read");
            (e.path(), text)
        })
        .collect();
    let page_of = |title: &str| {
        pages
            .iter()
            .find(|(_, p)| {
                p.contains(&format!(">{title}</h1>")) || p.contains(&format!("<h1>{title}"))
            })
            .map(|(_, p)| p.as_str())
            .unwrap_or_else(|| panic!("no page titled {title}"))
    };
    for title in [
        "五十兆页面中的文章",
        "十万层嵌套中的文章",
        "声明与编码不符的文章",
        "基准地址在别处的文章",
        "基准地址是脚本的文章",
    ] {
        let page = page_of(title);
        assert!(
            page.contains("明确数据知识产权登记的范围"),
            "{title}: first paragraph"
        );
        assert!(
            page.contains("版权所有者可以依法维护"),
            "{title}: not cut at 版权所有"
        );
        assert!(
            page.contains("数据知识产权？") || page.contains("数据知识产权?"),
            "{title}: question mark kept"
        );
        for junk in [
            "相关新闻标题",
            "推荐阅读标题",
            "京ICP备",
            "频道3",
            "脚本里的文字",
        ] {
            assert!(!page.contains(junk), "{title}: {junk} left in the article");
        }
    }
    let based = page_of("基准地址在别处的文章");
    assert!(
        based.contains("https://cdn.example.net/static/img/photo.jpg"),
        "image resolved against <base>"
    );
    assert!(
        based.contains("https://cdn.example.net/static/more.html"),
        "link resolved against <base>"
    );
    let hostile = page_of("基准地址是脚本的文章");
    assert!(
        hostile.contains("https://news.example.cn/2024/0117/img/photo.jpg"),
        "scriptable <base> ignored"
    );
    for (path, html) in &pages {
        assert_inert(path, html);
    }
    let page = page_of("属性里全是脚本的文章");
    assert!(
        page.contains("专家表示"),
        "the text of the hostile paragraphs is kept"
    );

    // A page that is only a list of links is refused, named, and the rest still builds
    // with --keep-going.
    let list: String = (0..60)
        .map(|i| format!("<li><a href=\"/n/{i}.html\">第{i}条新闻的标题在这里写得比较长</a> 2024-01-{:02}</li>", i % 28 + 1))
        .collect();
    write(
        root,
        "list-page.html",
        format!(
            "<!DOCTYPE html><html><head><title>新闻列表_某某网</title></head><body><ul>{list}</ul></body></html>"
        ),
    );
    let out = digest(root, &["build"]);
    assert!(!out.status.success(), "a list page is not published");
    let err = stderr(&out);
    assert!(
        err.contains("content/list-page.html") && err.contains("no article"),
        "{err}"
    );
    let out = digest(root, &["build", "--keep-going"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("list-page.html"), "{}", stderr(&out));
}

#[test]
fn a_broken_addresses_file_is_named_with_its_line_and_left_as_it_is() {
    let site = site();
    let root = site.path();
    let broken =
        "[articles]\n\"content/a.md\" = { slug = \"a\" }\n\"content/b.md\" = { slug = 3 }\n";
    std::fs::write(root.join("addresses.toml"), broken).expect("write");
    let out = digest(root, &["build"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("addresses.toml:3: error"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert_eq!(
        read(&root.join("addresses.toml")),
        broken,
        "not overwritten"
    );
    assert!(!root.join("public").exists(), "nothing published");
}
