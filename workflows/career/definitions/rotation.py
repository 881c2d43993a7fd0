"""Mutasi/rotasi: moving to a vacant position of the same agency (PP 11/2017 Pasal 190-193)."""

from portal.vocabulary import RequestKind
from workflows.career.definitions.base import COMMITTEE, HEAD_OF_OPD, HR, SUPERVISOR
from workflows.career.definitions.base import WorkflowDefinition as Definition
from workflows.career.definitions.chains import STANDARD, WITH_HEAD_OF_OPD

# PP 11/2017 Pasal 190: within one agency the PPK decides after the tim penilai kinerja.
ROTATION_V1 = Definition(
    name="rotation",
    version=1,
    kind=RequestKind.ROTATION,
    title_id="Mutasi / rotasi jabatan",
    title_en="Rotation",
    stages=(SUPERVISOR, HR, COMMITTEE),
    transitions=STANDARD,
)
ROTATION_V1_HEAD_OF_OPD = Definition(
    name="rotation+HEAD_OF_OPD_REVIEW",
    version=1,
    kind=RequestKind.ROTATION,
    title_id="Mutasi / rotasi jabatan",
    title_en="Rotation",
    stages=(SUPERVISOR, HEAD_OF_OPD, HR, COMMITTEE),
    transitions=WITH_HEAD_OF_OPD,
)

VERSIONS = (ROTATION_V1,)
VARIANTS = (ROTATION_V1_HEAD_OF_OPD,)
