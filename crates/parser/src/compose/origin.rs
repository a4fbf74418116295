//! Where a value of the effective model came from.
//!
//! A value of a merged, interpolated project may be written in one file, copied by an alias,
//! brought into a service by `extends`, imported by `include` and merged over by an override
//! file. [`Origin`] keeps the place it is written (file and range) and each of those steps, so
//! that a finding points into the file the user must edit and can explain how the value got
//! where it is.

use std::ops::Deref;
use std::path::Path;

use crate::message::Message;
use crate::text::{FileId, SourceFile, TextRange};
use crate::yaml::{Node, Via, ViaKind};

/// The place a value is written, and the steps that brought it where it is in the model,
/// outermost step first (see [`Node::via`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub file: FileId,
    pub range: TextRange,
    pub via: Vec<Via>,
}

impl Origin {
    /// The origin of a node of a resolved tree.
    pub fn of(node: &Node) -> Origin {
        Origin {
            file: node.file,
            range: node.range,
            via: node.via.clone(),
        }
    }

    /// A place reached directly, with no alias, merge, extends or include step.
    pub fn at(file: FileId, range: TextRange) -> Origin {
        Origin {
            file,
            range,
            via: Vec::new(),
        }
    }

    /// The same steps, at another place of the same file: a part of a scalar (the key of
    /// `KEY=value`), or a key beside its value.
    pub fn with_range(&self, range: TextRange) -> Origin {
        Origin {
            file: self.file,
            range,
            via: self.via.clone(),
        }
    }

    /// The outermost place the user wrote something that brought the value: the first step's
    /// use site, or the value itself when it is where it was written.
    pub fn use_site(&self) -> (FileId, TextRange) {
        self.via
            .first()
            .map_or((self.file, self.range), |via| (via.file, via.range))
    }

    /// Whether the value was brought by a step of this kind.
    pub fn came_by(&self, kind: ViaKind) -> bool {
        self.via.iter().any(|via| via.kind == kind)
    }

    /// The chain in words, for messages: "defined in base.yaml:12:5, brought by extends in
    /// compose.yaml:4:5". Paths are shown relative to `base` when they are under it.
    pub fn describe(&self, files: &[SourceFile], base: &Path) -> Message {
        let place = |file: FileId, range: TextRange| place(files, base, file, range);
        let defined = place(self.file, self.range);
        let mut en = format!("defined in {defined}");
        let mut fr = format!("défini dans {defined}");
        // `via` is outermost first; the story reads from the definition outwards.
        for via in self.via.iter().rev() {
            let at = place(via.file, via.range);
            let (step_en, step_fr) = step_words(via.kind);
            en.push_str(&format!(", brought by {step_en} in {at}"));
            fr.push_str(&format!(", apporté par {step_fr} dans {at}"));
        }
        Message::new(en, fr)
    }
}

fn step_words(kind: ViaKind) -> (&'static str, &'static str) {
    match kind {
        ViaKind::Alias => ("an alias", "un alias"),
        ViaKind::MergeKey => ("a merge key `<<`", "une clé de fusion `<<`"),
        ViaKind::Extends => ("`extends`", "`extends`"),
        ViaKind::Include => ("`include`", "`include`"),
        ViaKind::Override => ("an override file", "un fichier de surcharge"),
    }
}

/// `path:line:column` of a place, the path relative to `base` when under it.
pub fn place(files: &[SourceFile], base: &Path, file: FileId, range: TextRange) -> String {
    match files.get(file.0 as usize) {
        Some(source) => {
            let path = source.path();
            let shown = path.strip_prefix(base).unwrap_or(path);
            format!("{}:{}", shown.display(), source.line_column(range.start))
        }
        None => format!("<file {}>", file.0),
    }
}

/// A value of the effective model with its origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Located<T> {
    pub fn new(value: T, origin: Origin) -> Self {
        Located { value, origin }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Located<U> {
        Located {
            value: f(self.value),
            origin: self.origin,
        }
    }

    pub fn as_ref(&self) -> Located<&T> {
        Located {
            value: &self.value,
            origin: self.origin.clone(),
        }
    }
}

impl<T> Deref for Located<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl Located<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}
