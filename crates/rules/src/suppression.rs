//! Suppression comments: berth's own, hadolint's pragmas and BuildKit's `# check=skip=`.
//!
//! The grammar of each, and where it applies:
//!
//! - `# berth: ignore=CODE,NAME -- reason`: the item (instruction, YAML key) starting on the
//!   first line after the comment that is not itself a comment, so a reason may continue on
//!   further comment lines. A comment after code on the same line (YAML) applies to the item
//!   starting on its own line. The reason after `--` is kept.
//! - `# berth: ignore-file=CODE,...`: the whole file, wherever the comment is.
//! - `# hadolint ignore=DL3008,DL3015`: the instruction starting on the very next line only (a
//!   blank or comment line in between breaks it, as in hadolint). `# hadolint global ignore=`:
//!   the whole file. `# hadolint stage ignore=`: the stage whose FROM is on the next line.
//!   Codes map through each rule's `Equivalent::Hadolint`; codes without an equivalent
//!   (ShellCheck's `SC...`) are skipped.
//! - `# check=skip=Name1,Name2` (or `skip=all`) in the parser directive block at the top of a
//!   Dockerfile: the whole file; among the comments directly above an instruction: that
//!   instruction, or the whole stage above a FROM. Names map through `Equivalent::BuildKit`.
//!
//! Only berth's own comments are reported when they suppress nothing (as `unused-suppression`,
//! one finding per unused code, pointing at the code, with a fix that deletes it); hadolint's
//! and BuildKit's also serve those tools, whose findings berth does not see. A code naming a
//! rule that is off for the file is not reported either: the comment may serve another preset.

use berth_parser::suggest::did_you_mean;
use berth_parser::{Message, SourceFile, TextRange, msg};

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::meta::{Equivalent, FileKind};
use crate::parse::Outline;
use crate::registry;
use crate::reporter::Reporter;
use crate::rule_set::RuleSet;
use crate::workspace::WorkspaceFile;

/// The suppression comments of one file, ready to filter its findings.
#[derive(Debug)]
pub struct Suppressions {
    file: SourceFile,
    kind: FileKind,
    entries: Vec<Suppression>,
    /// `# berth:` comments that could not be read, with what is wrong.
    malformed: Vec<(TextRange, Message)>,
}

/// One suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    pub syntax: Syntax,
    /// The comment, from `#` to the end of its line.
    pub comment: TextRange,
    pub scope: Scope,
    pub codes: Vec<SuppressedCode>,
    /// The text after `--` in a berth comment.
    pub reason: Option<String>,
}

/// Which tool's comment syntax a suppression uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Berth,
    Hadolint,
    BuildKit,
}

/// Where a suppression applies: findings starting inside it are dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    File,
    Range(TextRange),
    /// No item follows the comment: it can suppress nothing.
    Nothing,
}

/// One code as written in a suppression comment, and the berth rules it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuppressedCode {
    /// The code in the comment.
    pub range: TextRange,
    /// The codes of the berth rules it names: one for a berth code or name, possibly several
    /// for another tool's code, none for an unknown one.
    pub rules: Vec<&'static str>,
}

impl Suppressions {
    /// The suppressions of a workspace file, from its parsed outline.
    pub fn of(file: &WorkspaceFile) -> Suppressions {
        Suppressions::parse(
            &file.source,
            file.file_type.rule_kind(),
            &file.parsed().outline,
        )
    }

    /// Reads the suppression comments of `file` given its outline.
    pub fn parse(file: &SourceFile, kind: FileKind, outline: &Outline) -> Suppressions {
        let mut suppressions = Suppressions {
            file: file.clone(),
            kind,
            entries: Vec::new(),
            malformed: Vec::new(),
        };
        let layout = Layout::new(file, outline);
        let mut in_directives = outline.has_directives;
        for (index, &comment) in outline.comments.iter().enumerate() {
            let text = file.slice(comment);
            // Parser directives are the comments on the first lines, each `# key=value`, with
            // nothing else before them.
            in_directives = in_directives
                && layout.line_of(comment.start) == index as u32
                && is_directive(text);
            if let Some(entry) = read_berth(&mut suppressions, comment, text, &layout) {
                suppressions.entries.push(entry);
            } else if outline.has_directives {
                if let Some(entry) = read_hadolint(comment, text, &layout) {
                    suppressions.entries.push(entry);
                } else if let Some(entry) = read_check_skip(comment, text, &layout, in_directives) {
                    suppressions.entries.push(entry);
                }
            }
        }
        suppressions
    }

