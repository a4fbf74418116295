//! The networks dockerd sets up: the default bridge (`bip`, `fixed-cidr`, `default-gateway`
//! and their IPv6 twins) and the pools new networks take their subnets from
//! (`default-address-pools`), with the checks moby's bridge driver and IPAM make.

use crate::cidr::Cidr;
use crate::msg;
use crate::yaml::{Entry, Node};

use super::super::problem::{HostProblem, HostProblemKind};
use super::super::read::{Fields, items, spanned};
use super::super::spanned::Spanned;
use super::DaemonConfig;

/// One entry of `default-address-pools`: new networks get subnets of `size` bits carved out
/// of `base` (`{"base": "10.10.0.0/16", "size": 24}` gives 256 networks of 256 addresses).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressPool {
    pub base: Option<Spanned<Cidr>>,
    pub size: Option<Spanned<i64>>,
}

impl AddressPool {
    /// How many subnets the pool holds, when both halves are valid (saturating at `u128::MAX`).
    pub fn subnet_count(&self) -> Option<u128> {
        let base = self.base.as_ref()?;
        let size = u8::try_from(self.size.as_ref()?.value).ok()?;
        let bits = size.checked_sub(base.prefix_len())?;
        (size <= base.bit_len()).then(|| 1u128.checked_shl(u32::from(bits)).unwrap_or(u128::MAX))
    }
}

/// The pools of `default-address-pools`, each spanning its whole object. A pool without
/// `base` or `size` is reported here (dockerd refuses it as "not in canonical form"); a key
/// with a wrong value is the schema's to report.
pub(crate) fn read_pools(
    entry: Option<&Entry>,
    problems: &mut Vec<HostProblem>,
) -> Vec<Spanned<AddressPool>> {
    let Some(entry) = entry else {
        return Vec::new();
    };
    let mut pools = Vec::new();
    for item in items(&entry.value) {
        if item.as_mapping().is_none() {
            continue;
        }
        let fields = Fields::of(Some(item), true);
        let missing = match (fields.entry("base"), fields.entry("size")) {
            (None, _) => Some(msg!(
                "this address pool has no `base`, the range its networks are taken from (such as `10.10.0.0/16`): dockerd refuses to start",
                "ce groupe d'adresses n'a pas de `base`, la plage d'où sont pris ses réseaux (comme `10.10.0.0/16`) : dockerd refuse de démarrer"
            )),
            (_, None) => Some(msg!(
                "this address pool has no `size`, the prefix length of the networks taken from it (such as 24): dockerd refuses to start",
                "ce groupe d'adresses n'a pas de `size`, la longueur de préfixe des réseaux qui y sont pris (comme 24) : dockerd refuse de démarrer"
            )),
            _ => None,
        };
        if let Some(message) = missing {
            problems.push(HostProblem::refused(
                HostProblemKind::InvalidValue,
                item.range,
                message,
            ));
        }
        let base = fields
            .string("base")
            .and_then(|base| read_cidr(base, Strictness::Netip, problems));
        let size = fields.integer("size");
        pools.push(Spanned::new(
            AddressPool { base, size },
            entry.key.range,
            item.range,
        ));
    }
    pools
}

/// How strictly an option's CIDR is read: `net.ParseCIDR` or `netip.ParsePrefix`.
#[derive(Clone, Copy)]
pub(crate) enum Strictness {
    Net,
    Netip,
}

/// The CIDR of a string setting. An invalid one is left out: schema validation reports what
/// `net.ParseCIDR` refuses, this reports what only `netip.ParsePrefix` does (`/08`).
pub(crate) fn read_cidr(
    text: Spanned<String>,
    strictness: Strictness,
    problems: &mut Vec<HostProblem>,
) -> Option<Spanned<Cidr>> {
    let parsed = match strictness {
        Strictness::Net => Cidr::parse(&text),
        Strictness::Netip => Cidr::parse_prefix(&text),
    };
    match parsed {
        Ok(cidr) => Some(text.map(|_| cidr)),
        Err(error) => {
            if Cidr::parse(&text).is_ok() {
                let reason = error.message();
                let (value, reason_en, reason_fr) = (text.as_str(), &reason.en, &reason.fr);
                problems.push(HostProblem::refused(
                    HostProblemKind::InvalidValue,
                    text.range,
                    msg!(
                        "`{value}` is not a subnet: {reason_en}",
                        "`{value}` n'est pas un sous-réseau : {reason_fr}"
                    ),
                ));
            }
            None
        }
    }
}

