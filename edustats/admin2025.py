"""The 2025 administrative map: old communes, districts and provinces → the units that hold them now.

On 1 July 2025 the district level was abolished, communes were merged (10.035 → 3.321) and the
63 provinces became 34 (Nghị quyết 202/2025/QH15 and the Standing Committee's resolutions on each
province's communes). A document written for "huyện Lạc Sơn, tỉnh Hòa Bình" now concerns eight
communes of Phú Thọ.

:func:`to_2025_units` moves observations to the new units through the crosswalk:

- counts are summed; a rate is recomputed from the summed numerators and denominators, never
  averaged (a rate without its counts is only carried when it is the new unit's single source);
- an old unit divided between several new ones (``split``) is reported with its candidate new
  units, not assigned to one of them by guess;
- a new unit that also holds old units absent from the data is marked ``complete = False`` and
  the missing old units are named;
- names are matched with diacritics, case, Unicode form (NFC/NFD) and the type word ("Xã",
  "Thị trấn", "Huyện" …) folded; codes are matched only within the old system (the new codes
  reuse old numbers: new Xã Lạc Sơn is 05266, the old code of Thị trấn Vụ Bản).

Crosswalk: at run time the PyPI package ``vietnamadminunits`` (MIT) if it is installed at the
version the shipped table was built from (1.0.4), otherwise the shipped copy
``data/external/gso_provinces/admin_crosswalk_communes_2025.csv`` built from that same version.
The 32 links flagged ``suspect_name_collision`` (the package merges two same-named communes of a
new province) are dropped, and the one known wrong default link (Hậu Giang / Châu Thành / Xã Phú
Tân → Xã Phú Hữu) is corrected, as the shipped README says.
"""
from __future__ import annotations

import difflib
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

from .errors import raise_data_error
from .external import fold_name, gso_dir

__all__ = ["commune_crosswalk", "province_crosswalk", "crosswalk_source", "to_2025_units", "successor_units",
           "unit_key"]

_TYPE_WORDS = ("thành phố", "thị xã", "thị trấn", "huyện", "quận", "phường", "xã", "tỉnh", "đặc khu")
# without diacritics "quan" (Quan Sơn, Quan Hóa) and "xa" are names as often as type words: not stripped
_TYPE_WORDS_ASCII = ("thanh pho", "thi xa", "thi tran", "huyen", "phuong", "tinh", "dac khu")
_RATE_SCALE = {"percent": 100.0, "ratio": 1.0}
_CROSSWALK_VERSION = "1.0.4"


def unit_key(name: str) -> str:
    """Folded name without its type word, for matching: ``Xã Pa ủ`` and ``pa Ủ`` give ``pa u``.

    >>> unit_key("Thị trấn Vụ Bản"), unit_key("HUYỆN LẠC SƠN"), unit_key("Tỉnh Hoà Bình")
    ('vu ban', 'lac son', 'hoa binh')
    >>> unit_key("Huyện Quan Sơn"), unit_key("Quan Sơn"), unit_key("Quận Ba Đình"), unit_key("huyen thieu hoa")
    ('quan son', 'quan son', 'ba dinh', 'thieu hoa')
    """
    low = " ".join(unicodedata.normalize("NFC", str(name)).lower().split())
    for w in _TYPE_WORDS:
        if low.startswith(w + " "):
            return fold_name(low[len(w) + 1:])
    k = fold_name(low)
    for w in _TYPE_WORDS_ASCII:
        if k.startswith(w + " ") and low == k:  # typed without diacritics
            return k[len(w) + 1:]
    return k


