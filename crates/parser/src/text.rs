//! Byte ranges into a source text, and the one place that turns them into lines and columns.
//!
//! Every node berth builds carries a [`TextRange`] of byte offsets into the text of its
//! [`SourceFile`]. Only [`LineIndex`] converts offsets into positions: 1-based lines and
//! character columns for people, 0-based lines and UTF-16 columns for the language server.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use compact_str::CompactString;

/// A half-open range of byte offsets, `start..end`, into one source text.
///
/// Offsets are `u32`: berth refuses files of 4 GiB or more before parsing them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub const fn new(start: u32, end: u32) -> Self {
        debug_assert!(start <= end);
        Self { start, end }
    }

    /// An empty range at `offset`, for things that are missing (an absent argument, the end of
    /// the file).
    pub const fn empty(offset: u32) -> Self {
        Self::new(offset, offset)
    }

    /// The range of `len` bytes starting at `start`.
    pub const fn at(start: u32, len: u32) -> Self {
        Self::new(start, start + len)
    }

    pub const fn len(self) -> u32 {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `offset` lies inside the range; the end offset counts, so that a cursor placed
    /// right after a word is "in" it, as editors expect.
    pub const fn contains_inclusive(self, offset: u32) -> bool {
        self.start <= offset && offset <= self.end
    }

    pub const fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }

    pub const fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest range covering both.
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The range shifted right by `by` bytes: turns a range inside a fragment into a range
    /// inside the file the fragment came from.
    pub const fn shift(self, by: u32) -> TextRange {
        TextRange::new(self.start + by, self.end + by)
    }

    pub const fn to_usize(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The text this range covers in `text`.
    ///
    /// Panics if the range is not on character boundaries of `text`; ranges built by berth's
    /// parsers always are.
    pub fn slice(self, text: &str) -> &str {
        &text[self.to_usize()]
    }
}

impl fmt::Debug for TextRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Range<u32>> for TextRange {
    fn from(range: Range<u32>) -> Self {
        TextRange::new(range.start, range.end)
    }
}

impl From<Range<usize>> for TextRange {
    /// Converts a `usize` range; offsets are checked to fit in `u32` by the caller
    /// ([`SourceFile`] refuses larger texts).
    fn from(range: Range<usize>) -> Self {
        TextRange::new(range.start as u32, range.end as u32)
    }
}

/// Which file of a project a range belongs to: an index into the project's list of
/// [`SourceFile`]s. Values merged from several files (Compose overrides, `extends`, `include`)
/// keep the file they came from.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Default)]
pub struct FileId(pub u32);

/// Text assembled from pieces of a file, with the way back to the file's offsets.
///
/// A Dockerfile instruction split over continuation lines is read by BuildKit as one logical
/// line with the escape characters, line breaks and comment lines removed; berth parses that
/// logical text and maps every range in it back to the bytes the user wrote.
///
/// Most instructions fit on one line, so a single piece is kept without allocating. A parser
/// that builds one text per instruction can keep all their texts in one buffer
/// ([`MappedText::shared`]) rather than allocate one string each.
#[derive(Clone, Default)]
pub struct MappedText {
    text: Storage,
    map: PieceMap,
}

/// Where the text of a [`MappedText`] is.
#[derive(Clone)]
enum Storage {
    /// Its own string (stored inline when short).
    Own(CompactString),
    /// `start..end` of a buffer shared with other texts.
    Shared {
        buffer: Arc<str>,
        start: u32,
        end: u32,
    },
}

impl Default for Storage {
    fn default() -> Self {
        Storage::Own(CompactString::default())
    }
}

impl PartialEq for MappedText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str() && self.map.pieces() == other.map.pieces()
    }
}

impl Eq for MappedText {}

impl fmt::Debug for MappedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MappedText")
            .field("text", &self.as_str())
            .field("pieces", &self.map.pieces())
            .finish()
    }
}

impl MappedText {
    pub fn new() -> Self {
        MappedText::default()
    }

    /// The text `start..end` of `buffer`, a string holding the texts of many (the logical lines
    /// of a whole file) rather than each its own, read from the file through `map`.
    pub fn shared(buffer: &Arc<str>, start: u32, end: u32, map: &PieceMap) -> MappedText {
        debug_assert_eq!(end - start, map.len());
        MappedText {
            text: Storage::Shared {
                buffer: Arc::clone(buffer),
                start,
                end,
            },
            map: map.clone(),
        }
    }

