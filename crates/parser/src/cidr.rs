//! IPv4 and IPv6 subnets in CIDR notation (`10.0.0.0/16`, `fd00::/64`), as Docker's Go code
//! reads them, with the containment and overlap questions network settings ask.
//!
//! [`Cidr::parse`] is Go's `net.ParseCIDR` (dockerd's `bip`, `fixed-cidr`; Compose's IPAM
//! `subnet` and `ip_range`): an IP address as `netip.ParseAddr` reads it (no zone, no leading
//! zeros in IPv4 octets), a `/`, then a decimal prefix length up to the address's bit count.
//! [`Cidr::parse_prefix`] is `netip.ParsePrefix` (daemon.json's `default-address-pools`,
//! `fixed-cidr-v6`, `insecure-registries`), which also refuses leading zeros in the prefix
//! length (`/024`). Neither masks the address: `192.168.1.1/24` keeps its host bits, which a
//! bridge address needs and a subnet should not have ([`Cidr::has_host_bits`]).
//!
//! Families never mix: an IPv4 subnet neither contains nor overlaps an IPv6 one, IPv4-mapped
//! IPv6 addresses (`::ffff:10.0.0.1`) included, as with Go's `netip.Prefix`.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use crate::message::Message;
use crate::msg;
use crate::text::TextRange;

/// An address and a prefix length: a subnet, or an address within its subnet.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Cidr {
    address: IpAddr,
    prefix_len: u8,
}

/// Why a text is not a CIDR, with the range of the part at fault.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CidrError {
    pub kind: CidrErrorKind,
    /// The offending part of the text: the address, the prefix length, or all of it.
    pub range: TextRange,
    pub input: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CidrErrorKind {
    /// No `/` at all: a plain address.
    MissingPrefix,
    /// The part before `/` is not an IP address (or has a zone, `fe80::1%eth0`).
    InvalidAddress,
    /// The part after `/` is not a decimal number (or, for `netip.ParsePrefix`, has a leading
    /// zero).
    InvalidPrefix,
    /// A prefix longer than the address: `/33` for IPv4, `/129` for IPv6.
    PrefixTooLong,
}

impl CidrError {
    /// Why the text was refused, as the end of "`x` is not a subnet: ...".
    pub fn message(&self) -> Message {
        let part = self.range.slice(&self.input);
        match self.kind {
            CidrErrorKind::MissingPrefix => msg!(
                "the prefix length is missing: write the address and its size in bits, such as `10.0.0.0/16` or `fd00::/64`",
                "la longueur de préfixe manque : écrivez l'adresse et sa taille en bits, comme `10.0.0.0/16` ou `fd00::/64`"
            ),
            CidrErrorKind::InvalidAddress => msg!(
                "`{part}` is not an IPv4 address (such as `10.0.0.0`) or an IPv6 address (such as `fd00::`)",
                "`{part}` n'est ni une adresse IPv4 (comme `10.0.0.0`) ni une adresse IPv6 (comme `fd00::`)"
            ),
            CidrErrorKind::InvalidPrefix => msg!(
                "`{part}` is not a prefix length: write a number of bits without sign or leading zero, such as `24`",
                "`{part}` n'est pas une longueur de préfixe : écrivez un nombre de bits sans signe ni zéro initial, comme `24`"
            ),
            CidrErrorKind::PrefixTooLong => {
                let bits = if self.input.contains(':') { 128 } else { 32 };
                let family = if bits == 32 { "IPv4" } else { "IPv6" };
                msg!(
                    "the prefix length `{part}` is longer than the {bits} bits of an {family} address",
                    "la longueur de préfixe `{part}` dépasse les {bits} bits d'une adresse {family}"
                )
            }
        }
    }
}

/// How strictly a prefix length is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Syntax {
    /// `net.ParseCIDR`: leading zeros accepted.
    Net,
    /// `netip.ParsePrefix`: no leading zero.
    Netip,
}

impl Cidr {
    /// A CIDR as Go's `net.ParseCIDR` reads it.
    pub fn parse(text: &str) -> Result<Cidr, CidrError> {
        parse(text, Syntax::Net)
    }

