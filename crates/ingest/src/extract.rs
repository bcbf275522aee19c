//! Main-content extraction from a parsed page: boilerplate elements removed
//! by tag, role and class/id words; the article container found by markup
//! (`articleBody`, `<article>`, content classes, `<main>`); its text laid out
//! one block per line, link lists left out. Readability (dom_smoothie) is
//! the fallback when the markup names no container.

use dom_query::{Document, NodeRef};

/// Tags that never hold article text.
const DROP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "object",
    "embed",
    "canvas",
    "nav",
    "footer",
    "aside",
    "button",
    "select",
    "option",
    "textarea",
    "input",
    "label",
    "figcaption",
    "picture",
    "img",
    "video",
    "audio",
    "map",
    "dialog",
    "menu",
    "head",
];

/// ARIA roles of page chrome.
const DROP_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alert",
    "menu",
    "menubar",
    "toolbar",
    "tablist",
];

/// Class/id words that mark furniture wherever they appear.
const STRONG: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "share",
    "sharing",
    "sharebar",
    "shares",
    "social",
    "socials",
    "newsletter",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "breadcrumb",
    "breadcrumbs",
    "related",
    "recommended",
    "recommendations",
    "outbrain",
    "taboola",
    "advert",
    "advertisement",
    "ads",
    "ad",
    "adslot",
    "sponsor",
    "sponsored",
    "promo",
    "paywall",
    "subscribe",
    "subscription",
    "signup",
    "popup",
    "modal",
    "tags",
    "tagcloud",
    "taglist",
    "keywords",
    "pagination",
    "pager",
    "rating",
    "print",
    "skip",
    "sronly",
    "visuallyhidden",
    "credits",
    "byline",
    "author",
    "authors",
    "postmeta",
    "entrymeta",
    "articlemeta",
    "toc",
    "reactions",
    "likes",
    "follow",
    "widget",
    "widgets",
    "sidebar",
    "navbar",
    "nav",
    "navigation",
    "menu",
    "footer",
    "masthead",
    "toolbar",
    "more",
    "readmore",
    "banner",
    "login",
    "signin",
    "account",
    "search",
    "translate",
    "languages",
];

/// Class/id words of containers that hold the article's text.
const CONTENT: &[&str] = &[
    "articlebody",
    "article-body",
    "article_body",
    "articletext",
    "article-text",
    "article-content",
    "articlecontent",
    "article__body",
    "article__content",
    "post-content",
    "postcontent",
    "post-body",
    "postbody",
    "post-entry",
    "entry-content",
    "entrycontent",
    "entry-body",
    "story-body",
    "storybody",
    "story-content",
    "story-text",
    "content-body",
    "body-text",
    "bodytext",
    "text-content",
    "main-content",
    "single-content",
    "news-text",
    "news-content",
    "article-main",
    "blog-content",
    "page-content",
    "rich-text",
    "richtext",
    "field-body",
    "field-name-body",
    "itemfulltext",
    "item-page",
    "content-text",
    "post-text",
    "artikel",
    "article-detail",
    "detail-content",
    "td-post-content",
];

/// The words of a class attribute, split at punctuation and camelCase
/// humps (`StoryShowRating` → story, show, rating), lowercased.
fn words(attr: &str) -> impl Iterator<Item = String> + '_ {
    attr.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .flat_map(|w| {
            let mut parts = Vec::new();
            let mut cur = String::new();
            let mut prev_lower = false;
            for c in w.chars() {
                if c.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
                    parts.push(std::mem::take(&mut cur));
                }
                prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
                cur.push(c.to_ascii_lowercase());
            }
            if !cur.is_empty() {
                parts.push(cur);
            }
            if parts.len() > 1 {
                parts.push(w.to_ascii_lowercase());
            }
            parts
        })
}

/// Whole class names that hide an element.
const HIDDEN_CLASSES: &[&str] = &[
    "hidden",
    "d-none",
    "sr-only",
    "screen-reader-text",
    "visually-hidden",
    "visuallyhidden",
    "invisible",
    "hide",
    "is-hidden",
    "u-hidden",
    "element-invisible",
    "offscreen",
];

fn attrs_of(n: &NodeRef) -> String {
    let mut s = String::new();
    if let Some(c) = n.attr("class") {
        s.push_str(&c);
    }
    s.push(' ');
    if let Some(i) = n.attr("id") {
        s.push_str(&i);
    }
    s
}

/// Word stems that mark furniture even inside compounds (`commentlist`).
const STEMS: &[&str] = &[
    "comment",
    "share",
    "social",
    "newsletter",
    "cookie",
    "breadcrumb",
    "related",
    "advert",
    "sponsor",
    "outbrain",
    "taboola",
    "disqus",
    "paywall",
    "subscri",
    "popup",
    "pagination",
    "sidebar",
    "footer",
];

