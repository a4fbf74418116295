//! Throughput of the Dockerfile parser and of the model built on its tree, on a large synthetic
//! but realistic Dockerfile:
//!
//! ```text
//! cargo bench -p berth-parser --bench dockerfile
//! ```

use berth_parser::dockerfile::model::{ModelOptions, model};
use berth_parser::dockerfile::parse;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

/// A multi-stage Dockerfile of about 4 MB: directives, comments, continuations, flags, JSON
/// forms, ENV and LABEL pairs, heredocs.
fn large_dockerfile() -> String {
    let mut text = String::from("# syntax=docker/dockerfile:1.7\n# check=error=true\n\n");
    text.push_str("ARG BASE_IMAGE=debian:bookworm-slim\nARG VERSION=1.2.3\n\n");
    let mut stage = 0;
    while text.len() < 4 << 20 {
        stage += 1;
        text.push_str(&format!(
            "# Stage {stage}: build the component.\n\
             FROM --platform=$BUILDPLATFORM ${{BASE_IMAGE}} AS build-{stage}\n\
             LABEL org.opencontainers.image.title=\"component {stage}\" \\\n      org.opencontainers.image.version=$VERSION\n\
             ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 PATH=/opt/app/bin:$PATH\n\
             WORKDIR /src/component-{stage}\n\
             RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    apt-get update \\\n    && apt-get install -y --no-install-recommends ca-certificates curl git build-essential \\\n    && rm -rf /var/lib/apt/lists/*\n\
             COPY --chown=app:app --chmod=0644 [\"go.mod\", \"go.sum\", \"./\"]\n\
             COPY --from=deps /src/vendor ./vendor\n\
             RUN <<EOF\nset -eux\nmake -j\"$(nproc)\" build\nmake test\nEOF\n\
             EXPOSE 8080/tcp 9090\n\
             HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD [\"/opt/app/bin/health\", \"--quiet\"]\n\
             USER 10001:10001\n\
             ENTRYPOINT [\"/opt/app/bin/server\"]\n\
             CMD [\"--config\", \"/etc/app/config.yaml\"]\n\n"
        ));
    }
    text
}

#[divan::bench]
fn parse_large(bencher: divan::Bencher) {
    let text = large_dockerfile();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| parse(divan::black_box(&text)));
}

/// The model alone, on a tree parsed once.
#[divan::bench]
fn model_large(bencher: divan::Bencher) {
    let text = large_dockerfile();
    let dockerfile = parse(&text);
    let options = ModelOptions::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| model(divan::black_box(&dockerfile), &options));
}

/// What the linter does on each keystroke for a Dockerfile: parse, then model. Both are
/// returned, so their freeing is not timed: the language server keeps them for the document's
/// queries and frees the previous ones on a worker thread (`Document::forget_model`).
#[divan::bench]
fn parse_and_model_large(bencher: divan::Bencher) {
    let text = large_dockerfile();
    let options = ModelOptions::default();
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        let dockerfile = parse(divan::black_box(&text));
        let model = model(&dockerfile, &options);
        (dockerfile, model)
    });
}
