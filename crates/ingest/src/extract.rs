//! Main-content extraction from a parsed page. The body is copied once into a
//! flat pre-order array where every element knows where its subtree ends, so
//! each measure below (text and link length per subtree, furniture, scores)
//! is one linear pass and nothing is re-parsed.
//!
//! Boilerplate goes by tag, role, hidden state and class/id words. The
//! article is the container the markup names (`articleBody`, `<article>`,
//! content classes, `<main>`) checked against paragraph scoring
//! (readability's method: text and commas credited to the parents of
//! paragraphs), which also finds the article when the markup names nothing.
//! Its text is laid out one block per line, link lists left out.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use dom_query::{Document, NodeData, NodeId};

const NONE: u32 = u32::MAX;

/// Tags that never hold article text; their subtrees are not copied.
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
    "math",
    // Ruby annotations: the reading printed over CJK characters.
    "rt",
    "rp",
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
    "dialog",
    "donation",
    "donate",
    "caption",
    "credit",
    "legend",
    "disclaimer",
    "postmetadata",
    "embedded",
    "crumbs",
    "linkbox",
];

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

/// Class words of a lead (standfirst) paragraph.
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

/// Elements that start a new line of text.
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
    "tfoot",
    "caption",
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
    "body",
];

/// Other tags worth telling apart; everything else is `?`.
const INLINE: &[&str] = &["a", "span", "html"];

/// One node of the flattened body.
struct Node {
    /// Interned tag name; `#text` for text.
    tag: &'static str,
    parent: u32,
    /// One past the last node of the subtree.
    end: u32,
    /// Byte range of a text node's text in [`Page::buf`].
    text: (u32, u32),
    flags: u16,
    /// Readability's class weight: +25 for content words, -25 for furniture words.
    weight: i8,
    /// Hash of the class attribute (0: none), to recognise sibling blocks of one kind.
    class: u64,
    /// The node in the parsed document.
    dom: NodeId,
}

/// Hidden, or a role of page chrome.
const F_FURNITURE: u16 = 1;
const F_CONTENT: u16 = 2;
const F_BODY_PROP: u16 = 4;
const F_LEAD: u16 = 8;
const F_MAIN: u16 = 16;
/// Furniture by class or id words ([`Furniture::Strong`]).
const F_NAMED: u16 = 32;
const F_WEAK: u16 = 64;
const F_NEVER: u16 = 128;
/// Starts a new line of text ([`BLOCK`]).
const F_BLOCK: u16 = 256;

/// The flattened body of a page and what is measured over it.
pub struct Page {
    nodes: Vec<Node>,
    buf: String,
    /// Visible characters (not whitespace) in each subtree, furniture left out.
    chars: Vec<u32>,
    /// Of those, characters inside links.
    links: Vec<u32>,
    removed: Vec<bool>,
    lenient: bool,
}

/// The static copy of a tag name extraction tells apart, else `?`.
fn intern(name: &str) -> &'static str {
    static TAGS: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TAGS.get_or_init(|| BLOCK.iter().chain(INLINE).map(|t| (*t, *t)).collect())
        .get(name)
        .copied()
        .unwrap_or("?")
}

/// The words of a class attribute, split at punctuation and camelCase
/// humps (`StoryShowRating` → story, show, rating), lowercased; a compound
/// also counts whole. Class names that say what an element has rather than
/// what it is are left out: BEM modifiers (`o-section--has-ad`: a section)
/// and `has-`, `with-`, `no-` states (`has-sidebar`).
fn words(attr: &str) -> impl Iterator<Item = String> + '_ {
    attr.split_whitespace()
        .map(|tok| tok.split("--").next().unwrap_or(tok))
        .filter(|tok| {
            let l = tok.to_ascii_lowercase();
            !["has-", "has_", "with-", "with_", "no-", "no_", "without-"]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .flat_map(|tok| tok.split(|c: char| !c.is_ascii_alphanumeric()))
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

/// How sure class and id words are that an element is furniture.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Furniture {
    No,
    /// Words page builders also use for content blocks (`elementor-widget`,
    /// `entry-content-read-more`, `modal-enabled`).
    Weak,
    Strong,
    /// Reader comments and consent dialogs: never article text, however long.
    Never,
}

fn strong() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| STRONG.iter().copied().collect())
}

/// Words that mark furniture only when there is no prose under them.
const WEAK: &[&str] = &["widget", "widgets", "banner"];

fn furniture_word(w: &str) -> Furniture {
    if (w.starts_with("comment") && !w.starts_with("commentar"))
        || ["disqus", "cookie", "consent", "gdpr", "dsgvo"]
            .iter()
            .any(|s| w.starts_with(s))
    {
        Furniture::Never
    } else if WEAK.contains(&w) {
        Furniture::Weak
    } else if strong().contains(w) || STEMS.iter().any(|s| w.starts_with(s)) {
        Furniture::Strong
    } else {
        Furniture::No
    }
}

/// What class words and the id say. Ids are often made from a heading's
/// text (`nav_nur_die_folie`), so only a whole id counts there.
fn furniture_name(class: &str, id: &str) -> Furniture {
    let mut f = words(class)
        .map(|w| furniture_word(&w))
        .max()
        .unwrap_or(Furniture::No);
    if class
        .split_whitespace()
        .any(|w| HIDDEN_CLASSES.contains(&w.to_ascii_lowercase().as_str()))
    {
        f = f.max(Furniture::Strong);
    }
    let id: String = id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    if !id.is_empty() {
        f = f.max(furniture_word(&id));
    }
    f
}

