//! Writes a synthetic corpus of N articles in the real input shapes, for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen-corpus -- N DIR [--seed S] [--markdown-only] [--web-pages] [--long]
//! ```
//!
//! The mix follows real intake: Sina/Hexo exports (YAML front matter, RFC 2822 GMT dates,
//! boilerplate-laden HTML), scraped Traditional-script pages (pinyin inserted after some
//! characters, `?` separators, breadcrumbs, metadata lines, disclaimers and page tails) and
//! hand-written Markdown, spread over the regions and ten years. The same seed always gives
//! the same corpus. `--markdown-only` writes plain Markdown with YAML front matter (title,
//! date, tags) that Hugo can build too. `--web-pages` makes a quarter of the articles whole
//! saved web pages, shaped like the development corpus's (a `<head>` with meta tags and
//! canonical address, about half the bytes inline script and style, navigation, a
//! breadcrumb, the headline with a date and source line, the article, share widgets,
//! related and most-read lists, a footer). `--long` writes plain Markdown like
//! `--markdown-only` with long bodies: 9 to 18 paragraphs drawn from the example site's
//! articles (about 6 KB an article, 63 MB at 10,000). A `site.toml` is written beside
//! `content/`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use pinyin::ToPinyin;

const PLACES: &[(&str, &[&str])] = &[
    ("beijing", &["北京市", "北京", "中关村", "首都"]),
    ("shanghai", &["上海市", "上海", "浦东新区"]),
    (
        "sichuan-chongqing",
        &["四川省", "重庆市", "成都市", "绵阳市", "成渝地区"],
    ),
    ("hong-kong", &["香港特区", "香港"]),
    (
        "national",
        &["国家知识产权局", "国务院", "最高人民法院", "市场监管总局"],
    ),
];
const ACTIONS: &[&str] = &[
    "发布", "印发", "召开", "推进", "签署", "启动", "部署", "举办",
];
const TOPICS: &[&str] = &[
    "知识产权保护新规",
    "专利转化专项行动方案",
    "商标品牌建设研讨会",
    "地理标志保护工程",
    "知识产权强市建设合作议定书",
    "数据知识产权登记试点",
    "知识产权金融服务创新举措",
    "海外知识产权纠纷应对指导",
    "知识产权公共服务体系建设",
    "高价值专利培育计划",
];
const SENTENCES: &[&str] = &[
    "会议强调，要深入学习贯彻关于加强知识产权工作的重要指示精神，全面加强知识产权保护。",
    "据了解，国务院印发《“十四五”国家知识产权保护和运用规划》，提出要坚持质量优先、强化保护、开放合作、系统协同。",
    "与会嘉宾围绕知识产权强国建设、优化营商环境等议题展开深入交流。",
    "下一步，将持续完善知识产权政策体系，推动知识产权创造、运用、保护、管理和服务全链条发展。",
    "有关负责人表示，将加快建设知识产权保护中心，健全快速协同保护机制。",
    "活动期间，各方签署了知识产权合作协议，共同推动创新成果转化运用。",
    "专家认为，知识产权作为国家发展战略性资源和国际竞争力核心要素的作用更加凸显。",
    "各地将进一步强化知识产权行政执法与司法保护衔接，严厉打击侵权假冒行为。",
    "根据《知识产权强国建设纲要（2021—2035年）》，到2025年知识产权强国建设取得明显成效。",
    "会上还发布了年度知识产权保护典型案例，涉及专利、商标、著作权等多个领域。",
];
const AGENCIES: &[&str] = &["新华社", "中新社", "本报"];
const PORTALS: &[&str] = &["中国知识产权资讯网", "知识产权报", "科技日报"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen-corpus N DIR [--seed S] [--markdown-only] [--web-pages] [--long]";
    let count: usize = args.next().ok_or(usage)?.parse()?;
    let dir = std::path::PathBuf::from(args.next().ok_or(usage)?);
    let mut seed = 2021;
    let mut markdown_only = false;
    let mut web_pages = false;
    let mut long = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" => seed = args.next().ok_or(usage)?.parse()?,
            "--markdown-only" => markdown_only = true,
            "--web-pages" => web_pages = true,
            "--long" => long = true,
            other => return Err(format!("unknown argument {other}; {usage}").into()),
        }
    }
    let shape = if long {
        Shape::Long(seed_paragraphs()?)
    } else if markdown_only {
        Shape::Markdown
    } else {
        Shape::Mixed { web_pages }
    };
    generate(count, &dir, seed, &shape)?;
    println!(
        "wrote {count} articles to {}",
        dir.join("content").display()
    );
    Ok(())
}

