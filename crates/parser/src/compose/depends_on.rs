//! `depends_on` in its long form, with the dependencies Compose adds on its own.

use std::collections::BTreeMap;

use crate::yaml::{Node, NodeKind};

use super::origin::{Located, Origin};
use super::read::{boolean_at, string, string_at};

/// One dependency of a service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DependsOn {
    /// The service depended on, where it is named.
    pub service: Located<String>,
    /// `service_started` when not written.
    pub condition: Located<Condition>,
    /// Whether Compose fails when the service is missing or disabled; `true` when not written.
    pub required: Located<bool>,
    /// Whether the service is restarted when the dependency is updated.
    pub restart: Option<Located<bool>>,
    /// Set for a dependency Compose adds itself, naming what implies it.
    pub implicit: Option<Implied>,
}

/// `depends_on.*.condition`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Condition {
    Started,
    Healthy,
    CompletedSuccessfully,
    /// A value Compose refuses (the schema reports it).
    Other(String),
}

impl Condition {
    pub fn parse(text: &str) -> Condition {
        match text {
            "service_started" => Condition::Started,
            "service_healthy" => Condition::Healthy,
            "service_completed_successfully" => Condition::CompletedSuccessfully,
            other => Condition::Other(other.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Condition::Started => "service_started",
            Condition::Healthy => "service_healthy",
            Condition::CompletedSuccessfully => "service_completed_successfully",
            Condition::Other(other) => other,
        }
    }
}

/// What makes Compose add a dependency nobody wrote (compose-go `loader/normalize.go`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Implied {
    /// `links: [db]`.
    Link,
    /// `network_mode`, `ipc`, `pid`, `uts` or `cgroup` set to `service:db`.
    SharedNamespace,
    /// `volumes_from: [db]`.
    VolumesFrom,
}

/// The written dependencies of a service, by name.
pub(crate) fn read(node: Option<&Node>) -> BTreeMap<String, DependsOn> {
    let mut dependencies = BTreeMap::new();
    let Some(node) = node else {
        return dependencies;
    };
    match &node.kind {
        NodeKind::Sequence(sequence) => {
            for item in &sequence.items {
                let Some(service) = string(item) else {
                    continue;
                };
                let origin = service.origin.clone();
                dependencies.insert(
                    service.value.clone(),
                    DependsOn {
                        service,
                        condition: Located::new(Condition::Started, origin.clone()),
                        required: Located::new(true, origin),
                        restart: None,
                        implicit: None,
                    },
                );
            }
        }
        NodeKind::Mapping(mapping) => {
            for entry in &mapping.entries {
                let Some(service) = string(&entry.key) else {
                    continue;
                };
                let origin = service.origin.clone();
                let condition = string_at(&entry.value, "condition").map_or_else(
                    || Located::new(Condition::Started, origin.clone()),
                    |condition| condition.map(|text| Condition::parse(&text)),
                );
                let required = boolean_at(&entry.value, "required")
                    .unwrap_or_else(|| Located::new(true, origin.clone()));
                dependencies.insert(
                    service.value.clone(),
                    DependsOn {
                        service,
                        condition,
                        required,
                        restart: boolean_at(&entry.value, "restart"),
                        implicit: None,
                    },
                );
            }
        }
        _ => {}
    }
    dependencies
}

/// Adds the dependency Compose implies from `node` (a `links` entry, a `service:` namespace,
/// a `volumes_from` entry) unless the service already depends on `service`.
pub(crate) fn imply(
    dependencies: &mut BTreeMap<String, DependsOn>,
    service: &str,
    origin: &Origin,
    implied: Implied,
) {
    if service.is_empty() || dependencies.contains_key(service) {
        return;
    }
    let restart = implied != Implied::VolumesFrom;
    dependencies.insert(
        service.to_owned(),
        DependsOn {
            service: Located::new(service.to_owned(), origin.clone()),
            condition: Located::new(Condition::Started, origin.clone()),
            required: Located::new(true, origin.clone()),
            restart: Some(Located::new(restart, origin.clone())),
            implicit: Some(implied),
        },
    );
}
