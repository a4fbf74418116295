//! Command-line options of the programs rules ask about, and a scanner that tells options
//! from operands: `apt-get -o Dpkg::Options::=--force-confold install -y curl` has the
//! subcommand `install` and the package `curl` only because `-o` is known to take a value.
//! Programs not listed here have no option taking a separate value (`--name=value` and
//! attached short values still work).

use super::view::Word;

/// Which options of a program take a value.
pub(super) struct Spec {
    /// Short options (one letter after `-`) that take a value, attached (`-ofile`) or as the
    /// next word.
    pub short: &'static str,
    /// Long options (without `--`) that take a value, after `=` or as the next word.
    pub long: &'static [&'static str],
    /// Options written with one dash and a long name that take a value (`go build -ldflags`).
    pub single_dash: &'static [&'static str],
}

const NONE: Spec = Spec {
    short: "",
    long: &[],
    single_dash: &[],
};

const APT: Spec = Spec {
    short: "octa",
    long: &[
        "option",
        "config-file",
        "target-release",
        "default-release",
        "host-architecture",
    ],
    single_dash: &[],
};

const APK: Spec = Spec {
    short: "Xpt",
    long: &[
        "repository",
        "root",
        "virtual",
        "arch",
        "cache-dir",
        "keys-dir",
        "repositories-file",
        "cache-max-age",
        "timeout",
        "wait",
        "progress-fd",
    ],
    single_dash: &[],
};

const PIP: Spec = Spec {
    short: "rceiftdC",
    long: &[
        "requirement",
        "constraint",
        "editable",
        "index-url",
        "extra-index-url",
        "find-links",
        "target",
        "prefix",
        "root",
        "src",
        "upgrade-strategy",
        "progress-bar",
        "platform",
        "python-version",
        "implementation",
        "abi",
        "no-binary",
        "only-binary",
        "cache-dir",
        "log",
        "proxy",
        "retries",
        "timeout",
        "exists-action",
        "trusted-host",
        "cert",
        "client-cert",
        "global-option",
        "install-option",
        "config-settings",
        "report",
        "dest",
        "python",
        "root-user-action",
        "use-feature",
        "use-deprecated",
    ],
    single_dash: &[],
};

const NPM: Spec = Spec {
    short: "w",
    long: &[
        "prefix",
        "registry",
        "cache",
        "workspace",
        "omit",
        "include",
        "tag",
        "userconfig",
        "globalconfig",
        "loglevel",
        "install-strategy",
        "cwd",
        "modules-folder",
        "cache-folder",
        "network-timeout",
        "mutex",
        "filter",
        "dir",
    ],
    single_dash: &[],
};

const RPM_PACKAGE_MANAGER: Spec = Spec {
    short: "cdexR",
    long: &[
        "config",
        "installroot",
        "releasever",
        "setopt",
        "enablerepo",
        "disablerepo",
        "exclude",
        "repo",
        "repoid",
        "repofrompath",
        "debuglevel",
        "errorlevel",
        "rpmverbosity",
        "downloaddir",
        "destdir",
        "forcearch",
        "color",
        "disableexcludes",
        "disableplugin",
        "enableplugin",
        "comment",
        "advisory",
        "bz",
        "cve",
        "sec-severity",
        "secseverity",
    ],
    single_dash: &[],
};

const ZYPPER: Spec = Spec {
    short: "cRrt",
    long: &[
        "config",
        "root",
        "reposd-dir",
        "cache-dir",
        "raw-cache-dir",
        "solv-cache-dir",
        "pkg-cache-dir",
        "repo",
        "type",
        "from",
        "download",
    ],
    single_dash: &[],
};

const GEM: Spec = Spec {
    short: "vinp",
    long: &[
        "version",
        "install-dir",
        "bindir",
        "source",
        "http-proxy",
        "platform",
        "document",
        "build-root",
    ],
    single_dash: &[],
};

const GO: Spec = Spec {
    short: "",
    long: &[],
    single_dash: &[
        "o",
        "C",
        "p",
        "ldflags",
        "gcflags",
        "asmflags",
        "gccgoflags",
        "tags",
        "mod",
        "modfile",
        "pkgdir",
        "toolexec",
        "overlay",
        "exec",
        "buildmode",
        "compiler",
        "installsuffix",
        "pgo",
        "covermode",
        "coverpkg",
        "run",
        "bench",
        "timeout",
        "count",
    ],
};

const GIT: Spec = Spec {
    short: "Ccboju",
    long: &[
        "git-dir",
        "work-tree",
        "namespace",
        "config-env",
        "depth",
        "branch",
        "origin",
        "reference",
        "separate-git-dir",
        "shallow-since",
        "shallow-exclude",
        "config",
        "filter",
        "jobs",
        "template",
        "upload-pack",
    ],
    single_dash: &[],
};