fn is_content(class: &str, id: &str) -> bool {
    class
        .split_whitespace()
        .chain(id.split_whitespace())
        .any(|w| CONTENT.contains(&w.to_ascii_lowercase().as_str()))
}

/// Readability's class weight, from substrings of the class and of the id.
fn class_weight(class: &str, id: &str) -> i8 {
    /// Substrings of furniture, then of content.
    const NEG: &[&str] = &[
        "hidden",
        "banner",
        "combx",
        "comment",
        "com-",
        "contact",
        "footer",
        "gdpr",
        "masthead",
        "media",
        "meta",
        "outbrain",
        "promo",
        "related",
        "scroll",
        "share",
        "shoutbox",
        "sidebar",
        "skyscraper",
        "sponsor",
        "shopping",
        "tags",
        "widget",
    ];
    const POS: &[&str] = &[
        "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
        "blog", "story",
    ];
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    let ac = AC.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(NEG.iter().chain(POS))
            .expect("class weight patterns")
    });
    let mut w = 0i8;
    for s in [class, id] {
        let (mut neg, mut pos) = (false, false);
        for m in ac.find_overlapping_iter(s) {
            if m.pattern().as_usize() < NEG.len() {
                neg = true;
            } else {
                pos = true;
            }
        }
        w += if neg { -25 } else { 0 } + if pos { 25 } else { 0 };
    }
    w
}

/// Attributes of one element that extraction looks at.
#[derive(Default)]
struct Attrs<'a> {
    class: &'a str,
    id: &'a str,
    role: &'a str,
    itemprop: &'a str,
    style: &'a str,
    hidden: bool,
    aria_hidden: bool,
}

fn classify(tag: &str, a: &Attrs) -> (u16, i8) {
    let mut flags = 0;
    let content = is_content(a.class, a.id);
    if content {
        flags |= F_CONTENT;
    }
    if a.itemprop.eq_ignore_ascii_case("articlebody") {
        flags |= F_BODY_PROP;
    }
    if tag == "main" || a.role.trim().eq_ignore_ascii_case("main") {
        flags |= F_MAIN;
    }
    if a.itemprop.eq_ignore_ascii_case("description")
        || words(a.class).any(|w| LEAD.contains(&w.as_str()))
    {
        flags |= F_LEAD;
    }
    if matches!(tag, "html" | "body" | "main" | "article") {
        // Never furniture.
    } else if a.hidden
        || a.aria_hidden
        || hidden_style(a.style)
        || DROP_ROLES.contains(&a.role.trim().to_ascii_lowercase().as_str())
    {
        flags |= F_FURNITURE;
    } else if !content {
        flags |= match furniture_name(a.class, a.id) {
            Furniture::No => 0,
            Furniture::Weak => F_WEAK,
            Furniture::Strong => F_NAMED,
            Furniture::Never => F_NAMED | F_NEVER,
        };
    }
    (flags, class_weight(a.class, a.id))
}

fn hidden_style(style: &str) -> bool {
    if style.is_empty() {
        return false;
    }
    let s = style.to_ascii_lowercase().replace(' ', "");
    s.contains("display:none") || s.contains("visibility:hidden")
}

fn hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    if s.trim().is_empty() {
        return 0;
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.trim().hash(&mut h);
    h.finish() | 1
}

fn visible_chars(t: &str) -> u32 {
    t.chars().filter(|c| !c.is_whitespace()).count() as u32
}

/// One line of laid-out text.
#[derive(Clone)]
struct Block {
    text: String,
    /// Visible characters, and those inside links.
    chars: u32,
    link: u32,
    in_li: bool,
    /// Inside a list item, table cell, definition or preformatted text.
    item: bool,
    /// A standfirst found outside the container.
    lead: bool,
    /// The innermost block element the text sits in.
    owner: u32,
}

impl Page {
    /// Copies the body of `doc`, leaving out comments and the subtrees of
    /// [`DROP_TAGS`], and measures it.
    pub fn new(doc: &Document) -> Page {
        Page::read(doc, false)
    }

    /// [`Page::new`], or, `lenient`, keeping `<aside>` and what class words
    /// alone call furniture: for pages where the strict reading finds nothing
    /// (a site that sets its story in an `<aside>`).
    fn read(doc: &Document, lenient: bool) -> Page {
        let mut page = Page {
            nodes: Vec::new(),
            buf: String::new(),
            chars: Vec::new(),
            links: Vec::new(),
            removed: Vec::new(),
            lenient,
        };
        if let Some(body) = doc.body() {
            page.copy(doc, body.id);
        }
        page.measure();
        page
    }

