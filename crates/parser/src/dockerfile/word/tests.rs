use super::*;

const ENV: [(&str, &str); 4] = [
    ("PWD", "/home"),
    ("SHELL", "bash"),
    ("KOREAN", "한국어"),
    ("NULL", ""),
];

/// The expanded word, or `error: ` and the English messages of every error.
fn process(input: &str, escape: char, env: &[(&str, &str)]) -> String {
    let (word, mut errors) = parse_word(input, escape);
    let expansion = expand(&word, env);
    errors.extend(expansion.errors);
    if errors.is_empty() {
        expansion.value
    } else {
        let messages: Vec<&str> = errors.iter().map(|e| e.message.en.as_ref()).collect();
        format!("error: {}", messages.join("; "))
    }
}

fn check(input: &str, expected: &str) {
    assert_eq!(process(input, '\\', &ENV), expected, "input {input:?}");
}

fn check_with(input: &str, env: &[(&str, &str)], expected: &str) {
    assert_eq!(process(input, '\\', env), expected, "input {input:?}");
}

fn check_words(input: &str, env: &[(&str, &str)], expected: &[&str]) {
    let (word, errors) = parse_word(input, '\\');
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(expand(&word, env).words, expected, "input {input:?}");
}

#[test]
fn quotes_and_escapes_are_removed() {
    check("hello", "hello");
    check("he'll'o", "hello");
    check("he\\'llo", "he'llo");
    check("abc\\tdef", "abctdef");
    check("\"abc\\tdef\"", "abc\\tdef");
    check("\"abc\\\\tdef\"", "abc\\tdef");
    check("'abc\\tdef'", "abc\\tdef");
    check("hello\\", "hello");
    check("hello\\\\", "hello\\");
    check("\"hel'lo\"", "hel'lo");
    check("'hello\\'", "hello\\");
    check("\"''\"", "''");
    check("'\"hi\"'", "\"hi\"");
    check("안'녕'하세요", "안녕하세요");
}

#[test]
fn unterminated_quotes_are_errors() {
    check(
        "he'llo",
        "error: unexpected end of statement while looking for matching single-quote",
    );
    check(
        "he\\\\'llo",
        "error: unexpected end of statement while looking for matching single-quote",
    );
    check(
        "\"hello\\\"",
        "error: unexpected end of statement while looking for matching double-quote",
    );
    check(
        "\"hello",
        "error: unexpected end of statement while looking for matching double-quote",
    );
}

#[test]
fn dollar_forms() {
    check("$.", "$.");
    check("he$.x", "he$.x");
    check("a$", "a$");
    check("he$1x", "hex");
    check("he$pwd.", "he.");
    check("he$PWD", "he/home");
    check("he\\$PWD", "he$PWD");
    check("he\\\\$PWD", "he\\/home");
    check("\"he\\$PWD\"", "he$PWD");
    check("\"he\\\\$PWD\"", "he\\/home");
    check("'$PWD'", "$PWD");
    check("'\\$PWD'", "\\$PWD");
    check("\"he'$PWD'\"", "he'/home'");
    check("\\${}", "${}");
    check("he\\${}xx", "he${}xx");
    check("안녕$KOREAN", "안녕한국어");
    check("he${hi}xx", "hexx");
    check("he${PWD}", "he/home");
    check("${aaa}}", "}");
}

#[test]
fn positional_and_special_parameters_are_names() {
    for input in [
        "$1",
        "${1}",
        "${1:+bbb}",
        "$999",
        "${001}",
        "$@",
        "${*}",
        "$#",
        "$?",
        "$-",
    ] {
        check(input, "");
    }
    for input in ["$$", "${$}", "$!", "${0}", "${0:+bbb}"] {
        check(input, "");
    }
    check("${1:-bbb}", "bbb");
    check("${999:-bbb}aaa", "bbbaaa");
    check("$999aaa", "aaa");
    check("$001aaa", "aaa");
    check("$@@@", "@@");
    check("${@:-bbb}aaa", "bbbaaa");
    check("${#:-bbb}", "bbb");
    check("${?:+bbb}", "");
}

