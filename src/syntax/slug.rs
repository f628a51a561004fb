//! GitHub-style heading slugs: lowercase, punctuation dropped, spaces to `-`, repeats numbered.

use std::collections::HashMap;

pub fn slugify(title: &str) -> String {
    title
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Hands out unique slugs the way GitHub does: `intro`, `intro-1`, `intro-2`.
#[derive(Default)]
pub struct SlugCounter {
    seen: HashMap<String, usize>,
}

impl SlugCounter {
    pub fn unique(&mut self, title: &str) -> String {
        let base = slugify(title);
        let count = self.seen.entry(base.clone()).or_insert(0);
        let slug = if *count == 0 {
            base.clone()
        } else {
            format!("{base}-{count}")
        };
        *count += 1;
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_slugs() {
        assert_eq!(
            slugify("Coordination — Without Weakening Pressure"),
            "coordination--without-weakening-pressure"
        );
        assert_eq!(slugify("What's Next? (2026)"), "whats-next-2026");
        assert_eq!(slugify("Türkiye’s Role"), "türkiyes-role");
        let mut counter = SlugCounter::default();
        assert_eq!(counter.unique("Outlook"), "outlook");
        assert_eq!(counter.unique("Outlook"), "outlook-1");
    }
}
