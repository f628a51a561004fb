//! The hostile and odd documents of issue 7, built in memory.

/// One hostile input: a name for the report, the file name it is analysed as, and the text.
pub struct Hostile {
    pub name: &'static str,
    pub file_name: &'static str,
    pub text: String,
}

fn hostile(name: &'static str, file_name: &'static str, text: String) -> Hostile {
    Hostile {
        name,
        file_name,
        text,
    }
}

/// A briefing-like sentence with an actor, a claim, attribution and a relative date.
const SENTENCE: &str = "Officials familiar with the talks said Moscow rejected 12% of the plan \
                        in the coming days, and analysts say Ukraine is likely to respond. ";

/// Every hostile document, small and large. `scale` divides the big counts (1 = the sizes the
/// issue names: 10 MB, 100,000 headings, 100,000 footnotes).
pub fn all(scale: usize) -> Vec<Hostile> {
    let scale = scale.max(1);
    let mut out = small();
    out.extend(large(scale));
    out
}

/// The small odd documents: cheap enough to send through the server one by one.
pub fn small() -> Vec<Hostile> {
    let mut out = vec![
        hostile("empty", "empty.brief.md", String::new()),
        hostile("BOM only", "bom.brief.md", "\u{feff}".to_owned()),
        hostile("BOM only (plain)", "bom.txt", "\u{feff}".to_owned()),
        hostile(
            "BOM and front matter",
            "bom-fm.brief.md",
            "\u{feff}---\ntitle: T\n---\n# Summary\nText.\n".to_owned(),
        ),
        hostile(
            "NUL bytes",
            "nul.brief.md",
            format!("# Head\0ing\n\0\0{SENTENCE}\0[^a\0]\n\0@ukr\0aine\n\0"),
        ),
        hostile("only NUL", "nul.txt", "\0".repeat(1000)),
    ];
    for (name, separator) in [
        ("U+2028 line separator", "\u{2028}"),
        ("U+2029 paragraph separator", "\u{2029}"),
        ("NEL", "\u{85}"),
        ("form feed", "\u{c}"),
        ("vertical tab", "\u{b}"),
    ] {
        let text = format!(
            "# Summary{separator}Text{separator}{SENTENCE}{separator}{separator}## Next{separator}\
             - item{separator}- {SENTENCE}{separator}[^a]{separator}[^a]: def{separator}"
        );
        out.push(hostile(name, "separators.brief.md", text.clone()));
        out.push(hostile(name, "separators.txt", text));
    }
    out.push(hostile(
        "every separator at once",
        "all-separators.brief.md",
        format!(
            "Title line\u{2028}\u{2029}\u{85}\u{c}\u{b}\u{a0}\u{200b}\u{feff}{SENTENCE}\r\n\r\r\n\n"
        )
        .repeat(50),
    ));
    out.push(hostile(
        "mixed CRLF/CR/LF",
        "mixed.brief.md",
        format!(
            "---\r\ntitle: Mixed\r---\n# Summary\r\n{SENTENCE}\r\rWhat Comes Next\n{SENTENCE}[^1]\r\n\
             \r\n[^1]: A source.\r- a\r\n- b\n> quote\r> more\r\n\r\n## End\r"
        )
        .repeat(20),
    ));
    out.push(hostile(
        "mixed CRLF/CR/LF (plain)",
        "mixed.txt",
        format!("Summary Line\r\n{SENTENCE}\rNext Title\n\r{SENTENCE}\r\n").repeat(50),
    ));
    out.push(hostile("lone CR", "cr.txt", "\r".repeat(5000)));
    out.push(hostile(
        "lone CRs and text",
        "cr.brief.md",
        "a\r#\r".repeat(2000),
    ));
    out.push(hostile(
        "all emoji",
        "emoji.brief.md",
        "🇺🇦🇷🇺👨‍👩‍👧‍👦🏳️‍🌈😀🙂🔥 ".repeat(2000),
    ));
    out.push(hostile(
        "emoji headings and links",
        "emoji2.brief.md",
        "# 😀 Summary 😀\n😀 [[😀 Summary 😀]] [x](#-summary-) [^😀] @😀 {>>😀<<}\n\n[^😀]: 😀\n"
            .repeat(100),
    ));
    out.push(hostile(
        "RTL text",
        "rtl.brief.md",
        "# ملخص\n\nقال مسؤولون مطلعون على المحادثات إن موسكو رفضت الخطة. \u{202e}Ukraine\u{202c} \
         שלום עולם. \u{200f}[^א]\n\n[^א]: מקור\n"
            .repeat(200),
    ));
    out.push(hostile(
        "YAML alias bomb",
        "laughs.brief.md",
        format!("---\n{}---\n# Summary\n{SENTENCE}\n", billion_laughs()),
    ));
    out.push(hostile(
        "YAML alias bomb in a known key",
        "laughs2.brief.md",
        format!(
            "---\n{}title: *i\nactors: [*i, *h]\nsources: {{a: *i}}\n---\n# Summary\n{SENTENCE}\n",
            billion_laughs()
        ),
    ));
    out.push(hostile(
        "deeply nested YAML (flow)",
        "deep.brief.md",
        format!(
            "---\ntitle: {}{}\n---\n# Summary\n{SENTENCE}\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
    ));
    out.push(hostile(
        "deeply nested YAML (block)",
        "deep-block.brief.md",
        format!("---\nactors:\n{}---\nText.\n", nested_block_yaml(500)),
    ));
    out.push(hostile(
        "deeply nested YAML (flow maps)",
        "deep-map.brief.md",
        format!("---\nbriefing: {}\n---\nText.\n", "{a: ".repeat(5_000)),
    ));
    out.push(hostile(
        "front matter never closed",
        "unclosed.brief.md",
        format!("---\ntitle: x\n{}", "key: value\n".repeat(20_000)),
    ));
    out.push(hostile(
        "front matter over the size limit",
        "big-fm.brief.md",
        format!(
            "---\ntitle: x\nnotes: |\n{}---\n# Summary\n{SENTENCE}\n",
            "  lorem ipsum dolor sit amet\n".repeat(5_000)
        ),
    ));
    out.push(hostile(
        "front matter with wrong types",
        "types.brief.md",
        "---\ntitle: [1, 2]\ndate: 2026-13-45\nactors: {a: b}\nsources: [x]\nbriefing: 7\n\
         status: 3\nbluf: {x: y}\n---\n# Summary\nText.\n"
            .to_owned(),
    ));
    out.push(hostile(
        "front matter with tabs and binary",
        "tabs.brief.md",
        "---\n\ttitle:\t\u{1}\u{7f}\n!!binary x: y\n&a [*a]: 1\n---\nText.\n".to_owned(),
    ));
    out
}

/// The large documents. `scale` divides their sizes (1 = the full sizes).
pub fn large(scale: usize) -> Vec<Hostile> {
    let n = |full: usize| (full / scale).max(10);
    vec![
        hostile(
            "10 MB single line",
            "long-line.brief.md",
            SENTENCE.repeat(n(10 * 1024 * 1024) / SENTENCE.len()),
        ),
        hostile(
            "10 MB single line without spaces",
            "long-word.txt",
            "a".repeat(n(10 * 1024 * 1024)),
        ),
        hostile(
            "100,000 headings",
            "headings.brief.md",
            (0..n(100_000))
                .map(|i| format!("{} Heading {i}\n", "#".repeat(i % 6 + 1)))
                .collect(),
        ),
        hostile(
            "100,000 identical headings",
            "same-headings.brief.md",
            "## Summary\n".repeat(n(100_000)),
        ),
        hostile(
            "100,000 title lines",
            "titles.txt",
            "Title Line Here\nSome text follows it.\n".repeat(n(100_000)),
        ),
        hostile("100,000 footnotes", "footnotes.brief.md", {
            let count = n(100_000);
            let mut text = String::from("# Summary\n\n");
            for i in 0..count {
                text.push_str(&format!("Claim {i} rose 5%[^f{i}]. "));
            }
            text.push_str("\n\n");
            for i in 0..count {
                text.push_str(&format!("[^f{i}]: Source {i}.\n"));
            }
            text
        }),
        hostile(
            "100,000 dangling footnote references",
            "dangling.brief.md",
            "[^x] [@k] [[h]] ".repeat(n(100_000)),
        ),
        hostile(
            "50-level nested lists",
            "lists.brief.md",
            nested_lists(50, 20),
        ),
        hostile(
            "50-level nested quotes",
            "quotes.brief.md",
            nested_quotes(50, 20),
        ),
        hostile(
            "50-level quotes and lists",
            "mixed-nesting.brief.md",
            (1..=50)
                .map(|depth| format!("{}- {SENTENCE}\n", "> - ".repeat(depth)))
                .collect::<String>()
                .repeat(5),
        ),
        hostile(
            "1,000-level nested quotes",
            "deep-quotes.brief.md",
            format!("{} {SENTENCE}\n", ">".repeat(1_000)),
        ),
        hostile(
            "unclosed brackets",
            "brackets.brief.md",
            "[".repeat(n(200_000)),
        ),
        hostile(
            "unclosed CriticMarkup",
            "critic.brief.md",
            "{>> {++ {~~ ".repeat(n(100_000)),
        ),
        hostile(
            "unclosed HTML comments",
            "comments.brief.md",
            "<!-- ".repeat(n(100_000)),
        ),
        hostile(
            "emphasis runs",
            "emphasis.brief.md",
            "*a **b _c __d ".repeat(n(100_000)),
        ),
        hostile(
            "many at-signs",
            "at.brief.md",
            "@ukraine @x@y @".repeat(n(100_000)),
        ),
        hostile(
            "many suppressions",
            "suppress.brief.md",
            "<!-- briefing-ignore vague-attribution, nope -->\n<!-- briefing-disable x -->\n"
                .repeat(n(50_000)),
        ),
        hostile(
            "many actors",
            "actors.brief.md",
            "Russia Ukraine Canada U.S. NATO EU Moscow Kyiv Ottawa Washington ".repeat(n(100_000)),
        ),
        hostile(
            "2 MB of briefing",
            "briefing.brief.md",
            format!("# Summary\n\n{SENTENCE}[^a]\n\n## Next\n\n- {SENTENCE}\n\n[^a]: x\n")
                .repeat(n(2 * 1024 * 1024) / 300),
        ),
    ]
}

/// The classic "billion laughs": ten levels, each ten aliases of the one before.
pub fn billion_laughs() -> String {
    let mut yaml = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let (previous, name) = (pair[0], pair[1]);
        let aliases = vec![format!("*{previous}"); 9].join(",");
        yaml.push_str(&format!("{name}: &{name} [{aliases}]\n"));
    }
    yaml
}

