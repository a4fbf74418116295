//! Validation over YAML and JSON text: one test per error kind, several errors in one file,
//! interpolation-friendly values, and the queries the language server uses.

use crate::compose::schema::compose_file;
use crate::host::schema::{client_config_json, daemon_json};
use crate::text::{FileId, LineIndex};
use crate::{json, yaml};

use super::*;

/// Every error of `text` against `shape`, one per line: `line:col kind: message`, then the
/// related places indented. YAML aliases and merge keys are resolved first, as Compose does.
fn render(shape: &'static Shape, text: &str, format: Syntax) -> String {
    let document = match format {
        Syntax::Yaml => yaml::parse(text, FileId(0)),
        Syntax::Json => json::parse(text, FileId(0)),
    };
    assert!(
        document.errors.is_empty(),
        "the fixture must parse: {:?}",
        document.errors
    );
    let Some(root) = document.roots.first() else {
        return String::new();
    };
    let (root, _) = yaml::resolve(root);
    let mut errors = Vec::new();
    validate(&root, shape, &mut errors);
    let lines = LineIndex::new(text);
    let position = |offset: u32| {
        let at = lines.line_column(text, offset);
        format!("{}:{}", at.line, at.column)
    };
    let mut rendered = String::new();
    for error in &errors {
        rendered.push_str(&format!(
            "{} {}: {}\n",
            position(error.range.start),
            error.kind.as_str(),
            error.message.en
        ));
        for related in &error.related {
            rendered.push_str(&format!(
                "  {} {}\n",
                position(related.range.start),
                related.message.en
            ));
        }
    }
    rendered
}

#[derive(Clone, Copy)]
enum Syntax {
    Yaml,
    Json,
}

fn check(text: &str, expected: &str) {
    assert_eq!(render(compose_file(), text, Syntax::Yaml), expected);
}

fn check_daemon(text: &str, expected: &str) {
    assert_eq!(render(daemon_json(), text, Syntax::Json), expected);
}

fn check_client(text: &str, expected: &str) {
    assert_eq!(render(client_config_json(), text, Syntax::Json), expected);
}

#[test]
fn a_valid_file_has_no_errors() {
    check(
        r#"
name: shop
x-common: &common
  restart: unless-stopped
services:
  web:
    <<: *common
    image: nginx:1.27-alpine
    ports: ["127.0.0.1:8080:80", {target: 443, published: "8443", host_ip: "::1"}]
    volumes: [./site:/usr/share/nginx/html:ro, {type: tmpfs, target: /tmp, tmpfs: {size: 64m}}]
    depends_on:
      api: {condition: service_healthy, restart: true}
    healthcheck: {test: ["CMD", "curl", "-f", "http://localhost"], interval: 30s, retries: 3}
    deploy: {resources: {limits: {cpus: "0.5", memory: 256M}}}
    environment: [DEBUG=0, MODE]
    ulimits: {nofile: {soft: 1024, hard: 4096}, nproc: 512}
    x-notes: anything
  api:
    build: {context: ./api, target: prod, args: {VERSION: 1.2}}
    profiles: [backend]
networks:
  default:
volumes:
  data: {driver: local}
"#,
        "",
    );
}

#[test]
fn unknown_keys_suggest_the_closest() {
    check(
        "services:\n  web:\n    image: nginx\n    imgae: nginx\n    helathcheck: {}\nservise: {}\n",
        "4:5 unknown-key: unknown key `imgae` in `services.web` (did you mean `image`?)\n\
         5:5 unknown-key: unknown key `helathcheck` in `services.web` (did you mean `healthcheck`?)\n\
         6:1 unknown-key: unknown top-level key `servise` (did you mean `services`?)\n",
    );
}

#[test]
fn extension_keys_are_allowed_where_the_schema_allows_them() {
    check(
        "x-anchors: {}\nservices:\n  web:\n    image: nginx\n    x-team: blue\n    blkio_config: {x-note: 1}\n",
        "6:20 unknown-key: unknown key `x-note` in `services.web.blkio_config`\n",
    );
}

