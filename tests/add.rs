//! `digest add` against a real HTTP server on loopback: a redirect to a GBK page, a
//! duplicate, a 404, an image, a slow server, a page with no article, a feed; and a page
//! saved in a browser. Then the site builds with what was added.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use common::{example_site, read};

fn digest(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_digest"))
        .arg("add")
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("run digest")
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A saved government page around one article, as a portal serves it.
fn gov_page(title: &str, date: &str, paragraphs: &[&str]) -> String {
    let nav: String = (0..12)
        .map(|i| format!("<a href=\"/c{i}/\">栏目{i}</a> "))
        .collect();
    let related: String = (0..10)
        .map(|i| format!("<li><a href=\"/n/{i}.html\">相关链接标题第{i}条写得稍长一些</a></li>"))
        .collect();
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">\
         <title>{title}_首都之窗_北京市人民政府门户网站</title></head><body>\
         <div class=\"nav\">{nav}</div><div class=\"main\"><h1>{title}</h1>\
         <div class=\"info\">发布时间：{date} 来源：北京市知识产权局</div>\
         <div class=\"article\">{body}</div></div>\
         <div class=\"side\"><h3>相关链接</h3><ul>{related}</ul></div>\
         <div class=\"footer\">主办：北京市人民政府办公厅 版权所有 京ICP备05060933号</div></body></html>"
    )
}

const BEIJING: &[&str] = &[
    "为深入实施知识产权强国建设纲要，北京市知识产权局近日印发《北京市数据知识产权登记管理办法》，明确数据知识产权登记的范围、程序和效力。",
    "办法提出，北京市将建设数据知识产权登记平台，为数据处理者提供登记、公示和查询服务，推动数据要素依法有序流通。",
    "北京市知识产权局有关负责人表示，下一步将加强部门协同，完善配套措施，做好政策宣传解读，确保办法落地见效。",
];

const SHANGHAI: &[&str] = &[
    "上海市知识产权局近日发布《上海市知识产权保护和运用规划》，提出到2025年基本建成国际知识产权保护高地。",
    "规划明确，上海将完善知识产权快速协同保护机制，加快浦东新区知识产权综合改革，提升海外维权援助能力。",
    "上海市有关部门表示，将强化规划实施的监测评估，确保各项任务落到实处。",
];

/// One response: status line, content type, body; `delay` before answering.
struct Reply {
    status: &'static str,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Duration,
}

fn reply(status: &'static str, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
    Reply {
        status,
        headers: vec![("Content-Type".to_string(), content_type.to_string())],
        body: body.into(),
        delay: Duration::ZERO,
    }
}

/// A small HTTP/1.1 server on loopback; `route` answers each path. Returns its address.
fn serve(route: fn(&str, u16) -> Reply) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer(stream, route, port));
        }
    });
    format!("http://127.0.0.1:{port}")
}

