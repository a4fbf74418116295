//! The text formats a string value may have to follow: durations, byte sizes, ports, volumes,
//! image references, addresses, and patterns a description defines.
//!
//! The official Compose schema types all of these as plain strings; Compose and dockerd parse
//! them later and refuse bad ones then, without a position. berth checks them here, so the
//! error lands on the value. Each check mirrors the parser of the tool that reads the value
//! (cited on each function) and returns why the text is refused.

use std::net::IpAddr;

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
    /// A Go duration: `1m30s`, `500ms`, `2h`.
    Duration,
    /// A byte count, possibly with a unit: `512m`, `1.5g`, `1024`.
    ByteSize,
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
            Format::Duration => Doc::new(
                "a duration (such as `1m30s`)",
                "une durée (comme `1m30s`)",
            ),
            Format::ByteSize => Doc::new(
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
            Format::Duration => Doc::new("a duration", "une durée"),
            Format::ByteSize => Doc::new("a size in bytes", "une taille en octets"),
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
            Format::Duration => SchemaErrorKind::InvalidDuration,
            Format::ByteSize => SchemaErrorKind::InvalidByteSize,
            Format::Port => SchemaErrorKind::InvalidPort,
            Format::Volume => SchemaErrorKind::InvalidVolume,
            Format::Image => SchemaErrorKind::InvalidImage,
            Format::IpAddress => SchemaErrorKind::InvalidIpAddress,
            Format::Cidr => SchemaErrorKind::InvalidSubnet,
            Format::Text | Format::Known(_) | Format::Pattern(_) => SchemaErrorKind::InvalidValue,
        }
    }

    /// Checks `text` (which holds no `$`: interpolated values are checked after
    /// interpolation). The error says what a valid value would be, in both languages.
    pub fn check(self, text: &str) -> Result<(), Message> {
        match self {
            Format::Text | Format::Known(_) => Ok(()),
            Format::Duration => check_duration(text),
            Format::ByteSize => check_byte_size(text),
            Format::Port => check_port(text),
            Format::Volume => check_volume(text),
            Format::Image => check_image(text),
            Format::IpAddress => check_ip(text),
            Format::Cidr => check_cidr(text),
            Format::Pattern(pattern) => {
                if (pattern.check)(text) {
                    Ok(())
                } else {
                    Err(pattern.hint.to_message())
                }
            }
        }
    }
}

/// Go's `time.ParseDuration`, which Compose (through str2duration) and dockerd use: a sequence
/// of decimal numbers each followed by a unit (`ns`, `us`, `µs`, `ms`, `s`, `m`, `h`), with an
/// optional sign; `0` alone needs no unit. str2duration also accepts `d` and `w`.
pub fn check_duration(text: &str) -> Result<(), Message> {
    const UNITS: [&str; 10] = ["ns", "us", "µs", "μs", "ms", "s", "m", "h", "d", "w"];
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    if body == "0" {
        return Ok(());
    }
    if body.is_empty() {
        return Err(msg!(
            "a duration needs a number and a unit, such as `30s`",
            "une durée demande un nombre et une unité, comme `30s`"
        ));
    }
    let mut rest = body;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number = &rest[..number_len];
        if number.is_empty() || number == "." || number.matches('.').count() > 1 {
            return Err(msg!(
                "expected a number before each unit, as in `1m30s`",
                "un nombre doit précéder chaque unité, comme dans `1m30s`"
            ));
        }
        rest = &rest[number_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        if unit.is_empty() {
            return Err(msg!(
                "missing unit after `{number}`; use `s`, `m`, `h`, `ms`...",
                "unité manquante après `{number}` ; utilisez `s`, `m`, `h`, `ms`..."
            ));
        }
        if !UNITS.contains(&unit) {
            return Err(msg!(
                "unknown unit `{unit}`; use `s`, `m`, `h`, `ms`, `us` or `ns`",
                "unité `{unit}` inconnue ; utilisez `s`, `m`, `h`, `ms`, `us` ou `ns`"
            ));
        }
        rest = &rest[unit_len..];
    }
    Ok(())
}

