//! The checks BuildKit makes while turning parsed lines into typed instructions
//! (`instructions/parse.go`, `bflag.go`, the RUN flag hooks): flags, argument counts, stage
//! names, HEALTHCHECK options, RUN mounts. BuildKit stops at the first; berth reports each.

use crate::message::{Message, SyntaxError};
use crate::msg;
use crate::text::{PieceMap, TextRange};

use super::heredoc;
use super::instruction::Builder;
use super::run_flags;
use super::sexp::go_quote;
use super::tree::{Arguments, Command, Dockerfile, HealthcheckKind, Instruction, Keyword};

#[derive(Clone, Copy, PartialEq, Eq)]
enum FlagKind {
    Bool,
    String,
    /// A string flag that may be repeated.
    Strings,
}

/// The flags an instruction declares, in BuildKit's order; `None` when BuildKit never checks
/// them (ARG and STOPSIGNAL ignore flags, HEALTHCHECK NONE too).
fn declared_flags(instruction: &Instruction) -> Option<&'static [(&'static str, FlagKind)]> {
    use FlagKind::*;
    Some(match instruction.keyword {
        Keyword::Add => &[
            ("chown", String),
            ("chmod", String),
            ("link", Bool),
            ("keep-git-dir", Bool),
            ("checksum", String),
            ("unpack", Bool),
            ("exclude", Strings),
        ],
        Keyword::Copy => &[
            ("chown", String),
            ("from", String),
            ("chmod", String),
            ("link", Bool),
            ("exclude", Strings),
            ("parents", Bool),
        ],
        Keyword::From => &[("platform", String)],
        Keyword::Run => &[
            ("mount", Strings),
            ("network", String),
            ("security", String),
            ("device", Strings),
        ],
        Keyword::Healthcheck => match &instruction.args {
            Arguments::Healthcheck(healthcheck) if healthcheck.kind == HealthcheckKind::None => {
                return None;
            }
            _ => &[
                ("interval", String),
                ("timeout", String),
                ("start-period", String),
                ("start-interval", String),
                ("retries", String),
            ],
        },
        Keyword::Arg | Keyword::Stopsignal | Keyword::Unknown => return None,
        _ => &[],
    })
}

fn push(errors: &mut Vec<SyntaxError>, range: TextRange, message: Message) {
    errors.push(SyntaxError::new(range, message));
}

/// Checks one instruction (and its ONBUILD trigger, which BuildKit only checks in the
/// downstream build, where it would fail just the same).
pub(super) fn instruction(builder: &mut Builder<'_>, instruction: &Instruction) {
    let (text, map) = (builder.text, builder.map);
    let errors = &mut *builder.errors;
    flags(errors, instruction);
    arguments(errors, text, map, instruction);
    if let Some(trigger) = instruction.trigger() {
        let name = trigger.keyword_logical.slice(text).to_ascii_uppercase();
        match trigger.keyword {
            Keyword::Onbuild => push(
                errors,
                trigger.keyword_range,
                msg!(
                    "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
                    "enchaîner ONBUILD avec `ONBUILD ONBUILD` n'est pas permis"
                ),
            ),
            Keyword::From | Keyword::Maintainer => push(
                errors,
                trigger.keyword_range,
                msg!(
                    "{name} isn't allowed as an ONBUILD trigger",
                    "{name} n'est pas permis comme déclencheur ONBUILD"
                ),
            ),
            _ => self::instruction(builder, trigger),
        }
    }
}

