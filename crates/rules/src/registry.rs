//! The one table of every rule berth has. Selectors, `berth rule`, the docs, SARIF rule
//! descriptors and the language server all read it.
//!
//! Adding a rule: create its file under `rules/<kind>/`, add a `mod` line to that folder's
//! `mod.rs`, and add its `RULE` to [`RULES`] below, keeping the table sorted by code (a test
//! checks it).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::meta::FileKind;
use crate::rule::Rule;
use crate::rules::{compose, dockerfile, host};

/// Declares [`RULES`]: the real rules, sorted by code, then (in this crate's tests only) the
/// rules that exercise the engine.
macro_rules! rule_table {
    ($($rule:expr,)*) => {
        #[cfg(not(test))]
        static RULES: &[Rule] = &[$($rule,)*];
        #[cfg(test)]
        static RULES: &[Rule] = &[
            $($rule,)*
            crate::rules::testing::MARKER,
            crate::rules::testing::PANIC,
            crate::rules::testing::COMPOSE_MARKER,
        ];
    };
}

// Every rule. The position of a rule here is its index in a `RuleSet`.
rule_table![
    compose::c001_compose_syntax_error::RULE,
    compose::c002_invalid_compose_file::RULE,
    compose::c003_ignored_by_compose::RULE,
    compose::c004_unset_variable::RULE,
    compose::c005_interpolation_error::RULE,
    compose::c006_env_file_error::RULE,
    compose::c007_undefined_reference::RULE,
    compose::c008_circular_reference::RULE,
    compose::c009_depends_on_disabled_service::RULE,
    compose::c010_broken_extends_or_include::RULE,
    compose::c011_merge_conflict::RULE,
    compose::c012_conflicting_settings::RULE,
    compose::c013_service_healthy_without_healthcheck::RULE,
    compose::c101_pin_image_tag::RULE,
    compose::c201_privileged_container::RULE,
    compose::c202_secret_in_environment::RULE,
    compose::c203_docker_socket_mount::RULE,
    compose::c500_unused_suppression::RULE,
    compose::c501_obsolete_version::RULE,
    dockerfile::d001_dockerfile_syntax_error::RULE,
    dockerfile::d002_copy_from_unknown_stage::RULE,
    dockerfile::d101_pin_base_image_tag::RULE,
    dockerfile::d201_final_stage_root_user::RULE,
    dockerfile::d202_secret_in_build_arg_or_env::RULE,
    dockerfile::d203_run_unverified_download::RULE,
    dockerfile::d301_apt_install_recommends::RULE,
    dockerfile::d401_missing_healthcheck::RULE,
    dockerfile::d500_unused_suppression::RULE,
    host::h001_host_config_syntax_error::RULE,
    host::h002_invalid_host_config::RULE,
    host::h003_ignored_host_setting::RULE,
    host::h500_unused_suppression::RULE,
];

/// The position of each code in [`RULES`], built on first use.
static INDEX: LazyLock<HashMap<&'static str, usize>> = LazyLock::new(|| {
    RULES
        .iter()
        .enumerate()
        .map(|(index, rule)| (rule.meta.code, index))
        .collect()
});

/// Every rule, sorted by code.
pub fn all_rules() -> &'static [Rule] {
    RULES
}

/// The rule with this code (`D001`).
pub fn by_code(code: &str) -> Option<&'static Rule> {
    index_of(code).map(|index| &RULES[index])
}

/// The position of the rule with this code in [`all_rules`].
pub fn index_of(code: &str) -> Option<usize> {
    INDEX.get(code).copied()
}

/// The rules with this kebab-case name. A name is unique within a kind of file; the same check
/// applied to several kinds (`unused-suppression`) shares its name, and selecting the name
/// selects all of them.
pub fn by_name(name: &str) -> impl Iterator<Item = &'static Rule> + '_ {
    RULES.iter().filter(move |rule| rule.meta.name == name)
}

/// The rule of `kind` called `name`: how a suppression comment in a file of that kind reads a
/// name.
pub fn by_kind_and_name(kind: FileKind, name: &str) -> Option<&'static Rule> {
    by_name(name).find(|rule| rule.meta.kind == kind)
}

/// The rule with this code, or else the first rule with this name.
pub fn rule(code_or_name: &str) -> Option<&'static Rule> {
    by_code(code_or_name).or_else(|| by_name(code_or_name).next())
}

