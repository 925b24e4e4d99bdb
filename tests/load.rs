//! 1,000 concurrent connections from a second process (wrk, Debian's package) against the
//! preview server are all served, and it still serves afterwards. Without wrk the test is
//! reported as ignored, unless DIGEST_REQUIRE_WRK is set (CI sets it): then it fails.

mod common;

use common::{Server, example_site};

fn main() -> std::process::ExitCode {
    common::run_needing(
        common::Tool::wrk(),
        vec![(
            "a_thousand_connections_are_served",
            a_thousand_connections_are_served,
        )],
    )
}

fn a_thousand_connections_are_served() {
    let site = example_site();
    let server = Server::start(site.path(), &[]);
    let page = format!("{}regions/beijing.html", server.url);
    let out = std::process::Command::new("wrk")
        .args(["-t2", "-c1000", "-d3s", &page])
        .output()
        .expect("run wrk");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}");
    assert!(!report.contains("Socket errors"), "{report}");
    assert!(!report.contains("Non-2xx"), "{report}");
    let requests: u64 = report
        .lines()
        .find(|l| l.contains("requests in"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(requests >= 1000, "{report}");
    // Still serving afterwards.
    assert_eq!(server.get("regions/beijing.html").0, 200);
}