    /// A CIDR as Go's `netip.ParsePrefix` reads it: as [`Cidr::parse`], but a prefix length
    /// with a leading zero (`/08`) is refused.
    pub fn parse_prefix(text: &str) -> Result<Cidr, CidrError> {
        parse(text, Syntax::Netip)
    }

    /// The CIDR of `address` with `prefix_len` bits, or `None` when the length exceeds the
    /// address's bits.
    pub fn new(address: IpAddr, prefix_len: u8) -> Option<Cidr> {
        (prefix_len <= bit_len(address)).then_some(Cidr {
            address,
            prefix_len,
        })
    }

    /// The address as written, host bits included.
    pub fn address(&self) -> IpAddr {
        self.address
    }

    pub fn prefix_len(&self) -> u8 {
        self.prefix_len
    }

    pub fn is_ipv4(&self) -> bool {
        self.address.is_ipv4()
    }

    pub fn is_ipv6(&self) -> bool {
        self.address.is_ipv6()
    }

    /// 32 for IPv4, 128 for IPv6.
    pub fn bit_len(&self) -> u8 {
        bit_len(self.address)
    }

    /// Whether the address has bits set after the prefix: `192.168.1.1/24` (a bridge address
    /// in its subnet) rather than `192.168.1.0/24` (the subnet itself).
    pub fn has_host_bits(&self) -> bool {
        bits(self.address) & !self.mask() != 0
    }

    /// The subnet itself: the address with its host bits cleared (`192.168.1.0/24` for
    /// `192.168.1.1/24`).
    pub fn network(&self) -> Cidr {
        Cidr {
            address: from_bits(self.address, bits(self.address) & self.mask()),
            prefix_len: self.prefix_len,
        }
    }

    /// The first address of the subnet.
    pub fn first_address(&self) -> IpAddr {
        self.network().address
    }

    /// The last address of the subnet (the broadcast address of an IPv4 subnet).
    pub fn last_address(&self) -> IpAddr {
        from_bits(
            self.address,
            (bits(self.address) & self.mask()) | (!self.mask() & full(self.bit_len())),
        )
    }

    /// Whether `address` is in the subnet. An address of the other family never is.
    pub fn contains(&self, address: IpAddr) -> bool {
        address.is_ipv4() == self.is_ipv4() && bits(address) & self.mask() == self.network_bits()
    }

    /// Whether every address of `other` is in this subnet: `10.0.0.0/8` contains
    /// `10.1.0.0/16` and itself, not `0.0.0.0/0`.
    pub fn contains_subnet(&self, other: &Cidr) -> bool {
        other.is_ipv4() == self.is_ipv4()
            && self.prefix_len <= other.prefix_len
            && self.contains(other.address)
    }

    /// Whether the two subnets share an address: one of them contains the other (CIDR
    /// blocks never partly overlap).
    pub fn overlaps(&self, other: &Cidr) -> bool {
        self.contains_subnet(other) || other.contains_subnet(self)
    }

    fn mask(&self) -> u128 {
        mask(self.prefix_len, self.bit_len())
    }

    fn network_bits(&self) -> u128 {
        bits(self.address) & self.mask()
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.address, self.prefix_len)
    }
}

