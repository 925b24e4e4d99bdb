//! Stage 5, assemble: the whole site as indexes over the articles — newest-first order,
//! one timeline per region, neighbours within each timeline. Views borrow the articles;
//! nothing is copied per page.

pub mod policies;
pub mod slug;
pub mod taxonomy;

use std::ops::Deref;
use std::sync::Arc;

use crate::article::{Article, Placed};
use crate::config::{RegionConfig, SiteConfig};
use crate::diagnostic::Diagnostic;
use crate::load::addresses::Addresses;

/// A placed article with the address assembling gave it (unique within the site).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Shared, so that serve re-assembles the site without copying article data.
    pub placed: Arc<Placed>,
    pub slug: String,
    /// Earlier addresses, oldest first: each redirects to `slug`.
    pub aliases: Vec<String>,
}

impl Entry {
    /// The article's first address, which names it for good (feed entry ids).
    pub fn first_slug(&self) -> &str {
        self.aliases.first().unwrap_or(&self.slug)
    }
}

impl Deref for Entry {
    type Target = Placed;

    fn deref(&self) -> &Placed {
        &self.placed
    }
}

/// One region's articles, newest first (indices into [`Site::articles`]).
#[derive(Debug, Clone)]
pub struct Timeline {
    pub region: RegionConfig,
    pub articles: Vec<usize>,
}

#[derive(Debug)]
pub struct Site {
    /// Newest first; ties broken by slug so the order is stable.
    pub articles: Vec<Entry>,
    /// In site.toml region order.
    pub timelines: Vec<Timeline>,
    /// Cited policy documents, by key order.
    pub policies: Vec<policies::Policy>,
    policy_by_key: std::collections::HashMap<String, usize>,
    /// Publications and news agencies, by name.
    pub sources: Vec<taxonomy::Term>,
    /// Tags (and meaningful categories), by name.
    pub tags: Vec<taxonomy::Term>,
    /// Years with articles, newest first.
    pub years: Vec<(i32, Vec<usize>)>,
    /// Citing articles by document key, and articles by tag, for related articles.
    by_citation: std::collections::HashMap<String, Vec<usize>>,
    by_tag: std::collections::HashMap<String, Vec<usize>>,
    /// Index in `sources` and in `tags` by name.
    source_index: std::collections::HashMap<String, usize>,
    tag_index: std::collections::HashMap<String, usize>,
}

/// Each term's articles by its name.
fn articles_by_name(terms: &[taxonomy::Term]) -> std::collections::HashMap<String, Vec<usize>> {
    terms
        .iter()
        .map(|t| (t.name.clone(), t.articles.clone()))
        .collect()
}

fn name_index(terms: &[taxonomy::Term]) -> std::collections::HashMap<String, usize> {
    terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.name.clone(), i))
        .collect()
}

