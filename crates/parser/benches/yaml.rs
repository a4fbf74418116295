//! YAML parse and resolve throughput on a generated Compose-like file, the same text read by
//! saphyr-parser alone (the ceiling of the YAML dependency), and JSON parse throughput on a
//! generated daemon.json-like file.
//!
//! `cargo bench -p berth-parser --bench yaml`; divan prints bytes per second.

use std::fmt::Write;
use std::hint::black_box;

use berth_parser::FileId;
use berth_parser::{json, yaml};
use divan::Bencher;
use divan::counter::BytesCount;
use saphyr_parser::Parser;

fn main() {
    divan::main();
}

/// A Compose file with `services` services sharing fragments through anchors, aliases and
/// merge keys, with comments, quoted strings and block scalars, as people write them.
fn compose_file(services: usize) -> String {
    let mut text = String::from(
        "# Generated for benchmarks.\nx-common: &common\n  restart: unless-stopped\n  \
         logging:\n    driver: json-file\n    options: {max-size: \"10m\", max-file: \"3\"}\n\
         x-env: &env\n  TZ: Europe/Paris\n  LANG: fr_FR.UTF-8\n\nservices:\n",
    );
    for i in 0..services {
        let _ = write!(
            text,
            "  service-{i}:\n    <<: *common\n    image: \"registry.example.com/team/app-{i}:1.{i}.0\"\n    \
             container_name: app_{i}  # fixed name\n    environment:\n      <<: *env\n      \
             PORT: \"{port}\"\n      DEBUG: 'false'\n    ports:\n      - \"{port}:{port}\"\n    \
             volumes:\n      - ./data/{i}:/var/lib/app:ro\n    depends_on: [service-0]\n    \
             healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:{port}/health\"]\n      \
             interval: 30s\n    command: |\n      sh -c 'echo starting {i}\n      exec app --port {port}'\n",
            port = 8000 + i,
        );
    }
    text
}

fn daemon_json(entries: usize) -> String {
    let mut text = String::from("{\n  \"log-driver\": \"json-file\",\n  \"labels\": [\n");
    for i in 0..entries {
        let separator = if i + 1 == entries { "" } else { "," };
        let _ = writeln!(
            text,
            "    {{\"name\": \"label-{i}\", \"value\": {i}.5e2, \"on\": true}}{separator}"
        );
    }
    text.push_str("  ],\n  \"live-restore\": true\n}\n");
    text
}

/// The ceiling the YAML dependency sets: saphyr-parser's events drained over the same text,
/// without building anything, so that `yaml_parse` can be read against it.
#[divan::bench(args = [10, 200])]
fn saphyr_events(bencher: Bencher, services: usize) {
    let text = compose_file(services);
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        let mut parser = Parser::new_from_str(black_box(&text));
        let mut events = 0_usize;
        while let Some(Ok(event)) = parser.next_event() {
            black_box(&event);
            events += 1;
        }
        events
    });
}

#[divan::bench(args = [10, 200])]
fn yaml_parse(bencher: Bencher, services: usize) {
    let text = compose_file(services);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| yaml::parse(black_box(&text), FileId(0)));
}

#[divan::bench(args = [10, 200])]
fn yaml_parse_and_resolve(bencher: Bencher, services: usize) {
    let text = compose_file(services);
    let document = yaml::parse(&text, FileId(0));
    let (_, errors) = yaml::resolve_document(&document);
    assert!(
        document.errors.is_empty() && errors.is_empty(),
        "{errors:?}"
    );
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        let document = yaml::parse(black_box(&text), FileId(0));
        yaml::resolve_document(&document)
    });
}

#[divan::bench(args = [2_000])]
fn json_parse(bencher: Bencher, entries: usize) {
    let text = daemon_json(entries);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| json::parse(black_box(&text), FileId(0)));
}
