//! The default logging of containers: `log-driver` and `log-opts`, as moby's logger package
//! validates them (`ValidateLogOpts`, and the `json-file` and `local` drivers, which keep the
//! logs in files on the host and rotate them).

use std::collections::BTreeMap;

use crate::bytesize::{parse_human_size, parse_ram_in_bytes};
use crate::go;
use crate::msg;
use crate::text::TextRange;

use super::super::problem::{HostProblem, HostProblemKind};
use super::super::spanned::Spanned;

/// dockerd's logging driver when `log-driver` is not set.
pub const DEFAULT_LOG_DRIVER: &str = "json-file";

/// The `local` driver's rotation when its options are not set: 20 MiB files, 5 of them.
const LOCAL_MAX_SIZE: u64 = 20 * 1024 * 1024;
const LOCAL_MAX_FILE: u32 = 5;

/// Whether and how the logs of containers are kept from filling the host's disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogRotation {
    /// The driver keeps no log file dockerd would rotate (`journald`, `syslog`, `fluentd`,
    /// `none`, a plugin...): the logs' size is the receiving system's business.
    NotOnHost,
    /// `json-file` without `max-size`: each container's log grows until the disk is full.
    Unbounded,
    /// At most `max_files` files of `max_size` bytes per container.
    Bounded { max_size: u64, max_files: u32 },
    /// `max-size`, `max-file` or `compress` holds a value the driver refuses (a problem of the
    /// model): containers fail to start, so nothing is logged at all.
    Invalid,
}

/// The log options a driver that writes files takes, besides dockerd's common ones.
const FILE_DRIVER_OPTIONS: &[&str] = &[
    "compress",
    "env",
    "env-regex",
    "labels",
    "labels-regex",
    "max-file",
    "max-size",
    "tag",
];

/// Whether the driver keeps its logs in files dockerd rotates.
pub(crate) fn writes_files(driver: &str) -> bool {
    matches!(driver, "json-file" | "local")
}

/// The rotation of a driver's files under `options` (both read from daemon.json).
pub(crate) fn rotation(driver: &str, options: &BTreeMap<String, Spanned<String>>) -> LogRotation {
    if !writes_files(driver) {
        return LogRotation::NotOnHost;
    }
    match read_file_options(driver, options) {
        Ok(files) => match files.max_size {
            None if driver == "json-file" => LogRotation::Unbounded,
            max_size => LogRotation::Bounded {
                max_size: max_size.unwrap_or(LOCAL_MAX_SIZE),
                max_files: files.max_files.unwrap_or(if driver == "local" {
                    LOCAL_MAX_FILE
                } else {
                    1
                }),
            },
        },
        Err(_) => LogRotation::Invalid,
    }
}

/// What `max-size`, `max-file` and `compress` say, once read.
struct FileOptions {
    max_size: Option<u64>,
    max_files: Option<u32>,
}

/// Reads the file options of `json-file` or `local` as the driver does when a container
/// starts; the error is the first problem it would report.
fn read_file_options(
    driver: &str,
    options: &BTreeMap<String, Spanned<String>>,
) -> Result<FileOptions, HostProblem> {
    let json_file = driver == "json-file";
    let invalid = |option: &Spanned<String>, message| {
        HostProblem::refused(HostProblemKind::InvalidValue, option.range, message)
    };
    let max_size = match options.get("max-size") {
        None => None,
        Some(option) => {
            let size = parse_human_size(option).map_err(|error| {
                let reason = error.message();
                let (reason_en, reason_fr) = (&reason.en, &reason.fr);
                invalid(
                    option,
                    msg!(
                        "`max-size` of the {driver} driver: {reason_en}; every container would fail to start",
                        "`max-size` du pilote {driver} : {reason_fr} ; aucun conteneur ne pourrait démarrer"
                    ),
                )
            })?;
            if json_file && size == 0 {
                return Err(invalid(
                    option,
                    msg!(
                        "`max-size` of the json-file driver must be more than 0 bytes, such as `10m`",
                        "`max-size` du pilote json-file doit dépasser 0 octet, comme `10m`"
                    ),
                ));
            }
            // `parse_human_size` refuses negative sizes.
            Some(size.unsigned_abs())
        }
    };
    let least = if json_file { 1 } else { 0 };
    let max_files = match options.get("max-file") {
        None => None,
        Some(option) => match go::parse_int(option) {
            Ok(count) if count >= least => Some(u32::try_from(count).unwrap_or(u32::MAX)),
            _ => {
                return Err(invalid(
                    option,
                    msg!(
                        "`max-file` of the {driver} driver must be a whole number of files, at least {least}, such as `3`",
                        "`max-file` du pilote {driver} doit être un nombre entier de fichiers, au moins {least}, comme `3`"
                    ),
                ));
            }
        },
    };
    // The local driver compresses rotated files unless told not to; json-file does not.
    let compress_option = options.get("compress");
    let compress = match compress_option {
        None => !json_file,
        Some(option) => parse_go_bool(option).ok_or_else(|| {
            invalid(
                option,
                msg!(
                    "`compress` must be `true` or `false`, not `{}`",
                    "`compress` doit valoir `true` ou `false`, pas `{}`",
                    option.as_str()
                ),
            )
        })?,
    };
    if compress {
        let files = max_files.unwrap_or(if json_file { 1 } else { LOCAL_MAX_FILE });
        // json-file compresses only when asked (so `compress` is written); the local driver's
        // default file count allows compression, so a refusal comes from a written `max-file`.
        let at = compress_option
            .or_else(|| options.get("max-file"))
            .map_or(TextRange::default(), |option| option.range);
        if json_file && (files < 2 || max_size.is_none()) {
            return Err(HostProblem::refused(
                HostProblemKind::Conflict,
                at,
                msg!(
                    "the json-file driver compresses only rotated files: `compress` needs `max-size` and a `max-file` of at least 2",
                    "le pilote json-file ne compresse que les fichiers tournés : `compress` demande `max-size` et un `max-file` d'au moins 2"
                ),
            ));
        }
        if !json_file && files <= 1 {
            return Err(HostProblem::refused(
                HostProblemKind::Conflict,
                at,
                msg!(
                    "the local driver compresses rotated files unless `compress` is `false`, which needs a `max-file` of at least 2",
                    "le pilote local compresse les fichiers tournés sauf si `compress` vaut `false`, ce qui demande un `max-file` d'au moins 2"
                ),
            ));
        }
    }
    Ok(FileOptions {
        max_size,
        max_files,
    })
}

