"""Kenaikan pangkat / jabatan: regular rank promotion or promotion to a position."""

from portal.vocabulary import RequestKind
from workflows.career.definitions.base import make_definition

# PP 99/2000 jo PP 12/2002 (rank); PP 11/2017 jo PP 17/2020 (position).
PROMOTION_V1 = make_definition(
    name="promotion",
    version=1,
    kind=RequestKind.PROMOTION,
    title_id="Kenaikan pangkat / jabatan",
    title_en="Promotion",
)

VERSIONS = (PROMOTION_V1,)
