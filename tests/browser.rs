//! A real browser (Debian's headless Chromium, driven over CDP) keeps a page open while an
//! article is edited, and sees the page reload by itself; a broken save shows the overlay.
//!
//! Needs /usr/bin/chromium. Without it the test is reported as ignored (with a line saying
//! why), unless DIGEST_REQUIRE_BROWSER is set (as `.ci/run` does): then it fails.

mod common;

use std::time::Duration;

use common::{Server, example_site, read, wait_for};
use headless_chrome::Browser;

const ARTICLE: &str = "content/001_a16acc1952857782.txt";

fn main() -> std::process::ExitCode {
    common::run_needing(
        common::Tool::chromium(),
        vec![(
            "an_open_page_reloads_itself_after_an_edit",
            an_open_page_reloads_itself_after_an_edit,
        )],
    )
}

fn browser() -> Browser {
    common::chromium(None)
}

fn eval(tab: &headless_chrome::Tab, js: &str) -> serde_json::Value {
    tab.evaluate(js, false)
        .ok()
        .and_then(|r| r.value)
        .unwrap_or(serde_json::Value::Null)
}

fn an_open_page_reloads_itself_after_an_edit() {
    let browser = browser();
    let site = example_site();
    let root = site.path();
    let server = Server::start(root, &["--watch"]);
    let records: serde_json::Value =
        serde_json::from_str(&server.get("data/articles.json").1).expect("json");
    let slug = records
        .as_array()
        .expect("array")
        .iter()
        .find(|r| r["input"] == ARTICLE)
        .and_then(|r| r["slug"].as_str())
        .expect("slug")
        .to_string();

    let tab = browser.new_tab().expect("tab");
    tab.navigate_to(&format!("{}regions/beijing.html", server.url))
        .expect("navigate")
        .wait_until_navigated()
        .expect("loaded");
    // Let the live-reload connection open, then mark this page instance.
    wait_for("the live-reload connection", 10, || {
        (eval(
            &tab,
            "document.querySelector('script[data-digest-live-reload]') !== null",
        ) == true)
            .then_some(())
    });
    std::thread::sleep(Duration::from_millis(300));
    eval(&tab, "window.__digestMarker = 'before'");

    // Edit the body of an article shown on this timeline (its summary comes from it).
    let text = read(&root.join(ARTICLE)).replace("10月28日，市政府", "10月28日上午，市政府");
    std::fs::write(root.join(ARTICLE), text).expect("write");

    wait_for("the page to reload with the edit", 20, || {
        let reloaded = eval(&tab, "window.__digestMarker === undefined") == true;
        let edited = eval(&tab, "document.body.innerText.includes('10月28日上午')") == true;
        (reloaded && edited).then_some(())
    });

    // Break the front matter: the page reloads and shows the overlay naming the file.
    tab.navigate_to(&format!("{}articles/{slug}.html", server.url))
        .expect("navigate")
        .wait_until_navigated()
        .expect("loaded");
    std::thread::sleep(Duration::from_millis(300));
    let good = read(&root.join(ARTICLE));
    std::fs::write(root.join(ARTICLE), good.replace("---\n\n<div>", "\n<div>")).expect("write");
    wait_for("the overlay", 20, || {
        let text = eval(
            &tab,
            "(document.getElementById('digest-overlay') || {innerText: ''}).innerText",
        );
        text.as_str()
            .is_some_and(|t| t.contains("001_a16acc1952857782.txt"))
            .then_some(())
    });
    assert_eq!(
        eval(&tab, "document.querySelector('h1').innerText"),
        "北京市政府与国家知识产权局签订合作会商议定书，陈吉宁要求打造知识产权强国建设首善之区",
        "the last good page stays under the overlay"
    );

    // Fixing it clears the overlay.
    std::fs::write(root.join(ARTICLE), good).expect("write");
    wait_for("the overlay to go", 20, || {
        (eval(&tab, "document.getElementById('digest-overlay') === null") == true).then_some(())
    });
}
