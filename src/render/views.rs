//! Template contexts: small serialisable views that borrow from the articles.

use chrono::Datelike;
use serde::Serialize;

use super::{article_path, region_path};
use crate::config::{RegionConfig, SiteConfig};
use crate::locale::Labels;
use crate::site::policies::{Policy, policy_path};
use crate::site::taxonomy::Term;
use crate::site::{Entry, Site};

/// Reading speed for Chinese text, in characters per minute.
const CHARS_PER_MINUTE: usize = 400;

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub lang: &'static str,
    /// Open Graph locale of the content.
    pub og_locale: &'static str,
    pub base_url: String,
}

impl<'a> SiteView<'a> {
    pub fn new(config: &'a SiteConfig) -> Self {
        SiteView {
            title: &config.title,
            description: &config.description,
            lang: config.script.lang_tag(),
            og_locale: config.script.og_locale(),
            base_url: config.absolute_base(),
        }
    }
}

#[derive(Serialize, Clone)]
pub struct RegionLink<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub path: String,
    pub feed: String,
    pub count: Option<usize>,
    /// The page shown is this region's timeline (marked in the navigation).
    pub current: bool,
}

impl<'a> RegionLink<'a> {
    pub fn new(region: &'a RegionConfig) -> Self {
        RegionLink {
            id: &region.id,
            name: &region.name,
            path: region_path(&region.id),
            feed: super::feeds::region_feed_path(&region.id),
            count: None,
            current: false,
        }
    }

    pub fn with_count(region: &'a RegionConfig, count: usize) -> Self {
        RegionLink {
            count: Some(count),
            ..RegionLink::new(region)
        }
    }
}

/// An article as listed on the home page and timelines.
#[derive(Serialize)]
pub struct EntryView<'a> {
    pub title: &'a str,
    pub path: String,
    pub date: String,
    pub date_label: String,
    pub year: i32,
    pub month: u32,
    #[serde(skip)]
    pub first_of_month: chrono::NaiveDate,
    pub source: Option<&'a str>,
    pub summary: &'a str,
    pub regions: Vec<RegionLink<'a>>,
}

impl<'a> EntryView<'a> {
    pub fn new(article: &'a Entry, config: &'a SiteConfig) -> Self {
        let date = article.published.date;
        EntryView {
            title: &article.title,
            path: article_path(&article.slug),
            date: date.format("%Y-%m-%d").to_string(),
            date_label: date.format(&config.labels().date_format).to_string(),
            year: date.year(),
            month: date.month(),
            first_of_month: date.with_day(1).unwrap_or(date),
            source: article.source.as_deref(),
            summary: &article.summary,
            regions: article
                .regions
                .iter()
                .filter_map(|id| config.region(id))
                .map(RegionLink::new)
                .collect(),
        }
    }
}

#[derive(Serialize)]
pub struct HomeRegion<'a> {
    #[serde(flatten)]
    pub link: RegionLink<'a>,
    pub latest: Vec<EntryView<'a>>,
}

#[derive(Serialize)]
pub struct MonthGroup<'a> {
    pub month: u32,
    pub label: String,
    pub entries: Vec<EntryView<'a>>,
}

#[derive(Serialize)]
pub struct YearGroup<'a> {
    pub year: i32,
    pub label: String,
    pub months: Vec<MonthGroup<'a>>,
}

impl<'a> YearGroup<'a> {
    /// Groups newest-first entries by year and month, keeping the order.
    pub fn group(
        entries: impl IntoIterator<Item = EntryView<'a>>,
        labels: &Labels,
    ) -> Vec<YearGroup<'a>> {
        let mut years: Vec<YearGroup<'a>> = Vec::new();
        for entry in entries {
            if years.last().is_none_or(|y| y.year != entry.year) {
                years.push(YearGroup {
                    year: entry.year,
                    label: entry.first_of_month.format(&labels.year_format).to_string(),
                    months: Vec::new(),
                });
            }
            let Some(year) = years.last_mut() else {
                continue;
            };
            if year.months.last().is_none_or(|m| m.month != entry.month) {
                year.months.push(MonthGroup {
                    month: entry.month,
                    label: entry
                        .first_of_month
                        .format(&labels.month_format)
                        .to_string(),
                    entries: Vec::new(),
                });
            }
            if let Some(month) = year.months.last_mut() {
                month.entries.push(entry);
            }
        }
        years
    }
}

#[derive(Serialize)]
pub struct NeighbourView<'a> {
    pub region: RegionLink<'a>,
    pub older: Option<EntryView<'a>>,
    pub newer: Option<EntryView<'a>>,
}

