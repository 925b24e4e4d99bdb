//! Problems found while building, each tied to the file (and line) that caused it.
//!
//! Stages never stop at the first bad file: they return every problem they find so an
//! editor can fix a whole batch of articles in one pass.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Worth knowing, never a failure (e.g. an article filed under the fallback region).
    Note,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file the problem is in, relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based line and column, when the problem has a position.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// One line telling the editor what to do about it.
    pub hint: Option<String>,
    /// What sort of finding this is (`duplicate`, `undated`, …), for `digest check`'s
    /// summary and `--limit`; findings without one are counted by severity.
    pub kind: Option<Kind>,
}

/// The sorts of finding `digest check` counts separately (one byte, so that a diagnostic
/// stays small enough to pass around in `Result`s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Undated,
    YearGuessed,
    FrontMatter,
    HeadlineGuessed,
    ChromeRemoved,
    EmptyBody,
    FutureDate,
    OldDate,
    FallbackRegion,
    PinyinLeft,
    ChromeLeft,
    UndecodableBytes,
    Duplicate,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Undated => "undated",
            Kind::YearGuessed => "year guessed",
            Kind::FrontMatter => "front matter",
            Kind::HeadlineGuessed => "headline guessed",
            Kind::ChromeRemoved => "chrome removed",
            Kind::EmptyBody => "empty body",
            Kind::FutureDate => "future date",
            Kind::OldDate => "old date",
            Kind::FallbackRegion => "fallback region",
            Kind::PinyinLeft => "pinyin left",
            Kind::ChromeLeft => "chrome left",
            Kind::UndecodableBytes => "undecodable bytes",
            Kind::Duplicate => "duplicate",
        }
    }
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl Diagnostic {
    pub fn note(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(file, message)
        }
    }

    /// The diagnostic as a JSON object (for `digest check --format json`).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "severity": self.severity.label(),
            "file": self.file.to_string_lossy(),
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
            "kind": self.kind_label(),
        })
    }

    /// The diagnostic as a GitHub Actions workflow command, which the run's page shows as
    /// an annotation on the file and line.
    pub fn to_github_annotation(&self) -> String {
        // The workflow-command escapes: data escapes %, CR, LF; properties also , and :.
        let data = |s: &str| {
            s.replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A")
        };
        let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut out = format!("::{level} file={}", property(&self.file.to_string_lossy()));
        if let Some(line) = self.line {
            out.push_str(&format!(",line={line}"));
            if let Some(column) = self.column {
                out.push_str(&format!(",col={column}"));
            }
        }
        out.push_str(&format!(",title=digest {}::", self.kind_label()));
        out.push_str(&data(&self.message));
        if let Some(hint) = &self.hint {
            out.push_str(&data(&format!("\nhint: {hint}")));
        }
        out
    }

    pub fn error(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.as_ref().to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            kind: None,
        }
    }

    pub fn warning(file: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets what sort of finding this is.
    pub fn kind(mut self, kind: Kind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// The kind, or the severity for findings without one.
    pub fn kind_label(&self) -> &'static str {
        self.kind.map(Kind::label).unwrap_or(match self.severity {
            Severity::Error => "other error",
            Severity::Warning => "other warning",
            Severity::Note => "other note",
        })
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        let label = self.severity.label();
        write!(f, ": {label}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file and position so reports read top to bottom.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
    });
}