/// Every problem of the default log options of `driver`, as dockerd reports them when it
/// starts (unknown options, `mode`, `max-buffer-size`) or when a container starts (values of
/// the file options).
pub(crate) fn check(
    driver: Option<&Spanned<String>>,
    log_opts_key: Option<TextRange>,
    options: &BTreeMap<String, Spanned<String>>,
    problems: &mut Vec<HostProblem>,
) {
    let name = driver.map_or(DEFAULT_LOG_DRIVER, |driver| driver.as_str());
    if name == "none" {
        if let (Some(key), false) = (log_opts_key, options.is_empty()) {
            let mut problem = HostProblem::ignored(
                key,
                msg!(
                    "`log-opts` has no effect with the `none` logging driver, which keeps no logs",
                    "`log-opts` n'a aucun effet avec le pilote de journalisation `none`, qui ne garde aucun journal"
                ),
            );
            if let Some(driver) = driver {
                problem = problem
                    .with_related(driver.range, msg!("driver set here", "pilote défini ici"));
            }
            problems.push(problem);
        }
        return;
    }
    let mode = options.get("mode");
    if let Some(mode) = mode
        && !matches!(mode.as_str(), "" | "blocking" | "non-blocking")
    {
        problems.push(HostProblem::refused(
            HostProblemKind::InvalidValue,
            mode.range,
            msg!(
                "`mode` is `blocking` or `non-blocking`, not `{}`",
                "`mode` vaut `blocking` ou `non-blocking`, pas `{}`",
                mode.as_str()
            ),
        ));
    }
    if let Some(buffer) = options.get("max-buffer-size") {
        if mode.is_none_or(|mode| mode.as_str() != "non-blocking") {
            problems.push(HostProblem::refused(
                HostProblemKind::Conflict,
                buffer.key_range,
                msg!(
                    "`max-buffer-size` works only with `mode` set to `non-blocking`",
                    "`max-buffer-size` ne fonctionne qu'avec `mode` à `non-blocking`"
                ),
            ));
        } else if let Err(error) = parse_ram_in_bytes(buffer) {
            let reason = error.message();
            let (reason_en, reason_fr) = (&reason.en, &reason.fr);
            problems.push(HostProblem::refused(
                HostProblemKind::InvalidValue,
                buffer.range,
                msg!(
                    "`max-buffer-size`: {reason_en}",
                    "`max-buffer-size` : {reason_fr}"
                ),
            ));
        }
    }
    if let Some(disabled) = options.get("cache-disabled")
        && parse_go_bool(disabled).is_none()
    {
        problems.push(HostProblem::refused(
            HostProblemKind::InvalidValue,
            disabled.range,
            msg!(
                "`cache-disabled` must be `true` or `false`, not `{}`",
                "`cache-disabled` doit valoir `true` ou `false`, pas `{}`",
                disabled.as_str()
            ),
        ));
    }
    if !writes_files(name) {
        // Other drivers have options of their own, which berth does not list.
        return;
    }
    for (key, option) in options {
        if is_common_option(key) || FILE_DRIVER_OPTIONS.contains(&key.as_str()) {
            continue;
        }
        let mut problem = HostProblem::refused(
            HostProblemKind::InvalidValue,
            option.key_range,
            msg!(
                "unknown log option `{key}` for the {name} driver: dockerd refuses to start",
                "option de journalisation `{key}` inconnue pour le pilote {name} : dockerd refuse de démarrer"
            ),
        );
        problem.suggestion = crate::suggest::did_you_mean(key, FILE_DRIVER_OPTIONS.iter().copied());
        if let Some(suggestion) = problem.suggestion {
            problem.did_you_mean(suggestion);
        }
        problems.push(problem);
    }
    if let Err(problem) = read_file_options(name, options) {
        problems.push(problem);
    }
}

/// Options dockerd handles for every driver: the delivery mode, and the local cache that
/// `docker logs` reads for drivers that cannot be read back.
fn is_common_option(key: &str) -> bool {
    match key.strip_prefix("cache-") {
        Some(rest) => rest == "disabled" || FILE_DRIVER_OPTIONS.contains(&rest),
        None => matches!(key, "mode" | "max-buffer-size"),
    }
}

/// Go's `strconv.ParseBool`.
pub(crate) fn parse_go_bool(text: &str) -> Option<bool> {
    match text {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}
