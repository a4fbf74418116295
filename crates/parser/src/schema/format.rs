//! The text formats a string value may have to follow: durations, byte sizes, ports, volumes,
//! image references, addresses, and patterns a description defines.
//!
//! The official Compose schema types all of these as plain strings; Compose and dockerd parse
//! them later and refuse bad ones then, without a position. berth checks them here, so the
//! error lands on the value. Each check mirrors the parser of the tool that reads the value
//! (cited on each function) and returns why the text is refused.

use std::net::IpAddr;

use crate::bytesize::{parse_compose_bytes, parse_ram_in_bytes};
use crate::duration::{DurationSyntax, parse as parse_duration};
use crate::image::parse_image_ref;
use crate::message::Message;
use crate::msg;

use super::error::SchemaErrorKind;
use super::shape::Doc;

/// The format of a string value.
#[derive(Clone, Copy, Debug)]
pub enum Format {
    /// Any string.
    Text,
    /// Any string; these are the usual values, which completion offers.
    Known(&'static [&'static str]),
    /// A duration: `1m30s`, `500ms`, `2h` (Compose also takes `d` and `w`).
    Duration(DurationSyntax),
    /// A byte count, possibly with a unit: `512m`, `1.5g`, `1024`.
    ByteSize(ByteSizeSyntax),
    /// Compose's short port syntax: `[[IP:]HOST:]CONTAINER[/PROTOCOL]`.
    Port,
    /// Compose's short volume syntax: `[SOURCE:]TARGET[:OPTIONS]`.
    Volume,
    /// An image reference: `[registry/]repository[:tag][@digest]`, or an image ID.
    Image,
    IpAddress,
    /// An address with a prefix length: `10.0.0.0/16`, `fd00::/64`.
    Cidr,
    /// A format the description defines.
    Pattern(&'static Pattern),
}

/// Which reader a byte size is meant for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ByteSizeSyntax {
    /// Compose's `UnitBytes`: a plain integer (`-1` included) or go-units' `RAMInBytes`.
    Compose,
    /// go-units' `RAMInBytes` alone (dockerd's `MemBytes`).
    Ram,
}

/// A string format defined by a description (a pull policy, a restart policy...).
#[derive(Debug)]
pub struct Pattern {
    /// What a value is, with its article: "a pull policy" / "une politique de téléchargement".
    pub name: Doc,
    /// What a valid value looks like, shown when one is refused.
    pub hint: Doc,
    /// The values completion offers.
    pub values: &'static [&'static str],
    pub check: fn(&str) -> bool,
}

impl Format {
    /// What the format expects, after "must be": "a duration (such as `1m30s`)".
    pub fn expected(self) -> Doc {
        match self {
            Format::Text | Format::Known(_) => Doc::new("a string", "une chaîne"),
            Format::Duration(_) => {
                Doc::new("a duration (such as `1m30s`)", "une durée (comme `1m30s`)")
            }
            Format::ByteSize(_) => Doc::new(
                "a size in bytes (such as `512m`)",
                "une taille en octets (comme `512m`)",
            ),
            Format::Port => Doc::new(
                "a port mapping (such as `8080:80`)",
                "une publication de port (comme `8080:80`)",
            ),
            Format::Volume => Doc::new(
                "a volume (such as `./data:/data`)",
                "un volume (comme `./data:/data`)",
            ),
            Format::Image => Doc::new("an image reference", "une référence d'image"),
            Format::IpAddress => Doc::new("an IP address", "une adresse IP"),
            Format::Cidr => Doc::new(
                "a subnet (such as `10.0.0.0/16`)",
                "un sous-réseau (comme `10.0.0.0/16`)",
            ),
            Format::Pattern(pattern) => pattern.name,
        }
    }

    /// What a value is, with its article, for "`x` is not a duration: ...".
    pub fn name(self) -> Doc {
        match self {
            Format::Text | Format::Known(_) => Doc::new("a string", "une chaîne"),
            Format::Duration(_) => Doc::new("a duration", "une durée"),
            Format::ByteSize(_) => Doc::new("a size in bytes", "une taille en octets"),
            Format::Port => Doc::new("a port mapping", "une publication de port"),
            Format::Volume => Doc::new("a volume", "un volume"),
            Format::Image => Doc::new("an image reference", "une référence d'image"),
            Format::IpAddress => Doc::new("an IP address", "une adresse IP"),
            Format::Cidr => Doc::new("a subnet", "un sous-réseau"),
            Format::Pattern(pattern) => pattern.name,
        }
    }