    fn copy(&mut self, doc: &Document, body: NodeId) {
        let lenient = self.lenient;
        let tree = &doc.tree;
        // Open elements: their id in the DOM and their index here.
        let mut stack: Vec<(NodeId, u32)> = Vec::new();
        let mut next = Some(body);
        while let Some(id) = next {
            let parent = stack.last().map_or(NONE, |s| s.1);
            let idx = self.nodes.len() as u32;
            let Some((descend, first, sibling)) = tree.query_node(&id, |tn| {
                let descend = match &tn.data {
                    NodeData::Element(el) => {
                        let name: &str = &el.name.local;
                        if DROP_TAGS.contains(&name) && !(lenient && name == "aside") {
                            false
                        } else {
                            let mut a = Attrs::default();
                            for at in &el.attrs {
                                let v: &str = &at.value;
                                match &*at.name.local {
                                    "class" => a.class = v,
                                    "id" => a.id = v,
                                    "role" => a.role = v,
                                    "itemprop" => a.itemprop = v,
                                    "style" => a.style = v,
                                    "hidden" => a.hidden = true,
                                    "aria-hidden" => a.aria_hidden = v.trim() == "true",
                                    _ => {}
                                }
                            }
                            let tag = intern(name);
                            let (mut flags, weight) = classify(tag, &a);
                            if BLOCK.contains(&tag) {
                                flags |= F_BLOCK;
                            }
                            self.nodes.push(Node {
                                tag,
                                parent,
                                end: idx + 1,
                                text: (0, 0),
                                flags,
                                weight,
                                class: hash(a.class),
                                dom: id,
                            });
                            true
                        }
                    }
                    NodeData::Text { contents } => {
                        let start = self.buf.len() as u32;
                        self.buf.push_str(contents);
                        self.nodes.push(Node {
                            tag: "#text",
                            parent,
                            end: idx + 1,
                            text: (start, self.buf.len() as u32),
                            flags: 0,
                            weight: 0,
                            class: 0,
                            dom: id,
                        });
                        false
                    }
                    _ => false,
                };
                (descend, tn.first_child, tn.next_sibling)
            }) else {
                break;
            };
            if descend && let Some(f) = first {
                stack.push((id, idx));
                next = Some(f);
                continue;
            }
            if stack.is_empty() {
                break; // the body itself had nothing to descend into
            }
            let mut s = sibling;
            while s.is_none() {
                let Some((pid, _)) = stack.pop() else {
                    break;
                };
                if stack.is_empty() {
                    break; // back at the body: its siblings are not ours
                }
                s = tree.next_sibling_of(&pid).map(|n| n.id);
            }
            next = if stack.is_empty() { None } else { s };
        }
        for i in (1..self.nodes.len()).rev() {
            let p = self.nodes[i].parent as usize;
            let e = self.nodes[i].end;
            if p != NONE as usize && self.nodes[p].end < e {
                self.nodes[p].end = e;
            }
        }
    }

    fn text_of(&self, i: usize) -> &str {
        let (s, e) = self.nodes[i].text;
        &self.buf[s as usize..e as usize]
    }

    fn is_text(&self, i: usize) -> bool {
        self.nodes[i].tag == "#text"
    }

    /// Marks furniture and counts text and link text per subtree. An element
    /// is kept whatever its names say when it holds most of the page's text
    /// or most of its prose (a `<div class="box article modal-enabled">`
    /// wrapper), unless it is a comment section.
    fn measure(&mut self) {
        let n = self.nodes.len();
        let mut all = vec![0u32; n];
        let mut in_link = vec![false; n];
        for i in 0..n {
            let p = self.nodes[i].parent;
            in_link[i] = (p != NONE && in_link[p as usize]) || self.nodes[i].tag == "a";
        }
        for i in (0..n).rev() {
            if self.is_text(i) {
                all[i] = visible_chars(self.text_of(i));
            }
            let p = self.nodes[i].parent;
            if p != NONE {
                all[p as usize] += all[i];
            }
        }
        // Prose: blocks of 100 characters or more, mostly not links.
        self.chars = all.clone();
        self.links = vec![0; n];
        self.removed = vec![false; n];
        for i in 0..n {
            if in_link[i] && self.is_text(i) {
                self.links[i] = all[i];
            }
        }
        // Paragraphs: text in `<p>` elements, mostly not links.
        let mut prose = vec![0u32; n];
        let mut paras = vec![0u32; n];
        for b in self.blocks(&[0]) {
            if b.link * 10 < b.chars * 3 {
                if b.chars >= 100 {
                    prose[b.owner as usize] += b.chars;
                }
                if self.nodes[b.owner as usize].tag == "p" {
                    paras[b.owner as usize] += b.chars;
                }
            }
        }
        for i in (1..n).rev() {
            let p = self.nodes[i].parent as usize;
            prose[p] += prose[i];
            paras[p] += paras[i];
        }
        // Elements holding the container the markup names are not furniture
        // by their names.
        let mut holds_body = vec![false; n];
        for i in (0..n).rev() {
            if self.nodes[i].flags & (F_BODY_PROP | F_CONTENT) != 0 && prose[i] > 0 {
                holds_body[i] = true;
            }
            let p = self.nodes[i].parent;
            if holds_body[i] && p != NONE {
                holds_body[p as usize] = true;
            }
        }
        // Totals leave out comments and consent dialogs, which can be
        // longer than the article.
        let (mut total, mut total_prose) = (all[0] as u64, prose[0] as u64);
        let mut i = 0;
        while i < n {
            if self.nodes[i].flags & F_NEVER != 0 {
                total -= all[i] as u64;
                total_prose -= prose[i] as u64;
                i = self.nodes[i].end as usize;
            } else {
                i += 1;
            }
        }
        let mut removed = vec![false; n];
        for i in 0..n {
            let p = self.nodes[i].parent;
            if p != NONE && removed[p as usize] {
                removed[i] = true;
                continue;
            }
            let f = self.nodes[i].flags;
            let most = (all[i] as u64) * 2 > total || (prose[i] as u64) * 2 > total_prose;
            removed[i] = if f & F_NEVER != 0 {
                true
            } else if f & F_FURNITURE != 0 {
                !most
            } else if self.lenient {
                false
            } else if f & F_NAMED != 0 {
                !most && !holds_body[i]
            } else if f & F_WEAK != 0 {
                !holds_body[i] && prose[i] < 100 && paras[i] < 100
            } else {
                false
            };
        }
        let mut chars = vec![0u32; n];
        let mut links = vec![0u32; n];
        for i in (0..n).rev() {
            if removed[i] {
                continue;
            }
            if self.is_text(i) {
                chars[i] = all[i];
                if in_link[i] {
                    links[i] = all[i];
                }
            }
            let p = self.nodes[i].parent;
            if p != NONE {
                chars[p as usize] += chars[i];
                links[p as usize] += links[i];
            }
        }
        self.chars = chars;
        self.links = links;
        self.removed = removed;
    }

