use marsad_core::{ActorId, ActorKind, PlaceId, PlaceKind};
use std::collections::HashMap;
use std::sync::OnceLock;

const ACTORS_TSV: &str = include_str!("../data/actors.tsv");
const PLACES_TSV: &str = include_str!("../data/places.tsv");

#[derive(Clone, Debug)]
pub struct Actor {
    pub id: ActorId,
    pub kind: ActorKind,
    pub name_en: String,
    pub names_ar: Vec<String>,
    pub parent: Option<ActorId>,
}

#[derive(Clone, Debug)]
pub struct Place {
    pub id: PlaceId,
    pub kind: PlaceKind,
    pub name_en: String,
    pub names_ar: Vec<String>,
    pub parent: Option<PlaceId>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// The loaded actor lexicon and gazetteer.
#[derive(Debug)]
pub struct Lexicon {
    pub actors: Vec<Actor>,
    pub places: Vec<Place>,
    actor_index: HashMap<ActorId, usize>,
    place_index: HashMap<PlaceId, usize>,
}

fn columns(tsv: &str) -> (HashMap<&str, usize>, impl Iterator<Item = Vec<&str>>) {
    let mut lines = tsv.lines();
    let head: HashMap<&str, usize> =
        lines.next().unwrap_or("").split('\t').enumerate().map(|(i, h)| (h.trim(), i)).collect();
    (head, lines.filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect()))
}

fn col<'a>(row: &[&'a str], head: &HashMap<&str, usize>, name: &str) -> &'a str {
    head.get(name).and_then(|&i| row.get(i)).copied().unwrap_or("").trim()
}

fn names(s: &str) -> Vec<String> {
    s.split('|').map(str::trim).filter(|n| !n.is_empty()).map(String::from).collect()
}

impl Lexicon {
    /// The lexicon embedded in the binary, loaded once.
    pub fn embedded() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon::parse(ACTORS_TSV, PLACES_TSV))
    }

    /// Parse actor and place TSVs. Rows with an unknown kind are skipped.
    pub fn parse(actors_tsv: &str, places_tsv: &str) -> Lexicon {
        let (head, rows) = columns(actors_tsv);
        let mut actors = Vec::new();
        for row in rows {
            let id = col(&row, &head, "id");
            let Some(kind) = ActorKind::parse(col(&row, &head, "kind")) else { continue };
            if id.is_empty() {
                continue;
            }
            let parent = col(&row, &head, "parent_id");
            actors.push(Actor {
                id: ActorId::new(id),
                kind,
                name_en: col(&row, &head, "name_en").to_string(),
                names_ar: names(col(&row, &head, "names_ar")),
                parent: (!parent.is_empty()).then(|| ActorId::new(parent)),
            });
        }
        let (head, rows) = columns(places_tsv);
        let mut places = Vec::new();
        for row in rows {
            let id = col(&row, &head, "id");
            let Some(kind) = PlaceKind::parse(col(&row, &head, "kind")) else { continue };
            if id.is_empty() {
                continue;
            }
            let parent = col(&row, &head, "parent_id");
            places.push(Place {
                id: PlaceId::new(id),
                kind,
                name_en: col(&row, &head, "name_en").to_string(),
                names_ar: names(col(&row, &head, "names_ar")),
                parent: (!parent.is_empty()).then(|| PlaceId::new(parent)),
                lat: col(&row, &head, "lat").parse().ok(),
                lon: col(&row, &head, "lon").parse().ok(),
            });
        }
        let actor_index = actors.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
        let place_index = places.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
        Lexicon { actors, places, actor_index, place_index }
    }

    pub fn actor(&self, id: &ActorId) -> Option<&Actor> {
        self.actor_index.get(id).map(|&i| &self.actors[i])
    }

    pub fn place(&self, id: &PlaceId) -> Option<&Place> {
        self.place_index.get(id).map(|&i| &self.places[i])
    }

    /// The place and its ancestors, nearest first.
    pub fn place_chain(&self, id: &PlaceId) -> Vec<&Place> {
        let mut out: Vec<&Place> = Vec::new();
        let mut cur = self.place(id);
        while let Some(p) = cur {
            if out.iter().any(|q| q.id == p.id) {
                break;
            }
            out.push(p);
            cur = p.parent.as_ref().and_then(|pid| self.place(pid));
        }
        out
    }

    /// Whether `a` is `b` or one is an ancestor of the other.
    pub fn places_related(&self, a: &PlaceId, b: &PlaceId) -> bool {
        self.place_chain(a).iter().any(|p| &p.id == b) || self.place_chain(b).iter().any(|p| &p.id == a)
    }
}
