//! `textDocument/codeAction`: the quick fix of each berth diagnostic the editor asks about.
//!
//! The fix travels in the diagnostic's `data` (see `convert::diagnostic`), computed on the
//! text the diagnostic was published for, so offering it needs no new lint. A fix that may
//! change behaviour is offered too, but never as the preferred action an editor applies on
//! its own ("fix on save").

use std::collections::HashMap;

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    WorkspaceEdit,
};

use crate::convert::{DiagnosticData, SOURCE};

pub(crate) fn handle(params: CodeActionParams) -> Option<CodeActionResponse> {
    if let Some(only) = &params.context.only
        && !only
            .iter()
            .any(|kind| CodeActionKind::QUICKFIX.as_str().starts_with(kind.as_str()))
    {
        return None;
    }
    let uri = params.text_document.uri;
    let actions: CodeActionResponse = params
        .context
        .diagnostics
        .into_iter()
        .filter(|diagnostic| diagnostic.source.as_deref() == Some(SOURCE))
        .filter_map(|diagnostic| {
            let data: DiagnosticData = serde_json::from_value(diagnostic.data.clone()?).ok()?;
            let fix = data.fix;
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), fix.edits)])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(fix.safe),
                ..CodeAction::default()
            }))
        })
        .collect();
    (!actions.is_empty()).then_some(actions)
}
