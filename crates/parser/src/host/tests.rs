//! The host models over JSON text: a snapshot of each model's dump (every value with its
//! position, the questions rules ask, the problems), and the questions one by one.

use crate::json;
use crate::text::FileId;

use super::{ClientConfig, DaemonConfig, Effect, dump_client, dump_daemon};

fn daemon(text: &str) -> DaemonConfig {
    DaemonConfig::from_document(&json::parse(text, FileId(0)))
}

fn client(text: &str) -> ClientConfig {
    ClientConfig::from_document(&json::parse(text, FileId(0)))
}

fn check_daemon(text: &str) -> String {
    dump_daemon(&daemon(text), text)
}

fn check_client(text: &str) -> String {
    dump_client(&client(text), text)
}

/// The English messages of the problems, each with its effect.
fn problems(problems: &[super::HostProblem]) -> Vec<String> {
    problems
        .iter()
        .map(|problem| {
            let effect = match problem.effect {
                Effect::Refused => "refused",
                Effect::Ignored => "ignored",
            };
            format!("{effect}: {}", problem.message.en)
        })
        .collect()
}

#[test]
fn hardened_daemon() {
    // The CIS Docker Benchmark's section 2 settings, as a production host would have them.
    insta::assert_snapshot!(check_daemon(
        r#"{
  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2376"],
  "tlsverify": true,
  "tlscacert": "/etc/docker/tls/ca.pem",
  "tlscert": "/etc/docker/tls/server-cert.pem",
  "tlskey": "/etc/docker/tls/server-key.pem",
  "icc": false,
  "live-restore": true,
  "userland-proxy": false,
  "no-new-privileges": true,
  "userns-remap": "default",
  "log-level": "info",
  "log-driver": "json-file",
  "log-opts": { "max-size": "10m", "max-file": "3", "compress": "true" },
  "experimental": false,
  "authorization-plugins": ["authz-broker"],
  "default-ulimits": { "nofile": { "Name": "nofile", "Soft": 64000, "Hard": 64000 } },
  "storage-driver": "overlay2",
  "bip": "172.26.0.1/16",
  "fixed-cidr": "172.26.1.0/24",
  "default-address-pools": [{ "base": "10.100.0.0/16", "size": 24 }],
  "seccomp-profile": "/etc/docker/seccomp.json",
  "registry-mirrors": ["https://mirror.gcr.io"]
}
"#
    ));
}

#[test]
fn broken_daemon() {
    insta::assert_snapshot!(check_daemon(
        r#"{
  "live-restor": true,
  "hosts": ["tcp://0.0.0.0:2375", "ssh://admin@host"],
  "tls": false,
  "bip": "172.26.0.1/33",
  "fixed-cidr": "10.1.0.0/24",
  "log-driver": "json-file",
  "log-opts": { "max-size": "10mbytes", "max-fille": "3" },
  "icc": false,
  "iptables": false,
  "insecure-registries": ["http://registry.lab:5000", "10.0.0.0/8"],
  "default-address-pools": [
    { "base": "10.10.0.0/16", "size": 8 },
    { "base": "172.80.0.0/12", "size": 24 },
    { "base": "172.80.0.0/16", "size": 24 },
    { "size": 24 }
  ],
  "labels": ["com.docker.team=lab", "env"],
  "default-runtime": "runsc",
  "runtimes": { "gvisor": {} }
}
"#
    ));
}

#[test]
fn client_with_plain_credentials_and_proxies() {
    // What `docker login` writes without a credential helper, and proxies for containers.
    insta::assert_snapshot!(check_client(
        r#"{
  "auths": {
    "https://index.docker.io/v1/": { "auth": "c3R1ZGVudDpzM2NyZXQ=" },
    "registry.lab:5000": { "auth": "YWRtaW46YWRtaW4=", "username": "other" }
  },
  "proxies": {
    "default": {
      "httpProxy": "http://proxy.lab:3128",
      "httpsProxy": "http://student:s3cret@proxy.lab:3128",
      "noProxy": "localhost,127.0.0.1"
    },
    "tcp://docker-prod:2376": { "httpProxy": "http://proxy.prod:3128" }
  },
  "currentContext": "lab",
  "plugins": { "buildx": { "default": "lab-builder" } },
  "detachKeys": "ctrl-x,ctrl-y"
}
"#
    ));
}

