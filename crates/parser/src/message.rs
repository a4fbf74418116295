//! Texts in the languages berth speaks, and the syntax errors every parser returns.

use std::borrow::Cow;
use std::fmt;

use crate::text::TextRange;

/// A language berth writes messages and documentation in.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default, PartialOrd, Ord)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// The language of a locale name such as `fr`, `fr_FR.UTF-8`, `fr-CA` or `en_US`; `None`
    /// for languages berth does not speak.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let language = locale
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match language.as_str() {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}

/// One text in English and in French. Everything berth shows a user (syntax errors, rule
/// messages, help) is a `Message`, so that a student reads it in the course's language.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Message {
    pub en: Cow<'static, str>,
    pub fr: Cow<'static, str>,
}

impl Message {
    pub fn new(en: impl Into<Cow<'static, str>>, fr: impl Into<Cow<'static, str>>) -> Self {
        Message {
            en: en.into(),
            fr: fr.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }
}

/// `format!` in both languages: `msg!("unknown flag {flag}", "option inconnue {flag}")`.
#[macro_export]
macro_rules! msg {
    ($en:literal, $fr:literal $(,)?) => {
        $crate::message::Message::new(format!($en), format!($fr))
    };
    ($en:literal, $fr:literal, $($arg:tt)+) => {
        $crate::message::Message::new(format!($en, $($arg)+), format!($fr, $($arg)+))
    };
}

/// Something in a file that its tool (BuildKit, Compose, dockerd) would refuse or misread,
/// found while parsing. Parsers return these beside the tree; they never stop at the first.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SyntaxError {
    pub range: TextRange,
    pub message: Message,
    /// Another place the error is about, shown as a secondary label: the first definition of
    /// a duplicated YAML key.
    pub related: Option<Related>,
}

/// A secondary place of a [`SyntaxError`], with what it is.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Related {
    pub range: TextRange,
    pub message: Message,
}

impl SyntaxError {
    pub fn new(range: TextRange, message: Message) -> Self {
        SyntaxError {
            range,
            message,
            related: None,
        }
    }

    /// The error with a secondary place.
    pub fn with_related(mut self, range: TextRange, message: Message) -> Self {
        self.related = Some(Related { range, message });
        self
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message.en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_map_to_languages() {
        assert_eq!(Lang::from_locale("fr_FR.UTF-8"), Some(Lang::Fr));
        assert_eq!(Lang::from_locale("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_locale("en_US"), Some(Lang::En));
        assert_eq!(Lang::from_locale("C"), None);
        assert_eq!(Lang::from_locale("de_DE"), None);
    }

    #[test]
    fn msg_formats_both_languages() {
        let flag = "--chown";
        let message = msg!("unknown flag {flag}", "option inconnue {flag}");
        assert_eq!(message.get(Lang::Fr), "option inconnue --chown");
        assert_eq!(message.get(Lang::En), "unknown flag --chown");
    }
}
