//! The browser's search (static/search.js) and the index (src/render/search.rs) must fold,
//! tokenize and shard text identically, or queries miss. Node runs the script's functions
//! on texts Rust chose (fixed ones and random CJK, Latin, full-width and supplementary-plane
//! mixtures), and every result must equal Rust's. Node is part of the baseline machine
//! (the README lists it), so a missing `node` fails this test.

use std::process::Command;

use digest::render::search::{Fold, shard_of, tokens};

const SHARD_COUNTS: [u32; 4] = [1, 7, 13, 64];

fn texts() -> Vec<String> {
    let mut texts: Vec<String> = [
        "上海专利",
        "上海 專利 保護",
        "京港加強合作助力知識產權強國建設",
        "沪",
        "2025年全球创新指数 GII",
        "ＷＩＰＯ报告：Ａｂｃ１２３",
        "《“十四五”国家知识产权保护和运用规划》",
        "𠀀𠀁中文𪚥",
        "RCEP、TRIPS协定",
        "",
        "   ",
        "a-b_c.d",
        "é ü ñ 日本語カタカナ",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rng = fastrand::Rng::with_seed(2021);
    let pools: [&[char]; 5] = [
        &['知', '識', '产', '權', '上', '海', '專', '利', '國', '家'],
        &['a', 'B', 'z', '0', '9', 'Ｑ', '１'],
        &[' ', '，', '、', '-', '\u{3000}', '\n'],
        &['𠀀', '𪚥', '㐀', '豈'],
        &['é', 'カ', '한', '🙂'],
    ];
    for _ in 0..300 {
        let len = rng.usize(0..24);
        texts.push(
            (0..len)
                .map(|_| {
                    let pool = pools[rng.usize(0..pools.len())];
                    pool[rng.usize(0..pool.len())]
                })
                .collect(),
        );
    }
    texts
}

#[test]
fn node_and_rust_fold_tokenize_and_shard_alike() {
    let fold = Fold::new();
    let texts = texts();
    let expected: Vec<serde_json::Value> = texts
        .iter()
        .map(|text| {
            let folded = fold.text(text);
            // A query's tokens are distinct in search.js; the index counts repeats (term
            // frequency), so Rust's are compared in order of first appearance.
            let mut toks: Vec<String> = Vec::new();
            for token in tokens(&folded) {
                if !toks.iter().any(|t| t == token) {
                    toks.push(token.to_string());
                }
            }
            let shards: Vec<Vec<u32>> = toks
                .iter()
                .map(|t| SHARD_COUNTS.iter().map(|&n| shard_of(t, n)).collect())
                .collect();
            serde_json::json!({ "folded": folded, "tokens": toks, "shards": shards })
        })
        .collect();

    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("input.json");
    let fold_table: serde_json::Value =
        serde_json::from_slice(&fold.to_json()).expect("fold table is JSON");
    std::fs::write(
        &input,
        serde_json::json!({ "fold": fold_table, "texts": texts, "counts": SHARD_COUNTS })
            .to_string(),
    )
    .expect("write input");
    let script = r#"
        const fs = require("fs");
        const text = require(process.argv[1]);
        const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
        const from = Array.from(input.fold.from), to = Array.from(input.fold.to);
        const table = new Map(from.map((c, i) => [c, to[i]]));
        const out = input.texts.map((t) => {
          const folded = text.foldText(t, table);
          const tokens = text.tokens(folded);
          const shards = tokens.map((tok) => input.counts.map((n) => text.shardOf(tok, n)));
          return { folded, tokens, shards };
        });
        process.stdout.write(JSON.stringify(out));
    "#;
    let search_js = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/search.js");
    let out = Command::new("node")
        .arg("-e")
        .arg(script)
        .arg(&search_js)
        .arg(&input)
        .output()
        .expect("node is installed (it is part of the baseline machine)");
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let actual: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).expect("node printed JSON");
    assert_eq!(actual.len(), expected.len());
    for ((text, ours), theirs) in texts.iter().zip(&expected).zip(&actual) {
        assert_eq!(
            ours, theirs,
            "text {text:?}: Rust (left) and search.js (right) differ"
        );
    }
    // The vectors exercise what matters: Han bigrams, supplementary-plane characters and
    // folding from Traditional and full-width forms.
    let all: String = expected
        .iter()
        .map(|e| e["folded"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(all.contains("专利") && all.contains("𠀀") && all.contains("abc123"));
}
