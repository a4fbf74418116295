//! A shell view moved to another place of a file, with its texts owned: the view of an
//! instruction depends only on the instruction's text, so a view built once can be given again
//! when the same instruction sits elsewhere (the language server lints every keystroke; an
//! edit moves every instruction after it).

use std::borrow::Cow;

use crate::text::TextRange;

use super::view::{Assignment, Pipeline, Redirect, Script, ShellView, SimpleCommand, Word};

/// Where a view goes: every offset `from + n` becomes `to + n`.
///
/// The arithmetic wraps, so a view moved to 0 and back again is the view it was even if one of
/// its ranges started before `from` (it cannot for the view of an instruction starting at
/// `from`, but a cache must never panic on it).
#[derive(Clone, Copy)]
struct Move {
    from: u32,
    to: u32,
}

impl Move {
    fn offset(self, offset: u32) -> u32 {
        offset.wrapping_sub(self.from).wrapping_add(self.to)
    }

    fn range(self, range: TextRange) -> TextRange {
        // Built field by field: a range moved to 0 from past its start may wrap, which
        // `TextRange::new` would assert against; moving it back restores it.
        TextRange {
            start: self.offset(range.start),
            end: self.offset(range.end),
        }
    }

    fn ranges(self, ranges: &[TextRange]) -> Vec<TextRange> {
        ranges.iter().map(|&range| self.range(range)).collect()
    }
}

/// What a moved view's texts become: owned, or borrowed from the file the view is moved into
/// when that file has the same text where the view's range now points.
#[derive(Clone, Copy)]
enum Texts<'b> {
    Owned,
    BorrowedFrom(&'b str),
}

impl<'b> Texts<'b> {
    /// `text`, which was written in (or derived from the text in) `range` of the view's new
    /// place; plain words are their own text, a quoted word's value is inside its range.
    fn get(self, text: &str, range: TextRange) -> Cow<'b, str> {
        if let Texts::BorrowedFrom(file) = self
            && let Some(written) = file.get(range.to_usize())
        {
            if written == text {
                return Cow::Borrowed(written);
            }
            if let Some(at) = written.find(text) {
                return Cow::Borrowed(&written[at..at + text.len()]);
            }
        }
        Cow::Owned(text.to_owned())
    }
}

impl ShellView<'_> {
    /// This view with every offset `from + n` changed to `to + n` and every text owned.
    /// The view of an instruction starting at offset `from`, moved with `to` = 0, is what a
    /// cache keeps.
    pub fn moved(&self, from: u32, to: u32) -> ShellView<'static> {
        self.relocated(Move { from, to }, Texts::Owned)
    }

    /// This view (of an instruction starting at offset `from`, kept by a cache) placed where
    /// the same instruction text now starts in `file`, at offset `to`: the view
    /// [`shell_view`](super::shell_view) would build there, its texts borrowed from `file`
    /// where they are written as they are.
    pub fn placed<'b>(&self, file: &'b str, from: u32, to: u32) -> ShellView<'b> {
        self.relocated(Move { from, to }, Texts::BorrowedFrom(file))
    }

    fn relocated<'b>(&self, by: Move, texts: Texts<'b>) -> ShellView<'b> {
        // Destructured so that a new field cannot be forgotten here.
        let ShellView {
            scripts,
            commands,
            pipelines,
            lists,
            assignments,
            heredocs,
            errors,
            skipped,
        } = self;
        ShellView {
            scripts: scripts
                .iter()
                .map(|script| Script {
                    kind: script.kind,
                    pieces: by.ranges(&script.pieces),
                    approximate: script.approximate,
                    options: script.options,
                })
                .collect(),
            commands: commands
                .iter()
                .map(|command| command.relocated(by, texts))
                .collect(),
            pipelines: pipelines
                .iter()
                .map(|pipeline| Pipeline {
                    range: by.range(pipeline.range),
                    elements: by.ranges(&pipeline.elements),
                    commands: pipeline.commands.clone(),
                    negated: pipeline.negated,
                    pipes_stderr: pipeline.pipes_stderr,
                    options: pipeline.options,
                })
                .collect(),
            lists: lists
                .iter()
                .map(|list| {
                    let mut list = list.clone();
                    list.range = by.range(list.range);
                    for item in &mut list.items {
                        item.range = by.range(item.range);
                    }
                    list
                })
                .collect(),
            assignments: assignments
                .iter()
                .map(|assignment| assignment.relocated(by, texts))
                .collect(),
            heredocs: heredocs.clone(),
            errors: errors
                .iter()
                .map(|error| {
                    let mut error = error.clone();
                    error.range = by.range(error.range);
                    error
                })
                .collect(),
            skipped: skipped
                .iter()
                .map(|skipped| {
                    let mut skipped = skipped.clone();
                    skipped.range = by.range(skipped.range);
                    skipped
                })
                .collect(),
        }
    }
}

