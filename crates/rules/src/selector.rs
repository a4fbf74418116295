//! Rule selectors, as written in `--select`, `ignore = [...]` or a severity override: a code
//! (`D101`), a name (`pin-base-image-tag`), a code prefix (`D`, `D2`, `D20`), a category name
//! (`security`) or `ALL`.

use berth_parser::suggest::did_you_mean;
use berth_parser::{Message, msg};

use crate::meta::{Category, FileKind};
use crate::registry::{self, all_rules};
use crate::rule::Rule;

/// A set of rules named in configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    /// `ALL`.
    All,
    /// A category name, across kinds: `security` is `D2`, `C2` and `H2`.
    Category(Category),
    /// A code prefix: `D` (a kind), `D2` (a kind and a category), `D20`.
    Prefix(String),
    /// A code or a name. A name shared by several kinds (`unused-suppression`) selects each.
    Rules(Vec<&'static str>),
}

/// How specific a selector is. When selectors disagree about a rule, the most specific wins
/// (a code beats a prefix, which beats a shorter prefix, which beats a category name, which
/// beats `ALL`); at equal specificity `ignore` beats `select`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Specificity {
    All,
    /// A kind letter (`D`) or a category name (`security`): each names a sixth or a third of
    /// the rules, neither contains the other.
    KindOrCategory,
    /// A kind and a category: `D2`.
    KindCategory,
    /// `D20`.
    ThreeCharacters,
    /// A code or a name.
    Rule,
}

impl Selector {
    /// Reads a selector. Codes and prefixes are upper case, names and categories lower case,
    /// as `berth rule --all` prints them; an unknown selector gets a suggestion.
    pub fn parse(text: &str) -> Result<Selector, Message> {
        let text = text.trim();
        if text == "ALL" {
            return Ok(Selector::All);
        }
        if let Some(category) = Category::from_name(text) {
            return Ok(Selector::Category(category));
        }
        if let Some(rule) = registry::by_code(text) {
            return Ok(Selector::Rules(vec![rule.meta.code]));
        }
        let named: Vec<&'static str> = registry::by_name(text).map(|rule| rule.meta.code).collect();
        if !named.is_empty() {
            return Ok(Selector::Rules(named));
        }
        if is_prefix(text) {
            return Ok(Selector::Prefix(text.to_string()));
        }
        Err(unknown(text))
    }

    pub fn specificity(&self) -> Specificity {
        match self {
            Selector::All => Specificity::All,
            Selector::Category(_) => Specificity::KindOrCategory,
            Selector::Prefix(prefix) => match prefix.len() {
                1 => Specificity::KindOrCategory,
                2 => Specificity::KindCategory,
                _ => Specificity::ThreeCharacters,
            },
            Selector::Rules(_) => Specificity::Rule,
        }
    }

    pub fn matches(&self, rule: &Rule) -> bool {
        match self {
            Selector::All => true,
            Selector::Category(category) => rule.meta.category == *category,
            Selector::Prefix(prefix) => rule.meta.code.starts_with(prefix.as_str()),
            Selector::Rules(codes) => codes.contains(&rule.meta.code),
        }
    }
}

/// A kind letter followed by up to two digits, the first a category: a prefix that may match
/// no rule yet (the rules of a category arrive over time) but is well formed.
fn is_prefix(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(letter) = chars.next() else {
        return false;
    };
    if FileKind::from_letter(letter).is_none() {
        return false;
    }
    let digits: Vec<char> = chars.collect();
    match digits.as_slice() {
        [] => true,
        [category] => Category::from_digit(*category).is_some(),
        [category, second] => Category::from_digit(*category).is_some() && second.is_ascii_digit(),
        _ => false,
    }
}

fn unknown(text: &str) -> Message {
    let categories = Category::ALL.map(Category::name);
    let options = all_rules()
        .iter()
        .flat_map(|rule| [rule.meta.code, rule.meta.name])
        .chain(categories)
        .chain(["ALL"]);
    match did_you_mean(text, options) {
        Some(suggestion) => msg!(
            "unknown rule selector `{text}`; did you mean `{suggestion}`?",
            "sélecteur de règles inconnu `{text}` ; vouliez-vous dire `{suggestion}` ?"
        ),
        None => msg!(
            "unknown rule selector `{text}`: expected a rule code (`D101`), a rule name, a code prefix (`D`, `D2`), a category (`security`) or `ALL`; `berth rule --all` lists the rules",
            "sélecteur de règles inconnu `{text}` : attendu un code de règle (`D101`), un nom de règle, un préfixe de code (`D`, `D2`), une catégorie (`security`) ou `ALL` ; `berth rule --all` liste les règles"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Result<Selector, &str>) {
        let actual = Selector::parse(text).map_err(|message| message.en.into_owned());
        assert_eq!(actual, expected.map_err(str::to_string), "{text}");
    }

    #[test]
    fn reads_every_form() {
        check("ALL", Ok(Selector::All));
        check("security", Ok(Selector::Category(Category::Security)));
        check("D001", Ok(Selector::Rules(vec!["D001"])));
        check("dockerfile-syntax-error", Ok(Selector::Rules(vec!["D001"])));
        check(
            "unused-suppression",
            Ok(Selector::Rules(vec!["C500", "D500", "H500"])),
        );
        check("D", Ok(Selector::Prefix("D".into())));
        check("C2", Ok(Selector::Prefix("C2".into())));
        check("H00", Ok(Selector::Prefix("H00".into())));
    }

    #[test]
    fn refuses_unknown_selectors_with_a_suggestion() {
        check(
            "H999",
            Err(
                "unknown rule selector `H999`: expected a rule code (`D101`), a rule name, a code prefix (`D`, `D2`), a category (`security`) or `ALL`; `berth rule --all` lists the rules",
            ),
        );
        check(
            "D7",
            Err(
                "unknown rule selector `D7`: expected a rule code (`D101`), a rule name, a code prefix (`D`, `D2`), a category (`security`) or `ALL`; `berth rule --all` lists the rules",
            ),
        );
        check(
            "securty",
            Err("unknown rule selector `securty`; did you mean `security`?"),
        );
        check(
            "unused-supression",
            Err("unknown rule selector `unused-supression`; did you mean `unused-suppression`?"),
        );
        check(
            "all",
            Err("unknown rule selector `all`; did you mean `ALL`?"),
        );
    }

    #[test]
    fn specificity_orders_selectors() {
        let order = ["ALL", "D", "D2", "D20", "D001"]
            .map(|text| Selector::parse(text).unwrap().specificity());
        assert!(order.windows(2).all(|pair| pair[0] < pair[1]));
        assert_eq!(
            Selector::parse("security").unwrap().specificity(),
            Specificity::KindOrCategory
        );
    }
}
