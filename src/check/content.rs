//! `digest check`: lints the content without writing a site. Every file goes through the
//! real pipeline (so anything a build would reject is an error here too); the articles that
//! come out are then checked for what a build accepts but an editor should look at.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use crate::article::{Article, Placed};
use crate::config::SiteConfig;
use crate::diagnostic::{Diagnostic, Kind};
use crate::extract::DateSource;
use crate::zh::dateline;

/// Oldest date taken as plausible for this digest's subject (China's first patent law).
const OLDEST_PLAUSIBLE_YEAR: i32 = 1984;

/// A Han character followed by a parenthesised pinyin syllable, as inserted by converters:
/// lower case with a tone mark or tone number (`產(chǎn)`, `权(quan2)`), so an abbreviation in
/// parentheses (`值(GDP)`, `序(App)`) is not taken for one.
static LEFTOVER_PINYIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\p{Han}[(（](?:[a-zü]{0,6}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜń][a-zü]{0,5}|[a-zü]{1,6}[1-5])[)）]",
    )
    .expect("valid regex")
});

/// Page chrome that should never be part of an article body, in both scripts (bodies are
/// converted to the site's script before this check, and the hint quotes what matched, so
/// an editor of either kind of site finds it in the text).
const CHROME: &[&str] = &[
    "发布日期：",
    "發布日期：",
    "发布日期:",
    "發布日期:",
    "责任编辑：",
    "責任編輯：",
    "免责声明",
    "免責聲明",
    "扫一扫",
    "掃一掃",
    "分享到：",
    "打印本页",
    "打印本頁",
    "关闭窗口",
    "關閉窗口",
    "【字号",
    "【字號",
    "当前位置：",
    "當前位置：",
    "您当前的位置",
    "您當前的位置",
];
/// What extraction could not settle and an editor should know: a date taken from the
/// file's modification time (a warning, printed by every build too) and text removed from
/// inside the body as page chrome (notes).
pub fn extraction_notes(article: &Article) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    if article.date_source == DateSource::File {
        notes.push(
            Diagnostic::warning(
                &article.input,
                format!(
                    "no publication date found; dated {} from when the page was fetched (fetched:) or else the file's modification time",
                    article.published.date
                ),
            )
            .hint("add `date:` in front matter over the page, e.g. date: 2021-12-07")
            .kind(Kind::Undated),
        );
    }
    if article.date_source == DateSource::Dateline {
        notes.push(
            Diagnostic::warning(
                &article.input,
                format!(
                    "no publication date found; dated {} from its dateline's month and day, the year from when the file was saved",
                    article.published.date
                ),
            )
            .hint("check the year; add `date:` in front matter over the page to fix it")
            .kind(Kind::YearGuessed),
        );
    }
    for warning in &article.warnings {
        let mut d = Diagnostic::warning(&article.input, warning.message.clone());
        d.line = warning.line;
        d.hint = warning.hint.clone();
        notes.push(d.kind(Kind::FrontMatter));
    }
    for guess in &article.guesses {
        notes.push(
            Diagnostic::warning(&article.input, guess.clone())
                .hint("add `title:` in front matter over the page")
                .kind(Kind::HeadlineGuessed),
        );
    }
    for removed in &article.removed {
        notes.push(
            Diagnostic::note(
                &article.input,
                format!(
                    "removed from the body as page chrome: {}",
                    excerpt(removed, 40)
                ),
            )
            .hint("if this is article text, correct the page or write the body by hand")
            .kind(Kind::ChromeRemoved),
        );
    }
    if article.text_length() == 0 {
        notes.push(
            Diagnostic::warning(&article.input, "the article has no body text")
                .hint("the page may hold only a headline or a list of links; add the body, or remove the file")
                .kind(Kind::EmptyBody),
        );
    }
    notes
}