#[test]
fn extends_lifts_the_need_for_an_image() {
    check(
        "services:\n  web:\n    extends: {service: base, file: base.yaml}\n",
        "",
    );
}

#[test]
fn x_keys_under_services_are_services() {
    // compose-go validates them as services and then refuses one without an image; only
    // top-level `x-` keys are extensions.
    check(
        "services:\n  x-base:\n    environment: {A: 1}\n",
        "2:3 missing-one-of: `services.x-base` needs `image`, `build` or `provider`\n",
    );
}

#[test]
fn a_subtree_is_named_from_the_root() {
    let document = yaml::parse("- 80:80\n- {target: x}\n- 80:80\n", FileId(0));
    let path = [
        Segment::Key("services"),
        Segment::Key("web"),
        Segment::Key("ports"),
    ];
    let mut errors = Vec::new();
    assert!(validate_at(
        &document.roots[0],
        compose_file(),
        &path,
        &mut errors
    ));
    let rendered: Vec<(&str, &str)> = errors
        .iter()
        .map(|error| (error.path.as_str(), &*error.message.en))
        .collect();
    assert_eq!(
        rendered,
        [
            (
                "services.web.ports[1].target",
                "`services.web.ports[1].target` must be an integer, not the string `x`"
            ),
            (
                "services.web.ports[2]",
                "`services.web.ports[2]` repeats an earlier item; the items of this list must be unique"
            ),
        ]
    );
    assert!(!validate_at(
        &document.roots[0],
        compose_file(),
        &[Segment::Key("nope")],
        &mut errors
    ));
}

#[test]
fn errors_convert_to_syntax_errors() {
    let document = yaml::parse(
        "services:\n  web:\n    image: nginx\n    cap_add: [A, A]\n",
        FileId(0),
    );
    let mut errors = Vec::new();
    validate(&document.roots[0], compose_file(), &mut errors);
    let syntax = errors[0].to_syntax_error();
    assert_eq!(syntax.range, errors[0].range);
    assert_eq!(
        syntax.related.map(|related| related.range),
        Some(errors[0].related[0].range)
    );
}

#[test]
fn map_keys_must_match_their_pattern() {
    check(
        "services:\n  my web:\n    image: nginx\n",
        "2:3 invalid-key: `my web` is not a valid key in `services`: use letters, digits, `.`, `_` and `-` only\n",
    );
}

#[test]
fn wrong_types_name_what_was_found() {
    check(
        "services:\n  web:\n    image: [nginx]\n    privileged: maybe\n    ports: \"80:80\"\n    user: 1000\n    build:\n",
        "3:12 wrong-type: `services.web.image` must be an image reference, not a list\n\
         4:17 wrong-type: `services.web.privileged` must be a boolean, not the string `maybe`\n\
         5:12 wrong-type: `services.web.ports` must be a list, not the string `80:80`\n\
         6:11 wrong-type: `services.web.user` must be a string, not the number `1000`\n\
         7:11 wrong-type: `services.web.build` must be a string or a mapping, not an empty value\n",
    );
}

#[test]
fn a_file_that_is_not_a_mapping() {
    check(
        "- web\n",
        "1:1 wrong-type: the file must be a mapping, not a list\n",
    );
}

#[test]
fn enum_values_are_listed_with_a_suggestion() {
    check(
        "services:\n  web:\n    image: nginx\n    cgroup: hots\n    depends_on:\n      db: {condition: service_healty}\n  db:\n    image: postgres\n",
        "4:13 invalid-enum-value: `services.web.cgroup` must be one of `host`, `private`, not `hots` (did you mean `host`?)\n\
         6:23 invalid-enum-value: `services.web.depends_on.db.condition` must be one of `service_started`, `service_healthy`, `service_completed_successfully`, not `service_healty` (did you mean `service_healthy`?)\n",
    );
}

#[test]
fn integers_out_of_range() {
    check(
        "services:\n  web:\n    image: nginx\n    cpu_percent: 150\n    oom_score_adj: \"-2000\"\n    cpu_count: -1\n",
        "4:18 out-of-range: `services.web.cpu_percent` must be between 0 and 100, not 150\n\
         5:20 out-of-range: `services.web.oom_score_adj` must be between -1000 and 1000, not -2000\n\
         6:16 out-of-range: `services.web.cpu_count` must be at least 0, not -1\n",
    );
}

