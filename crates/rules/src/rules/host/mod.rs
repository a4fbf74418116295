//! Rules for daemon.json and the client's config.json (codes `Hxxx`).

pub(crate) mod h001_host_config_syntax_error;
pub(crate) mod h002_invalid_host_config;
pub(crate) mod h003_ignored_host_setting;
pub(crate) mod h500_unused_suppression;

use berth_parser::host::Effect;
use berth_parser::msg;

use crate::context::HostContext;
use crate::diagnostic::{Edit, Fix};
use crate::reporter::Reporter;

/// Reports the problems of the host model that have `effect`, each at its place, with the
/// places it involves and, for a misspelt key or value, the replacement "did you mean" found.
///
/// H002 and H003 are two rules rather than one with a severity per finding: the engine grades
/// each finding with its rule's configured severity, and a user who keeps extra keys in
/// config.json for other tools ignores H003 without losing H002.
fn report_problems(context: &HostContext, report: &mut Reporter, effect: Effect) {
    for problem in context.problems() {
        if problem.effect != effect {
            continue;
        }
        let mut finding = report.push(problem.range, problem.message.clone());
        for related in &problem.related {
            finding = finding.label(context.file, related.range, related.message.clone());
        }
        // Ranges with a suggestion are JSON strings (a key or a value), quotes included.
        let written = context.file.slice(problem.range);
        if let Some(suggestion) = problem.suggestion
            && written.starts_with('"')
        {
            let quoted = format!("\"{suggestion}\"");
            finding.fix(Fix::unsafe_edits(
                msg!("Replace with `{quoted}`", "Remplacer par `{quoted}`"),
                vec![Edit::replace(problem.range, quoted.clone())],
            ));
        }
    }
}