fn parse(text: &str, syntax: Syntax) -> Result<Cidr, CidrError> {
    let error = |kind, start: usize, end: usize| CidrError {
        kind,
        range: TextRange::new(start as u32, end as u32),
        input: text.to_owned(),
    };
    let Some(slash) = text.find('/') else {
        return Err(error(CidrErrorKind::MissingPrefix, 0, text.len()));
    };
    let (address_text, prefix_text) = (&text[..slash], &text[slash + 1..]);
    // Rust's parsers, like Go's `netip.ParseAddr`, refuse zones and leading zeros in IPv4
    // octets; IPv4-mapped IPv6 addresses stay IPv6.
    let Ok(address) = address_text.parse::<IpAddr>() else {
        return Err(error(CidrErrorKind::InvalidAddress, 0, slash));
    };
    let prefix_range = (slash + 1, text.len());
    let leading_zero =
        syntax == Syntax::Netip && prefix_text.len() > 1 && prefix_text.starts_with('0');
    if prefix_text.is_empty() || !prefix_text.bytes().all(|b| b.is_ascii_digit()) || leading_zero {
        return Err(error(
            CidrErrorKind::InvalidPrefix,
            prefix_range.0,
            prefix_range.1,
        ));
    }
    // Digits only: an overflow is a length far beyond 128.
    let prefix_len = prefix_text.parse::<u32>().unwrap_or(u32::MAX);
    match u8::try_from(prefix_len)
        .ok()
        .and_then(|length| Cidr::new(address, length))
    {
        Some(cidr) => Ok(cidr),
        None => Err(error(
            CidrErrorKind::PrefixTooLong,
            prefix_range.0,
            prefix_range.1,
        )),
    }
}

fn bit_len(address: IpAddr) -> u8 {
    match address {
        IpAddr::V4(_) => 32,
        IpAddr::V6(_) => 128,
    }
}

/// The address as a number, right-aligned.
fn bits(address: IpAddr) -> u128 {
    match address {
        IpAddr::V4(v4) => u128::from(u32::from(v4)),
        IpAddr::V6(v6) => u128::from(v6),
    }
}

/// The address of the same family as `family` whose number is `bits`.
fn from_bits(family: IpAddr, bits: u128) -> IpAddr {
    match family {
        // The callers mask `bits` to 32 bits for IPv4, so the truncation keeps every bit.
        IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::from(bits as u32)),
        IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::from(bits)),
    }
}

/// All `width` bits set.
fn full(width: u8) -> u128 {
    if width >= 128 {
        u128::MAX
    } else {
        (1u128 << width) - 1
    }
}