fn flags(errors: &mut Vec<SyntaxError>, instruction: &Instruction) {
    let Some(declared) = declared_flags(instruction) else {
        return;
    };
    // Which declared flags were seen, by index (no instruction declares more than 32).
    let mut used: u32 = 0;
    for flag in &instruction.flags {
        let written = flag.name_range;
        let name = &flag.name;
        let Some((index, &(_, kind))) = declared
            .iter()
            .enumerate()
            .find(|(_, (declared, _))| declared == name)
        else {
            let names: Vec<&str> = declared.iter().map(|(name, _)| *name).collect();
            let (en, fr) = match suggest(name, &names, true) {
                Some(better) => (
                    format!(" (did you mean {better}?)"),
                    format!(" (vouliez-vous dire {better} ?)"),
                ),
                None => (String::new(), String::new()),
            };
            push(
                errors,
                written,
                msg!(
                    "unknown flag: --{name}{en}",
                    "option inconnue : --{name}{fr}"
                ),
            );
            continue;
        };
        if kind != FlagKind::Strings && used & (1 << index) != 0 {
            push(
                errors,
                flag.range,
                msg!(
                    "duplicate flag specified: --{name}",
                    "option donnée deux fois : --{name}"
                ),
            );
            continue;
        }
        used |= 1 << index;
        let value_range = flag.value_range.unwrap_or(flag.range);
        match (kind, flag.value.as_deref()) {
            (FlagKind::Bool, Some("")) | (FlagKind::String | FlagKind::Strings, None) => push(
                errors,
                value_range,
                msg!(
                    "missing a value on flag: --{name}",
                    "valeur manquante pour l'option --{name}"
                ),
            ),
            (FlagKind::Bool, Some(value))
                if !value.eq_ignore_ascii_case("true") && !value.eq_ignore_ascii_case("false") =>
            {
                push(
                    errors,
                    value_range,
                    msg!(
                        "expecting boolean value for flag --{name}, not: {value}",
                        "valeur booléenne (true ou false) attendue pour l'option --{name}, et non : {value}"
                    ),
                );
            }
            _ => {}
        }
    }
}