#[test]
fn names_follow_go_letter_and_digit_classes() {
    check_with("$été.", &[("été", "summer")], "summer.");
    // A Devanagari vowel sign is not a Go letter: the name stops before it.
    check_with("$क\u{93e}", &[("क", "ka")], "ka\u{93e}");
    // Digits of any script: `$٣x` is the positional parameter `٣` then `x`.
    check("$٣x", "x");
}

#[test]
fn default_alternative_and_required_modifiers() {
    check("he${XXX:-000}xx", "he000xx");
    check("he${PWD:-000}xx", "he/homexx");
    check("he${XXX:-$PWD}xx", "he/homexx");
    check("he${XXX:-${PWD:-yyy}}xx", "he/homexx");
    check("he${XXX:-${YYY:-yyy}}xx", "heyyyxx");
    check("${NULL:-x}", "x");
    check("${NULL-x}", "");
    check("${XXX-x}", "x");
    check("he${XXX:+${PWD}}xx", "hexx");
    check("he${PWD:+${XXX}}xx", "hexx");
    check("he${PWD:+${SHELL}}xx", "hebashxx");
    check("${NULL:+x}", "");
    check("${NULL+x}", "x");
    check("he${PWD?}", "he/home");
    check("he${PWD:?}", "he/home");
    check("he${NULL?}", "he");
    check("he${XXX?}", "error: XXX: is not allowed to be unset");
    check("he${XXX:?}", "error: XXX: is not allowed to be unset");
    check("he${NULL:?}", "error: NULL: is not allowed to be empty");
    check(
        "${XXX:?set it with --build-arg}",
        "error: XXX: set it with --build-arg",
    );
    check("${XXX?$PWD is home}", "error: XXX: /home is home");
    check("he${PWD:+${PWD}:}xx", "he/home:xx");
    check("he${XXX:-\\$PWD:}xx", "he$PWD:xx");
    // The escaped `$` makes `${PWD` literal, and its `}` closes the default.
    check("he${XXX:-\\${PWD}z}xx", "he${PWDz}xx");
    check("${aaa:-bbb}}", "bbb}");
    check("${aaa:-bbb {foo}", "bbb {foo");
    check("${aaa:-'b }'}", "b }");
    check("${aaa:-\"${PWD}\"}", "/home");
}

#[test]
fn operands_are_always_expanded() {
    // BuildKit expands the default even when the variable is set, so an error in it fails the
    // word.
    check("${PWD:-${XXX:?boom}}", "error: XXX: boom");
    let (word, _) = parse_word("${PWD:-$OTHER}", '\\');
    let expansion = expand(&word, &ENV);
    let read: Vec<(&str, bool)> = expansion
        .references
        .iter()
        .map(|r| (r.name.as_str(), r.set))
        .collect();
    assert_eq!(read, [("OTHER", false), ("PWD", true)]);
}

#[test]
fn malformed_references() {
    for input in [
        "${}", "${}aaa", "he${}xx", "${{aaa}", "${:}", "${:-bbb}", "${:+bbb}",
    ] {
        check(input, "error: syntax error: bad substitution");
    }
    for input in [
        "he${PWD",
        "${aaa",
        "${aaa:-bbb",
        "${aaa:-bbb ${foo}",
        "${",
        "${a:",
        "${a:-'abc",
    ] {
        check(input, "error: syntax error: missing '}'");
    }
    check("he${.}", "error: unsupported modifier (.) in substitution");
    check(
        "he${PWD:=000}xx",
        "error: unsupported modifier (:=) in substitution",
    );
    check(
        "he${XXX:YYY}",
        "error: unsupported modifier (:Y) in substitution",
    );
    check(
        "${FOO=:aaa}",
        "error: unsupported modifier (=) in substitution",
    );
    check("${FOO=}", "error: unsupported modifier (=) in substitution");
    for input in ["${FOO:#}", "${FOO:##}", "${FOO:%}", "${FOO:%%}"] {
        let operator = &input[5..7];
        check(
            input,
            &format!("error: unsupported modifier ({operator}) in substitution"),
        );
    }
    check("${FOO//ww}", "error: syntax error: missing '/' in ${}");
    check("${FOO//}", "error: syntax error: missing '/' in ${}");
    // Forms BuildKit accepts although they look broken: the name is empty.
    check("${%x}", "");
    check("${/a/b}", "");
    check("${+x}", "");
}

