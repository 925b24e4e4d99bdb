//! Encoding detection: BOMs first, then strict UTF-8, then chardetng's guess among the
//! legacy encodings scraped Chinese pages come in (GBK/GB18030, Big5, …).

use encoding_rs::{Encoding, UTF_8};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes article bytes, refusing binary data instead of producing mojibake.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!(
                "the file starts with a {} byte-order mark but is not valid {}",
                encoding.name(),
                encoding.name()
            ));
        }
        return Ok(finish(text.into_owned(), encoding));
    }
    // simdutf8: several times the standard library's speed on Chinese text.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        if looks_binary(text.as_bytes()) {
            return Err("this looks like a binary file, not an article".to_string());
        }
        return Ok(finish(text.to_string(), UTF_8));
    }
    if looks_binary(bytes) {
        return Err("this looks like a binary file, not an article".to_string());
    }
    // UTF-8 with a few stray bytes (a truncated copy, a bad paste) is still UTF-8: keep the
    // text, with U+FFFD where the bytes were; `digest check` points at them.
    let lossy = String::from_utf8_lossy(bytes);
    let replaced = lossy.chars().filter(|&c| c == '\u{fffd}').count();
    let multibyte = lossy
        .chars()
        .filter(|&c| c != '\u{fffd}' && !c.is_ascii())
        .count();
    if multibyte >= 10 && replaced * 20 <= multibyte.max(60) {
        return Ok(finish(lossy.into_owned(), UTF_8));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // A few kilobytes from the first non-ASCII byte on tell GBK from Big5; a saved page's
    // ASCII head and scripts tell nothing, and sniffing a whole large page costs more than
    // parsing it (BENCHMARKS.md).
    let start = bytes.iter().position(|&b| b >= 0x80).unwrap_or(0);
    let sample = &bytes[start..bytes.len().min(start + 4 * 1024)];
    detector.feed(sample, start + sample.len() == bytes.len());
    let sniffed = detector.guess(None, chardetng::Utf8Detection::Deny);
    // A page's own declaration is a second opinion: pages copied between systems keep a
    // `charset=gb2312` they no longer are, so the sniff wins where both decode cleanly, and
    // the declaration only where the sniff cannot decode the bytes.
    let declared = declared_charset(bytes).filter(|&e| e != UTF_8 && e != sniffed);
    for encoding in std::iter::once(sniffed).chain(declared) {
        let (text, _, had_errors) = encoding.decode(bytes);
        if !had_errors {
            return Ok(finish(text.into_owned(), encoding));
        }
    }
    Err(format!(
        "cannot decode the file: it is neither UTF-8 nor valid {} (the best guess){}",
        sniffed.name(),
        declared
            .map(|e| format!(" nor {} (as the page declares)", e.name()))
            .unwrap_or_default()
    ))
}

/// The encoding a saved page declares in its first kilobytes: `<meta charset=…>` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=…">`. A `charset=` outside a
/// `<meta>` tag (in a script, as Wayback copies have) is not a declaration.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(8192)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(start) = rest.find("<meta") {
        let tag = &rest[start..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if let Some(i) = tag.find("charset") {
            let value = tag[i + "charset".len()..]
                .trim_start()
                .strip_prefix('=')
                .map(|v| v.trim_start().trim_start_matches(['"', '\'', ' ']));
            if let Some(value) = value {
                let label: String = value
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                    .collect();
                if let Some(encoding) = Encoding::for_label(label.as_bytes()) {
                    return Some(encoding);
                }
            }
        }
        rest = &rest[start + 5..];
    }
    None
}

fn finish(text: String, encoding: &'static Encoding) -> Decoded {
    // Normalise line endings once, here, so every later stage sees `\n` only.
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Decoded {
        text,
        encoding: encoding.name(),
    }
}

/// NUL bytes and a high share of control characters mean binary data.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    controls * 10 > sample.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "國家知識產權局發布《知識產權強國建設綱要》，強調加強保護。";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(TEXT.as_bytes()).expect("utf-8");
        assert_eq!(plain.text, TEXT);
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice(TEXT.as_bytes());
        let bom = decode(&with_bom).expect("utf-8 with BOM");
        assert_eq!(bom.text, TEXT);
        assert_eq!(bom.encoding, "UTF-8");
    }

    #[test]
    fn big5_is_detected() {
        let (bytes, _, bad) = encoding_rs::BIG5.encode(TEXT);
        assert!(!bad);
        let decoded = decode(&bytes).expect("big5");
        assert_eq!(decoded.text, TEXT);
        assert_eq!(decoded.encoding, "Big5");
    }

    #[test]
    fn gbk_is_detected() {
        let simplified = "国家知识产权局发布《知识产权强国建设纲要》，强调加强知识产权保护和运用。";
        let (bytes, _, bad) = encoding_rs::GBK.encode(simplified);
        assert!(!bad);
        let decoded = decode(&bytes).expect("gbk");
        assert_eq!(decoded.text, simplified);
        assert!(decoded.encoding == "GBK" || decoded.encoding == "gb18030");
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in TEXT.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).expect("utf-16").text, TEXT);
    }

    #[test]
    fn line_endings_are_normalised() {
        assert_eq!(decode(b"a\r\nb\rc\n").expect("ascii").text, "a\nb\nc\n");
    }

    #[test]
    fn binary_is_refused() {
        let bytes = [0x89, b'P', b'N', b'G', 0, 0, 0, 0x0d, 0x49, 0x48];
        assert!(decode(&bytes).unwrap_err().contains("binary"));
    }

    #[test]
    fn declarations() {
        let page = br#"<html><head><script>var a="charset=big5";</script><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>"#;
        assert_eq!(declared_charset(page), Some(encoding_rs::GBK));
        assert_eq!(
            declared_charset(b"<meta charset='Big5'>"),
            Some(encoding_rs::BIG5)
        );
        assert_eq!(declared_charset(b"<p>charset=gbk</p>"), None);
    }

    #[test]
    fn utf8_declared_gb2312_is_utf8() {
        let page = format!(
            "<html><head><meta charset=\"gb2312\"></head><body><p>{TEXT}</p></body></html>"
        );
        let decoded = decode(page.as_bytes()).expect("decodes");
        assert_eq!(decoded.encoding, "UTF-8");
        assert!(decoded.text.contains(TEXT));
    }

    #[test]
    fn gbk_page_declared_and_real() {
        let simplified = "<html><head><meta charset=\"gb2312\"></head><body><p>国家知识产权局发布《知识产权强国建设纲要》，强调加强知识产权保护和运用。</p></body></html>";
        let (bytes, _, bad) = encoding_rs::GBK.encode(simplified);
        assert!(!bad);
        let decoded = decode(&bytes).expect("gbk");
        assert_eq!(decoded.text, simplified);
    }
}
