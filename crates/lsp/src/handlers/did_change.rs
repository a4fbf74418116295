//! `textDocument/didChange`: a newer version of a document. A change whose version is not
//! newer than the one held is dropped (it arrived late); otherwise the document and the open
//! documents that read it are linted again.

use std::sync::Arc;

use tower_lsp_server::ls_types::DidChangeTextDocumentParams;

use crate::session::Session;

pub(crate) fn handle(session: &Arc<Session>, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let version = params.text_document.version;
    let mut state = session.lock();
    let Some(document) = state.documents.get_mut(&uri) else {
        eprintln!(
            "berth lsp: change of {} which is not open; ignored",
            uri.as_str()
        );
        return;
    };
    if version <= document.version {
        eprintln!(
            "berth lsp: change of {} to version {version} arrived after version {}; dropped",
            uri.as_str(),
            document.version
        );
        return;
    }
    document.apply_changes(version, params.content_changes);
    let path = document.path.clone();
    session.schedule(&mut state, &uri);
    session.schedule_dependents(&mut state, &path);
}
