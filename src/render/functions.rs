//! Functions the templates call: links relative to the current page.

use tera::{Kwargs, State, TeraResult};

/// `url(path="regions/beijing.html")`: a link from the current page to a site path.
/// Relative links keep the site working at a domain root, under a sub-path and from disk.
pub(super) fn url(kwargs: Kwargs, state: &State) -> TeraResult<String> {
    // Borrowed, not copied: every page calls this a few dozen times.
    let path: &str = kwargs.must_get("path")?;
    let root: Option<tera::Value> = state.get("root")?;
    Ok(joined(
        root.as_ref().and_then(|r| r.as_str()).unwrap_or(""),
        path,
    ))
}

/// `root` then `path` without its leading slashes; "./" when both are empty.
fn joined(root: &str, path: &str) -> String {
    let path = path.trim_start_matches('/');
    if path.is_empty() && root.is_empty() {
        return "./".to_string();
    }
    let mut out = String::with_capacity(root.len() + path.len());
    out.push_str(root);
    out.push_str(path);
    out
}

/// `asset(path="style.css")`: a link to a shared asset at the site root, which the second
/// edition does not copy.
pub(super) fn asset(kwargs: Kwargs, state: &State) -> TeraResult<String> {
    let path: &str = kwargs.must_get("path")?;
    let root: Option<tera::Value> = state.get("asset_root")?;
    let root = root.as_ref().and_then(|r| r.as_str()).unwrap_or("");
    Ok(format!("{root}{}", path.trim_start_matches('/')))
}

/// `count(label=labels.article_count, n=3)`: a count in words. A label may give the forms
/// for one and for other numbers, split by `|` (`{n} article|{n} articles`).
pub(super) fn count(kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let label: String = kwargs.must_get("label")?;
    let n: i64 = kwargs.must_get("n")?;
    Ok(crate::locale::count_label(&label, n))
}

#[cfg(test)]
mod tests {
    use super::joined;
    use crate::locale::count_label;

    #[test]
    fn links_join_the_root_and_the_path() {
        assert_eq!(
            joined("../", "/regions/beijing.html"),
            "../regions/beijing.html"
        );
        assert_eq!(joined("", "index.html"), "index.html");
        assert_eq!(joined("", "/"), "./");
        assert_eq!(joined("../", ""), "../");
    }

    #[test]
    fn one_and_other_forms() {
        assert_eq!(count_label("{n} article|{n} articles", 1), "1 article");
        assert_eq!(count_label("{n} article|{n} articles", 0), "0 articles");
        assert_eq!(count_label("{n} article|{n} articles", 12), "12 articles");
        assert_eq!(count_label("{n} 篇", 1), "1 篇");
    }
}
