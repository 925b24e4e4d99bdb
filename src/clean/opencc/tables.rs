//! OpenCC's dictionary text format, read by the build script (which turns each dictionary
//! group into a ready automaton) and by the tests. Standard library only: the build script
//! compiles it on its own.
// Each of the two compilations uses part of it.
#![allow(dead_code)]

use std::collections::HashMap;

/// A dictionary's keys and first values, by OpenCC's text format: `key<TAB>value value…`;
/// blank lines and `#` comments skipped, as are malformed lines; a later line replaces an
/// earlier one for the same key.
pub fn entries(dictionary: &str) -> Vec<(&str, &str)> {
    let mut map: HashMap<&str, &str> = HashMap::new();
    let mut order = Vec::new();
    for line in dictionary.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut parts = line.split('\t');
        let (Some(key), Some(values), None) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if key.is_empty() || values.split(' ').any(str::is_empty) {
            continue;
        }
        let first = values.split(' ').next().unwrap_or(values);
        if map.insert(key, first).is_none() {
            order.push(key);
        }
    }
    order.into_iter().map(|k| (k, map[k])).collect()
}

/// A group's entries, sorted by key: within a dictionary the last line for a key wins (as
/// OpenCC's compiler reads it); across the group, the first dictionary holding the key.
pub fn group<'d>(dictionaries: &[&'d str]) -> Vec<(&'d str, &'d str)> {
    let mut merged: HashMap<&str, &str> = HashMap::new();
    for dictionary in dictionaries {
        for (key, value) in entries(dictionary) {
            merged.entry(key).or_insert(value);
        }
    }
    let mut entries: Vec<(&str, &str)> = merged.into_iter().collect();
    entries.sort_unstable();
    entries
}

/// The dictionary groups OpenCC's configurations chain: (name, dictionary files).
pub const GROUPS: &[(&str, &[&str])] = &[
    ("ts", &["TSPhrases.txt", "TSCharacters.txt"]),
    ("st", &["STPhrases.txt", "STCharacters.txt"]),
    ("hk-variants", &["HKVariants.txt"]),
    ("tw-phrases", &["TWPhrases.txt"]),
    ("tw-variants", &["TWVariants.txt"]),
];

/// A group as stored: the automaton's bytes (daachorse's own serialisation), then the
/// values in key order, each as a little-endian `u32` length and its bytes.
pub fn pack(automaton: &[u8], values: &[&str]) -> Vec<u8> {
    let mut out = Vec::with_capacity(automaton.len() + values.len() * 8);
    out.extend_from_slice(&(automaton.len() as u32).to_le_bytes());
    out.extend_from_slice(automaton);
    out.extend_from_slice(&(values.len() as u32).to_le_bytes());
    for value in values {
        out.extend_from_slice(&(value.len() as u32).to_le_bytes());
        out.extend_from_slice(value.as_bytes());
    }
    out
}

/// [`pack`]'s parts back: the automaton's bytes and the values; `None` if malformed.
pub fn unpack(bytes: &[u8]) -> Option<(&[u8], Vec<&str>)> {
    fn take<'b>(bytes: &mut &'b [u8], n: usize) -> Option<&'b [u8]> {
        let (head, rest) = (bytes.get(..n)?, bytes.get(n..)?);
        *bytes = rest;
        Some(head)
    }
    fn number(bytes: &mut &[u8]) -> Option<usize> {
        let raw: [u8; 4] = take(bytes, 4)?.try_into().ok()?;
        Some(u32::from_le_bytes(raw) as usize)
    }
    let mut rest = bytes;
    let len = number(&mut rest)?;
    let automaton = take(&mut rest, len)?;
    let count = number(&mut rest)?;
    let mut values = Vec::with_capacity(count);
    for _ in 0..count {
        let len = number(&mut rest)?;
        values.push(std::str::from_utf8(take(&mut rest, len)?).ok()?);
    }
    rest.is_empty().then_some((automaton, values))
}