    pub fn entries(&self) -> &[Suppression] {
        &self.entries
    }

    /// Drops the findings a suppression covers.
    pub fn filter(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut used = self.unused_marks();
        self.drop_suppressed(diagnostics, &mut used)
    }

    /// Drops the findings a suppression covers, then reports (as the kind's
    /// `unused-suppression` rule, when `rules` has it on) each berth code that suppressed
    /// nothing and each berth comment that could not be read.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>, rules: &RuleSet) -> Vec<Diagnostic> {
        let mut used = self.unused_marks();
        let mut kept = self.drop_suppressed(diagnostics, &mut used);
        let rule = registry::unused_suppression_rule(self.kind);
        let Some(severity) = rules.severity(&rule.meta) else {
            return kept;
        };
        let mut report = Reporter::new(rule, self.file.clone());
        for (range, message) in &self.malformed {
            report
                .push(*range, message.clone())
                .fix(self.delete_comment_fix(*range));
        }
        for (entry, used) in self.entries.iter().zip(&used) {
            if entry.syntax != Syntax::Berth {
                continue;
            }
            let all_unused = entry
                .codes
                .iter()
                .zip(used)
                .all(|(code, used)| !used && (code.rules.is_empty() || !is_off(code, rules)));
            for (code, used) in entry.codes.iter().zip(used) {
                if *used || (!code.rules.is_empty() && is_off(code, rules)) {
                    continue;
                }
                let fix = if all_unused {
                    self.delete_comment_fix(entry.comment)
                } else {
                    self.delete_code_fix(code.range)
                };
                let message = self.unused_message(entry, code);
                report.push(code.range, message).fix(fix);
            }
        }
        let mut unused = report.into_diagnostics();
        for diagnostic in &mut unused {
            diagnostic.severity = severity;
        }
        // `unused-suppression` findings can be suppressed file-wide like any other.
        let mut marks = self.unused_marks();
        kept.extend(self.drop_suppressed(unused, &mut marks));
        kept
    }

    fn unused_marks(&self) -> Vec<Vec<bool>> {
        self.entries
            .iter()
            .map(|entry| vec![false; entry.codes.len()])
            .collect()
    }

    fn drop_suppressed(
        &self,
        mut diagnostics: Vec<Diagnostic>,
        used: &mut [Vec<bool>],
    ) -> Vec<Diagnostic> {
        diagnostics.retain(|diagnostic| {
            let mut suppressed = false;
            for (entry, used) in self.entries.iter().zip(used.iter_mut()) {
                let applies = match entry.scope {
                    Scope::File => true,
                    Scope::Range(range) => range.contains_inclusive(diagnostic.range.start),
                    Scope::Nothing => false,
                };
                if !applies {
                    continue;
                }
                for (code, used) in entry.codes.iter().zip(used.iter_mut()) {
                    if code.rules.contains(&diagnostic.rule.code) {
                        *used = true;
                        suppressed = true;
                    }
                }
            }
            !suppressed
        });
        diagnostics
    }

    fn unused_message(&self, entry: &Suppression, code: &SuppressedCode) -> Message {
        let written = self.file.slice(code.range);
        if code.rules.is_empty() {
            let options = registry::all_rules()
                .iter()
                .flat_map(|rule| [rule.meta.code, rule.meta.name]);
            return match did_you_mean(written, options) {
                Some(suggestion) => msg!(
                    "`{written}` is not a berth rule, so this suppression does nothing; did you mean `{suggestion}`?",
                    "`{written}` n'est pas une règle de berth : cette suppression ne fait rien ; vouliez-vous dire `{suggestion}` ?"
                ),
                None => msg!(
                    "`{written}` is not a berth rule, so this suppression does nothing; `berth rule --all` lists the rules",
                    "`{written}` n'est pas une règle de berth : cette suppression ne fait rien ; `berth rule --all` liste les règles"
                ),
            };
        }
        match entry.scope {
            Scope::Nothing => msg!(
                "this suppression of `{written}` applies to nothing: no instruction or key starts on the line after it; put it directly above the line to silence",
                "cette suppression de `{written}` ne s'applique à rien : aucune instruction ni clé ne commence à la ligne suivante ; placez-la juste au-dessus de la ligne à faire taire"
            ),
            Scope::File => msg!(
                "`{written}` reports nothing in this file, so suppressing it is unneeded; remove it so that it does not hide a future finding",
                "`{written}` ne signale rien dans ce fichier : le supprimer est inutile ; retirez-le pour qu'il ne masque pas un futur problème"
            ),
            Scope::Range(_) => msg!(
                "`{written}` reports nothing here, so suppressing it is unneeded; remove it so that it does not hide a future finding",
                "`{written}` ne signale rien ici : le supprimer est inutile ; retirez-le pour qu'il ne masque pas un futur problème"
            ),
        }
    }

    /// Deletes a whole comment: its line when it stands alone, else the comment and the
    /// blanks before it.
    fn delete_comment_fix(&self, comment: TextRange) -> Fix {
        let text = self.file.text();
        let index = self.file.line_index();
        let line = index.line_range(index.line_of(comment.start));
        let before = &text[line.start as usize..comment.start as usize];
        let range = if before.trim().is_empty() {
            line
        } else {
            let blanks = before.len() - before.trim_end().len();
            TextRange::new(comment.start - blanks as u32, comment.end)
        };
        Fix::safe(
            msg!(
                "Remove the unused suppression comment",
                "Supprimer le commentaire de suppression inutile"
            ),
            vec![Edit::delete(range)],
        )
    }

    /// Deletes one code of a list and the comma that joins it to the others.
    fn delete_code_fix(&self, code: TextRange) -> Fix {
        let text = self.file.text();
        let after = &text[code.end as usize..];
        let after_comma = after.trim_start_matches([' ', '\t']);
        let range = if let Some(rest) = after_comma.strip_prefix(',') {
            let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            TextRange::new(code.start, (text.len() - rest.len() + blanks) as u32)
        } else {
            let before = &text[..code.start as usize];
            let before_comma = before.trim_end_matches([' ', '\t']);
            let start = before_comma
                .strip_suffix(',')
                .map(|rest| rest.trim_end_matches([' ', '\t']).len())
                .unwrap_or(code.start as usize);
            TextRange::new(start as u32, code.end)
        };
        Fix::safe(
            msg!(
                "Remove the unused code from the suppression",
                "Retirer le code inutile de la suppression"
            ),
            vec![Edit::delete(range)],
        )
    }
}

