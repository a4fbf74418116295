//! Differential checks against `parse-dockerfile` (a BuildKit-compatible parser that stops at
//! the first error), shared by the fixture test and the corpus test.

#![allow(dead_code)]

use berth_parser::TextRange;
use berth_parser::dockerfile::{
    Arguments, Command, Dockerfile, Instruction, Keyword, TokenKind, WordList,
};
use parse_dockerfile as oracle;

/// The tokens cover the text exactly once, in order, and concatenate back to it.
pub fn assert_lossless(text: &str, dockerfile: &Dockerfile) {
    let mut offset = 0;
    let mut rebuilt = String::with_capacity(text.len());
    for token in dockerfile.tokens(text) {
        assert_eq!(
            token.range.start, offset,
            "tokens are not contiguous at {offset}: {token:?} in {text:?}"
        );
        assert!(!token.range.is_empty(), "empty token {token:?}");
        rebuilt.push_str(token.range.slice(text));
        offset = token.range.end;
    }
    assert_eq!(
        offset as usize,
        text.len(),
        "tokens stop before the end of {text:?}"
    );
    assert_eq!(rebuilt, text);
    // Slicing panics on a range out of bounds or off a character boundary.
    for instruction in dockerfile.instructions_recursive() {
        let _ = instruction.range.slice(text);
        let _ = instruction.keyword_range.slice(text);
        for flag in &instruction.flags {
            let _ = flag.range.slice(text);
            let _ = flag.name_range.slice(text);
            let _ = flag.value_range.map(|range| range.slice(text));
        }
        for heredoc in &instruction.heredocs {
            let _ = heredoc.range.slice(text);
            let _ = heredoc.name_range.slice(text);
            let _ = heredoc.body.slice(text);
            let _ = heredoc.terminator.map(|range| range.slice(text));
        }
        for piece in instruction.file_pieces(instruction.args_logical) {
            let _ = piece.slice(text);
        }
        assert_eq!(
            instruction
                .file_pieces(TextRange::new(0, instruction.logical.len()))
                .iter()
                .map(|piece| piece.slice(text))
                .collect::<String>(),
            instruction.logical.as_str()
        );
    }
    for error in &dockerfile.errors {
        let _ = error.range.slice(text);
    }
    for comment in &dockerfile.comments {
        let _ = comment.range.slice(text);
    }
    if let Some(bom) = dockerfile.bom {
        assert_eq!(dockerfile.tokens(text)[0].kind, TokenKind::ByteOrderMark);
        assert_eq!(bom.start, 0);
    }
}

/// The 1-based line of a byte offset, counting `\n` only, as BuildKit does.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Errors of BuildKit's parser proper (`frontend/dockerfile/parser`): on a file the oracle
/// accepts, berth must report none of them. Every other error comes from BuildKit's later
/// phases (`instructions/parse.go`: flags, argument counts, stage names, HEALTHCHECK options,
/// RUN flag values, the stage structure; the ONBUILD trigger checks of the downstream build;
/// the mount checks made once variables are expanded), which parse-dockerfile only partly
/// makes, so they are allowed there. parse-dockerfile does not split ENV and LABEL pairs, so
/// the parser errors about them ("must have two arguments", BuildKit's
/// `testfiles-negative/env_no_value`; "can't find =") are allowed too.
pub fn is_parser_error(message: &str) -> bool {
    [
        "when using JSON array syntax",
        "unterminated heredoc",
        "dockerfile line greater than",
        "only one ",
        "invalid escape token",
        "file with no instructions",
        "failed to process",
    ]
    .iter()
    .any(|prefix| message.starts_with(prefix))
}

/// Compares berth's tree with parse-dockerfile's outcome; `Err` describes the first
/// difference.
pub fn compare(text: &str, dockerfile: &Dockerfile) -> Result<(), String> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let parsed: Result<Vec<oracle::Instruction<'_>>, oracle::Error> =
        oracle::parse_iter(text).and_then(|iter| iter.collect());
    let instructions = match parsed {
        Err(error) => {
            let line = error.line();
            // BuildKit locates errors by instruction (its lines), so an error anywhere in the
            // instruction holding berth's error counts.
            let lines: Vec<usize> = dockerfile
                .errors
                .iter()
                .flat_map(|error| {
                    let range = dockerfile
                        .instruction_at(error.range.start)
                        .map_or(error.range, |instruction| {
                            instruction.range.cover(error.range)
                        });
                    line_of(text, range.start as usize)..=line_of(text, range.end as usize)
                })
                .collect();
            // Line 0 is parse-dockerfile's "no FROM at all", a whole-file error.
            if lines.contains(&line) || (line == 0 && !dockerfile.errors.is_empty()) {
                return Ok(());
            }
            return Err(format!(
                "parse-dockerfile rejects line {line} ({error}), berth reports {:?}",
                dockerfile
                    .errors
                    .iter()
                    .map(|error| (
                        line_of(text, error.range.start as usize),
                        error.message.en.as_ref()
                    ))
                    .collect::<Vec<_>>()
            ));
        }
        Ok(instructions) => instructions,
    };
    let unexpected: Vec<_> = dockerfile
        .errors
        .iter()
        .filter(|error| is_parser_error(&error.message.en))
        .map(|error| {
            (
                line_of(text, error.range.start as usize),
                error.message.en.as_ref(),
            )
        })
        .collect();
    if !unexpected.is_empty() {
        return Err(format!(
            "parse-dockerfile accepts, berth reports {unexpected:?}"
        ));
    }
    if instructions.len() != dockerfile.instructions.len() {
        return Err(format!(
            "{} instructions for parse-dockerfile, {} for berth",
            instructions.len(),
            dockerfile.instructions.len()
        ));
    }
    for (theirs, ours) in instructions.iter().zip(&dockerfile.instructions) {
        compare_instruction(text, bom, theirs, ours)?;
    }
    Ok(())
}

