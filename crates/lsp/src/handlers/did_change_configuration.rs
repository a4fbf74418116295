//! `workspace/didChangeConfiguration`: new client settings, in the shape of
//! `initializationOptions` (alone or under `berth`). Every document is linted again.

use std::sync::Arc;

use serde_json::Value;
use tower_lsp_server::ls_types::{DidChangeConfigurationParams, MessageType};

use crate::options::ClientOptions;
use crate::session::Session;

pub(crate) fn handle(session: &Arc<Session>, params: DidChangeConfigurationParams) {
    let mut state = session.lock();
    // A client that only signals a change (settings `null`) keeps the settings it gave.
    if params.settings != Value::Null {
        let (options, problems) = ClientOptions::read(Some(&params.settings));
        state.client_options = options;
        let lang = state.config.default_lang();
        for problem in problems {
            session.show(MessageType::WARNING, problem.get(lang).to_string());
        }
    }
    session.reload_config(&mut state);
}