    /// Points a shared text at another buffer holding the same characters at the same offsets:
    /// a parser builds its texts over a placeholder until the whole buffer is written.
    pub fn share(&mut self, buffer: &Arc<str>) {
        if let Storage::Shared { buffer: own, .. } = &mut self.text {
            *own = Arc::clone(buffer);
        }
    }

    /// Appends `text`, which is the text at `file_start..file_start + text.len()` of the file.
    /// Adjacent pieces are coalesced.
    pub fn push(&mut self, file_start: u32, text: &str) {
        if text.is_empty() {
            return;
        }
        self.own_mut().push_str(text);
        self.map.push(file_start, text.len() as u32);
    }

    /// The text as a string of its own, copied out of a shared buffer first.
    fn own_mut(&mut self) -> &mut CompactString {
        if let Storage::Shared { .. } = self.text {
            self.text = Storage::Own(self.as_str().into());
        }
        match &mut self.text {
            Storage::Own(text) => text,
            Storage::Shared { .. } => unreachable!("the text was just made its own"),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.text {
            Storage::Own(text) => text,
            // The range was taken from the buffer when the text was appended to it.
            Storage::Shared { buffer, start, end } => buffer
                .get(*start as usize..*end as usize)
                .unwrap_or_default(),
        }
    }

    pub fn len(&self) -> u32 {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.len() == 0
    }

    /// The way from offsets in the text back to the file.
    pub fn map(&self) -> &PieceMap {
        &self.map
    }

    /// See [`PieceMap::file_offset`].
    pub fn file_offset(&self, logical: u32) -> u32 {
        self.map.file_offset(logical)
    }

    /// See [`PieceMap::file_range`].
    pub fn file_range(&self, logical: TextRange) -> TextRange {
        self.map.file_range(logical)
    }

    /// See [`PieceMap::file_pieces`].
    pub fn file_pieces(&self) -> impl Iterator<Item = TextRange> + '_ {
        self.map.file_pieces()
    }

    /// See [`PieceMap::file_pieces_in`].
    pub fn file_pieces_in(&self, logical: TextRange) -> impl Iterator<Item = TextRange> + '_ {
        self.map.file_pieces_in(logical)
    }
}

/// The way from offsets in a text assembled from pieces of a file back to the file: the
/// mapping of a [`MappedText`], kept apart so that a parser can map offsets while the
/// characters are in a buffer of its own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PieceMap {
    /// The only piece while there is one (empty while the text is).
    first: Piece,
    /// Every piece once there are two or more (empty before), sorted by `logical_start`;
    /// consecutive pieces never overlap.
    more: Vec<Piece>,
    /// The length of the text: the sum of the pieces' lengths.
    len: u32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Piece {
    logical_start: u32,
    file_start: u32,
    len: u32,
}

impl PieceMap {
    pub fn new() -> Self {
        PieceMap::default()
    }

    /// Forgets every piece, keeping the memory: a parser maps each instruction with the same
    /// one.
    pub fn clear(&mut self) {
        self.first = Piece::default();
        self.more.clear();
        self.len = 0;
    }