fn is_off(code: &SuppressedCode, rules: &RuleSet) -> bool {
    code.rules
        .iter()
        .all(|code| registry::by_code(code).is_none_or(|rule| !rules.is_enabled(&rule.meta)))
}

/// Line facts the suppression grammar needs: which lines are comment-only, and which items
/// and stages start on which line.
struct Layout<'a> {
    file: &'a SourceFile,
    outline: &'a Outline,
    /// Lines holding nothing but a comment, sorted.
    comment_lines: Vec<u32>,
}

impl<'a> Layout<'a> {
    fn new(file: &'a SourceFile, outline: &'a Outline) -> Layout<'a> {
        let comment_lines = outline
            .comments
            .iter()
            .filter(|comment| is_own_line(file, **comment))
            .map(|comment| file.line_index().line_of(comment.start))
            .collect();
        Layout {
            file,
            outline,
            comment_lines,
        }
    }

    fn line_of(&self, offset: u32) -> u32 {
        self.file.line_index().line_of(offset)
    }

    fn is_comment_line(&self, line: u32) -> bool {
        self.comment_lines.binary_search(&line).is_ok()
    }

    /// The outermost item starting on `line`.
    fn item_on(&self, line: u32) -> Option<TextRange> {
        self.outline
            .items
            .iter()
            .filter(|item| self.line_of(item.start) == line)
            .min_by_key(|item| (item.start, std::cmp::Reverse(item.end)))
            .copied()
    }

    /// The stage whose FROM starts on `line`.
    fn stage_on(&self, line: u32) -> Option<TextRange> {
        self.outline
            .stages
            .iter()
            .find(|stage| self.line_of(stage.start) == line)
            .copied()
    }

    /// The first line after `line` that is not a comment-only line.
    fn next_code_line(&self, line: u32) -> u32 {
        let mut next = line + 1;
        while self.is_comment_line(next) {
            next += 1;
        }
        next
    }

    /// Berth and BuildKit: where a comment on its own line, or trailing code, applies. BuildKit
    /// widens a comment above a FROM to the whole stage.
    fn scope_after(&self, comment: TextRange, whole_stage: bool) -> Scope {
        let line = self.line_of(comment.start);
        let target = if is_own_line(self.file, comment) {
            self.next_code_line(line)
        } else {
            line
        };
        match self.item_on(target) {
            Some(item) if whole_stage => Scope::Range(
                self.outline
                    .stages
                    .iter()
                    .find(|stage| stage.start == item.start)
                    .copied()
                    .unwrap_or(item),
            ),
            Some(item) => Scope::Range(item),
            None => Scope::Nothing,
        }
    }
}

