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
        // Checks across templates (unknown filters, includes) come as one text report:
        // `error: Unknown filter `x`\n --> 404.html:1:12 …`; the first problem is named.
        _ => located(&error.to_string()),
    };
    let file = files
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, file)| match file {
            Some(path) => path.clone(),
            None => PathBuf::from(format!("{}/{n} (built-in)", theme::TEMPLATES_DIR)),
        })
        .unwrap_or_else(|| PathBuf::from(theme::TEMPLATES_DIR));
    let hint = what_to_change(&message);
    let mut d = Diagnostic::error(file, message).hint(hint);
    if let Some(line) = line.filter(|&l| l > 0) {
        d = d.at(line, None);
    }
    d
}

/// The first problem of a text report and where it is (`--> NAME:LINE:COLUMN`).
fn located(report: &str) -> (String, Option<usize>, String) {
    let message = report
        .lines()
        .map(|l| l.trim().trim_start_matches("error:").trim())
        .find(|l| !l.is_empty())
        .unwrap_or(report)
        .to_string();
    let place = report
        .lines()
        .find_map(|l| l.trim().strip_prefix("-->"))
        .map(str::trim);
    match place.and_then(|p| {
        let mut parts = p.rsplitn(3, ':');
        let _column = parts.next()?;
        let line = parts.next()?.parse().ok()?;
        Some((parts.next()?.to_string(), line))
    }) {
        Some((name, line)) => (name, Some(line), message),
        None => (String::new(), None, message),
    }
}

/// What to change for the template errors editors meet most (many from habits of Tera 1
/// or Jinja), else the general advice.
fn what_to_change(message: &str) -> String {
    let quoted = |m: &str| m.split('`').nth(1).unwrap_or("").to_string();
    if message.starts_with("Unknown filter") {
        let name = quoted(message);
        return format!(
            "`{name}` is not a filter here: check its spelling; Tera 2 left out some of Tera 1's filters (such as `date`), so see how the built-in templates in digest's templates/ do the same"
        );
    }
    if message.starts_with("Unknown template") || message.contains("not found") {
        return "create that file under templates/, or use the name of a built-in template (base.html, partials/…)".to_string();
    }
    if message.contains("is not defined. Available variables") {
        return "use one of the variables listed, or guard it: {% if name is defined %}…{% endif %}".to_string();
    }
    if message.starts_with("Iteration not possible on type `undefined`") {
        return "the list after `in` is not defined on this page: check its name, or guard the loop with {% if name is defined %}".to_string();
    }
    if message == "Unexpected end of input" {
        return "a block is not closed: add the {% endif %}, {% endfor %} or {% endblock %} it needs".to_string();
    }
    if message == "Unknown tag" {
        return "either a block opened above is not closed (an {% if %} or {% for %} needs its {% endif %} or {% endfor %} before here), or Tera 2 has no such tag: macros became components, defined as {% component name(args) %}…{% endcomponent name %} and called as {{ <name args /> }}".to_string();
    }
    if message.starts_with("Components with body content must use tag syntax") {
        return "call a component that takes a body as {% <name args> %}…{% </name> %}, not {{ <name args /> }}".to_string();
    }
    if message.starts_with("Tried to use super()") {
        return "super() works only in a block that overrides one of the parent template's: remove it, or add {% extends \"base.html\" %}".to_string();
    }
    if message.starts_with("Found `") && message.contains("but expected") {
        return "an expression is incomplete here: finish it or remove the stray symbol"
            .to_string();
    }
    "fix the template, or delete it to use the built-in one".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_report_is_located_and_given_what_to_change() {
        let (name, line, message) =
            located("error: Unknown filter `date`\n --> 404.html:3:8\n  |\n3 | {{ x | date }}");
        assert_eq!((name.as_str(), line), ("404.html", Some(3)));
        assert_eq!(message, "Unknown filter `date`");
        assert!(what_to_change(&message).starts_with("`date` is not a filter here"));
        assert!(what_to_change("Unexpected end of input").contains("{% endif %}"));
        assert_eq!(
            what_to_change("something new"),
            "fix the template, or delete it to use the built-in one"
        );
    }
}