/// What the corpus is made of.
enum Shape {
    /// Every input shape (with saved web pages if asked).
    Mixed { web_pages: bool },
    /// Plain Markdown with short bodies.
    Markdown,
    /// Plain Markdown with long bodies drawn from these paragraphs.
    Long(Vec<String>),
}

/// Paragraphs of the example site's articles: lines of mostly Han text, without markup.
fn seed_paragraphs() -> std::io::Result<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let mut paragraphs = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)?;
        let mut plain = String::with_capacity(text.len());
        let mut in_tag = false;
        for c in text.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => {
                    in_tag = false;
                    plain.push('\n');
                }
                _ if !in_tag => plain.push(c),
                _ => {}
            }
        }
        for line in plain.lines().map(str::trim) {
            let han = line
                .chars()
                .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                .count();
            if han >= 40 && han * 10 >= line.chars().count() * 6 && !line.contains(':') {
                paragraphs.push(line.to_string());
            }
        }
    }
    if paragraphs.is_empty() {
        return Err(std::io::Error::other(format!(
            "no paragraphs found in {}",
            dir.display()
        )));
    }
    Ok(paragraphs)
}

fn generate(count: usize, dir: &Path, seed: u64, shape: &Shape) -> std::io::Result<()> {
    let content = dir.join("content");
    std::fs::create_dir_all(&content)?;
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("site.toml"),
        dir.join("site.toml"),
    )?;
    let s2t = OpenCC::from_config(BuiltinConfig::S2t).map_err(std::io::Error::other)?;
    let mut rng = fastrand::Rng::with_seed(seed);
    for n in 0..count {
        let mut article = Synthetic::new(&mut rng, n);
        let web_pages = matches!(shape, Shape::Mixed { web_pages: true });
        let (name, text) = if let Shape::Long(pool) = shape {
            article.paragraphs = (0..rng.usize(9..19))
                .map(|_| pool[rng.usize(0..pool.len())].clone())
                .collect();
            (format!("{n:06}.md"), article.markdown())
        } else if matches!(shape, Shape::Markdown) {
            (format!("{n:06}.md"), article.markdown())
        } else if web_pages && n % 4 == 3 {
            (format!("{n:06}_page.html"), article.web_page(&mut rng, n))
        } else {
            match rng.u32(0..10) {
                0..=4 => (format!("{n:06}_sina.txt"), article.sina(&mut rng)),
                5..=7 => (
                    format!("{n:06}_scraped.txt"),
                    article.scraped(&mut rng, &s2t),
                ),
                _ => (format!("{n:06}.md"), article.markdown()),
            }
        };
        std::fs::write(content.join(name), text)?;
    }
    Ok(())
}

struct Synthetic {
    title: String,
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    place: &'static str,
    paragraphs: Vec<String>,
    tags: Vec<&'static str>,
}

impl Synthetic {
    fn new(rng: &mut fastrand::Rng, n: usize) -> Synthetic {
        let (_, places) = PLACES[rng.usize(0..PLACES.len())];
        let place = places[rng.usize(0..places.len())];
        let title = format!(
            "{place}{}{}（第{}期）",
            ACTIONS[rng.usize(0..ACTIONS.len())],
            TOPICS[rng.usize(0..TOPICS.len())],
            n + 1
        );
        let paragraphs = (0..rng.usize(5..10))
            .map(|i| {
                let mut p = String::new();
                if i == 0 {
                    let _ = write!(p, "{place}近日{}。", TOPICS[rng.usize(0..TOPICS.len())]);
                }
                for _ in 0..rng.usize(2..4) {
                    p.push_str(SENTENCES[rng.usize(0..SENTENCES.len())]);
                }
                p
            })
            .collect();
        Synthetic {
            title,
            year: 2015 + rng.i32(0..10),
            month: rng.u32(1..13),
            day: rng.u32(1..29),
            hour: rng.u32(0..24),
            minute: rng.u32(0..60),
            place,
            paragraphs,
            tags: vec![TOPICS[rng.usize(0..TOPICS.len())]],
        }
    }

    fn rfc2822(&self) -> String {
        let date = chrono::NaiveDate::from_ymd_opt(self.year, self.month, self.day)
            .and_then(|d| d.and_hms_opt(self.hour, self.minute, 0))
            .unwrap_or_default();
        date.and_utc()
            .format("%a, %d %b %Y %H:%M:%S GMT")
            .to_string()
    }

