use super::*;

/// `registry | path | tag | digest` as found, then the normalized reference, or the errors
/// with the text of their ranges.
fn check(input: &str, expected: &str) {
    let (image, errors) = parse_image_ref(input);
    let actual = if errors.is_empty() {
        format!(
            "{} | {} | {} | {} => {}",
            image.registry().unwrap_or("-"),
            image.path(),
            image.tag().unwrap_or("-"),
            image.digest().unwrap_or("-"),
            image.normalized()
        )
    } else {
        let errors: Vec<String> = errors
            .iter()
            .map(|e| format!("{} @ {:?}", e.message.en, e.range.slice(input)))
            .collect();
        errors.join("; ")
    };
    assert_eq!(actual, expected, "{input:?}");
}

const SHA: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

#[test]
fn valid_references() {
    check("ubuntu", "- | ubuntu | - | - => docker.io/library/ubuntu");
    check(
        "ubuntu:22.04",
        "- | ubuntu | 22.04 | - => docker.io/library/ubuntu:22.04",
    );
    check(
        "user/app:v1",
        "- | user/app | v1 | - => docker.io/user/app:v1",
    );
    check(
        "docker.io/ubuntu",
        "docker.io | ubuntu | - | - => docker.io/library/ubuntu",
    );
    check(
        "index.docker.io/user/app",
        "index.docker.io | user/app | - | - => docker.io/user/app",
    );
    check(
        "ghcr.io/org/app:1.0",
        "ghcr.io | org/app | 1.0 | - => ghcr.io/org/app:1.0",
    );
    check(
        "localhost:5000/app",
        "localhost:5000 | app | - | - => localhost:5000/app",
    );
    check("localhost/app", "localhost | app | - | - => localhost/app");
    check(
        "[::1]:5000/app:x",
        "[::1]:5000 | app | x | - => [::1]:5000/app:x",
    );
    check("Registry/app", "Registry | app | - | - => Registry/app");
    check(
        "host:5000",
        "- | host | 5000 | - => docker.io/library/host:5000",
    );
    check(
        &format!("nginx@{SHA}"),
        &format!("- | nginx | - | {SHA} => docker.io/library/nginx@{SHA}"),
    );
    check(
        &format!("nginx:1.27@{SHA}"),
        &format!("- | nginx | 1.27 | {SHA} => docker.io/library/nginx:1.27@{SHA}"),
    );
    check(
        "a__b/c--d/e.f_g:_",
        "- | a__b/c--d/e.f_g | _ | - => docker.io/a__b/c--d/e.f_g:_",
    );
    // The first element looks like a registry but is not one; the whole name is a valid path,
    // so the reference grammar reads it without registry.
    check(
        "my_host.com/app",
        "- | my_host.com/app | - | - => my_host.com/app",
    );
}

#[test]
fn case_errors() {
    check(
        "Ubuntu",
        "invalid reference format: repository name (library/Ubuntu) must be lowercase @ \"Ubuntu\"",
    );
    check(
        "docker.io/User/app:V1",
        "invalid reference format: repository name (User/app) must be lowercase @ \"User/app\"",
    );
    check(
        &format!("nginx@SHA256:{}", &SHA[7..]),
        "invalid reference format: repository name (library/nginx@SHA256) must be lowercase @ \"nginx@SHA256\"",
    );
    // An uppercase first element is a registry; here it is not a valid one, and lowercasing
    // would fix the whole reference.
    check(
        "Foo_Bar/x",
        "repository name must be lowercase @ \"Foo_Bar/x\"",
    );
}

#[test]
fn format_errors_point_at_the_wrong_part() {
    check(
        "ubuntu:",
        "invalid reference format: invalid tag \"\" (up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-') @ \"\"",
    );
    check(
        "ubuntu:-x",
        "invalid reference format: invalid tag \"-x\" (up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-') @ \"-x\"",
    );
    check(
        "ubuntu@sha256:abc",
        "invalid reference format: invalid digest \"sha256:abc\" (expected algorithm:hex, such as sha256: and 64 hexadecimal digits) @ \"sha256:abc\"",
    );
    check(
        "org//app",
        "invalid reference format: empty repository name component @ \"\"",
    );
    check(
        "org/a..b",
        "invalid reference format: invalid repository name component \"a..b\" (lowercase letters and digits, separated by '.', '_', '__' or '-') @ \"a..b\"",
    );
    check(
        "my_registry:5000/app",
        "invalid reference format: invalid registry \"my_registry:5000\" @ \"my_registry:5000\"",
    );
    check(
        "host:port/app",
        "invalid reference format: invalid registry \"host:port\" @ \"host:port\"",
    );
    check(
        "",
        "invalid reference format: empty repository name component @ \"\"",
    );
    let tag = "t".repeat(129);
    let (_, errors) = parse_image_ref(&format!("app:{tag}"));
    assert_eq!(errors.len(), 1);
}

