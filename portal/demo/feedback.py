"""Demo 360° feedback of the current year for ``pegawai``, given through the feedback service.

The supervisor (``atasan``) and ``pegawai`` themselves write directly; ``pegawai`` invites two
peers (colleagues under the same atasan) and one subordinate when they lead anyone, and each
answers their invitation, so peer and subordinate entries are anonymous as in real use.
Chosen from a fixed seed.
"""

from __future__ import annotations

import random

from portal.clock import clock
from portal.demo.actors import login_viewer, viewer_of
from portal.demo.plan import DEMO_SEED
from portal.models import Agency, Employee, Feedback, Position, User
from portal.vocabulary import EmployeeStatus, FeedbackRelation
from workflows.access import supervisor_of
from workflows.merit.feedback import give_feedback, invite_feedback

PEERS = 2

# (competency code, rating 1-5, comment) per relation; one is picked for each giver.
COMMENTS: dict[FeedbackRelation, tuple[tuple[str, int, str], ...]] = {
    FeedbackRelation.SUPERVISOR: (
        ("M.04", 4, "Target administrasi kepegawaian triwulan ini tercapai tepat waktu."),
        ("M.03", 4, "Laporan rapat ringkas dan jelas; pertahankan."),
    ),
    FeedbackRelation.PEER: (
        ("M.02", 5, "Selalu siap membantu saat berkas kenaikan pangkat menumpuk."),
        ("M.05", 4, "Ramah dan sabar melayani pegawai yang bertanya soal SIASN."),
        ("M.03", 3, "Informasi perubahan jadwal sebaiknya dibagikan lebih awal ke tim."),
        ("M.01", 5, "Teliti dan jujur dalam mengelola data kepegawaian."),
    ),
    FeedbackRelation.SUBORDINATE: (
        ("M.06", 4, "Memberi arahan yang jelas dan kesempatan belajar hal baru."),
        ("M.08", 3, "Keputusan kadang terlambat; mohon tenggat yang lebih pasti."),
    ),
    FeedbackRelation.SELF: (
        ("M.07", 3, "Perlu lebih cepat beradaptasi dengan aplikasi kepegawaian yang baru."),
        ("M.04", 4, "Target tahunan tercapai; ingin memperdalam analisis jabatan."),
    ),
}


async def _reports_and_peers(
    agency: Agency, pegawai: Employee
) -> tuple[list[Employee], list[Employee]]:
    """Active colleagues under the same supervisor position, and pegawai's own reports."""
    own = await Position.get(id=pegawai.position_id)
    parent = dict(await Position.filter(agency_id=agency.id).values_list("id", "parent_id"))
    people = await Employee.filter(agency_id=agency.id, status=EmployeeStatus.ACTIVE).exclude(
        id=pegawai.id
    )
    people.sort(key=lambda e: e.nip)
    of = {e.id: parent.get(e.position_id) for e in people}
    peers = [e for e in people if of[e.id] == own.parent_id]
    reports = [e for e in people if of[e.id] == own.id]
    return peers, reports


async def _give(
    agency: Agency, giver: Employee, about: Employee, relation: FeedbackRelation, rng: random.Random
) -> None:
    code, rating, comment = rng.choice(COMMENTS[relation])
    await give_feedback(
        actor=await viewer_of(agency, giver),
        employee_id=about.id,
        comment=comment,
        year=clock.today().year,
        rating=rating,
        competency_code=code,
    )


async def load_feedback(agency_code: str, *, seed: int = DEMO_SEED) -> None:
    """360° feedback for pegawai this year (once: skipped when pegawai already has some)."""
    agency = await Agency.get(code=agency_code)
    year = clock.today().year
    account = await User.get(username=f"pegawai.{agency_code}")
    pegawai = await Employee.get(id=account.employee_id)
    if await Feedback.exists(employee_id=pegawai.id, year=year):
        return
    rng = random.Random(f"jenjang-demo-feedback:{seed}:{agency_code}")
    me = await login_viewer(account.username)
    supervisor = await supervisor_of(pegawai)
    if supervisor is not None:
        await _give(agency, supervisor, pegawai, FeedbackRelation.SUPERVISOR, rng)
    peers, reports = await _reports_and_peers(agency, pegawai)
    invited = [(p, FeedbackRelation.PEER) for p in rng.sample(peers, min(PEERS, len(peers)))]
    invited += [(r, FeedbackRelation.SUBORDINATE) for r in reports[:1]]
    for invitee, relation in invited:
        await invite_feedback(
            actor=me, employee_id=pegawai.id, invitee_id=invitee.id, relation=relation, year=year
        )
        await _give(agency, invitee, pegawai, relation, rng)
    await _give(agency, pegawai, pegawai, FeedbackRelation.SELF, rng)
