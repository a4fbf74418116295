//! `berth compose config`: the effective project in the shape `docker compose config` prints
//! it. Keys the canonical form fixes (ports, volumes, depends_on, environment...) are rebuilt
//! from the typed model; every other key is written as merged and interpolated, its scalars
//! typed by the Compose description (a `"true"` for a boolean key is a boolean).

mod yaml;

pub use yaml::to_yaml;

use std::collections::BTreeMap;

use berth_parser::bytesize::parse_compose_bytes;
use berth_parser::compose::schema::compose_file;
use berth_parser::compose::{
    Build, Command, DependsOn, Mount, MountType, Port, Project, Service,
    healthcheck::HealthTestForm, read::KeyValue, service::FileMount,
};
use berth_parser::schema::{Segment, Shape, cast_bool, cast_integer, cast_number, shape_at};
use berth_parser::yaml::{Node, NodeKind, Reading};
use serde_json::{Map, Number, Value, json};

/// The project as `docker compose config` prints it: `name`, the enabled services keyed by
/// name, then the networks, volumes, secrets, configs and models, and the top-level `x-` keys.
pub fn project(project: &Project) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(project.name));
    let services: Map<String, Value> = project
        .services
        .iter()
        .map(|(name, service)| (name.clone(), self::service(service)))
        .collect();
    out.insert("services".into(), Value::Object(services));

    let networks: Map<String, Value> = project
        .networks
        .iter()
        .map(|(key, network)| {
            let mut value = generic_object(&network.node, &["networks", key]);
            value.insert("name".into(), json!(network.name));
            (key.clone(), Value::Object(sorted(value)))
        })
        .collect();
    insert_non_empty(&mut out, "networks", Value::Object(networks));

    let volumes: Map<String, Value> = project
        .volumes
        .iter()
        .map(|(key, volume)| {
            let mut value = generic_object(&volume.node, &["volumes", key]);
            value.insert("name".into(), json!(volume.name));
            (key.clone(), Value::Object(sorted(value)))
        })
        .collect();
    insert_non_empty(&mut out, "volumes", Value::Object(volumes));

    for (section, objects) in [("secrets", &project.secrets), ("configs", &project.configs)] {
        let objects: Map<String, Value> = objects
            .iter()
            .map(|(key, object)| {
                let mut value = generic_object(&object.node, &[section, key]);
                value.insert("name".into(), json!(object.name));
                if let Some(path) = &object.file_path {
                    value.insert("file".into(), json!(path.display().to_string()));
                }
                (key.clone(), Value::Object(sorted(value)))
            })
            .collect();
        insert_non_empty(&mut out, section, Value::Object(objects));
    }

    let models: Map<String, Value> = project
        .models
        .iter()
        .map(|(key, model)| {
            let value = generic_object(&model.node, &["models", key]);
            (key.clone(), Value::Object(sorted(value)))
        })
        .collect();
    insert_non_empty(&mut out, "models", Value::Object(models));

    if let Some(root) = project.root.as_ref().and_then(Node::as_mapping) {
        for entry in &root.entries {
            if let Some(key) = entry.key.as_str().filter(|key| key.starts_with("x-")) {
                out.insert(
                    key.to_owned(),
                    generic(&entry.value, &mut vec![key.to_owned()]),
                );
            }
        }
    }
    Value::Object(out)
}

fn insert_non_empty(out: &mut Map<String, Value>, key: &str, value: Value) {
    if value.as_object().is_some_and(|map| !map.is_empty()) {
        out.insert(key.to_owned(), value);
    }
}

