//! `broken-section-link`: `[x](#slug)` or `[[Heading]]` that names no heading.

use super::{Diagnostic, Fix, RuleCode, RuleContext, diagnostic};
use crate::fast_hash::{FastMap, FastSet};
use crate::model::{Section, SectionTarget};

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    let sections = &context.document.sections;
    if context.document.section_links.is_empty() {
        return;
    }
    // Built once, so that many links and many headings stay linear.
    let slugs: FastSet<&str> = sections.iter().map(|s| s.slug.as_str()).collect();
    let loose_slugs: FastSet<String> = sections.iter().map(|s| loose_slug(&s.slug)).collect();
    let titles: FastSet<String> = sections.iter().map(|s| loose_title(&s.title)).collect();
    let mut suggestions: FastMap<String, Option<String>> = FastMap::default();
    // Distinct broken targets × headings would be quadratic: the searches share a budget of
    // comparisons proportional to the briefing's size. A briefing with a few broken links
    // never reaches it; one with thousands gets suggestions for the first ones only.
    let mut budget = SUGGESTION_CELLS_PER_BYTE * context.text.len();
    // Candidates in the order the suggestion search visits them, lowercased once.
    let mut slug_candidates: Option<Vec<Candidate>> = None;
    let mut title_candidates: Option<Vec<Candidate>> = None;
    for link in &context.document.section_links {
        let (written, exists) = match &link.target {
            SectionTarget::Slug(slug) => (
                slug.as_str(),
                slugs.contains(slug.as_str())
                    || is_top(slug)
                    || loose_slugs.contains(&loose_slug(slug)),
            ),
            SectionTarget::Heading(title) => (title.as_str(), titles.contains(&loose_title(title))),
        };
        if exists {
            continue;
        }
        let suggestion = suggestions
            .entry(written.to_owned())
            .or_insert_with(|| {
                let candidates = match &link.target {
                    SectionTarget::Slug(_) => slug_candidates
                        .get_or_insert_with(|| slugs.iter().map(|s| Candidate::new(s)).collect()),
                    SectionTarget::Heading(_) => title_candidates.get_or_insert_with(|| {
                        sections.iter().map(|s| Candidate::new(&s.title)).collect()
                    }),
                };
                nearest(written, candidates, &mut budget).map(str::to_owned)
            })
            .clone();
        let mut d = diagnostic(
            RuleCode::BrokenSectionLink,
            link.range,
            format!("no section `{written}` in this briefing"),
        );
        if let Some(nearest) = suggestion {
            d.message =
                format!("no section `{written}` in this briefing: did you mean `{nearest}`?")
                    .into();
            d.fixes.push(Fix::replace(
                format!("Link to `{nearest}`"),
                link.target_range,
                nearest,
            ));
        }
        out.push(d);
    }
}

/// The section a link points to: slugs exactly, heading text case-insensitively.
pub fn find_target<'a>(
    sections: &'a [Section],
    target: &SectionTarget,
) -> Option<(usize, &'a Section)> {
    let exact = sections.iter().enumerate().find(|(_, s)| match target {
        SectionTarget::Slug(slug) => s.slug == *slug,
        SectionTarget::Heading(title) => s.title.to_lowercase() == title.trim().to_lowercase(),
    });
    exact.or_else(|| {
        sections.iter().enumerate().find(|(_, s)| match target {
            SectionTarget::Slug(slug) => loose_slug(&s.slug) == loose_slug(slug),
            SectionTarget::Heading(title) => loose_title(&s.title) == loose_title(title),
        })
    })
}

/// `#` and `#top` go to the top of the document in every browser (HTML's fragment rules).
fn is_top(slug: &str) -> bool {
    slug.is_empty() || slug.eq_ignore_ascii_case("top")
}

/// A slug as a reader means it: any case (`#Outlook`), and a run of hyphens as one, since
/// GitHub keeps `--` where `&` or `:` stood between spaces but people type one
/// (`#ports-grain` for `## Ports & grain`).
fn loose_slug(slug: &str) -> String {
    let mut out = String::with_capacity(slug.len());
    for c in slug.trim_matches('-').chars().flat_map(char::to_lowercase) {
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    out
}

/// Heading text as a `[[link]]` means it: any case, any run of spaces, and typographic
/// apostrophes and quotes the same as typewriter ones (`[[What's next?]]` for `## What’s next?`).
fn loose_title(title: &str) -> String {
    title
        .split_whitespace()
        .flat_map(|word| std::iter::once(' ').chain(word.chars()))
        .skip(1)
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .collect()
}

/// A heading or slug as the suggestion search compares it.
struct Candidate<'a> {
    text: &'a str,
    /// Characters of the text as written (the closeness limit counts these).
    n_chars: usize,
    lower: Vec<char>,
}

