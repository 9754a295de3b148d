//! The story report as ONE self-contained HTML page: inline CSS, a few lines of inline
//! JavaScript, inline SVG; no network, no fonts or scripts from elsewhere.
//!
//! Arabic text is always in an element with `lang="ar" dir="rtl"`, and every Arabic run inside
//! English text is wrapped in `<bdi>`, so a quote that ends in a number or Latin name does not
//! reorder its neighbours. Rows of contradicting claims carry `class="claim conflict"` and
//! `data-conflict="true"`, which the browser test checks. A figure no date stands for (its
//! report gives none and has no publication date) is marked where a reader looks for its date:
//! `data-undated="true"` on its row, an amber "undated" in its date cell with a tag saying
//! why, and a count of such figures in the story's summary.

use crate::{slots::figure, Fusion, Slot, SlotStatus, Story};
use marsad_lexicon::Lexicon;
use std::fmt::Write;

/// Escape text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn is_arabic(s: &str) -> bool {
    s.chars().any(
        |c| matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF),
    )
}

/// Text that may be Arabic: isolated, with its language and direction when it is.
fn bidi(s: &str) -> String {
    if is_arabic(s) {
        format!(r#"<bdi lang="ar" dir="rtl">{}</bdi>"#, escape(s))
    } else {
        format!("<bdi>{}</bdi>", escape(s))
    }
}

const CSS: &str = r#"
:root{--ink:#1d2430;--muted:#5b6473;--line:#dfe3ea;--bg:#f5f6f8;--card:#fff;--red:#b42318;--redbg:#fdecea;--amber:#a15c07;--amberbg:#fff6e0;--green:#1f7a3f;--greenbg:#e8f5ec;--accent:#24508f}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
[lang=ar]{font-family:"Noto Naskh Arabic","Noto Sans Arabic","Amiri","DejaVu Sans",serif;font-size:1.08em;line-height:1.7}
header.top{background:#14233c;color:#fff;padding:18px 32px}
header.top h1{margin:0;font-size:20px;font-weight:600;letter-spacing:.2px}
header.top p{margin:4px 0 0;color:#c5cfdf}
main{max-width:1280px;margin:0 auto;padding:20px 32px 48px}
nav.stories{margin:0 0 16px}nav.stories a{margin-right:12px;color:var(--accent)}
section.story{margin-bottom:40px}
section.story>h2{font-size:22px;margin:8px 0 4px}
.summary{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0 18px}
.stat{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:120px}
.stat b{display:block;font-size:20px}.stat span{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.5px}
.stat.bad b{color:var(--red)}.stat.warn b{color:var(--amber)}
.grid{display:grid;grid-template-columns:minmax(0,1.1fr) minmax(0,1fr);gap:18px;margin-bottom:18px}
.grid.sources{grid-template-columns:minmax(0,1.7fr) minmax(0,1fr)}
td.hl{text-align:right}
@media (max-width:900px){.grid{grid-template-columns:1fr}}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
.card h3{margin:0 0 10px;font-size:15px}
h3.section{font-size:16px;margin:26px 0 10px}
svg.map{display:block;border-radius:6px}
svg.map .sea{fill:#f1f2ee}
svg.map .unit{stroke:#fff;stroke-width:.8}
svg.map .land{fill:#e4e6e0;stroke:#fff;stroke-width:.8}
svg.map .syr{fill:#d9dee7}svg.map .irq{fill:#e6e9ef}svg.map .lit{fill:#f3c7a8}
svg.map .country{fill:#8a93a3;font-size:13px;letter-spacing:3px;font-weight:600}
svg.map .marker circle{fill:var(--red);fill-opacity:.85;stroke:#fff;stroke-width:1.5}
svg.map .marker text{font-size:11.5px;fill:var(--ink);paint-order:stroke;stroke:#fff;stroke-width:3px}
ul.places{margin:8px 0 0;padding:0;list-style:none;columns:2;font-size:13px}
ul.places li{break-inside:avoid;padding:1px 0}
.muted{color:var(--muted)}
ol.timeline{list-style:none;margin:0;padding:0}
ol.timeline li{display:grid;grid-template-columns:178px 1fr;gap:10px;padding:6px 0;border-bottom:1px solid var(--line)}
ol.timeline .date{font-variant-numeric:tabular-nums;color:var(--muted)}
ol.timeline .k{display:inline-block;font-size:11px;border-radius:4px;padding:0 6px;margin-right:6px;background:#e7edf7;color:var(--accent)}
ol.timeline .k.claim{background:var(--amberbg);color:var(--amber)}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden}
th,td{padding:7px 10px;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}
thead th{background:#eef1f6;font-size:12px;text-transform:uppercase;letter-spacing:.4px;color:var(--muted)}
tr.slot-head th{background:#f7f8fb;font-size:14px;text-transform:none;letter-spacing:0;color:var(--ink);border-top:2px solid var(--line)}
tr.slot-head .reason{display:block;font-weight:400;color:var(--muted);font-size:12.5px;margin-top:2px}
tr.slot-head .est{display:block;font-weight:400;font-size:12.5px;margin-top:2px}
tbody.slot.conflict tr.slot-head th{background:var(--redbg);border-left:4px solid var(--red)}
tbody.slot.conflict.moved tr.slot-head th{background:var(--amberbg);border-left:4px solid var(--amber)}
.badge{display:inline-block;font-size:11px;font-weight:600;border-radius:10px;padding:1px 8px;margin-left:8px;vertical-align:1px}
.badge.contradiction{background:var(--red);color:#fff}.badge.moved{background:var(--amber);color:#fff}
.badge.agree{background:var(--green);color:#fff}.badge.single{background:#8a93a3;color:#fff}
tr.claim.conflict td{background:var(--redbg)}
tr.claim.conflict td:first-child{box-shadow:inset 4px 0 0 var(--red)}
tr.claim.aside td{color:var(--muted)}
td.fig{font-weight:600;font-variant-numeric:tabular-nums}
td.fig .muted{font-weight:400;font-size:12.5px}
table.claims{table-layout:fixed}
table.claims td{overflow-wrap:anywhere}
td.ev{overflow-wrap:anywhere}
td.ev .q{display:block}
td.ev .sent{display:block;color:var(--muted);font-size:12.5px;margin-top:2px}
.undated{color:var(--amber);font-weight:600}
.tag.undated{border-color:var(--amber);color:var(--amber)}
.tag{display:inline-block;font-size:11px;border:1px solid var(--line);border-radius:4px;padding:0 5px;margin:2px 4px 0 0;color:var(--muted)}
.controls{margin:0 0 8px}
.controls label{cursor:pointer;color:var(--muted)}
.legend{margin-left:18px;color:var(--muted);font-size:12.5px}.legend .badge{margin-left:10px}
body.only-conflicts tbody.slot:not(.conflict){display:none}
details.background{margin-top:8px;color:var(--muted)}details.background summary{cursor:pointer;font-size:13px}
details.rules{margin-top:22px}details.rules p{max-width:980px;color:var(--muted)}
footer{color:var(--muted);font-size:12px;border-top:1px solid var(--line);margin-top:28px;padding-top:10px}
"#;

const JS: &str = r#"
document.querySelectorAll('input.only-conflicts').forEach(function(box){
  box.addEventListener('change',function(){document.body.classList.toggle('only-conflicts',box.checked);});
});
"#;

/// How a missing date shows wherever a date is expected.
const UNDATED: &str = "<span class=\"undated\">undated</span>";

/// Timeline entries dated more than this many days before a story's window are background.
const BACKGROUND_DAYS: i64 = 30;

/// Render the whole fusion as one HTML page.
pub fn render(f: &Fusion, lex: &Lexicon) -> String {
    let mut s = String::new();
    s.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    s.push_str("<title>marsad — story report</title>\n<style>");
    s.push_str(CSS);
    s.push_str("</style>\n</head>\n<body>\n");
    let reports: usize = f.stories.iter().map(|st| st.reports.len()).sum();
    let _ = write!(
        s,
        "<header class=\"top\"><h1>marsad · story report</h1><p>{reports} report{} · {} stor{} · claims compared across outlets</p></header>\n<main>\n",
        if reports == 1 { "" } else { "s" },
        f.stories.len(),
        if f.stories.len() == 1 { "y" } else { "ies" }
    );
    if f.stories.len() > 1 {
        s.push_str("<nav class=\"stories\">");
        for st in &f.stories {
            let _ = write!(s, "<a href=\"#{}\">{}</a>", st.id, escape(&st.id));
        }
        s.push_str("</nav>\n");
    }
    for st in &f.stories {
        story(&mut s, st, lex);
    }
    s.push_str("<details class=\"rules\"><summary>Rules applied</summary>");
    for (name, text) in [
        ("Stories", &f.rules.story),
        ("Slots", &f.rules.slot),
        ("Contradiction", &f.rules.contradiction),
        ("Moved over time", &f.rules.moved),
        ("Estimate", &f.rules.estimate),
    ] {
        let _ = write!(s, "<p><b>{name}.</b> {}</p>", escape(text));
    }
    s.push_str("</details>\n");
    s.push_str("<footer>Map: Syria and Iraq governorates from Natural Earth (public domain), simplified. Places from the marsad gazetteer. Generated by marsad.</footer>\n");
    s.push_str("</main>\n<script>");
    s.push_str(JS);
    s.push_str("</script>\n</body>\n</html>\n");
    s
}

fn story(s: &mut String, st: &Story, lex: &Lexicon) {
    let conflicts = st.slots.iter().filter(|x| x.status == SlotStatus::Contradiction).count();
    let flagged_moves = st.slots.iter().filter(|x| x.status == SlotStatus::Moved && x.conflict).count();
    let moved = st.slots.iter().filter(|x| x.status == SlotStatus::Moved && !x.conflict).count();
    let undated = st.slots.iter().flat_map(|x| &x.claims).filter(|c| c.as_of.is_none() && c.moment.is_none()).count();
    let _ = writeln!(s, "<section class=\"story\" id=\"{}\">", escape(&st.id));
    let title = st.title.as_deref().unwrap_or("Untitled story");
    let _ = writeln!(s, "<h2>{}</h2>", bidi(title));
    if let Some(w) = st.window {
        let _ = writeln!(s, "<div class=\"muted\">{} · {}</div>", escape(&st.id), escape(&w.to_string()));
    }
    s.push_str("<div class=\"summary\">");
    for (n, label, class) in [
        (st.reports.len(), "reports", ""),
        (st.events.len(), "events", ""),
        (st.slots.len(), "claim slots", ""),
        (conflicts, "contradictions", if conflicts > 0 { "bad" } else { "" }),
        (flagged_moves, "moved 2× or more", if flagged_moves > 0 { "warn" } else { "" }),
        (moved, "changed over time only", ""),
        (st.sources.len(), "attributed sources", ""),
        (undated, "undated figures", if undated > 0 { "warn" } else { "" }),
    ] {
        let _ = write!(s, "<div class=\"stat {class}\"><b>{n}</b><span>{label}</span></div>");
    }
    s.push_str("</div>\n<div class=\"grid\">\n<div class=\"card map-card\"><h3>Map</h3>");
    s.push_str(&crate::map::svg(&st.places, lex, 640.0));
    s.push_str("<ul class=\"places\">");
    for p in st.places.iter().take(16) {
        let _ = write!(
            s,
            "<li>{} <span lang=\"ar\" dir=\"rtl\">{}</span> <span class=\"muted\">×{}</span></li>",
            escape(&p.name_en),
            escape(&p.name_ar),
            p.mentions
        );
    }
    s.push_str("</ul></div>\n<div class=\"card timeline-card\"><h3>Timeline</h3><ol class=\"timeline\">");
    if st.timeline.is_empty() {
        s.push_str("<li><span class=\"date\">—</span><span class=\"muted\">No dated event or claim.</span></li>");
    }
    // entries dated well before the story's window (background figures a report recalls, such as
    // a force's size years ago) are folded away so the story's own days come first
    let background = |t: &&crate::model::TimelineEntry| matches!((t.date, st.window), (Some(d), Some(w)) if (w.start - d.end).num_days() > BACKGROUND_DAYS);
    let item = |s: &mut String, t: &crate::model::TimelineEntry| {
        let date = t.date.map(|d| escape(&d.to_string())).unwrap_or_else(|| UNDATED.into());
        let _ = write!(
            s,
            "<li><span class=\"date\">{}</span><span><span class=\"k {}\">{}</span>{}</span></li>",
            date,
            t.kind,
            t.kind,
            bidi(&t.label)
        );
    };
    for t in st.timeline.iter().filter(|t| !background(t)) {
        item(s, t);
    }
    s.push_str("</ol>");
    let old: Vec<_> = st.timeline.iter().filter(background).collect();
    if !old.is_empty() {
        let _ = write!(
            s,
            "<details class=\"background\"><summary>Background: {} entr{} dated more than {BACKGROUND_DAYS} days before the story</summary><ol class=\"timeline\">",
            old.len(),
            if old.len() == 1 { "y" } else { "ies" }
        );
        for t in old {
            item(s, t);
        }
        s.push_str("</ol></details>");
    }
    s.push_str("</div>\n</div>\n");
    claims_table(s, st, lex);
    events_table(s, st, lex);
    sources(s, st);
    s.push_str("</section>\n");
}

fn claims_table(s: &mut String, st: &Story, lex: &Lexicon) {
    s.push_str("<h3 class=\"section\">Claims by slot</h3>\n");
    if st.slots.is_empty() {
        s.push_str("<p class=\"muted\">No figure was extracted from these reports.</p>\n");
        return;
    }
    s.push_str("<div class=\"controls\"><label><input type=\"checkbox\" class=\"only-conflicts\"> show only flagged slots</label>\
<span class=\"legend\"><span class=\"badge contradiction\">contradiction</span> two claims cannot both be true \
<span class=\"badge moved\">moved</span> the figure changed between two dates; flagged when by 2× or more: compatible \
as numbers, not as one moment, so not one fact \
<span class=\"badge agree\">agree</span> the figures overlap \
<span class=\"badge single\">single</span> one claim</span></div>\n");
    s.push_str("<table class=\"claims\">\n<colgroup><col style=\"width:3%\"><col style=\"width:13%\"><col style=\"width:14%\"><col style=\"width:13%\"><col style=\"width:10%\"><col></colgroup>\n<thead><tr><th>#</th><th>Outlet</th><th>Source</th><th>Figure</th><th>As of</th><th>Evidence (Arabic)</th></tr></thead>\n");
    // contradictions first, then changes over time, then the rest, each in slot order
    let mut order: Vec<&Slot> = st.slots.iter().collect();
    order.sort_by_key(|x| (!x.conflict, !x.moved));
    for slot in order {
        let class = match (slot.conflict, slot.status) {
            (true, SlotStatus::Moved) => "slot conflict moved",
            (true, _) => "slot conflict",
            _ => "slot",
        };
        let _ = write!(s, "<tbody class=\"{class}\" id=\"{}-{}\">", escape(&st.id), escape(&slot.id));
        let _ = write!(
            s,
            "<tr class=\"slot-head\"><th colspan=\"6\">{}<span class=\"badge {}\">{}</span><span class=\"reason\">{}</span>",
            escape(&slot.label),
            slot.status.as_str(),
            slot.status.as_str(),
            bidi(&slot.reason)
        );
        if let Some(e) = &slot.estimate {
            let consensus = e
                .consensus
                .map(|c| match c.hi {
                    Some(h) if h == c.lo => c.lo.to_string(),
                    Some(h) => format!("{}–{}", c.lo, h),
                    None => format!("{}+", c.lo),
                })
                .unwrap_or_else(|| "none (the latest claims contradict)".into());
            let high = e.high.map(|h| h.to_string()).unwrap_or_else(|| "open".into());
            let _ = write!(
                s,
                "<span class=\"est\">Latest{}: low <b>{}</b> · best <b>{}</b> · high <b>{}</b> · consensus <b>{}</b> · conservative figure <b>{}</b> · {} independent source{}</span>",
                e.moment.map(|m| format!(" ({m})")).unwrap_or_default(),
                e.low,
                e.best,
                high,
                escape(&consensus),
                e.conservative,
                slot.independent_sources,
                if slot.independent_sources == 1 { "" } else { "s" }
            );
        }
        s.push_str("</th></tr>\n");
        for c in &slot.claims {
            let aside = c.subset || c.duplicate || c.restated;
            let class = match (c.conflict, aside) {
                (true, _) => "claim conflict",
                (_, true) => "claim aside",
                _ => "claim",
            };
            let mut tags = String::new();
            if let Some(r) = &c.zero_rule {
                let _ = write!(tags, "<span class=\"tag\">read as 0: {}</span>", escape(r));
            }
            for (on, t) in [
                (c.subset, "subgroup, not compared"),
                (c.uncertain, "said under doubt"),
                (c.duplicate, "near-duplicate report, not counted"),
                (c.restated, "restated in the same report, not counted"),
            ] {
                if on {
                    let _ = write!(tags, "<span class=\"tag\">{t}</span>");
                }
            }
            let as_of = match (c.as_of, c.moment) {
                (Some(d), _) => escape(&d.to_string()),
                (None, Some(m)) => escape(&format!("{m} (published)")),
                (None, None) => {
                    tags.push_str("<span class=\"tag undated\">undated: the report gives no date for this figure and has no publication date</span>");
                    UNDATED.into()
                }
            };
            let undated = if c.as_of.is_none() && c.moment.is_none() { " data-undated=\"true\"" } else { "" };
            let _ = write!(
                s,
                "<tr class=\"{class}\" data-conflict=\"{}\"{undated}><td>{}</td><td>{}</td><td>{}</td><td class=\"fig\">{}<div class=\"muted\">{}</div></td><td>{}</td><td class=\"ev\" lang=\"ar\" dir=\"rtl\"><span class=\"q\">«{}»</span><span class=\"sent\">{}</span>{}</td></tr>",
                c.conflict,
                c.n + 1,
                named(&c.outlet, lex),
                named(c.source.as_str(), lex),
                escape(&figure(c.lo, c.hi, c.qualifier)),
                escape(&interval(c.lo, c.hi, c.qualifier)),
                as_of,
                escape(&c.evidence),
                escape(&c.sentence),
                if tags.is_empty() { String::new() } else { format!("<div dir=\"ltr\" lang=\"en\">{tags}</div>") }
            );
        }
        s.push_str("</tbody>\n");
    }
    s.push_str("</table>\n");
}

/// An actor or outlet id with its English name from the lexicon, the id below it.
fn named(id: &str, lex: &Lexicon) -> String {
    match lex.actor(&marsad_core::ActorId::new(id)) {
        Some(a) if id != "article" => format!("{}<div class=\"muted\">{}</div>", escape(&a.name_en), escape(id)),
        _ if id == "article" => "the outlet itself<div class=\"muted\">article</div>".to_string(),
        _ => bidi(id),
    }
}

/// The interval a figure stands for, in the notation of the gold schema: `[180, ∞)`.
fn interval(lo: u64, hi: Option<u64>, q: marsad_core::Qualifier) -> String {
    let hedge = if q == marsad_core::Qualifier::About { " ±10%" } else { "" };
    match hi {
        Some(h) => format!("[{lo}, {h}]{hedge} · {q}"),
        None => format!("[{lo}, ∞) · {q}"),
    }
}

fn events_table(s: &mut String, st: &Story, lex: &Lexicon) {
    s.push_str("<h3 class=\"section\">Events</h3>\n");
    if st.events.is_empty() {
        s.push_str("<p class=\"muted\">No event was extracted from these reports.</p>\n");
        return;
    }
    s.push_str("<table class=\"events\"><thead><tr><th>#</th><th>Date</th><th>Event</th><th>Place</th><th>Actors</th><th>Reports</th></tr></thead><tbody>\n");
    for e in &st.events {
        let reports: Vec<String> = e.reports.iter().map(|r| bidi(&r.outlet)).collect();
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td><b>{}</b><div class=\"muted\">{} · {}</div></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&e.id),
            e.date.map(|d| escape(&d.to_string())).unwrap_or_else(|| UNDATED.into()),
            e.action,
            escape(e.event_type.as_str()),
            escape(e.sub_type.as_str()),
            e.place
                .as_ref()
                .map(|p| lex.place(p).map(|r| escape(&r.name_en)).unwrap_or_else(|| escape(p.as_str())))
                .unwrap_or_default(),
            escape(&e.actors.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", ")),
            reports.join(", ")
        );
    }
    s.push_str("</tbody></table>\n");
}

fn sources(s: &mut String, st: &Story) {
    s.push_str("<h3 class=\"section\">Sources</h3>\n<div class=\"grid sources\"><div class=\"card\"><h3>Reports</h3><table class=\"reports\"><thead><tr><th>Outlet</th><th>Published</th><th>Headline</th><th>Linked by</th></tr></thead><tbody>");
    for r in &st.reports {
        let linked = match (&r.near_duplicate_of, &r.linked) {
            (Some(d), _) => format!("near-duplicate of {}", escape(d.as_str())),
            (None, Some(l)) => format!(
                "{} (vocabulary {:.2}{}{})",
                escape(l.to.as_str()),
                l.text,
                l.place.as_ref().map(|p| format!(", place {}", escape(p.as_str()))).unwrap_or_default(),
                if l.event { ", same event" } else { "" }
            ),
            (None, None) => "first report".into(),
        };
        let _ = write!(
            s,
            "<tr><td>{}<div class=\"muted\">{}</div></td><td>{}</td><td class=\"hl\" lang=\"ar\" dir=\"rtl\">{}</td><td class=\"muted\">{}</td></tr>",
            bidi(&r.outlet),
            if r.outlet == r.doc.as_str() { String::new() } else { escape(r.doc.as_str()) },
            r.published.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
            r.title.as_deref().map(escape).unwrap_or_default(),
            linked
        );
    }
    s.push_str("</tbody></table></div><div class=\"card\"><h3>Attributed sources</h3><table class=\"sources\"><thead><tr><th>Source</th><th>Claims</th><th>Carried by</th></tr></thead><tbody>");
    if st.sources.is_empty() {
        s.push_str("<tr><td colspan=\"3\" class=\"muted\">No attributed claim.</td></tr>");
    }
    for x in &st.sources {
        let _ = write!(
            s,
            "<tr><td>{}<div class=\"muted\">{}</div></td><td>{}</td><td>{}</td></tr>",
            escape(&x.name_en),
            escape(x.source.as_str()),
            x.claims,
            x.outlets.iter().map(|o| bidi(o)).collect::<Vec<_>>().join(", ")
        );
    }
    s.push_str("</tbody></table></div></div>\n");
}
