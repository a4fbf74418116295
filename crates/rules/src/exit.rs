//! The exit status of `berth check`, as DESIGN.md fixes it: 0 when nothing is at or above the
//! failure threshold, 1 when something is. (Status 2, for usage, configuration and I/O
//! errors, is the command line's to decide before it gets here.)

use crate::diagnostic::{Diagnostic, Severity};
use crate::workspace::Workspace;

/// 0 or 1 for `diagnostics` given the threshold (`fail-on`); always 0 with `--exit-zero`.
pub fn exit_status(diagnostics: &[Diagnostic], fail_on: Severity, exit_zero: bool) -> u8 {
    let failing = diagnostics
        .iter()
        .any(|diagnostic| diagnostic.severity >= fail_on);
    u8::from(failing && !exit_zero)
}

/// 0 or 1 with each finding weighed against the `fail-on` of its file's settings (berth.toml's
/// per folder, or `--fail-on` which overrides them all); always 0 with `--exit-zero`.
pub fn exit_status_in(workspace: &Workspace, diagnostics: &[Diagnostic], exit_zero: bool) -> u8 {
    let failing = diagnostics.iter().any(|diagnostic| {
        let fail_on = workspace
            .file(diagnostic.file.path())
            .map_or(Severity::Warning, |file| file.settings.fail_on);
        diagnostic.severity >= fail_on
    });
    u8::from(failing && !exit_zero)
}

#[cfg(test)]
mod tests {
    use berth_parser::{SourceFile, TextRange, msg};

    use super::*;
    use crate::registry;

    fn finding(severity: Severity) -> Diagnostic {
        Diagnostic {
            rule: &registry::by_code("D001").unwrap().meta,
            severity,
            file: SourceFile::new("Dockerfile", ""),
            range: TextRange::default(),
            message: msg!("m", "m"),
            labels: Vec::new(),
            help: None,
            fix: None,
        }
    }

    #[test]
    fn thresholds() {
        let info = [finding(Severity::Info)];
        let warning = [finding(Severity::Info), finding(Severity::Warning)];
        assert_eq!(exit_status(&[], Severity::Info, false), 0);
        assert_eq!(exit_status(&info, Severity::Warning, false), 0);
        assert_eq!(exit_status(&info, Severity::Info, false), 1);
        assert_eq!(exit_status(&warning, Severity::Warning, false), 1);
        assert_eq!(exit_status(&warning, Severity::Error, false), 0);
        assert_eq!(exit_status(&warning, Severity::Info, true), 0);
    }
}