#[test]
fn errors_are_all_reported_with_their_range() {
    let input = "${}x${PWD=1}y${ok}";
    let (_, errors) = parse_word(input, '\\');
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.range.slice(input), e.message.en.as_ref()))
        .collect();
    assert_eq!(
        found,
        [
            ("${}", "syntax error: bad substitution"),
            ("=", "unsupported modifier (=) in substitution"),
        ]
    );
    let (_, errors) = parse_word("a ${B:-'c", '\\');
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].range, TextRange::new(2, 9));
}

#[test]
fn prefix_and_suffix_patterns() {
    let foo = |value| [("FOO", value)];
    check_with(
        "${FOO#()[]{\\}^$.\\*\\?|\\\\}",
        &foo("()[]{}^$.*?|\\x"),
        "x",
    );
    check_with("${FOO%%\\**}", &foo("xx**"), "xx");
    check_with("${FOO#*x*y}", &foo("xxyy"), "y");
    check_with("${FOO#*}", &foo("xxyy"), "xxyy");
    check_with("${FOO##*}", &foo("xxyy"), "");
    check_with("${FOO#}", &foo("xxyy"), "xxyy");
    check_with("${FOO##*x}", &foo("xxyy"), "yy");
    check_with("${FOO#?\\?}", &foo("???y"), "?y");
    check_with("${FOO%%\\**\\*}", &foo("a***yy*"), "a");
    check_with("${FOO%y*}", &foo("xxyy"), "xxy");
    check_with("${FOO%%y*}", &foo("xxyy"), "xx");
    check_with("${FOO%.*}", &foo("archive.tar.gz"), "archive.tar");
    check_with("${FOO%%.*}", &foo("archive.tar.gz"), "archive");
    check_with("${FOO##*/}", &foo("/usr/local/bin"), "bin");
    check_with("${FOO#*/}", &foo("/usr/local/bin"), "usr/local/bin");
    check_with("${ABC:-.}${FOO%x}${ABC:-.}", &foo("xxyy"), ".xxyy.");
    // Wildcards do not cross a line break, as Go's `.`.
    check_with("${FOO##*}", &foo("a\nb"), "\nb");
}

#[test]
fn pattern_variables_are_globs_and_decide_greediness() {
    let env = [
        ("FOO", "xxyy"),
        ("BAR", "x"),
        ("EMPTY", ""),
        ("HASH", "#*x"),
    ];
    check_with("${FOO#$BAR}", &env, "xyy");
    check_with("${FOO#$EMPTY}", &env, "xxyy");
    check_with("${FOO%%$EMPTY}", &env, "xxyy");
    // The expanded pattern starts with `#`: BuildKit takes it as `##`.
    check_with("${FOO#$HASH}", &env, "yy");
    check_with("${FOO#'#*x'}", &env, "yy");
    // A pattern ending with a lone backslash is reversed before it is read, so for a suffix
    // it escapes the character before it.
    check_with("${FOO%$P}", &[("FOO", "a*"), ("P", "*\\")], "a");
    check_with(
        "${FOO#$P}",
        &[("FOO", "a*"), ("P", "*\\")],
        "error: invalid pattern (*\\) in substitution: invalid escape '\\\u{fffd}'",
    );
    check_with(
        "${FOO#\\a}",
        &[("FOO", "a")],
        "error: invalid pattern (\\a) in substitution: invalid escape '\\a'",
    );
}

