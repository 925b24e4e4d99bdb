//! Saved web pages (and HTML fragments without front matter): the article is found by a
//! general method, not by knowing the site.
//!
//! 1. Known boilerplate (a data table of class and id tokens, see [`boilerplate`]) and
//!    invisible elements are set aside.
//! 2. Every element gets text, link-text, punctuation and tag counts, bottom up.
//! 3. Paragraph-like blocks score their ancestors as readability does, weighted by Chinese
//!    sentence punctuation (dense in article prose, rare in menus and link lists, as GNE
//!    observes) and discounted by link density; class and id names nudge the score.
//! 4. The best container, plus siblings that score nearly as well, is the article. Inside
//!    it, link lists, widgets and the headline and metadata lines are pruned.
//! 5. Metadata comes from meta tags, JSON-LD, `<time>`, the text around the headline and
//!    the page's address.

use rustc_hash::FxHashMap as HashMap;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use super::dom::{Dom, Element, Node, NodeId, NodeRef};

use super::boilerplate;
use super::date::{self, DateSource, Published};
use super::{Body, Draft, ExtractError, Field, Origin};
use crate::zh::punctuation::is_han;

/// Elements whose text is never article text.
const INVISIBLE: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "select",
    "option", "textarea", "button", "svg", "canvas", "video", "audio", "object", "embed", "input",
    "map", "dialog",
];
/// Elements that break a line of text: the blocks an article keeps, and layout blocks.
fn breaks_line(name: &str) -> bool {
    crate::markup::BLOCKS.contains(&name)
        || matches!(
            name,
            "div"
                | "section"
                | "article"
                | "main"
                | "header"
                | "footer"
                | "nav"
                | "aside"
                | "h1"
                | "form"
                | "center"
                | "br"
                | "hr"
                | "address"
        )
}
/// Least text (characters, links excluded) for a page to hold an article.
const MIN_ARTICLE_CHARS: u32 = 30;

/// Counts over an element's visible subtree.
#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    /// Visible non-space characters.
    text: u32,
    /// Of which inside links.
    link_text: u32,
    /// Sentence punctuation outside links.
    punct: u32,
    /// Descendant elements.
    tags: u32,
    /// `<p>` descendants with text.
    paragraphs: u32,
}

impl Stats {
    fn add(&mut self, other: Stats) {
        self.text += other.text;
        self.link_text += other.link_text;
        self.punct += other.punct;
        self.tags += other.tags;
        self.paragraphs += other.paragraphs;
    }

    fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link_text as f32 / self.text as f32
        }
    }

    fn own_text(&self) -> u32 {
        self.text - self.link_text
    }
}

fn is_sentence_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '！' | '？' | '；' | '、' | '：' | '“' | '”' | '「' | '」' | '『' | '』'
    )
}

/// What counting found of a node.
#[derive(Debug, Clone, Copy)]
enum Mark {
    /// Not counted: a text node, or inside an element set aside.
    Unseen,
    /// Set aside before scoring: known boilerplate, or invisible (never shown to a reader,
    /// so never the headline either).
    SetAside { invisible: bool },
    /// Counted, with its counts.
    Counted(Stats),
}

/// The parsed page with what counting found of each node (a table indexed by node).
struct Page {
    dom: Dom,
    marks: Vec<Mark>,
}

impl Page {
    fn parse(text: &str) -> Page {
        let dom = Dom::parse(text);
        let marks = vec![Mark::Unseen; dom.len()];
        let mut page = Page { dom, marks };
        let root = page.dom.root().id();
        page.count(root, false);
        page
    }

    fn node(&self, id: NodeId) -> Option<NodeRef<'_>> {
        self.dom.get(id)
    }

    fn stats(&self, id: NodeId) -> Stats {
        match self.marks[id.index()] {
            Mark::Counted(s) => s,
            _ => Stats::default(),
        }
    }

    fn counted(&self, id: NodeId) -> bool {
        matches!(self.marks[id.index()], Mark::Counted(_))
    }

    fn excluded(&self, id: NodeId) -> bool {
        matches!(self.marks[id.index()], Mark::SetAside { .. })
    }

    fn invisible(&self, id: NodeId) -> bool {
        matches!(self.marks[id.index()], Mark::SetAside { invisible: true })
    }

    /// Counts bottom up (recursion depth is bounded by [`super::dom::MAX_DEPTH`]).
    fn count(&mut self, id: NodeId, in_link: bool) -> Stats {
        let Some(node) = self.dom.get(id) else {
            return Stats::default();
        };
        match node.value() {
            Node::Text(text) => {
                let mut s = Stats::default();
                for c in text.chars() {
                    if c.is_whitespace() || c == '\u{feff}' || c == '\u{ad}' {
                        continue;
                    }
                    s.text += 1;
                    if in_link {
                        s.link_text += 1;
                    } else if is_sentence_punct(c) {
                        s.punct += 1;
                    }
                }
                s
            }
            Node::Element(el) => {
                let name = el.name();
                let invisible = INVISIBLE.contains(&name) || is_hidden(&el);
                let excluded = invisible || boilerplate::is_boilerplate(&el);
                let (is_link, is_paragraph) = (name == "a", name == "p");
                let first = node.first_child().map(|c| c.id());
                if excluded {
                    self.marks[id.index()] = Mark::SetAside { invisible };
                    return Stats::default();
                }
                let link = in_link || is_link;
                let mut s = Stats::default();
                let mut child = first;
                while let Some(id) = child {
                    s.add(self.count(id, link));
                    child = self
                        .dom
                        .get(id)
                        .and_then(|n| n.next_sibling())
                        .map(|n| n.id());
                }
                s.tags += 1;
                if is_paragraph && s.own_text() > 0 {
                    s.paragraphs += 1;
                }
                self.marks[id.index()] = Mark::Counted(s);
                s
            }
            Node::Document => {
                let children: Vec<NodeId> = node.children().map(|c| c.id()).collect();
                let mut s = Stats::default();
                for child in children {
                    s.add(self.count(child, in_link));
                }
                self.marks[id.index()] = Mark::Counted(s);
                s
            }
        }
    }
}

/// `hidden`, `display:none`, `visibility:hidden`, `aria-hidden=true` on a block.
fn is_hidden(el: &Element<'_>) -> bool {
    el.attr("hidden").is_some()
        || el.attr("style").is_some_and(|style| {
            // `display : none` in any case and spacing.
            let squeezed: Vec<u8> = style
                .bytes()
                .filter(|b| !b.is_ascii_whitespace())
                .map(|b| b.to_ascii_lowercase())
                .collect();
            memchr::memmem::find(&squeezed, b"display:none").is_some()
                || memchr::memmem::find(&squeezed, b"visibility:hidden").is_some()
        })
}

