//! Parser fixtures: one briefing per element of SPEC §2, and the elements the parser found in
//! it with their text, side by side (expect-test; `UPDATE_EXPECT=1 cargo test --test parser`
//! rewrites the expectations for review).

use briefing_lsp::model::{Document, Flavour, SuppressionKind};
use briefing_lsp::syntax::parse;
use expect_test::{Expect, expect};

fn dump(text: &str, document: &Document) -> String {
    let slice = |r: briefing_lsp::text::TextRange| text[r.start..r.end].replace('\n', "⏎");
    let mut out = Vec::new();
    if let Some(fm) = &document.front_matter {
        out.push(format!(
            "front matter: title={:?} date={:?} bluf={:?} declared={:?} inline={:?} sources={:?} rules={:?}",
            fm.title,
            fm.date.map(|d| format!("{}-{:02}-{:02}", d.year, d.month, d.day)),
            fm.bluf,
            fm.declared_actors.iter().map(|d| d.reference.as_str()).collect::<Vec<_>>(),
            fm.inline_actors.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            fm.sources.iter().map(|s| s.key.as_str()).collect::<Vec<_>>(),
            fm.rule_settings.iter().map(|(r, l, _)| format!("{r}={l}")).collect::<Vec<_>>(),
        ));
    }
    for s in &document.sections {
        out.push(format!(
            "section {} {:?} slug={} parent={:?}",
            s.level, s.title, s.slug, s.parent
        ));
    }
    for p in &document.paragraphs {
        out.push(format!("{:?}: {}", p.kind, slice(p.range)));
    }
    for s in &document.sentences {
        out.push(format!("sentence: {}", slice(s.range)));
    }
    for m in &document.explicit_mentions {
        out.push(format!("mention @{}", m.reference));
    }
    for r in &document.footnote_refs {
        out.push(format!("footnote ref {}: {}", r.label, slice(r.range)));
    }
    for d in &document.footnote_defs {
        out.push(format!("footnote def {}: {:?}", d.label, d.text));
    }
    for c in &document.citations {
        out.push(format!(
            "citation {:?}",
            c.keys.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>()
        ));
    }
    for l in &document.links {
        out.push(format!("link {}", l.url));
    }
    for l in &document.section_links {
        out.push(format!(
            "section link {:?} target {}",
            l.target,
            slice(l.target_range)
        ));
    }
    for n in &document.review_notes {
        out.push(format!(
            "review {:?} {:?} -> {:?}",
            n.kind, n.text, n.replacement
        ));
    }
    for s in &document.suppressions {
        let kind = match &s.kind {
            SuppressionKind::NextLine { line_range } => {
                format!("next line {:?}", slice(*line_range))
            }
            SuppressionKind::Disable => "disable".to_owned(),
            SuppressionKind::Enable => "enable".to_owned(),
        };
        out.push(format!(
            "suppression {kind} {:?}",
            s.rules.iter().map(|(r, _)| r.as_str()).collect::<Vec<_>>()
        ));
    }
    for p in &document.problems {
        out.push(format!(
            "problem {:?} at {:?}: {}",
            p.kind,
            slice(p.range),
            p.message
        ));
    }
    out.join("\n")
}

fn check(text: &str, flavour: Flavour, expected: Expect) {
    let document = parse(text, flavour);
    expected.assert_eq(&dump(text, &document));
}

