use crate::text::FileId;

use super::*;

/// Parses `input` and snapshots the dump of the whole document, with the input beside it.
macro_rules! check {
    ($input:expr) => {{
        let input: &str = $input;
        let document = parse(input, FileId(0));
        insta::with_settings!({ description => input, omit_expression => true }, {
            insta::assert_snapshot!(dump_document(&document, input));
        });
    }};
}

#[test]
fn scalar_styles() {
    check!(
        r#"plain: a b
single: 'it''s'
double: "tab\there"
literal: |
  line 1
  line 2

folded: >-
  one
  two
keep: |+
  x

number: 12
empty: ""
"#
    );
}

#[test]
fn block_and_flow_collections() {
    check!(
        r"services:
  web:
    ports:
      - 80:80
      - '443:443'
    command: [sh, -c, {a: b}]
list:
- indentless
-
- - nested
  - pair
"
    );
}

#[test]
fn missing_values_are_empty_plain_scalars_after_the_colon() {
    check!("a:\nb:   \nc: {d, e: }\n? f\n");
}

#[test]
fn tags_as_written() {
    check!(
        r"a: !reset null
b: !override [1]
c: !!str 123
e: !<tag:yaml.org,2002:str> v
f: !custom
  g: 1
"
    );
}

#[test]
fn named_tag_handles() {
    check!("%TAG !e! tag:example.com,2000:\n---\nd: !e!x y\nu: !u!x z\n");
}

#[test]
fn quoted_scalars_end_at_their_quote() {
    check!("a: \"x\" # c\nb: 'it''s' # d\nc: [\"e\\\"\" , 'f']\n");
}

#[test]
fn anchors_and_aliases() {
    check!(
        r"x-env: &env
  A: 1
services:
  web:
    environment: *env
  db:
    environment: &db-env
      B: 2
    image: &img postgres
  other: {environment: *db-env, image: *img}
"
    );
}

#[test]
fn unknown_alias_keeps_parsing() {
    check!("a: *nope\nb: [*also, 2]\nc: 3\n");
}

#[test]
fn merge_keys_are_plain_keys_when_parsed() {
    check!("base: &base {a: 1}\nweb:\n  <<: *base\n  b: 2\n");
}

#[test]
fn duplicate_keys_are_kept_and_reported() {
    check!("a: 1\nb: 2\na: 3\n<<: {}\n<<: {}\n");
}

#[test]
fn comments_everywhere() {
    check!(
        r##"# top
a: 1 # after value
b: "# not" # real
c: d#e
f: | # header
  # content
  text
# after block
g: [1, # in flow
  2]
h: &x # after anchor
  i: 1
#tight
"##
    );
}

#[test]
fn multi_document_stream() {
    check!("a: 1\n---\n- b\n...\n--- c\n---\n");
}

#[test]
fn syntax_error_keeps_the_partial_tree() {
    check!("services:\n  web:\n    image: a\n    ports: [80\n  db:\n    image: b\n# end\n");
}

#[test]
fn bad_indentation_error() {
    check!("a:\n  b: 1\n c: 2\n");
}

#[test]
fn value_with_colon_error_in_french() {
    check!("command: echo a: b\n");
}

#[test]
fn tab_indentation_error() {
    check!("a:\n\tb: 1\n");
}

#[test]
fn crlf_line_endings() {
    check!("a: 1\r\nb: |\r\n  x\r\n# c\r\nd: [e]\r\n");
}

#[test]
fn byte_order_mark() {
    check!("\u{feff}# c\na: 1\n");
}

#[test]
fn non_ascii_ranges_are_bytes() {
    let input = "clé: \"été\" # ça\nnom: 日本 😀\n";
    let document = parse(input, FileId(0));
    let root = &document.roots[0];
    let entry = &root.as_mapping().unwrap().entries[1];
    assert_eq!(entry.value.range.slice(input), "日本 😀");
    assert_eq!(
        root.as_mapping().unwrap().entries[0].key.range.slice(input),
        "clé"
    );
    assert_eq!(document.comments[0].range.slice(input), "# ça");
    check!(input);
}

#[test]
fn empty_and_comment_only_files_have_no_root() {
    assert!(parse("", FileId(0)).roots.is_empty());
    let document = parse("# only\n", FileId(0));
    assert!(document.roots.is_empty());
    assert_eq!(document.comments.len(), 1);
}

#[test]
fn deep_block_nesting_is_refused() {
    let input = "- ".repeat(10_000) + "x\n";
    let document = parse(&input, FileId(0));
    assert_eq!(document.errors.len(), 1);
    assert!(
        document.errors[0].message.en.contains("deeper than 256"),
        "{:?}",
        document.errors
    );
    assert_eq!(document.roots.len(), 1);
}

