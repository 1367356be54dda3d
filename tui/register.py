"""The official register of Vietnam's 2025 units, read from maintained PyPI packages.

* ``vietnam-provinces`` gives the 34 provinces and 3,321 commune-level units with their
  official codes, names and types.
* ``vietnamadminunits`` ships, as data files, each unit's area and the mapping from the
  pre-2025 units that were merged into it (whole or in part).

We read both packages' data files directly (located with ``importlib.util.find_spec``,
which does not execute the packages): importing their code would pull in shapely and a
140 kB enum module for nothing. The two packages disagree on some codes, so they are
joined on (province, folded unit name) and the official code is vietnam-provinces'.

Start-up matters (the app needs the register before its first paint), so the units in
Vietnamese order, and once computed their areas and former units, are kept in a small
``marshal`` file in the cache dir keyed by the packages' data files (path, size, mtime):
about 10 ms instead of 50 ms for the basic register and 280 ms for the details. The cache
is optional; any problem with it means reading the packages again.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from functools import cache, cached_property
from importlib.util import find_spec
from itertools import chain
from pathlib import Path

from .cache import cache_root
from .text.collate import vietnamese_sort_key
from .text.fold import fold_for_search
from .units import FormerUnit, RegisterUnit

__all__ = ["Register", "RegisterError", "load_register", "short_province_name"]

_PROVINCE_PREFIXES = ("Thành phố ", "Tỉnh ")
_UNIT_PREFIXES = {"Phường ": "phường", "Xã ": "xã", "Đặc khu ": "đặc khu"}
#: Pre-2025 unit types, for the former units merged into the new ones.
_LEGACY_PREFIXES = {**_UNIT_PREFIXES, "Thị trấn ": "thị trấn"}


#: A unit as the register cache keeps it: (code, name, type, province code, province).
_UnitRow = tuple[str, str, str, str, str]


class RegisterError(RuntimeError):
    """The register packages are missing or their data cannot be read."""


def short_province_name(name: str) -> str:
    """``"Tỉnh Cao Bằng"`` -> ``"Cao Bằng"``; ``"Thành phố Hà Nội"`` -> ``"Hà Nội"``."""
    for prefix in _PROVINCE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _split_unit_name(full: str, prefixes: dict[str, str] = _UNIT_PREFIXES) -> tuple[str, str]:
    for prefix, unit_type in prefixes.items():
        if full[: len(prefix)].lower() == prefix.lower():  # legacy data has "Thị Trấn"
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

    def __init__(
        self,
        units: Iterable[RegisterUnit],
        adminunits_dir: Path | None = None,
        *,
        ordered: bool = False,
        cache_file: Path | None = None,
        rows: list[_UnitRow] | None = None,
    ) -> None:
        """``rows`` (from the register cache, in order): units made from these when first
        asked for; making all 3,321 at start-up cost ~8 ms, for a first frame that shows
        ~40 of them (and only their names, see :meth:`label`)."""
        self._units: dict[str, RegisterUnit] = {u.code: u for u in units}
        self._rows: dict[str, _UnitRow] | None = None
        if rows is not None:
            self._rows = {row[0]: row for row in rows}
            ordered = True
        self._adminunits_dir = adminunits_dir
        self._enriched = adminunits_dir is None and cache_file is None
        self._by_key: dict[str, list[RegisterUnit]] | None = None
        self._lock = threading.Lock()
        self._former_provinces: dict[str, tuple[str, ...]] = {}
        self._cache_file = cache_file
        if self._rows is not None:
            codes = list(self._rows)
        else:
            codes = list(self._units) if ordered else _vietnamese_order(self._units.values())
        self._rank = {code: index for index, code in enumerate(codes)}

    def __len__(self) -> int:
        return len(self._rank)

    @cached_property
    def fingerprint(self) -> str:
        """A digest of the units' codes in order: what a saved ward listing (which units
        exist, in which order) depends on, so a listing made with another register
        (another package version) is not shown as current."""
        return hashlib.sha1("\n".join(self._rank).encode(), usedforsecurity=False).hexdigest()

    def __contains__(self, code: object) -> bool:
        return code in self._rank

    def _unit(self, code: str) -> RegisterUnit | None:
        units, rows = self._units, self._rows
        unit = units.get(code)
        if unit is None and rows is not None:
            row = rows.get(code)
            if row is not None:
                unit = units[code] = RegisterUnit(*row)
        return unit

    def _all_units(self) -> dict[str, RegisterUnit]:
        """Every unit, made now if still a row (the rows stay: another thread may be
        reading one)."""
        rows, units = self._rows, self._units
        if rows is not None and len(units) < len(rows):
            for code, row in rows.items():
                if code not in units:
                    units[code] = RegisterUnit(*row)
        return units

    def label(self, code: str) -> tuple[str, str, str] | None:
        """(name, type, province) of unit ``code``, without making the unit: cheap, for the
        ward list's first frame."""
        unit = self._units.get(code)
        if unit is not None:
            return unit.name, unit.unit_type, unit.province
        rows = self._rows
        row = rows.get(code) if rows is not None else None
        return None if row is None else (row[1], row[2], row[4])

    def get(self, code: str) -> RegisterUnit | None:
        """The unit with official code ``code`` (five digits, e.g. ``"01273"``), with details."""
        self.enrich()
        return self._units.get(code)

    @property
    def enriched(self) -> bool:
        """Areas and former units are loaded (``get`` will not block on them)."""
        return self._enriched

    def basic(self, code: str) -> RegisterUnit | None:
        """The unit without waiting for areas and former units (cheap, for start-up)."""
        return self._unit(code)

    def units(self, details: bool = True) -> list[RegisterUnit]:
        """Every unit, in Vietnamese order of province then unit name.

        ``details=False`` skips loading areas and former units (for the UI thread while
        a worker loads them).
        """
        if details:
            self.enrich()
        units = self._all_units()
        return [units[code] for code in self._rank]

    def rank(self, code: str) -> int:
        """Position of unit ``code`` in Vietnamese order of province then name (cheap).

        Sorting by it gives the same order as ``vietnamese_sort_key`` on (province,
        name), without computing keys; unknown codes sort last.
        """
        return self._rank.get(code, len(self._rank))

    def provinces(self) -> list[str]:
        return sorted({u.province for u in self._all_units().values()}, key=vietnamese_sort_key)

    def former_provinces(self) -> dict[str, tuple[str, ...]]:
        """New province name -> names of the pre-2025 provinces merged into it."""
        self.enrich()
        return self._former_provinces

    def units_named(self, name: str) -> list[RegisterUnit]:
        """Units whose bare name folds to ``name`` (accents, case, spacing ignored).

        The index is built once, after the details are joined, so lookups by the importer
        (several per article) do not scan all 3,321 units.
        """
        self.enrich()
        if self._by_key is None:
            index: dict[str, list[RegisterUnit]] = {}
            for code in self._rank:
                unit = self._units[code]
                index.setdefault(_key(unit.name), []).append(unit)
            self._by_key = index
        return list(self._by_key.get(_key(name), ()))

    def find_by_name(self, name: str, province: str | None = None) -> list[RegisterUnit]:
        """Units whose name folds to ``name`` (type prefix allowed), optionally in a province."""
        self.enrich()
        unit_type, bare = _split_unit_name(name.strip())
        if not unit_type:
            for prefix, kind in _UNIT_PREFIXES.items():
                if name.lower().startswith(prefix.lower()):
                    unit_type, bare = kind, name.strip()[len(prefix) :]
        found = [
            u for u in self.units_named(bare) if not unit_type or u.unit_type == unit_type
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
            if self._enriched:
                return
            details = _read_details(self._cache_file) if self._cache_file else None
            units = self._all_units()
            if details is not None:
                try:
                    self._units, self._former_provinces = _apply_details(units, details)
                    self._enriched = True
                    return
                except (KeyError, TypeError, ValueError):
                    pass  # a damaged cache: compute the details again
            if self._adminunits_dir is None:
                self._enriched = True
                return
            self._units, self._former_provinces = _enrich(units, self._adminunits_dir)
            self._enriched = True
            if self._cache_file is not None:
                ordered = {code: self._units[code] for code in self._rank}
                _write_cache(self._cache_file, ordered, _details_of(self))


def _enrich(
    units: dict[str, RegisterUnit], data_dir: Path
) -> tuple[dict[str, RegisterUnit], dict[str, tuple[str, ...]]]:
    import json  # here, not at start-up: only a cold register cache reads the packages
    import sqlite3

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
        kind, bare = _split_unit_name(ward, _LEGACY_PREFIXES)
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


_CACHE_FORMAT = "register-3"


def _vietnamese_order(units: Iterable[RegisterUnit]) -> list[str]:
    """Codes in Vietnamese order of (province, name), as ``vietnamese_sort_key`` orders.

    The key of a string is made of per-character keys, so they are computed once per
    distinct character instead of once per character of every name (50x faster).
    """
    memo: dict[str, tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]] = {}

    def key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
        parts = []
        for char in unicodedata.normalize("NFC", text):
            found = memo.get(char)
            if found is None:
                found = memo[char] = vietnamese_sort_key(char)
            parts.append(found)
        return (
            tuple(p[0][0] for p in parts),
            tuple(p[1][0] for p in parts),
            tuple(p[2][0] for p in parts),
        )

    return [
        u.code for u in sorted(units, key=lambda u: (key(u.province), key(u.name), u.code))
    ]