#[test]
fn digest_validation() {
    let hex64 = &SHA[7..];
    check(
        &format!("app@sha256:{}", hex64.to_uppercase()),
        "invalid checksum digest format: hexadecimal digits must be lowercase @ \"sha256:0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF\"",
    );
    check(
        &format!("app@sha256:{}", &hex64[..40]),
        "invalid checksum digest length: sha256 wants 64 hexadecimal digits, not 40 @ \"sha256:0123456789abcdef0123456789abcdef01234567\"",
    );
    check(
        &format!("app@md5:{}", &hex64[..32]),
        "unsupported digest algorithm \"md5\" (sha256, sha384 or sha512) @ \"md5:0123456789abcdef0123456789abcdef\"",
    );
    let (image, errors) = parse_image_ref(&format!("app@sha512:{}", hex64.repeat(2)));
    assert!(errors.is_empty());
    assert!(image.has_digest());
}

#[test]
fn identifiers_and_long_names() {
    let id = &SHA[7..];
    check(
        id,
        &format!(
            "invalid repository name ({id}), cannot specify 64-byte hexadecimal strings @ {id:?}"
        ),
    );
    let long = format!("org/{}", "a".repeat(260));
    let (_, errors) = parse_image_ref(&long);
    assert_eq!(
        errors[0].message.en,
        "repository name must not be more than 255 characters"
    );
}

#[test]
fn helpers() {
    let (image, _) = parse_image_ref("nginx");
    assert!(image.is_untagged());
    assert!(image.is_latest_or_untagged());
    assert!(image.is_docker_hub());
    assert_eq!(image.familiar_name(), "nginx");
    let (image, _) = parse_image_ref("docker.io/library/nginx:latest");
    assert!(image.is_latest_or_untagged());
    assert_eq!(image.familiar(), "nginx:latest");
    let (image, _) = parse_image_ref(&format!("nginx@{SHA}"));
    assert!(!image.is_latest_or_untagged());
    assert!(image.has_digest());
    let (image, _) = parse_image_ref("docker.io/org/app:1");
    assert_eq!(image.familiar_name(), "org/app");
    let (image, _) = parse_image_ref("localhost:5000/team/app:2");
    assert_eq!(image.registry_host(), Some("localhost"));
    assert_eq!(image.registry_port(), Some("5000"));
    assert_eq!(image.familiar(), "localhost:5000/team/app:2");
    assert!(!image.is_docker_hub());
    let (image, _) = parse_image_ref("[fe80::1]/app");
    assert_eq!(image.registry_host(), Some("[fe80::1]"));
    assert_eq!(image.registry_port(), None);
    assert!(parse_image_ref("scratch").0.is_scratch());
    assert!(!parse_image_ref("Scratch").0.is_scratch());
    let (image, _) = parse_image_ref("ghcr.io/org/app:1.0");
    assert_eq!(image.tag_range(), Some(TextRange::new(16, 19)));
    assert_eq!(image.path_range(), TextRange::new(8, 15));
}

proptest::proptest! {
    #[test]
    fn never_panics_and_ranges_fit(text in "[a-zA-Z0-9._:/@\\[\\]é-]{0,40}") {
        let (image, errors) = parse_image_ref(&text);
        let mut ranges = vec![image.path_range()];
        ranges.extend(image.registry_range());
        ranges.extend(image.tag_range());
        ranges.extend(image.digest_range());
        ranges.extend(errors.iter().map(|e| e.range));
        for range in ranges {
            proptest::prop_assert!(range.start <= range.end && range.end as usize <= text.len());
            proptest::prop_assert!(text.is_char_boundary(range.start as usize));
            proptest::prop_assert!(text.is_char_boundary(range.end as usize));
        }
        let _ = (image.normalized(), image.familiar(), image.registry_port());
    }
}
