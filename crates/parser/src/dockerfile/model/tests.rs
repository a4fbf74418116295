use super::*;
use crate::dockerfile::parse;
use crate::dockerfile::shell::ShellKind;

/// Builds the model of `text` with `build_args`.
fn build(text: &str, build_args: &[(&str, &str)]) -> (Dockerfile, Model) {
    let dockerfile = parse(text);
    let options = ModelOptions {
        build_args: build_args
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect(),
        ..ModelOptions::default()
    };
    let model = model(&dockerfile, &options);
    (dockerfile, model)
}

/// Looks `name` up at the last instruction of `text` and renders the answer: `KIND NAME=VALUE
/// (line N)`, `base image` or `undefined`. Values are quoted, `?` when unknown, `<unset>` when
/// declared without value.
fn check_with(text: &str, build_args: &[(&str, &str)], name: &str, expected: &str) {
    let (dockerfile, model) = build(text, build_args);
    let last = dockerfile.instructions.len() - 1;
    let actual = render(&model, text, model.lookup(last, name));
    assert_eq!(actual, expected, "{name} in\n{text}");
}

fn check(text: &str, name: &str, expected: &str) {
    check_with(text, &[], name, expected);
}

fn render(model: &Model, text: &str, resolved: Resolved) -> String {
    let _ = model;
    let binding = match resolved {
        Resolved::Bound(binding) => binding,
        Resolved::FromBaseImage => return "base image".to_owned(),
        Resolved::Undefined => return "undefined".to_owned(),
    };
    let kind = match binding.kind {
        BindingKind::GlobalArg => "global ARG",
        BindingKind::Arg => "ARG",
        BindingKind::Env => "ENV",
        BindingKind::Automatic => "automatic",
        BindingKind::Predefined => "proxy",
        BindingKind::BuildKitDefault => "default",
    };
    let value = match &binding.value {
        Value::Known(value) => format!("{value:?}"),
        Value::Unknown => "?".to_owned(),
        Value::Unset => "<unset>".to_owned(),
    };
    let line = match binding.name_range {
        Some(range) => format!(
            " (line {})",
            text[..range.start as usize].lines().count().max(1)
        ),
        None => String::new(),
    };
    format!("{kind} {}={value}{line}", binding.name)
}

#[test]
fn global_args_are_visible_in_from_lines_only() {
    let text = "ARG V=1\nFROM alpine:$V\nRUN echo\n";
    check(text, "V", "base image");
    let (_, model) = build(text, &[]);
    assert_eq!(
        render(&model, text, model.lookup(1, "V")),
        "global ARG V=\"1\" (line 1)"
    );
    // On scratch nothing can define it.
    check("ARG V=1\nFROM scratch\nRUN echo\n", "V", "undefined");
}

#[test]
fn redeclared_global_args_take_the_global_value() {
    check(
        "ARG V=1\nFROM alpine\nARG V\nRUN echo\n",
        "V",
        "ARG V=\"1\" (line 3)",
    );
    check_with(
        "ARG V=1\nFROM alpine\nARG V\nRUN echo\n",
        &[("V", "2")],
        "V",
        "ARG V=\"2\" (line 3)",
    );
    // A default in the stage wins over the global value; a build arg over both.
    check(
        "ARG V=1\nFROM alpine\nARG V=3\nRUN echo\n",
        "V",
        "ARG V=\"3\" (line 3)",
    );
    check_with(
        "ARG V=1\nFROM alpine\nARG V=3\nRUN echo\n",
        &[("V", "2")],
        "V",
        "ARG V=\"2\" (line 3)",
    );
    // No value anywhere: declared, unset.
    check(
        "ARG V\nFROM alpine\nARG V\nRUN echo\n",
        "V",
        "ARG V=<unset> (line 3)",
    );
}

#[test]
fn global_defaults_read_earlier_globals_and_build_args() {
    let text = "ARG A=1\nARG B=${A}.0\nFROM alpine:$B\n";
    let (_, model) = build(text, &[]);
    assert_eq!(
        render(&model, text, model.lookup(2, "B")),
        "global ARG B=\"1.0\" (line 2)"
    );
    let (_, model) = build(text, &[("A", "2")]);
    assert_eq!(
        render(&model, text, model.lookup(2, "B")),
        "global ARG B=\"2.0\" (line 2)"
    );
    // A build arg without declaration is not a variable.
    let (_, model) = build("FROM alpine:$X\n", &[("X", "1")]);
    assert_eq!(render(&model, "", model.lookup(0, "X")), "undefined");
}

