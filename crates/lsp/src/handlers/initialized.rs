//! `initialized`: the client can now be told things. Reports unreadable settings, and asks to
//! be told when configuration files and the files documents link to change on disk.

use std::sync::Arc;

use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{
    DidChangeWatchedFilesRegistrationOptions, FileSystemWatcher, GlobPattern, MessageType,
    Registration,
};

use crate::session::Session;

/// The files whose changes on disk matter: configuration, and what Compose files and
/// Dockerfiles read when they are not open.
const WATCHED: [&str; 6] = [
    "**/{berth.toml,.berth.toml,.hadolint.yaml,.hadolint.yml}",
    "**/{Dockerfile,Containerfile,Dockerfile.*,Containerfile.*,*.Dockerfile,*.dockerfile}",
    "**/{compose,docker-compose}*.{yaml,yml}",
    "**/*.dockerignore",
    "**/.dockerignore",
    "**/{.env,*.env,.env.*}",
];

pub(crate) async fn handle(session: &Arc<Session>, client: &Client) {
    let (watch_files, problems, lang) = {
        let mut state = session.lock();
        let problems = std::mem::take(&mut state.pending_messages);
        (state.watch_files, problems, state.config.default_lang())
    };
    for problem in problems {
        session.show(MessageType::WARNING, problem.get(lang).to_string());
    }
    if !watch_files {
        return;
    }
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: WATCHED
            .iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob.to_string()),
                kind: None,
            })
            .collect(),
    };
    let registration = Registration {
        id: "berth/watched-files".to_string(),
        method: "workspace/didChangeWatchedFiles".to_string(),
        register_options: serde_json::to_value(options).ok(),
    };
    if let Err(error) = client.register_capability(vec![registration]).await {
        eprintln!(
            "berth lsp: the client refused to watch files ({error}); configuration is re-read when a berth.toml is saved in the editor"
        );
    }
}
