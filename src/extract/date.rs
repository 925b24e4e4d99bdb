//! Publication dates in the shapes the inputs use, normalised to China time
//! (Asia/Shanghai). A time of day is kept only when the input has one.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Asia::Shanghai;
use regex::Regex;
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

/// Where a publication date came from, best evidence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// The editor's `date:`.
    FrontMatter,
    /// The page: its meta tags, structured data, or a date line near the headline.
    Page,
    /// The page's address (`/2019/0308/`).
    Url,
    /// A news-agency dateline's month and day (`新华社北京3月8日电`), the year from other
    /// evidence.
    Dateline,
    /// The file's modification time: no date was found anywhere else.
    File,
}

impl DateSource {
    /// Where the date came from, in words (for `digest add` and `digest inspect`).
    pub fn describe(self) -> &'static str {
        match self {
            DateSource::FrontMatter => "front matter",
            DateSource::Page => "the page",
            DateSource::Url => "the page's address",
            DateSource::Dateline => "the dateline's month and day",
            DateSource::File => "the file's time: no date was found",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::FrontMatter => "front-matter",
            DateSource::Page => "page",
            DateSource::Url => "url",
            DateSource::Dateline => "dateline",
            DateSource::File => "file",
        }
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

/// A date written in running text (`2019年03月08日14:05`, `发布时间：2022-06-01`,
/// `来源：某某报2021-09-15 08:20:11`, `2024年1月17日 星期三`, Hong Kong's day-first
/// `15/09/2021 08:20`), year-first forms before day-first ones.
static TEXT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:^|[^0-9])
        (?:
          (?P<y>(?:19|20)[0-9]{2})\s*(?:年|-|/|\.|－)\s*(?P<m>[0-9]{1,2})\s*(?:月|-|/|\.|－)\s*(?P<d>[0-9]{1,2})(?:\s*日|[^0-9]|$)
        | (?P<d2>[0-9]{1,2})/(?P<m2>[0-9]{1,2})/(?P<y2>(?:19|20)[0-9]{2})(?:[^0-9]|$)
        )",
    )
    .expect("valid regex")
});
static TEXT_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:日)?\s*[,，]?\s*(?:(?:星期|周|週|禮拜|礼拜)[一二三四五六日天]\s*)?(?:(?:上午|下午|晚上|早上|中午|AM|PM|am|pm)\s*)?(?:[|｜]\s*)?(?P<h>[0-9]{1,2})\s*[:：时時]\s*(?P<mi>[0-9]{2})(?:\s*[:：分]\s*(?P<s>[0-9]{2}))?",
    )
    .expect("valid regex")
});

/// A date found in text: the date and the byte range it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub published: Published,
    pub start: usize,
    pub end: usize,
}

/// Every plausible date written in `text`, in order. Impossible dates (`2023-13-45`) and
/// years outside 1990–2100 are passed over.
pub fn find_all(text: &str) -> Vec<FoundDate> {
    let mut found = Vec::new();
    for caps in TEXT_DATE.captures_iter(text) {
        let (y, m, d) = match (caps.name("y"), caps.name("y2")) {
            (Some(y), _) => (y, &caps["m"], &caps["d"]),
            (None, Some(y)) => (y, &caps["m2"], &caps["d2"]),
            _ => continue,
        };
        let (Ok(year), Ok(month), Ok(day)) = (
            y.as_str().parse::<i32>(),
            m.parse::<u32>(),
            d.parse::<u32>(),
        ) else {
            continue;
        };
        let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
            continue;
        };
        if !(1990..=2100).contains(&year) {
            continue;
        }
        let start = caps.get(0).map_or(0, |m| m.start());
        // The date ends after its day's digits (and 日 when written).
        let day_end = caps
            .name("d")
            .or_else(|| caps.name("y2"))
            .map_or(start, |m| m.end());
        let mut end = day_end;
        let rest = &text[day_end..];
        let time = TEXT_TIME.captures(rest).and_then(|t| {
            let h: u32 = t["h"].parse().ok()?;
            let mi: u32 = t["mi"].parse().ok()?;
            let s: u32 = t
                .name("s")
                .and_then(|s| s.as_str().parse().ok())
                .unwrap_or(0);
            let mut h = h;
            if t.get(0).is_some_and(|m| {
                m.as_str().contains("下午")
                    || m.as_str().contains("晚上")
                    || m.as_str().contains("PM")
                    || m.as_str().contains("pm")
            }) && h < 12
            {
                h += 12;
            }
            let time = NaiveTime::from_hms_opt(h, mi, s)?;
            end = day_end + t.get(0).map_or(0, |m| m.end());
            Some(time)
        });
        if end == day_end && rest.starts_with('日') {
            end += '日'.len_utf8();
        }
        found.push(FoundDate {
            published: Published { date, time },
            start,
            end,
        });
    }
    found
}