    /// The length of the text mapped.
    pub fn len(&self) -> u32 {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends `len` bytes of text read at `file_start` in the file; adjacent pieces are
    /// coalesced.
    pub fn push(&mut self, file_start: u32, len: u32) {
        if len == 0 {
            return;
        }
        let piece = Piece {
            logical_start: self.len,
            file_start,
            len,
        };
        let was_empty = self.len == 0;
        self.len += len;
        if was_empty {
            self.first = piece;
            return;
        }
        let last = self.more.last_mut().unwrap_or(&mut self.first);
        if last.file_start + last.len == file_start {
            last.len += len;
            return;
        }
        if self.more.is_empty() {
            self.more.push(self.first);
        }
        self.more.push(piece);
    }

    /// The pieces, in order.
    fn pieces(&self) -> &[Piece] {
        if !self.more.is_empty() {
            &self.more
        } else if self.first.len == 0 {
            &[]
        } else {
            std::slice::from_ref(&self.first)
        }
    }

    /// Where the text starts in the file when it is a single piece of it: every offset of the
    /// text is then that far from its file offset (most instructions fit on one line).
    pub fn single_piece_start(&self) -> Option<u32> {
        (self.more.is_empty() && self.first.len != 0).then_some(self.first.file_start)
    }

    /// The file offset of a logical offset. An offset at the seam between two pieces maps to
    /// the start of the later piece; the end of the text maps to the end of the last piece.
    pub fn file_offset(&self, logical: u32) -> u32 {
        // Most instructions fit on one line: one piece, no search.
        let pieces = self.pieces();
        if let [piece] = pieces
            && logical < piece.len
        {
            return piece.file_start + logical;
        }
        let index = pieces.partition_point(|piece| piece.logical_start <= logical);
        match index.checked_sub(1).map(|i| pieces[i]) {
            Some(piece) if logical < piece.logical_start + piece.len => {
                piece.file_start + (logical - piece.logical_start)
            }
            Some(piece) => piece.file_start + piece.len,
            None => 0,
        }
    }

    /// The file range of a logical range: from where its first byte is to just after its last
    /// byte, so a word split by a continuation covers the continuation too.
    pub fn file_range(&self, logical: TextRange) -> TextRange {
        if logical.is_empty() {
            return TextRange::empty(self.file_offset(logical.start));
        }
        let start = self.file_offset(logical.start);
        let end = self.file_offset(logical.end - 1) + 1;
        TextRange::new(start, end.max(start))
    }

    /// The file ranges the text was assembled from, in order: the included ranges a nested
    /// parser (the shell parser for RUN) reads from the file.
    pub fn file_pieces(&self) -> impl Iterator<Item = TextRange> + '_ {
        self.pieces()
            .iter()
            .map(|piece| TextRange::at(piece.file_start, piece.len))
    }

    /// The file ranges a logical range was assembled from, in order: [`PieceMap::file_pieces`]
    /// restricted to `logical` (the command of a shell-form RUN, for the shell parser's included
    /// ranges). An empty range yields nothing.
    pub fn file_pieces_in(&self, logical: TextRange) -> impl Iterator<Item = TextRange> + '_ {
        let pieces = self.pieces();
        let first =
            pieces.partition_point(|piece| piece.logical_start + piece.len <= logical.start);
        pieces[first..]
            .iter()
            .take_while(move |piece| piece.logical_start < logical.end)
            .map(move |piece| {
                let start = logical.start.max(piece.logical_start);
                let end = logical.end.min(piece.logical_start + piece.len);
                TextRange::new(
                    piece.file_start + (start - piece.logical_start),
                    piece.file_start + (end - piece.logical_start),
                )
            })
            .filter(|range| !range.is_empty())
    }
}

/// A position for people: 1-based line, 1-based column counted in Unicode characters.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct LineColumn {
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for LineColumn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A position for the language server protocol: 0-based line, 0-based column in UTF-16 code
/// units.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Utf16Position {
    pub line: u32,
    pub character: u32,
}

