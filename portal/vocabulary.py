"""The domain's fixed vocabulary: ranks, education levels, position kinds, predikat, roles.

Pure Python (no ORM) so the workflow engine and rules can use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum


class Rank(IntEnum):
    """Golongan/ruang, 17 steps (PP 99/2000); the value orders them."""

    I_A = 1
    I_B = 2
    I_C = 3
    I_D = 4
    II_A = 5
    II_B = 6
    II_C = 7
    II_D = 8
    III_A = 9
    III_B = 10
    III_C = 11
    III_D = 12
    IV_A = 13
    IV_B = 14
    IV_C = 15
    IV_D = 16
    IV_E = 17

    @property
    def code(self) -> str:
        """The official notation, e.g. ``III/b``."""
        group, room = self.name.split("_")
        return f"{group}/{room.lower()}"

    @property
    def title(self) -> str:
        """The rank's name (pangkat), e.g. Penata Muda Tingkat I."""
        return RANK_NAMES[self]

    @classmethod
    def from_code(cls, code: str) -> Rank:
        """Parse ``III/b`` (case-insensitive); ValueError when unknown."""
        try:
            group, room = code.strip().upper().split("/")
            return cls[f"{group}_{room}"]
        except (KeyError, ValueError):
            raise ValueError(f"unknown rank {code!r}; expected e.g. III/b") from None


RANK_NAMES: dict[Rank, str] = {
    Rank.I_A: "Juru Muda",
    Rank.I_B: "Juru Muda Tingkat I",
    Rank.I_C: "Juru",
    Rank.I_D: "Juru Tingkat I",
    Rank.II_A: "Pengatur Muda",
    Rank.II_B: "Pengatur Muda Tingkat I",
    Rank.II_C: "Pengatur",
    Rank.II_D: "Pengatur Tingkat I",
    Rank.III_A: "Penata Muda",
    Rank.III_B: "Penata Muda Tingkat I",
    Rank.III_C: "Penata",
    Rank.III_D: "Penata Tingkat I",
    Rank.IV_A: "Pembina",
    Rank.IV_B: "Pembina Tingkat I",
    Rank.IV_C: "Pembina Utama Muda",
    Rank.IV_D: "Pembina Utama Madya",
    Rank.IV_E: "Pembina Utama",
}


class Education(StrEnum):
    """Highest education level (pendidikan terakhir), low to high."""

    SD = "SD"
    SLTP = "SLTP"
    SLTP_KEJURUAN = "SLTP_KEJURUAN"
    SLTA = "SLTA"
    D1 = "D1"
    D2 = "D2"
    D3 = "D3"
    S1 = "S1"
    D4 = "D4"
    S2 = "S2"
    S3 = "S3"

    @property
    def order(self) -> int:
        """Comparable level; S1 and D-IV are equal."""
        return EDUCATION_ORDER[self]


EDUCATION_ORDER: dict[Education, int] = {
    Education.SD: 1,
    Education.SLTP: 2,
    Education.SLTP_KEJURUAN: 3,
    Education.SLTA: 4,
    Education.D1: 4,
    Education.D2: 4,
    Education.D3: 5,
    Education.S1: 6,
    Education.D4: 6,
    Education.S2: 7,
    Education.S3: 8,
}

# PP 99/2000 jo PP 12/2002: highest rank reachable by regular promotion for an education level.
EDUCATION_RANK_CAP: dict[Education, Rank] = {
    Education.SD: Rank.II_A,
    Education.SLTP: Rank.II_C,
    Education.SLTP_KEJURUAN: Rank.II_D,
    Education.SLTA: Rank.III_B,
    Education.D1: Rank.III_B,
    Education.D2: Rank.III_B,
    Education.D3: Rank.III_C,
    Education.S1: Rank.III_D,
    Education.D4: Rank.III_D,
    Education.S2: Rank.IV_A,
    Education.S3: Rank.IV_B,
}


class Gender(StrEnum):
    """NIP digit 15: 1 male, 2 female (Perka BKN 22/2007)."""

    MALE = "M"
    FEMALE = "F"


class EmployeeType(StrEnum):
    PNS = "PNS"
    CPNS = "CPNS"
    PPPK = "PPPK"


class EmployeeStatus(StrEnum):
    ACTIVE = "ACTIVE"
    FURTHER_STUDY = "FURTHER_STUDY"  # tugas belajar
    LEAVE = "LEAVE"
    SUSPENDED = "SUSPENDED"
    RETIRED = "RETIRED"
    DISMISSED = "DISMISSED"  # diberhentikan (PP 94/2021 berat, or on request)


class PenaltyLevel(StrEnum):
    """Hukuman disiplin (PP 94/2021)."""

    LIGHT = "LIGHT"
    MODERATE = "MODERATE"
    SEVERE = "SEVERE"


class ChangeKind(StrEnum):
    """What a scheduled change (effective on its TMT) changes."""

    RANK = "RANK"
    POSITION = "POSITION"
    STATUS = "STATUS"