/// The rules of `kind` that carry the equivalent check of another tool, by that tool's
/// identifier: how `# hadolint ignore=DL3006` and `# check=skip=UndefinedArgInFrom` are read.
pub fn by_equivalent(
    kind: FileKind,
    matches: impl Fn(&crate::meta::Equivalent) -> bool,
) -> impl Iterator<Item = &'static Rule> {
    RULES
        .iter()
        .filter(move |rule| rule.meta.kind == kind && rule.meta.equivalents.iter().any(&matches))
}

/// The rule a kind of file reports its syntax errors with.
pub fn syntax_error_rule(kind: FileKind) -> &'static Rule {
    match kind {
        FileKind::Dockerfile => &RULES[lookup("D001")],
        FileKind::Compose => &RULES[lookup("C001")],
        FileKind::Host => &RULES[lookup("H001")],
    }
}

/// The rule a kind of file reports its unused suppressions with.
pub fn unused_suppression_rule(kind: FileKind) -> &'static Rule {
    match kind {
        FileKind::Dockerfile => &RULES[lookup("D500")],
        FileKind::Compose => &RULES[lookup("C500")],
        FileKind::Host => &RULES[lookup("H500")],
    }
}

/// The rule that reports a problem of the Compose loader: one rule per family of problems
/// and severity (`rules/compose/problems.rs` holds the table).
pub fn problem_rule(problem: &berth_parser::compose::Problem) -> &'static Rule {
    &RULES[lookup(crate::rules::compose::problems::rule_code(problem))]
}

