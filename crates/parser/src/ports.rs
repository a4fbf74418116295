//! Port specifications: Compose's short syntax (`[[IP:]HOST[-HOST]:]CONTAINER[-CONTAINER][/PROTO]`,
//! compose-go `types.ParsePortConfig` over docker/go-connections v0.4.0 `nat.ParsePortSpecs`)
//! and the Dockerfile's EXPOSE (BuildKit `dockerfile2llb/convert_expose.go`).
//!
//! Both split on `:` from the right: the last part is the container port, the one before the
//! host port, everything before that the IP (so an IPv6 address needs brackets,
//! `[::1]:8080:80`).

use std::net::IpAddr;

use compact_str::CompactString;

use crate::go;
use crate::message::{Message, SyntaxError};
use crate::msg;
use crate::text::TextRange;

/// The parts of a port specification as written.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct PortParts {
    /// The host IP, brackets included.
    pub host_ip: Option<TextRange>,
    /// The host (published) port or range.
    pub host_port: Option<TextRange>,
    /// The container port or range, without the protocol.
    pub container_port: TextRange,
    /// The protocol after `/`.
    pub protocol: Option<TextRange>,
}

/// One port mapping of a Compose service, as compose-go's `ServicePortConfig` after the short
/// syntax is expanded (`mode` is always `ingress` there).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PortConfig {
    /// The host IP without brackets, empty for all interfaces.
    pub host_ip: String,
    pub target: u16,
    /// The host port, a host range (`8000-8010`) when one container port is published on a
    /// range, or empty for a random port.
    pub published: String,
    /// Lowercase: `tcp`, `udp` or `sctp`.
    pub protocol: String,
}

/// A Compose short port specification.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ComposePort {
    pub parts: PortParts,
    /// The mappings the specification expands into, in compose-go's order (sorted as the
    /// strings `port/protocol`, so `8-10` gives 10, 8, 9). Empty when it is invalid.
    pub configs: Vec<PortConfig>,
}

/// Splits on `:` as both readers do, with the range of each part.
fn split_parts(text: &str) -> (Option<TextRange>, Option<TextRange>, TextRange) {
    let colons: Vec<usize> = text.match_indices(':').map(|(i, _)| i).collect();
    let range = |start: usize, end: usize| TextRange::new(start as u32, end as u32);
    match colons.len() {
        0 => (None, None, range(0, text.len())),
        1 => (
            None,
            Some(range(0, colons[0])),
            range(colons[0] + 1, text.len()),
        ),
        n => {
            let last = colons[n - 1];
            let before = colons[n - 2];
            (
                Some(range(0, before)),
                Some(range(before + 1, last)),
                range(last + 1, text.len()),
            )
        }
    }
}

/// Go's `net.SplitHostPort(ip + ":")` for the IP part: the host without brackets, or why not.
fn split_host(ip: &str) -> Result<&str, &'static str> {
    if let Some(rest) = ip.strip_prefix('[') {
        let Some(close) = rest.find(']') else {
            return Err("missing ']' in address");
        };
        if close + 2 != ip.len() {
            return Err(if ip.as_bytes()[close + 2] == b':' {
                "too many colons in address"
            } else {
                "missing port in address"
            });
        }
        let host = &rest[..close];
        if host.contains('[') {
            return Err("unexpected '[' in address");
        }
        return Ok(host);
    }
    if ip.contains(':') {
        return Err("too many colons in address");
    }
    if ip.contains('[') {
        return Err("unexpected '[' in address");
    }
    if ip.contains(']') {
        return Err("unexpected ']' in address");
    }
    Ok(ip)
}

fn is_ip(text: &str) -> bool {
    text.parse::<IpAddr>().is_ok()
}

/// go-connections' `ParsePortRange`: `N` or `N-M` with `N <= M`, numbers 0 to 65535 (parts
/// after a second `-` are ignored).
fn compose_port_range(text: &str) -> Option<(u16, u16)> {
    let number = |s: &str| go::parse_uint(s, 65535).ok().map(|n| n as u16);
    if text.is_empty() {
        return None;
    }
    if !text.contains('-') {
        let port = number(text)?;
        return Some((port, port));
    }
    let mut parts = text.split('-');
    let start = number(parts.next()?)?;
    let end = number(parts.next()?)?;
    (end >= start).then_some((start, end))
}

