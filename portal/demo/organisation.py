"""The demo agencies' org trees and positions (SOTK of a pemerintah kota, simplified).

The Sekretaris Daerah is the root position; heads of OPD and camat report to it, so every
holder but the sekda has a supervisor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from portal.demo.grades import CLASS_BONUS, grade_of, standard
from portal.demo.specs import PositionSpec, UnitSpec
from portal.demo.technical import sector_codes
from portal.vocabulary import OrgUnitKind, PositionKind

_K = PositionKind
_U = OrgUnitKind

# A staff position template: (code suffix, title, kind, level or pelaksana tier, capacity,
# technical competency codes).
Staff = tuple[str, str, PositionKind, str, int, tuple[str, ...]]

SEKDA = "SETDA-SEKDA"


@dataclass
class Blueprint:
    """Collects units and positions in tree order (parents first)."""

    units: list[UnitSpec] = field(default_factory=list)
    positions: list[PositionSpec] = field(default_factory=list)

    def unit(self, code: str, name: str, kind: OrgUnitKind, parent: str | None = None) -> str:
        self.units.append(UnitSpec(code, name, kind, parent))
        return code

    def position(
        self,
        code: str,
        title: str,
        kind: PositionKind,
        *,
        unit: str,
        parent: str | None,
        sector: str,
        tier: str | None = None,
        capacity: int = 1,
        technical: tuple[str, ...] = (),
    ) -> str:
        grade = grade_of(kind, tier)
        bonus = CLASS_BONUS.get(code.rsplit("-", 1)[-1], 0)
        self.positions.append(
            PositionSpec(
                code=code,
                title=title,
                kind=kind,
                functional_level=tier if kind == _K.FUNGSIONAL else None,
                position_class=grade.position_class + bonus,
                unit_code=unit,
                parent_code=parent,
                min_education=grade.min_education,
                min_rank=grade.min_rank,
                min_years_experience=grade.min_years,
                capacity=capacity,
                standard=standard(grade, technical or sector_codes(sector)[:2]),
                sector=sector,
            )
        )
        return code

    def staff(self, unit: str, parent: str, sector: str, members: list[Staff]) -> None:
        for suffix, title, kind, tier, capacity, technical in members:
            self.position(
                f"{unit}-{suffix}",
                title,
                kind,
                unit=unit,
                parent=parent,
                sector=sector,
                tier=tier,
                capacity=capacity,
                technical=technical,
            )


def _f(suffix: str, title: str, level: str, cap: int, *tech: str) -> Staff:
    """A functional position (jabatan fungsional) of one level."""
    return (suffix, f"{title} {level}", _K.FUNGSIONAL, level, cap, tech)


def _p(suffix: str, title: str, tier: str, cap: int, *tech: str) -> Staff:
    """A pelaksana position for the given education tier."""
    return (suffix, title, _K.PELAKSANA, tier, cap, tech)


def secretariat(bp: Blueprint, opd: str, opd_name: str, head: str) -> None:
    """Sekretariat with its two subbagian, as every dinas and badan has."""
    sek = bp.unit(f"{opd}-SEK", f"Sekretariat {opd_name}", _U.BIDANG, opd)
    sekretaris = bp.position(
        f"{opd}-SEK-SEKRETARIS",
        f"Sekretaris {opd_name}",
        _K.ADMINISTRATOR,
        unit=sek,
        parent=head,
        sector="UMUM",
    )
    umpeg = bp.unit(f"{opd}-UMPEG", "Subbagian Umum dan Kepegawaian", _U.SEKSI, sek)
    kasubbag = bp.position(
        f"{umpeg}-KASUBBAG",
        "Kepala Subbagian Umum dan Kepegawaian",
        _K.PENGAWAS,
        unit=umpeg,
        parent=sekretaris,
        sector="SDM",
        technical=("T.SDM.01", "T.UM.03"),
    )
    bp.staff(
        umpeg,
        kasubbag,
        "SDM",
        [
            _p("PK", "Pengelola Kepegawaian", "S1", 2, "T.SDM.01", "T.SDM.03"),
            _p("ADM", "Pengadministrasi Perkantoran", "SLTA", 2, "T.UM.03"),
            _f("ARS", "Arsiparis", "Terampil", 1, "T.UM.03"),
        ],
    )
    keu = bp.unit(f"{opd}-KEU", "Subbagian Perencanaan dan Keuangan", _U.SEKSI, sek)
    kasubbag_keu = bp.position(
        f"{keu}-KASUBBAG",
        "Kepala Subbagian Perencanaan dan Keuangan",
        _K.PENGAWAS,
        unit=keu,
        parent=sekretaris,
        sector="UMUM",
    )
    bp.staff(
        keu,
        kasubbag_keu,
        "UMUM",
        [
            _p("PKEU", "Pengelola Keuangan", "D3", 2, "T.UM.01"),
            _f("PRC", "Perencana", "Ahli Pertama", 1, "T.UM.02", "T.UM.01"),
        ],
    )


@dataclass(frozen=True)
class Bidang:
    suffix: str
    name: str
    staff: list[Staff]
    # Optional seksi beneath the bidang: (suffix, name, its staff).
    seksi: tuple[str, str, list[Staff]] | None = None


@dataclass(frozen=True)
class Uptd:
    suffix: str
    name: str
    head_title: str
    staff: list[Staff]
    # The head's kind and level; a school is led by a teacher (guru) with an extra task.
    head_kind: PositionKind = _K.PENGAWAS
    head_tier: str | None = None


def opd(
    bp: Blueprint,
    code: str,
    name: str,
    kind: OrgUnitKind,
    sector: str,
    bidang: list[Bidang],
    uptd: Sequence[Uptd] = (),
) -> None:
    """A dinas or badan: head, sekretariat, bidang (with seksi) and UPTD."""
    unit = bp.unit(code, name, kind, "SETDA")
    head = bp.position(
        f"{code}-KEPALA", f"Kepala {name}", _K.JPT_PRATAMA, unit=unit, parent=SEKDA, sector=sector
    )
    secretariat(bp, code, name, head)
    for b in bidang:
        b_unit = bp.unit(f"{code}-{b.suffix}", b.name, _U.BIDANG, unit)
        kabid = bp.position(
            f"{b_unit}-KABID", f"Kepala {b.name}", _K.ADMINISTRATOR, unit=b_unit, parent=head,
            sector=sector, technical=_techs(b.staff, sector),
        )  # fmt: skip
        bp.staff(b_unit, kabid, sector, b.staff)
        if b.seksi:
            suffix, seksi_name, members = b.seksi
            s_unit = bp.unit(f"{b_unit}-{suffix}", seksi_name, _U.SEKSI, b_unit)
            kasi = bp.position(
                f"{s_unit}-KASI", f"Kepala {seksi_name}", _K.PENGAWAS, unit=s_unit, parent=kabid,
                sector=sector, technical=_techs(members, sector),
            )  # fmt: skip
            bp.staff(s_unit, kasi, sector, members)
    for u in uptd:
        u_unit = bp.unit(f"{code}-{u.suffix}", u.name, _U.UPTD, unit)
        kepala = bp.position(
            f"{u_unit}-KEPALA", u.head_title, u.head_kind, unit=u_unit, parent=head,
            sector=sector, tier=u.head_tier, technical=_techs(u.staff, sector),
        )  # fmt: skip
        bp.staff(u_unit, kepala, sector, u.staff)


def _techs(members: list[Staff], sector: str) -> tuple[str, ...]:
    """A leader's technical standard: the first technical codes of their staff."""
    codes: list[str] = []
    for member in members:
        for code in member[5]:
            if code not in codes:
                codes.append(code)
    return tuple(codes[:2]) or sector_codes(sector)[:2]
