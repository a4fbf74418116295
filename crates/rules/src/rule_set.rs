//! The resolved answer to "is this rule on, and how severe is it?", for one file.
//!
//! # Precedence
//!
//! 1. The starting set is `select` when given, else the preset's rules (a rule is in a preset
//!    when its `preset` is that preset or a smaller one: lab ⊂ prod ⊂ all).
//! 2. `select`, `extend-select` and `ignore` are applied from the least to the most specific
//!    selector (`ALL`, then a kind letter or category name, then `D2`, then `D20`, then a code
//!    or name): the most specific selector that mentions a rule decides. At equal specificity
//!    `ignore` wins. So `ignore = ["D"]` with `extend-select = ["D101"]` keeps D101, and
//!    `select = ["D1"]` with `ignore = ["D101"]` drops it.
//!    The command line is a second layer over berth.toml: `--select` replaces the set,
//!    `--extend-select` and `--ignore` adjust what berth.toml left, so `--extend-select D101`
//!    brings back a rule berth.toml ignores.
//! 3. `per-file-ignores` then removes rules for the files their glob matches, whatever was
//!    selected.
//! 4. Severity: the most specific `severity` override that matches the rule (the later one in
//!    the file at equal specificity), else the rule's `prod_severity` under the `prod` preset,
//!    else its default severity.

use crate::diagnostic::Severity;
use crate::meta::{Preset, RuleMeta};
use crate::registry::{self, all_rules};
use crate::selector::{Selector, Specificity};

/// Which rules are on and at which severity: one slot per rule of the registry, so a query
/// is an index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSet {
    severities: Box<[Option<Severity>]>,
}

/// The selection a configuration makes, before it is resolved into a [`RuleSet`].
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub preset: Preset,
    /// berth.toml's selection, then the command line's: each layer starts from the set the
    /// previous one left (or from nothing when it has `select`).
    pub layers: Vec<SelectionLayer>,
    /// In the order written: at equal specificity the later one wins.
    pub severity: Vec<(Selector, Severity)>,
}

/// `select`, `extend-select` and `ignore` from one source (berth.toml or the command line).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SelectionLayer {
    /// Replaces the set the layer starts from when given.
    pub select: Option<Vec<Selector>>,
    pub extend_select: Vec<Selector>,
    pub ignore: Vec<Selector>,
}

impl RuleSet {
    pub fn resolve(selection: &Selection) -> RuleSet {
        let severities = all_rules()
            .iter()
            .map(|rule| {
                let mut enabled = rule.meta.preset <= selection.preset;
                for layer in &selection.layers {
                    enabled = is_selected(layer, rule, enabled);
                }
                enabled.then(|| severity(selection, &rule.meta))
            })
            .collect();
        RuleSet { severities }
    }

    /// The default set: the `lab` preset with default severities.
    pub fn lab() -> RuleSet {
        RuleSet::resolve(&Selection::default())
    }

    /// The rule's effective severity, `None` when it is off.
    pub fn severity(&self, rule: &RuleMeta) -> Option<Severity> {
        registry::index_of(rule.code).and_then(|index| self.severities[index])
    }

    /// The effective severity of the rule at `index` in [`all_rules`].
    pub fn severity_at(&self, index: usize) -> Option<Severity> {
        self.severities.get(index).copied().flatten()
    }

    pub fn is_enabled(&self, rule: &RuleMeta) -> bool {
        self.severity(rule).is_some()
    }

    /// The rules that are on, in code order, with their severity.
    pub fn enabled(&self) -> impl Iterator<Item = (&'static crate::Rule, Severity)> + '_ {
        all_rules()
            .iter()
            .zip(self.severities.iter())
            .filter_map(|(rule, severity)| severity.map(|severity| (rule, severity)))
    }

    /// The same set without the rules `selectors` match (per-file ignores).
    pub fn without(&self, selectors: &[Selector]) -> RuleSet {
        let severities = all_rules()
            .iter()
            .zip(self.severities.iter())
            .map(|(rule, severity)| {
                if selectors.iter().any(|selector| selector.matches(rule)) {
                    None
                } else {
                    *severity
                }
            })
            .collect();
        RuleSet { severities }
    }
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet::lab()
    }
}

/// Whether `rule` is on after `layer`, given whether it was on before.
fn is_selected(layer: &SelectionLayer, rule: &crate::Rule, before: bool) -> bool {
    // What the layer starts from counts as less specific than any selector.
    let mut decision: Option<(Option<Specificity>, bool)> = match &layer.select {
        Some(_) => None,
        None => Some((None, before)),
    };
    let mut consider = |selectors: &[Selector], enable: bool| {
        for selector in selectors.iter().filter(|selector| selector.matches(rule)) {
            let specificity = Some(selector.specificity());
            decision = match decision {
                // An ignore at the same specificity beats a select; a select never beats an
                // ignore of the same specificity.
                Some((current, _)) if current > specificity => decision,
                Some((current, false)) if current == specificity => decision,
                _ => Some((specificity, enable)),
            };
        }
    };
    if let Some(select) = &layer.select {
        consider(select, true);
    }
    consider(&layer.extend_select, true);
    consider(&layer.ignore, false);
    decision.is_some_and(|(_, enable)| enable)
}

