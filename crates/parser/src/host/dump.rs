//! A readable text form of the host models, every value with its `line:column`: for tests
//! (each fixture's snapshot) and for debugging.

use std::collections::BTreeMap;
use std::fmt::{Debug, Write};

use crate::text::{LineIndex, TextRange};

use super::client::ClientConfig;
use super::daemon::{DaemonConfig, DaemonHost, InsecureRegistry};
use super::problem::{Effect, HostProblem};
use super::spanned::Spanned;

/// The daemon model of `text`: each setting read, the questions rules ask, then the problems
/// (in English).
pub fn dump_daemon(config: &DaemonConfig, text: &str) -> String {
    let mut out = Dumper::new(text);
    out.list("hosts", &config.hosts, |host| match host {
        DaemonHost::Tcp(tcp) => {
            let port = tcp
                .port
                .map_or("default".to_owned(), |port| port.to_string());
            format!("tcp host={:?} port={port}", tcp.host)
        }
        DaemonHost::Unix { path } => format!("unix {path:?}"),
        DaemonHost::Fd { name } => format!("fd {name:?}"),
        DaemonHost::Npipe { path } => format!("npipe {path:?}"),
    });
    out.option("tls", &config.tls);
    out.option("tlsverify", &config.tlsverify);
    out.option("tlscacert", &config.tlscacert);
    out.option("tlscert", &config.tlscert);
    out.option("tlskey", &config.tlskey);
    out.list(
        "authorization-plugins",
        &config.authorization_plugins,
        debug,
    );
    out.list(
        "insecure-registries",
        &config.insecure_registries,
        |registry| match registry {
            InsecureRegistry::Subnet(subnet) => format!("subnet {subnet}"),
            InsecureRegistry::Host(host) => format!("host {host:?}"),
        },
    );
    out.list("registry-mirrors", &config.registry_mirrors, debug);
    out.option("log-driver", &config.log_driver);
    out.map("log-opts", &config.log_opts, debug);
    out.option("log-level", &config.log_level);
    out.option("debug", &config.debug);
    out.option("live-restore", &config.live_restore);
    out.option("icc", &config.icc);
    out.option("iptables", &config.iptables);
    out.option("ip6tables", &config.ip6tables);
    out.option("ip-masq", &config.ip_masq);
    out.option("userland-proxy", &config.userland_proxy);
    out.option("userland-proxy-path", &config.userland_proxy_path);
    out.option("userns-remap", &config.userns_remap);
    out.option("no-new-privileges", &config.no_new_privileges);
    out.option("experimental", &config.experimental);
    out.option("seccomp-profile", &config.seccomp_profile);
    out.option("selinux-enabled", &config.selinux_enabled);
    out.option("cgroup-parent", &config.cgroup_parent);
    out.list("exec-opts", &config.exec_opts, debug);
    out.map("default-ulimits", &config.default_ulimits, |ulimit| {
        let limit = |value: &Option<Spanned<i64>>| {
            value
                .as_ref()
                .map_or("-".to_owned(), |value| value.value.to_string())
        };
        let name = ulimit.name.as_ref().map_or("-", |name| name.as_str());
        format!(
            "name={name} soft={} hard={}",
            limit(&ulimit.soft),
            limit(&ulimit.hard)
        )
    });
    out.map("features", &config.features, debug);
    out.option("rootless", &config.rootless);
    out.option("group", &config.group);
    out.option("storage-driver", &config.storage_driver);
    out.list("storage-opts", &config.storage_opts, debug);
    out.option("data-root", &config.data_root);
    out.option("bridge", &config.bridge);
    out.display("bip", &config.bip);
    out.display("bip6", &config.bip6);
    out.display("fixed-cidr", &config.fixed_cidr);
    out.display("fixed-cidr-v6", &config.fixed_cidr_v6);
    out.display("default-gateway", &config.default_gateway);
    out.display("default-gateway-v6", &config.default_gateway_v6);
    out.list(
        "default-address-pools",
        &config.default_address_pools,
        |pool| {
            let base = pool
                .base
                .as_ref()
                .map_or("-".to_owned(), |base| base.value.to_string());
            let size = pool
                .size
                .as_ref()
                .map_or("-".to_owned(), |size| size.value.to_string());
            let count = pool
                .subnet_count()
                .map_or(String::new(), |count| format!(" ({count} networks)"));
            format!("base={base} size={size}{count}")
        },
    );
    out.option("ipv6", &config.ipv6);
    out.display("ip", &config.ip);
    out.list("dns", &config.dns, ToString::to_string);
    out.map("runtimes", &config.runtimes, |runtime| {
        let mut parts = Vec::new();
        if let Some(path) = &runtime.path {
            parts.push(format!("path={:?}", path.value));
        }
        if let Some(kind) = &runtime.runtime_type {
            parts.push(format!("runtimeType={:?}", kind.value));
        }
        if !runtime.runtime_args.is_empty() {
            let args: Vec<&str> = runtime
                .runtime_args
                .iter()
                .map(|arg| arg.as_str())
                .collect();
            parts.push(format!("runtimeArgs={args:?}"));
        }
        if runtime.options.is_some() {
            parts.push("options".to_owned());
        }
        if parts.is_empty() {
            "empty".to_owned()
        } else {
            parts.join(" ")
        }
    });
    out.option("default-runtime", &config.default_runtime);
    out.list("labels", &config.labels, debug);
    out.option("containerd-namespace", &config.containerd_namespace);
    out.option(
        "containerd-plugins-namespace",
        &config.containerd_plugins_namespace,
    );
    out.option("min-api-version", &config.min_api_version);

    out.heading("questions");
    let tls = config.api_tls();
    out.answer(
        "api_tls",
        format!(
            "enabled={} verifies_clients={}",
            tls.enabled, tls.verifies_clients
        ),
    );
    let places = |out: &Dumper<'_>, ranges: Vec<TextRange>| {
        let places: Vec<String> = ranges.into_iter().map(|range| out.place(range)).collect();
        format!("[{}]", places.join(", "))
    };
    let tcp = config
        .tcp_hosts_without_tls()
        .iter()
        .map(|host| host.range)
        .collect();
    out.answer("tcp_hosts_without_tls", places(&out, tcp));
    out.answer(
        "missing_tls_files",
        format!("{:?}", config.missing_tls_files()),
    );
    out.answer("log_driver", config.log_driver().to_owned());
    out.answer("log_rotation", format!("{:?}", config.log_rotation()));
    out.answer("log_level", config.log_level());
    let firewalls = config
        .disabled_firewalls()
        .iter()
        .map(|setting| setting.range)
        .collect();
    out.answer("disabled_firewalls", places(&out, firewalls));
    out.answer(
        "flags",
        format!(
            "icc={} iptables={} ip6tables={} live_restore={} userland_proxy={} no_new_privileges={} experimental={} userns_remapped={} seccomp_unconfined={}",
            config.icc(),
            config.iptables(),
            config.ip6tables(),
            config.live_restore(),
            config.userland_proxy(),
            config.no_new_privileges(),
            config.experimental(),
            config.userns_remapped(),
            config.seccomp_unconfined()
        ),
    );
    if let Some(option) = config.base_size_option() {
        out.answer("base_size_option", out.place(option.range));
    }
    if let Some(driver) = config.deprecated_storage_driver() {
        out.answer("deprecated_storage_driver", out.place(driver.range));
    }
    out.problems(&config.problems);
    out.out
}