def _cache_file(paths: Iterable[Path]) -> Path | None:
    root = cache_root()
    if root is None:
        return None
    parts = [_CACHE_FORMAT]
    try:
        # This module too: a change in how the data is read must not reuse an old cache.
        for path in (*paths, Path(__file__)):
            st = path.stat()
            parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        return None
    return root / f"register-{hashlib.sha256('|'.join(parts).encode()).hexdigest()[:16]}.marshal"


def _details_of(register: Register) -> dict[str, object]:
    return {
        "areas": {code: u.area_km2 for code, u in register._units.items()},
        "formers": {
            code: [(f.name, f.unit_type, f.district, f.province, f.partial)
                   for f in u.former_units]
            for code, u in register._units.items()
            if u.former_units
        },
        "former_provinces": register._former_provinces,
    }


def _apply_details(
    units: dict[str, RegisterUnit], details: dict[str, object]
) -> tuple[dict[str, RegisterUnit], dict[str, tuple[str, ...]]]:
    areas = details["areas"]
    formers = details["formers"]
    provinces = details["former_provinces"]
    if not (isinstance(areas, dict) and isinstance(formers, dict) and isinstance(provinces, dict)):
        raise ValueError("damaged register details")
    enriched = {
        code: replace(
            unit,
            area_km2=areas.get(code),
            former_units=tuple(FormerUnit(*f) for f in formers.get(code, ())),
        )
        for code, unit in units.items()
    }
    return enriched, {name: tuple(old) for name, old in provinces.items()}


