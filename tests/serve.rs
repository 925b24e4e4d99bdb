//! `digest serve --watch` over real HTTP against a temporary copy of the example site:
//! edits, additions, renames, deletions, template and static changes, errors and their
//! fixes, refused traversal, concurrency — and at the end, the served site equals a fresh
//! `digest build`.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;

use common::{Server, example_site, read, wait_for};

const ARTICLE_000: &str = "content/000_11adc87f09ca0c06.txt";

fn json(server: &Server, path: &str) -> serde_json::Value {
    serde_json::from_str(&server.get(path).1).expect("JSON")
}

fn slug_of(server: &Server, input: &str) -> Option<String> {
    json(server, "data/articles.json")
        .as_array()?
        .iter()
        .find(|r| r["input"] == input)
        .and_then(|r| r["slug"].as_str().map(str::to_string))
}

#[test]
fn edits_are_served_and_the_result_equals_a_fresh_build() {
    let site = example_site();
    let root = site.path();
    // Short feeds, so that body edits of older articles leave the feeds alone.
    let toml = read(&root.join("site.toml")).replace("feed_limit = 50", "feed_limit = 2");
    assert!(toml.contains("feed_limit = 2"));
    std::fs::write(root.join("site.toml"), toml).expect("site.toml");
    let server = Server::start(root, &["--watch"]);

    // Edit a headline.
    let old_slug = slug_of(&server, ARTICLE_000).expect("slug");
    let v = server.version();
    let text = read(&root.join(ARTICLE_000)).replace(
        "title: '京港加强合作助力知识产权强国建设'",
        "title: '京港合作再出发'",
    );
    let text = text.replace(
        "原标题：京港加强合作助力知识产权强国建设",
        "原标题：京港合作再出发",
    );
    std::fs::write(root.join(ARTICLE_000), text).expect("write");
    server.wait_rebuild(v);
    let (_, home) = server.get("");
    assert!(
        home.contains("京港合作再出发"),
        "new headline on the home page"
    );
    let new_slug = slug_of(&server, ARTICLE_000).expect("slug");
    assert_eq!(
        old_slug, new_slug,
        "the address stays when the headline changes"
    );
    let (status, page) = server.get(&format!("articles/{new_slug}.html"));
    assert_eq!(status, 200);
    assert!(page.contains("<h1>京港合作再出发</h1>"));
    let (_, hk) = server.get("regions/hong-kong.html");
    assert!(hk.contains("京港合作再出发"));

    // Give it a new address: the old one redirects, and the preview records the move.
    let v = server.version();
    let text = read(&root.join(ARTICLE_000)).replacen("---\n", "---\nslug: jing-gang\n", 1);
    std::fs::write(root.join(ARTICLE_000), text).expect("write");
    server.wait_rebuild(v);
    assert_eq!(slug_of(&server, ARTICLE_000).as_deref(), Some("jing-gang"));
    let (status, old) = server.get(&format!("articles/{old_slug}.html"));
    assert_eq!(status, 200);
    assert!(old.contains("url=jing-gang.html"), "{old}");
    assert!(read(&root.join("addresses.toml")).contains("{ slug = \"jing-gang\", aliases = ["));

    // Add an article.
    let v = server.version();
    std::fs::write(
        root.join("content/new.md"),
        "---\ntitle: 上海浦东发布知识产权新政\ndate: 2024-05-06 10:00\n---\n上海浦东新区发布知识产权保护新政。\n",
    )
    .expect("write");
    server.wait_rebuild(v);
    let (_, shanghai) = server.get("regions/shanghai.html");
    assert!(shanghai.contains("上海浦东发布知识产权新政"));

    // Edit only its body (the quick path: no list page can change), then make the body
    // cite a document (the full path: a policy page appears).
    let new_slug_2 = slug_of(&server, "content/new.md").expect("slug");
    for (addition, policy) in [
        ("\n\n浦东将持续优化营商环境。\n", false),
        (
            "\n\n依据《知识产权强国建设纲要（2021—2035年）》推进。\n",
            true,
        ),
    ] {
        let v = server.version();
        let mut text = read(&root.join("content/new.md"));
        text.push_str(addition);
        std::fs::write(root.join("content/new.md"), text).expect("write");
        server.wait_rebuild(v);
        let (_, page) = server.get(&format!("articles/{new_slug_2}.html"));
        let sentence = addition.trim().trim_start_matches("依据");
        assert!(
            page.contains(&sentence[..sentence.len().min(12)]),
            "the edit is on the page"
        );
        let (_, feed) = server.get("feed.xml");
        assert!(
            feed.contains("浦东将持续优化营商环境"),
            "feeds carry full text"
        );
        if policy {
            let (_, policies) = server.get("policies.html");
            assert!(policies.contains("知识产权强国建设纲要"));
        }
    }

    // A body edit of an older article (in no feed).
    let older = "content/001_a16acc1952857782.txt";
    let older_slug = slug_of(&server, older).expect("slug");
    let v = server.version();
    let mut text = read(&root.join(older));
    text.push_str("\n<p>会议还部署了下一阶段重点工作。</p>\n");
    std::fs::write(root.join(older), text).expect("write");
    server.wait_rebuild(v);
    let (_, page) = server.get(&format!("articles/{older_slug}.html"));
    assert!(page.contains("会议还部署了下一阶段重点工作"));

    // Rename an article file (as an editor's atomic save or a `mv` would).
    let v = server.version();
    std::fs::rename(
        root.join("content/004_c5b155c7f536a10f.txt"),
        root.join("content/004-renamed.txt"),
    )
    .expect("rename");
    server.wait_rebuild(v);
    wait_for("the renamed input", 10, || {
        slug_of(&server, "content/004-renamed.txt")
    });
    assert_eq!(slug_of(&server, "content/004_c5b155c7f536a10f.txt"), None);

    // Delete an article.
    let deleted = slug_of(&server, "content/002_1b0d3180da46cb3a.txt").expect("slug");
    let v = server.version();
    std::fs::remove_file(root.join("content/002_1b0d3180da46cb3a.txt")).expect("delete");
    server.wait_rebuild(v);
    assert_eq!(server.get(&format!("articles/{deleted}.html")).0, 404);
    let (_, shanghai) = server.get("regions/shanghai.html");
    assert!(!shanghai.contains("上海市与这个国家部委会商签约"));
    let (_, home) = server.get("");
    assert!(!home.contains("上海市与这个国家部委会商签约"));

    // Override a template.
    let v = server.version();
    std::fs::create_dir(root.join("templates")).expect("mkdir");
    let article_template = read(&common::repo().join("templates/article.html")).replace(
        "<article class=\"article\"",
        "<article class=\"article\" data-test=\"override\"",
    );
    assert!(
        article_template.contains("data-test"),
        "the test's edit applies"
    );
    std::fs::write(root.join("templates/article.html"), article_template).expect("write");
    server.wait_rebuild(v);
    let (_, page) = server.get("articles/jing-gang.html");
    assert!(
        page.contains("data-test=\"override\""),
        "template change re-rendered the page"
    );

    // Add a static file.
    let v = server.version();
    std::fs::create_dir(root.join("static")).expect("mkdir");
    std::fs::write(root.join("static/style.css"), "body { color: #123456 }").expect("write");
    server.wait_rebuild(v);
    assert_eq!(server.get("style.css").1, "body { color: #123456 }");

    // Incremental rebuilds alone have kept the site equal to a fresh build.
    common::assert_matches_fresh_build(&server, root);

    // A site.toml change rebuilds everything.
    let v = server.version();
    let config = read(&root.join("site.toml")).replace(
        "title = \"知识产权政策区域观察\"",
        "title = \"区域知识产权动态\"",
    );
    std::fs::write(root.join("site.toml"), config).expect("write");
    server.wait_rebuild(v);
    assert!(
        server
            .get("articles/jing-gang.html")
            .1
            .contains("区域知识产权动态")
    );

    // Editor temporary files never trigger anything visible.
    std::fs::write(root.join("content/.new.md.swp"), "garbage").expect("write");
    std::fs::write(root.join("content/new.md~"), "garbage").expect("write");

    assert!(
        server.status_json()["problems"]
            .as_array()
            .expect("problems")
            .is_empty()
    );
    common::assert_matches_fresh_build(&server, root);
    assert!(server.log().contains("re-read"), "timings are printed");
}