/// The client model of `text`, as [`dump_daemon`] does.
pub fn dump_client(config: &ClientConfig, text: &str) -> String {
    let mut out = Dumper::new(text);
    // The closures below borrow the text while `out` is borrowed mutably.
    let lines = LineIndex::new(text);
    let place = |range: TextRange| lines.line_column(text, range.start).to_string();
    out.map("auths", &config.auths, |auth| {
        let mut parts = Vec::new();
        for (key, value) in [
            ("auth", &auth.auth),
            ("username", &auth.username),
            ("password", &auth.password),
            ("identitytoken", &auth.identity_token),
            ("registrytoken", &auth.registry_token),
        ] {
            if let Some(value) = value {
                parts.push(format!("{key}@{}", place(value.range)));
            }
        }
        if let Some(decoded) = &auth.decoded {
            parts.push(format!(
                "decoded user={:?} password={}",
                decoded.username, decoded.has_password
            ));
        }
        if parts.is_empty() {
            "empty".to_owned()
        } else {
            parts.join(" ")
        }
    });
    out.option("credsStore", &config.creds_store);
    out.map("credHelpers", &config.cred_helpers, debug);
    out.map("proxies", &config.proxies, |proxy| {
        let mut parts = Vec::new();
        for (key, value) in [
            ("httpProxy", &proxy.http_proxy),
            ("httpsProxy", &proxy.https_proxy),
            ("noProxy", &proxy.no_proxy),
            ("ftpProxy", &proxy.ftp_proxy),
            ("allProxy", &proxy.all_proxy),
        ] {
            if let Some(value) = value {
                parts.push(format!("{key}={:?}@{}", value.value, place(value.range)));
            }
        }
        parts.join(" ")
    });
    out.option("currentContext", &config.current_context);
    for (plugin, settings) in &config.plugins {
        out.map(&format!("plugins.{plugin}"), settings, debug);
    }
    out.option("detachKeys", &config.detach_keys);
    out.map("HttpHeaders", &config.http_headers, debug);

    out.heading("questions");
    for credential in config.plain_text_credentials() {
        let helper = credential.helper.map_or(String::new(), |helper| {
            format!(" (helper {:?})", helper.value)
        });
        let line = format!(
            "{} {} @{}{helper}",
            credential.registry,
            credential.field,
            out.place(credential.secret.range)
        );
        out.answer("plain_text_credential", line);
    }
    for url in config.proxy_credentials() {
        out.answer("proxy_credential", out.place(url.range));
    }
    out.problems(&config.problems);
    out.out
}

