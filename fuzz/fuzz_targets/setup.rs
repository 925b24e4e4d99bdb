//! The configuration and toolkit every whole-document target builds once per process.
use std::sync::OnceLock;

use digest::Toolkit;
use digest::config::SiteConfig;

pub fn setup() -> &'static (SiteConfig, Toolkit) {
    static SETUP: OnceLock<(SiteConfig, Toolkit)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let toolkit = Toolkit::new().expect("OpenCC dictionaries load");
        (SiteConfig::default(), toolkit)
    })
}
