//! Image references (`nginx:1.27`, `ghcr.io/org/app@sha256:…`) as Docker reads them:
//! `distribution/reference`'s `ParseNormalizedNamed`, which BuildKit uses for FROM and Compose
//! for `image:`.
//!
//! ```text
//! reference  := name [ ":" tag ] [ "@" digest ]
//! name       := [ registry "/" ] path
//! registry   := host [ ":" port ]        host: DNS-like name or [IPv6]
//! path       := component ( "/" component )*
//! component  := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
//! tag        := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
//! digest     := algorithm ":" hex        sha256 wants 64 lowercase hex digits
//! ```
//!
//! The first path element is a registry when it contains `.` or `:`, is `localhost`, or has an
//! uppercase letter; otherwise the image is on Docker Hub (`docker.io`), and a single-element
//! path is an official image under `library/`.

use compact_str::CompactString;

use crate::message::{Message, SyntaxError};
use crate::msg;
use crate::text::TextRange;

const DOCKER_HUB: &str = "docker.io";
const LEGACY_DOCKER_HUB: &str = "index.docker.io";
const OFFICIAL_PREFIX: &str = "library/";
const MAX_PATH_LEN: usize = 255;

/// A parsed image reference. Every part keeps its range in the parsed text; the parts of an
/// invalid reference are still found where they can be.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ImageRef {
    text: CompactString,
    registry: Option<TextRange>,
    path: TextRange,
    tag: Option<TextRange>,
    digest: Option<TextRange>,
    /// No registry was written, so Docker Hub is meant. False also in the odd case where the
    /// first element looks like a registry but is not a valid one while the whole name is a
    /// valid path (`my_host.com/app`): the reference library then gives it no registry.
    on_docker_hub_implicitly: bool,
}

impl ImageRef {
    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The registry as written (`ghcr.io`, `localhost:5000`, `[::1]:5000`), if any.
    pub fn registry(&self) -> Option<&str> {
        self.registry.map(|r| r.slice(&self.text))
    }

    pub fn registry_range(&self) -> Option<TextRange> {
        self.registry
    }

    /// The registry's host without its port.
    pub fn registry_host(&self) -> Option<&str> {
        let registry = self.registry()?;
        Some(match registry.rfind(':') {
            Some(colon) if !registry[colon..].contains(']') => &registry[..colon],
            _ => registry,
        })
    }

    /// The registry's port, if written.
    pub fn registry_port(&self) -> Option<&str> {
        let registry = self.registry()?;
        let host = self.registry_host()?;
        registry.get(host.len() + 1..)
    }

    /// The registry images are pulled from: the one written, or `docker.io` (the legacy
    /// `index.docker.io` is `docker.io` too).
    pub fn effective_registry(&self) -> &str {
        match self.registry() {
            Some(LEGACY_DOCKER_HUB) => DOCKER_HUB,
            Some(registry) => registry,
            None if self.on_docker_hub_implicitly => DOCKER_HUB,
            None => "",
        }
    }

    /// Whether the image comes from Docker Hub.
    pub fn is_docker_hub(&self) -> bool {
        self.effective_registry() == DOCKER_HUB
    }

    /// The repository path as written, without the registry (`nginx`, `org/app`).
    pub fn path(&self) -> &str {
        self.path.slice(&self.text)
    }

    pub fn path_range(&self) -> TextRange {
        self.path
    }

    /// The tag, without its `:`.
    pub fn tag(&self) -> Option<&str> {
        self.tag.map(|r| r.slice(&self.text))
    }

    pub fn tag_range(&self) -> Option<TextRange> {
        self.tag
    }

    /// The digest (`sha256:…`), without its `@`.
    pub fn digest(&self) -> Option<&str> {
        self.digest.map(|r| r.slice(&self.text))
    }

    pub fn digest_range(&self) -> Option<TextRange> {
        self.digest
    }

    pub fn has_digest(&self) -> bool {
        self.digest.is_some()
    }

    /// No tag and no digest: Docker pulls `:latest`.
    pub fn is_untagged(&self) -> bool {
        self.tag.is_none() && self.digest.is_none()
    }

    /// The tag is `latest`, or there is neither tag nor digest (which means `latest`). A
    /// `:latest` pinned by a digest still counts: its tag says nothing about the version.
    pub fn is_latest_or_untagged(&self) -> bool {
        self.tag() == Some("latest") || self.is_untagged()
    }