/// Compose's `UnitBytes` and dockerd's `MemBytes`: a plain integer (Compose allows `-1`), or
/// docker/go-units' `RAMInBytes`: a non-negative decimal number, an optional space, and an
/// optional unit `b`, `k`, `m`, `g`, `t` or `p` (binary multiples), itself optionally followed
/// by `b`, `i` or `ib`, in any case.
pub fn check_byte_size(text: &str) -> Result<(), Message> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(());
    }
    let number_end = text
        .rfind(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
        .map_or(0, |index| index + 1);
    let (number, suffix) = text.split_at(number_end);
    let number = number.strip_suffix(' ').unwrap_or(number);
    let valid_number = !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && number.bytes().any(|b| b.is_ascii_digit())
        && number.matches('.').count() <= 1;
    if !valid_number {
        return Err(msg!(
            "expected a number of bytes, optionally with a unit: `512m`, `1.5g`, `1024k`",
            "un nombre d'octets est attendu, avec une unité facultative : `512m`, `1.5g`, `1024k`"
        ));
    }
    let suffix = suffix.to_ascii_lowercase();
    let valid_suffix = match suffix.as_bytes() {
        [] | [b'b'] => true,
        [unit, rest @ ..] if b"kmgtp".contains(unit) => {
            matches!(rest, [] | [b'b'] | [b'i'] | [b'i', b'b'])
        }
        _ => false,
    };
    if valid_suffix {
        Ok(())
    } else {
        Err(msg!(
            "unknown unit `{suffix}`; use `b`, `k`, `m`, `g`, `t` or `p`",
            "unité `{suffix}` inconnue ; utilisez `b`, `k`, `m`, `g`, `t` ou `p`"
        ))
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

/// The distribution reference grammar (`[domain[:port]/]path[:tag][@digest]`) that Docker
/// uses to parse image names, plus a bare image ID (64 hex digits, optionally prefixed by
/// `sha256:`), which Compose passes to the engine as is.
pub fn check_image(text: &str) -> Result<(), Message> {
    if text.is_empty() {
        return Err(msg!("the image name is empty", "le nom d'image est vide"));
    }
    let id = text.strip_prefix("sha256:").unwrap_or(text);
    if id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(());
    }
    let (name_and_tag, digest) = match text.split_once('@') {
        Some((name, digest)) => (name, Some(digest)),
        None => (text, None),
    };
    if let Some(digest) = digest {
        check_digest(digest)?;
    }
    let last_slash = name_and_tag.rfind('/').map_or(0, |index| index + 1);
    let (name, tag) = match name_and_tag[last_slash..].rfind(':') {
        Some(colon) => (
            &name_and_tag[..last_slash + colon],
            Some(&name_and_tag[last_slash + colon + 1..]),
        ),
        None => (name_and_tag, None),
    };
    if let Some(tag) = tag {
        let valid_tag = !tag.is_empty()
            && tag.len() <= 128
            && tag.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            && tag
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
        if !valid_tag {
            return Err(msg!(
                "invalid tag `{tag}`: up to 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-`",
                "tag `{tag}` invalide : jusqu'à 128 lettres, chiffres, `_`, `.` et `-`, sans commencer par `.` ni `-`"
            ));
        }
    }
    if name.len() > 255 {
        return Err(msg!(
            "the repository name is longer than 255 characters",
            "le nom du dépôt dépasse 255 caractères"
        ));
    }
    let mut components = name.split('/');
    let first = components.next().unwrap_or_default();
    let has_domain = name.contains('/')
        && (first.contains(['.', ':']) || first == "localhost" || first.bytes().any(|b| b.is_ascii_uppercase()));
    if has_domain {
        check_domain(first)?;
    } else {
        check_path_component(first)?;
    }
    for component in components {
        check_path_component(component)?;
    }
    Ok(())
}

fn check_digest(digest: &str) -> Result<(), Message> {
    let Some((algorithm, hex)) = digest.split_once(':') else {
        return Err(msg!(
            "invalid digest `{digest}`: expected `sha256:` followed by 64 hexadecimal digits",
            "empreinte `{digest}` invalide : `sha256:` suivi de 64 chiffres hexadécimaux est attendu"
        ));
    };
    let expected_len = match algorithm {
        "sha256" => Some(64),
        "sha384" => Some(96),
        "sha512" => Some(128),
        _ => None,
    };
    let valid_algorithm = !algorithm.is_empty()
        && algorithm.starts_with(|c: char| c.is_ascii_alphabetic())
        && algorithm
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-' | b'_'));
    let valid_hex = hex.bytes().all(|b| b.is_ascii_hexdigit())
        && match expected_len {
            Some(len) => hex.len() == len,
            None => hex.len() >= 32,
        };
    if valid_algorithm && valid_hex {
        Ok(())
    } else {
        Err(msg!(
            "invalid digest `{digest}`: expected `sha256:` followed by 64 hexadecimal digits",
            "empreinte `{digest}` invalide : `sha256:` suivi de 64 chiffres hexadécimaux est attendu"
        ))
    }
}

/// A registry host (`registry.example.com`, `localhost`, `[::1]`) with an optional port.
fn check_domain(domain: &str) -> Result<(), Message> {
    let invalid = || {
        Err(msg!(
            "invalid registry `{domain}`",
            "registre `{domain}` invalide"
        ))
    };
    let (host, port) = if let Some(bracketed) = domain.strip_prefix('[') {
        let Some((ip, rest)) = bracketed.split_once(']') else {
            return invalid();
        };
        if ip.parse::<std::net::Ipv6Addr>().is_err() {
            return invalid();
        }
        ("", rest.strip_prefix(':'))
    } else {
        match domain.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (domain, None),
        }
    };
    let valid_port = port.is_none_or(|port| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()));
    let valid_host = host.split('.').all(|label| {
        !label.is_empty()
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    }) || host.is_empty() && domain.starts_with('[');
    if valid_host && valid_port { Ok(()) } else { invalid() }
}

