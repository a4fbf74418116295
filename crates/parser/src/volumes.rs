//! Compose's short volume syntax, `SOURCE:TARGET[:OPTIONS]`, as compose-go's
//! `format.ParseVolume` reads it.
//!
//! - The text is split on `:`, except the `:` of a drive letter (`C:\data`) and any `:` inside
//!   `${...}` (nesting counted), so that an unresolved variable can hold a colon.
//! - A spec of one or two bytes is an anonymous volume's target; a single part is one too.
//! - Options are comma-separated: `ro`, `rw`, `nocopy`, the bind propagations `rprivate
//!   private rshared shared rslave slave`, and the SELinux labels `z` and `Z`. Compose ignores
//!   any other option silently; berth keeps them so that a rule can report them.
//! - The source makes a bind mount when it starts with `.`, `/`, `~`, `\\`, or a drive letter
//!   and `:`; otherwise it names a volume (which must be declared at the top level).

use crate::go;
use crate::message::SyntaxError;
use crate::msg;
use crate::text::TextRange;

/// A parsed short volume specification.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct ShortVolume {
    /// The host path or the volume name; `None` for an anonymous volume.
    pub source: Option<TextRange>,
    /// The path in the container; `None` when the spec ends inside an unclosed `${`, which
    /// compose-go then drops.
    pub target: Option<TextRange>,
    pub options: Vec<VolumeOption>,
    pub kind: VolumeKind,
    /// `ro` (a later `rw` turns it back off).
    pub read_only: bool,
    pub nocopy: bool,
    /// The last propagation option, if any.
    pub propagation: Option<TextRange>,
    /// The last SELinux option, `z` or `Z`, if any.
    pub selinux: Option<TextRange>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum VolumeKind {
    /// A host path mounted into the container (short-form binds also create a missing host
    /// path).
    Bind,
    /// A named volume, or an anonymous one when there is no source.
    #[default]
    Volume,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct VolumeOption {
    pub range: TextRange,
    pub kind: VolumeOptionKind,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum VolumeOptionKind {
    ReadOnly,
    ReadWrite,
    NoCopy,
    Propagation,
    SELinux,
    /// Anything else, including an empty option: Compose ignores it without a word.
    Unknown,
}

/// Parses a Compose short volume specification.
pub fn parse_compose_volume(text: &str) -> (ShortVolume, Vec<SyntaxError>) {
    let mut volume = ShortVolume::default();
    let mut errors = Vec::new();
    let whole = TextRange::new(0, text.len() as u32);
    match text.len() {
        0 => {
            errors.push(SyntaxError::new(
                whole,
                msg!("invalid empty volume spec", "spécification de volume vide"),
            ));
            return (volume, errors);
        }
        1 | 2 => {
            volume.target = Some(whole);
            return (volume, errors);
        }
        _ => {}
    }
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut buffer_start = 0usize;
    let mut buffer_chars = 0usize;
    let mut first_char = None;
    // The spec and a NUL that marks its end, as compose-go appends one.
    let chars = text
        .char_indices()
        .chain(std::iter::once((text.len(), '\0')));
    for (i, c) in chars {
        let end_of_spec = c == '\0';
        if c == '$' && i + 1 < bytes.len() && bytes[i + 1] == b'{' {
            depth += 1;
        } else if c == '}' && depth > 0 {
            depth -= 1;
        } else if c == ':' && buffer_chars == 1 && first_char.is_some_and(go::is_letter) {
            // A drive letter: the colon belongs to the path.
        } else if (c == ':' || end_of_spec) && depth == 0 {
            let buffer = TextRange::new(buffer_start as u32, i as u32);
            if let Err(error) = populate(&mut volume, text, buffer, end_of_spec, i) {
                errors.push(error);
                break;
            }
            buffer_start = i + c.len_utf8();
            buffer_chars = 0;
            first_char = None;
            continue;
        }
        if buffer_chars == 0 {
            first_char = Some(c);
        }
        buffer_chars += 1;
    }
    volume.kind = match volume.source {
        Some(source) if is_file_path(source.slice(text)) => VolumeKind::Bind,
        _ => VolumeKind::Volume,
    };
    (volume, errors)
}

/// compose-go's `populateFieldFromBuffer`: the part just read is the source, the target or
/// the options, depending on what is already set.
fn populate(
    volume: &mut ShortVolume,
    text: &str,
    buffer: TextRange,
    end_of_spec: bool,
    at: usize,
) -> Result<(), SyntaxError> {
    let invalid = |range: TextRange, reason: &str, raison: &str| {
        SyntaxError::new(
            range,
            msg!(
                "invalid spec: {text}: {reason}",
                "spécification invalide : {text} : {raison}"
            ),
        )
    };
    if buffer.is_empty() {
        let end = (at + 1).min(text.len()) as u32;
        let start = buffer.start.saturating_sub(1);
        return Err(invalid(
            TextRange::new(start, end.max(start)),
            "empty section between colons",
            "section vide entre deux « : »",
        ));
    }
    if volume.source.is_none() && end_of_spec {
        volume.target = Some(buffer);
        return Ok(());
    }
    if volume.source.is_none() {
        volume.source = Some(buffer);
        return Ok(());
    }
    if volume.target.is_none() {
        volume.target = Some(buffer);
        return Ok(());
    }
    if !end_of_spec {
        return Err(invalid(
            TextRange::new(at as u32, text.len() as u32),
            "too many colons",
            "trop de « : »",
        ));
    }
    let mut start = buffer.start;
    for option in buffer.slice(text).split(',') {
        let range = TextRange::at(start, option.len() as u32);
        start += option.len() as u32 + 1;
        let kind = match option {
            "ro" => {
                volume.read_only = true;
                VolumeOptionKind::ReadOnly
            }
            "rw" => {
                volume.read_only = false;
                VolumeOptionKind::ReadWrite
            }
            "nocopy" => {
                volume.nocopy = true;
                VolumeOptionKind::NoCopy
            }
            "rprivate" | "private" | "rshared" | "shared" | "rslave" | "slave" => {
                volume.propagation = Some(range);
                VolumeOptionKind::Propagation
            }
            "z" | "Z" => {
                volume.selinux = Some(range);
                VolumeOptionKind::SELinux
            }
            _ => VolumeOptionKind::Unknown,
        };
        volume.options.push(VolumeOption { range, kind });
    }
    Ok(())
}

/// compose-go's `isFilePath`.
fn is_file_path(source: &str) -> bool {
    if source.starts_with(['.', '/', '~']) || source.starts_with("\\\\") {
        return true;
    }
    let mut chars = source.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    source.as_bytes().get(first.len_utf8()) == Some(&b':') && go::is_letter(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `kind source -> target [options]`, or the error and its range.
    fn check(input: &str, expected: &str) {
        let (volume, errors) = parse_compose_volume(input);
        let actual = if let Some(error) = errors.first() {
            format!("{} @ {:?}", error.message.en, error.range.slice(input))
        } else {
            let slice = |r: Option<TextRange>| r.map_or("-", |r| r.slice(input));
            let options: Vec<String> = volume
                .options
                .iter()
                .map(|o| format!("{}={:?}", o.range.slice(input), o.kind))
                .collect();
            format!(
                "{:?} {} -> {} [{}]{}",
                volume.kind,
                slice(volume.source),
                slice(volume.target),
                options.join(" "),
                if volume.read_only { " ro" } else { "" }
            )
        };
        assert_eq!(actual, expected, "{input:?}");
    }

    #[test]
    fn short_syntax() {
        check("/data", "Volume - -> /data []");
        check("/a", "Volume - -> /a []");
        check("ab", "Volume - -> ab []");
        check("a:b", "Volume - -> a:b []");
        check("./src:/app", "Bind ./src -> /app []");
        check("~/cfg:/cfg:ro", "Bind ~/cfg -> /cfg [ro=ReadOnly] ro");
        check(
            "/var/run/docker.sock:/var/run/docker.sock",
            "Bind /var/run/docker.sock -> /var/run/docker.sock []",
        );
        check("data:/var/lib/data", "Volume data -> /var/lib/data []");
        check(
            "data:/var/lib/data:nocopy",
            "Volume data -> /var/lib/data [nocopy=NoCopy]",
        );
        check(
            "./a:/b:ro,z,rshared,rw,bogus",
            "Bind ./a -> /b [ro=ReadOnly z=SELinux rshared=Propagation rw=ReadWrite bogus=Unknown]",
        );
        check("C:\\data:/data", "Bind C:\\data -> /data []");
        check("c:/data:/data:ro", "Bind c:/data -> /data [ro=ReadOnly] ro");
        check("\\\\server\\share:/s", "Bind \\\\server\\share -> /s []");
        check("${SRC:-./x}:/app", "Volume ${SRC:-./x} -> /app []");
        check(
            "${A:-${B:-/x}}:/y:ro",
            "Volume ${A:-${B:-/x}} -> /y [ro=ReadOnly] ro",
        );
        check("./a:${T:-/b}", "Bind ./a -> ${T:-/b} []");
        // An unclosed `${` swallows the rest, which compose-go drops.
        check("./a:${T", "Bind ./a -> - []");
    }

    #[test]
    fn errors() {
        check("", "invalid empty volume spec @ \"\"");
        check(
            "./a::/b",
            "invalid spec: ./a::/b: empty section between colons @ \"::\"",
        );
        check(
            ":/b",
            "invalid spec: :/b: empty section between colons @ \":\"",
        );
        check(
            "/a:/b:",
            "invalid spec: /a:/b:: empty section between colons @ \":\"",
        );
        check(
            "/a:/b:ro:x",
            "invalid spec: /a:/b:ro:x: too many colons @ \":x\"",
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_ranges_fit(text in "[a-cC./~\\\\:${},rozé\0-]{0,24}") {
            let (volume, errors) = parse_compose_volume(&text);
            let mut ranges: Vec<TextRange> = errors.iter().map(|e| e.range).collect();
            ranges.extend(volume.source);
            ranges.extend(volume.target);
            ranges.extend(volume.options.iter().map(|o| o.range));
            for range in ranges {
                proptest::prop_assert!(range.start <= range.end && range.end as usize <= text.len());
                proptest::prop_assert!(text.is_char_boundary(range.start as usize));
                proptest::prop_assert!(text.is_char_boundary(range.end as usize));
            }
        }
    }
}
