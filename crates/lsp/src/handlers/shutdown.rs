//! `shutdown`: nothing to flush; remember it so that `exit` ends with status 0.

use crate::session::Session;

pub(crate) fn handle(session: &Session) {
    session.lock().shutdown_requested = true;
}
