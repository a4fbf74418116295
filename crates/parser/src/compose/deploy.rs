//! A service's `deploy` section: replicas, resources and restart policy.

use crate::yaml::Node;

use super::origin::{Located, Origin};
use super::read::{KeyValue, integer_at, key_values_at, number_at, string_at};
use super::units::{ByteSize, Duration, byte_size_at, duration_at};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deploy {
    pub mode: Option<Located<String>>,
    pub replicas: Option<Located<i64>>,
    pub resources: Resources,
    pub restart_policy: Option<RestartPolicy>,
    pub labels: std::collections::BTreeMap<String, KeyValue>,
    pub origin: Origin,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resources {
    pub limits: Option<ResourceValues>,
    pub reservations: Option<ResourceValues>,
}

/// `deploy.resources.limits` or `reservations`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResourceValues {
    /// CPUs, as written (`"0.5"` or `0.5`), with the number.
    pub cpus: Option<Located<Cpus>>,
    pub memory: Option<Located<ByteSize>>,
    pub pids: Option<Located<i64>>,
    pub origin: Origin,
}

/// A number of CPUs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cpus(pub f64);

impl Eq for Cpus {}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestartPolicy {
    /// `none`, `on-failure` or `any`.
    pub condition: Option<Located<String>>,
    pub delay: Option<Located<Duration>>,
    pub max_attempts: Option<Located<i64>>,
    pub window: Option<Located<Duration>>,
    pub origin: Origin,
}

impl Deploy {
    pub(crate) fn read(node: &Node) -> Option<Deploy> {
        node.as_mapping()?;
        let resources = node.get("resources");
        Some(Deploy {
            mode: string_at(node, "mode"),
            replicas: integer_at(node, "replicas"),
            resources: Resources {
                limits: resources
                    .and_then(|resources| resources.get("limits"))
                    .and_then(ResourceValues::read),
                reservations: resources
                    .and_then(|resources| resources.get("reservations"))
                    .and_then(ResourceValues::read),
            },
            restart_policy: node.get("restart_policy").and_then(RestartPolicy::read),
            labels: key_values_at(node, "labels"),
            origin: Origin::of(node),
        })
    }
}

impl ResourceValues {
    fn read(node: &Node) -> Option<ResourceValues> {
        node.as_mapping()?;
        Some(ResourceValues {
            cpus: cpus_at(node, "cpus"),
            memory: byte_size_at(node, "memory"),
            pids: integer_at(node, "pids"),
            origin: Origin::of(node),
        })
    }
}

impl RestartPolicy {
    fn read(node: &Node) -> Option<RestartPolicy> {
        node.as_mapping()?;
        Some(RestartPolicy {
            condition: string_at(node, "condition"),
            delay: duration_at(node, "delay"),
            max_attempts: integer_at(node, "max_attempts"),
            window: duration_at(node, "window"),
            origin: Origin::of(node),
        })
    }
}

pub(crate) fn cpus_at(node: &Node, key: &str) -> Option<Located<Cpus>> {
    number_at(node, key).map(|cpus| cpus.map(Cpus))
}