#[test]
fn replacements() {
    let env = |foo, needle, replacement| [("FOO", foo), ("NEEDLE", needle), ("R", replacement)];
    check_with(
        "${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}",
        &env("/foo*/*/*.txt", "\\*/", ""),
        "/foo.*/*.txt - /foo..*.txt",
    );
    check_with(
        "${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}",
        &env("/tmp/tmp/bar.txt", "/tmp", ""),
        "/tmp/bar.txt - /bar.txt",
    );
    check_with(
        "${FOO/$NEEDLE/$R} - ${FOO//$NEEDLE/$R}",
        &env("/a/foo/b/c.txt", "/?/", "/"),
        "/foo/b/c.txt - /foo/c.txt",
    );
    check_with(
        "${FOO/$NEEDLE/$R}",
        &env("http://example.com", "http://", "https://"),
        "https://example.com",
    );
    check_with(
        "${FOO//\\//\\/}",
        &env("/tmp/foo.txt", "", ""),
        "\\/tmp\\/foo.txt",
    );
    check_with("${FOO/$NEEDLE/ww}", &env("xxyy", "", ""), "wwxxyy");
    check_with("${FOO///}", &env("xxyy", "", ""), "xxyy");
    check_with("${FOO///}", &[], "");
    // Wildcards are greedy: the first match is the longest.
    check_with("${FOO/x*y/-}", &env("axbyc", "", ""), "a-c");
    // An empty match right after a match is not replaced again, as in Go.
    check_with("${FOO//*/-}", &env("ab", "", ""), "-");
    check_with("${FOO//$NEEDLE/-}", &env("ab", "", ""), "-a-b-");
    // Replace-all expands `$0` in the replacement as Go's regexp does; replace-first does not.
    check_with("${FOO//o/\\$0\\$0}", &env("foo", "", ""), "f\\o\\o\\o\\o");
    check_with("${FOO/o/\\$0}", &env("foo", "", ""), "f\\$0o");
    check_with("${FOO//o/$R}", &env("foo", "", "[$1$$]"), "f[$][$]");
}

#[test]
fn backtick_escape_token() {
    assert_eq!(process("a`$PWD", '`', &ENV), "a$PWD");
    assert_eq!(process("C:\\path\\$PWD", '`', &ENV), "C:\\path\\/home");
    assert_eq!(process("\"a`\"b\"", '`', &ENV), "a\"b");
}

#[test]
fn heredoc_bodies_keep_quotes() {
    let (word, errors) = parse_heredoc_body("echo \"$PWD\" '$SHELL' \\$HOME");
    assert!(errors.is_empty());
    assert_eq!(expand(&word, &ENV).value, "echo \"/home\" 'bash' $HOME");
}

#[test]
fn words_split_after_expansion() {
    let env = [
        ("hi", "hi"),
        ("space", "abc  def"),
        ("leading", "  ab c"),
        ("trailing", "ab c   "),
    ];
    check_words("hello${hi}bye", &env, &["hellohibye"]);
    check_words("hello${space}bye", &env, &["helloabc", "defbye"]);
    check_words("hello\"${space}\"bye", &env, &["helloabc  defbye"]);
    check_words("hello \"${space}\"bye", &env, &["hello", "abc  defbye"]);
    check_words("hello${leading}def", &env, &["hello", "ab", "cdef"]);
    check_words("hello\"${leading}\" def", &env, &["hello  ab c", "def"]);
    check_words("hello${trailing}d", &env, &["helloab", "c", "d"]);
    check_words("hel\"lo${trailing}\"", &env, &["helloab c   "]);
    check_words("hello there  ", &env, &["hello", "there"]);
    check_words("hello\\ there", &env, &["hello there"]);
    check_words("hello\\\" there", &env, &["hello\"", "there"]);
    check_words("hello'$there'", &env, &["hello$there"]);
    check_words("'' a", &env, &["a"]);
    check_words("80 ${NOPE} 443", &env, &["80", "443"]);
    check_words("cat <<  EOF", &env, &["cat", "<<  EOF"]);
}