/// One service: its merged tree, then each canonical key rebuilt from the typed model.
fn service(service: &Service) -> Value {
    let mut out = generic_object(&service.node, &["services", &service.name]);
    // Resolved by the loader: they are not part of the effective model.
    out.remove("extends");

    if let Some(build) = &service.build {
        let value = self::build(build, out.remove("build"));
        out.insert("build".into(), value);
    }
    for (key, command) in [
        ("command", &service.command),
        ("entrypoint", &service.entrypoint),
    ] {
        out.remove(key);
        if let Some(command) = command.as_ref().and_then(self::command) {
            out.insert(key.into(), command);
        }
    }

    out.remove("environment");
    let environment: Map<String, Value> = service
        .environment
        .resolved
        .iter()
        .map(|(name, var)| {
            (
                name.clone(),
                var.value.as_deref().map_or(Value::Null, |v| json!(v)),
            )
        })
        .collect();
    insert_non_empty(&mut out, "environment", Value::Object(environment));
    if out.remove("env_file").is_some() {
        let files: Vec<Value> = service
            .environment
            .env_files
            .iter()
            .map(|file| {
                let mut value = Map::new();
                value.insert("path".into(), json!(file.absolute.display().to_string()));
                value.insert("required".into(), json!(file.required));
                if let Some(format) = &file.format {
                    value.insert("format".into(), json!(format.value));
                }
                Value::Object(value)
            })
            .collect();
        out.insert("env_file".into(), Value::Array(files));
    }

    for (key, pairs) in [
        ("labels", &service.labels),
        ("annotations", &service.annotations),
        ("sysctls", &service.sysctls),
    ] {
        if out.remove(key).is_some() {
            out.insert(key.into(), key_values(pairs));
        }
    }
    if out.remove("ports").is_some() {
        out.insert("ports".into(), service.ports.iter().map(port).collect());
    }
    if out.remove("expose").is_some() {
        let expose = service
            .expose
            .iter()
            .map(|port| json!(port.value))
            .collect();
        out.insert("expose".into(), expose);
    }
    if out.remove("volumes").is_some() {
        out.insert(
            "volumes".into(),
            service.volumes.iter().map(mount).collect(),
        );
    }
    out.remove("depends_on");
    let depends_on: Map<String, Value> = service
        .depends_on
        .iter()
        .map(|(name, dependency)| (name.clone(), self::depends_on(dependency)))
        .collect();
    insert_non_empty(&mut out, "depends_on", Value::Object(depends_on));

    let written_networks = out.remove("networks");
    if service.network_mode.is_none() {
        let networks: Map<String, Value> = service
            .networks
            .keys()
            .map(|name| {
                let options = written_networks
                    .as_ref()
                    .and_then(|networks| networks.get(name))
                    .filter(|options| options.as_object().is_some_and(|map| !map.is_empty()))
                    .cloned()
                    .unwrap_or(Value::Null);
                (name.clone(), options)
            })
            .collect();
        insert_non_empty(&mut out, "networks", Value::Object(networks));
    }

    for (key, mounts) in [("secrets", &service.secrets), ("configs", &service.configs)] {
        if out.remove(key).is_some() {
            out.insert(key.into(), mounts.iter().map(file_mount).collect());
        }
    }
    if let Some(healthcheck) = out.get_mut("healthcheck").and_then(Value::as_object_mut)
        && let Some(typed) = &service.healthcheck
    {
        if let Some(test) = &typed.test {
            let test: Vec<String> = match &test.form {
                HealthTestForm::Cmd(args) => std::iter::once("CMD".to_owned())
                    .chain(args.iter().map(|arg| arg.value.clone()))
                    .collect(),
                HealthTestForm::Shell(script) => vec!["CMD-SHELL".into(), script.value.clone()],
                HealthTestForm::None => vec!["NONE".into()],
                HealthTestForm::Invalid(args) => args.iter().map(|a| a.value.clone()).collect(),
            };
            healthcheck.insert("test".into(), json!(test));
        }
        for (key, duration) in [
            ("interval", &typed.interval),
            ("timeout", &typed.timeout),
            ("start_period", &typed.start_period),
            ("start_interval", &typed.start_interval),
        ] {
            if let Some(nanos) = duration.as_ref().and_then(|d| d.value.nanos) {
                healthcheck.insert(key.into(), json!(go_duration(nanos)));
            }
        }
    }
    if let Some(grace) = service
        .stop_grace_period
        .as_ref()
        .and_then(|d| d.value.nanos)
    {
        out.insert("stop_grace_period".into(), json!(go_duration(grace)));
    }
    for (key, size) in [
        ("mem_limit", &service.mem_limit),
        ("mem_reservation", &service.mem_reservation),
        ("memswap_limit", &service.memswap_limit),
        ("shm_size", &service.shm_size),
    ] {
        if let Some(bytes) = size.as_ref().and_then(|size| size.value.bytes) {
            // compose-go writes byte sizes as strings of bytes.
            out.insert(key.into(), json!(bytes.to_string()));
        }
    }
    for key in ["dns", "dns_search", "tmpfs", "env_file"] {
        if let Some(single @ Value::String(_)) = out.get(key).cloned() {
            out.insert(key.into(), Value::Array(vec![single]));
        }
    }
    Value::Object(sorted(out))
}

