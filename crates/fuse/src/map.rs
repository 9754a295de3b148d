//! The story map: Syria and Iraq admin-1 outlines (`assets/`, Natural Earth) drawn as inline
//! SVG, with a marker for each place of the story the gazetteer gives coordinates for.
//!
//! The projection is equirectangular scaled by the cosine of the middle latitude: over the
//! few degrees of Syria and Iraq it is close to conformal, and it needs no library. Places
//! closer than about 5 km share one marker, labelled with the most specific of them.

use crate::PlaceRef;
use marsad_core::PlaceKind;
use marsad_lexicon::Lexicon;
use serde::Deserialize;
use std::fmt::Write;
use std::sync::OnceLock;

const SHAPES: &str = include_str!("../assets/sy_iq_admin1.geojson");
/// Smallest width of the view, in degrees of longitude.
const MIN_SPAN: f64 = 7.0;

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Props,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Props {
    adm0_a3: String,
    name_en: Option<String>,
    name_ar: Option<String>,
}

#[derive(Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    Polygon(Vec<Vec<[f64; 2]>>),
    MultiPolygon(Vec<Vec<Vec<[f64; 2]>>>),
}

/// One admin-1 unit: its names and outer rings (lon, lat).
pub struct Unit {
    pub country: String,
    pub name_en: String,
    pub name_ar: String,
    pub rings: Vec<Vec<[f64; 2]>>,
}

/// The embedded admin-1 units (checked by the tests; a malformed asset is a build defect).
pub fn units() -> &'static [Unit] {
    static U: OnceLock<Vec<Unit>> = OnceLock::new();
    U.get_or_init(|| {
        let c: Collection = serde_json::from_str(SHAPES).expect("assets/sy_iq_admin1.geojson");
        c.features
            .into_iter()
            .map(|f| {
                let rings = match f.geometry {
                    Geometry::Polygon(p) => p.into_iter().take(1).collect(),
                    Geometry::MultiPolygon(m) => m.into_iter().filter_map(|p| p.into_iter().next()).collect(),
                };
                Unit {
                    country: f.properties.adm0_a3,
                    name_en: f.properties.name_en.unwrap_or_default(),
                    name_ar: f.properties.name_ar.unwrap_or_default(),
                    rings,
                }
            })
            .collect()
    })
}

