//! Loads every Compose file under the directories in `BERTH_COMPOSE_CORPUS` (colon-separated)
//! and prints the problems berth finds, to compare with what Compose says of the same files.
//! Ignored by default: the corpus is not part of the repository.
//!
//! `BERTH_COMPOSE_CORPUS=/path/a:/path/b cargo test -p berth-parser --test compose_corpus -- --ignored --nocapture`

mod corpus;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use berth_parser::compose::{DiskFileSystem, ProjectOptions, load_project};

#[test]
#[ignore = "needs a corpus of Compose files: set BERTH_COMPOSE_CORPUS"]
fn load_corpus() {
    let Ok(roots) = std::env::var("BERTH_COMPOSE_CORPUS") else {
        eprintln!("BERTH_COMPOSE_CORPUS is not set");
        return;
    };
    let files: Vec<PathBuf> = roots
        .split(':')
        .flat_map(|root| corpus::files(Path::new(root), corpus::is_compose_file))
        .collect();
    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    let mut clean = 0;
    for file in &files {
        let options = ProjectOptions {
            working_dir: file.parent().expect("a file has a directory").to_path_buf(),
            files: vec![file.clone()],
            environment: BTreeMap::from([("HOME".to_owned(), "/home/user".to_owned())]),
            ..ProjectOptions::default()
        };
        let project = load_project(&options, &DiskFileSystem);
        if project.problems.is_empty() {
            clean += 1;
            continue;
        }
        println!("{}", file.display());
        for problem in &project.problems {
            let place = match problem.file {
                Some(id) => project.place(id, problem.range),
                None => "(command line)".to_owned(),
            };
            let kind = match &problem.schema {
                Some(schema) => format!("{}/{}", problem.kind.as_str(), schema.kind.as_str()),
                None => problem.kind.as_str().to_owned(),
            };
            *by_kind
                .entry(format!("{} {kind}", problem.severity.as_str()))
                .or_default() += 1;
            println!(
                "  {} [{kind}] {place}: {}",
                problem.severity.as_str(),
                problem.message.en
            );
        }
    }
    println!("\n{} files, {clean} without problems", files.len());
    for (kind, count) in by_kind {
        println!("  {count:5} {kind}");
    }
}