/// Long lists are split into year pages; edits that move articles between years, empty a
/// year or shorten a list below the split keep the served year pages equal to a fresh
/// build (old year pages go, new ones come).
#[test]
fn split_lists_follow_edits() {
    let site = example_site();
    let root = site.path();
    // 110 articles tagged 分页 in 2018 and 2019, all in Shanghai.
    let article = |i: usize, year: i32| {
        format!(
            "---\ntitle: 分页测试{i:03}\ndate: {year}-03-{:02}\ntags: [分页]\nregions: shanghai\n---\n\n上海分页测试正文{i}。\n",
            i % 28 + 1
        )
    };
    for i in 0..110 {
        let year = if i < 60 { 2018 } else { 2019 };
        std::fs::write(
            root.join(format!("content/page-{i:03}.md")),
            article(i, year),
        )
        .expect("write");
    }
    let server = Server::start(root, &["--watch"]);
    let (status, tag) = server.get("tags/fen-ye.html");
    assert_eq!(status, 200);
    // The tag page (tags/fen-ye.html) links to its year pages.
    assert!(tag.contains("href=\"../tags/fen-ye/2018.html\""), "{tag}");
    assert_eq!(server.get("tags/fen-ye/2019.html").0, 200);
    common::assert_matches_fresh_build(&server, root);

    // Move one article to 2020: a new year page appears.
    let v = server.version();
    std::fs::write(root.join("content/page-000.md"), article(0, 2020)).expect("write");
    server.wait_rebuild(v);
    assert_eq!(server.get("tags/fen-ye/2020.html").0, 200);
    common::assert_matches_fresh_build(&server, root);

    // Remove 2018 entirely (60 articles, one at a time as an editor would, then one save):
    // its year page goes, and the list falls below the split.
    let v = server.version();
    for i in 1..60 {
        std::fs::remove_file(root.join(format!("content/page-{i:03}.md"))).expect("remove");
    }
    server.wait_rebuild(v);
    wait_for("2018 to go", 20, || {
        (server.get("tags/fen-ye/2018.html").0 == 404).then_some(())
    });
    assert_eq!(
        server.get("tags/fen-ye/2019.html").0,
        404,
        "51 entries: one page"
    );
    common::assert_matches_fresh_build(&server, root);
}

