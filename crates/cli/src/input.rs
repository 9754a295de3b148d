//! Reading the documents named on the command line: files of any format marsad reads (text,
//! HTML, JSON lines, RSS/Atom, WARC; gzip or xz compressed), directories (walked in name
//! order), or `-` for standard input. A source or record that cannot be read is reported on
//! stderr as one line naming it, and the batch goes on.

use marsad_core::Document;
use marsad_ingest::{Format, Options, Origin, ReadError, Source};
use std::path::{Path, PathBuf};

/// How many sources or records failed.
pub struct Batch {
    pub failed: usize,
}

/// Files named by `paths`: files as given, directories replaced by the files under them.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, ReadError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() != "-" && p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(Ok(p.clone()));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, ReadError>>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            out.push(Err(ReadError::Io { origin: Origin::file(dir), source }));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let hidden = p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(Ok(p));
        }
    }
}

/// Open one source; `-` is standard input.
pub fn open(path: &Path, opts: &Options) -> Result<Source, ReadError> {
    if path.as_os_str() == "-" {
        marsad_ingest::open_reader(Path::new("stdin"), Box::new(std::io::stdin()), None, opts)
    } else {
        marsad_ingest::open(path, opts)
    }
}

/// A source whose reader cannot take the batch down: a reader that fails on an internal error
/// (a bug, never bad input by design) costs the rest of that source, reported as one error.
pub struct Guarded {
    source: Source,
    done: bool,
}

impl Guarded {
    pub fn new(source: Source) -> Guarded {
        Guarded { source, done: false }
    }
}

impl Iterator for Guarded {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.source.next())) {
            Ok(next) => next,
            Err(_) => {
                self.done = true;
                let reason = "internal error while reading; the rest of this source is skipped".to_owned();
                Some(Err(ReadError::Malformed { origin: Origin::file(&self.source.path), reason }))
            }
        }
    }
}

/// The warning owed for a document whose bytes took a guess or lost bytes to decode (see
/// `marsad_ingest::Decoded::note`), naming the source (and the record, for sources of many
/// documents); `None` when the text was read as it was declared or as valid UTF-8.
pub fn decoding_warning(source: &Path, format: Format, doc: &Document) -> Option<String> {
    let d = doc.given.decoding.as_ref()?;
    let name = match format {
        Format::Text | Format::Html => source.display().to_string(),
        _ => format!("{}: {}", source.display(), doc.id),
    };
    let bytes = if d.replaced == 1 { "byte" } else { "bytes" };
    Some(if d.guessed {
        format!(
            "marsad: warning: {name}: not UTF-8 and no charset declared: read as {} (guessed), {} invalid {bytes} replaced",
            d.encoding, d.replaced
        )
    } else {
        format!("marsad: warning: {name}: read as {}, {} invalid {bytes} replaced by U+FFFD", d.encoding, d.replaced)
    })
}

/// Call `f` on every readable document of `paths`, in order; report failures on stderr.
pub fn for_each_document(
    paths: &[PathBuf],
    mut f: impl FnMut(Document) -> anyhow::Result<()>,
) -> anyhow::Result<Batch> {
    let opts = Options::default();
    let mut failed = 0;
    let mut report = |e: ReadError| {
        eprintln!("marsad: skipped {e}");
        failed += 1;
    };
    for p in expand(paths) {
        let source = match p.and_then(|p| open(&p, &opts)) {
            Ok(s) => s,
            Err(e) => {
                report(e);
                continue;
            }
        };
        let (path, format) = (source.path.clone(), source.format);
        for doc in Guarded::new(source) {
            match doc {
                Ok(doc) => {
                    if let Some(w) = decoding_warning(&path, format, &doc) {
                        eprintln!("{w}");
                    }
                    f(doc)?
                }
                Err(e) => report(e),
            }
        }
    }
    Ok(Batch { failed })
}
