//! Functions the templates call: links relative to the current page.

use tera::{Kwargs, State, TeraResult};

/// `url(path="regions/beijing.html")`: a link from the current page to a site path.
/// Relative links keep the site working at a domain root, under a sub-path and from disk.
pub(super) fn url(kwargs: Kwargs, state: &State) -> TeraResult<String> {
    let path: String = kwargs.must_get("path")?;
    let root: String = state.get("root")?.unwrap_or_default();
    let path = path.trim_start_matches('/');
    if path.is_empty() && root.is_empty() {
        return Ok("./".to_string());
    }
    Ok(format!("{root}{path}"))
}

/// `asset(path="style.css")`: a link to a shared asset at the site root, which the second
/// edition does not copy.
pub(super) fn asset(kwargs: Kwargs, state: &State) -> TeraResult<String> {
    let path: String = kwargs.must_get("path")?;
    let root: String = state.get("asset_root")?.unwrap_or_default();
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
    use crate::locale::count_label;

    #[test]
    fn one_and_other_forms() {
        assert_eq!(count_label("{n} article|{n} articles", 1), "1 article");
        assert_eq!(count_label("{n} article|{n} articles", 0), "0 articles");
        assert_eq!(count_label("{n} article|{n} articles", 12), "12 articles");
        assert_eq!(count_label("{n} 篇", 1), "1 篇");
    }
}