/// The first `prefix_len` of `width` bits set.
fn mask(prefix_len: u8, width: u8) -> u128 {
    if prefix_len == 0 {
        0
    } else {
        (u128::MAX << (width - prefix_len)) & full(width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `text` and describes the result: `network/len host-bits` or the error kind and
    /// the part at fault.
    fn check(text: &str, expected: &str) {
        let actual = match Cidr::parse(text) {
            Ok(cidr) => {
                let host = if cidr.has_host_bits() {
                    " host-bits"
                } else {
                    ""
                };
                format!(
                    "{} {}..{}{host}",
                    cidr,
                    cidr.first_address(),
                    cidr.last_address()
                )
            }
            Err(error) => format!("{:?} `{}`", error.kind, error.range.slice(text)),
        };
        assert_eq!(actual, expected, "{text}");
    }

    fn cidr(text: &str) -> Cidr {
        Cidr::parse(text).unwrap_or_else(|error| panic!("{text}: {:?}", error.kind))
    }

    #[test]
    fn ipv4() {
        check("10.0.0.0/8", "10.0.0.0/8 10.0.0.0..10.255.255.255");
        check(
            "192.168.1.1/24",
            "192.168.1.1/24 192.168.1.0..192.168.1.255 host-bits",
        );
        check("0.0.0.0/0", "0.0.0.0/0 0.0.0.0..255.255.255.255");
        check("10.1.2.3/32", "10.1.2.3/32 10.1.2.3..10.1.2.3");
        check("172.17.0.0/024", "172.17.0.0/24 172.17.0.0..172.17.0.255");
    }

    #[test]
    fn ipv6() {
        check("fd00::/64", "fd00::/64 fd00::..fd00::ffff:ffff:ffff:ffff");
        check(
            "2001:db8::1/48",
            "2001:db8::1/48 2001:db8::..2001:db8:0:ffff:ffff:ffff:ffff:ffff host-bits",
        );
        check("::/0", "::/0 ::..ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        check("::1/128", "::1/128 ::1..::1");
        check(
            "::ffff:10.0.0.0/104",
            "::ffff:10.0.0.0/104 ::ffff:10.0.0.0..::ffff:10.255.255.255",
        );
    }

    #[test]
    fn errors_point_at_the_part_at_fault() {
        check("10.0.0.0", "MissingPrefix `10.0.0.0`");
        check("", "MissingPrefix ``");
        check("10.0.0/8", "InvalidAddress `10.0.0`");
        check("010.0.0.0/8", "InvalidAddress `010.0.0.0`");
        check("fe80::1%eth0/64", "InvalidAddress `fe80::1%eth0`");
        check("host/8", "InvalidAddress `host`");
        check("10.0.0.0/", "InvalidPrefix ``");
        check("10.0.0.0/+8", "InvalidPrefix `+8`");
        check("10.0.0.0/8/8", "InvalidPrefix `8/8`");
        check("10.0.0.0/33", "PrefixTooLong `33`");
        check("fd00::/129", "PrefixTooLong `129`");
        check(
            "10.0.0.0/99999999999999999999",
            "PrefixTooLong `99999999999999999999`",
        );
    }

    #[test]
    fn netip_refuses_leading_zeros_in_the_prefix() {
        assert!(Cidr::parse("10.0.0.0/08").is_ok());
        let error = Cidr::parse_prefix("10.0.0.0/08").unwrap_err();
        assert_eq!(error.kind, CidrErrorKind::InvalidPrefix);
        assert!(Cidr::parse_prefix("10.0.0.0/0").is_ok());
        assert!(Cidr::parse_prefix("10.0.0.0/8").is_ok());
    }

    #[test]
    fn messages_name_the_part_and_the_family() {
        let message = Cidr::parse("10.0.0.0/40").unwrap_err().message();
        assert_eq!(
            message.en,
            "the prefix length `40` is longer than the 32 bits of an IPv4 address"
        );
        assert_eq!(
            message.fr,
            "la longueur de préfixe `40` dépasse les 32 bits d'une adresse IPv4"
        );
    }

    #[test]
    fn containment() {
        let net = cidr("10.0.0.0/8");
        assert!(net.contains("10.200.3.4".parse().unwrap()));
        assert!(!net.contains("11.0.0.0".parse().unwrap()));
        assert!(!net.contains("::ffff:10.0.0.1".parse().unwrap()));
        assert!(net.contains_subnet(&cidr("10.1.0.0/16")));
        assert!(net.contains_subnet(&net));
        assert!(!net.contains_subnet(&cidr("0.0.0.0/0")));
        assert!(!cidr("10.1.0.0/16").contains_subnet(&net));
        // The host bits of the container do not matter; those of the contained do not either.
        assert!(cidr("192.168.1.1/24").contains_subnet(&cidr("192.168.1.128/25")));
        assert!(!cidr("fd00::/8").contains_subnet(&net));
        assert!(cidr("fd00::/8").contains_subnet(&cidr("fd12:3456::/32")));
    }

    #[test]
    fn overlap() {
        let check = |a: &str, b: &str, expected: bool| {
            assert_eq!(cidr(a).overlaps(&cidr(b)), expected, "{a} {b}");
            assert_eq!(cidr(b).overlaps(&cidr(a)), expected, "{b} {a}");
        };
        check("10.0.0.0/8", "10.10.0.0/16", true);
        check("10.0.0.0/16", "10.0.0.0/16", true);
        check("10.0.0.0/16", "10.1.0.0/16", false);
        check("172.16.0.0/12", "172.32.0.0/12", false);
        check("0.0.0.0/0", "192.168.0.0/16", true);
        check("fe80::/64", "fe80::/80", true);
        check("fe80::/64", "fe80:0:0:1::/64", false);
        check("::/0", "0.0.0.0/0", false);
    }

    #[test]
    fn network_clears_host_bits() {
        assert_eq!(cidr("192.168.1.1/24").network(), cidr("192.168.1.0/24"));
        assert_eq!(cidr("fd00::1/64").network().to_string(), "fd00::/64");
        assert_eq!(cidr("10.0.0.1/0").network().to_string(), "0.0.0.0/0");
        assert!(Cidr::new("10.0.0.0".parse().unwrap(), 33).is_none());
    }
}
