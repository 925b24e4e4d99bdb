//! The search index: an inverted index of Chinese character bigrams (and Latin words and
//! numbers), split into JSON shards the browser loads only as a query needs them
//! (`static/search.js` is the other half and must tokenise the same way).
//!
//! Bigrams are the standard way to index Chinese without a word segmenter (Lucene's CJK
//! analyzer does the same): every two adjacent Han characters are a token, so 知识产权 is
//! found through 知识, 识产 and 产权 whatever a segmenter would have made of it. Pagefind
//! did this with dictionary segmentation at many times the cost in time and memory (see
//! README.md); this index is quick to build and is shared by both editions:
//! text and queries are folded to one script character by character (OpenCC's
//! Traditional→Simplified character table, which keeps positions), so a query in either
//! script finds articles in both.
//!
//! Files, under `search/` at the site root:
//! - `meta.json`: format version, number of documents and shards, documents per chunk,
//!   region names → filter tokens, each year → its first and last document;
//! - `fold.json`: the character folding table, as two strings of equal length;
//! - `shards/N.json`: `{token: postings}`, a token in shard FNV-1a(token) mod shards. A
//!   posting list is an array of integers, each `gap * 8 + weight`: the gap from the
//!   previous document number, and a 0–7 weight (term frequency saturated and normalised
//!   by length as in BM25, plus 2 when the token is in the headline);
//! - `docs/N.json`: what a result shows of documents N×chunk…, newest first as on the
//!   site: `{"s": slug, "t": headline, "d": date, "r": [region names], "x": summary}`, so
//!   that results need no article page; the edition in the other script has its own, in
//!   its script, under `search/PREFIX/docs/` (`search/zh-hant/docs/`).

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::OutputFile;

use crate::site::Site;
use crate::zh::punctuation::is_han;

/// Where the index is written, at the site root (both editions use it).
pub const BUNDLE_DIR: &str = crate::route::SEARCH_DIR;
/// Bump when the format changes, so an old search.js never reads a new index.
const FORMAT: u32 = 2;
/// Documents per `docs/` chunk: ten results touch at most ten chunks, so a chunk is kept
/// about the size of an article page (about 9 KB at 20 documents; BENCHMARKS.md).
const CHUNK: usize = 20;
/// Aimed-at size of a shard; a two-word query loads a few of them.
const SHARD_BYTES: usize = 48 * 1024;

/// Character folding shared by the index and the browser: OpenCC's Traditional→Simplified
/// characters (one character to one, so excerpt positions survive), and full-width ASCII.
pub struct Fold {
    map: FxHashMap<char, char>,
    /// What each Basic Multilingual Plane character folds to, looked up by index (the
    /// index folds every character of every body; a hash lookup each was most of it).
    bmp: Box<[char]>,
}

impl Fold {
    pub fn new() -> Fold {
        let mut map = FxHashMap::default();
        for line in include_str!("../clean/opencc/TSCharacters.txt").lines() {
            let Some((key, values)) = line.split_once('\t') else {
                continue;
            };
            let mut key_chars = key.chars();
            let value = values.split(' ').next().unwrap_or("");
            let mut value_chars = value.chars();
            if let (Some(k), None, Some(v), None) = (
                key_chars.next(),
                key_chars.next(),
                value_chars.next(),
                value_chars.next(),
            ) && k != v
            {
                map.insert(k, v);
            }
        }
        let bmp = (0..=0xFFFF_u32)
            .map(|code| char::from_u32(code).map_or('\u{FFFD}', |c| Self::by_rule(&map, c)))
            .collect();
        Fold { map, bmp }
    }

    pub fn char(&self, c: char) -> char {
        match self.bmp.get(c as usize) {
            Some(&folded) => folded,
            None => Self::by_rule(&self.map, c),
        }
    }

    fn by_rule(map: &FxHashMap<char, char>, c: char) -> char {
        match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            '\u{FF01}'..='\u{FF5E}' => {
                char::from_u32(c as u32 - 0xFEE0).map_or(c, |c| c.to_ascii_lowercase())
            }
            _ if c.is_ascii() => c,
            _ => map.get(&c).copied().unwrap_or(c),
        }
    }

    pub fn text(&self, text: &str) -> String {
        text.chars().map(|c| self.char(c)).collect()
    }

    /// `fold.json`: the table as two strings, character i of `from` folding to character
    /// i of `to` (full-width ASCII and case are folded by rule in the script).
    pub fn to_json(&self) -> Vec<u8> {
        let mut pairs: Vec<(char, char)> = self.map.iter().map(|(&k, &v)| (k, v)).collect();
        pairs.sort_unstable();
        let from: String = pairs.iter().map(|p| p.0).collect();
        let to: String = pairs.iter().map(|p| p.1).collect();
        serde_json::json!({ "from": from, "to": to })
            .to_string()
            .into_bytes()
    }
}

