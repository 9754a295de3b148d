//! HTML pages: the article body without the page's chrome, and the metadata the page declares.
//!
//! Boilerplate removal is a readability-style text-density heuristic over the DOM parsed by
//! html5ever (through `scraper`): paragraphs of real prose (long, with commas, few links) vote
//! for their parent and grandparent; the container with the best score, discounted by its link
//! density, is the article, together with siblings that score close to it. Menus, footers,
//! share bars and "related" lists lose because they are short, link-dense, or carry class
//! names that say so. Metadata comes from JSON-LD (`NewsArticle`), then `<meta>` (Open Graph,
//! `article:published_time`, `author`), then `<title>` and the URL's host.

use crate::{build, decode_html, parse_date, url_host, Origin, ReadError};
use ego_tree::NodeRef;
use marsad_core::{ActorId, Document, Metadata};
use regex::Regex;
use scraper::{Html, Node};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a page yields: its headline, body text (one paragraph per line) and metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub title: Option<String>,
    pub text: String,
    pub meta: Metadata,
}

/// Decode and read one HTML page into a document. `id` is used unless the page names its
/// canonical URL; `url` is where the page was fetched from, when known.
pub(crate) fn document(
    bytes: &[u8],
    charset: Option<&str>,
    origin: Origin,
    id: &str,
    url: Option<&str>,
) -> Result<Document, ReadError> {
    let decoded = decode_html(bytes, charset).map_err(|e| ReadError::from_decode(origin.clone(), e))?;
    let page = extract(&decoded.text, url);
    let id = url.map(str::to_owned).unwrap_or_else(|| id.to_owned());
    build(origin, id, page.title, &page.text, Metadata { decoding: decoded.note(), ..page.meta })
}

type NodeR<'a> = NodeRef<'a, Node>;

/// Subtrees that never hold article text.
fn is_skipped_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "nav"
            | "footer"
            | "header"
            | "aside"
            | "form"
            | "button"
            | "select"
            | "textarea"
            | "input"
            | "figure"
            | "menu"
            | "dialog"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "head"
    )
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "blockquote"
            | "pre"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "dl"
            | "dt"
            | "dd"
            | "figcaption"
            | "address"
            | "hr"
            | "center"
            | "body"
    )
}

/// Class and id words of page chrome, and of article containers.
fn class_patterns() -> &'static (Regex, Regex) {
    static P: OnceLock<(Regex, Regex)> = OnceLock::new();
    P.get_or_init(|| {
        let negative = Regex::new(
            r"(?i)comment|share|social|related|sidebar|footer|footnote|menu|navbar|breadcrumb|promo|advert|(^|[-_ ])ads?([-_ ]|$)|banner|cookie|newsletter|subscribe|popup|modal|masthead|widget|(^|[-_ ])tags?([-_ ]|$)|recommend|most-?read|trending|sponsor|outbrain|taboola|print",
        )
        .expect("valid pattern");
        let positive =
            Regex::new(r"(?i)article|content|entry|main|post|story|text|body|detail").expect("valid pattern");
        (negative, positive)
    })
}

/// -25 for a chrome class or id, +25 for an article one, 0 otherwise.
fn class_weight(el: &scraper::node::Element) -> i32 {
    let (neg, pos) = class_patterns();
    let mut w = 0;
    for attr in [el.attr("class"), el.attr("id")].into_iter().flatten() {
        if neg.is_match(attr) {
            w -= 25;
        }
        if pos.is_match(attr) {
            w += 25;
        }
    }
    w
}

/// Whether a subtree is chrome to skip entirely.
fn skip(n: NodeR) -> bool {
    match n.value() {
        Node::Element(el) => {
            let name = el.name();
            if is_skipped_tag(name) {
                return true;
            }
            if matches!(name, "body" | "html" | "article" | "main") {
                return false;
            }
            let hidden = el.attr("hidden").is_some()
                || el.attr("aria-hidden") == Some("true")
                || el.attr("style").is_some_and(|s| s.replace(' ', "").contains("display:none"));
            hidden || class_weight(el) < 0
        }
        Node::Comment(_) | Node::ProcessingInstruction(_) | Node::Doctype(_) => true,
        _ => false,
    }
}

/// Characters of text and of link text in a subtree (skipped parts excluded).
#[derive(Clone, Copy, Default)]
struct Stats {
    chars: usize,
    link_chars: usize,
    commas: usize,
}