/// The start offset of every line of a text.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as in the language server protocol and in editors,
/// so that the line a user sees in VS Code is the line berth reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Offset of the first byte of each line; `line_starts[0] == 0`.
    line_starts: Vec<u32>,
    len: u32,
    /// Whether the text is all ASCII, in which case columns are byte distances.
    ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i as u32 + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i as u32 + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            line_starts,
            len: text.len() as u32,
            ascii: text.is_ascii(),
        }
    }

    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }

    /// The 0-based line holding `offset`. An offset past the end is clamped to the last line.
    pub fn line_of(&self, offset: u32) -> u32 {
        let offset = offset.min(self.len);
        (self.line_starts.partition_point(|&start| start <= offset) - 1) as u32
    }

    /// The byte range of 0-based `line`, including its line break.
    pub fn line_range(&self, line: u32) -> TextRange {
        let start = self.line_starts[line as usize];
        let end = self
            .line_starts
            .get(line as usize + 1)
            .copied()
            .unwrap_or(self.len);
        TextRange::new(start, end)
    }

    /// The position of `offset` for people. `text` must be the text the index was built from.
    pub fn line_column(&self, text: &str, offset: u32) -> LineColumn {
        let offset = floor_char_boundary(text, offset.min(self.len));
        let line = self.line_of(offset);
        let start = self.line_starts[line as usize];
        let column = if self.ascii {
            offset - start
        } else {
            text[start as usize..offset as usize].chars().count() as u32
        };
        LineColumn {
            line: line + 1,
            column: column + 1,
        }
    }

    /// The position of `offset` for the language server protocol.
    pub fn utf16_position(&self, text: &str, offset: u32) -> Utf16Position {
        let offset = floor_char_boundary(text, offset.min(self.len));
        let line = self.line_of(offset);
        let start = self.line_starts[line as usize];
        let character = if self.ascii {
            offset - start
        } else {
            text[start as usize..offset as usize]
                .chars()
                .map(|c| c.len_utf16() as u32)
                .sum()
        };
        Utf16Position { line, character }
    }

    /// The byte offset of a language-server position. A line past the end maps to the end of
    /// the text; a column past the end of its line maps to the end of that line (before its
    /// line break), as the protocol asks.
    pub fn offset_of_utf16(&self, text: &str, position: Utf16Position) -> u32 {
        let Some(&start) = self.line_starts.get(position.line as usize) else {
            return self.len;
        };
        let line_text = &text[self.line_range(position.line).to_usize()];
        let content = line_text.trim_end_matches(['\n', '\r']);
        let mut remaining = position.character;
        let mut offset = start;
        for c in content.chars() {
            if remaining == 0 {
                break;
            }
            let units = c.len_utf16() as u32;
            if units > remaining {
                // The position points inside a surrogate pair: stay before the character.
                break;
            }
            remaining -= units;
            offset += c.len_utf8() as u32;
        }
        offset
    }

    /// The byte offset of a 1-based line and character column, clamped like
    /// [`LineIndex::offset_of_utf16`].
    pub fn offset_of_line_column(&self, text: &str, position: LineColumn) -> u32 {
        let line = position.line.saturating_sub(1);
        let Some(&start) = self.line_starts.get(line as usize) else {
            return self.len;
        };
        let content = text[self.line_range(line).to_usize()].trim_end_matches(['\n', '\r']);
        let column = position.column.saturating_sub(1) as usize;
        let within: usize = content.chars().take(column).map(char::len_utf8).sum();
        start + within as u32
    }
}

fn floor_char_boundary(text: &str, mut offset: u32) -> u32 {
    while offset > 0 && !text.is_char_boundary(offset as usize) {
        offset -= 1;
    }
    offset
}

/// Why the bytes of a file could not be taken as they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeProblem {
    /// Invalid UTF-8: each invalid sequence was replaced by U+FFFD; `range` covers the first
    /// replacement in the decoded text.
    InvalidUtf8 { range: TextRange },
    /// The file is 4 GiB or larger; berth does not read it.
    TooLarge { len: u64 },
}

/// The text of one file with its path and line index.
///
/// The text is kept exactly as read, including a byte-order mark and `\r\n` line endings, so
/// that every byte range berth reports points at the bytes the user's editor shows.
/// Cloning is cheap: the path, text and index are shared.
#[derive(Clone, Debug)]
pub struct SourceFile {
    path: Arc<Path>,
    text: Arc<str>,
    line_index: Arc<LineIndex>,
}