/// `text` is the instruction's logical text (not yet stored in it), `map` its way to the file.
fn arguments(errors: &mut Vec<SyntaxError>, text: &str, map: &PieceMap, instruction: &Instruction) {
    let keyword = instruction.keyword.as_str();
    let at_keyword = instruction.keyword_range;
    let at_least_one = |errors: &mut Vec<SyntaxError>| {
        push(
            errors,
            at_keyword,
            msg!(
                "{keyword} requires at least one argument",
                "{keyword} attend au moins un argument"
            ),
        );
    };
    match (&instruction.keyword, &instruction.args) {
        (Keyword::Unknown, _) => {
            let written = instruction.keyword_logical.slice(text);
            let names: Vec<&str> = Keyword::ALL
                .iter()
                .map(|keyword| keyword.as_str())
                .collect();
            let (en, fr) = match suggest(written, &names, false) {
                Some(better) => (
                    format!(" (did you mean {better}?)"),
                    format!(" (vouliez-vous dire {better} ?)"),
                ),
                None => (String::new(), String::new()),
            };
            push(
                errors,
                at_keyword,
                msg!(
                    "unknown instruction: {written}{en}",
                    "instruction inconnue : {written}{fr}"
                ),
            );
        }
        (Keyword::Env | Keyword::Label, Arguments::KeyValues(pairs)) => {
            if pairs.is_empty() {
                at_least_one(errors);
            }
            for pair in pairs {
                if pair.key.text.is_empty() {
                    push(
                        errors,
                        pair.value
                            .as_ref()
                            .map_or(pair.key.range, |value| pair.key.range.cover(value.range)),
                        msg!(
                            "{keyword} names can not be blank",
                            "les noms de {keyword} ne peuvent pas être vides"
                        ),
                    );
                }
            }
        }
        (Keyword::Arg, Arguments::ArgDeclarations(declarations)) => {
            if declarations.is_empty() {
                at_least_one(errors);
            }
            for declaration in declarations {
                if declaration.name.text.is_empty() {
                    push(
                        errors,
                        declaration.word.range,
                        msg!(
                            "ARG names can not be blank",
                            "le nom d'un ARG ne peut pas être vide"
                        ),
                    );
                }
            }
        }
        (Keyword::Add | Keyword::Copy, Arguments::Paths(list)) => {
            if list.words().len() < 2 {
                let at = list.words().first().map_or(at_keyword, |word| word.range);
                push(
                    errors,
                    at,
                    msg!(
                        "{keyword} requires at least two arguments, but only one was provided. Destination could not be determined",
                        "{keyword} attend au moins deux arguments (sources et destination), mais un seul a été donné : impossible de déterminer la destination"
                    ),
                );
            } else if let Some(destination) = list.destination()
                && heredoc::is_marker(&destination.text)
            {
                push(
                    errors,
                    destination.range,
                    msg!(
                        "{keyword} cannot accept a heredoc as a destination",
                        "{keyword} n'accepte pas un heredoc comme destination"
                    ),
                );
            }
        }
        (Keyword::From, Arguments::From(from)) => {
            let as_form = from.as_keyword.is_some() && from.stage_name.is_some();
            if !from.extra.is_empty() || (from.as_keyword.is_some() && !as_form) {
                let at = from
                    .extra
                    .first()
                    .or(from.as_keyword.as_ref())
                    .map_or(at_keyword, |word| word.range);
                push(
                    errors,
                    at,
                    msg!(
                        "FROM requires either one or three arguments",
                        "FROM attend un ou trois arguments : image [AS nom]"
                    ),
                );
            } else if let Some(name) = &from.stage_name
                && !is_valid_stage_name(&super::to_lowercase(&name.text))
            {
                let quoted = go_quote(&name.text);
                push(
                    errors,
                    name.range,
                    msg!(
                        "invalid name for build stage: {quoted}, name can't start with a number or contain symbols",
                        "nom d'étape invalide : {quoted} ; un nom commence par une lettre et ne contient que des lettres, chiffres, -, _ et ."
                    ),
                );
            }
        }
        (Keyword::From, Arguments::None) => push(
            errors,
            at_keyword,
            msg!(
                "FROM requires either one or three arguments",
                "FROM attend un ou trois arguments : image [AS nom]"
            ),
        ),
        (
            Keyword::User | Keyword::Workdir | Keyword::Maintainer | Keyword::Stopsignal,
            Arguments::None,
        ) => push(
            errors,
            at_keyword,
            msg!(
                "{keyword} requires exactly one argument",
                "{keyword} attend exactement un argument"
            ),
        ),
        (Keyword::Expose | Keyword::Volume, Arguments::Words(list)) => {
            if list.words().is_empty() {
                at_least_one(errors);
            }
            if instruction.keyword == Keyword::Volume {
                for word in list.words() {
                    if word.text.trim().is_empty() {
                        push(
                            errors,
                            word.range,
                            msg!(
                                "VOLUME specified can not be an empty string",
                                "un VOLUME ne peut pas être une chaîne vide"
                            ),
                        );
                    }
                }
            }
        }
        (Keyword::Onbuild, Arguments::None) | (Keyword::Healthcheck, Arguments::None) => {
            at_least_one(errors);
        }
        (Keyword::Shell, args) => {
            let empty = match args {
                Arguments::Command(Command::Exec(array)) => array.elements.is_empty(),
                Arguments::None => true,
                _ => false,
            };
            if empty {
                at_least_one(errors);
            } else if !instruction.is_exec_form() {
                push(
                    errors,
                    map.file_range(instruction.args_logical),
                    msg!(
                        "SHELL requires the arguments to be in JSON form",
                        "SHELL attend ses arguments sous forme de tableau JSON, par exemple [\"/bin/sh\", \"-c\"]"
                    ),
                );
            }
        }
        (Keyword::Healthcheck, Arguments::Healthcheck(healthcheck)) => {
            let kind = &healthcheck.kind_word;
            match healthcheck.kind {
                HealthcheckKind::None => {
                    if let Some(command) = &healthcheck.command {
                        push(
                            errors,
                            command.range(),
                            msg!(
                                "HEALTHCHECK NONE takes no arguments",
                                "HEALTHCHECK NONE ne prend pas d'argument"
                            ),
                        );
                    }
                }
                HealthcheckKind::Cmd => {
                    let empty = match &healthcheck.command {
                        None => true,
                        Some(Command::Exec(array)) => array.elements.is_empty(),
                        Some(Command::Shell(_)) => false,
                    };
                    if empty {
                        push(
                            errors,
                            healthcheck
                                .command
                                .as_ref()
                                .map_or(kind.range, Command::range),
                            msg!(
                                "Missing command after HEALTHCHECK CMD",
                                "commande manquante après HEALTHCHECK CMD"
                            ),
                        );
                    }
                }
                HealthcheckKind::Unknown => {
                    let quoted = go_quote(&kind.text.to_uppercase());
                    push(
                        errors,
                        kind.range,
                        msg!(
                            "Unknown type {quoted} in HEALTHCHECK (try CMD)",
                            "type {quoted} inconnu pour HEALTHCHECK (essayez CMD)"
                        ),
                    );
                }
            }
            if healthcheck.kind != HealthcheckKind::None {
                healthcheck_options(errors, instruction);
            }
        }
        (Keyword::Run, _) => run_flags::check(errors, instruction),
        _ => {}
    }
}