fn stats(n: NodeR, in_link: bool, s: &mut Stats) {
    for c in n.children() {
        match c.value() {
            Node::Text(t) => {
                let k = t.chars().filter(|c| !c.is_whitespace()).count();
                s.chars += k;
                if in_link {
                    s.link_chars += k;
                }
                s.commas += t.chars().filter(|&c| c == ',' || c == '،').count();
            }
            Node::Element(el) if !skip(c) => stats(c, in_link || el.name() == "a", s),
            _ => {}
        }
    }
}

fn has_block_child(n: NodeR) -> bool {
    n.children().any(|c| matches!(c.value(), Node::Element(el) if is_block_tag(el.name()) && !skip(c)))
}

/// Collect the prose blocks: `<p>`-like elements, and divs that hold text but no blocks.
fn blocks<'a>(n: NodeR<'a>, out: &mut Vec<NodeR<'a>>) {
    for c in n.children() {
        let Node::Element(el) = c.value() else { continue };
        if skip(c) {
            continue;
        }
        match el.name() {
            "p" | "pre" | "td" | "blockquote" => out.push(c),
            "div" | "section" | "article" | "main" | "span" if !has_block_child(c) => out.push(c),
            _ => blocks(c, out),
        }
    }
}

fn tag_bonus(name: &str) -> f64 {
    match name {
        "article" | "main" => 10.0,
        "div" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// The container(s) of the article body, in document order.
fn article_nodes<'a>(root: NodeR<'a>) -> Vec<NodeR<'a>> {
    let mut found = Vec::new();
    blocks(root, &mut found);
    let mut scores: HashMap<ego_tree::NodeId, f64> = HashMap::new();
    let init = |n: NodeR| -> f64 {
        match n.value() {
            Node::Element(el) => tag_bonus(el.name()) + class_weight(el) as f64,
            _ => 0.0,
        }
    };
    let mut order = Vec::new();
    for b in &found {
        let mut s = Stats::default();
        stats(*b, false, &mut s);
        if s.chars < 25 {
            continue;
        }
        let score = 1.0 + s.commas as f64 + (s.chars as f64 / 100.0).min(3.0);
        let mut anc = b.parent();
        for div in [1.0, 2.0] {
            let Some(a) = anc.filter(|a| matches!(a.value(), Node::Element(_))) else { break };
            let e = scores.entry(a.id()).or_insert_with(|| {
                order.push(a);
                init(a)
            });
            *e += score / div;
            anc = a.parent();
        }
    }
    let link_density = |n: NodeR| -> f64 {
        let mut s = Stats::default();
        stats(n, false, &mut s);
        if s.chars == 0 {
            1.0
        } else {
            s.link_chars as f64 / s.chars as f64
        }
    };
    // Ties go to the earliest container, so the result does not depend on hash order.
    let mut best: Option<(NodeR, f64)> = None;
    for n in &order {
        let s = scores[&n.id()] * (1.0 - link_density(*n));
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((*n, s));
        }
    }
    let Some((top, top_score)) = best else {
        return found; // no prose container: every text block, filtered when rendered
    };
    let Some(parent) = top.parent() else { return vec![top] };
    let threshold = (top_score * 0.2).max(10.0);
    let mut out = Vec::new();
    for sib in parent.children() {
        if sib.id() == top.id() {
            out.push(sib);
            continue;
        }
        let Node::Element(el) = sib.value() else { continue };
        if skip(sib) {
            continue;
        }
        let score = scores.get(&sib.id()).map(|s| s * (1.0 - link_density(sib))).unwrap_or(0.0);
        let keep = score >= threshold || {
            let mut s = Stats::default();
            stats(sib, false, &mut s);
            el.name() == "p" && s.chars > 80 && (s.link_chars as f64) < 0.25 * s.chars as f64
        };
        if keep {
            out.push(sib);
        }
    }
    out
}

/// Renders blocks as lines, dropping link-dense lines (lists of links inside the article).
struct Render {
    out: String,
    line: String,
    chars: usize,
    link_chars: usize,
}

impl Render {
    fn new() -> Render {
        Render { out: String::new(), line: String::new(), chars: 0, link_chars: 0 }
    }

    fn text(&mut self, t: &str, in_link: bool) {
        for c in t.chars() {
            if c.is_whitespace() {
                if !self.line.is_empty() && !self.line.ends_with(' ') {
                    self.line.push(' ');
                }
            } else {
                self.line.push(c);
                self.chars += 1;
                if in_link {
                    self.link_chars += 1;
                }
            }
        }
    }

    fn flush(&mut self) {
        let line = self.line.trim();
        if !line.is_empty() && self.link_chars * 2 <= self.chars {
            if !self.out.is_empty() {
                self.out.push('\n');
            }
            self.out.push_str(line);
        }
        self.line.clear();
        self.chars = 0;
        self.link_chars = 0;
    }

