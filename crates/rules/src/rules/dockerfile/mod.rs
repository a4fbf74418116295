//! Rules for Dockerfiles and `.dockerignore` files (codes `Dxxx`).

pub(crate) mod d001_dockerfile_syntax_error;
pub(crate) mod d301_apt_install_recommends;
pub(crate) mod d500_unused_suppression;

use berth_parser::dockerfile::Keyword;
use berth_parser::dockerfile::shell::ShellView;

use crate::DockerfileContext;

/// The shell views of the commands run while the image is built: each RUN, and the RUN of
/// each ONBUILD (which runs in the builds that start from the image), with the instruction's
/// index.
pub(crate) fn build_commands<'a>(
    context: &DockerfileContext<'a>,
) -> impl Iterator<Item = (usize, &'a ShellView<'a>)> + 'a {
    let context = *context;
    context
        .dockerfile
        .instructions
        .iter()
        .enumerate()
        .filter(|(_, instruction)| {
            instruction.keyword == Keyword::Run
                || instruction
                    .trigger()
                    .is_some_and(|trigger| trigger.keyword == Keyword::Run)
        })
        .filter_map(move |(index, _)| Some((index, context.shell(index)?)))
}
