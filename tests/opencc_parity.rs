//! Both OpenCC backends give identical output on every sample and fixture.
//! Runs only with `--features system-opencc` (needs Debian's libopencc-dev); `.ci/run`
//! installs it and runs this test.
#![cfg(feature = "system-opencc")]

use std::path::{Path, PathBuf};

use digest::clean::highlight::Highlighter;
use digest::clean::script::{RustOpenCc, ScriptConverter, SystemOpenCc};
use digest::config::SiteConfig;
use digest::zh::script::Script;
use digest::{Toolkit, process_file};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn toolkit(converter: Box<dyn ScriptConverter>) -> Toolkit {
    Toolkit {
        converter: converter.into(),
        highlighter: Highlighter::new(),
        times: Default::default(),
    }
}

/// Traditional-script fixtures beyond the samples: Hong Kong and Taiwan usage, variants.
const FIXTURES: &[&str] = &[
    "香港特區政府知識產權署署長在會上發言，介紹香港的專利、商標及版權制度。",
    "臺灣的智慧財產權保護與大陸的知識產權保護有何異同？",
    "國務院印發《“十四五”國家知識產權保護和運用規劃》，強調開放合作。",
    "綿陽市人民政府、人大常委會、中共綿陽統戰部、民進綿陽市委會等部門有關負責同志",
    "乾隆年間，著作權觀念尚未出現；後來發展出於是之說。",
];

#[test]
fn samples_convert_identically() {
    let config = SiteConfig::load(&repo()).expect("site.toml");
    let rust = toolkit(Box::new(RustOpenCc::new().expect("ferrous-opencc")));
    let system = toolkit(Box::new(SystemOpenCc::new().expect("system OpenCC")));
    let mut compared = 0;
    for entry in std::fs::read_dir(repo().join("content")).expect("content") {
        let name = entry.expect("entry").file_name();
        let input = Path::new("content").join(&name);
        let a = process_file(&repo(), &input, &config, &rust).expect("rust backend");
        let b = process_file(&repo(), &input, &config, &system).expect("system backend");
        assert_eq!(a, b, "{} differs between backends", input.display());
        compared += 1;
    }
    assert_eq!(compared, 5);
}

#[test]
fn fixtures_convert_identically_both_ways() {
    let rust = RustOpenCc::new().expect("ferrous-opencc");
    let system = SystemOpenCc::new().expect("system OpenCC");
    for text in FIXTURES {
        let simplified = rust.convert(text, Script::Simplified);
        assert_eq!(
            simplified,
            system.convert(text, Script::Simplified),
            "{text}"
        );
        assert_ne!(&simplified, text, "the fixture is really Traditional");
        for target in [Script::Traditional, Script::Hk, Script::Tw, Script::Twp] {
            assert_eq!(
                rust.convert(&simplified, target),
                system.convert(&simplified, target),
                "{simplified} to {target:?}"
            );
        }
    }
}
