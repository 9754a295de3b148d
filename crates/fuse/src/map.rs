//! The story map, drawn as inline SVG: the outlines of the countries in view (Natural Earth
//! admin-0) and, where in view, the admin-1 units of Syria and Iraq (`assets/`), with a marker
//! for each place of the story the gazetteer gives coordinates for. The frame follows the
//! story's places wherever they are: it fits the markers, or the countries and regions the
//! story names when it names no town; Syria and Iraq when it names no place with coordinates.
//!
//! The projection is equirectangular scaled by the cosine of the middle latitude: over the
//! extent of a story it is close enough to conformal, and it needs no library. Places closer
//! than about 5 km share one marker, labelled with the most specific of them. Outlines are
//! written at the resolution of the drawing: a point less than a pixel from the last one
//! written is left out, so a page stays small whatever the zoom.

use crate::PlaceRef;
use marsad_core::PlaceKind;
use marsad_lexicon::Lexicon;
use serde::Deserialize;
use std::fmt::Write;
use std::sync::OnceLock;

const SHAPES: &str = include_str!("../assets/sy_iq_admin1.geojson");
const WORLD: &str = include_str!("../assets/world_admin0.geojson");
/// Smallest width of the view, in degrees of longitude.
const MIN_SPAN: f64 = 7.0;
/// Smallest and largest ratio of the view's width to its height (both in projected units).
const MIN_ASPECT: f64 = 1.25;
const MAX_ASPECT: f64 = 2.0;
/// Markers spread over more degrees than this are framed on the main country's.
const FAR: f64 = 30.0;

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

#[derive(Deserialize)]
struct CountryCollection {
    features: Vec<CountryFeature>,
}

#[derive(Deserialize)]
struct CountryFeature {
    properties: CountryProps,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct CountryProps {
    iso_a2: String,
}

/// One country's outline: its ISO 3166-1 alpha-2 code, outer rings (lon, lat) and bounds
/// (min lon, min lat, max lon, max lat).
pub struct Country {
    pub iso_a2: String,
    pub rings: Vec<Vec<[f64; 2]>>,
    pub bounds: [f64; 4],
}

fn outer_rings(g: Geometry) -> Vec<Vec<[f64; 2]>> {
    match g {
        Geometry::Polygon(p) => p.into_iter().take(1).collect(),
        Geometry::MultiPolygon(m) => m.into_iter().filter_map(|p| p.into_iter().next()).collect(),
    }
}

fn bounds<'a>(points: impl Iterator<Item = &'a [f64; 2]>) -> [f64; 4] {
    points.fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |b, &[x, y]| {
        [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)]
    })
}

/// The embedded country outlines (checked by the tests; a malformed asset is a build defect).
pub fn countries() -> &'static [Country] {
    static C: OnceLock<Vec<Country>> = OnceLock::new();
    C.get_or_init(|| {
        let c: CountryCollection = serde_json::from_str(WORLD).expect("assets/world_admin0.geojson");
        c.features
            .into_iter()
            .map(|f| {
                let rings = outer_rings(f.geometry);
                let bounds = bounds(rings.iter().flatten());
                Country { iso_a2: f.properties.iso_a2, rings, bounds }
            })
            .collect()
    })
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
                let rings = outer_rings(f.geometry);
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

    /// The path data of rings at the resolution of the drawing: a point less than a pixel from
    /// the last one written is left out (the ring's last point is always written).
    fn path(&self, rings: &[Vec<[f64; 2]>]) -> String {
        let mut d = String::new();
        for ring in rings {
            let mut last: Option<(f64, f64)> = None;
            let mut n = 0;
            for (i, [lon, lat]) in ring.iter().enumerate() {
                let (x, y) = self.xy(*lon, *lat);
                let end = i + 1 == ring.len();
                if last.is_some_and(|(lx, ly)| (x - lx).abs() < 1.0 && (y - ly).abs() < 1.0 && !end) {
                    continue;
                }
                let _ = write!(d, "{}{x:.1} {y:.1}", if n == 0 { "M" } else { "L" });
                last = Some((x, y));
                n += 1;
            }
            d.push('Z');
        }
        d
    }
}

