//! The static description of a file format: which keys an object has, what each value may be.
//!
//! Descriptions are `&'static` data built in `const` items, so that validation, completion,
//! hover and the conformance test all read the same table and nothing is built at run time.

use std::borrow::Cow;

use crate::message::{Lang, Message};

use super::format::Format;

/// A text in English and French, fixed at compile time (descriptions of keys, format names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Doc {
    pub en: &'static str,
    pub fr: &'static str,
}

impl Doc {
    pub const fn new(en: &'static str, fr: &'static str) -> Doc {
        Doc { en, fr }
    }

    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Fr => self.fr,
        }
    }

    pub fn to_message(self) -> Message {
        Message::new(self.en, self.fr)
    }
}

/// What a value may be.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// Anything at all: extension fields, free-form driver options.
    Any,
    /// Only null (`key:` with nothing after it, `~`, `null`).
    Null,
    /// A string, whose text must follow `Format`.
    String(Format),
    /// One of a fixed set of strings.
    Enum(Choices),
    /// A boolean. With `from_string`, a string is accepted too and must cast to a boolean
    /// (`"true"`, `"no"`...): Compose types booleans `["boolean", "string"]` so that values
    /// still hold `${VAR}` before interpolation.
    Bool {
        from_string: bool,
    },
    Integer(Integer),
    /// Any number. With `from_string`, a string must parse as a number.
    Number {
        from_string: bool,
    },
    List(&'static List),
    /// A mapping whose keys are names chosen by the user (services, labels, ulimits).
    Map(&'static Map),
    /// A mapping with known keys.
    Object(&'static Object),
    /// Any of the alternatives; the one matching the value's type is checked, so errors speak
    /// of what the user wrote rather than of every alternative.
    OneOf(&'static [Shape]),
}

/// The strings an enum accepts.
#[derive(Clone, Copy, Debug)]
pub struct Choices {
    pub values: &'static [&'static str],
    /// dockerd reads `log-level` case-insensitively.
    pub ignore_case: bool,
}

/// An integer, optionally bounded.
#[derive(Clone, Copy, Debug)]
pub struct Integer {
    /// Whether a string that parses as a base-10 integer is accepted too (see [`Shape::Bool`]).
    pub from_string: bool,
    pub min: Option<i64>,
    pub max: Option<i64>,
}

#[derive(Clone, Copy, Debug)]
pub struct List {
    pub item: Shape,
    /// Whether two equal items are an error (JSON schema's `uniqueItems`).
    pub unique: bool,
}

#[derive(Clone, Copy, Debug)]
pub struct Map {
    /// What every key must look like.
    pub key: KeyPattern,
    pub value: Shape,
}

/// The keys a [`Map`] accepts. A closed set, so that the conformance test can compare each
/// with the pattern the official schema writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyPattern {
    /// Any non-empty key.
    NonEmpty,
    /// A resource name: letters, digits, `.`, `_` and `-` (services, networks, volumes...).
    Name,
    /// Lower-case ASCII letters only (ulimit names).
    Lowercase,
}

impl KeyPattern {
    pub fn matches(self, key: &str) -> bool {
        match self {
            KeyPattern::NonEmpty => !key.is_empty(),
            KeyPattern::Name => {
                !key.is_empty()
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
            }
            KeyPattern::Lowercase => !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase()),
        }
    }

    /// What a matching key looks like, for error messages.
    pub fn describe(self) -> Doc {
        match self {
            KeyPattern::NonEmpty => Doc::new("a non-empty key", "une clé non vide"),
            KeyPattern::Name => Doc::new(
                "letters, digits, `.`, `_` and `-` only",
                "uniquement des lettres, des chiffres, `.`, `_` et `-`",
            ),
            KeyPattern::Lowercase => Doc::new(
                "lower-case letters only",
                "uniquement des lettres minuscules",
            ),
        }
    }
}

