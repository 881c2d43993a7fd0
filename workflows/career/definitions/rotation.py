"""Mutasi/rotasi: moving to a vacant position of the same agency (PP 11/2017 Pasal 190-193)."""

from portal.vocabulary import RequestKind
from workflows.career.definitions.base import make_definition

# PP 11/2017 Pasal 190: within one agency the PPK decides after the tim penilai kinerja.
ROTATION_V1 = make_definition(
    name="rotation",
    version=1,
    kind=RequestKind.ROTATION,
    title_id="Mutasi / rotasi jabatan",
    title_en="Rotation",
)

VERSIONS = (ROTATION_V1,)
