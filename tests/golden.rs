//! Golden tests for the five sample articles: every extracted field and the cleaned body.
//!
//! The expected output lives in `tests/golden/<sample>.json`. After an intended change,
//! regenerate with `DIGEST_BLESS=1 cargo test --test golden` and review the diff.

use std::path::{Path, PathBuf};

use digest::article::Placed;
use digest::config::SiteConfig;
use digest::{Toolkit, process_file};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample(name: &str) -> Placed {
    let config = SiteConfig::load(&root()).expect("site.toml is valid");
    let toolkit = Toolkit::new().expect("toolkit");
    process_file(&root(), &Path::new("content").join(name), &config, &toolkit)
        .unwrap_or_else(|d| panic!("{name}: {d}"))
}

/// The golden record: every field an editor or reader sees.
fn record(article: &Placed) -> serde_json::Value {
    serde_json::json!({
        "title": article.title,
        "original_title": article.original_title,
        "date": article.published.date.to_string(),
        "datetime": article.published.rfc3339(),
        "source": article.source,
        "agency": article.agency,
        "author": article.author,
        "editor": article.editor,
        "summary": article.summary,
        "categories": article.categories,
        "tags": article.tags,
        "breadcrumb": article.breadcrumb,
        "image": article.image,
        "regions": article.regions,
        "body_html": article.body_html,
    })
}

fn check_golden(name: &str, article: &Placed) {
    let path = root().join("tests/golden").join(format!("{name}.json"));
    let actual = serde_json::to_string_pretty(&record(article)).expect("serialises") + "\n";
    if std::env::var_os("DIGEST_BLESS").is_some() {
        std::fs::write(&path, &actual).expect("write golden file");
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with DIGEST_BLESS=1 to create it)",
            path.display()
        )
    });
    pretty_assertions::assert_eq!(expected, actual, "golden file {}", path.display());
}

/// What a reader must never see in a cleaned body.
fn assert_no_junk(article: &Placed) {
    let body = &article.body_html.text();
    for junk in [
        "原标题",
        "原標題",
        "责任编辑",
        "責任編輯",
        "appendQr",
        "新浪财经APP",
        "<style",
        "<script",
        "<!--",
        "realstock",
        "免责声明",
        "免責聲明",
        "\u{3000}",
        "核心提示",
        "浏览次数",
        "??",
        "<div",
        "<span",
        "class=",
    ] {
        assert!(
            !body.contains(junk),
            "{:?} in body of {}",
            junk,
            article.input.display()
        );
    }
    let pinyin =
        regex::Regex::new(r"[\p{Han}]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)").expect("regex");
    assert!(
        !pinyin.is_match(body),
        "pinyin left in {}",
        article.input.display()
    );
    // Traditional-only characters the samples contain before conversion.
    for traditional in ['產', '權', '國', '發', '際', '與', '綿', '區', '會', '時'] {
        assert!(
            !body.contains(traditional) && !article.title.contains(traditional),
            "{traditional} left in {}",
            article.input.display()
        );
    }
}

#[test]
fn sample_000_sina_beijing_hong_kong() {
    let a = sample("000_11adc87f09ca0c06.txt");
    assert_eq!(a.title, "京港加强合作助力知识产权强国建设");
    assert_eq!(
        a.published.rfc3339().as_deref(),
        Some("2021-12-07T21:43:43+08:00")
    );
    assert_eq!(a.source.as_deref(), Some("新浪财经"));
    assert_eq!(a.agency.as_deref(), Some("新华社"));
    assert_eq!(a.author.as_deref(), Some("李春宇"));
    assert_eq!(a.editor.as_deref(), Some("刘万里"));
    assert_eq!(a.regions, vec!["beijing", "hong-kong"]);
    assert!(
        a.body_html.text().contains("以线上线下相结合"),
        "stock link unwrapped, text kept"
    );
    assert_eq!(
        a.image, None,
        "the QR-code image is not the article's picture"
    );
    assert_no_junk(&a);
    check_golden("000", &a);
}

#[test]
fn sample_001_sina_beijing_byline() {
    let a = sample("001_a16acc1952857782.txt");
    assert_eq!(
        a.title,
        "北京市政府与国家知识产权局签订合作会商议定书，陈吉宁要求打造知识产权强国建设首善之区"
    );
    assert_eq!(
        a.published.rfc3339().as_deref(),
        Some("2021-10-29T08:10:07+08:00")
    );
    assert_eq!(a.author.as_deref(), Some("杨旗 宋佳音"));
    assert_eq!(a.editor.as_deref(), Some("李思阳"));
    assert_eq!(a.regions, vec!["beijing"]);
    assert!(
        !a.body_html.text().contains("撰文"),
        "byline paragraph removed from the body"
    );
    assert!(
        !a.body_html.text().contains("sinaimg"),
        "commented-out ad image removed"
    );
    assert_no_junk(&a);
    check_golden("001", &a);
}

#[test]
fn sample_002_sina_shanghai_original_title_wins() {
    let a = sample("002_1b0d3180da46cb3a.txt");
    assert_eq!(
        a.title,
        "上海市与这个国家部委会商签约，要打造“首选地”和“新热土”"
    );
    assert_eq!(a.published.date.to_string(), "2021-10-19");
    assert_eq!(a.editor.as_deref(), Some("王翔"));
    assert_eq!(a.regions, vec!["shanghai"]);
    assert_no_junk(&a);
    check_golden("002", &a);
}

#[test]
fn sample_003_scraped_traditional_national() {
    let a = sample("003_29e46c3a256b3124.txt");
    assert_eq!(
        a.title,
        "中国知识产权国际合作将主动参与全球治理扩大“朋友圈”"
    );
    assert_eq!(a.published.date.to_string(), "2021-11-01");
    assert_eq!(a.published.rfc3339(), None, "only the day is known");
    assert_eq!(a.source.as_deref(), Some("中新社"));
    assert_eq!(a.agency.as_deref(), Some("中新社"));
    assert_eq!(a.author.as_deref(), Some("孙自法"));
    assert_eq!(a.editor.as_deref(), Some("张玙蕗"));
    assert_eq!(a.breadcrumb, vec!["资讯", "政策法规", "理论与实践"]);
    assert_eq!(
        a.regions,
        vec!["national"],
        "the Beijing dateline does not count"
    );
    assert!(
        a.summary.starts_with("国务院近日印发"),
        "summary from 核心提示, dateline removed"
    );
    assert!(
        a.body_html
            .text()
            .contains("《知识产权强国建设纲要(2021—2035年)》"),
        "real parentheses kept"
    );
    assert!(
        a.body_html.text().contains("规划》，强调"),
        "half-width comma made full-width"
    );
    assert!(a.body_html.text().contains("(记者 孙自法)"));
    assert_no_junk(&a);
    check_golden("003", &a);
}

#[test]
fn sample_004_scraped_sichuan_chongqing() {
    let a = sample("004_c5b155c7f536a10f.txt");
    assert_eq!(a.title, "川渝知识产权赋能区域高质量发展研讨会在绵举行");
    assert_eq!(a.published.date.to_string(), "2023-12-12");
    assert_eq!(a.source.as_deref(), Some("绵阳市场监督"));
    assert_eq!(a.categories, vec!["知识产权"]);
    assert_eq!(a.regions, vec!["sichuan-chongqing"]);
    assert!(a.body_html.text().starts_with("<p>12月11日，川渝知识产权"));
    assert_no_junk(&a);
    check_golden("004", &a);
}
