//! Cost of the shell view per RUN on a realistic 3,000-line Dockerfile (the language server
//! recomputes the views of a file on each keystroke):
//!
//! ```text
//! cargo bench -p berth-parser --bench shell
//! ```

use berth_parser::dockerfile::shell::{ShellKind, shell_view};
use berth_parser::dockerfile::{Dockerfile, Instruction, Keyword, parse};
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

/// About 3,000 lines: stages of package installs split over continuation lines, builds,
/// heredoc scripts, pipes, `sh -c`, exec forms.
fn realistic_dockerfile() -> String {
    let mut text = String::from("# syntax=docker/dockerfile:1.7\nARG BASE=debian:bookworm-slim\n");
    let mut stage = 0;
    while text.lines().count() < 3_000 {
        stage += 1;
        text.push_str(&format!(
            "\nFROM ${{BASE}} AS stage-{stage}\n\
             ENV DEBIAN_FRONTEND=noninteractive\n\
             RUN --mount=type=cache,target=/var/cache/apt \\\n    apt-get update \\\n    # Build tools.\n    && apt-get install -y --no-install-recommends \\\n        build-essential \\\n        ca-certificates \\\n        curl=7.88.* \\\n        git \\\n    && rm -rf /var/lib/apt/lists/*\n\
             RUN set -eux; \\\n    curl -fsSL \"https://example.com/releases/v$VERSION/tool-$(uname -m).tar.gz\" \\\n    | tar -xz -C /usr/local/bin \\\n    && chmod +x /usr/local/bin/tool\n\
             RUN <<EOF\nset -euo pipefail\nfor component in api worker; do\n  make -C \"/src/$component\" build\ndone\nif [ -f /src/extra.sh ]; then sh /src/extra.sh; fi\nEOF\n\
             RUN sudo -u app sh -c 'npm ci --omit=dev && npm cache clean --force'\n\
             RUN cat <<EOF > /etc/app.conf\nname=stage-{stage}\nbuilt=$(date -u +%Y-%m-%dT%H:%M:%SZ)\nEOF\n\
             RUN [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\", \"pip install --no-cache-dir -r requirements.txt | tee /log\"]\n\
             RUN useradd -l -u 10001 -m app && chown -R app:app /app\n\
             USER app\n\
             CMD [\"/app/server\", \"--port\", \"8080\"]\n"
        ));
    }
    text
}

fn runs(dockerfile: &Dockerfile) -> Vec<&Instruction> {
    dockerfile
        .instructions
        .iter()
        .filter(|instruction| instruction.keyword == Keyword::Run)
        .collect()
}

/// Every RUN of the file, as a relint computes them; the counter gives the cost per RUN.
#[divan::bench]
fn views_of_every_run(bencher: divan::Bencher) {
    let text = realistic_dockerfile();
    let dockerfile = parse(&text);
    let runs = runs(&dockerfile);
    bencher.counter(ItemsCount::new(runs.len())).bench(|| {
        let mut commands = 0;
        for instruction in &runs {
            let view = shell_view(divan::black_box(&text), instruction, ShellKind::Posix);
            commands += view.commands.len();
        }
        commands
    });
}

/// One typical RUN: an apt-get chain over continuation lines with a comment inside.
#[divan::bench]
fn view_of_one_apt_run(bencher: divan::Bencher) {
    let text = realistic_dockerfile();
    let dockerfile = parse(&text);
    let run = runs(&dockerfile)[0];
    bencher.bench(|| shell_view(divan::black_box(&text), run, ShellKind::Posix));
}
