//! `policies.toml`: what editors know about the policy documents articles cite and digest
//! cannot read from the articles — the official name and the other names a document goes
//! by, its issuing body, document number (文号), issue date and official address. Optional;
//! every cited document has a page without it.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::zh::citation;

pub const POLICIES_FILE: &str = "policies.toml";

/// One document as the editor describes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyRecord {
    /// The official name, shown on the document's page.
    pub title: String,
    /// Other names articles cite it by.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The issuing body (发文机关).
    #[serde(default)]
    pub issuer: Option<String>,
    /// The document number (文号).
    #[serde(default)]
    pub number: Option<String>,
    /// The issue date, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<chrono::NaiveDate>,
    /// The official text's address.
    #[serde(default)]
    pub url: Option<String>,
}

impl PolicyRecord {
    /// The record with its texts passed through `convert` (for the other script's edition).
    pub fn converted(&self, convert: &dyn Fn(&str) -> String) -> PolicyRecord {
        PolicyRecord {
            title: convert(&self.title),
            aliases: self.aliases.iter().map(|a| convert(a)).collect(),
            issuer: self.issuer.as_deref().map(convert),
            number: self.number.as_deref().map(convert),
            ..self.clone()
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    policy: Vec<PolicyRecord>,
}

/// The records, found by the key of any of their names.
#[derive(Debug, Clone, Default)]
pub struct Register {
    records: Vec<Arc<PolicyRecord>>,
    by_key: HashMap<String, usize>,
}

impl Register {
    /// Reads `policies.toml` under `root`; none means an empty register.
    pub fn read(root: &Path) -> Result<Register, Vec<Diagnostic>> {
        match std::fs::read_to_string(root.join(POLICIES_FILE)) {
            Ok(text) => Register::parse(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Register::default()),
            Err(e) => Err(vec![Diagnostic::error(
                POLICIES_FILE,
                format!("cannot read: {e}"),
            )]),
        }
    }

    pub fn parse(text: &str) -> Result<Register, Vec<Diagnostic>> {
        let file: File = toml::from_str(text).map_err(|e| {
            let mut d = Diagnostic::error(POLICIES_FILE, e.message().trim().to_string()).hint(
                "write each document as [[policy]] with title, and optionally aliases, issuer, number, date (YYYY-MM-DD) and url",
            );
            if let Some(span) = e.span() {
                let (line, column) = super::line_column(text, span.start);
                d = d.at(line, Some(column));
            }
            vec![d]
        })?;
        let line_of = |title: &str| {
            text.lines()
                .position(|l| l.contains(title))
                .map_or(1, |i| i + 1)
        };
        let mut problems = Vec::new();
        let mut register = Register::default();
        for record in file.policy {
            if let Some(url) = &record.url
                && !url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
            {
                problems.push(
                    Diagnostic::error(POLICIES_FILE, format!("url {url:?} is not a web address"))
                        .at(line_of(url), None)
                        .hint("write the official text's address, e.g. https://www.gov.cn/…"),
                );
                continue;
            }
            let index = register.records.len();
            for name in std::iter::once(&record.title).chain(&record.aliases) {
                let key = citation::key(name);
                if let Some(&other) = register.by_key.get(&key)
                    && other != index
                {
                    problems.push(
                        Diagnostic::error(
                            POLICIES_FILE,
                            format!(
                                "{name:?} names two documents ({:?} and {:?})",
                                register.records[other].title, record.title
                            ),
                        )
                        .at(line_of(name), None)
                        .hint("give each name to one document only"),
                    );
                }
                register.by_key.insert(key, index);
            }
            register.records.push(Arc::new(record));
        }
        if problems.is_empty() {
            Ok(register)
        } else {
            Err(problems)
        }
    }

    /// The record of the document whose name (by [`citation::key`]) is `key`.
    pub fn find(&self, key: &str) -> Option<&Arc<PolicyRecord>> {
        self.by_key.get(key).map(|&i| &self.records[i])
    }

    /// The register with its texts converted (the other script's edition).
    pub fn converted(&self, convert: &dyn Fn(&str) -> String) -> Register {
        let records: Vec<Arc<PolicyRecord>> = self
            .records
            .iter()
            .map(|r| Arc::new(r.converted(convert)))
            .collect();
        let mut by_key = HashMap::new();
        for (i, record) in records.iter().enumerate() {
            for name in std::iter::once(&record.title).chain(&record.aliases) {
                by_key.insert(citation::key(name), i);
            }
        }
        Register { records, by_key }
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_find_their_record_and_mistakes_name_the_line() {
        let register = Register::parse(
            "[[policy]]\ntitle = \"中华人民共和国专利法\"\naliases = [\"新专利法\"]\nissuer = \"全国人民代表大会常务委员会\"\nnumber = \"主席令第五十五号\"\ndate = \"2020-10-17\"\nurl = \"https://www.gov.cn/a.htm\"\n",
        )
        .expect("valid");
        let found = register
            .find(&citation::key("专利法"))
            .expect("by its short name");
        assert_eq!(found.number.as_deref(), Some("主席令第五十五号"));
        assert!(register.find(&citation::key("新专利法")).is_some());
        assert!(register.find(&citation::key("商标法")).is_none());

        let bad = Register::parse("[[policy]]\ntitle = \"x法\"\nissued = \"y\"\n")
            .expect_err("unknown key");
        assert_eq!(bad[0].line, Some(3), "{}", bad[0]);
        let bad = Register::parse("[[policy]]\ntitle = \"x法\"\ndate = \"2020-13-01\"\n")
            .expect_err("bad date");
        assert_eq!(bad[0].line, Some(3), "{}", bad[0]);
        let twice = Register::parse(
            "[[policy]]\ntitle = \"甲法\"\n[[policy]]\ntitle = \"乙法\"\naliases = [\"甲法\"]\n",
        )
        .expect_err("a name for two documents");
        assert!(
            twice[0].message.contains("names two documents"),
            "{}",
            twice[0]
        );
    }
}