impl Site {
    /// Assembles the site. Addresses come from `recorded` where digest has seen an article
    /// before (see [`slug::assign`]); returns the addresses to record and warnings about
    /// slugs.
    pub fn assemble(
        articles: Vec<Arc<Placed>>,
        config: &SiteConfig,
        recorded: &Addresses,
    ) -> (Site, Addresses, Vec<Diagnostic>) {
        let assignment = slug::assign(&articles, recorded);
        let entries = articles
            .into_iter()
            .zip(assignment.slugs)
            .zip(assignment.aliases)
            .map(|((placed, slug), aliases)| Entry {
                placed,
                slug,
                aliases,
            })
            .collect();
        let articles = newest_first(entries);
        let timelines = config
            .regions
            .iter()
            .map(|region| Timeline {
                region: region.clone(),
                articles: articles
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.regions.contains(&region.id))
                    .map(|(i, _)| i)
                    .collect(),
            })
            .collect();
        let policies = policies::index(&articles, &config.register);
        // Every name a document is cited by leads to it.
        let policy_by_key = policies
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.variant_keys.iter().map(move |k| (k.clone(), i)))
            .collect();
        let sources = taxonomy::terms(&articles, taxonomy::sources_of);
        let tags = taxonomy::terms(&articles, taxonomy::tags_of);
        let years = taxonomy::years(&articles);
        let by_citation = policies
            .iter()
            .flat_map(|p| {
                p.variant_keys
                    .iter()
                    .map(|k| (k.clone(), p.articles.clone()))
            })
            .collect();
        let by_tag = articles_by_name(&tags);
        (
            Site {
                articles,
                timelines,
                policies,
                policy_by_key,
                source_index: name_index(&sources),
                tag_index: name_index(&tags),
                sources,
                tags,
                years,
                by_citation,
                by_tag,
            },
            assignment.addresses,
            assignment.problems,
        )
    }

    /// The same site with every text a reader sees converted (the edition in the other
    /// script): each article by `article`, names and titles by `convert`. Addresses, order
    /// and indexes are this site's, so each page has its counterpart at the same path.
    pub fn converted(
        &self,
        article: &(dyn Fn(&Entry) -> Arc<Placed> + Sync),
        convert: &(dyn Fn(&str) -> String + Sync),
    ) -> Site {
        use rayon::prelude::*;
        let articles: Vec<Entry> = self
            .articles
            .par_iter()
            .map(|entry| Entry {
                placed: article(entry),
                slug: entry.slug.clone(),
                aliases: entry.aliases.clone(),
            })
            .collect();
        // Lookups by cited title are rebuilt from the converted titles, each pointing where
        // its original pointed.
        let mut policy_by_key = std::collections::HashMap::new();
        let mut by_citation = std::collections::HashMap::new();
        for (original, converted) in self.articles.iter().zip(&articles) {
            for (was, now) in original.citations.iter().zip(&converted.citations) {
                let (was, now) = (policies::key(was), policies::key(now));
                if let Some(&policy) = self.policy_by_key.get(&was) {
                    policy_by_key.insert(now.clone(), policy);
                }
                if let Some(citing) = self.by_citation.get(&was) {
                    by_citation.insert(now, citing.clone());
                }
            }
        }
        let term = |t: &taxonomy::Term| taxonomy::Term {
            name: convert(&t.name),
            ..t.clone()
        };
        // Terms keep this site's order (and so their page indices), which is no longer
        // alphabetical in the other script: look them up by name through the indexes.
        let sources: Vec<taxonomy::Term> = self.sources.iter().map(term).collect();
        let tags: Vec<taxonomy::Term> = self.tags.iter().map(term).collect();
        let by_tag = articles_by_name(&tags);
        Site {
            articles,
            timelines: self
                .timelines
                .iter()
                .map(|t| Timeline {
                    region: RegionConfig {
                        name: convert(&t.region.name),
                        ..t.region.clone()
                    },
                    articles: t.articles.clone(),
                })
                .collect(),
            policies: self
                .policies
                .iter()
                .map(|p| policies::Policy {
                    key: policies::key(&convert(&p.title)),
                    title: convert(&p.title),
                    record: p
                        .record
                        .as_ref()
                        .map(|r| std::sync::Arc::new(r.converted(convert))),
                    ..p.clone()
                })
                .collect(),
            policy_by_key,
            source_index: name_index(&sources),
            tag_index: name_index(&tags),
            sources,
            tags,
            years: self.years.clone(),
            by_citation,
            by_tag,
        }
    }

    /// An empty site (what `serve` holds before its first build).
    pub fn empty() -> Site {
        Site {
            articles: Vec::new(),
            timelines: Vec::new(),
            policies: Vec::new(),
            policy_by_key: std::collections::HashMap::new(),
            sources: Vec::new(),
            tags: Vec::new(),
            years: Vec::new(),
            by_citation: std::collections::HashMap::new(),
            by_tag: std::collections::HashMap::new(),
            source_index: std::collections::HashMap::new(),
            tag_index: std::collections::HashMap::new(),
        }
    }

    /// The source (publication or agency) called `name`.
    pub fn source_named(&self, name: &str) -> Option<&taxonomy::Term> {
        self.source_index.get(name).map(|&i| &self.sources[i])
    }

    /// The tag called `name`.
    pub fn tag_named(&self, name: &str) -> Option<&taxonomy::Term> {
        self.tag_index.get(name).map(|&i| &self.tags[i])
    }

    /// Articles related to article `index` (see [`taxonomy::related`]).
    pub fn related(&self, index: usize) -> Vec<usize> {
        taxonomy::related(index, &self.articles, &self.by_citation, &self.by_tag)
    }

    /// Articles whose related lists may show article `index`: those sharing a document or
    /// a tag with it.
    pub fn related_to(&self, index: usize) -> Vec<usize> {
        let article = &self.articles[index];
        let mut out: Vec<usize> = article
            .citations
            .iter()
            .filter_map(|t| self.by_citation.get(&policies::key(t)))
            .chain(
                taxonomy::tags_of(article)
                    .iter()
                    .filter_map(|t| self.by_tag.get(t)),
            )
            .filter(|list| list.len() <= taxonomy::SPECIFIC)
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The documents an article cites, with their index in [`Site::policies`].
    pub fn citations_of<'a>(
        &'a self,
        article: &'a Article,
    ) -> impl Iterator<Item = (&'a str, usize)> + 'a {
        article.citations.iter().filter_map(|title| {
            self.policy_by_key
                .get(&policies::key(title))
                .map(|&i| (title.as_str(), i))
        })
    }

    pub fn timeline(&self, region_id: &str) -> Option<&Timeline> {
        self.timelines.iter().find(|t| t.region.id == region_id)
    }

    /// The older and newer neighbours of article `index` in a timeline.
    pub fn neighbours(&self, timeline: &Timeline, index: usize) -> (Option<usize>, Option<usize>) {
        // A timeline lists article indices in site order, so ascending: a binary search (a
        // linear one for every article page made rendering quadratic).
        let found = timeline
            .articles
            .binary_search(&index)
            .ok()
            .or_else(|| timeline.articles.iter().position(|&i| i == index));
        match found {
            Some(pos) => (
                timeline.articles.get(pos + 1).copied(),
                pos.checked_sub(1)
                    .and_then(|p| timeline.articles.get(p).copied()),
            ),
            None => (None, None),
        }
    }
}

/// Sorts newest first, ties broken by slug.
fn newest_first(mut articles: Vec<Entry>) -> Vec<Entry> {
    articles.sort_by(|a, b| {
        b.published
            .sort_key()
            .cmp(&a.published.sort_key())
            .then_with(|| a.slug.cmp(&b.slug))
    });
    articles
}
