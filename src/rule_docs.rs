//! A rule's documentation, rendered from its [`RuleMeta`]: as text for `berth rule`, as
//! markdown for `docs/rules/` (and SARIF's rule help), as JSON for `berth rule --format json`.
//! The pages in `docs/rules/` are generated here and checked by a test, so they never drift
//! from the metadata.

use std::fmt::Write as _;
#[cfg(test)]
use std::io;
#[cfg(test)]
use std::path::{Path, PathBuf};

use annotate_snippets::renderer::Style;
use berth_parser::Lang;
use berth_rules::{Category, Equivalent, FileKind, FixAvailability, Preset, RuleMeta, Severity};
use serde::Serialize;

/// The headings and labels of a rule page in one language.
struct Words {
    what: &'static str,
    why: &'static str,
    example: &'static str,
    use_instead: &'static str,
    fix: &'static str,
    file_kind: &'static str,
    category: &'static str,
    severity: &'static str,
    presets: &'static str,
    fix_availability: &'static str,
    equivalents: &'static str,
    course: &'static str,
    documentation: &'static str,
    no_fix: &'static str,
    /// The link to the page in the other language, relative to this one.
    other_language: (&'static str, &'static str),
    /// What follows a label: French puts a space before a colon.
    colon: &'static str,
}

const ENGLISH: Words = Words {
    what: "What it does",
    why: "Why it matters",
    example: "Example",
    use_instead: "Use instead",
    fix: "Fix",
    file_kind: "File kind",
    category: "Category",
    severity: "Default severity",
    presets: "Presets",
    fix_availability: "Fix",
    equivalents: "Equivalents",
    course: "Course",
    documentation: "Documentation",
    no_fix: "This rule has no automatic fix.",
    other_language: ("Version française", "fr/"),
    colon: ":",
};

const FRENCH: Words = Words {
    what: "Ce que fait la règle",
    why: "Pourquoi c'est important",
    example: "Exemple",
    use_instead: "Utilisez plutôt",
    fix: "Correctif",
    file_kind: "Type de fichier",
    category: "Catégorie",
    severity: "Sévérité par défaut",
    presets: "Presets",
    fix_availability: "Correctif",
    equivalents: "Équivalents",
    course: "Cours",
    documentation: "Documentation",
    no_fix: "Cette règle n'a pas de correctif automatique.",
    other_language: ("English version", "../"),
    colon: " :",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &ENGLISH,
        Lang::Fr => &FRENCH,
    }
}

/// The rule's page for a terminal (`berth rule D101`): bold headings when `color` is on, code
/// indented by four spaces.
pub fn text(rule: &RuleMeta, lang: Lang, color: bool) -> String {
    let words = words(lang);
    let bold = if color {
        Style::new().bold()
    } else {
        Style::new()
    };
    let mut out = String::new();
    let _ = writeln!(out, "{bold}{} {}{bold:#}\n", rule.code, rule.name);
    let properties = properties(rule, lang, false);
    let label_width = properties
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in &properties {
        let _ = writeln!(out, "  {label:<label_width$}  {value}");
    }
    let _ = writeln!(
        out,
        "  {:<label_width$}  {}",
        words.documentation,
        rule.url_for(lang)
    );
    for (heading, body) in sections(rule, lang) {
        let _ = writeln!(out, "\n{bold}{heading}{bold:#}");
        match body {
            Body::Prose(prose) => {
                let _ = writeln!(out, "{prose}");
            }
            Body::Code(code) => {
                for line in code.lines() {
                    if line.is_empty() {
                        out.push('\n');
                    } else {
                        let _ = writeln!(out, "    {line}");
                    }
                }
            }
        }
    }
    out
}

/// The rule's page in markdown, as SARIF's rule help shows it.
pub fn markdown(rule: &RuleMeta, lang: Lang) -> String {
    page(rule, lang, false)
}

