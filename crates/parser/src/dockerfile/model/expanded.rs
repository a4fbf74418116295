//! A word after expansion, with the way back from its value to what the user wrote.

use compact_str::CompactString;

use crate::text::TextRange;

use super::scope::Reference;

/// A word of the file as BuildKit expands it: the value, whether berth knows it, the variables
/// it read, and a map from every byte of the value to the text it came from.
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
    /// The variables read, in the order BuildKit reads them.
    pub references: Vec<Reference>,
    /// Where runs of the value come from; empty when the value is the text at `range`, byte
    /// for byte (most words).
    pub(super) segments: Vec<Segment>,
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
    /// The references that produced the run (indices in [`Expanded::references`]).
    pub references: (u32, u32),
}

impl Expanded {
    /// Whether the word reads no variable.
    pub fn is_constant(&self) -> bool {
        self.references.is_empty()
    }

    /// The file range a range of [`value`](Self::value) comes from: the exact characters when
    /// they are written literally, else the variable reference (or quoted text, escape, JSON
    /// string) that produced them. An image tag written `:1.2` maps to `1.2`; one coming from
    /// `:${TAG}` maps to `${TAG}`.
    pub fn file_range(&self, part: TextRange) -> TextRange {
        if self.segments.is_empty() {
            let inside = part.start as usize <= self.value.len();
            return if inside && self.range.len() as usize == self.value.len() {
                part.shift(self.range.start)
            } else {
                self.range
            };
        }
        // An empty part where a variable expanded to nothing (`alpine:${TAG}` with TAG empty)
        // is that variable's doing.
        if part.is_empty()
            && let Some(empty) = self.segments.iter().find(|segment| {
                segment.value.is_empty()
                    && segment.value.start == part.start
                    && segment.references.0 < segment.references.1
            })
        {
            return empty.file;
        }
        let Some(first) = self.segment_at(part.start, false) else {
            return self.range;
        };
        let last = if part.is_empty() {
            first
        } else {
            self.segment_at(part.end, true).unwrap_or(first)
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

    /// The references that produced some of the bytes of `part` of the value: where an image
    /// tag (`latest`) or a user name comes from.
    pub fn references_in(&self, part: TextRange) -> &[Reference] {
        let mut first = u32::MAX;
        let mut last = 0;
        for segment in &self.segments {
            let overlaps = if part.is_empty() {
                segment.value.contains_inclusive(part.start)
            } else {
                segment.value.start < part.end && part.start < segment.value.end
            };
            if overlaps && segment.references.0 < segment.references.1 {
                first = first.min(segment.references.0);
                last = last.max(segment.references.1);
            }
        }
        if first >= last {
            return &[];
        }
        &self.references[first as usize..last as usize]
    }

    /// The segment holding the byte at `offset`, or the one ending at `offset` when `end` is
    /// set (the last byte of a range). Empty segments (variables set to nothing) hold nothing.
    fn segment_at(&self, offset: u32, end: bool) -> Option<&Segment> {
        let mut found = None;
        for segment in &self.segments {
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
}
