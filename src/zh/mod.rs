//! Chinese-text vocabulary every stage may use: Han characters and punctuation, documents
//! cited in 《》, inserted pinyin readings, news-agency datelines and bylines, scripts
//! (Simplified, Traditional standards), and dates as Chinese pages write them. A leaf: it
//! uses no stage of the pipeline.

pub mod citation;
pub mod dateline;
pub mod pinyin;
pub mod punctuation;
pub mod script;