impl SourceFile {
    /// A source file from text already decoded (an editor buffer, a test fixture).
    ///
    /// Texts of 4 GiB or more must be refused before this point ([`SourceFile::from_bytes`]
    /// does).
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        let text = text.into();
        assert!(
            u32::try_from(text.len()).is_ok(),
            "source texts are limited to 4 GiB"
        );
        let line_index = Arc::new(LineIndex::new(&text));
        let path: PathBuf = path.into();
        SourceFile {
            path: path.into(),
            text,
            line_index,
        }
    }

    /// A source file from bytes read from disk or stdin. Invalid UTF-8 is replaced (lossy) and
    /// reported, so the caller can show an error and still lint the rest of the file.
    pub fn from_bytes(
        path: impl Into<PathBuf>,
        bytes: Vec<u8>,
    ) -> Result<(Self, Option<DecodeProblem>), DecodeProblem> {
        if u32::try_from(bytes.len()).is_err() {
            return Err(DecodeProblem::TooLarge {
                len: bytes.len() as u64,
            });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok((SourceFile::new(path, text), None)),
            Err(error) => {
                let valid_up_to = error.utf8_error().valid_up_to() as u32;
                let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
                if u32::try_from(text.len()).is_err() {
                    return Err(DecodeProblem::TooLarge {
                        len: text.len() as u64,
                    });
                }
                let problem = DecodeProblem::InvalidUtf8 {
                    range: TextRange::at(
                        valid_up_to,
                        char::REPLACEMENT_CHARACTER.len_utf8() as u32,
                    ),
                };
                Ok((SourceFile::new(path, text), Some(problem)))
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The shared text, for callers that keep it beyond the file's lifetime.
    pub fn shared_text(&self) -> &Arc<str> {
        &self.text
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.line_index
    }

    pub fn line_column(&self, offset: u32) -> LineColumn {
        self.line_index.line_column(&self.text, offset)
    }

    pub fn utf16_position(&self, offset: u32) -> Utf16Position {
        self.line_index.utf16_position(&self.text, offset)
    }

    pub fn offset_of_utf16(&self, position: Utf16Position) -> u32 {
        self.line_index.offset_of_utf16(&self.text, position)
    }

    pub fn slice(&self, range: TextRange) -> &str {
        range.slice(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "a\nb\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(
            index.line_column(text, 0),
            LineColumn { line: 1, column: 1 }
        );
        assert_eq!(
            index.line_column(text, 2),
            LineColumn { line: 2, column: 1 }
        );
        // The `\r` of `\r\n` belongs to line 2.
        assert_eq!(
            index.line_column(text, 3),
            LineColumn { line: 2, column: 2 }
        );
        assert_eq!(
            index.line_column(text, 5),
            LineColumn { line: 3, column: 1 }
        );
        assert_eq!(
            index.line_column(text, 7),
            LineColumn { line: 4, column: 1 }
        );
    }

    #[test]
    fn columns_count_characters_for_people_and_utf16_units_for_lsp() {
        let text = "é😀x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap() as u32;
        assert_eq!(
            index.line_column(text, x),
            LineColumn { line: 1, column: 3 }
        );
        assert_eq!(
            index.utf16_position(text, x),
            Utf16Position {
                line: 0,
                character: 3
            }
        );
        assert_eq!(
            index.offset_of_utf16(
                text,
                Utf16Position {
                    line: 0,
                    character: 3
                }
            ),
            x
        );
    }

    #[test]
    fn lsp_positions_past_the_line_clamp_before_the_line_break() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        assert_eq!(
            index.offset_of_utf16(
                text,
                Utf16Position {
                    line: 0,
                    character: 99
                }
            ),
            2
        );
        assert_eq!(
            index.offset_of_utf16(
                text,
                Utf16Position {
                    line: 7,
                    character: 0
                }
            ),
            6
        );
        assert_eq!(
            index.offset_of_line_column(text, LineColumn { line: 2, column: 2 }),
            5
        );
    }

    #[test]
    fn offsets_inside_a_character_round_down() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(
            index.line_column(text, 1),
            LineColumn { line: 1, column: 1 }
        );
        assert_eq!(
            index.line_column(text, 2),
            LineColumn { line: 1, column: 2 }
        );
    }

    #[test]
    fn mapped_text_maps_logical_offsets_back_to_the_file() {
        // "RUN a \\\n  b": the logical text is "RUN a   b" (escape and newline removed).
        let file = "RUN a \\\n  b";
        let mut mapped = MappedText::new();
        mapped.push(0, &file[..6]);
        mapped.push(8, &file[8..]);
        assert_eq!(mapped.as_str(), "RUN a   b");
        assert_eq!(mapped.file_offset(4), 4);
        assert_eq!(mapped.file_offset(6), 8);
        assert_eq!(mapped.file_offset(mapped.len()), file.len() as u32);
        let b = TextRange::new(8, 9);
        assert_eq!(mapped.file_range(b), TextRange::new(10, 11));
        // A range spanning the seam covers the removed continuation.
        assert_eq!(
            mapped.file_range(TextRange::new(4, 9)),
            TextRange::new(4, 11)
        );
        assert_eq!(
            mapped.file_pieces().collect::<Vec<_>>(),
            vec![TextRange::new(0, 6), TextRange::new(8, 11)]
        );
        assert_eq!(
            mapped
                .file_pieces_in(TextRange::new(4, 8))
                .collect::<Vec<_>>(),
            vec![TextRange::new(4, 6), TextRange::new(8, 10)]
        );
        assert_eq!(mapped.file_pieces_in(TextRange::empty(3)).count(), 0);
    }

    #[test]
    fn invalid_utf8_is_replaced_and_reported() {
        let (file, problem) =
            SourceFile::from_bytes("Dockerfile", b"FROM a\xff\n".to_vec()).unwrap();
        assert_eq!(file.text(), "FROM a\u{fffd}\n");
        assert_eq!(
            problem,
            Some(DecodeProblem::InvalidUtf8 {
                range: TextRange::new(6, 9)
            })
        );
    }
}