impl Default for Fold {
    fn default() -> Self {
        Fold::new()
    }
}

/// The tokens of folded text: bigrams of adjacent Han characters (a lone Han character is
/// a token of its own), and runs of ASCII letters and digits. Anything else separates.
pub fn tokens(folded: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut han_run: Vec<usize> = Vec::new(); // byte offsets of the run's characters
    let mut word: Option<usize> = None;
    fn flush_han<'a>(folded: &'a str, run: &mut Vec<usize>, end: usize, out: &mut Vec<&'a str>) {
        match run.len() {
            0 => {}
            1 => out.push(&folded[run[0]..end]),
            _ => {
                for pair in run.windows(2) {
                    let stop = folded[pair[1]..]
                        .chars()
                        .next()
                        .map_or(end, |c| pair[1] + c.len_utf8());
                    out.push(&folded[pair[0]..stop]);
                }
            }
        }
        run.clear();
    }
    for (i, c) in folded.char_indices() {
        if is_han(c) {
            if let Some(start) = word.take() {
                out.push(&folded[start..i]);
            }
            han_run.push(i);
        } else if c.is_ascii_alphanumeric() {
            flush_han(folded, &mut han_run, i, &mut out);
            word.get_or_insert(i);
        } else {
            flush_han(folded, &mut han_run, i, &mut out);
            if let Some(start) = word.take() {
                out.push(&folded[start..i]);
            }
        }
    }
    flush_han(folded, &mut han_run, folded.len(), &mut out);
    if let Some(start) = word {
        out.push(&folded[start..]);
    }
    out
}

/// FNV-1a, 32 bits, over the token's UTF-8: which shard holds it (search.js computes the
/// same).
pub fn shard_of(token: &str, shards: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in token.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % shards
}

/// A document's tokens (borrowed from its folded title and body) with their 0–7 weights.
fn weigh<'a>(title: &'a str, body: &'a str, average_length: f64) -> Vec<(&'a str, u8)> {
    const K1: f64 = 1.2;
    const B: f64 = 0.75;
    let body_tokens = tokens(body);
    let length = body_tokens.len() as f64;
    let mut counts: FxHashMap<&str, (u32, bool)> = FxHashMap::default();
    for token in &body_tokens {
        counts.entry(token).or_default().0 += 1;
    }
    for token in tokens(title) {
        counts.entry(token).or_default().1 = true;
    }
    let norm = K1 * (1.0 - B + B * length / average_length.max(1.0));
    // In no particular order: postings are kept in document order whatever the order of a
    // document's tokens, and shards are sorted when written.
    counts
        .into_iter()
        .map(|(token, (tf, in_title))| {
            let tf = f64::from(tf);
            // BM25's saturated term frequency, in [0, K1 + 1), on a 0–5 scale.
            let saturated = tf * (K1 + 1.0) / (tf + norm);
            let weight =
                (saturated / (K1 + 1.0) * 5.0).round() as u8 + if in_title { 2 } else { 0 };
            (token, weight.min(7))
        })
        .collect()
}

/// Terms written differently across the Chinese-speaking regions for one thing (Taiwan
/// writes 智慧財產權 where the mainland and Hong Kong write 知識產權), folded: an article
/// holding one is indexed under the others too, so a query in either usage finds it.
const EQUIVALENT_TERMS: &[&[&str]] = &[&["知识产权", "智慧财产权", "智财权"]];

/// `folded` with the equivalents of the terms it holds appended (once each).
fn with_equivalents(mut folded: String) -> String {
    let mut extra = String::new();
    for group in EQUIVALENT_TERMS {
        if group.iter().any(|term| folded.contains(term)) {
            for term in group.iter().filter(|term| !folded.contains(*term)) {
                extra.push('\n');
                extra.push_str(term);
            }
        }
    }
    folded.push_str(&extra);
    folded
}

/// The index of the site's articles, and what results show of them in each edition.
pub fn index_site(
    site: &Site,
    config: &crate::config::SiteConfig,
    second: Option<(&Site, &crate::config::SiteConfig, &str)>,
    emit: &(dyn Fn(OutputFile) + Sync),
) {
    let regions: Vec<crate::config::RegionConfig> =
        site.timelines.iter().map(|t| t.region.clone()).collect();
    index_into(&site.articles, &regions, emit);
    docs(&site.articles, config, "")
        .into_par_iter()
        .for_each(emit);
    if let Some((site, config, prefix)) = second {
        docs(&site.articles, config, prefix)
            .into_par_iter()
            .for_each(emit);
    }
}

