//! Rules for Compose files (codes `Cxxx`).

pub(crate) mod c001_compose_syntax_error;
pub(crate) mod c002_invalid_compose_file;
pub(crate) mod c003_ignored_by_compose;
pub(crate) mod c004_unset_variable;
pub(crate) mod c005_interpolation_error;
pub(crate) mod c006_env_file_error;
pub(crate) mod c007_undefined_reference;
pub(crate) mod c008_circular_reference;
pub(crate) mod c009_depends_on_disabled_service;
pub(crate) mod c010_broken_extends_or_include;
pub(crate) mod c011_merge_conflict;
pub(crate) mod c012_conflicting_settings;
pub(crate) mod c013_service_healthy_without_healthcheck;
pub(crate) mod c101_pin_image_tag;
pub(crate) mod c201_privileged_container;
pub(crate) mod c202_secret_in_environment;
pub(crate) mod c203_docker_socket_mount;
pub(crate) mod c500_unused_suppression;
pub(crate) mod c501_obsolete_version;
pub(crate) mod problems;
