//! `textDocument/didClose`: the document's diagnostics are cleared; the open documents that
//! read its buffer are linted again against the disk.

use std::sync::Arc;

use tower_lsp_server::ls_types::DidCloseTextDocumentParams;

use crate::session::Session;

pub(crate) fn handle(session: &Arc<Session>, params: DidCloseTextDocumentParams) {
    let mut state = session.lock();
    session.close(&mut state, &params.text_document.uri);
}