/// Parses a Compose short port specification (an integer entry is read as its decimal text).
pub fn parse_compose_port(text: &str) -> (ComposePort, Vec<SyntaxError>) {
    let (ip, host, container) = split_parts(text);
    let container_text = container.slice(text);
    // `SplitProtoPort`: the first `/` separates the protocol; an empty protocol is tcp, and
    // anything after a second `/` is ignored.
    let (container, protocol) = match container_text.find('/') {
        Some(slash) => {
            let port = TextRange::at(container.start, slash as u32);
            let rest = &container_text[slash + 1..];
            let proto_len = rest.find('/').unwrap_or(rest.len());
            let protocol = TextRange::at(container.start + slash as u32 + 1, proto_len as u32);
            (port, Some(protocol))
        }
        None => (container, None),
    };
    let parts = PortParts {
        host_ip: ip,
        host_port: host,
        container_port: container,
        protocol,
    };
    let mut port = ComposePort {
        parts,
        configs: Vec::new(),
    };

    let ip_text = ip.map_or("", |r| r.slice(text));
    let host_ip = match split_host(ip_text) {
        Ok(host) => host,
        Err(reason) => {
            let range = ip.unwrap_or_default();
            return (
                port,
                fail(
                    range,
                    msg!(
                        "invalid IP address {ip_text}: {reason}",
                        "adresse IP invalide {ip_text} : {reason}"
                    ),
                ),
            );
        }
    };
    if !host_ip.is_empty() && !is_ip(host_ip) {
        let range = ip.unwrap_or_default();
        return (
            port,
            fail(
                range,
                msg!(
                    "invalid IP address: {host_ip}",
                    "adresse IP invalide : {host_ip}"
                ),
            ),
        );
    }
    let container_text = container.slice(text);
    if container_text.is_empty() {
        return (
            port,
            fail(
                container,
                msg!(
                    "no port specified: {text}<empty>",
                    "aucun port indiqué : {text}<vide>"
                ),
            ),
        );
    }
    let Some((start, end)) = compose_port_range(container_text) else {
        return (
            port,
            fail(
                container,
                msg!(
                    "invalid containerPort: {container_text} (a port from 0 to 65535, or a range such as 8000-8010)",
                    "containerPort invalide : {container_text} (un port de 0 à 65535, ou une plage comme 8000-8010)"
                ),
            ),
        );
    };
    let host_text = host.map_or("", |r| r.slice(text));
    let (host_start, host_end) = if host_text.is_empty() {
        (0, 0)
    } else {
        match compose_port_range(host_text) {
            Some(range) => range,
            None => {
                return (
                    port,
                    fail(
                        host.unwrap_or_default(),
                        msg!(
                            "invalid hostPort: {host_text} (a port from 0 to 65535, or a range such as 8000-8010)",
                            "hostPort invalide : {host_text} (un port de 0 à 65535, ou une plage comme 8000-8010)"
                        ),
                    ),
                );
            }
        }
    };
    if !host_text.is_empty() && end - start != host_end - host_start && end != start {
        return (
            port,
            fail(
                TextRange::new(0, container.end),
                msg!(
                    "invalid ranges specified for container and host ports: {container_text} and {host_text} (they must have the same length, or the container side a single port)",
                    "plages de ports incompatibles entre conteneur et hôte : {container_text} et {host_text} (même longueur, ou un seul port côté conteneur)"
                ),
            ),
        );
    }
    let protocol_text = protocol.map_or("", |r| r.slice(text));
    let protocol_name = if protocol_text.is_empty() {
        "tcp".to_owned()
    } else {
        protocol_text.to_lowercase()
    };
    if !matches!(protocol_name.as_str(), "tcp" | "udp" | "sctp") {
        return (
            port,
            fail(
                protocol.unwrap_or_default(),
                msg!(
                    "invalid proto: {protocol_text} (tcp, udp or sctp)",
                    "protocole invalide : {protocol_text} (tcp, udp ou sctp)"
                ),
            ),
        );
    }
    let mut configs: Vec<(String, PortConfig)> = (0..=end - start)
        .map(|i| {
            let target = start + i;
            let mut published = if host_text.is_empty() {
                String::new()
            } else {
                (host_start + i).to_string()
            };
            if start == end && host_start != host_end {
                published = format!("{published}-{host_end}");
            }
            let config = PortConfig {
                host_ip: host_ip.to_owned(),
                target,
                published,
                protocol: protocol_name.clone(),
            };
            (format!("{target}/{protocol_name}"), config)
        })
        .collect();
    configs.sort_by(|a, b| a.0.cmp(&b.0));
    port.configs = configs.into_iter().map(|(_, config)| config).collect();
    (port, Vec::new())
}