/// Class and id names that readability and common CMS templates use for the article
/// (positive) and for what surrounds it (negative).
static POSITIVE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)article|body|content|entry|main|post|text|story|detail|zhengwen|\bzw\b|neirong|wenzhang")
        .expect("valid regex")
});
static NEGATIVE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)hidden|banner|combx|comment|contact|foot|masthead|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|side|skyscraper|sponsor|shopping|tags|tool|widget|nav|menu|recommend|hot|rank|breadcrumb|crumb|copyright|login|search|popup|subscribe|footer|header|top|bottom|column|list|links?\b|more|page|reply|pinglun|discuss|guestbook|message|liuyan")
        .expect("valid regex")
});

fn name_weight(el: &Element<'_>) -> f32 {
    if el.id().is_none() && el.classes().next().is_none() {
        return 0.0;
    }
    let mut weight = 0.0;
    for value in [el.attr("class"), el.id()].into_iter().flatten() {
        if value.is_empty() {
            continue;
        }
        if NEGATIVE_NAME.is_match(value) {
            weight -= 25.0;
        }
        if POSITIVE_NAME.is_match(value) {
            weight += 25.0;
        }
    }
    weight
}

fn tag_weight(name: &str) -> f32 {
    match name {
        "article" => 10.0,
        "div" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" | "nav" | "aside" | "footer" | "header" => {
            -5.0
        }
        _ => 0.0,
    }
}

/// True when an element holds text directly (text nodes or inline children), as a
/// paragraph does.
fn direct_text(page: &Page, node: NodeRef<'_>) -> u32 {
    let mut n = 0;
    for child in node.children() {
        match child.value() {
            Node::Text(t) => n += t.chars().filter(|c| !c.is_whitespace()).count() as u32,
            Node::Element(el)
                if matches!(
                    el.name(),
                    "span" | "font" | "strong" | "b" | "em" | "i" | "u" | "a" | "sup" | "sub"
                ) =>
            {
                n += page.stats(child.id()).own_text();
            }
            _ => {}
        }
    }
    n
}

/// Scores the candidates; gives the best container and its score.
fn best_candidate(page: &Page) -> Option<(NodeId, f32)> {
    let mut class_counts: HashMap<&str, usize> = HashMap::default();
    for node in page.dom.root().descendants() {
        if let Some(class) = node.value().as_element().and_then(|e| e.attr("class")) {
            *class_counts.entry(class).or_insert(0) += 1;
        }
    }
    let mut scores: HashMap<NodeId, f32> = HashMap::default();
    let mut initialised = rustc_hash::FxHashSet::default();
    let body = page.dom.root();
    for node in body.descendants() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        if page.excluded(node.id()) || !page.counted(node.id()) {
            continue;
        }
        let name = el.name();
        let is_paragraph = match name {
            "p" | "pre" | "td" | "blockquote" => true,
            "div" | "section" | "article" | "li" | "font" | "span" | "dd" | "center" => {
                direct_text(page, node) >= 20
            }
            _ => false,
        };
        if !is_paragraph {
            continue;
        }
        // Text of this block alone: a <td> or <div> holding other paragraphs counts its
        // direct text only.
        let s = page.stats(node.id());
        let own = if name == "p" || name == "pre" || name == "blockquote" {
            s.own_text()
        } else {
            direct_text(page, node)
        };
        if own < 10 {
            continue;
        }
        let punct = if name == "p" || name == "pre" || name == "blockquote" {
            s.punct
        } else {
            count_direct_punct(node)
        };
        let mut score = 1.0 + punct as f32 + (own as f32 / 100.0).min(3.0);
        score *= 1.0 - s.link_density();
        if punct == 0 && own < 40 {
            score *= 0.3;
        }
        // The block itself, when it is a container of text (a <div> with text and <br>s).
        let mut ancestors: Vec<NodeRef<'_>> = Vec::new();
        if name != "p" {
            ancestors.push(node);
        }
        ancestors.extend(node.ancestors().take(5));
        for (level, ancestor) in ancestors.into_iter().enumerate() {
            let Node::Element(ael) = ancestor.value() else {
                break;
            };
            let id = ancestor.id();
            if initialised.insert(id) {
                scores.insert(id, tag_weight(ael.name()) + name_weight(&ael));
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            *scores.entry(id).or_insert(0.0) += score / divider;
        }
    }
    scores
        .into_iter()
        .filter_map(|(id, score)| {
            let s = page.stats(id);
            let name = page
                .node(id)
                .and_then(|n| n.value().as_element().map(|e| e.name()))?;
            if matches!(name, "html" | "body") && s.text == 0 {
                return None;
            }
            // A class worn by several blocks is a template for teasers or comments; an
            // article body is one of a kind.
            let repeated = page
                .node(id)
                .and_then(|n| n.value().as_element())
                .and_then(|e| e.attr("class"))
                .filter(|c| !c.trim().is_empty())
                .and_then(|c| class_counts.get(c))
                .is_some_and(|&n| n >= 3);
            let penalty = if repeated || is_item_list(page, id) {
                0.3
            } else {
                1.0
            };
            Some((id, score * (1.0 - s.link_density()) * penalty))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
}

/// A container of three or more structured items of one template (`div.item` holding a
/// name, a text, a time): a comment thread or a teaser list, not an article, whose
/// paragraphs are plain siblings.
fn is_item_list(page: &Page, id: NodeId) -> bool {
    let Some(node) = page.node(id) else {
        return false;
    };
    let mut templates: HashMap<(&str, &str), usize> = HashMap::default();
    let mut items = 0;
    for child in node.children() {
        let Some(el) = child.value().as_element() else {
            continue;
        };
        items += 1;
        let structured = child.children().filter(|c| c.value().is_element()).count() >= 2;
        if structured && matches!(el.name(), "div" | "li" | "section" | "article" | "dl") {
            *templates
                .entry((el.name(), el.attr("class").unwrap_or("")))
                .or_insert(0) += 1;
        }
    }
    templates.values().any(|&n| n >= 3 && n * 2 >= items)
}

fn count_direct_punct(node: NodeRef<'_>) -> u32 {
    node.children()
        .filter_map(|c| match c.value() {
            Node::Text(t) => Some(t.chars().filter(|&c| is_sentence_punct(c)).count() as u32),
            _ => None,
        })
        .sum()
}

/// What the page says about itself in its `<head>`: meta tags, JSON-LD, links.
#[derive(Debug, Default)]
struct HeadData {
    /// Meta tags by lower-case name/property/itemprop, first value kept.
    meta: std::collections::HashMap<String, String>,
    title: Option<String>,
    canonical: Option<String>,
    base: Option<String>,
    saved_from: Option<String>,
    json_ld_date: Option<String>,
    json_ld_headline: Option<String>,
    json_ld_publisher: Option<String>,
}

fn head_data(page: &Page, text: &str) -> HeadData {
    let mut data = HeadData::default();
    for node in page.dom.root().descendants() {
        let Some(e) = node.value().as_element() else {
            continue;
        };
        match e.name() {
            "meta" => {
                let key = e
                    .attr("property")
                    .or_else(|| e.attr("name"))
                    .or_else(|| e.attr("itemprop"))
                    .or_else(|| e.attr("http-equiv"));
                if let (Some(key), Some(content)) = (key, e.attr("content")) {
                    let content = content.trim();
                    if !content.is_empty() {
                        data.meta
                            .entry(key.trim().to_ascii_lowercase())
                            .or_insert_with(|| content.to_string());
                    }
                }
            }
            "title" if data.title.is_none() => {
                let t = collapse(&node.text().collect::<String>());
                if !t.is_empty() {
                    data.title = Some(t);
                }
            }
            "link" => {
                let rel = e.attr("rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical")
                    && data.canonical.is_none()
                    && let Some(href) = e.attr("href")
                {
                    data.canonical = Some(href.trim().to_string());
                }
            }
            "base" if data.base.is_none() => {
                data.base = e.attr("href").map(|h| h.trim().to_string());
            }
            "script"
                if e.attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
            {
                let json = node.text().collect::<String>();
                if let Ok(value) = serde_json::from_str::<serde_json::Value>(&json) {
                    read_json_ld(&value, &mut data, 0);
                }
            }
            _ => {}
        }
    }
    // A browser's mark of where it saved the page from: `<!-- saved from url=(0049)… -->`.
    static SAVED_FROM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"<!--\s*saved from url=\([0-9]+\)(?P<url>[^\s>]+?)\s*-->").expect("valid regex")
    });
    let head = &text[..floor_boundary(text, 4096)];
    data.saved_from = SAVED_FROM
        .captures(head)
        .map(|c| c["url"].to_string())
        .filter(|u| u.starts_with("http"));
    data
}