fn is_own_line(file: &SourceFile, comment: TextRange) -> bool {
    let index = file.line_index();
    let line = index.line_range(index.line_of(comment.start));
    file.text()[line.start as usize..comment.start as usize]
        .trim()
        .is_empty()
}

/// `# berth: ignore=...` or `# berth: ignore-file=...`. `None` when the comment is not a berth
/// comment; a berth comment that cannot be read is recorded as malformed.
fn read_berth(
    suppressions: &mut Suppressions,
    comment: TextRange,
    text: &str,
    layout: &Layout,
) -> Option<Suppression> {
    let body = text.strip_prefix('#')?.trim_start();
    let rest = body.strip_prefix("berth:")?.trim_start();
    let (file_wide, rest) = if let Some(rest) = rest.strip_prefix("ignore-file") {
        (true, rest)
    } else if let Some(rest) = rest.strip_prefix("ignore") {
        (false, rest)
    } else {
        suppressions.malformed.push((comment, malformed_message()));
        return None;
    };
    let Some(list) = rest.trim_start().strip_prefix('=') else {
        suppressions.malformed.push((comment, malformed_message()));
        return None;
    };
    let (list, reason) = match list.split_once("--") {
        Some((list, reason)) => (list, Some(reason.trim().to_string())),
        None => (list, None),
    };
    let list_start = comment.start + (text.len() - rest.trim_start().len()) as u32 + 1;
    let codes: Vec<SuppressedCode> = split_codes(list, list_start)
        .map(|(range, written)| SuppressedCode {
            range,
            rules: berth_rules(suppressions.kind, written),
        })
        .collect();
    if codes.is_empty() {
        suppressions.malformed.push((comment, malformed_message()));
        return None;
    }
    let scope = if file_wide {
        Scope::File
    } else {
        layout.scope_after(comment, false)
    };
    Some(Suppression {
        syntax: Syntax::Berth,
        comment,
        scope,
        codes,
        reason: reason.filter(|reason| !reason.is_empty()),
    })
}

fn malformed_message() -> Message {
    msg!(
        "this berth comment is not a suppression berth can read, so it does nothing; write `# berth: ignore=CODE -- reason` or `# berth: ignore-file=CODE`",
        "ce commentaire berth n'est pas une suppression que berth sait lire : il ne fait rien ; écrivez `# berth: ignore=CODE -- raison` ou `# berth: ignore-file=CODE`"
    )
}

/// A berth code or name: a code of any kind, or a name looked up in the file's kind first.
fn berth_rules(kind: FileKind, written: &str) -> Vec<&'static str> {
    registry::by_code(written)
        .or_else(|| registry::by_kind_and_name(kind, written))
        .or_else(|| registry::by_name(written).next())
        .map(|rule| vec![rule.meta.code])
        .unwrap_or_default()
}

/// The comma-separated codes of `list` (which starts at file offset `start`), trimmed, with
/// their file ranges.
fn split_codes(list: &str, start: u32) -> impl Iterator<Item = (TextRange, &str)> {
    let mut offset = 0;
    list.split(',').filter_map(move |part| {
        let part_start = offset;
        offset += part.len() + 1;
        let trimmed = part.trim();
        if trimmed.is_empty() {
            return None;
        }
        let lead = part.len() - part.trim_start().len();
        let begin = start + (part_start + lead) as u32;
        Some((TextRange::at(begin, trimmed.len() as u32), trimmed))
    })
}

