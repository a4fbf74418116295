//! The Dockerfile syntax tree as JSON.

use berth_parser::Lang;
use berth_parser::SourceFile;
use berth_parser::dockerfile::{
    Arguments, Command, Dockerfile, Flag, Heredoc, Instruction, JsonArray, Separator, Word,
    WordList,
};
use serde_json::{Value, json};

use super::{errors, span};

pub fn dockerfile(file: &SourceFile, tree: &Dockerfile, lang: Lang) -> Value {
    json!({
        "kind": "dockerfile",
        "escape": tree.escape.to_string(),
        "directives": tree.directives.iter().map(|directive| json!({
            "name": directive.kind.name(),
            "value": directive.value,
            "range": span(file, directive.range),
            "name_range": span(file, directive.name_range),
            "value_range": span(file, directive.value_range),
        })).collect::<Vec<_>>(),
        "comments": tree.comments.iter().map(|comment| json!({
            "text": comment.text,
            "range": span(file, comment.range),
        })).collect::<Vec<_>>(),
        "instructions": tree.instructions.iter().map(|instruction| {
            self::instruction(file, tree, instruction)
        }).collect::<Vec<_>>(),
        "errors": errors(file, &tree.errors, lang),
    })
}

fn instruction(file: &SourceFile, tree: &Dockerfile, instruction: &Instruction) -> Value {
    let mut value = json!({
        "keyword": keyword(instruction),
        "keyword_as_written": instruction.keyword_text(),
        "range": span(file, instruction.range),
        "keyword_range": span(file, instruction.keyword_range),
        "flags": instruction.flags.iter().map(|flag| self::flag(file, flag)).collect::<Vec<_>>(),
        "arguments": arguments(file, tree, &instruction.args),
        "heredocs": instruction.heredocs.iter().map(|heredoc| self::heredoc(file, heredoc)).collect::<Vec<_>>(),
        "comments": tree.attached_comments(instruction).iter().map(|comment| comment.text.as_str()).collect::<Vec<_>>(),
    });
    if !instruction.empty_continuation_lines.is_empty() {
        value["empty_continuation_lines"] = instruction
            .empty_continuation_lines
            .iter()
            .map(|range| span(file, *range))
            .collect();
    }
    value
}

/// The keyword in upper case, or as written for an unknown instruction.
fn keyword(instruction: &Instruction) -> String {
    match instruction.keyword.as_str() {
        "" => instruction.keyword_text().to_string(),
        known => known.to_string(),
    }
}

fn flag(file: &SourceFile, flag: &Flag) -> Value {
    json!({
        "name": flag.name.as_str(),
        "value": flag.value.as_deref(),
        "range": span(file, flag.range),
        "name_range": span(file, flag.name_range),
        "value_range": flag.value_range.map(|range| span(file, range)),
    })
}

fn word(file: &SourceFile, word: &Word) -> Value {
    json!({ "text": word.text.as_str(), "range": span(file, word.range) })
}

fn words(file: &SourceFile, words: &[Word]) -> Value {
    words.iter().map(|w| word(file, w)).collect()
}

fn json_array(file: &SourceFile, array: &JsonArray) -> Value {
    json!({
        "form": "exec",
        "range": span(file, array.range),
        "elements": words(file, &array.elements),
    })
}

fn command(file: &SourceFile, command: &Command) -> Value {
    match command {
        Command::Exec(array) => json_array(file, array),
        Command::Shell(shell) => json!({
            "form": "shell",
            "text": shell.text,
            "range": span(file, shell.range),
        }),
    }
}

fn word_list(file: &SourceFile, list: &WordList) -> Value {
    match list {
        WordList::Json(array) => json_array(file, array),
        WordList::Words(list) => json!({ "form": "words", "words": words(file, list) }),
    }
}

fn arguments(file: &SourceFile, tree: &Dockerfile, arguments: &Arguments) -> Value {
    match arguments {
        Arguments::None => json!({ "type": "none" }),
        Arguments::Command(command) => {
            json!({ "type": "command", "command": self::command(file, command) })
        }
        Arguments::From(from) => json!({
            "type": "from",
            "image": word(file, &from.image),
            "as_keyword": from.as_keyword.as_ref().map(|w| word(file, w)),
            "stage_name": from.stage_name.as_ref().map(|w| word(file, w)),
            "extra": words(file, &from.extra),
        }),
        Arguments::KeyValues(pairs) => json!({
            "type": "key_values",
            "pairs": pairs.iter().map(|pair| json!({
                "key": word(file, &pair.key),
                "separator": match pair.separator {
                    Separator::Equals(_) => "=",
                    Separator::Space => "",
                },
                "value": pair.value.as_ref().map(|w| word(file, w)),
            })).collect::<Vec<_>>(),
        }),
        Arguments::ArgDeclarations(declarations) => json!({
            "type": "arg_declarations",
            "declarations": declarations.iter().map(|declaration| json!({
                "name": word(file, &declaration.name),
                "value": declaration.value.as_ref().map(|w| word(file, w)),
                "range": span(file, declaration.word.range),
            })).collect::<Vec<_>>(),
        }),
        Arguments::Paths(list) => {
            let mut value = json!({ "type": "paths", "list": word_list(file, list) });
            value["sources"] = words(file, list.sources());
            value["destination"] = list.destination().map_or(Value::Null, |w| word(file, w));
            value
        }
        Arguments::Words(list) => json!({ "type": "words", "list": word_list(file, list) }),
        Arguments::Text(text) => json!({ "type": "text", "text": word(file, text) }),
        Arguments::Healthcheck(healthcheck) => json!({
            "type": "healthcheck",
            "kind": word(file, &healthcheck.kind_word),
            "command": healthcheck.command.as_ref().map(|c| command(file, c)),
        }),
        Arguments::OnBuild(trigger) => json!({
            "type": "onbuild",
            "trigger": instruction(file, tree, trigger),
        }),
        Arguments::Unknown(rest) => json!({ "type": "unknown", "text": word(file, rest) }),
    }
}

fn heredoc(file: &SourceFile, heredoc: &Heredoc) -> Value {
    json!({
        "name": heredoc.name.as_str(),
        "fd": heredoc.fd,
        "strip_tabs": heredoc.chomp,
        "expands_variables": heredoc.expand,
        "marker_range": span(file, heredoc.range),
        "body": heredoc.content(file.text()),
        "body_range": span(file, heredoc.body),
        "terminator_range": heredoc.terminator.map(|range| span(file, range)),
    })
}
