//! A value of a host configuration with the place it is written.

use std::ops::Deref;

use crate::text::TextRange;

/// A value read from daemon.json or config.json, with the range of its key and of the value
/// itself, so that a finding can point at either: "`icc` is on" at the key, "`tcp://0.0.0.0`
/// has no TLS" at the value.
///
/// For an item of a list (`hosts`, `insecure-registries`), `key_range` is the list's key; for
/// an entry of a map (`log-opts`, `runtimes`, `auths`), it is the entry's own key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub key_range: TextRange,
    pub range: TextRange,
}

impl<T> Spanned<T> {
    pub fn new(value: T, key_range: TextRange, range: TextRange) -> Spanned<T> {
        Spanned {
            value,
            key_range,
            range,
        }
    }

    /// The same places, another value: a parsed form of the text written.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Spanned<U> {
        Spanned {
            value: f(self.value),
            key_range: self.key_range,
            range: self.range,
        }
    }

    /// The key and the value together, for a finding about the whole setting.
    pub fn entry_range(&self) -> TextRange {
        self.key_range.cover(self.range)
    }
}

impl<T> Deref for Spanned<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl Spanned<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}