fn esc(s: &str) -> String {
    crate::html::escape(s)
}

/// The view (min lon, min lat, max lon, max lat) around a set of bounds, with a margin, at least
/// `MIN_SPAN` degrees wide and `MIN_ASPECT` times wider than high on the map.
fn frame(b: [f64; 4]) -> [f64; 4] {
    let (cx, cy) = ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0);
    let half_h = ((b[3] - b[1]) / 2.0 + 1.0).clamp(MIN_SPAN / 3.0, 80.0);
    let cos = cy.to_radians().cos().max(0.2);
    let half_w = ((b[2] - b[0]) / 2.0 + 1.2).max(MIN_SPAN / 2.0).max(half_h * MIN_ASPECT / cos).min(180.0);
    let half_h = half_h.max(half_w * cos / MAX_ASPECT).min(80.0);
    // (half_h <= 80 and half_w <= 180: the bounds of both clamps are in order)
    let cy = cy.clamp(-80.0 + half_h, 84.0 - half_h);
    let cx = cx.clamp(-180.0 + half_w, 180.0 - half_w);
    [cx - half_w, (cy - half_h).max(-85.0), cx + half_w, (cy + half_h).min(85.0)]
}

/// Inline SVG of the map for a story's places. `width` is in CSS pixels.
pub fn svg(places: &[PlaceRef], lex: &Lexicon, width: f64) -> String {
    let units = units();
    let world = countries();
    // markers: places below the admin-1 level with coordinates, most specific first
    let mut marks: Vec<(&PlaceRef, usize, f64, f64, Vec<&PlaceRef>)> = Vec::new();
    let wide = |p: &PlaceRef| {
        lex.place(&p.id)
            .is_none_or(|r| matches!(r.kind, PlaceKind::Country | PlaceKind::Region | PlaceKind::Governorate))
    };
    let mut located: Vec<&PlaceRef> =
        places.iter().filter(|p| !wide(p) && p.lat.is_some() && p.lon.is_some()).collect();
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
    // the view: the markers; else the countries (their outlines) and regions the story names;
    // else Syria and Iraq
    let mut fit: Vec<[f64; 2]> = marks.iter().map(|m| [m.3, m.2]).collect();
    // Places far apart (a capital abroad named in passing): the frame fits the country whose
    // places the story names most.
    let b = bounds(fit.iter());
    if !fit.is_empty() && (b[2] - b[0] > FAR || b[3] - b[1] > FAR) {
        let country = |p: &PlaceRef| lex.place(&p.id).map_or("", |r| r.country.as_str());
        let mut weight: Vec<(&str, usize)> = Vec::new();
        for m in &marks {
            match weight.iter_mut().find(|(c, _)| *c == country(m.0)) {
                Some(w) => w.1 += m.1,
                None => weight.push((country(m.0), m.1)),
            }
        }
        if let Some(&(main, _)) = weight.iter().max_by_key(|(_, w)| *w) {
            fit = marks.iter().filter(|m| country(m.0) == main).map(|m| [m.3, m.2]).collect();
        }
    }
    if fit.is_empty() {
        for p in places.iter().filter(|p| wide(p)) {
            let rec = lex.place(&p.id);
            let outline =
                rec.filter(|r| r.kind == PlaceKind::Country).and_then(|r| world.iter().find(|c| c.iso_a2 == r.country));
            match (outline, p.lon.zip(p.lat)) {
                (Some(c), _) => fit.extend([[c.bounds[0], c.bounds[1]], [c.bounds[2], c.bounds[3]]]),
                (None, Some((lon, lat))) => fit.push([lon, lat]),
                _ => {}
            }
        }
    }
    if fit.is_empty() {
        fit.extend(units.iter().flat_map(|u| &u.rings).flatten().copied());
    }
    let [min_lon, min_lat, max_lon, max_lat] = frame(bounds(fit.iter()));
    let cos = ((min_lat + max_lat) / 2.0).to_radians().cos();
    let k = width / ((max_lon - min_lon) * cos);
    let proj = Projection { lon0: min_lon, lat1: max_lat, k, cos };
    let height = (max_lat - min_lat) * k;
    let in_view = |b: &[f64; 4]| b[0] <= max_lon && b[2] >= min_lon && b[1] <= max_lat && b[3] >= min_lat;
    let lit_by = |rings: &[Vec<[f64; 2]>]| marks.iter().any(|m| rings.iter().any(|r| contains(r, m.3, m.2)));
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="map" viewBox="0 0 {w:.0} {h:.0}" width="100%" role="img" aria-label="Map of the story's places" xmlns="http://www.w3.org/2000/svg">"#,
        w = width,
        h = height
    );
    s.push_str(r#"<rect class="sea" x="0" y="0" width="100%" height="100%"/>"#);
    let names: std::collections::HashMap<&str, &str> = lex
        .places
        .iter()
        .filter(|p| p.kind == PlaceKind::Country && !p.country.is_empty())
        .map(|p| (p.country.as_str(), p.name_en.as_str()))
        .collect();
    let shown: Vec<&Country> = world.iter().filter(|c| in_view(&c.bounds)).collect();
    for c in &shown {
        let class = if lit_by(&c.rings) { "land lit" } else { "land" };
        let name = names.get(c.iso_a2.as_str()).copied().unwrap_or(c.iso_a2.as_str());
        let _ = write!(s, r#"<path class="{class}" d="{}"><title>{}</title></path>"#, proj.path(&c.rings), esc(name));
    }
    // Syria's and Iraq's governorates, all of them when the view reaches either country
    let sy_iq = bounds(units.iter().flat_map(|u| &u.rings).flatten());
    for u in units.iter().filter(|_| in_view(&sy_iq)) {
        let class = match (u.country.as_str(), lit_by(&u.rings)) {
            (_, true) => "unit lit",
            ("SYR", _) => "unit syr",
            _ => "unit irq",
        };
        let _ = write!(
            s,
            r#"<path class="{class}" d="{}"><title>{} — {}</title></path>"#,
            proj.path(&u.rings),
            esc(&u.name_en),
            esc(&u.name_ar)
        );
    }
    // country names at the middle of the visible part of their largest outline, when that
    // part is wide enough on the map to hold a name and its middle lies in the country
    for c in &shown {
        let Some(ring) = c.rings.iter().max_by(|a, b| area(a).total_cmp(&area(b))) else { continue };
        let [a, b, cmax, d] = bounds(ring.iter());
        let (a, b, cmax, d) = (a.max(min_lon), b.max(min_lat), cmax.min(max_lon), d.min(max_lat));
        let (lon, lat) = ((a + cmax) / 2.0, (b + d) / 2.0);
        if (cmax - a) * cos * k < 70.0 || !contains(ring, lon, lat) {
            continue;
        }
        let Some(name) = names.get(c.iso_a2.as_str()) else { continue };
        let (x, y) = proj.xy(lon, lat);
        let _ = write!(s, r#"<text class="country" x="{x:.1}" y="{y:.1}">{}</text>"#, esc(&name.to_uppercase()));
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

/// The planar area of a ring, in square degrees.
fn area(ring: &[[f64; 2]]) -> f64 {
    ring.windows(2).map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1]).sum::<f64>().abs() / 2.0
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
    fn every_country_has_an_outline() {
        let c = countries();
        assert!(c.len() >= 190, "{} countries", c.len());
        for cc in ["YE", "SY", "KP", "MM", "ML", "SO", "US"] {
            let country = c.iter().find(|x| x.iso_a2 == cc).unwrap_or_else(|| panic!("{cc} has no outline"));
            assert!(country.rings.iter().all(|r| r.len() >= 4), "{cc}");
            assert!(country.bounds[0] < country.bounds[2] && country.bounds[1] < country.bounds[3], "{cc}");
        }
        let ye = c.iter().find(|x| x.iso_a2 == "YE").expect("Yemen");
        assert!(ye.rings.iter().any(|r| contains(r, 44.2, 15.35)), "Sanaa lies in Yemen");
    }

    fn place_ref(lex: &Lexicon, id: &str) -> PlaceRef {
        let p = lex.place(&marsad_core::PlaceId::new(id)).unwrap_or_else(|| panic!("{id} is in the gazetteer"));
        PlaceRef {
            id: p.id.clone(),
            name_en: p.name_en.clone(),
            name_ar: p.names_ar[0].clone(),
            lat: p.lat,
            lon: p.lon,
            mentions: 1,
        }
    }

    /// The view of a map: its width and height, and the countries it draws, lit or not.
    fn drawn(svg: &str) -> (Vec<String>, Vec<String>) {
        let mut all = Vec::new();
        let mut lit = Vec::new();
        for part in svg.split("<path class=\"land").skip(1) {
            let title = part.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or("");
            all.push(title.to_string());
            if part.starts_with(" lit") {
                lit.push(title.to_string());
            }
        }
        (all, lit)
    }

    #[test]
    fn the_map_follows_places_outside_syria_and_iraq() {
        let lex = Lexicon::embedded();
        let story = [place_ref(lex, "sanaa"), place_ref(lex, "aden"), place_ref(lex, "yemen")];
        let svg = svg(&story, lex, 640.0);
        let (all, lit) = drawn(&svg);
        assert_eq!(lit, ["Yemen"], "{all:?}");
        assert!(all.iter().any(|c| c == "Saudi Arabia"), "the neighbours are drawn: {all:?}");
        assert!(!all.iter().any(|c| c == "Myanmar" || c == "Mali"), "far countries are not: {all:?}");
        assert!(!svg.contains("class=\"unit"), "Syria's governorates are out of view");
        assert_eq!(svg.matches("class=\"marker\"").count(), 2, "one marker per town");
        // A story that names only a country is framed on that country.
        let (all, _) = drawn(&super::svg(&[place_ref(lex, "myanmar")], lex, 640.0));
        assert!(all.iter().any(|c| c == "Myanmar") && !all.iter().any(|c| c == "Syria"), "{all:?}");
    }

    #[test]
    fn the_frame_is_neither_too_flat_nor_too_tall_anywhere() {
        for b in [
            [-77.0, 38.9, 41.0, 36.5],
            [-180.0, -60.0, 180.0, 80.0],
            [44.0, 15.0, 44.0, 15.0],
            [-70.0, -55.0, -68.0, -18.0],
        ] {
            let [w, s, e, n] = frame(b);
            let cos = ((s + n) / 2.0).to_radians().cos();
            let ratio = (e - w) * cos / (n - s);
            // (the cosine is taken at the middle latitude before the view is clamped to the poles)
            assert!(ratio <= MAX_ASPECT * 1.2, "{b:?} gives {ratio}");
            assert!((-180.0..=180.0).contains(&w) && (-180.0..=180.0).contains(&e) && s >= -85.0 && n <= 85.0, "{b:?}");
        }
    }

    #[test]
    fn a_story_in_syria_draws_the_governorates() {
        let lex = Lexicon::embedded();
        // A capital abroad named in passing does not pull the frame away from Syria.
        let svg =
            svg(&[place_ref(lex, "hasakah"), place_ref(lex, "qamishli"), place_ref(lex, "washington")], lex, 640.0);
        assert!(svg.matches("class=\"unit").count() >= 30);
        assert!(svg.contains("class=\"unit lit\""));
        // Outlines are written at the drawing's resolution: the page stays small.
        assert!(svg.len() < 200_000, "{} bytes", svg.len());
    }

    #[test]
    fn hasakah_lies_in_its_governorate() {
        let u = units().iter().find(|u| u.name_ar.contains("الحسكة")).expect("al-Hasakah governorate");
        assert!(u.rings.iter().any(|r| contains(r, 40.75, 36.5)));
        assert!(!u.rings.iter().any(|r| contains(r, 36.3, 33.5)), "Damascus is not in al-Hasakah");
    }
}