fn build(build: &Build, written: Option<Value>) -> Value {
    let mut out = match written {
        Some(Value::Object(map)) => map,
        _ => Map::new(),
    };
    let context = match &build.context_path {
        Some(path) => path.display().to_string(),
        None => build.context.value.clone(),
    };
    out.insert("context".into(), json!(context));
    if build.dockerfile_inline.is_none()
        && let Some(dockerfile) = &build.dockerfile
    {
        out.insert("dockerfile".into(), json!(dockerfile.value));
    }
    for (key, pairs) in [
        ("args", &build.args),
        ("labels", &build.labels),
        ("additional_contexts", &build.additional_contexts),
    ] {
        if out.remove(key).is_some() {
            out.insert(key.into(), key_values(pairs));
        }
    }
    Value::Object(sorted(out))
}

/// A command as the list of arguments Compose passes; `None` when nothing is set.
fn command(command: &Command) -> Option<Value> {
    if command.args.is_empty() {
        return None;
    }
    Some(json!(command.args))
}

/// `KEY=value` lists and mappings alike, as a mapping; a bare key is `null`.
fn key_values(pairs: &BTreeMap<String, KeyValue>) -> Value {
    pairs
        .iter()
        .map(|(key, pair)| {
            let value = pair
                .value
                .as_ref()
                .map_or(Value::Null, |value| json!(value.value));
            (key.clone(), value)
        })
        .collect::<Map<_, _>>()
        .into()
}

fn port(port: &Port) -> Value {
    let mut out = Map::new();
    out.insert("mode".into(), json!(port.mode.value));
    if let Some(host_ip) = &port.host_ip {
        out.insert("host_ip".into(), json!(host_ip.value));
    }
    out.insert("target".into(), json!(port.target.value));
    if let Some(published) = &port.published {
        out.insert("published".into(), json!(published.value));
    }
    out.insert("protocol".into(), json!(port.protocol.value));
    if let Some(app_protocol) = &port.app_protocol {
        out.insert("app_protocol".into(), json!(app_protocol.value));
    }
    if let Some(name) = &port.name {
        out.insert("name".into(), json!(name.value));
    }
    Value::Object(out)
}