    fn sina(&self, rng: &mut fastrand::Rng) -> String {
        let mut s = format!(
            "\n---\ntitle: '{}'\ncategories: \n - 金融\n - 新浪财经\n - 新浪财经－国內\nheadimg: 'https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png'\nauthor: 新浪财经\ncomments: false\ndate: {}\nthumbnail: 'https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png'\n---\n\n<div>   \n<p class=\"ori_titlesource\">　　原标题：{}</p>\n",
            self.title.replace(['“', '”'], "_"),
            self.rfc2822(),
            self.title
        );
        for (i, p) in self.paragraphs.iter().enumerate() {
            let p = if i == 0 {
                format!(
                    "{}{}{}月{}日电（记者张{}）{p}",
                    AGENCIES[rng.usize(0..2)],
                    strip_suffix(self.place),
                    self.month,
                    self.day,
                    ["明", "华", "伟"][rng.usize(0..3)]
                )
            } else if i == 2 {
                p.replacen("创新", "<span id=\"stock_sz300959\"><a href=\"https://finance.sina.com.cn/realstock/company/sz300959/nc.shtml\" class=\"keyword\" target=\"_blank\">创新</a></span><span id=\"quote_sz300959\"></span>", 1)
            } else {
                p.clone()
            };
            let _ = writeln!(s, "<p cms-style=\"font-L\">　　{p}</p>");
        }
        s.push_str("<!--article_adlist[<p><img src=\"//n.sinaimg.cn/ad.jpg\"/></p>]article_adlist--><!-- news_keyword_pub,stock, -->\n\n<!-- 正文下iframe -->\n\n<!-- 总声明-->\n\n<!-- 文末二维码 start -->\n<style>\n.appendQr_wrap&#123;border:1px solid #E6E6E6;padding:8px;&#125;\n</style>\n<div class=\"clearfix appendQr_wrap\">\n<div class=\"appendQr_normal\"><img src=\"https://n.sinaimg.cn/finance/cece9e13/20200514/343233024.png\" referrerpolicy=\"no-referrer\"></div>\n<div class=\"appendQr_normal_txt\">海量资讯、精准解读，尽在新浪财经APP</div>\n</div>\n<!-- 编辑姓名及工作代码 -->\n<p class=\"article-editor\">责任编辑：刘万里 SF014</p>\n</div>\n");
        s
    }

    fn scraped(&self, rng: &mut fastrand::Rng, s2t: &OpenCC) -> String {
        let source = PORTALS[rng.usize(0..PORTALS.len())];
        let mut s = String::new();
        let _ = writeln!(s, "當前位置: 首頁 ? 資訊 ? 政策法規 ? 正文\n");
        let _ = writeln!(s, "{}\n", self.title);
        let _ = writeln!(
            s,
            "發布日期:{:04}-{:02}-{:02}??來源:{source}??作者:李{}??瀏覽次數:{}",
            self.year,
            self.month,
            self.day,
            ["文", "強", "平"][rng.usize(0..3)],
            rng.u32(100..5000)
        );
        s.push_str("放大字體??縮小字體\n");
        let _ = writeln!(s, "核心提示:{}\n", truncate(&self.paragraphs[0], 60));
        for (i, p) in self.paragraphs.iter().enumerate() {
            let p = if i == 0 {
                format!(
                    "中新社{}{}月{}日電 {p}",
                    strip_suffix(self.place),
                    self.month,
                    self.day
                )
            } else {
                p.clone()
            };
            let _ = writeln!(s, "{}\n", p.replace('，', ","));
        }
        s.push_str("責任編輯:王五\n\n?\n?\n[ 資訊搜索 ]? [ 加入收藏 ]? [ 打印本文 ]? [ 違規舉報 ]? [ 關閉窗口 ]\n\n免責聲明:\n本網站部分內容來源於合作媒體、企業機構、網友提供和互聯網的公開資料等,僅供參考。\n\n?\n推薦圖文\n推薦資訊\n點擊排行\n最新資訊\n友情鏈接 >> 更多\n");
        insert_pinyin(&s2t.convert(&s), rng)
    }