/// The markdown page; `committed` adds what only makes sense in `docs/rules/`: the marker that
/// the page is generated and the link to the page in the other language.
fn page(rule: &RuleMeta, lang: Lang, committed: bool) -> String {
    let words = words(lang);
    let mut out = String::new();
    if committed {
        let _ = writeln!(out, "{GENERATED}");
    }
    let _ = writeln!(out, "# {} `{}`\n", rule.code, rule.name);
    for (label, value) in properties(rule, lang, true) {
        let _ = writeln!(out, "- **{label}{}** {value}", words.colon);
    }
    if committed {
        let (other, prefix) = words.other_language;
        let _ = writeln!(out, "\n[{other}]({prefix}{}.md)", rule.code);
    }
    for (heading, body) in sections(rule, lang) {
        let _ = writeln!(out, "\n## {heading}\n");
        match body {
            Body::Prose(prose) => {
                let _ = writeln!(out, "{prose}");
            }
            Body::Code(code) => {
                let _ = write!(out, "```{}\n{code}", code_language(rule.kind));
                if !code.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str("```\n");
            }
        }
    }
    out
}

/// A rule as `berth rule --format json` prints it: identifiers and enumerations in English,
/// prose in the page's language. Serialise one, or a list for `--all`.
#[derive(Serialize, Debug)]
pub struct RuleJson {
    pub code: &'static str,
    pub name: &'static str,
    pub url: String,
    pub lang: &'static str,
    pub kind: &'static str,
    pub category: &'static str,
    pub severity: &'static str,
    pub prod_severity: Option<&'static str>,
    pub presets: &'static [&'static str],
    pub fix_availability: &'static str,
    pub equivalents: Vec<EquivalentJson>,
    pub chapter: Option<&'static str>,
    pub summary: &'static str,
    pub why: &'static str,
    pub example: &'static str,
    pub use_instead: &'static str,
    /// What the fix does; `null` when the rule has none.
    pub fix: Option<&'static str>,
}

/// The same check in another tool, with its documentation page when it has one.
#[derive(Serialize, Debug)]
pub struct EquivalentJson {
    pub tool: &'static str,
    pub id: &'static str,
    pub url: Option<String>,
}

pub fn json(rule: &RuleMeta, lang: Lang) -> RuleJson {
    let fix = rule.docs.fix.get(lang);
    RuleJson {
        code: rule.code,
        name: rule.name,
        url: rule.url_for(lang),
        lang: lang.code(),
        kind: kind_tag(rule.kind),
        category: rule.category.name(),
        severity: rule.severity.as_str(),
        prod_severity: rule.prod_severity.map(Severity::as_str),
        presets: presets(rule.preset),
        fix_availability: match rule.fix {
            FixAvailability::None => "none",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Always => "always",
        },
        equivalents: rule
            .equivalents
            .iter()
            .map(|equivalent| {
                let (tool, id) = tool_and_id(equivalent);
                EquivalentJson {
                    tool,
                    id,
                    url: equivalent_url(equivalent),
                }
            })
            .collect(),
        chapter: rule.chapter,
        summary: rule.docs.summary.get(lang),
        why: rule.docs.why.get(lang),
        example: rule.docs.example,
        use_instead: rule.docs.use_instead,
        fix: (!fix.is_empty() && rule.fix != FixAvailability::None).then_some(fix),
    }
}

