//! Reading the documents named on the command line: files, or `-` for standard input.
//! A source that cannot be read is reported on stderr, and the batch goes on.

use marsad_core::Document;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Documents read and the number of sources that failed.
pub struct Batch {
    pub failed: usize,
}

/// Call `f` on every readable document of `paths`, in order; report failures on stderr.
pub fn for_each_document(
    paths: &[PathBuf],
    mut f: impl FnMut(Document) -> anyhow::Result<()>,
) -> anyhow::Result<Batch> {
    let mut failed = 0;
    for p in paths {
        let read = if p.as_os_str() == "-" {
            let mut bytes = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut bytes) {
                Ok(_) => marsad_ingest::document_from_bytes(Path::new("stdin"), &bytes),
                Err(source) => Err(marsad_ingest::ReadError::Io { path: "stdin".into(), source }),
            }
        } else {
            marsad_ingest::read_text_file(p)
        };
        match read {
            Ok(doc) => f(doc)?,
            Err(e) => {
                eprintln!("marsad: skipped {e}");
                failed += 1;
            }
        }
    }
    Ok(Batch { failed })
}
