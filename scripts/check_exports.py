#!/usr/bin/env python3
"""Check marsad's ACLED CSV and GeoJSON exports the way their users will load them.

    python3 scripts/check_exports.py EVENTS.csv EVENTS.geojson

The CSV must parse with Python's csv module and with pandas, with exactly ACLED's column list
in ACLED's order, one value per column on every row, ISO dates, numeric codes and
coordinates where ACLED has them. The GeoJSON must be a FeatureCollection whose features each
have a Point geometry with longitude and latitude in range. Exits 1 with the reasons when a
check fails; pandas is skipped with a message when it is not installed.
"""

import csv
import json
import re
import sys

# ACLED's export columns, in ACLED's order (crates/extract/src/acled.rs writes the same list).
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]
INTEGER_COLUMNS = ["year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                   "fatalities", "timestamp"]


def check_csv(path, problems, readers):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows:
        problems.append(f"{path}: empty, not even a header")
        return 0
    header, body = rows[0], rows[1:]
    if header != ACLED_COLUMNS:
        problems.append(f"{path}: header is {header}, expected ACLED's {len(ACLED_COLUMNS)} columns")
    for n, row in enumerate(body, start=2):
        if len(row) != len(ACLED_COLUMNS):
            problems.append(f"{path}: line {n} has {len(row)} values, expected {len(ACLED_COLUMNS)}")
            continue
        rec = dict(zip(ACLED_COLUMNS, row))
        if rec["event_date"] and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", rec["event_date"]):
            problems.append(f"{path}: line {n}: event_date {rec['event_date']!r} is not YYYY-MM-DD")
        for col in INTEGER_COLUMNS:
            if rec[col] and not re.fullmatch(r"-?\d+", rec[col]):
                problems.append(f"{path}: line {n}: {col} {rec[col]!r} is not an integer")
        for col, bound in (("latitude", 90), ("longitude", 180)):
            if rec[col]:
                try:
                    if abs(float(rec[col])) > bound:
                        problems.append(f"{path}: line {n}: {col} {rec[col]} out of range")
                except ValueError:
                    problems.append(f"{path}: line {n}: {col} {rec[col]!r} is not a number")
        if not rec["event_type"] or not rec["sub_event_type"] or not rec["source"]:
            problems.append(f"{path}: line {n}: event_type, sub_event_type and source must be filled")
    try:
        import pandas as pd
    except ImportError:
        print("pandas is not installed: the pandas load was skipped")
        return len(body)
    readers.append("pandas")
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(df.columns) != ACLED_COLUMNS:
        problems.append(f"{path}: pandas reads columns {list(df.columns)}")
    if len(df) != len(body):
        problems.append(f"{path}: pandas reads {len(df)} rows, the csv module {len(body)}")
    # The way ACLED users load an export: numeric columns as numbers.
    typed = pd.read_csv(path)
    for col in ("latitude", "longitude", "fatalities", "year"):
        if len(typed) and not pd.api.types.is_numeric_dtype(typed[col]):
            problems.append(f"{path}: pandas does not read {col} as numbers")
    return len(body)


def check_geojson(path, problems):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        problems.append(f"{path}: not a FeatureCollection with a features list")
        return 0
    for k, feat in enumerate(doc["features"]):
        geom = feat.get("geometry") or {}
        coords = geom.get("coordinates")
        if feat.get("type") != "Feature" or geom.get("type") != "Point":
            problems.append(f"{path}: feature {k} is not a Feature with a Point geometry")
            continue
        if (not isinstance(coords, list) or len(coords) != 2
                or not all(isinstance(c, (int, float)) for c in coords)):
            problems.append(f"{path}: feature {k}: coordinates {coords!r} are not [lon, lat]")
            continue
        lon, lat = coords
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            problems.append(f"{path}: feature {k}: [lon, lat] = {coords} out of range")
        if not isinstance(feat.get("properties"), dict):
            problems.append(f"{path}: feature {k} has no properties object")
    return len(doc["features"])


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    problems, readers = [], ["csv module"]
    rows = check_csv(argv[1], problems, readers)
    features = check_geojson(argv[2], problems)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    print(f"{argv[1]}: {rows} rows with ACLED's {len(ACLED_COLUMNS)} columns ({' and '.join(readers)})")
    print(f"{argv[2]}: {features} Point features in range")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
