//! Unit tests of the loader's small helpers; whole projects are tested by the fixtures under
//! `tests/fixtures/compose/`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::read::go_float;
use super::{EmptyFileSystem, Overlay, ProjectOptions, load_project, normalize_project_name};

fn load(files: &[(&str, &str)]) -> super::Project {
    let mut fs = Overlay::new(EmptyFileSystem);
    for (path, text) in files {
        fs.insert(format!("/p/{path}"), *text);
    }
    let options = ProjectOptions {
        working_dir: PathBuf::from("/p"),
        environment: BTreeMap::new(),
        ..ProjectOptions::default()
    };
    load_project(&options, &fs)
}

#[test]
fn project_names_are_normalized_as_compose_does() {
    assert_eq!(normalize_project_name("My App.v2"), "myappv2");
    assert_eq!(normalize_project_name("__-x_y"), "x_y");
    assert_eq!(normalize_project_name("Été"), "t");
}

#[test]
fn floats_print_as_go_prints_them() {
    assert_eq!(go_float(1.0), "1");
    assert_eq!(go_float(1.5), "1.5");
    assert_eq!(go_float(100000.0), "100000");
    assert_eq!(go_float(1_000_000.0), "1e+06");
    assert_eq!(go_float(1_234_567.0), "1.234567e+06");
    assert_eq!(go_float(0.0001), "0.0001");
    assert_eq!(go_float(0.00001), "1e-05");
    assert_eq!(go_float(-2.5), "-2.5");
}

#[test]
fn origins_describe_the_chain_from_the_definition_outwards() {
    let project = load(&[
        (
            "compose.yaml",
            "services:\n  web:\n    extends:\n      file: base.yaml\n      service: base\n",
        ),
        (
            "base.yaml",
            "x-image: &image nginx:1.27\nservices:\n  base:\n    image: *image\n",
        ),
    ]);
    assert!(project.problems.is_empty(), "{:?}", project.problems);
    let image = project.services["web"].image.as_ref().expect("an image");
    let described = project.describe(&image.origin);
    assert_eq!(
        described.en,
        "defined in base.yaml:1:17, brought by an alias in base.yaml:4:12, brought by \
         `extends` in compose.yaml:3:5"
    );
    assert_eq!(
        described.fr,
        "défini dans base.yaml:1:17, apporté par un alias dans base.yaml:4:12, apporté par \
         `extends` dans compose.yaml:3:5"
    );
    // The outermost use site is where the user wrote what brought the value.
    let (file, range) = image.origin.use_site();
    assert_eq!(project.place(file, range), "compose.yaml:3:5");
}

#[test]
fn interpolated_values_are_found_by_position() {
    let project = load(&[(
        "compose.yaml",
        "services:\n  web:\n    image: \"nginx:${TAG:-1.27}\"\n",
    )]);
    let image = project.services["web"].image.as_ref().expect("an image");
    assert_eq!(image.value, "nginx:1.27");
    let interpolated = project
        .interpolation(image.origin.file, image.origin.range)
        .expect("recorded");
    assert_eq!(interpolated.original, "nginx:${TAG:-1.27}");
    assert_eq!(interpolated.variables[0].name, "TAG");
    assert_eq!(project.interpolations_in(image.origin.file).len(), 1);
}
