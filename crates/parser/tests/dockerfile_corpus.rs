//! Tries the Dockerfile parser on a local collection of Dockerfiles, which is never committed:
//!
//! ```text
//! BERTH_DOCKERFILE_CORPUS=/path/to/dir cargo test -p berth-parser --test dockerfile_corpus -- --ignored --nocapture
//! ```
//!
//! Every file whose name contains "Dockerfile" (or named `Dockerfile` inside a BuildKit
//! `testfiles` folder) is parsed; the test checks the round trip, compares with
//! `parse-dockerfile` as `tests/dockerfile_oracle.rs` does, and compares the sexp with a
//! `result` file beside it when there is one (BuildKit's parser test files).

mod corpus;
mod oracle;

use std::path::Path;

use berth_parser::dockerfile::{parse, to_sexp};

#[test]
#[ignore = "needs BERTH_DOCKERFILE_CORPUS"]
fn corpus() {
    let Ok(root) = std::env::var("BERTH_DOCKERFILE_CORPUS") else {
        return;
    };
    let files = corpus::files(Path::new(&root), corpus::is_dockerfile);
    let mut disagreements = 0;
    let mut sexp_mismatches = 0;
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let dockerfile = parse(&text);
        oracle::assert_lossless(&text, &dockerfile);
        if let Err(difference) = oracle::compare(&text, &dockerfile) {
            disagreements += 1;
            println!("DIFF {}: {difference}", path.display());
        }
        let result = path.with_file_name("result");
        if let Ok(expected) = std::fs::read_to_string(&result) {
            let expected = expected.replace("\r\n", "\n");
            let actual = to_sexp(&dockerfile);
            if actual != expected {
                sexp_mismatches += 1;
                println!(
                    "SEXP {}:\n--- expected\n{expected}--- actual\n{actual}",
                    path.display()
                );
            }
        }
    }
    println!(
        "{} files, {disagreements} disagreements with parse-dockerfile, {sexp_mismatches} sexp mismatches",
        files.len()
    );
}
