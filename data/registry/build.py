#!/usr/bin/env python3
"""Builds antq's copy of the official registry of administrative units, before and after the
reform of 1 July 2025, from the PyPI package `vietnamadminunits` (see README.md here).

    pip download --no-deps vietnamadminunits==1.0.4 -d /tmp/vau
    python3 data/registry/build.py /tmp/vau/vietnamadminunits-1.0.4-py3-none-any.whl

Writes units-2025-06-30.csv, units-2025-07-01.csv and lineage-2025-07-01.csv beside this file,
sorted, so a rebuild from the same package gives the same bytes. Standard library only.
"""

import csv
import io
import json
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
REFORM = "2025-07-01"

DISTRICT_KIND = {"Quận": "urban-district", "Huyện": "district", "Thị xã": "town", "Thành phố": "city"}
WARD_KIND = {"Xã": "commune", "Phường": "ward", "Thị trấn": "township", "Đặc khu": "special-zone"}


def province_kind(name):
    return "central-city" if name.startswith("Thành phố") else "province"


def load(wheel):
    with zipfile.ZipFile(wheel) as z:
        data = "vietnamadminunits/data/"
        converter = json.loads(z.read(data + "converter_2025.json"))
        legacy = json.loads(z.read(data + "parser_legacy.json"))
        tmp = tempfile.NamedTemporaryFile(suffix=".db")
        tmp.write(z.read(data + "dataset.db"))
        tmp.flush()
    return converter, legacy, sqlite3.connect(tmp.name), tmp


def old_units(db):
    rows = db.execute(
        "select provinceCode, province, provinceShort, districtCode, districtShort, districtType,"
        " wardCode, wardShort, wardType from admin_units_legacy"
    ).fetchall()
    units = {}
    for pc, pname, pshort, dc, dshort, dtype, wc, wshort, wtype in rows:
        units[pc] = (pc, pshort, province_kind(pname), "")
        units[dc] = (dc, dshort, DISTRICT_KIND[dtype], pc)
        if wc:
            units[wc] = (wc, wshort, WARD_KIND[wtype], dc)
    return units


def new_units(db):
    rows = db.execute(
        "select provinceCode, province, provinceShort, wardCode, wardShort, wardType from admin_units"
    ).fetchall()
    units = {}
    for pc, pname, pshort, wc, wshort, wtype in rows:
        units[pc] = (pc, pshort, province_kind(pname), "")
        units[wc] = (wc, wshort, WARD_KIND[wtype], pc)
    return units


def old_keys(legacy):
    """'province_district_ward' key (as the converter writes it) -> old code."""
    keys = {}
    provinces = {k: v["provinceCode"] for k, v in legacy["DICT_PROVINCE"].items()}
    for pk, districts in legacy["DICT_PROVINCE_DISTRICT"].items():
        for dk, d in districts.items():
            keys[f"{pk}_{dk}_"] = d["districtCode"]
    for table in ("DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED", "DICT_PROVINCE_DISTRICT_WARD_ACCENTED",
                  "DICT_PROVINCE_DISTRICT_WARD_SHORT_ACCENTED"):
        for pk, districts in legacy[table].items():
            for dk, wards in districts.items():
                for wk, w in wards.items():
                    keys[f"{pk}_{dk}_{wk}"] = w["wardCode"]
    return provinces, keys


def links(converter, legacy, db):
    provinces, keys = old_keys(legacy)
    new_province = {r[0]: r[1] for r in db.execute("select distinct provinceKey, provinceCode from admin_units")}
    new_ward = {(r[0], r[1]): r[2] for r in db.execute("select provinceKey, wardKey, wardCode from admin_units")}
    out, missing = set(), []
    for npk, old_pks in converter["DICT_PROVINCE"].items():
        for opk in old_pks:
            out.add((provinces[opk], new_province[npk]))
    for npk, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for nwk, olds in wards.items():
            for ok in olds:
                (out.add((keys[ok], new_ward[(npk, nwk)])) if ok in keys else missing.append(ok))
    for npk, divided in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for ok, parts in divided.items():
            for part in parts:
                if ok in keys:
                    out.add((keys[ok], new_ward[(npk, part["newWardKey"])]))
                else:
                    missing.append(ok)
    return sorted(out), missing


def write(name, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    (HERE / name).write_text(buf.getvalue(), encoding="utf-8")


def order(units):
    # Parents before children, then by code: a file antq can import top-down.
    depth = lambda u: 0 if not u[3] else (1 if not units[u[3]][3] else 2)
    return sorted(units.values(), key=lambda u: (depth(u), u[0]))


def main(wheel):
    converter, legacy, db, _tmp = load(wheel)
    before, after = old_units(db), new_units(db)
    pairs, missing = links(converter, legacy, db)
    if missing:
        sys.exit(f"{len(missing)} old keys have no code, e.g. {missing[:3]}")
    write("units-2025-06-30.csv", ["code", "name", "kind", "parent"], order(before))
    write("units-2025-07-01.csv", ["code", "name", "kind", "parent"], order(after))
    write("lineage-2025-07-01.csv", ["from", "to", "on"], [(f, t, REFORM) for f, t in pairs])
    print(f"{len(before)} units before, {len(after)} after, {len(pairs)} links")


if __name__ == "__main__":
    main(sys.argv[1])
