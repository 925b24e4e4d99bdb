//! Search quality on real pages: the example site's five articles and the 49 pages of the
//! development corpus (`../shared/corpus`), built with search on, queried by Node running
//! static/search.js's own ranking over the written index. The queries are what an editor
//! would type, each judged in advance with the article that should come first (by its
//! file); the test requires it in the top three for every query. CI sets
//! DIGEST_REQUIRE_CORPUS=1 so the test cannot pass by skipping.

mod common;

use std::path::Path;
use std::process::Command;

use digest::{BuildOptions, build};

/// (query, region filter, year filter, the file that must be in the top three).
const JUDGED: &[(&str, &str, &str, &str)] = &[
    // Without spaces, as people type.
    ("上海专利", "", "", "17_sh_pudong_ip_office.txt"),
    ("上海高院知识产权意见", "", "", "03_sh_court_opinions.txt"),
    ("上海知识产权规划", "", "", "04_sh_ip_plan_tw.txt"),
    ("浦东知识产权局", "", "", "17_sh_pudong_ip_office.txt"),
    ("重庆知识产权条例", "", "", "08_cq_regulation_in_force.txt"),
    ("重庆发明专利", "", "", "19_cq_invention_patents.txt"),
    ("四川知识产权服务业", "", "", "07_sc_ip_services.txt"),
    ("知识产权试点示范城市", "", "", "18_sc_ip_pilot_cities.txt"),
    ("首都知识产权战略", "", "", "16_bj_capital_ip_strategy.txt"),
    ("强化知识产权保护行动方案", "", "", "02_bj_action_plan.txt"),
    ("知识产权强国建设纲要", "", "", "13_nat_ip_outline.txt"),
    ("对外转让安全审查", "", "", "21_nat_ip_transfer_review.txt"),
    (
        "中美贸易摩擦知识产权",
        "",
        "",
        "15_nat_ip_strategy_trade.txt",
    ),
    ("版权条例", "", "", "20_hk_copyright_second_reading.txt"),
    ("原授专利", "", "", "10_hk_original_grant_patent.txt"),
    ("京港合作", "", "", "000_11adc87f09ca0c06.txt"),
    ("知识产权国际合作", "", "", "003_29e46c3a256b3124.txt"),
    ("川渝知识产权", "", "", "004_c5b155c7f536a10f.txt"),
    ("长三角一体化", "", "", "gov_kepu_1.html"),
    ("有轨电车", "", "", "sina_1.html"),
    ("新能源产能过剩", "", "", "qq_2.html"),
    ("短缺药品", "", "", "xinhua_1.html"),
    ("育儿津贴", "", "", "chinacomcn_1.html"),
    ("美联储利率", "", "", "southcn_1.html"),
    ("养老专业本科生", "", "", "youth_2.html"),
    ("互联网+行动", "", "", "netease_2.html"),
    ("留学生两会", "", "", "youth_1.html"),
    // In Traditional script, as Hong Kong and Taiwan readers type.
    ("專利營售制度", "", "", "12_hk_patent_agency_tw.txt"),
    ("梁振英違建", "", "", "bbc_1.html"),
    ("蛋荒", "", "", "cna_1.html"),
    // With spaces, and Latin words.
    ("DeepMind 人工智能", "", "", "qq_1.html"),
    ("CPI 食品价格", "", "", "caijing_1.html"),
    // A region abbreviation, a region filter, a year filter.
    ("沪 知识产权规划", "", "", "04_sh_ip_plan_tw.txt"),
    ("知识产权条例", "重庆", "", "08_cq_regulation_in_force.txt"),
    ("专利", "香港", "", "10_hk_original_grant_patent.txt"),
    ("重庆专利", "", "2020", "19_cq_invention_patents.txt"),
    ("智慧财产权", "", "", "12_hk_patent_agency_tw.txt"),
];

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read corpus") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
        }
    }
}

