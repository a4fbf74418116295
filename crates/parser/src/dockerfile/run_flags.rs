//! The values of RUN's `--network`, `--security`, `--device` and `--mount` flags, checked as
//! BuildKit's RUN hooks check them (`instructions/commands_run*.go`).
//!
//! BuildKit checks a mount's fields only once variables are expanded, while building; a field
//! whose value holds a `$` is left alone here for that reason, and so are the checks that
//! depend on a mount type written with a variable.

use std::borrow::Cow;

use crate::message::{Message, SyntaxError};
use crate::msg;

use super::sexp::go_quote;
use super::tree::Instruction;
use super::validate::suggest;

const MOUNT_TYPES: [&str; 5] = ["bind", "cache", "tmpfs", "secret", "ssh"];
const SHARING_MODES: [&str; 3] = ["shared", "private", "locked"];
const MOUNT_KEYS: [&str; 19] = [
    "type",
    "from",
    "source",
    "target",
    "readonly",
    "id",
    "sharing",
    "required",
    "size",
    "mode",
    "uid",
    "gid",
    "src",
    "dst",
    "destination",
    "ro",
    "rw",
    "readwrite",
    "env",
];

pub(super) fn check(errors: &mut Vec<SyntaxError>, instruction: &Instruction) {
    for flag in &instruction.flags {
        let Some(value) = flag.value.as_deref() else {
            continue;
        };
        let at = flag.value_range.unwrap_or(flag.range);
        let problem = match flag.name.as_str() {
            "network" if !matches!(value, "default" | "none" | "host") => {
                let quoted = go_quote(value);
                Some(msg!(
                    "invalid network mode {quoted}",
                    "mode réseau {quoted} invalide : default, none ou host"
                ))
            }
            "security" if !matches!(value, "insecure" | "sandbox") => {
                let quoted = go_quote(value);
                Some(msg!(
                    "security {quoted} is not valid",
                    "valeur de sécurité {quoted} invalide : insecure ou sandbox"
                ))
            }
            "mount" => mount(value).err(),
            "device" => device(value).err(),
            _ => None,
        };
        if let Some(message) = problem {
            errors.push(SyntaxError::new(at, message));
        }
    }
}

/// The fields of a `--mount` or `--device` value, each with where it starts in the value when
/// that is certain: when no field is quoted (nearly always), the fields are the text between
/// commas, read without the CSV reader.
pub(super) fn fields_at(
    value: &str,
) -> Result<impl Iterator<Item = (Cow<'_, str>, Option<u32>)>, &'static str> {
    let quoted = match value.contains('"') {
        true => Some(csv_fields(value)?),
        false => None,
    };
    let plain = quoted.is_none().then(|| {
        value.split(',').scan(0, |offset: &mut u32, field| {
            let start = *offset;
            *offset += field.len() as u32 + 1;
            Some((Cow::Borrowed(field), Some(start)))
        })
    });
    let quoted = quoted.into_iter().flatten().map(|field| (field, None));
    Ok(quoted.chain(plain.into_iter().flatten()))
}

/// Go's `csvvalue.Fields` (encoding/csv rules on one record).
pub(super) fn csv_fields(value: &str) -> Result<Vec<Cow<'_, str>>, &'static str> {
    let mut fields = Vec::new();
    let mut rest = value;
    loop {
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut field = String::new();
            let mut chars = quoted.char_indices();
            let mut after = None;
            while let Some((index, ch)) = chars.next() {
                if ch == '"' {
                    if quoted[index + 1..].starts_with('"') {
                        field.push('"');
                        chars.next();
                        continue;
                    }
                    after = Some(&quoted[index + 1..]);
                    break;
                }
                field.push(ch);
            }
            let Some(after) = after else {
                return Err("extraneous or missing \" in quoted-field");
            };
            fields.push(Cow::Owned(field));
            if after.is_empty() {
                return Ok(fields);
            }
            let Some(next) = after.strip_prefix(',') else {
                return Err("extraneous or missing \" in quoted-field");
            };
            rest = next;
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            let field = &rest[..end];
            if field.contains('"') {
                return Err("bare \" in non-quoted-field");
            }
            fields.push(Cow::Borrowed(field));
            if end == rest.len() {
                return Ok(fields);
            }
            rest = &rest[end + 1..];
        }
    }
}

