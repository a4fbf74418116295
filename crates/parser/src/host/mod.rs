//! Docker host configuration: dockerd's daemon.json and the client's config.json.

pub mod schema;
