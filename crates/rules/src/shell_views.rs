//! The shell views of a Dockerfile's instructions, computed when a rule first asks for one and
//! then shared by every rule run on the file: several rules reading the same RUN parse it
//! once, and a RUN no rule asks about is never parsed. The language server lints on every
//! keystroke: a [`ShellCache`] it keeps per document gives back the views of the instructions
//! an edit did not change, wherever the edit moved them.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, OnceLock};

use berth_parser::dockerfile::model::Model;
use berth_parser::dockerfile::shell::{ShellKind, ShellView, shell_view};
use berth_parser::dockerfile::{Dockerfile, Instruction};

/// One lazily built [`ShellView`] per instruction of a Dockerfile.
pub struct ShellViews<'a> {
    text: &'a str,
    dockerfile: &'a Dockerfile,
    model: &'a Model,
    /// Views kept from earlier versions of the file, if its owner keeps them.
    cache: Option<&'a ShellCache>,
    /// Indexed like `dockerfile.instructions`.
    views: Box<[OnceLock<ShellView<'a>>]>,
}

impl<'a> ShellViews<'a> {
    /// An empty set of views for the Dockerfile `dockerfile` of text `text` and its model:
    /// nothing is parsed yet. With a `cache`, a view is taken from it when the same instruction
    /// text was viewed before, and each view built is kept there.
    pub fn new(
        text: &'a str,
        dockerfile: &'a Dockerfile,
        model: &'a Model,
        cache: Option<&'a ShellCache>,
    ) -> ShellViews<'a> {
        if let Some(cache) = cache {
            cache.start_lint();
        }
        ShellViews {
            text,
            dockerfile,
            model,
            cache,
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
        let view = self.views[index].get_or_init(|| {
            let shell = self.model.shell_kind_at(index);
            match self.cache {
                Some(cache) => cache.view(self.text, self.dockerfile.escape, instruction, shell),
                None => shell_view(self.text, instruction, shell),
            }
        });
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

/// The shell views of one document's instructions, kept from one lint to the next by their
/// instruction's text: a view depends only on that text, the escape token (it decides the
/// continuations) and the kind of the stage's shell, so an instruction an edit did not change
/// gets its view back, moved to where it now is, without parsing its shell again. Only the
/// views the last lint used are kept.
#[derive(Default)]
pub struct ShellCache {
    state: Mutex<CacheState>,
}

#[derive(Default)]
struct CacheState {
    /// The views by the hash of their key; the key's text is kept to tell collisions apart.
    entries: HashMap<u64, CachedView>,
    /// Which lint this is, counted from 1.
    lint: u64,
    /// How many views were given back from the cache (for tests).
    #[cfg(test)]
    hits: usize,
}

struct CachedView {
    escape: char,
    shell: ShellKind,
    text: Box<str>,
    /// The view with offsets from the start of the instruction.
    view: ShellView<'static>,
    /// The last lint that used it.
    used: u64,
}

impl ShellCache {
    /// Starts a lint: the views the previous lint did not use are dropped, so that the cache
    /// holds one version's views, not every version's.
    fn start_lint(&self) {
        let mut state = self.lock();
        let previous = state.lint;
        state.entries.retain(|_, entry| entry.used >= previous);
        state.lint += 1;
    }

    /// The view of `instruction` of the Dockerfile `text`: the kept one moved to where the
    /// instruction starts, or a new one, then kept.
    fn view<'a>(
        &self,
        text: &'a str,
        escape: char,
        instruction: &'a Instruction,
        shell: ShellKind,
    ) -> ShellView<'a> {
        let start = instruction.range.start;
        let source = instruction.range.slice(text);
        let key = key(escape, shell, source);
        {
            let mut state = self.lock();
            let lint = state.lint;
            if let Some(entry) = state.entries.get_mut(&key)
                && (entry.escape, entry.shell, &*entry.text) == (escape, shell, source)
            {
                entry.used = lint;
                let view = entry.view.placed(text, 0, start);
                #[cfg(test)]
                {
                    state.hits += 1;
                }
                return view;
            }
        }
        // Built without the lock: parsing is the slow part.
        let view = shell_view(text, instruction, shell);
        let kept = view.moved(start, 0);
        let mut state = self.lock();
        let used = state.lint;
        let entry = CachedView {
            escape,
            shell,
            text: source.into(),
            view: kept,
            used,
        };
        state.entries.insert(key, entry);
        view
    }

    /// The state, even if a lint panicked while holding it: entries are only ever replaced
    /// whole, so they are never half-written.
    fn lock(&self) -> std::sync::MutexGuard<'_, CacheState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// How many views are kept, and how many were given back (for tests).
    #[cfg(test)]
    fn counts(&self) -> (usize, usize) {
        let state = self.lock();
        (state.entries.len(), state.hits)
    }
}

fn key(escape: char, shell: ShellKind, text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    (escape, shell, text).hash(&mut hasher);
    hasher.finish()
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
        let views = ShellViews::new(text, &tree, &model, None);
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

    /// The views of `text`'s instructions that run a command, built with `cache`.
    fn views_with(cache: &ShellCache, text: &str) -> Vec<ShellView<'static>> {
        let tree = dockerfile::parse(text);
        let model = model(&tree, &ModelOptions::default());
        let views = ShellViews::new(text, &tree, &model, Some(cache));
        (0..tree.instructions.len())
            .filter_map(|index| views.get(index))
            .filter(|view| !view.commands.is_empty())
            .map(|view| view.moved(0, 0))
            .collect()
    }

    #[test]
    fn an_edit_parses_again_only_the_instructions_it_changed() {
        let cache = ShellCache::default();
        let before = "FROM alpine\nRUN apk add curl\nRUN make build | tee log\n";
        views_with(&cache, before);
        assert_eq!(
            cache.counts(),
            (3, 0),
            "FROM has a view too (without commands)"
        );

        // A longer first RUN moves the second: its view comes back, moved.
        let after = "FROM alpine\nRUN apk add curl git\nRUN make build | tee log\n";
        let views = views_with(&cache, after);
        let fresh = views_with(&ShellCache::default(), after);
        assert_eq!(views, fresh);
        assert_eq!(
            cache.counts().1,
            2,
            "FROM and the second RUN from the cache"
        );

        // The first RUN's old text was not used by the last lint: dropped on the next one.
        views_with(&cache, after);
        assert_eq!(cache.counts(), (3, 5));
    }

    #[test]
    fn the_escape_token_and_the_shell_are_part_of_the_key() {
        let cache = ShellCache::default();
        views_with(&cache, "FROM alpine\nRUN echo a `\n  b\n");
        let with_backtick = "# escape=`\nFROM alpine\nRUN echo a `\n  b\n";
        let views = views_with(&cache, with_backtick);
        assert_eq!(views, views_with(&ShellCache::default(), with_backtick));
        assert_eq!(views[0].commands[0].args.len(), 2, "`echo a b`");
        assert_eq!(
            cache.counts().1,
            0,
            "another escape token: nothing comes back"
        );

        let powershell = "FROM alpine\nSHELL [\"pwsh\", \"-c\"]\nRUN echo a `\n  b\n";
        views_with(&cache, powershell);
        assert!(
            views_with(&cache, powershell).is_empty(),
            "PowerShell: no commands"
        );
        assert!(!views_with(&cache, with_backtick).is_empty());
    }
}