/// hadolint's pragma: `#` blanks `hadolint` blanks [`global`|`stage`] `ignore` `=` codes, codes
/// of `D L S C 0-9` separated by commas, then nothing or a second `#` comment.
fn read_hadolint(comment: TextRange, text: &str, layout: &Layout) -> Option<Suppression> {
    let body = text.strip_prefix('#')?;
    let rest = body.trim_start_matches([' ', '\t']);
    let rest = rest.strip_prefix("hadolint")?;
    let after_word = rest.trim_start_matches([' ', '\t']);
    if after_word.len() == rest.len() {
        return None;
    }
    let (which, rest) = if let Some(rest) = after_word.strip_prefix("global") {
        (HadolintScope::Global, rest.trim_start_matches([' ', '\t']))
    } else if let Some(rest) = after_word.strip_prefix("stage") {
        (HadolintScope::Stage, rest.trim_start_matches([' ', '\t']))
    } else {
        (HadolintScope::Next, after_word)
    };
    let rest = rest.strip_prefix("ignore")?.trim_start_matches([' ', '\t']);
    let rest = rest.strip_prefix('=')?;
    let list_start = comment.start + (text.len() - rest.len()) as u32;
    let list = match rest.find('#') {
        Some(hash) => &rest[..hash],
        None => rest,
    };
    let mut codes = Vec::new();
    for (range, written) in split_codes(list, list_start) {
        if !written
            .chars()
            .all(|c| matches!(c, 'D' | 'L' | 'S' | 'C' | '0'..='9'))
        {
            // Any other text makes hadolint's pragma silently not match.
            return None;
        }
        let rules: Vec<&'static str> = registry::by_equivalent(
            FileKind::Dockerfile,
            |equivalent| matches!(equivalent, Equivalent::Hadolint(id) if *id == written),
        )
        .map(|rule| rule.meta.code)
        .collect();
        codes.push(SuppressedCode { range, rules });
    }
    if codes.is_empty() {
        return None;
    }
    let next_line = layout.line_of(comment.start) + 1;
    let scope = match which {
        HadolintScope::Global => Scope::File,
        HadolintScope::Stage => layout
            .stage_on(next_line)
            .map_or(Scope::Nothing, Scope::Range),
        HadolintScope::Next => layout
            .item_on(next_line)
            .map_or(Scope::Nothing, Scope::Range),
    };
    Some(Suppression {
        syntax: Syntax::Hadolint,
        comment,
        scope,
        codes,
        reason: None,
    })
}

enum HadolintScope {
    Next,
    Global,
    Stage,
}

/// A parser directive: `# key=value`.
fn is_directive(text: &str) -> bool {
    let Some(body) = text.strip_prefix('#') else {
        return false;
    };
    let Some((key, _)) = body.split_once('=') else {
        return false;
    };
    let key = key.trim();
    !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric())
}

