//! How a rule emits findings: `report.push(range, message)`, then optional help, labels and a
//! fix. The rule's metadata, its default severity and the file are attached here, so every
//! rule reports the same way and cannot forget one of them.

use berth_parser::{Message, SourceFile, TextRange};

use crate::diagnostic::{Diagnostic, Fix, Label};
use crate::rule::Rule;

/// Collects the findings of the rules run on one file.
pub struct Reporter {
    rule: &'static Rule,
    file: SourceFile,
    diagnostics: Vec<Diagnostic>,
}

impl Reporter {
    /// A reporter for findings of `rule` in `file`.
    pub fn new(rule: &'static Rule, file: SourceFile) -> Reporter {
        Reporter {
            rule,
            file,
            diagnostics: Vec::new(),
        }
    }

    /// Reports a finding at `range` of the file being checked.
    pub fn push(&mut self, range: TextRange, message: Message) -> DiagnosticBuilder<'_> {
        let file = self.file.clone();
        self.push_in(&file, range, message)
    }

    /// Reports a finding in another file than the one being checked: a Compose value that
    /// came from an override file, a Dockerfile a Compose service builds.
    pub fn push_in(
        &mut self,
        file: &SourceFile,
        range: TextRange,
        message: Message,
    ) -> DiagnosticBuilder<'_> {
        self.diagnostics.push(Diagnostic {
            rule: &self.rule.meta,
            severity: self.rule.meta.severity,
            file: file.clone(),
            range,
            message,
            labels: Vec::new(),
            help: None,
            fix: None,
        });
        let diagnostic = self
            .diagnostics
            .last_mut()
            .expect("a diagnostic was just pushed");
        DiagnosticBuilder { diagnostic }
    }

    /// The file being checked.
    pub fn file(&self) -> &SourceFile {
        &self.file
    }

    /// The rule whose findings are being collected.
    pub fn rule(&self) -> &'static Rule {
        self.rule
    }

    /// Switches to another rule, keeping the findings collected so far (the engine reuses one
    /// reporter for all rules run on a file).
    pub(crate) fn set_rule(&mut self, rule: &'static Rule) {
        self.rule = rule;
    }

    pub(crate) fn len(&self) -> usize {
        self.diagnostics.len()
    }

    /// Drops the findings after the first `len`: those of a rule that panicked halfway.
    pub(crate) fn truncate(&mut self, len: usize) {
        self.diagnostics.truncate(len);
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// Adds details to the finding just pushed.
pub struct DiagnosticBuilder<'r> {
    diagnostic: &'r mut Diagnostic,
}

impl DiagnosticBuilder<'_> {
    /// A further hint, shown after the message.
    pub fn help(self, help: Message) -> Self {
        self.diagnostic.help = Some(help);
        self
    }

    /// A secondary place: where a value was defined, the other half of a conflict.
    pub fn label(self, file: &SourceFile, range: TextRange, message: Message) -> Self {
        self.diagnostic.labels.push(Label {
            file: file.clone(),
            range,
            message,
        });
        self
    }

    /// Edits that resolve the finding, in the finding's file.
    pub fn fix(self, fix: Fix) -> Self {
        self.diagnostic.fix = Some(fix);
        self
    }
}

#[cfg(test)]
mod tests {
    use berth_parser::msg;

    use super::*;
    use crate::diagnostic::{Edit, Severity};
    use crate::registry;

    #[test]
    fn attaches_rule_file_and_details() {
        let rule = registry::rule("D500").unwrap();
        let main = SourceFile::new("Dockerfile", "FROM a\n");
        let other = SourceFile::new("compose.yaml", "services: {}\n");
        let mut report = Reporter::new(rule, main.clone());
        report
            .push(TextRange::new(0, 4), msg!("what", "quoi"))
            .help(msg!("help", "aide"))
            .label(&other, TextRange::new(0, 8), msg!("there", "là"))
            .fix(Fix::safe(
                msg!("delete", "supprimer"),
                vec![Edit::delete(TextRange::new(0, 4))],
            ));
        report.push_in(&other, TextRange::new(0, 1), msg!("x", "x"));
        let diagnostics = report.into_diagnostics();
        assert_eq!(diagnostics.len(), 2);
        let first = &diagnostics[0];
        assert_eq!(first.rule.code, "D500");
        assert_eq!(first.severity, Severity::Warning);
        assert_eq!(first.file.path().to_str(), Some("Dockerfile"));
        assert_eq!(first.help.as_ref().unwrap().en, "help");
        assert_eq!(first.labels[0].file.path().to_str(), Some("compose.yaml"));
        assert!(first.fix.is_some());
        assert_eq!(diagnostics[1].file.path().to_str(), Some("compose.yaml"));
    }
}
