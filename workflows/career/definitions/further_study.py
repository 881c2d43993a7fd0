"""Tugas belajar: funded study released from duties (SE MenPANRB 4/2013)."""

from portal.vocabulary import RequestKind
from workflows.career.definitions.base import make_definition

FURTHER_STUDY_V1 = make_definition(
    name="further_study",
    version=1,
    kind=RequestKind.FURTHER_STUDY,
    title_id="Tugas belajar",
    title_en="Further study",
)

VERSIONS = (FURTHER_STUDY_V1,)