#[test]
fn stage_variables_flow_to_child_stages_only() {
    let text = "FROM alpine AS a\nARG A=1\nENV E=2\nFROM a AS b\nFROM alpine AS c\nRUN echo\n";
    check(text, "A", "base image");
    let (_, model) = build(text, &[]);
    assert_eq!(
        render(&model, text, model.lookup(3, "A")),
        "undefined",
        "a FROM line sees the global scope only"
    );
    let text = "FROM alpine AS a\nARG A=1\nENV E=2\nFROM a AS b\nFROM b\nRUN echo\n";
    check(text, "A", "ARG A=\"1\" (line 2)");
    check(text, "E", "ENV E=\"2\" (line 3)");
}

#[test]
fn the_last_writer_wins_in_a_stage_and_inherited_env_beats_inherited_arg() {
    check(
        "FROM alpine\nARG X=arg\nENV X=env\nRUN echo\n",
        "X",
        "ENV X=\"env\" (line 3)",
    );
    check(
        "FROM alpine\nENV X=env\nARG X=arg\nRUN echo\n",
        "X",
        "ARG X=\"arg\" (line 3)",
    );
    // At a stage boundary BuildKit applies the parent's ENV again over its environment.
    check(
        "FROM alpine AS a\nENV X=env\nARG X=arg\nFROM a\nRUN echo\n",
        "X",
        "ENV X=\"env\" (line 2)",
    );
    // A declaration without value leaves an earlier value alone.
    check(
        "FROM alpine\nENV X=env\nARG X\nRUN echo\n",
        "X",
        "ENV X=\"env\" (line 2)",
    );
}

#[test]
fn env_has_one_value_per_instruction_and_arg_does_not() {
    check(
        "FROM alpine\nENV a=1\nENV a=2 b=$a\nRUN echo\n",
        "b",
        "ENV b=\"1\" (line 3)",
    );
    check(
        "FROM alpine\nARG a=1\nARG a=2 b=$a\nRUN echo\n",
        "b",
        "ARG b=\"2\" (line 3)",
    );
    // A variable the file does not set may come from the base image: not known.
    check(
        "FROM alpine\nENV PATH=/app:$PATH\nRUN echo\n",
        "PATH",
        "ENV PATH=? (line 2)",
    );
    check(
        "FROM scratch\nENV PATH=/app:$PATH\nRUN echo\n",
        "PATH",
        "ENV PATH=\"/app:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\" (line 2)",
    );
}

#[test]
fn automatic_args_are_global_and_need_a_declaration_in_stages() {
    check(
        "FROM alpine\nARG TARGETARCH\nRUN echo\n",
        "TARGETARCH",
        "ARG TARGETARCH=? (line 2)",
    );
    check("FROM scratch\nRUN echo\n", "TARGETARCH", "undefined");
    check_with(
        "FROM scratch\nARG TARGETARCH\nRUN echo\n",
        &[("TARGETARCH", "arm64")],
        "TARGETARCH",
        "ARG TARGETARCH=\"arm64\" (line 2)",
    );
    let (_, model) = build("FROM alpine AS build\nFROM build AS final\n", &[]);
    assert_eq!(
        render(&model, "", model.lookup(0, "TARGETSTAGE")),
        "automatic TARGETSTAGE=\"final\""
    );
    assert_eq!(
        render(&model, "", model.lookup(0, "TARGETPLATFORM")),
        "automatic TARGETPLATFORM=?"
    );
}

#[test]
fn values_know_where_they_come_from() {
    let text = "ARG TAG=latest\nFROM nginx:${TAG}\nFROM nginx:1.27\n";
    let (_, model) = build(text, &[]);
    let stage = &model.stages()[0];
    let image = stage.image.as_ref().unwrap();
    let reference = &stage.base_image().unwrap().reference;
    let tag = reference.tag_range().unwrap();
    assert_eq!(image.file_range(&model, tag).slice(text), "${TAG}");
    let references = image.references_in(&model, tag);
    assert_eq!(references.len(), 1);
    let binding = model.resolved(references[0].resolution).binding().unwrap();
    assert_eq!(binding.value_range.unwrap().slice(text), "latest");
    assert_eq!(
        image.file_range(&model, reference.path_range()).slice(text),
        "nginx"
    );

    let stage = &model.stages()[1];
    let image = stage.image.as_ref().unwrap();
    let reference = &stage.base_image().unwrap().reference;
    assert_eq!(
        image
            .file_range(&model, reference.tag_range().unwrap())
            .slice(text),
        "1.27"
    );
    assert!(image.is_constant());
}