fn read_json_ld(value: &serde_json::Value, data: &mut HeadData, depth: usize) {
    if depth > 6 {
        return;
    }
    match value {
        serde_json::Value::Array(items) => {
            for item in items {
                read_json_ld(item, data, depth + 1);
            }
        }
        serde_json::Value::Object(map) => {
            if data.json_ld_date.is_none()
                && let Some(d) = map
                    .get("datePublished")
                    .or_else(|| map.get("dateCreated"))
                    .and_then(|v| v.as_str())
            {
                data.json_ld_date = Some(d.to_string());
            }
            if data.json_ld_headline.is_none()
                && let Some(h) = map.get("headline").and_then(|v| v.as_str())
            {
                data.json_ld_headline = Some(h.to_string());
            }
            if data.json_ld_publisher.is_none()
                && let Some(p) = map.get("publisher")
            {
                let name = p
                    .get("name")
                    .and_then(|n| n.as_str())
                    .or_else(|| p.as_str());
                data.json_ld_publisher = name.map(str::to_string);
            }
            if let Some(graph) = map.get("@graph") {
                read_json_ld(graph, data, depth + 1);
            }
        }
        _ => {}
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whitespace runs (including ideographic spaces) to one space, trimmed.
fn collapse(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{feff}')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Letters and digits only, for comparing headline candidates.
fn squash(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The visible text of the page as lines (one per block), with the element each line
/// starts in.
fn lines(page: &Page) -> Vec<(String, NodeId)> {
    let mut out: Vec<(String, NodeId)> = Vec::new();
    let mut current = String::new();
    let mut current_id: Option<NodeId> = None;
    fn walk(
        node: NodeRef<'_>,
        out: &mut Vec<(String, NodeId)>,
        current: &mut String,
        current_id: &mut Option<NodeId>,
        parent: NodeId,
    ) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) => {
                    if current.is_empty() {
                        *current_id = Some(parent);
                    }
                    current.push_str(t);
                }
                Node::Element(el) => {
                    if INVISIBLE.contains(&el.name()) || is_hidden(&el) {
                        continue;
                    }
                    let block = breaks_line(el.name());
                    if block {
                        flush(out, current, current_id);
                    }
                    walk(child, out, current, current_id, child.id());
                    if block {
                        flush(out, current, current_id);
                    }
                }
                _ => {}
            }
        }
    }
    fn flush(out: &mut Vec<(String, NodeId)>, current: &mut String, id: &mut Option<NodeId>) {
        let line = collapse(current);
        if !line.is_empty()
            && let Some(id) = *id
        {
            out.push((line, id));
        }
        current.clear();
        *id = None;
    }
    let root = page.dom.root();
    walk(root, &mut out, &mut current, &mut current_id, root.id());
    flush(&mut out, &mut current, &mut current_id);
    out
}

/// Splits `<title>` at the separators between a headline and a site or channel name
/// (`_`, `|`, `丨`, dashes); a hyphen between Latin letters or digits (`COVID-19`) is not one.
fn title_segments(title: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = title.char_indices().collect();
    let mut segments = Vec::new();
    let mut start = 0;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let separator = match c {
            '_' | '|' | '｜' | '丨' | '－' | '—' | '–' | '│' => true,
            '-' => {
                let before = i.checked_sub(1).map(|j| chars[j].1);
                let after = chars.get(i + 1).map(|&(_, c)| c);
                !(before.is_some_and(|b| b.is_ascii_alphanumeric())
                    && after.is_some_and(|a| a.is_ascii_alphanumeric()))
            }
            _ => false,
        };
        if separator {
            segments.push(&title[start..at]);
            start = at + c.len_utf8();
        }
    }
    segments.push(&title[start..]);
    segments
        .into_iter()
        .map(str::trim)
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect()
}

/// Length (in characters) of the longest common substring of two squashed strings.
fn common_run(a: &[char], b: &[char]) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for &ca in a {
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb { prev[j] + 1 } else { 0 };
            best = best.max(cur[j + 1]);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    best
}

