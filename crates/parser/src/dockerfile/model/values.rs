//! Checks BuildKit makes on expanded values while building: platforms, stop signals, chmod
//! modes, WORKDIR paths.

use compact_str::CompactString;

use crate::go;
use crate::message::Message;
use crate::msg;

/// containerd's `platforms.Parse`: `os[(version+features)][/arch[/variant]]`, or a lone OS or
/// architecture it knows.
pub(super) fn check_platform(specifier: &str) -> Result<(), Message> {
    if specifier.contains('*') {
        return Err(msg!(
            "\"{specifier}\": wildcards not yet supported",
            "« {specifier} » : les jokers ne sont pas pris en charge"
        ));
    }
    let parts: Vec<&str> = specifier.splitn(4, '/').collect();
    let os = parts[0];
    if !is_os_component(os) {
        return Err(msg!(
            "\"{os}\" is an invalid OS component of \"{specifier}\"",
            "« {os} » n'est pas un système d'exploitation valide dans « {specifier} »"
        ));
    }
    for part in &parts[1..] {
        let valid = !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
        if !valid {
            return Err(msg!(
                "\"{part}\" is an invalid component of \"{specifier}\"",
                "« {part} » n'est pas un élément valide de « {specifier} »"
            ));
        }
    }
    match parts.len() {
        1 => {
            let name = os.split('(').next().unwrap_or(os).to_ascii_lowercase();
            if KNOWN_OS.contains(&normalize_os(&name))
                || KNOWN_ARCH.contains(&normalize_arch(&name))
            {
                Ok(())
            } else {
                Err(msg!(
                    "\"{specifier}\": unknown operating system or architecture",
                    "« {specifier} » : système d'exploitation ou architecture inconnu"
                ))
            }
        }
        2 | 3 => Ok(()),
        _ => Err(msg!(
            "\"{specifier}\": cannot parse platform specifier",
            "« {specifier} » : plateforme illisible (attendu os/arch[/variante])"
        )),
    }
}

/// `^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.%-]*)((?:\+[A-Za-z0-9_.%-]+)*)\))?$`.
fn is_os_component(part: &str) -> bool {
    let (name, options) = match part.split_once('(') {
        Some((name, rest)) => match rest.strip_suffix(')') {
            Some(options) => (name, Some(options)),
            None => return false,
        },
        None => (part, None),
    };
    let name_ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'));
    let option_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'%' | b'-');
    let options_ok = options.is_none_or(|options| {
        let mut pieces = options.split('+');
        let version_ok = pieces.next().is_some_and(|v| v.bytes().all(option_char));
        version_ok && pieces.all(|feature| !feature.is_empty() && feature.bytes().all(option_char))
    });
    name_ok && options_ok
}

const KNOWN_OS: [&str; 17] = [
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "windows",
    "zos",
];

const KNOWN_ARCH: [&str; 24] = [
    "386",
    "amd64",
    "amd64p32",
    "arm",
    "armbe",
    "arm64",
    "arm64be",
    "loong64",
    "mips",
    "mipsle",
    "mips64",
    "mips64le",
    "mips64p32",
    "mips64p32le",
    "ppc",
    "ppc64",
    "ppc64le",
    "riscv",
    "riscv64",
    "s390",
    "s390x",
    "sparc",
    "sparc64",
    "wasm",
];

fn normalize_os(os: &str) -> &str {
    match os {
        "macos" => "darwin",
        other => other,
    }
}

fn normalize_arch(arch: &str) -> &str {
    match arch {
        "i386" => "386",
        "x86_64" | "x86-64" | "amd64" => "amd64",
        "aarch64" | "arm64" => "arm64",
        "armhf" | "armel" | "arm" => "arm",
        other => other,
    }
}

/// moby/sys `signal.ParseSignal` with the Linux signal table (BuildKit runs on Linux): a
/// positive number, or a name with or without `SIG`, in any case.
pub(super) fn check_signal(signal: &str) -> Result<(), Message> {
    let valid = match go::parse_int(signal) {
        Ok(number) => number != 0,
        Err(go::NumberError::Range) => false,
        Err(go::NumberError::Syntax) => {
            let upper = signal.to_ascii_uppercase();
            let name = upper.strip_prefix("SIG").unwrap_or(&upper);
            LINUX_SIGNALS.contains(&name) || is_realtime_signal(name)
        }
    };
    if valid {
        Ok(())
    } else {
        Err(msg!(
            "invalid signal: {signal}",
            "signal invalide : {signal} (SIGTERM, SIGINT, SIGQUIT... ou un numéro)"
        ))
    }
}

const LINUX_SIGNALS: [&str; 34] = [
    "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT", "KILL",
    "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP",
    "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ",
];

/// `RTMIN`, `RTMIN+1` to `RTMIN+15`, `RTMAX-14` to `RTMAX-1`, `RTMAX`.
fn is_realtime_signal(name: &str) -> bool {
    let offset = |rest: &str| rest.parse::<u32>().is_ok_and(|n| (1..=15).contains(&n));
    match name {
        "RTMIN" | "RTMAX" => true,
        _ => {
            if let Some(rest) = name.strip_prefix("RTMIN+") {
                offset(rest)
            } else if let Some(rest) = name.strip_prefix("RTMAX-") {
                rest.parse::<u32>().is_ok_and(|n| (1..=14).contains(&n))
            } else {
                false
            }
        }
    }
}

/// COPY and ADD `--chmod`: an octal mode up to 07777. A value that looks like a number but is
/// not octal is refused with BuildKit's message; symbolic modes (`u+x`) are left alone.
pub(super) fn check_chmod(mode: &str) -> Result<(), Message> {
    let numeric = !mode.is_empty() && mode.bytes().all(|b| b.is_ascii_digit());
    let octal = numeric && mode.bytes().all(|b| b < b'8');
    let in_range = octal && u32::from_str_radix(mode, 8).is_ok_and(|value| value <= 0o7777);
    if numeric && !in_range {
        return Err(msg!(
            "invalid chmod parameter: '{mode}'. it should be octal string and between 0 and 07777",
            "paramètre --chmod invalide : « {mode} » ; il faut un nombre octal entre 0 et 07777"
        ));
    }
    Ok(())
}

/// BuildKit's `NormalizeWorkdir` on Linux: an absolute path is kept as written, a relative one
/// joins the current directory (and is cleaned), an empty one keeps it.
pub(super) fn resolve_workdir(current: &str, path: &str) -> CompactString {
    if path.is_empty() {
        return current.into();
    }
    if path.starts_with('/') {
        return path.into();
    }
    crate::go::clean_path(&format!("{current}/{path}")).into()
}
