//! Compose project loading throughput (YAML, interpolation, merge, model, checks) on a
//! generated project held in memory: a compose.yaml of many services sharing fragments, and
//! an override file.
//!
//! `cargo bench -p berth-parser --bench compose`; divan prints bytes per second of Compose
//! text loaded.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::hint::black_box;
use std::path::PathBuf;

use berth_parser::compose::{EmptyFileSystem, Overlay, ProjectOptions, load_project};
use divan::Bencher;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

/// A compose.yaml of `services` services written as people write them: anchors and merge
/// keys, both syntaxes of ports, volumes and environment, interpolation, healthchecks,
/// dependencies, networks, deploy limits.
fn compose_file(services: usize) -> String {
    let mut text = String::from(
        "# Generated for benchmarks.\nname: bench\nx-common: &common\n  restart: unless-stopped\n  \
         logging:\n    driver: json-file\n    options: {max-size: \"10m\", max-file: \"3\"}\n  \
         networks: [back]\nx-env: &env\n  TZ: Europe/Paris\n  LANG: fr_FR.UTF-8\n\nservices:\n",
    );
    for i in 0..services {
        let _ = write!(
            text,
            "  service-{i}:\n    <<: *common\n    image: \"registry.example.com/team/app-{i}:${{TAG:-1.{i}.0}}\"\n    \
             environment:\n      <<: *env\n      PORT: \"{port}\"\n      DEBUG: 'false'\n    \
             labels:\n      - com.example.service=app-{i}\n      - com.example.tier=web\n    \
             ports:\n      - \"127.0.0.1:{port}:{port}\"\n      - target: 9{i:04}\n        published: \"1{i:04}\"\n    \
             volumes:\n      - ./data/{i}:/var/lib/app:ro\n      - type: volume\n        source: cache\n        target: /cache\n\
             {depends}    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:{port}/health\"]\n      \
             interval: 30s\n      timeout: 5s\n      retries: 3\n    \
             deploy:\n      resources:\n        limits: {{cpus: \"0.5\", memory: 256M}}\n    \
             command: [\"app\", \"--port\", \"{port}\"]\n",
            port = 8000 + i % 50_000,
            depends = depends_on(i),
        );
    }
    text.push_str("networks:\n  back:\nvolumes:\n  cache:\n");
    text
}

/// Each service but the first depends on the one before it: a long chain, no cycle.
fn depends_on(i: usize) -> String {
    match i.checked_sub(1) {
        Some(previous) => format!(
            "    depends_on:\n      service-{previous}:\n        condition: service_healthy\n"
        ),
        None => String::new(),
    }
}

fn override_file(services: usize) -> String {
    let mut text = String::from("services:\n");
    for i in (0..services).step_by(10) {
        let _ = write!(
            text,
            "  service-{i}:\n    environment:\n      DEBUG: 'true'\n    ports:\n      - \"127.0.0.1:{port}:{port}\"\n",
            port = 8000 + i % 50_000,
        );
    }
    text
}

fn project(services: usize) -> (Overlay<EmptyFileSystem>, ProjectOptions, usize) {
    let compose = compose_file(services);
    let override_text = override_file(services);
    let bytes = compose.len() + override_text.len();
    let fs = Overlay::new(EmptyFileSystem)
        .with("/bench/compose.yaml", compose)
        .with("/bench/compose.override.yaml", override_text);
    let options = ProjectOptions {
        working_dir: PathBuf::from("/bench"),
        environment: BTreeMap::from([("HOME".to_owned(), "/home/bench".to_owned())]),
        ..ProjectOptions::default()
    };
    (fs, options, bytes)
}

#[divan::bench(args = [10, 1_000])]
fn load(bencher: Bencher, services: usize) {
    let (fs, options, bytes) = project(services);
    let project = load_project(&options, &fs);
    assert!(project.problems.is_empty(), "{:?}", project.problems);
    assert_eq!(project.services.len(), services);
    bencher
        .counter(BytesCount::new(bytes))
        .bench(|| load_project(black_box(&options), &fs));
}
