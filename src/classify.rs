//! Stage 4, classify: places each article in one or more region timelines, by evidence.
//!
//! Keyword rules come from site.toml. Where a keyword stands decides how much it says: a hit
//! in the headline weighs `title_weight` hits in the body, one in the lead paragraph
//! `lead_weight`; a region needs `min_score` to claim the article. Datelines are removed
//! first: `中新社北京10月30日电` says where a report was filed, not what it is about.
//!
//! The fallback region (national) has keywords of its own (国务院, 国家知识产权局, 全国…)
//! and also counts the national laws an article cites. It takes the article alone when its
//! evidence outweighs every city's `national_weight` times over, where a city's mentions
//! as a venue (`在北京召开`) or in a list of examples (`北京、上海等地`) do not count: so
//! 「全国知识产权局局长会议在北京召开」 is national, not Beijing's. Articles no region
//! claims go to the fallback too. `regions:` in front matter overrides the rules.

use crate::article::Article;
use crate::config::{ClassifyConfig, RegionConfig};
use crate::diagnostic::Diagnostic;
use crate::zh::dateline;

/// An article's text by position, datelines removed.
pub struct Positions {
    title: String,
    lead: String,
    rest: String,
}

impl Positions {
    pub fn of(article: &Article) -> Positions {
        let all = article.paragraphs.to_vec();
        let mut paragraphs = all.iter();
        let lead = paragraphs.next().map(String::as_str).unwrap_or("");
        Positions {
            title: dateline::strip_all(&article.title).into_owned(),
            lead: dateline::strip_all(lead).into_owned(),
            rest: dateline::strip_all(
                &paragraphs
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
            .into_owned(),
        }
    }
}

/// What the keywords of one region add up to: every mention, and the mentions that say
/// what the article is about (not a venue, not one of a list of examples).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    pub score: u32,
    pub about: u32,
}

/// Region ids for `article`, in site.toml order.
pub fn classify(
    article: &Article,
    regions: &[RegionConfig],
    rules: &ClassifyConfig,
) -> Result<Vec<String>, Diagnostic> {
    decide(article, regions, rules).map(|(regions, _)| regions)
}

/// Why an article went where it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// `regions:` in front matter.
    Requested,
    /// Each region's keywords reached `min_score`.
    Claimed,
    /// National evidence outweighed every city's `national_weight` times over.
    NationalAlone,
    /// No region reached `min_score`: the fallback region.
    Fallback,
}

/// The regions and why: classification itself, and what `digest inspect` explains.
pub fn decide(
    article: &Article,
    regions: &[RegionConfig],
    rules: &ClassifyConfig,
) -> Result<(Vec<String>, Why), Diagnostic> {
    if let Some(requested) = &article.requested_regions {
        return Ok((
            requested_regions(article, requested, regions)?,
            Why::Requested,
        ));
    }
    let text = Positions::of(article);
    let mut claimed: Vec<String> = Vec::new();
    let mut strongest_city = 0;
    let mut national = Evidence::default();
    for region in regions {
        let mut found = evidence(region, &text, rules);
        if region.id == rules.fallback {
            let laws = national_laws(&article.citations, regions, &rules.fallback);
            national = Evidence {
                score: found.score + laws,
                about: found.about + laws,
            };
            continue;
        }
        if found.score >= rules.min_score {
            claimed.push(region.id.clone());
        } else {
            found.about = 0;
        }
        strongest_city = strongest_city.max(found.about);
    }
    let national_alone = national.score >= rules.min_score
        && national.about > rules.national_weight.saturating_mul(strongest_city);
    if national_alone {
        return Ok((vec![rules.fallback.clone()], Why::NationalAlone));
    }
    if claimed.is_empty() {
        return Ok((vec![rules.fallback.clone()], Why::Fallback));
    }
    Ok((claimed, Why::Claimed))
}

/// One keyword's mentions in one part of an article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Hit {
    pub keyword: String,
    /// `headline`, `lead` or `body`.
    pub part: &'static str,
    pub count: u32,
    /// Of those, mentions in passing (a venue, one of a list), which do not say what the
    /// article is about.
    pub incidental: u32,
}

/// A region's evidence, spelled out.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RegionEvidence {
    pub id: String,
    pub score: u32,
    pub about: u32,
    pub hits: Vec<Hit>,
    /// National laws cited (the fallback region only).
    pub national_laws: u32,
}