/// The checks on the default bridge and the address pools.
pub(crate) fn check(config: &DaemonConfig, problems: &mut Vec<HostProblem>) {
    check_families(config, problems);
    check_user_bridge(config, problems);
    check_fixed_cidr_v6(config, problems);
    for (bip, fixed) in [
        (&config.bip, &config.fixed_cidr),
        (&config.bip6, &config.fixed_cidr_v6),
    ] {
        if config.bridge.is_none()
            && let (Some(bip), Some(fixed)) = (bip, fixed)
        {
            check_fixed_cidr_in_bip(bip, fixed, problems);
        }
    }
    for (gateway, bip) in [
        (&config.default_gateway, &config.bip),
        (&config.default_gateway_v6, &config.bip6),
    ] {
        if let (Some(gateway), Some(bip)) = (gateway, bip)
            && gateway.is_ipv4() == bip.is_ipv4()
            && !bip.contains(gateway.value)
        {
            let subnet = bip.network();
            problems.push(
                HostProblem::refused(
                    HostProblemKind::Conflict,
                    gateway.range,
                    msg!(
                        "the default gateway {} is outside the default bridge's subnet {subnet}: dockerd cannot create the bridge and does not start",
                        "la passerelle par défaut {} est hors du sous-réseau {subnet} du pont par défaut : dockerd ne peut pas créer le pont et ne démarre pas",
                        gateway.value
                    ),
                )
                .with_related(bip.range, msg!("subnet set here", "sous-réseau défini ici")),
            );
        }
    }
    check_pools(&config.default_address_pools, problems);
}

/// `bip` and `fixed-cidr` are IPv4, `bip6` and `fixed-cidr-v6` IPv6; gateways likewise.
fn check_families(config: &DaemonConfig, problems: &mut Vec<HostProblem>) {
    let subnets = [
        ("bip", &config.bip, true, "bip6"),
        ("fixed-cidr", &config.fixed_cidr, true, "fixed-cidr-v6"),
        ("bip6", &config.bip6, false, "bip"),
        ("fixed-cidr-v6", &config.fixed_cidr_v6, false, "fixed-cidr"),
    ];
    for (key, value, ipv4, twin) in subnets {
        if let Some(value) = value
            && value.is_ipv4() != ipv4
        {
            problems.push(wrong_family(key, value.range, ipv4, twin));
        }
    }
    let gateways = [
        (
            "default-gateway",
            &config.default_gateway,
            true,
            "default-gateway-v6",
        ),
        (
            "default-gateway-v6",
            &config.default_gateway_v6,
            false,
            "default-gateway",
        ),
    ];
    for (key, value, ipv4, twin) in gateways {
        if let Some(value) = value
            && value.is_ipv4() != ipv4
        {
            problems.push(wrong_family(key, value.range, ipv4, twin));
        }
    }
}

fn wrong_family(key: &str, range: crate::text::TextRange, ipv4: bool, twin: &str) -> HostProblem {
    let (family, other) = if ipv4 {
        ("IPv4", "IPv6")
    } else {
        ("IPv6", "IPv4")
    };
    HostProblem::refused(
        HostProblemKind::InvalidValue,
        range,
        msg!(
            "`{key}` takes an {family} value; an {other} one belongs in `{twin}`",
            "`{key}` prend une valeur {family} ; une valeur {other} va dans `{twin}`"
        ),
    )
}

/// `bridge` names a bridge the user manages, whose addresses dockerd does not set.
fn check_user_bridge(config: &DaemonConfig, problems: &mut Vec<HostProblem>) {
    let Some(bridge) = &config.bridge else {
        return;
    };
    for (key, value) in [("bip", &config.bip), ("bip6", &config.bip6)] {
        if let Some(value) = value {
            problems.push(
                HostProblem::refused(
                    HostProblemKind::Conflict,
                    value.key_range,
                    msg!(
                        "`{key}` and `bridge` cannot both be set: `{key}` configures the bridge dockerd creates, `bridge` names one you manage; dockerd refuses to start",
                        "`{key}` et `bridge` ne peuvent pas être définis ensemble : `{key}` règle le pont que crée dockerd, `bridge` désigne un pont que vous gérez ; dockerd refuse de démarrer"
                    ),
                )
                .with_related(bridge.key_range, msg!("`bridge` set here", "`bridge` défini ici")),
            );
        }
    }
}

/// moby's `ValidateFixedCIDRV6`: a true IPv6 subnet, not multicast, not inside the
/// link-local `fe80::/64` unless it is that prefix.
fn check_fixed_cidr_v6(config: &DaemonConfig, problems: &mut Vec<HostProblem>) {
    let Some(fixed) = &config.fixed_cidr_v6 else {
        return;
    };
    let std::net::IpAddr::V6(address) = fixed.address() else {
        // Reported by the family check.
        return;
    };
    let subnet = fixed.value;
    let link_local = Cidr::new(
        std::net::Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 0).into(),
        64,
    )
    .expect("64 bits fit an IPv6 address");
    let reason = if address.to_ipv4_mapped().is_some() {
        msg!(
            "`{subnet}` is an IPv4 subnet written in IPv6",
            "`{subnet}` est un sous-réseau IPv4 écrit en IPv6"
        )
    } else if address.is_multicast() {
        msg!(
            "`{subnet}` is a multicast subnet",
            "`{subnet}` est un sous-réseau multicast"
        )
    } else if subnet.network() != link_local && link_local.overlaps(&subnet) {
        msg!(
            "`{subnet}` clashes with the link-local prefix `fe80::/64`",
            "`{subnet}` empiète sur le préfixe lien-local `fe80::/64`"
        )
    } else {
        return;
    };
    let (reason_en, reason_fr) = (&reason.en, &reason.fr);
    problems.push(HostProblem::refused(
        HostProblemKind::InvalidValue,
        fixed.range,
        msg!(
            "invalid `fixed-cidr-v6`: {reason_en}; dockerd refuses to start",
            "`fixed-cidr-v6` invalide : {reason_fr} ; dockerd refuse de démarrer"
        ),
    ));
}