fn answer(mut stream: TcpStream, route: fn(&str, u16) -> Reply, port: u16) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // The headers, up to the blank line.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).map_or(true, |n| n == 0) || line == "\r\n" {
            break;
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let reply = route(path, port);
    std::thread::sleep(reply.delay);
    let mut head = format!(
        "HTTP/1.1 {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&reply.body);
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

fn route(path: &str, port: u16) -> Reply {
    match path {
        "/old-address" => {
            let mut r = reply("301 Moved Permanently", "text/html", "");
            r.headers.push((
                "Location".to_string(),
                "/zwgk/2024/0117/article.html".to_string(),
            ));
            r
        }
        "/zwgk/2024/0117/article.html" => reply(
            "200 OK",
            "text/html; charset=gbk",
            gbk(&gov_page(
                "北京市印发数据知识产权登记管理办法",
                "2024-01-17 09:30",
                BEIJING,
            )),
        ),
        "/sh/2.html" => reply(
            "200 OK",
            "text/html; charset=utf-8",
            gov_page(
                "上海发布知识产权保护和运用规划",
                "2024-02-02 10:00",
                SHANGHAI,
            )
            .replace("charset=gbk", "charset=utf-8"),
        ),
        "/list.html" => {
            let links: String = (0..40)
                .map(|i| format!("<li><a href=\"/a/{i}.html\">知识产权新闻标题第{i}条</a> 2024-01-{:02}</li>", i % 28 + 1))
                .collect();
            reply(
                "200 OK",
                "text/html; charset=utf-8",
                format!(
                    "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>新闻列表</title></head><body><ul>{links}</ul></body></html>"
                ),
            )
        }
        "/huge.html" => reply(
            "200 OK",
            "text/html; charset=utf-8",
            format!("<html><body><p>{}</p></body></html>", "知".repeat(600_000)),
        ),
        "/logo.png" => reply("200 OK", "image/png", b"\x89PNG\r\n\x1a\n".to_vec()),
        "/report.pdf" => reply("200 OK", "application/pdf", b"%PDF-1.7".to_vec()),
        "/slow.html" => {
            let mut r = reply("200 OK", "text/html", "<html></html>");
            r.delay = Duration::from_secs(5);
            r
        }
        "/feed.xml" => reply(
            "200 OK",
            "application/rss+xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>政策</title>\
                 <link>http://127.0.0.1:{port}/</link><description>d</description>\
                 <item><title>北京</title><link>http://127.0.0.1:{port}/zwgk/2024/0117/article.html</link></item>\
                 <item><title>上海</title><link>/sh/2.html</link></item>\
                 </channel></rss>"
            ),
        ),
        _ => reply("404 Not Found", "text/html", "<h1>404</h1>"),
    }
}

fn content_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("content"))
        .expect("content")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