/// A relative date (`今天 09:30`, `昨天`, `前天 14:05`, `3天前`): days before the day of
/// reference, and the time of day when given.
pub fn find_relative(text: &str) -> Option<(i64, Option<NaiveTime>)> {
    static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:(?P<word>今天|今日|昨天|昨日|前天|前日)|(?P<n>[0-9]{1,2})\s*天前)\s*(?:(?P<h>[0-9]{1,2})[:：](?P<m>[0-9]{2}))?")
            .expect("valid regex")
    });
    let caps = RELATIVE.captures(text)?;
    let days = match caps.name("word").map(|w| w.as_str()) {
        Some("今天" | "今日") => 0,
        Some("昨天" | "昨日") => 1,
        Some(_) => 2,
        None => caps.name("n")?.as_str().parse().ok()?,
    };
    let time = match (caps.name("h"), caps.name("m")) {
        (Some(h), Some(m)) => {
            NaiveTime::from_hms_opt(h.as_str().parse().ok()?, m.as_str().parse().ok()?, 0)
        }
        _ => None,
    };
    Some((days, time))
}

/// The first plausible date in `text`.
pub fn find(text: &str) -> Option<FoundDate> {
    find_all(text).into_iter().next()
}

/// A date in a page address: `/2019/0308/`, `/2020-07/01/`, `/20190308/`, `t20190308_`,
/// `/2021/09/15/`.
pub fn from_url(url: &str) -> Option<NaiveDate> {
    static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?x)
            (?:^|[/_\-t])
            (?:
              (?P<y>(?:19|20)[0-9]{2})[/\-_]?(?P<m>[01][0-9])[/\-_]?(?P<d>[0-3][0-9])(?:[/_\-.]|[0-9]{2,}|$)
            | (?P<y2>(?:19|20)[0-9]{2})[/\-](?P<m2>[01]?[0-9])[/\-](?P<d2>[0-3]?[0-9])(?:[/_\-.]|$)
            )",
        )
        .expect("valid regex")
    });
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.find("://").map_or(path, |i| {
        let rest = &path[i + 3..];
        rest.find('/').map_or("", |j| &rest[j..])
    });
    URL_DATE.captures_iter(path).find_map(|caps| {
        let (y, m, d) = match caps.name("y") {
            Some(y) => (y.as_str(), &caps["m"], &caps["d"]),
            None => (caps.name("y2")?.as_str(), &caps["m2"], &caps["d2"]),
        };
        let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
        (1990..=2100).contains(&date.year()).then_some(date)
    })
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

    fn found(text: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
        find(text).map(|f| (f.published.date, f.published.time))
    }

    #[test]
    fn dates_in_running_text() {
        type Case = (&'static str, (i32, u32, u32), Option<(u32, u32, u32)>);
        let cases: &[Case] = &[
            (
                "2019年03月08日14:05 | 来源:某某网",
                (2019, 3, 8),
                Some((14, 5, 0)),
            ),
            ("2019年3月8日 14:05", (2019, 3, 8), Some((14, 5, 0))),
            ("2020年07月01日10:30:00", (2020, 7, 1), Some((10, 30, 0))),
            (
                "来源:某某报2021-09-15 08:20:11",
                (2021, 9, 15),
                Some((8, 20, 11)),
            ),
            ("2024年1月17日 星期三", (2024, 1, 17), None),
            ("时间:2022-06-01", (2022, 6, 1), None),
            ("发布时间：2022/6/1", (2022, 6, 1), None),
            ("15/09/2021 08:20", (2021, 9, 15), Some((8, 20, 0))),
            (
                "更新时间 2012年12月10日, 格林尼治标准时间10:41",
                (2012, 12, 10),
                None,
            ),
            ("2023.12.12", (2023, 12, 12), None),
        ];
        for (text, (y, m, d), time) in cases {
            let (date, t) = found(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(date, ymd(*y, *m, *d), "{text}");
            assert_eq!(t, time.and_then(|(h, mi, s)| hms(h, mi, s)), "{text}");
        }
    }

    #[test]
    fn relative_dates() {
        assert_eq!(
            find_relative("昨天 14:05 来源：某某网"),
            Some((1, hms(14, 5, 0)))
        );
        assert_eq!(find_relative("今天"), Some((0, None)));
        assert_eq!(find_relative("前天 08:00"), Some((2, hms(8, 0, 0))));
        assert_eq!(find_relative("3天前"), Some((3, None)));
        assert_eq!(find_relative("2024年1月17日"), None);
    }

    #[test]
    fn no_date_in_numbers_that_are_not_dates() {
        assert_eq!(found("电话：010-12345678"), None);
        assert_eq!(found("增长2023.5亿元"), None);
        assert_eq!(found("2023年13月45日"), None);
        assert_eq!(found("1,000 万"), None);
    }

    #[test]
    fn dates_in_addresses() {
        for (url, want) in [
            (
                "http://www.xinhuanet.com/2019/0308/c1.htm",
                Some(ymd(2019, 3, 8)),
            ),
            (
                "http://news.example.cn/2020-07/01/c_1126.htm",
                Some(ymd(2020, 7, 1)),
            ),
            (
                "https://www.gov.cn/zhengce/202401/t20240117_1.html",
                Some(ymd(2024, 1, 17)),
            ),
            (
                "https://example.com/2021/09/15/story",
                Some(ymd(2021, 9, 15)),
            ),
            (
                "https://example.com/a/20190308/x.html",
                Some(ymd(2019, 3, 8)),
            ),
            ("https://example.com/id/12345678901", None),
        ] {
            assert_eq!(from_url(url), want, "{url}");
        }
    }
}
