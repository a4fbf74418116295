//! The sockets dockerd serves its API on (`hosts`), as moby's `ParseDaemonHost` reads them.

use std::net::IpAddr;

use crate::message::Message;
use crate::msg;

/// One entry of `hosts`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DaemonHost {
    /// `unix:///var/run/docker.sock`; an empty path is the default socket.
    Unix { path: String },
    /// `tcp://0.0.0.0:2376`, or a bare `host:port`, which dockerd reads as TCP.
    Tcp(TcpAddress),
    /// `fd://`: sockets systemd passes to dockerd (socket activation); `fd://3` names one.
    Fd { name: String },
    /// `npipe:////./pipe/docker_engine` (Windows).
    Npipe { path: String },
}

/// The address of a TCP socket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TcpAddress {
    /// The host name or IP address as written, without IPv6 brackets; empty for the default,
    /// `localhost`.
    pub host: String,
    /// The port as written; `None` for the default, 2375.
    pub port: Option<u16>,
}

/// The port dockerd listens on when a `tcp://` host names none (IANA's Docker port; dockerd
/// uses it with or without TLS).
pub const DEFAULT_TCP_PORT: u16 = 2375;

impl DaemonHost {
    /// Reads one `hosts` entry; the error says why dockerd refuses it.
    pub fn parse(text: &str) -> Result<DaemonHost, Message> {
        let text = text.trim();
        let (protocol, address) = match text.split_once("://") {
            Some((protocol, address)) => (protocol, address),
            None => ("tcp", text),
        };
        match protocol {
            "tcp" => parse_tcp(address).map(DaemonHost::Tcp),
            "unix" | "npipe" if address.contains("://") => Err(msg!(
                "`{address}` is not a {protocol} socket path: it holds another `://`",
                "`{address}` n'est pas un chemin de socket {protocol} : il contient un autre `://`"
            )),
            "unix" => Ok(DaemonHost::Unix {
                path: address.to_owned(),
            }),
            "npipe" => Ok(DaemonHost::Npipe {
                path: address.to_owned(),
            }),
            "fd" => Ok(DaemonHost::Fd {
                name: address.to_owned(),
            }),
            _ => Err(msg!(
                "dockerd does not serve its API over `{protocol}://`: use `unix://`, `tcp://`, `fd://` or `npipe://`",
                "dockerd ne sert pas son API en `{protocol}://` : utilisez `unix://`, `tcp://`, `fd://` ou `npipe://`"
            )),
        }
    }

    pub fn is_tcp(&self) -> bool {
        matches!(self, DaemonHost::Tcp(_))
    }

    pub fn as_tcp(&self) -> Option<&TcpAddress> {
        match self {
            DaemonHost::Tcp(address) => Some(address),
            _ => None,
        }
    }
}

impl TcpAddress {
    /// The port dockerd listens on.
    pub fn port_or_default(&self) -> u16 {
        self.port.unwrap_or(DEFAULT_TCP_PORT)
    }

    /// Whether only this machine can reach the socket: `localhost` (the default) or a loopback
    /// address. dockerd skips its startup delay for these; other processes and web pages
    /// running on the host still reach them.
    pub fn is_loopback(&self) -> bool {
        self.host.is_empty()
            || self.host.eq_ignore_ascii_case("localhost")
            || self
                .host
                .parse::<IpAddr>()
                .is_ok_and(|address| address.is_loopback())
    }

    /// Whether the socket listens on every interface: `0.0.0.0` or `::`.
    pub fn is_all_interfaces(&self) -> bool {
        self.host
            .parse::<IpAddr>()
            .is_ok_and(|address| address.is_unspecified())
    }
}