fn debug(value: &impl Debug) -> String {
    format!("{value:?}")
}

struct Dumper<'a> {
    text: &'a str,
    lines: LineIndex,
    out: String,
}

impl<'a> Dumper<'a> {
    fn new(text: &'a str) -> Self {
        Dumper {
            text,
            lines: LineIndex::new(text),
            out: String::new(),
        }
    }

    fn place(&self, range: TextRange) -> String {
        self.lines.line_column(self.text, range.start).to_string()
    }

    fn heading(&mut self, title: &str) {
        let _ = writeln!(self.out, "{title}:");
    }

    fn answer(&mut self, question: &str, answer: String) {
        let _ = writeln!(self.out, "  {question}: {answer}");
    }

    fn entry<T>(&mut self, name: &str, value: &Spanned<T>, shown: String) {
        let place = self.place(value.range);
        let _ = writeln!(self.out, "{name} @{place} = {shown}");
    }

    fn option<T: Debug>(&mut self, name: &str, value: &Option<Spanned<T>>) {
        if let Some(value) = value {
            self.entry(name, value, format!("{:?}", value.value));
        }
    }

    fn display<T: std::fmt::Display>(&mut self, name: &str, value: &Option<Spanned<T>>) {
        if let Some(value) = value {
            self.entry(name, value, value.value.to_string());
        }
    }

    fn list<T>(&mut self, name: &str, values: &[Spanned<T>], show: impl Fn(&T) -> String) {
        for (index, value) in values.iter().enumerate() {
            self.entry(&format!("{name}[{index}]"), value, show(&value.value));
        }
    }

    fn map<T>(
        &mut self,
        name: &str,
        values: &BTreeMap<String, Spanned<T>>,
        show: impl Fn(&T) -> String,
    ) {
        for (key, value) in values {
            self.entry(&format!("{name}.{key}"), value, show(&value.value));
        }
    }

    fn problems(&mut self, problems: &[HostProblem]) {
        self.heading("problems");
        for problem in problems {
            let effect = match problem.effect {
                Effect::Refused => "refused",
                Effect::Ignored => "ignored",
            };
            let place = self.place(problem.range);
            let _ = writeln!(
                self.out,
                "  {place} {effect} {}: {}",
                problem.kind.as_str(),
                problem.message.en
            );
            for related in &problem.related {
                let place = self.place(related.range);
                let _ = writeln!(self.out, "    {place} {}", related.message.en);
            }
        }
    }
}
