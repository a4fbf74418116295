//! Which language berth speaks: `--lang`, then berth.toml's `lang`, then the locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`, as POSIX orders them), else English.

use berth_parser::Lang;

/// The locale variables, as read from the environment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Locale {
    pub lc_all: Option<String>,
    pub lc_messages: Option<String>,
    pub lang: Option<String>,
}

impl Locale {
    /// The locale of this process.
    pub fn from_env() -> Locale {
        let var = |name| std::env::var(name).ok();
        Locale {
            lc_all: var("LC_ALL"),
            lc_messages: var("LC_MESSAGES"),
            lang: var("LANG"),
        }
    }
}

/// The language to speak. The first locale variable that is set and not empty decides, as in
/// POSIX; a language berth does not speak (`de_DE`, `C`) means English.
pub fn resolve_lang(flag: Option<Lang>, config: Option<Lang>, locale: &Locale) -> Lang {
    if let Some(lang) = flag.or(config) {
        return lang;
    }
    [&locale.lc_all, &locale.lc_messages, &locale.lang]
        .into_iter()
        .flatten()
        .find(|value| !value.is_empty())
        .and_then(|value| Lang::from_locale(value))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(lc_all: &str, lc_messages: &str, lang: &str) -> Locale {
        let set = |value: &str| (!value.is_empty()).then(|| value.to_string());
        Locale {
            lc_all: set(lc_all),
            lc_messages: set(lc_messages),
            lang: set(lang),
        }
    }

    #[test]
    fn precedence() {
        let fr = locale("", "", "fr_FR.UTF-8");
        assert_eq!(resolve_lang(Some(Lang::En), Some(Lang::Fr), &fr), Lang::En);
        assert_eq!(resolve_lang(None, Some(Lang::En), &fr), Lang::En);
        assert_eq!(resolve_lang(None, None, &fr), Lang::Fr);
        assert_eq!(
            resolve_lang(None, None, &locale("C", "", "fr_FR")),
            Lang::En
        );
        assert_eq!(
            resolve_lang(None, None, &locale("", "fr_CA", "en_US")),
            Lang::Fr
        );
        assert_eq!(resolve_lang(None, None, &Locale::default()), Lang::En);
    }
}