fn fail(range: TextRange, message: Message) -> Vec<SyntaxError> {
    vec![SyntaxError::new(range, message)]
}

/// BuildKit's `parsePortRange`: `N`, `N-N` or `N-M` with `N <= M`.
fn expose_port_range(text: &str) -> Option<(i64, i64)> {
    let (start_text, end_text) = match text.split_once('-') {
        Some((start, end)) => (start, Some(end)),
        None => (text, None),
    };
    let start = expose_port_number(start_text).ok()?;
    match end_text.filter(|&end| end != start_text) {
        None => Some((start, start)),
        Some(end) => {
            let end = expose_port_number(end).ok()?;
            (end >= start).then_some((start, end))
        }
    }
}

/// An EXPOSE argument after expansion.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ExposedPort {
    pub parts: PortParts,
    /// The first and last port of the container range, when they are numbers; kept even
    /// outside 0-65535 so that a rule can say so.
    pub start: Option<i64>,
    pub end: Option<i64>,
    /// The protocol in lowercase, `tcp` when none is written.
    pub protocol: CompactString,
    /// The protocol is not written in lowercase (BuildKit's ExposeProtoCasing check).
    pub protocol_not_lowercase: bool,
    /// An IP or a host port is given, which EXPOSE ignores (BuildKit's ExposeInvalidFormat
    /// check).
    pub has_host_part: bool,
}