/// The index of `articles` (site order; their title, original title and body paragraphs)
/// with a filter for each of `regions`, found by its name and its abbreviations (沪).
pub fn index(
    articles: &[crate::site::Entry],
    regions: &[crate::config::RegionConfig],
) -> Vec<OutputFile> {
    let files = std::sync::Mutex::new(Vec::new());
    index_into(articles, regions, &|f| {
        files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
    });
    let mut files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// Makes [`index`]'s files, handing each to `emit` as soon as it is made (the shards
/// together are as large as the postings they are made from).
pub fn index_into(
    articles: &[crate::site::Entry],
    regions: &[crate::config::RegionConfig],
    emit: &(dyn Fn(OutputFile) + Sync),
) {
    let fold = Fold::new();
    // BM25 needs the average body length before any weight: a first pass counts it. The
    // texts are folded again batch by batch below rather than all held at once (at
    // 100,000 articles the folded texts and their token lists took about 1 GB).
    let total_chars: usize = articles
        .par_iter()
        .map(|a| folded_texts(&fold, a).1.chars().count())
        .sum();
    let average_length = if articles.is_empty() {
        1.0
    } else {
        total_chars as f64 / articles.len() as f64
    };
    let mut postings: FxHashMap<String, PostingList> = FxHashMap::default();
    for (b, batch) in articles.chunks(INDEX_BATCH).enumerate() {
        let texts: Vec<(String, String)> =
            batch.par_iter().map(|a| folded_texts(&fold, a)).collect();
        let weighed: Vec<Vec<(&str, u8)>> = texts
            .par_iter()
            .map(|(title, body)| weigh(title, body, average_length))
            .collect();
        add_postings(&mut postings, (b * INDEX_BATCH) as u32, &weighed);
    }

    // Region filters are postings too, under tokens no text can produce.
    let mut region_tokens: Vec<(String, String)> = Vec::new();
    let region_token_of: FxHashMap<&str, String> = regions
        .iter()
        .map(|r| (r.id.as_str(), format!("~{}", r.id)))
        .collect();
    for region in regions {
        for name in std::iter::once(&region.name).chain(&region.abbreviations) {
            region_tokens.push((fold.text(name), format!("~{}", region.id)));
        }
    }
    for (doc, article) in articles.iter().enumerate() {
        for region in &article.regions {
            if let Some(token) = region_token_of.get(region.as_str()) {
                postings
                    .entry(token.clone())
                    .or_default()
                    .push(doc as u32, 0);
            }
        }
    }

    // Rough JSON size, to choose the number of shards.
    let estimate: usize = postings
        .iter()
        .map(|(t, p)| t.len() + 6 + p.len as usize * 4)
        .sum();
    let shards = (estimate / SHARD_BYTES).max(1) as u32;
    let mut by_shard: Vec<Vec<(&str, &PostingList)>> = vec![Vec::new(); shards as usize];
    for (token, list) in &postings {
        by_shard[shard_of(token, shards) as usize].push((token, list));
    }
    by_shard
        .into_par_iter()
        .enumerate()
        .for_each(|(i, mut entries)| {
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            emit(OutputFile {
                path: format!("{BUNDLE_DIR}/shards/{i}.json"),
                bytes: shard_json(&entries),
            });
        });

    // Documents are numbered newest first, so each year's are one run: first and last.
    let mut years: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    for (doc, article) in articles.iter().enumerate() {
        let year = chrono::Datelike::year(&article.published.date).to_string();
        let span = years.entry(year).or_insert((doc, doc));
        span.0 = span.0.min(doc);
        span.1 = span.1.max(doc);
    }
    let regions: serde_json::Map<String, serde_json::Value> = region_tokens
        .into_iter()
        .map(|(name, token)| (name, serde_json::Value::String(token)))
        .collect();
    emit(OutputFile {
        path: format!("{BUNDLE_DIR}/meta.json"),
        bytes: serde_json::json!({
            "format": FORMAT,
            "documents": articles.len(),
            "shards": shards,
            "chunk": CHUNK,
            "regions": regions,
            "years": years,
        })
        .to_string()
        .into_bytes(),
    });
    emit(OutputFile {
        path: format!("{BUNDLE_DIR}/fold.json"),
        bytes: fold.to_json(),
    });
}

/// What search results show of each article, in one edition (`prefix` "" for the main
/// one), in chunks of [`CHUNK`] documents.
pub fn docs(
    articles: &[crate::site::Entry],
    config: &crate::config::SiteConfig,
    prefix: &str,
) -> Vec<OutputFile> {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        s: &'a str,
        t: &'a str,
        d: String,
        r: Vec<&'a str>,
        x: &'a str,
    }
    let date_format = &config.labels().date_format;
    articles
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(i, chunk)| {
            let docs: Vec<Doc<'_>> = chunk
                .iter()
                .map(|a| Doc {
                    s: &a.slug,
                    t: &a.title,
                    d: a.published.date.format(date_format).to_string(),
                    r: a.regions
                        .iter()
                        .filter_map(|id| config.region(id).map(|r| r.name.as_str()))
                        .collect(),
                    x: &a.summary,
                })
                .collect();
            OutputFile {
                path: format!("{BUNDLE_DIR}/{prefix}docs/{i}.json"),
                bytes: serde_json::to_vec(&docs).unwrap_or_default(),
            }
        })
        .collect()
}