/// `fixed-cidr` is the part of the bridge's subnet (`bip`) containers take addresses from.
fn check_fixed_cidr_in_bip(
    bip: &Spanned<Cidr>,
    fixed: &Spanned<Cidr>,
    problems: &mut Vec<HostProblem>,
) {
    if bip.is_ipv4() != fixed.is_ipv4() {
        return;
    }
    let subnet = bip.network();
    if subnet.contains_subnet(&fixed.value) {
        return;
    }
    let range = fixed.value;
    let related = msg!("bridge subnet set here", "sous-réseau du pont défini ici");
    if fixed.contains_subnet(&subnet) {
        problems.push(
            HostProblem::ignored(
                fixed.range,
                msg!(
                    "`{range}` is wider than the default bridge's subnet {subnet}: dockerd gives containers addresses from the whole subnet instead",
                    "`{range}` est plus large que le sous-réseau {subnet} du pont par défaut : dockerd donne plutôt aux conteneurs des adresses de tout le sous-réseau"
                ),
            )
            .with_related(bip.range, related),
        );
    } else {
        problems.push(
            HostProblem::refused(
                HostProblemKind::Conflict,
                fixed.range,
                msg!(
                    "`{range}` is outside the default bridge's subnet {subnet}: containers would get addresses the bridge does not route; pick a part of {subnet}",
                    "`{range}` est hors du sous-réseau {subnet} du pont par défaut : les conteneurs recevraient des adresses que le pont ne route pas ; choisissez une partie de {subnet}"
                ),
            )
            .with_related(bip.range, related),
        );
    }
}

/// moby's `splitByIPFamily` and `newAddrSpace`: each pool needs a base and a size that fits
/// it; of overlapping pools, dockerd keeps the widest and drops the others.
fn check_pools(pools: &[Spanned<AddressPool>], problems: &mut Vec<HostProblem>) {
    let mut valid: Vec<&Spanned<Cidr>> = Vec::new();
    for pool in pools {
        let (Some(base), Some(size)) = (&pool.base, &pool.size) else {
            continue;
        };
        let (prefix, bits, value) = (base.prefix_len(), base.bit_len(), size.value);
        let message = if value == 0 {
            msg!(
                "`size` is the prefix length of the networks taken from the pool and cannot be 0: dockerd refuses to start",
                "`size` est la longueur de préfixe des réseaux pris dans le groupe et ne peut valoir 0 : dockerd refuse de démarrer"
            )
        } else if value < i64::from(prefix) {
            msg!(
                "`size` {value} is shorter than the base's prefix /{prefix}: a network cannot be larger than its pool; use a size from {prefix} to {bits}; dockerd refuses to start",
                "`size` {value} est plus court que le préfixe /{prefix} de la base : un réseau ne peut pas être plus grand que son groupe ; utilisez une taille de {prefix} à {bits} ; dockerd refuse de démarrer"
            )
        } else if value > i64::from(bits) {
            msg!(
                "`size` {value} is longer than the {bits} bits of the base's addresses: no network can be taken from this pool; use a size from {prefix} to {bits}",
                "`size` {value} dépasse les {bits} bits des adresses de la base : aucun réseau ne peut être pris dans ce groupe ; utilisez une taille de {prefix} à {bits}"
            )
        } else {
            valid.push(base);
            continue;
        };
        problems.push(
            HostProblem::refused(HostProblemKind::InvalidValue, size.range, message)
                .with_related(base.range, msg!("base set here", "base définie ici")),
        );
    }
    // dockerd sorts the pools by address, then by prefix length, and keeps a pool only when it
    // does not overlap the last one kept.
    valid.sort_by_key(|base| (base.network().address(), base.prefix_len()));
    let mut kept: Option<&Spanned<Cidr>> = None;
    for base in valid {
        match kept {
            Some(wider) if wider.overlaps(&base.value) => {
                let (dropped, other) = (base.value, wider.value);
                problems.push(
                    HostProblem::ignored(
                        base.range,
                        msg!(
                            "the pool `{dropped}` overlaps the pool `{other}`: dockerd keeps only `{other}` and ignores this one",
                            "le groupe `{dropped}` chevauche le groupe `{other}` : dockerd ne garde que `{other}` et ignore celui-ci"
                        ),
                    )
                    .with_related(wider.range, msg!("pool kept", "groupe conservé")),
                );
            }
            _ => kept = Some(base),
        }
    }
}

/// Reads an address setting as the IP it holds.
pub(crate) fn read_ip(entry: Option<&Entry>) -> Option<Spanned<std::net::IpAddr>> {
    let entry = entry?;
    spanned(entry, &entry.value, |node: &Node| {
        super::super::read::string(node)?.parse().ok()
    })
}
