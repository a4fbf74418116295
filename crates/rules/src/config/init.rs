//! The berth.toml `berth init` writes: every key, commented out at its default, with what it
//! does.

use berth_parser::Lang;

/// A commented berth.toml that reads as the defaults, in `lang`.
pub fn default_berth_toml(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN,
        Lang::Fr => FR,
    }
}

const EN: &str = r#"# berth configuration. Every setting below is commented out at its default.
# Rule selectors: a code (D101), a name (pin-base-image-tag), a code prefix (D, D2, D20),
# a category (correctness, reproducibility, security, size, operability, style) or ALL.
# `berth rule --all` lists the rules.

# The rule set to start from: "lab" (the course's practices), "prod" (stricter) or "all".
# preset = "lab"

# Replace the preset's rules with these:
# select = ["D", "C"]
# Add rules to the preset's:
# extend-select = ["style"]
# Turn rules off (the most specific selector wins; at equal specificity, ignore wins):
# ignore = []

# The language of messages: "en" or "fr" (default: from the locale).
# lang = "en"

# The lowest severity that makes `berth check` fail: "error", "warning" or "info".
# fail-on = "warning"

# Registries base images may come from: "docker.io", "*.example.com", "registry.example*".
# trusted-registries = []

# A regular expression the whole image name must match.
# image-name-pattern = "registry\\.example\\.com/[a-z0-9-]+/[a-z0-9-]+"

# Turn rules off for some files. A glob without "/" matches a file name in any folder.
# [per-file-ignores]
# "tests/**" = ["D1"]

# Change a rule's severity: "error", "warning" or "info".
# [severity]
# D2 = "error"

# Labels the final stage must set, with the form of their value:
# text, url, rfc3339, semver, hash, spdx or email.
# [required-labels]
# "org.opencontainers.image.source" = "url"

# Read files matching a glob as a kind: dockerfile, dockerignore, compose, daemon, client-config.
# [file-kinds]
# "deploy/*.yml" = "compose"

# Options of one rule, by code or name:
# [rules.<code-or-name>]
"#;

const FR: &str = r#"# Configuration de berth. Chaque réglage ci-dessous est commenté, à sa valeur par défaut.
# Sélecteurs de règles : un code (D101), un nom (pin-base-image-tag), un préfixe de code
# (D, D2, D20), une catégorie (correctness, reproducibility, security, size, operability,
# style) ou ALL. `berth rule --all` liste les règles.

# L'ensemble de règles de départ : "lab" (les pratiques du cours), "prod" (plus strict) ou "all".
# preset = "lab"

# Remplacer les règles du preset par celles-ci :
# select = ["D", "C"]
# Ajouter des règles à celles du preset :
# extend-select = ["style"]
# Désactiver des règles (le sélecteur le plus précis l'emporte ; à précision égale, ignore) :
# ignore = []

# La langue des messages : "en" ou "fr" (par défaut : selon la locale).
# lang = "fr"

# La gravité minimale qui fait échouer `berth check` : "error", "warning" ou "info".
# fail-on = "warning"

# Les registres d'où peuvent venir les images de base : "docker.io", "*.example.com",
# "registry.example*".
# trusted-registries = []

# Une expression régulière que le nom d'image entier doit respecter.
# image-name-pattern = "registry\\.example\\.com/[a-z0-9-]+/[a-z0-9-]+"

# Désactiver des règles pour certains fichiers. Un motif sans "/" vise un nom de fichier
# dans tout dossier.
# [per-file-ignores]
# "tests/**" = ["D1"]

# Changer la gravité d'une règle : "error", "warning" ou "info".
# [severity]
# D2 = "error"

# Les labels que l'étape finale doit définir, avec la forme de leur valeur :
# text, url, rfc3339, semver, hash, spdx ou email.
# [required-labels]
# "org.opencontainers.image.source" = "url"

# Lire les fichiers d'un motif comme un type : dockerfile, dockerignore, compose, daemon,
# client-config.
# [file-kinds]
# "deploy/*.yml" = "compose"

# Les options d'une règle, par code ou par nom :
# [rules.<code-or-name>]
"#;
