//! One entry of `auths`: the credentials the CLI keeps for a registry, and what the `auth`
//! value holds once decoded (docker/cli's `decodeAuth`).

use crate::msg;
use crate::yaml::Node;

use super::super::problem::{HostProblem, HostProblemKind};
use super::super::read::Fields;
use super::super::spanned::Spanned;

/// The credentials of one registry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegistryAuth {
    /// `user:password` in base64.
    pub auth: Option<Spanned<String>>,
    /// What `auth` decodes to; `None` when it is absent, empty or does not decode (a problem).
    pub decoded: Option<DecodedAuth>,
    pub username: Option<Spanned<String>>,
    pub password: Option<Spanned<String>>,
    pub identity_token: Option<Spanned<String>>,
    pub registry_token: Option<Spanned<String>>,
}

/// The user name an `auth` value holds, and whether it holds a password too. The password
/// itself is not kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedAuth {
    pub username: String,
    pub has_password: bool,
}

impl RegistryAuth {
    pub(crate) fn read(node: &Node) -> RegistryAuth {
        let fields = Fields::of(Some(node), true);
        let auth = fields.string("auth");
        let decoded = auth
            .as_ref()
            .and_then(|auth| decode_auth(auth).ok().flatten());
        RegistryAuth {
            auth,
            decoded,
            username: fields.string("username"),
            password: fields.string("password"),
            identity_token: fields.string("identitytoken"),
            registry_token: fields.string("registrytoken"),
        }
    }

    /// The secrets written in the entry, by key, in the file's order.
    pub fn secrets(&self) -> Vec<(&'static str, &Spanned<String>)> {
        let auth_is_secret = |auth: &&Spanned<String>| {
            // An `auth` that does not decode still holds whatever the user meant to store.
            !auth.is_empty()
                && self
                    .decoded
                    .as_ref()
                    .is_none_or(|decoded| decoded.has_password)
        };
        let mut secrets: Vec<(&'static str, &Spanned<String>)> = [
            ("auth", self.auth.as_ref().filter(auth_is_secret)),
            ("password", self.password.as_ref()),
            ("identitytoken", self.identity_token.as_ref()),
            ("registrytoken", self.registry_token.as_ref()),
        ]
        .into_iter()
        .filter_map(|(field, value)| Some((field, value.filter(|value| !value.is_empty())?)))
        .collect();
        secrets.sort_by_key(|(_, secret)| secret.range.start);
        secrets
    }

    /// Whether the entry holds a secret in clear.
    pub fn holds_secret(&self) -> bool {
        !self.secrets().is_empty()
    }

    /// The problems of the entry of `registry`, whose credential helper is `helper`.
    pub(crate) fn check(
        &self,
        registry: &str,
        helper: Option<&Spanned<String>>,
        problems: &mut Vec<HostProblem>,
    ) {
        if let Some(auth) = &self.auth {
            if let Err(reason) = decode_auth(auth) {
                let (reason_en, reason_fr) = (&reason.en, &reason.fr);
                problems.push(HostProblem::refused(
                    HostProblemKind::InvalidValue,
                    auth.range,
                    msg!(
                        "the `auth` of `{registry}` {reason_en}: the docker CLI cannot load this file (`WARNING: Error loading config file`) and may rewrite it without its other settings at the next `docker login`",
                        "l'`auth` de `{registry}` {reason_fr} : la CLI docker ne peut pas charger ce fichier (`WARNING: Error loading config file`) et risque de le réécrire sans ses autres réglages au prochain `docker login`"
                    ),
                ));
            } else if !auth.is_empty() {
                // The CLI replaces `username` and `password` with what `auth` decodes to.
                for (key, value) in [("username", &self.username), ("password", &self.password)] {
                    if let Some(value) = value {
                        problems.push(
                            HostProblem::ignored(
                                value.key_range,
                                msg!(
                                    "`{key}` is ignored: the docker CLI takes the user name and password from `auth`",
                                    "`{key}` est ignoré : la CLI docker prend le nom d'utilisateur et le mot de passe dans `auth`"
                                ),
                            )
                            .with_related(auth.key_range, msg!("`auth` set here", "`auth` défini ici")),
                        );
                    }
                }
            }
        }
        if let Some(helper) = helper {
            let name = helper.as_str();
            for (key, secret) in self.secrets() {
                problems.push(
                    HostProblem::ignored(
                        secret.key_range,
                        msg!(
                            "`{key}` of `{registry}` is never used: the credential helper `{name}` supplies this registry's credentials; delete it, since it stays readable in this file",
                            "`{key}` de `{registry}` n'est jamais utilisé : l'assistant d'identifiants `{name}` fournit les identifiants de ce registre ; supprimez-le, car il reste lisible dans ce fichier"
                        ),
                    )
                    .with_related(helper.range, msg!("credential helper set here", "assistant d'identifiants défini ici")),
                );
            }
        }
    }
}