/// Every region's evidence for `article`, keyword by keyword.
pub fn evidence_of(
    article: &Article,
    regions: &[RegionConfig],
    rules: &ClassifyConfig,
) -> Vec<RegionEvidence> {
    let text = Positions::of(article);
    regions
        .iter()
        .map(|region| {
            let found = evidence(region, &text, rules);
            let mut hits = Vec::new();
            for (part, name) in [
                (&text.title, "headline"),
                (&text.lead, "lead"),
                (&text.rest, "body"),
            ] {
                for keyword in region.keywords.iter().filter(|k| !k.is_empty()) {
                    let at: Vec<usize> = mentions(part, keyword).collect();
                    if !at.is_empty() {
                        hits.push(Hit {
                            keyword: keyword.clone(),
                            part: name,
                            count: at.len() as u32,
                            incidental: at
                                .iter()
                                .filter(|&&i| is_incidental(part, i, i + keyword.len()))
                                .count() as u32,
                        });
                    }
                }
            }
            let national_laws = if region.id == rules.fallback {
                national_laws(&article.citations, regions, &rules.fallback)
            } else {
                0
            };
            RegionEvidence {
                id: region.id.clone(),
                score: found.score + national_laws,
                about: found.about + national_laws,
                hits,
                national_laws,
            }
        })
        .collect()
}

/// Keyword score of one region: weighted hits in the headline, the lead and the rest.
pub fn score(region: &RegionConfig, text: &Positions, rules: &ClassifyConfig) -> u32 {
    evidence(region, text, rules).score
}

fn evidence(region: &RegionConfig, text: &Positions, rules: &ClassifyConfig) -> Evidence {
    let mut total = Evidence::default();
    for (part, weight) in [
        (&text.title, rules.title_weight),
        (&text.lead, rules.lead_weight),
        (&text.rest, 1),
    ] {
        for keyword in region.keywords.iter().filter(|k| !k.is_empty()) {
            for at in mentions(part, keyword) {
                total.score += weight;
                if !is_incidental(part, at, at + keyword.len()) {
                    total.about += weight;
                }
            }
        }
    }
    total
}

/// Where `keyword` starts in `part`, each mention once (leftmost, not overlapping: what
/// `str::match_indices` gives). memchr's SIMD search, as every region's keywords are
/// looked for in every article: `match_indices` was 3.5 % of a long-article build.
fn mentions<'a>(part: &'a str, keyword: &'a str) -> impl Iterator<Item = usize> + 'a {
    memchr::memmem::find_iter(part.as_bytes(), keyword.as_bytes())
}

/// Whether the mention at `start..end` names a place in passing: the venue of a meeting
/// (`在北京召开`, `于上海举行`) or one of a list (`北京、上海等地`).
fn is_incidental(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let next = after.clone().next();
    if before == Some('、') || next == Some('、') {
        return true;
    }
    if matches!(before, Some('在' | '于' | '於')) {
        // The place may carry its level (`北京市`) before the verb.
        let window: String = after.by_ref().take(8).collect();
        return VENUE_VERBS.iter().any(|verb| window.contains(verb));
    }
    false
}

/// What is done at a venue.
const VENUE_VERBS: &[&str] = &[
    "召开", "举行", "举办", "开幕", "闭幕", "召開", "舉行", "舉辦", "開幕", "閉幕",
];

/// National laws among the documents an article cites: a 法 (not a local 办法) that names
/// no place of another region, or any document of the 中华人民共和国.
fn national_laws(citations: &[String], regions: &[RegionConfig], national: &str) -> u32 {
    let local = |title: &str| {
        regions
            .iter()
            .filter(|r| r.id != national)
            .flat_map(|r| &r.keywords)
            .any(|k| !k.is_empty() && title.contains(k.as_str()))
            || ["省", "市", "自治区", "特别行政区"]
                .iter()
                .any(|level| title.contains(level))
    };
    citations
        .iter()
        .filter(|title| {
            title.starts_with("中华人民共和国")
                || (title.ends_with('法') && !title.ends_with("办法") && !local(title))
        })
        .count() as u32
}

