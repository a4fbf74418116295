//! The OCI runtimes containers run with: `runtimes` and `default-runtime`, as moby's
//! `setupRuntimes` checks them.

use std::collections::BTreeMap;

use crate::msg;
use crate::yaml::Entry;

use super::super::problem::{HostProblem, HostProblemKind};
use super::super::read::{Fields, map_entries};
use super::super::spanned::Spanned;

/// The runtimes dockerd always has.
pub const STOCK_RUNTIMES: [&str; 2] = ["runc", "io.containerd.runc.v2"];

/// One entry of `runtimes`: a runc-compatible binary (`path`) or a containerd shim
/// (`runtimeType`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Runtime {
    pub path: Option<Spanned<String>>,
    pub runtime_type: Option<Spanned<String>>,
    pub runtime_args: Vec<Spanned<String>>,
    /// The `options` key, when written (shim options, free-form).
    pub options: Option<Spanned<()>>,
}

/// The runtimes by name; each spans its object, with its name as key.
pub(crate) fn read(entry: Option<&Entry>) -> BTreeMap<String, Spanned<Runtime>> {
    map_entries(entry.map(|entry| &entry.value))
        .filter(|(_, entry)| entry.value.as_mapping().is_some())
        .map(|(name, entry)| {
            let fields = Fields::of(Some(&entry.value), true);
            let runtime = Runtime {
                path: fields.string("path"),
                runtime_type: fields.string("runtimeType"),
                runtime_args: fields.strings("runtimeArgs"),
                options: fields
                    .entry("options")
                    .filter(|options| !options.value.is_null())
                    .map(|options| Spanned::new((), options.key.range, options.value.range)),
            };
            (
                name.to_owned(),
                Spanned::new(runtime, entry.key.range, entry.value.range),
            )
        })
        .collect()
}

/// Whether containerd would take `name` as a shim name (`io.containerd.runsc.v1`): a dot
/// after a non-empty prefix, no slash. dockerd accepts these as `default-runtime` without a
/// `runtimes` entry.
pub fn is_shim_name(name: &str) -> bool {
    !name.contains('/')
        && name
            .split_once('.')
            .is_some_and(|(prefix, _)| !prefix.is_empty())
}

pub(crate) fn check(
    runtimes: &BTreeMap<String, Spanned<Runtime>>,
    default_runtime: Option<&Spanned<String>>,
    problems: &mut Vec<HostProblem>,
) {
    for (name, runtime) in runtimes {
        if name == "runc" {
            problems.push(HostProblem::refused(
                HostProblemKind::InvalidValue,
                runtime.key_range,
                msg!(
                    "the runtime name `runc` is reserved for dockerd's own runc: choose another name; dockerd refuses to start",
                    "le nom de runtime `runc` est réservé au runc de dockerd : choisissez un autre nom ; dockerd refuse de démarrer"
                ),
            ));
        }
        match (&runtime.path, &runtime.runtime_type) {
            (None, None) => problems.push(HostProblem::refused(
                HostProblemKind::InvalidValue,
                runtime.key_range,
                msg!(
                    "the runtime `{name}` needs a `path` (a runc-compatible binary) or a `runtimeType` (a containerd shim): dockerd refuses to start",
                    "le runtime `{name}` demande un `path` (un binaire compatible runc) ou un `runtimeType` (un shim containerd) : dockerd refuse de démarrer"
                ),
            )),
            (Some(path), None) => {
                if let Some(options) = &runtime.options {
                    problems.push(
                        HostProblem::refused(
                            HostProblemKind::Conflict,
                            options.key_range,
                            msg!(
                                "`options` configure a containerd shim and cannot go with `path`: use `runtimeArgs` for a binary; dockerd refuses to start",
                                "`options` règle un shim containerd et ne va pas avec `path` : utilisez `runtimeArgs` pour un binaire ; dockerd refuse de démarrer"
                            ),
                        )
                        .with_related(path.key_range, msg!("`path` set here", "`path` défini ici")),
                    );
                }
            }
            (None, Some(runtime_type)) => {
                if let Some(first) = runtime.runtime_args.first() {
                    problems.push(
                        HostProblem::refused(
                            HostProblemKind::Conflict,
                            first.key_range,
                            msg!(
                                "`runtimeArgs` pass arguments to a binary and cannot go with `runtimeType`: use `options` for a shim; dockerd refuses to start",
                                "`runtimeArgs` passe des arguments à un binaire et ne va pas avec `runtimeType` : utilisez `options` pour un shim ; dockerd refuse de démarrer"
                            ),
                        )
                        .with_related(
                            runtime_type.key_range,
                            msg!("`runtimeType` set here", "`runtimeType` défini ici"),
                        ),
                    );
                }
            }
            // Both: the schema reports the two keys as mutually exclusive.
            (Some(_), Some(_)) => {}
        }
    }
    if let Some(default) = default_runtime {
        let name = default.as_str();
        let known = name.is_empty()
            || STOCK_RUNTIMES.contains(&name)
            || runtimes.contains_key(name)
            || is_shim_name(name);
        if !known {
            let mut problem = HostProblem::refused(
                HostProblemKind::InvalidValue,
                default.range,
                msg!(
                    "the default runtime `{name}` does not exist: use `runc` or a name defined under `runtimes`; dockerd refuses to start",
                    "le runtime par défaut `{name}` n'existe pas : utilisez `runc` ou un nom défini sous `runtimes` ; dockerd refuse de démarrer"
                ),
            );
            // Only names defined in the file (and not reserved) are suggested: a near miss of a
            // stock name is more often another runtime (`runsc` is gVisor, not a typo of
            // `runc`).
            let defined = runtimes
                .keys()
                .map(String::as_str)
                .filter(|name| !STOCK_RUNTIMES.contains(name));
            if let Some(suggestion) = crate::suggest::did_you_mean(name, defined) {
                problem.did_you_mean(suggestion);
            }
            problems.push(problem);
        }
    }
}