#[test]
fn a_broken_article_shows_an_overlay_and_the_last_good_version() {
    let site = example_site();
    let root = site.path();
    let server = Server::start(root, &["--watch"]);
    let slug = slug_of(&server, ARTICLE_000).expect("slug");

    let v = server.version();
    let good = read(&root.join(ARTICLE_000));
    std::fs::write(
        root.join(ARTICLE_000),
        good.replace("date: Tue, 07 Dec 2021 13:43:43 GMT", "date: yesterday"),
    )
    .expect("write");
    server.wait_rebuild(v);
    let status = server.status_json();
    let problem = &status["problems"][0];
    assert_eq!(problem["file"], ARTICLE_000);
    assert_eq!(problem["line"], 11);
    let (code, page) = server.get(&format!("articles/{slug}.html"));
    assert_eq!(code, 200, "the last good page is still served");
    assert!(page.contains("<h1>京港加强合作助力知识产权强国建设</h1>"));
    assert!(page.contains("id=\"digest-overlay\""));
    assert!(
        page.contains("000_11adc87f09ca0c06.txt:11"),
        "overlay names file and line"
    );
    assert!(
        server.log().contains("000_11adc87f09ca0c06.txt:11"),
        "the terminal too"
    );
    // In the site's interface language (Chinese here), saying what is shown meanwhile.
    assert!(
        page.contains("digest：1 个问题。出错的文件显示上一次成功的版本"),
        "{page}"
    );
    assert!(
        server
            .log()
            .contains("a file that fails is served as it last built")
    );
    assert!(
        server.log().contains("(5 articles) at http://"),
        "{}",
        server.log()
    );

    // A template error: reported, and the site keeps being served.
    let v = server.version();
    std::fs::create_dir(root.join("templates")).expect("mkdir");
    std::fs::write(
        root.join("templates/index.html"),
        "{% extends \"base.html\" %}\n{% block main %}{{ oops \n{% endblock main %}",
    )
    .expect("write");
    server.wait_rebuild(v);
    let problems = server.status_json()["problems"].clone();
    assert!(
        problems
            .as_array()
            .expect("array")
            .iter()
            .any(|p| p["file"] == "templates/index.html"),
        "{problems}"
    );
    assert_eq!(server.get("").0, 200);

    // Fixing both clears the overlay.
    let v = server.version();
    std::fs::write(root.join(ARTICLE_000), &good).expect("write");
    std::fs::remove_file(root.join("templates/index.html")).expect("remove");
    wait_for("problems to clear", 20, || {
        server.wait_rebuild(v);
        server.status_json()["problems"]
            .as_array()
            .is_some_and(|p| p.is_empty())
            .then_some(())
    });
    let (_, page) = server.get(&format!("articles/{slug}.html"));
    assert!(!page.contains("digest-overlay"));
    assert!(server.log().contains("All problems fixed"));
    common::assert_matches_fresh_build(&server, root);
}