#[test]
fn parts_and_ranges() {
    let input = r#"pre"$A ${B:-d\"q}"'s'\ x${C##*/}${D//a/b}$E"#;
    let (word, errors) = parse_word(input, '\\');
    assert!(errors.is_empty());
    insta::assert_debug_snapshot!(word);
    let names: Vec<(&str, &str)> = word
        .variables()
        .iter()
        .map(|v| (v.name.as_str(), v.range.slice(input)))
        .collect();
    assert_eq!(
        names,
        [
            ("A", "$A"),
            ("B", "${B:-d\\\"q}"),
            ("C", "${C##*/}"),
            ("D", "${D//a/b}"),
            ("E", "$E"),
        ]
    );
}

#[test]
fn pattern_operands_keep_escapes() {
    let (word, _) = parse_word(r#"${A#\*"\t"}"#, '\\');
    let WordPart::Variable(variable) = &word.parts[0] else {
        panic!("not a variable: {word:?}");
    };
    let modifier = variable.modifier.as_ref().unwrap();
    assert!(modifier.operator.takes_pattern());
    let values: Vec<String> = modifier
        .operand
        .parts
        .iter()
        .map(|part| match part {
            WordPart::Escaped(l) | WordPart::Literal(l) => l.value.to_string(),
            WordPart::DoubleQuoted(q) => format!("{:?}", q.parts),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(values[0], "\\*");
}

#[test]
fn instructions_that_expand() {
    assert!(expands_variables("copy"));
    assert!(expands_variables("EXPOSE"));
    assert!(!expands_variables("RUN") || expanded_fields("RUN") == [ExpandedField::MountOptions]);
    for keyword in [
        "CMD",
        "ENTRYPOINT",
        "HEALTHCHECK",
        "SHELL",
        "MAINTAINER",
        "ONBUILD",
    ] {
        assert!(!expands_variables(keyword), "{keyword}");
    }
    assert!(expanded_fields("COPY").contains(&ExpandedField::Flag("--chown")));
    assert!(!expanded_fields("COPY").contains(&ExpandedField::Flag("--from")));
    assert_eq!(expanded_fields("ARG"), [ExpandedField::Values]);
}

fn check_ranges(text: &str, word: &Word) {
    let valid = |range: TextRange| {
        range.start <= range.end
            && range.end as usize <= text.len()
            && text.is_char_boundary(range.start as usize)
            && text.is_char_boundary(range.end as usize)
    };
    fn walk(parts: &[WordPart], check: &dyn Fn(TextRange)) {
        for part in parts {
            match part {
                WordPart::Literal(l) | WordPart::Escaped(l) | WordPart::HeredocMarker(l) => {
                    check(l.range)
                }
                WordPart::SingleQuoted(q) => check(q.range),
                WordPart::DoubleQuoted(q) => {
                    check(q.range);
                    walk(&q.parts, check);
                }
                WordPart::Variable(v) => {
                    check(v.range);
                    check(v.name_range);
                    if let Some(m) = &v.modifier {
                        check(m.operator_range);
                        check(m.operand.range);
                        walk(&m.operand.parts, check);
                        if let Some(r) = &m.replacement {
                            check(r.range);
                            walk(&r.parts, check);
                        }
                    }
                }
            }
        }
    }
    let check = |range: TextRange| assert!(valid(range), "{range:?} in {text:?}");
    check(word.range);
    walk(&word.parts, &check);
}

proptest::proptest! {
    #[test]
    fn never_panics_and_ranges_fit(text in r#"[\\`$'"{}:#%/?+\-*a-cé 0-9<]{0,40}"#) {
        for escape in ['\\', '`'] {
            let (word, errors) = parse_word(&text, escape);
            check_ranges(&text, &word);
            let expansion = expand(&word, &[("a", "x*y"), ("b", "")]);
            for error in errors.iter().chain(&expansion.errors) {
                check_ranges(&text, &Word { parts: vec![], range: error.range });
            }
            for reference in &expansion.references {
                check_ranges(&text, &Word { parts: vec![], range: reference.range });
            }
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,60}") {
        let (word, _) = parse_word(&text, '\\');
        check_ranges(&text, &word);
        let _ = expand(&word, &ENV);
        let (body, _) = parse_heredoc_body(&text);
        check_ranges(&text, &body);
    }
}
