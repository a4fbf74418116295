//! The tree printed as BuildKit's parser tests print theirs (`Node.Dump`): one line per
//! instruction, `(keyword ["--flag" ...] "arg" ...)`, every string quoted as Go's
//! `strconv.Quote` quotes it. `berth parse --format sexp` prints this.

use std::fmt::Write;

use super::tree::{Arguments, Command, Dockerfile, Instruction, Separator};

/// One line per instruction, each ending with a line break.
pub fn to_sexp(dockerfile: &Dockerfile) -> String {
    let mut out = String::new();
    for instruction in &dockerfile.instructions {
        out.push('(');
        dump(&mut out, instruction);
        out.push_str(")\n");
    }
    out
}

fn dump(out: &mut String, instruction: &Instruction) {
    out.push_str(&instruction.keyword_text().to_lowercase());
    if !instruction.flags.is_empty() {
        out.push_str(" [");
        for (index, flag) in instruction.flags.iter().enumerate() {
            if index > 0 {
                out.push(' ');
            }
            let mut text = format!("--{}", flag.name);
            if let Some(value) = &flag.value {
                text.push('=');
                text.push_str(value);
            }
            out.push_str(&go_quote(&text));
        }
        out.push(']');
    }
    let mut arg = |text: &str| {
        out.push(' ');
        out.push_str(&go_quote(text));
    };
    match &instruction.args {
        Arguments::None => {}
        Arguments::Command(command) => command_args(&mut arg, command),
        Arguments::From(from) => {
            arg(&from.image.text);
            for word in from.as_keyword.iter().chain(&from.stage_name) {
                arg(&word.text);
            }
            for word in &from.extra {
                arg(&word.text);
            }
        }
        Arguments::KeyValues(pairs) => {
            for pair in pairs {
                arg(&pair.key.text);
                arg(pair.value.as_ref().map_or("", |value| &value.text));
                arg(match pair.separator {
                    Separator::Equals(_) => "=",
                    Separator::Space => "",
                });
            }
        }
        Arguments::ArgDeclarations(declarations) => {
            for declaration in declarations {
                arg(&declaration.word.text);
            }
        }
        Arguments::Paths(list) | Arguments::Words(list) => {
            for word in list.words() {
                arg(&word.text);
            }
        }
        Arguments::Text(word) => arg(&word.text),
        Arguments::Healthcheck(healthcheck) => {
            arg(&healthcheck.kind_word.text);
            if let Some(command) = &healthcheck.command {
                command_args(&mut arg, command);
            }
        }
        // BuildKit ignores the arguments of an unknown instruction but keeps an empty node.
        Arguments::Unknown(_) => arg(""),
        Arguments::OnBuild(trigger) => {
            out.push_str(" (");
            dump(out, trigger);
            out.push(')');
        }
    }
}

fn command_args(arg: &mut impl FnMut(&str), command: &Command) {
    match command {
        Command::Exec(array) => {
            for element in &array.elements {
                arg(&element.text);
            }
        }
        Command::Shell(shell) => arg(&shell.text),
    }
}

/// Go's `strconv.Quote`: a double-quoted string with Go escapes; printable characters are kept
/// as they are, others escaped as `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
pub fn go_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            ch if is_go_printable(ch) => out.push(ch),
            ch if (ch as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", ch as u32);
            }
            ch if (ch as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", ch as u32);
            }
            ch => {
                let _ = write!(out, "\\U{:08x}", ch as u32);
            }
        }
    }
    out.push('"');
    out
}

/// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
fn is_go_printable(ch: char) -> bool {
    use unicode_general_category::{GeneralCategory as G, get_general_category};
    if ch.is_ascii() {
        return (' '..='~').contains(&ch);
    }
    !matches!(
        get_general_category(ch),
        G::Control
            | G::Format
            | G::Surrogate
            | G::PrivateUse
            | G::Unassigned
            | G::SpaceSeparator
            | G::LineSeparator
            | G::ParagraphSeparator
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_go() {
        assert_eq!(go_quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(
            go_quote("\u{7}\u{8}\u{c}\n\r\t\u{b}"),
            r#""\a\b\f\n\r\t\v""#
        );
        assert_eq!(go_quote("\u{0}\u{1b}\u{7f}"), r#""\x00\x1b\x7f""#);
        assert_eq!(go_quote("é😀"), "\"é😀\"");
        assert_eq!(
            go_quote("\u{a0}\u{feff}\u{e000}"),
            r#""\u00a0\ufeff\ue000""#
        );
        assert_eq!(go_quote("\u{f0000}"), r#""\U000f0000""#);
        assert_eq!(go_quote("\u{378}\u{2028}"), r#""\u0378\u2028""#);
    }
}