/// The headline: the heading on the page that best matches `<title>` (or og:title), else
/// `<title>` less its site name.
fn headline(page: &Page, head: &HeadData, lines: &[(String, NodeId)]) -> Option<(String, NodeId)> {
    let reference = head
        .meta
        .get("og:title")
        .cloned()
        .or_else(|| head.json_ld_headline.clone())
        .or_else(|| head.title.clone())
        .unwrap_or_default();
    let page_title: Vec<char> = squash(head.title.as_deref().unwrap_or(&reference))
        .chars()
        .collect();
    let og: Vec<char> = squash(&reference).chars().collect();
    let mut best: Option<(usize, i32, String, NodeId)> = None;
    for node in page.dom.root().descendants() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name();
        let heading_rank = match name {
            "h1" => 3,
            "h2" => 2,
            "h3" => 1,
            _ => {
                let named = [el.attr("class"), el.attr("id")]
                    .into_iter()
                    .flatten()
                    .any(|v| v.to_ascii_lowercase().contains("title"));
                if named { 1 } else { continue }
            }
        };
        // A headline often sits in a page header that is boilerplate for scoring; only
        // what a reader never sees is passed over.
        if node
            .ancestors()
            .chain(std::iter::once(node))
            .any(|a| page.invisible(a.id()))
        {
            continue;
        }
        let text = collapse(&node.text().collect::<String>());
        let squashed: Vec<char> = squash(&text).chars().collect();
        if squashed.len() < 4 || squashed.len() > 120 {
            continue;
        }
        let run = common_run(&squashed, &page_title).max(common_run(&squashed, &og));
        // The heading must be mostly the title's text, and the title mostly the heading's.
        if run * 10 < squashed.len() * 7 {
            continue;
        }
        let better = match &best {
            None => true,
            Some((r, rank, _, _)) => run > *r || (run == *r && heading_rank > *rank),
        };
        if better {
            best = Some((run, heading_rank, text, node.id()));
        }
    }
    if let Some((_, _, text, id)) = best {
        return Some((text, id));
    }
    // No heading matches: the title's longest segment (a headline is longer than a site
    // name), else the first large heading.
    let from_title = head
        .meta
        .get("og:title")
        .or(head.title.as_ref())
        .map(|t| {
            title_segments(t)
                .into_iter()
                .max_by_key(|s| s.chars().count())
                .unwrap_or(t.as_str())
                .to_string()
        })
        .filter(|t| squash(t).chars().count() >= 4);
    if let Some(title) = from_title {
        let wanted = squash(&title);
        let id = lines
            .iter()
            .find(|(l, _)| squash(l) == wanted)
            .map(|(_, id)| *id)
            .unwrap_or_else(|| page.dom.root().id());
        return Some((title, id));
    }
    page.dom
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "h1"))
        .map(|n| (collapse(&n.text().collect::<String>()), n.id()))
        .filter(|(t, _)| !t.is_empty())
}

/// Meta tags that hold a publication time, most specific first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "og:release_date",
    "publishdate",
    "publish_date",
    "publish-date",
    "pubdate",
    "pubtime",
    "publishtime",
    "publish_time",
    "firstpublishedtime",
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "weibo:article:create_at",
    "date",
];

/// Reads a date from a meta tag or attribute value in any of its usual shapes.
fn parse_loose(value: &str) -> Option<Published> {
    date::parse(value)
        .ok()
        .or_else(|| date::find(value).map(|f| f.published))
}

/// Lines before the headline and after it that may hold its date, source and byline.
const HEADER_LINES_AFTER: usize = 12;
const HEADER_LINES_BEFORE: usize = 4;

static SOURCE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:稿件来源|文章来源|信息来源|消息来源|新闻来源|来源|來源|稿源|出处|出處|本文来源于|本文來源於|来自|發佈單位|发布单位|發布機構|发布机构)\s*[:：]?\s*(?P<source>[^\s|｜丨:：]{2,40})")
        .expect("valid regex")
});
static AUTHOR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:作者|记者|記者|撰文|文)\s*[:：丨|／/]\s*(?P<author>[\p{Han}·]{2,4}(?:[ 、，,][\p{Han}·]{2,4}){0,3})")
        .expect("valid regex")
});
static EDITOR_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:责任编辑|責任編輯|编辑|編輯|责编|責編)\s*[:：]\s*(?P<editor>[\p{Han}A-Za-z·]{2,12})",
    )
    .expect("valid regex")
});

/// A source name without a date or time glued to it (`某某报2021-09-15`).
fn clean_source(raw: &str) -> Option<String> {
    let cut = raw
        .find(|c: char| c.is_ascii_digit())
        .map_or(raw, |i| &raw[..i]);
    let cut = cut.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '：' | ':' | '】' | '[' | ']' | '【' | '(' | ')' | '（' | '）' | '，' | ',' | '|'
            )
    });
    let cut = cut
        .trim_end_matches("作者")
        .trim_end_matches("记者")
        .trim_end_matches("編輯")
        .trim_end_matches("编辑")
        .trim();
    (cut.chars()
        .filter(|&c| is_han(c) || c.is_alphanumeric())
        .count()
        >= 2)
        .then(|| cut.to_string())
}

/// A sentence of article text: long, with a full stop.
fn is_prose_line(line: &str) -> bool {
    line.chars().count() >= 30 && line.contains('。')
}

/// A line of metadata (date, source, byline, share widget) rather than prose.
fn is_metadata_line(line: &str) -> bool {
    let chars = line.chars().count();
    if chars > 120 {
        return false;
    }
    let sentences = line
        .chars()
        .filter(|&c| matches!(c, '。' | '！' | '？'))
        .count();
    if sentences > 1 {
        return false;
    }
    date::find(line).is_some()
        || SOURCE_LABEL.is_match(line)
        || AUTHOR_LABEL.is_match(line)
        || EDITOR_LABEL.is_match(line)
        || boilerplate::is_widget_text(line)
}