#[test]
fn deep_mapping_nesting_is_refused() {
    let mut input = String::new();
    for depth in 0..300 {
        input.push_str(&" ".repeat(depth));
        input.push_str("a:\n");
    }
    let document = parse(&input, FileId(0));
    assert!(document.errors[0].message.en.contains("deeper than 256"));
}

#[test]
fn deep_flow_nesting_is_refused() {
    let input = "[".repeat(10_000);
    let document = parse(&input, FileId(0));
    assert_eq!(document.errors.len(), 1);
    assert_eq!(document.errors[0].message.en, "recursion limit exceeded");
}

/// Checks that every range of the tree is inside the text and on character boundaries.
pub(crate) fn assert_ranges_valid(node: &Node, text: &str) {
    let check = |range: crate::text::TextRange| {
        assert!(range.start <= range.end, "{range:?}");
        assert!(
            range.end as usize <= text.len(),
            "{range:?} past {}",
            text.len()
        );
        assert!(text.is_char_boundary(range.start as usize), "{range:?}");
        assert!(text.is_char_boundary(range.end as usize), "{range:?}");
    };
    check(node.range);
    if let Some(tag) = &node.tag {
        check(tag.range);
    }
    if let Some(anchor) = &node.anchor {
        check(anchor.range);
    }
    for via in &node.via {
        check(via.range);
    }
    match &node.kind {
        NodeKind::Sequence(sequence) => {
            for item in &sequence.items {
                assert_ranges_valid(item, text);
            }
        }
        NodeKind::Mapping(mapping) => {
            for entry in &mapping.entries {
                assert_ranges_valid(&entry.key, text);
                assert_ranges_valid(&entry.value, text);
            }
        }
        NodeKind::Scalar(_) | NodeKind::Alias(_) => {}
    }
}

pub(crate) fn assert_document_valid(document: &Document, text: &str) {
    for root in &document.roots {
        assert_ranges_valid(root, text);
    }
    for comment in &document.comments {
        assert!(text.is_char_boundary(comment.range.start as usize));
        assert!(text.is_char_boundary(comment.range.end as usize));
        assert!(comment.range.slice(text).contains(&comment.text));
    }
    for error in &document.errors {
        assert!(error.range.end as usize <= text.len());
        assert!(text.is_char_boundary(error.range.start as usize));
        assert!(text.is_char_boundary(error.range.end as usize));
    }
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn any_text_parses_with_valid_ranges(text in any::<String>()) {
            let document = parse(&text, FileId(0));
            assert_document_valid(&document, &text);
        }

        #[test]
        fn yaml_like_text_parses_with_valid_ranges(
            text in "([a-zé:\\- \\n\\[\\]{},&*!|>#'\"\\t%.?<~0-9]|\\r\\n|日){0,80}"
        ) {
            let document = parse(&text, FileId(0));
            assert_document_valid(&document, &text);
        }
    }
}

/// Parses and resolves `input` and snapshots the resolved roots and every error.
macro_rules! check_resolved {
    ($input:expr) => {{
        let input: &str = $input;
        let document = parse(input, FileId(0));
        let (roots, errors) = resolve_document(&document);
        let resolved = Document {
            roots,
            comments: Vec::new(),
            errors: document.errors.into_iter().chain(errors).collect(),
            file: document.file,
        };
        insta::with_settings!({ description => input, omit_expression => true }, {
            insta::assert_snapshot!(dump_document(&resolved, input));
        });
    }};
}

fn resolve_text(input: &str) -> (Vec<Node>, Vec<crate::message::SyntaxError>) {
    resolve_document(&parse(input, FileId(0)))
}

#[test]
fn aliases_are_copied_with_their_use_site() {
    check_resolved!(
        r"x-env: &env
  A: 1
services:
  web:
    environment: *env
  db:
    environment: &db {B: *env}
  other:
    environment: *db
"
    );
}

#[test]
fn merge_key_single_alias_with_overridden_key() {
    check_resolved!(
        r"x-base: &base
  image: nginx
  restart: always
services:
  web:
    restart: !reset null
    <<: *base
    ports: [80]
"
    );
}

#[test]
fn merge_key_list_earlier_wins_and_inline_mapping() {
    check_resolved!(
        r"a: &a {x: a, y: a}
b: &b {y: b, z: b, w: !override [1]}
m:
  <<: [*a, *b, {v: inline}]
  z: own
"
    );
}

#[test]
fn merge_key_nested_in_anchor() {
    check_resolved!(
        r"base: &base {image: nginx}
web: &web
  <<: *base
  ports: [80]
api:
  <<: *web
"
    );
}

