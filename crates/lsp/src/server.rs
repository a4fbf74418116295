//! The protocol's methods, routed to their handler files.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeActionParams, CodeActionResponse, DidChangeConfigurationParams,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, InitializeParams, InitializeResult,
    InitializedParams, SetTraceParams,
};
use tower_lsp_server::{Client, LanguageServer};

use crate::handlers;
use crate::session::Session;

pub(crate) struct Server {
    pub client: Client,
    pub session: Arc<Session>,
}

impl Server {
    /// `$/setTrace`, which the `LanguageServer` trait does not route.
    pub async fn set_trace(&self, params: SetTraceParams) {
        handlers::set_trace::handle(&self.session, params);
    }
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        Ok(handlers::initialize::handle(&self.session, params))
    }

    async fn initialized(&self, _: InitializedParams) {
        handlers::initialized::handle(&self.session, &self.client).await;
    }

    async fn shutdown(&self) -> Result<()> {
        handlers::shutdown::handle(&self.session);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        handlers::did_open::handle(&self.session, params);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        handlers::did_change::handle(&self.session, params);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        handlers::did_save::handle(&self.session, params);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        handlers::did_close::handle(&self.session, params);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        handlers::did_change_configuration::handle(&self.session, params);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        handlers::did_change_watched_files::handle(&self.session, params);
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        Ok(handlers::code_action::handle(params))
    }
}