/// BuildKit's `# check=skip=...`: file-wide in the directive block, else for the instruction
/// (or the stage of the FROM) the comment sits directly above. The value is cut at the first
/// space and split on `;`; anything unreadable is silently ignored, as BuildKit does for
/// comments.
fn read_check_skip(
    comment: TextRange,
    text: &str,
    layout: &Layout,
    in_directives: bool,
) -> Option<Suppression> {
    let body = text.strip_prefix('#')?;
    let (key, value) = body.split_once('=')?;
    if !key.trim().eq_ignore_ascii_case("check") {
        return None;
    }
    let value_start = comment.start + (text.len() - value.len()) as u32;
    let lead = value.len() - value.trim_start().len();
    let value = value.trim_start();
    let value = value.split(' ').next().unwrap_or_default();
    let value_start = value_start + lead as u32;
    let mut codes = Vec::new();
    let mut offset = 0;
    for part in value.splitn(3, ';') {
        let part_start = value_start + offset as u32;
        offset += part.len() + 1;
        let Some((key, list)) = part.split_once('=') else {
            continue;
        };
        if key.trim() != "skip" {
            continue;
        }
        let list_start = part_start + key.len() as u32 + 1;
        for (range, written) in split_codes(list, list_start) {
            let rules: Vec<&'static str> = if written == "all" {
                registry::by_equivalent(FileKind::Dockerfile, |equivalent| {
                    matches!(equivalent, Equivalent::BuildKit(_))
                })
                .map(|rule| rule.meta.code)
                .collect()
            } else {
                registry::by_equivalent(
                    FileKind::Dockerfile,
                    |equivalent| matches!(equivalent, Equivalent::BuildKit(id) if *id == written),
                )
                .map(|rule| rule.meta.code)
                .collect()
            };
            codes.push(SuppressedCode { range, rules });
        }
    }
    if codes.is_empty() {
        return None;
    }
    let scope = if in_directives {
        Scope::File
    } else {
        // Comments attached to an instruction are the run of comment lines right above it.
        layout.scope_after(comment, true)
    };
    Some(Suppression {
        syntax: Syntax::BuildKit,
        comment,
        scope,
        codes,
        reason: None,
    })
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use berth_parser::SourceFile;

    use super::*;
    use crate::diagnostic::Severity;

    /// An outline read from a fixture the simple way: comments are `#` to the end of the line
    /// (at the start of a line, or after ` #` following code); items are other non-blank
    /// lines, joined with the next while they end with `\`; a stage runs from a `FROM` item to
    /// the last item before the next one.
    fn outline(text: &str, has_directives: bool) -> Outline {
        let mut outline = Outline {
            has_directives,
            ..Outline::default()
        };
        let mut offset = 0;
        let mut open_item: Option<u32> = None;
        for line in text.split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            let start = offset + (content.len() - content.trim_start().len()) as u32;
            let end = offset + content.len() as u32;
            offset += line.len() as u32;
            let trimmed = content.trim();
            if trimmed.starts_with('#') {
                outline.comments.push(TextRange::new(start, end));
                continue;
            }
            if trimmed.is_empty() {
                continue;
            }
            let code_end = match content.find(" #") {
                Some(hash) => {
                    let hash = offset - line.len() as u32 + hash as u32 + 1;
                    outline.comments.push(TextRange::new(hash, end));
                    hash - 1
                }
                None => end,
            };
            let item_start = *open_item.get_or_insert(start);
            if trimmed.ends_with('\\') {
                continue;
            }
            open_item = None;
            outline.items.push(TextRange::new(item_start, code_end));
            let first = &text[item_start as usize..];
            if first.starts_with("FROM") {
                outline.stages.push(TextRange::new(item_start, code_end));
            } else if let Some(stage) = outline.stages.last_mut() {
                stage.end = code_end;
            }
        }
        outline.comments.sort();
        outline
    }

    /// Applies the suppressions of `text` (a Dockerfile unless it has `services:`) to findings
    /// `(code, line, needle)` placed at the needle on that 1-based line, and renders what
    /// remains: one line per finding, with the text after its fix when it has one.
    fn check(text: &str, findings: &[(&str, u32, &str)], expected: &str) {
        let compose = text.contains("services:");
        let (kind, path) = if compose {
            (FileKind::Compose, "compose.yaml")
        } else {
            (FileKind::Dockerfile, "Dockerfile")
        };
        let file = SourceFile::new(path, text);
        // Compose outlines come from the real YAML reader; Dockerfile ones from the fixture.
        let outline = if compose {
            crate::parse::parse(&file, crate::FileType::Compose).outline
        } else {
            outline(text, true)
        };
        let diagnostics = findings
            .iter()
            .map(|&(code, line, needle)| {
                let line = file.line_index().line_range(line - 1);
                let column = file
                    .slice(line)
                    .find(needle)
                    .expect("the needle is on the line");
                let start = line.start + column as u32;
                Diagnostic {
                    rule: &registry::by_code(code).unwrap().meta,
                    severity: Severity::Warning,
                    file: file.clone(),
                    range: TextRange::at(start, needle.len() as u32),
                    message: msg!("finding", "problème"),
                    labels: Vec::new(),
                    help: None,
                    fix: None,
                }
            })
            .collect();
        let suppressions = Suppressions::parse(&file, kind, &outline);
        let mut kept = suppressions.apply(diagnostics, &RuleSet::lab());
        crate::engine::sort(&mut kept);
        let mut actual = String::new();
        for diagnostic in &kept {
            let position = file.line_column(diagnostic.range.start);
            let at = file.slice(diagnostic.range);
            write!(actual, "{} {position} `{at}`", diagnostic.rule.code).unwrap();
            if diagnostic.rule.name == "unused-suppression" {
                write!(actual, ": {}", diagnostic.message.en).unwrap();
            }
            actual.push('\n');
            if let Some(fix) = &diagnostic.fix {
                let mut fixed = text.to_string();
                for edit in fix.edits.iter().rev() {
                    fixed.replace_range(edit.range.to_usize(), &edit.content);
                }
                writeln!(actual, "  fixed: {fixed:?}").unwrap();
            }
        }
        assert_eq!(actual, expected, "\n{actual}");
    }

    #[test]
    fn berth_ignore_applies_to_the_next_item_only() {
        check(
            "# berth: ignore=D098 -- the base is pinned by CI\nFROM BAD\nRUN BAD\n",
            &[("D098", 2, "BAD"), ("D098", 3, "BAD")],
            "D098 3:5 `BAD`\n",
        );
    }

    #[test]
    fn berth_reason_may_continue_on_comment_lines() {
        let text =
            "# berth: ignore=test-marker -- pinned by CI,\n# see the release notes\nFROM BAD\n";
        check(text, &[("D098", 3, "BAD")], "");
        let file = SourceFile::new("Dockerfile", text);
        let suppressions = Suppressions::parse(&file, FileKind::Dockerfile, &outline(text, true));
        assert_eq!(
            suppressions.entries()[0].reason.as_deref(),
            Some("pinned by CI,")
        );
    }

    #[test]
    fn berth_ignore_covers_a_whole_multiline_instruction() {
        check(
            "# berth: ignore=D098\nRUN a \\\n  BAD\nRUN BAD\n",
            &[("D098", 3, "BAD"), ("D098", 4, "BAD")],
            "D098 4:5 `BAD`\n",
        );
    }

    #[test]
    fn unused_codes_are_reported_with_a_fix() {
        check(
            "# berth: ignore=D098, D001 -- why\nFROM BAD\n",
            &[("D098", 2, "BAD")],
            "D500 1:23 `D001`: `D001` reports nothing here, so suppressing it is unneeded; remove it so that it does not hide a future finding\n  fixed: \"# berth: ignore=D098 -- why\\nFROM BAD\\n\"\n",
        );
        check(
            "FROM a\n  # berth: ignore=D001,D098\nRUN b\n",
            &[],
            "D500 2:19 `D001`: `D001` reports nothing here, so suppressing it is unneeded; remove it so that it does not hide a future finding\n  fixed: \"FROM a\\nRUN b\\n\"\nD500 2:24 `D098`: `D098` reports nothing here, so suppressing it is unneeded; remove it so that it does not hide a future finding\n  fixed: \"FROM a\\nRUN b\\n\"\n",
        );
    }

    #[test]
    fn unknown_codes_and_malformed_comments_are_reported() {
        check(
            "# berth: ignore=D098,tset-marker\nFROM BAD\n",
            &[("D098", 2, "BAD")],
            "D500 1:22 `tset-marker`: `tset-marker` is not a berth rule, so this suppression does nothing; did you mean `test-marker`?\n  fixed: \"# berth: ignore=D098\\nFROM BAD\\n\"\n",
        );
        check(
            "# berth: ignroe=D098\nFROM BAD\n",
            &[("D098", 2, "BAD")],
            "D500 1:1 `# berth: ignroe=D098`: this berth comment is not a suppression berth can read, so it does nothing; write `# berth: ignore=CODE -- reason` or `# berth: ignore-file=CODE`\n  fixed: \"FROM BAD\\n\"\nD098 2:6 `BAD`\n",
        );
    }

    #[test]
    fn a_suppression_followed_by_nothing_applies_to_nothing() {
        check(
            "FROM a\n# berth: ignore=D098\n\nRUN BAD\n",
            &[("D098", 4, "BAD")],
            "D500 2:17 `D098`: this suppression of `D098` applies to nothing: no instruction or key starts on the line after it; put it directly above the line to silence\n  fixed: \"FROM a\\n\\nRUN BAD\\n\"\nD098 4:5 `BAD`\n",
        );
    }

    #[test]
    fn ignore_file_applies_everywhere_and_can_silence_unused_reports() {
        check(
            "FROM BAD\nRUN BAD\n# berth: ignore-file=D098\n",
            &[("D098", 1, "BAD"), ("D098", 2, "BAD")],
            "",
        );
        check(
            "# berth: ignore-file=D500\n# berth: ignore=D001\nFROM a\n",
            &[],
            "",
        );
    }

    #[test]
    fn hadolint_ignore_is_next_line_only() {
        check(
            "# hadolint ignore=DL3006,SC2086\nFROM BAD\n",
            &[("D098", 2, "BAD")],
            "",
        );
        // A blank line or another comment in between breaks it, as in hadolint, and an unused
        // hadolint pragma is not reported.
        check(
            "# hadolint ignore=DL3006\n\nFROM BAD\n",
            &[("D098", 3, "BAD")],
            "D098 3:6 `BAD`\n",
        );
        check(
            "# hadolint ignore=DL3006\n# other\nFROM BAD\n",
            &[("D098", 3, "BAD")],
            "D098 3:6 `BAD`\n",
        );
        // A second `#` may follow; other trailing text makes the pragma not match.
        check(
            "# hadolint ignore=DL3006 # pinned\nFROM BAD\n",
            &[("D098", 2, "BAD")],
            "",
        );
        check(
            "# hadolint ignore=DL3006 because\nFROM BAD\n",
            &[("D098", 2, "BAD")],
            "D098 2:6 `BAD`\n",
        );
    }

    #[test]
    fn hadolint_global_and_stage_ignore() {
        check(
            "FROM a\nRUN BAD\n# hadolint global ignore=DL3006\n",
            &[("D098", 2, "BAD")],
            "",
        );
        check(
            "# hadolint stage ignore=DL3006\nFROM a\nRUN BAD\nFROM b\nRUN BAD\n",
            &[("D098", 3, "BAD"), ("D098", 5, "BAD")],
            "D098 5:5 `BAD`\n",
        );
        check(
            "# hadolint stage ignore=DL3006\nRUN BAD\n",
            &[("D098", 2, "BAD")],
            "D098 2:5 `BAD`\n",
        );
    }

    #[test]
    fn buildkit_check_skip_in_directives_and_attached() {
        check(
            "# syntax=docker/dockerfile:1\n# check=skip=StageNameCasing;error=true\nFROM BAD\n",
            &[("D098", 3, "BAD")],
            "",
        );
        // After the directive block, a check comment attaches to what follows: a FROM's whole
        // stage, or one instruction.
        check(
            "FROM a\n\n# check=skip=StageNameCasing\n# more words\nFROM BAD\nRUN BAD\n",
            &[("D098", 5, "BAD"), ("D098", 6, "BAD")],
            "",
        );
        check(
            "FROM a\n# check=skip=StageNameCasing // why\nRUN BAD\nRUN BAD\n",
            &[("D098", 3, "BAD"), ("D098", 4, "BAD")],
            "D098 4:5 `BAD`\n",
        );
        check(
            "# check=skip=all\nFROM a\nRUN BAD\n",
            &[("D098", 3, "BAD"), ("D099", 3, "RUN")],
            "",
        );
        // Names are case-sensitive, as in BuildKit.
        check(
            "# check=skip=stagenamecasing\nFROM BAD\n",
            &[("D098", 2, "BAD")],
            "D098 2:6 `BAD`\n",
        );
    }

    #[test]
    fn compose_keys_and_trailing_comments() {
        check(
            "services:\n  # berth: ignore=C001\n  web:\n    image: BAD\n  db:\n    image: BAD\n",
            &[("C001", 4, "BAD"), ("C001", 6, "BAD")],
            "C001 6:12 `BAD`\n",
        );
        check(
            "services:\n  web:\n    image: BAD # berth: ignore=C001\n    user: BAD\n",
            &[("C001", 3, "BAD"), ("C001", 4, "BAD")],
            "C001 4:11 `BAD`\n",
        );
        // hadolint and BuildKit comments mean nothing in Compose files.
        check(
            "services:\n  # hadolint ignore=DL3006\n  web: BAD\n",
            &[("C001", 3, "BAD")],
            "C001 3:8 `BAD`\n",
        );
    }

    #[test]
    fn suppressions_of_rules_that_are_off_are_not_reported() {
        // C098 is a `prod` rule, off in the default `lab` preset.
        check("services:\n  # berth: ignore=C098\n  web: {}\n", &[], "");
    }
}
