//! `$/setTrace`: how much the server tells the client's trace about its work. With `messages`
//! or `verbose`, each lint is traced (`$/logTrace`) with its duration and outcome.

use tower_lsp_server::ls_types::{SetTraceParams, TraceValue};

use crate::session::Session;

pub(crate) fn handle(session: &Session, params: SetTraceParams) {
    session.lock().trace = params.value != TraceValue::Off;
}
