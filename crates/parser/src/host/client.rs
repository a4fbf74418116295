//! The docker CLI's `~/.docker/config.json` as a typed model: registry credentials and the
//! helpers that should keep them, proxies passed to containers, the current context, plugin
//! settings, each with the range of its key and value, and every problem the CLI would have
//! with the file.
//!
//! The CLI decodes the file with Go's `encoding/json` into its `ConfigFile` struct: keys match
//! whatever their case, unknown keys are ignored, and a value of the wrong type (or an `auth`
//! that does not decode) makes it print `WARNING: Error loading config file` and go on with
//! what it could read; a later `docker login` may then rewrite the file without the rest
//! (docker/cli#5075).

mod auth;

use std::collections::BTreeMap;

use crate::msg;
use crate::schema::validate;
use crate::yaml::{Document, Node};

pub use auth::{DecodedAuth, RegistryAuth};

use super::problem::{self, HostProblem, HostProblemKind};
use super::read::{Fields, map_entries, string_map};
use super::spanned::Spanned;

/// The settings of a config.json that rules read, and its problems.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientConfig {
    /// `auths` by registry address as written (`https://index.docker.io/v1/` for Docker Hub,
    /// `registry.example.com` for others); each spans its object.
    pub auths: BTreeMap<String, Spanned<RegistryAuth>>,
    /// The credential helper for every registry (`desktop`, `osxkeychain`, `pass`...).
    pub creds_store: Option<Spanned<String>>,
    /// Credential helpers by registry host, which win over `credsStore`.
    pub cred_helpers: BTreeMap<String, Spanned<String>>,
    /// Proxies passed to containers and builds: under `default`, or under a daemon's address.
    pub proxies: BTreeMap<String, Spanned<ProxyConfig>>,
    pub current_context: Option<Spanned<String>>,
    /// Settings of CLI plugins, by plugin then by setting.
    pub plugins: BTreeMap<String, BTreeMap<String, Spanned<String>>>,
    pub detach_keys: Option<Spanned<String>>,
    pub http_headers: BTreeMap<String, Spanned<String>>,
    /// Every problem, in the order of their positions.
    pub problems: Vec<HostProblem>,
}

/// One entry of `proxies`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProxyConfig {
    pub http_proxy: Option<Spanned<String>>,
    pub https_proxy: Option<Spanned<String>>,
    pub no_proxy: Option<Spanned<String>>,
    pub ftp_proxy: Option<Spanned<String>>,
    pub all_proxy: Option<Spanned<String>>,
}

impl ProxyConfig {
    /// The proxy URLs set (not `noProxy`, which lists hosts).
    pub fn urls(&self) -> impl Iterator<Item = &Spanned<String>> {
        [
            &self.http_proxy,
            &self.https_proxy,
            &self.ftp_proxy,
            &self.all_proxy,
        ]
        .into_iter()
        .flatten()
    }
}

/// A secret kept in the file in clear (base64 is an encoding, not a protection).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlainTextCredential<'a> {
    /// The registry address, as the key of `auths`.
    pub registry: &'a str,
    /// The key holding the secret: `auth`, `password`, `identitytoken` or `registrytoken`.
    pub field: &'static str,
    pub secret: &'a Spanned<String>,
    /// The credential helper configured for the registry, if any: the CLI then asks it and
    /// never uses the secret in the file, which stays readable all the same.
    pub helper: Option<&'a Spanned<String>>,
}

impl ClientConfig {
    /// Reads a config.json tree (from [`crate::json::parse`]). Never fails.
    pub fn from_document(document: &Document) -> ClientConfig {
        let mut config = ClientConfig::default();
        let Some(root) = document.roots.first() else {
            return config;
        };
        let mut schema_errors = Vec::new();
        validate(
            root,
            super::schema::client_config_json(),
            &mut schema_errors,
        );
        let mut problems: Vec<HostProblem> =
            schema_errors.into_iter().map(HostProblem::from).collect();

        let fields = Fields::of(Some(root), true);
        config.auths = map_entries(fields.node("auths"))
            .filter(|(_, entry)| entry.value.as_mapping().is_some())
            .map(|(registry, entry)| {
                let auth = RegistryAuth::read(&entry.value);
                (
                    registry.to_owned(),
                    Spanned::new(auth, entry.key.range, entry.value.range),
                )
            })
            .collect();
        config.creds_store = fields.string("credsStore");
        config.cred_helpers = fields.string_map("credHelpers");
        config.proxies = map_entries(fields.node("proxies"))
            .filter(|(_, entry)| entry.value.as_mapping().is_some())
            .map(|(host, entry)| {
                (
                    host.to_owned(),
                    Spanned::new(read_proxy(&entry.value), entry.key.range, entry.value.range),
                )
            })
            .collect();
        config.current_context = fields.string("currentContext");
        config.plugins = map_entries(fields.node("plugins"))
            .map(|(plugin, entry)| (plugin.to_owned(), string_map(Some(&entry.value))))
            .collect();
        config.detach_keys = fields.string("detachKeys");
        config.http_headers = fields.string_map("HttpHeaders");

        for (registry, auth) in &config.auths {
            auth.check(registry, config.credential_helper(registry), &mut problems);
        }
        if let Some(keys) = &config.detach_keys
            && let Err(key) = check_detach_keys(keys)
        {
            problems.push(HostProblem::refused(
                HostProblemKind::InvalidValue,
                keys.range,
                msg!(
                    "`{key}` is not a key of a detach sequence: use single characters, `ctrl-a` to `ctrl-z`, `ctrl-@`, `ctrl-[`, `ctrl-\\`, `ctrl-]`, `ctrl-^`, `ctrl-_` or `DEL`, separated by commas; `docker attach` and `docker run -it` refuse it",
                    "`{key}` n'est pas une touche de séquence de détachement : utilisez des caractères seuls, `ctrl-a` à `ctrl-z`, `ctrl-@`, `ctrl-[`, `ctrl-\\`, `ctrl-]`, `ctrl-^`, `ctrl-_` ou `DEL`, séparés par des virgules ; `docker attach` et `docker run -it` la refusent"
                ),
            ));
        }
        problem::sort(&mut problems);
        config.problems = problems;
        config
    }