/// The index of `docs/rules/` in `lang`: one table per file kind, rules in code order.
pub fn index_markdown(rules: &[&RuleMeta], lang: Lang) -> String {
    let mut rules = rules.to_vec();
    rules.sort_by_key(|rule| (rule.kind, rule.code));
    let mut out = String::new();
    let (title, intro, columns) = match lang {
        Lang::En => (
            "Rules",
            "Each page says what the rule reports, why it matters, with an example and its \
             correction. **Presets** is the smallest preset that enables the rule.",
            [
                "Code",
                "Name",
                "What it reports",
                "Severity",
                "Presets",
                "Fix",
            ],
        ),
        Lang::Fr => (
            "Règles",
            "Chaque page dit ce que la règle signale et pourquoi c'est important, avec un \
             exemple et sa correction. **Presets** est le plus petit preset qui active la règle.",
            [
                "Code",
                "Nom",
                "Ce qu'elle signale",
                "Sévérité",
                "Presets",
                "Correctif",
            ],
        ),
    };
    let _ = writeln!(out, "# {title}\n\n{intro}");
    for kind in [FileKind::Dockerfile, FileKind::Compose, FileKind::Host] {
        let of_kind: Vec<_> = rules.iter().filter(|rule| rule.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## {}\n", capitalized(kind_name(kind, lang)));
        let _ = writeln!(out, "| {} |", columns.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(columns.len()));
        for rule in of_kind {
            let _ = writeln!(
                out,
                "| [{code}]({code}.md) | `{name}` | {summary} | {severity} | `{preset}` | {fix} |",
                code = rule.code,
                name = rule.name,
                summary = table_cell(rule.docs.summary.get(lang)),
                severity = severity_name(rule.severity, lang),
                preset = rule.preset.as_str(),
                fix = fix_availability(rule.fix, lang),
            );
        }
    }
    out
}

/// The marker at the top of every generated page.
const GENERATED: &str = "<!-- Generated from the rules' metadata in crates/rules: edit the rule, \
                         then run `BERTH_UPDATE_GENERATED=1 cargo test`. -->";

// Generation of docs/rules/ runs in the staleness test (see the tests below).
#[cfg(test)]
/// The pages of `docs/rules/`, as paths relative to it and contents: one English page per rule
/// and its French translation under `fr/`, and an index (`README.md`) in each language.
pub fn rule_pages(rules: &[&RuleMeta]) -> Vec<(PathBuf, String)> {
    let mut pages = Vec::with_capacity(rules.len() * 2 + 2);
    for (lang, dir) in [(Lang::En, Path::new("")), (Lang::Fr, Path::new("fr"))] {
        let index = format!("{GENERATED}\n{}", index_markdown(rules, lang));
        pages.push((dir.join("README.md"), index));
        for rule in rules {
            pages.push((
                dir.join(format!("{}.md", rule.code)),
                page(rule, lang, true),
            ));
        }
    }
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    pages
}

// Generation of docs/rules/ runs in the staleness test (see the tests below).
#[cfg(test)]
/// Compares the committed pages in `dir` with `pages`; with `update`, rewrites the stale ones
/// and removes pages of rules that no longer exist. Returns the paths (relative to `dir`) that
/// were stale, sorted.
pub fn sync_pages(
    dir: &Path,
    pages: &[(PathBuf, String)],
    update: bool,
) -> io::Result<Vec<PathBuf>> {
    let mut stale = Vec::new();
    for (path, contents) in pages {
        let full = dir.join(path);
        let current = match std::fs::read_to_string(&full) {
            Ok(current) => Some(current),
            Err(error) if error.kind() == io::ErrorKind::NotFound => None,
            Err(error) => return Err(error),
        };
        if current.as_deref() != Some(contents.as_str()) {
            stale.push(path.clone());
            if update {
                if let Some(parent) = full.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(&full, contents)?;
            }
        }
    }
    for sub in [Path::new(""), Path::new("fr")] {
        let entries = match std::fs::read_dir(dir.join(sub)) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => return Err(error),
        };
        for entry in entries {
            let relative = sub.join(entry?.file_name());
            let is_page = relative.extension().is_some_and(|ext| ext == "md");
            if is_page && !pages.iter().any(|(path, _)| *path == relative) {
                if update {
                    std::fs::remove_file(dir.join(&relative))?;
                }
                stale.push(relative);
            }
        }
    }
    stale.sort();
    Ok(stale)
}

// Generation of docs/rules/ runs in the staleness test (see the tests below).
#[cfg(test)]
/// The staleness check a test runs over the real registry: `Ok` when `dir` holds exactly the
/// pages of `rules`; with `BERTH_UPDATE_GENERATED=1` in the environment, brings them up to
/// date instead of failing.
pub fn check_rule_pages(dir: &Path, rules: &[&RuleMeta]) -> Result<(), String> {
    let update = std::env::var_os("BERTH_UPDATE_GENERATED").is_some_and(|value| value == "1");
    let stale = sync_pages(dir, &rule_pages(rules), update)
        .map_err(|error| format!("{}: {error}", dir.display()))?;
    if stale.is_empty() || update {
        return Ok(());
    }
    let list: Vec<String> = stale
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    Err(format!(
        "the rule pages in {} are out of date: {}\nrun `BERTH_UPDATE_GENERATED=1 cargo test` and commit the result",
        dir.display(),
        list.join(", ")
    ))
}

