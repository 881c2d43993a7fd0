"""What each kind of position requires: class, minimum education and rank, competency levels.

Managerial levels by kind follow the commonly cited PermenPANRB 38/2017 mapping (JPT pratama 4,
administrator 3, pengawas 2, pelaksana 1); functional positions by their level.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.demo.competencies import MANAGERIAL_CODES, SOCIO_CULTURAL_CODE
from portal.vocabulary import Education, PositionKind, Rank


@dataclass(frozen=True)
class Grade:
    position_class: int  # kelas jabatan
    min_education: Education
    min_rank: Rank
    min_years: int
    managerial_level: int
    technical_level: int
    # How many rank steps above the minimum holders typically are.
    rank_span: int


_K = PositionKind
_E = Education
_R = Rank

# (kind, functional level or pelaksana education tier) -> grade
GRADES: dict[tuple[PositionKind, str | None], Grade] = {
    (_K.JPT_PRATAMA, None): Grade(14, _E.S1, _R.IV_A, 5, 4, 4, 2),
    (_K.ADMINISTRATOR, None): Grade(11, _E.S1, _R.III_D, 3, 3, 3, 2),
    (_K.PENGAWAS, None): Grade(9, _E.D3, _R.III_B, 4, 2, 3, 2),
    (_K.FUNGSIONAL, "Ahli Madya"): Grade(11, _E.S1, _R.IV_A, 0, 3, 4, 2),
    (_K.FUNGSIONAL, "Ahli Muda"): Grade(9, _E.S1, _R.III_C, 0, 2, 3, 1),
    (_K.FUNGSIONAL, "Ahli Pertama"): Grade(8, _E.S1, _R.III_A, 0, 1, 2, 1),
    (_K.FUNGSIONAL, "Penyelia"): Grade(8, _E.D3, _R.III_C, 0, 2, 3, 1),
    (_K.FUNGSIONAL, "Mahir"): Grade(7, _E.D3, _R.III_A, 0, 1, 2, 1),
    (_K.FUNGSIONAL, "Terampil"): Grade(6, _E.D3, _R.II_C, 0, 1, 2, 1),
    (_K.PELAKSANA, "S1"): Grade(7, _E.S1, _R.III_A, 0, 1, 2, 2),
    (_K.PELAKSANA, "D3"): Grade(6, _E.D3, _R.II_C, 0, 1, 2, 3),
    (_K.PELAKSANA, "SLTA"): Grade(5, _E.SLTA, _R.II_A, 0, 1, 1, 4),
}

# PP 11/2017: the camat and the sekda hold a higher class than other positions of their kind.
CLASS_BONUS: dict[str, int] = {"SEKDA": 3, "CAMAT": 1, "SEKRETARIS": 1}


def grade_of(kind: PositionKind, tier: str | None) -> Grade:
    return GRADES[(kind, tier)]


def standard(grade: Grade, technical: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """The position's required levels: eight managerial, socio-cultural, then technical."""
    level = grade.managerial_level
    required = [(code, level) for code in MANAGERIAL_CODES]
    required.append((SOCIO_CULTURAL_CODE, level))
    required += [(code, grade.technical_level) for code in technical]
    return tuple(required)