fn mount(mount: &Mount) -> Value {
    let mut out = Map::new();
    let kind = match &mount.kind.value {
        MountType::Bind => "bind",
        MountType::Volume => "volume",
        MountType::Tmpfs => "tmpfs",
        MountType::Npipe => "npipe",
        MountType::Cluster => "cluster",
        MountType::Image => "image",
        MountType::Other(other) => other.as_str(),
    };
    out.insert("type".into(), json!(kind));
    let source = match (&mount.source_path, &mount.source) {
        (Some(path), _) => Some(path.display().to_string()),
        (None, Some(source)) => Some(source.value.clone()),
        (None, None) => None,
    };
    if let Some(source) = source {
        out.insert("source".into(), json!(source));
    }
    out.insert("target".into(), json!(mount.target.value));
    if let Some(read_only) = &mount.read_only {
        out.insert("read_only".into(), json!(read_only.value));
    }
    if let Some(consistency) = &mount.consistency {
        out.insert("consistency".into(), json!(consistency.value));
    }
    let mut bind = Map::new();
    if let Some(propagation) = &mount.propagation {
        bind.insert("propagation".into(), json!(propagation.value));
    }
    if let Some(create) = &mount.create_host_path {
        bind.insert("create_host_path".into(), json!(create.value));
    }
    if let Some(selinux) = &mount.selinux {
        bind.insert("selinux".into(), json!(selinux.value));
    }
    insert_non_empty(&mut out, "bind", Value::Object(bind));
    let mut volume = Map::new();
    if let Some(nocopy) = &mount.nocopy {
        volume.insert("nocopy".into(), json!(nocopy.value));
    }
    if let Some(subpath) = &mount.subpath {
        volume.insert("subpath".into(), json!(subpath.value));
    }
    let volume_key = if mount.kind.value == MountType::Image {
        "image"
    } else {
        "volume"
    };
    insert_non_empty(&mut out, volume_key, Value::Object(volume));
    let mut tmpfs = Map::new();
    if let Some(size) = &mount.tmpfs_size {
        let value = parse_compose_bytes(&size.value)
            .map_or_else(|_| json!(size.value), |bytes| json!(bytes));
        tmpfs.insert("size".into(), value);
    }
    if let Some(mode) = &mount.tmpfs_mode {
        tmpfs.insert("mode".into(), json!(mode.value));
    }
    insert_non_empty(&mut out, "tmpfs", Value::Object(tmpfs));
    Value::Object(out)
}

fn depends_on(dependency: &DependsOn) -> Value {
    let mut out = Map::new();
    out.insert(
        "condition".into(),
        json!(dependency.condition.value.as_str()),
    );
    out.insert("required".into(), json!(dependency.required.value));
    if let Some(restart) = dependency.restart.as_ref().filter(|restart| restart.value) {
        out.insert("restart".into(), json!(restart.value));
    }
    Value::Object(out)
}

fn file_mount(mount: &FileMount) -> Value {
    let mut out = Map::new();
    out.insert("source".into(), json!(mount.source.value));
    for (key, value) in [
        ("target", &mount.target),
        ("uid", &mount.uid),
        ("gid", &mount.gid),
        ("mode", &mount.mode),
    ] {
        if let Some(value) = value {
            out.insert(key.into(), json!(value.value));
        }
    }
    Value::Object(out)
}

