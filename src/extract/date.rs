//! Publication dates in the shapes the inputs use, normalised to China time
//! (Asia/Shanghai). A time of day is kept only when the input has one.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Asia::Shanghai;
use serde::Serialize;

/// When an article was published, in China time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Published {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
}

impl Published {
    /// RFC 3339 with the +08:00 offset, when the time of day is known.
    pub fn rfc3339(&self) -> Option<String> {
        let time = self.time?;
        let local = Shanghai
            .from_local_datetime(&self.date.and_time(time))
            .single()?;
        Some(local.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
    }

    /// The moment of publication with its +08:00 offset; midnight when only the day is known.
    pub fn fixed(&self) -> DateTime<chrono::FixedOffset> {
        let naive = self.date.and_time(self.time.unwrap_or(NaiveTime::MIN));
        Shanghai
            .from_local_datetime(&naive)
            .earliest()
            .map(|local| local.fixed_offset())
            // Only a skipped hour of the 1986–1991 summer time gets here.
            .unwrap_or_else(|| naive.and_utc().fixed_offset())
    }

    /// Sort key: articles without a time of day sort as if published at midnight.
    pub fn sort_key(&self) -> NaiveDateTime {
        self.date.and_time(self.time.unwrap_or(NaiveTime::MIN))
    }
}

const NAIVE_DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d %H:%M",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日%H:%M",
];

const DATE_FORMATS: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"];

const OFFSET_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
    "%Y-%m-%dT%H:%M%z",
];

/// Parses a publication date. Dates with a zone or offset (RFC 2822 `… GMT`, RFC 3339)
/// are converted to China time; dates without one are taken to be China time already.
pub fn parse(input: &str) -> Result<Published, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err("the date is empty".to_string());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(text) {
        return Ok(in_china(dt));
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Ok(in_china(dt));
    }
    let zulu = text.strip_suffix('Z').or_else(|| text.strip_suffix(" UTC"));
    if let Some(naive) = zulu {
        for format in NAIVE_DATETIME_FORMATS {
            if let Ok(dt) = NaiveDateTime::parse_from_str(naive, format) {
                return Ok(in_china(dt.and_utc().fixed_offset()));
            }
        }
    }
    for format in OFFSET_FORMATS {
        if let Ok(dt) = DateTime::parse_from_str(text, format) {
            return Ok(in_china(dt));
        }
    }
    for format in NAIVE_DATETIME_FORMATS {
        if let Ok(dt) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(Published {
                date: dt.date(),
                time: Some(dt.time()),
            });
        }
    }
    for format in DATE_FORMATS {
        if let Ok(date) = NaiveDate::parse_from_str(text, format) {
            return Ok(Published { date, time: None });
        }
    }
    Err(format!("cannot read {text:?} as a date"))
}

fn in_china(dt: DateTime<chrono::FixedOffset>) -> Published {
    let local = dt.with_timezone(&Shanghai).naive_local();
    Published {
        date: local.date(),
        time: Some(local.time()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn hms(h: u32, m: u32, s: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, s)
    }

    #[test]
    fn rfc2822_gmt_becomes_china_time() {
        let p = parse("Tue, 07 Dec 2021 13:43:43 GMT").expect("parses");
        assert_eq!(p.date, ymd(2021, 12, 7));
        assert_eq!(p.time, hms(21, 43, 43));
        assert_eq!(p.rfc3339().as_deref(), Some("2021-12-07T21:43:43+08:00"));
    }

    #[test]
    fn gmt_evening_rolls_over_to_the_next_china_day() {
        let p = parse("Thu, 28 Oct 2021 20:10:07 GMT").expect("parses");
        assert_eq!(p.date, ymd(2021, 10, 29));
        assert_eq!(p.time, hms(4, 10, 7));
    }

    #[test]
    fn iso_8601_with_and_without_offset() {
        let p = parse("2021-10-19T12:12:30Z").expect("zulu");
        assert_eq!((p.date, p.time), (ymd(2021, 10, 19), hms(20, 12, 30)));
        let p = parse("2021-10-19T20:12:30+08:00").expect("offset");
        assert_eq!((p.date, p.time), (ymd(2021, 10, 19), hms(20, 12, 30)));
        let p = parse("2021-10-19 09:05").expect("naive");
        assert_eq!((p.date, p.time), (ymd(2021, 10, 19), hms(9, 5, 0)));
    }

    #[test]
    fn date_only_shapes() {
        for text in [
            "2023-12-12",
            "2023.12.12",
            "2023/12/12",
            "2023年12月12日",
            " 2023-12-12 ",
        ] {
            let p = parse(text).expect(text);
            assert_eq!(p.date, ymd(2023, 12, 12), "{text}");
            assert_eq!(p.time, None);
            assert_eq!(p.rfc3339(), None);
        }
    }

    #[test]
    fn nonsense_is_an_error() {
        assert!(parse("yesterday").is_err());
        assert!(parse("").is_err());
        assert!(parse("2023-13-40").is_err());
    }
}