    fn link_density(&self, i: usize) -> f32 {
        self.links[i] as f32 / self.chars[i].max(1) as f32
    }

    /// Whether `a` lies inside the subtree of `b` (or is `b`).
    fn within(&self, a: usize, b: usize) -> bool {
        a >= b && a < self.nodes[b].end as usize
    }

    /// Lays out the subtrees of `roots` (in document order), one block per line.
    fn blocks(&self, roots: &[usize]) -> Vec<Block> {
        let mut out = Vec::new();
        for &r in roots {
            self.blocks_of(r, &mut out);
        }
        out
    }

    fn blocks_of(&self, root: usize, out: &mut Vec<Block>) {
        /// An element whose subtree the walk is in.
        struct Open {
            end: u32,
            id: u32,
            block: bool,
            tag: &'static str,
        }
        let mut open: Vec<Open> = Vec::new();
        let mut cur = String::new();
        let (mut chars, mut link) = (0u32, 0u32);
        // How many of the open elements are links.
        let mut in_links = 0usize;
        let end = self.nodes[root].end as usize;
        // The block the pending text belongs to: the innermost open block
        // element, and what encloses it.
        let flush = |open: &[Open],
                     cur: &mut String,
                     chars: &mut u32,
                     link: &mut u32,
                     out: &mut Vec<Block>| {
            if *chars > 0 {
                let owner = open
                    .iter()
                    .rev()
                    .find(|o| o.block)
                    .map_or(root as u32, |o| o.id);
                let within = |tags: &[&str]| open.iter().any(|o| tags.contains(&o.tag));
                let text = cur
                    .split('\0')
                    .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n");
                out.push(Block {
                    text,
                    chars: *chars,
                    link: *link,
                    in_li: within(&["li"]),
                    item: within(&["li", "td", "th", "dd", "dt", "pre"]),
                    lead: false,
                    owner,
                });
            }
            cur.clear();
            *chars = 0;
            *link = 0;
        };
        let mut i = root;
        while i < end {
            while open.last().is_some_and(|o| o.end as usize <= i) {
                if open.last().is_some_and(|o| o.block) {
                    flush(&open, &mut cur, &mut chars, &mut link, out);
                }
                in_links -= usize::from(open.last().is_some_and(|o| o.tag == "a"));
                open.pop();
            }
            if self.removed[i] {
                i = self.nodes[i].end as usize;
                continue;
            }
            let node = &self.nodes[i];
            if self.is_text(i) {
                if in_links > 0 {
                    link += self.chars[i];
                }
                chars += self.chars[i];
                cur.push_str(self.text_of(i));
                i += 1;
                continue;
            }
            if node.tag == "br" {
                // A line break inside a paragraph: a new line, the same
                // block. The parser never leaves NUL in text, so it can
                // mark the break apart from newlines in the source.
                cur.push('\0');
                i += 1;
                continue;
            }
            let block = node.flags & F_BLOCK != 0;
            if block {
                flush(&open, &mut cur, &mut chars, &mut link, out);
            }
            in_links += usize::from(node.tag == "a");
            open.push(Open {
                end: node.end,
                id: i as u32,
                block,
                tag: node.tag,
            });
            i += 1;
        }
        while let Some(o) = open.last() {
            if o.block {
                flush(&open, &mut cur, &mut chars, &mut link, out);
            }
            open.pop();
        }
        flush(&open, &mut cur, &mut chars, &mut link, out);
    }

    /// Text in paragraph-like blocks under `n`: what an article is made of.
    fn paragraph_len(&self, n: usize, blocks: &[Block]) -> u32 {
        let ps: u32 = blocks
            .iter()
            .filter(|b| self.within(b.owner as usize, n))
            .filter(|b| {
                matches!(
                    self.nodes[b.owner as usize].tag,
                    "p" | "blockquote" | "li" | "h2" | "h3" | "pre"
                )
            })
            .map(|b| b.chars)
            .sum();
        ps.max(self.chars[n] / 2)
    }

    /// The element the markup marks as the article's text, if any.
    fn container(&self, blocks: &[Block]) -> Option<usize> {
        let groups: [&dyn Fn(&Node) -> bool; 4] = [
            &|n| n.flags & F_BODY_PROP != 0,
            &|n| n.tag == "article",
            &|n| n.flags & F_CONTENT != 0 && matches!(n.tag, "div" | "section" | "td"),
            &|n| n.flags & F_MAIN != 0,
        ];
        for g in groups {
            let best = (0..self.nodes.len())
                .filter(|&i| !self.removed[i] && g(&self.nodes[i]))
                .map(|i| (self.paragraph_len(i, blocks), i))
                .max_by_key(|&(l, i)| (l, std::cmp::Reverse(i)));
            if let Some((l, i)) = best
                && l >= 200
            {
                return Some(i);
            }
        }
        None
    }