    /// Whether this is FROM's `scratch`, the empty image. BuildKit compares the expanded text
    /// with `scratch` exactly (case matters); whether it applies is the caller's business,
    /// since only FROM knows it.
    pub fn is_scratch(&self) -> bool {
        self.text == "scratch"
    }

    /// The full name as the registry knows it: `docker.io/library/nginx`,
    /// `ghcr.io/org/app`.
    pub fn normalized_name(&self) -> String {
        let registry = self.effective_registry();
        if registry.is_empty() {
            return self.path().to_owned();
        }
        let path = self.path();
        if registry == DOCKER_HUB && !path.contains('/') {
            format!("{DOCKER_HUB}/{OFFICIAL_PREFIX}{path}")
        } else {
            format!("{registry}/{path}")
        }
    }

    /// The normalized name with the tag and digest: `docker.io/library/nginx:1.27`.
    pub fn normalized(&self) -> String {
        self.with_suffixes(self.normalized_name())
    }

    /// The name as `docker` prints it: Docker Hub and `library/` left out (`nginx`,
    /// `org/app`, `ghcr.io/org/app`).
    pub fn familiar_name(&self) -> String {
        let normalized = self.normalized_name();
        let Some(hub_path) = normalized.strip_prefix("docker.io/") else {
            return normalized;
        };
        match hub_path.strip_prefix(OFFICIAL_PREFIX) {
            Some(official) if !official.contains('/') => official.to_owned(),
            _ => hub_path.to_owned(),
        }
    }

    /// The familiar name with the tag and digest: `nginx:1.27`.
    pub fn familiar(&self) -> String {
        self.with_suffixes(self.familiar_name())
    }

    fn with_suffixes(&self, mut name: String) -> String {
        if let Some(tag) = self.tag() {
            name.push(':');
            name.push_str(tag);
        }
        if let Some(digest) = self.digest() {
            name.push('@');
            name.push_str(digest);
        }
        name
    }
}

/// Parses an image reference. The reference is returned even when it is invalid, with its
/// parts found as well as they can be; each error points at the part that is wrong, the one
/// Docker reports first.
pub fn parse_image_ref(text: &str) -> (ImageRef, Vec<SyntaxError>) {
    let image = split(text);
    let mut errors = Vec::new();

    if text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        errors.push(SyntaxError::new(
            TextRange::new(0, text.len() as u32),
            msg!(
                "invalid repository name ({text}), cannot specify 64-byte hexadecimal strings",
                "nom de dépôt invalide ({text}) : une chaîne de 64 chiffres hexadécimaux est un identifiant d'image, pas un nom"
            ),
        ));
        return (image, errors);
    }

    // `ParseNormalizedNamed` checks case on the text after a written registry up to the first
    // `:`, which runs into the digest when there is no tag.
    let remote_start = match image.registry {
        Some(registry) => registry.end as usize + 1,
        None => 0,
    };
    let remote_end = text[remote_start..]
        .find(':')
        .map_or(text.len(), |colon| remote_start + colon);
    let remote = &text[remote_start..remote_end];
    if remote.chars().any(char::is_uppercase) {
        let shown = if image.on_docker_hub_implicitly && !remote.contains('/') {
            format!("{OFFICIAL_PREFIX}{remote}")
        } else {
            remote.to_owned()
        };
        errors.push(SyntaxError::new(
            TextRange::new(remote_start as u32, remote_end as u32),
            msg!(
                "invalid reference format: repository name ({shown}) must be lowercase",
                "format de référence invalide : le nom du dépôt ({shown}) doit être en minuscules"
            ),
        ));
        // Docker stops there; the tag and digest are still worth checking.
        let is_suffix = |range: TextRange| image.tag == Some(range) || image.digest == Some(range);
        errors.extend(
            format_errors(&image)
                .into_iter()
                .filter(|error| is_suffix(error.range)),
        );
        return (image, errors);
    }

    let format = format_errors(&image);
    if !format.is_empty() {
        // Docker says only "must be lowercase" when the lowercased text would be valid.
        if format_errors(&split(&text.to_ascii_lowercase())).is_empty() {
            errors.push(SyntaxError::new(
                TextRange::new(0, image.path.end),
                msg!(
                    "repository name must be lowercase",
                    "le nom du dépôt doit être en minuscules"
                ),
            ));
        } else {
            errors.extend(format);
        }
        return (image, errors);
    }
    if image.path.len() as usize > MAX_PATH_LEN {
        errors.push(SyntaxError::new(
            image.path,
            msg!(
                "repository name must not be more than 255 characters",
                "le nom du dépôt ne doit pas dépasser 255 caractères"
            ),
        ));
    }
    if let Some(digest) = image.digest
        && let Some(message) = digest_problem(digest.slice(text))
    {
        errors.push(SyntaxError::new(digest, message));
    }
    (image, errors)
}

