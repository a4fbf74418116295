//! `initialize`: what the client is (its locale, whether it can watch files), its settings
//! (`initializationOptions`), and what berth offers.

use std::sync::Arc;

use tower_lsp_server::ls_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, InitializeParams,
    InitializeResult, PositionEncodingKind, SaveOptions, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TraceValue,
};

use crate::config::Config;
use crate::options::ClientOptions;
use crate::session::Session;

pub(crate) fn handle(session: &Arc<Session>, params: InitializeParams) -> InitializeResult {
    let mut state = session.lock();
    state.locale = params.locale;
    state.trace = params.trace.is_some_and(|trace| trace != TraceValue::Off);
    let (options, problems) = ClientOptions::read(params.initialization_options.as_ref());
    state.client_options = options;
    state.pending_messages = problems;
    state.watch_files = params
        .capabilities
        .workspace
        .and_then(|workspace| workspace.did_change_watched_files)
        .and_then(|watched| watched.dynamic_registration)
        .unwrap_or(false);
    state.config = Arc::new(Config::new(
        state.client_options.clone(),
        state.locale.as_deref(),
    ));

    InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo {
            name: "berth".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
        offset_encoding: None,
    }
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        // Positions are UTF-16 code units, the protocol's default and the one every client
        // supports.
        position_encoding: Some(PositionEncodingKind::UTF16),
        // Full sync: each change carries the whole text, so no change depends on a previous
        // one having been applied (handlers may interleave), and Docker files are small.
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(
                    SaveOptions {
                        include_text: Some(false),
                    }
                    .into(),
                ),
                ..TextDocumentSyncOptions::default()
            },
        )),
        // Quick fixes come with the diagnostics they fix.
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}