fn span(bom: usize, span: &std::ops::Range<usize>) -> (usize, usize) {
    (span.start + bom, span.end + bom)
}

fn compare_instruction(
    text: &str,
    bom: usize,
    theirs: &oracle::Instruction<'_>,
    ours: &Instruction,
) -> Result<(), String> {
    use oracle::Instruction as I;
    let (keyword, keyword_span) = match theirs {
        I::Add(i) => (Keyword::Add, &i.add.span),
        I::Arg(i) => (Keyword::Arg, &i.arg.span),
        I::Cmd(i) => (Keyword::Cmd, &i.cmd.span),
        I::Copy(i) => (Keyword::Copy, &i.copy.span),
        I::Entrypoint(i) => (Keyword::Entrypoint, &i.entrypoint.span),
        I::Env(i) => (Keyword::Env, &i.env.span),
        I::Expose(i) => (Keyword::Expose, &i.expose.span),
        I::From(i) => (Keyword::From, &i.from.span),
        I::Healthcheck(i) => (Keyword::Healthcheck, &i.healthcheck.span),
        I::Label(i) => (Keyword::Label, &i.label.span),
        I::Maintainer(i) => (Keyword::Maintainer, &i.maintainer.span),
        I::Onbuild(i) => (Keyword::Onbuild, &i.onbuild.span),
        I::Run(i) => (Keyword::Run, &i.run.span),
        I::Shell(i) => (Keyword::Shell, &i.shell.span),
        I::Stopsignal(i) => (Keyword::Stopsignal, &i.stopsignal.span),
        I::User(i) => (Keyword::User, &i.user.span),
        I::Volume(i) => (Keyword::Volume, &i.volume.span),
        I::Workdir(i) => (Keyword::Workdir, &i.workdir.span),
        _ => return Err("an instruction kind unknown to this test".into()),
    };
    let at = line_of(text, ours.keyword_range.start as usize);
    if keyword != ours.keyword {
        return Err(format!(
            "line {at}: {keyword:?} for parse-dockerfile, {:?} for berth",
            ours.keyword
        ));
    }
    let (start, end) = span(bom, keyword_span);
    if (start as u32, end as u32) != (ours.keyword_range.start, ours.keyword_range.end) {
        return Err(format!(
            "line {at}: keyword at {start}..{end} for parse-dockerfile, {:?} for berth",
            ours.keyword_range
        ));
    }
    let strings = |values: &mut dyn Iterator<Item = &oracle::UnescapedString<'_>>| {
        values
            .map(|value| value.value.to_string())
            .collect::<Vec<_>>()
    };
    let our_words = |list: &WordList| {
        list.words()
            .iter()
            .map(|word| word.text.to_string())
            .collect::<Vec<_>>()
    };
    let has_heredocs = !ours.heredocs.is_empty();
    let command = |theirs: &oracle::Command<'_>, ours: Option<&Command>| -> Result<(), String> {
        match (theirs, ours) {
            (oracle::Command::Exec(array), Some(Command::Exec(ours))) => {
                let theirs = strings(&mut array.value.iter());
                let ours: Vec<_> = ours
                    .elements
                    .iter()
                    .map(|word| word.text.to_string())
                    .collect();
                if theirs != ours {
                    return Err(format!("line {at}: exec {theirs:?} vs {ours:?}"));
                }
            }
            // parse-dockerfile's shell span of a heredoc command starts elsewhere.
            (oracle::Command::Shell(_), Some(Command::Shell(_))) if has_heredocs => {}
            (oracle::Command::Shell(shell), Some(Command::Shell(ours))) => {
                let (start, _) = span(bom, &shell.span);
                if start as u32 != ours.range.start {
                    return Err(format!(
                        "line {at}: shell command starts at {start} for parse-dockerfile, {:?} for berth",
                        ours.range
                    ));
                }
            }
            (theirs, ours) => {
                return Err(format!("line {at}: command form {theirs:?} vs {ours:?}"));
            }
        }
        Ok(())
    };
    match (theirs, &ours.args) {
        (I::Run(run), _) => {
            command(&run.arguments, ours.command())?;
            let theirs: Vec<_> = run
                .here_docs
                .iter()
                .map(|doc| doc.value.to_string())
                .collect();
            let ours: Vec<_> = ours
                .heredocs
                .iter()
                .map(|doc| doc.content(text).to_string())
                .collect();
            if theirs != ours {
                return Err(format!("line {at}: heredocs {theirs:?} vs {ours:?}"));
            }
        }
        // parse-dockerfile leaves `--flags` of CMD and ENTRYPOINT in the command, where BuildKit
        // extracts them (and then refuses them).
        (I::Cmd(_) | I::Entrypoint(_), _) if !ours.flags.is_empty() => {}
        (I::Cmd(cmd), _) => command(&cmd.arguments, ours.command())?,
        (I::Entrypoint(entrypoint), _) => command(&entrypoint.arguments, ours.command())?,
        (I::From(from), Arguments::From(ours)) => {
            let (start, end) = span(bom, &from.image.span);
            if (start as u32, end as u32) != (ours.image.range.start, ours.image.range.end) {
                return Err(format!(
                    "line {at}: image at {start}..{end} vs {:?}",
                    ours.image.range
                ));
            }
            let theirs_name = from.as_.as_ref().map(|(_, name)| name.value.to_string());
            let ours_name = ours
                .stage_name
                .as_ref()
                .map(|name| name.text.as_str().to_lowercase());
            if theirs_name.map(|name| name.to_lowercase()) != ours_name {
                return Err(format!("line {at}: stage name differs"));
            }
        }
        (I::Copy(copy), Arguments::Paths(list)) => {
            paths(text, at, bom, &copy.src, &copy.dest, list, ours)?;
        }
        (I::Add(add), Arguments::Paths(list)) => {
            paths(text, at, bom, &add.src, &add.dest, list, ours)?;
        }
        (I::Volume(volume), Arguments::Words(list)) => {
            let theirs = match &volume.arguments {
                oracle::JsonOrStringArray::Json(array) => strings(&mut array.value.iter()),
                oracle::JsonOrStringArray::String(words) => strings(&mut words.iter()),
            };
            if theirs != our_words(list) {
                return Err(format!(
                    "line {at}: volumes {theirs:?} vs {:?}",
                    our_words(list)
                ));
            }
        }
        (I::Shell(shell), _) => {
            let theirs = strings(&mut shell.arguments.iter());
            let ours: Vec<_> = match ours.command() {
                Some(Command::Exec(array)) => array
                    .elements
                    .iter()
                    .map(|word| word.text.to_string())
                    .collect(),
                _ => Vec::new(),
            };
            if theirs != ours {
                return Err(format!("line {at}: shell {theirs:?} vs {ours:?}"));
            }
        }
        (I::Onbuild(onbuild), Arguments::OnBuild(trigger)) => {
            compare_instruction(text, bom, &onbuild.instruction, trigger)?;
        }
        (I::Healthcheck(healthcheck), Arguments::Healthcheck(ours)) => {
            if let oracle::HealthcheckArguments::Cmd { arguments, .. } = &healthcheck.arguments {
                command(arguments, ours.command.as_ref())?;
            }
        }
        (
            I::Arg(_)
            | I::Env(_)
            | I::Expose(_)
            | I::Label(_)
            | I::Maintainer(_)
            | I::Stopsignal(_)
            | I::User(_)
            | I::Workdir(_),
            _,
        ) => {}
        (theirs, ours) => return Err(format!("line {at}: arguments {theirs:?} vs {ours:?}")),
    }
    Ok(())
}