const CURL: Spec = Spec {
    short: "AbcCdDeEFHKmoPQrTuUwxXyYz",
    long: &[
        "output",
        "header",
        "data",
        "data-raw",
        "data-binary",
        "data-urlencode",
        "request",
        "user",
        "user-agent",
        "referer",
        "cookie",
        "cookie-jar",
        "config",
        "max-time",
        "connect-timeout",
        "retry",
        "retry-delay",
        "retry-max-time",
        "proxy",
        "form",
        "upload-file",
        "write-out",
        "cacert",
        "capath",
        "cert",
        "key",
        "resolve",
        "limit-rate",
        "output-dir",
        "range",
        "continue-at",
        "dump-header",
        "proto",
        "proto-redir",
        "interface",
        "max-filesize",
        "max-redirs",
        "noproxy",
        "url",
    ],
    single_dash: &[],
};

const WGET: Spec = Spec {
    short: "oOaiPtTwUeQlBDRAIX",
    long: &[
        "output-document",
        "output-file",
        "append-output",
        "input-file",
        "directory-prefix",
        "tries",
        "timeout",
        "wait",
        "user-agent",
        "execute",
        "quota",
        "level",
        "base",
        "domains",
        "reject",
        "accept",
        "header",
        "user",
        "password",
        "post-data",
        "post-file",
        "ca-certificate",
        "certificate",
        "private-key",
        "progress",
        "limit-rate",
        "bind-address",
        "referer",
    ],
    single_dash: &[],
};

const USERADD: Spec = Spec {
    short: "bcdefgGkKpsuZR",
    long: &[
        "base-dir",
        "comment",
        "home-dir",
        "expiredate",
        "inactive",
        "gid",
        "groups",
        "skel",
        "key",
        "password",
        "shell",
        "uid",
        "selinux-user",
        "root",
        "prefix",
    ],
    single_dash: &[],
};

const ADDUSER: Spec = Spec {
    short: "hgsGuk",
    long: &[
        "home", "shell", "uid", "gid", "gecos", "ingroup", "firstuid", "lastuid", "conf", "comment",
    ],
    single_dash: &[],
};

const TAR: Spec = Spec {
    short: "fCbTXgIKLNV",
    long: &[
        "file",
        "directory",
        "files-from",
        "exclude-from",
        "exclude",
        "use-compress-program",
        "listed-incremental",
        "strip-components",
        "owner",
        "group",
        "mode",
        "transform",
    ],
    single_dash: &[],
};

/// The option spec of a program (its file name).
pub(super) fn spec(program: &str) -> &'static Spec {
    match program {
        "apt-get" | "apt" | "apt-cache" | "aptitude" => &APT,
        "apk" => &APK,
        "pip" | "pip3" | "pip2" => &PIP,
        "npm" | "yarn" | "pnpm" => &NPM,
        "yum" | "dnf" | "microdnf" | "tdnf" | "dnf5" => &RPM_PACKAGE_MANAGER,
        "zypper" => &ZYPPER,
        "gem" => &GEM,
        "go" => &GO,
        "git" => &GIT,
        "curl" => &CURL,
        "wget" => &WGET,
        "useradd" | "usermod" | "groupadd" | "groupmod" => &USERADD,
        "adduser" | "addgroup" => &ADDUSER,
        "tar" => &TAR,
        _ => &NONE,
    }
}

/// One word of a command line, read as an option or an operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Arg {
    /// An option; `value` is the index of the next word when it is the option's value.
    Option { index: usize, value: Option<usize> },
    /// An operand (after `--`, every word is one; so is a word with no static value).
    Operand { index: usize },
}

/// Reads `words` as options and operands, the way getopt-style programs do: options may
/// come anywhere (GNU permutation), `--` ends them.
pub(super) fn scan<'w, 'a>(words: &'w [Word<'a>], spec: &'static Spec) -> Scan<'w, 'a> {
    Scan {
        words,
        spec,
        index: 0,
        operands_only: false,
    }
}

pub(super) struct Scan<'w, 'a> {
    words: &'w [Word<'a>],
    spec: &'static Spec,
    index: usize,
    operands_only: bool,
}

impl Iterator for Scan<'_, '_> {
    type Item = Arg;

