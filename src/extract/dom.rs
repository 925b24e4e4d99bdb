//! The document tree of a saved web page, built in one pass over the markup.
//!
//! Why not html5ever (which cleaning still uses for article bodies): a saved portal page is
//! 50–300 KB of markup around a few kilobytes of article, and html5ever reads it a
//! character at a time into reference-counted strings, which made parsing half of a saved
//! page's extraction time. This builder jumps from `<` to `<` with memchr, copies text
//! once into one arena and links nodes by index (BENCHMARKS.md has the figures, and the
//! corpus scores with both).
//!
//! It follows the HTML standard's tree construction where it changes what a reader sees
//! grouped together: the implied `<html>`, `<head>`, `<body>` and `<tbody>`; paragraphs,
//! list items, table cells and headings closed by what opens after them; end tags that
//! close what was left open inside them, and stray end tags ignored; character references;
//! raw text. It leaves out what only moves markup around for scripts and styling:
//! foster-parenting of text misplaced in tables and the re-opening of formatting elements
//! after a misnested end tag. Scripts (except JSON-LD, which holds metadata), styles,
//! inline SVG, `<noscript>` and comments are skipped, as a reader never sees them.

use memchr::memchr;

/// Deepest nesting kept: deeper start tags still make elements, but as leaves whose
/// content goes to their parent, so every walk of the tree stays shallow.
pub const MAX_DEPTH: usize = crate::markup::MAX_DEPTH;
/// Attribute values longer than this are tracking data, not addresses or text: dropped.
const LONGEST_VALUE: usize = 2048;
/// Attributes kept an element: no real element has more, and a hostile tag with millions
/// would make the check for repeated names quadratic.
const MOST_ATTRIBUTES: usize = 64;
const NONE: u32 = u32::MAX;

/// A node's index in its tree, in document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(u32);

impl NodeId {
    /// The node's position in document order, for tables indexed by node.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A range of the tree's string arena.
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: u32,
    end: u32,
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Document,
    Element {
        name: Span,
        attrs_start: u32,
        attrs_end: u32,
    },
    Text(Span),
}

#[derive(Debug)]
struct NodeData {
    parent: u32,
    first_child: u32,
    last_child: u32,
    prev_sibling: u32,
    next_sibling: u32,
    kind: Kind,
}

/// A parsed page: nodes in document order, their text, names and attribute values in one
/// string.
#[derive(Debug)]
pub struct Dom {
    nodes: Vec<NodeData>,
    strings: String,
    attrs: Vec<(Span, Span)>,
}

/// What a node is.
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    Document,
    Element(Element<'a>),
    Text(&'a str),
}

impl<'a> Node<'a> {
    pub fn as_element(&self) -> Option<Element<'a>> {
        match self {
            Node::Element(el) => Some(*el),
            _ => None,
        }
    }

    pub fn is_element(&self) -> bool {
        matches!(self, Node::Element(_))
    }
}

/// An element: its lower-case name and attributes.
#[derive(Debug, Clone, Copy)]
pub struct Element<'a> {
    dom: &'a Dom,
    name: Span,
    attrs: &'a [(Span, Span)],
}

impl<'a> Element<'a> {
    pub fn name(&self) -> &'a str {
        self.dom.str(self.name)
    }

    /// The value of the attribute `name` (lower case), the first where it is repeated.
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.attrs
            .iter()
            .find(|(n, _)| self.dom.str(*n) == name)
            .map(|(_, v)| self.dom.str(*v))
    }

    pub fn id(&self) -> Option<&'a str> {
        self.attr("id")
    }

    pub fn classes(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.attr("class").unwrap_or("").split_ascii_whitespace()
    }
}

/// A node with the tree it belongs to, to walk from.
#[derive(Debug, Clone, Copy)]
pub struct NodeRef<'a> {
    dom: &'a Dom,
    id: NodeId,
}

impl<'a> NodeRef<'a> {
    pub fn id(self) -> NodeId {
        self.id
    }

    fn data(self) -> &'a NodeData {
        &self.dom.nodes[self.id.index()]
    }

    fn at(self, index: u32) -> Option<NodeRef<'a>> {
        (index != NONE).then_some(NodeRef {
            dom: self.dom,
            id: NodeId(index),
        })
    }

    pub fn value(self) -> Node<'a> {
        match self.data().kind {
            Kind::Document => Node::Document,
            Kind::Text(span) => Node::Text(self.dom.str(span)),
            Kind::Element {
                name,
                attrs_start,
                attrs_end,
            } => Node::Element(Element {
                dom: self.dom,
                name,
                attrs: &self.dom.attrs[attrs_start as usize..attrs_end as usize],
            }),
        }
    }

    pub fn parent(self) -> Option<NodeRef<'a>> {
        self.at(self.data().parent)
    }

    pub fn first_child(self) -> Option<NodeRef<'a>> {
        self.at(self.data().first_child)
    }

    pub fn next_sibling(self) -> Option<NodeRef<'a>> {
        self.at(self.data().next_sibling)
    }

    pub fn prev_sibling(self) -> Option<NodeRef<'a>> {
        self.at(self.data().prev_sibling)
    }

    pub fn children(self) -> impl Iterator<Item = NodeRef<'a>> + use<'a> {
        std::iter::successors(self.first_child(), |n| n.next_sibling())
    }

    /// Siblings after this node, nearest first.
    pub fn next_siblings(self) -> impl Iterator<Item = NodeRef<'a>> + use<'a> {
        std::iter::successors(self.next_sibling(), |n| n.next_sibling())
    }

    /// Siblings before this node, nearest first.
    pub fn prev_siblings(self) -> impl Iterator<Item = NodeRef<'a>> + use<'a> {
        std::iter::successors(self.prev_sibling(), |n| n.prev_sibling())
    }

    /// Parent, grandparent, … up to the document.
    pub fn ancestors(self) -> impl Iterator<Item = NodeRef<'a>> + use<'a> {
        std::iter::successors(self.parent(), |n| n.parent())
    }

    /// This node and everything inside it, in document order.
    pub fn descendants(self) -> Descendants<'a> {
        Descendants {
            dom: self.dom,
            root: self.id.0,
            next: self.id.0,
        }
    }

    /// The text of every text node inside this one, in document order.
    pub fn text(self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.descendants().filter_map(|n| match n.value() {
            Node::Text(t) => Some(t),
            _ => None,
        })
    }
}

