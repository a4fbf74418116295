//! The Compose loader never panics on one arbitrary compose.yaml held in memory, and every
//! range it reports (problems, labels, origins, interpolations) lies on character boundaries
//! of the file it names.

#![no_main]

use std::collections::BTreeMap;
use std::path::PathBuf;

use berth_parser::TextRange;
use berth_parser::compose::{
    EmptyFileSystem, Origin, Overlay, Project, ProjectOptions, load_project,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let fs = Overlay::new(EmptyFileSystem).with("/fuzz/compose.yaml", text);
    let options = ProjectOptions {
        working_dir: PathBuf::from("/fuzz"),
        environment: BTreeMap::from([("HOME".to_owned(), "/home/fuzz".to_owned())]),
        ..ProjectOptions::default()
    };
    let project = load_project(&options, &fs);
    for problem in &project.problems {
        if let Some(file) = problem.file {
            slice(&project, file, problem.range);
        }
        for label in &problem.labels {
            slice(&project, label.file, label.range);
        }
    }
    for item in &project.interpolations {
        slice(&project, item.file, item.range);
        for variable in &item.variables {
            slice(&project, item.file, variable.range);
        }
    }
    for service in project.all_services() {
        origin(&project, &service.key);
        for port in &service.ports {
            origin(&project, &port.target.origin);
            origin(&project, &port.origin);
        }
        for mount in &service.volumes {
            origin(&project, &mount.target.origin);
        }
        for pair in service.environment.declared.values() {
            origin(&project, &pair.key.origin);
        }
        let _ = project.describe(&service.key);
    }
});

fn origin(project: &Project, origin: &Origin) {
    slice(project, origin.file, origin.range);
    for via in &origin.via {
        slice(project, via.file, via.range);
    }
}

/// Slicing panics on a range out of bounds or off a character boundary.
fn slice(project: &Project, file: berth_parser::FileId, range: TextRange) {
    let source = project.file(file).expect("every file id names a file");
    let _ = range.slice(source.text());
}