    /// Readability's scoring: every paragraph of 25 characters or more
    /// credits its parent with one point plus one per comma plus one per 100
    /// characters (at most three), its grandparent with half of that, and
    /// three more ancestors with a third, a sixth and a ninth... Scores start
    /// from the tag and class weight and shrink with link density. The best
    /// candidate is widened to a parent that scores about as well, and its
    /// siblings that score well or read as prose join it.
    fn scored(&self, blocks: &[Block]) -> Vec<usize> {
        let n = self.nodes.len();
        let mut score = vec![f32::NAN; n];
        let mut order = Vec::new();
        // Text per scoring element (the owner of one or more blocks).
        let mut own: Vec<(usize, u32, usize)> = Vec::new();
        for b in blocks {
            let o = b.owner as usize;
            let commas = b
                .text
                .chars()
                .filter(|c| matches!(c, ',' | '，' | '、' | '،'))
                .count();
            match own.last_mut() {
                Some(last) if last.0 == o => {
                    last.1 += b.chars;
                    last.2 += commas;
                }
                _ => own.push((o, b.chars, commas)),
            }
        }
        for (o, chars, commas) in own {
            if chars < 25
                || !matches!(
                    self.nodes[o].tag,
                    "p" | "pre"
                        | "td"
                        | "blockquote"
                        | "div"
                        | "section"
                        | "article"
                        | "main"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "dd"
                        | "center"
                        | "address"
                )
            {
                continue;
            }
            let content = (2 + commas + (chars as usize / 100).min(3)) as f32;
            let mut a = self.nodes[o].parent;
            let mut level = 0usize;
            while a != NONE && level < 5 {
                let ai = a as usize;
                if score[ai].is_nan() {
                    score[ai] = self.initial_score(ai);
                    order.push(ai);
                }
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => (l * 3) as f32,
                };
                score[ai] += content / div;
                a = self.nodes[ai].parent;
                level += 1;
            }
        }
        for &c in &order {
            score[c] *= 1.0 - self.link_density(c);
        }
        let mut top: Vec<usize> = order.clone();
        top.sort_by(|a, b| score[*b].total_cmp(&score[*a]).then(a.cmp(b)));
        top.truncate(5);
        let Some(&first) = top.first() else {
            return Vec::new();
        };
        if score[first] <= 0.0 {
            return Vec::new();
        }
        let mut tc = first;
        if tc == 0 {
            return vec![0];
        }
        // Several near-equal candidates under one ancestor: take the ancestor.
        let close: Vec<usize> = top[1..]
            .iter()
            .copied()
            .filter(|&c| score[c] / score[tc] >= 0.75 && !self.within(tc, c))
            .collect();
        if close.len() >= 3 {
            let mut p = self.nodes[tc].parent;
            while p != NONE && p != 0 {
                let holds = close
                    .iter()
                    .filter(|&&c| self.within(c, p as usize))
                    .count();
                if holds >= 3 {
                    tc = p as usize;
                    break;
                }
                p = self.nodes[p as usize].parent;
            }
        }
        // A parent that scores better than the way up to it holds more of the article.
        let mut last = score[tc];
        let threshold = last / 3.0;
        let mut p = self.nodes[tc].parent;
        while p != NONE && p != 0 {
            let pi = p as usize;
            if !score[pi].is_nan() {
                if score[pi] < threshold {
                    break;
                }
                if score[pi] > last {
                    tc = pi;
                    break;
                }
                last = score[pi];
            }
            p = self.nodes[pi].parent;
        }
        // An only child stands for its parent.
        while tc != 0 {
            let p = self.nodes[tc].parent as usize;
            if p == 0 || self.element_children(p).len() != 1 {
                break;
            }
            tc = p;
        }
        if tc == 0 {
            return vec![0];
        }
        let tc_score = if score[tc].is_nan() {
            self.initial_score(tc)
        } else {
            score[tc]
        };
        let threshold = (tc_score * 0.2).max(10.0);
        let parent = self.nodes[tc].parent as usize;
        let mut out = Vec::new();
        for s in self.element_children(parent) {
            if s == tc {
                out.push(s);
                continue;
            }
            let bonus = if self.nodes[s].class != 0 && self.nodes[s].class == self.nodes[tc].class {
                tc_score * 0.2
            } else {
                0.0
            };
            if !score[s].is_nan() && score[s] > 0.0 {
                if score[s] + bonus >= threshold {
                    out.push(s);
                }
            } else if self.nodes[s].tag == "p" {
                let len = self.chars[s];
                let ld = self.link_density(s);
                let text: String = blocks
                    .iter()
                    .filter(|b| self.within(b.owner as usize, s))
                    .map(|b| b.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                if (len > 80 && ld < 0.25)
                    || (len > 0 && len < 80 && ld == 0.0 && sentence_end(&text))
                {
                    out.push(s);
                }
            }
        }
        out
    }

