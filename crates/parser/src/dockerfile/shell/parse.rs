//! The tree-sitter side: one bash parser per thread, fed the whole Dockerfile text with the
//! script's file ranges as included ranges, so every node comes back in file offsets.

use std::cell::RefCell;

use tree_sitter::{Node, Parser, Point, Range, Tree, TreeCursor};

use crate::text::TextRange;

thread_local! {
    /// `Parser::parse` takes `&mut self`; one parser per thread, reused for every script.
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Parses the script made of `pieces` of `text` (sorted, non-overlapping, on character
/// boundaries). `None` when there is nothing to parse or tree-sitter refuses (it cannot with
/// ranges built here; callers treat it as an empty script).
pub(super) fn parse(text: &str, pieces: &[TextRange]) -> Option<Tree> {
    if pieces.is_empty() {
        return None;
    }
    let ranges = included_ranges(text, pieces);
    PARSER.with(|cell| {
        let mut slot = cell.try_borrow_mut().ok()?;
        if slot.is_none() {
            let mut parser = Parser::new();
            parser
                .set_language(&tree_sitter_bash::LANGUAGE.into())
                .ok()?;
            *slot = Some(parser);
        }
        let parser = slot.as_mut()?;
        parser.set_included_ranges(&ranges).ok()?;
        parser.parse(text, None)
    })
}

/// The tree-sitter ranges of `pieces`, with their points.
///
/// tree-sitter's lexer uses the points of included ranges: a scanner asking for the column
/// (bash's heredoc scanner does) backs up `column` bytes from the current offset to find the
/// line start. Columns are therefore exact byte columns; rows count from the line of the
/// first piece, which is enough for tree-sitter (berth converts offsets itself and never
/// reads rows from nodes).
fn included_ranges(text: &str, pieces: &[TextRange]) -> Vec<Range> {
    let bytes = text.as_bytes();
    let first = pieces[0].start as usize;
    let mut line_start = bytes[..first]
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |index| index + 1);
    let mut row = 0;
    let mut at = line_start;
    let mut advance = |to: usize, row: &mut usize, line_start: &mut usize| {
        for (index, &byte) in bytes[at..to].iter().enumerate() {
            if byte == b'\n' {
                *row += 1;
                *line_start = at + index + 1;
            }
        }
        at = to;
    };
    pieces
        .iter()
        .map(|piece| {
            let (start, end) = (piece.start as usize, piece.end as usize);
            advance(start, &mut row, &mut line_start);
            let start_point = Point::new(row, start - line_start);
            advance(end, &mut row, &mut line_start);
            let end_point = Point::new(row, end - line_start);
            Range {
                start_byte: start,
                end_byte: end,
                start_point,
                end_point,
            }
        })
        .collect()
}

/// The children of a node with their field names, through one cursor.
pub(super) struct Children<'t> {
    cursor: TreeCursor<'t>,
    state: State,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Running,
    Done,
}

pub(super) fn children(node: Node<'_>) -> Children<'_> {
    Children {
        cursor: node.walk(),
        state: State::Start,
    }
}

impl<'t> Iterator for Children<'t> {
    type Item = (Node<'t>, Option<&'t str>);

    fn next(&mut self) -> Option<Self::Item> {
        let moved = match self.state {
            State::Start => self.cursor.goto_first_child(),
            State::Running => self.cursor.goto_next_sibling(),
            State::Done => false,
        };
        if !moved {
            self.state = State::Done;
            return None;
        }
        self.state = State::Running;
        Some((self.cursor.node(), self.cursor.field_name()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_byte_columns_and_rows_from_the_first_piece() {
        let text = "FROM x\nRUN a \\\n  b\n";
        let ranges = included_ranges(text, &[TextRange::new(11, 13), TextRange::new(15, 18)]);
        assert_eq!(ranges[0].start_point, Point::new(0, 4));
        assert_eq!(ranges[0].end_point, Point::new(0, 6));
        assert_eq!(ranges[1].start_point, Point::new(1, 0));
        assert_eq!(ranges[1].end_point, Point::new(1, 3));
    }

    #[test]
    fn nodes_come_back_in_file_offsets() {
        let text = "FROM x\nRUN echo a \\\n# note\n  && echo b\n";
        let command = text.find("echo a").unwrap() as u32;
        let second = text.find("  && ").unwrap() as u32;
        let pieces = [
            TextRange::new(command, command + 7),
            TextRange::new(second, text.len() as u32 - 1),
        ];
        let tree = parse(text, &pieces).unwrap();
        let root = tree.root_node();
        assert!(!root.has_error());
        let last = root.named_child(0).unwrap().named_child(1).unwrap();
        assert_eq!(&text[last.byte_range()], "echo b");
    }
}
