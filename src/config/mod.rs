//! The `site.toml` model: one struct per table, unknown keys rejected, validated right
//! after parsing so later stages can trust it.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;

pub mod register;

use crate::diagnostic::Diagnostic;
use crate::zh::script::Script;

pub const CONFIG_FILE: &str = "site.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteConfig {
    /// Site name shown in the header and the page titles.
    pub title: String,
    /// One sentence shown on the home page and in the `<meta name="description">`.
    pub description: String,
    /// Where the site is published, e.g. `https://org.github.io/digest/`. Its path is the base
    /// path that site-relative URLs (like those in `data/articles.json`) start with.
    pub base_url: String,
    /// Script the site is written in; articles in the other script are converted with OpenCC.
    pub script: Script,
    /// Language of the interface labels: "zh" (Simplified Chinese) or "en".
    pub ui_language: crate::locale::UiLanguage,
    /// How many articles the home page lists.
    pub latest_count: usize,
    /// How many articles each Atom feed carries.
    pub feed_limit: usize,
    /// Build articles marked `draft: true` too.
    pub drafts: bool,
    /// Build the search index (`search/`) and the search page.
    pub search: bool,
    /// A custom domain for GitHub Pages; written to the output's CNAME file.
    pub cname: Option<String>,
    pub classify: ClassifyConfig,
    pub edition: EditionConfig,
    pub regions: Vec<RegionConfig>,
    /// The path of `base_url`, worked out once when the configuration is read.
    #[serde(skip)]
    base_path: String,
    /// Where `base_url` was set (site.toml's line, or the `--base-url` flag), for warnings.
    #[serde(skip)]
    base_url_origin: Option<(String, Option<usize>)>,
    /// What editors record about policy documents (`policies.toml`).
    #[serde(skip)]
    pub register: std::sync::Arc<register::Register>,
    /// The labels in another script, for an edition's configuration ([`Self::for_edition`]).
    #[serde(skip)]
    converted_labels: Option<std::sync::Arc<crate::locale::Labels>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClassifyConfig {
    /// Each keyword hit in the headline counts this many times a hit in the body.
    pub title_weight: u32,
    /// Each keyword hit in the lead paragraph counts this many times a hit further down.
    pub lead_weight: u32,
    /// The fallback (national) region takes an article alone when its evidence is more
    /// than this many times every city's (venues and lists of examples left out).
    pub national_weight: u32,
    /// A region needs at least this score to claim an article.
    pub min_score: u32,
    /// Region for articles no rule matches.
    pub fallback: String,
}

/// The whole site again in the other script (a Traditional edition of a Simplified site).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EditionConfig {
    pub enabled: bool,
    /// For a Simplified site: "hk" (Hong Kong standard), "tw" (Taiwan), "twp" (Taiwan with
    /// Taiwanese vocabulary) or "traditional" (OpenCC's standard characters).
    pub variant: Script,
    /// Where the edition lives under the site; default "zh-hant" (or "zh-hans" for the
    /// Simplified edition of a Traditional site).
    pub path: Option<String>,
}

impl Default for EditionConfig {
    fn default() -> Self {
        EditionConfig {
            enabled: true,
            variant: Script::Hk,
            path: None,
        }
    }
}

impl EditionConfig {
    pub fn path(&self) -> &str {
        self.path.as_deref().unwrap_or("zh-hant")
    }