#[test]
fn client_with_credential_helpers() {
    // What `docker login` writes with a credential store: empty entries, the secrets are in
    // the store. An `auth` left from before the store was set is never used, yet readable.
    insta::assert_snapshot!(check_client(
        r#"{
  "auths": {
    "https://index.docker.io/v1/": {},
    "ghcr.io": { "auth": "c3R1ZGVudDpnaHBfdG9rZW4=" },
    "123456789012.dkr.ecr.eu-west-3.amazonaws.com": {}
  },
  "credsStore": "desktop",
  "credHelpers": { "123456789012.dkr.ecr.eu-west-3.amazonaws.com": "ecr-login" }
}
"#
    ));
}

#[test]
fn broken_client() {
    insta::assert_snapshot!(check_client(
        r#"{
  "auths": {
    "registry.lab": { "auth": "not base64!" },
    "other.lab": { "auth": "c3R1ZGVudA==" }
  },
  "credStore": "desktop",
  "detachKeys": "ctrl-P"
}
"#
    ));
}

#[test]
fn empty_and_non_object_files_give_empty_models() {
    assert_eq!(daemon(""), DaemonConfig::default());
    assert_eq!(client("  \n"), ClientConfig::default());
    let config = daemon("[1, 2]");
    assert_eq!(config.hosts, []);
    assert_eq!(
        problems(&config.problems),
        ["refused: the file must be a mapping, not a list"]
    );
}

