//! `berth check --statistics`: how many findings each rule produced, most frequent first (ties
//! in code order), with how many of them `--fix` resolves. A table for people; a JSON array
//! with `--format json`:
//!
//! ```text
//! count  code  name                fixable
//!     3  D101  pin-base-image-tag        2
//! ```

use std::collections::BTreeMap;
use std::io::{self, Write};

use berth_parser::Lang;
use berth_rules::{Applicability, Diagnostic, RuleMeta};
use serde::Serialize;

use super::{OutputFormat, RenderOptions};

#[derive(Serialize)]
struct RuleCount {
    code: &'static str,
    name: &'static str,
    count: usize,
    fixable: usize,
}

/// Writes the statistics of `diagnostics`: JSON for [`OutputFormat::Json`], a table for every
/// other format.
pub fn render(
    format: OutputFormat,
    diagnostics: &[Diagnostic],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let counts = count(diagnostics, options.unsafe_fixes);
    match format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &counts)?;
            writeln!(out)
        }
        _ => table(&counts, options.lang, out),
    }
}

fn count(diagnostics: &[Diagnostic], unsafe_fixes: bool) -> Vec<RuleCount> {
    let mut by_code: BTreeMap<&'static str, RuleCount> = BTreeMap::new();
    for diagnostic in diagnostics {
        let rule: &'static RuleMeta = diagnostic.rule;
        let entry = by_code.entry(rule.code).or_insert(RuleCount {
            code: rule.code,
            name: rule.name,
            count: 0,
            fixable: 0,
        });
        entry.count += 1;
        let fixable = match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
            Some(Applicability::Safe) => true,
            Some(Applicability::Unsafe) => unsafe_fixes,
            None => false,
        };
        entry.fixable += usize::from(fixable);
    }
    let mut counts: Vec<RuleCount> = by_code.into_values().collect();
    // The map is in code order and the sort is stable, so ties stay in code order.
    counts.sort_by_key(|count| std::cmp::Reverse(count.count));
    counts
}

fn table(counts: &[RuleCount], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    if counts.is_empty() {
        return Ok(());
    }
    let headings = match lang {
        Lang::En => ["count", "code", "name", "fixable"],
        Lang::Fr => ["nombre", "code", "nom", "corrigeables"],
    };
    let width = |heading: &str, cells: &mut dyn Iterator<Item = usize>| {
        cells.max().unwrap_or(0).max(heading.chars().count())
    };
    let count_width = width(
        headings[0],
        &mut counts.iter().map(|c| c.count.to_string().len()),
    );
    let code_width = width(
        headings[1],
        &mut counts.iter().map(|c| c.code.chars().count()),
    );
    let name_width = width(
        headings[2],
        &mut counts.iter().map(|c| c.name.chars().count()),
    );
    let fixable_width = headings[3].chars().count();
    writeln!(
        out,
        "{:>count_width$}  {:<code_width$}  {:<name_width$}  {:>fixable_width$}",
        headings[0], headings[1], headings[2], headings[3]
    )?;
    for row in counts {
        writeln!(
            out,
            "{:>count_width$}  {:<code_width$}  {:<name_width$}  {:>fixable_width$}",
            row.count, row.code, row.name, row.fixable
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use berth_parser::Lang;

    use super::super::test_fixtures::{diagnostics, options};
    use super::super::{OutputFormat, RenderOptions};
    use super::render;

    fn statistics(format: OutputFormat, options: &RenderOptions) -> String {
        let mut diagnostics = diagnostics();
        // A second finding of D101, without a fix, so counts and order are not all equal.
        let mut again = diagnostics[4].clone();
        again.fix = None;
        diagnostics.push(again);
        let mut out = Vec::new();
        render(format, &diagnostics, options, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn table() {
        insta::assert_snapshot!(statistics(OutputFormat::Human, &options(Lang::En)), @r"
        count  code  name                       fixable
            2  D101  pin-base-image-tag               1
            1  C201  non-root-service                 0
            1  D301  apt-no-install-recommends        1
            1  D402  exec-form-cmd                    0
            1  D502  label-key-namespace              0
        ");
    }

    #[test]
    fn french_table_with_unsafe_fixes_enabled() {
        let mut options = options(Lang::Fr);
        options.unsafe_fixes = true;
        insta::assert_snapshot!(statistics(OutputFormat::Concise, &options), @r"
        nombre  code  nom                        corrigeables
             2  D101  pin-base-image-tag                    1
             1  C201  non-root-service                      0
             1  D301  apt-no-install-recommends             1
             1  D402  exec-form-cmd                         1
             1  D502  label-key-namespace                   0
        ");
    }

    #[test]
    fn json() {
        let output = statistics(OutputFormat::Json, &options(Lang::En));
        let value: serde_json::Value = serde_json::from_str(&output).unwrap();
        assert_eq!(
            value[0],
            serde_json::json!({"code": "D101", "name": "pin-base-image-tag", "count": 2, "fixable": 1})
        );
        assert_eq!(value.as_array().unwrap().len(), 5);
    }
}
