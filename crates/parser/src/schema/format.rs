//! The text formats a string value may have to follow: durations, byte sizes, ports, volumes,
//! image references, addresses, and patterns a description defines.
//!
//! The official Compose schema types all of these as plain strings; Compose and dockerd parse
//! them later and refuse bad ones then, without a position. berth checks them here, so the
//! error lands on the value. Each check mirrors the parser of the tool that reads the value
//! (cited on each function) and returns why the text is refused.

use std::net::IpAddr;

use crate::bytesize::{parse_compose_bytes, parse_ram_in_bytes};
use crate::cidr::Cidr;
use crate::duration::{DurationSyntax, parse as parse_duration};
use crate::image::parse_image_ref;
use crate::message::Message;
use crate::msg;
use crate::ports::parse_compose_port;
use crate::volumes::parse_compose_volume;

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
            Format::Port => return first_error(parse_compose_port(text).1),
            Format::Volume => return first_error(parse_compose_volume(text).1),
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

/// The message of the first error a reader found, the one the tool reports.
fn first_error(errors: Vec<crate::message::SyntaxError>) -> Result<(), Message> {
    match errors.into_iter().next() {
        Some(error) => Err(error.message),
        None => Ok(()),
    }
}

/// An image reference as Docker reads it (see [`crate::image`]), or a bare image ID (64 hex
/// digits, optionally prefixed by `sha256:`), which Compose passes to the engine as is.
pub fn check_image(text: &str) -> Result<(), Message> {
    let id = text.strip_prefix("sha256:").unwrap_or(text);
    if id.len() == 64 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Ok(());
    }
    first_error(parse_image_ref(text).1)
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

/// A subnet as Go's `net.ParseCIDR` reads it (see [`crate::cidr`]).
pub fn check_cidr(text: &str) -> Result<(), Message> {
    Cidr::parse(text).map(drop).map_err(|error| error.message())
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
