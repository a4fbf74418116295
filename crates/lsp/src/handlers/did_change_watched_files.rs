//! `workspace/didChangeWatchedFiles`: files changed on disk. A configuration file re-reads the
//! configuration; another file re-lints the open documents that read it (unless it is open
//! itself, in which case its buffer is what they read).

use std::sync::Arc;

use tower_lsp_server::ls_types::DidChangeWatchedFilesParams;

use crate::session::{Session, is_config_file};

pub(crate) fn handle(session: &Arc<Session>, params: DidChangeWatchedFilesParams) {
    let mut state = session.lock();
    let mut reload = false;
    for change in params.changes {
        let Some(path) = change.uri.to_file_path() else {
            continue;
        };
        if is_config_file(&path) {
            reload = true;
        } else if state.documents.at_path(&path).is_none() {
            session.schedule_dependents(&mut state, &path);
        }
    }
    if reload {
        session.reload_config(&mut state);
    }
}