    /// The edition's folder for a site in `script`.
    pub fn path_for(&self, script: Script) -> &str {
        match &self.path {
            Some(path) => path,
            None if script.is_traditional() => "zh-hans",
            None => "zh-hant",
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RegionConfig {
    /// ASCII id used in URLs and in front matter `regions:`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Words that place an article in this region, in both scripts.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Single characters readers type for the region (沪, 京): a search for one finds the
    /// region's articles. Not used to classify (京 is also in 南京).
    #[serde(default)]
    pub abbreviations: Vec<String>,
}

impl Default for ClassifyConfig {
    fn default() -> Self {
        ClassifyConfig {
            title_weight: 3,
            lead_weight: 2,
            national_weight: 2,
            min_score: 3,
            fallback: "national".to_string(),
        }
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "知识产权政策区域观察".to_string(),
            description: "按地区追踪中国知识产权政策动态".to_string(),
            base_url: "/".to_string(),
            script: Script::Simplified,
            ui_language: crate::locale::UiLanguage::Chinese,
            latest_count: 20,
            feed_limit: 50,
            drafts: false,
            search: true,
            cname: None,
            classify: ClassifyConfig::default(),
            edition: EditionConfig::default(),
            regions: default_regions(),
            base_path: "/".to_string(),
            base_url_origin: None,
            register: Default::default(),
            converted_labels: None,
        }
    }
}

fn region(id: &str, name: &str, keywords: &[&str]) -> RegionConfig {
    RegionConfig {
        id: id.to_string(),
        name: name.to_string(),
        keywords: keywords.iter().map(|k| k.to_string()).collect(),
        abbreviations: match id {
            "beijing" => vec!["京".to_string()],
            "shanghai" => vec!["沪".to_string(), "滬".to_string()],
            "sichuan-chongqing" => vec!["川".to_string(), "渝".to_string()],
            "hong-kong" => vec!["港".to_string()],
            _ => Vec::new(),
        },
    }
}

/// The built-in regions, used when site.toml has no `[[regions]]`.
pub fn default_regions() -> Vec<RegionConfig> {
    vec![
        region(
            "beijing",
            "北京",
            &["北京", "首都", "京港", "京津冀", "中关村", "中關村"],
        ),
        region("shanghai", "上海", &["上海", "沪", "滬", "浦东", "浦東"]),
        region(
            "sichuan-chongqing",
            "川渝",
            &[
                "川渝", "四川", "重庆", "重慶", "成渝", "成都", "绵阳", "綿陽",
            ],
        ),
        region("hong-kong", "香港", &["香港", "京港", "港澳"]),
        region("national", "全国", NATIONAL_KEYWORDS),
    ]
}

/// Actors and words of national policy (both scripts).
const NATIONAL_KEYWORDS: &[&str] = &[
    "国务院",
    "國務院",
    "国家知识产权局",
    "國家知識產權局",
    "最高人民法院",
    "最高人民检察院",
    "全国",
    "全國",
    "中共中央",
    "党中央",
    "黨中央",
    "国家市场监督管理总局",
    "市场监管总局",
    "国家版权局",
    "國家版權局",
    "全国人大",
    "国家发展改革委",
    "商务部",
    "中华人民共和国",
];

impl SiteConfig {
    /// Reads `site.toml` under `root` (a missing file means the defaults) and the policy
    /// register beside it, `policies.toml`, if there is one.
    pub fn load(root: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
        let path = root.join(CONFIG_FILE);
        let mut config = match std::fs::read_to_string(&path) {
            Ok(text) => SiteConfig::parse(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(SiteConfig::default()),
            Err(e) => Err(vec![Diagnostic::error(
                CONFIG_FILE,
                format!("cannot read: {e}"),
            )]),
        };
        match (&mut config, register::Register::read(root)) {
            (Ok(config), Ok(register)) => config.register = std::sync::Arc::new(register),
            (Ok(_), Err(problems)) => config = Err(problems),
            (Err(problems), Err(more)) => problems.extend(more),
            (Err(_), Ok(_)) => {}
        }
        config
    }

    pub fn parse(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
        let mut config: SiteConfig = toml::from_str(text).map_err(|e| {
            let mut d = Diagnostic::error(CONFIG_FILE, e.message().trim().to_string())
                .hint("see the site.toml reference in README.md");
            if let Some(span) = e.span() {
                let (line, column) = line_column(text, span.start);
                d = d.at(line, Some(column));
            }
            vec![d]
        })?;
        let problems = config.validate();
        if problems.is_empty() {
            config.base_path = base_path_of(&config.base_url).unwrap_or_else(|_| "/".to_string());
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("base_url"))
                .map(|i| i + 1);
            config.base_url_origin = Some((CONFIG_FILE.to_string(), line));
            Ok(config)
        } else {
            Err(problems)
        }
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut seen = HashSet::new();
        for region in &self.regions {
            let id_ok = !region.id.is_empty()
                && region
                    .id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !id_ok {
                problems.push(
                    Diagnostic::error(
                        CONFIG_FILE,
                        format!("region id {:?} is not a URL-safe name", region.id),
                    )
                    .hint("use lowercase ASCII letters, digits and '-', e.g. \"hong-kong\""),
                );
            }
            if !seen.insert(region.id.as_str()) {
                problems.push(Diagnostic::error(
                    CONFIG_FILE,
                    format!("region id {:?} is defined twice", region.id),
                ));
            }
        }
        if !self.regions.iter().any(|r| r.id == self.classify.fallback) {
            problems.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    format!(
                        "classify.fallback names region {:?}, which is not defined",
                        self.classify.fallback
                    ),
                )
                .hint("add a [[regions]] entry with that id or change classify.fallback"),
            );
        }
        let path = self.edition.path();
        if path.is_empty()
            || !path
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            problems.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    format!("edition.path {path:?} is not a folder name"),
                )
                .hint("use lowercase ASCII letters, digits and '-', e.g. \"zh-hant\""),
            );
        }
        if !self.script.is_traditional() && !self.edition.variant.is_traditional() {
            problems.push(
                Diagnostic::error(
                    CONFIG_FILE,
                    "edition.variant must be a Traditional standard for a Simplified site",
                )
                .hint("use \"hk\", \"tw\", \"twp\" or \"traditional\""),
            );
        }
        if let Some(cname) = &self.cname {
            let ok = !cname.is_empty()
                && cname.contains('.')
                && cname
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
            if !ok {
                problems.push(
                    Diagnostic::error(CONFIG_FILE, format!("cname {cname:?} is not a domain name"))
                        .hint("write the bare domain, e.g. cname = \"digest.example.org\""),
                );
            }
        }
        if let Err(message) = base_path_of(&self.base_url) {
            problems.push(
                Diagnostic::error(CONFIG_FILE, format!("base_url: {message}"))
                    .hint("write it like \"https://org.github.io/digest/\" or \"/\""),
            );
        }
        problems
    }

    /// The path part of `base_url`, always starting and ending with `/`.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// Replaces `base_url` (for `--base-url`).
    pub fn set_base_url(&mut self, base_url: &str) -> Result<(), String> {
        self.base_path = base_path_of(base_url)?;
        self.base_url = base_url.to_string();
        self.base_url_origin = Some(("--base-url".to_string(), None));
        Ok(())
    }

    /// Whether `base_url` is a whole address (`https://…`), as feeds, the sitemap and
    /// canonical links need.
    pub fn has_absolute_base(&self) -> bool {
        self.base_url.starts_with("https://") || self.base_url.starts_with("http://")
    }

    /// A warning when `base_url` is only a path, naming what that breaks.
    pub fn relative_base_warning(&self) -> Option<Diagnostic> {
        if self.has_absolute_base() {
            return None;
        }
        let (file, line) = self
            .base_url_origin
            .clone()
            .unwrap_or_else(|| (CONFIG_FILE.to_string(), None));
        let d = Diagnostic::warning(
            file,
            format!(
                "base_url {:?} is not a whole address: feed entries, the sitemap and canonical links will carry addresses that feed readers and search engines cannot open, and the 404 page's links break on a GitHub project site",
                self.base_url
            ),
        )
        .hint("set base_url to where the site is published, e.g. base_url = \"https://your-org.github.io/your-repo/\"");
        Some(match line {
            Some(line) => d.at(line, None),
            None => d,
        })
    }

    /// `base_url` with a trailing slash, for absolute links (canonical URLs, feeds).
    pub fn absolute_base(&self) -> String {
        let mut base = self.base_url.clone();
        if !base.ends_with('/') {
            base.push('/');
        }
        base
    }

    pub fn labels(&self) -> &crate::locale::Labels {
        match &self.converted_labels {
            Some(labels) => labels,
            None => crate::locale::Labels::for_language(self.ui_language),
        }
    }

    /// The configuration as the edition in `script` sees it: the site's title, description,
    /// region names and interface labels passed through `convert`.
    pub fn for_edition(&self, script: Script, convert: &dyn Fn(&str) -> String) -> SiteConfig {
        let mut edition = self.clone();
        edition.script = script;
        edition.title = convert(&self.title);
        edition.description = convert(&self.description);
        for region in &mut edition.regions {
            region.name = convert(&region.name);
        }
        edition.converted_labels = Some(std::sync::Arc::new(self.labels().converted(convert)));
        if !self.register.is_empty() {
            edition.register = std::sync::Arc::new(self.register.converted(convert));
        }
        edition
    }

    pub fn region(&self, id: &str) -> Option<&RegionConfig> {
        self.regions.iter().find(|r| r.id == id)
    }
}

