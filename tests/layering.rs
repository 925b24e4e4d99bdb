//! The pipeline's layering, checked on the source: each top-level module may name (through
//! `crate::…`) only modules of an earlier layer. Leaves use nothing; stages use the leaves
//! and the stages before them; commands use the stages. A new module must be placed here.

use std::collections::BTreeMap;
use std::path::Path;

/// Layers in order. A module may use modules of strictly earlier layers only.
const LAYERS: &[&[&str]] = &[
    // Leaves: shared vocabulary.
    &["zh", "markup", "locale", "diagnostic", "timing", "route"],
    // What every stage reads: the site's settings, and the files.
    &["config", "load"],
    // The stages, in pipeline order.
    &["extract"],
    &["article"],
    &["clean"],
    &["classify"],
    &["site"],
    &["edition"],
    &["render"],
    &["write"],
    // Commands built on the whole pipeline.
    &["check", "serve", "publish", "init"],
    // Editors' commands that show what `check` would say about one article.
    &["add", "inspect"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Top-level module → modules its code names, unit tests excluded (they may reach anywhere).
fn module_uses(src: &Path) -> BTreeMap<String, Vec<String>> {
    let reference = regex::Regex::new(r"\bcrate::([a-z_][a-z0-9_]*)").expect("valid");
    let group = regex::Regex::new(r"(?s)\buse\s+crate::\{([^;]*)\};").expect("valid");
    let group_item =
        regex::Regex::new(r"(?:^|[,{\s])([a-z_][a-z0-9_]*)(?:::|\s*[,}]|$)").expect("valid");
    let comment = regex::Regex::new(r"//[^\n]*").expect("valid");
    let tests = regex::Regex::new(r"(?s)#\[cfg\(test\)\]\s*mod tests\s*\{.*").expect("valid");
    let mut uses: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.expect("readable src");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(src).expect("under src");
        let first = relative.components().next().expect("a component");
        let top = first
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "main" || top == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("readable source");
        let text = comment.replace_all(&text, "");
        let text = tests.replace(&text, "");
        let mut names: Vec<String> = reference
            .captures_iter(&text)
            .map(|c| c[1].to_string())
            .collect();
        for g in group.captures_iter(&text) {
            names.extend(group_item.captures_iter(&g[1]).map(|c| c[1].to_string()));
        }
        let entry = uses.entry(top.clone()).or_default();
        for name in names {
            let is_module = src.join(format!("{name}.rs")).exists() || src.join(&name).is_dir();
            if is_module && name != top && !entry.contains(&name) {
                entry.push(name);
            }
        }
    }
    uses
}

#[test]
fn every_module_uses_only_earlier_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let uses = module_uses(&src);
    assert!(uses.len() >= 15, "found the modules: {:?}", uses.keys());
    let mut problems = Vec::new();
    for (module, used) in &uses {
        let Some(layer) = layer_of(module) else {
            problems.push(format!("{module} is in no layer: add it to LAYERS"));
            continue;
        };
        for other in used {
            match layer_of(other) {
                Some(l) if l < layer => {}
                _ => problems.push(format!("{module} (layer {layer}) uses {other}")),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_sees_a_backward_reach() {
    // The check above must be able to fail: a stage naming a later one is caught.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("clean")).expect("mkdir");
    std::fs::write(dir.path().join("render.rs"), "pub fn f() {}").expect("write");
    std::fs::write(
        dir.path().join("clean/mod.rs"),
        "// crate::write in a comment is not a use\nuse crate::{render::f, zh};\n#[cfg(test)]\nmod tests { use crate::serve; }",
    )
    .expect("write");
    std::fs::write(dir.path().join("zh.rs"), "").expect("write");
    let uses = module_uses(dir.path());
    assert_eq!(uses["clean"], vec!["render".to_string(), "zh".to_string()]);
}
