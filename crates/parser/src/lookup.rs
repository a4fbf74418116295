//! Where variable values come from when a Dockerfile word or a Compose value is expanded.

use std::collections::{BTreeMap, HashMap};
use std::marker::PhantomData;

/// A set of variables that expansion reads: build args and ENV for a Dockerfile word, the
/// process environment and `.env` for Compose. `None` means unset, which differs from set to
/// the empty string for `${v-default}` and `${v:-default}`.
pub trait Lookup {
    fn get(&self, name: &str) -> Option<&str>;
}

impl<L: Lookup + ?Sized> Lookup for &L {
    fn get(&self, name: &str) -> Option<&str> {
        (**self).get(name)
    }
}

impl Lookup for HashMap<String, String> {
    fn get(&self, name: &str) -> Option<&str> {
        HashMap::get(self, name).map(String::as_str)
    }
}

impl Lookup for BTreeMap<String, String> {
    fn get(&self, name: &str) -> Option<&str> {
        BTreeMap::get(self, name).map(String::as_str)
    }
}

/// A list of `(name, value)` pairs; the last pair of a name wins, as in an environment list.
impl Lookup for [(&str, &str)] {
    fn get(&self, name: &str) -> Option<&str> {
        self.iter()
            .rev()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| *value)
    }
}

impl<const N: usize> Lookup for [(&str, &str); N] {
    fn get(&self, name: &str) -> Option<&str> {
        Lookup::get(self.as_slice(), name)
    }
}

/// No variable is set.
#[derive(Clone, Copy, Debug, Default)]
pub struct Unset;

impl Lookup for Unset {
    fn get(&self, _name: &str) -> Option<&str> {
        None
    }
}

/// A closure used as a [`Lookup`]: `from_fn(|name| env.get(name).map(String::as_str))`.
pub fn from_fn<'a, F>(f: F) -> FnLookup<'a, F>
where
    F: Fn(&str) -> Option<&'a str>,
{
    FnLookup(f, PhantomData)
}

/// See [`from_fn`].
#[derive(Clone, Copy)]
pub struct FnLookup<'a, F>(F, PhantomData<&'a str>);

impl<'a, F> Lookup for FnLookup<'a, F>
where
    F: Fn(&str) -> Option<&'a str>,
{
    fn get(&self, name: &str) -> Option<&str> {
        (self.0)(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_distinguish_unset_from_empty() {
        let pairs = [("A", ""), ("B", "1"), ("B", "2")];
        assert_eq!(Lookup::get(&pairs, "A"), Some(""));
        assert_eq!(Lookup::get(&pairs, "B"), Some("2"));
        assert_eq!(Lookup::get(&pairs, "C"), None);
        let map: HashMap<String, String> = [("X".to_owned(), "y".to_owned())].into();
        let closure = from_fn(|name| Lookup::get(&map, name));
        assert_eq!(closure.get("X"), Some("y"));
        assert_eq!(Unset.get("X"), None);
    }
}
