//! saphyr-parser counts positions in characters; berth's ranges are byte offsets. This turns
//! one into the other in constant time per position after one pass over the text.

/// How many characters apart the remembered byte offsets are: a lookup walks at most this
/// many characters, and the table takes 4 bytes per this many characters.
const STRIDE: usize = 32;

/// Byte offsets of every [`STRIDE`]-th character of a text.
pub(crate) struct CharOffsets<'a> {
    text: &'a str,
    /// Empty for an ASCII text, where character indices are byte offsets.
    checkpoints: Vec<u32>,
}

impl<'a> CharOffsets<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let checkpoints = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .step_by(STRIDE)
                .map(|(offset, _)| offset as u32)
                .collect()
        };
        CharOffsets { text, checkpoints }
    }

    /// The byte offset of the character at `index`; an index past the end maps to the end of
    /// the text.
    pub(crate) fn byte_offset(&self, index: usize) -> u32 {
        let len = self.text.len() as u32;
        if self.checkpoints.is_empty() {
            return (index as u32).min(len);
        }
        let Some(&start) = self.checkpoints.get(index / STRIDE) else {
            return len;
        };
        let rest = &self.text[start as usize..];
        match rest.char_indices().nth(index % STRIDE) {
            Some((offset, _)) => start + offset as u32,
            None => len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_indices_become_byte_offsets() {
        let text = "é".repeat(100) + "x";
        let offsets = CharOffsets::new(&text);
        assert_eq!(offsets.byte_offset(0), 0);
        assert_eq!(offsets.byte_offset(1), 2);
        assert_eq!(offsets.byte_offset(33), 66);
        assert_eq!(offsets.byte_offset(100), 200);
        assert_eq!(offsets.byte_offset(101), 201);
        assert_eq!(offsets.byte_offset(5000), 201);
        let ascii = CharOffsets::new("abc");
        assert_eq!(ascii.byte_offset(2), 2);
        assert_eq!(ascii.byte_offset(9), 3);
    }
}
