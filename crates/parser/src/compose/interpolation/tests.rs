use super::*;

const ENV: [(&str, &str); 3] = [("FOO", "first"), ("BAR", ""), ("JSON", "{\"json\":2}")];

/// The value, then `unset:` names and `error:` messages if any.
fn process(input: &str) -> String {
    let (template, mut errors) = parse_template(input);
    let result = interpolate(&template, &ENV);
    errors.extend(result.errors);
    let mut out = result.value;
    for unset in &result.unset {
        out.push_str(&format!(
            " | unset: {} @ {:?}",
            unset.name,
            unset.range.slice(input)
        ));
    }
    for error in &errors {
        out.push_str(&format!(
            " | error: {} @ {:?}",
            error.message.en,
            error.range.slice(input)
        ));
    }
    out
}

fn check(input: &str, expected: &str) {
    assert_eq!(process(input), expected, "{input:?}");
}

#[test]
fn plain_references_and_escapes() {
    check("$FOO", "first");
    check("${FOO}", "first");
    check("$foo", " | unset: foo @ \"$foo\"");
    check("a$FOO-b", "afirst-b");
    check("$$FOO", "$FOO");
    check("$$$FOO", "$first");
    check("$}", "$}");
    check("$", "$");
    check("a $ b", "a $ b");
    check("$1", "$1");
    check("${FOO}${FOO}", "firstfirst");
    check("${UNSET}x", "x | unset: UNSET @ \"${UNSET}\"");
    // Go's case folding makes `ſ` and the Kelvin sign name characters.
    check("$ſ", " | unset: ſ @ \"$ſ\"");
}

#[test]
fn invalid_formats() {
    let error = "invalid interpolation format: you may need to escape any $ with another $";
    check("${", &format!(" | error: {error} @ \"${{\""));
    check("${}", &format!("}} | error: {error} @ \"${{}}\""));
    check("${ }", &format!(" }} | error: {error} @ \"${{ }}\""));
    check(
        "${ foo}",
        &format!(" foo}} | error: {error} @ \"${{ foo}}\""),
    );
    check(
        "${foo }",
        &format!("foo }} | error: {error} @ \"${{foo }}\""),
    );
    check(
        "${foo!}",
        &format!("foo!}} | error: {error} @ \"${{foo!}}\""),
    );
    // The default cannot continue on the next line.
    check(
        "${A:-x\n}",
        &format!("A:-x\n}} | error: {error} @ \"${{A:-x\""),
    );
}

#[test]
fn defaults() {
    check("-ok ${BAR:-defaultValue}", "-ok defaultValue");
    check("+ok ${UNSET:-${BAR-defaultValue}}", "+ok ");
    check("-ok ${FOO:-defaultValue}", "-ok first");
    check(":-ok ${UNSET-defaultValue}", ":-ok defaultValue");
    check(":-ok ${BAR-defaultValue}", ":-ok ");
    check("ok ${UNSET_VAR-${FOO} ${FOO}}", "ok first first");
    check("ok ${BAR:-${FOO} ${FOO}}", "ok first first");
    check("${UNSET_VAR-myerror?msg}", "myerror?msg");
    check("ok ${missing:-{\"json\":1}}", "ok {\"json\":1}");
    check("ok ${JSON-{\"json\":1}}", "ok {\"json\":2}");
    check("${A:-x}}", "x}");
    check("${A:-{}}", "{}");
    check("${A:-${B:-${C:-deep}}}", "deep");
    // Unused defaults are not expanded, so their unset variables are not reported.
    check("${FOO:-$NOPE}", "first");
    check("${NOPE:-$ALSO}", " | unset: ALSO @ \"$ALSO\"");
}

#[test]
fn replacements() {
    check("ok ${BAR+$FOO}", "ok first");
    check("ok ${BAR+$FOO ${FOO:+second}}", "ok first second");
    check("${BAR:+x}", "");
    check("${FOO:+x}", "x");
    check("${NOPE+x}", "");
    check("${NOPE:+$ALSO}", "");
}

#[test]
fn required_values() {
    check("ok ${FOO:?err}", "ok first");
    check("ok ${BAR?err}", "ok ");
    check(
        "not ok ${UNSET_VAR:?Mandatory Variable Unset}",
        "not ok  | error: required variable UNSET_VAR is missing a value: Mandatory Variable Unset @ \"${UNSET_VAR:?Mandatory Variable Unset}\"",
    );
    check(
        "${BAR:?empty}",
        " | error: required variable BAR is missing a value: empty @ \"${BAR:?empty}\"",
    );
    check(
        "${UNSET_VAR?}",
        " | error: required variable UNSET_VAR is missing a value @ \"${UNSET_VAR?}\"",
    );
    check(
        "${UNSET_VAR?Mandatory ${FOO}}",
        " | error: required variable UNSET_VAR is missing a value: Mandatory first @ \"${UNSET_VAR?Mandatory ${FOO}}\"",
    );
    check(
        "${UNSET_VAR?bar-baz}",
        " | error: required variable UNSET_VAR is missing a value: bar-baz @ \"${UNSET_VAR?bar-baz}\"",
    );
    check("${FOO?bar-baz}", "first");
}

#[test]
fn earliest_operator_wins() {
    check("${NOPE-a:-b}", "a:-b");
    check("${BAR-a:?b}", "");
    check(
        "${NOPE?a-b}",
        " | error: required variable NOPE is missing a value: a-b @ \"${NOPE?a-b}\"",
    );
}

#[test]
fn structure() {
    let input = "img:${TAG:-${DEFAULT}}-$$x";
    let (template, errors) = parse_template(input);
    assert!(errors.is_empty());
    insta::assert_debug_snapshot!(template);
    let names: Vec<&str> = template
        .variables()
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(names, ["TAG", "DEFAULT"]);
    assert!(!template.is_constant());
    assert!(parse_template("a$$b").0.is_constant());
    assert_eq!(
        unset_variable_message("X").en,
        "The \"X\" variable is not set. Defaulting to a blank string."
    );
}

proptest::proptest! {
    #[test]
    fn never_panics_and_ranges_fit(text in "[${}:?+\\-a-cA_ 0-9é\n]{0,40}") {
        let (template, errors) = parse_template(&text);
        let result = interpolate(&template, &[("a", "1"), ("b", "")]);
        let mut ranges: Vec<TextRange> = errors.iter().chain(&result.errors).map(|e| e.range).collect();
        ranges.extend(result.unset.iter().map(|u| u.range));
        for variable in template.variables() {
            ranges.extend([variable.range, variable.name_range]);
            if let Some(modifier) = &variable.modifier {
                ranges.extend([modifier.operator_range, modifier.operand.range]);
            }
        }
        for range in ranges {
            proptest::prop_assert!(range.start <= range.end && range.end as usize <= text.len());
            proptest::prop_assert!(text.is_char_boundary(range.start as usize));
            proptest::prop_assert!(text.is_char_boundary(range.end as usize));
        }
    }
}