#[test]
fn ranges_map_across_quotes_and_continuations() {
    let text = "FROM alpine\nUSER \"app\":'gr\\\noup'\n";
    let (_, model) = build(text, &[]);
    let user = &model.stages()[0].users[0];
    assert_eq!(user.user, "app");
    assert_eq!(user.group.as_deref(), Some("group"));
    assert_eq!(user.user_range.slice(text), "app");
    assert_eq!(user.group_range.unwrap().slice(text), "gr\\\noup");
}

#[test]
fn users_workdirs_and_shells_are_inherited() {
    let text = "FROM alpine AS a\nUSER 0:0\nWORKDIR app\nSHELL [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]\nFROM a\nWORKDIR ../srv\nRUN x\n";
    let (_, model) = build(text, &[]);
    assert_eq!(model.user_at(6).is_root(), Some(true));
    match model.workdir_at(6) {
        WorkdirState::Set(workdir) => {
            assert_eq!(workdir.path, "/srv");
            assert!(workdir.relative_to_base_image);
            assert!(!workdir.is_known());
        }
        other => panic!("{other:?}"),
    }
    assert!(model.posix_shell_at(6));
    assert!(model.shell_at(6).has_pipefail());
    // Before the USER, the base image's user.
    assert_eq!(model.user_at(1), UserState::BaseImage);
    let (_, model) = build("FROM scratch\nWORKDIR /app/\nWORKDIR x\nRUN x\n", &[]);
    assert_eq!(model.workdir_at(3).path(), Some("/app/x"));
    assert_eq!(model.workdir_at(1).path(), Some("/"));
    assert_eq!(model.user_at(1).is_root(), Some(true));
}

#[test]
fn shells() {
    let shell = |argv: &[&str]| Shell {
        instruction: None,
        argv: argv.iter().map(|arg| arg.to_string()).collect(),
        range: None,
    };
    assert!(shell(&["/bin/sh", "-c"]).is_posix());
    assert!(shell(&["/usr/bin/env", "bash", "-c"]).is_posix());
    assert!(shell(&["busybox", "ash", "-o", "pipefail", "-c"]).is_posix());
    assert!(!shell(&["pwsh", "-Command"]).is_posix());
    assert!(!shell(&["C:\\Windows\\System32\\cmd.exe", "/S", "/C"]).is_posix());
    assert!(!shell(&["powershell.exe", "-Command"]).is_posix());
    assert!(shell(&["/bin/bash", "-o", "pipefail", "-c"]).has_pipefail());
    assert!(shell(&["/bin/bash", "-euxo", "pipefail", "-c"]).has_pipefail());
    assert!(shell(&["/usr/bin/env", "bash", "-o", "pipefail", "-c"]).has_pipefail());
    assert!(!shell(&["/bin/bash", "-e", "-c"]).has_pipefail());
    assert!(!shell(&["/bin/bash", "-o", "pipefail", "+o", "pipefail", "-c"]).has_pipefail());
    let options = shell(&["/bin/bash", "-eux", "-c"]).options();
    assert!(options.errexit && options.nounset && options.xtrace && !options.pipefail);
    assert_eq!(shell(&["pwsh", "-Command"]).kind(), ShellKind::Other);
}

#[test]
fn shell_environment_lists_what_run_sees() {
    let text = "ARG G=1\nFROM alpine AS a\nARG A=1\nENV E=2\nARG U\nFROM a\nENV A=3\nRUN x\n";
    let (_, model) = build(text, &[("HTTP_PROXY", "http://proxy"), ("A", "9")]);
    let names: Vec<String> = model
        .shell_environment_at(7)
        .iter()
        .map(|binding| format!("{}={:?}", binding.name, binding.value))
        .collect();
    assert_eq!(
        names,
        [
            "A=Known(\"3\")",
            "E=Known(\"2\")",
            "HTTP_PROXY=Known(\"http://proxy\")"
        ]
    );
}

#[test]
fn copy_from_follows_buildkit() {
    let text = "FROM alpine AS build\nFROM build AS Later\nCOPY --from=BUILD a b\nCOPY --from=0 a b\nCOPY --from=nginx:1 a b\nCOPY --from=later a b\nCOPY --from=5 a b\nCOPY --from=$X a b\nFROM alpine\nRUN --mount=from=later,target=/x x\n";
    let (_, model) = build(text, &[]);
    let targets: Vec<String> = model
        .copies()
        .iter()
        .map(|copy| match &copy.from.as_ref().unwrap().target {
            CopyFrom::Stage(stage) => format!("stage {stage}"),
            CopyFrom::Image(image) => format!("image {}", image.familiar()),
            CopyFrom::Context => "context".to_owned(),
            CopyFrom::Invalid => "invalid".to_owned(),
        })
        .collect();
    assert_eq!(
        targets,
        [
            "stage 0",
            "stage 0",
            "image nginx:1",
            "stage 1",
            "invalid",
            "invalid"
        ]
    );
    let errors: Vec<&str> = model.errors.iter().map(|e| e.message.en.as_ref()).collect();
    assert_eq!(
        errors,
        [
            "circular dependency detected on stage: later",
            "invalid stage index 5",
            "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround",
        ]
    );
    assert_eq!(
        model.mounts_at(9)[0].from.as_ref().unwrap().target,
        CopyFrom::Stage(1)
    );
    assert!(model.stages().iter().all(|stage| stage.reachable));
}

