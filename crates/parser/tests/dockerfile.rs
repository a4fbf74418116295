//! Dockerfile syntax fixtures: one file per BuildKit parsing behaviour in
//! `tests/fixtures/dockerfile/`, each with a snapshot of its sexp (BuildKit's parser test form)
//! and of its tree with byte ranges and errors; the lossless round trip; and the differential
//! check against parse-dockerfile.

mod oracle;

use berth_parser::dockerfile::{Arguments, Keyword, parse, to_debug_tree, to_sexp};

/// Fixtures where parse-dockerfile is known to differ from BuildKit (berth follows BuildKit).
const ORACLE_DEVIATIONS: &[(&str, &str)] = &[
    (
        "continuation-double-escape",
        "BuildKit's continuation regex: `\\\\` or `\\\\\\` at the end of a line does not continue it",
    ),
    (
        "directive-twice",
        "BuildKit refuses a directive given twice; parse-dockerfile ignores both",
    ),
    (
        "exec-form",
        "BuildKit accepts `ENTRYPOINT []` (it resets the entrypoint)",
    ),
    (
        "exec-form-non-string",
        "BuildKit refuses non-string JSON elements (testfiles-negative/shykes-nested-json)",
    ),
    (
        "flags",
        "BuildKit's `--` ends the flags (`COPY --link -- --file /dst/`)",
    ),
    (
        "flags-quotes-and-escapes",
        "BuildKit's escape token inside flag words (`--from=a\\ b`)",
    ),
    (
        "long-line",
        "BuildKit refuses lines over 65535 bytes (its scanner's limit)",
    ),
    (
        "heredoc-bad-delimiter",
        "BuildKit ignores heredoc markers on a line its shell lexer refuses",
    ),
    (
        "heredoc-chomp-fd",
        "parse-dockerfile reads heredocs only at the start of RUN",
    ),
    (
        "heredoc-continuation",
        "parse-dockerfile reads heredocs only at the start of RUN",
    ),
    (
        "heredoc-multiple-run",
        "parse-dockerfile reads heredocs only at the start of RUN",
    ),
    (
        "heredoc-quoting",
        "parse-dockerfile reads heredocs only at the start of RUN",
    ),
    (
        "heredoc-run",
        "parse-dockerfile reads heredocs only at the start of RUN",
    ),
];

#[test]
fn fixtures() {
    insta::glob!("fixtures/dockerfile/*.Dockerfile", |path| {
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let dockerfile = parse(&text);
        oracle::assert_lossless(&text, &dockerfile);
        let snapshot = format!(
            "--- sexp\n{}--- tree\n{}",
            to_sexp(&dockerfile),
            to_debug_tree(&dockerfile, &text)
        );
        insta::assert_snapshot!(snapshot);
    });
}

#[test]
fn fixtures_agree_with_parse_dockerfile() {
    let mut failures = Vec::new();
    insta::glob!("fixtures/dockerfile/*.Dockerfile", |path| {
        let name = path.file_stem().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        let dockerfile = parse(&text);
        let outcome = oracle::compare(&text, &dockerfile);
        let deviation = ORACLE_DEVIATIONS
            .iter()
            .any(|(fixture, _)| *fixture == name);
        match (outcome, deviation) {
            (Err(difference), false) => failures.push(format!("{name}: {difference}")),
            (Ok(()), true) => failures.push(format!("{name}: listed as a deviation but agrees")),
            _ => {}
        }
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn check_recovers(text: &str, expected_keywords: &[Keyword], errors: usize) {
    let dockerfile = parse(text);
    oracle::assert_lossless(text, &dockerfile);
    let keywords: Vec<_> = dockerfile.instructions.iter().map(|i| i.keyword).collect();
    assert_eq!(keywords, expected_keywords, "{text}");
    assert_eq!(dockerfile.errors.len(), errors, "{:#?}", dockerfile.errors);
}

#[test]
fn errors_keep_the_instructions_after_them() {
    use Keyword::*;
    check_recovers("FROM a\nCOPY x\nRUN ok\n", &[From, Copy, Run], 1);
    check_recovers("FROM a\nCMD [\"a\", 1]\nUSER me\n", &[From, Cmd, User], 1);
    check_recovers(
        "FROM a\nFOO bar\nWORKDIR /w\n",
        &[From, Unknown, Workdir],
        1,
    );
    check_recovers("FROM a\nENV K\nEXPOSE 80\n", &[From, Env, Expose], 1);
    check_recovers("FROM a\nCOPY --nope x y\nRUN ok\n", &[From, Copy, Run], 1);
    check_recovers("FROM a b\nRUN ok\n", &[From, Run], 1);
    check_recovers("RUN early\nFROM a\nRUN ok\n", &[Run, From, Run], 1);
    check_recovers("# escape=x\nFROM a\nRUN ok\n", &[From, Run], 1);
    // An unterminated heredoc swallows the rest of the file, as in BuildKit.
    check_recovers(
        "FROM a\nRUN <<EOF\nRUN not an instruction\n",
        &[From, Run],
        1,
    );
}

#[test]
fn errors_point_at_the_offending_part() {
    let check = |text: &str, expected: &str| {
        let dockerfile = parse(text);
        let error = dockerfile.errors.first().expect("an error");
        assert_eq!(error.range.slice(text), expected, "{:?}", error.message.en);
    };
    check("FROM a\nCOPY --chmood=1 x y\n", "--chmood");
    check("FROM a\nCMD [\"a\", 1]\n", "1");
    check("FROM a AS 9x\n", "9x");
    check("FROM a\nENV A=1 B\n", "B");
    check("FROM a\nHEALTHCHECK --interval=5 CMD x\n", "5");
    check("FROM a\nRUN --network=bridge x\n", "bridge");
    check("FROM a\nCOPY a <<EOF\nx\nEOF\n", "<<EOF");
    check("FROM a\nRUN <<EOF\n", "<<EOF");
    check("# escape=x\nFROM a\n", "x");
    check("# escape=`\n# Escape=\\\nFROM a\n", "Escape");
}

#[test]
fn shell_commands_map_back_to_the_file() {
    let text = "FROM a\nRUN echo a \\\n  # comment\n  b\n";
    let dockerfile = parse(text);
    let run = &dockerfile.instructions[1];
    let Some(berth_parser::dockerfile::Command::Shell(shell)) = run.command() else {
        panic!("shell form expected");
    };
    assert_eq!(shell.text, "echo a   b");
    let pieces: Vec<_> = run
        .file_pieces(shell.logical)
        .iter()
        .map(|range| range.slice(text))
        .collect();
    assert_eq!(pieces, ["echo a ", "  b"]);
}

#[test]
fn onbuild_triggers_are_instructions() {
    let text = "FROM a\nONBUILD COPY --from=b <<EOF /x\nbody\nEOF\n";
    let dockerfile = parse(text);
    assert!(dockerfile.errors.is_empty(), "{:?}", dockerfile.errors);
    let all: Vec<_> = dockerfile
        .instructions_recursive()
        .map(|i| i.keyword)
        .collect();
    assert_eq!(all, [Keyword::From, Keyword::Onbuild, Keyword::Copy]);
    let trigger = dockerfile.instructions[1].trigger().unwrap();
    assert_eq!(trigger.flag("from").unwrap().value.as_deref(), Some("b"));
    assert_eq!(trigger.heredocs[0].content(text), "body\n");
    assert!(matches!(trigger.args, Arguments::Paths(_)));
}
