//! Stage 4, classify: places each article in one or more region timelines.
//!
//! Keyword rules come from site.toml. A hit in the headline weighs `title_weight` hits in
//! the body; a region needs `min_score` to claim the article. Datelines are removed first:
//! `中新社北京10月30日电` says where a report was filed, not what it is about. Articles no
//! region claims go to the fallback region (national). `regions:` in front matter
//! overrides the rules.

use crate::article::Article;
use crate::config::{ClassifyConfig, RegionConfig};
use crate::diagnostic::Diagnostic;
use crate::zh::dateline;

/// Region ids for `article`, in site.toml order.
pub fn classify(
    article: &Article,
    regions: &[RegionConfig],
    rules: &ClassifyConfig,
) -> Result<Vec<String>, Diagnostic> {
    if let Some(requested) = &article.requested_regions {
        return requested_regions(article, requested, regions);
    }
    let title = dateline::strip_all(&article.title);
    let body = dateline::strip_all(&article.paragraphs.join("\n")).into_owned();
    let mut claimed: Vec<String> = regions
        .iter()
        .filter(|region| score(region, &title, &body, rules.title_weight) >= rules.min_score)
        .map(|region| region.id.clone())
        .collect();
    if claimed.is_empty() {
        claimed.push(rules.fallback.clone());
    }
    Ok(claimed)
}

/// Keyword score of one region: weighted hits in the headline plus hits in the body.
pub fn score(region: &RegionConfig, title: &str, body: &str, title_weight: u32) -> u32 {
    let count = |text: &str| -> u32 {
        region
            .keywords
            .iter()
            .filter(|k| !k.is_empty())
            .map(|k| text.matches(k.as_str()).count() as u32)
            .sum()
    };
    count(title) * title_weight + count(body)
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
            source: None,
            agency: None,
            author: None,
            editor: None,
            summary: String::new(),
            categories: vec![],
            tags: vec![],
            breadcrumb: vec![],
            image: None,
            body_html: String::new(),
            paragraphs: body.iter().map(|s| s.to_string()).collect(),
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
