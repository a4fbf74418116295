//! `textDocument/didOpen`: the document is linted, and so are the open documents that read its
//! file (their findings now see the buffer instead of the disk).

use std::sync::Arc;

use tower_lsp_server::ls_types::DidOpenTextDocumentParams;

use crate::document::Document;
use crate::session::Session;

pub(crate) fn handle(session: &Arc<Session>, params: DidOpenTextDocumentParams) {
    let item = params.text_document;
    let document = Document::new(item.uri, item.language_id, item.version, item.text);
    let mut state = session.lock();
    session.open(&mut state, document);
}