/// Pre-order walk of a subtree.
pub struct Descendants<'a> {
    dom: &'a Dom,
    root: u32,
    next: u32,
}

impl<'a> Iterator for Descendants<'a> {
    type Item = NodeRef<'a>;

    fn next(&mut self) -> Option<NodeRef<'a>> {
        let current = self.next;
        if current == NONE {
            return None;
        }
        let nodes = &self.dom.nodes;
        let data = &nodes[current as usize];
        self.next = if data.first_child != NONE {
            data.first_child
        } else {
            let mut at = current;
            loop {
                if at == self.root {
                    break NONE;
                }
                let node = &nodes[at as usize];
                if node.next_sibling != NONE {
                    break node.next_sibling;
                }
                at = node.parent;
                if at == NONE {
                    break NONE;
                }
            }
        };
        Some(NodeRef {
            dom: self.dom,
            id: NodeId(current),
        })
    }
}

impl Dom {
    /// Builds the tree of a whole page (or a fragment, which gets the implied
    /// `<html><head><body>` around it).
    pub fn parse(html: &str) -> Dom {
        let mut builder = Builder {
            src: html,
            dom: Dom {
                nodes: Vec::with_capacity(html.len() / 40),
                strings: String::with_capacity(html.len() / 3),
                attrs: Vec::with_capacity(html.len() / 60),
            },
            stack: Vec::with_capacity(64),
            html: NONE,
            head: NONE,
            body: NONE,
            quirks: true,
            skip_newline: false,
        };
        builder.dom.nodes.push(NodeData {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev_sibling: NONE,
            next_sibling: NONE,
            kind: Kind::Document,
        });
        builder.run();
        builder.dom
    }

    pub fn root(&self) -> NodeRef<'_> {
        NodeRef {
            dom: self,
            id: NodeId(0),
        }
    }

    pub fn get(&self, id: NodeId) -> Option<NodeRef<'_>> {
        (id.index() < self.nodes.len()).then_some(NodeRef { dom: self, id })
    }

    /// Number of nodes: the size of a table indexed by [`NodeId::index`].
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }

    fn str(&self, span: Span) -> &str {
        &self.strings[span.start as usize..span.end as usize]
    }
}

#[cfg(test)]
impl Dom {
    /// The first element named `name` (for tests).
    pub(crate) fn first(&self, name: &str) -> Option<Element<'_>> {
        self.root()
            .descendants()
            .find_map(|n| n.value().as_element().filter(|e| e.name() == name))
    }
}

/// Elements that never have content.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "frame"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements that belong in `<head>` when they come before the body.
fn is_head_content(name: &str) -> bool {
    matches!(
        name,
        "meta" | "link" | "title" | "base" | "script" | "style" | "basefont" | "bgsound"
    )
}

/// Grouping blocks: a start tag of one closes an open `<p>`, and its end tag closes what
/// is open inside it (the standard's lists share these).
fn is_grouping(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "header"
            | "hgroup"
            | "listing"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "pre"
            | "search"
            | "section"
            | "summary"
            | "ul"
    )
}