fn requested_regions(
    article: &Article,
    requested: &[String],
    regions: &[RegionConfig],
) -> Result<Vec<String>, Diagnostic> {
    let unknown: Vec<&String> = requested
        .iter()
        .filter(|id| !regions.iter().any(|r| &r.id == *id))
        .collect();
    if let Some(id) = unknown.first() {
        let known: Vec<&str> = regions.iter().map(|r| r.id.as_str()).collect();
        let mut d = Diagnostic::error(&article.input, format!("unknown region id {id:?}"))
            .hint(format!("known regions: {}", known.join(", ")));
        if let Some(line) = article.requested_regions_line {
            d = d.at(line, None);
        }
        return Err(d);
    }
    // Keep site.toml order, without duplicates.
    Ok(regions
        .iter()
        .filter(|r| requested.contains(&r.id))
        .map(|r| r.id.clone())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::extract::Published;

    /// The same mentions `str::match_indices` finds, overlapping and repeated keywords too.
    #[test]
    fn mentions_are_those_match_indices_finds() {
        let texts = [
            "北京北京北京",
            "哈哈哈哈哈",
            "在北京召开，北京、上海等地",
            "",
            "京港澳京港",
            "abc北京abc",
        ];
        for text in texts {
            for keyword in ["北京", "哈哈", "京港", "港", "abc", "上海", "北京北京"] {
                let expected: Vec<usize> = text.match_indices(keyword).map(|(i, _)| i).collect();
                assert_eq!(
                    mentions(text, keyword).collect::<Vec<_>>(),
                    expected,
                    "{keyword} in {text}"
                );
            }
        }
    }

    fn article(title: &str, body: &[&str]) -> Article {
        Article {
            input: "content/t.md".into(),
            requested_slug: None,
            title: title.to_string(),
            original_title: None,
            published: Published {
                date: chrono::NaiveDate::MIN,
                time: None,
            },
            date_source: crate::extract::DateSource::FrontMatter,
            source_url: None,
            removed: vec![],
            guesses: vec![],
            warnings: vec![],
            source: None,
            agency: None,
            author: None,
            editor: None,
            summary: String::new(),
            categories: vec![],
            tags: vec![],
            breadcrumb: vec![],
            image: None,
            body_html: Default::default(),
            paragraphs: body
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into(),
            citations: vec![],
            requested_regions: None,
            requested_regions_line: None,
            draft: false,
        }
    }

    fn run(a: &Article) -> Vec<String> {
        let config = SiteConfig::default();
        classify(a, &config.regions, &config.classify).expect("classifies")
    }

    #[test]
    fn headline_alone_is_enough() {
        assert_eq!(
            run(&article("上海市与国家部委会商签约", &["会议举行。"])),
            vec!["shanghai"]
        );
    }

    #[test]
    fn one_passing_mention_is_not() {
        assert_eq!(
            run(&article(
                "知识产权国际合作",
                &["代表团曾到访上海。", "会议举行。"]
            )),
            vec!["national"]
        );
    }

    #[test]
    fn several_regions() {
        assert_eq!(
            run(&article("京港加强合作", &["北京与香港两地。"])),
            vec!["beijing", "hong-kong"]
        );
    }

    #[test]
    fn datelines_do_not_count() {
        let a = article(
            "中国知识产权国际合作扩大朋友圈",
            &[
                "中新社北京10月30日电 国务院近日印发规划。",
                "中新社北京10月30日电 又及北京。",
            ],
        );
        assert_eq!(run(&a), vec!["national"]);
    }

    #[test]
    fn body_mentions_add_up() {
        let a = article("研讨会举行", &["四川与重庆共建成渝地区双城经济圈。"]);
        assert_eq!(run(&a), vec!["sichuan-chongqing"]);
    }

    #[test]
    fn a_national_meeting_in_a_city_is_national() {
        let a = article(
            "全国知识产权局局长会议在北京召开",
            &[
                "全国知识产权局局长会议12月在北京召开。国家知识产权局局长出席并讲话。",
                "会议总结了全国知识产权工作，部署了明年的重点任务。",
            ],
        );
        assert_eq!(run(&a), vec!["national"]);
    }

    #[test]
    fn cities_named_as_examples_do_not_claim_a_national_article() {
        let a = article(
            "国务院印发知识产权强国建设纲要",
            &[
                "国务院近日印发纲要，对全国知识产权工作作出部署。",
                "北京、上海、重庆等地已开展试点。国家知识产权局将加强指导。",
            ],
        );
        assert_eq!(run(&a), vec!["national"]);
    }

    #[test]
    fn a_city_working_with_a_national_body_stays_the_city_s() {
        let a = article(
            "北京市政府与国家知识产权局签订合作会商议定书",
            &[
                "北京市政府与国家知识产权局举行合作会商。",
                "北京将打造知识产权首善之区，北京市知识产权局负责落实。",
            ],
        );
        assert_eq!(run(&a), vec!["beijing"]);
    }

    #[test]
    fn a_local_event_in_its_city_stays_local() {
        let a = article(
            "知识产权论坛在上海举行",
            &["论坛在上海举行，上海知识产权界人士参加。"],
        );
        assert_eq!(run(&a), vec!["shanghai"]);
    }

    #[test]
    fn national_laws_cited_are_national_evidence() {
        let mut a = article("专利法实施细则修订", &["新细则明年施行。"]);
        a.citations = vec!["中华人民共和国专利法实施细则".into(), "专利法".into()];
        assert_eq!(run(&a), vec!["national"]);
        assert_eq!(
            national_laws(
                &[
                    "重庆市知识产权保护办法".into(),
                    "上海市著作权法".into(),
                    "商标法".into()
                ],
                &SiteConfig::default().regions,
                "national"
            ),
            1
        );
    }

    #[test]
    fn front_matter_overrides_and_unknown_ids_fail() {
        let mut a = article("北京会议", &[]);
        a.requested_regions = Some(vec!["hong-kong".into(), "shanghai".into()]);
        assert_eq!(run(&a), vec!["shanghai", "hong-kong"]);
        a.requested_regions = Some(vec!["mars".into()]);
        a.requested_regions_line = Some(4);
        let config = SiteConfig::default();
        let e = classify(&a, &config.regions, &config.classify).unwrap_err();
        assert_eq!(e.line, Some(4));
        assert!(e.message.contains("mars"));
    }
}