/// `[a-z0-9]+` runs joined by `.`, `_`, `__` or any number of `-`.
fn check_path_component(component: &str) -> Result<(), Message> {
    if component.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(msg!(
            "the repository name must be lower-case (`{component}`)",
            "le nom du dépôt doit être en minuscules (`{component}`)"
        ));
    }
    let bytes = component.as_bytes();
    let mut valid = !bytes.is_empty()
        && bytes[0].is_ascii_alphanumeric()
        && bytes[bytes.len() - 1].is_ascii_alphanumeric();
    let mut index = 0;
    while valid && index < bytes.len() {
        if bytes[index].is_ascii_alphanumeric() {
            index += 1;
            continue;
        }
        let separator_start = index;
        while index < bytes.len() && !bytes[index].is_ascii_alphanumeric() {
            index += 1;
        }
        let separator = &component[separator_start..index];
        valid = matches!(separator, "." | "_" | "__") || separator.bytes().all(|b| b == b'-');
    }
    if valid {
        Ok(())
    } else {
        Err(msg!(
            "invalid repository name `{component}`: lower-case letters and digits, separated by `.`, `_`, `__` or `-`",
            "nom de dépôt `{component}` invalide : lettres minuscules et chiffres, séparés par `.`, `_`, `__` ou `-`"
        ))
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
            assert!(format.check(text).is_ok(), "{format:?} should accept {text:?}");
        }
        for text in invalid {
            assert!(format.check(text).is_err(), "{format:?} should refuse {text:?}");
        }
    }

    #[test]
    fn durations_follow_go() {
        check(
            Format::Duration,
            &["0", "30s", "1m30s", "1.5h", "500ms", "-1s", "10us", "2d", ".5s"],
            &["", "10", "s", "10 s", "10sec", "1..5s", "1m30", "-"],
        );
    }

    #[test]
    fn byte_sizes_follow_go_units() {
        check(
            Format::ByteSize,
            &["1024", "-1", "512m", "512M", "1.5g", "1gb", "1GiB", "10 k", "2b", "0"],
            &["", "m", "1x", "1gbb", "-1g", "1.2.3m", "g1"],
        );
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
            &["", "http", "8080:", "70000:80", "8000-8010:80-81", "80/icmp", "300.1.1.1:80:80", "10-5"],
        );
    }

    #[test]
    fn volumes_follow_compose() {
        check(
            Format::Volume,
            &["/data", "db:/var/lib/db", "./src:/app:ro", "C:\\data:/data", "a", "x:/y:ro,z"],
            &["", ":/data", "/data:", "ab::c", "ab:cd:ro:extra"],
        );
    }

    #[test]
    fn images_follow_the_reference_grammar() {
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
                "my_app__x.y-z",
            ],
            &["", "Nginx", "nginx:", "nginx:-x", "app@sha256:123", "bad..name", "-app", "a/b/"],
        );
    }

    #[test]
    fn addresses() {
        check(Format::IpAddress, &["10.0.0.1", "::1"], &["", "10.0.0", "host"]);
        check(
            Format::Cidr,
            &["10.0.0.0/16", "fd00::/64", "192.168.1.1/24"],
            &["10.0.0.0", "10.0.0.0/33", "x/8", "10.0.0.0/"],
        );
    }
}