/// Start tags that close an open `<p>`.
fn closes_p(name: &str) -> bool {
    is_grouping(name) || matches!(name, "hr" | "p" | "xmp" | "plaintext")
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Elements whose end tag closes what is open inside them (when they are in scope).
fn is_block_end(name: &str) -> bool {
    is_grouping(name)
        || matches!(
            name,
            "button" | "applet" | "marquee" | "object" | "caption" | "colgroup" | "select"
        )
}

/// Formatting elements: their end tag closes them through what is open inside.
fn is_formatting(name: &str) -> bool {
    matches!(
        name,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}

/// The standard's "special" elements: a stray end tag does not close past them.
fn is_special(name: &str) -> bool {
    is_block_end(name)
        || is_void(name)
        || is_heading(name)
        || matches!(
            name,
            "body"
                | "dd"
                | "dt"
                | "frameset"
                | "head"
                | "html"
                | "iframe"
                | "li"
                | "noembed"
                | "noframes"
                | "noscript"
                | "p"
                | "plaintext"
                | "script"
                | "style"
                | "table"
                | "tbody"
                | "td"
                | "template"
                | "textarea"
                | "tfoot"
                | "th"
                | "thead"
                | "title"
                | "tr"
                | "xmp"
        )
}

/// Elements that bound the default scope: an end tag inside a table cell does not close
/// what is open outside the table.
fn bounds_scope(name: &str) -> bool {
    matches!(
        name,
        "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template"
    )
}

/// Elements whose content is text up to their end tag, and whether references in it are
/// decoded.
fn raw_text(name: &str) -> Option<bool> {
    match name {
        "title" | "textarea" => Some(true),
        "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" | "svg" => {
            Some(false)
        }
        _ => None,
    }
}

struct Builder<'s> {
    src: &'s str,
    dom: Dom,
    /// Open elements, innermost last (the document is not on it).
    stack: Vec<u32>,
    html: u32,
    head: u32,
    body: u32,
    /// No `<!DOCTYPE html>` (or an old one): a `<table>` does not close an open `<p>`.
    quirks: bool,
    /// After `<pre>` or `<textarea>`: a first newline is not content.
    skip_newline: bool,
}

/// A start tag as read: its name and attributes are already in the arena.
struct StartTag {
    name: Span,
    attrs_start: u32,
    /// Byte after the `>`.
    end: usize,
}

impl Builder<'_> {
    fn run(&mut self) {
        let src = self.src;
        let bytes = src.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let Some(offset) = memchr(b'<', &bytes[at..]) else {
                self.text(&src[at..]);
                break;
            };
            let lt = at + offset;
            if lt > at {
                self.text(&src[at..lt]);
            }
            at = self.markup(lt);
        }
    }

    /// Reads the markup at `lt` (a `<`), gives the byte after it.
    fn markup(&mut self, lt: usize) -> usize {
        let src = self.src;
        let bytes = src.as_bytes();
        let rest = &bytes[lt + 1..];
        match rest.first() {
            Some(b'!') => {
                if rest.starts_with(b"!--") {
                    return src[lt + 4..]
                        .find("-->")
                        .map_or(src.len(), |e| lt + 4 + e + 3);
                }
                let end = memchr(b'>', rest).map_or(src.len(), |e| lt + 1 + e + 1);
                if rest.len() > 8 && rest[1..8].eq_ignore_ascii_case(b"doctype") {
                    self.doctype(&src[lt..end]);
                }
                end
            }
            Some(b'?') => memchr(b'>', rest).map_or(src.len(), |e| lt + 1 + e + 1),
            Some(b'/') => match rest.get(1) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let name_end = lt + 2 + name_len(&rest[1..]);
                    let end = self.skip_attributes(name_end);
                    let name = TagName::new(&src[lt + 2..name_end]);
                    self.end_tag(name.as_str());
                    end
                }
                Some(b'>') => lt + 3,
                None => src.len(),
                Some(_) => memchr(b'>', rest).map_or(src.len(), |e| lt + 1 + e + 1),
            },
            Some(c) if c.is_ascii_alphabetic() => self.start_tag(lt),
            _ => {
                self.text("<");
                lt + 1
            }
        }
    }

    fn doctype(&mut self, declaration: &str) {
        let d = declaration.to_ascii_lowercase();
        let old = d.contains("//dtd html 4.0 transitional")
            || d.contains("//dtd html 3")
            || d.contains("//dtd html 2")
            || ((d.contains("//dtd html 4.01 transitional") || d.contains("frameset"))
                && !d.contains("http://www.w3.org/tr/"));
        self.quirks = !d.contains("html") || old;
    }

    /// Reads a start tag's name and attributes into the arena.
    fn read_start_tag(&mut self, lt: usize) -> StartTag {
        let src = self.src;
        let bytes = src.as_bytes();
        let name_end = lt + 1 + name_len(&bytes[lt + 1..]);
        let name = self.push_lower(&src[lt + 1..name_end]);
        let attrs_start = self.dom.attrs.len() as u32;
        let mut i = name_end;
        loop {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
                i += 1;
            }
            if i >= bytes.len() {
                break;
            }
            if bytes[i] == b'>' {
                i += 1;
                break;
            }
            // An attribute name runs to space, `/`, `>` or `=` (a leading `=` is part of it).
            let name_start = i;
            i += 1;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'/' | b'>' | b'=')
            {
                i += 1;
            }
            let attr_name = &src[name_start..i];
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = None;
            if i < bytes.len() && bytes[i] == b'=' {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let start = i + 1;
                        let end = memchr(quote, &bytes[start..]).map_or(bytes.len(), |e| start + e);
                        value = Some(&src[start..end]);
                        i = (end + 1).min(bytes.len());
                    }
                    _ => {
                        let start = i;
                        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>'
                        {
                            i += 1;
                        }
                        value = Some(&src[start..i]);
                    }
                }
            }
            let value = value.unwrap_or("");
            if value.len() > LONGEST_VALUE
                || self.dom.attrs.len() - attrs_start as usize >= MOST_ATTRIBUTES
            {
                continue;
            }
            let attr_name = self.push_lower(attr_name);
            let first = !self.dom.attrs[attrs_start as usize..]
                .iter()
                .any(|(n, _)| self.dom.str(*n) == self.dom.str(attr_name));
            if first {
                let start = self.dom.strings.len() as u32;
                decode(&mut self.dom.strings, value, true);
                let value = Span {
                    start,
                    end: self.dom.strings.len() as u32,
                };
                self.dom.attrs.push((attr_name, value));
            } else {
                self.dom.strings.truncate(attr_name.start as usize);
            }
        }
        StartTag {
            name,
            attrs_start,
            end: i,
        }
    }

    /// Steps over an end tag's (meaningless) attributes; gives the byte after its `>`.
    fn skip_attributes(&self, from: usize) -> usize {
        let bytes = self.src.as_bytes();
        let mut i = from;
        while i < bytes.len() {
            match bytes[i] {
                b'>' => return i + 1,
                quote @ (b'"' | b'\'') if i > 0 && bytes[i - 1] == b'=' => {
                    i = memchr(quote, &bytes[i + 1..]).map_or(bytes.len(), |e| i + 1 + e + 1);
                }
                _ => i += 1,
            }
        }
        bytes.len()
    }

    fn push_lower(&mut self, text: &str) -> Span {
        let start = self.dom.strings.len();
        self.dom.strings.push_str(text);
        self.dom.strings[start..].make_ascii_lowercase();
        Span {
            start: start as u32,
            end: self.dom.strings.len() as u32,
        }
    }

    /// Forgets what [`Self::read_start_tag`] put in the arena for a tag that makes no node.
    fn drop_tag(&mut self, tag: &StartTag) {
        self.dom.attrs.truncate(tag.attrs_start as usize);
        self.dom.strings.truncate(tag.name.start as usize);
    }

    fn start_tag(&mut self, lt: usize) -> usize {
        let tag = self.read_start_tag(lt);
        let name = TagName::new(self.dom.str(tag.name));
        let end = tag.end;
        if let Some(decoded) = raw_text(name.as_str()) {
            return self.raw_text_element(tag, name.as_str(), decoded);
        }
        self.place_start_tag(tag, name.as_str());
        end
    }

    /// An element whose content is text up to its end tag.
    fn raw_text_element(&mut self, tag: StartTag, name: &str, decoded: bool) -> usize {
        let (content_end, after) = closing_tag(self.src, tag.end, name);
        let keep = match name {
            // JSON-LD holds the page's metadata; other scripts are never shown.
            "script" => Element {
                dom: &self.dom,
                name: tag.name,
                attrs: &self.dom.attrs[tag.attrs_start as usize..],
            }
            .attr("type")
            .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")),
            "style" | "noscript" | "svg" => false,
            _ => true,
        };
        if !keep {
            self.drop_tag(&tag);
            return after;
        }
        let mut content = &self.src[tag.end..content_end];
        if name == "textarea" {
            content = content.strip_prefix('\n').unwrap_or(content);
        }
        let Some(id) = self.place_start_tag(tag, name) else {
            return after;
        };
        if !content.is_empty() {
            let start = self.dom.strings.len() as u32;
            if decoded {
                decode(&mut self.dom.strings, content, false);
            } else {
                self.dom.strings.push_str(content);
            }
            let span = Span {
                start,
                end: self.dom.strings.len() as u32,
            };
            self.append(id, Kind::Text(span));
        }
        if self.stack.last() == Some(&id) {
            self.stack.pop();
        }
        after
    }

    /// Places an element for a start tag by the tree-construction rules; gives it, or
    /// `None` when the tag makes no element.
    fn place_start_tag(&mut self, tag: StartTag, name: &str) -> Option<u32> {
        self.skip_newline = false;
        match name {
            "html" => {
                if self.html == NONE {
                    self.html = self.insert(&tag, 0);
                    return Some(self.html);
                }
                self.drop_tag(&tag);
                return None;
            }
            "head" => {
                if self.head == NONE && self.body == NONE {
                    self.ensure_html();
                    self.head = self.insert(&tag, self.html);
                    return Some(self.head);
                }
                self.drop_tag(&tag);
                return None;
            }
            "body" => {
                if self.body == NONE {
                    self.ensure_head();
                    self.stack.truncate(1);
                    self.body = self.insert(&tag, self.html);
                    return Some(self.body);
                }
                self.drop_tag(&tag);
                return None;
            }
            _ => {}
        }
        if self.body == NONE {
            if is_head_content(name) {
                self.ensure_head();
                return Some(self.insert(&tag, self.head));
            }
            self.ensure_body();
        }
        let parent = self.body_rules(name);
        let id = self.insert(&tag, parent);
        if matches!(name, "pre" | "listing" | "textarea") {
            self.skip_newline = true;
        }
        Some(id)
    }

    /// Closes what a start tag `name` closes in a body; gives the parent for it.
    fn body_rules(&mut self, name: &str) -> u32 {
        match name {
            "li" => {
                self.close_list_item(&["li"]);
                self.close_p();
            }
            "dd" | "dt" => {
                self.close_list_item(&["dd", "dt"]);
                self.close_p();
            }
            _ if is_heading(name) => {
                self.close_p();
                if is_heading(self.current_name()) {
                    self.stack.pop();
                }
            }
            "a" => {
                // An `<a>` left open is closed by the next (links do not nest).
                if let Some(at) = self.open_in_scope(&["a"], &[]) {
                    self.stack.truncate(at);
                }
            }
            "button" => {
                if let Some(at) = self.open_in_scope(&["button"], &[]) {
                    self.stack.truncate(at);
                }
            }
            "option" | "optgroup" => {
                if self.current_name() == "option" {
                    self.stack.pop();
                }
                if name == "optgroup" && self.current_name() == "optgroup" {
                    self.stack.pop();
                }
            }
            "table" if !self.quirks => self.close_p(),
            "table" => {}
            "tr" | "td" | "th" | "tbody" | "thead" | "tfoot" | "caption" | "colgroup" | "col" => {
                return self.table_rules(name);
            }
            _ if closes_p(name) => self.close_p(),
            _ => {}
        }
        self.current()
    }

    /// Table parts: back to the table's context, with the implied `<tbody>` and `<tr>`.
    fn table_rules(&mut self, name: &str) -> u32 {
        let Some(table) = self.stack.iter().rposition(|&e| self.name_of(e) == "table") else {
            return self.current();
        };
        let context: &[&str] = match name {
            "td" | "th" => &["tr", "tbody", "thead", "tfoot"],
            "tr" => &["tbody", "thead", "tfoot"],
            _ => &[],
        };
        let keep = self.stack[table + 1..]
            .iter()
            .rposition(|&e| context.contains(&self.name_of(e)))
            .map_or(table + 1, |p| table + 1 + p + 1);
        self.stack.truncate(keep);
        if matches!(name, "tr" | "td" | "th") && self.current_name() == "table" {
            self.implied("tbody");
        }
        if matches!(name, "td" | "th") && self.current_name() != "tr" {
            self.implied("tr");
        }
        self.current()
    }

    fn end_tag(&mut self, name: &str) {
        match name {
            "html" | "body" => {}
            "head" => {
                if self.head != NONE && self.current() == self.head {
                    self.stack.pop();
                }
            }
            "br" => {
                if self.body == NONE {
                    self.ensure_body();
                }
                let span = self.push_lower("br");
                let tag = StartTag {
                    name: span,
                    attrs_start: self.dom.attrs.len() as u32,
                    end: 0,
                };
                let parent = self.current();
                self.insert(&tag, parent);
            }
            _ if self.body == NONE => {}
            "p" => {
                if let Some(at) = self.open_in_scope(&["p"], &["button"]) {
                    self.stack.truncate(at);
                }
            }
            "li" => {
                if let Some(at) = self.open_in_scope(&["li"], &["ol", "ul"]) {
                    self.stack.truncate(at);
                }
            }
            _ if is_heading(name) => {
                if let Some(at) = self.open_in_scope(&["h1", "h2", "h3", "h4", "h5", "h6"], &[]) {
                    self.stack.truncate(at);
                }
            }
            "table" | "tr" | "td" | "th" | "tbody" | "thead" | "tfoot" => {
                let at = self.stack.iter().rposition(|&e| {
                    let n = self.name_of(e);
                    n == name || matches!(n, "table" | "html" | "template")
                });
                if let Some(at) = at.filter(|&at| self.name_of(self.stack[at]) == name) {
                    self.stack.truncate(at);
                }
            }
            _ if is_block_end(name) || is_formatting(name) || matches!(name, "dd" | "dt") => {
                if let Some(at) = self.open_in_scope(&[name], &[]) {
                    self.stack.truncate(at);
                }
            }
            _ => {
                // Any other end tag closes the nearest open element of its name, unless a
                // "special" element (a block) is open inside that one.
                for at in (0..self.stack.len()).rev() {
                    let open = self.name_of(self.stack[at]);
                    if open == name {
                        self.stack.truncate(at);
                        break;
                    }
                    if is_special(open) {
                        break;
                    }
                }
            }
        }
    }

    /// Where on the stack the innermost open element named in `names` is, if no scope
    /// boundary (or one of `extra`) is open inside it.
    fn open_in_scope(&self, names: &[&str], extra: &[&str]) -> Option<usize> {
        for at in (0..self.stack.len()).rev() {
            let open = self.name_of(self.stack[at]);
            if names.contains(&open) {
                return Some(at);
            }
            if bounds_scope(open) || extra.contains(&open) {
                return None;
            }
        }
        None
    }

    fn close_p(&mut self) {
        if let Some(at) = self.open_in_scope(&["p"], &["button"]) {
            self.stack.truncate(at);
        }
    }

    /// A new list item closes the open one it would otherwise nest in.
    fn close_list_item(&mut self, names: &[&str]) {
        for at in (0..self.stack.len()).rev() {
            let open = self.name_of(self.stack[at]);
            if names.contains(&open) {
                self.stack.truncate(at);
                return;
            }
            if is_special(open) && !matches!(open, "address" | "div" | "p") {
                return;
            }
        }
    }

    fn text(&mut self, raw: &str) {
        let mut raw = raw;
        if self.skip_newline {
            self.skip_newline = false;
            raw = raw.strip_prefix('\n').unwrap_or(raw);
        }
        if raw.is_empty() {
            return;
        }
        if self.body == NONE {
            if raw.bytes().all(|b| b.is_ascii_whitespace()) {
                return;
            }
            self.ensure_body();
        }
        let parent = self.current();
        // Text right after text (a comment or an ignored tag between them) joins it.
        let last = self.dom.nodes[parent as usize].last_child;
        let joins = last != NONE
            && matches!(self.dom.nodes[last as usize].kind, Kind::Text(span) if span.end as usize == self.dom.strings.len());
        if joins {
            decode(&mut self.dom.strings, raw, false);
            if let Kind::Text(span) = &mut self.dom.nodes[last as usize].kind {
                span.end = self.dom.strings.len() as u32;
            }
            return;
        }
        let start = self.dom.strings.len() as u32;
        decode(&mut self.dom.strings, raw, false);
        let span = Span {
            start,
            end: self.dom.strings.len() as u32,
        };
        self.append(parent, Kind::Text(span));
    }

    fn current(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    fn current_name(&self) -> &str {
        match self.stack.last() {
            Some(&e) => self.name_of(e),
            None => "",
        }
    }

    fn name_of(&self, id: u32) -> &str {
        match self.dom.nodes[id as usize].kind {
            Kind::Element { name, .. } => self.dom.str(name),
            _ => "",
        }
    }

    fn ensure_html(&mut self) {
        if self.html == NONE {
            let span = self.push_lower("html");
            self.html = self.insert_named(span, 0);
        }
    }

    fn ensure_head(&mut self) {
        self.ensure_html();
        if self.head == NONE {
            let span = self.push_lower("head");
            self.head = self.insert_named(span, self.html);
            // An implied head closes at once: what follows it goes to the body.
            self.stack.pop();
        }
    }

    fn ensure_body(&mut self) {
        if self.body != NONE {
            return;
        }
        self.ensure_head();
        self.stack.truncate(1);
        let span = self.push_lower("body");
        self.body = self.insert_named(span, self.html);
    }

    /// An element the markup implies (`<tbody>`, `<tr>`), under the current node.
    fn implied(&mut self, name: &str) {
        let span = self.push_lower(name);
        let parent = self.current();
        self.insert_named(span, parent);
    }

    fn insert_named(&mut self, name: Span, parent: u32) -> u32 {
        let tag = StartTag {
            name,
            attrs_start: self.dom.attrs.len() as u32,
            end: 0,
        };
        self.insert(&tag, parent)
    }

    /// Appends an element for `tag` under `parent` and opens it (unless void, or nested
    /// past [`MAX_DEPTH`]).
    fn insert(&mut self, tag: &StartTag, parent: u32) -> u32 {
        let id = self.append(
            parent,
            Kind::Element {
                name: tag.name,
                attrs_start: tag.attrs_start,
                attrs_end: self.dom.attrs.len() as u32,
            },
        );
        if !is_void(self.dom.str(tag.name)) && self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
        }
        id
    }

    fn append(&mut self, parent: u32, kind: Kind) -> u32 {
        let id = self.dom.nodes.len() as u32;
        let last = self.dom.nodes[parent as usize].last_child;
        self.dom.nodes.push(NodeData {
            parent,
            first_child: NONE,
            last_child: NONE,
            prev_sibling: last,
            next_sibling: NONE,
            kind,
        });
        if last == NONE {
            self.dom.nodes[parent as usize].first_child = id;
        } else {
            self.dom.nodes[last as usize].next_sibling = id;
        }
        self.dom.nodes[parent as usize].last_child = id;
        id
    }
}