    fn initial_score(&self, i: usize) -> f32 {
        let n = &self.nodes[i];
        let base = match n.tag {
            "div" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        base + f32::from(n.weight)
    }

    fn element_children(&self, p: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let end = self.nodes[p].end as usize;
        let mut c = p + 1;
        while c < end {
            if !self.is_text(c) && !self.removed[c] {
                out.push(c);
            }
            c = self.nodes[c].end as usize;
        }
        out
    }

    /// Prose between the page's headline (`h1`) and the container: a
    /// standfirst set in the article's header. Indices into `blocks`.
    fn lead_between(&self, c: usize, blocks: &[Block]) -> Vec<usize> {
        let Some(h1) = (0..c)
            .rev()
            .find(|&i| !self.removed[i] && self.nodes[i].tag == "h1" && !self.within(c, i))
        else {
            return Vec::new();
        };
        let h1_end = self.nodes[h1].end as usize;
        (0..blocks.len())
            .filter(|&k| {
                let (b, o) = (&blocks[k], blocks[k].owner as usize);
                o >= h1_end
                    && o < c
                    && !self.within(c, o)
                    && b.chars >= 80
                    && b.link * 4 < b.chars
                    && !b.item
            })
            .collect()
    }

    /// A lead paragraph before the container and outside it, marked as one
    /// by its class (`standfirst`, `intro`, `teaser`...). Indices into `blocks`.
    fn lead_outside(&self, c: usize, blocks: &[Block]) -> Vec<usize> {
        for i in 0..c {
            if self.removed[i]
                || self.nodes[i].flags & F_LEAD == 0
                || self.within(c, i)
                || !matches!(self.nodes[i].tag, "p" | "div" | "h2")
            {
                continue;
            }
            let ks: Vec<usize> = (0..blocks.len())
                .filter(|&k| self.within(blocks[k].owner as usize, i))
                .collect();
            let len: usize = ks.iter().map(|&k| blocks[k].text.len() + 1).sum();
            // A sentence, not a label.
            if (60..=1500).contains(&len) && ks.iter().any(|&k| blocks[k].text.contains(' ')) {
                return ks;
            }
        }
        Vec::new()
    }

    /// What the markup and scoring each find: the container's blocks (lead
    /// first) and the scored region's blocks.
    fn candidates(&self) -> Candidates {
        let all = self.blocks(&[0]);
        let node = self.container(&all);
        let container = node.and_then(|c| {
            let blocks = keep_lines(self.blocks(&[c]));
            if blocks.iter().map(|b| b.text.len() + 1).sum::<usize>() < 150 {
                return None;
            }
            let mut lead = self.lead_outside(c, &all);
            lead.extend(self.lead_between(c, &all));
            lead.sort_unstable();
            lead.dedup();
            let mut out: Vec<Block> = lead
                .into_iter()
                .map(|k| Block {
                    lead: true,
                    ..all[k].clone()
                })
                .collect();
            out.extend(blocks);
            Some(out)
        });
        let roots = self.scored(&all);
        let scored = if container.is_some() {
            keep_lines(self.blocks(&roots))
        } else {
            // Without a container in the markup, paragraphs outside the best
            // scoring region are article text too (a standfirst, a second
            // column); elements that are not paragraphs there mostly are not.
            keep_lines(
                all.iter()
                    .filter(|b| {
                        let o = b.owner as usize;
                        roots.iter().any(|&r| self.within(o, r))
                            || (self.nodes[o].tag == "p" && b.chars >= 60)
                    })
                    .cloned()
                    .collect(),
            )
        };
        // Scoring widens the container only when its region holds it: a
        // region elsewhere is another text (a popup, a sidebar feature).
        let widens = node.is_some_and(|c| roots.iter().any(|&r| self.within(c, r)));
        Candidates {
            container,
            scored: (!scored.is_empty()).then_some(scored),
            widens,
        }
    }

    /// The article: the container, unless scoring finds much more text
    /// (the markup's container was only part of the article). Short lines
    /// of the container that scoring does not keep are left out: mostly
    /// labels, prompts and teasers; its list and table items stay, as
    /// scoring, counting paragraphs, does not see them.
    fn choose(&self) -> Option<Vec<Block>> {
        let Candidates {
            container,
            scored,
            widens,
        } = self.candidates();
        let len = |bs: &Vec<Block>| bs.iter().map(|b| b.text.len()).sum::<usize>();
        match (container, scored) {
            (Some(c), Some(s)) if widens && len(&s) * 2 > len(&c) * 3 => Some(s),
            (Some(c), Some(s)) => {
                let agreed: std::collections::HashSet<(u32, &str)> =
                    s.iter().map(|b| (b.owner, b.text.as_str())).collect();
                Some(
                    c.iter()
                        .filter(|b| {
                            b.lead
                                || b.item
                                || b.text.len() >= 100
                                || agreed.contains(&(b.owner, b.text.as_str()))
                        })
                        .cloned()
                        .collect(),
                )
            }
            (c, s) => c.or(s),
        }
    }
}

/// What [`Page::candidates`] finds.
struct Candidates {
    container: Option<Vec<Block>>,
    scored: Option<Vec<Block>>,
    /// Whether the scored region holds the container.
    widens: bool,
}

fn sentence_end(t: &str) -> bool {
    let t = t.trim_end();
    t.ends_with(['.', '!', '?', '"', '”', '“', '»', '«', '。', '！', '？'])
}

/// Lines of `blocks`, without page furniture that shows in the layout:
/// link-only blocks that are short or come in runs or as list items
/// (navigation, related links),
/// the short heading over such a list, and short labels before the first and
/// after the last paragraph of prose (categories, dates, prompts) unless
/// they are list or table items or introduce some.
fn keep_lines(blocks: Vec<Block>) -> Vec<Block> {
    let linky = |b: &Block| b.link * 10 >= b.chars.max(1) * 8;
    let n = blocks.len();
    let mut keep = vec![true; n];
    for (i, b) in blocks.iter().enumerate() {
        if linky(b) {
            let run = blocks.get(i.wrapping_sub(1)).is_some_and(linky)
                || blocks.get(i + 1).is_some_and(linky);
            // Links one per line (`<br>` between them) are a list too.
            // A short line that is all link points to another page (a
            // related story, a source, a download), whatever stands next
            // to it.
            if b.in_li || run || b.text.contains('\n') || b.text.len() < 200 {
                keep[i] = false;
            }
        }
    }
    let label =
        |b: &Block| b.text.len() < 80 && !sentence_end(&b.text) && !b.text.ends_with([',', ';']);
    for i in 0..n.saturating_sub(1) {
        if keep[i] && !keep[i + 1] && label(&blocks[i]) && linky(&blocks[i + 1]) {
            keep[i] = false;
        }
    }
    {
        let prose = |i: usize| keep[i] && blocks[i].text.len() >= 100;
        if let (Some(first), Some(last)) = ((0..n).find(|&i| prose(i)), (0..n).rfind(|&i| prose(i)))
        {
            for i in (0..first).chain(last + 1..n) {
                let b = &blocks[i];
                let introduces = blocks.get(i + 1).is_some_and(|nb| nb.item && !b.item);
                if keep[i] && label(b) && !b.item && !introduces {
                    keep[i] = false;
                }
            }
        }
    }
    blocks
        .into_iter()
        .zip(keep)
        .filter_map(|(b, k)| k.then_some(b))
        .collect()
}

/// The text of `blocks`, one per line.
fn text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        out.push_str(&b.text);
        out.push('\n');
    }
    out
}

