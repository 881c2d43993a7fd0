"""Tugas belajar: funded study released from duties (SE MenPANRB 4/2013)."""

from portal.vocabulary import RequestKind
from workflows.career.definitions.base import COMMITTEE, HEAD_OF_OPD, HR, SUPERVISOR
from workflows.career.definitions.base import WorkflowDefinition as Definition
from workflows.career.definitions.chains import STANDARD, WITH_HEAD_OF_OPD

FURTHER_STUDY_V1 = Definition(
    name="further_study",
    version=1,
    kind=RequestKind.FURTHER_STUDY,
    title_id="Tugas belajar",
    title_en="Further study",
    stages=(SUPERVISOR, HR, COMMITTEE),
    transitions=STANDARD,
)
FURTHER_STUDY_V1_HEAD_OF_OPD = Definition(
    name="further_study+HEAD_OF_OPD_REVIEW",
    version=1,
    kind=RequestKind.FURTHER_STUDY,
    title_id="Tugas belajar",
    title_en="Further study",
    stages=(SUPERVISOR, HEAD_OF_OPD, HR, COMMITTEE),
    transitions=WITH_HEAD_OF_OPD,
)

VERSIONS = (FURTHER_STUDY_V1,)
VARIANTS = (FURTHER_STUDY_V1_HEAD_OF_OPD,)