class DocumentStatus(StrEnum):
    """HR's check of an uploaded berkas."""

    PENDING = "PENDING"
    VERIFIED = "VERIFIED"
    REJECTED = "REJECTED"


class PositionKind(StrEnum):
    """Jenis jabatan (UU 20/2023)."""

    JPT_UTAMA = "JPT_UTAMA"
    JPT_MADYA = "JPT_MADYA"
    JPT_PRATAMA = "JPT_PRATAMA"
    ADMINISTRATOR = "ADMINISTRATOR"
    PENGAWAS = "PENGAWAS"
    PELAKSANA = "PELAKSANA"
    FUNGSIONAL = "FUNGSIONAL"

    @property
    def managerial(self) -> bool:
        return self not in (PositionKind.PELAKSANA, PositionKind.FUNGSIONAL)


class OrgUnitKind(StrEnum):
    SETDA = "SETDA"  # sekretariat daerah
    BADAN = "BADAN"
    DINAS = "DINAS"
    KECAMATAN = "KECAMATAN"
    BIDANG = "BIDANG"
    SEKSI = "SEKSI"
    UPTD = "UPTD"


class CompetencyCategory(StrEnum):
    """PermenPANRB 38/2017."""

    TECHNICAL = "TECHNICAL"
    MANAGERIAL = "MANAGERIAL"
    SOCIO_CULTURAL = "SOCIO_CULTURAL"


class Rating(StrEnum):
    """Work-result or behaviour rating (PermenPANRB 6/2022)."""

    BELOW = "BELOW"
    AS_EXPECTED = "AS_EXPECTED"
    ABOVE = "ABOVE"


class Predikat(StrEnum):
    """Performance predikat (PermenPANRB 6/2022), best first in ``PREDIKAT_ORDER``."""

    SANGAT_BAIK = "SANGAT_BAIK"
    BAIK = "BAIK"
    BUTUH_PERBAIKAN = "BUTUH_PERBAIKAN"
    KURANG = "KURANG"
    SANGAT_KURANG = "SANGAT_KURANG"

    @property
    def order(self) -> int:
        return PREDIKAT_ORDER[self]


PREDIKAT_ORDER: dict[Predikat, int] = {
    Predikat.SANGAT_KURANG: 1,
    Predikat.KURANG: 2,
    Predikat.BUTUH_PERBAIKAN: 3,
    Predikat.BAIK: 4,
    Predikat.SANGAT_BAIK: 5,
}


class EvaluationPeriod(StrEnum):
    ANNUAL = "ANNUAL"
    Q1 = "Q1"
    Q2 = "Q2"
    Q3 = "Q3"
    Q4 = "Q4"


class FeedbackRelation(StrEnum):
    SUPERVISOR = "SUPERVISOR"
    PEER = "PEER"
    SUBORDINATE = "SUBORDINATE"
    SELF = "SELF"


class RequestKind(StrEnum):
    ROTATION = "ROTATION"  # mutasi/rotasi
    PROMOTION = "PROMOTION"  # kenaikan pangkat / jabatan
    FURTHER_STUDY = "FURTHER_STUDY"  # tugas belajar
    DATA_CORRECTION = "DATA_CORRECTION"  # pemutakhiran data mandiri (by the employee)


class RequestState(StrEnum):
    """Where a career request stands; the workflow definitions say which actions lead where."""

    DRAFT = "DRAFT"
    SUPERVISOR_REVIEW = "SUPERVISOR_REVIEW"
    HEAD_OF_OPD_REVIEW = "HEAD_OF_OPD_REVIEW"
    HR_REVIEW = "HR_REVIEW"
    HR_HEAD_REVIEW = "HR_HEAD_REVIEW"  # an agency's own chain: the HR head decides
    POSITION_REVIEW = "POSITION_REVIEW"  # an agency's own chain: a named position (e.g. Sekda)
    COMMITTEE_REVIEW = "COMMITTEE_REVIEW"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    RETURNED = "RETURNED"
    WITHDRAWN = "WITHDRAWN"

    @property
    def terminal(self) -> bool:
        """An end state: nothing more happens to the request."""
        return self in (RequestState.APPROVED, RequestState.REJECTED, RequestState.WITHDRAWN)


class ChainStatus(StrEnum):
    """An agency's approval chain version: a draft being edited, or published (immutable)."""

    DRAFT = "DRAFT"
    PUBLISHED = "PUBLISHED"


class Role(StrEnum):
    """Roles held by a user within their agency; supervisor is derived, not granted."""

    EMPLOYEE = "EMPLOYEE"
    HR = "HR"
    HR_HEAD = "HR_HEAD"
    COMMITTEE = "COMMITTEE"
    ADMIN = "ADMIN"


class Scope(StrEnum):
    """Scopes of an API token for external systems."""

    READ = "read"
    WRITE = "write"


@dataclass(frozen=True)
class Label:
    """A user-facing text in Bahasa Indonesia and English."""

    id: str
    en: str