/// The lower-case name of a file kind, as a SARIF tag and in JSON.
pub fn kind_tag(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Dockerfile => "dockerfile",
        FileKind::Compose => "compose",
        FileKind::Host => "host",
    }
}

enum Body {
    Prose(&'static str),
    Code(&'static str),
}

fn sections(rule: &RuleMeta, lang: Lang) -> Vec<(&'static str, Body)> {
    let words = words(lang);
    let fix = rule.docs.fix.get(lang);
    let fix = if fix.is_empty() || rule.fix == FixAvailability::None {
        words.no_fix
    } else {
        fix
    };
    vec![
        (words.what, Body::Prose(rule.docs.summary.get(lang))),
        (words.why, Body::Prose(rule.docs.why.get(lang))),
        (words.example, Body::Code(rule.docs.example)),
        (words.use_instead, Body::Code(rule.docs.use_instead)),
        (words.fix, Body::Prose(fix)),
    ]
}

/// The properties listed under the title, as (label, value); `links` formats equivalents as
/// markdown links where their tool has a page per rule.
fn properties(rule: &RuleMeta, lang: Lang, links: bool) -> Vec<(&'static str, String)> {
    let words = words(lang);
    let code = |text: &str| {
        if links {
            format!("`{text}`")
        } else {
            text.to_owned()
        }
    };
    let mut severity = severity_name(rule.severity, lang).to_owned();
    if let Some(prod) = rule.prod_severity {
        let prod = severity_name(prod, lang);
        match lang {
            Lang::En => write!(severity, " ({prod} in {})", code("prod")),
            Lang::Fr => write!(severity, " ({prod} avec {})", code("prod")),
        }
        .unwrap_or_default();
    }
    let presets = presets(rule.preset)
        .iter()
        .map(|preset| code(preset))
        .collect::<Vec<_>>()
        .join(", ");
    let category = format!(
        "{} ({})",
        category_name(rule.category, lang),
        code(&format!(
            "{}{}xx",
            rule.kind.letter(),
            rule.category.digit()
        ))
    );
    let mut properties = vec![
        (words.file_kind, capitalized(kind_name(rule.kind, lang))),
        (words.category, category),
        (words.severity, severity),
        (words.presets, presets),
        (
            words.fix_availability,
            fix_availability_long(rule.fix, lang).to_owned(),
        ),
    ];
    if !rule.equivalents.is_empty() {
        let equivalents = rule
            .equivalents
            .iter()
            .map(|equivalent| equivalent_text(equivalent, links))
            .collect::<Vec<_>>()
            .join(", ");
        properties.push((words.equivalents, equivalents));
    }
    if let Some(chapter) = rule.chapter {
        properties.push((words.course, chapter_title(chapter, lang)));
    }
    properties
}

fn presets(smallest: Preset) -> &'static [&'static str] {
    match smallest {
        Preset::Lab => &["lab", "prod", "all"],
        Preset::Prod => &["prod", "all"],
        Preset::All => &["all"],
    }
}

fn kind_name(kind: FileKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (FileKind::Dockerfile, Lang::En) => "Dockerfile and .dockerignore",
        (FileKind::Dockerfile, Lang::Fr) => "Dockerfile et .dockerignore",
        (FileKind::Compose, Lang::En) => "Compose file",
        (FileKind::Compose, Lang::Fr) => "fichier Compose",
        (FileKind::Host, Lang::En) => "host configuration (daemon.json, config.json)",
        (FileKind::Host, Lang::Fr) => "configuration de l'hôte (daemon.json, config.json)",
    }
}

fn category_name(category: Category, lang: Lang) -> &'static str {
    match (category, lang) {
        (Category::Correctness, Lang::En) => "correctness",
        (Category::Correctness, Lang::Fr) => "exactitude",
        (Category::Reproducibility, Lang::En) => "reproducibility",
        (Category::Reproducibility, Lang::Fr) => "reproductibilité",
        (Category::Security, Lang::En) => "security",
        (Category::Security, Lang::Fr) => "sécurité",
        (Category::Size, Lang::En) => "image size, build cache and speed",
        (Category::Size, Lang::Fr) => "taille de l'image, cache et vitesse de build",
        (Category::Operability, Lang::En) => "operability",
        (Category::Operability, Lang::Fr) => "exploitation",
        (Category::Style, Lang::En) => "maintainability and style",
        (Category::Style, Lang::Fr) => "maintenabilité et style",
    }
}