#[test]
fn durations_and_sizes() {
    check(
        "services:\n  web:\n    image: nginx\n    stop_grace_period: 10 seconds\n    mem_limit: 1x\n    healthcheck: {interval: 30}\n",
        "4:24 invalid-duration: `services.web.stop_grace_period`: unknown unit \" seconds\" in duration \"10 seconds\" (units: ns, us, ms, s, m, h, d, w)\n\
         5:16 invalid-byte-size: `services.web.mem_limit`: invalid suffix: 'x' in size '1x' (b, k, m, g, t or p, optionally followed by b or ib)\n\
         6:29 wrong-type: `services.web.healthcheck.interval` must be a duration (such as `1m30s`), not the number `30`\n",
    );
}

#[test]
fn ports_and_volumes() {
    check(
        "services:\n  web:\n    image: nginx\n    ports: [\"70000:80\", \"8000-8010:80-81\", 8080]\n    volumes: [\":/data\", \"./a:/b:ro\"]\n",
        "4:13 invalid-port: `services.web.ports[0]`: invalid hostPort: 70000 (a port from 0 to 65535, or a range such as 8000-8010)\n\
         4:25 invalid-port: `services.web.ports[1]`: invalid ranges specified for container and host ports: 80-81 and 8000-8010 (they must have the same length, or the container side a single port)\n\
         5:15 invalid-volume: `services.web.volumes[0]`: invalid spec: :/data: empty section between colons\n",
    );
}

#[test]
fn image_references() {
    check(
        "services:\n  a:\n    image: Nginx:latest\n  b:\n    image: nginx@sha256:abc\n  c:\n    image: 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
        "3:12 invalid-image: `services.a.image`: invalid reference format: repository name (library/Nginx) must be lowercase\n\
         5:12 invalid-image: `services.b.image`: invalid reference format: invalid digest \"sha256:abc\" (expected algorithm:hex, such as sha256: and 64 hexadecimal digits)\n",
    );
}

#[test]
fn addresses_and_subnets() {
    check(
        "services:\n  web:\n    image: nginx\n    ports: [{target: 80, host_ip: localhost}]\nnetworks:\n  back:\n    ipam:\n      config: [{subnet: 10.0.0.0/33}]\n",
        "4:35 invalid-ip-address: `services.web.ports[0].host_ip`: `localhost` is not an IP address: expected an IPv4 address such as `192.168.1.10` or an IPv6 address such as `fd00::10`\n\
         8:25 invalid-subnet: `networks.back.ipam.config[0].subnet`: `10.0.0.0/33` is not a subnet: the prefix length `33` is longer than the 32 bits of an IPv4 address\n",
    );
}

#[test]
fn patterns_the_description_defines() {
    check(
        "services:\n  web:\n    image: nginx\n    pull_policy: alway\n    restart: on-failure:x\n    container_name: w\n",
        "4:18 invalid-value: `services.web.pull_policy`: `alway` is not a pull policy: use `always`, `never`, `missing`, `build`, `refresh`, `daily`, `weekly` or `every_<n><unit>` such as `every_12h` (did you mean `always`?)\n\
         5:14 invalid-value: `services.web.restart`: `on-failure:x` is not a restart policy: use `no`, `always`, `on-failure`, `on-failure:<max retries>` or `unless-stopped` (did you mean `on-failure`?)\n\
         6:21 invalid-value: `services.web.container_name`: `w` is not a container name: use at least two characters among letters, digits, `_`, `.` and `-`, starting with a letter or a digit\n",
    );
}

#[test]
fn exclusive_keys_point_at_both() {
    check(
        "services:\n  web:\n    build:\n      dockerfile: Dockerfile\n      dockerfile_inline: FROM scratch\n    network_mode: host\n    networks: [front]\n",
        "5:7 mutually-exclusive: `dockerfile` and `dockerfile_inline` cannot both be set in `services.web.build`\n\
         \x20 4:7 also set here\n\
         7:5 mutually-exclusive: `network_mode` and `networks` cannot both be set in `services.web`\n\
         \x20 6:5 also set here\n",
    );
}