/// docker/cli's `decodeAuth`: base64 (standard alphabet, padded) of `user:password` with a
/// non-empty user. `Ok(None)` for an empty value, which the CLI skips. The error completes
/// "the `auth` of `registry` ...".
pub(crate) fn decode_auth(text: &str) -> Result<Option<DecodedAuth>, crate::message::Message> {
    if text.is_empty() {
        return Ok(None);
    }
    let Some(bytes) = decode_base64(text) else {
        return Err(msg!("is not valid base64", "n'est pas du base64 valide"));
    };
    let decoded = String::from_utf8_lossy(&bytes);
    match decoded.split_once(':') {
        Some((username, password)) if !username.is_empty() => Ok(Some(DecodedAuth {
            username: username.to_owned(),
            has_password: !password.trim_matches('\0').is_empty(),
        })),
        _ => Err(msg!(
            "does not decode to `user:password`",
            "ne se décode pas en `utilisateur:mot de passe`"
        )),
    }
}

/// Go's `base64.StdEncoding.Decode`: the standard alphabet, `=` padding required, line breaks
/// skipped, trailing bits of the last character ignored.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text
        .bytes()
        .filter(|b| !matches!(b, b'\r' | b'\n'))
        .collect();
    if digits.is_empty() || !digits.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(digits.len() / 4 * 3);
    let quanta = digits.chunks_exact(4);
    let last = quanta.len() - 1;
    for (index, quantum) in quanta.enumerate() {
        let padding = quantum.iter().rev().take_while(|&&b| b == b'=').count();
        if padding > 2 || (padding > 0 && index != last) {
            return None;
        }
        let mut value: u32 = 0;
        for &digit in &quantum[..4 - padding] {
            value = (value << 6) | u32::from(sextet(digit)?);
        }
        value <<= 6 * padding as u32;
        let bytes = value.to_be_bytes();
        out.extend_from_slice(&bytes[1..4 - padding]);
    }
    Some(out)
}

fn sextet(digit: u8) -> Option<u8> {
    match digit {
        b'A'..=b'Z' => Some(digit - b'A'),
        b'a'..=b'z' => Some(digit - b'a' + 26),
        b'0'..=b'9' => Some(digit - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &str) {
        let actual = match decode_auth(text) {
            Ok(Some(decoded)) => format!("{} password={}", decoded.username, decoded.has_password),
            Ok(None) => "empty".to_owned(),
            Err(message) => format!("error: {}", message.en),
        };
        assert_eq!(actual, expected, "{text}");
    }

    #[test]
    fn decodes_like_the_docker_cli() {
        // `student:s3cret`, `a:b`, `user:` and `ab:c` exercise each padding.
        check("c3R1ZGVudDpzM2NyZXQ=", "student password=true");
        check("YTpi", "a password=true");
        check("dXNlcjo=", "user password=false");
        check("YWI6Yw==", "ab password=true");
        check("YWI6\nYw==", "ab password=true");
        check("", "empty");
        check("YWI6Yw", "error: is not valid base64");
        check("YWI6Yw=", "error: is not valid base64");
        check("YW==YWI6", "error: is not valid base64");
        check("c3R1ZGVudA==", "error: does not decode to `user:password`");
        check("OnBhc3M=", "error: does not decode to `user:password`");
        check("s3cret!!", "error: is not valid base64");
    }
}