/// Articles folded and weighed at a time while indexing.
const INDEX_BATCH: usize = 2048;

/// An article's folded headline (with its 原标题) and body, as the index reads them.
fn folded_texts(fold: &Fold, article: &crate::site::Entry) -> (String, String) {
    let mut title = article.title.clone();
    if let Some(original) = &article.original_title {
        title.push('\n');
        title.push_str(original);
    }
    // The paragraphs folded and joined by line breaks, in one pass.
    let mut body = String::with_capacity(article.paragraphs.chars() * 3);
    let mut first = true;
    article.paragraphs.each(|paragraph| {
        if !std::mem::take(&mut first) {
            body.push('\n');
        }
        body.extend(paragraph.chars().map(|c| fold.char(c)));
    });
    (fold.text(&title), with_equivalents(body))
}

/// One token's postings as the shards write them: for each document holding it, in
/// document order, `(document - previous document) * 8 + weight`, held as LEB128 varints.
/// Most take one byte where a `u32` took four (and a growing `Vec` up to eight): at
/// 100,000 articles the postings were the index's largest part of the peak (BENCHMARKS.md).
#[derive(Default)]
struct PostingList {
    bytes: Vec<u8>,
    /// How many postings (for the shard-size estimate).
    len: u32,
    last_doc: u32,
}

impl PostingList {
    /// Adds document `doc` (not before the last one added) with `weight` (0–7).
    fn push(&mut self, doc: u32, weight: u8) {
        let mut value = (doc - self.last_doc) as u64 * 8 + u64::from(weight & 7);
        while value >= 0x80 {
            self.bytes.push((value as u8 & 0x7f) | 0x80);
            value >>= 7;
        }
        self.bytes.push(value as u8);
        self.len += 1;
        self.last_doc = doc;
    }

    /// The values the shards write, in order.
    fn values(&self) -> impl Iterator<Item = u64> + '_ {
        let mut bytes = self.bytes.iter();
        std::iter::from_fn(move || {
            let (mut value, mut shift) = (0u64, 0);
            for &byte in bytes.by_ref() {
                value |= u64::from(byte & 0x7f) << shift;
                if byte < 0x80 {
                    return Some(value);
                }
                shift += 7;
            }
            None
        })
    }
}

/// Adds the weighed tokens of documents `first`, `first + 1`, … to each token's postings.
fn add_postings(
    postings: &mut FxHashMap<String, PostingList>,
    first: u32,
    weighed: &[Vec<(&str, u8)>],
) {
    for (i, tokens) in weighed.iter().enumerate() {
        let doc = first + i as u32;
        for (token, weight) in tokens {
            match postings.get_mut(*token) {
                Some(list) => list.push(doc, *weight),
                None => {
                    let mut list = PostingList::default();
                    list.push(doc, *weight);
                    postings.insert((*token).to_string(), list);
                }
            }
        }
    }
}