    /// The values completion offers for the format.
    pub fn suggestions(self) -> &'static [&'static str] {
        match self {
            Format::Known(values) => values,
            Format::Pattern(pattern) => pattern.values,
            _ => &[],
        }
    }

    /// The error kind reported when a value does not follow the format.
    pub fn error_kind(self) -> SchemaErrorKind {
        match self {
            Format::Duration(_) => SchemaErrorKind::InvalidDuration,
            Format::ByteSize(_) => SchemaErrorKind::InvalidByteSize,
            Format::Port => SchemaErrorKind::InvalidPort,
            Format::Volume => SchemaErrorKind::InvalidVolume,
            Format::Image => SchemaErrorKind::InvalidImage,
            Format::IpAddress => SchemaErrorKind::InvalidIpAddress,
            Format::Cidr => SchemaErrorKind::InvalidSubnet,
            Format::Text | Format::Known(_) | Format::Pattern(_) => SchemaErrorKind::InvalidValue,
        }
    }

    /// Checks `text` (which holds no `$`: interpolated values are checked after
    /// interpolation). The error names the value and says what a valid one would be.
    pub fn check(self, text: &str) -> Result<(), Message> {
        let reason = match self {
            Format::Text | Format::Known(_) => return Ok(()),
            Format::Duration(syntax) => {
                return parse_duration(text, syntax)
                    .map(drop)
                    .map_err(|error| error.message());
            }
            Format::ByteSize(ByteSizeSyntax::Compose) => {
                return parse_compose_bytes(text)
                    .map(drop)
                    .map_err(|error| error.message());
            }
            Format::ByteSize(ByteSizeSyntax::Ram) => {
                return parse_ram_in_bytes(text)
                    .map(drop)
                    .map_err(|error| error.message());
            }
            Format::Image => return check_image(text),
            Format::Port => check_port(text),
            Format::Volume => check_volume(text),
            Format::IpAddress => check_ip(text),
            Format::Cidr => check_cidr(text),
            Format::Pattern(pattern) => {
                if (pattern.check)(text) {
                    Ok(())
                } else {
                    Err(pattern.hint.to_message())
                }
            }
        };
        reason.map_err(|reason| {
            let value = shorten(text);
            let name = self.name();
            let (name_en, name_fr) = (name.en, name.fr);
            let (reason_en, reason_fr) = (&reason.en, &reason.fr);
            msg!(
                "`{value}` is not {name_en}: {reason_en}",
                "`{value}` n'est pas {name_fr} : {reason_fr}"
            )
        })
    }
}