    /// A whole saved page, shaped like the corpus's: scripts, chrome and the article.
    fn web_page(&self, rng: &mut fastrand::Rng, n: usize) -> String {
        let portal = PORTALS[rng.usize(0..PORTALS.len())];
        let mut s = String::with_capacity(48 * 1024);
        let _ = write!(
            s,
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
             <title>{}_{portal}</title><meta name=\"keywords\" content=\"知识产权,{}\">\
             <meta property=\"og:title\" content=\"{}\"><meta name=\"publishdate\" content=\"{:04}-{:02}-{:02}\">\
             <link rel=\"canonical\" href=\"https://news.example.cn/{:04}/{:02}{:02}/c{n}.html\">\
             <link rel=\"stylesheet\" href=\"/css/main.css\"><style>",
            self.title,
            self.tags[0],
            self.title,
            self.year,
            self.month,
            self.day,
            self.year,
            self.month,
            self.day
        );
        for i in 0..120 {
            let _ = write!(
                s,
                ".m{i}{{margin:{i}px;padding:0 {i}px;color:#{:06x}}}",
                i * 997
            );
        }
        s.push_str("</style><script>");
        for i in 0..160 {
            let _ = write!(
                s,
                "var ad{i}={{id:{i},url:'https://ad.example.cn/s?z={i}&c={}',show:function(){{document.write('<div class=\"ad\">'+this.url+'</div>')}}}};",
                i * 31
            );
        }
        s.push_str("</script></head><body><div class=\"top-nav\"><ul>");
        for channel in [
            "首页",
            "新闻",
            "国内",
            "国际",
            "财经",
            "科技",
            "法治",
            "知识产权",
            "视频",
            "图片",
            "English",
        ] {
            let _ = write!(s, "<li><a href=\"/{channel}/\">{channel}</a></li>");
        }
        let _ = write!(
            s,
            "</ul></div><div class=\"crumb\">当前位置：<a href=\"/\">首页</a> &gt; <a href=\"/ip/\">知识产权</a> &gt; 正文</div>\
             <div class=\"wrap\"><div class=\"main-left\"><h1>{}</h1>\
             <div class=\"info\">{:04}年{:02}月{:02}日 {:02}:{:02}　来源：{portal}　作者：张{}</div>\
             <div class=\"share\">分享到：<a href=\"#\">微信</a><a href=\"#\">微博</a><a href=\"#\">QQ空间</a></div>\
             <div class=\"article-content\">",
            self.title,
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            ["明", "华", "伟"][rng.usize(0..3)]
        );
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i == 2 {
                let _ = write!(
                    s,
                    "<p style=\"text-align:center\"><img src=\"../img/{n}.jpg\" alt=\"\"></p><p class=\"caption\">图为{}现场。</p>",
                    self.place
                );
            }
            let _ = write!(s, "<p>　　{p}</p>");
        }
        s.push_str("<p class=\"editor\">（责任编辑：王五）</p></div><div class=\"related\"><h3>相关新闻</h3><ul>");
        for i in 0..10 {
            let _ = write!(
                s,
                "<li><a href=\"/n/{}.html\">{}{}{}</a><span>{:04}-{:02}-{:02}</span></li>",
                n * 10 + i,
                PLACES[i % PLACES.len()].1[0],
                ACTIONS[i % ACTIONS.len()],
                TOPICS[i % TOPICS.len()],
                self.year,
                self.month,
                (i % 28) + 1
            );
        }
        s.push_str(
            "</ul></div></div><div class=\"sidebar\"><div class=\"hot\"><h3>热点排行</h3><ol>",
        );
        for i in 0..15 {
            let _ = write!(
                s,
                "<li><a href=\"/h/{i}.html\">{}发布{}相关工作通知</a></li>",
                PLACES[(i + 1) % PLACES.len()].1[0],
                TOPICS[(i + 3) % TOPICS.len()]
            );
        }
        let _ = writeln!(
            s,
            "</ol></div></div></div><div class=\"footer\"><p>关于我们 | 联系我们 | 网站地图</p>\
             <p>版权所有 © {portal} 京ICP备12345678号</p></div></body></html>"
        );
        s
    }

    fn markdown(&self) -> String {
        let mut s = format!(
            "---\ntitle: \"{}\"\ndate: {:04}-{:02}-{:02}T{:02}:{:02}:00+08:00\ntags: [{}]\n---\n\n",
            self.title.replace('"', "'"),
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.tags.join(", ")
        );
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i == 3 {
                s.push_str("## 相关情况\n\n");
            }
            let _ = writeln!(s, "{p}\n");
        }
        s
    }
}

/// `北京市` → `北京`, for datelines.
fn strip_suffix(place: &str) -> &str {
    place
        .strip_suffix('市')
        .or_else(|| place.strip_suffix('省'))
        .or_else(|| place.strip_suffix("特区"))
        .unwrap_or(place)
}

fn truncate(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

/// Inserts the reading after about one Han character in twelve, as the scraper's
/// converter did (`產(chǎn)`).
fn insert_pinyin(text: &str, rng: &mut fastrand::Rng) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        out.push(c);
        if rng.u32(0..12) == 0
            && let Some(p) = c.to_pinyin()
        {
            let _ = write!(out, "({})", p.with_tone());
        }
    }
    out
}