#[test]
fn missing_keys_are_reported_at_the_parent_key() {
    check(
        "services:\n  web:\n    image: nginx\n    depends_on:\n      db: {restart: true}\n    volumes:\n      - source: data\n        target: /data\n  worker:\n    command: run\n",
        "5:7 missing-required: `services.web.depends_on.db` is missing the required key `condition`\n\
         7:9 missing-required: `services.web.volumes[0]` is missing the required key `type`\n\
         9:3 missing-one-of: `services.worker` needs `image`, `build` or `provider`\n",
    );
}

#[test]
fn duplicates_point_at_the_first() {
    check(
        "services:\n  web:\n    image: nginx\n    ports: [\"80:80\", \"443:443\", \"80:80\"]\n    cap_add: [NET_ADMIN, NET_ADMIN]\n    expose: [80, \"80\"]\n",
        "4:33 duplicate: `services.web.ports[2]` repeats an earlier item; the items of this list must be unique\n\
         \x20 4:13 first occurrence\n\
         5:26 duplicate: `services.web.cap_add[1]` repeats an earlier item; the items of this list must be unique\n\
         \x20 5:15 first occurrence\n",
    );
}

#[test]
fn deprecated_keys() {
    check(
        "version: \"3.8\"\nservices:\n  web:\n    image: nginx\nvolumes:\n  data:\n    external: {name: old}\n",
        "1:1 deprecated: `version` is deprecated\n\
         7:16 deprecated: `volumes.data.external.name` is deprecated\n",
    );
}

#[test]
fn interpolated_values_are_left_to_interpolation() {
    check(
        "services:\n  web:\n    image: ${IMAGE:-nginx}:${TAG}\n    privileged: ${PRIVILEGED}\n    cgroup: ${CGROUP:-host}\n    mem_limit: ${MEM}\n    ports: [\"${PORT}:80\"]\n    cpu_percent: ${CPU}\n    pull_policy: ${POLICY:-missing}\n",
        "",
    );
}

#[test]
fn strings_that_cast_are_accepted() {
    check(
        "services:\n  web:\n    image: nginx\n    privileged: \"yes\"\n    read_only: \"false\"\n    cpus: \"1.5\"\n    scale: \"2\"\n    pids_limit: \"lots\"\n    deploy: {replicas: two}\n",
        "8:17 wrong-type: `services.web.pids_limit` must be a number, not the string `lots`\n\
         9:24 wrong-type: `services.web.deploy.replicas` must be an integer, not the string `two`\n",
    );
}

#[test]
fn reset_values_are_not_checked() {
    check(
        "services:\n  web:\n    image: nginx\n    ports: !reset null\n    build: !reset\n",
        "",
    );
}

#[test]
fn every_error_of_a_file_is_reported() {
    let rendered = render(
        compose_file(),
        "services:\n  web:\n    image: nginx\n    restart: sometimes\n    tty: maybe\n    ports: [\"x\"]\n  db:\n    imgae: postgres\n",
        Syntax::Yaml,
    );
    let kinds: Vec<&str> = rendered
        .lines()
        .map(|line| line.split(' ').nth(1).unwrap_or_default())
        .collect();
    assert_eq!(
        kinds,
        [
            "invalid-value:",
            "wrong-type:",
            "invalid-port:",
            "missing-one-of:",
            "unknown-key:"
        ]
    );
}