    /// The credential helper the CLI asks for `registry` (a key of `auths`): its entry in
    /// `credHelpers` (by the key as written or by its host), else `credsStore`.
    pub fn credential_helper(&self, registry: &str) -> Option<&Spanned<String>> {
        self.cred_helpers
            .get(registry)
            .or_else(|| self.cred_helpers.get(registry_host(registry)))
            .or(self.creds_store.as_ref())
            .filter(|helper| !helper.is_empty())
    }

    /// Every secret the file holds in clear: registry passwords (`auth` is `user:password` in
    /// base64), identity and registry tokens.
    pub fn plain_text_credentials(&self) -> Vec<PlainTextCredential<'_>> {
        let mut credentials = Vec::new();
        for (registry, auth) in &self.auths {
            let helper = self.credential_helper(registry);
            for (field, secret) in auth.secrets() {
                credentials.push(PlainTextCredential {
                    registry,
                    field,
                    secret,
                    helper,
                });
            }
        }
        credentials.sort_by_key(|credential| credential.secret.range.start);
        credentials
    }

    /// Proxy URLs that hold a password (`http://user:secret@proxy:3128`); the CLI passes them to
    /// every container and build as environment variables.
    pub fn proxy_credentials(&self) -> Vec<&Spanned<String>> {
        self.proxies
            .values()
            .flat_map(|proxy| proxy.urls())
            .filter(|url| url_has_password(url))
            .collect()
    }
}

fn read_proxy(node: &Node) -> ProxyConfig {
    let fields = Fields::of(Some(node), true);
    ProxyConfig {
        http_proxy: fields.string("httpProxy"),
        https_proxy: fields.string("httpsProxy"),
        no_proxy: fields.string("noProxy"),
        ftp_proxy: fields.string("ftpProxy"),
        all_proxy: fields.string("allProxy"),
    }
}

/// The host of a registry address: `index.docker.io` for `https://index.docker.io/v1/`.
pub fn registry_host(address: &str) -> &str {
    let address = address
        .strip_prefix("https://")
        .or_else(|| address.strip_prefix("http://"))
        .unwrap_or(address);
    address.split('/').next().unwrap_or(address)
}

/// Whether a URL's authority holds `user:password@` with a password.
fn url_has_password(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split('/').next().unwrap_or(rest);
    authority
        .rsplit_once('@')
        .and_then(|(user_info, _)| user_info.split_once(':'))
        .is_some_and(|(_, password)| !password.is_empty())
}

/// moby/term's `ToBytes`: comma-separated keys, each one byte, `ctrl-` and a character of
/// `@a-z[\]^_`, or `DEL`. The error is the first key refused.
fn check_detach_keys(keys: &str) -> Result<(), String> {
    for key in keys.split(',') {
        let valid = key.len() == 1
            || key == "DEL"
            || key.strip_prefix("ctrl-").is_some_and(|rest| {
                rest.len() == 1
                    && matches!(
                        rest.as_bytes()[0],
                        b'@' | b'a'..=b'z' | b'[' | b'\\' | b']' | b'^' | b'_'
                    )
            });
        if !valid {
            return Err(key.to_owned());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detach_keys_follow_moby_term() {
        for valid in ["ctrl-p,ctrl-q", "ctrl-@", "a,b", "DEL", "ctrl-\\"] {
            assert_eq!(check_detach_keys(valid), Ok(()), "{valid}");
        }
        for (invalid, key) in [
            ("ctrl-P", "ctrl-P"),
            ("ctrl-p,,ctrl-q", ""),
            ("é", "é"),
            ("ctrl-1", "ctrl-1"),
            ("alt-x", "alt-x"),
        ] {
            assert_eq!(check_detach_keys(invalid), Err(key.to_owned()), "{invalid}");
        }
    }

    #[test]
    fn registry_hosts_and_proxy_passwords() {
        assert_eq!(
            registry_host("https://index.docker.io/v1/"),
            "index.docker.io"
        );
        assert_eq!(registry_host("ghcr.io"), "ghcr.io");
        assert_eq!(registry_host("registry.lab:5000"), "registry.lab:5000");
        assert!(url_has_password("http://user:secret@proxy:3128"));
        assert!(!url_has_password("http://user@proxy:3128"));
        assert!(!url_has_password("http://proxy:3128"));
    }
}
