//! `digest inspect`: each field with where it came from, the regions with their evidence,
//! what cleaning changed, and the file's warnings; as text and as JSON.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::example_site;

fn inspect(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_digest"))
        .arg("inspect")
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .expect("run digest")
}

fn json(root: &Path, file: &str) -> serde_json::Value {
    let out = inspect(root, &[file, "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn field<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

#[test]
fn a_scraped_page_shows_lines_evidence_and_conversion() {
    let site = example_site();
    let root = site.path();
    let file = "content/003_29e46c3a256b3124.txt";
    let report = json(root, file);
    assert_eq!(report["shape"], "scraped text page");
    let date = field(&report, "date");
    assert_eq!(date["value"], "2021-11-01");
    // The line of the file that gave the date, and its text.
    let line = date["line"].as_u64().expect("a line") as usize;
    let text = std::fs::read_to_string(root.join(file)).expect("read");
    let date_line = text.lines().nth(line - 1).expect("line exists");
    assert!(date_line.contains("2021-11-01"), "{date_line}");
    assert!(
        date["from"].as_str().unwrap_or("").contains("發布日期"),
        "{date}"
    );
    assert_eq!(field(&report, "source")["value"], "中新社");
    assert_eq!(field(&report, "original")["from"], "not found");
    // National by its evidence, each keyword hit listed.
    assert_eq!(report["regions"]["chosen"], serde_json::json!(["全国"]));
    let national = report["regions"]["evidence"]
        .as_array()
        .expect("evidence")
        .iter()
        .find(|r| r["id"] == "national")
        .expect("national");
    assert!(national["score"].as_u64() >= Some(3), "{national}");
    assert!(
        national["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .any(|h| h["keyword"] == "国务院"),
        "{national}"
    );
    assert!(
        report["regions"]["why"]
            .as_str()
            .unwrap_or("")
            .contains("national evidence")
    );
    // Written in Traditional, converted for a Simplified site.
    assert!(report["cleaning"]["characters_converted"].as_u64() > Some(100));

    let out = inspect(root, &[file]);
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(
        human.contains(&format!("← line {line}, the page's text: 發布日期")),
        "{human}"
    );
    assert!(
        human.contains("regions: 全国 — national evidence"),
        "{human}"
    );
}

#[test]
fn a_saved_page_under_front_matter_names_its_tags_and_warnings() {
    let site = example_site();
    let root = site.path();
    let nav: String = (0..12)
        .map(|i| format!("<a href=\"/c{i}/\">栏目{i}</a> "))
        .collect();
    let page = format!(
        "---\nsource_url: \"https://www.example.gov.cn/sh/a.html\"\nregion: shanghai\n---\n\
         <!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>上海发布知识产权规划_某某网</title></head>\n\
         <body><div class=\"nav\">{nav}</div>\n<h1>上海发布知识产权规划</h1>\n\
         <div class=\"info\">发布时间：2024-02-02 10:00 来源：上海市知识产权局</div>\n\
         <div class=\"article\"><p>上海市知识产权局近日发布《上海市知识产权保护和运用规划》，提出到2025年基本建成国际知识产权保护高地。</p>\
         <p>规划明确，上海将完善知识产权快速协同保护机制，加快浦东新区知识产权综合改革，提升海外维权援助能力。</p>\
         <p>上海市有关部门表示，将强化规划实施的监测评估，确保各项任务落到实处。</p></div></body></html>\n"
    );
    std::fs::write(root.join("content/sh.html"), page).expect("write");
    let report = json(root, "content/sh.html");
    assert_eq!(report["shape"], "saved web page");
    assert_eq!(report["front_matter"], true);
    assert_eq!(field(&report, "headline")["from"], "the page's <h1>");
    let date = field(&report, "date");
    assert_eq!(date["value"], "2024-02-02 10:00");
    assert_eq!(date["line"], 8, "{date}");
    let original = field(&report, "original");
    assert_eq!(original["from"], "front matter");
    assert_eq!(original["line"], 2);
    assert_eq!(report["regions"]["chosen"], serde_json::json!(["上海"]));
    let warnings = report["warnings"].as_array().expect("warnings");
    assert!(
        warnings.iter().any(|w| w["line"] == 3
            && w["message"].as_str().unwrap_or("").contains("`region`")
            && w["hint"] == "did you mean `regions`?"),
        "{warnings:?}"
    );
    assert!(
        report["address"]
            .as_str()
            .unwrap_or("")
            .starts_with("articles/2024-02-02-")
    );
}

#[test]
fn a_file_that_cannot_be_built_gets_the_builds_error() {
    let site = example_site();
    let root = site.path();
    std::fs::write(
        root.join("content/bad.md"),
        "---\ntitle: x\ndate: someday\n---\n正文。\n",
    )
    .expect("write");
    let out = inspect(root, &["content/bad.md"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/bad.md:3: error:"), "{stderr}");
}

/// A page not added yet, anywhere on disk, is read as a build would read it.
#[test]
fn a_page_outside_the_site_can_be_inspected() {
    let site = example_site();
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let page = elsewhere.path().join("saved.txt");
    std::fs::write(
        &page,
        "上海发布知识产权新规\n發布日期:2024-02-02 來源:上海市知识产权局\n上海市知识产权局近日发布数据知识产权登记新规，明确登记的范围、程序和效力。\n",
    )
    .expect("write");
    let report = json(site.path(), page.to_str().expect("utf-8"));
    assert_eq!(field(&report, "date")["value"], "2024-02-02");
    assert_eq!(field(&report, "date")["line"], 2);
    assert_eq!(report["regions"]["chosen"], serde_json::json!(["上海"]));
}
