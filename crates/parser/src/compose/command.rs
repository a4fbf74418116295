//! `command`, `entrypoint` and `healthcheck.test`: a string Compose splits like a shell would,
//! or a list of arguments.

use crate::yaml::{Node, NodeKind};

use super::origin::{Located, Origin};
use super::read::string;

/// A command as written and as Compose runs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    pub form: CommandForm,
    /// The arguments Compose passes: the list form's items, or the string form split into
    /// words (compose-go uses `shellwords`, without variable expansion).
    pub args: Vec<String>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandForm {
    /// `command: npm start`.
    String(String),
    /// `command: ["npm", "start"]`.
    List(Vec<Located<String>>),
    /// `command: null` or `command: []`: nothing is set, so the image's own is used.
    Empty,
}

impl Command {
    pub(crate) fn read(node: &Node) -> Option<Command> {
        let origin = Origin::of(node);
        match &node.kind {
            NodeKind::Sequence(sequence) => {
                let items: Vec<Located<String>> =
                    sequence.items.iter().filter_map(string).collect();
                if items.is_empty() {
                    return Some(Command {
                        form: CommandForm::Empty,
                        args: Vec::new(),
                        origin,
                    });
                }
                let args = items.iter().map(|item| item.value.clone()).collect();
                Some(Command {
                    form: CommandForm::List(items),
                    args,
                    origin,
                })
            }
            NodeKind::Scalar(_) if node.is_null() => Some(Command {
                form: CommandForm::Empty,
                args: Vec::new(),
                origin,
            }),
            NodeKind::Scalar(_) => {
                let text = string(node)?.value;
                Some(Command {
                    args: split_words(&text),
                    form: CommandForm::String(text),
                    origin,
                })
            }
            _ => None,
        }
    }

    /// Whether the command is the list form.
    pub fn is_list(&self) -> bool {
        matches!(self.form, CommandForm::List(_))
    }
}

/// Splits a command line into words as `github.com/mattn/go-shellwords` does without its
/// options: blanks separate words, single quotes keep everything, double quotes keep
/// everything but `\` escapes of `"`, `\`, `$` and `` ` ``, and a `\` outside quotes keeps
/// the next character.
pub fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\r' | '\n' => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\\' => {
                in_word = true;
                if let Some(next) = chars.next() {
                    word.push(next);
                }
            }
            '\'' => {
                in_word = true;
                for next in chars.by_ref() {
                    if next == '\'' {
                        break;
                    }
                    word.push(next);
                }
            }
            '"' => {
                in_word = true;
                while let Some(next) = chars.next() {
                    match next {
                        '"' => break,
                        '\\' => match chars.peek() {
                            Some(&escaped @ ('"' | '\\' | '$' | '`')) => {
                                word.push(escaped);
                                chars.next();
                            }
                            _ => word.push('\\'),
                        },
                        other => word.push(other),
                    }
                }
            }
            other => {
                in_word = true;
                word.push(other);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::split_words;

    #[test]
    fn words_split_like_a_shell() {
        assert_eq!(split_words("npm  start"), ["npm", "start"]);
        assert_eq!(
            split_words(r#"sh -c 'echo "$HOME"' "a \"b\"" c\ d"#),
            ["sh", "-c", "echo \"$HOME\"", "a \"b\"", "c d"]
        );
        assert_eq!(split_words("''"), [""]);
        assert!(split_words("  ").is_empty());
    }
}
