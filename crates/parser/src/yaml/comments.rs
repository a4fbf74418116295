//! `#` comments, which saphyr-parser drops: found in the text that no scalar covers.

use crate::text::TextRange;

use super::node::Comment;

/// The comments of `text`, given the ranges of its scalar tokens in source order.
///
/// A `#` starts a comment when it is at the start of a line or after a space, a tab or a line
/// break, and is not inside a scalar (`a#b`, `"# x"` and block scalars' lines are values).
/// Past `stop`, where a syntax error ended parsing and the scalars are unknown, only comments
/// alone on their line are taken: a `#` after other text there may be inside a string.
pub(crate) fn scan_comments(text: &str, scalars: &[TextRange], stop: u32) -> Vec<Comment> {
    let bytes = text.as_bytes();
    let stop = (stop as usize).min(bytes.len());
    let mut comments = Vec::new();
    let mut pos = 0;
    let mut next_scalar = 0;
    while let Some(found) = text[pos..].find('#') {
        let hash = pos + found;
        while next_scalar < scalars.len() && (scalars[next_scalar].end as usize) <= hash {
            next_scalar += 1;
        }
        if let Some(scalar) = scalars.get(next_scalar)
            && (scalar.start as usize) <= hash
        {
            pos = scalar.end as usize;
            continue;
        }
        let end = line_end(bytes, hash);
        if hash >= stop && !alone_on_line(text, hash) {
            // No later `#` on this line is alone on it either.
            pos = end;
            continue;
        }
        if hash < stop && !follows_blank(text, hash) {
            pos = hash + 1;
            continue;
        }
        comments.push(Comment {
            range: TextRange::from(hash..end),
            text: text[hash + 1..end].to_owned(),
        });
        pos = end;
    }
    comments
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&byte| byte == b'\n' || byte == b'\r')
        .map_or(bytes.len(), |len| from + len)
}

/// Whether the byte before `offset` is a blank or a line break, or `offset` starts the text
/// (after a byte-order mark, if any).
fn follows_blank(text: &str, offset: usize) -> bool {
    let before = &text[..offset];
    before.is_empty()
        || before == "\u{feff}"
        || matches!(before.as_bytes().last(), Some(b' ' | b'\t' | b'\n' | b'\r'))
}

fn alone_on_line(text: &str, offset: usize) -> bool {
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    before[line_start..]
        .chars()
        .all(|c| matches!(c, ' ' | '\t' | '\u{feff}'))
}
