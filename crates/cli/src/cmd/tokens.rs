use crate::input::for_each_document;
use marsad_text::TextLayer;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Text file(s) to tokenize, or `-` for standard input.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// One line per sentence (`S start end kind`), then one per token (`start end kind text norm`).
pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let batch = for_each_document(&a.files, |doc| {
        let layer = TextLayer::new(&doc.text);
        writeln!(out, "# {}", doc.id)?;
        let mut t = layer.tokens.iter().peekable();
        for (i, s) in layer.sentences.iter().enumerate() {
            writeln!(out, "S{i}\t{}\t{}\t{:?}", s.span.start, s.span.end, s.kind)?;
            while let Some(tok) = t.next_if(|tok| tok.span.start < s.span.end) {
                let kind = serde_json::to_string(&tok.kind)?;
                writeln!(
                    out,
                    "\t{}\t{}\t{}\t{}\t{}",
                    tok.span.start,
                    tok.span.end,
                    kind.trim_matches('"'),
                    &doc.text[tok.span.range()],
                    tok.text(&layer.norm)
                )?;
            }
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(if batch.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
