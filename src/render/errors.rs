//! Template errors as diagnostics that name the template file and line.

use std::path::PathBuf;

use super::theme;
use crate::diagnostic::Diagnostic;

/// A template error as a diagnostic naming the template file and line.
pub(super) fn template_diagnostic(
    error: &tera::Error,
    files: &[(String, Option<PathBuf>)],
) -> Diagnostic {
    let (name, line, message) = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => (
            report.filename().to_string(),
            Some(report.span().start_line),
            report.message().to_string(),
        ),
        _ => (String::new(), None, error.to_string()),
    };
    let file = files
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, file)| match file {
            Some(path) => path.clone(),
            None => PathBuf::from(format!("{}/{n} (built-in)", theme::TEMPLATES_DIR)),
        })
        .unwrap_or_else(|| PathBuf::from(theme::TEMPLATES_DIR));
    let mut d = Diagnostic::error(file, message)
        .hint("fix the template, or delete it to use the built-in one");
    if let Some(line) = line.filter(|&l| l > 0) {
        d = d.at(line, None);
    }
    d
}
