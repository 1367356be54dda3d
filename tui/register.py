"""The official register of Vietnam's 2025 units, read from maintained PyPI packages.

* ``vietnam-provinces`` gives the 34 provinces and 3,321 commune-level units with their
  official codes, names and types.
* ``vietnamadminunits`` ships, as data files, each unit's area and the mapping from the
  pre-2025 units that were merged into it (whole or in part).

We read both packages' data files directly (located with ``importlib.util.find_spec``,
which does not execute the packages): importing their code would pull in shapely and a
140 kB enum module for nothing. The two packages disagree on some codes, so they are
joined on (province, folded unit name) and the official code is vietnam-provinces'.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from .models import FormerUnit, RegisterUnit
from .text.collate import vietnamese_sort_key
from .text.fold import fold_for_search

__all__ = ["Register", "RegisterError", "load_register", "short_province_name"]

_PROVINCE_PREFIXES = ("Thành phố ", "Tỉnh ")
_UNIT_PREFIXES = {"Phường ": "phường", "Xã ": "xã", "Đặc khu ": "đặc khu"}


class RegisterError(RuntimeError):
    """The register packages are missing or their data cannot be read."""


def short_province_name(name: str) -> str:
    """``"Tỉnh Cao Bằng"`` -> ``"Cao Bằng"``; ``"Thành phố Hà Nội"`` -> ``"Hà Nội"``."""
    for prefix in _PROVINCE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _split_unit_name(full: str) -> tuple[str, str]:
    for prefix, unit_type in _UNIT_PREFIXES.items():
        if full.startswith(prefix):
            return unit_type, full[len(prefix) :]
    return "", full


def _package_dir(package: str) -> Path:
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RegisterError(f"package {package!r} is not installed (pip install -e .)")
    return Path(next(iter(spec.submodule_search_locations)))


def _key(text: str) -> str:
    return "".join(ch for ch in fold_for_search(text) if ch.isalnum())


class Register:
    """All units of the 2025 register, by code, with lazy former-unit data."""

    def __init__(self, units: Iterable[RegisterUnit], adminunits_dir: Path | None = None) -> None:
        self._units: dict[str, RegisterUnit] = {u.code: u for u in units}
        self._adminunits_dir = adminunits_dir
        self._enriched = adminunits_dir is None
        self._lock = threading.Lock()
        self._former_provinces: dict[str, tuple[str, ...]] = {}

    def __len__(self) -> int:
        return len(self._units)

    def __contains__(self, code: object) -> bool:
        return code in self._units

    def get(self, code: str) -> RegisterUnit | None:
        """The unit with official code ``code`` (five digits, e.g. ``"01273"``), with details."""
        self.enrich()
        return self._units.get(code)

    def basic(self, code: str) -> RegisterUnit | None:
        """The unit without waiting for areas and former units (cheap, for start-up)."""
        return self._units.get(code)

    def units(self) -> list[RegisterUnit]:
        """Every unit, in Vietnamese order of province then unit name."""
        self.enrich()
        return sorted(
            self._units.values(),
            key=lambda u: (vietnamese_sort_key(u.province), vietnamese_sort_key(u.name)),
        )

    def provinces(self) -> list[str]:
        return sorted({u.province for u in self._units.values()}, key=vietnamese_sort_key)

    def former_provinces(self) -> dict[str, tuple[str, ...]]:
        """New province name -> names of the pre-2025 provinces merged into it."""
        self.enrich()
        return self._former_provinces

    def find_by_name(self, name: str, province: str | None = None) -> list[RegisterUnit]:
        """Units whose name folds to ``name`` (type prefix allowed), optionally in a province."""
        self.enrich()
        unit_type, bare = _split_unit_name(name.strip())
        if not unit_type:
            for prefix, kind in _UNIT_PREFIXES.items():
                if name.lower().startswith(prefix.lower()):
                    unit_type, bare = kind, name.strip()[len(prefix) :]
        wanted = _key(bare)
        found = [
            u
            for u in self._units.values()
            if _key(u.name) == wanted and (not unit_type or u.unit_type == unit_type)
        ]
        if province:
            target = _key(short_province_name(province))
            found = [
                u
                for u in found
                if _key(u.province) == target
                or target in {_key(p) for p in self._former_provinces.get(u.province, ())}
            ]
        return found

    def enrich(self) -> None:
        """Join areas and former units from ``vietnamadminunits`` (once, thread-safe)."""
        if self._enriched:
            return
        with self._lock:
            if self._enriched or self._adminunits_dir is None:
                return
            self._units, self._former_provinces = _enrich(self._units, self._adminunits_dir)
            self._enriched = True


def _enrich(
    units: dict[str, RegisterUnit], data_dir: Path
) -> tuple[dict[str, RegisterUnit], dict[str, tuple[str, ...]]]:
    connection = sqlite3.connect(f"file:{data_dir / 'dataset.db'}?mode=ro", uri=True)
    try:
        new_rows = connection.execute(
            "SELECT provinceKey, wardKey, provinceShort, ward, wardAreaKm2 FROM admin_units"
        ).fetchall()
        legacy_rows = connection.execute(
            "SELECT provinceKey, districtKey, wardKey, ward, wardType, district, province"
            " FROM admin_units_legacy"
        ).fetchall()
    finally:
        connection.close()
    converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))

    legacy: dict[str, tuple[str, str, str, str]] = {}
    legacy_province_names: dict[str, str] = {}
    for province_key, district_key, ward_key, ward, ward_type, district, province in legacy_rows:
        legacy[f"{province_key}_{district_key}_{ward_key}"] = (ward, ward_type, district, province)
        legacy_province_names[province_key] = province

    by_name: dict[tuple[str, str], tuple[str, str, float | None]] = {}
    province_key_names: dict[str, str] = {}
    for province_key, ward_key, province_short, ward, area in new_rows:
        by_name[(_key(province_short), _key(ward))] = (province_key, ward_key, area)
        province_key_names[province_key] = province_short

    formers: dict[tuple[str, str], list[FormerUnit]] = defaultdict(list)

    def add_former(province_key: str, ward_key: str, old_key: str, partial: bool) -> None:
        old = legacy.get(old_key)
        if old is None:
            return
        ward, ward_type, district, province = old
        kind, bare = _split_unit_name(ward)
        formers[(province_key, ward_key)].append(
            FormerUnit(bare, kind or ward_type.lower(), district, province, partial)
        )

    for province_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, old_keys in wards.items():
            for old_key in old_keys:
                add_former(province_key, ward_key, old_key, False)
    for province_key, old_units in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, targets in old_units.items():
            for target in targets:
                add_former(province_key, target["newWardKey"], old_key, True)

    enriched = {}
    for code, unit in units.items():
        match = by_name.get((_key(unit.province), _key(unit.unit_type + unit.name)))
        if match is None:
            enriched[code] = unit
            continue
        province_key, ward_key, area = match
        enriched[code] = replace(
            unit,
            area_km2=float(area) if area is not None else None,
            former_units=tuple(formers.get((province_key, ward_key), ())),
        )

    former_provinces: dict[str, tuple[str, ...]] = {}
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        new_name = province_key_names.get(new_key)
        if new_name is None:
            continue
        former_provinces[new_name] = tuple(
            short_province_name(legacy_province_names[k])
            for k in old_keys
            if k in legacy_province_names
        )
    return enriched, former_provinces


@cache
def load_register() -> Register:
    """The register from the installed packages (read once per process)."""
    provinces_dir = _package_dir("vietnam_provinces")
    try:
        nested = json.loads(
            (provinces_dir / "data" / "nested-divisions.json").read_text(encoding="utf-8")
        )
    except (OSError, ValueError) as error:
        raise RegisterError(f"cannot read vietnam-provinces data: {error}") from error
    units = []
    for province in nested:
        province_name = short_province_name(province["name"])
        province_code = f"{province['code']:02d}"
        for ward in province["wards"]:
            unit_type, bare = _split_unit_name(ward["name"])
            units.append(
                RegisterUnit(
                    code=f"{ward['code']:05d}",
                    name=bare,
                    unit_type=unit_type or ward["division_type"],
                    province_code=province_code,
                    province=province_name,
                )
            )
    try:
        adminunits_dir: Path | None = _package_dir("vietnamadminunits") / "data"
    except RegisterError:
        adminunits_dir = None
    return Register(units, adminunits_dir)