    fn node(&mut self, n: NodeR, in_link: bool) {
        match n.value() {
            Node::Text(t) => self.text(t, in_link),
            Node::Element(el) => {
                if skip(n) {
                    return;
                }
                let name = el.name();
                if name == "br" {
                    self.flush();
                    return;
                }
                let block = is_block_tag(name);
                if block {
                    self.flush();
                }
                for c in n.children() {
                    self.node(c, in_link || name == "a");
                }
                if block {
                    self.flush();
                }
            }
            Node::Document | Node::Fragment => {
                for c in n.children() {
                    self.node(c, in_link);
                }
            }
            _ => {}
        }
    }
}

/// The text of an HTML fragment (a feed item's content), one block per line.
pub fn fragment_text(html: &str) -> String {
    if !html.contains('<') {
        return html.trim().to_owned();
    }
    let doc = Html::parse_fragment(html);
    let mut r = Render::new();
    r.node(doc.tree.root(), false);
    r.flush();
    r.out
}

/// Read a page: article text and metadata. `url` is where it came from, when known.
pub fn extract(html: &str, url: Option<&str>) -> Page {
    let doc = Html::parse_document(html);
    let root = doc.tree.root();
    let body = find(root, "body").unwrap_or(root);
    let mut r = Render::new();
    for n in article_nodes(body) {
        r.node(n, false);
        r.flush();
    }
    let (title, meta) = metadata(&doc, url);
    Page { title, text: r.out, meta }
}

fn find<'a>(n: NodeR<'a>, name: &str) -> Option<NodeR<'a>> {
    n.descendants().find(|d| matches!(d.value(), Node::Element(el) if el.name() == name))
}

fn inner_text(n: NodeR) -> String {
    let mut r = Render::new();
    r.node(n, false);
    r.flush();
    r.out.replace('\n', " ")
}

/// What the JSON-LD of a page says about its article.
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    published: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
}

const ARTICLE_TYPES: &[&str] =
    &["NewsArticle", "Article", "ReportageNews", "AnalysisNewsArticle", "BlogPosting", "WebPage"];

fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Object(o) => o.get("name").and_then(name_of),
        Value::Array(a) => a.iter().find_map(name_of),
        _ => None,
    }
}

fn linked_data(v: &Value, out: &mut LinkedData) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| linked_data(i, out)),
        Value::Object(o) => {
            if let Some(graph) = o.get("@graph") {
                linked_data(graph, out);
            }
            let is_article = match o.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            // A NewsArticle block wins over a generic WebPage one: fill only what is missing.
            if is_article {
                let s =
                    |k: &str| o.get(k).and_then(Value::as_str).map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
                out.headline = out.headline.take().or_else(|| s("headline")).or_else(|| s("name"));
                out.published = out.published.take().or_else(|| s("datePublished")).or_else(|| s("dateCreated"));
                out.author = out.author.take().or_else(|| o.get("author").and_then(name_of));
                out.publisher = out.publisher.take().or_else(|| o.get("publisher").and_then(name_of));
                out.url = out.url.take().or_else(|| s("url"));
            }
        }
        _ => {}
    }
}

