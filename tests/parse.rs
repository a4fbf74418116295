//! `berth parse`: the tree berth reads, for people debugging a file and for diffing against
//! BuildKit's own parser.

mod common;

use common::{berth_in, project};

#[test]
fn sexp_prints_each_instruction_as_buildkit_parser_tests_do() {
    let dockerfile = "# syntax=docker/dockerfile:1\n\
                      FROM alpine:3.20 AS base\n\
                      ENV A=1 B=\"two words\"\n\
                      LABEL legacy value here\n\
                      RUN apk add \\\n    curl\n\
                      COPY --chown=app:app --link src/ /app/\n\
                      ONBUILD RUN make\n\
                      CMD [\"sh\", \"-c\", \"echo \\u00e9\"]\n";
    let dir = project(&[("Dockerfile", dockerfile)]);
    let run = berth_in(dir.path(), &["parse", "Dockerfile", "--format", "sexp"], "");
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "(from \"alpine:3.20\" \"AS\" \"base\")\n\
         (env \"A\" \"1\" \"=\" \"B\" \"\\\"two words\\\"\" \"=\")\n\
         (label \"legacy\" \"value here\" \"\")\n\
         (run \"apk add     curl\")\n\
         (copy [\"--chown=app:app\" \"--link\"] \"src/\" \"/app/\")\n\
         (onbuild (run \"make\"))\n\
         (cmd \"sh\" \"-c\" \"echo é\")\n"
    );
}

#[test]
fn syntax_errors_exit_one_and_the_tree_is_still_printed() {
    let run = berth_in(
        &std::env::temp_dir(),
        &["parse", "-", "--kind", "dockerfile", "--format", "sexp"],
        "FROM alpine\nENV ONLYKEY\nRUN echo after\n",
    );
    assert_eq!(run.status, Some(1));
    assert_eq!(
        run.stdout,
        "(from \"alpine\")\n(env \"ONLYKEY\" \"\" \"\")\n(run \"echo after\")\n"
    );
}

#[test]
fn json_gives_every_range_as_line_column_and_offset() {
    let run = berth_in(
        &std::env::temp_dir(),
        &["parse", "-", "--kind", "dockerfile"],
        "FROM alpine\nRUN --mount=type=cache,target=/root/.cache \\\n  pip install x\n",
    );
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let tree: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let run_instruction = &tree["instructions"][1];
    assert_eq!(run_instruction["keyword"], "RUN");
    assert_eq!(run_instruction["range"]["start"]["line"], 2);
    assert_eq!(run_instruction["range"]["end"]["line"], 3);
    let flag = &run_instruction["flags"][0];
    assert_eq!(flag["name"], "mount");
    assert_eq!(flag["value"], "type=cache,target=/root/.cache");
    assert_eq!(flag["value_range"]["start"]["column"], 13);
    assert_eq!(flag["value_range"]["start"]["offset"], 24);
    let command = &run_instruction["arguments"]["command"];
    assert_eq!(command["form"], "shell");
    assert_eq!(command["text"], "pip install x");
}

#[test]
fn errors_carry_their_position_in_the_chosen_language() {
    let run = berth_in(
        &std::env::temp_dir(),
        &["parse", "-", "--kind", "dockerfile", "--lang", "fr"],
        "FROM alpine\nCOPY onlyone\n",
    );
    assert_eq!(run.status, Some(1));
    let tree: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let error = &tree["errors"][0];
    assert_eq!(error["range"]["start"]["line"], 2);
    assert!(
        error["message"].as_str().unwrap().contains("argument"),
        "{error}"
    );
}

#[test]
fn compose_files_parse_to_their_yaml_tree() {
    let dir = project(&[(
        "compose.yaml",
        "x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: !reset null\n",
    )]);
    let run = berth_in(dir.path(), &["parse", "compose.yaml"], "");
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let tree: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(tree["kind"], "yaml");
    let root = &tree["documents"][0];
    assert_eq!(root["entries"][0]["value"]["anchor"]["name"], "base");
    let web = &root["entries"][1]["value"]["entries"][0]["value"];
    assert_eq!(web["entries"][0]["value"]["type"], "alias");
    assert_eq!(web["entries"][1]["value"]["tag"]["suffix"], "reset");
}

#[test]
fn sexp_is_only_for_dockerfiles() {
    let dir = project(&[("compose.yaml", "services: {}\n")]);
    let run = berth_in(
        dir.path(),
        &["parse", "compose.yaml", "--format", "sexp"],
        "",
    );
    assert_eq!(run.status, Some(2));
    assert!(run.stderr.contains("--format json"), "{}", run.stderr);
}

#[test]
fn an_unnamed_input_needs_a_kind() {
    let run = berth_in(&std::env::temp_dir(), &["parse", "-"], "just: text\n");
    assert_eq!(run.status, Some(2));
    assert!(run.stderr.contains("--kind"), "{}", run.stderr);
}

#[test]
fn invalid_utf8_is_replaced_and_reported_at_its_position() {
    let dir = project(&[]);
    std::fs::write(
        dir.path().join("Dockerfile"),
        b"FROM alpine\nRUN echo \xff\n",
    )
    .unwrap();
    let run = berth_in(dir.path(), &["parse", "Dockerfile"], "");
    assert_eq!(run.status, Some(1));
    let tree: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let error = &tree["errors"][0];
    assert_eq!(error["range"]["start"]["line"], 2);
    assert_eq!(error["range"]["start"]["column"], 10);
    assert!(error["message"].as_str().unwrap().contains("UTF-8"));
}

#[test]
fn a_missing_file_is_an_io_error() {
    let run = berth_in(&std::env::temp_dir(), &["parse", "no/such/Dockerfile"], "");
    assert_eq!(run.status, Some(2));
    assert!(run.stderr.contains("no/such/Dockerfile"), "{}", run.stderr);
}