#[test]
fn add_fetches_saves_unchanged_refuses_duplicates_and_non_pages() {
    let server = serve(route);
    let site = example_site();
    let root = site.path();
    let before = content_files(root);

    // A redirect to a GBK page: saved under a name from its date and headline, the bytes
    // unchanged under a front-matter block with the final address.
    let out = digest(root, &[&format!("{server}/old-address")]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    let added: Vec<PathBuf> = content_files(root)
        .into_iter()
        .filter(|f| !before.contains(f))
        .collect();
    assert_eq!(added.len(), 1, "{stdout}");
    let file = &added[0];
    let name = file.file_name().and_then(|n| n.to_str()).expect("name");
    assert!(
        name.starts_with("2024-01-17-") && name.ends_with(".html"),
        "{name}"
    );
    assert!(
        stdout.contains(&format!("Added content/{name} (from {server}/old-address)")),
        "{stdout}"
    );
    assert!(
        stdout.contains("  headline  北京市印发数据知识产权登记管理办法\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  date      2024-01-17 09:30 (from the page)\n"),
        "{stdout}"
    );
    assert!(stdout.contains("  regions   北京\n"), "{stdout}");
    assert!(
        stdout.contains("  source    北京市知识产权局\n"),
        "{stdout}"
    );
    let final_url = format!("{server}/zwgk/2024/0117/article.html");
    assert!(
        stdout.contains(&format!("  original  {final_url}\n")),
        "{stdout}"
    );
    let saved = std::fs::read(file).expect("saved");
    let header = format!("---\nsource_url: \"{final_url}\"\nfetched: ");
    assert!(
        saved.starts_with(header.as_bytes()),
        "{}",
        String::from_utf8_lossy(&saved[..80])
    );
    let page = gbk(&gov_page(
        "北京市印发数据知识产权登记管理办法",
        "2024-01-17 09:30",
        BEIJING,
    ));
    assert!(
        saved.ends_with(&page),
        "the page's bytes are kept as served"
    );
    assert_eq!(
        saved.len(),
        page.len()
            + saved
                .windows(4)
                .position(|w| w == b"\n---")
                .expect("closing fence")
            + 5
    );

    // The same article again, by either address: refused, nothing written.
    for again in [format!("{server}/old-address"), final_url.clone()] {
        let out = digest(root, &[&again]);
        let (stdout, _) = text(&out);
        assert!(out.status.success());
        assert!(
            stdout.contains(&format!(
                "Already in content/{name}: {again} (not added again)"
            )),
            "{stdout}"
        );
    }
    assert_eq!(content_files(root).len(), before.len() + 1);

    // Failures name the address and the cause; nothing is written.
    for (path, expected) in [
        ("/missing.html", "the server answered 404 Not Found"),
        ("/logo.png", "is an image (image/png), not a web page"),
        ("/report.pdf", "is a PDF (application/pdf), not a web page"),
        ("/list.html", "nothing was added"),
    ] {
        let url = format!("{server}{path}");
        let out = digest(root, &[&url]);
        let (stdout, stderr) = text(&out);
        assert!(!out.status.success(), "{path}: {stdout}");
        assert!(
            stderr.contains(&url) && stderr.contains(expected),
            "{path}: {stderr}"
        );
    }
    let out = digest(root, &["--max-size", "1", &format!("{server}/huge.html")]);
    let (_, stderr) = text(&out);
    assert!(!out.status.success());
    assert!(stderr.contains("the page is larger than 1 MB"), "{stderr}");
    let out = digest(root, &["--timeout", "1", &format!("{server}/slow.html")]);
    let (_, stderr) = text(&out);
    assert!(!out.status.success());
    assert!(stderr.contains("no answer in time"), "{stderr}");
    assert_eq!(
        content_files(root).len(),
        before.len() + 1,
        "nothing added by failures"
    );

    // A feed: the item already there is skipped, the new one added.
    let out = digest(root, &["--feed", &format!("{server}/feed.xml")]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("2 items in the feed"), "{stdout}");
    assert!(
        stdout.contains(&format!("Already in content/{name}")),
        "{stdout}"
    );
    assert!(
        stdout.contains("  headline  上海发布知识产权保护和运用规划\n"),
        "{stdout}"
    );
    assert!(stdout.contains("  regions   上海\n"), "{stdout}");
    assert!(
        stdout.contains("1 article added, 1 already there, 0 failed."),
        "{stdout}"
    );

    // The site builds with them, each linking its original.
    let build = Command::new(env!("CARGO_BIN_EXE_digest"))
        .args(["build", "--root"])
        .arg(root)
        .output()
        .expect("build");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let page = read(&root.join("public/articles").join(name));
    assert!(page.contains("北京市印发数据知识产权登记管理办法"));
    assert!(
        page.contains(&format!("href=\"{final_url}\"")),
        "the 原文 link"
    );
}

#[test]
fn add_copies_a_page_saved_in_a_browser() {
    let site = example_site();
    let root = site.path();
    let saved = tempfile::tempdir().expect("tempdir");
    let page = format!(
        "<!-- saved from url=(0045)https://www.example.gov.cn/sh/2024/0202/a.html -->\n{}",
        gov_page(
            "上海发布知识产权保护和运用规划",
            "2024-02-02 10:00",
            SHANGHAI
        )
        .replace("charset=gbk", "charset=utf-8")
    );
    let file = saved.path().join("上海发布规划.html");
    std::fs::write(&file, &page).expect("write");
    let out = digest(root, &[file.to_str().expect("utf-8")]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains("  original  https://www.example.gov.cn/sh/2024/0202/a.html\n"),
        "{stdout}"
    );
    let added = content_files(root)
        .into_iter()
        .find(|f| f.to_string_lossy().contains("2024-02-02-"))
        .expect("added");
    assert_eq!(read(&added), page, "copied unchanged");
    // Again: the same original address is refused.
    let out = digest(root, &[file.to_str().expect("utf-8")]);
    let (stdout, _) = text(&out);
    assert!(
        stdout.contains("Already in content/2024-02-02-"),
        "{stdout}"
    );
    // A file already in content/ is not copied onto itself.
    let out = digest(root, &[added.to_str().expect("utf-8")]);
    assert!(!out.status.success());
    assert!(text(&out).1.contains("is already in content/"));
}