/// Finds the parts: the digest after the first `@`, the tag after a last `:` that no `/`
/// follows, the registry as `splitDockerDomain` detects it.
fn split(text: &str) -> ImageRef {
    let len = text.len() as u32;
    let (name_and_tag_end, digest) = match text.find('@') {
        Some(at) => (at, Some(TextRange::new(at as u32 + 1, len))),
        None => (text.len(), None),
    };
    let name_and_tag = &text[..name_and_tag_end];
    let last_slash = name_and_tag.rfind('/');
    let (name_end, tag) = match name_and_tag.rfind(':') {
        Some(colon) if last_slash.is_none_or(|slash| colon > slash) => (
            colon,
            Some(TextRange::new(colon as u32 + 1, name_and_tag_end as u32)),
        ),
        _ => (name_and_tag_end, None),
    };
    let name = &text[..name_end];
    let detected_registry = name.find('/').filter(|&slash| {
        let first = &name[..slash];
        first == "localhost" || first.contains(['.', ':']) || first.chars().any(char::is_uppercase)
    });
    let mut image = ImageRef {
        text: text.into(),
        registry: detected_registry.map(|slash| TextRange::new(0, slash as u32)),
        path: match detected_registry {
            Some(slash) => TextRange::new(slash as u32 + 1, name_end as u32),
            None => TextRange::new(0, name_end as u32),
        },
        tag,
        digest,
        on_docker_hub_implicitly: detected_registry.is_none(),
    };
    if let Some(registry) = image.registry
        && !is_domain_and_port(registry.slice(text))
        && first_invalid_component(name, 0).is_none()
    {
        // The reference grammar then reads the whole name as a path with no registry.
        image.registry = None;
        image.path = TextRange::new(0, name_end as u32);
    }
    image
}

/// The parts that do not match the reference grammar.
fn format_errors(image: &ImageRef) -> Vec<SyntaxError> {
    let text = image.as_str();
    let mut errors = Vec::new();
    if let Some(registry) = image.registry
        && !is_domain_and_port(registry.slice(text))
    {
        let shown = registry.slice(text);
        errors.push(SyntaxError::new(
            registry,
            msg!(
                "invalid reference format: invalid registry \"{shown}\"",
                "format de référence invalide : registre « {shown} » invalide"
            ),
        ));
    } else if let Some(bad) = first_invalid_component(image.path(), image.path.start) {
        let shown = bad.slice(text);
        let message = if shown.is_empty() {
            msg!(
                "invalid reference format: empty repository name component",
                "format de référence invalide : élément vide dans le nom du dépôt"
            )
        } else {
            msg!(
                "invalid reference format: invalid repository name component \"{shown}\" (lowercase letters and digits, separated by '.', '_', '__' or '-')",
                "format de référence invalide : élément « {shown} » invalide dans le nom du dépôt (lettres minuscules et chiffres, séparés par « . », « _ », « __ » ou « - »)"
            )
        };
        errors.push(SyntaxError::new(bad, message));
    }
    if let Some(tag) = image.tag
        && !is_tag(tag.slice(text))
    {
        let shown = tag.slice(text);
        errors.push(SyntaxError::new(
            tag,
            msg!(
                "invalid reference format: invalid tag \"{shown}\" (up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-')",
                "format de référence invalide : tag « {shown} » invalide (jusqu'à 128 lettres, chiffres, « _ », « . » et « - », sans « . » ni « - » au début)"
            ),
        ));
    }
    if let Some(digest) = image.digest
        && !is_digest(digest.slice(text))
    {
        let shown = digest.slice(text);
        errors.push(SyntaxError::new(
            digest,
            msg!(
                "invalid reference format: invalid digest \"{shown}\" (expected algorithm:hex, such as sha256: and 64 hexadecimal digits)",
                "format de référence invalide : empreinte « {shown} » invalide (attendu algorithme:hex, comme sha256: suivi de 64 chiffres hexadécimaux)"
            ),
        ));
    }
    errors
}

