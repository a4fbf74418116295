//! Validation throughput of a resolved Compose file against berth's description: the work the
//! language server redoes on each keystroke.
//!
//! `cargo bench -p berth-parser --bench schema`; divan prints bytes per second.

use std::fmt::Write;
use std::hint::black_box;

use berth_parser::FileId;
use berth_parser::compose::schema::compose_file;
use berth_parser::schema::validate;
use berth_parser::yaml;
use divan::Bencher;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

/// A Compose file with `services` services using most value shapes, with a few mistakes so
/// that error reporting is measured too.
fn compose_text(services: usize) -> String {
    let mut text = String::from("name: bench\nservices:\n");
    for i in 0..services {
        let _ = write!(
            text,
            "  service-{i}:\n    image: registry.example.com/team/app-{i}:1.{i}.0\n    \
             restart: unless-stopped\n    environment: {{PORT: \"{port}\", DEBUG: \"false\"}}\n    \
             ports: [\"127.0.0.1:{port}:{port}\", {{target: 443, published: \"{tls}\"}}]\n    \
             volumes: [./data/{i}:/var/lib/app:ro, {{type: tmpfs, target: /tmp}}]\n    \
             depends_on: {{service-0: {{condition: service_started}}}}\n    \
             healthcheck: {{test: [CMD, curl, -f, http://localhost], interval: 30s, retries: 3}}\n    \
             deploy: {{resources: {{limits: {{cpus: \"0.5\", memory: 256M}}}}}}\n    \
             cap_drop: [ALL]\n    read_only: true\n    mem_limt: 1g\n",
            port = 8000 + i,
            tls = 9000 + i,
        );
    }
    text
}

#[divan::bench(args = [10, 200])]
fn validate_compose(bencher: Bencher, services: usize) {
    let text = compose_text(services);
    let document = yaml::parse(&text, FileId(0));
    let root = &document.roots[0];
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        let mut errors = Vec::new();
        validate(black_box(root), compose_file(), &mut errors);
        errors
    });
}

#[divan::bench]
fn suggest_a_service_key(bencher: Bencher) {
    let names: Vec<&str> = berth_parser::compose::schema::service().names().collect();
    bencher.bench(|| {
        berth_parser::suggest::did_you_mean(black_box("mem_limt"), names.iter().copied())
    });
}