fn severity_name(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (Severity::Error, Lang::En) => "error",
        (Severity::Error, Lang::Fr) => "erreur",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Warning, Lang::Fr) => "avertissement",
        (Severity::Info, _) => "info",
    }
}

fn fix_availability(fix: FixAvailability, lang: Lang) -> &'static str {
    match (fix, lang) {
        (FixAvailability::None, Lang::En) => "none",
        (FixAvailability::None, Lang::Fr) => "aucun",
        (FixAvailability::Sometimes, Lang::En) => "sometimes",
        (FixAvailability::Sometimes, Lang::Fr) => "parfois",
        (FixAvailability::Always, Lang::En) => "always",
        (FixAvailability::Always, Lang::Fr) => "toujours",
    }
}

fn fix_availability_long(fix: FixAvailability, lang: Lang) -> &'static str {
    match (fix, lang) {
        (FixAvailability::None, Lang::En) => "none",
        (FixAvailability::None, Lang::Fr) => "aucun",
        (FixAvailability::Sometimes, Lang::En) => "sometimes available",
        (FixAvailability::Sometimes, Lang::Fr) => "parfois disponible",
        (FixAvailability::Always, Lang::En) => "always available",
        (FixAvailability::Always, Lang::Fr) => "toujours disponible",
    }
}

fn tool_and_id(equivalent: &Equivalent) -> (&'static str, &'static str) {
    match *equivalent {
        Equivalent::Hadolint(id) => ("hadolint", id),
        Equivalent::BuildKit(id) => ("buildkit", id),
        Equivalent::Dclint(id) => ("dclint", id),
        Equivalent::Cis(id) => ("cis", id),
        Equivalent::Trivy(id) => ("trivy", id),
        Equivalent::Checkov(id) => ("checkov", id),
    }
}

/// The page of the equivalent check in its tool's documentation, for the tools that have one
/// per rule. The CIS benchmark is not public, and Trivy's and Checkov's check pages have moved
/// over time, so those are named without a link.
fn equivalent_url(equivalent: &Equivalent) -> Option<String> {
    match *equivalent {
        Equivalent::Hadolint(id) => Some(format!("https://github.com/hadolint/hadolint/wiki/{id}")),
        Equivalent::BuildKit(name) => Some(format!(
            "https://docs.docker.com/go/dockerfile/rule/{}/",
            kebab_case(name)
        )),
        Equivalent::Dclint(name) => Some(format!(
            "https://github.com/zavoloklom/docker-compose-linter/blob/main/docs/rules/{name}-rule.md"
        )),
        Equivalent::Cis(_) | Equivalent::Trivy(_) | Equivalent::Checkov(_) => None,
    }
}

fn equivalent_text(equivalent: &Equivalent, links: bool) -> String {
    let label = match *equivalent {
        Equivalent::Hadolint(_) => "hadolint",
        Equivalent::BuildKit(_) => "BuildKit",
        Equivalent::Dclint(_) => "dclint",
        Equivalent::Cis(_) => "CIS Docker Benchmark",
        Equivalent::Trivy(_) => "Trivy",
        Equivalent::Checkov(_) => "Checkov",
    };
    let (_, id) = tool_and_id(equivalent);
    match equivalent_url(equivalent) {
        Some(url) if links => format!("{label} [{id}]({url})"),
        _ => format!("{label} {id}"),
    }
}

/// BuildKit's check names in the kebab case of their documentation URLs:
/// `JSONArgsRecommended` -> `json-args-recommended`.
fn kebab_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut kebab = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() && i > 0 {
            let previous = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(|next| next.is_lowercase());
            // A word starts at an upper-case letter after a lower-case one or a digit, or at
            // the last capital of an acronym followed by lower case (`JSONArgs`).
            if previous.is_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_uppercase() && next_is_lower)
            {
                kebab.push('-');
            }
        }
        kebab.extend(c.to_lowercase());
    }
    kebab
}

