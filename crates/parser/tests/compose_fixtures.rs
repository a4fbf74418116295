//! Each directory under `fixtures/compose/` is a Compose project loaded from memory at
//! `/project`; its snapshot is the effective model with origins and the problems found.
//!
//! `case.txt` says what the case shows (`#` lines) and how to load it, one option per line:
//! `files:`, `env:` (`NAME=value`, the process environment), `profiles:`, `env-files:`,
//! `workdir:` (relative to the project), `project-directory:`, `name:`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use berth_parser::compose::dump::dump;
use berth_parser::compose::{EmptyFileSystem, Overlay, ProjectOptions, load_project};

const ROOT: &str = "/project";

fn add_files(overlay: &mut Overlay<EmptyFileSystem>, dir: &Path, virtual_dir: &Path) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .map(|entry| entry.expect("fixture entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().expect("file name");
        let target = virtual_dir.join(name);
        if path.is_dir() {
            add_files(overlay, &path, &target);
        } else if name != "case.txt" {
            let text = std::fs::read_to_string(&path).expect("fixture text");
            overlay.insert(target, text);
        }
    }
}

fn options(case: &str) -> ProjectOptions {
    let mut options = ProjectOptions {
        working_dir: PathBuf::from(ROOT),
        environment: BTreeMap::new(),
        ..ProjectOptions::default()
    };
    for line in case.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let values = value.split_whitespace().map(str::to_owned);
        match key.trim() {
            "files" => options.files.extend(values.map(PathBuf::from)),
            "env" => {
                let (name, value) = value.trim().split_once('=').expect("env: NAME=value");
                options
                    .environment
                    .insert(name.to_owned(), value.to_owned());
            }
            "profiles" => options.profiles.extend(values),
            "env-files" => options.env_files.extend(values.map(PathBuf::from)),
            "workdir" => options.working_dir = Path::new(ROOT).join(value.trim()),
            "project-directory" => options.project_directory = Some(PathBuf::from(value.trim())),
            "name" => options.project_name = Some(value.trim().to_owned()),
            other if other.starts_with('#') => {}
            other => panic!("unknown option {other:?} in case.txt"),
        }
    }
    options
}

#[test]
fn compose_fixtures() {
    insta::glob!("fixtures/compose/*/case.txt", |path| {
        let case = std::fs::read_to_string(path).expect("case.txt");
        let dir = path.parent().expect("case directory");
        let mut overlay = Overlay::new(EmptyFileSystem);
        add_files(&mut overlay, dir, Path::new(ROOT));
        let project = load_project(&options(&case), &overlay);
        insta::assert_snapshot!(dump(&project));
    });
}