impl ExposedPort {
    /// The `port/protocol` entries BuildKit records, one per port of the range.
    pub fn exposed(&self) -> Vec<String> {
        match (self.start, self.end) {
            (Some(start), Some(end)) if start <= end => (start..=end)
                .map(|port| format!("{port}/{}", self.protocol))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// BuildKit's `parsePortNumber`: a signed decimal integer from 0 to 65535.
fn expose_port_number(text: &str) -> Result<i64, Result<i64, &'static str>> {
    if text.is_empty() {
        return Err(Err("value is empty"));
    }
    match go::parse_int(text) {
        Ok(port) if (0..=65535).contains(&port) => Ok(port),
        Ok(port) => Err(Ok(port)),
        Err(go::NumberError::Syntax) => Err(Err("invalid syntax")),
        Err(go::NumberError::Range) => Err(Err("value out of range")),
    }
}

/// Parses one EXPOSE argument (already expanded) as BuildKit does.
pub fn parse_expose_port(text: &str) -> (ExposedPort, Vec<SyntaxError>) {
    let (ip, host, container) = split_parts(text);
    let container_text = container.slice(text);
    // `strings.Cut` on the first `/`: the protocol is everything after it.
    let (port_range, protocol) = match container_text.find('/') {
        Some(slash) => (
            TextRange::at(container.start, slash as u32),
            Some(TextRange::new(
                container.start + slash as u32 + 1,
                container.end,
            )),
        ),
        None => (container, None),
    };
    let protocol_text = protocol.map_or("", |r| r.slice(text));
    // Protocols are short: lower-cased inline, without allocating.
    let protocol_lowercase = crate::dockerfile::to_lowercase(protocol_text);
    let mut exposed = ExposedPort {
        parts: PortParts {
            host_ip: ip.filter(|r| !r.is_empty()),
            host_port: host.filter(|r| !r.is_empty()),
            container_port: port_range,
            protocol,
        },
        start: None,
        end: None,
        protocol_not_lowercase: protocol_text != protocol_lowercase,
        protocol: if protocol_text.is_empty() {
            CompactString::const_new("tcp")
        } else {
            protocol_lowercase
        },
        has_host_part: ip.is_some_and(|r| !r.is_empty()) || host.is_some_and(|r| !r.is_empty()),
    };
    let mut errors = Vec::new();
    let port_text = port_range.slice(text);
    if port_text.is_empty() {
        errors.push(SyntaxError::new(
            port_range,
            msg!(
                "invalid port: \"{text}\": no port specified",
                "port invalide : « {text} » : aucun port indiqué"
            ),
        ));
        return (exposed, errors);
    }
    if !matches!(exposed.protocol.as_str(), "tcp" | "udp" | "sctp") {
        errors.push(SyntaxError::new(
            protocol.unwrap_or_default(),
            msg!(
                "invalid port: \"{text}\": invalid proto: {protocol_text} (tcp, udp or sctp)",
                "port invalide : « {text} » : protocole invalide : {protocol_text} (tcp, udp ou sctp)"
            ),
        ));
        return (exposed, errors);
    }
    if let Some(ip) = ip.filter(|r| !r.is_empty()) {
        let ip_text = ip.slice(text);
        let host_ip = if ip_text.starts_with('[') {
            match split_host(ip_text) {
                Ok(host) => host,
                Err(reason) => {
                    errors.push(SyntaxError::new(
                        ip,
                        msg!(
                            "invalid IP address {ip_text}: {reason}",
                            "adresse IP invalide {ip_text} : {reason}"
                        ),
                    ));
                    return (exposed, errors);
                }
            }
        } else {
            ip_text
        };
        if !is_ip(host_ip) {
            errors.push(SyntaxError::new(
                ip,
                msg!(
                    "invalid IP address: {host_ip}",
                    "adresse IP invalide : {host_ip}"
                ),
            ));
            return (exposed, errors);
        }
    }
    let (start_text, end_text) = match port_text.split_once('-') {
        Some((start, end)) => (start, Some(end)),
        None => (port_text, None),
    };
    let out_of_range = |port: i64| {
        msg!(
            "invalid containerPort: {port_text}: port {port} is out of range (0–65535)",
            "containerPort invalide : {port_text} : le port {port} est hors limites (0–65535)"
        )
    };
    let invalid = |reason: &str| {
        msg!(
            "invalid containerPort: {port_text}: {reason}",
            "containerPort invalide : {port_text} : {reason}"
        )
    };
    let start = match expose_port_number(start_text) {
        Ok(port) => port,
        Err(Ok(port)) => {
            exposed.start = Some(port);
            exposed.end = Some(port);
            errors.push(SyntaxError::new(port_range, out_of_range(port)));
            return (exposed, errors);
        }
        Err(Err(reason)) => {
            errors.push(SyntaxError::new(port_range, invalid(reason)));
            return (exposed, errors);
        }
    };
    exposed.start = Some(start);
    exposed.end = Some(start);
    if let Some(end_text) = end_text.filter(|&end| end != start_text) {
        match expose_port_number(end_text) {
            Ok(end) if end < start => {
                errors.push(SyntaxError::new(
                    port_range,
                    invalid("the range ends before it starts"),
                ));
                exposed.end = Some(end);
                return (exposed, errors);
            }
            Ok(end) => exposed.end = Some(end),
            Err(Ok(port)) => {
                exposed.end = Some(port);
                errors.push(SyntaxError::new(port_range, out_of_range(port)));
                return (exposed, errors);
            }
            Err(Err(reason)) => {
                errors.push(SyntaxError::new(port_range, invalid(reason)));
                return (exposed, errors);
            }
        }
    }
    if let Some(host) = host.filter(|r| !r.is_empty()) {
        let host_text = host.slice(text);
        let host_range = expose_port_range(host_text);
        match host_range {
            None => {
                errors.push(SyntaxError::new(
                    host,
                    msg!(
                        "invalid hostPort: {host_text}",
                        "hostPort invalide : {host_text}"
                    ),
                ));
            }
            Some((host_start, host_end)) => {
                let (start, end) = (exposed.start.unwrap_or(0), exposed.end.unwrap_or(0));
                if end - start != host_end - host_start && end != start {
                    errors.push(SyntaxError::new(
                        TextRange::new(0, port_range.end),
                        msg!(
                            "invalid ranges specified for container and host ports: {port_text} and {host_text}",
                            "plages de ports incompatibles entre conteneur et hôte : {port_text} et {host_text}"
                        ),
                    ));
                }
            }
        }
    }
    (exposed, errors)
}

#[cfg(test)]
mod tests;
