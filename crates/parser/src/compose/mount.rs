//! Mounts (`volumes` of a service) in their long form.

use std::path::PathBuf;

use crate::text::TextRange;
use crate::volumes::{VolumeKind, VolumeOptionKind, parse_compose_volume};
use crate::yaml::{Node, NodeKind};

use super::load::{Loader, part_range};
use super::origin::{Located, Origin};
use super::port::Syntax;
use super::read::{boolean_at, string, string_at, text};

/// One mount of a service, as `docker compose config` prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    /// `bind`, `volume`, `tmpfs`, `npipe`, `cluster` or `image`.
    pub kind: Located<MountType>,
    /// The host path (as written) for a bind, the volume's name for a volume, the image for
    /// an image mount; `None` for an anonymous volume or a tmpfs.
    pub source: Option<Located<String>>,
    /// A bind's host path made absolute.
    pub source_path: Option<PathBuf>,
    /// The path in the container, cleaned as Go's `path.Clean` does.
    pub target: Located<String>,
    pub read_only: Option<Located<bool>>,
    pub consistency: Option<Located<String>>,
    /// `bind.propagation`, or the short syntax's propagation option.
    pub propagation: Option<Located<String>>,
    /// Whether a missing host path is created (true for the short syntax).
    pub create_host_path: Option<Located<bool>>,
    /// `bind.selinux`, or the short syntax's `z` / `Z`.
    pub selinux: Option<Located<String>>,
    /// `volume.nocopy`, or the short syntax's `nocopy`.
    pub nocopy: Option<Located<bool>>,
    pub subpath: Option<Located<String>>,
    /// `tmpfs.size` as written.
    pub tmpfs_size: Option<Located<String>>,
    pub tmpfs_mode: Option<Located<String>>,
    /// Options of the short syntax Compose ignores without a word (`:rw,nosuid`).
    pub unknown_options: Vec<Located<String>>,
    /// The whole entry.
    pub origin: Origin,
    pub syntax: Syntax,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MountType {
    Bind,
    Volume,
    Tmpfs,
    Npipe,
    Cluster,
    Image,
    /// A type Compose refuses (the schema reports it).
    Other(String),
}

impl MountType {
    pub fn parse(text: &str) -> MountType {
        match text {
            "bind" => MountType::Bind,
            "volume" => MountType::Volume,
            "tmpfs" => MountType::Tmpfs,
            "npipe" => MountType::Npipe,
            "cluster" => MountType::Cluster,
            "image" => MountType::Image,
            other => MountType::Other(other.to_owned()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            MountType::Bind => "bind",
            MountType::Volume => "volume",
            MountType::Tmpfs => "tmpfs",
            MountType::Npipe => "npipe",
            MountType::Cluster => "cluster",
            MountType::Image => "image",
            MountType::Other(other) => other,
        }
    }
}

impl Mount {
    /// Whether the mount names a volume of the project (not an anonymous one).
    pub fn named_volume(&self) -> Option<&Located<String>> {
        match self.kind.value {
            MountType::Volume => self
                .source
                .as_ref()
                .filter(|source| !source.value.is_empty()),
            _ => None,
        }
    }

    pub(crate) fn read(loader: &Loader, node: &Node) -> Option<Mount> {
        match &node.kind {
            NodeKind::Mapping(_) => Some(Mount::read_long(loader, node)?),
            NodeKind::Scalar(_) => Mount::read_short(loader, node),
            _ => None,
        }
    }