def _details_file(cache_file: Path) -> Path:
    """Areas and former units live apart from the units: start-up reads only the units
    (~5 ms instead of ~35 ms for both); the details are read in a worker."""
    return cache_file.with_suffix(".details")


def _write_cache(
    path: Path, units: dict[str, RegisterUnit], details: dict[str, object] | None
) -> None:
    """Write the register cache (units; details when given); failures only cost speed."""
    rows = [(u.code, u.name, u.unit_type, u.province_code, u.province) for u in units.values()]
    _write_marshal(path, {"format": _CACHE_FORMAT, "units": rows})
    if details is not None:
        _write_marshal(_details_file(path), {"format": _CACHE_FORMAT, "details": details})


def _write_marshal(path: Path, data: dict[str, object]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                marshal.dump(data, stream)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        pass


def _read_marshal(path: Path, key: str) -> object | None:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("format") != _CACHE_FORMAT:
        return None
    return data.get(key)


def _read_cache(path: Path) -> list[_UnitRow] | None:
    """The cached units' rows (code, name, type, province code, province), or None."""
    rows = _read_marshal(path, "units")
    # Checked in C-speed passes (each row is made into a unit only when first needed).
    if not (
        isinstance(rows, list)
        and set(map(type, rows)) <= {tuple}
        and set(map(len, rows)) <= {5}
        and set(map(type, chain.from_iterable(rows))) <= {str}
    ):
        return None
    return rows


def _read_details(cache_file: Path) -> dict[str, object] | None:
    details = _read_marshal(_details_file(cache_file), "details")
    return details if isinstance(details, dict) else None


@cache
def load_register() -> Register:
    """The register from the installed packages (read once per process, cached on disk)."""
    provinces_dir = _package_dir("vietnam_provinces")
    divisions = provinces_dir / "data" / "nested-divisions.json"
    try:
        adminunits_dir: Path | None = _package_dir("vietnamadminunits") / "data"
    except RegisterError:
        adminunits_dir = None
    sources = [divisions]
    if adminunits_dir is not None:
        sources += [adminunits_dir / "dataset.db", adminunits_dir / "converter_2025.json"]
    cache_file = _cache_file(sources)
    rows = _read_cache(cache_file) if cache_file is not None else None
    if rows is not None:
        return Register((), adminunits_dir, cache_file=cache_file, rows=rows)
    try:
        import json  # here, not at start-up: a warm start reads only the cache

        nested = json.loads(divisions.read_text(encoding="utf-8"))
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
    register = Register(units, adminunits_dir, cache_file=cache_file)
    if cache_file is not None:
        _write_cache(cache_file, {c: register._units[c] for c in register._rank}, None)
    return register
