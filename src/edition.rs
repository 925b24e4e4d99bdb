//! Stage 6, editions: the site in its own script and, when site.toml enables it, the whole
//! site again in the other (a Traditional edition of a Simplified site). The second edition
//! is made from the first as a model-to-model step before rendering (mdBook's preprocessor
//! idea): every article, term, region name and interface label converted once, then
//! rendered like the main edition. Bodies, the bulk of the text, are the exception: each
//! holds the original's packed HTML and the conversion, and converts when its page (or a
//! feed) reads it, so the two editions never hold every body at once. Its feeds, pages and
//! toggles are in its own script and language by construction; addresses are the main
//! edition's under its folder.
//!
//! Takes: the assembled [`Site`] and its configuration. Gives: each [`Edition`]'s place and
//! language, and the [`SecondEdition`]'s model.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::article::{Convert, Placed};
use crate::clean::script::ScriptConverter;
use crate::config::SiteConfig;
use crate::site::{Entry, Site};
use crate::zh::script::Script;

/// One edition of the site: where it lives and in which script.
#[derive(Debug, Clone)]
pub struct Edition {
    /// Where the edition lives, relative to the site root: "" or e.g. "zh-hant/".
    pub prefix: String,
    /// From the edition's root back to the site root: "" or "../".
    pub up: String,
    pub script: Script,
    pub lang: &'static str,
    pub og_locale: &'static str,
    /// The toggle's label for switching *to* this edition, in this edition's script.
    pub label: &'static str,
    pub other: Option<Box<Edition>>,
}

impl Edition {
    /// The site's editions: the main one first.
    pub fn of(config: &SiteConfig) -> Vec<Edition> {
        let main_script = config.script;
        let mut main = Edition::plain(main_script, String::new());
        if !config.edition.enabled {
            return vec![main];
        }
        let script = main_script.other(config.edition.variant);
        let prefix = format!("{}/", config.edition.path_for(main_script));
        let mut second = Edition::plain(script, prefix.clone());
        second.up = "../".repeat(prefix.matches('/').count());
        main.other = Some(Box::new(Edition {
            other: None,
            ..second.clone()
        }));
        second.other = Some(Box::new(Edition {
            other: None,
            ..main.clone()
        }));
        vec![main, second]
    }

    fn plain(script: Script, prefix: String) -> Edition {
        Edition {
            prefix,
            up: String::new(),
            script,
            lang: script.lang_tag(),
            og_locale: script.og_locale(),
            label: script.toggle_label(),
            other: None,
        }
    }

    /// The folder of the second edition (`zh-hant/`), if the site has one.
    pub fn second_prefix(config: &SiteConfig) -> Option<String> {
        Edition::of(config).get(1).map(|e| e.prefix.clone())
    }
}

/// The second edition's model: the site and its configuration in the other script.
pub struct SecondEdition {
    pub site: Site,
    pub config: SiteConfig,
    /// Converted articles by their original (the original is kept, so its address is not
    /// reused): a preview rebuild converts only the articles that changed.
    converted: FxHashMap<usize, (Arc<Placed>, Arc<Placed>)>,
}

impl SecondEdition {
    /// The second edition of `site`, or None when the site has none. Given the previous
    /// one, articles unchanged since are taken from it rather than converted again.
    pub fn make(
        site: &Site,
        config: &SiteConfig,
        converter: &Arc<dyn ScriptConverter>,
        previous: Option<SecondEdition>,
    ) -> Option<SecondEdition> {
        let script = Edition::of(config).get(1)?.script;
        let known = previous
            .filter(|p| p.config.script == script)
            .map(|p| p.converted)
            .unwrap_or_default();
        let convert = conversion(converter, script);
        let key = |entry: &Entry| Arc::as_ptr(&entry.placed) as usize;
        let edition_site = site.converted(
            &|entry: &Entry| match known.get(&key(entry)) {
                Some((_, converted)) => Arc::clone(converted),
                None => Arc::new(Placed {
                    article: entry.article.converted(&convert),
                    regions: entry.regions.clone(),
                    derived_slug: entry.derived_slug.clone(),
                }),
            },
            &*convert,
        );
        let converted = site
            .articles
            .iter()
            .zip(&edition_site.articles)
            .map(|(original, converted)| {
                (
                    key(original),
                    (Arc::clone(&original.placed), Arc::clone(&converted.placed)),
                )
            })
            .collect();
        Some(SecondEdition {
            site: edition_site,
            config: config.for_edition(script, &*convert),
            converted,
        })
    }

    /// Replaces article `index` (its body edited in the main edition) with its conversion.
    pub fn replace_article(
        &mut self,
        index: usize,
        original: &Entry,
        converter: &Arc<dyn ScriptConverter>,
    ) {
        let convert = conversion(converter, self.config.script);
        let placed = Arc::new(Placed {
            article: original.article.converted(&convert),
            regions: original.regions.clone(),
            derived_slug: original.derived_slug.clone(),
        });
        self.converted.insert(
            Arc::as_ptr(&original.placed) as usize,
            (Arc::clone(&original.placed), Arc::clone(&placed)),
        );
        if let Some(entry) = self.site.articles.get_mut(index) {
            entry.placed = placed;
        }
    }
}

/// Text converted into `script`, with its quotation marks.
fn conversion(converter: &Arc<dyn ScriptConverter>, script: Script) -> Convert {
    let converter = Arc::clone(converter);
    Arc::new(move |text: &str| script.with_quotes(converter.convert(text, script)))
}