#[test]
fn judged_queries_find_their_article_in_the_top_three() {
    let Some(dir) = common::corpus() else { return };
    let site = common::example_site();
    let root = site.path();
    copy_dir(&dir.join("html"), &root.join("content/corpus"));
    copy_dir(&dir.join("text"), &root.join("content/corpus"));
    let toml = std::fs::read_to_string(root.join("site.toml")).expect("site.toml");
    assert!(
        !toml.contains("search = false"),
        "search is on in the example site"
    );
    let mut options = BuildOptions::new(root);
    options.keep_going = true;
    let report = build(&options).expect("builds");
    assert!(report.articles >= 50, "{} articles", report.articles);

    let out = root.join("public");
    let records: Vec<serde_json::Value> =
        serde_json::from_str(&common::read(&out.join("data/articles.json"))).expect("JSON");
    let file_of = |slug: &str| -> String {
        records
            .iter()
            .find(|r| r["slug"] == slug)
            .and_then(|r| r["input"].as_str())
            .and_then(|i| i.rsplit('/').next())
            .unwrap_or("")
            .to_string()
    };
    let tops = top_three(
        &out,
        &JUDGED
            .iter()
            .map(|(q, region, year, _)| (*q, *region, *year))
            .collect::<Vec<_>>(),
    );
    let mut failures = Vec::new();
    for ((query, region, year, expected), top) in JUDGED.iter().zip(&tops) {
        let files: Vec<String> = top.iter().map(|slug| file_of(slug)).collect();
        // A year filter returns only that year's articles.
        for slug in top.iter().filter(|_| !year.is_empty()) {
            let date = records
                .iter()
                .find(|r| r["slug"] == slug.as_str())
                .and_then(|r| r["date"].as_str())
                .unwrap_or("");
            assert!(
                date.starts_with(year),
                "{query:?} in {year}: {slug} is of {date}"
            );
        }
        if !files.iter().any(|f| f == expected) {
            failures.push(format!(
                "{query:?} (region {region:?}, year {year:?}): expected {expected} in {files:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} judged queries missed:\n{}",
        failures.len(),
        JUDGED.len(),
        failures.join("\n")
    );
}

/// The slugs of the first three results of each (query, region, year), as the browser's
/// search.js ranks them over the index built into `out`.
fn top_three(out: &Path, queries: &[(&str, &str, &str)]) -> Vec<Vec<String>> {
    let queries: Vec<serde_json::Value> = queries
        .iter()
        .map(|(q, region, year)| serde_json::json!({"q": q, "region": region, "year": year}))
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("queries.json");
    std::fs::write(&input, serde_json::to_string(&queries).expect("json")).expect("write");
    // The browser's code, reading the index from disk instead of over HTTP.
    let script = r#"
        const fs = require("fs");
        const path = require("path");
        const text = require(process.argv[1]);
        const index = process.argv[2];
        const queries = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
        const read = (p) => JSON.parse(fs.readFileSync(path.join(index, p), "utf8"));
        const meta = read("meta.json");
        const foldJson = read("fold.json");
        const from = Array.from(foldJson.from), to = Array.from(foldJson.to);
        const table = new Map(from.map((c, i) => [c, to[i]]));
        const postings = async (token) => {
          const shard = read("shards/" + text.shardOf(token, meta.shards) + ".json");
          const found = new Map();
          let doc = 0;
          for (const value of (Object.prototype.hasOwnProperty.call(shard, token) ? shard[token] : [])) {
            doc += Math.floor(value / 8);
            found.set(doc, value % 8);
          }
          return found;
        };
        (async () => {
          const out = [];
          for (const query of queries) {
            const toks = text.tokens(text.foldText(query.q, table));
            const region = query.region ? meta.regions[text.foldText(query.region, table)] : null;
            const hits = await text.rank(toks, meta, postings, region, query.year);
            out.push(hits.slice(0, 3).map((h) => {
              const chunk = Math.floor(h.doc / meta.chunk);
              return read("docs/" + chunk + ".json")[h.doc - chunk * meta.chunk].s;
            }));
          }
          process.stdout.write(JSON.stringify(out));
        })();
    "#;
    let search_js = Path::new(env!("CARGO_MANIFEST_DIR")).join("static/search.js");
    let run = Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(&search_js)
        .arg(out.join("search"))
        .arg(&input)
        .output()
        .expect("node is installed (it is part of the baseline machine)");
    assert!(
        run.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    serde_json::from_slice(&run.stdout).expect("node printed JSON")
}

/// Where the query's words stand together (a phrase), the article holds the bigrams across
/// their boundary too, and comes before one that has the same words apart, even more often.
#[test]
fn a_phrase_ranks_above_the_same_words_apart() {
    let site = common::example_site();
    let root = site.path();
    std::fs::write(
        root.join("content/phrase.md"),
        "---\ntitle: 登记制度试点启动\ndate: 2024-03-01\n---\n\n北京启动数据知识产权登记试点。\n",
    )
    .expect("write");
    std::fs::write(
        root.join("content/apart.md"),
        "---\ntitle: 数据与产权\ndate: 2024-03-02\n---\n\n数据要素市场建设加快，数据流通规则完善。知识产权保护加强，知识产权运用提速，知识产权服务优化。\n",
    )
    .expect("write");
    build(&BuildOptions::new(root)).expect("builds");
    let tops = top_three(&root.join("public"), &[("数据知识产权", "", "")]);
    let first = tops[0].first().expect("a result");
    assert!(
        first.contains("deng-ji-zhi-du"),
        "the phrase first: {:?}",
        tops[0]
    );
    assert!(
        tops[0].iter().any(|s| s.contains("shu-ju-yu-chan-quan")),
        "{:?}",
        tops[0]
    );
}
