//! Parsing a workspace file once into what rules and suppressions read: the model of its
//! kind, its syntax errors, and its outline (comments and the items a suppression comment
//! can apply to).

use berth_parser::dockerfile::model::{self as dockerfile_model, ModelOptions};
use berth_parser::dockerfile::{self, Dockerfile};
use berth_parser::host::{ClientConfig, DaemonConfig};
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

/// The syntax tree of a file, by kind, and the models built on it: Dockerfile stages and
/// scopes, host configurations (the effective Compose project is built over all the Compose
/// files of a folder, by the engine).
#[derive(Debug)]
pub enum Model {
    Dockerfile(Box<DockerfileModel>),
    Dockerignore,
    /// A Compose file (YAML), as read, aliases unresolved.
    Document(Document),
    /// A daemon.json or a client config.json: the JSON tree and the typed configuration.
    Host {
        document: Document,
        config: HostModel,
    },
}

/// The typed configuration of a host file, built once when the file is parsed (boxed: a
/// daemon configuration is large, and most files are of other kinds).
#[derive(Debug)]
pub enum HostModel {
    Daemon(Box<DaemonConfig>),
    Client(Box<ClientConfig>),
}

/// A Dockerfile's syntax tree and its semantic model.
#[derive(Debug)]
pub struct DockerfileModel {
    pub tree: Dockerfile,
    pub model: dockerfile_model::Model,
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
        FileType::Dockerfile => dockerfile(source),
        FileType::Dockerignore => Parsed {
            syntax_errors: Vec::new(),
            outline: Outline::default(),
            model: Model::Dockerignore,
        },
        FileType::Compose => {
            let (syntax_errors, outline, document) =
                document(yaml::parse(source.text(), FileId(0)));
            Parsed {
                syntax_errors,
                outline,
                model: Model::Document(document),
            }
        }
        FileType::Daemon | FileType::ClientConfig => {
            let (syntax_errors, outline, document) =
                document(json::parse(source.text(), FileId(0)));
            let config = if file_type == FileType::Daemon {
                HostModel::Daemon(Box::new(DaemonConfig::from_document(&document)))
            } else {
                HostModel::Client(Box::new(ClientConfig::from_document(&document)))
            };
            Parsed {
                syntax_errors,
                outline,
                model: Model::Host { document, config },
            }
        }
    }
}

/// Parses a Dockerfile and builds its model. The syntax errors are the parser's and then the
/// model's (what BuildKit refuses while dispatching), in file order.
fn dockerfile(source: &SourceFile) -> Parsed {
    let tree = dockerfile::parse(source.text());
    // Build args, the target and named contexts come from a Compose service that builds this
    // Dockerfile (`build.args`, `build.target`, `build.additional_contexts`); the workspace
    // links them once Compose files point at their Dockerfiles. Until then the model sees
    // the file alone, as `docker build` without options does.
    let model = dockerfile_model::model(&tree, &ModelOptions::default());
    let mut syntax_errors: Vec<SyntaxError> =
        tree.errors.iter().chain(&model.errors).cloned().collect();
    syntax_errors.sort_by_key(|error| (error.range.start, error.range.end));
    let outline = dockerfile_outline(&tree);
    Parsed {
        syntax_errors,
        outline,
        model: Model::Dockerfile(Box::new(DockerfileModel { tree, model })),
    }
}

/// Comments are the comment lines and the parser directives (which suppression reads for
/// `# check=skip=`); items are the instructions; stages run from a FROM to the end of the last
/// instruction before the next FROM.
fn dockerfile_outline(tree: &Dockerfile) -> Outline {
    let mut comments: Vec<TextRange> = tree
        .directives
        .iter()
        .map(|directive| directive.range)
        .chain(tree.comments.iter().map(|comment| comment.range))
        .collect();
    comments.sort_by_key(|range| range.start);
    let items: Vec<TextRange> = tree
        .instructions
        .iter()
        .map(|instruction| instruction.range)
        .collect();
    let mut stages: Vec<TextRange> = Vec::new();
    for instruction in &tree.instructions {
        if instruction.keyword == dockerfile::Keyword::From {
            stages.push(instruction.range);
        } else if let Some(stage) = stages.last_mut() {
            stage.end = instruction.range.end;
        }
    }
    Outline {
        comments,
        items,
        stages,
        has_directives: true,
    }
}

/// Takes the syntax errors out of a YAML or JSON tree and builds its outline.
fn document(mut document: Document) -> (Vec<SyntaxError>, Outline, Document) {
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
    (syntax_errors, outline, document)
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
    fn dockerfile_outline_has_directives_comments_instructions_and_stages() {
        let text = "# syntax=docker/dockerfile:1\n# hadolint ignore=DL3006\nFROM a AS b\nRUN x \\\n  # inside\n  y\n\nFROM b\nCOPY --from=b x y\n";
        let source = SourceFile::new("Dockerfile", text);
        let parsed = parse(&source, FileType::Dockerfile);
        let slices = |ranges: &[TextRange]| -> Vec<String> {
            ranges
                .iter()
                .map(|range| source.slice(*range).replace('\n', "|"))
                .collect()
        };
        assert_eq!(
            slices(&parsed.outline.comments),
            [
                "# syntax=docker/dockerfile:1",
                "# hadolint ignore=DL3006",
                "# inside"
            ]
        );
        assert_eq!(
            slices(&parsed.outline.items),
            [
                "FROM a AS b",
                "RUN x \\|  # inside|  y",
                "FROM b",
                "COPY --from=b x y"
            ]
        );
        assert_eq!(
            slices(&parsed.outline.stages),
            [
                "FROM a AS b|RUN x \\|  # inside|  y",
                "FROM b|COPY --from=b x y"
            ]
        );
        assert!(parsed.syntax_errors.is_empty());
        let Model::Dockerfile(dockerfile) = &parsed.model else {
            panic!("a Dockerfile model");
        };
        assert_eq!(dockerfile.model.stages().len(), 2);
    }

    #[test]
    fn dockerfile_errors_are_the_parser_s_then_the_model_s_in_order() {
        let text =
            "FROM alpine\nCOPY --from=later a b\nFROM alpine AS later\nRUN --mount=type=nope x\n";
        let parsed = parse(&SourceFile::new("Dockerfile", text), FileType::Dockerfile);
        let messages: Vec<&str> = parsed
            .syntax_errors
            .iter()
            .map(|error| error.message.en.as_ref())
            .collect();
        assert_eq!(
            messages,
            [
                "cannot copy from stage \"later\", it needs to be defined before current stage \"stage-0\"",
                "unsupported mount type \"nope\"",
            ]
        );
    }

    #[test]
    fn json_errors_become_syntax_errors() {
        let text = "{\"a\": 1,}\n";
        let parsed = parse(&SourceFile::new("daemon.json", text), FileType::Daemon);
        assert_eq!(parsed.syntax_errors.len(), 1);
    }

    #[test]
    fn host_files_get_their_typed_model() {
        let text = "{\"icc\": false}\n";
        let parsed = parse(&SourceFile::new("daemon.json", text), FileType::Daemon);
        let Model::Host {
            config: HostModel::Daemon(daemon),
            ..
        } = &parsed.model
        else {
            panic!("a daemon model: {:?}", parsed.model);
        };
        assert!(!daemon.icc());
        let parsed = parse(
            &SourceFile::new(".docker/config.json", "{}"),
            FileType::ClientConfig,
        );
        assert!(matches!(
            parsed.model,
            Model::Host {
                config: HostModel::Client(_),
                ..
            }
        ));
    }
}