/// moby's `parseTCPAddr` over Go's `url.Parse`: a host (IPv6 in brackets), an optional port
/// that is a number from 1 to 65535, no path.
fn parse_tcp(address: &str) -> Result<TcpAddress, Message> {
    // `url.Parse` ends the authority at the first `/`, `?` or `#`; a query or fragment is
    // accepted and dropped, a path is refused.
    let end = address.find(['/', '?', '#']).unwrap_or(address.len());
    let (authority, rest) = address.split_at(end);
    if rest.starts_with('/') {
        return Err(msg!(
            "`tcp://{address}` must not hold a path: write `tcp://HOST:PORT`",
            "`tcp://{address}` ne doit pas contenir de chemin : écrivez `tcp://HÔTE:PORT`"
        ));
    }
    // A user name (`user@host`) is accepted by `url.Parse` and ignored.
    let authority = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let Some((host, after)) = bracketed.split_once(']') else {
            return Err(msg!(
                "`tcp://{address}` has a `[` without its `]`",
                "`tcp://{address}` a un `[` sans son `]`"
            ));
        };
        match after {
            "" => (host, None),
            _ => match after.strip_prefix(':') {
                Some(port) => (host, Some(port)),
                None => {
                    return Err(msg!(
                        "`tcp://{address}`: only a `:PORT` may follow the bracketed address",
                        "`tcp://{address}` : seul un `:PORT` peut suivre l'adresse entre crochets"
                    ));
                }
            },
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let port = match port {
        None | Some("") => None,
        Some(port) => match port.parse::<u16>() {
            Ok(number) if number > 0 && port.bytes().all(|b| b.is_ascii_digit()) => Some(number),
            _ => {
                return Err(msg!(
                    "`{port}` is not a port: use a number from 1 to 65535, such as 2376",
                    "`{port}` n'est pas un port : utilisez un nombre de 1 à 65535, comme 2376"
                ));
            }
        },
    };
    Ok(TcpAddress {
        host: host.to_owned(),
        port,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &str) {
        let actual = match DaemonHost::parse(text) {
            Ok(DaemonHost::Tcp(tcp)) => format!(
                "tcp host={:?} port={} loopback={} all={}",
                tcp.host,
                tcp.port_or_default(),
                tcp.is_loopback(),
                tcp.is_all_interfaces()
            ),
            Ok(other) => format!("{other:?}"),
            Err(message) => format!("error: {}", message.en),
        };
        assert_eq!(actual, expected, "{text}");
    }

    #[test]
    fn protocols() {
        check(
            "unix:///var/run/docker.sock",
            r#"Unix { path: "/var/run/docker.sock" }"#,
        );
        check("unix://", r#"Unix { path: "" }"#);
        check("fd://", r#"Fd { name: "" }"#);
        check(
            "npipe:////./pipe/docker_engine",
            r#"Npipe { path: "//./pipe/docker_engine" }"#,
        );
        check(
            "ssh://host",
            "error: dockerd does not serve its API over `ssh://`: use `unix://`, `tcp://`, `fd://` or `npipe://`",
        );
        check(
            "unix://tcp://x",
            "error: `tcp://x` is not a unix socket path: it holds another `://`",
        );
    }

    #[test]
    fn tcp_addresses() {
        check(
            "tcp://0.0.0.0:2376",
            "tcp host=\"0.0.0.0\" port=2376 loopback=false all=true",
        );
        check("tcp://", "tcp host=\"\" port=2375 loopback=true all=false");
        check(
            "tcp://127.0.0.1",
            "tcp host=\"127.0.0.1\" port=2375 loopback=true all=false",
        );
        check(
            "tcp://[::]:2376",
            "tcp host=\"::\" port=2376 loopback=false all=true",
        );
        check(
            "tcp://[::1]",
            "tcp host=\"::1\" port=2375 loopback=true all=false",
        );
        check(
            "192.168.1.5:2375",
            "tcp host=\"192.168.1.5\" port=2375 loopback=false all=false",
        );
        check(
            " tcp://localhost:2375 ",
            "tcp host=\"localhost\" port=2375 loopback=true all=false",
        );
        check(
            "tcp://0.0.0.0:0",
            "error: `0` is not a port: use a number from 1 to 65535, such as 2376",
        );
        check(
            "tcp://host:99999",
            "error: `99999` is not a port: use a number from 1 to 65535, such as 2376",
        );
        check(
            "tcp://host:2375/api",
            "error: `tcp://host:2375/api` must not hold a path: write `tcp://HOST:PORT`",
        );
    }
}