#[test]
fn similar_stages_are_earlier_named_stages() {
    let text = "FROM alpine AS builder\nFROM alpine AS tests\nFROM alpine\nFROM alpine AS runner\n";
    let (_, model) = build(text, &[]);
    let similar =
        |name: &str, before: usize| model.similar_stage(name, before).map(|stage| stage.index);
    assert_eq!(similar("buidler", 3), Some(0));
    assert_eq!(similar("Builder", 1), Some(0));
    assert_eq!(similar("test", 3), Some(1));
    // Only stages before the one asking, and only close names.
    assert_eq!(similar("buidler", 0), None);
    assert_eq!(similar("runer", 3), None);
    assert_eq!(similar("nginx", 4), None);
    assert_eq!(similar("builder", 99), Some(0));
}

#[test]
fn reachability_starts_at_the_target() {
    let text =
        "FROM alpine AS a\nFROM alpine AS b\nCOPY --from=a x y\nFROM b AS c\nFROM alpine AS d\n";
    let dockerfile = parse(text);
    let reachable = |target: Option<&str>| {
        let options = ModelOptions {
            target: target.map(str::to_owned),
            ..ModelOptions::default()
        };
        let model = model(&dockerfile, &options);
        model
            .stages()
            .iter()
            .filter(|stage| stage.reachable)
            .map(|stage| stage.index)
            .collect::<Vec<_>>()
    };
    assert_eq!(reachable(None), [3]);
    assert_eq!(reachable(Some("C")), [0, 1, 2]);
    assert_eq!(reachable(Some("nope")), [3]);
}

#[test]
fn inherited_image_settings() {
    let text = "FROM alpine AS a\nLABEL a=1 b=2\nCMD [\"x\"]\nHEALTHCHECK NONE\nFROM a AS b\nLABEL b=3\nENTRYPOINT [\"y\"]\nFROM b\n";
    let (_, model) = build(text, &[]);
    let labels: Vec<String> = model
        .labels(2)
        .iter()
        .map(|label| {
            format!(
                "{}={}",
                label.key.value,
                label.value.as_ref().unwrap().value
            )
        })
        .collect();
    assert_eq!(labels, ["a=1", "b=3"]);
    assert_eq!(model.cmd(0), Some(2));
    assert_eq!(model.cmd(2), None, "ENTRYPOINT without CMD resets CMD");
    assert_eq!(model.entrypoint(2), Some(6));
    assert_eq!(model.healthcheck(2), Some(3));
}

#[test]
fn references_are_found_by_offset() {
    let text = "ARG A=1 B=2\nFROM alpine:${A:-$B}\n";
    let (_, model) = build(text, &[]);
    let at = |needle: &str| {
        let offset = text.find(needle).unwrap() as u32;
        model
            .reference_at(offset)
            .map(|reference| reference.name.as_str())
    };
    assert_eq!(at("$B"), Some("B"));
    let plain: Vec<bool> = model.references().iter().map(Reference::is_plain).collect();
    assert_eq!(plain, [false, true]);
    assert_eq!(at("${A"), Some("A"));
    assert_eq!(at("alpine"), None);
    assert_eq!(model.references_in(1).len(), 2);
    assert!(model.references_in(0).is_empty());
}

#[test]
fn quoted_text_expands_and_maps_back() {
    let text = "FROM a\nARG P=\"8 9\"\nEXPOSE \"80\" $P '82' \"$P\"\nLABEL k=\"v w\"'x'\n";
    let (_, model) = build(text, &[]);
    let stage = &model.stages()[0];
    let ports: Vec<&str> = stage.ports.iter().map(|port| port.text.as_str()).collect();
    assert_eq!(ports, ["80", "8", "9", "82", "8 9"]);
    let value = stage.labels[0].value.as_ref().unwrap();
    assert_eq!(value.value, "v wx");
    let at = |start: u32, end: u32| {
        value
            .file_range(&model, crate::text::TextRange::new(start, end))
            .slice(text)
    };
    assert_eq!(at(0, 3), "v w");
    assert_eq!(at(2, 4), "w\"'x");
}