pub fn extract(input: &Path, text: &str) -> Result<Draft, ExtractError> {
    let page = Page::parse(text);
    let head = head_data(&page, text);
    let lines = lines(&page);
    let mut draft = Draft::empty(input);

    // The page's own address, and the base that relative links resolve against.
    let own = [
        (head.canonical.as_deref(), "<link rel=canonical>"),
        (head.meta.get("og:url").map(String::as_str), "meta og:url"),
        (
            head.saved_from.as_deref(),
            "the browser's \"saved from url\" comment",
        ),
    ]
    .into_iter()
    .find_map(|(u, how)| {
        url::Url::parse(u?.trim())
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .map(|u| (u, how))
    });
    let own_url = own.as_ref().map(|(u, _)| u.clone());
    if let Some((url, how)) = &own {
        draft.source_url = Some(url.to_string());
        draft.found(Field::SourceUrl, Origin::Markup(how.to_string()));
    }
    let base = head
        .base
        .as_deref()
        .and_then(|b| match &own_url {
            Some(own) => own.join(b).ok(),
            None => url::Url::parse(b).ok(),
        })
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .or_else(|| own_url.clone());

    let title = headline(&page, &head, &lines);
    let title_line_index = title.as_ref().and_then(|(t, id)| {
        let wanted = squash(t);
        lines
            .iter()
            .position(|(_, lid)| lid == id)
            .or_else(|| lines.iter().position(|(l, _)| squash(l) == wanted))
    });
    draft.title = title.as_ref().map(|(t, _)| t.clone());
    if let Some((t, id)) = &title {
        draft.found(Field::Title, title_origin(&page, &head, t, *id));
    }

    // Header lines: around the headline.
    let header: Vec<&str> = match title_line_index {
        Some(i) => {
            let start = i.saturating_sub(HEADER_LINES_BEFORE);
            let end = (i + 1 + HEADER_LINES_AFTER).min(lines.len());
            // The header ends where the article's prose starts: dates after it belong to
            // the body or to the lists beside it.
            let mut v: Vec<&str> = lines[i + 1..end]
                .iter()
                .map(|(l, _)| l.as_str())
                .take_while(|l| !is_prose_line(l))
                .collect();
            v.extend(lines[start..i].iter().map(|(l, _)| l.as_str()));
            v
        }
        None => Vec::new(),
    };

    // Date: meta tags and structured data, then the text around the headline, then
    // <time>, then the address.
    let meta_found = DATE_META
        .iter()
        .find_map(|k| {
            let date = head.meta.get(*k).and_then(|v| parse_loose(v))?;
            Some((date, format!("meta {k}")))
        })
        .or_else(|| {
            let date = head.json_ld_date.as_deref().and_then(parse_loose)?;
            Some((date, "JSON-LD datePublished".to_string()))
        });
    let meta_date = meta_found.as_ref().map(|(d, _)| *d);
    let header_found = header
        .iter()
        .find_map(|l| date::find(l).map(|f| (f.published, l.to_string())));
    let header_date = header_found.as_ref().map(|(d, _)| *d);
    let time_date = page
        .dom
        .root()
        .descendants()
        .filter_map(|n| n.value().as_element())
        .filter(|e| e.name() == "time")
        .find_map(|e| e.attr("datetime").and_then(parse_loose));
    let url_date = draft
        .source_url
        .as_deref()
        .and_then(date::from_url)
        .map(|date| Published { date, time: None });
    // The text by the headline is what the reader sees; a meta date on the same day adds
    // its time of day.
    // `昨天 14:05` by the headline: counted back from another date on the page (a meta date,
    // else the latest date the page shows anywhere, as sidebars list the newest stories).
    let relative_line = header
        .iter()
        .find(|l| date::find_relative(l).is_some())
        .map(|l| l.to_string());
    let header_date = header_date.or_else(|| {
        let (days, time) = header.iter().find_map(|l| date::find_relative(l))?;
        let reference = meta_date.map(|m| m.date).or_else(|| {
            lines
                .iter()
                .flat_map(|(l, _)| date::find_all(l))
                .map(|f| f.published.date)
                .max()
        })?;
        Some(Published {
            date: reference.checked_sub_days(chrono::Days::new(u64::try_from(days).ok()?))?,
            time,
        })
    });
    let (published, source) = match (header_date, meta_date) {
        (Some(h), Some(m)) if h.date == m.date => {
            (Some(if h.time.is_some() { h } else { m }), DateSource::Page)
        }
        (Some(h), _) => (Some(h), DateSource::Page),
        (None, Some(m)) => (Some(m), DateSource::Page),
        (None, None) => match (time_date, url_date) {
            (Some(t), _) => (Some(t), DateSource::Page),
            (None, Some(u)) => (Some(u), DateSource::Url),
            (None, None) => (None, DateSource::File),
        },
    };
    if published.is_some() {
        draft.date = published;
        draft.date_source = Some(source);
        let origin = match (&header_found, &relative_line, &meta_found) {
            _ if source == DateSource::Url => Origin::Address,
            (Some((_, line)), _, _) => Origin::Line {
                line: None,
                text: line.clone(),
            },
            (None, Some(line), _) if header_date.is_some() => Origin::Line {
                line: None,
                text: line.clone(),
            },
            (_, _, Some((_, how))) => Origin::Markup(how.clone()),
            _ => Origin::Markup("<time datetime>".to_string()),
        };
        draft.found(Field::Date, origin);
    }

    // Source, author, editor: labelled lines by the headline, then the page's metadata.
    let labelled = header.iter().find_map(|l| {
        SOURCE_LABEL
            .captures(l)
            .and_then(|c| clean_source(&c["source"]))
            .map(|s| (s, l.to_string()))
    });
    let source_origin = match &labelled {
        Some((_, line)) => Origin::Line {
            line: None,
            text: line.clone(),
        },
        None if head.meta.contains_key("source") => Origin::Markup("meta source".into()),
        None if head.meta.contains_key("og:site_name") => {
            Origin::Markup("meta og:site_name".into())
        }
        None if head.json_ld_publisher.is_some() => Origin::Markup("JSON-LD publisher".into()),
        None => Origin::Markup("the site name at the end of <title>".into()),
    };
    draft.source = labelled
        .map(|(s, _)| s)
        .or_else(|| head.meta.get("source").cloned())
        .or_else(|| head.meta.get("og:site_name").cloned())
        .or_else(|| head.json_ld_publisher.clone())
        .or_else(|| {
            // The site name a <title> ends with (`…_新浪财经`, `…-人民网`).
            let t = head.title.as_deref()?;
            let segments = title_segments(t);
            (segments.len() > 1)
                .then(|| segments.last().map(|s| s.to_string()))
                .flatten()
                .filter(|s| s.chars().count() <= 12)
        });
    if draft.source.is_some() {
        draft.found(Field::Source, source_origin);
    }
    draft.author = header
        .iter()
        .find_map(|l| AUTHOR_LABEL.captures(l).map(|c| c["author"].to_string()))
        .or_else(|| {
            head.meta
                .get("author")
                .cloned()
                .filter(|a| a.chars().count() <= 20)
        });
    draft.editor = lines
        .iter()
        .rev()
        .take(400)
        .find_map(|(l, _)| EDITOR_LABEL.captures(l).map(|c| c["editor"].to_string()));
    for (field, value) in [
        (Field::Author, draft.author.clone()),
        (Field::Editor, draft.editor.clone()),
    ] {
        if let Some(value) = value {
            let origin = match lines.iter().find(|(l, _)| l.contains(value.as_str())) {
                Some((line, _)) => Origin::Line {
                    line: None,
                    text: line.clone(),
                },
                None => Origin::Markup("meta author".into()),
            };
            draft.found(field, origin);
        }
    }
    draft.image = head
        .meta
        .get("og:image")
        .and_then(|i| resolve(base.as_ref(), i));

    // The article.
    let Some((best, _)) = best_candidate(&page) else {
        return Err(no_article(&page));
    };
    let best = widen(&page, best);
    let chosen = with_worthy_siblings(&page, best);
    let kept: u32 = chosen.iter().map(|&id| page.stats(id).own_text()).sum();
    if kept < MIN_ARTICLE_CHARS {
        return Err(no_article(&page));
    }
    let title_squashed = draft.title.as_deref().map(squash).unwrap_or_default();
    let mut writer = BodyWriter {
        page: &page,
        base: base.as_ref(),
        title: &title_squashed,
        out: String::new(),
        removed: Vec::new(),
        started: false,
    };
    for id in chosen {
        if let Some(node) = page.node(id) {
            writer.element(node, 0);
        }
    }
    draft.removed = writer.removed;
    draft.body = Body::Html(writer.out);
    Ok(draft)
}

