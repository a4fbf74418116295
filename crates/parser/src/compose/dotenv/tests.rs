use super::*;

const PROCESS: [(&str, &str); 2] = [("HOME", "/root"), ("OVERRIDE", "from-process")];

/// `KEY=value` lines (`KEY` alone when unset), then `error: ` lines with the text of their
/// ranges.
fn process(input: &str) -> String {
    let (dotenv, errors) = parse_dotenv(input, &PROCESS);
    let mut lines: Vec<String> = dotenv
        .entries
        .iter()
        .map(|entry| match &entry.value {
            Some(value) => format!("{}={value}", entry.key),
            None => entry.key.clone(),
        })
        .collect();
    lines.extend(
        dotenv
            .unset
            .iter()
            .map(|u| format!("unset: {} @ {:?}", u.name, u.range.slice(input))),
    );
    lines.extend(
        errors
            .iter()
            .map(|e| format!("error: {} @ {:?}", e.message.en, e.range.slice(input))),
    );
    lines.join("\n")
}

fn check(input: &str, expected: &str) {
    assert_eq!(process(input), expected, "{input:?}");
}

#[test]
fn statements() {
    check("FOO=bar", "FOO=bar");
    check("FOO =bar", "FOO=bar");
    check("FOO= bar", "FOO=bar");
    check("OPTION_A: 1", "OPTION_A=1");
    check("OPTION_A: Foo=bar", "OPTION_A=Foo=bar");
    check("OPTION_A=1:B", "OPTION_A=1:B");
    check("FOO.BAR=foobar", "FOO.BAR=foobar");
    check("VAR-WITH-DASHES=x\nA[0]=y", "VAR-WITH-DASHES=x\nA[0]=y");
    check("FOO=foobar=", "FOO=foobar=");
    check("\u{feff}FOO=bar", "FOO=bar");
    check("# comment\n\n  FOO=1\n#x=2\n", "FOO=1");
    check("FOO=\nBAR=1", "FOO=\nBAR=1");
}

#[test]
fn export_prefix() {
    check("export OPTION_A=2", "OPTION_A=2");
    check("export OPTION_B='\\n'", "OPTION_B=\\n");
    check("export exportFoo=2", "exportFoo=2");
    check("exportFOO=2", "exportFOO=2");
    check("export_FOO =2", "export_FOO=2");
    check("export\tOPTION_A=2", "OPTION_A=2");
    check("  export OPTION_A=2", "OPTION_A=2");
    check("export OPTION_A=\"export A\"", "OPTION_A=export A");
    let (dotenv, _) = parse_dotenv("export A=1\nB=2", &PROCESS);
    assert!(dotenv.entries[0].exported);
    assert!(!dotenv.entries[1].exported);
}

#[test]
fn unquoted_values() {
    check("FOO=bar ", "FOO=bar");
    check("FOO=bar # this is foo", "FOO=bar");
    check("FOO=bar #this is foo", "FOO=bar");
    check("FOO=bar #", "FOO=bar");
    check("FOO=123#not-a-comment", "FOO=123#not-a-comment");
    check("FOO=a\\tb", "FOO=a\\tb");
    check("FOO=bar\r\nBAZ=1", "FOO=bar\nBAZ=1");
    check("FOO= #x", "FOO=#x");
}

#[test]
fn quoted_values() {
    check("FOO=\"bar\"", "FOO=bar");
    check("FOO='bar'", "FOO=bar");
    check("FOO=\"escaped\\\"bar\"", "FOO=escaped\"bar");
    check("FOO=\"\\\"quoted\\\"\"", "FOO=\"quoted\"");
    check("FOO=\"'d'\"", "FOO='d'");
    check("FOO=\"bar\\nbaz\"", "FOO=bar\nbaz");
    check("FOO=\"a\\tb\"", "FOO=a\tb");
    check(
        "KEY=\"Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z\"",
        "KEY=Z\u{7}Z\u{8}Z\u{c}Z\nZ\rZ\tZ\u{b}Z\\ZSZ",
    );
    check("FOO=\"\\c \\012 \\0777 \\x\"", "FOO=\\c \\012 \\0777 \\x");
    check("FOO=\"bar#baz\"#", "FOO=bar#baz");
    check("FOO=\"bar\" # comment", "FOO=bar");
    check("OPTION_K='Let\\'s go!'", "OPTION_K=Let's go!");
    check("OPTION_D='\\n'", "OPTION_D=\\n");
    check(
        "OPTION_J = 'first line\nsecond line'\nNEXT=1",
        "OPTION_J=first line\nsecond line\nNEXT=1",
    );
    // What follows the closing quote is read as a new statement.
    check("A=\"1\" B=2", "A=1\nB=2");
    check("A=\"1\"x\n", "A=1\nx");
}