fn severity(selection: &Selection, rule: &RuleMeta) -> Severity {
    let full = registry::by_code(rule.code).expect("the rule comes from the registry");
    let mut chosen: Option<(Specificity, Severity)> = None;
    for (selector, severity) in &selection.severity {
        if !selector.matches(full) {
            continue;
        }
        let specificity = selector.specificity();
        if chosen.is_none_or(|(current, _)| specificity >= current) {
            chosen = Some((specificity, *severity));
        }
    }
    match chosen {
        Some((_, severity)) => severity,
        None if selection.preset == Preset::Prod => rule.prod_severity.unwrap_or(rule.severity),
        None => rule.severity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selectors(texts: &[&str]) -> Vec<Selector> {
        texts
            .iter()
            .map(|text| Selector::parse(text).unwrap())
            .collect()
    }

    /// The enabled codes for a selection written as (select, extend-select, ignore).
    fn check(
        preset: Preset,
        select: Option<&[&str]>,
        extend: &[&str],
        ignore: &[&str],
        expected: &[&str],
    ) {
        let selection = Selection {
            preset,
            layers: vec![SelectionLayer {
                select: select.map(selectors),
                extend_select: selectors(extend),
                ignore: selectors(ignore),
            }],
            severity: Vec::new(),
        };
        let set = RuleSet::resolve(&selection);
        assert_eq!(
            codes(&set),
            expected,
            "{select:?} + {extend:?} - {ignore:?}"
        );
    }

    /// The enabled codes among the engine's own rules: enough to show how selections
    /// combine, and stable as rules are added.
    fn codes(set: &RuleSet) -> Vec<&'static str> {
        set.enabled()
            .filter(|(rule, _)| ENGINE.contains(&rule.meta.code))
            .map(|(rule, _)| rule.meta.code)
            .collect()
    }

    const ENGINE: &[&str] = &["C001", "C500", "D001", "D500", "H001", "H500"];

    #[test]
    fn precedence_table() {
        use Preset::*;
        check(Lab, None, &[], &[], ENGINE);
        check(Lab, None, &[], &["D"], &["C001", "C500", "H001", "H500"]);
        check(
            Lab,
            None,
            &["D500"],
            &["D"],
            &["C001", "C500", "D500", "H001", "H500"],
        );
        check(Lab, Some(&["D"]), &[], &[], &["D001", "D500"]);
        check(Lab, Some(&["D"]), &[], &["D5"], &["D001"]);
        check(Lab, Some(&["D001"]), &[], &["D"], &["D001"]);
        check(Lab, Some(&["D"]), &[], &["D"], &[]);
        check(Lab, Some(&["style"]), &[], &["D"], &["C500", "H500"]);
        check(Lab, Some(&["D"]), &[], &["style"], &["D001"]);
        check(
            Lab,
            Some(&["ALL"]),
            &[],
            &["unused-suppression"],
            &["C001", "D001", "H001"],
        );
        check(Lab, None, &[], &["ALL"], &[]);
        check(Lab, None, &["D001"], &["ALL"], &["D001"]);
        check(Lab, Some(&["C0"]), &["H"], &[], &["C001", "H001", "H500"]);
        check(All, None, &[], &["correctness"], &["C500", "D500", "H500"]);
    }

    #[test]
    fn the_command_line_layer_overrides_the_file() {
        let layer = |select: Option<&[&str]>, extend: &[&str], ignore: &[&str]| SelectionLayer {
            select: select.map(selectors),
            extend_select: selectors(extend),
            ignore: selectors(ignore),
        };
        let resolve = |layers| {
            codes(&RuleSet::resolve(&Selection {
                layers,
                ..Selection::default()
            }))
        };
        // `--extend-select D500` brings back what berth.toml ignored.
        assert_eq!(
            resolve(vec![
                layer(None, &[], &["D500"]),
                layer(None, &["D500"], &[])
            ]),
            ENGINE
        );
        // `--select` replaces what berth.toml selected.
        assert_eq!(
            resolve(vec![
                layer(Some(&["D"]), &[], &[]),
                layer(Some(&["H0"]), &[], &[])
            ]),
            ["H001"]
        );
        // `--ignore` adds to berth.toml's selection.
        assert_eq!(
            resolve(vec![
                layer(Some(&["D"]), &[], &[]),
                layer(None, &[], &["D001"])
            ]),
            ["D500"]
        );
    }

    #[test]
    fn severity_overrides_most_specific_then_last() {
        let selection = Selection {
            severity: vec![
                (Selector::parse("D").unwrap(), Severity::Info),
                (Selector::parse("D001").unwrap(), Severity::Warning),
                (Selector::parse("style").unwrap(), Severity::Error),
                (Selector::parse("ALL").unwrap(), Severity::Info),
            ],
            ..Selection::default()
        };
        let set = RuleSet::resolve(&selection);
        let severity = |code| set.severity(&registry::by_code(code).unwrap().meta);
        assert_eq!(severity("D001"), Some(Severity::Warning));
        // `D` and `style` are equally specific: the later one wins.
        assert_eq!(severity("D500"), Some(Severity::Error));
        assert_eq!(severity("C001"), Some(Severity::Info));
    }

    #[test]
    fn presets_and_prod_severity() {
        let in_preset = |preset| {
            let set = RuleSet::resolve(&Selection {
                preset,
                ..Selection::default()
            });
            let marker = &registry::by_code("D098").unwrap().meta;
            let prod_only = &registry::by_code("C098").unwrap().meta;
            (set.severity(marker), set.severity(prod_only))
        };
        assert_eq!(in_preset(Preset::Lab), (Some(Severity::Warning), None));
        assert_eq!(
            in_preset(Preset::Prod),
            (Some(Severity::Error), Some(Severity::Warning))
        );
        assert_eq!(
            in_preset(Preset::All),
            (Some(Severity::Warning), Some(Severity::Warning))
        );
    }

    #[test]
    fn per_file_ignores_remove_rules() {
        let set = RuleSet::lab().without(&selectors(&["D", "C500"]));
        assert_eq!(codes(&set), ["C001", "H001", "H500"]);
    }
}
