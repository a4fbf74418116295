//! A readable text form of a loaded project, every value with its origin: for tests (each
//! fixture's snapshot) and for debugging.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use crate::yaml::ViaKind;

use super::command::{Command, CommandForm};
use super::depends_on::Implied;
use super::environment::VarFrom;
use super::healthcheck::HealthTestForm;
use super::origin::{Located, Origin};
use super::port::Syntax;
use super::project::Project;
use super::read::KeyValue;
use super::service::Service;

/// The project as text: name, files, services with their typed views, resources,
/// interpolations and problems (in English).
pub fn dump(project: &Project) -> String {
    let mut out = Dumper {
        project,
        out: String::new(),
    };
    out.project();
    out.out
}

struct Dumper<'a> {
    project: &'a Project,
    out: String,
}

impl Dumper<'_> {
    fn line(&mut self, indent: usize, text: impl AsRef<str>) {
        let _ = writeln!(
            self.out,
            "{:width$}{}",
            "",
            text.as_ref(),
            width = indent * 2
        );
    }

    fn path(&self, path: &Path) -> String {
        match path.strip_prefix(&self.project.project_dir) {
            Ok(relative) if relative.as_os_str().is_empty() => ".".to_owned(),
            Ok(relative) => format!("./{}", relative.display()),
            Err(_) => path.display().to_string(),
        }
    }

    fn origin(&self, origin: &Origin) -> String {
        let mut text = format!("@{}", self.project.place(origin.file, origin.range));
        for via in &origin.via {
            let kind = match via.kind {
                ViaKind::Alias => "alias",
                ViaKind::MergeKey => "merge",
                ViaKind::Extends => "extends",
                ViaKind::Include => "include",
                ViaKind::Override => "override",
            };
            let _ = write!(text, " <{kind} {}", self.project.place(via.file, via.range));
        }
        text
    }

    fn located<T: std::fmt::Debug>(&self, value: &Located<T>) -> String {
        format!("{:?} {}", value.value, self.origin(&value.origin))
    }

    fn string(&self, value: &Located<String>) -> String {
        format!("{:?} {}", value.value, self.origin(&value.origin))
    }

    fn field<T: std::fmt::Debug>(&mut self, indent: usize, name: &str, value: &Option<Located<T>>) {
        if let Some(value) = value {
            let text = self.located(value);
            self.line(indent, format!("{name}: {text}"));
        }
    }

    fn list(&mut self, indent: usize, name: &str, values: &[Located<String>]) {
        if values.is_empty() {
            return;
        }
        self.line(indent, format!("{name}:"));
        for value in values {
            let text = self.string(value);
            self.line(indent + 1, format!("- {text}"));
        }
    }

    fn pairs(&mut self, indent: usize, name: &str, pairs: &BTreeMap<String, KeyValue>) {
        if pairs.is_empty() {
            return;
        }
        self.line(indent, format!("{name}:"));
        for (key, pair) in pairs {
            let value = match &pair.value {
                Some(value) => self.string(value),
                None => "(bare)".to_owned(),
            };
            let key_origin = self.origin(&pair.key.origin);
            self.line(indent + 1, format!("{key} {key_origin} = {value}"));
        }
    }

    fn project(&mut self) {
        let project = self.project;
        self.line(0, format!("name: {:?}", project.name));
        self.line(0, format!("project_dir: {}", project.project_dir.display()));
        if !project.profiles.is_empty() {
            self.line(0, format!("profiles: {:?}", project.profiles));
        }
        self.line(0, "files:");
        for (index, file) in project.files.iter().enumerate() {
            let main = if project
                .compose_files
                .iter()
                .any(|id| id.0 as usize == index)
            {
                " (compose file)"
            } else {
                ""
            };
            let base = project
                .base_dir(crate::text::FileId(index as u32))
                .map(|base| self.path(base))
                .unwrap_or_default();
            let shown = self.path(file.path());
            self.line(1, format!("{index}: {shown}{main}, paths from {base}"));
        }
        let environment: Vec<String> = project
            .environment
            .iter()
            .filter(|(_, var)| !matches!(var.source, super::options::EnvSource::Process))
            .map(|(name, var)| match &var.source {
                super::options::EnvSource::File { file, range } => {
                    format!("{name}={:?} @{}", var.value, project.place(*file, *range))
                }
                _ => format!("{name}={:?} (compose)", var.value),
            })
            .collect();
        if !environment.is_empty() {
            self.line(0, "environment (not from the process):");
            for line in environment {
                self.line(1, line);
            }
        }
        if !project.services.is_empty() {
            self.line(0, "services:");
            for service in project.services.values() {
                self.service(1, service);
            }
        }
        if !project.disabled_services.is_empty() {
            self.line(0, "disabled services:");
            for (name, disabled) in &project.disabled_services {
                self.line(1, format!("{name}: {}", disabled.why.en));
                self.service(2, &disabled.service);
            }
        }
        self.resources();
        if !project.interpolations.is_empty() {
            self.line(0, "interpolations:");
            for item in &project.interpolations {
                let place = project.place(item.file, item.range);
                self.line(
                    1,
                    format!("{place} {:?} -> {:?}", item.original, item.value),
                );
                for variable in &item.variables {
                    let value = match (&variable.value, &variable.source) {
                        (Some(value), Some(super::options::EnvSource::File { file, range })) => {
                            format!("{value:?} from {}", project.place(*file, *range))
                        }
                        (Some(value), Some(super::options::EnvSource::Process)) => {
                            format!("{value:?} from the process")
                        }
                        (Some(value), _) => format!("{value:?}"),
                        (None, _) => "unset".to_owned(),
                    };
                    let at = project.place(item.file, variable.range);
                    self.line(2, format!("{} @{at} = {value}", variable.name));
                }
            }
        }
        if !project.problems.is_empty() {
            self.line(0, "problems:");
            for problem in &project.problems {
                let place = match problem.file {
                    Some(file) => project.place(file, problem.range),
                    None => "(command line)".to_owned(),
                };
                self.line(
                    1,
                    format!(
                        "{}[{}] {place}: {}",
                        problem.severity.as_str(),
                        problem.kind.as_str(),
                        problem.message.en
                    ),
                );
                for label in &problem.labels {
                    let place = project.place(label.file, label.range);
                    self.line(2, format!("= {place}: {}", label.message.en));
                }
            }
        }
    }

    fn command(&mut self, indent: usize, name: &str, command: &Option<Command>) {
        let Some(command) = command else { return };
        let form = match &command.form {
            CommandForm::String(text) => format!("string {text:?}"),
            CommandForm::List(_) => "list".to_owned(),
            CommandForm::Empty => "empty".to_owned(),
        };
        let origin = self.origin(&command.origin);
        self.line(
            indent,
            format!("{name}: {form} {:?} {origin}", command.args),
        );
    }

    fn service(&mut self, indent: usize, service: &Service) {
        let origin = self.origin(&service.key);
        self.line(indent, format!("{} {origin}", service.name));
        let i = indent + 1;
        self.field(i, "image", &service.image);
        if let Some(image) = &service.image_ref {
            self.line(i + 1, format!("ref: {}", image.normalized()));
        }
        if let Some(build) = &service.build {
            let context = self.string(&build.context);
            self.line(i, format!("build: context {context}"));
            if let Some(path) = &build.context_path {
                let shown = self.path(path);
                self.line(i + 1, format!("context_path: {shown}"));
            }
            self.field(i + 1, "dockerfile", &build.dockerfile);
            if let Some(path) = &build.dockerfile_path {
                let shown = self.path(path);
                self.line(i + 1, format!("dockerfile_path: {shown}"));
            }
            self.field(i + 1, "dockerfile_inline", &build.dockerfile_inline);
            self.field(i + 1, "target", &build.target);
            self.pairs(i + 1, "args", &build.args);
            self.pairs(i + 1, "additional_contexts", &build.additional_contexts);
            for secret in &build.secrets {
                let source = self.string(&secret.source);
                self.line(i + 1, format!("secret: {source}"));
            }
        }
        self.command(i, "entrypoint", &service.entrypoint);
        self.command(i, "command", &service.command);
        if !service.ports.is_empty() {
            self.line(i, "ports:");
            for port in &service.ports {
                let syntax = match port.syntax {
                    Syntax::Short => "short",
                    Syntax::Long => "long",
                };
                let published = port
                    .published
                    .as_ref()
                    .map_or_else(|| "-".to_owned(), |published| self.string(published));
                let host_ip = port
                    .host_ip
                    .as_ref()
                    .map_or_else(|| "-".to_owned(), |ip| self.string(ip));
                let target = self.located(&port.target);
                self.line(
                    i + 1,
                    format!(
                        "- {syntax} target {target} published {published} host_ip {host_ip} \
                         {}/{}",
                        port.protocol.value, port.mode.value
                    ),
                );
            }
        }
        self.list(i, "expose", &service.expose);
        if !service.volumes.is_empty() {
            self.line(i, "volumes:");
            for mount in &service.volumes {
                let source = mount
                    .source
                    .as_ref()
                    .map_or_else(|| "-".to_owned(), |source| self.string(source));
                let target = self.string(&mount.target);
                let mut text = format!("- {} {source} -> {target}", mount.kind.value.as_str());
                if let Some(path) = &mount.source_path {
                    let _ = write!(text, " (host {})", self.path(path));
                }
                if let Some(read_only) = &mount.read_only {
                    let _ = write!(text, " read_only={}", read_only.value);
                }
                for (name, value) in [
                    ("propagation", &mount.propagation),
                    ("selinux", &mount.selinux),
                    ("subpath", &mount.subpath),
                ] {
                    if let Some(value) = value {
                        let _ = write!(text, " {name}={}", value.value);
                    }
                }
                if let Some(create) = &mount.create_host_path {
                    let _ = write!(text, " create_host_path={}", create.value);
                }
                if !mount.unknown_options.is_empty() {
                    let options: Vec<&str> = mount
                        .unknown_options
                        .iter()
                        .map(|o| o.value.as_str())
                        .collect();
                    let _ = write!(text, " unknown_options={options:?}");
                }
                self.line(i + 1, text);
            }
        }
        self.list(i, "tmpfs", &service.tmpfs);
        self.pairs(i, "environment (declared)", &service.environment.declared);
        for env_file in &service.environment.env_files {
            let path = self.string(&env_file.path);
            let shown = self.path(&env_file.absolute);
            self.line(
                i,
                format!("env_file: {path} ({shown}, required={})", env_file.required),
            );
        }
        if !service.environment.resolved.is_empty() {
            self.line(i, "environment (container):");
            for (name, var) in &service.environment.resolved {
                let from = match &var.from {
                    VarFrom::Environment => "environment",
                    VarFrom::ProjectEnvironment(_) => "project environment",
                    VarFrom::EnvFile => "env_file",
                };
                let origin = self.origin(&var.origin);
                self.line(i + 1, format!("{name}={:?} ({from}) {origin}", var.value));
            }
        }
        self.pairs(i, "labels", &service.labels);
        self.pairs(i, "annotations", &service.annotations);
        self.pairs(i, "sysctls", &service.sysctls);
        if !service.depends_on.is_empty() {
            self.line(i, "depends_on:");
            for (name, dependency) in &service.depends_on {
                let implied = match dependency.implicit {
                    Some(Implied::Link) => " (implied by links)",
                    Some(Implied::SharedNamespace) => " (implied by a service: namespace)",
                    Some(Implied::VolumesFrom) => " (implied by volumes_from)",
                    None => "",
                };
                let restart = dependency
                    .restart
                    .as_ref()
                    .map(|restart| format!(" restart={}", restart.value))
                    .unwrap_or_default();
                let origin = self.origin(&dependency.service.origin);
                self.line(
                    i + 1,
                    format!(
                        "{name} {origin}: {} required={}{restart}{implied}",
                        dependency.condition.value.as_str(),
                        dependency.required.value
                    ),
                );
            }
        }
        if !service.networks.is_empty() {
            self.line(i, "networks:");
            for (name, network) in &service.networks {
                let origin = self.origin(&network.name.origin);
                let implicit = if network.implicit { " (implicit)" } else { "" };
                let aliases: Vec<&str> = network.aliases.iter().map(|a| a.value.as_str()).collect();
                let aliases = if aliases.is_empty() {
                    String::new()
                } else {
                    format!(" aliases={aliases:?}")
                };
                self.line(i + 1, format!("{name} {origin}{implicit}{aliases}"));
            }
        }
        for (name, mounts, directory) in [
            ("secrets", &service.secrets, "/run/secrets"),
            ("configs", &service.configs, ""),
        ] {
            if mounts.is_empty() {
                continue;
            }
            self.line(i, format!("{name}:"));
            for mount in mounts {
                let source = self.string(&mount.source);
                let target = mount.effective_target(directory);
                let mode = mount
                    .mode
                    .as_ref()
                    .map(|mode| format!(" mode={}", mode.value))
                    .unwrap_or_default();
                self.line(i + 1, format!("- {source} -> {target}{mode}"));
            }
        }
        if let Some(healthcheck) = &service.healthcheck {
            let test = match healthcheck.test.as_ref().map(|test| &test.form) {
                Some(HealthTestForm::Cmd(args)) => {
                    let args: Vec<&str> = args.iter().map(|a| a.value.as_str()).collect();
                    format!("CMD {args:?}")
                }
                Some(HealthTestForm::Shell(command)) => format!("CMD-SHELL {:?}", command.value),
                Some(HealthTestForm::None) => "NONE".to_owned(),
                Some(HealthTestForm::Invalid(_)) => "invalid".to_owned(),
                None => "-".to_owned(),
            };
            let origin = self.origin(&healthcheck.origin);
            self.line(
                i,
                format!(
                    "healthcheck: {test} disable={} {origin}",
                    healthcheck.disable
                ),
            );
            for (name, value) in [
                ("interval", &healthcheck.interval),
                ("timeout", &healthcheck.timeout),
                ("start_period", &healthcheck.start_period),
                ("start_interval", &healthcheck.start_interval),
            ] {
                if let Some(value) = value {
                    let origin = self.origin(&value.origin);
                    self.line(
                        i + 1,
                        format!(
                            "{name}: {:?} = {:?}ns {origin}",
                            value.value.text, value.value.nanos
                        ),
                    );
                }
            }
            self.field(i + 1, "retries", &healthcheck.retries);
        }
        self.list(i, "profiles", &service.profiles);
        for (name, value) in [
            ("restart", &service.restart),
            ("user", &service.user),
            ("network_mode", &service.network_mode),
            ("pid", &service.pid),
            ("ipc", &service.ipc),
            ("container_name", &service.container_name),
            ("pull_policy", &service.pull_policy),
            ("platform", &service.platform),
            ("working_dir", &service.working_dir),
        ] {
            self.field(i, name, value);
        }
        for (name, value) in [
            ("privileged", &service.privileged),
            ("read_only", &service.read_only),
            ("init", &service.init),
        ] {
            self.field(i, name, value);
        }
        self.list(i, "cap_add", &service.cap_add);
        self.list(i, "cap_drop", &service.cap_drop);
        self.list(i, "security_opt", &service.security_opt);
        self.list(i, "links", &service.links);
        self.list(i, "volumes_from", &service.volumes_from);
        self.list(i, "extra_hosts", &service.extra_hosts);
        self.list(i, "dns", &service.dns);
        for device in &service.devices {
            let source = self.string(&device.source);
            let target = self.string(&device.target);
            let permissions = device
                .permissions
                .as_ref()
                .map(|permissions| format!(" {}", permissions.value))
                .unwrap_or_default();
            self.line(i, format!("device: {source} -> {target}{permissions}"));
        }
        if let Some(logging) = &service.logging {
            let driver = logging
                .driver
                .as_ref()
                .map_or_else(|| "-".to_owned(), |driver| self.string(driver));
            self.line(i, format!("logging: driver {driver}"));
            for (name, value) in &logging.options {
                let value = self.string(value);
                self.line(i + 1, format!("{name} = {value}"));
            }
        }
        for (name, value) in [
            ("mem_limit", &service.mem_limit),
            ("mem_reservation", &service.mem_reservation),
            ("shm_size", &service.shm_size),
        ] {
            if let Some(value) = value {
                let origin = self.origin(&value.origin);
                self.line(
                    i,
                    format!(
                        "{name}: {:?} = {:?} bytes {origin}",
                        value.value.text, value.value.bytes
                    ),
                );
            }
        }
        if let Some(cpus) = &service.cpus {
            let origin = self.origin(&cpus.origin);
            self.line(i, format!("cpus: {} {origin}", cpus.value.0));
        }
        self.field(i, "pids_limit", &service.pids_limit);
        self.field(i, "scale", &service.scale);
        if let Some(deploy) = &service.deploy {
            self.line(i, "deploy:");
            self.field(i + 1, "replicas", &deploy.replicas);
            for (name, values) in [
                ("limits", &deploy.resources.limits),
                ("reservations", &deploy.resources.reservations),
            ] {
                let Some(values) = values else { continue };
                let cpus = values.cpus.as_ref().map(|cpus| cpus.value.0);
                let memory = values.memory.as_ref().and_then(|memory| memory.value.bytes);
                let pids = values.pids.as_ref().map(|pids| pids.value);
                self.line(
                    i + 1,
                    format!("{name}: cpus={cpus:?} memory={memory:?} pids={pids:?}"),
                );
            }
            if let Some(policy) = &deploy.restart_policy {
                self.field(i + 1, "restart_policy.condition", &policy.condition);
                self.field(i + 1, "restart_policy.max_attempts", &policy.max_attempts);
            }
        }
        for (name, ulimit) in &service.ulimits {
            let values = [&ulimit.single, &ulimit.soft, &ulimit.hard]
                .map(|value| value.as_ref().map(|value| value.value));
            self.line(
                i,
                format!(
                    "ulimit {name}: single={:?} soft={:?} hard={:?}",
                    values[0], values[1], values[2]
                ),
            );
        }
        if let Some(develop) = &service.develop {
            for watch in &develop.watch {
                let path = watch
                    .path
                    .as_ref()
                    .map(|path| path.value.as_str())
                    .unwrap_or("-");
                let action = watch
                    .action
                    .as_ref()
                    .map(|a| a.value.as_str())
                    .unwrap_or("-");
                let target = watch
                    .target
                    .as_ref()
                    .map(|t| t.value.as_str())
                    .unwrap_or("-");
                self.line(i, format!("watch: {action} {path} -> {target}"));
            }
        }
        if !service.models.is_empty() {
            let models: Vec<&String> = service.models.keys().collect();
            self.line(i, format!("models: {models:?}"));
        }
    }

    fn resources(&mut self) {
        let project = self.project;
        if !project.networks.is_empty() {
            self.line(0, "networks:");
            for (key, network) in &project.networks {
                let origin = self.origin(&network.key.origin);
                let external = network.external.as_ref().is_some_and(|e| e.value);
                let implicit = if network.implicit { " (implicit)" } else { "" };
                self.line(
                    1,
                    format!(
                        "{key} {origin}: name={:?} external={external}{implicit}",
                        network.name
                    ),
                );
                self.field(2, "driver", &network.driver);
                self.pairs(2, "labels", &network.labels);
            }
        }
        if !project.volumes.is_empty() {
            self.line(0, "volumes:");
            for (key, volume) in &project.volumes {
                let origin = self.origin(&volume.key.origin);
                let external = volume.external.as_ref().is_some_and(|e| e.value);
                self.line(
                    1,
                    format!("{key} {origin}: name={:?} external={external}", volume.name),
                );
                self.field(2, "driver", &volume.driver);
                self.pairs(2, "labels", &volume.labels);
            }
        }
        for (section, objects) in [("secrets", &project.secrets), ("configs", &project.configs)] {
            if objects.is_empty() {
                continue;
            }
            self.line(0, format!("{section}:"));
            for (key, object) in objects {
                let origin = self.origin(&object.key.origin);
                self.line(1, format!("{key} {origin}: name={:?}", object.name));
                self.field(2, "file", &object.file);
                if let Some(path) = &object.file_path {
                    let shown = self.path(path);
                    self.line(3, format!("path: {shown}"));
                }
                self.field(2, "environment", &object.environment);
                self.field(2, "content", &object.content);
            }
        }
        if !project.models.is_empty() {
            self.line(0, "models:");
            for (key, model) in &project.models {
                let origin = self.origin(&model.key.origin);
                self.line(1, format!("{key} {origin}"));
                self.field(2, "model", &model.model);
            }
        }
    }
}
