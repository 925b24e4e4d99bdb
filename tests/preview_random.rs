//! The preview equals a fresh build, under random edits. A 45-article site (the five
//! samples and 40 generated Markdown articles across regions, years and tags, with its own
//! templates and static files) is served with `--watch`; each step makes one random edit
//! (a headline, a body, regions, a date, tags, a new, deleted or renamed article, a
//! template, a static file, site.toml) and then every served file must equal the same file
//! of a fresh `digest build`.
//!
//! The edits are drawn from a seed, printed at the start and in any failure; rerun one with
//! `DIGEST_SEED=N`. `DIGEST_RANDOM_EDITS` sets how many (default 40).

mod common;

use std::path::{Path, PathBuf};

use common::{Server, example_site};

const REGIONS: [&str; 5] = [
    "beijing",
    "shanghai",
    "sichuan-chongqing",
    "hong-kong",
    "national",
];
const TAGS: [&str; 4] = ["专利", "商标", "版权", "数据"];
const WORDS: [&str; 8] = [
    "知识产权",
    "保护",
    "合作",
    "专利",
    "商标",
    "数据",
    "创新",
    "营商环境",
];

struct Article {
    file: String,
    title: String,
    date: String,
    regions: Vec<&'static str>,
    tags: Vec<&'static str>,
    body: String,
}

impl Article {
    fn random(rng: &mut fastrand::Rng, n: usize) -> Article {
        Article {
            file: format!("content/gen-{n:03}.md"),
            title: phrase(rng, 3) + &format!("第{n}号"),
            date: random_date(rng),
            regions: pick(rng, &REGIONS),
            tags: pick(rng, &TAGS),
            body: paragraphs(rng),
        }
    }

    fn text(&self) -> String {
        let list = |items: &[&str]| format!("[{}]", items.join(", "));
        let mut front = format!("---\ntitle: '{}'\ndate: {}\n", self.title, self.date);
        if !self.regions.is_empty() {
            front.push_str(&format!("regions: {}\n", list(&self.regions)));
        }
        if !self.tags.is_empty() {
            front.push_str(&format!("tags: {}\n", list(&self.tags)));
        }
        format!("{front}---\n\n{}\n", self.body)
    }
}

fn phrase(rng: &mut fastrand::Rng, words: usize) -> String {
    (0..words)
        .map(|_| WORDS[rng.usize(..WORDS.len())])
        .collect()
}

fn paragraphs(rng: &mut fastrand::Rng) -> String {
    (0..rng.usize(1..4))
        .map(|_| format!("{}，{}。", phrase(rng, 4), phrase(rng, 3)))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn random_date(rng: &mut fastrand::Rng) -> String {
    format!(
        "{}-{:02}-{:02}",
        rng.i32(2018..=2022),
        rng.u32(1..=12),
        rng.u32(1..=28)
    )
}

fn pick<T: Copy>(rng: &mut fastrand::Rng, items: &[T]) -> Vec<T> {
    items.iter().copied().filter(|_| rng.u8(..4) == 0).collect()
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("under"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn append(path: &Path, text: &str) {
    let mut old = std::fs::read_to_string(path).expect("read");
    old.push_str(text);
    std::fs::write(path, old).expect("write");
}

/// Waits until the server has rebuilt after `version` and stays quiet (a rename is two
/// file events; the comparison must see the last rebuild).
fn settle(server: &Server, version: u64) {
    let mut seen = server.wait_rebuild(version);
    loop {
        std::thread::sleep(std::time::Duration::from_millis(400));
        let now = server.version();
        if now == seen {
            return;
        }
        seen = now;
    }
}

#[test]
fn random_edits_keep_the_preview_equal_to_a_fresh_build() {
    let seed = std::env::var("DIGEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| fastrand::u64(..));
    let edits: usize = std::env::var("DIGEST_RANDOM_EDITS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40);
    println!("DIGEST_SEED={seed} DIGEST_RANDOM_EDITS={edits}");
    let mut rng = fastrand::Rng::with_seed(seed);

    let site = example_site();
    let root = site.path().to_path_buf();
    copy_dir(&common::repo().join("templates"), &root.join("templates"));
    copy_dir(&common::repo().join("static"), &root.join("static"));
    let mut articles: Vec<Article> = (0..40).map(|n| Article::random(&mut rng, n)).collect();
    for a in &articles {
        std::fs::write(root.join(&a.file), a.text()).expect("write article");
    }
    let mut next = articles.len();
    let feed_limit = regex::Regex::new(r"(?m)^feed_limit = \d+").expect("valid");
    let server = Server::start(&root, &["--watch"]);
    common::assert_matches_fresh_build(&server, &root);

    for step in 0..edits {
        let version = server.version();
        let i = rng.usize(..articles.len());
        let what = match rng.u8(..12) {
            0 => {
                articles[i].title = phrase(&mut rng, 2) + &format!("改{step}");
                "headline"
            }
            1 | 2 => {
                articles[i].body = paragraphs(&mut rng);
                "body"
            }
            3 => {
                articles[i].regions = pick(&mut rng, &REGIONS);
                "regions"
            }
            4 => {
                articles[i].date = random_date(&mut rng);
                "date"
            }
            5 => {
                articles[i].tags = pick(&mut rng, &TAGS);
                "tags"
            }
            6 => {
                articles.push(Article::random(&mut rng, next));
                next += 1;
                "new article"
            }
            7 if articles.len() > 20 => {
                let gone = articles.swap_remove(i);
                std::fs::remove_file(root.join(&gone.file)).expect("delete");
                "deleted article"
            }
            8 => {
                let old: PathBuf = root.join(&articles[i].file);
                articles[i].file = format!("content/renamed-{next:03}.md");
                next += 1;
                std::fs::rename(&old, root.join(&articles[i].file)).expect("rename");
                "renamed article"
            }
            9 => {
                append(
                    &root.join("templates/partials/entry.html"),
                    &format!("<!-- edit {step} -->\n"),
                );
                "template"
            }
            10 => {
                append(
                    &root.join("static/style.css"),
                    &format!("/* edit {step} */\n"),
                );
                "static file"
            }
            _ => {
                let toml = root.join("site.toml");
                let text = std::fs::read_to_string(&toml).expect("site.toml");
                let limit = rng.u8(2..60);
                let text = feed_limit
                    .replace(&text, format!("feed_limit = {limit}").as_str())
                    .into_owned();
                std::fs::write(&toml, text).expect("write site.toml");
                "site.toml"
            }
        };
        if matches!(what, "headline" | "body" | "regions" | "date" | "tags") {
            let a = &articles[i];
            std::fs::write(root.join(&a.file), a.text()).expect("write article");
        } else if what == "new article" {
            let a = articles.last().expect("just added");
            std::fs::write(root.join(&a.file), a.text()).expect("write article");
        }
        println!("step {step}: {what}");
        settle(&server, version);
        let check = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            common::assert_matches_fresh_build(&server, &root)
        }));
        assert!(
            check.is_ok(),
            "step {step} ({what}) left the preview unlike a fresh build; rerun with DIGEST_SEED={seed}"
        );
    }
}
