//! Properties of the Dockerfile parser on generated input: it never panics, its tokens always
//! give back the input byte for byte, and every range it returns can be sliced.

mod oracle;

use berth_parser::dockerfile::{parse, to_debug_tree, to_sexp};
use proptest::prelude::*;

fn check(text: &str) {
    let dockerfile = parse(text);
    oracle::assert_lossless(text, &dockerfile);
    let _ = to_sexp(&dockerfile);
    let _ = to_debug_tree(&dockerfile, text);
}

/// Pieces that make up Dockerfiles, including the awkward ones.
const FRAGMENTS: &[&str] = &[
    "FROM",
    "RUN",
    "COPY",
    "ADD",
    "ENV",
    "ARG",
    "LABEL",
    "CMD",
    "ENTRYPOINT",
    "HEALTHCHECK",
    "ONBUILD",
    "SHELL",
    "USER",
    "WORKDIR",
    "VOLUME",
    "EXPOSE",
    "STOPSIGNAL",
    "MAINTAINER",
    "AS",
    "NONE",
    "alpine",
    "x",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\\",
    "\\\n",
    "`",
    "`\n",
    "#",
    "# ",
    "# escape=`\n",
    "# syntax=a\n",
    "# check=skip=all\n",
    "--",
    "--from=a",
    "--mount=type=cache,target=/a",
    "--link",
    "--chown=",
    "=",
    "a=b",
    "\"",
    "'",
    "\"a b\"",
    "[",
    "]",
    ",",
    "\"s\"",
    "1",
    "{}",
    "null",
    "<<",
    "<<EOF",
    "<<-EOF",
    "3<<EOF",
    "<<'EOF'",
    "EOF",
    "\tEOF",
    "$",
    "${",
    "}",
    "${a:-b}",
    "é",
    "😀",
    "\u{a0}",
    "\u{feff}",
    "\0",
    "/",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60)
        .prop_map(|fragments| fragments.concat())
}

/// Line ending styles applied line by line to the fixtures.
#[derive(Clone, Copy, Debug)]
enum Ending {
    Lf,
    CrLf,
    Cr,
    CrCrLf,
}

fn convert(text: &str, endings: &[Ending]) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let Some(body) = line.strip_suffix('\n') else {
            out.push_str(line);
            continue;
        };
        let body = body.strip_suffix('\r').unwrap_or(body);
        out.push_str(body);
        out.push_str(match endings[index % endings.len()] {
            Ending::Lf => "\n",
            Ending::CrLf => "\r\n",
            Ending::Cr => "\r",
            Ending::CrCrLf => "\r\r\n",
        });
    }
    out
}

fn fixtures() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/dockerfile");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    texts.sort();
    texts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_round_trip(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn dockerfile_soups_round_trip(text in soup()) {
        check(&text);
    }

    #[test]
    fn fixtures_with_any_line_endings_round_trip(
        index in any::<prop::sample::Index>(),
        endings in prop::collection::vec(
            prop::sample::select(vec![Ending::Lf, Ending::CrLf, Ending::Cr, Ending::CrCrLf]),
            1..6,
        ),
    ) {
        let texts = fixtures();
        let text = convert(index.get::<String>(&texts), &endings);
        check(&text);
    }
}

/// CRLF line endings change nothing BuildKit sees: the same instructions and arguments.
#[test]
fn crlf_parses_like_lf() {
    for text in fixtures() {
        let crlf = convert(&text, &[Ending::CrLf]);
        assert_eq!(to_sexp(&parse(&text)), to_sexp(&parse(&crlf)), "{text}");
    }
}