#[test]
fn daemon_json_refuses_unknown_top_level_keys() {
    check_daemon(
        r#"{
  "log-levle": "info",
  "log-level": "INFO",
  "icc": "false",
  "builder": {"gc": {"Enabled": true, "defaultKeepStorag": "20GB"}},
  "default-address-pools": [{"base": "10.10.0.0/16", "size": 24}],
  "dns": ["8.8.8.8", "dns.google"],
  "proxies": {"http-proxy": "http://proxy:3128", "httpProxy": "x"}
}"#,
        "2:3 unknown-key: unknown top-level key `log-levle` (did you mean `log-level`?)\n\
         4:10 wrong-type: `icc` must be a boolean, not the string `false`\n\
         5:39 unknown-key-ignored: unknown key `defaultKeepStorag` in `builder.gc`, ignored by dockerd (did you mean `defaultKeepStorage`?)\n\
         7:22 invalid-ip-address: `dns[1]`: `dns.google` is not an IP address: expected an IPv4 address such as `192.168.1.10` or an IPv6 address such as `fd00::10`\n\
         8:50 unknown-key: unknown key `httpProxy` in `proxies` (did you mean `http-proxy`?)\n",
    );
}

#[test]
fn daemon_json_checks_runtimes_and_enums() {
    check_daemon(
        r#"{
  "runtimes": {"gvisor": {"path": "/usr/bin/runsc", "runtimeType": "io.containerd.runsc.v1"}},
  "default-cgroupns-mode": "shared",
  "max-concurrent-downloads": -1,
  "default-shm-size": "64M",
  "host-gateway-ip": "172.17.0.1"
}"#,
        "2:53 mutually-exclusive: `path` and `runtimeType` cannot both be set in `runtimes.gvisor`\n\
         \x20 2:27 also set here\n\
         3:28 invalid-enum-value: `default-cgroupns-mode` must be one of `host`, `private`, not `shared`\n\
         4:31 out-of-range: `max-concurrent-downloads` must be at least 0, not -1\n\
         6:3 deprecated: `host-gateway-ip` is deprecated\n",
    );
}

#[test]
fn client_config_ignores_unknown_keys() {
    check_client(
        r#"{
  "auths": {"ghcr.io": {"auth": "dXNlcjpwYXNz", "emial": "a@b.c"}},
  "credStore": "desktop",
  "features": {"hooks": true},
  "proxies": {"default": {"httpProxy": "http://proxy:3128"}}
}"#,
        "2:49 unknown-key-ignored: unknown key `emial` in `auths.ghcr.io`, ignored by the docker CLI (did you mean `email`?)\n\
         3:3 unknown-key-ignored: unknown key `credStore` in the file, ignored by the docker CLI (did you mean `credsStore`?)\n\
         4:25 wrong-type: `features.hooks` must be a string, not the boolean `true`\n",
    );
}

#[test]
fn messages_are_in_french_too() {
    let document = yaml::parse(
        "services:\n  web:\n    imgae: nginx\n    privileged: peut-être\n",
        FileId(0),
    );
    let mut errors = Vec::new();
    validate(&document.roots[0], compose_file(), &mut errors);
    let french: Vec<&str> = errors.iter().map(|error| &*error.message.fr).collect();
    assert_eq!(
        french,
        [
            "`services.web` doit définir `image`, `build` ou `provider`",
            "clé `imgae` inconnue dans `services.web` (vouliez-vous dire `image` ?)",
            "`services.web.privileged` doit être un booléen, pas la chaîne `peut-être`",
        ]
    );
}

#[test]
fn errors_carry_a_path_and_a_suggestion() {
    let document = yaml::parse("services:\n  web:\n    imgae: nginx\n", FileId(3));
    let mut errors = Vec::new();
    validate(&document.roots[0], compose_file(), &mut errors);
    let error = errors
        .iter()
        .find(|error| error.kind == SchemaErrorKind::UnknownKey)
        .expect("the misspelt key is reported");
    assert_eq!(error.file, FileId(3));
    assert_eq!(error.path, "services.web");
    assert_eq!(error.suggestion, Some("image"));
    assert!(error.kind.is_refused());
    assert!(!SchemaErrorKind::Deprecated.is_refused());
}

