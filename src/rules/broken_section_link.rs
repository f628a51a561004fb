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
    let titles: FastSet<String> = sections
        .iter()
        .map(|s| s.title.trim().to_lowercase())
        .collect();
    let mut suggestions: FastMap<String, Option<String>> = FastMap::default();
    for link in &context.document.section_links {
        let (written, exists) = match &link.target {
            SectionTarget::Slug(slug) => (slug.as_str(), slugs.contains(slug.as_str())),
            SectionTarget::Heading(title) => (
                title.as_str(),
                titles.contains(&title.trim().to_lowercase()),
            ),
        };
        if exists {
            continue;
        }
        let suggestion = suggestions
            .entry(written.to_owned())
            .or_insert_with(|| {
                let candidates: Vec<&str> = match &link.target {
                    SectionTarget::Slug(_) => slugs.iter().copied().collect(),
                    SectionTarget::Heading(_) => {
                        sections.iter().map(|s| s.title.as_str()).collect()
                    }
                };
                nearest(written, &candidates).map(str::to_owned)
            })
            .clone();
        let mut d = diagnostic(
            RuleCode::BrokenSectionLink,
            link.range,
            format!("no section `{written}` in this briefing"),
        );
        if let Some(nearest) = suggestion {
            d.message =
                format!("no section `{written}` in this briefing: did you mean `{nearest}`?");
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
    sections.iter().enumerate().find(|(_, s)| match target {
        SectionTarget::Slug(slug) => s.slug == *slug,
        SectionTarget::Heading(title) => s.title.to_lowercase() == title.trim().to_lowercase(),
    })
}

/// The closest candidate by edit distance, if it is close enough to be a likely typo.
fn nearest<'a>(written: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let written = written.to_lowercase();
    let length = written.chars().count();
    candidates
        .iter()
        // A length difference alone exceeds the allowed distance: skip the computation.
        .filter(|c| c.chars().count().abs_diff(length) <= (c.chars().count() / 2).max(2))
        .map(|c| (edit_distance(&written, &c.to_lowercase()), *c))
        .filter(|(distance, c)| *distance <= (c.chars().count() / 2).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}