/// Where a page's headline was read: its heading element, og:title, or `<title>`.
fn title_origin(page: &Page, head: &HeadData, title: &str, id: NodeId) -> Origin {
    let name = page
        .node(id)
        .and_then(|n| n.value().as_element().map(|e| e.name().to_string()));
    match name.as_deref() {
        Some("title") => Origin::Markup("<title>, less the site's name".into()),
        Some(h) if h.len() == 2 && h.starts_with('h') => {
            Origin::Markup(format!("the page's <{h}>"))
        }
        _ if head.meta.get("og:title").is_some_and(|t| t.contains(title)) => {
            Origin::Markup("meta og:title".into())
        }
        _ => Origin::Line {
            line: None,
            text: title.to_string(),
        },
    }
}

fn no_article(page: &Page) -> ExtractError {
    let root = page.stats(page.dom.root().id());
    let links = page
        .dom
        .root()
        .descendants()
        .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "a"))
        .count();
    ExtractError::whole(format!(
        "no article found in this page: it holds {} characters of text, {} of them in {links} links",
        root.text, root.link_text
    ))
    .hint("this looks like a list or index page; save the article's own page instead")
}

/// Whether an element's text reads as a sentence (a headline in a list does not end so).
fn is_sentence(node: &NodeRef<'_>) -> bool {
    let text = node.text().collect::<String>();
    let text = text.trim_end();
    text.contains('。') || text.ends_with(['！', '？', '”', '」', '…'])
}

/// Climbs from the best container to its parent while the parent adds little text: an
/// unclosed `<blockquote>` or `<font>` nests the rest of an article inside itself, leaving
/// its first paragraphs outside.
fn widen(page: &Page, mut best: NodeId) -> NodeId {
    // Only text-level elements swallow what follows them when left open; a <div> chosen
    // is a container chosen.
    let text_level = |id: NodeId| {
        page.node(id)
            .and_then(|n| n.value().as_element().map(|e| e.name()))
            .is_some_and(|name| {
                matches!(
                    name,
                    "blockquote"
                        | "font"
                        | "p"
                        | "span"
                        | "b"
                        | "strong"
                        | "center"
                        | "em"
                        | "i"
                        | "u"
                )
            })
    };
    if !text_level(best) {
        return best;
    }
    while let Some(parent) = page.node(best).and_then(|n| n.parent()) {
        let Some(el) = parent.value().as_element() else {
            break;
        };
        if matches!(el.name(), "body" | "html") {
            break;
        }
        let (inner, outer) = (page.stats(best), page.stats(parent.id()));
        let added = outer.own_text().saturating_sub(inner.own_text());
        if added * 4 > inner.own_text() || outer.link_density() > 0.3 {
            break;
        }
        best = parent.id();
    }
    best
}

/// The best container with its siblings that are part of the article too (a lead
/// paragraph in its own block, a body split over several containers), in document order.
fn with_worthy_siblings(page: &Page, best: NodeId) -> Vec<NodeId> {
    let Some(node) = page.node(best) else {
        return vec![best];
    };
    let threshold = (page.stats(best).punct as f32 * 0.2).max(5.0);
    let worthy = |sibling: &NodeRef<'_>| {
        let Node::Element(el) = sibling.value() else {
            return false;
        };
        if page.excluded(sibling.id()) || name_weight(&el) < 0.0 {
            return false;
        }
        let s = page.stats(sibling.id());
        let prose = s.punct as f32 >= threshold && s.link_density() < 0.3;
        // A paragraph: long with little link text, or short, linkless and a sentence.
        let paragraph = el.name() == "p"
            && ((s.own_text() >= 60 && s.link_density() < 0.25 && s.punct >= 2)
                || (s.link_text == 0 && s.own_text() >= 10 && is_sentence(sibling)));
        prose || paragraph
    };
    let mut before: Vec<NodeId> = node
        .prev_siblings()
        .filter(|s| worthy(s))
        .map(|s| s.id())
        .collect();
    before.reverse();
    before.push(best);
    before.extend(node.next_siblings().filter(|s| worthy(s)).map(|s| s.id()));
    before
}

fn resolve(base: Option<&url::Url>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    match url::Url::parse(href) {
        Ok(u) => matches!(u.scheme(), "http" | "https").then(|| u.to_string()),
        Err(_) => base?
            .join(href)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .map(|u| u.to_string()),
    }
}

/// Writes the chosen containers as plain HTML: only content elements and their few
/// meaningful attributes, URLs made absolute, page chrome inside the article pruned.
struct BodyWriter<'a> {
    page: &'a Page,
    base: Option<&'a url::Url>,
    title: &'a str,
    out: String,
    /// Text pruned from inside the article, for `digest check`.
    removed: Vec<String>,
    /// Whether a prose paragraph has been written (metadata lines come before it).
    started: bool,
}

/// Elements written with their tags (what cleaning keeps, plus the containers, links and
/// images it reads); anything else is unwrapped to its content.
fn is_kept(name: &str) -> bool {
    crate::markup::BLOCKS.contains(&name)
        || crate::markup::INLINES.contains(&name)
        || matches!(name, "br" | "img" | "a" | "div" | "section")
}

