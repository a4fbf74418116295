//! Published ports in their long form, one per port of an expanded range.

use crate::ports::parse_compose_port;
use crate::text::TextRange;
use crate::yaml::{Node, NodeKind};

use super::load::part_range;
use super::origin::{Located, Origin};
use super::read::{integer_at, string_at, text};

/// One port of a service, as `docker compose config` prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Port {
    /// The container port.
    pub target: Located<u16>,
    /// The host port or range; `None` for a port Docker picks.
    pub published: Option<Located<String>>,
    /// The host address; `None` for every interface.
    pub host_ip: Option<Located<String>>,
    /// `tcp` when not written.
    pub protocol: Located<String>,
    /// `ingress` when not written.
    pub mode: Located<String>,
    pub app_protocol: Option<Located<String>>,
    pub name: Option<Located<String>>,
    /// The whole entry; several ports share it when a range expands.
    pub origin: Origin,
    pub syntax: Syntax,
}

/// Whether an entry was written in the short (`"8080:80"`) or the long (mapping) syntax.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Syntax {
    Short,
    Long,
}

impl Port {
    /// The ports of one `ports` entry; none when it cannot be read (the schema reports it).
    pub(crate) fn read(node: &Node) -> Vec<Port> {
        let origin = Origin::of(node);
        match &node.kind {
            NodeKind::Mapping(_) => {
                let Some(target) = integer_at(node, "target").and_then(|target| {
                    u16::try_from(target.value)
                        .ok()
                        .map(|value| (value, target.origin))
                }) else {
                    return Vec::new();
                };
                vec![Port {
                    target: Located::new(target.0, target.1),
                    published: string_at(node, "published"),
                    host_ip: string_at(node, "host_ip").filter(|ip| !ip.value.is_empty()),
                    protocol: string_at(node, "protocol")
                        .unwrap_or_else(|| Located::new("tcp".to_owned(), origin.clone())),
                    mode: string_at(node, "mode")
                        .unwrap_or_else(|| Located::new("ingress".to_owned(), origin.clone())),
                    app_protocol: string_at(node, "app_protocol"),
                    name: string_at(node, "name"),
                    origin,
                    syntax: Syntax::Long,
                }]
            }
            NodeKind::Scalar(_) => {
                let Some(written) = text(node) else {
                    return Vec::new();
                };
                let (port, _errors) = parse_compose_port(&written);
                let at = |range: TextRange| {
                    origin.with_range(part_range(node, range.start as usize, range.end as usize))
                };
                let parts = &port.parts;
                port.configs
                    .into_iter()
                    .map(|config| Port {
                        target: Located::new(config.target, at(parts.container_port)),
                        published: (!config.published.is_empty()).then(|| {
                            let range = parts.host_port.unwrap_or(parts.container_port);
                            Located::new(config.published.clone(), at(range))
                        }),
                        host_ip: (!config.host_ip.is_empty()).then(|| {
                            let range = parts.host_ip.unwrap_or(parts.container_port);
                            Located::new(config.host_ip.clone(), at(range))
                        }),
                        protocol: Located::new(
                            config.protocol,
                            parts.protocol.map_or_else(|| origin.clone(), at),
                        ),
                        mode: Located::new("ingress".to_owned(), origin.clone()),
                        app_protocol: None,
                        name: None,
                        origin: origin.clone(),
                        syntax: Syntax::Short,
                    })
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// What Compose's unicity rule compares: a later port with the same key replaces an
    /// earlier one.
    pub(crate) fn unicity_key(&self) -> (String, String, u16, String) {
        (
            self.host_ip
                .as_ref()
                .map(|ip| ip.value.clone())
                .unwrap_or_default(),
            self.published
                .as_ref()
                .map(|published| published.value.clone())
                .unwrap_or_default(),
            self.target.value,
            self.protocol.value.clone(),
        )
    }
}
