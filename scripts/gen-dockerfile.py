#!/usr/bin/env python3
"""Write a realistic multi-stage Dockerfile of about LINES lines to standard output.

usage: gen-dockerfile.py LINES [SEED]

Stages build, test and ship an application: ARG and ENV blocks, RUN chains with line
continuations and package installs, COPY --from, LABEL, WORKDIR, USER, HEALTHCHECK and
comments, in the proportions real Dockerfiles have. Used to measure the language server's
latency (see crates/lsp/README.md); the output is deterministic for a given seed.
"""
import random
import sys

PACKAGES = ["curl", "ca-certificates", "git", "build-essential", "libssl-dev", "pkg-config",
            "python3", "python3-pip", "unzip", "tzdata", "jq", "openssh-client", "gnupg",
            "libpq-dev", "zlib1g-dev", "libffi-dev", "make", "gcc", "g++", "xz-utils"]
BASES = ["debian:bookworm-slim", "ubuntu:24.04", "alpine:3.20", "node:22-bookworm-slim",
         "python:3.12-slim", "golang:1.23-bookworm"]


def stage(rng, index, lines):
    name = f"stage{index}"
    base = rng.choice(BASES)
    out = [f"# Stage {index}: build step {index} of the application",
           f"ARG BASE_{index}={base}", f"FROM ${{BASE_{index}}} AS {name}"]
    out += [f"ARG VERSION_{index}=1.{index}.{rng.randint(0, 9)}",
            f"ENV APP_HOME=/opt/app{index} \\", f"    PATH=/opt/app{index}/bin:$PATH \\",
            f"    LANG=C.UTF-8", f"WORKDIR /opt/app{index}"]
    while len(out) < lines - 6:
        kind = rng.random()
        if kind < 0.35:
            packages = rng.sample(PACKAGES, rng.randint(3, 8))
            out.append("RUN apt-get update \\")
            out.append("    && apt-get install -y --no-install-recommends \\")
            out += [f"        {package} \\" for package in packages]
            out.append("    && rm -rf /var/lib/apt/lists/*")
        elif kind < 0.55:
            steps = rng.randint(2, 6)
            out.append(f"RUN set -eux; \\")
            for step in range(steps):
                sep = "; \\" if step < steps - 1 else ""
                out.append(f"    mkdir -p /opt/app{index}/part{step} && echo \"step {step}\" > /opt/app{index}/part{step}/README{sep}")
        elif kind < 0.7:
            out.append(f"COPY --chown=app:app src/module{rng.randint(0, 99)}/ ./module{rng.randint(0, 99)}/")
        elif kind < 0.8:
            out.append(f"ENV FEATURE_{rng.randint(0, 999)}=\"enabled\" LEVEL_{rng.randint(0, 99)}={rng.randint(0, 9)}")
        elif kind < 0.9:
            out.append(f"# Configure part {rng.randint(0, 99)} of the build (see docs/build.md)")
        else:
            out.append(f"LABEL org.opencontainers.image.version=\"${{VERSION_{index}}}\" stage=\"{name}\"")
    if index > 0:
        out.append(f"COPY --from=stage{index - 1} /opt/app{index - 1} /opt/previous{index}")
    out += ["RUN groupadd --system app && useradd --system --gid app app",
            "USER app",
            "HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:8080/health || exit 1",
            "EXPOSE 8080",
            f'CMD ["/opt/app{index}/bin/server", "--port", "8080"]', ""]
    return out


def main():
    total = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    stages = max(1, total // 60)
    lines = ["# syntax=docker/dockerfile:1", ""]
    for index in range(stages):
        remaining = total - len(lines)
        share = remaining // (stages - index)
        lines += stage(rng, index, max(share, 12))
    sys.stdout.write("\n".join(lines[:total]) + "\n")


if __name__ == "__main__":
    main()