    fn next(&mut self) -> Option<Arg> {
        loop {
            let index = self.index;
            let word = self.words.get(index)?;
            self.index += 1;
            let Some(text) = option_text(word) else {
                return Some(Arg::Operand { index });
            };
            if self.operands_only || text == "-" || !text.starts_with('-') {
                return Some(Arg::Operand { index });
            }
            if text == "--" {
                self.operands_only = true;
                continue;
            }
            let takes_value = takes_separate_value(text, self.spec);
            let value = (takes_value && index + 1 < self.words.len()).then(|| {
                self.index += 1;
                index + 1
            });
            return Some(Arg::Option { index, value });
        }
    }
}

/// The text of an option word: its value, or for a word with an expansion written after the
/// option (`--prefix=$HOME`), its text.
pub(super) fn option_text<'w>(word: &'w Word<'_>) -> Option<&'w str> {
    match word.value() {
        Some(value) => Some(value),
        None if word.text.starts_with('-') => Some(&word.text),
        None => None,
    }
}

/// Whether the option word `text` (starting with `-`) is followed by its value as the next
/// word.
fn takes_separate_value(text: &str, spec: &Spec) -> bool {
    if let Some(long) = text.strip_prefix("--") {
        return !long.contains('=') && spec.long.contains(&long);
    }
    let body = &text[1..];
    if spec.single_dash.contains(&body) {
        return true;
    }
    if body.contains('=') && spec.single_dash.iter().any(|name| body.starts_with(name)) {
        return false;
    }
    for (at, letter) in body.char_indices() {
        if spec.short.contains(letter) {
            return at + letter.len_utf8() == body.len();
        }
        if !letter.is_ascii_alphanumeric() {
            return false;
        }
    }
    false
}

/// Whether the option word `text` is the option `name` (`--yes`, `-y`, `-name`): a long
/// option exactly or with `=value`; a short option alone or in a group of letters (`-qy`),
/// up to the first letter that takes a value.
pub(super) fn is_option(text: &str, name: &str, spec: &Spec) -> bool {
    if name.starts_with("--") || name.len() > 2 {
        return text == name
            || text
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('='));
    }
    let Some(letter) = name.strip_prefix('-').and_then(|rest| rest.chars().next()) else {
        return text == name;
    };
    if text == name {
        return true;
    }
    let Some(group) = text.strip_prefix('-') else {
        return false;
    };
    if group.starts_with('-') || spec.single_dash.iter().any(|long| group.starts_with(long)) {
        return false;
    }
    for ch in group.chars() {
        if ch == letter {
            return true;
        }
        if spec.short.contains(ch) || !ch.is_ascii_alphanumeric() {
            return false;
        }
    }
    false
}

/// For an option word `text` matching `name`: its value written in the same word
/// (`--name=value`, `-ovalue`, `-qo` has none), as a byte offset in `text`.
pub(super) fn inline_value(text: &str, name: &str, spec: &Spec) -> Option<usize> {
    if name.starts_with("--") || name.len() > 2 {
        return text
            .strip_prefix(name)
            .filter(|rest| rest.starts_with('='))
            .map(|_| name.len() + 1);
    }
    let letter = name.chars().nth(1)?;
    let group = text.strip_prefix('-')?;
    for (at, ch) in group.char_indices() {
        if ch == letter {
            let rest = 1 + at + ch.len_utf8();
            return (rest < text.len()).then_some(rest);
        }
        if spec.short.contains(ch) || !ch.is_ascii_alphanumeric() {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_with_values() {
        assert!(takes_separate_value("-o", &APT));
        assert!(!takes_separate_value("-oDpkg::Options::=x", &APT));
        assert!(takes_separate_value("-qo", &APT));
        assert!(takes_separate_value("--virtual", &APK));
        assert!(!takes_separate_value("--virtual=.deps", &APK));
        assert!(takes_separate_value("-ldflags", &GO));
        assert!(!takes_separate_value("-y", &APT));
    }

    #[test]
    fn option_names() {
        assert!(is_option("-qy", "-y", &APT));
        assert!(is_option("--yes", "--yes", &APT));
        assert!(is_option("--assume-yes=true", "--assume-yes", &APT));
        assert!(!is_option("--yes-please", "--yes", &APT));
        assert!(!is_option("-oAPT::Get::Assume-Yes=1", "-y", &APT));
        assert!(!is_option("--y", "-y", &APT));
        assert!(is_option("-name", "-name", &NONE));
    }

    #[test]
    fn inline_values() {
        assert_eq!(
            inline_value("--mount=type=cache", "--mount", &NONE),
            Some(8)
        );
        assert_eq!(inline_value("-ofile", "-o", &APT), Some(2));
        assert_eq!(inline_value("-o", "-o", &APT), None);
        assert_eq!(inline_value("-qofile", "-o", &APT), Some(3));
    }
}