/// What extraction sees and chooses on `doc`, for finding out why: the
/// elements down to `depth` levels below the body with their visible text
/// (removed ones marked), then the container and the scored roots.
#[doc(hidden)]
pub fn explain(doc: &Document, depth: usize) -> String {
    let page = Page::new(doc);
    if page.nodes.is_empty() {
        return "empty body\n".into();
    }
    let name = |i: usize| {
        let attr = |a: &str| {
            doc.tree
                .get(&page.nodes[i].dom)
                .and_then(|n| n.attr(a))
                .map(|v| v.to_string())
                .unwrap_or_default()
        };
        let tag = doc
            .tree
            .get(&page.nodes[i].dom)
            .and_then(|n| n.node_name())
            .map(|t| t.to_string())
            .unwrap_or_default();
        format!(
            "{tag}#{}.{} [{} chars, links {:.2}]{}",
            attr("id"),
            attr("class"),
            page.chars[i],
            page.link_density(i),
            if page.removed[i] { " removed" } else { "" }
        )
    };
    let mut out = String::new();
    let mut levels = vec![0usize; page.nodes.len()];
    for i in 0..page.nodes.len() {
        let p = page.nodes[i].parent;
        if p != NONE {
            levels[i] = levels[p as usize] + 1;
        }
        if !page.is_text(i) && levels[i] <= depth {
            out.push_str(&format!("{}{}\n", "  ".repeat(levels[i]), name(i)));
        }
    }
    let all = page.blocks(&[0]);
    match page.container(&all) {
        Some(c) => out.push_str(&format!("container {}\n", name(c))),
        None => out.push_str("no container\n"),
    }
    for r in page.scored(&all) {
        out.push_str(&format!("scored {}\n", name(r)));
    }
    out
}

/// The article text of a page, one block per line, or None when neither
/// the markup nor scoring finds any.
pub fn main_text(doc: &Document) -> Option<String> {
    let found = |page: Page| {
        if page.nodes.is_empty() {
            return None;
        }
        page.choose()
            .map(|b| text(&b))
            .filter(|t| !t.trim().is_empty())
    };
    found(Page::new(doc)).or_else(|| found(Page::read(doc, true)))
}

