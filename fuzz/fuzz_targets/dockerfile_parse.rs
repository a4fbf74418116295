//! The Dockerfile parser never panics, its tokens give back the input byte for byte, and every
//! range it returns lies on character boundaries of the text.

#![no_main]

use berth_parser::dockerfile::{parse, to_debug_tree, to_sexp};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let dockerfile = parse(text);
    let mut offset = 0;
    for token in dockerfile.tokens(text) {
        assert_eq!(token.range.start, offset, "tokens are not contiguous");
        assert!(!token.range.is_empty(), "empty token");
        let _ = token.range.slice(text);
        offset = token.range.end;
    }
    assert_eq!(offset as usize, text.len(), "tokens stop before the end");
    for instruction in dockerfile.instructions_recursive() {
        let _ = instruction.range.slice(text);
        let _ = instruction.keyword_range.slice(text);
        for flag in &instruction.flags {
            let _ = flag.range.slice(text);
        }
        for heredoc in &instruction.heredocs {
            let _ = heredoc.body.slice(text);
        }
        for piece in instruction.file_pieces(instruction.args_logical) {
            let _ = piece.slice(text);
        }
    }
    for error in &dockerfile.errors {
        let _ = error.range.slice(text);
    }
    let _ = to_sexp(&dockerfile);
    let _ = to_debug_tree(&dockerfile, text);
});