    fn read_long(loader: &Loader, node: &Node) -> Option<Mount> {
        let origin = Origin::of(node);
        let kind = string_at(node, "type")?.map(|kind| MountType::parse(&kind));
        let target = string_at(node, "target")?.map(|target| clean(&target));
        let source = string_at(node, "source").filter(|source| !source.value.is_empty());
        let source_path = match (&kind.value, &source) {
            (MountType::Bind, Some(source)) => Some(loader.resolve_path(source)),
            _ => None,
        };
        let bind = node.get("bind");
        let volume = node.get("volume");
        let tmpfs = node.get("tmpfs");
        let image = node.get("image");
        let create_host_path = bind.and_then(|bind| boolean_at(bind, "create_host_path"));
        Some(Mount {
            source,
            source_path,
            target,
            read_only: boolean_at(node, "read_only"),
            consistency: string_at(node, "consistency"),
            propagation: bind.and_then(|bind| string_at(bind, "propagation")),
            // compose-go defaults `bind.create_host_path` to true when a `bind` block is
            // written without it.
            create_host_path: create_host_path.or_else(|| {
                bind.filter(|bind| bind.as_mapping().is_some())
                    .map(|bind| Located::new(true, Origin::of(bind)))
            }),
            selinux: bind.and_then(|bind| string_at(bind, "selinux")),
            nocopy: volume.and_then(|volume| boolean_at(volume, "nocopy")),
            subpath: volume
                .and_then(|volume| string_at(volume, "subpath"))
                .or_else(|| image.and_then(|image| string_at(image, "subpath"))),
            tmpfs_size: tmpfs.and_then(|tmpfs| string_at(tmpfs, "size")),
            tmpfs_mode: tmpfs.and_then(|tmpfs| string_at(tmpfs, "mode")),
            unknown_options: Vec::new(),
            kind,
            origin,
            syntax: Syntax::Long,
        })
    }

    fn read_short(loader: &Loader, node: &Node) -> Option<Mount> {
        let origin = Origin::of(node);
        let written = text(node)?;
        let (volume, _errors) = parse_compose_volume(&written);
        let at = |range: TextRange| {
            origin.with_range(part_range(node, range.start as usize, range.end as usize))
        };
        let part = |range: TextRange| Located::new(range.slice(&written).to_owned(), at(range));
        let target = part(volume.target?).map(|target| clean(&target));
        let source = volume
            .source
            .map(part)
            .filter(|source| !source.value.is_empty());
        let kind = match volume.kind {
            VolumeKind::Bind => MountType::Bind,
            VolumeKind::Volume => MountType::Volume,
        };
        let source_path = match (&kind, &source) {
            (MountType::Bind, Some(source)) => Some(loader.resolve_path(source)),
            _ => None,
        };
        let option = |kind: VolumeOptionKind| {
            volume
                .options
                .iter()
                .rev()
                .find(|option| option.kind == kind)
                .map(|option| at(option.range))
        };
        let read_only = option(VolumeOptionKind::ReadOnly)
            .or_else(|| option(VolumeOptionKind::ReadWrite))
            .map(|origin| Located::new(volume.read_only, origin));
        let is_bind = kind == MountType::Bind;
        Some(Mount {
            kind: Located::new(kind, origin.clone()),
            source,
            source_path,
            target,
            read_only,
            consistency: None,
            propagation: volume.propagation.map(part),
            create_host_path: is_bind.then(|| Located::new(true, origin.clone())),
            selinux: volume.selinux.map(part),
            nocopy: option(VolumeOptionKind::NoCopy).map(|origin| Located::new(true, origin)),
            subpath: None,
            tmpfs_size: None,
            tmpfs_mode: None,
            unknown_options: volume
                .options
                .iter()
                .filter(|option| option.kind == VolumeOptionKind::Unknown)
                .map(|option| part(option.range))
                .collect(),
            origin,
            syntax: Syntax::Short,
        })
    }
}

/// A `tmpfs` entry (`/run` or `/run:size=64m`) as the mount target it is.
pub(crate) fn tmpfs_target(node: &Node) -> Option<Located<String>> {
    let entry = string(node)?;
    let path = entry.value.split(':').next().unwrap_or_default().to_owned();
    let end = path.len();
    let origin = entry.origin.with_range(part_range(node, 0, end));
    Some(Located::new(path, origin))
}

/// A mount target as Compose compares them: Go's `path.Clean`, except that a missing target
/// stays empty (it is reported, not read as `.`).
pub fn clean(path: &str) -> String {
    if path.is_empty() {
        return String::new();
    }
    crate::go::clean_path(path)
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn clean_is_go_path_clean() {
        assert_eq!(clean("/data/"), "/data");
        assert_eq!(clean("/a/./b/../c//d"), "/a/c/d");
        assert_eq!(clean("/.."), "/");
        assert_eq!(clean("a/../.."), "..");
        assert_eq!(clean(""), "");
    }
}