/// Sends a raw request line, so no client normalises the path first.
fn raw_get(authority: &str, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(authority).expect("connect");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    let status = response.lines().next().unwrap_or("").to_string();
    (status, response)
}

#[test]
fn serves_http_properly_and_refuses_traversal() {
    let site = example_site();
    let root = site.path();
    std::fs::create_dir(root.join("static")).expect("mkdir");
    std::fs::write(
        root.join("static/图标.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .expect("write");
    let server = Server::start(root, &[]);

    assert_eq!(
        server.header("", "content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(
        server.header("style.css", "content-type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        server
            .header("data/articles.json", "content-type")
            .as_deref(),
        Some("application/json; charset=utf-8")
    );
    let (status, svg) = server.get("%E5%9B%BE%E6%A0%87.svg");
    assert_eq!(status, 200, "percent-encoded Chinese path");
    assert!(svg.starts_with("<svg"));
    assert_eq!(
        server
            .header("%E5%9B%BE%E6%A0%87.svg", "content-type")
            .as_deref(),
        Some("image/svg+xml; charset=utf-8")
    );
    let (status, page) = server.get("no/such/page.html");
    assert_eq!(status, 404);
    assert!(page.contains("页面不存在"), "the site's own 404 page");
    assert!(
        !page.contains("data-digest-live-reload"),
        "no live reload without --watch"
    );

    let authority = server.authority();
    let (status, _) = raw_get(&authority, "/");
    assert!(
        status.contains("302"),
        "the root redirects to the base path: {status}"
    );
    let (status, response) = raw_get(&authority, "/digest/");
    assert!(status.contains("200"), "{status}");
    assert!(response.contains("知识产权政策区域观察"));

    for path in [
        "/digest/../site.toml",
        "/digest/%2e%2e/site.toml",
        "/digest/%2E%2E/%2E%2E/etc/passwd",
        "/digest/..%2f..%2fsite.toml",
        "/digest/..%5c..%5csite.toml",
        "/digest/..\\site.toml",
        "/digest/%00index.html",
        "/../../../../etc/passwd",
        // Double encoding, overlong UTF-8, full-width and Unicode dots and slashes.
        "/digest/%252e%252e/site.toml",
        "/digest/..%c0%af../site.toml",
        "/digest/%c0%ae%c0%ae/site.toml",
        "/digest/%e0%80%ae%e0%80%ae/site.toml",
        "/digest/%ef%bc%8e%ef%bc%8e%ef%bc%8fsite.toml",
        "/digest/..%e2%88%95site.toml",
        "/digest/.%2e/.%2e/site.toml",
        "/digest/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    ] {
        let (status, response) = raw_get(&authority, path);
        assert!(
            status.contains("403") || status.contains("404") || status.contains("400"),
            "{path}: {status}"
        );
        assert!(
            !response.contains("[classify]") && !response.contains("root:x:"),
            "{path} leaked a file"
        );
    }

    // HEAD: same headers, no body.
    let mut stream = TcpStream::connect(&authority).expect("connect");
    write!(
        stream,
        "HEAD /digest/style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut head = String::new();
    let _ = stream.read_to_string(&mut head);
    let css_len = server.get("style.css").1.len();
    assert!(head.contains("200 OK"));
    assert!(
        head.to_ascii_lowercase()
            .contains(&format!("content-length: {css_len}")),
        "{head}"
    );
    assert!(head.ends_with("\r\n\r\n"), "no body after HEAD");

    // Many concurrent connections.
    let handles: Vec<_> = (0..16)
        .map(|_| {
            let authority = authority.clone();
            std::thread::spawn(move || {
                (0..25)
                    .filter(|_| {
                        raw_get(&authority, "/digest/regions/beijing.html")
                            .0
                            .contains("200")
                    })
                    .count()
            })
        })
        .collect();
    let ok: usize = handles.into_iter().map(|h| h.join().expect("thread")).sum();
    assert_eq!(ok, 400);
}

#[test]
fn symlinks_leading_out_of_the_site_are_refused() {
    let site = example_site();
    let outside = tempfile::tempdir().expect("tempdir");
    std::fs::write(outside.path().join("secret.txt"), "TOP SECRET").expect("write");
    std::fs::create_dir(site.path().join("static")).expect("mkdir");
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.path().join("static/secret.txt"),
    )
    .expect("symlink");
    let output = Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["build", "--root"])
        .arg(site.path())
        .output()
        .expect("run");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("static/secret.txt"), "{stderr}");
    assert!(!site.path().join("public/secret.txt").exists());
}

#[test]
fn a_taken_port_gives_a_clear_message() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port().to_string();
    let site = example_site();
    let output = Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["serve", "--root"])
        .arg(site.path())
        .args(["--port", &port])
        .output()
        .expect("run");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("already in use"), "{stderr}");
    drop(listener);
}