/// HEALTHCHECK `--interval`, `--timeout`, `--start-period`, `--start-interval` (Go durations,
/// zero or at least 1ms) and `--retries` (a non-negative 32-bit integer).
fn healthcheck_options(errors: &mut Vec<SyntaxError>, instruction: &Instruction) {
    for flag in &instruction.flags {
        let Some(value) = flag.value.as_deref().filter(|value| !value.is_empty()) else {
            continue;
        };
        let at = flag.value_range.unwrap_or(flag.range);
        match flag.name.as_str() {
            "interval" | "timeout" | "start-period" | "start-interval" => {
                match crate::duration::parse_duration(value) {
                    Err(error) => push(errors, at, error.message()),
                    Ok(nanos) if nanos != 0 && nanos < 1_000_000 => {
                        let quoted = go_quote(&flag.name);
                        push(
                            errors,
                            at,
                            msg!(
                                "Interval {quoted} cannot be less than 1ms",
                                "la durée {quoted} ne peut pas être inférieure à 1ms"
                            ),
                        );
                    }
                    Ok(_) => {}
                }
            }
            "retries" => match parse_go_int32(value) {
                Err(error) => push(errors, at, error),
                Ok(retries) if retries < 0 => push(
                    errors,
                    at,
                    msg!(
                        "--retries cannot be negative ({retries})",
                        "--retries ne peut pas être négatif ({retries})"
                    ),
                ),
                Ok(_) => {}
            },
            _ => {}
        }
    }
}

/// `strconv.ParseInt(value, 10, 32)`.
pub(super) fn parse_go_int32(value: &str) -> Result<i64, Message> {
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        let quoted = go_quote(value);
        return Err(msg!(
            "strconv.ParseInt: parsing {quoted}: invalid syntax",
            "nombre entier invalide : {quoted}"
        ));
    }
    match value.parse::<i32>() {
        Ok(number) => Ok(i64::from(number)),
        Err(_) => {
            let quoted = go_quote(value);
            Err(msg!(
                "strconv.ParseInt: parsing {quoted}: value out of range",
                "nombre entier hors limites : {quoted}"
            ))
        }
    }
}

/// BuildKit's `validStageName`: `^[a-z][a-z0-9-_.]*$` on the lower-cased name.
fn is_valid_stage_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b))
}

/// BuildKit's `suggest.Search`: the closest option at a Levenshtein distance below 3, cased
/// like `value` when the search ignores case. Kept apart from [`crate::suggest`] so that
/// syntax errors suggest exactly what BuildKit's own messages suggest.
pub(super) fn suggest(value: &str, options: &[&str], case_sensitive: bool) -> Option<String> {
    let value_cmp = if case_sensitive {
        value.to_string()
    } else {
        value.to_lowercase()
    };
    let mut best: Option<String> = None;
    let mut min_distance = 3;
    for option in options {
        let option_cmp = if case_sensitive {
            option.to_string()
        } else {
            option.to_lowercase()
        };
        if option_cmp == value_cmp {
            return None;
        }
        let distance = levenshtein(&value_cmp, &option_cmp);
        if distance < min_distance {
            min_distance = distance;
            best = Some(if case_sensitive {
                option_cmp
            } else if value == value.to_lowercase() {
                option_cmp.to_lowercase()
            } else if value == value.to_uppercase() {
                option_cmp.to_uppercase()
            } else {
                option_cmp
            });
        }
    }
    best
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(previous + cost);
            previous = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Only ARG may come before the first FROM ("no build stage in current context"); BuildKit
/// stops at the first instruction that does not, and so does this check.
pub(super) fn stages(out: &mut Dockerfile) {
    if let Some(first) = out.instructions.first()
        && out
            .instructions
            .iter()
            .all(|instruction| matches!(instruction.keyword, Keyword::Arg | Keyword::Unknown))
    {
        // BuildKit refuses this when converting the file, just after parsing it.
        out.errors.push(SyntaxError::new(
            first.keyword_range,
            msg!(
                "dockerfile contains no stages to build",
                "le Dockerfile ne contient aucune étape à construire : il manque un FROM"
            ),
        ));
        return;
    }
    for instruction in &out.instructions {
        match instruction.keyword {
            Keyword::From => return,
            Keyword::Arg | Keyword::Unknown => {}
            _ => {
                out.errors.push(SyntaxError::new(
                    instruction.keyword_range,
                    msg!(
                        "no build stage in current context",
                        "aucune étape de build en cours : seul ARG peut précéder le premier FROM"
                    ),
                ));
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_follow_buildkit() {
        assert_eq!(
            suggest("rnu", &["RUN", "ADD"], false).as_deref(),
            Some("run")
        );
        assert_eq!(suggest("COPPY", &["COPY"], false).as_deref(), Some("COPY"));
        assert_eq!(
            suggest("chmood", &["chown", "chmod"], true).as_deref(),
            Some("chmod")
        );
        assert_eq!(suggest("xyz", &["chown"], true), None);
    }
}