#[test]
fn markdown_headings_code_and_lists() {
    check(
        "Lede before any heading.\n\n# Title\n\nSetext Heading\n--------------\n\n```\n# not a heading\n```\n\n- first item. Second sentence\n- `code` item\n\n> quoted text\n",
        Flavour::Markdown,
        expect![[r#"
            section 1 "Title" slug=title parent=None
            section 2 "Setext Heading" slug=setext-heading parent=Some(0)
            Paragraph: Lede before any heading.
            ListItem: first item. Second sentence
            ListItem: `code` item
            Quote: quoted text
            sentence: Lede before any heading.
            sentence: first item.
            sentence: Second sentence
            sentence: item
            sentence: quoted text"#]],
    );
}

#[test]
fn plain_text_title_lines() {
    check(
        "A first line that is long enough to be a lede and ends with a full stop.\nBackground\nThe talks began in May.\n- A list item, not a title\nWhat Comes Next\nMore text follows.\nNot a title either:\nLast line\n",
        Flavour::PlainText,
        expect![[r#"
            section 2 "Background" slug=background parent=None
            section 2 "What Comes Next" slug=what-comes-next parent=None
            Paragraph: A first line that is long enough to be a lede and ends with a full stop.
            Paragraph: The talks began in May.
            ListItem: A list item, not a title
            Paragraph: More text follows.
            Paragraph: Not a title either:
            Paragraph: Last line
            sentence: A first line that is long enough to be a lede and ends with a full stop.
            sentence: The talks began in May.
            sentence: A list item, not a title
            sentence: More text follows.
            sentence: Not a title either:
            sentence: Last line"#]],
    );
}

#[test]
fn plain_text_memo_header_fields_are_not_titles() {
    check(
        "MEMO FOR THE DIRECTOR\n\nFrom: Policy Unit, 3 May 2026\nSubject: Port security\n\nAnnex: Costs\nThe total is small.\n",
        Flavour::PlainText,
        expect![[r#"
            section 2 "MEMO FOR THE DIRECTOR" slug=memo-for-the-director parent=None
            section 2 "Annex: Costs" slug=annex-costs parent=None
            Paragraph: From: Policy Unit, 3 May 2026
            Paragraph: Subject: Port security
            Paragraph: The total is small.
            sentence: From: Policy Unit, 3 May 2026
            sentence: Subject: Port security
            sentence: The total is small."#]],
    );
}

#[test]
fn sentences_respect_abbreviations() {
    check(
        "The U.S.-led talks with Mr. Smith at No. 10 grew 3.5 percent… and then stalled. Dr. J. Doe said so! Was it true? Yes.\n",
        Flavour::Markdown,
        expect![[r#"
            Paragraph: The U.S.-led talks with Mr. Smith at No. 10 grew 3.5 percent… and then stalled. Dr. J. Doe said so! Was it true? Yes.
            sentence: The U.S.-led talks with Mr. Smith at No. 10 grew 3.5 percent… and then stalled.
            sentence: Dr. J. Doe said so!
            sentence: Was it true?
            sentence: Yes."#]],
    );
}

#[test]
fn inline_sources_links_and_mentions() {
    check(
        "@kallas met @united-states officials[^1] and cited [@unctad-2026, p. 4; @wb] and [a report](https://example.org/r) at https://example.org/x. Write to press@example.org. See [[Summary]] and [above](#summary).\n\n[^1]: EEAS statement, 18 November 2026.\n",
        Flavour::Markdown,
        expect![[r#"
            Paragraph: @kallas met @united-states officials[^1] and cited [@unctad-2026, p. 4; @wb] and [a report](https://example.org/r) at https://example.org/x. Write to press@example.org. See [[Summary]] and [above](#summary).
            FootnoteDefinition: EEAS statement, 18 November 2026.
            sentence: @kallas met @united-states officials[^1] and cited [@unctad-2026, p. 4; @wb] and [a report](https://example.org/r) at https://example.org/x.
            sentence: Write to press@example.org.
            sentence: See [[Summary]] and [above](#summary).
            mention @kallas
            mention @united-states
            footnote ref 1: [^1]
            footnote def 1: "EEAS statement, 18 November 2026."
            citation ["unctad-2026", "wb"]
            link https://example.org/r
            link https://example.org/x
            section link Heading("Summary") target Summary
            section link Slug("summary") target summary"#]],
    );
}

#[test]
fn critic_markup_and_suppressions() {
    check(
        "Keep {++ added ++} and {-- removed --} and {~~ old ~> new ~~} and {== marked ==}{>> a note <<}.\n\n<!-- briefing-ignore vague-attribution, no-such-rule -->\n\nAnalysts say so.\n\n<!-- briefing-disable -->\nText.\n<!-- briefing-enable -->\n\n`{>> not a note <<}`\n",
        Flavour::Markdown,
        expect![[r#"
            Paragraph: Keep {++ added ++} and {-- removed --} and {~~ old ~> new ~~} and {== marked ==}{>> a note <<}.
            Paragraph: Analysts say so.
            Paragraph: Text.
            Paragraph: `{>> not a note <<}`
            sentence: Keep {++ added ++} and {-- removed --} and {~~ old ~> new ~~} and {== marked ==}{>> a note <<}.
            sentence: Analysts say so.
            sentence: Text.
            review Insertion "added" -> None
            review Deletion "removed" -> None
            review Substitution "old" -> Some("new")
            review Highlight "marked" -> None
            review Comment "a note" -> None
            suppression next line "Analysts say so." ["vague-attribution", "no-such-rule"]
            suppression disable []
            suppression enable []
            problem UnknownRule at "no-such-rule": unknown rule `no-such-rule` in a suppression comment"#]],
    );
}

#[test]
fn front_matter_fields_and_faults() {
    check(
        "---\ntitle: Grain Corridor\ndate: 2026-11-20\nbluf: Exports recover.\nstatus: draft\nactors:\n  - ukraine\n  - id: port\n    name: Port Authority\n    kind: organization\nsources:\n  unctad-2026: \"UNCTAD, October 2026\"\nbriefing:\n  relative-time: off\ntags: [ignored]\n---\n# Summary\n\nText.\n",
        Flavour::Markdown,
        expect![[r#"
            front matter: title=Some("Grain Corridor") date=Some("2026-11-20") bluf=Some("Exports recover.") declared=["ukraine", "port"] inline=["port"] sources=["unctad-2026"] rules=["relative-time=off"]
            section 1 "Summary" slug=summary parent=None
            Paragraph: Text.
            sentence: Text."#]],
    );
    check(
        "---\ntitle: [unclosed\ndate: 2026-02-30\n---\n# Summary\n\nStill analysed.\n",
        Flavour::Markdown,
        expect![[r#"
            front matter: title=None date=None bluf=None declared=[] inline=[] sources=[] rules=[]
            section 1 "Summary" slug=summary parent=None
            Paragraph: Still analysed.
            sentence: Still analysed.
            problem InvalidFrontMatter at ": 2026-02-30": invalid front matter: illegal placement of ':' indicator"#]],
    );
}
