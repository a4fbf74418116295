//! "Did you mean ...?" for misspelt keys, flags, instructions and rule names.

/// The closest of `options` to `candidate`, if it is close enough to be what the user meant.
///
/// Comparison ignores ASCII case and treats `-` and `_` alike, since `cap-add` for `cap_add`
/// or `--Chown` for `--chown` are the common slips. "Close enough" is an edit distance of at
/// most a third of the candidate's length (at least 1), which suggests `healtcheck` ->
/// `healthcheck` but nothing for unrelated words.
pub fn did_you_mean<'a>(
    candidate: &str,
    options: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    if candidate.is_empty() {
        return None;
    }
    let normalized = normalize(candidate);
    let length = normalized.chars().count();
    let limit = (length / 3).max(1);
    options
        .into_iter()
        // The distance is at least the difference in length: skipping options too long or too
        // short saves computing it for most of a long list (the 93 keys of a service).
        .filter(|option| option.chars().count().abs_diff(length) <= limit)
        .map(|option| (edit_distance(&normalized, &normalize(option)), option))
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, option)| option)
}

fn normalize(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c == '-' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// Optimal string alignment distance: Levenshtein plus adjacent transpositions (`hte` ->
/// `the` is one edit).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in rows.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = best;
        }
    }
    rows[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(candidate: &str, options: &[&str], expected: Option<&str>) {
        assert_eq!(
            did_you_mean(candidate, options.iter().copied()),
            expected,
            "{candidate}"
        );
    }

    #[test]
    fn suggests_close_spellings() {
        let keys = ["healthcheck", "hostname", "image", "cap_add", "restart"];
        check("healtcheck", &keys, Some("healthcheck"));
        check("cap-add", &keys, Some("cap_add"));
        check("imgae", &keys, Some("image"));
        check("Restart", &keys, Some("restart"));
    }

    #[test]
    fn stays_silent_for_unrelated_words() {
        check("volumes", &["image", "restart"], None);
        check("x", &["image"], None);
        check("", &["a"], None);
    }
}