/// A mapping with known keys.
#[derive(Clone, Copy, Debug)]
pub struct Object {
    /// Sorted by name (a test checks it), so that lookups are a binary search.
    pub properties: &'static [Property],
    /// Whether `x-` keys are accepted and left unchecked.
    pub extensions: bool,
    /// What a key that is neither a property nor an extension is.
    pub unknown: UnknownKeys,
    /// Whether keys match properties whatever their case: Go's `encoding/json` matches struct
    /// fields that way, so `"Enabled"` sets `enabled` in daemon.json's `builder.gc`.
    pub ignore_case: bool,
    pub required: &'static [&'static str],
    /// Pairs of keys that must not both be present.
    pub exclusive: &'static [(&'static str, &'static str)],
    /// Keys of which at least one must be present (a service needs `image`, `build` or
    /// `provider`). Empty when there is no such constraint.
    pub at_least_one: &'static [&'static str],
    /// Keys whose presence lifts `at_least_one`: a service that `extends` another gets its
    /// image from it, which only the merged project shows.
    pub at_least_one_unless: &'static [&'static str],
}

/// What to make of a key an [`Object`] does not describe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnknownKeys {
    /// The tool refuses the file (Compose, dockerd).
    Refused,
    /// The tool reads the file but ignores the key (the docker CLI's config.json); `by` names
    /// the tool for the message ("the docker CLI").
    Ignored { by: Doc },
    /// Any other key is fine (a few open objects of the Compose schema).
    Allowed,
}

/// One key of an [`Object`].
#[derive(Clone, Copy, Debug)]
pub struct Property {
    pub name: &'static str,
    pub shape: Shape,
    /// One line, written for hover and completion.
    pub doc: Doc,
    pub deprecated: bool,
    /// The version of the tool that introduced the key (`"2.20"` for Compose), when known.
    pub since: Option<&'static str>,
}

/// A property: `prop("image", IMAGE, "en", "fr")`, then `.since("2.20")` or `.deprecated()`.
pub const fn prop(
    name: &'static str,
    shape: Shape,
    en: &'static str,
    fr: &'static str,
) -> Property {
    Property {
        name,
        shape,
        doc: Doc::new(en, fr),
        deprecated: false,
        since: None,
    }
}

impl Property {
    pub const fn since(self, version: &'static str) -> Property {
        Property {
            since: Some(version),
            ..self
        }
    }

    pub const fn deprecated(self) -> Property {
        Property {
            deprecated: true,
            ..self
        }
    }
}

impl Object {
    /// A closed object that accepts `x-` extension keys, the most common kind in Compose:
    /// descriptions write `Object { properties: &[...], ..Object::EXTENSIBLE }`.
    pub const EXTENSIBLE: Object = Object {
        properties: &[],
        extensions: true,
        unknown: UnknownKeys::Refused,
        ignore_case: false,
        required: &[],
        exclusive: &[],
        at_least_one: &[],
        at_least_one_unless: &[],
    };

    /// A closed object that refuses `x-` keys like any other unknown key.
    pub const CLOSED: Object = Object {
        extensions: false,
        ..Object::EXTENSIBLE
    };

    /// The property called `name`, following the object's case rule.
    pub fn property(&self, name: &str) -> Option<&'static Property> {
        if self.ignore_case {
            return self
                .properties
                .iter()
                .find(|property| property.name.eq_ignore_ascii_case(name));
        }
        self.properties
            .binary_search_by(|property| property.name.cmp(name))
            .ok()
            .map(|index| &self.properties[index])
    }

    /// The names of the properties, for "did you mean" and completion.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + Clone {
        self.properties.iter().map(|property| property.name)
    }
}

/// Shape constructors usable inside `const` descriptions. They expand to plain constructor
/// expressions, which the compiler promotes to `'static` data (a `const fn` could not return a
/// reference to its argument).
///
/// `list!(STRING)` is a list whose items may repeat, `list!(unique STRING)` one whose items
/// must not.
macro_rules! list {
    (unique $item:expr) => {
        $crate::schema::Shape::List(&$crate::schema::List {
            item: $item,
            unique: true,
        })
    };
    ($item:expr) => {
        $crate::schema::Shape::List(&$crate::schema::List {
            item: $item,
            unique: false,
        })
    };
}

