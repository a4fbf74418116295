//! The shell views of a Dockerfile's instructions, computed when a rule first asks for one and
//! then shared by every rule run on the file: several rules reading the same RUN parse it
//! once, and a RUN no rule asks about is never parsed (the language server lints on every
//! keystroke).

use std::sync::OnceLock;

use berth_parser::dockerfile::Dockerfile;
use berth_parser::dockerfile::model::Model;
use berth_parser::dockerfile::shell::{ShellView, shell_view};

/// One lazily built [`ShellView`] per instruction of a Dockerfile.
pub struct ShellViews<'a> {
    text: &'a str,
    dockerfile: &'a Dockerfile,
    model: &'a Model,
    /// Indexed like `dockerfile.instructions`.
    views: Box<[OnceLock<ShellView<'a>>]>,
}

impl<'a> ShellViews<'a> {
    /// An empty cache for the Dockerfile `dockerfile` of text `text` and its model: nothing is
    /// parsed yet.
    pub fn new(text: &'a str, dockerfile: &'a Dockerfile, model: &'a Model) -> ShellViews<'a> {
        ShellViews {
            text,
            dockerfile,
            model,
            views: dockerfile
                .instructions
                .iter()
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// The shell view of the instruction at `index` (RUN, CMD, ENTRYPOINT, HEALTHCHECK, or an
    /// ONBUILD whose trigger is one of them), run by the shell the stage's SHELL sets; `None`
    /// when there is no such instruction. Built on the first call, then shared.
    pub fn get(&self, index: usize) -> Option<&ShellView<'a>> {
        let instruction = self.dockerfile.instructions.get(index)?;
        let view = self.views[index]
            .get_or_init(|| shell_view(self.text, instruction, self.model.shell_kind_at(index)));
        Some(view)
    }

    /// How many views were built so far (for tests of the laziness).
    #[cfg(test)]
    pub(crate) fn built(&self) -> usize {
        self.views
            .iter()
            .filter(|view| view.get().is_some())
            .count()
    }
}

#[cfg(test)]
mod tests {
    use berth_parser::dockerfile;
    use berth_parser::dockerfile::model::{ModelOptions, model};

    use super::*;

    #[test]
    fn views_are_built_on_demand_once_with_the_stage_s_shell() {
        let text = "FROM alpine\nRUN apk add curl\nSHELL [\"pwsh\", \"-c\"]\nRUN Get-Item x\n";
        let tree = dockerfile::parse(text);
        let model = model(&tree, &ModelOptions::default());
        let views = ShellViews::new(text, &tree, &model);
        assert_eq!(views.built(), 0);

        let first = views.get(1).expect("a RUN");
        assert_eq!(first.commands[0].program(), Some("apk"));
        let again = views.get(1).expect("a RUN");
        assert!(
            std::ptr::eq(first, again),
            "the same view, not a second parse"
        );
        assert_eq!(views.built(), 1);

        let pwsh = views.get(3).expect("a RUN");
        assert!(pwsh.commands.is_empty());
        assert!(!pwsh.skipped.is_empty(), "PowerShell is not analysed");
        assert!(views.get(4).is_none());
        assert_eq!(views.built(), 2);
    }
}