/// The chapters of the course (`course/course-outline-fr.md`), so a rule's page names the
/// chapter that teaches its practice.
fn chapter_title(chapter: &str, lang: Lang) -> String {
    let title = match chapter {
        "00" => Some(("Installation & environment", "Installation & Environnement")),
        "01" => Some(("Docker images", "Images Docker")),
        "02" => Some((
            "Containers (lifecycle & execution)",
            "Conteneurs (cycle de vie & exécution)",
        )),
        "03" => Some((
            "Storage (volumes, bind mounts, tmpfs)",
            "Storage (volumes, bind mounts, tmpfs)",
        )),
        "04" => Some(("Docker networking", "Réseau Docker")),
        "05" => Some((
            "Dockerfile & build (advanced BuildKit)",
            "Dockerfile & Build (BuildKit avancé)",
        )),
        "06" => Some((
            "Docker Compose v2 (multi-service)",
            "Docker Compose v2 (multi-services)",
        )),
        "07" => Some(("Registry & distribution", "Registry & Distribution")),
        "08" => Some(("Security & hardening", "Sécurité & Durcissement")),
        "09" => Some((
            "Observability & troubleshooting",
            "Observabilité & Diagnostic",
        )),
        "10" => Some(("Performance & optimisation", "Performance & Optimisation")),
        "11" => Some(("CI/CD with Docker", "CI/CD avec Docker")),
        "12" => Some((
            "Running in production (without an orchestrator)",
            "Exploitation en Production (sans orchestrateur)",
        )),
        "13" => Some((
            "Swarm (optional) & the way to Kubernetes",
            "Swarm (optionnel) & Passerelle vers Kubernetes",
        )),
        "A" => Some((
            "Air-gapped environments & mirroring",
            "Air-gapped & mirroring (environnements contraints)",
        )),
        "B" => Some((
            "Forensics & incident response",
            "Forensic & réponse à incident (IR)",
        )),
        "C" => Some((
            "Image naming, immutability & retention policy",
            "Politique de nommage, immutabilité & rétention d'images",
        )),
        _ => None,
    };
    let annex = chapter.chars().all(|c| c.is_ascii_alphabetic());
    let prefix = match (lang, annex) {
        (Lang::En, false) => "Chapter",
        (Lang::En, true) => "Annex",
        (Lang::Fr, false) => "Chapitre",
        (Lang::Fr, true) => "Annexe",
    };
    let separator = match lang {
        Lang::En => ":",
        Lang::Fr => " :",
    };
    match title {
        Some((en, fr)) => {
            let title = if lang == Lang::En { en } else { fr };
            format!("{prefix} {chapter}{separator} {title}")
        }
        None => format!("{prefix} {chapter}"),
    }
}

