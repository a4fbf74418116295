use super::*;

/// Each config as `ip|published->target/proto`, or the errors with the text of their range.
fn compose(input: &str) -> String {
    let (port, errors) = parse_compose_port(input);
    if !errors.is_empty() {
        let errors: Vec<String> = errors
            .iter()
            .map(|e| format!("{} @ {:?}", e.message.en, e.range.slice(input)))
            .collect();
        return errors.join("; ");
    }
    let configs: Vec<String> = port
        .configs
        .iter()
        .map(|c| format!("{}|{}->{}/{}", c.host_ip, c.published, c.target, c.protocol))
        .collect();
    configs.join(" ")
}

fn check(input: &str, expected: &str) {
    assert_eq!(compose(input), expected, "{input:?}");
}

#[test]
fn compose_short_syntax() {
    check("3000", "|->3000/tcp");
    check("3000/udp", "|->3000/udp");
    check("3000/UDP", "|->3000/udp");
    check("3000/", "|->3000/tcp");
    check("3000/tcp/x", "|->3000/tcp");
    check("8000:8000", "|8000->8000/tcp");
    check("0", "|->0/tcp");
    check("127.0.0.1:8001:8001", "127.0.0.1|8001->8001/tcp");
    check("127.0.0.1::5000", "127.0.0.1|->5000/tcp");
    check("[::1]:6001:6001", "::1|6001->6001/tcp");
    check("6060:6060/udp", "|6060->6060/udp");
    check("12400-12500:1240", "|12400-12500->1240/tcp");
    check("3000-3002", "|->3000/tcp |->3001/tcp |->3002/tcp");
    check("9090-9091:8080-8081", "|9090->8080/tcp |9091->8081/tcp");
    // compose-go sorts the expanded ports as strings.
    check("8-10", "|->10/tcp |->8/tcp |->9/tcp");
    check("1-2-3", "|->1/tcp |->2/tcp");
}

#[test]
fn compose_errors() {
    check(
        "8000:80:80:80",
        "invalid IP address 8000:80: too many colons in address @ \"8000:80\"",
    );
    check(
        "::1:80:80",
        "invalid IP address ::1: too many colons in address @ \"::1\"",
    );
    check(
        "10.0.0.256:80:80",
        "invalid IP address: 10.0.0.256 @ \"10.0.0.256\"",
    );
    check("80:", "no port specified: 80:<empty> @ \"\"");
    check(
        "65536",
        "invalid containerPort: 65536 (a port from 0 to 65535, or a range such as 8000-8010) @ \"65536\"",
    );
    check(
        "abc:80",
        "invalid hostPort: abc (a port from 0 to 65535, or a range such as 8000-8010) @ \"abc\"",
    );
    check(
        "9-8",
        "invalid containerPort: 9-8 (a port from 0 to 65535, or a range such as 8000-8010) @ \"9-8\"",
    );
    check(
        "8000-8002:80-81",
        "invalid ranges specified for container and host ports: 80-81 and 8000-8002 (they must have the same length, or the container side a single port) @ \"8000-8002:80-81\"",
    );
    check(
        "80/icmp",
        "invalid proto: icmp (tcp, udp or sctp) @ \"icmp\"",
    );
}

#[test]
fn compose_parts_keep_their_ranges() {
    let input = "127.0.0.1:8000-8001:80-81/udp";
    let (port, errors) = parse_compose_port(input);
    assert!(errors.is_empty());
    let slice = |r: Option<TextRange>| r.map(|r| r.slice(input));
    assert_eq!(slice(port.parts.host_ip), Some("127.0.0.1"));
    assert_eq!(slice(port.parts.host_port), Some("8000-8001"));
    assert_eq!(port.parts.container_port.slice(input), "80-81");
    assert_eq!(slice(port.parts.protocol), Some("udp"));
    assert_eq!(port.configs.len(), 2);
}

fn expose(input: &str) -> String {
    let (port, errors) = parse_expose_port(input);
    let mut out = port.exposed().join(" ");
    if port.protocol_not_lowercase {
        out.push_str(" | casing");
    }
    if port.has_host_part {
        out.push_str(" | host part");
    }
    for error in errors {
        out.push_str(&format!(
            " | {} @ {:?}",
            error.message.en,
            error.range.slice(input)
        ));
    }
    out
}

#[test]
fn expose_arguments() {
    assert_eq!(expose("80"), "80/tcp");
    assert_eq!(expose("80/udp"), "80/udp");
    assert_eq!(expose("80/TCP"), "80/tcp | casing");
    assert_eq!(expose("8000-8002/udp"), "8000/udp 8001/udp 8002/udp");
    assert_eq!(expose("8000-8000"), "8000/tcp");
    assert_eq!(expose("+80"), "80/tcp");
    assert_eq!(expose("8080:80"), "80/tcp | host part");
    assert_eq!(expose("127.0.0.1:8080:80"), "80/tcp | host part");
    assert_eq!(expose("[::1]:8080:80"), "80/tcp | host part");
}

#[test]
fn expose_errors() {
    assert_eq!(
        expose("70000"),
        "70000/tcp | invalid containerPort: 70000: port 70000 is out of range (0–65535) @ \"70000\""
    );
    assert_eq!(
        expose("-1"),
        " | invalid containerPort: -1: value is empty @ \"-1\""
    );
    assert_eq!(
        expose("80/tcp/x"),
        " | invalid port: \"80/tcp/x\": invalid proto: tcp/x (tcp, udp or sctp) @ \"tcp/x\""
    );
    assert_eq!(
        expose("/tcp"),
        " | invalid port: \"/tcp\": no port specified @ \"\""
    );
    assert_eq!(
        expose("90-80"),
        " | invalid containerPort: 90-80: the range ends before it starts @ \"90-80\""
    );
    assert_eq!(
        expose("1.2.3:80:80"),
        " | host part | invalid IP address: 1.2.3 @ \"1.2.3\""
    );
    assert_eq!(
        expose("8000-8001:80-82"),
        "80/tcp 81/tcp 82/tcp | host part | invalid ranges specified for container and host ports: 80-82 and 8000-8001 @ \"8000-8001:80-82\""
    );
}

proptest::proptest! {
    #[test]
    fn never_panics_and_ranges_fit(text in "[0-9:./\\-\\[\\]a-fA-Fé ]{0,24}") {
        let (compose, errors) = parse_compose_port(&text);
        let (expose, expose_errors) = parse_expose_port(&text);
        let mut ranges: Vec<TextRange> = errors.iter().chain(&expose_errors).map(|e| e.range).collect();
        for parts in [&compose.parts, &expose.parts] {
            ranges.push(parts.container_port);
            ranges.extend(parts.host_ip);
            ranges.extend(parts.host_port);
            ranges.extend(parts.protocol);
        }
        for range in ranges {
            proptest::prop_assert!(range.start <= range.end && range.end as usize <= text.len());
            proptest::prop_assert!(text.is_char_boundary(range.start as usize));
            proptest::prop_assert!(text.is_char_boundary(range.end as usize));
        }
    }
}