/// A tag name, lower-cased, held apart from the arena: the rules compare it while the tree
/// changes. On the stack for every HTML element's name; a longer (custom) one is allocated.
enum TagName {
    Short { buffer: [u8; 16], len: usize },
    Long(String),
}

impl TagName {
    fn new(name: &str) -> TagName {
        if name.len() > 16 {
            return TagName::Long(name.to_ascii_lowercase());
        }
        let mut buffer = [0u8; 16];
        buffer[..name.len()].copy_from_slice(name.as_bytes());
        buffer[..name.len()].make_ascii_lowercase();
        TagName::Short {
            buffer,
            len: name.len(),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // A whole `&str`'s bytes, ASCII-lowercased: still UTF-8.
            TagName::Short { buffer, len } => std::str::from_utf8(&buffer[..*len]).unwrap_or(""),
            TagName::Long(name) => name,
        }
    }
}

/// Length of a tag name at the start of `bytes`.
fn name_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        .unwrap_or(bytes.len())
}

/// Where the content of a raw-text element ends (`</name`) and the byte after its end
/// tag; both the end of the text when it is never closed.
fn closing_tag(src: &str, from: usize, name: &str) -> (usize, usize) {
    let bytes = src.as_bytes();
    let mut at = from;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let rest = &bytes[start + 1..];
        if rest.first() == Some(&b'/')
            && rest.len() > name.len() + 1
            && rest[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
            && matches!(
                rest[name.len() + 1],
                b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'\x0c'
            )
        {
            let after = memchr(b'>', rest).map_or(src.len(), |e| start + 1 + e + 1);
            return (start, after);
        }
        at = start + 1;
    }
    (src.len(), src.len())
}

