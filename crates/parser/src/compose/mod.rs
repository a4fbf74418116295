//! Compose: the grammars of values (interpolation) and of `.env` files, the description of the
//! file format that validation, completion and hover read, and the project loader that turns
//! Compose files into the effective model Compose runs, every value with where it came from.
//!
//! [`load_project`] reads a project as `docker compose` does (file discovery, `.env`,
//! interpolation, `include`, `extends`, override files, profiles) and returns a [`Project`]:
//! services with typed, canonical views ([`Service`], [`Port`], [`Mount`], [`DependsOn`]...),
//! resources, and every [`Problem`] found, each at its place.

pub mod build;
pub mod checks;
pub mod command;
pub mod depends_on;
pub mod deploy;
pub mod develop;
pub mod dotenv;
pub mod dump;
pub mod environment;
pub mod fs;
pub mod healthcheck;
pub mod interpolated;
pub mod interpolation;
mod load;
pub mod mount;
pub mod options;
pub mod origin;
pub mod port;
pub mod problem;
pub mod project;
pub mod read;
pub mod resources;
pub mod schema;
pub mod service;
pub mod units;

pub use build::Build;
pub use command::Command;
pub use depends_on::{Condition, DependsOn};
pub use fs::{DiskFileSystem, EmptyFileSystem, FileSystem, Overlay};
pub use load::{
    DEFAULT_FILE_NAMES, DEFAULT_OVERRIDE_FILE_NAMES, load_project, normalize_project_name,
};
pub use mount::{Mount, MountType};
pub use options::{EnvSource, EnvVar, Environment, ProjectOptions};
pub use origin::{Located, Origin};
pub use port::Port;
pub use problem::{Label, Problem, ProblemKind, Severity};
pub use project::{DisabledService, Project};
pub use service::Service;

#[cfg(test)]
mod tests;
