//! RSS and Atom feeds (through `feed-rs`): one document per item. Item content is HTML more
//! often than not, so it is rendered to text block by block; an item with neither content nor
//! summary is reported, not silently dropped.

use crate::{build, html::fragment_text, url_host, Origin, ReadError};
use marsad_core::{ActorId, Document, Metadata};
use std::path::Path;

/// Every item of a feed, in feed order.
pub(crate) fn documents(bytes: &[u8], path: &Path) -> Vec<Result<Document, ReadError>> {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            return vec![Err(ReadError::Malformed { origin: Origin::file(path), reason: format!("not a feed: {e}") })]
        }
    };
    let feed_title = feed.title.as_ref().map(|t| fragment_text(&t.content)).filter(|t| !t.is_empty());
    let feed_host = feed.links.first().and_then(|l| url_host(&l.href));
    let mut out = Vec::with_capacity(feed.entries.len());
    for (i, e) in feed.entries.into_iter().enumerate() {
        let origin = Origin::record(path, i as u64 + 1);
        let body = e
            .content
            .as_ref()
            .and_then(|c| c.body.as_deref())
            .map(fragment_text)
            .filter(|t| !t.trim().is_empty())
            .or_else(|| e.summary.as_ref().map(|s| fragment_text(&s.content)))
            .unwrap_or_default();
        let title = e.title.as_ref().map(|t| fragment_text(&t.content)).filter(|t| !t.is_empty());
        let url = e.links.first().map(|l| l.href.trim().to_owned()).filter(|u| !u.is_empty());
        let outlet = feed_title.clone().or_else(|| feed_host.clone()).or_else(|| url.as_deref().and_then(url_host));
        let given = Metadata {
            title: None,
            published: e.published.or(e.updated).map(|d| d.date_naive()),
            outlet: outlet.as_deref().map(ActorId::new),
            author: e.authors.first().map(|p| p.name.trim().to_owned()).filter(|a| !a.is_empty()),
            url: url.clone(),
            decoding: None,
        };
        let id = url.unwrap_or(e.id);
        out.push(build(origin, id, title, &body, given));
    }
    if out.is_empty() {
        out.push(Err(ReadError::NoText { origin: Origin::file(path) }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_become_documents() {
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>نشرة الأخبار التجريبية</title><link>https://feeds.example.org/</link>
<item><title>غارة على مستودع</title><link>https://feeds.example.org/1</link>
<pubDate>Sat, 22 Jan 2022 09:15:00 GMT</pubDate><author>ops@example.org (محرر النشرة)</author>
<description><![CDATA[<p>استهدفت غارة جوية مستودعا للذخيرة.</p><p>ولم ترد أنباء عن إصابات.</p>]]></description></item>
<item><title>بند فارغ</title><link>https://feeds.example.org/2</link></item>
</channel></rss>"#;
        let docs = documents(rss.as_bytes(), Path::new("news.rss"));
        assert_eq!(docs.len(), 2);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.id, "https://feeds.example.org/1");
        assert_eq!(d.text, "غارة على مستودع\n\nاستهدفت غارة جوية مستودعا للذخيرة.\nولم ترد أنباء عن إصابات.");
        assert_eq!(d.given.published, chrono::NaiveDate::from_ymd_opt(2022, 1, 22));
        assert_eq!(d.given.outlet.as_ref().map(|o| o.as_str()), Some("نشرة الأخبار التجريبية"));
        assert_eq!(docs[1].as_ref().unwrap_err().to_string(), "news.rss record 2: no article text found");
    }

    #[test]
    fn atom_entries_become_documents() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>موجز</title><id>urn:x</id><updated>2022-01-24T00:00:00Z</updated>
<entry><title>اعتقال خلية</title><id>urn:x:1</id><published>2022-01-24T06:00:00Z</published><updated>2022-01-24T07:00:00Z</updated>
<content type="html">&lt;p&gt;أعلنت الشرطة اعتقال أفراد خلية.&lt;/p&gt;</content></entry></feed>"#;
        let docs = documents(atom.as_bytes(), Path::new("a.atom"));
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.id, "urn:x:1");
        assert_eq!(d.text, "اعتقال خلية\n\nأعلنت الشرطة اعتقال أفراد خلية.");
        assert_eq!(d.given.published, chrono::NaiveDate::from_ymd_opt(2022, 1, 24));
    }

    #[test]
    fn not_a_feed_is_an_error() {
        let docs = documents(b"<html>no</html>", Path::new("x.xml"));
        assert!(docs[0].as_ref().unwrap_err().to_string().starts_with("x.xml: not a feed"));
    }
}