fn shard_json(entries: &[(&str, &PostingList)]) -> Vec<u8> {
    use std::fmt::Write;
    let mut out = String::with_capacity(entries.len() * 32);
    out.push('{');
    for (i, (token, list)) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // Tokens are Han characters, ASCII letters and digits, or ~region-id: nothing to
        // escape but through serde for safety.
        out.push_str(&serde_json::to_string(token).unwrap_or_default());
        out.push_str(":[");
        for (j, value) in list.values().enumerate() {
            if j > 0 {
                out.push(',');
            }
            let _ = write!(out, "{value}");
        }
        out.push(']');
    }
    out.push('}');
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_bigrams_and_words() {
        let fold = Fold::new();
        let text = fold.text("知識產權，川 2021年GDP增长5G！");
        assert_eq!(
            tokens(&text),
            vec![
                "知识", "识产", "产权", "川", "2021", "年", "gdp", "增长", "5g"
            ]
        );
        assert_eq!(tokens(""), Vec::<&str>::new());
        assert_eq!(fold.text("ＡＢＣ１２"), "abc12");
    }

    #[test]
    fn shards_are_stable() {
        // search.js computes the same; these values pin the function.
        assert_eq!(shard_of("", 1_000_000), 0x811c_9dc5 % 1_000_000);
        assert_eq!(shard_of("a", 1 << 31), 0xe40c_292c % (1 << 31));
    }

    /// Decoding the written postings gives exactly the documents holding each token.
    #[test]
    fn postings_list_exactly_the_documents_with_the_token() {
        let fold = Fold::new();
        let docs = [
            "知识产权保护",
            "专利保护与知识",
            "上海市知识产权局",
            "无关的内容",
        ];
        let folded: Vec<String> = docs.iter().map(|d| fold.text(d)).collect();
        let weighed: Vec<Vec<(&str, u8)>> = folded.iter().map(|d| weigh("", d, 5.0)).collect();
        // Added in two batches, as the index does: documents keep their numbers.
        let mut postings = FxHashMap::default();
        add_postings(&mut postings, 0, &weighed[..2]);
        add_postings(&mut postings, 2, &weighed[2..]);
        let entries: Vec<(&str, &PostingList)> =
            postings.iter().map(|(t, p)| (t.as_str(), p)).collect();
        let json: serde_json::Value =
            serde_json::from_slice(&shard_json(&entries)).expect("valid JSON");
        let decode = |token: &str| -> Vec<u32> {
            let mut doc = 0;
            json[token]
                .as_array()
                .map(|list| {
                    list.iter()
                        .map(|v| {
                            doc += v.as_u64().unwrap_or(0) as u32 / 8;
                            doc
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(decode("知识"), vec![0, 1, 2]);
        assert_eq!(decode("产权"), vec![0, 2]);
        assert_eq!(decode("保护"), vec![0, 1]);
        assert_eq!(decode("上海"), vec![2]);
        assert!(decode("北京").is_empty());
    }

    /// Varints of every width come back as written, the first as the document itself.
    #[test]
    fn posting_lists_give_back_each_gap_and_weight() {
        let docs = [0u32, 3, 3 + 15, 200, 70_000, 70_001, 40_000_000];
        let mut list = PostingList::default();
        for (i, &doc) in docs.iter().enumerate() {
            list.push(doc, i as u8 % 8);
        }
        let mut previous = 0;
        let expected: Vec<u64> = docs
            .iter()
            .enumerate()
            .map(|(i, &doc)| {
                let value = u64::from(doc - previous) * 8 + (i as u64 % 8);
                previous = doc;
                value
            })
            .collect();
        assert_eq!(list.values().collect::<Vec<_>>(), expected);
        assert_eq!(list.len as usize, docs.len());
        assert!(list.bytes.len() < docs.len() * 4, "small gaps take a byte");
    }

    /// The table gives what the rules give, at every code point and beyond the BMP.
    #[test]
    fn the_fold_table_agrees_with_its_rules() {
        let fold = Fold::new();
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32).step_by(7) {
            assert_eq!(fold.char(c), Fold::by_rule(&fold.map, c), "{c:?}");
        }
        assert_eq!(fold.text("Ｇ知識產權A𠀀"), "g知识产权a𠀀");
    }

    #[test]
    fn regional_usages_are_indexed_under_each_other() {
        let fold = Fold::new();
        let taiwan = with_equivalents(fold.text("上海市智慧財產權保護"));
        assert!(tokens(&taiwan).contains(&"产权") && tokens(&taiwan).contains(&"知识"));
        let mainland = with_equivalents(fold.text("知识产权保护"));
        assert!(tokens(&mainland).contains(&"智慧"));
        assert_eq!(with_equivalents("专利".to_string()), "专利");
    }

    #[test]
    fn headline_tokens_weigh_more() {
        let with = weigh("专利", "专利申请", 4.0);
        let without = weigh("", "专利申请", 4.0);
        let w = |list: &[(&str, u8)]| list.iter().find(|(t, _)| *t == "专利").map(|p| p.1);
        assert!(w(&with) > w(&without), "{with:?} {without:?}");
    }
}