impl<'a> Candidate<'a> {
    fn new(text: &'a str) -> Candidate<'a> {
        Candidate {
            text,
            n_chars: text.chars().count(),
            lower: text.to_lowercase().chars().collect(),
        }
    }
}

/// Edit-distance table cells the suggestion searches may fill per byte of the briefing.
const SUGGESTION_CELLS_PER_BYTE: usize = 16;

/// The closest candidate by edit distance, if it is close enough to be a likely typo; the
/// first of equally close ones. Each distance is computed only as far as it could still win,
/// so one broken link against many headings costs little more than a scan. Each comparison
/// is paid from `budget` (table cells); when it runs out the search gives no suggestion, and
/// every later search stops at once.
fn nearest<'a>(written: &str, candidates: &[Candidate<'a>], budget: &mut usize) -> Option<&'a str> {
    let written: Vec<char> = written.to_lowercase().chars().collect();
    // Characters of the lowercased text, as the length filter has always counted them.
    let length = written.len();
    let mut best: Option<(usize, &'a str)> = None;
    let mut row = Vec::new();
    for candidate in candidates {
        let limit = (candidate.n_chars / 2).max(2);
        // A length difference alone exceeds the allowed distance: skip the computation.
        if candidate.n_chars.abs_diff(length) > limit {
            continue;
        }
        // Only a strictly smaller distance can replace the best so far.
        let bound = match best {
            Some((0, _)) => break,
            Some((distance, _)) => limit.min(distance - 1),
            None => limit,
        };
        let cost = (written.len() + 1) * (candidate.lower.len() + 1);
        if cost > *budget {
            *budget = 0;
            return None;
        }
        *budget -= cost;
        if let Some(distance) = bounded_distance(&written, &candidate.lower, bound, &mut row) {
            best = Some((distance, candidate.text));
        }
    }
    best.map(|(_, text)| text)
}

/// The Levenshtein distance of `a` and `b` when it is at most `bound`, else `None`.
fn bounded_distance(a: &[char], b: &[char], bound: usize, row: &mut Vec<usize>) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    row.clear();
    row.extend(0..=b.len());
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        let mut row_min = row[0];
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            let value = substitution.min(row[j + 1] + 1).min(row[j] + 1);
            row[j + 1] = value;
            row_min = row_min.min(value);
        }
        // Every later row is at least this row's minimum.
        if row_min > bound {
            return None;
        }
    }
    let distance = row[b.len()];
    (distance <= bound).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_distance(a: &[char], b: &[char]) -> usize {
        let mut previous: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut current = vec![i + 1; b.len() + 1];
            for (j, cb) in b.iter().enumerate() {
                let substitution = previous[j] + usize::from(ca != cb);
                current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            }
            previous = current;
        }
        previous[b.len()]
    }

    #[test]
    fn bounded_distance_agrees_with_the_full_table() {
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "kitten",
            "sitting",
            "summary",
            "sumary",
            "key-judgments",
            "key-judgements",
            "outlook",
            "out look",
            "Äußerung",
            "äusserung",
            "part-10",
            "part-1",
        ];
        let mut row = Vec::new();
        for a in words {
            for b in words {
                let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let exact = full_distance(&a, &b);
                for bound in 0..8 {
                    let expected = (exact <= bound).then_some(exact);
                    assert_eq!(bounded_distance(&a, &b, bound, &mut row), expected);
                }
            }
        }
    }

    #[test]
    fn nearest_keeps_the_first_of_equally_close_candidates() {
        let texts = ["part-2", "part-3", "summary", "part-1"];
        let candidates: Vec<Candidate> = texts.iter().map(|t| Candidate::new(t)).collect();
        let mut budget = usize::MAX;
        assert_eq!(nearest("part-9", &candidates, &mut budget), Some("part-2"));
        assert_eq!(nearest("sumary", &candidates, &mut budget), Some("summary"));
        assert_eq!(nearest("outlook", &candidates, &mut budget), None);
    }

    #[test]
    fn an_exhausted_budget_gives_no_suggestion() {
        let texts = ["part-2", "part-3", "summary", "part-1"];
        let candidates: Vec<Candidate> = texts.iter().map(|t| Candidate::new(t)).collect();
        // "sumary" against "part-2" and "part-3" costs 7 × 7 cells each, against "summary"
        // 7 × 8: one cell short of the third comparison, there is no suggestion.
        let mut budget = 2 * 7 * 7 + 7 * 8 - 1;
        assert_eq!(nearest("sumary", &candidates, &mut budget), None);
        assert_eq!(budget, 0);
        // Enough for all four ("part-1" comes last).
        let mut budget = 3 * 7 * 7 + 7 * 8;
        assert_eq!(nearest("sumary", &candidates, &mut budget), Some("summary"));
    }
}