/// A value quoted in a message, cut when long so the message stays on a line.
pub(crate) fn shorten(text: &str) -> String {
    const LIMIT: usize = 60;
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// docker/go-connections' `nat.ParsePortSpec`, which Compose uses for the short `ports`
/// syntax: `[[IP:]HOST:]CONTAINER[/PROTOCOL]` where HOST and CONTAINER are ports or ranges
/// `START-END`, an IPv6 address is written in brackets, and PROTOCOL is `tcp`, `udp` or `sctp`.
pub fn check_port(text: &str) -> Result<(), Message> {
    let parts: Vec<&str> = text.split(':').collect();
    let (ip, host, container) = match parts.as_slice() {
        [container] => ("", "", *container),
        [host, container] => ("", *host, *container),
        [ip, host, container] => (*ip, *host, *container),
        [ip @ .., host, container] => {
            // An unbracketed IPv6 address: everything before the last two parts.
            let ip_len = ip.iter().map(|part| part.len() + 1).sum::<usize>() - 1;
            (&text[..ip_len], *host, *container)
        }
        [] => ("", "", ""),
    };
    let (container, protocol) = match container.split_once('/') {
        Some((port, protocol)) if !protocol.is_empty() => (port, protocol),
        Some((port, _)) => (port, "tcp"),
        None => (container, "tcp"),
    };
    if !ip.is_empty() {
        let bare = ip
            .strip_prefix('[')
            .and_then(|ip| ip.strip_suffix(']'))
            .unwrap_or(ip);
        if bare.parse::<IpAddr>().is_err() {
            return Err(msg!(
                "`{ip}` is not an IP address",
                "`{ip}` n'est pas une adresse IP"
            ));
        }
    }
    if container.is_empty() {
        return Err(msg!(
            "the container port is missing",
            "le port du conteneur manque"
        ));
    }
    let Some(container_range) = port_range(container) else {
        return Err(msg!(
            "`{container}` is not a port (0-65535) or a range `START-END`",
            "`{container}` n'est pas un port (0-65535) ni une plage `DÉBUT-FIN`"
        ));
    };
    if !host.is_empty() {
        let Some(host_range) = port_range(host) else {
            return Err(msg!(
                "`{host}` is not a port (0-65535) or a range `START-END`",
                "`{host}` n'est pas un port (0-65535) ni une plage `DÉBUT-FIN`"
            ));
        };
        let container_width = container_range.1 - container_range.0;
        let host_width = host_range.1 - host_range.0;
        if container_width != 0 && container_width != host_width {
            return Err(msg!(
                "the host range `{host}` and the container range `{container}` differ in length",
                "la plage de l'hôte `{host}` et celle du conteneur `{container}` n'ont pas la même longueur"
            ));
        }
    }
    if !matches!(
        protocol.to_ascii_lowercase().as_str(),
        "tcp" | "udp" | "sctp"
    ) {
        return Err(msg!(
            "unknown protocol `{protocol}`; use `tcp`, `udp` or `sctp`",
            "protocole `{protocol}` inconnu ; utilisez `tcp`, `udp` ou `sctp`"
        ));
    }
    Ok(())
}

/// A port `N` or a range `START-END` with `START <= END`, each in 0..=65535.
fn port_range(text: &str) -> Option<(u32, u32)> {
    let parse = |port: &str| -> Option<u32> {
        if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        port.parse::<u16>().ok().map(u32::from)
    };
    match text.split_once('-') {
        None => parse(text).map(|port| (port, port)),
        Some((start, end)) => {
            let (start, end) = (parse(start)?, parse(end)?);
            (start <= end).then_some((start, end))
        }
    }
}

/// compose-go's `format.ParseVolume`: `SOURCE:TARGET[:OPTIONS]` or a lone target, split on
/// `:` except after a single leading drive letter (`C:\data`). Unknown options are ignored by
/// Compose (a rule reports them), so only the structure is checked here.
pub fn check_volume(text: &str) -> Result<(), Message> {
    if text.is_empty() {
        return Err(msg!("the volume is empty", "le volume est vide"));
    }
    if text.len() <= 2 {
        return Ok(());
    }
    let mut sections = 0;
    let mut section_start = 0;
    let bytes = text.as_bytes();
    let mut index = 0;
    while index <= bytes.len() {
        let at_end = index == bytes.len();
        if at_end || bytes[index] == b':' {
            let section_len = index - section_start;
            let drive_letter =
                !at_end && section_len == 1 && bytes[section_start].is_ascii_alphabetic();
            if drive_letter {
                index += 1;
                continue;
            }
            if section_len == 0 {
                return Err(msg!(
                    "empty section between colons",
                    "section vide entre deux-points"
                ));
            }
            sections += 1;
            if sections > 3 {
                return Err(msg!(
                    "too many colons: use `SOURCE:TARGET[:OPTIONS]`",
                    "trop de deux-points : utilisez `SOURCE:CIBLE[:OPTIONS]`"
                ));
            }
            section_start = index + 1;
        }
        index += 1;
    }
    Ok(())
}

/// An image reference as Docker reads it (see [`crate::image`]), or a bare image ID (64 hex
/// digits, optionally prefixed by `sha256:`), which Compose passes to the engine as is.
pub fn check_image(text: &str) -> Result<(), Message> {
    let id = text.strip_prefix("sha256:").unwrap_or(text);
    if id.len() == 64 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Ok(());
    }
    let (_, errors) = parse_image_ref(text);
    match errors.into_iter().next() {
        Some(error) => Err(error.message),
        None => Ok(()),
    }
}