fn metadata(doc: &Html, url: Option<&str>) -> (Option<String>, Metadata) {
    let mut metas: HashMap<String, String> = HashMap::new();
    let mut ld = LinkedData::default();
    let mut canonical = None;
    let mut title_tag = None;
    let mut h1 = None;
    let mut time_tag = None;
    for n in doc.tree.root().descendants() {
        let Node::Element(el) = n.value() else { continue };
        match el.name() {
            "meta" => {
                let key = el.attr("property").or_else(|| el.attr("name")).or_else(|| el.attr("itemprop"));
                if let (Some(k), Some(v)) = (key, el.attr("content")) {
                    let v = v.trim();
                    if !v.is_empty() {
                        metas.entry(k.trim().to_ascii_lowercase()).or_insert_with(|| v.to_owned());
                    }
                }
            }
            "script" if el.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) => {
                let json: String = n.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
                if let Ok(v) = serde_json::from_str::<Value>(json.trim()) {
                    linked_data(&v, &mut ld);
                }
            }
            "link" if el.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                canonical = canonical.or_else(|| el.attr("href").map(|h| h.trim().to_owned()));
            }
            "title" if title_tag.is_none() => title_tag = Some(inner_text(n)),
            "h1" if h1.is_none() => h1 = Some(inner_text(n)),
            "time" if time_tag.is_none() => time_tag = el.attr("datetime").map(str::to_owned),
            _ => {}
        }
    }
    let m = |keys: &[&str]| keys.iter().find_map(|k| metas.get(*k).cloned());
    let outlet = ld.publisher.clone().or_else(|| m(&["og:site_name", "application-name"]));
    let title = ld
        .headline
        .clone()
        .or_else(|| m(&["og:title", "twitter:title", "headline"]))
        .or_else(|| {
            // `<title>` usually carries the site's name: drop it when the page names its site.
            let t = title_tag.clone().filter(|t| !t.trim().is_empty())?;
            let site = outlet.as_deref().unwrap_or("\u{0}");
            let t = t.trim();
            for sep in [" | ", " - ", " – ", " — ", " :: "] {
                if let Some(head) = t.strip_suffix(site).and_then(|h| h.trim_end().strip_suffix(sep.trim_end())) {
                    return Some(head.trim().to_owned());
                }
            }
            Some(t.to_owned())
        })
        .or(h1);
    let published = ld
        .published
        .as_deref()
        .and_then(parse_date)
        .or_else(|| {
            m(&[
                "article:published_time",
                "og:article:published_time",
                "datepublished",
                "pubdate",
                "publishdate",
                "publish-date",
                "parsely-pub-date",
                "sailthru.date",
                "dc.date.issued",
                "dc.date",
                "date",
            ])
            .as_deref()
            .and_then(parse_date)
        })
        .or_else(|| time_tag.as_deref().and_then(parse_date));
    let author = ld
        .author
        .clone()
        .or_else(|| m(&["author", "article:author", "dc.creator", "parsely-author"]))
        .filter(|a| !a.starts_with("http"));
    let page_url = canonical.or_else(|| m(&["og:url"])).or(ld.url).or_else(|| url.map(str::to_owned));
    let outlet = outlet.or_else(|| page_url.as_deref().and_then(url_host));
    let meta = Metadata {
        title: None,
        published,
        outlet: outlet.as_deref().map(ActorId::new),
        author,
        url: page_url,
        decoding: None,
    };
    (title.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()), meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="utf-8">
<title>اشتباكات في محيط السجن | موقع المرصد التجريبي</title>
<meta property="og:site_name" content="موقع المرصد التجريبي">
<meta property="og:title" content="اشتباكات في محيط السجن">
<meta property="article:published_time" content="2022-01-21T08:30:00+03:00">
<meta name="author" content="مراسل الموقع">
<link rel="canonical" href="https://www.example.org/news/123">
<script>var tracking = "ليس من النص";</script>
</head><body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/s">سياسة</a></li><li><a href="/e">اقتصاد</a></li></ul></nav></header>
<div class="share-bar"><a href="#">شارك على فيسبوك</a> <a href="#">غرد</a></div>
<div class="layout">
 <div class="article-body">
  <h1>اشتباكات في محيط السجن</h1>
  <p>اندلعت اشتباكات عنيفة، مساء الخميس، بين قوات الأمن ومسلحين حاولوا اقتحام السجن المركزي في المدينة، وفق ما أفاد شهود عيان.</p>
  <p>وقال مصدر أمني إن المهاجمين استخدموا سيارة مفخخة، وإن الاشتباكات استمرت حتى ساعات الفجر الأولى، مضيفا أن الوضع بات تحت السيطرة.</p>
  <p>ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن، فيما فرضت السلطات حظرا للتجول في الأحياء المحيطة بالسجن.</p>
 </div>
 <aside class="sidebar"><h3>الأكثر قراءة</h3><ul><li><a href="/1">خبر رياضي طويل العنوان عن مباراة الأمس في الدوري</a></li><li><a href="/2">خبر اقتصادي عن أسعار النفط والذهب في الأسواق</a></li></ul></aside>
 <div class="related-news"><a href="/3">أخبار ذات صلة: تقرير عن الطقس في المنطقة خلال الأسبوع المقبل</a></div>