/// Extracts and normalises the path of a base URL (`https://h/a/b` → `/a/b/`).
pub fn base_path_of(base_url: &str) -> Result<String, String> {
    let path = if base_url.starts_with('/') {
        base_url.to_string()
    } else {
        let parsed =
            url::Url::parse(base_url).map_err(|e| format!("{base_url:?} is not a URL: {e}"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(format!("{base_url:?} must be an http(s) URL"));
        }
        parsed.path().to_string()
    };
    let mut path = path;
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok(path)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        let config = SiteConfig::parse("").expect("empty config is valid");
        assert_eq!(config.regions.len(), 5);
        assert_eq!(config.base_path(), "/");
    }

    #[test]
    fn unknown_key_is_an_error_with_its_line() {
        let errors = SiteConfig::parse("title = \"x\"\ncolour = \"red\"\n").unwrap_err();
        assert_eq!(errors[0].line, Some(2));
        assert!(
            errors[0].message.contains("colour"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn base_path_comes_from_base_url() {
        let config =
            SiteConfig::parse("base_url = \"https://org.github.io/digest\"").expect("valid");
        assert_eq!(config.base_path(), "/digest/");
        assert_eq!(config.absolute_base(), "https://org.github.io/digest/");
    }

    #[test]
    fn fallback_must_exist() {
        let errors = SiteConfig::parse("[classify]\nfallback = \"mars\"\n").unwrap_err();
        assert!(errors[0].message.contains("mars"));
    }

    #[test]
    fn bad_region_id_is_reported() {
        let errors = SiteConfig::parse(
            "[[regions]]\nid = \"Hong Kong\"\nname = \"香港\"\n[[regions]]\nid = \"national\"\nname = \"全国\"\n",
        )
        .unwrap_err();
        assert!(errors[0].message.contains("Hong Kong"));
    }
}