impl SimpleCommand<'_> {
    fn relocated<'b>(&self, by: Move, texts: Texts<'b>) -> SimpleCommand<'b> {
        let SimpleCommand {
            range,
            script,
            name,
            args,
            assignments,
            redirects,
            context,
            options,
            wraps,
            wrapped_by,
            script_argument,
        } = self;
        SimpleCommand {
            range: by.range(*range),
            script: *script,
            name: name.relocated(by, texts),
            args: args.iter().map(|arg| arg.relocated(by, texts)).collect(),
            assignments: assignments
                .iter()
                .map(|assignment| assignment.relocated(by, texts))
                .collect(),
            redirects: redirects
                .iter()
                .map(|redirect| redirect.relocated(by, texts))
                .collect(),
            context: *context,
            options: *options,
            wraps: *wraps,
            wrapped_by: *wrapped_by,
            script_argument: *script_argument,
        }
    }
}

impl Word<'_> {
    fn relocated<'b>(&self, by: Move, texts: Texts<'b>) -> Word<'b> {
        let Word {
            range,
            text,
            value,
            kind,
        } = self;
        let range = by.range(*range);
        Word {
            range,
            text: texts.get(text, range),
            value: value.as_ref().map(|value| texts.get(value, range)),
            kind: *kind,
        }
    }
}

impl Assignment<'_> {
    fn relocated<'b>(&self, by: Move, texts: Texts<'b>) -> Assignment<'b> {
        let Assignment {
            range,
            name,
            name_range,
            value,
            append,
        } = self;
        let name_range = by.range(*name_range);
        Assignment {
            range: by.range(*range),
            name: texts.get(name, name_range),
            name_range,
            value: value.as_ref().map(|value| value.relocated(by, texts)),
            append: *append,
        }
    }
}

impl Redirect<'_> {
    fn relocated<'b>(&self, by: Move, texts: Texts<'b>) -> Redirect<'b> {
        let Redirect {
            range,
            fd,
            operator,
            target,
            heredoc,
        } = self;
        Redirect {
            range: by.range(*range),
            fd: *fd,
            operator: *operator,
            target: target.as_ref().map(|target| target.relocated(by, texts)),
            heredoc: *heredoc,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use crate::dockerfile::parse;
    use crate::dockerfile::shell::{ShellKind, shell_view};

    #[test]
    fn a_view_moved_from_past_its_start_comes_back_whole() {
        let text = "FROM alpine\nRUN echo hi\n";
        let dockerfile = parse(text);
        let view = shell_view(text, &dockerfile.instructions[1], ShellKind::Posix);
        // Moved as if the instruction started after its own text: offsets wrap, never panic.
        let away = view.moved(100, 0);
        assert_eq!(away.moved(0, 100), view);
    }

    #[test]
    fn a_placed_view_borrows_its_texts_from_the_file() {
        let text = "FROM alpine\nRUN X=1 apt-get install -y 'curl' > /log\n";
        let dockerfile = parse(text);
        let instruction = &dockerfile.instructions[1];
        let kept = shell_view(text, instruction, ShellKind::Posix).moved(12, 0);
        let placed = kept.placed(text, 0, 12);
        let command = &placed.commands[0];
        let borrowed = |text: &Cow<'_, str>| matches!(text, Cow::Borrowed(_));
        assert!(borrowed(&command.name.text));
        assert!(command.args.iter().all(|arg| borrowed(&arg.text)));
        let quoted = &command.args[2];
        assert_eq!(quoted.value(), Some("curl"));
        assert!(quoted.value.as_ref().is_some_and(borrowed));
        assert!(borrowed(&command.assignments[0].name));
        assert_eq!(placed, shell_view(text, instruction, ShellKind::Posix));
    }
}