#[test]
fn interpolation_reads_the_process_then_earlier_keys() {
    check("A=$HOME/x", "A=/root/x");
    check("A=1\nB=${A}2", "A=1\nB=12");
    check(
        "OVERRIDE=file\nB=$OVERRIDE",
        "OVERRIDE=file\nB=from-process",
    );
    check("B=\"${C:-dflt}\"", "B=dflt");
    check("A='$HOME'", "A=$HOME");
    check("A=\"foo\\$HOME\"", "A=foo$HOME");
    check("A=$$HOME", "A=$HOME");
    check("A=${NOPE}", "A=\nunset: NOPE @ \"${NOPE}\"");
    check("A=\"x\\n$NOPE\"", "A=x\n\nunset: NOPE @ \"$NOPE\"");
}

#[test]
fn bare_keys_inherit() {
    check("HOME\nA=1", "HOME=/root\nA=1");
    check("MISSING\n", "MISSING");
    check("A=1\nA\n", "A=1\nA=1");
    // Without a line break after it, the last bare word is a value with an empty key.
    check("A=1\nLAST", "A=1\n=LAST");
}

#[test]
fn errors_are_reported_and_reading_goes_on() {
    check(
        "FOO BAR=1\nOK=1",
        "OK=1\nerror: key cannot contain a space @ \"FOO BAR\"",
    );
    check(
        "FOO!=1\nOK=1",
        "OK=1\nerror: unexpected character \"!\" in variable name \"FOO!=1\" @ \"!\"",
    );
    // Compose stops at an unterminated quote; berth goes on at the next line.
    check(
        "A=\"open\nB=1",
        "B=1\nerror: unterminated quoted value \"open @ \"\\\"open\"",
    );
    check(
        "A=${B:?must be set}\nC=1",
        "A=\nC=1\nerror: required variable B is missing a value: must be set @ \"${B:?must be set}\"",
    );
    check(
        "A=\"\\t${\"",
        "A=\t\nerror: invalid interpolation format: you may need to escape any $ with another $ @ \"${\"",
    );
}

#[test]
fn entry_ranges() {
    let input = "export KEY = \"va\\\"l\" # c\nBARE\n";
    let (dotenv, errors) = parse_dotenv(input, &PROCESS);
    assert!(errors.is_empty());
    insta::assert_debug_snapshot!(dotenv);
    assert_eq!(dotenv.get("KEY"), Some("va\"l"));
    assert_eq!(dotenv.get("BARE"), None);
}

proptest::proptest! {
    #[test]
    fn never_panics_and_ranges_fit(text in "[A-Z=:#'\"\\\\ $\\{\\}\n\té!-]{0,50}") {
        let (dotenv, errors) = parse_dotenv(&text, &PROCESS);
        let mut ranges: Vec<TextRange> = errors.iter().map(|e| e.range).collect();
        ranges.extend(dotenv.unset.iter().map(|u| u.range));
        for entry in &dotenv.entries {
            ranges.extend([entry.key_range, entry.value_range, entry.range]);
        }
        for range in ranges {
            proptest::prop_assert!(range.start <= range.end && range.end as usize <= text.len());
            proptest::prop_assert!(text.is_char_boundary(range.start as usize));
            proptest::prop_assert!(text.is_char_boundary(range.end as usize));
        }
    }
}