/// Everything an article page shows.
#[derive(Serialize)]
pub struct ArticleView<'a> {
    #[serde(flatten)]
    pub entry: EntryView<'a>,
    pub datetime: Option<String>,
    pub time_label: Option<String>,
    /// The 原标题, only when it differs from the headline.
    pub original_title: Option<&'a str>,
    /// The original article's address (web addresses only) and its host, shown by the link.
    pub source_url: Option<&'a str>,
    pub source_host: Option<String>,
    pub agency: Option<&'a str>,
    pub author: Option<&'a str>,
    pub editor: Option<&'a str>,
    pub categories: &'a [String],
    pub tags: &'a [String],
    pub breadcrumb: &'a [String],
    pub image: Option<&'a str>,
    pub body: String,
    pub citations: Vec<Link<'a>>,
    /// Links to the pages of the article's source and agency, and of its tags.
    pub source_path: Option<String>,
    pub agency_path: Option<String>,
    pub tag_links: Vec<Link<'a>>,
    pub related: Vec<EntryView<'a>>,
    /// Minutes to read it; 0 (and not shown) for an article without text.
    pub reading_minutes: usize,
    pub neighbours: Vec<NeighbourView<'a>>,
    /// The headline as the citation line quotes it: inside the label's title marks, its
    /// own 《》 become 〈〉 (a title within a title).
    pub cited_title: String,
}

impl<'a> ArticleView<'a> {
    pub fn new(site: &'a Site, index: usize, config: &'a SiteConfig) -> Self {
        let article = &site.articles[index];
        let neighbours = site
            .timelines
            .iter()
            .filter(|t| article.regions.contains(&t.region.id))
            .map(|t| {
                let (older, newer) = site.neighbours(t, index);
                NeighbourView {
                    region: RegionLink::new(&t.region),
                    older: older.map(|i| EntryView::new(&site.articles[i], config)),
                    newer: newer.map(|i| EntryView::new(&site.articles[i], config)),
                }
            })
            .collect();
        ArticleView {
            entry: EntryView::new(article, config),
            datetime: article.published.rfc3339(),
            time_label: article
                .published
                .time
                .map(|t| t.format("%H:%M").to_string()),
            original_title: article
                .original_title
                .as_deref()
                .filter(|o| *o != article.title),
            source_url: web_address(article.source_url.as_deref()),
            source_host: web_address(article.source_url.as_deref())
                .and_then(|u| url::Url::parse(u).ok())
                .and_then(|u| {
                    u.host_str()
                        .map(|h| h.trim_start_matches("www.").to_string())
                }),
            agency: article.agency.as_deref(),
            author: article.author.as_deref(),
            editor: article.editor.as_deref(),
            categories: &article.categories,
            tags: &article.tags,
            breadcrumb: &article.breadcrumb,
            image: article.image.as_deref(),
            body: super::linked_body(site, article, "../"),
            citations: site
                .citations_of(article)
                .map(|(_, i)| Link::new(&site.policies[i]))
                .collect(),
            source_path: article
                .source
                .as_deref()
                .and_then(|name| site.source_named(name))
                .map(|term| super::source_path(&term.slug)),
            agency_path: article
                .agency
                .as_deref()
                .and_then(|name| site.source_named(name))
                .map(|term| super::source_path(&term.slug)),
            tag_links: crate::site::taxonomy::tags_of(article)
                .into_iter()
                .filter_map(|name| {
                    let term = site.tag_named(&name)?;
                    Some(Link {
                        title: &term.name,
                        path: super::tag_path(&term.slug),
                    })
                })
                .collect(),
            related: site
                .related(index)
                .into_iter()
                .map(|i| EntryView::new(&site.articles[i], config))
                .collect(),
            // No reading time for an article without text (warned by build and check).
            reading_minutes: article.text_length().div_ceil(CHARS_PER_MINUTE),
            cited_title: if config.labels().title_open == "《" {
                article.title.replace('《', "〈").replace('》', "〉")
            } else {
                article.title.clone()
            },
            neighbours,
        }
    }
}

/// An address a reader's browser can open: http or https, nothing else (a saved page's
/// own address could be a `file:` path or worse).
pub fn web_address(address: Option<&str>) -> Option<&str> {
    address.filter(|a| {
        url::Url::parse(a).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
    })
}

