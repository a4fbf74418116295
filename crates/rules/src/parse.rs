//! Parsing a workspace file once into what rules and suppressions read: the model of its
//! kind, its syntax errors, and its outline (comments and the items a suppression comment
//! can apply to).

use berth_parser::yaml::{Document, Node, NodeKind};
use berth_parser::{FileId, SourceFile, SyntaxError, TextRange, json, yaml};

use crate::file_type::FileType;

/// A parsed file.
#[derive(Debug)]
pub struct Parsed {
    /// What the file's own tool would refuse, reported as the kind's syntax-error rule.
    pub syntax_errors: Vec<SyntaxError>,
    pub outline: Outline,
    pub model: Model,
}

/// The syntax tree of a file, by kind. Models built on the trees (Dockerfile stages, the
/// effective Compose project, host configurations) are added here as the parser layer
/// provides them.
#[derive(Debug)]
pub enum Model {
    /// The Dockerfile parser is not wired yet: Dockerfile rules read the source text.
    Dockerfile,
    Dockerignore,
    /// A Compose file (YAML) or a host configuration (JSON), as read, aliases unresolved.
    Document(Document),
}

/// Where the comments are, and the ranges a suppression comment can apply to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// Each comment, from its `#` to the end of its line (line break excluded), in order.
    pub comments: Vec<TextRange>,
    /// Each suppressible item (a Dockerfile instruction, a YAML mapping entry or sequence
    /// item), from its first to its last byte, in order of start.
    pub items: Vec<TextRange>,
    /// Each Dockerfile stage, from its FROM to the end of its last instruction.
    pub stages: Vec<TextRange>,
    /// Whether the file can start with parser directives (`# check=skip=...`): Dockerfiles.
    pub has_directives: bool,
}

/// Parses `source` as `file_type`. Never fails: a file the parser cannot read fully yields
/// what it could read and its errors.
pub fn parse(source: &SourceFile, file_type: FileType) -> Parsed {
    match file_type {
        FileType::Dockerfile => Parsed {
            syntax_errors: Vec::new(),
            outline: Outline {
                has_directives: true,
                ..Outline::default()
            },
            model: Model::Dockerfile,
        },
        FileType::Dockerignore => Parsed {
            syntax_errors: Vec::new(),
            outline: Outline::default(),
            model: Model::Dockerignore,
        },
        FileType::Compose => document(yaml::parse(source.text(), FileId(0))),
        FileType::Daemon | FileType::ClientConfig => {
            document(json::parse(source.text(), FileId(0)))
        }
    }
}

fn document(mut document: Document) -> Parsed {
    let mut outline = Outline {
        comments: document
            .comments
            .iter()
            .map(|comment| comment.range)
            .collect(),
        ..Outline::default()
    };
    for root in &document.roots {
        collect_items(root, &mut outline.items);
    }
    outline
        .items
        .sort_by_key(|item| (item.start, std::cmp::Reverse(item.end)));
    let syntax_errors = std::mem::take(&mut document.errors);
    Parsed {
        syntax_errors,
        outline,
        model: Model::Document(document),
    }
}

/// Every mapping entry (key to end of value) and sequence item of the tree.
fn collect_items(node: &Node, items: &mut Vec<TextRange>) {
    match &node.kind {
        NodeKind::Mapping(mapping) => {
            for entry in &mapping.entries {
                items.push(entry.key.range.cover(entry.value.range));
                collect_items(&entry.key, items);
                collect_items(&entry.value, items);
            }
        }
        NodeKind::Sequence(sequence) => {
            for item in &sequence.items {
                items.push(item.range);
                collect_items(item, items);
            }
        }
        NodeKind::Scalar(_) | NodeKind::Alias(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compose_outline_has_comments_and_entries() {
        let text = "services:\n  # berth: ignore=C001\n  web:\n    image: x\n";
        let parsed = parse(&SourceFile::new("compose.yaml", text), FileType::Compose);
        let source = SourceFile::new("compose.yaml", text);
        let comments: Vec<&str> = parsed
            .outline
            .comments
            .iter()
            .map(|range| source.slice(*range))
            .collect();
        assert_eq!(comments, ["# berth: ignore=C001"]);
        let items: Vec<&str> = parsed
            .outline
            .items
            .iter()
            .map(|range| source.slice(*range).lines().next().unwrap())
            .collect();
        assert_eq!(items, ["services:", "web:", "image: x"]);
        assert!(parsed.syntax_errors.is_empty());
    }

    #[test]
    fn json_errors_become_syntax_errors() {
        let text = "{\"a\": 1,}\n";
        let parsed = parse(&SourceFile::new("daemon.json", text), FileType::Daemon);
        assert_eq!(parsed.syntax_errors.len(), 1);
    }
}