/// Go's `strings.ToLower`, without allocating for text that is already lower case.
fn lowercase(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

/// Go's `strconv.ParseBool`.
fn parse_bool(value: &str) -> Option<bool> {
    match value {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// go-units `RAMInBytes`: `^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$`.
fn is_ram_size(value: &str) -> bool {
    let bytes = value.as_bytes();
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < bytes.len() && bytes[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return false;
    }
    while i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    if bytes.get(i).is_some_and(|b| b"kKmMgGtTpP".contains(b)) {
        i += 1;
    }
    if bytes.get(i).is_some_and(|b| b"iI".contains(b)) {
        i += 1;
    }
    if bytes.get(i).is_some_and(|b| b"bB".contains(b)) {
        i += 1;
    }
    i == bytes.len()
}

fn with_suggestion(message: Message, value: &str, options: &[&str]) -> Message {
    match suggest(value, options, true) {
        Some(better) => Message::new(
            format!("{} (did you mean {better}?)", message.en),
            format!("{} (vouliez-vous dire {better} ?)", message.fr),
        ),
        None => message,
    }
}

/// BuildKit's `parseMount`, with every field that holds no variable checked.
fn mount(value: &str) -> Result<(), Message> {
    // Collected: the mount type, borrowed from its field, is still read after the loop.
    let fields: Vec<Cow<'_, str>> = fields_at(value)
        .map_err(|error| {
            msg!(
                "failed to parse csv mounts: {error}",
                "impossible de lire les champs de --mount : {error}"
            )
        })?
        .map(|(field, _)| field)
        .collect();
    // `None` once the type is written with a variable: type-dependent checks are skipped.
    let mut mount_type: Option<Cow<'_, str>> = Some(Cow::Borrowed("bind"));
    let mut from = false;
    let mut source = false;
    let mut target = false;
    let mut id = false;
    let mut sharing = false;
    let mut file_info: Option<&'static str> = None;
    let unexpected_for_type = |key: &str, mount_type: &str| {
        msg!(
            "unexpected key '{key}' for mount type '{mount_type}'",
            "le champ « {key} » n'est pas permis pour un montage de type « {mount_type} »"
        )
    };
    for field in &fields {
        let (key, value) = match field.split_once('=') {
            Some((key, value)) => (lowercase(key), Some(value)),
            None => (lowercase(field), None),
        };
        let Some(value) = value else {
            match &*key {
                "readonly" | "ro" | "readwrite" | "rw" => {}
                "required" => match mount_type.as_deref() {
                    Some("secret" | "ssh") | None => {}
                    Some(other) => return Err(unexpected_for_type(&key, other)),
                },
                _ => {
                    return Err(msg!(
                        "invalid field '{field}' must be a key=value pair",
                        "le champ « {field} » doit être de la forme clé=valeur"
                    ));
                }
            }
            continue;
        };
        if key == "from"
            && let Some(dollar) = value.find('$')
            && dollar != value.len() - 1
        {
            return Err(msg!(
                "'{key}' doesn't support variable expansion, define alias stage instead",
                "« {key} » n'accepte pas de variable : définissez plutôt une étape alias"
            ));
        }
        let variable = value.contains('$');
        let invalid_value = || {
            msg!(
                "invalid value for {key}: {value}",
                "valeur invalide pour {key} : {value}"
            )
        };
        match &*key {
            "type" if variable => mount_type = None,
            "type" => {
                let lower = lowercase(value);
                if !MOUNT_TYPES.contains(&&*lower) {
                    let quoted = go_quote(value);
                    return Err(with_suggestion(
                        msg!(
                            "unsupported mount type {quoted}",
                            "type de montage {quoted} non pris en charge"
                        ),
                        value,
                        &MOUNT_TYPES,
                    ));
                }
                mount_type = Some(lower);
            }
            "from" => from = true,
            "source" | "src" => source = true,
            "target" | "dst" | "destination" => target = true,
            "id" => id = true,
            "env" => {}
            _ if variable => {
                if key == "sharing" {
                    sharing = true;
                }
            }
            "readonly" | "ro" | "readwrite" | "rw" => {
                if parse_bool(value).is_none() {
                    return Err(invalid_value());
                }
            }
            "required" => match mount_type.as_deref() {
                Some("secret" | "ssh") | None => {
                    if parse_bool(value).is_none() {
                        return Err(invalid_value());
                    }
                }
                Some(other) => return Err(unexpected_for_type(&key, other)),
            },
            "size" => match mount_type.as_deref() {
                Some("tmpfs") | None => {
                    if !is_ram_size(value) {
                        return Err(invalid_value());
                    }
                }
                Some(other) => return Err(unexpected_for_type(&key, other)),
            },
            "sharing" => {
                if !SHARING_MODES.contains(&&*lowercase(value)) {
                    let quoted = go_quote(value);
                    return Err(with_suggestion(
                        msg!(
                            "unsupported sharing value {quoted}",
                            "valeur de partage {quoted} non prise en charge"
                        ),
                        value,
                        &SHARING_MODES,
                    ));
                }
                sharing = true;
            }
            "mode" | "uid" | "gid" => {
                let radix = if key == "mode" { 8 } else { 10 };
                let valid = !value.is_empty()
                    && value.chars().all(|ch| ch.is_digit(radix))
                    && u32::from_str_radix(value, radix).is_ok();
                if !valid {
                    return Err(msg!(
                        "invalid value {value} for {key}",
                        "valeur {value} invalide pour {key}"
                    ));
                }
                file_info.get_or_insert(match &*key {
                    "mode" => "mode",
                    "uid" => "uid",
                    _ => "gid",
                });
            }
            _ => {
                return Err(with_suggestion(
                    msg!(
                        "unexpected key '{key}' in '{field}'",
                        "champ « {key} » inattendu dans « {field} »"
                    ),
                    &key,
                    &MOUNT_KEYS,
                ));
            }
        }
    }
    let Some(mount_type) = mount_type else {
        return Ok(());
    };
    if let Some(what) = file_info
        && !matches!(&*mount_type, "secret" | "ssh" | "cache")
    {
        let quoted = go_quote(&mount_type);
        return Err(msg!(
            "{what} not allowed for {quoted} type mounts",
            "{what} n'est pas permis pour les montages de type {quoted}"
        ));
    }
    if mount_type == "secret" {
        if from {
            return Err(msg!(
                "secret mount should not have a from",
                "un montage secret ne doit pas avoir de from"
            ));
        }
        if sharing {
            return Err(msg!(
                "secret mount should not define sharing",
                "un montage secret ne doit pas définir sharing"
            ));
        }
        if !source && !target && !id {
            return Err(msg!(
                "invalid secret mount. one of source, target required",
                "montage secret invalide : il faut source, target ou id"
            ));
        }
        if source && id {
            return Err(msg!(
                "both source and id can't be set",
                "source et id ne peuvent pas être donnés ensemble"
            ));
        }
    }
    if sharing && mount_type != "cache" {
        return Err(msg!(
            "invalid cache sharing set for {mount_type} mount",
            "sharing n'a de sens que pour un montage cache, pas {mount_type}"
        ));
    }
    Ok(())
}

/// BuildKit's `ParseDevice`.
fn device(value: &str) -> Result<(), Message> {
    let fields = fields_at(value).map_err(|error| {
        msg!(
            "failed to parse csv devices: {error}",
            "impossible de lire les champs de --device : {error}"
        )
    })?;
    let mut name_set = false;
    let mut name = String::new();
    for (field, _) in fields {
        match field.split_once('=') {
            None => {
                if field.eq_ignore_ascii_case("required") {
                    continue;
                }
                if !name_set {
                    name_set = !field.is_empty();
                    name = field.to_string();
                    continue;
                }
                return Err(msg!(
                    "invalid field '{field}' must be a key=value pair",
                    "le champ « {field} » doit être de la forme clé=valeur"
                ));
            }
            Some((key, value)) => match &*lowercase(key) {
                "name" => {
                    if name_set {
                        return Err(msg!(
                            "device name already set to {name}",
                            "le nom du périphérique est déjà {name}"
                        ));
                    }
                    name_set = !value.is_empty();
                    name = value.to_string();
                }
                "required" => {
                    if parse_bool(value).is_none() {
                        return Err(msg!(
                            "invalid value for required: {value}",
                            "valeur invalide pour required : {value}"
                        ));
                    }
                }
                key => {
                    if !name_set {
                        name_set = !field.is_empty();
                        name = field.to_string();
                        continue;
                    }
                    return Err(with_suggestion(
                        msg!(
                            "unexpected key '{key}' in '{field}'",
                            "champ « {key} » inattendu dans « {field} »"
                        ),
                        key,
                        &["name", "required"],
                    ));
                }
            },
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mount_error(value: &str) -> Option<String> {
        mount(value).err().map(|message| message.en.into_owned())
    }

    #[test]
    fn mounts_are_checked_like_buildkit() {
        assert_eq!(
            mount_error("type=cache,target=/root/.cache,sharing=locked"),
            None
        );
        assert_eq!(mount_error("type=secret,id=token,required"), None);
        assert_eq!(mount_error("type=$T,size=10m"), None);
        assert_eq!(
            mount_error("type=cach,target=/x").as_deref(),
            Some(r#"unsupported mount type "cach" (did you mean cache?)"#)
        );
        assert_eq!(
            mount_error("target=/x,foo").as_deref(),
            Some("invalid field 'foo' must be a key=value pair")
        );
        assert_eq!(
            mount_error("required,type=secret,id=x").as_deref(),
            Some("unexpected key 'required' for mount type 'bind'")
        );
        assert_eq!(
            mount_error("from=$STAGE,target=/x").as_deref(),
            Some("'from' doesn't support variable expansion, define alias stage instead")
        );
        assert_eq!(
            mount_error("type=bind,mode=0755").as_deref(),
            Some(r#"mode not allowed for "bind" type mounts"#)
        );
        assert_eq!(
            mount_error("type=secret").as_deref(),
            Some("invalid secret mount. one of source, target required")
        );
        assert_eq!(
            mount_error(r#"target="/a"b"#).as_deref(),
            Some("failed to parse csv mounts: bare \" in non-quoted-field")
        );
        assert_eq!(
            mount_error(r#""target=/a"b"#).as_deref(),
            Some("failed to parse csv mounts: extraneous or missing \" in quoted-field")
        );
    }

    #[test]
    fn devices_are_checked_like_buildkit() {
        assert!(device("/dev/fuse,required").is_ok());
        assert!(device("name=/dev/a,required=maybe").is_err());
        assert!(device("/dev/a,/dev/b").is_err());
    }
}