#[test]
fn tls_follows_dockerd() {
    let tls = |text: &str| {
        let tls = daemon(text).api_tls();
        (tls.enabled, tls.verifies_clients)
    };
    assert_eq!(tls("{}"), (false, false));
    assert_eq!(tls(r#"{"tls": true}"#), (true, true));
    assert_eq!(tls(r#"{"tlsverify": false}"#), (true, false));
    assert_eq!(tls(r#"{"tls": true, "tlsverify": false}"#), (true, false));
    assert_eq!(tls(r#"{"tls": false, "tlsverify": true}"#), (true, true));

    let exposed = daemon(r#"{"hosts": ["fd://", "tcp://0.0.0.0:2375", "10.0.0.5:2375"]}"#);
    let hosts: Vec<&str> = exposed
        .tcp_hosts_without_tls()
        .iter()
        .map(|host| {
            host.range
                .slice(r#"{"hosts": ["fd://", "tcp://0.0.0.0:2375", "10.0.0.5:2375"]}"#)
        })
        .collect();
    assert_eq!(hosts, [r#""tcp://0.0.0.0:2375""#, r#""10.0.0.5:2375""#]);
    let verified =
        daemon(r#"{"hosts": ["tcp://0.0.0.0:2376"], "tlsverify": true, "tlscert": "c"}"#);
    assert!(verified.tcp_hosts_without_tls().is_empty());
    assert_eq!(verified.missing_tls_files(), ["tlscacert", "tlskey"]);
}

#[test]
fn log_rotation_per_driver() {
    use super::daemon::LogRotation;
    let rotation = |text: &str| daemon(text).log_rotation();
    assert_eq!(rotation("{}"), LogRotation::Unbounded);
    assert_eq!(
        rotation(r#"{"log-opts": {"max-file": "5"}}"#),
        LogRotation::Unbounded
    );
    assert_eq!(
        rotation(r#"{"log-opts": {"max-size": "10m", "max-file": "3"}}"#),
        LogRotation::Bounded {
            max_size: 10_000_000,
            max_files: 3
        }
    );
    assert_eq!(
        rotation(r#"{"log-driver": "local"}"#),
        LogRotation::Bounded {
            max_size: 20 * 1024 * 1024,
            max_files: 5
        }
    );
    assert_eq!(
        rotation(r#"{"log-driver": "journald"}"#),
        LogRotation::NotOnHost
    );
    assert_eq!(
        rotation(r#"{"log-opts": {"max-size": "-1"}}"#),
        LogRotation::Invalid
    );
}

#[test]
fn log_options_are_checked_against_the_driver() {
    let check = |text: &str, expected: &[&str]| {
        assert_eq!(problems(&daemon(text).problems), expected, "{text}");
    };
    check(
        r#"{"log-opts": {"max-size": "10m", "tag": "{{.Name}}", "mode": "non-blocking", "max-buffer-size": "4m", "cache-disabled": "false"}}"#,
        &[],
    );
    check(
        r#"{"log-opts": {"max-size": "0"}}"#,
        &["refused: `max-size` of the json-file driver must be more than 0 bytes, such as `10m`"],
    );
    check(
        r#"{"log-opts": {"max-file": "0"}}"#,
        &[
            "refused: `max-file` of the json-file driver must be a whole number of files, at least 1, such as `3`",
        ],
    );
    check(
        r#"{"log-opts": {"compress": "true", "max-file": "3"}}"#,
        &[
            "refused: the json-file driver compresses only rotated files: `compress` needs `max-size` and a `max-file` of at least 2",
        ],
    );
    check(
        r#"{"log-driver": "local", "log-opts": {"max-file": "1"}}"#,
        &[
            "refused: the local driver compresses rotated files unless `compress` is `false`, which needs a `max-file` of at least 2",
        ],
    );
    check(
        r#"{"log-driver": "local", "log-opts": {"max-file": "1", "compress": "false"}}"#,
        &[],
    );
    check(
        r#"{"log-opts": {"max-buffer-size": "4m"}}"#,
        &["refused: `max-buffer-size` works only with `mode` set to `non-blocking`"],
    );
    check(
        r#"{"log-opts": {"mode": "async"}}"#,
        &["refused: `mode` is `blocking` or `non-blocking`, not `async`"],
    );
    check(
        r#"{"log-driver": "syslog", "log-opts": {"syslog-address": "udp://1.2.3.4:514"}}"#,
        &[],
    );
    check(
        r#"{"log-driver": "none", "log-opts": {"max-size": "10m"}}"#,
        &["ignored: `log-opts` has no effect with the `none` logging driver, which keeps no logs"],
    );
}

#[test]
fn network_checks() {
    let check = |text: &str, expected: &[&str]| {
        assert_eq!(problems(&daemon(text).problems), expected, "{text}");
    };
    check(
        r#"{"bip": "192.168.50.1/24", "fixed-cidr": "192.168.50.128/25", "default-gateway": "192.168.50.254"}"#,
        &[],
    );
    check(
        r#"{"bip": "192.168.50.1/24", "default-gateway": "192.168.60.1"}"#,
        &[
            "refused: the default gateway 192.168.60.1 is outside the default bridge's subnet 192.168.50.0/24: dockerd cannot create the bridge and does not start",
        ],
    );
    check(
        r#"{"bip": "192.168.50.1/24", "fixed-cidr": "192.168.0.0/16"}"#,
        &[
            "ignored: `192.168.0.0/16` is wider than the default bridge's subnet 192.168.50.0/24: dockerd gives containers addresses from the whole subnet instead",
        ],
    );
    check(
        r#"{"bip": "fd00::1/64"}"#,
        &["refused: `bip` takes an IPv4 value; an IPv6 one belongs in `bip6`"],
    );
    check(
        r#"{"bridge": "br0", "bip": "192.168.50.1/24"}"#,
        &[
            "refused: `bip` and `bridge` cannot both be set: `bip` configures the bridge dockerd creates, `bridge` names one you manage; dockerd refuses to start",
        ],
    );
    check(
        r#"{"fixed-cidr-v6": "fe80::/80"}"#,
        &[
            "refused: invalid `fixed-cidr-v6`: `fe80::/80` clashes with the link-local prefix `fe80::/64`; dockerd refuses to start",
        ],
    );
    check(r#"{"fixed-cidr-v6": "fe80::/64"}"#, &[]);
    check(
        r#"{"fixed-cidr-v6": "2001:db8::/064"}"#,
        &[
            "refused: `2001:db8::/064` is not a subnet: `064` is not a prefix length: write a number of bits without sign or leading zero, such as `24`",
        ],
    );
    check(
        r#"{"icc": false, "ipv6": true, "ip6tables": false}"#,
        &[
            "refused: `ip6tables: false` cannot go with `icc: false`: blocking traffic between containers is done with ip6tables rules; set one of them to true, or dockerd refuses to start",
        ],
    );
    check(r#"{"icc": false, "ip6tables": false}"#, &[]);
    check(
        r#"{"ip-masq": true, "iptables": false}"#,
        &[
            "ignored: `ip-masq` has no effect with `iptables: false`: dockerd turns masquerading off",
        ],
    );
    check(
        r#"{"default-address-pools": [{"base": "10.0.0.0/8", "size": 40}]}"#,
        &[
            "refused: `size` 40 is longer than the 32 bits of the base's addresses: no network can be taken from this pool; use a size from 8 to 32",
        ],
    );
}

#[test]
fn runtime_and_misc_checks() {
    let check = |text: &str, expected: &[&str]| {
        assert_eq!(problems(&daemon(text).problems), expected, "{text}");
    };
    check(r#"{"default-runtime": "io.containerd.runsc.v1"}"#, &[]);
    check(
        r#"{"runtimes": {"gvisor": {"path": "/usr/bin/runsc", "runtimeArgs": ["--platform=kvm"]}}, "default-runtime": "gvisor"}"#,
        &[],
    );
    check(
        r#"{"runtimes": {"runc": {"path": "/usr/bin/runc"}}}"#,
        &[
            "refused: the runtime name `runc` is reserved for dockerd's own runc: choose another name; dockerd refuses to start",
        ],
    );
    check(
        r#"{"runtimes": {"kata": {"runtimeType": "io.containerd.kata.v2", "runtimeArgs": ["-x"]}}}"#,
        &[
            "refused: `runtimeArgs` pass arguments to a binary and cannot go with `runtimeType`: use `options` for a shim; dockerd refuses to start",
        ],
    );
    check(
        r#"{"runtimes": {"crun": {"path": "/usr/bin/crun", "options": {"x": 1}}}}"#,
        &[
            "refused: `options` configure a containerd shim and cannot go with `path`: use `runtimeArgs` for a binary; dockerd refuses to start",
        ],
    );
    check(
        r#"{"runtimes": {"gvisor": {"path": "/usr/bin/runsc"}}, "default-runtime": "gvisr"}"#,
        &[
            "refused: the default runtime `gvisr` does not exist: use `runc` or a name defined under `runtimes`; dockerd refuses to start (did you mean `gvisor`?)",
        ],
    );
    check(
        r#"{"exec-opts": ["native.cgroupdriver=systemd"], "cgroup-parent": "/docker"}"#,
        &[
            "refused: with the systemd cgroup driver, `cgroup-parent` must be a slice named like `docker.slice`; dockerd refuses to start",
        ],
    );
    check(
        r#"{"exec-opts": ["native.cgroupdriver=systemd"], "cgroup-parent": "docker.slice"}"#,
        &[],
    );
    check(
        r#"{"exec-opts": ["native.cgroupdriver=none", "foo=bar"]}"#,
        &[
            "refused: invalid exec option: the cgroup driver is `systemd` or `cgroupfs`, not `none`; dockerd refuses to start",
            "refused: invalid exec option: unknown option `foo`: Linux daemons know only `native.cgroupdriver`; dockerd refuses to start",
        ],
    );
    check(
        r#"{"labels": ["team=lab", "team=prod", "team=lab"]}"#,
        &["refused: the label `team` is set twice with different values; dockerd refuses to start"],
    );
    check(
        r#"{"default-ulimits": {"nofile": {"Name": "nofile", "Soft": 2048, "Hard": 1024}, "nproc": {"Name": "nprocs", "Soft": 1}, "core": {"Soft": 0}}}"#,
        &[
            "refused: the soft limit of `nofile` (2048) is above its hard limit (1024): every container would fail to start",
            "refused: `nprocs` is not a resource limit runc knows: every container would fail to start (did you mean `nproc`?)",
            "refused: the limit `core` has no `Name`, which dockerd applies it by (such as `\"Name\": \"core\"`): every container would fail to start",
        ],
    );
    check(
        r#"{"containerd-namespace": "plugins.moby"}"#,
        &[
            "refused: containers and plugins cannot share the containerd namespace `plugins.moby`; dockerd refuses to start",
        ],
    );
    check(
        r#"{"tls": false, "tlsverify": true}"#,
        &["ignored: `tls: false` has no effect: setting `tlsverify` turns TLS on"],
    );
    check(
        r#"{"registry-mirrors": ["https://m.lab", "https://m.lab/", "m.lab"]}"#,
        &[
            "ignored: this mirror repeats an earlier one, which dockerd keeps instead",
            "refused: invalid registry mirror: `m.lab` has no scheme: write `https://m.lab` (or `http://` for a mirror without TLS); dockerd refuses to start",
        ],
    );
    check(
        r#"{"min-api-version": "v1.24", "userland-proxy-path": "docker-proxy"}"#,
        &[
            "refused: write the API version without `v`, such as `1.24`; dockerd refuses to start",
            "refused: `userland-proxy-path` must be an absolute path; dockerd refuses to start",
        ],
    );
}

#[test]
fn cis_questions() {
    let lab = daemon(
        r#"{"iptables": false, "userns-remap": "", "seccomp-profile": "unconfined", "storage-driver": "aufs", "storage-opts": ["dm.basesize=20G"]}"#,
    );
    assert!(lab.icc() && !lab.iptables() && lab.ip6tables());
    assert_eq!(lab.disabled_firewalls().len(), 1);
    assert!(!lab.userns_remapped());
    assert!(lab.seccomp_unconfined());
    assert!(lab.deprecated_storage_driver().is_some());
    assert!(lab.base_size_option().is_some());
    assert!(!lab.live_restore() && lab.userland_proxy() && !lab.no_new_privileges());
    assert_eq!(lab.log_level(), "info");
    assert_eq!(
        daemon(r#"{"debug": true, "log-level": "warn"}"#).log_level(),
        "debug"
    );
    assert_eq!(daemon(r#"{"log-level": "WARN"}"#).log_level(), "warn");
}

#[test]
fn client_credentials() {
    let config = client(
        r#"{
  "auths": {
    "a.lab": { "auth": "dXNlcjo=" },
    "b.lab": { "auth": "YTpi", "password": "p" },
    "c.lab": { "identitytoken": "t" }
  },
  "credHelpers": { "c.lab": "pass" }
}"#,
    );
    let credentials: Vec<String> = config
        .plain_text_credentials()
        .iter()
        .map(|credential| {
            format!(
                "{} {} {}",
                credential.registry,
                credential.field,
                credential.helper.map_or("-", |helper| helper.as_str())
            )
        })
        .collect();
    // `user:` holds no password; `c.lab` has a helper, and its token is still in the file.
    assert_eq!(
        credentials,
        [
            "b.lab auth -",
            "b.lab password -",
            "c.lab identitytoken pass"
        ]
    );
    assert!(config.auths["a.lab"].decoded.is_some());
    assert!(!config.auths["a.lab"].holds_secret());
    assert_eq!(
        config
            .credential_helper("https://c.lab/v1/")
            .map(|helper| helper.as_str()),
        Some("pass")
    );
}