/// Checks the processed articles. `raw` gives each article's source text, for line numbers.
pub fn lint(
    articles: &[Placed],
    config: &SiteConfig,
    raw: &dyn Fn(&Path) -> Option<String>,
    today: chrono::NaiveDate,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for article in articles {
        let source = raw(&article.input).unwrap_or_default();
        let line_of = |needle: &str| {
            source
                .lines()
                .position(|l| l.contains(needle))
                .map(|i| i + 1)
        };
        let at = |d: Diagnostic, line: Option<usize>| match line {
            Some(line) => d.at(line, None),
            None => d,
        };
        let date = article.published.date;
        let date_line = line_of("date:").or_else(|| line_of("日期"));
        if date > today + chrono::Days::new(1) {
            problems.push(at(
                Diagnostic::warning(&article.input, format!("dated in the future ({date})"))
                    .hint("check the date; a typo in the year is common")
                    .kind(Kind::FutureDate),
                date_line,
            ));
        } else if chrono::Datelike::year(&date) < OLDEST_PLAUSIBLE_YEAR {
            problems.push(at(
                Diagnostic::warning(&article.input, format!("implausibly old date ({date})"))
                    .hint("check the date; the portal may have exported a placeholder")
                    .kind(Kind::OldDate),
                date_line,
            ));
        }
        for d in extraction_notes(article) {
            let line = d.line.or_else(|| {
                d.message
                    .split_once(": ")
                    .and_then(|(_, text)| line_of(text.trim_end_matches('…')))
            });
            problems.push(at(d, line));
        }
        if article.requested_regions.is_none() && matches_no_region(article, config) {
            problems.push(
                Diagnostic::note(
                    &article.input,
                    format!(
                        "matches no region's keywords; filed under {}",
                        config.classify.fallback
                    ),
                )
                .hint("add `regions:` to the front matter, or a keyword to site.toml")
                .kind(Kind::FallbackRegion),
            );
        }
        let paragraphs = article.paragraphs.to_vec();
        let text =
            std::iter::once(article.title.as_str()).chain(paragraphs.iter().map(String::as_str));
        for paragraph in text {
            if let Some(m) = LEFTOVER_PINYIN.find(paragraph) {
                let reading = &m.as_str()[m.as_str().chars().next().map_or(0, char::len_utf8)..];
                problems.push(at(
                    Diagnostic::warning(
                        &article.input,
                        format!("pinyin left in the text: {}", m.as_str()),
                    )
                    .hint("the reading does not match the character before it; remove it by hand")
                    .kind(Kind::PinyinLeft),
                    line_of(reading),
                ));
            }
            if let Some(chrome) = CHROME.iter().find(|c| paragraph.contains(*c)) {
                problems.push(
                    Diagnostic::warning(
                        &article.input,
                        format!("page chrome left in the text: {}", excerpt(paragraph, 30)),
                    )
                    .hint(format!("remove the line with \"{chrome}\" from the file"))
                    .kind(Kind::ChromeLeft),
                );
            }
        }
        if let Some(line) = source.lines().position(|l| l.contains('\u{fffd}')) {
            problems.push(
                Diagnostic::warning(&article.input, "undecodable bytes (shown as \u{fffd})")
                    .at(line + 1, None)
                    .hint("re-save the file as UTF-8, or fix the characters on this line")
                    .kind(Kind::UndecodableBytes),
            );
        }
    }
    problems.extend(duplicates(articles));
    problems
}

fn matches_no_region(article: &Article, config: &SiteConfig) -> bool {
    let text = crate::classify::Positions::of(article);
    !config.regions.iter().any(|region| {
        crate::classify::score(region, &text, &config.classify) >= config.classify.min_score
    })
}

