//! Registries dockerd reaches: `insecure-registries` and `registry-mirrors`, as moby's
//! `registry` package reads them (`loadInsecureRegistries`, `ValidateMirror`).

use std::net::IpAddr;

use crate::cidr::Cidr;
use crate::image::is_domain_and_port;
use crate::message::Message;
use crate::msg;

/// One entry of `insecure-registries`: registries dockerd reaches over plain HTTP, or over
/// HTTPS without verifying their certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InsecureRegistry {
    /// Every registry whose address is in the subnet (`10.0.0.0/8`).
    Subnet(Cidr),
    /// One registry, `host[:port]`.
    Host(String),
}

/// How dockerd reads an `insecure-registries` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ReadInsecureRegistry {
    pub(crate) registry: InsecureRegistry,
    /// The `http://` or `https://` written before it, which dockerd drops with a warning.
    pub(crate) dropped_scheme: Option<String>,
}

impl InsecureRegistry {
    /// Reads an entry; the error says why dockerd refuses it.
    pub(crate) fn parse(text: &str) -> Result<ReadInsecureRegistry, Message> {
        let name = if text == "index.docker.io" {
            "docker.io"
        } else {
            text
        };
        if name.starts_with('-') || name.ends_with('-') {
            return Err(msg!(
                "`{name}` is not a registry name: it cannot begin or end with a hyphen",
                "`{name}` n'est pas un nom de registre : il ne peut ni commencer ni finir par un tiret"
            ));
        }
        let (address, dropped_scheme) = match name.split_once("://") {
            Some((scheme, rest))
                if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") =>
            {
                (rest, Some(scheme.to_owned()))
            }
            Some(_) => {
                return Err(msg!(
                    "`{name}` must not hold `://`: write the registry as `host:port` or a subnet",
                    "`{name}` ne doit pas contenir `://` : écrivez le registre en `hôte:port` ou en sous-réseau"
                ));
            }
            None => (name, None),
        };
        if let Ok(subnet) = Cidr::parse_prefix(address) {
            return Ok(ReadInsecureRegistry {
                registry: InsecureRegistry::Subnet(subnet),
                dropped_scheme,
            });
        }
        check_host_port(address)?;
        Ok(ReadInsecureRegistry {
            registry: InsecureRegistry::Host(address.to_owned()),
            dropped_scheme,
        })
    }
}

/// moby's `validateHostPort`: a registry domain with an optional port, or an IP address.
fn check_host_port(text: &str) -> Result<(), Message> {
    let (host, port) = split_host_port(text).unwrap_or((text, ""));
    let host_ip = host.trim_start_matches('[').trim_end_matches(']');
    if !is_domain_and_port(text) && host_ip.parse::<IpAddr>().is_err() {
        return Err(msg!(
            "`{host}` is not a registry host: write a domain or an IP address, with an optional `:port`",
            "`{host}` n'est pas un hôte de registre : écrivez un domaine ou une adresse IP, avec un `:port` facultatif"
        ));
    }
    if !port.is_empty()
        && !port
            .parse::<u16>()
            .is_ok_and(|_| port.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(msg!(
            "`{port}` is not a port: use a number from 0 to 65535",
            "`{port}` n'est pas un port : utilisez un nombre de 0 à 65535"
        ));
    }
    Ok(())
}

/// Go's `net.SplitHostPort`, loosely: `host:port` or `[v6]:port`; `None` without a port.
fn split_host_port(text: &str) -> Option<(&str, &str)> {
    if let Some(rest) = text.strip_prefix('[') {
        let (host, after) = rest.split_once(']')?;
        return Some((host, after.strip_prefix(':')?));
    }
    let (host, port) = text.rsplit_once(':')?;
    (!host.contains(':')).then_some((host, port))
}

/// moby's `ValidateMirror`: an `http://` or `https://` URL without credentials, query or
/// fragment. Returns the URL as dockerd keeps it, with one trailing `/`, to spot duplicates.
pub(crate) fn check_mirror(text: &str) -> Result<String, Message> {
    let Some((scheme, rest)) = text
        .split_once("://")
        .filter(|(scheme, _)| !scheme.is_empty())
    else {
        return Err(msg!(
            "`{text}` has no scheme: write `https://{text}` (or `http://` for a mirror without TLS)",
            "`{text}` n'a pas de schéma : écrivez `https://{text}` (ou `http://` pour un miroir sans TLS)"
        ));
    };
    // Go's `url.Parse` lowers the scheme's case.
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(msg!(
            "a mirror is reached over `https://` or `http://`, not `{scheme}://`",
            "un miroir se joint en `https://` ou `http://`, pas en `{scheme}://`"
        ));
    }
    if rest.contains(['?', '#']) {
        return Err(msg!(
            "`{text}` must not end with a query (`?`) or a fragment (`#`)",
            "`{text}` ne doit pas finir par une requête (`?`) ni un fragment (`#`)"
        ));
    }
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.contains('@') {
        return Err(msg!(
            "a mirror URL must not hold a user name or password: dockerd refuses it, and the secret would sit in daemon.json",
            "l'URL d'un miroir ne doit contenir ni nom d'utilisateur ni mot de passe : dockerd la refuse, et le secret resterait dans daemon.json"
        ));
    }
    Ok(format!("{}/", text.trim_end_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &str) {
        let actual = match InsecureRegistry::parse(text) {
            Ok(read) => match read.dropped_scheme {
                Some(scheme) => format!("{:?} without {scheme}", read.registry),
                None => format!("{:?}", read.registry),
            },
            Err(message) => format!("error: {}", message.en),
        };
        assert_eq!(actual, expected, "{text}");
    }

    #[test]
    fn insecure_registries() {
        check("registry.lab:5000", r#"Host("registry.lab:5000")"#);
        check(
            "10.0.0.0/8",
            "Subnet(Cidr { address: 10.0.0.0, prefix_len: 8 })",
        );
        check(
            "http://registry.lab",
            r#"Host("registry.lab") without http"#,
        );
        check("192.168.1.10:5000", r#"Host("192.168.1.10:5000")"#);
        check("[fd00::1]:5000", r#"Host("[fd00::1]:5000")"#);
        check(
            "ftp://registry.lab",
            "error: `ftp://registry.lab` must not hold `://`: write the registry as `host:port` or a subnet",
        );
        check(
            "-registry",
            "error: `-registry` is not a registry name: it cannot begin or end with a hyphen",
        );
        check(
            "my registry",
            "error: `my registry` is not a registry host: write a domain or an IP address, with an optional `:port`",
        );
        check(
            "registry.lab:99999",
            "error: `99999` is not a port: use a number from 0 to 65535",
        );
    }

    #[test]
    fn mirrors() {
        assert_eq!(
            check_mirror("https://mirror.gcr.io").unwrap(),
            "https://mirror.gcr.io/"
        );
        assert_eq!(check_mirror("HTTP://m.lab/").unwrap(), "HTTP://m.lab/");
        for bad in [
            "mirror.gcr.io",
            "://x",
            "ftp://m",
            "https://m?x=1",
            "https://m#x",
            "https://user:secret@m",
        ] {
            assert!(check_mirror(bad).is_err(), "{bad}");
        }
    }
}