#[test]
fn queries_for_hover_and_completion() {
    let root = compose_file();
    let path = [
        Segment::Key("services"),
        Segment::Key("web"),
        Segment::Key("healthcheck"),
        Segment::Key("interval"),
    ];
    let property = property_at(root, &path).expect("interval is described");
    assert_eq!(property.name, "interval");
    assert!(property.doc.fr.contains("contrôles"));
    assert_eq!(
        shape_at(root, &path).map(|shape| shape.expected().en.into_owned()),
        Some("a duration (such as `1m30s`)".to_owned())
    );

    let service = [Segment::Key("services"), Segment::Key("web")];
    assert!(property_at(root, &service).is_none());
    let keys: Vec<&str> = keys_at(root, &service).iter().map(|p| p.name).collect();
    assert_eq!(keys.len(), 93);
    assert!(keys.contains(&"healthcheck"));

    let condition = [
        Segment::Key("services"),
        Segment::Key("web"),
        Segment::Key("depends_on"),
        Segment::Key("db"),
        Segment::Key("condition"),
    ];
    assert_eq!(
        values_at(root, &condition),
        [
            "service_started",
            "service_healthy",
            "service_completed_successfully"
        ]
    );
    let restart = [
        Segment::Key("services"),
        Segment::Key("web"),
        Segment::Key("restart"),
    ];
    assert_eq!(
        values_at(root, &restart),
        ["no", "always", "on-failure", "unless-stopped"]
    );
    let target = [
        Segment::Key("services"),
        Segment::Key("web"),
        Segment::Key("ports"),
        Segment::Index(0),
        Segment::Key("target"),
    ];
    assert!(property_at(root, &target).is_some());
    let long_volume = [
        Segment::Key("services"),
        Segment::Key("web"),
        Segment::Key("volumes"),
        Segment::Index(2),
    ];
    let volume_keys: Vec<&str> = keys_at(root, &long_volume).iter().map(|p| p.name).collect();
    assert!(volume_keys.contains(&"bind"));
    assert!(shape_at(root, &[Segment::Key("x-anything"), Segment::Key("deep")]).is_some());
    assert!(shape_at(root, &[Segment::Key("servicez")]).is_none());
}

#[test]
fn the_path_under_the_cursor() {
    let text = "services:\n  web:\n    image: nginx\n    ports:\n      - 80:80\n";
    let document = yaml::parse(text, FileId(0));
    let root = &document.roots[0];
    let on_value = node_at(root, text.find("nginx").unwrap() as u32 + 2);
    assert_eq!(render_path(&on_value.path), "services.web.image");
    assert!(!on_value.on_key);
    let on_key = node_at(root, text.find("image").unwrap() as u32);
    assert!(on_key.on_key);
    let in_list = node_at(root, text.find("80:80").unwrap() as u32);
    assert_eq!(render_path(&in_list.path), "services.web.ports[0]");
}

fn render_path(path: &[Segment<'_>]) -> String {
    super::render(path)
}

/// Realistic broken files, rendered as a user sees them.
#[test]
fn snapshots_of_broken_compose_files() {
    let student_lab = r#"version: "3.9"
services:
  web:
    build: .
    image: shop-web
    ports:
      - "8080:80"
      - 8080:80
    enviroment:
      - DEBUG=1
    depends_on:
      db:
        condition: healthy
    restart: allways
    healthcheck:
      test: curl -f http://localhost
      interval: 30
      timeout: 5sec
  db:
    image: postgres:16
    volumes:
      - db-data:/var/lib/postgresql/data:ro:z
    mem_limit: 1 gigabyte
    privileged: yes please
volumes:
  db-data:
"#;
    insta::assert_snapshot!(
        "student_lab",
        render(compose_file(), student_lab, Syntax::Yaml)
    );

    let production = r#"name: Shop
services:
  proxy:
    image: traefik:v3.1
    network_mode: host
    networks: [front]
    cap_drop: [all]
    deploy:
      mode: replicated
      replicas: -1
      resources:
        limits: {cpus: lots, memory: 512}
      update_config: {order: rolling}
  api:
    extends: {service: base, files: base.yaml}
    secrets:
      - source: db_password
        target: /run/secrets/db
        mod: 0400
    logging:
      driver: json-file
      options: {max-size: 10m, max-file: [3]}
secrets:
  db_password:
    file: ./db_password.txt
    externl: true
"#;
    insta::assert_snapshot!(
        "production",
        render(compose_file(), production, Syntax::Yaml)
    );
}