def _nfc(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", str(name)).lower().split())


def _strip_type(name: str) -> str:
    low = _nfc(name)
    for w in _TYPE_WORDS:
        if low.startswith(w + " "):
            return low[len(w) + 1:]
    return low


def _match(sub: pd.DataFrame, col: str, given: str) -> pd.DataFrame:
    """Rows of ``sub`` whose old ``col`` (district/commune) is ``given``: first as written (NFC, case
    folded), then without the type word, then without diacritics; the first tier with a hit wins."""
    for column, key in ((f"_{col}_nfc", _nfc(given)), (f"_{col}_nfc_key", _nfc(_strip_type(given))),
                        (f"_{col}_key", unit_key(given))):
        hit = sub[sub[column] == key]
        if not hit.empty:
            return hit
    return sub.iloc[0:0]


def crosswalk_source() -> str:
    """Where the commune crosswalk comes from in this session (package or shipped copy)."""
    return _load_commune_crosswalk()[1]


def _from_package():
    """The crosswalk rebuilt from ``vietnamadminunits`` 1.0.4 if installed, else ``None``."""
    try:
        import importlib.metadata as md
        import importlib.resources as ir
        import json
        import sqlite3
        import tempfile
        from pathlib import Path

        if md.version("vietnamadminunits") != _CROSSWALK_VERSION:
            return None
        base = ir.files("vietnamadminunits").joinpath("data")
        conv = json.loads(base.joinpath("converter_2025.json").read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "dataset.db"
            db.write_bytes(base.joinpath("dataset.db").read_bytes())
            con = sqlite3.connect(db)
            legacy = pd.read_sql_query("SELECT * FROM admin_units_legacy", con)
            new = pd.read_sql_query("SELECT * FROM admin_units", con)
            con.close()
    except Exception:  # not installed, another layout: the shipped copy serves
        return None
    legacy["oldKey"] = legacy["provinceKey"] + "_" + legacy["districtKey"] + "_" + legacy["wardKey"].fillna("")
    leg = legacy.set_index("oldKey")
    nw = new.set_index(["provinceKey", "wardKey"])
    links = [(o, pk, wk, "whole", True) for pk, wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items()
             for wk, olds in wards.items() for o in olds]
    links += [(o, pk, x["newWardKey"], "split", bool(x["isDefaultNewWard"]))
              for pk, m in conv["DICT_PROVINCE_WARD_DIVIDED"].items() for o, lst in m.items() for x in lst]
    lk = pd.DataFrame(links, columns=["oldKey", "pk", "wk", "mapping", "is_default_new"])
    o = leg.loc[lk["oldKey"]]
    n = nw.loc[list(zip(lk["pk"], lk["wk"]))]
    names = {"46": "Thừa Thiên Huế"}
    comm = pd.DataFrame({
        "old_province": [names.get(c, s) for c, s in zip(o["provinceCode"], o["provinceShort"])],
        "old_province_code": o["provinceCode"].to_numpy(), "old_district": o["district"].to_numpy(),
        "old_district_code": o["districtCode"].to_numpy(), "old_commune": o["ward"].fillna("").to_numpy(),
        "old_commune_code": o["wardCode"].fillna("").to_numpy(), "new_province": n["provinceShort"].to_numpy(),
        "new_province_code": n["provinceCode"].to_numpy(), "new_commune": n["ward"].to_numpy(),
        "new_commune_code": n["wardCode"].to_numpy(), "mapping": lk["mapping"].to_numpy(),
        "is_default_new": lk["is_default_new"].to_numpy()})
    key = comm["new_province_code"] + "|" + comm["new_commune_code"]
    same = comm.assign(key=key).groupby(["key", "old_commune"])["old_district_code"].transform("nunique")
    comm["suspect_name_collision"] = (comm["mapping"].eq("split") & ~comm["is_default_new"] & same.gt(1)
                                      & comm["old_commune"].ne(""))
    comm.loc[comm["old_commune"] == "", "mapping"] = "whole_district_no_communes"
    return comm.astype({"is_default_new": str, "suspect_name_collision": str})


@lru_cache(maxsize=1)
def _load_commune_crosswalk():
    pkg = _from_package()
    if pkg is not None:
        cw, src = pkg, f"vietnamadminunits {_CROSSWALK_VERSION} (PyPI, MIT), read at run time"
    else:
        cw = pd.read_csv(gso_dir() / "admin_crosswalk_communes_2025.csv", dtype=str, keep_default_na=False)
        src = (f"data/external/gso_provinces/admin_crosswalk_communes_2025.csv (from vietnamadminunits "
               f"{_CROSSWALK_VERSION}, MIT)")
    cw = cw[cw["suspect_name_collision"].str.lower() != "true"].copy()
    # the known wrong default link (shipped README): Hậu Giang / Châu Thành / Xã Phú Tân → Xã Phú Hữu
    bad = (cw["old_commune_code"] == "31379") & (cw["old_province"] == "Hậu Giang")
    if bad.any() and (cw["new_commune_code"] == "31378").any():
        ref = cw[cw["new_commune_code"] == "31378"].iloc[0]
        cw.loc[bad, ["new_commune", "new_commune_code", "new_province", "new_province_code"]] = \
            ref[["new_commune", "new_commune_code", "new_province", "new_province_code"]].to_numpy()
        cw = cw.drop_duplicates(["old_commune_code", "old_district_code", "new_commune_code"])
    # after the drops, recount the links of each old unit: an old unit with one link left moved whole
    old_id = cw["old_province_code"] + "|" + cw["old_district_code"] + "|" + cw["old_commune_code"]
    cw["n_new_for_old"] = old_id.map(old_id.value_counts())
    cw.loc[(cw["n_new_for_old"] == 1) & (cw["mapping"] == "split"), "mapping"] = "whole"
    new_id = cw["new_province_code"] + "|" + cw["new_commune_code"]
    cw["n_old_into_new"] = new_id.map(new_id.value_counts())
    cw["_district_key"] = [unit_key(d) for d in cw["old_district"]]
    cw["_commune_key"] = [unit_key(c) for c in cw["old_commune"]]
    for col in ("district", "commune"):  # with diacritics: Xã Minh Quán and Xã Minh Quân are two communes
        cw[f"_{col}_nfc"] = [_nfc(v) for v in cw[f"old_{col}"]]
        cw[f"_{col}_nfc_key"] = [_nfc(_strip_type(v)) for v in cw[f"old_{col}"]]
    cw["_province_key"] = [unit_key(p) for p in cw["old_province"]]
    return cw.reset_index(drop=True), src


@lru_cache(maxsize=1)
def _index() -> dict:
    """Lookups built once: links by old province, old ids held by each new commune, names of old ids."""
    cw = _load_commune_crosswalk()[0]
    cw = cw.assign(_old_id=cw["old_province_code"] + "|" + cw["old_district_code"] + "|" + cw["old_commune_code"],
                   _new_id=cw["new_province_code"] + "|" + cw["new_commune_code"])
    first = cw.drop_duplicates("_old_id")
    return dict(
        by_province={k: g for k, g in cw.groupby("_province_key", sort=False)},
        holds={k: set(g["_old_id"]) for k, g in cw.groupby("_new_id", sort=False)},
        names=dict(zip(first["_old_id"], first["old_commune"] + " (" + first["old_district"] + ")")),
    )


def commune_crosswalk() -> pd.DataFrame:
    """Every (old commune, new commune) link, cleaned as the module docstring says.

    >>> cw = commune_crosswalk()
    >>> cw[cw["old_commune"] == "Xã Na Mèo"][["new_commune", "new_commune_code", "mapping"]].to_dict("records")
    [{'new_commune': 'Xã Na Mèo', 'new_commune_code': '15013', 'mapping': 'whole'}]
    """
    cw = _load_commune_crosswalk()[0]
    return cw.drop(columns=[c for c in cw.columns if c.startswith("_")])


@lru_cache(maxsize=1)
def province_crosswalk() -> pd.DataFrame:
    """The 63 old provinces → 34 new ones (``admin_crosswalk_2025.csv``).

    >>> p = province_crosswalk().set_index("old_province")
    >>> p.loc["Hòa Bình", "new_province"], p.loc["Lai Châu", "new_province"]
    ('Phú Thọ', 'Lai Châu')
    """
    return pd.read_csv(gso_dir() / "admin_crosswalk_2025.csv", dtype=str, keep_default_na=False)


# ------------------------------------------------------------------------------ resolving old units
def _problem(row, column, value, expected):
    return dict(file="observations", row=row, column=column, value=value, expected=expected)


def _resolve(cw, prov_cw, province, district, commune, code, row, problems):
    """The crosswalk links of one old unit, and its type; ``None`` after recording a problem."""
    pk = unit_key(province) if province else ""
    if not pk:
        problems.append(_problem(row, "province", province, "the old (pre-2025) province of the unit"))
        return None
    pkeys = {unit_key(p): p for p in prov_cw["old_province"]}
    if pk not in pkeys:
        near = difflib.get_close_matches(pk, list(pkeys), n=1)
        problems.append(_problem(row, "province", province, "one of the 63 pre-2025 provinces" +
                                 (f" (nearest: {pkeys[near[0]]})" if near else "")))
        return None
    sub = _index()["by_province"].get(pk, cw.iloc[0:0])
    if district:
        dk = unit_key(district)
        dsub = _match(sub, "district", district)
        if dsub["old_district_code"].nunique() > 1:
            problems.append(_problem(row, "district", district, "one district: the name is ambiguous (" +
                                     "; ".join(sorted(set(dsub["old_district"]))) + ")"))
            return None
        if dsub.empty:
            names = dict(zip(sub["_district_key"], sub["old_district"]))
            near = difflib.get_close_matches(dk, list(names), n=1)
            problems.append(_problem(row, "district", district, f"a district of {pkeys[pk]} before 2025" +
                                     (f" (nearest: {names[near[0]]})" if near else "")))
            return None
        sub = dsub
    if code:  # an old code, matched only against old codes
        hit = sub[sub["old_commune_code"] == str(code).strip().zfill(5)]
        if hit.empty:
            problems.append(_problem(row, "commune_code", code, "a pre-2025 commune code of this province/district "
                                     "(new 2025 codes are not accepted here: they reuse old numbers)"))
            return None
        if commune and _match(hit, "commune", commune).empty:
            problems.append(_problem(row, "commune", commune, f"the name of old commune {code} "
                                     f"({hit['old_commune'].iloc[0]}): name and code disagree"))
            return None
        return hit, "commune"
    if commune:
        ck = unit_key(commune)
        hit = _match(sub, "commune", commune)
        if hit.empty:
            names = dict(zip(sub["_commune_key"], sub["old_commune"]))
            near = difflib.get_close_matches(ck, list(names), n=1)
            problems.append(_problem(row, "commune", commune, "a pre-2025 commune of " +
                                     (district or pkeys[pk]) + (f" (nearest: {names[near[0]]})" if near else "")))
            return None
        if hit["old_commune_code"].nunique() > 1:
            opts = "; ".join(sorted({f"{a} ({b}, {c})" for a, b, c in
                                     zip(hit["old_commune"], hit["old_district"], hit["old_commune_code"])}))
            problems.append(_problem(row, "commune", commune, f"one commune: the name is ambiguous ({opts}); "
                                     "give the district or the old commune code"))
            return None
        return hit, "commune"
    if district:
        return sub, "district"
    return sub, "province"


def _new_unit(links, kind, prov_cw, cw):
    """(new unit id, name, type, province, status, candidates, all old units the new unit holds)."""
    if kind == "province":
        p = prov_cw[prov_cw["old_province"] == links["old_province"].iloc[0]].iloc[0]
        holds = prov_cw.loc[prov_cw["new_province_code"] == p["new_province_code"], "old_province"]
        return dict(new_province=p["new_province"], new_province_code=p["new_province_code"],
                    new_unit=p["new_province_full"], new_unit_code=p["new_province_code"], new_unit_type="province",
                    status="whole", candidates="", holds=tuple(sorted(holds)))
    new = links.drop_duplicates(["new_province_code", "new_commune_code"]).sort_values("new_commune_code")
    split = links[links["mapping"] == "split"]
    cands = "; ".join(f"{a} ({b})" for a, b in zip(new["new_commune"], new["new_commune_code"]))
    if not split.empty:
        parts = split.drop_duplicates("old_commune_code")
        what = "; ".join(f"{a} ({b}) → " + ", ".join(split.loc[split["old_commune_code"] == b, "new_commune"])
                         for a, b in zip(parts["old_commune"], parts["old_commune_code"]))
        return dict(new_province=new["new_province"].iloc[0], new_province_code=new["new_province_code"].iloc[0],
                    new_unit="", new_unit_code="", new_unit_type="", status="split", candidates=what, holds=())
    held = _index()["holds"]
    holds = tuple(sorted(set().union(*[held[f"{p}|{c}"] for p, c in
                                       zip(new["new_province_code"], new["new_commune_code"])])))
    return dict(new_province=new["new_province"].iloc[0], new_province_code=new["new_province_code"].iloc[0],
                new_unit=" + ".join(new["new_commune"]), new_unit_code="+".join(new["new_commune_code"]),
                new_unit_type="commune" if len(new) == 1 else f"{len(new)} communes", status="whole",
                candidates=cands if len(new) > 1 else "", holds=holds)


def _old_ids(links, kind):
    if kind == "province":
        return (links["old_province"].iloc[0],)
    return tuple(sorted(set(links["old_province_code"] + "|" + links["old_district_code"] + "|"
                            + links["old_commune_code"])))


def _combine(g: pd.DataFrame) -> pd.Series:
    unit = g["unit"].iloc[0]
    num, den = g["numerator"], g["denominator"]
    note = ""
    if unit == "count":
        value = g["value"].sum()
        n_, d_ = np.nan, np.nan
    elif len(g) == 1:
        value, n_, d_ = g["value"].iloc[0], num.iloc[0], den.iloc[0]
    elif num.notna().all() and den.notna().all() and unit in _RATE_SCALE:
        n_, d_ = num.sum(), den.sum()
        value = _RATE_SCALE[unit] * n_ / d_ if d_ > 0 else np.nan
        note = "recomputed from summed numerators and denominators"
    else:
        value, n_, d_ = np.nan, np.nan, np.nan
        note = ("not combined: a rate without its counts (or a level) cannot be merged "
                "(rates are never averaged)")
    return pd.Series({"value": value, "numerator": n_, "denominator": d_, "combine_note": note})


def to_2025_units(observations: pd.DataFrame) -> pd.DataFrame:
    """Observations of pre-2025 units moved to the units that hold them since 1 July 2025.

    Parameters
    ----------
    observations : DataFrame
        ``province`` (old province, required), ``district`` and ``commune`` (old names, may be
        empty) or ``commune_code`` (old 5-digit code), and ``indicator``, ``year``, ``value``,
        ``unit`` (``count``, ``percent``, ``ratio`` …), optionally ``level``, ``numerator``,
        ``denominator``. A row names a commune, a whole district (``commune`` empty) or a whole
        province (``district`` empty).

    Returns
    -------
    DataFrame
        One row per new unit × indicator × level × year: ``new_province``,
        ``new_province_code``, ``new_unit`` (a commune, the communes a whole district went into
        joined by " + ", or a province), ``new_unit_code`` (new system), ``new_unit_type``,
        ``status`` (``whole``, or ``split``: the old unit was divided, no value is assigned and
        ``candidates`` names where its parts went), ``value``, ``numerator``, ``denominator``,
        ``n_old_units``, ``old_units``, ``complete`` (every old unit the new unit holds is in the
        data), ``missing_old_units``, ``note``. For counts and for rates with counts:

        .. math:: v_{new} = \\sum_i c_i, \\qquad r_{new} = s\\,\\frac{\\sum_i n_i}{\\sum_i d_i}

        (:math:`s` = 100 for percent, 1 for ratios): a rate is never averaged.

    References
    ----------
    Nghị quyết 202/2025/QH15 (provinces) and the National Assembly Standing Committee's 2025
    resolutions on each province's communes, as compiled by ``vietnamadminunits`` 1.0.4 (MIT).

    Examples
    --------
    Lạc Sơn's 24 communes went whole into 8 new communes of Phú Thọ; Tân Lập, Quý Hòa and Tuân
    Đạo make Xã Mường Vang. Pupils are summed, and the share of qualified teachers is
    recomputed from the counts (60/80, 30/40 and 20/40 give 110/160 = 68,75%, not the mean of the
    three shares, 66,7%):

    >>> obs = pd.DataFrame({"province": "Hòa Bình", "district": "Lạc Sơn",
    ...     "commune": ["Tân Lập", "Quý Hòa", "Tuân Đạo"] * 2,
    ...     "indicator": ["pupils"] * 3 + ["qualified_teacher_share"] * 3, "year": 2024,
    ...     "value": [500, 300, 200, 75.0, 75.0, 50.0], "numerator": [None] * 3 + [60, 30, 20],
    ...     "denominator": [None] * 3 + [80, 40, 40], "unit": ["count"] * 3 + ["percent"] * 3})
    >>> r = to_2025_units(obs)
    >>> r[["new_unit", "indicator", "value", "numerator", "denominator", "complete"]].to_dict("records")
    [{'new_unit': 'Xã Mường Vang', 'indicator': 'pupils', 'value': 1000.0, 'numerator': nan, 'denominator': nan, 'complete': True}, {'new_unit': 'Xã Mường Vang', 'indicator': 'qualified_teacher_share', 'value': 68.75, 'numerator': 110.0, 'denominator': 160.0, 'complete': True}]
    """
    obs = observations.reset_index(drop=True).copy()
    problems = [_problem(None, c, None, f"a column '{c}'") for c in ("province", "indicator", "year", "value", "unit")
                if c not in obs.columns]
    raise_data_error("không chuyển được sang đơn vị hành chính 2025 / cannot map to the 2025 units", problems)
    for c in ("district", "commune", "commune_code", "level"):
        if c not in obs.columns:
            obs[c] = ""
    for c in ("numerator", "denominator"):
        obs[c] = pd.to_numeric(obs[c], errors="coerce") if c in obs.columns else np.nan
    obs[["district", "commune", "commune_code", "level"]] = obs[["district", "commune", "commune_code", "level"]] \
        .fillna("").astype(str)
    cw = _load_commune_crosswalk()[0]
    prov_cw = province_crosswalk()
    cache, units = {}, []
    for i, r in obs.iterrows():
        key = (_nfc(r["province"]), _nfc(r["district"]), _nfc(r["commune"]), str(r["commune_code"]).strip())
        if key not in cache:
            got = _resolve(cw, prov_cw, r["province"], r["district"], r["commune"], str(r["commune_code"]).strip(),
                           i + 2, problems)
            if got is None:
                cache[key] = None
            else:
                links, kind = got
                old_name = (links["old_commune"].iloc[0] if kind == "commune" else
                            links["old_district"].iloc[0] if kind == "district" else links["old_province"].iloc[0])
                cache[key] = dict(_new_unit(links, kind, prov_cw, cw), old_ids=_old_ids(links, kind), old_name=old_name,
                                  kind=kind)
        units.append(cache[key])
    raise_data_error("không chuyển được sang đơn vị hành chính 2025 / cannot map to the 2025 units", problems)
    u = pd.DataFrame(units)
    obs = pd.concat([obs, u.drop(columns=["holds"])], axis=1)
    obs["_holds"] = [x["holds"] for x in units]
    keys = ["new_province", "new_province_code", "new_unit", "new_unit_code", "new_unit_type", "status", "indicator",
            "level", "year", "unit"]
    rows = []
    whole = obs[obs["status"] == "whole"]
    for k, g in whole.groupby(keys, sort=True, dropna=False):
        have = set().union(*[set(x) for x in g["old_ids"]])
        holds = set(g["_holds"].iloc[0])
        missing = sorted(holds - have)
        if g["kind"].iloc[0] != "province":
            names = _index()["names"]
            missing = [names[m] for m in missing]
        c = _combine(g)
        dup = g["old_name"].duplicated().any()
        rows.append(dict(zip(keys, k), value=c["value"], numerator=c["numerator"], denominator=c["denominator"],
                         n_old_units=len(g), old_units="; ".join(sorted(g["old_name"])), candidates=g["candidates"].iloc[0],
                         complete=not missing and not dup, missing_old_units="; ".join(missing),
                         note="; ".join(p for p in (c["combine_note"], "an old unit appears twice" if dup else "",
                                                    f"{len(missing)} old unit(s) of this new unit not in the data"
                                                    if missing else "") if p)))
    for r in obs[obs["status"] == "split"].itertuples(index=False):
        rows.append(dict(new_province=r.new_province, new_province_code=r.new_province_code, new_unit="",
                         new_unit_code="", new_unit_type="", status="split", indicator=r.indicator, level=r.level,
                         year=r.year, unit=r.unit, value=np.nan, numerator=np.nan, denominator=np.nan, n_old_units=1,
                         old_units=r.old_name, candidates=r.candidates, complete=False, missing_old_units="",
                         note=f"{r.old_name} was divided between several new units: its value "
                              f"({r.value:g}) is not assigned to any of them"))
    out = pd.DataFrame(rows)
    return out.sort_values(["status", "new_province_code", "new_unit_code", "indicator", "level", "year"],
                           kind="stable").reset_index(drop=True)


def successor_units(locality: str, province: str | None = None, district: str | None = None,
                    kind: str | None = None) -> pd.DataFrame:
    """The unit(s) that hold a pre-2025 commune, district or province since 1 July 2025.

    ``kind`` (``commune``, ``district`` or ``province``) says what ``locality`` is; by default
    the unit type of the shipped document written for it (:func:`edustats.external.document_units`:
    Lạc Sơn, Thiệu Hóa and Mường Tè are districts, Na Mèo a commune of Quan Sơn), else it is
    looked up as a commune, then a district, then a province, within ``province`` (default: the
    document's) and ``district`` when given.

    Returns one row per (old commune, new commune) link: ``old_unit``, ``old_unit_type``,
    ``old_commune``, ``old_commune_code`` (old system), ``new_province``, ``new_commune``,
    ``new_commune_code`` (new system), ``mapping`` (``whole`` / ``split``),
    ``also_holds`` (other old communes of the new commune, outside the locality).

    Examples
    --------
    >>> s = successor_units("Mường Tè")
    >>> s["old_commune"].nunique(), s["new_commune"].nunique()
    (14, 8)
    >>> s.loc[s["old_commune"] == "Xã Vàng San", ["new_commune", "also_holds"]].iloc[0].tolist()
    ['Xã Hua Bum', 'Xã Hua Bum (Huyện Nậm Nhùn)']
    """
    from .external import document_units

    doc = document_units().get(locality)
    if doc is not None:
        kind = kind or doc[0]
        province = province or doc[1]
        district = district or doc[2] or None
    cw = _load_commune_crosswalk()[0]
    sub = cw if not province else cw[cw["_province_key"] == unit_key(province)]
    if district:
        sub = _match(sub, "district", district)
    k = unit_key(locality)
    order = (("_commune_key", "commune"), ("_district_key", "district"), ("_province_key", "province"))
    for col, kind_ in [o for o in order if kind in (None, o[1])]:
        hit = _match(sub, kind_, locality) if kind_ != "province" else sub[sub[col] == k]
        if not hit.empty:
            kind = kind_
            break
    else:
        names = sorted(set(sub["old_district"]) | set(sub["old_commune"]))
        near = difflib.get_close_matches(locality, names, n=1)
        raise_data_error("không tìm thấy đơn vị cũ / old unit not found", [_problem(
            None, "locality", locality, "a pre-2025 commune, district or province" +
            (f" (nearest: {near[0]})" if near else ""))])
    if kind == "commune" and hit["old_commune_code"].nunique() > 1:
        raise_data_error("tên xã trùng / ambiguous commune name", [_problem(
            None, "locality", locality, "one commune; give the district: " +
            "; ".join(sorted(set(hit["old_commune"] + " (" + hit["old_district"] + ")"))))])
    old_ids = set(hit["old_commune_code"] + "|" + hit["old_district_code"])
    also = []
    for r in hit.itertuples(index=False):
        same = cw[(cw["new_province_code"] == r.new_province_code) & (cw["new_commune_code"] == r.new_commune_code)]
        others = same[~(same["old_commune_code"] + "|" + same["old_district_code"]).isin(old_ids)]
        also.append("; ".join(f"{a} ({b})" for a, b in zip(others["old_commune"], others["old_district"])))
    out = pd.DataFrame({
        "old_unit": locality, "old_unit_type": kind, "old_province": hit["old_province"].to_numpy(),
        "old_district": hit["old_district"].to_numpy(), "old_commune": hit["old_commune"].to_numpy(),
        "old_commune_code": hit["old_commune_code"].to_numpy(), "new_province": hit["new_province"].to_numpy(),
        "new_commune": hit["new_commune"].to_numpy(), "new_commune_code": hit["new_commune_code"].to_numpy(),
        "mapping": hit["mapping"].to_numpy(), "also_holds": also})
    return out.sort_values(["old_commune_code", "new_commune_code"], kind="stable").reset_index(drop=True)