#[test]
fn ctrl_c_stops_the_server_cleanly_even_with_open_pages() {
    let site = example_site();
    let mut server = Server::start(site.path(), &["--watch"]);
    // An open live-reload stream, as a browser tab would hold.
    let mut stream = TcpStream::connect(server.authority()).expect("connect");
    write!(
        stream,
        "GET /digest/__digest/events HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    .expect("send");
    let mut first = [0u8; 64];
    let _ = stream.read(&mut first).expect("stream opened");
    let status = Command::new("kill")
        .args(["-INT", &server.pid().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let code = wait_for("the server to exit", 10, || server.try_exit());
    assert_eq!(code, Some(0), "exit status after Ctrl-C");
}

/// Oversized requests are refused with the proper status (`tests/load.rs` serves 1,000
/// concurrent connections).
#[test]
fn oversized_requests_are_refused() {
    let site = example_site();
    let server = Server::start(site.path(), &[]);
    let authority = server.authority();
    let long_url = format!("/digest/{}", "a".repeat(100_000));
    assert!(
        raw_get(&authority, &long_url).0.contains("414"),
        "very long URL"
    );
    let mut stream = std::net::TcpStream::connect(&authority).expect("connect");
    let big_header = format!(
        "GET /digest/ HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "b".repeat(1_000_000)
    );
    let _ = std::io::Write::write_all(&mut stream, big_header.as_bytes());
    let mut reply = [0u8; 64];
    let n = std::io::Read::read(&mut stream, &mut reply).unwrap_or(0);
    assert!(
        String::from_utf8_lossy(&reply[..n]).contains("431"),
        "a 1 MB header: {:?}",
        String::from_utf8_lossy(&reply[..n])
    );
}

/// A `.digestignore` written while serving takes its files out of the preview, and the
/// preview still equals a fresh build; an ignored file edited later stays out.
#[test]
fn digestignore_applies_while_serving() {
    let site = example_site();
    let root = site.path();
    let server = Server::start(root, &["--watch"]);
    let v = server.version();
    std::fs::create_dir_all(root.join("content/drafts")).expect("mkdir");
    std::fs::write(
        root.join("content/drafts/x.md"),
        "---\ntitle: 草稿里的文章\ndate: 2021-03-01\n---\n北京知识产权。\n",
    )
    .expect("write");
    server.wait_rebuild(v);
    wait_for("the draft on the home page", 10, || {
        server.get("").1.contains("草稿里的文章").then_some(())
    });
    let v = server.version();
    std::fs::write(root.join("content/.digestignore"), "drafts/\n").expect("write");
    server.wait_rebuild(v);
    wait_for("the draft to go", 10, || {
        (!server.get("").1.contains("草稿里的文章")).then_some(())
    });
    let v = server.version();
    std::fs::write(
        root.join("content/drafts/x.md"),
        "---\ntitle: 草稿改过了\ndate: 2021-03-01\n---\n北京知识产权。\n",
    )
    .expect("write");
    server.wait_rebuild(v);
    assert!(
        !server.get("").1.contains("草稿改过了"),
        "an ignored file stays out"
    );
    common::assert_matches_fresh_build(&server, root);
}
