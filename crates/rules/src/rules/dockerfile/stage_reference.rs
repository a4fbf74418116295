//! Names that mean a stage but name none BuildKit can use there. BuildKit then reads the name
//! as an image on Docker Hub (`builder` is `docker.io/library/builder:latest`) and the build
//! fails to pull it, or pulls someone else's image. `copy-from-unknown-stage` reports these;
//! `pin-base-image-tag` leaves such a FROM to it, so that one mistake is one finding.

use berth_parser::dockerfile::model::{Base, Model, Stage};
use berth_parser::image::ImageRef;

/// The stage a name most likely means.
#[derive(Clone, Copy, Debug)]
pub(crate) enum MeantStage<'m> {
    /// A stage of that very name, defined after the FROM that names it: FROM does not look
    /// ahead.
    Later(&'m Stage),
    /// An earlier stage whose name is close (a typo).
    Similar(&'m Stage),
}

/// Whether a reference is a bare name (`builder`: no registry, namespace, tag or digest), the
/// only shape a stage name has.
pub(crate) fn is_bare_name(reference: &ImageRef) -> bool {
    !reference.as_str().contains(['/', ':', '@'])
}

/// The stage the FROM of `stage` most likely means, when its image is a bare name that names
/// no earlier stage: a later stage of that name, else an earlier stage with a close name.
pub(crate) fn stage_meant_by_from<'m>(model: &'m Model, stage: &Stage) -> Option<MeantStage<'m>> {
    let Base::Image(base) = &stage.base else {
        return None;
    };
    let image = stage.image.as_ref()?;
    if !image.known || !base.valid || !is_bare_name(&base.reference) {
        return None;
    }
    if let Some(later) = base.names_later_stage.and_then(|index| model.stage(index)) {
        return Some(MeantStage::Later(later));
    }
    model
        .similar_stage(base.reference.as_str(), stage.index)
        .map(MeantStage::Similar)
}