/// One object of `data/articles.json`.
#[derive(Serialize)]
pub struct ArticleRecord<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub date: String,
    pub datetime: Option<String>,
    pub date_source: &'static str,
    pub regions: &'a [String],
    pub source: Option<&'a str>,
    pub source_url: Option<&'a str>,
    pub agency: Option<&'a str>,
    pub author: Option<&'a str>,
    pub editor: Option<&'a str>,
    pub summary: &'a str,
    pub url: String,
    pub input: String,
}

impl<'a> ArticleRecord<'a> {
    pub fn new(article: &'a Entry, config: &SiteConfig) -> Self {
        ArticleRecord {
            slug: &article.slug,
            title: &article.title,
            date: article.published.date.format("%Y-%m-%d").to_string(),
            datetime: article.published.rfc3339(),
            date_source: article.date_source.as_str(),
            regions: &article.regions,
            source: article.source.as_deref(),
            source_url: article.source_url.as_deref(),
            agency: article.agency.as_deref(),
            author: article.author.as_deref(),
            editor: article.editor.as_deref(),
            summary: &article.summary,
            url: format!("{}{}", config.base_path(), article_path(&article.slug)),
            input: article.input.to_string_lossy().replace('\\', "/"),
        }
    }
}

/// A titled link: a cited document, a tag, a headline in a comparison cell.
#[derive(Serialize)]
pub struct Link<'a> {
    pub title: &'a str,
    pub path: String,
}

impl<'a> Link<'a> {
    pub fn new(policy: &'a Policy) -> Self {
        Link {
            title: &policy.title,
            path: policy_path(&policy.slug),
        }
    }
}

/// A cited document with the articles citing it (oldest first).
#[derive(Serialize)]
pub struct PolicyView<'a> {
    #[serde(flatten)]
    pub link: Link<'a>,
    pub count: usize,
    pub first: Option<String>,
    pub last: Option<String>,
    pub entries: Vec<EntryView<'a>>,
    /// From `policies.toml`: issuing body, document number, issue date, official text.
    pub issuer: Option<&'a str>,
    pub number: Option<&'a str>,
    pub issued: Option<String>,
    pub official_url: Option<&'a str>,
    /// The date the register orders by: the issue date, else the first citing article's
    /// (`YYYY-MM-DD`).
    pub sort_date: String,
}

impl<'a> PolicyView<'a> {
    pub fn new(
        policy: &'a Policy,
        site: &'a Site,
        config: &'a SiteConfig,
        with_entries: bool,
    ) -> Self {
        let date = |i: &usize| {
            site.articles[*i]
                .published
                .date
                .format(&config.labels().date_format)
                .to_string()
        };
        let record = policy.record.as_deref();
        PolicyView {
            issuer: record.and_then(|r| r.issuer.as_deref()),
            number: record.and_then(|r| r.number.as_deref()),
            issued: record
                .and_then(|r| r.date)
                .map(|d| d.format(&config.labels().date_format).to_string()),
            official_url: record.and_then(|r| r.url.as_deref()),
            sort_date: record
                .and_then(|r| r.date)
                .or_else(|| {
                    policy
                        .articles
                        .first()
                        .map(|&i| site.articles[i].published.date)
                })
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            link: Link::new(policy),
            count: policy.articles.len(),
            first: policy.articles.first().map(date),
            last: policy.articles.last().map(date),
            entries: if with_entries {
                policy
                    .articles
                    .iter()
                    .map(|&i| EntryView::new(&site.articles[i], config))
                    .collect()
            } else {
                Vec::new()
            },
        }
    }
}

/// Shades of a comparison cell, from a single article to the busiest month.
const SHADES: usize = 4;

/// A month of one region: how many articles, and where they are listed.
#[derive(Serialize)]
pub struct CompareCell {
    pub count: usize,
    /// 1 to [`SHADES`], by the count against the busiest cell (0 when empty).
    pub shade: usize,
    /// The month's section in the region's timeline.
    pub path: String,
}

#[derive(Serialize)]
pub struct CompareRow {
    pub year: i32,
    pub month: u32,
    pub label: String,
    pub cells: Vec<CompareCell>,
}

/// All regions side by side along one time axis: a row per month with articles, newest
/// first, a column per region.
#[derive(Serialize)]
pub struct CompareView<'a> {
    pub regions: Vec<RegionLink<'a>>,
    pub rows: Vec<CompareRow>,
}

