//! Applying fixes to a file's text: what `berth check --fix` writes and what the language
//! server's "fix all" offers.
//!
//! Fixes of one pass never overlap: a fix whose edits touch text another fix already changed
//! waits for the next pass, where the file is checked again and the rule reports it anew
//! against the fixed text (two rules rewriting the same instruction would otherwise corrupt
//! it).

use std::collections::BTreeMap;
use std::path::PathBuf;

use berth_parser::TextRange;

use crate::diagnostic::{Applicability, Diagnostic, Fix};

/// The fixes of a file that one pass applies, and the text they make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedText {
    pub text: String,
    /// How many diagnostics the applied fixes resolve.
    pub fixed: usize,
}

/// Whether `fix` may be applied: safe fixes always, unsafe ones only when asked.
pub fn is_applicable(fix: &Fix, unsafe_fixes: bool) -> bool {
    match fix.applicability {
        Applicability::Safe => true,
        Applicability::Unsafe => unsafe_fixes,
    }
}

/// Applies to `text` the applicable fixes among `fixes`, in file order, skipping any fix that
/// overlaps one already taken. `None` when none applies (the text stays as it is).
pub fn apply_fixes<'f>(
    text: &str,
    fixes: impl IntoIterator<Item = &'f Fix>,
    unsafe_fixes: bool,
) -> Option<FixedText> {
    let mut fixes: Vec<&Fix> = fixes
        .into_iter()
        .filter(|fix| is_applicable(fix, unsafe_fixes) && fits(fix, text))
        .collect();
    // Earliest first; a fix is taken whole or not at all.
    fixes.sort_by_key(|fix| span(fix).map(|range| (range.start, range.end)));
    let mut taken: Vec<&Fix> = Vec::with_capacity(fixes.len());
    let mut end_of_taken: Option<u32> = None;
    for fix in fixes {
        let Some(range) = span(fix) else {
            continue;
        };
        // Two insertions at one offset would be ordered arbitrarily: the second waits.
        if end_of_taken
            .is_some_and(|end| range.start < end || range.start == end && is_insertion_at(fix, end))
        {
            continue;
        }
        // The same edits reported twice (a finding seen through two files of a project)
        // are one fix.
        if taken.last().is_some_and(|last| last.edits == fix.edits) {
            continue;
        }
        end_of_taken = Some(range.end);
        taken.push(fix);
    }
    if taken.is_empty() {
        return None;
    }
    let mut fixed = String::with_capacity(text.len());
    let mut at = 0usize;
    for fix in &taken {
        for edit in &fix.edits {
            fixed.push_str(&text[at..edit.range.start as usize]);
            fixed.push_str(&edit.content);
            at = edit.range.end as usize;
        }
    }
    fixed.push_str(&text[at..]);
    Some(FixedText {
        text: fixed,
        fixed: taken.len(),
    })
}

/// Groups the fixes of `diagnostics` by the file they edit, in path order.
pub fn fixes_by_file(diagnostics: &[Diagnostic]) -> BTreeMap<PathBuf, Vec<&Fix>> {
    let mut by_file: BTreeMap<PathBuf, Vec<&Fix>> = BTreeMap::new();
    for diagnostic in diagnostics {
        if let Some(fix) = &diagnostic.fix {
            by_file
                .entry(diagnostic.file.path().to_path_buf())
                .or_default()
                .push(fix);
        }
    }
    by_file
}

/// The text the edits of `fix` cover, from the start of the first to the end of the last.
fn span(fix: &Fix) -> Option<TextRange> {
    let first = fix.edits.first()?;
    let last = fix.edits.last()?;
    Some(TextRange::new(first.range.start, last.range.end))
}

fn is_insertion_at(fix: &Fix, offset: u32) -> bool {
    fix.edits
        .first()
        .is_some_and(|edit| edit.range.is_empty() && edit.range.start == offset)
}

/// Whether the edits of `fix` are sorted, do not overlap and fall on character boundaries of
/// `text`: a rule's bug must not corrupt a user's file.
fn fits(fix: &Fix, text: &str) -> bool {
    let mut previous_end = 0u32;
    fix.edits.iter().all(|edit| {
        let ok = edit.range.start >= previous_end
            && edit.range.start <= edit.range.end
            && text.is_char_boundary(edit.range.start as usize)
            && text.is_char_boundary(edit.range.end as usize);
        previous_end = edit.range.end;
        ok
    })
}

#[cfg(test)]
mod tests {
    use berth_parser::msg;

    use super::*;
    use crate::diagnostic::Edit;

    fn fix(applicability: Applicability, edits: &[(u32, u32, &str)]) -> Fix {
        Fix {
            title: msg!("fix", "correction"),
            applicability,
            edits: edits
                .iter()
                .map(|&(start, end, content)| Edit::replace(TextRange::new(start, end), content))
                .collect(),
        }
    }

    fn safe(edits: &[(u32, u32, &str)]) -> Fix {
        fix(Applicability::Safe, edits)
    }

    #[test]
    fn fixes_apply_in_file_order_whatever_the_order_given() {
        let text = "FROM alpine\nRUN apt-get install curl\n";
        let later = safe(&[(31, 31, " --no-install-recommends")]);
        let earlier = safe(&[(5, 11, "alpine:3.20")]);
        let fixed = apply_fixes(text, [&later, &earlier], false).unwrap();
        assert_eq!(
            fixed.text,
            "FROM alpine:3.20\nRUN apt-get install --no-install-recommends curl\n"
        );
        assert_eq!(fixed.fixed, 2);
    }

    #[test]
    fn an_overlapping_fix_waits_for_the_next_pass() {
        let text = "version: '3'\nservices: {}\n";
        let first = safe(&[(0, 13, "")]);
        let overlapping = safe(&[(9, 12, "'3.8'")]);
        let fixed = apply_fixes(text, [&overlapping, &first], false).unwrap();
        assert_eq!(fixed.text, "services: {}\n");
        assert_eq!(fixed.fixed, 1);
    }

    #[test]
    fn two_insertions_at_one_place_are_not_ordered_by_chance() {
        let text = "RUN x\n";
        let one = safe(&[(3, 3, " a")]);
        let two = safe(&[(3, 3, " b")]);
        assert_eq!(apply_fixes(text, [&one, &two], false).unwrap().fixed, 1);
    }

    #[test]
    fn the_same_fix_reported_twice_is_applied_once() {
        let text = "version: '3'\n";
        let one = safe(&[(0, 13, "")]);
        let again = one.clone();
        let fixed = apply_fixes(text, [&one, &again], false).unwrap();
        assert_eq!((fixed.text.as_str(), fixed.fixed), ("", 1));
    }

    #[test]
    fn unsafe_fixes_apply_only_when_asked() {
        let text = "FROM alpine\n";
        let risky = fix(Applicability::Unsafe, &[(5, 11, "alpine:3.20")]);
        assert_eq!(apply_fixes(text, [&risky], false), None);
        assert_eq!(
            apply_fixes(text, [&risky], true).unwrap().text,
            "FROM alpine:3.20\n"
        );
    }

    #[test]
    fn a_fix_off_the_text_or_inside_a_character_is_never_applied() {
        let text = "LABEL a=é\n";
        let inside = safe(&[(9, 10, "e")]);
        let beyond = safe(&[(40, 41, "x")]);
        let unsorted = safe(&[(6, 7, "b"), (0, 1, "l")]);
        assert_eq!(
            apply_fixes(text, [&inside, &beyond, &unsorted], false),
            None
        );
    }
}