/// Whether class words or the id say furniture. Ids are often made from a
/// heading's text (`nav_nur_die_folie`), so only a whole id counts there.
fn furniture_name(n: &NodeRef) -> bool {
    let class_hit = n.attr("class").is_some_and(|c| {
        c.split_whitespace()
            .any(|w| HIDDEN_CLASSES.contains(&w.to_ascii_lowercase().as_str()))
            || words(&c)
                .any(|w| STRONG.contains(&w.as_str()) || STEMS.iter().any(|s| w.starts_with(s)))
    });
    class_hit
        || n.attr("id").is_some_and(|i| {
            let id: String = i
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            STRONG.contains(&id.as_str()) || STEMS.iter().any(|s| id.starts_with(s))
        })
}

fn name(n: &NodeRef) -> String {
    n.node_name()
        .map(|t| t.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Whether an element is page furniture by what it is called or does.
fn is_furniture(n: &NodeRef, tag: &str) -> bool {
    if DROP_TAGS.contains(&tag) {
        return true;
    }
    if matches!(tag, "html" | "body" | "main" | "article") {
        return false;
    }
    if n.has_attr("hidden") || n.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    if let Some(style) = n.attr("style") {
        let s = style.to_ascii_lowercase().replace(' ', "");
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = n.attr("role")
        && DROP_ROLES.contains(&role.trim().to_ascii_lowercase().as_str())
    {
        return true;
    }
    if is_content(&attrs_of(n)) {
        return false;
    }
    furniture_name(n)
}

fn is_content(attrs: &str) -> bool {
    let lower = attrs.to_ascii_lowercase();
    lower.split_whitespace().any(|w| CONTENT.contains(&w))
}

/// Removes furniture from `doc`. Elements holding most of the page's text
/// are kept whatever their names say (a `<div class="has-sidebar">` wrapper).
fn strip(doc: &Document) {
    let Some(body) = doc.body() else {
        return;
    };
    let total = body.text().len().max(1);
    let mut doomed = Vec::new();
    for n in body.descendants_it() {
        if !n.is_element() {
            if n.is_comment() {
                doomed.push(n);
            }
            continue;
        }
        let tag = name(&n);
        if is_furniture(&n, &tag) {
            doomed.push(n);
        }
    }
    for n in doomed {
        // Removing an ancestor first detaches the whole subtree; checking the
        // text size of what is still attached keeps wrappers.
        if n.is_element() && !DROP_TAGS.contains(&name(&n).as_str()) && n.text().len() * 2 > total {
            continue;
        }
        n.remove_from_parent();
    }
}

fn text_len(n: &NodeRef) -> usize {
    n.text().split_whitespace().map(str::len).sum()
}

/// The element the markup marks as the article's text, if any.
fn container<'a>(doc: &'a Document) -> Option<NodeRef<'a>> {
    let groups = [
        "[itemprop=articleBody], [itemprop=articlebody]",
        "article",
        "",
        "main, [role=main]",
    ];
    for sel in groups {
        let nodes: Vec<NodeRef> = if sel.is_empty() {
            doc.select("div, section, td")
                .nodes()
                .iter()
                .filter(|n| is_content(&attrs_of(n)))
                .cloned()
                .collect()
        } else {
            doc.select(sel).nodes().to_vec()
        };
        let best = nodes
            .into_iter()
            .map(|n| (paragraph_len(&n), n))
            .max_by_key(|(l, _)| *l);
        if let Some((l, n)) = best
            && l >= 200
        {
            return Some(n);
        }
    }
    None
}

/// Text in paragraph-like blocks under `n`: what an article is made of.
fn paragraph_len(n: &NodeRef) -> usize {
    let ps: usize = n
        .descendants_it()
        .filter(|d| {
            d.is_element()
                && matches!(
                    name(d).as_str(),
                    "p" | "blockquote" | "li" | "h2" | "h3" | "pre"
                )
        })
        .map(|d| text_len(&d))
        .sum();
    ps.max(text_len(n) / 2)
}

const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "blockquote",
    "pre",
    "br",
    "hr",
    "figure",
    "address",
    "details",
    "summary",
    "form",
    "fieldset",
    "center",
];

/// One block of text with how much of it sits in links.
struct Block {
    text: String,
    link: usize,
    in_li: bool,
}