/// `map!(Name, SERVICE)`: a mapping from keys matching a [`KeyPattern`] to values.
macro_rules! map {
    ($key:ident, $value:expr) => {
        $crate::schema::Shape::Map(&$crate::schema::Map {
            key: $crate::schema::KeyPattern::$key,
            value: $value,
        })
    };
}

/// `choice!["host", "private"]`: one of fixed strings.
macro_rules! choice {
    ($($value:literal),+ $(,)?) => {
        $crate::schema::Shape::Enum($crate::schema::Choices {
            values: &[$($value),+],
            ignore_case: false,
        })
    };
}

/// `known!["tcp", "udp"]`: any string, these being the usual values offered by completion.
macro_rules! known {
    ($($value:literal),+ $(,)?) => {
        $crate::schema::Shape::String($crate::schema::Format::Known(&[$($value),+]))
    };
}

/// `any_of![STRING, list!(STRING)]`: the alternatives a value may take.
macro_rules! any_of {
    ($($shape:expr),+ $(,)?) => {
        $crate::schema::Shape::OneOf(&[$($shape),+])
    };
}

pub(crate) use {any_of, choice, known, list, map};

impl Shape {
    /// The alternatives of a [`Shape::OneOf`], or the shape itself.
    pub fn alternatives(&self) -> &[Shape] {
        match self {
            Shape::OneOf(alternatives) => alternatives,
            other => std::slice::from_ref(other),
        }
    }

    /// What the shape accepts, for messages and hover: "a string or a list".
    pub fn expected(&self) -> Message {
        let mut phrases: Vec<(Cow<'static, str>, Cow<'static, str>)> = Vec::new();
        collect_expected(self, &mut phrases);
        Message::new(
            join_or(phrases.iter().map(|phrase| &*phrase.0), "or"),
            join_or(phrases.iter().map(|phrase| &*phrase.1), "ou"),
        )
    }
}

fn collect_expected(shape: &Shape, phrases: &mut Vec<(Cow<'static, str>, Cow<'static, str>)>) {
    let (en, fr): (Cow<'static, str>, Cow<'static, str>) = match shape {
        Shape::OneOf(alternatives) => {
            for alternative in *alternatives {
                collect_expected(alternative, phrases);
            }
            return;
        }
        Shape::Enum(choices) => {
            let listed = quote_list(choices.values.iter().copied(), ", ");
            (
                format!("one of {listed}").into(),
                format!("l'une des valeurs {listed}").into(),
            )
        }
        Shape::Any => ("any value".into(), "n'importe quelle valeur".into()),
        Shape::Null => ("null".into(), "null".into()),
        Shape::String(format) => {
            let name = format.expected();
            (name.en.into(), name.fr.into())
        }
        Shape::Bool { .. } => ("a boolean".into(), "un booléen".into()),
        Shape::Integer(_) => ("an integer".into(), "un entier".into()),
        Shape::Number { .. } => ("a number".into(), "un nombre".into()),
        Shape::List(_) => ("a list".into(), "une liste".into()),
        Shape::Map(_) | Shape::Object(_) => ("a mapping".into(), "un dictionnaire".into()),
    };
    if !phrases.iter().any(|phrase| phrase.0 == en) {
        phrases.push((en, fr));
    }
}

/// "a, b or c".
fn join_or<'a>(phrases: impl ExactSizeIterator<Item = &'a str>, or: &str) -> String {
    let count = phrases.len();
    let mut text = String::new();
    for (index, phrase) in phrases.enumerate() {
        if index > 0 {
            text.push_str(if index + 1 == count { " " } else { ", " });
            if index + 1 == count {
                text.push_str(or);
                text.push(' ');
            }
        }
        text.push_str(phrase);
    }
    text
}

/// `` `a`, `b`, `c` ``.
pub(crate) fn quote_list<'a>(values: impl Iterator<Item = &'a str>, separator: &str) -> String {
    let mut text = String::new();
    for (index, value) in values.enumerate() {
        if index > 0 {
            text.push_str(separator);
        }
        text.push('`');
        text.push_str(value);
        text.push('`');
    }
    text
}
