"""Kenaikan pangkat / jabatan: regular rank promotion or promotion to a position."""

from portal.vocabulary import RequestKind
from workflows.career.definitions.base import COMMITTEE, HEAD_OF_OPD, HR, SUPERVISOR
from workflows.career.definitions.base import WorkflowDefinition as Definition
from workflows.career.definitions.chains import STANDARD, WITH_HEAD_OF_OPD

# PP 99/2000 jo PP 12/2002 (rank); PP 11/2017 jo PP 17/2020 (position).
PROMOTION_V1 = Definition(
    name="promotion",
    version=1,
    kind=RequestKind.PROMOTION,
    title_id="Kenaikan pangkat / jabatan",
    title_en="Promotion",
    stages=(SUPERVISOR, HR, COMMITTEE),
    transitions=STANDARD,
)
PROMOTION_V1_HEAD_OF_OPD = Definition(
    name="promotion+HEAD_OF_OPD_REVIEW",
    version=1,
    kind=RequestKind.PROMOTION,
    title_id="Kenaikan pangkat / jabatan",
    title_en="Promotion",
    stages=(SUPERVISOR, HEAD_OF_OPD, HR, COMMITTEE),
    transitions=WITH_HEAD_OF_OPD,
)

VERSIONS = (PROMOTION_V1,)
VARIANTS = (PROMOTION_V1_HEAD_OF_OPD,)