/// The text of `root`, one block per line, without lists of links.
fn lay_out(root: &NodeRef) -> String {
    let mut blocks: Vec<Block> = Vec::new();
    let mut cur = Block {
        text: String::new(),
        link: 0,
        in_li: false,
    };
    // Iterative walk: pages can nest deeply.
    enum Op<'a> {
        Open(NodeRef<'a>, usize, bool),
        Close(bool),
    }
    let mut stack = vec![Op::Open(*root, 0, false)];
    let flush = |cur: &mut Block, blocks: &mut Vec<Block>, in_li: bool| {
        let t = cur.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            blocks.push(Block {
                text: t,
                link: cur.link,
                in_li: cur.in_li,
            });
        }
        cur.text.clear();
        cur.link = 0;
        cur.in_li = in_li;
    };
    while let Some(op) = stack.pop() {
        match op {
            Op::Close(in_li) => flush(&mut cur, &mut blocks, in_li),
            Op::Open(n, links, in_li) => {
                if n.is_text() {
                    let t = n.text();
                    if links > 0 {
                        cur.link += t.split_whitespace().map(str::len).sum::<usize>();
                    }
                    cur.text.push_str(&t);
                    continue;
                }
                if n.is_document() || n.is_fragment() {
                    let kids: Vec<NodeRef> = n.children_it(false).collect();
                    for k in kids.into_iter().rev() {
                        stack.push(Op::Open(k, links, in_li));
                    }
                    continue;
                }
                if !n.is_element() {
                    continue;
                }
                let tag = name(&n);
                let block = BLOCK.contains(&tag.as_str());
                let li = in_li || tag == "li";
                if block {
                    flush(&mut cur, &mut blocks, li);
                    stack.push(Op::Close(in_li));
                }
                let links = links + usize::from(tag == "a");
                let kids: Vec<NodeRef> = n.children_it(false).collect();
                for k in kids.into_iter().rev() {
                    stack.push(Op::Open(k, links, li));
                }
            }
        }
    }
    flush(&mut cur, &mut blocks, false);

    // Link-only blocks are navigation when they come in runs or as list items.
    let linky = |b: &Block| {
        let len = b
            .text
            .split_whitespace()
            .map(str::len)
            .sum::<usize>()
            .max(1);
        b.link * 10 >= len * 8
    };
    let mut out = String::new();
    for (i, b) in blocks.iter().enumerate() {
        if linky(b) {
            let run = blocks.get(i.wrapping_sub(1)).is_some_and(linky)
                || blocks.get(i + 1).is_some_and(linky);
            if b.in_li || run {
                continue;
            }
        }
        out.push_str(&b.text);
        out.push('\n');
    }
    out
}

/// The article text of a page by its markup, or None when the markup names
/// no container with enough text. Strips furniture from `doc` as it goes.
pub fn main_text(doc: &Document) -> Option<String> {
    strip(doc);
    let c = container(doc)?;
    let mut t = lay_out(&c);
    if t.len() < 150 {
        return None;
    }
    // The lead (standfirst) often sits outside the body container, above it.
    if let Some(lead) = lead_outside(doc, &c)
        && !t.contains(&lead)
    {
        t = format!("{lead}\n{t}");
    }
    Some(t)
}

const LEAD: &[&str] = &[
    "lead",
    "intro",
    "introtext",
    "standfirst",
    "teaser",
    "summary",
    "abstract",
    "subtitle",
    "subheadline",
    "deck",
    "dek",
    "kicker",
    "excerpt",
    "description",
    "articlelead",
    "article-lead",
    "article-intro",
    "article-teaser",
    "article-summary",
];

/// A lead paragraph before the container and outside it.
fn lead_outside(doc: &Document, c: &NodeRef) -> Option<String> {
    let inside: std::collections::HashSet<_> = c.descendants_it().map(|n| n.id).collect();
    for n in doc.select("p, div, h2").nodes() {
        if inside.contains(&n.id) || n.id == c.id {
            continue;
        }
        let hit = n.attr("class").is_some_and(|cl| {
            cl.split_whitespace()
                .any(|w| LEAD.contains(&w.to_ascii_lowercase().as_str()))
        });
        if !hit {
            continue;
        }
        let t = n.text().split_whitespace().collect::<Vec<_>>().join(" ");
        // A sentence, not a label; and it must come before the container.
        if t.len() >= 60 && t.len() <= 1500 && t.contains(' ') && precedes(n, c) {
            return Some(t);
        }
    }
    None
}

/// Whether `a` comes before `b` in document order (and is not inside it).
fn precedes(a: &NodeRef, b: &NodeRef) -> bool {
    a.id < b.id
}

/// The text of a readability result, laid out like [`main_text`].
pub fn layout_html(html: &str) -> String {
    let d = Document::fragment(html);
    lay_out(&d.root())
}
