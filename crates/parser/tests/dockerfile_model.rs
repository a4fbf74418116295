//! Dockerfile model fixtures: one file per modelling behaviour in
//! `tests/fixtures/dockerfile-model/`, each with a snapshot of the model's dump (stages, bases
//! and the places their parts come from, every variable reference and what it resolves to,
//! the user, working directory and shell at each instruction, COPY and mount sources, errors).
//!
//! A fixture sets the model's options with comment lines: `# build-arg NAME=value`,
//! `# target NAME`, `# context NAME`.

use berth_parser::dockerfile::model::{ModelOptions, dump, model};
use berth_parser::dockerfile::parse;

fn options(text: &str) -> ModelOptions {
    let mut options = ModelOptions::default();
    for line in text.lines() {
        let Some(option) = line.strip_prefix("# ") else {
            continue;
        };
        if let Some(pair) = option.strip_prefix("build-arg ") {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            options.build_args.insert(name.to_owned(), value.to_owned());
        } else if let Some(target) = option.strip_prefix("target ") {
            options.target = Some(target.to_owned());
        } else if let Some(context) = option.strip_prefix("context ") {
            options.contexts.insert(context.to_owned());
        }
    }
    options
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/dockerfile-model/*.Dockerfile", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let dockerfile = parse(&text);
        let model = model(&dockerfile, &options(&text));
        let mut snapshot = dump(&dockerfile, &model, &text);
        if !dockerfile.errors.is_empty() {
            snapshot.push_str("parser errors\n");
            for error in &dockerfile.errors {
                snapshot.push_str(&format!("  {}\n", error.message.en));
            }
        }
        insta::assert_snapshot!(snapshot);
    });
}

/// The model never panics, and every range it reports is a range of the text, on every
/// syntax fixture (many of them broken on purpose) and on prefixes of each (cut everywhere in
/// small files, at line ends and every few characters in larger ones).
#[test]
fn robust_on_broken_and_truncated_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for folder in ["dockerfile", "dockerfile-model"] {
        for entry in std::fs::read_dir(dir.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let step = match text.len() {
                0..600 => 1,
                600..20_000 => 97,
                _ => text.len(),
            };
            let cuts = text
                .char_indices()
                .filter(|(at, c)| at % step == 0 || *c == '\n')
                .map(|(at, _)| at)
                .chain([text.len()]);
            for end in cuts {
                let prefix = &text[..end];
                let dockerfile = parse(prefix);
                let model = model(&dockerfile, &options(prefix));
                let ranges = model
                    .errors
                    .iter()
                    .map(|error| error.range)
                    .chain(model.references().iter().map(|reference| reference.range));
                for range in ranges {
                    assert!(
                        prefix.get(range.to_usize()).is_some(),
                        "{} at {end}: {range:?}",
                        path.display()
                    );
                }
                if end == text.len() {
                    let _ = dump(&dockerfile, &model, prefix);
                }
            }
        }
    }
}