/// `domainAndPort`: a DNS-like host (components of letters, digits and inner `-`, separated by
/// dots) or a bracketed IPv6 address, then an optional `:port`.
pub(crate) fn is_domain_and_port(text: &str) -> bool {
    let (host, port) = if let Some(rest) = text.strip_prefix('[') {
        let Some(close) = rest.find(']') else {
            return false;
        };
        let address = &rest[..close];
        if address.is_empty() || !address.bytes().all(|b| b.is_ascii_hexdigit() || b == b':') {
            return false;
        }
        (&text[..close + 2], &text[close + 2..])
    } else {
        match text.find(':') {
            Some(colon) => (&text[..colon], &text[colon..]),
            None => (text, ""),
        }
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
    let host_ok = host.starts_with('[')
        || host.split('.').all(|component| {
            let bytes = component.as_bytes();
            !bytes.is_empty()
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
                && bytes[0] != b'-'
                && bytes[bytes.len() - 1] != b'-'
        });
    host_ok && port_ok
}

/// The range of the first path component that is not `[a-z0-9]+` joined by `.`, `_`, `__` or
/// runs of `-`.
fn first_invalid_component(path: &str, offset: u32) -> Option<TextRange> {
    let mut start = 0;
    for component in path.split('/') {
        if !is_path_component(component) {
            let at = offset + start as u32;
            return Some(TextRange::at(at, component.len() as u32));
        }
        start += component.len() + 1;
    }
    None
}

fn is_path_component(component: &str) -> bool {
    let bytes = component.as_bytes();
    let alphanumeric = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    let mut i = 0;
    loop {
        let run_start = i;
        while i < bytes.len() && alphanumeric(bytes[i]) {
            i += 1;
        }
        if i == run_start {
            return false;
        }
        if i == bytes.len() {
            return true;
        }
        let separator_start = i;
        while i < bytes.len() && !alphanumeric(bytes[i]) {
            i += 1;
        }
        match &component[separator_start..i] {
            "." | "_" | "__" => {}
            dashes if dashes.bytes().all(|b| b == b'-') => {}
            _ => return false,
        }
    }
}

/// `[\w][\w.-]{0,127}`.
fn is_tag(tag: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = tag.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 128
        && word(bytes[0])
        && bytes[1..]
            .iter()
            .all(|&b| word(b) || b == b'.' || b == b'-')
}

/// `[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}`.
fn is_digest(digest: &str) -> bool {
    let Some((algorithm, hex)) = digest.split_once(':') else {
        return false;
    };
    let algorithm_ok = algorithm.split(['-', '_', '+', '.']).all(|part| {
        let bytes = part.as_bytes();
        !bytes.is_empty()
            && bytes[0].is_ascii_alphabetic()
            && bytes.iter().all(u8::is_ascii_alphanumeric)
    });
    algorithm_ok && hex.len() >= 32 && hex.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `go-digest`'s validation of a well-formed digest: sha256, sha384 and sha512 are known and
/// want lowercase hex of their exact length; other algorithms are unsupported.
fn digest_problem(digest: &str) -> Option<Message> {
    let (algorithm, hex) = digest.split_once(':')?;
    let expected_len = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => {
            return Some(msg!(
                "unsupported digest algorithm \"{algorithm}\" (sha256, sha384 or sha512)",
                "algorithme d'empreinte « {algorithm} » non pris en charge (sha256, sha384 ou sha512)"
            ));
        }
    };
    if hex.len() != expected_len {
        let len = hex.len();
        return Some(msg!(
            "invalid checksum digest length: {algorithm} wants {expected_len} hexadecimal digits, not {len}",
            "longueur d'empreinte invalide : {algorithm} demande {expected_len} chiffres hexadécimaux, pas {len}"
        ));
    }
    if hex.bytes().any(|b| b.is_ascii_uppercase()) {
        return Some(msg!(
            "invalid checksum digest format: hexadecimal digits must be lowercase",
            "format d'empreinte invalide : les chiffres hexadécimaux doivent être en minuscules"
        ));
    }
    None
}

#[cfg(test)]
mod tests;
