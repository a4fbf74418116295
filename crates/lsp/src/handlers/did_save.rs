//! `textDocument/didSave`: saving a configuration file re-reads the configuration and re-lints
//! every document; saving another document lints it again (clients that lint on save expect
//! fresh diagnostics then).

use std::sync::Arc;

use tower_lsp_server::ls_types::DidSaveTextDocumentParams;

use crate::session::{Session, is_config_file};

pub(crate) fn handle(session: &Arc<Session>, params: DidSaveTextDocumentParams) {
    let uri = params.text_document.uri;
    let mut state = session.lock();
    let Some(document) = state.documents.get(&uri) else {
        return;
    };
    if document.is_file && is_config_file(&document.path) {
        session.reload_config(&mut state);
    } else {
        session.schedule(&mut state, &uri);
    }
}
