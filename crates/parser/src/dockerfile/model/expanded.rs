//! A word after expansion, with the way back from its value to what the user wrote.

use std::ops::Range;

use compact_str::CompactString;

use crate::text::TextRange;

use super::Model;
use super::scope::Reference;

/// A word of the file as BuildKit expands it: the value, whether berth knows it, the variables
/// it read, and a map from every byte of the value to the text it came from.
///
/// The variables and the map are kept once for the whole file, in the [`Model`]: ask them
/// with the model the word comes from ([`Expanded::references`], [`Expanded::file_range`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expanded {
    /// The expanded value, quotes removed. When [`known`](Self::known) is false, variables
    /// whose value berth cannot know count as empty here.
    pub value: CompactString,
    /// The word as written, in the file.
    pub range: TextRange,
    /// Whether `value` is the value the build uses: false when a variable it reads is set to a
    /// value berth cannot know, or may come from the base image.
    pub known: bool,
    /// The variables read: a run of [`ExpandedLists::references`].
    pub(super) references: Range<u32>,
    /// Where runs of the value come from: a run of [`ExpandedLists::segments`]; empty when the
    /// value is the text at `range`, byte for byte (most words).
    pub(super) segments: Range<u32>,
}

/// The references and segments of expanded words, which each [`Expanded`] holds a run of:
/// one list for the whole file rather than two per word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct ExpandedLists {
    /// Each word's references, in the order BuildKit reads them; words in the order the
    /// model expands them.
    pub references: Vec<Reference>,
    pub segments: Vec<Segment>,
}

/// A run of the value and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Segment {
    /// The run, in the value.
    pub value: TextRange,
    /// The text it comes from, in the file: the characters themselves, or the variable
    /// reference or escape that produced them.
    pub file: TextRange,
    /// Each byte of the run is the byte at the same offset of `file`.
    pub exact: bool,
    /// The references that produced the run (a run of [`ExpandedLists::references`]).
    pub references: Range<u32>,
}

impl Expanded {
    /// Whether the word reads no variable.
    pub fn is_constant(&self) -> bool {
        self.references.is_empty()
    }

    /// The variables the word read, in the order BuildKit reads them; `model` is the model
    /// the word comes from.
    pub fn references<'m>(&self, model: &'m Model) -> &'m [Reference] {
        model.lists.references_of(self)
    }

    /// The file range a range of [`value`](Self::value) comes from: the exact characters when
    /// they are written literally, else the variable reference (or quoted text, escape, JSON
    /// string) that produced them. An image tag written `:1.2` maps to `1.2`; one coming from
    /// `:${TAG}` maps to `${TAG}`.
    pub fn file_range(&self, model: &Model, part: TextRange) -> TextRange {
        model.lists.file_range(self, part)
    }

    /// The references that produced some of the bytes of `part` of the value: where an image
    /// tag (`latest`) or a user name comes from.
    pub fn references_in<'m>(&self, model: &'m Model, part: TextRange) -> &'m [Reference] {
        model.lists.references_in(self, part)
    }
}

/// A word expanded once the model is built ([`Model::expand`]), with its own references and
/// segments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordExpansion {
    pub expanded: Expanded,
    pub(super) lists: ExpandedLists,
}

impl WordExpansion {
    /// [`Expanded::references`].
    pub fn references(&self) -> &[Reference] {
        self.lists.references_of(&self.expanded)
    }

    /// [`Expanded::file_range`].
    pub fn file_range(&self, part: TextRange) -> TextRange {
        self.lists.file_range(&self.expanded, part)
    }

    /// [`Expanded::references_in`].
    pub fn references_in(&self, part: TextRange) -> &[Reference] {
        self.lists.references_in(&self.expanded, part)
    }
}

impl ExpandedLists {
    pub fn references_of(&self, word: &Expanded) -> &[Reference] {
        &self.references[to_usize(&word.references)]
    }

    pub fn segments_of(&self, word: &Expanded) -> &[Segment] {
        &self.segments[to_usize(&word.segments)]
    }

    /// [`Expanded::file_range`].
    pub fn file_range(&self, word: &Expanded, part: TextRange) -> TextRange {
        let segments = self.segments_of(word);
        if segments.is_empty() {
            let inside = part.start as usize <= word.value.len();
            return if inside && word.range.len() as usize == word.value.len() {
                part.shift(word.range.start)
            } else {
                word.range
            };
        }
        // An empty part where a variable expanded to nothing (`alpine:${TAG}` with TAG empty)
        // is that variable's doing.
        if part.is_empty()
            && let Some(empty) = segments.iter().find(|segment| {
                segment.value.is_empty()
                    && segment.value.start == part.start
                    && !segment.references.is_empty()
            })
        {
            return empty.file;
        }
        let Some(first) = segment_at(segments, part.start, false) else {
            return word.range;
        };
        let last = if part.is_empty() {
            first
        } else {
            segment_at(segments, part.end, true).unwrap_or(first)
        };
        let start = if first.exact {
            first.file.start + (part.start - first.value.start)
        } else {
            first.file.start
        };
        let end = if part.is_empty() {
            start
        } else if last.exact {
            last.file.start + (part.end - last.value.start)
        } else {
            last.file.end
        };
        TextRange::new(start, end.max(start))
    }

    /// [`Expanded::references_in`].
    pub fn references_in(&self, word: &Expanded, part: TextRange) -> &[Reference] {
        let mut first = u32::MAX;
        let mut last = 0;
        for segment in self.segments_of(word) {
            let overlaps = if part.is_empty() {
                segment.value.contains_inclusive(part.start)
            } else {
                segment.value.start < part.end && part.start < segment.value.end
            };
            if overlaps && !segment.references.is_empty() {
                first = first.min(segment.references.start);
                last = last.max(segment.references.end);
            }
        }
        if first >= last {
            return &[];
        }
        &self.references[first as usize..last as usize]
    }
}

/// The segment holding the byte at `offset`, or the one ending at `offset` when `end` is set
/// (the last byte of a range). Empty segments (variables set to nothing) hold nothing.
fn segment_at(segments: &[Segment], offset: u32, end: bool) -> Option<&Segment> {
    let mut found = None;
    for segment in segments {
        if segment.value.is_empty() {
            continue;
        }
        let inside = if end {
            segment.value.start < offset && offset <= segment.value.end
        } else {
            segment.value.start <= offset && offset < segment.value.end
        };
        if inside {
            return Some(segment);
        }
        // An empty range at the very end of the value maps after the last segment.
        if !end && offset == segment.value.end {
            found = Some(segment);
        }
    }
    found
}

fn to_usize(run: &Range<u32>) -> Range<usize> {
    run.start as usize..run.end as usize
}
