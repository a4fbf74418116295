//! Whether a variable name looks like it holds a secret: the heuristic of BuildKit's
//! `SecretsUsedInArgOrEnv` check, shared by the Dockerfile rule on ARG and ENV and the Compose
//! rule on `environment`, so that both agree on what a secret is.
//!
//! A name is secret-like when one of its `_`-separated words (in any case) is one of
//! [`SECRET_WORDS`] and none is one of [`ALLOWED_WORDS`]: `DB_PASSWORD`, `api_key` and `TOKEN`
//! are; `PASSWORD_FILE` (a path to a secret, the recommended pattern), `PUBLIC_KEY` and
//! `KEYCLOAK_URL` (no whole word matches) are not.

/// The words that make a name secret-like (BuildKit `getSecretsRegex`).
pub const SECRET_WORDS: [&str; 10] = [
    "apikey",
    "auth",
    "credential",
    "credentials",
    "key",
    "password",
    "pword",
    "passwd",
    "secret",
    "token",
];

/// The words that make a secret-like name harmless: a public key, the path of a file that
/// holds the secret, a version number.
pub const ALLOWED_WORDS: [&str; 3] = ["public", "file", "version"];

/// Whether `name` looks like the name of a variable that holds a secret.
pub fn is_secret_name(name: &str) -> bool {
    let mut secret = false;
    for word in name.split('_') {
        if ALLOWED_WORDS
            .iter()
            .any(|allowed| word.eq_ignore_ascii_case(allowed))
        {
            return false;
        }
        secret |= SECRET_WORDS
            .iter()
            .any(|secret| word.eq_ignore_ascii_case(secret));
    }
    secret
}

/// Whether a value given to a secret-like name can be the secret itself: not empty, not a
/// boolean (`MYSQL_ALLOW_EMPTY_PASSWORD=yes`), not a path (to the file that holds the secret,
/// as `/run/secrets/db_password` or `certs/server.key` are).
pub fn could_be_secret(value: &str) -> bool {
    let value = value.trim();
    !value.is_empty()
        && !is_path(value)
        && !matches!(
            value.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off"
        )
}

/// An absolute or explicitly relative path, or a relative path to a file with an extension
/// (`tls/server.key`): encoded secrets may hold a `/`, but not a `.` after the last one.
fn is_path(value: &str) -> bool {
    if ["/", "./", "../", "~/"]
        .iter()
        .any(|prefix| value.starts_with(prefix))
    {
        return true;
    }
    let Some((_, file)) = value.rsplit_once('/') else {
        return false;
    };
    !value.contains(char::is_whitespace)
        && file.rsplit_once('.').is_some_and(|(stem, extension)| {
            !stem.is_empty()
                && (1..=5).contains(&extension.len())
                && extension.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

#[cfg(test)]
mod tests {
    use super::{could_be_secret, is_secret_name};

    #[test]
    fn paths_booleans_and_nothing_are_not_secrets() {
        for value in [
            "",
            "  ",
            "/run/secrets/db",
            "./key.pem",
            "~/.ssh/id_ed25519",
            "assets/tls/server.key",
            "true",
            "No",
            "OFF",
        ] {
            assert!(!could_be_secret(value), "{value:?}");
        }
        for value in [
            "s3cr3t",
            "ghp_0123456789",
            "changeme",
            "x/y+z==",
            "ab/cd.e f",
        ] {
            assert!(could_be_secret(value), "{value:?}");
        }
    }

    #[test]
    fn whole_words_of_a_name_make_it_secret() {
        for name in [
            "PASSWORD",
            "DB_PASSWORD",
            "db_password",
            "MYSQL_ROOT_PASSWORD",
            "API_KEY",
            "apikey",
            "GITHUB_TOKEN",
            "AWS_SECRET_ACCESS_KEY",
            "BASIC_AUTH",
            "SMTP_PASSWD",
            "Db_Pword",
            "GOOGLE_APPLICATION_CREDENTIALS",
            "_SECRET_",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn other_names_and_allowed_words_are_not_secret() {
        for name in [
            "",
            "PATH",
            "KEYCLOAK_URL",
            "TOKENS",
            "PASSWORDLESS",
            "AUTHOR",
            "DB_PASSWORD_FILE",
            "POSTGRES_PASSWORD_FILE",
            "PUBLIC_KEY",
            "key_version",
            "API-KEY",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }
}