fn nested_block_yaml(depth: usize) -> String {
    let mut yaml = String::new();
    for level in 0..depth {
        yaml.push_str(&format!("{}- k{level}:\n", "  ".repeat(level)));
    }
    yaml.push_str(&format!("{}- x\n", "  ".repeat(depth)));
    yaml
}

fn nested_lists(depth: usize, repeat: usize) -> String {
    let mut text = String::from("# Lists\n\n");
    for _ in 0..repeat {
        for level in 0..depth {
            text.push_str(&format!("{}- {SENTENCE}[^n]\n", "  ".repeat(level)));
        }
        for level in (0..depth).rev() {
            text.push_str(&format!("{}1. back out\n", "   ".repeat(level)));
        }
        text.push('\n');
    }
    text.push_str("[^n]: note\n");
    text
}

fn nested_quotes(depth: usize, repeat: usize) -> String {
    let mut text = String::from("# Quotes\n\n");
    for _ in 0..repeat {
        for level in 1..=depth {
            text.push_str(&format!("{} {SENTENCE}\n", ">".repeat(level)));
        }
        for level in (1..=depth).rev() {
            text.push_str(&format!(
                "{} # Heading in a quote {level}\n",
                "> ".repeat(level)
            ));
        }
        text.push('\n');
    }
    text
}