impl<'a> CompareView<'a> {
    pub fn new(site: &'a Site, config: &'a SiteConfig) -> Self {
        let labels = config.labels();
        // A month of a split timeline lives on its year's page.
        let split: Vec<bool> = site
            .timelines
            .iter()
            .map(|t| super::is_split(site, &t.articles))
            .collect();
        let mut rows: Vec<CompareRow> = Vec::new();
        // Articles are newest first, so months arrive in order.
        for article in &site.articles {
            let date = article.published.date;
            if rows
                .last()
                .is_none_or(|r| (r.year, r.month) != (date.year(), date.month()))
            {
                let first = date.with_day(1).unwrap_or(date);
                rows.push(CompareRow {
                    year: date.year(),
                    month: date.month(),
                    label: format!(
                        "{} {}",
                        first.format(&labels.year_format),
                        first.format(&labels.month_format)
                    ),
                    cells: site
                        .timelines
                        .iter()
                        .zip(&split)
                        .map(|(t, &split)| {
                            let page = region_path(&t.region.id);
                            let page = if split {
                                crate::route::year_page_of(&page, date.year())
                            } else {
                                page
                            };
                            CompareCell {
                                count: 0,
                                shade: 0,
                                path: format!("{page}#y{}m{}", date.year(), date.month()),
                            }
                        })
                        .collect(),
                });
            }
            let Some(row) = rows.last_mut() else { continue };
            for (cell, timeline) in row.cells.iter_mut().zip(&site.timelines) {
                if !article.regions.contains(&timeline.region.id) {
                    continue;
                }
                cell.count += 1;
            }
        }
        let busiest = rows
            .iter()
            .flat_map(|r| &r.cells)
            .map(|c| c.count)
            .max()
            .unwrap_or(0)
            .max(1);
        for cell in rows.iter_mut().flat_map(|r| &mut r.cells) {
            cell.shade = (cell.count * SHADES).div_ceil(busiest);
        }
        CompareView {
            regions: site
                .timelines
                .iter()
                .map(|t| RegionLink::with_count(&t.region, t.articles.len()))
                .collect(),
            rows,
        }
    }
}

/// A source or tag: its page, and (on its own page) its articles.
#[derive(Serialize)]
pub struct TermView<'a> {
    pub name: &'a str,
    pub path: String,
    pub count: usize,
    pub entries: Vec<EntryView<'a>>,
}

impl<'a> TermView<'a> {
    pub fn new(
        term: &'a Term,
        site: &'a Site,
        config: &'a SiteConfig,
        is_source: bool,
        with_entries: bool,
    ) -> Self {
        TermView {
            name: &term.name,
            path: if is_source {
                super::source_path(&term.slug)
            } else {
                super::tag_path(&term.slug)
            },
            count: term.articles.len(),
            entries: if with_entries {
                term.articles
                    .iter()
                    .map(|&i| EntryView::new(&site.articles[i], config))
                    .collect()
            } else {
                Vec::new()
            },
        }
    }
}

#[derive(Serialize)]
pub struct ArchiveMonth {
    pub label: String,
    pub count: usize,
    pub anchor: String,
}

/// A year of the archive with its months and their counts.
#[derive(Serialize)]
pub struct ArchiveYear {
    pub year: i32,
    pub label: String,
    pub path: String,
    pub count: usize,
    pub months: Vec<ArchiveMonth>,
}

impl ArchiveYear {
    pub fn new(year: i32, articles: &[usize], site: &Site, config: &SiteConfig) -> Self {
        let labels = config.labels();
        let mut months: Vec<(u32, usize)> = Vec::new();
        for &i in articles {
            let month = site.articles[i].published.date.month();
            match months.last_mut() {
                Some((m, n)) if *m == month => *n += 1,
                _ => months.push((month, 1)),
            }
        }
        let first = chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
        ArchiveYear {
            year,
            label: first.format(&labels.year_format).to_string(),
            path: super::year_path(year),
            count: articles.len(),
            months: months
                .into_iter()
                .map(|(month, count)| ArchiveMonth {
                    label: first
                        .with_month(month)
                        .unwrap_or(first)
                        .format(&labels.month_format)
                        .to_string(),
                    count,
                    anchor: format!("{}#y{year}m{month}", super::year_path(year)),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::web_address;

    #[test]
    fn only_web_addresses_are_linked() {
        for good in ["https://www.gov.cn/a.htm", "http://ipr.example.com/x?y=1"] {
            assert_eq!(web_address(Some(good)), Some(good));
        }
        for bad in [
            "javascript:alert(1)",
            "file:///home/editor/page.html",
            "data:text/html,x",
            "www.gov.cn/a.htm",
            "https://",
        ] {
            assert_eq!(web_address(Some(bad)), None, "{bad}");
        }
        assert_eq!(web_address(None), None);
    }
}