fn code_language(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Dockerfile => "dockerfile",
        FileKind::Compose => "yaml",
        FileKind::Host => "json",
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Text that stays in one markdown table cell.
fn table_cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use berth_parser::Lang;

    use super::*;
    use crate::render::test_fixtures::{
        EXEC_FORM_CMD, LABEL_NAMESPACE, NON_ROOT_SERVICE, PIN_BASE_IMAGE_TAG, rules,
    };

    #[test]
    fn text_english() {
        insta::assert_snapshot!(text(&EXEC_FORM_CMD, Lang::En, false));
    }

    #[test]
    fn text_french_without_fix_or_chapter() {
        insta::assert_snapshot!(text(&LABEL_NAMESPACE, Lang::Fr, false));
    }

    #[test]
    fn text_colour_makes_headings_bold() {
        let page = text(&EXEC_FORM_CMD, Lang::En, true);
        assert!(page.contains("\x1b[1mWhy it matters\x1b[0m"), "{page}");
    }

    #[test]
    fn markdown_english() {
        insta::assert_snapshot!(markdown(&EXEC_FORM_CMD, Lang::En));
    }

    #[test]
    fn markdown_french() {
        insta::assert_snapshot!(markdown(&NON_ROOT_SERVICE, Lang::Fr));
    }

    #[test]
    fn json_english() {
        insta::assert_json_snapshot!(json(&EXEC_FORM_CMD, Lang::En));
        insta::assert_json_snapshot!("json_french_without_fix", json(&LABEL_NAMESPACE, Lang::Fr));
    }

    #[test]
    fn index() {
        insta::assert_snapshot!(index_markdown(&rules(), Lang::En));
        insta::assert_snapshot!("index_french", index_markdown(&rules(), Lang::Fr));
    }

    #[test]
    fn buildkit_names_in_kebab_case() {
        assert_eq!(kebab_case("JSONArgsRecommended"), "json-args-recommended");
        assert_eq!(kebab_case("FromAsCasing"), "from-as-casing");
        assert_eq!(kebab_case("UndefinedArgInFrom"), "undefined-arg-in-from");
        assert_eq!(kebab_case("NoEmptyContinuation"), "no-empty-continuation");
    }

    #[test]
    fn chapters_and_annexes() {
        assert_eq!(
            chapter_title("05", Lang::En),
            "Chapter 05: Dockerfile & build (advanced BuildKit)"
        );
        assert_eq!(
            chapter_title("C", Lang::Fr),
            "Annexe C : Politique de nommage, immutabilité & rétention d'images"
        );
        assert_eq!(chapter_title("99", Lang::En), "Chapter 99");
    }

    #[test]
    fn committed_pages_link_to_the_other_language() {
        let pages = rule_pages(&rules());
        let page = |path: &str| {
            let (_, page) = pages
                .iter()
                .find(|(p, _)| p == Path::new(path))
                .expect("the page exists");
            page
        };
        assert!(page("D101.md").contains("\n[Version française](fr/D101.md)\n"));
        assert!(page("fr/D101.md").contains("\n[English version](../D101.md)\n"));
        assert!(!markdown(&PIN_BASE_IMAGE_TAG, Lang::En).contains("fr/D101.md"));
    }

    #[test]
    fn pages_are_one_per_rule_and_language_plus_the_indexes() {
        let pages = rule_pages(&rules());
        let paths: Vec<String> = pages
            .iter()
            .map(|(path, _)| path.display().to_string())
            .collect();
        assert_eq!(
            paths,
            [
                "C201.md",
                "D101.md",
                "D301.md",
                "D402.md",
                "D502.md",
                "README.md",
                "fr/C201.md",
                "fr/D101.md",
                "fr/D301.md",
                "fr/D402.md",
                "fr/D502.md",
                "fr/README.md",
            ]
        );
        assert!(pages.iter().all(|(_, page)| page.starts_with(GENERATED)));
    }

    /// The committed `docs/rules/` pages are those of the registry's rules.
    #[test]
    fn committed_rule_pages_are_up_to_date() {
        let rules: Vec<&RuleMeta> = berth_rules::all_rules()
            .iter()
            .map(|rule| &rule.meta)
            .collect();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules");
        if let Err(stale) = check_rule_pages(&dir, &rules) {
            panic!("{stale}");
        }
    }

    /// A scratch directory under the system's temporary directory, removed on drop.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Self {
            let dir = std::env::temp_dir().join(format!("berth-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            Scratch(dir)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn stale_pages_are_reported_then_rewritten() {
        let scratch = Scratch::new("rule-pages");
        let dir = scratch.0.as_path();
        let pages = rule_pages(&rules());

        // Nothing committed yet: every page is stale.
        assert_eq!(sync_pages(dir, &pages, false).unwrap().len(), pages.len());
        assert!(!dir.exists(), "checking writes nothing");

        // Updating writes them; then nothing is stale.
        sync_pages(dir, &pages, true).unwrap();
        assert_eq!(
            sync_pages(dir, &pages, false).unwrap(),
            Vec::<PathBuf>::new()
        );

        // A hand-edited page and the page of a removed rule are both stale; updating restores
        // the one and removes the other.
        std::fs::write(dir.join("fr/D101.md"), "edited").unwrap();
        std::fs::write(dir.join("D999.md"), "gone").unwrap();
        std::fs::write(dir.join("notes.txt"), "not a page").unwrap();
        assert_eq!(
            sync_pages(dir, &pages, false).unwrap(),
            [PathBuf::from("D999.md"), PathBuf::from("fr/D101.md")]
        );
        sync_pages(dir, &pages, true).unwrap();
        assert!(!dir.join("D999.md").exists());
        assert!(dir.join("notes.txt").exists());
        assert_eq!(
            sync_pages(dir, &pages, false).unwrap(),
            Vec::<PathBuf>::new()
        );
    }
}