/// The container's text and the scored text, before [`main_text`] chooses.
#[doc(hidden)]
pub fn candidates(doc: &Document) -> (Option<String>, Option<String>) {
    let page = Page::new(doc);
    if page.nodes.is_empty() {
        return (None, None);
    }
    let c = page.candidates();
    (c.container.map(|b| text(&b)), c.scored.map(|b| text(&b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const P1: &str = "Delegations from the two countries met in Geneva on Monday for a new round of talks on the disputed border, officials said.";
    const P2: &str = "The talks are set to resume next week, officials from both delegations said on condition of anonymity, without giving details.";
    const P3: &str = "Diplomats said the two sides had narrowed their differences on the text of a joint statement but had not agreed on a summit.";

    fn extract(html: &str) -> String {
        main_text(&Document::from(html)).unwrap_or_default()
    }

    fn lines(html: &str) -> Vec<String> {
        extract(html).lines().map(str::to_string).collect()
    }

    #[test]
    fn container_and_link_lists() {
        let html = format!(
            "<body><nav><a href=/>Home</a></nav><div class=menu-wrap><ul><li><a href=/a>World</a></li>\
             <li><a href=/b>Sport</a></li></ul></div><article><p>{P1}</p><h2>Background</h2><p>{P2}</p>\
             <ul><li><a href=/r/1>Markets steady ahead of a decision</a></li><li><a href=/r/2>Heatwave grips the south</a></li></ul>\
             <p>{P3}</p><p><a href=/more>Read the full statement here</a></p></article></body>"
        );
        // The heading inside the text stays; a heading before it would be a label.
        assert_eq!(lines(&html), [P1, "Background", P2, P3]);
    }

    #[test]
    fn modifiers_and_states_are_not_furniture() {
        // `--has-ad` and `has-sidebar` say what an element holds, not what it is.
        let html = format!(
            "<body class=has-sidebar><section class=\"o-section o-section--has-ad\"><div class=story>\
             <p>{P1}</p><p>{P2}</p><p>{P3}</p></div></section><div class=sidebar><p>{P3} Sidebar.</p></div></body>"
        );
        assert_eq!(lines(&html), [P1, P2, P3]);
    }

    #[test]
    fn weak_words_keep_paragraphs() {
        // A page builder calls every block a widget; the sidebar's widget
        // holds only links.
        let html = format!(
            "<body><div class=\"elementor-widget-wrap\"><div class=\"elementor-widget-text-editor\"><p>{P1}</p></div></div>\
             <div class=\"elementor-widget-wrap\"><div class=\"elementor-widget-text-editor\"><p>{P2}</p><p>{P3}</p></div></div>\
             <div class=\"widget widget_recent\"><h4>Recent</h4><ul><li><a href=/1>One story</a></li><li><a href=/2>Another</a></li></ul></div></body>"
        );
        assert_eq!(lines(&html), [P1, P2, P3]);
    }

    #[test]
    fn comments_and_consent_never_kept() {
        let long = format!("{P3} {P2} {P1}");
        let html = format!(
            "<body><div class=cookie-consent><p>{long}</p><p>{long}</p></div><article><p>{P1}</p><p>{P2}</p></article>\
             <div id=comments><div class=comment><p>{long}</p></div><div class=comment><p>{long}</p></div>\
             <div class=comment><p>{long}</p></div></div></body>"
        );
        assert_eq!(lines(&html), [P1, P2]);
    }

    #[test]
    fn wrappers_with_most_of_the_text_stay() {
        // Drupal wraps the whole page in a "dialog" canvas.
        let html = format!(
            "<body><div class=dialog-off-canvas-main-canvas><main><p>{P1}</p><p>{P2}</p></main></div>\
             <div class=dialog><p>Sign in</p></div></body>"
        );
        assert_eq!(lines(&html), [P1, P2]);
    }

    #[test]
    fn br_breaks_lines_not_blocks() {
        let html = format!(
            "<body><table><tr><td><a href=/1>Home</a><br><a href=/2>World</a><br><a href=/3>Sport</a></td>\
             <td>{P1}<br>{P2}<br><br>{P3}</td></tr></table></body>"
        );
        assert_eq!(lines(&html), [P1, P2, P3]);
    }

    #[test]
    fn standfirst_between_headline_and_body() {
        let lead = "Two neighbours who fought a war over the mountain region agreed on Monday to talk again, mediators said.";
        let html = format!(
            "<body><header class=article-head><span class=kicker>World</span><h1>Talks resume</h1>\
             <p class=head-text>{lead}</p></header><div class=article-body><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></body>"
        );
        assert_eq!(lines(&html), [lead, P1, P2, P3]);
    }

    #[test]
    fn labels_around_the_article_but_not_its_lists() {
        let html = format!(
            "<body><article><div class=cat>Politics</div><p>{P1}</p><p>{P2}</p><p>Results:</p>\
             <ul><li>Party A 33.4 percent</li><li>Party B 28.1 percent</li></ul><div>Share</div></article></body>"
        );
        assert_eq!(
            lines(&html),
            [
                P1,
                P2,
                "Results:",
                "Party A 33.4 percent",
                "Party B 28.1 percent"
            ]
        );
    }

    #[test]
    fn paragraphs_outside_the_scored_region() {
        // No container in the markup: the lead sits in another column.
        let lead = "Two neighbours who fought a war over the region agreed to talk again, mediators said on Monday.";
        let html = format!(
            "<body><div class=l><h1>Talks</h1><p>{lead}</p></div><div class=r><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>\
             <div class=x><span>Short label text</span></div></body>"
        );
        assert_eq!(lines(&html), [lead, P1, P2, P3]);
    }

    #[test]
    fn ruby_readings_left_out() {
        let html = "<body><article><p><ruby>子<rt>こ</rt></ruby>どもへの<ruby>虐待<rt>ぎゃくたい</rt></ruby>をなくすための法律ができて、親が子どもを教育するために、たたいたり蹴ったりする体罰を禁止することになりました。法律では虐待をした親に専門家が子どもの育て方を教えます。政府はこの問題について話し合いを続けています。</p></article></body>";
        assert!(extract(html).starts_with("子どもへの虐待をなくすための法律"));
    }

    #[test]
    fn a_story_set_in_an_aside_is_found() {
        let html = format!(
            "<body><nav><a href=/>Home</a></nav><aside class=story><p>{P1}</p><p>{P2}</p></aside></body>"
        );
        assert_eq!(lines(&html), [P1, P2]);
    }

    #[test]
    fn nothing_found() {
        assert_eq!(
            main_text(&Document::from(
                "<body><nav><a href=/>Home</a></nav></body>"
            )),
            None
        );
    }
}