pub fn check_ip(text: &str) -> Result<(), Message> {
    if text.parse::<IpAddr>().is_ok() {
        Ok(())
    } else {
        Err(msg!(
            "expected an IPv4 address such as `192.168.1.10` or an IPv6 address such as `fd00::10`",
            "une adresse IPv4 comme `192.168.1.10` ou IPv6 comme `fd00::10` est attendue"
        ))
    }
}

pub fn check_cidr(text: &str) -> Result<(), Message> {
    let valid = text.split_once('/').is_some_and(|(address, prefix)| {
        let max = match address.parse::<IpAddr>() {
            Ok(IpAddr::V4(_)) => 32,
            Ok(IpAddr::V6(_)) => 128,
            Err(_) => return false,
        };
        !prefix.is_empty()
            && prefix.bytes().all(|b| b.is_ascii_digit())
            && prefix.parse::<u32>().is_ok_and(|length| length <= max)
    });
    if valid {
        Ok(())
    } else {
        Err(msg!(
            "expected an address and a prefix length, such as `10.0.0.0/16` or `fd00::/64`",
            "une adresse et une longueur de préfixe sont attendues, comme `10.0.0.0/16` ou `fd00::/64`"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(format: Format, valid: &[&str], invalid: &[&str]) {
        for text in valid {
            assert!(
                format.check(text).is_ok(),
                "{format:?} should accept {text:?}"
            );
        }
        for text in invalid {
            assert!(
                format.check(text).is_err(),
                "{format:?} should refuse {text:?}"
            );
        }
    }

    #[test]
    fn durations_and_sizes_use_the_shared_readers() {
        check(
            Format::Duration(DurationSyntax::Compose),
            &["0", "30s", "1m30s", "2d"],
            &["", "10", "10 s", "10sec"],
        );
        check(Format::Duration(DurationSyntax::Go), &["1h"], &["2d"]);
        check(
            Format::ByteSize(ByteSizeSyntax::Compose),
            &["1024", "-1", "512m", "1.5g", "1GiB"],
            &["", "m", "1x", "-1g"],
        );
        check(Format::ByteSize(ByteSizeSyntax::Ram), &["64M"], &["-1"]);
    }

    #[test]
    fn ports_follow_nat_parse_port_spec() {
        check(
            Format::Port,
            &[
                "80",
                "8080:80",
                "127.0.0.1:8080:80",
                "127.0.0.1::80",
                "8000-8010:8000-8010",
                "8000-9000:80",
                "[::1]:6001:6001",
                "53:53/udp",
                "80/tcp",
                "::1:80:80",
            ],
            &[
                "",
                "http",
                "8080:",
                "70000:80",
                "8000-8010:80-81",
                "80/icmp",
                "300.1.1.1:80:80",
                "10-5",
            ],
        );
    }

    #[test]
    fn volumes_follow_compose() {
        check(
            Format::Volume,
            &[
                "/data",
                "db:/var/lib/db",
                "./src:/app:ro",
                "C:\\data:/data",
                "a",
                "x:/y:ro,z",
            ],
            &["", ":/data", "/data:", "ab::c", "ab:cd:ro:extra"],
        );
    }

    #[test]
    fn images_accept_ids() {
        check(
            Format::Image,
            &[
                "nginx",
                "nginx:1.27-alpine",
                "library/nginx",
                "ghcr.io/owner/app:v1",
                "localhost:5000/app",
                "registry.example.com:443/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "my_app__x.y-z",
            ],
            &[
                "",
                "Nginx",
                "nginx:",
                "nginx:-x",
                "app@sha256:123",
                "bad..name",
                "-app",
                "a/b/",
            ],
        );
    }

    #[test]
    fn addresses() {
        check(
            Format::IpAddress,
            &["10.0.0.1", "::1"],
            &["", "10.0.0", "host"],
        );
        check(
            Format::Cidr,
            &["10.0.0.0/16", "fd00::/64", "192.168.1.1/24"],
            &["10.0.0.0", "10.0.0.0/33", "x/8", "10.0.0.0/"],
        );
    }
}
