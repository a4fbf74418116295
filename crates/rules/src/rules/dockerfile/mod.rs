//! Rules for Dockerfiles and `.dockerignore` files (codes `Dxxx`).

pub(crate) mod d001_dockerfile_syntax_error;
pub(crate) mod d002_copy_from_unknown_stage;
pub(crate) mod d101_pin_base_image_tag;
pub(crate) mod d201_final_stage_root_user;
pub(crate) mod d202_secret_in_build_arg_or_env;
pub(crate) mod d203_run_unverified_download;
pub(crate) mod d301_apt_install_recommends;
pub(crate) mod d401_missing_healthcheck;
pub(crate) mod d500_unused_suppression;

mod stage_reference;

use berth_parser::dockerfile::Keyword;
use berth_parser::dockerfile::shell::ShellView;

use crate::DockerfileContext;

/// The shell views of the instructions written with one of `keywords` (`RUN`, `CMD`...), and
/// of the ONBUILD instructions whose trigger is one of them (it runs in the builds that start
/// from the image), with each instruction's index.
pub(crate) fn shell_views<'a>(
    context: &DockerfileContext<'a>,
    keywords: &'static [Keyword],
) -> impl Iterator<Item = (usize, &'a ShellView<'a>)> + 'a {
    let context = *context;
    context
        .dockerfile
        .instructions
        .iter()
        .enumerate()
        .filter(|(_, instruction)| {
            keywords.contains(&instruction.keyword)
                || instruction
                    .trigger()
                    .is_some_and(|trigger| keywords.contains(&trigger.keyword))
        })
        .filter_map(move |(index, _)| Some((index, context.shell(index)?)))
}