/// Appends `text` with its character references decoded (`&amp;`, `&#20013;`, `&nbsp`).
/// In an attribute, a reference without its `;` followed by `=` or a letter is left as
/// written, as browsers do (`?a=1&copy=2` in an address).
fn decode(out: &mut String, text: &str, in_attribute: bool) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = memchr(b'&', &bytes[at..]) {
        let amp = at + offset;
        at = amp + 1;
        let Some((decoded, len)) = reference(&text[amp + 1..], in_attribute) else {
            continue;
        };
        out.push_str(&text[copied..amp]);
        out.push_str(decoded.as_str());
        copied = amp + 1 + len;
        at = copied;
    }
    out.push_str(&text[copied..]);
}

/// A short decoded string without allocating.
struct Chars {
    buffer: [u8; 8],
    len: usize,
}

impl Chars {
    fn new(chars: impl IntoIterator<Item = char>) -> Chars {
        let mut buffer = [0u8; 8];
        let mut len = 0;
        for c in chars {
            len += c.encode_utf8(&mut buffer[len..]).len();
        }
        Chars { buffer, len }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buffer[..self.len]).unwrap_or("")
    }
}

/// The reference after an `&`: its text and how many bytes it took.
fn reference(after: &str, in_attribute: bool) -> Option<(Chars, usize)> {
    let bytes = after.as_bytes();
    if bytes.first() == Some(&b'#') {
        let hex = matches!(bytes.get(1), Some(b'x' | b'X'));
        let digits_start = if hex { 2 } else { 1 };
        let digits = bytes[digits_start..]
            .iter()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let number = &after[digits_start..digits_start + digits];
        let code = u32::from_str_radix(number, if hex { 16 } else { 10 }).unwrap_or(u32::MAX);
        let mut len = digits_start + digits;
        if bytes.get(len) == Some(&b';') {
            len += 1;
        }
        let c = match code {
            0x80..=0x9f => web_atoms::C1_REPLACEMENTS[(code - 0x80) as usize].unwrap_or('\u{fffd}'),
            _ => char::from_u32(code)
                .filter(|&c| c != '\0')
                .unwrap_or('\u{fffd}'),
        };
        return Some((Chars::new([c]), len));
    }
    // The longest name in the table that the text starts with.
    let mut best = None;
    for len in 1..=bytes.len().min(32) {
        if !after.is_char_boundary(len) {
            break;
        }
        let key = &after[..len];
        match web_atoms::NAMED_ENTITIES.get(key) {
            None => break,
            Some(&(0, _)) => {}
            Some(&(first, second)) => best = Some((len, first, second)),
        }
    }
    let (len, first, second) = best?;
    let terminated = after.as_bytes()[len - 1] == b';';
    if in_attribute
        && !terminated
        && bytes
            .get(len)
            .is_some_and(|b| *b == b'=' || b.is_ascii_alphanumeric())
    {
        return None;
    }
    let chars = [first, second]
        .into_iter()
        .filter(|&c| c != 0)
        .filter_map(char::from_u32);
    Some((Chars::new(chars), len))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as nested names and text, `[name child child]`, for comparing shapes.
    fn shape(node: NodeRef<'_>) -> String {
        match node.value() {
            Node::Text(t) => format!("{t:?}"),
            Node::Document | Node::Element(_) => {
                let name = node.value().as_element().map_or("#doc", |e| e.name());
                let children: Vec<String> = node.children().map(shape).collect();
                if children.is_empty() {
                    format!("[{name}]")
                } else {
                    format!("[{name} {}]", children.join(" "))
                }
            }
        }
    }

    fn body(html: &str) -> String {
        let dom = Dom::parse(html);
        let body = dom
            .root()
            .descendants()
            .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
            .expect("a body");
        shape(body)
    }

    #[test]
    fn implied_html_head_and_body() {
        let dom = Dom::parse("<title>T</title><p>x");
        assert_eq!(
            shape(dom.root()),
            r#"[#doc [html [head [title "T"]] [body [p "x"]]]]"#
        );
        let dom = Dom::parse(
            "<!DOCTYPE html><html lang=zh><head><meta charset=utf-8></head><body class=b>x</body></html>",
        );
        assert_eq!(
            shape(dom.root()),
            r#"[#doc [html [head [meta]] [body "x"]]]"#
        );
    }

    #[test]
    fn paragraphs_items_and_headings_close_by_what_opens() {
        assert_eq!(
            body("<p>a<p>b<div>c</div>"),
            r#"[body [p "a"] [p "b"] [div "c"]]"#
        );
        assert_eq!(
            body("<ul><li>a<li>b<ul><li>c</ul></ul>"),
            r#"[body [ul [li "a"] [li "b" [ul [li "c"]]]]]"#
        );
        assert_eq!(
            body("<dl><dt>a<dd>b<dt>c</dl>"),
            r#"[body [dl [dt "a"] [dd "b"] [dt "c"]]]"#
        );
        assert_eq!(body("<h1>a<h2>b</h2>"), r#"[body [h1 "a"] [h2 "b"]]"#);
        assert_eq!(
            body("<a href=1>a<a href=2>b</a>"),
            r#"[body [a "a"] [a "b"]]"#
        );
    }

    #[test]
    fn tables_get_their_implied_parts() {
        assert_eq!(
            body("<table><tr><td>a<td>b<tr><th>c</table>"),
            r#"[body [table [tbody [tr [td "a"] [td "b"]] [tr [th "c"]]]]]"#
        );
        assert_eq!(
            body("<table><td><div>a<td>b</table>"),
            r#"[body [table [tbody [tr [td [div "a"]] [td "b"]]]]]"#
        );
        // Without a doctype (quirks), a table stays inside an open paragraph.
        assert_eq!(body("<p>a<table></table>"), r#"[body [p "a" [table]]]"#);
        assert_eq!(
            body("<!DOCTYPE html><p>a<table></table>"),
            r#"[body [p "a"] [table]]"#
        );
    }

    #[test]
    fn end_tags_close_what_is_open_inside_and_stray_ones_are_ignored() {
        assert_eq!(
            body("<div><span><font>a</div>b"),
            r#"[body [div [span [font "a"]]] "b"]"#
        );
        assert_eq!(body("<div>a</span>b</div>"), r#"[body [div "ab"]]"#);
        // A span's end tag does not close a div left open inside the span.
        assert_eq!(
            body("<span><div>a</span>b</div>"),
            r#"[body [span [div "ab"]]]"#
        );
        // An end tag inside a table cell does not close what is outside the table.
        assert_eq!(
            body("<div><table><tr><td>a</div>b</td></tr></table>c</div>d"),
            r#"[body [div [table [tbody [tr [td "ab"]]]] "c"] "d"]"#
        );
        assert_eq!(body("a</br>b"), r#"[body "a" [br] "b"]"#);
        assert_eq!(body("<p>a</p></p>b"), r#"[body [p "a"] "b"]"#);
    }

    #[test]
    fn inert_content_is_skipped_and_json_ld_kept() {
        let dom = Dom::parse(
            "<head><script>var a='<p>x</p>';</script><script type=\"application/ld+json\">{\"a\":\"<b>\"}</script><style>p{}</style></head>\
             <body>a<!-- <p>c</p> -->b<svg><text>s</text></svg><noscript><p>n</p></noscript><textarea>\nt&amp;</textarea></body>",
        );
        assert_eq!(
            shape(dom.root()),
            r#"[#doc [html [head [script "{\"a\":\"<b>\"}"]] [body "ab" [textarea "t&"]]]]"#
        );
    }

    #[test]
    fn custom_elements_close_by_their_own_end_tag() {
        assert_eq!(
            body(
                "<div><my-very-long-custom-element-name>a</MY-VERY-LONG-CUSTOM-ELEMENT-NAME>b</div>"
            ),
            r#"[body [div [my-very-long-custom-element-name "a"] "b"]]"#
        );
    }

    #[test]
    fn unclosed_inert_content_and_lookalikes() {
        assert_eq!(body("<p>a</p><script>never closed"), r#"[body [p "a"]]"#);
        assert_eq!(body("<p>a<!-- open"), r#"[body [p "a"]]"#);
        assert_eq!(
            body("<scripture>经</scripture>"),
            r#"[body [scripture "经"]]"#
        );
        assert_eq!(body("a < b <3 </ c"), r#"[body "a < b <3 "]"#);
        // Processing instructions, bogus declarations and empty end tags are not content.
        assert_eq!(
            body("<?xml version=\"1.0\"?>a<!x y>b</>c<![CDATA[d]]>e"),
            r#"[body "abce"]"#
        );
        // Markup inside attribute values is not markup.
        assert_eq!(
            body("<img srcset=\"data:x,<svg onload=1>\"><p>正文</p>"),
            r#"[body [img] [p "正文"]]"#
        );
        assert_eq!(body("<a title='<svg>'>文</a>"), r#"[body [a "文"]]"#);
    }

    #[test]
    fn attributes_are_read_as_a_browser_reads_them() {
        let dom = Dom::parse(
            r#"<a HREF="/x?a=1&amp;b=2&copy=3" title='a > b' data-x=1 class="c1  c2" href=ignored>t</a><img src=/i.png alt=&quot;q&quot; />"#,
        );
        let a = dom.first("a").expect("a link");
        assert_eq!(a.attr("href"), Some("/x?a=1&b=2&copy=3"));
        assert_eq!(a.attr("title"), Some("a > b"));
        assert_eq!(a.classes().collect::<Vec<_>>(), ["c1", "c2"]);
        assert_eq!(a.id(), None);
        let img = dom.first("img").expect("an image");
        assert_eq!(img.attr("src"), Some("/i.png"));
        assert_eq!(img.attr("alt"), Some("\"q\""));
        // Values too long to be anything but tracking data are dropped.
        let long = format!("<div data-track=\"{}\" id=k>x</div>", "z".repeat(5000));
        let dom = Dom::parse(&long);
        let div = dom.first("div").expect("a div");
        assert_eq!((div.attr("data-track"), div.id()), (None, Some("k")));
        // A tag with a hundred thousand attributes keeps the first few, quickly.
        let many: String = (0..100_000).map(|i| format!(" a{i}=1")).collect();
        let dom = Dom::parse(&format!("<p id=first{many}>x</p>"));
        let p = dom.first("p").expect("a paragraph");
        assert_eq!(
            (p.id(), p.attr("a62"), p.attr("a63")),
            (Some("first"), Some("1"), None)
        );
    }

    #[test]
    fn character_references() {
        let dom = Dom::parse(
            "&lt;a&gt; &amp;amp; &#20013;&#x6587; &nbsp;x &copy 2024 &unknown; &#128; &#0; &中 &",
        );
        assert_eq!(
            dom.root().text().collect::<String>(),
            "<a> &amp; 中文 \u{a0}x © 2024 &unknown; € \u{fffd} &中 &"
        );
    }

    #[test]
    fn nesting_past_the_limit_is_flattened() {
        let html = "<div>".repeat(MAX_DEPTH * 3) + "x";
        let dom = Dom::parse(&html);
        let deepest = dom
            .root()
            .descendants()
            .map(|n| n.ancestors().count())
            .max()
            .unwrap_or(0);
        assert!(deepest <= MAX_DEPTH + 1, "depth {deepest}");
        assert_eq!(dom.root().text().collect::<String>(), "x");
    }

    #[test]
    fn walks_in_document_order() {
        let dom = Dom::parse("<div id=a><p>1</p><p>2<b>3</b></p></div><p>4</p>");
        let text: Vec<&str> = dom.root().text().collect();
        assert_eq!(text, ["1", "2", "3", "4"]);
        let div = dom
            .root()
            .descendants()
            .find(|n| n.value().as_element().is_some_and(|e| e.id() == Some("a")))
            .expect("div");
        assert_eq!(div.text().collect::<String>(), "123");
        let second = div.children().nth(1).expect("second p");
        assert_eq!(second.prev_siblings().count(), 1);
        assert_eq!(second.next_siblings().count(), 0);
        assert_eq!(
            second
                .ancestors()
                .filter_map(|a| a.value().as_element().map(|e| e.name()))
                .collect::<Vec<_>>(),
            ["div", "body", "html"]
        );
        let ids: Vec<NodeId> = dom.root().descendants().map(|n| n.id()).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]));
    }
}
