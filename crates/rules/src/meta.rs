//! Rule metadata: the one source of truth that `berth rule`, the generated docs, language
//! server hover, SARIF rule descriptors and the VS Code settings all read.

use berth_parser::Lang;

use crate::diagnostic::Severity;

/// Where the rule pages live: `docs/rules/<code>.md` in the repository (French pages under
/// `fr/`). Every link to a rule's documentation is built from this one constant.
pub const DOCS_BASE_URL: &str = "https://github.com/berth-lint/berth/blob/main/docs/rules/";

/// Everything known about a rule besides how it checks.
#[derive(Debug)]
pub struct RuleMeta {
    /// `D101`: the file kind's letter, then three digits whose first is the category.
    pub code: &'static str,
    /// `pin-base-image-tag`: accepted wherever a code is.
    pub name: &'static str,
    pub kind: FileKind,
    pub category: Category,
    /// The severity in the `lab` preset (and `all`).
    pub severity: Severity,
    /// The severity in the `prod` preset when it differs (a missing healthcheck is `info` in a
    /// lab and a `warning` in production).
    pub prod_severity: Option<Severity>,
    /// The smallest preset that enables the rule: `Lab` rules are in every preset, `Prod`
    /// rules in `prod` and `all`, `All` rules only in `all` (or when selected).
    pub preset: Preset,
    pub fix: FixAvailability,
    /// The same check in other tools: used in docs, to honour their suppression comments and
    /// to convert their configuration.
    pub equivalents: &'static [Equivalent],
    /// The course chapter that teaches the practice, as numbered in the course outline
    /// (`"05"`, `"C"` for Annexe C).
    pub chapter: Option<&'static str>,
    pub docs: RuleDocs,
}

impl RuleMeta {
    /// The English documentation page of the rule.
    pub fn url(&self) -> String {
        self.url_for(Lang::En)
    }

    /// The documentation page of the rule in `lang`.
    pub fn url_for(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!("{DOCS_BASE_URL}{}.md", self.code),
            Lang::Fr => format!("{DOCS_BASE_URL}fr/{}.md", self.code),
        }
    }
}

/// The documentation of a rule. Prose is in both languages; the examples are code, shared by
/// both, and executed by the tests: `example` must trigger the rule, `use_instead` must not.
#[derive(Debug)]
pub struct RuleDocs {
    /// One line: what the rule reports.
    pub summary: Text,
    /// Why it matters, citing the course practice.
    pub why: Text,
    /// A file that triggers the rule.
    pub example: &'static str,
    /// The same file, corrected.
    pub use_instead: &'static str,
    /// What the fix does and when it is unsafe; empty when the rule has no fix.
    pub fix: Text,
}

/// A static text in English and French.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    pub en: &'static str,
    pub fr: &'static str,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Fr => self.fr,
        }
    }
}

/// The kind of file a rule reads, which is also the first letter of its code.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum FileKind {
    /// `D`: Dockerfiles and `.dockerignore`.
    Dockerfile,
    /// `C`: Compose files.
    Compose,
    /// `H`: daemon.json and the client's config.json.
    Host,
}

impl FileKind {
    pub const ALL: [FileKind; 3] = [FileKind::Dockerfile, FileKind::Compose, FileKind::Host];

    /// The kind whose code letter is `letter` (`D`, `C`, `H`).
    pub fn from_letter(letter: char) -> Option<FileKind> {
        FileKind::ALL
            .into_iter()
            .find(|kind| kind.letter() == letter)
    }

    pub fn letter(self) -> char {
        match self {
            FileKind::Dockerfile => 'D',
            FileKind::Compose => 'C',
            FileKind::Host => 'H',
        }
    }
}

/// The category of a rule, which is also the first digit of its code.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum Category {
    /// `0xx`: it will fail or misbehave.
    Correctness,
    /// `1xx`: pinning, traceability.
    Reproducibility,
    /// `2xx`.
    Security,
    /// `3xx`: image size, build cache and speed.
    Size,
    /// `4xx`: healthchecks, signals, labels, logging, resources, profiles.
    Operability,
    /// `5xx`: maintainability and style.
    Style,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::Correctness,
        Category::Reproducibility,
        Category::Security,
        Category::Size,
        Category::Operability,
        Category::Style,
    ];

    /// The category whose code digit is `digit` (`0` to `5`).
    pub fn from_digit(digit: char) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|category| category.digit() == digit)
    }

    /// The category named `name` (`security`).
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|category| category.name() == name)
    }

    pub fn digit(self) -> char {
        match self {
            Category::Correctness => '0',
            Category::Reproducibility => '1',
            Category::Security => '2',
            Category::Size => '3',
            Category::Operability => '4',
            Category::Style => '5',
        }
    }

    /// The category's name as accepted by `--select` (`security`, `style`...).
    pub fn name(self) -> &'static str {
        match self {
            Category::Correctness => "correctness",
            Category::Reproducibility => "reproducibility",
            Category::Security => "security",
            Category::Size => "size",
            Category::Operability => "operability",
            Category::Style => "style",
        }
    }
}

/// A named set of rules. Each preset contains the previous one.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Default)]
pub enum Preset {
    /// The default: correctness, security and the course's core practices.
    #[default]
    Lab,
    /// Adds what production asks for: digests, resource limits, read-only root filesystems,
    /// log rotation...
    Prod,
    /// Everything, style included.
    All,
}

impl Preset {
    pub const ALL: [Preset; 3] = [Preset::Lab, Preset::Prod, Preset::All];

    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL
            .into_iter()
            .find(|preset| preset.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Lab => "lab",
            Preset::Prod => "prod",
            Preset::All => "all",
        }
    }
}

/// Whether a rule offers a fix.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

impl Equivalent {
    /// The other tool's identifier of the check (`DL3006`, `UndefinedArgInFrom`).
    pub fn id(self) -> &'static str {
        match self {
            Equivalent::Hadolint(id)
            | Equivalent::BuildKit(id)
            | Equivalent::Dclint(id)
            | Equivalent::Cis(id)
            | Equivalent::Trivy(id)
            | Equivalent::Checkov(id) => id,
        }
    }
}

/// The same check in another tool.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Equivalent {
    /// A hadolint rule, `DL3006`.
    Hadolint(&'static str),
    /// A BuildKit build check, `UndefinedArgInFrom`.
    BuildKit(&'static str),
    /// A dclint rule, `no-version-field`.
    Dclint(&'static str),
    /// A CIS Docker Benchmark 1.6.0 item, `4.1`.
    Cis(&'static str),
    /// A Trivy check, `DS001`.
    Trivy(&'static str),
    /// A Checkov check, `CKV_DOCKER_7`.
    Checkov(&'static str),
}
