//! JSON lines: one article object per line, with configurable field names.
//!
//! Lines are read with a length cap: a line over the limit is skipped to its end without being
//! held in memory, and reported as one error naming its line number.

use crate::{build, parse_date, Origin, ReadError};
use marsad_core::{ActorId, Document, Metadata};
use serde_json::Value;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// Names of the fields of a JSON lines record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fields {
    pub id: String,
    pub url: String,
    pub outlet: String,
    pub date: String,
    pub title: String,
    pub text: String,
    pub author: String,
}

impl Default for Fields {
    fn default() -> Self {
        Fields {
            id: "id".into(),
            url: "url".into(),
            outlet: "outlet".into(),
            date: "date".into(),
            title: "title".into(),
            text: "text".into(),
            author: "author".into(),
        }
    }
}

impl Fields {
    /// Rename one field from a `NAME=FIELD` setting (`text=body`).
    pub fn set(&mut self, setting: &str) -> Result<(), String> {
        let (name, field) =
            setting.split_once('=').ok_or_else(|| format!("field setting `{setting}` is not NAME=FIELD"))?;
        let field = field.trim().to_owned();
        if field.is_empty() {
            return Err(format!("field setting `{setting}` names no field"));
        }
        let slot = match name.trim() {
            "id" => &mut self.id,
            "url" => &mut self.url,
            "outlet" => &mut self.outlet,
            "date" | "published" => &mut self.date,
            "title" => &mut self.title,
            "text" | "body" => &mut self.text,
            "author" => &mut self.author,
            other => {
                return Err(format!("unknown field `{other}` (known: id, url, outlet, date, title, text, author)"))
            }
        };
        *slot = field;
        Ok(())
    }
}

/// Streaming reader of a JSON lines source.
pub struct Reader {
    r: Box<dyn BufRead + Send>,
    path: PathBuf,
    stem: String,
    fields: Fields,
    limit: u64,
    line: u64,
    buf: Vec<u8>,
    done: bool,
}

impl Reader {
    pub fn new(r: Box<dyn BufRead + Send>, path: &Path, fields: Fields, limit: u64) -> Reader {
        Reader {
            r,
            path: path.to_owned(),
            stem: crate::file_name(path),
            fields,
            limit,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    /// Read the next line into `self.buf`; returns its full length (which may exceed what was
    /// kept), or `None` at the end.
    fn next_line(&mut self) -> Option<Result<u64, std::io::Error>> {
        if self.done {
            return None;
        }
        self.buf.clear();
        let mut len: u64 = 0;
        loop {
            let avail = match self.r.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            };
            if avail.is_empty() {
                self.done = true;
                return (len > 0).then_some(Ok(len));
            }
            let (take, end) = match memchr::memchr(b'\n', avail) {
                Some(i) => (i, true),
                None => (avail.len(), false),
            };
            if len + take as u64 <= self.limit {
                self.buf.extend_from_slice(&avail[..take]);
            }
            len += take as u64;
            self.r.consume(take + end as usize);
            if end {
                return Some(Ok(len));
            }
        }
    }

    fn parse(&self, origin: Origin) -> Result<Document, ReadError> {
        let value: Value = serde_json::from_slice(&self.buf)
            .map_err(|e| ReadError::Malformed { origin: origin.clone(), reason: format!("not JSON: {e}") })?;
        let Value::Object(obj) = value else {
            return Err(ReadError::Malformed { origin, reason: "not a JSON object".into() });
        };
        let get = |name: &str| -> Option<String> {
            match obj.get(name)? {
                Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            }
        };
        let Some(Value::String(text)) = obj.get(&self.fields.text) else {
            return Err(ReadError::MissingField { origin, field: self.fields.text.clone() });
        };
        let id = get(&self.fields.id).unwrap_or_else(|| format!("{}:{}", self.stem, self.line));
        let url = get(&self.fields.url);
        let outlet = get(&self.fields.outlet).or_else(|| url.as_deref().and_then(crate::url_host));
        let given = Metadata {
            title: None,
            published: get(&self.fields.date).as_deref().and_then(parse_date),
            outlet: outlet.as_deref().map(ActorId::new),
            author: get(&self.fields.author),
            url,
            decoding: None,
        };
        build(origin, id, get(&self.fields.title), text, given)
    }
}

impl Iterator for Reader {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let len = match self.next_line()? {
                Ok(len) => len,
                Err(e) => return Some(Err(ReadError::io(Origin::line(&self.path, self.line + 1), e))),
            };
            self.line += 1;
            let origin = Origin::line(&self.path, self.line);
            if len > self.limit {
                return Some(Err(ReadError::TooLarge { origin, size: len, limit: self.limit }));
            }
            if self.buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Some(self.parse(origin));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str, fields: Fields, limit: u64) -> Vec<Result<Document, ReadError>> {
        let r: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(input.as_bytes().to_vec()));
        Reader::new(r, Path::new("in.jsonl"), fields, limit).collect()
    }

    #[test]
    fn custom_field_names() {
        let mut f = Fields::default();
        f.set("text=body").unwrap();
        f.set("date=published_at").unwrap();
        f.set("outlet=site").unwrap();
        let input = "{\"id\": 7, \"body\": \"قصف مدفعي على البلدة\", \"published_at\": \"2022-01-21T10:00:00Z\", \"site\": \"وكالة\", \"title\": \"قصف\"}\n";
        let docs = read(input, f, 1 << 20);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.id, "7");
        assert_eq!(d.text, "قصف\n\nقصف مدفعي على البلدة");
        assert_eq!(d.given.published, chrono::NaiveDate::from_ymd_opt(2022, 1, 21));
        assert_eq!(d.given.outlet.as_ref().map(|o| o.as_str()), Some("وكالة"));
        assert_eq!(d.given.title.as_deref(), Some("قصف"));
    }

    #[test]
    fn bad_lines_are_errors_and_reading_goes_on() {
        let long = format!("{{\"text\": \"{}\"}}", "ا".repeat(200));
        let input =
            format!("{{\"text\": \"أول\"}}\nnot json\n\n[1]\n{{\"body\": \"x\"}}\n{long}\n{{\"text\": \"آخر\"}}");
        let docs = read(&input, Fields::default(), 100);
        let msgs: Vec<String> =
            docs.iter().map(|d| d.as_ref().map(|d| d.text.clone()).unwrap_or_else(|e| e.to_string())).collect();
        assert_eq!(msgs[0], "أول");
        assert!(msgs[1].starts_with("in.jsonl:2: not JSON"), "{}", msgs[1]);
        assert_eq!(msgs[2], "in.jsonl:4: not a JSON object");
        assert_eq!(msgs[3], "in.jsonl:5: no text field `text`");
        assert!(msgs[4].starts_with("in.jsonl:6: 4"), "{}", msgs[4]);
        assert_eq!(msgs[5], "آخر");
        assert_eq!(docs.len(), 6);
        assert_eq!(docs[0].as_ref().unwrap().id, "in.jsonl:1");
    }

    #[test]
    fn unknown_field_setting_is_refused() {
        assert!(Fields::default().set("colour=red").is_err());
        assert!(Fields::default().set("text").is_err());
    }
}