#[test]
fn merge_of_sequence_or_scalar_is_an_error() {
    check_resolved!(
        r"list: &list [1, 2]
a:
  <<: *list
b:
  <<: scalar
c:
  <<: [*list]
d:
  '<<': quoted is a plain key
"
    );
}

#[test]
fn unknown_anchor_and_cycle_are_errors() {
    check_resolved!(
        r"a: *nope
b: &b
  c: *b
d:
  <<: *missing
"
    );
}

#[test]
fn later_anchors_shadow_earlier_ones_in_document_order() {
    let (roots, errors) = resolve_text("a: &a 1\nb: &b [*a]\nc: &a 2\nd: *b\ne: *a\n");
    assert!(errors.is_empty(), "{errors:?}");
    let root = &roots[0];
    assert_eq!(
        root.get("d").unwrap().as_sequence().unwrap().items[0].as_str(),
        Some("1")
    );
    assert_eq!(root.get("e").unwrap().as_str(), Some("2"));
}

#[test]
fn anchors_belong_to_their_document() {
    let (roots, errors) = resolve_text("a: &a 1\n---\nb: *a\n");
    assert_eq!(roots.len(), 2);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].message.en, "unknown anchor 'a' referenced");
}

#[test]
fn alias_bomb_is_refused() {
    let mut input = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let previous = format!("*l{}", level - 1);
        let items = [previous.as_str(); 10].join(", ");
        input.push_str(&format!("l{level}: &l{level} [{items}]\n"));
    }
    let (_, errors) = resolve_text(&input);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].message.en,
        "compose file exceeds maximum node visit limit (100000): aliases expand to too many nodes"
    );
    assert!(errors[0].message.fr.contains("100000 nœuds"));
}

#[test]
fn alias_chains_deeper_than_the_limit_are_refused() {
    let mut input = String::from("a0: &a0 [x]\n");
    for level in 1..300 {
        input.push_str(&format!("a{level}: &a{level} [*a{}]\n", level - 1));
    }
    let document = parse(&input, FileId(0));
    assert!(document.errors.is_empty());
    let (_, errors) = resolve_with_limit(&document.roots[0], usize::MAX);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].message.en.contains("deeper than 256"),
        "{errors:?}"
    );
}

#[test]
fn deepest_allowed_tree_resolves() {
    let input = "- ".repeat(MAX_DEPTH - 1) + "x\n";
    let document = parse(&input, FileId(0));
    assert!(document.errors.is_empty(), "{:?}", document.errors);
    let (resolved, errors) = resolve(&document.roots[0]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(resolved, document.roots[0]);
}

#[test]
fn plain_scalar_readings_under_each_schema() {
    let values = [
        "",
        "~",
        "null",
        "NULL",
        "true",
        "True",
        "TRUE",
        "tRue",
        "false",
        "yes",
        "No",
        "on",
        "OFF",
        "y",
        "n",
        "12",
        "-12",
        "+12",
        "012",
        "0755",
        "08",
        "0o17",
        "0x1F",
        "0b101",
        "1_000",
        "22:22",
        "1:30:00",
        "-1:30",
        "190:20:30.15",
        "1.5",
        "1.",
        ".5",
        "1e3",
        "1.0e+3",
        "-.inf",
        ".NaN",
        "+.INF",
        "2024-01-02",
        "9223372036854775808",
        "1.2.3",
        "80:80",
        "3000-3005",
        "a12",
    ];
    let mut out = String::new();
    for value in values {
        let scalar = Scalar {
            value: value.into(),
            style: ScalarStyle::Plain,
        };
        out.push_str(&format!(
            "{value:>22} | {:<16} | {:<16} | {:?}\n",
            format!("{:?}", scalar.core_reading()),
            format!("{:?}", scalar.yaml11_reading()),
            scalar.go_yaml_reading(),
        ));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn quoted_and_tagged_scalars_are_read_by_their_tag() {
    let (roots, _) = resolve_text("a: '12'\nb: !!int '12'\nc: !!str 12\nd: 12\ne: !!bool x\n");
    let root = &roots[0];
    assert_eq!(root.get("a").unwrap().as_i64(), None);
    assert_eq!(root.get("b").unwrap().as_i64(), Some(12));
    assert_eq!(root.get("c").unwrap().as_i64(), None);
    assert_eq!(root.get("d").unwrap().as_i64(), Some(12));
    assert_eq!(root.get("d").unwrap().as_f64(), Some(12.0));
    assert_eq!(root.get("e").unwrap().as_bool(), None);
    assert_eq!(
        root.get("a").unwrap().as_scalar().unwrap().yaml11_reading(),
        Reading::String
    );
}
