//! Fingerprints that identify a finding across commits, for the GitLab report and SARIF's
//! `partialFingerprints`.
//!
//! A fingerprint hashes the rule code, the file's path, the flagged source text and the
//! finding's rank among identical ones, but no line number: adding a line above a finding keeps
//! its fingerprint, so GitLab does not show it as fixed and re-introduced.

use std::collections::HashMap;

use berth_rules::Diagnostic;

use super::{clamp, display_path};

/// The fingerprint of each diagnostic, in the order given (the output order, which makes the
/// occurrence ranks stable).
pub(super) fn fingerprints(diagnostics: &[&Diagnostic], cwd: &std::path::Path) -> Vec<String> {
    let mut seen: HashMap<(&str, String, String), u32> = HashMap::new();
    diagnostics
        .iter()
        .map(|diagnostic| {
            let path = display_path(diagnostic.file.path(), cwd);
            let text = flagged_text(diagnostic);
            let rank = seen
                .entry((diagnostic.rule.code, path.clone(), text.clone()))
                .or_insert(0);
            let fingerprint = fingerprint(diagnostic.rule.code, &path, &text, *rank);
            *rank += 1;
            fingerprint
        })
        .collect()
}

/// The text a finding points at with line breaks normalised, so a checkout with CRLF line
/// endings gives the same fingerprints; for an empty range, the line it is on.
fn flagged_text(diagnostic: &Diagnostic) -> String {
    let file = &diagnostic.file;
    let range = clamp(file, diagnostic.range);
    let range = if range.is_empty() {
        let index = file.line_index();
        index.line_range(index.line_of(range.start))
    } else {
        range
    };
    file.slice(range).replace("\r\n", "\n").trim().to_owned()
}

/// 16 hexadecimal digits of FNV-1a (64 bits) over the parts, each followed by a NUL so that
/// `("ab", "c")` and `("a", "bc")` differ.
fn fingerprint(code: &str, path: &str, text: &str, rank: u32) -> String {
    let mut hash = Fnv1a::new();
    for part in [code, path, text, &rank.to_string()] {
        hash.write(part.as_bytes());
        hash.write(&[0]);
    }
    format!("{:016x}", hash.0)
}

/// FNV-1a, 64 bits (<http://www.isthe.com/chongo/tech/comp/fnv/>): a few lines, stable across
/// Rust versions and platforms, unlike `std`'s `DefaultHasher`.
struct Fnv1a(u64);

impl Fnv1a {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;

    fn new() -> Self {
        Fnv1a(Self::OFFSET_BASIS)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }
}

#[cfg(test)]
mod tests {
    use berth_parser::{Message, SourceFile, TextRange};
    use berth_rules::{Diagnostic, Severity};

    use super::super::test_fixtures::PIN_BASE_IMAGE_TAG;
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        let hash = |text: &str| {
            let mut hash = Fnv1a::new();
            hash.write(text.as_bytes());
            hash.0
        };
        assert_eq!(hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash("foobar"), 0x8594_4171_f739_67e8);
    }

    fn diagnostic(file: &SourceFile, needle: &str, nth: usize) -> Diagnostic {
        let (start, _) = file.text().match_indices(needle).nth(nth).unwrap();
        Diagnostic {
            rule: &PIN_BASE_IMAGE_TAG,
            severity: Severity::Error,
            file: file.clone(),
            range: TextRange::at(start as u32, needle.len() as u32),
            message: Message::new("m", "m"),
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    fn prints(text: &str, needles: &[(&str, usize)]) -> Vec<String> {
        let file = SourceFile::new("/p/Dockerfile", text);
        let diagnostics: Vec<_> = needles
            .iter()
            .map(|&(needle, nth)| diagnostic(&file, needle, nth))
            .collect();
        let refs: Vec<_> = diagnostics.iter().collect();
        fingerprints(&refs, std::path::Path::new("/p"))
    }

    #[test]
    fn survive_unrelated_edits_and_line_endings() {
        let before = prints("FROM ubuntu\n", &[("ubuntu", 0)]);
        let after = prints("# a comment\r\n\r\nFROM ubuntu\r\n", &[("ubuntu", 0)]);
        assert_eq!(before, after);
    }

    #[test]
    fn identical_findings_get_distinct_fingerprints() {
        let prints = prints(
            "FROM ubuntu\nFROM ubuntu\n",
            &[("ubuntu", 0), ("ubuntu", 1)],
        );
        assert_ne!(prints[0], prints[1]);
        assert_eq!(prints[0].len(), 16);
    }
}
