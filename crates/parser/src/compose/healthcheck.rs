//! A service's `healthcheck`.

use crate::yaml::{Node, NodeKind};

use super::origin::{Located, Origin};
use super::read::{boolean_at, integer_at, string};
use super::units::{Duration, duration_at};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Healthcheck {
    pub test: Option<HealthTest>,
    pub interval: Option<Located<Duration>>,
    pub timeout: Option<Located<Duration>>,
    pub start_period: Option<Located<Duration>>,
    pub start_interval: Option<Located<Duration>>,
    pub retries: Option<Located<i64>>,
    /// `disable: true`, or a test of `["NONE"]`.
    pub disable: bool,
    pub origin: Origin,
}

/// `healthcheck.test`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HealthTest {
    pub form: HealthTestForm,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HealthTestForm {
    /// `["CMD", "curl", "-f", "http://localhost"]`: run without a shell.
    Cmd(Vec<Located<String>>),
    /// `["CMD-SHELL", "curl -f http://localhost"]` or a plain string: run with `/bin/sh -c`.
    Shell(Located<String>),
    /// `["NONE"]`: no healthcheck, not even the image's.
    None,
    /// A list whose first item is not `CMD`, `CMD-SHELL` or `NONE` (Compose refuses it), or
    /// an empty list.
    Invalid(Vec<Located<String>>),
}

impl Healthcheck {
    pub(crate) fn read(node: &Node) -> Option<Healthcheck> {
        node.as_mapping()?;
        let test = node.get("test").and_then(HealthTest::read);
        let disabled_by_test = test
            .as_ref()
            .is_some_and(|test| test.form == HealthTestForm::None);
        let disable = boolean_at(node, "disable").is_some_and(|disable| disable.value);
        Some(Healthcheck {
            test,
            interval: duration_at(node, "interval"),
            timeout: duration_at(node, "timeout"),
            start_period: duration_at(node, "start_period"),
            start_interval: duration_at(node, "start_interval"),
            retries: integer_at(node, "retries"),
            disable: disable || disabled_by_test,
            origin: Origin::of(node),
        })
    }
}

impl HealthTest {
    fn read(node: &Node) -> Option<HealthTest> {
        let origin = Origin::of(node);
        let form = match &node.kind {
            NodeKind::Scalar(_) => HealthTestForm::Shell(string(node)?),
            NodeKind::Sequence(sequence) => {
                let items: Vec<Located<String>> =
                    sequence.items.iter().filter_map(string).collect();
                match items.first().map(|first| first.value.as_str()) {
                    Some("CMD") => HealthTestForm::Cmd(items[1..].to_vec()),
                    Some("CMD-SHELL") => {
                        let command = items.get(1).cloned().unwrap_or_else(|| {
                            Located::new(String::new(), items[0].origin.clone())
                        });
                        HealthTestForm::Shell(command)
                    }
                    Some("NONE") => HealthTestForm::None,
                    _ => HealthTestForm::Invalid(items),
                }
            }
            _ => return None,
        };
        Some(HealthTest { form, origin })
    }
}