fn contains(ring: &[[f64; 2]], lon: f64, lat: f64) -> bool {
    let mut inside = false;
    let mut j = ring.len().wrapping_sub(1);
    for i in 0..ring.len() {
        let ([xi, yi], [xj, yj]) = (ring[i], ring[j]);
        if (yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

struct Projection {
    lon0: f64,
    lat1: f64,
    k: f64,
    cos: f64,
}

impl Projection {
    fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        ((lon - self.lon0) * self.cos * self.k, (self.lat1 - lat) * self.k)
    }
}

fn esc(s: &str) -> String {
    crate::html::escape(s)
}

/// Inline SVG of the map for a story's places. `width` is in CSS pixels.
pub fn svg(places: &[PlaceRef], lex: &Lexicon, width: f64) -> String {
    let units = units();
    let (mut min_lon, mut max_lon, mut min_lat, mut max_lat) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for r in units.iter().flat_map(|u| &u.rings).flatten() {
        min_lon = min_lon.min(r[0]);
        max_lon = max_lon.max(r[0]);
        min_lat = min_lat.min(r[1]);
        max_lat = max_lat.max(r[1]);
    }
    // markers: places with coordinates inside the drawn area, most specific first
    let mut marks: Vec<(&PlaceRef, usize, f64, f64, Vec<&PlaceRef>)> = Vec::new();
    let mut located: Vec<&PlaceRef> = places
        .iter()
        .filter(|p| {
            lex.place(&p.id)
                .is_some_and(|r| !matches!(r.kind, PlaceKind::Country | PlaceKind::Region | PlaceKind::Governorate))
                && p.lat
                    .zip(p.lon)
                    .is_some_and(|(la, lo)| (min_lat..=max_lat).contains(&la) && (min_lon..=max_lon).contains(&lo))
        })
        .collect();
    located.sort_by_key(|p| std::cmp::Reverse(lex.place_chain(&p.id).len()));
    for p in located {
        let (lat, lon) = (p.lat.unwrap_or_default(), p.lon.unwrap_or_default());
        match marks.iter_mut().find(|m| (m.2 - lat).abs() < 0.05 && (m.3 - lon).abs() < 0.05) {
            Some(m) => {
                m.1 += p.mentions;
                m.4.push(p);
            }
            None => marks.push((p, p.mentions, lat, lon, vec![p])),
        }
    }
    // the view: the story's places with a margin, at least MIN_SPAN degrees wide, inside the
    // drawn countries; both countries when no place is located
    if !marks.is_empty() {
        let (mut a, mut b, mut c, mut d) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for m in &marks {
            a = a.min(m.3);
            b = b.max(m.3);
            c = c.min(m.2);
            d = d.max(m.2);
        }
        let (cx, cy) = ((a + b) / 2.0, (c + d) / 2.0);
        let half_w = ((b - a) / 2.0 + 1.2).max(MIN_SPAN / 2.0);
        let half_h = ((d - c) / 2.0 + 1.0).max(MIN_SPAN / 3.0);
        let clamp = |lo: f64, hi: f64, min: f64, max: f64| {
            let (lo, hi) = if lo < min { (min, hi + (min - lo)) } else { (lo, hi) };
            let (lo, hi) = if hi > max { (lo - (hi - max), max) } else { (lo, hi) };
            (lo.max(min), hi.min(max))
        };
        (min_lon, max_lon) = clamp(cx - half_w, cx + half_w, min_lon, max_lon);
        (min_lat, max_lat) = clamp(cy - half_h, cy + half_h, min_lat, max_lat);
    }
    let cos = ((min_lat + max_lat) / 2.0).to_radians().cos();
    let k = width / ((max_lon - min_lon) * cos);
    let proj = Projection { lon0: min_lon, lat1: max_lat, k, cos };
    let height = (max_lat - min_lat) * k;
    let lit: Vec<bool> =
        units.iter().map(|u| marks.iter().any(|m| u.rings.iter().any(|r| contains(r, m.3, m.2)))).collect();
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="map" viewBox="0 0 {w:.0} {h:.0}" width="100%" role="img" aria-label="Map of the story's places in Syria and Iraq" xmlns="http://www.w3.org/2000/svg">"#,
        w = width,
        h = height
    );
    s.push_str(r#"<rect class="sea" x="0" y="0" width="100%" height="100%"/>"#);
    for (u, lit) in units.iter().zip(&lit) {
        let class = match (u.country.as_str(), lit) {
            (_, true) => "unit lit",
            ("SYR", _) => "unit syr",
            _ => "unit irq",
        };
        let mut d = String::new();
        for ring in &u.rings {
            for (i, [lon, lat]) in ring.iter().enumerate() {
                let (x, y) = proj.xy(*lon, *lat);
                let _ = write!(d, "{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" });
            }
            d.push('Z');
        }
        let _ = write!(
            s,
            r#"<path class="{class}" d="{d}"><title>{} — {}</title></path>"#,
            esc(&u.name_en),
            esc(&u.name_ar)
        );
    }
    // country names at fixed anchors inside each country
    for (name, lon, lat) in [("SYRIA", 38.2, 35.0), ("IRAQ", 43.6, 32.6)] {
        if !(min_lon..=max_lon).contains(&lon) || !(min_lat..=max_lat).contains(&lat) {
            continue;
        }
        let (x, y) = proj.xy(lon, lat);
        let _ = write!(s, r#"<text class="country" x="{x:.1}" y="{y:.1}">{name}</text>"#);
    }
    // labels: to the right of the marker (left near the right edge), moved down a line when
    // they would sit on an earlier label
    let mut placed: Vec<(f64, f64)> = Vec::new();
    for (n, (p, mentions, lat, lon, all)) in marks.iter().enumerate() {
        let (x, y) = proj.xy(*lon, *lat);
        let r = 4.0 + (*mentions as f64).ln_1p() * 1.6;
        let names: Vec<String> = all.iter().map(|q| format!("{} ({})", q.name_en, q.name_ar)).collect();
        let more = if all.len() > 1 { format!(" +{}", all.len() - 1) } else { String::new() };
        let anchor = if x > width * 0.7 { "end" } else { "start" };
        let dx = if anchor == "end" { -r - 4.0 } else { r + 4.0 };
        let mut ty = y + 4.0;
        while placed.iter().any(|(px, py)| (px - x).abs() < 160.0 && (py - ty).abs() < 14.0) {
            ty += 14.0;
        }
        placed.push((x, ty));
        let _ = write!(
            s,
            r#"<g class="marker" data-place="{id}"><circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}"><title>{title}</title></circle><text x="{tx:.1}" y="{ty:.1}" text-anchor="{anchor}">{n}. {label}{more}</text></g>"#,
            id = esc(p.id.as_str()),
            title = esc(&names.join("; ")),
            tx = x + dx,
            n = n + 1,
            label = esc(&p.name_en),
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_load_with_both_countries() {
        let u = units();
        assert!(u.iter().filter(|u| u.country == "SYR").count() >= 14);
        assert_eq!(u.iter().filter(|u| u.country == "IRQ").count(), 18);
        assert!(u.iter().all(|u| u.rings.iter().all(|r| r.len() >= 4)));
    }

    #[test]
    fn hasakah_lies_in_its_governorate() {
        let u = units().iter().find(|u| u.name_ar.contains("الحسكة")).expect("al-Hasakah governorate");
        assert!(u.rings.iter().any(|r| contains(r, 40.75, 36.5)));
        assert!(!u.rings.iter().any(|r| contains(r, 36.3, 33.5)), "Damascus is not in al-Hasakah");
    }
}