impl BodyWriter<'_> {
    fn element(&mut self, node: NodeRef<'_>, depth: usize) {
        let Node::Element(el) = node.value() else {
            return;
        };
        let id = node.id();
        if self.page.excluded(id) {
            return;
        }
        let name = el.name();
        let s = self.page.stats(id);
        if depth > 0 && self.is_chrome(node, &el, s) {
            let text = collapse(&node.text().collect::<String>());
            // An editor credit is metadata (read from the lines), not lost text.
            if !text.is_empty() && self.started && !EDITOR_LABEL.is_match(&text) {
                self.removed.push(text);
            }
            return;
        }
        if name == "img" {
            let src = [
                "data-original",
                "data-src",
                "data-lazy-src",
                "original",
                "src",
            ]
            .iter()
            .find_map(|a| {
                el.attr(a)
                    .filter(|v| !v.trim().is_empty() && !v.starts_with("data:"))
            });
            if let Some(src) = src.and_then(|s| resolve(self.base, s)) {
                self.out.push_str("<img src=\"");
                crate::markup::escape_attr(&src, &mut self.out);
                if let Some(alt) = el.attr("alt") {
                    self.out.push_str("\" alt=\"");
                    crate::markup::escape_attr(alt, &mut self.out);
                }
                self.out.push_str("\">");
            }
            return;
        }
        if name == "br" {
            self.out.push_str("<br>");
            return;
        }
        let kept = is_kept(name);
        // A headline repeated inside the article, and metadata lines above its first
        // paragraph, are not body text.
        if matches!(
            name,
            "h1" | "h2" | "h3" | "p" | "div" | "span" | "font" | "td" | "li" | "strong" | "b"
        ) && !self.started
        {
            let text = collapse(&node.text().collect::<String>());
            let squashed = squash(&text);
            if !squashed.is_empty()
                && (squashed == self.title
                    || (name == "h1" && !self.title.is_empty() && self.title.contains(&squashed)))
            {
                return;
            }
            if !text.is_empty()
                && s.paragraphs <= 1
                && s.tags <= 12
                && is_metadata_line(&text)
                && s.punct <= 3
            {
                return;
            }
        }
        if name == "p" && s.own_text() >= 15 && s.punct >= 1 {
            self.started = true;
        }
        if kept {
            self.out.push('<');
            self.out.push_str(name);
            match name {
                "a" => {
                    if let Some(href) = el.attr("href").and_then(|h| resolve(self.base, h)) {
                        self.out.push_str(" href=\"");
                        crate::markup::escape_attr(&href, &mut self.out);
                        self.out.push('"');
                    }
                }
                "td" | "th" => {
                    for attr in ["colspan", "rowspan"] {
                        if let Some(v) = el
                            .attr(attr)
                            .filter(|v| v.chars().all(|c| c.is_ascii_digit()))
                        {
                            self.out.push_str(&format!(" {attr}=\"{v}\""));
                        }
                    }
                }
                _ => {}
            }
            self.out.push('>');
        }
        for child in node.children() {
            match child.value() {
                Node::Text(t) => {
                    if !self.started && t.chars().filter(|c| !c.is_whitespace()).count() >= 30 {
                        self.started = self.started || t.chars().any(is_sentence_punct);
                    }
                    crate::markup::escape_attr(t, &mut self.out);
                }
                Node::Element(_) => self.element(child, depth + 1),
                _ => {}
            }
        }
        if kept {
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push('>');
        }
    }

    /// A block inside the article that is page chrome: navigation, link lists, widgets.
    fn is_chrome(&self, node: NodeRef<'_>, el: &Element<'_>, s: Stats) -> bool {
        let name = el.name();
        if matches!(name, "nav" | "aside" | "footer" | "form") {
            return true;
        }
        if !matches!(
            name,
            "div"
                | "section"
                | "ul"
                | "ol"
                | "dl"
                | "table"
                | "header"
                | "p"
                | "span"
                | "li"
                | "center"
                | "td"
                | "tr"
                | "tbody"
        ) {
            return false;
        }
        if s.text == 0 {
            // Images only: kept (figures); empty: nothing to write anyway.
            return false;
        }
        let weight = name_weight(el);
        let density = s.link_density();
        if weight < 0.0 && s.punct < 10 {
            return true;
        }
        // Link lists: most of the text in links, little prose.
        if density > 0.5 && s.punct < 3 {
            return true;
        }
        if density > 0.3 && s.punct == 0 && s.text < 200 && node.children().count() > 1 {
            return true;
        }
        if s.text <= 200 {
            let text = node.text().collect::<String>();
            if boilerplate::is_notice_text(&text) {
                return true;
            }
        }
        // Short widget rows (分享到, 字号, 打印) without prose.
        if s.punct <= 1 && s.text < 60 {
            let text = node.text().collect::<String>();
            if boilerplate::is_widget_text(&text) {
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hidden by attribute or by style, in any case and spacing; shown otherwise.
    #[test]
    fn hidden_elements_are_known_by_attribute_and_style() {
        let hidden = |html: &str| Dom::parse(html).first("div").is_some_and(|e| is_hidden(&e));
        assert!(hidden("<div hidden>x</div>"));
        assert!(hidden("<div style=\"color:red; Display : NONE\">x</div>"));
        assert!(hidden("<div style=\"visibility:\thidden\">x</div>"));
        assert!(!hidden("<div style=\"display:block\">x</div>"));
        assert!(!hidden("<div style=\"visibility:visible\">x</div>"));
        assert!(!hidden("<div>x</div>"));
    }

    fn page(body: &str) -> String {
        format!(
            "<!DOCTYPE html><html><head><meta charset=utf-8><title>北京发布知识产权保护新规_新闻中心_某某网</title>\
             <link rel=canonical href=\"https://news.example.cn/2024/0117/c1.html\"></head><body>{body}</body></html>"
        )
    }

    const NAV: &str = "<div class=nav><a href=/>首页</a><a href=/a>国内</a><a href=/b>国际</a><a href=/c>财经</a><a href=/d>科技</a></div>";
    const ARTICLE: &str = "<div class=main><h1>北京发布知识产权保护新规</h1>\
        <div class=info>2024年1月17日 星期三 09:30　来源：北京日报</div>\
        <div class=content><p>　　北京市近日发布知识产权保护新规，明确了数据知识产权的登记、使用和保护规则。</p>\
        <p>　　新规提出，版权所有者可以依法维护自身权益，相关部门应当提供便利。</p>\
        <p>　　什么是数据知识产权?专家表示，这是一个新的领域，需要持续探索。</p>\
        <div class=share>分享到：微信 微博</div></div></div>";
    const RELATED: &str = "<div class=related><h3>相关新闻</h3><ul><li><a href=/1>上海发布新政策支持企业创新发展</a></li><li><a href=/2>广州举办知识产权论坛吸引众多企业</a></li></ul></div>";
    const FOOTER: &str = "<div class=footer>版权所有 某某网 京ICP备12345678号</div>";

    #[test]
    fn finds_article_headline_date_and_source() {
        let html = page(&format!("{NAV}{ARTICLE}{RELATED}{FOOTER}"));
        let d = extract(Path::new("a.html"), &html).expect("extracts");
        assert_eq!(d.title.as_deref(), Some("北京发布知识产权保护新规"));
        let p = d.date.expect("date");
        assert_eq!(p.date.to_string(), "2024-01-17");
        assert_eq!(p.time.map(|t| t.to_string()).as_deref(), Some("09:30:00"));
        assert_eq!(d.date_source, Some(DateSource::Page));
        assert_eq!(d.source.as_deref(), Some("北京日报"));
        assert_eq!(
            d.source_url.as_deref(),
            Some("https://news.example.cn/2024/0117/c1.html")
        );
        let Body::Html(body) = d.body else {
            panic!("html body")
        };
        assert!(body.contains("明确了数据知识产权"), "{body}");
        assert!(
            body.contains("版权所有者可以依法维护"),
            "no cut at 版权所有: {body}"
        );
        assert!(body.contains("持续探索"), "{body}");
        assert!(body.contains("数据知识产权?"), "question mark kept: {body}");
        for junk in [
            "首页",
            "上海发布新政策",
            "京ICP备",
            "分享到",
            "来源：北京日报",
        ] {
            assert!(!body.contains(junk), "{junk} left in {body}");
        }
        assert!(!body.contains("<h1>"), "headline repeated in {body}");
    }

    #[test]
    fn date_from_meta_and_address() {
        let html = "<html><head><title>标题很长的一篇文章</title><meta property=\"article:published_time\" content=\"2021-09-15T08:20:11+08:00\"></head><body><h1>标题很长的一篇文章</h1><p>这是正文的第一段，讲述了一件事情，内容充实而且有标点。这是正文的第一段，讲述了一件事情。</p></body></html>";
        let d = extract(Path::new("a.html"), html).expect("extracts");
        assert_eq!(
            d.date.map(|p| p.date.to_string()).as_deref(),
            Some("2021-09-15")
        );
        let html = "<html><head><title>标题很长的一篇文章</title><meta property=\"og:url\" content=\"http://www.example.cn/2020-07/01/c_1.htm\"></head><body><h1>标题很长的一篇文章</h1><p>这是正文的第一段，讲述了一件事情，内容充实而且有标点。这是正文的第一段，讲述了一件事情。</p></body></html>";
        let d = extract(Path::new("a.html"), html).expect("extracts");
        assert_eq!(
            d.date.map(|p| p.date.to_string()).as_deref(),
            Some("2020-07-01")
        );
        assert_eq!(d.date_source, Some(DateSource::Url));
    }

    #[test]
    fn a_relative_date_counts_back_from_the_newest_date_on_the_page() {
        let html = page(&format!(
            "{NAV}<div class=main><h1>北京发布知识产权保护新规</h1><div class=info>昨天 14:05 来源：北京日报</div>\
             <div class=content><p>北京市近日发布知识产权保护新规，明确了数据知识产权的登记规则。</p>\
             <p>新规提出，相关部门应当提供便利，加强保护。</p></div></div>\
             <ul class=side><li><a href=/1>另一条新闻</a> 2024-03-05</li><li><a href=/2>更早的新闻</a> 2024-03-01</li></ul>"
        ))
        .replace("<link rel=canonical href=\"https://news.example.cn/2024/0117/c1.html\">", "");
        let d = extract(Path::new("a.html"), &html).expect("extracts");
        let p = d.date.expect("date");
        assert_eq!(p.date.to_string(), "2024-03-04");
        assert_eq!(p.time.map(|t| t.to_string()).as_deref(), Some("14:05:00"));
    }

    #[test]
    fn links_and_images_are_made_absolute() {
        let html = page(
            "<h1>北京发布知识产权保护新规</h1><div class=content><p>正文第一段，讲述北京发布的新规，内容很长很长很长很长很长。<a href=\"/x/y.html\">链接</a></p><p><img src=\"../img/a.jpg\"></p><p>第二段，继续讲述，有很多标点，也很长很长很长。</p></div>",
        );
        let d = extract(Path::new("a.html"), &html).expect("extracts");
        let Body::Html(body) = d.body else {
            panic!("html")
        };
        assert!(
            body.contains("href=\"https://news.example.cn/x/y.html\""),
            "{body}"
        );
        assert!(
            body.contains("src=\"https://news.example.cn/2024/img/a.jpg\""),
            "{body}"
        );
    }

    #[test]
    fn a_long_comment_thread_does_not_outweigh_a_short_article() {
        let replies: String = (0..30)
            .map(|i| format!("<div class=item><span>网友{i}</span><p>这篇报道写得很好，知识产权保护确实需要加强，希望各地认真落实，我们拭目以待。</p></div>"))
            .collect();
        // Known by name (the data table), and by shape alone under a name nobody listed.
        for class in ["reply-list", "thread-xyz"] {
            let html = page(&format!(
                "{NAV}{ARTICLE}<div class={class}>{replies}</div>{FOOTER}"
            ));
            let d = extract(Path::new("a.html"), &html).expect("extracts");
            let Body::Html(body) = d.body else {
                panic!("html")
            };
            assert!(body.contains("明确了数据知识产权"), "{class}: {body}");
            assert!(
                !body.contains("拭目以待"),
                "{class}: comments left in {body}"
            );
        }
    }

    #[test]
    fn a_list_of_links_is_not_an_article() {
        let items: String = (0..40)
            .map(|i| format!("<li><a href=/{i}>第{i}条新闻标题在这里写得比较长</a></li>"))
            .collect();
        let html = page(&format!("{NAV}<ul class=list>{items}</ul>{FOOTER}"));
        let e = extract(Path::new("a.html"), &html).unwrap_err();
        assert!(e.message.contains("no article"), "{}", e.message);
    }

    #[test]
    fn headline_from_title_less_site_name() {
        let html = "<html><head><title>上海出台数据知识产权登记办法-人民网</title></head><body><div><p>上海市知识产权局近日出台数据知识产权登记办法，自发布之日起施行，引起广泛关注。</p><p>办法共二十条，明确了登记的范围、程序和效力。</p></div></body></html>";
        let d = extract(Path::new("a.html"), html).expect("extracts");
        assert_eq!(d.title.as_deref(), Some("上海出台数据知识产权登记办法"));
        assert_eq!(d.source.as_deref(), Some("人民网"));
    }
}