</div>
<footer><p>جميع الحقوق محفوظة، موقع المرصد التجريبي، 2022، ولا يجوز النقل دون إذن مسبق من الإدارة.</p></footer>
</body></html>"##;

    #[test]
    fn article_body_without_chrome() {
        let page = extract(PAGE, None);
        let lines: Vec<&str> = page.text.lines().collect();
        assert_eq!(lines.len(), 4, "{}", page.text);
        assert_eq!(lines[0], "اشتباكات في محيط السجن");
        assert!(lines[1].starts_with("اندلعت اشتباكات عنيفة"));
        assert!(lines[3].ends_with("المحيطة بالسجن."));
        for chrome in ["الرئيسية", "شارك", "الأكثر قراءة", "ذات صلة", "الحقوق", "tracking", "ليس من النص"]
        {
            assert!(!page.text.contains(chrome), "{chrome} leaked into {}", page.text);
        }
    }

    #[test]
    fn metadata_from_meta_tags() {
        let page = extract(PAGE, None);
        assert_eq!(page.title.as_deref(), Some("اشتباكات في محيط السجن"));
        assert_eq!(page.meta.published, chrono::NaiveDate::from_ymd_opt(2022, 1, 21));
        assert_eq!(page.meta.author.as_deref(), Some("مراسل الموقع"));
        assert_eq!(page.meta.outlet.as_ref().map(|o| o.as_str()), Some("موقع المرصد التجريبي"));
        assert_eq!(page.meta.url.as_deref(), Some("https://www.example.org/news/123"));
    }

    #[test]
    fn metadata_from_json_ld_and_host() {
        let html = r#"<html><head><title>عنوان الصفحة - الموقع</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
{"@type":"NewsArticle","headline":"قصف على القرية","datePublished":"2022-01-23","author":[{"@type":"Person","name":"كاتب التقرير"}],"publisher":{"@type":"Organization","name":"وكالة الأنباء التجريبية"}}]}</script>
</head><body><article><p>قصفت الطائرات، صباح اليوم، أطراف القرية الشمالية، ما أدى إلى أضرار في المنازل، بحسب السكان.</p></article></body></html>"#;
        let page = extract(html, Some("https://news.example.net/a/1"));
        assert_eq!(page.title.as_deref(), Some("قصف على القرية"));
        assert_eq!(page.meta.published, chrono::NaiveDate::from_ymd_opt(2022, 1, 23));
        assert_eq!(page.meta.author.as_deref(), Some("كاتب التقرير"));
        assert_eq!(page.meta.outlet.as_ref().map(|o| o.as_str()), Some("وكالة الأنباء التجريبية"));
        assert_eq!(page.meta.url.as_deref(), Some("https://news.example.net/a/1"));
        assert!(page.text.starts_with("قصفت الطائرات"));
        let bare = extract(
            "<html><body><div><p>نص قصير جدا ولكنه يكفي ليكون فقرة واحدة في الصفحة.</p></div></body></html>",
            Some("https://www.host.example/x"),
        );
        assert_eq!(bare.meta.outlet.as_ref().map(|o| o.as_str()), Some("host.example"));
    }

    #[test]
    fn broken_html_still_yields_text() {
        let page = extract("<html><body><div class=content><p>فقرة لم تغلق، وفيها نص عن اشتباكات وقعت أمس في المدينة<p>وفقرة ثانية، أيضا بلا إغلاق، عن حصيلة القتلى والجرحى<div><b>نص", None);
        assert!(page.text.contains("فقرة لم تغلق"), "{}", page.text);
        assert!(page.text.contains("وفقرة ثانية"), "{}", page.text);
    }

    #[test]
    fn text_in_divs_with_line_breaks_and_read_also_links() {
        let html = r#"<html><body><div id="menu"><a href="/">الرئيسية</a> | <a href="/x">العالم</a></div>
<div class="story">أعلنت السلطات المحلية، مساء الجمعة، فرض حظر للتجول في المدينة بعد مواجهات بين محتجين وقوات الأمن.<br>
وقال شهود إن قوات الأمن استخدمت الغاز المسيل للدموع، وإن عددا من المحتجين أصيبوا بجروح طفيفة.<br>
<a href="/y">اقرأ أيضا: احتجاجات في مدن أخرى تطالب بتحسين الخدمات</a><br>
وأضاف الشهود أن الهدوء عاد إلى الشوارع قرابة منتصف الليل، مع انتشار أمني كثيف.</div>
<div class="comments"><p>تعليق: هذا خبر مهم جدا، ونتمنى السلامة للجميع في المدينة وخارجها.</p></div></body></html>"#;
        let page = extract(html, None);
        let lines: Vec<&str> = page.text.lines().collect();
        assert_eq!(lines.len(), 3, "{}", page.text);
        assert!(lines[0].starts_with("أعلنت السلطات"));
        assert!(lines[2].starts_with("وأضاف الشهود"));
        assert!(!page.text.contains("اقرأ أيضا") && !page.text.contains("تعليق") && !page.text.contains("الرئيسية"));
    }

    #[test]
    fn fragment_text_keeps_blocks() {
        assert_eq!(fragment_text("<p>أول</p><p>ثان <b>مهم</b></p>"), "أول\nثان مهم");
        assert_eq!(fragment_text("نص بلا وسوم"), "نص بلا وسوم");
    }
}