/// The same wire story from two portals: the same opening (first 40 Han characters of the
/// body, datelines removed), or the same headline on the same day. Articles linked by
/// either key form one cluster, reported once, on its first file.
fn duplicates(articles: &[Placed]) -> Vec<Diagnostic> {
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, article) in articles.iter().enumerate() {
        let body = dateline::strip_all(&article.paragraphs.to_vec().join("")).into_owned();
        let opening: String = body
            .chars()
            .filter(|&c| crate::zh::punctuation::is_han(c))
            .take(40)
            .collect();
        if opening.chars().count() == 40 {
            by_key.entry(format!("body:{opening}")).or_default().push(i);
        }
        by_key
            .entry(format!(
                "title:{}:{}",
                article.published.date, article.title
            ))
            .or_default()
            .push(i);
    }
    // Union-find over the articles sharing a key.
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for group in by_key.values().filter(|g| g.len() > 1) {
        for &other in &group[1..] {
            let (a, b) = (root(&mut parent, group[0]), root(&mut parent, other));
            parent[a] = b;
        }
    }
    let mut clusters: BTreeMap<usize, Vec<&Path>> = BTreeMap::new();
    for (i, article) in articles.iter().enumerate() {
        let r = root(&mut parent, i);
        clusters.entry(r).or_default().push(&article.input);
    }
    const NAMED: usize = 5;
    let mut problems = Vec::new();
    for mut files in clusters.into_values().filter(|c| c.len() > 1) {
        files.sort();
        files.dedup();
        if files.len() < 2 {
            continue;
        }
        let others: Vec<String> = files[1..]
            .iter()
            .take(NAMED)
            .map(|p| p.display().to_string())
            .collect();
        let more = match files.len() - 1 - others.len() {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        problems.push(
            Diagnostic::warning(
                files[0],
                format!(
                    "likely the same story as {}{more} ({} copies)",
                    others.join(", "),
                    files.len()
                ),
            )
            .hint("keep one copy, or give each its own `slug:` if all belong")
            .kind(Kind::Duplicate),
        );
    }
    problems
}

/// The first `chars` characters of `text`, with … when it goes on.
pub fn excerpt(text: &str, chars: usize) -> String {
    let mut out: String = text.chars().take(chars).collect();
    if text.chars().count() > chars {
        out.push('…');
    }
    out
}

/// Links in article bodies to this site's own pages, written as absolute URLs under
/// `base_url` (relative links in content are unwrapped by cleaning, so these are the only
/// internal links content can hold): each must name a page the build writes.
pub fn dead_self_links(
    articles: &[crate::site::Entry],
    config: &SiteConfig,
    pages: &std::collections::HashSet<&str>,
    raw: &dyn Fn(&Path) -> Option<String>,
) -> Vec<Diagnostic> {
    static HREF: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"href="([^"]*)""#).expect("valid regex"));
    let base = config.base_url.trim_end_matches('/');
    let mut problems = Vec::new();
    if base.is_empty() {
        return problems;
    }
    for article in articles {
        for caps in HREF.captures_iter(&article.body_html.text()) {
            let href = caps[1].replace("&amp;", "&");
            let Some(rest) = href.strip_prefix(base) else {
                continue;
            };
            let path = rest
                .split(['#', '?'])
                .next()
                .unwrap_or("")
                .trim_start_matches('/');
            let path = if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_string()
            };
            let decoded = percent_decode(&path);
            if !pages.contains(path.as_str()) && !pages.contains(decoded.as_str()) {
                let line = raw(&article.input)
                    .and_then(|text| text.lines().position(|l| l.contains(href.as_str())))
                    .map(|i| i + 1);
                let d = Diagnostic::error(
                    &article.input,
                    format!("broken link {href:?}: this site has no page {path}"),
                )
                .hint("link to an existing article (its URL is on its page), or remove the link");
                problems.push(match line {
                    Some(line) => d.at(line, None),
                    None => d,
                });
            }
        }
    }
    problems
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = path.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod pinyin_tests {
    use super::LEFTOVER_PINYIN;

    #[test]
    fn leftover_readings_but_not_abbreviations() {
        assert!(LEFTOVER_PINYIN.is_match("知識產(chǎn)權"));
        assert!(LEFTOVER_PINYIN.is_match("产权(quan2)"));
        for text in [
            "国内生产总值(GDP)",
            "应用程序(App)",
            "世界贸易组织（WTO）",
            "条件(a)",
        ] {
            assert!(!LEFTOVER_PINYIN.is_match(text), "{text}");
        }
    }
}
