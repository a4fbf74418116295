use crate::text::FileId;
use crate::yaml::dump_document;
use crate::yaml::tests::assert_document_valid;

use super::*;

/// Parses `input` and snapshots the dump of the whole document, with the input beside it.
macro_rules! check {
    ($input:expr) => {{
        let input: &str = $input;
        let document = parse(input, FileId(0));
        assert_document_valid(&document, input);
        insta::with_settings!({ description => input, omit_expression => true }, {
            insta::assert_snapshot!(dump_document(&document, input));
        });
    }};
}

/// The English message of the only error of `input`, and its range as text.
fn error(input: &str) -> (String, String) {
    let document = parse(input, FileId(0));
    assert_document_valid(&document, input);
    assert_eq!(document.errors.len(), 1, "{:?}", document.errors);
    let error = &document.errors[0];
    (
        error.message.en.to_string(),
        error.range.slice(input).to_owned(),
    )
}

#[test]
fn daemon_json() {
    check!(
        r#"{
  "log-driver": "json-file",
  "log-opts": {"max-size": "10m", "max-file": "3"},
  "live-restore": true,
  "userns-remap": null,
  "default-ulimits": {"nofile": {"Hard": 64000, "Soft": -1.5e3}},
  "dns": ["8.8.8.8", "1.1.1.1"],
  "labels": []
}"#
    );
}

#[test]
fn strings_are_unescaped() {
    check!(r#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\u263A", "\ud83d\ude00", "\ud800x", "été"]"#);
}

#[test]
fn any_top_level_value() {
    check!("  42 \n");
}

#[test]
fn empty_text_has_no_root_and_no_error() {
    let document = parse(" \n\t", FileId(0));
    assert!(document.roots.is_empty());
    assert!(document.errors.is_empty());
    assert!(parse("", FileId(0)).errors.is_empty());
}

#[test]
fn byte_order_mark_is_skipped() {
    let document = parse("\u{feff}{\"a\": 1}", FileId(0));
    assert!(document.errors.is_empty());
    assert_eq!(document.roots[0].range, TextRange::new(3, 11));
}

#[test]
fn duplicate_keys_are_kept_and_reported() {
    check!("{\"debug\": true,\n \"debug\": false}");
}

#[test]
fn trailing_commas_and_comments_are_reported_and_read_past() {
    check!(
        r#"{
  // registry mirrors
  "registry-mirrors": ["https://m.example",],
  /* block */ "debug": true,
}"#
    );
}

#[test]
fn missing_comma_is_reported_and_read_past() {
    check!("{\"a\": 1\n \"b\": [1 2]}");
}

#[test]
fn syntax_error_keeps_the_partial_tree() {
    check!("{\"a\": {\"b\": [1, 'x'], \"c\": 2}}");
}

#[test]
fn errors_use_go_wording() {
    let cases = [
        (
            "{a: 1}",
            "invalid character 'a' looking for beginning of object key string",
            "a",
        ),
        ("{\"a\" 1}", "invalid character '1' after object key", "1"),
        ("[1] x", "invalid character 'x' after top-level value", "x"),
        ("[01]", "invalid character '1' after array element", "1"),
        ("[-]", "invalid character ']' in numeric literal", "]"),
        (
            "[1.]",
            "invalid character ']' after decimal point in numeric literal",
            "]",
        ),
        (
            "[1e+]",
            "invalid character ']' in exponent of numeric literal",
            "]",
        ),
        (
            "[tru]",
            "invalid character ']' in literal true (expecting 'e')",
            "]",
        ),
        ("[nul", "unexpected end of JSON input", ""),
        (
            "\"a\tb\"",
            "invalid character '\\t' in string literal",
            "\t",
        ),
        (
            "\"\\x\"",
            "invalid character 'x' in string escape code",
            "x",
        ),
        (
            "\"\\u12g4\"",
            "invalid character 'g' in \\u hexadecimal character escape",
            "g",
        ),
        ("[\"é", "unexpected end of JSON input", ""),
        ("{\"a\": 1", "unexpected end of JSON input", ""),
        (
            "é",
            "invalid character 'é' looking for beginning of value",
            "é",
        ),
        (
            "{\"a\":1}}",
            "invalid character '}' after top-level value",
            "}",
        ),
    ];
    for (input, message, at) in cases {
        assert_eq!(error(input), (message.to_owned(), at.to_owned()), "{input}");
    }
}

#[test]
fn french_messages() {
    let document = parse("{\"a\" 1}", FileId(0));
    assert_eq!(
        document.errors[0].message.fr,
        "caractère '1' inattendu après une clé (« : » attendu)"
    );
    let document = parse("[tru]", FileId(0));
    assert_eq!(
        document.errors[0].message.fr,
        "caractère ']' inattendu dans le mot-clé true (attendu : 'e')"
    );
}

#[test]
fn deep_nesting_is_refused() {
    let input = "[".repeat(10_000);
    let document = parse(&input, FileId(0));
    assert_eq!(document.errors.len(), 1);
    assert!(document.errors[0].message.en.contains("deeper than 256"));
    assert_eq!(document.roots.len(), 1);
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn any_text_parses_with_valid_ranges(text in any::<String>()) {
            assert_document_valid(&parse(&text, FileId(0)), &text);
        }

        #[test]
        fn json_like_text_parses_with_valid_ranges(
            text in r#"([{}\[\]:,"\\ \n0-9.eE+\-tfnrulasx/*]|\\u[0-9a-fA-F]{0,4}|é|日){0,80}"#
        ) {
            assert_document_valid(&parse(&text, FileId(0)), &text);
        }
    }
}