/// A mapping node as a JSON object, each value typed by the description at `path`.
fn generic_object(node: &Node, path: &[&str]) -> Map<String, Value> {
    let mut path: Vec<String> = path.iter().map(|key| (*key).to_owned()).collect();
    match generic(node, &mut path) {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// Any node, recursively (bounded by the YAML reader's nesting limit).
fn generic(node: &Node, path: &mut Vec<String>) -> Value {
    match &node.kind {
        NodeKind::Scalar(scalar) => {
            let segments: Vec<Segment<'_>> = path
                .iter()
                .map(
                    |key| match key.strip_prefix('#').and_then(|i| i.parse().ok()) {
                        Some(index) => Segment::Index(index),
                        None => Segment::Key(key),
                    },
                )
                .collect();
            typed_scalar(
                &scalar.value,
                scalar.go_yaml_reading(),
                shape_at(compose_file(), &segments),
            )
        }
        NodeKind::Sequence(sequence) => sequence
            .items
            .iter()
            .enumerate()
            .map(|(index, item)| {
                path.push(format!("#{index}"));
                let value = generic(item, path);
                path.pop();
                value
            })
            .collect(),
        NodeKind::Mapping(mapping) => {
            let mut out = Map::new();
            for entry in &mapping.entries {
                let key = entry.key.as_str().unwrap_or_default().to_owned();
                path.push(key.clone());
                let value = generic(&entry.value, path);
                path.pop();
                out.insert(key, value);
            }
            Value::Object(out)
        }
        NodeKind::Alias(_) => Value::Null,
    }
}

/// A scalar as Compose holds it after its casts: booleans, integers and numbers where the key
/// takes one, strings where it takes a string, else what YAML reads.
fn typed_scalar(text: &str, reading: Reading, shape: Option<&Shape>) -> Value {
    let cast = match shape {
        Some(Shape::Bool { .. }) => cast_bool(text).map(Value::Bool),
        Some(Shape::Integer(_)) => cast_integer(text).map(|n| Value::Number(n.into())),
        // compose-go holds counts typed as numbers (`retries`) as integers.
        Some(Shape::Number { .. }) => match cast_integer(text) {
            Some(integer) => Some(Value::Number(integer.into())),
            None => cast_number(text)
                .and_then(Number::from_f64)
                .map(Value::Number),
        },
        Some(Shape::String(_) | Shape::Enum(_)) if reading != Reading::Null => {
            Some(Value::String(text.to_owned()))
        }
        _ => None,
    };
    cast.unwrap_or_else(|| match reading {
        Reading::Null => Value::Null,
        Reading::Bool(value) => Value::Bool(value),
        Reading::Int(value) => Value::Number(value.into()),
        Reading::Float(value) => Number::from_f64(value).map_or(Value::Null, Value::Number),
        Reading::String => Value::String(text.to_owned()),
    })
}

fn sorted(map: Map<String, Value>) -> Map<String, Value> {
    let mut entries: Vec<(String, Value)> = map.into_iter().collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.into_iter().collect()
}

/// A duration as Go's `time.Duration.String` writes it (`1m30s`, `500ms`, `0s`), which is how
/// compose-go prints durations.
pub fn go_duration(nanos: i64) -> String {
    if nanos == 0 {
        return "0s".to_owned();
    }
    let negative = nanos < 0;
    let mut magnitude = nanos.unsigned_abs();
    let sign = if negative { "-" } else { "" };
    if magnitude < 1_000_000_000 {
        // Below a second: one unit with a fraction.
        let (unit, scale) = match magnitude {
            0..1_000 => ("ns", 1),
            1_000..1_000_000 => ("µs", 1_000),
            _ => ("ms", 1_000_000),
        };
        return format!("{sign}{}{unit}", fraction(magnitude, scale));
    }
    let hours = magnitude / 3_600_000_000_000;
    magnitude %= 3_600_000_000_000;
    let minutes = magnitude / 60_000_000_000;
    magnitude %= 60_000_000_000;
    let seconds = fraction(magnitude, 1_000_000_000);
    let mut out = sign.to_owned();
    if hours > 0 {
        out.push_str(&format!("{hours}h"));
    }
    if hours > 0 || minutes > 0 {
        out.push_str(&format!("{minutes}m"));
    }
    out.push_str(&format!("{seconds}s"));
    out
}

/// `value / scale` with the fraction's trailing zeros dropped (`1500, 1000` gives `1.5`).
fn fraction(value: u64, scale: u64) -> String {
    let whole = value / scale;
    let rest = value % scale;
    if rest == 0 {
        return whole.to_string();
    }
    let digits = scale.to_string().len() - 1;
    let fraction = format!("{rest:0digits$}");
    format!("{whole}.{}", fraction.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::go_duration;

    #[test]
    fn durations_print_as_go_does() {
        for (nanos, expected) in [
            (0, "0s"),
            (1, "1ns"),
            (1_500, "1.5µs"),
            (500_000_000, "500ms"),
            (10_000_000_000, "10s"),
            (90_000_000_000, "1m30s"),
            (3_600_000_000_000, "1h0m0s"),
            (5_400_500_000_000, "1h30m0.5s"),
            (-2_000_000_000, "-2s"),
        ] {
            assert_eq!(go_duration(nanos), expected, "{nanos}");
        }
    }
}