fn paths(
    text: &str,
    at: usize,
    bom: usize,
    sources: &[oracle::Source<'_>],
    destination: &oracle::UnescapedString<'_>,
    list: &WordList,
    ours: &Instruction,
) -> Result<(), String> {
    let (start, end) = span(bom, &destination.span);
    let our_destination = list.destination().map(|word| word.range);
    if list.is_json() {
        if Some(destination.value.as_ref()) != list.destination().map(|word| word.text.as_str()) {
            return Err(format!(
                "line {at}: destination {:?} vs {our_destination:?}",
                destination.value
            ));
        }
    } else if our_destination.map(|range| (range.start, range.end))
        != Some((start as u32, end as u32))
    {
        return Err(format!(
            "line {at}: destination at {start}..{end} vs {our_destination:?}"
        ));
    }
    if sources.len() != list.sources().len() {
        return Err(format!(
            "line {at}: {} sources vs {}",
            sources.len(),
            list.sources().len()
        ));
    }
    let mut heredocs = ours.heredocs.iter();
    for source in sources {
        if let oracle::Source::HereDoc(doc) = source {
            let Some(our_doc) = heredocs.next() else {
                return Err(format!("line {at}: heredoc source missing in berth"));
            };
            if doc.value != our_doc.content(text) || doc.expand != our_doc.expand {
                return Err(format!(
                    "line {at}: heredoc {:?} (expand {}) vs {:?} (expand {})",
                    doc.value,
                    doc.expand,
                    our_doc.content(text),
                    our_doc.expand
                ));
            }
        }
    }
    Ok(())
}