/// The index of a rule that the table is known to hold (the tests check that each of these
/// codes is present, so the lookup cannot fail).
fn lookup(code: &str) -> usize {
    index_of(code).expect("the engine's own rules and the problem rules are in the registry")
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::meta::Category;

    fn is_kebab_case(name: &str) -> bool {
        !name.is_empty()
            && !name.starts_with('-')
            && !name.ends_with('-')
            && !name.contains("--")
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    }

    #[test]
    fn codes_are_sorted_unique_and_well_formed() {
        let real: Vec<&Rule> = RULES
            .iter()
            .filter(|rule| !rule.meta.name.starts_with("test-"))
            .collect();
        for pair in real.windows(2) {
            assert!(
                pair[0].meta.code < pair[1].meta.code,
                "the table must be sorted by code and unique: {} then {}",
                pair[0].meta.code,
                pair[1].meta.code
            );
        }
        for rule in RULES {
            let meta = &rule.meta;
            let chars: Vec<char> = meta.code.chars().collect();
            assert_eq!(chars.len(), 4, "{}: a letter and three digits", meta.code);
            assert_eq!(
                FileKind::from_letter(chars[0]),
                Some(meta.kind),
                "{}: the letter is the kind",
                meta.code
            );
            assert_eq!(
                Category::from_digit(chars[1]),
                Some(meta.category),
                "{}: the first digit is the category",
                meta.code
            );
            assert!(chars[2..].iter().all(char::is_ascii_digit), "{}", meta.code);
            let check_kind = match rule.check {
                crate::rule::Check::Dockerfile(_) | crate::rule::Check::Dockerignore(_) => {
                    Some(FileKind::Dockerfile)
                }
                crate::rule::Check::Compose(_) => Some(FileKind::Compose),
                crate::rule::Check::Host(_) => Some(FileKind::Host),
                crate::rule::Check::Engine => None,
            };
            if let Some(check_kind) = check_kind {
                assert_eq!(check_kind, meta.kind, "{}: checks its own kind", meta.code);
            }
        }
    }

    #[test]
    fn names_are_kebab_case_and_unique_within_a_kind() {
        let mut seen = HashSet::new();
        for rule in RULES {
            let meta = &rule.meta;
            assert!(is_kebab_case(meta.name), "{}: {}", meta.code, meta.name);
            assert!(
                seen.insert((meta.kind, meta.name)),
                "{}: duplicate name {}",
                meta.code,
                meta.name
            );
            // A name shared across kinds is one check: it must mean the same everywhere.
            for other in by_name(meta.name) {
                assert_eq!(other.meta.category, meta.category, "{}", meta.name);
            }
            assert!(
                Category::from_name(meta.name).is_none() && meta.name != "all",
                "{}: a rule name must not shadow a selector",
                meta.name
            );
        }
    }

    #[test]
    fn docs_are_complete_in_both_languages() {
        for rule in RULES {
            let meta = &rule.meta;
            let docs = &meta.docs;
            for (what, text) in [("summary", docs.summary), ("why", docs.why)] {
                assert!(!text.en.trim().is_empty(), "{} {what} (en)", meta.code);
                assert!(!text.fr.trim().is_empty(), "{} {what} (fr)", meta.code);
            }
            assert!(!docs.example.trim().is_empty(), "{} example", meta.code);
            assert!(
                !docs.use_instead.trim().is_empty(),
                "{} use_instead",
                meta.code
            );
            assert_ne!(docs.example, docs.use_instead, "{}", meta.code);
            let has_fix = meta.fix != crate::meta::FixAvailability::None;
            assert_eq!(
                has_fix,
                !docs.fix.en.is_empty() && !docs.fix.fr.is_empty(),
                "{}: fix docs exactly when the rule has a fix",
                meta.code
            );
        }
    }

    /// The file a host example is: a client config.json when its top-level keys are all the
    /// client's, else a daemon.json (whose keys the client would report as ignored).
    fn host_example_path(text: &str) -> &'static str {
        use berth_parser::schema::{Segment, property_at};

        let document = berth_parser::json::parse(text, berth_parser::FileId(0));
        let client = berth_parser::host::schema::client_config_json();
        let is_client = document
            .roots
            .first()
            .and_then(|root| root.as_mapping())
            .is_some_and(|mapping| {
                mapping.entries.iter().all(|entry| {
                    entry
                        .key
                        .as_str()
                        .is_some_and(|key| property_at(client, &[Segment::Key(key)]).is_some())
                })
            });
        if is_client {
            ".docker/config.json"
        } else {
            "daemon.json"
        }
    }

    /// The codes `rule` reports on `text` written as a file of its kind: a Compose file is
    /// loaded as its project in an empty folder, with no environment variable set.
    fn codes_on(rule: &Rule, text: &str) -> Vec<&'static str> {
        use std::path::PathBuf;
        use std::sync::Arc;

        use crate::file_type::FileType;
        use crate::workspace::{Overlay, Workspace, WorkspaceFile};

        let paths: &[&str] = match rule.check {
            crate::rule::Check::Dockerignore(_) => &[".dockerignore"],
            _ => match rule.meta.kind {
                FileKind::Dockerfile => &["Dockerfile"],
                FileKind::Compose => &["compose.yaml"],
                FileKind::Host => &[host_example_path(text)],
            },
        };
        let source = berth_parser::SourceFile::new("berth.toml", "preset = \"all\"\n");
        let settings = Arc::new(
            crate::config::read_berth_toml(&source, &Default::default()).expect("a valid config"),
        );
        let mut codes = Vec::new();
        for path in paths {
            let path = PathBuf::from("/berth-docs-example").join(path);
            let file_type = FileType::from_path(&path).expect("a known file name");
            let mut workspace = Workspace::new(Overlay::default());
            workspace.add(WorkspaceFile::new(
                berth_parser::SourceFile::new(path, text),
                file_type,
                Arc::clone(&settings),
            ));
            codes.extend(crate::check(&workspace).iter().map(|found| found.rule.code));
        }
        codes
    }

    #[test]
    fn examples_trigger_their_rule_and_corrections_do_not() {
        let mut wrong = Vec::new();
        for rule in RULES {
            let meta = &rule.meta;
            if meta.name.starts_with("test-") || matches!(rule.check, crate::rule::Check::Engine) {
                continue;
            }
            let example = codes_on(rule, meta.docs.example);
            if !example.contains(&meta.code) {
                wrong.push(format!("{}: the example reports {example:?}", meta.code));
            }
            let corrected = codes_on(rule, meta.docs.use_instead);
            if corrected.contains(&meta.code) {
                wrong.push(format!(
                    "{}: the corrected example reports {corrected:?}",
                    meta.code
                ));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn engine_rules_are_present_and_looked_up() {
        for kind in FileKind::ALL {
            assert_eq!(syntax_error_rule(kind).meta.kind, kind);
            assert_eq!(unused_suppression_rule(kind).meta.kind, kind);
        }
        assert_eq!(rule("D500").unwrap().meta.name, "unused-suppression");
        assert_eq!(by_name("unused-suppression").count(), 3);
        assert_eq!(INDEX.len(), RULES.len(), "codes are unique");
        assert_eq!(
            by_kind_and_name(FileKind::Compose, "unused-suppression")
                .unwrap()
                .meta
                .code,
            "C500"
        );
        assert_eq!(rule("dockerfile-syntax-error").unwrap().meta.code, "D001");
        assert!(rule("D999").is_none());
        let hadolint: Vec<_> = by_equivalent(FileKind::Dockerfile, |equivalent| {
            *equivalent == crate::meta::Equivalent::Hadolint("DL1000")
        })
        .map(|rule| rule.meta.code)
        .collect();
        assert_eq!(hadolint, ["D001"]);
    }
}
