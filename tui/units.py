"""The register's units: official facts about the 2025 units, not article claims.

Apart from :mod:`tui.models` (which re-exports them) because they are the only models the
first frame needs: the register and the ward list are built from them, while articles,
facts and wards are made only when a ward is opened. Defining a frozen dataclass costs
~1 ms at import, so the app's start-up path imports this module, not that one.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FormerUnit", "RegisterUnit"]


@dataclass(frozen=True)
class FormerUnit:
    """A pre-2025 unit merged (wholly or partly) into a new one, per the register."""

    name: str
    unit_type: str
    district: str
    province: str
    partial: bool = False

    @property
    def label(self) -> str:
        suffix = " (một phần)" if self.partial else ""
        return f"{self.unit_type} {self.name}{suffix}"


@dataclass(frozen=True)
class RegisterUnit:
    """A commune-level unit of the 2025 register: official facts, not article claims."""

    code: str
    name: str
    unit_type: str
    province_code: str
    province: str
    area_km2: float | None = None
    former_units: tuple[FormerUnit, ...] = ()

    @property
    def full_name(self) -> str:
        return f"{self.unit_type.capitalize()} {self.name}"
