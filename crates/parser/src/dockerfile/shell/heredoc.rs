//! Heredoc bodies as scripts: their file ranges and their `#!` line.

use crate::text::TextRange;

use super::view::program_name;

/// The `#!` line of a script: the program that runs it and its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Shebang<'t> {
    /// The interpreter's file name (`python3` for `#!/usr/bin/env python3`).
    pub interpreter: &'t str,
    pub args: Vec<&'t str>,
}

/// The `#!` line at the start of `body`, if any (a bare `#!` names nothing).
pub(super) fn shebang(body: &str) -> Option<Shebang<'_>> {
    let line = body.strip_prefix("#!")?.lines().next().unwrap_or_default();
    let mut words = line.split_whitespace();
    let mut interpreter = program_name(words.next()?);
    if interpreter == "env" {
        // `#!/usr/bin/env python3`, `#!/usr/bin/env -S bash -e`, `#!/usr/bin/env VAR=1 sh`
        interpreter = loop {
            let word = words.next()?;
            if !word.starts_with('-') && !word.contains('=') {
                break program_name(word);
            }
        };
    }
    Some(Shebang {
        interpreter,
        args: words.collect(),
    })
}

/// The file ranges of a heredoc body as the shell reads it: BuildKit reads body lines
/// without the `\r` of a CRLF line break.
pub(super) fn body_pieces(text: &str, body: TextRange) -> Vec<TextRange> {
    let bytes = text.as_bytes();
    let mut pieces = Vec::new();
    let mut start = body.start;
    let end = (body.end as usize).min(bytes.len()) as u32;
    for offset in body.start..end {
        if bytes[offset as usize] == b'\r'
            && offset + 1 < end
            && bytes[offset as usize + 1] == b'\n'
        {
            if offset > start {
                pieces.push(TextRange::new(start, offset));
            }
            start = offset + 1;
        }
    }
    if start < end {
        pieces.push(TextRange::new(start, end));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shebangs() {
        let check = |body: &str, expected: Option<(&str, &[&str])>| {
            let found = shebang(body).map(|line| (line.interpreter, line.args));
            assert_eq!(
                found,
                expected.map(|(name, args)| (name, args.to_vec())),
                "{body:?}"
            );
        };
        check("#!/usr/bin/env python3\nprint(1)\n", Some(("python3", &[])));
        check("#!/bin/sh -e\nls\n", Some(("sh", &["-e"])));
        check("#!/usr/bin/env -S bash -eux\n", Some(("bash", &["-eux"])));
        check("#!\n", None);
        check("echo '#!/bin/sh'\n", None);
    }

    #[test]
    fn crlf_bodies_lose_their_carriage_returns() {
        let text = "a\r\nb\r\nc";
        assert_eq!(
            body_pieces(text, TextRange::new(0, 7)),
            vec![
                TextRange::new(0, 1),
                TextRange::new(2, 4),
                TextRange::new(5, 7)
            ]
        );
    }
}
