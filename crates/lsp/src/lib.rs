//! berth's language server: the only crate that knows LSP types.
//!
//! It runs the same pipeline as `berth check` on the documents an editor has open, their
//! unsaved buffers overlaying the disk, and publishes the findings as diagnostics.
//!
//! - [`session`]: documents, configuration, lint scheduling and publishing;
//!   [`handlers`]: one file per LSP method; [`server`]: routes methods to handlers.
//! - [`lint`]: one lint of one document; [`convert`]: findings as LSP diagnostics.
//! - [`document`], [`config`], [`options`]: what a lint reads.

mod config;
mod convert;
mod document;
mod handlers;
mod lint;
mod options;
mod server;
mod session;
#[cfg(test)]
mod tests;

use std::io;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

use crate::lint::LintFn;
use crate::session::Session;

/// How a session ended, which decides the exit status of `berth lsp`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Exit {
    /// `exit` came after `shutdown`: status 0.
    Clean,
    /// `exit` came without `shutdown`, or the client closed the connection: status 1, as the
    /// protocol asks.
    Abrupt,
}

/// Serves the protocol on stdin and stdout until the client says `exit` or closes stdin.
/// Logs go to stderr only: stdout carries the protocol.
pub fn run_stdio() -> io::Result<Exit> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("berth-lsp")
        .build()?;
    let exit = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // A lint still running belongs to a session that is over: do not wait for it.
    runtime.shutdown_timeout(Duration::from_millis(100));
    Ok(exit)
}

/// Serves the protocol on any byte streams (stdio, a socket, an in-memory pipe in tests).
/// Must run on a tokio runtime.
pub async fn serve<I, O>(input: I, output: O) -> Exit
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    serve_with(input, output, lint::lint).await
}

async fn serve_with<I, O>(input: I, output: O, lint: LintFn) -> Exit
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let mut session: Option<Arc<Session>> = None;
    let (service, socket) = LspService::build(|client| {
        let server = server::Server {
            session: Session::new(client.clone(), lint),
            client,
        };
        session = Some(Arc::clone(&server.session));
        server
    })
    .custom_method("$/setTrace", server::Server::set_trace)
    .finish();
    Server::new(input, output, socket).serve(service).await;
    let shutdown = session.is_some_and(|session| session.lock().shutdown_requested);
    if shutdown { Exit::Clean } else { Exit::Abrupt }
}
