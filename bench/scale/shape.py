"""One generated agency: org tree, positions with standards, employees, accounts, merit records.

The tree is a province-like setda with a BKPSDM and as many OPDs as the head count needs, each
OPD four bidang of three seksi, each seksi a pelaksana and a fungsional position. Every
structural position is filled, so every employee but the sekda has a direct supervisor (the
holder of the parent position). The first seksi is larger (25 staff): its head, ``atasan.<code>``,
has a queue of more than 50 requests. NIPs are valid (birth date, TMT CPNS, gender, sequence).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from bench.scale.tables import Ids, Tables
from portal.demo.competencies import MANAGERIAL, SOCIO_CULTURAL
from portal.demo.names import person_name
from portal.demo.technical import TECHNICAL
from portal.vocabulary import Gender, PositionKind, Rating
from workflows.merit.scoring import predikat

STAFF_PER_SEKSI = 15
BUSY_SEKSI_STAFF = 25
STRUCTURAL_PER_OPD = 1 + 4 + 4 * 3
REQUIRED_LEVEL = {
    PositionKind.JPT_PRATAMA: 4,
    PositionKind.ADMINISTRATOR: 3,
    PositionKind.PENGAWAS: 3,
    PositionKind.PELAKSANA: 2,
    PositionKind.FUNGSIONAL: 2,
}
RANK_RANGE = {  # golongan ruang (Rank values) held by the holders of each kind
    PositionKind.JPT_PRATAMA: (14, 16),
    PositionKind.ADMINISTRATOR: (12, 14),
    PositionKind.PENGAWAS: (10, 13),
    PositionKind.PELAKSANA: (6, 11),
    PositionKind.FUNGSIONAL: (9, 13),
}
EDUCATION = {
    PositionKind.JPT_PRATAMA: ("S2", "M.Si."),
    PositionKind.ADMINISTRATOR: ("S2", "M.M."),
    PositionKind.PENGAWAS: ("S1", "S.Sos."),
    PositionKind.PELAKSANA: ("SLTA", ""),
    PositionKind.FUNGSIONAL: ("S1", "S.E."),
}
RATINGS = (Rating.ABOVE, Rating.AS_EXPECTED, Rating.AS_EXPECTED, Rating.AS_EXPECTED, Rating.BELOW)


@dataclass
class Person:
    """What later stages need to know of one employee."""

    id: int
    nip: str
    name: str
    position_id: int
    supervisor: int | None  # index into Agency.people
    user_id: int
    username: str


@dataclass
class Agency:
    id: int
    code: str
    people: list[Person] = field(default_factory=list)
    hr: list[int] = field(default_factory=list)  # indexes into people
    committee: list[int] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)  # staff positions (rotation targets)
    busy: list[int] = field(default_factory=list)  # staff of the busy seksi
    admin: str = ""


class Builder:
    """Builds the rows of one agency into ``tables``; ids come from ``ids``."""

    def __init__(
        self,
        *,
        code: str,
        employees: int,
        ids: Ids,
        tables: Tables,
        seed: int,
        password_hash: str,
        now: datetime,
        serial: int,
    ) -> None:
        self.rng = random.Random(f"jenjang-scale:{seed}:{code}")
        self.ids, self.t, self.now = ids, tables, now
        self.today = now.date()
        self.target = employees
        self.password_hash = password_hash
        self.serial = serial  # NIP sequence block of this agency
        self.agency = Agency(ids.take("agency"), code)
        self.competencies: list[int] = []
        self.people_index: dict[int, int] = {}  # position id -> index of its first holder

    def build(self) -> Agency:
        a = self.agency
        name = f"Pemerintah Daerah Skala {a.code.upper()}"
        self.t.agency.add(a.id, a.code, name, "{}", self.now, self.now)
        self._competencies()
        self._organisation()
        self._accounts_extra()
        return a

    # --- competencies -----------------------------------------------------------------------
    def _competencies(self) -> None:
        for spec in (*MANAGERIAL, *SOCIO_CULTURAL, *TECHNICAL):
            cid = self.ids.take("competency")
            self.t.competency.add(
                cid,
                self.agency.id,
                spec.code,
                spec.name,
                spec.name_en,
                spec.category.value,
                spec.description,
                True,
                self.now,
                self.now,
            )
            for lv in spec.levels:
                self.t.level.add(
                    self.ids.take("competency_level"),
                    self.agency.id,
                    cid,
                    lv.level,
                    lv.description,
                    json.dumps(list(lv.indicators)),
                )
            if spec in MANAGERIAL or spec in SOCIO_CULTURAL:
                self.competencies.append(cid)

    # --- organisation and people ------------------------------------------------------------
    def _unit(self, code: str, name: str, kind: str, parent: int | None) -> int:
        uid = self.ids.take("org_unit")
        self.t.unit.add(uid, self.agency.id, code, name, kind, parent)
        return uid

    def _position(
        self,
        code: str,
        title: str,
        kind: PositionKind,
        unit: int,
        parent: int | None,
        capacity: int = 1,
    ) -> int:
        pid = self.ids.take("position")
        education, _ = EDUCATION[kind]
        klass = {14: 15, 12: 12, 10: 9, 6: 5, 9: 8}[RANK_RANGE[kind][0]]
        level = "AHLI_PERTAMA" if kind == PositionKind.FUNGSIONAL else None
        self.t.position.add(
            pid,
            self.agency.id,
            code,
            title,
            kind.value,
            level,
            klass,
            unit,
            parent,
            education,
            RANK_RANGE[kind][0] - 2,
            0,
            capacity,
        )
        for cid in self.competencies:
            self.t.standard.add(
                self.ids.take("position_competency"), self.agency.id, pid, cid, REQUIRED_LEVEL[kind]
            )
        return pid

    def _fill(
        self,
        position: int,
        kind: PositionKind,
        unit: int,
        parent: int | None,
        count: int = 1,
        username: str = "",
    ) -> list[int]:
        supervisor = self.people_index.get(parent) if parent is not None else None
        made = []
        for n in range(count):
            index = self._employee(position, kind, unit, supervisor, username if n == 0 else "")
            self.people_index.setdefault(position, index)
            made.append(index)
        return made

    def _organisation(self) -> None:
        code = self.agency.code.upper()
        setda = self._unit(f"{code}-SETDA", "Sekretariat Daerah", "SETDA", None)
        sekda = self._position(
            f"{code}-SEKDA", "Sekretaris Daerah", PositionKind.JPT_PRATAMA, setda, None
        )
        self.agency.committee += self._fill(
            sekda, PositionKind.JPT_PRATAMA, setda, None, username=f"komite1.{self.agency.code}"
        )
        for n in (1, 2):
            pid = self._position(
                f"{code}-ASISTEN{n}", f"Asisten {n}", PositionKind.JPT_PRATAMA, setda, sekda
            )
            self.agency.committee += self._fill(
                pid,
                PositionKind.JPT_PRATAMA,
                setda,
                sekda,
                username=f"komite{n + 1}.{self.agency.code}",
            )
        bkpsdm = self._unit(
            f"{code}-BKPSDM", "Badan Kepegawaian dan Pengembangan SDM", "BADAN", setda
        )
        head = self._position(
            f"{code}-BKPSDM-KEPALA", "Kepala BKPSDM", PositionKind.JPT_PRATAMA, bkpsdm, sekda
        )
        self._fill(
            head, PositionKind.JPT_PRATAMA, bkpsdm, sekda, username=f"hrhead.{self.agency.code}"
        )
        self.hr_head = len(self.agency.people) - 1
        officers = max(2, self.target // 20_000)
        analyst = self._position(
            f"{code}-BKPSDM-ASDM",
            "Analis SDM Aparatur",
            PositionKind.FUNGSIONAL,
            bkpsdm,
            head,
            officers,
        )
        self.agency.hr = self._fill(
            analyst,
            PositionKind.FUNGSIONAL,
            bkpsdm,
            head,
            officers,
            username=f"hr.{self.agency.code}",
        )
        self._opds(setda, sekda)

    def _opds(self, setda: int, sekda: int) -> None:
        fixed = len(self.agency.people)
        opds = max(1, -(-(self.target - fixed) // (STRUCTURAL_PER_OPD + 12 * STAFF_PER_SEKSI)))
        staff = max(0, self.target - fixed - opds * STRUCTURAL_PER_OPD)
        seksi_count = opds * 12
        sizes = [staff // seksi_count + (i < staff % seksi_count) for i in range(seksi_count)]
        move = min(BUSY_SEKSI_STAFF - sizes[0], sum(sizes[1:]) // 2) if seksi_count > 1 else 0
        for i in range(1, seksi_count):  # the busy seksi takes staff from the others
            if move <= 0:
                break
            if sizes[i] > 1:
                sizes[i] -= 1
                sizes[0] += 1
                move -= 1
        code = self.agency.code.upper()
        for o in range(opds):
            unit = self._unit(f"{code}-OPD{o:03d}", f"Dinas {o + 1:03d}", "DINAS", setda)
            kadis = self._position(
                f"{code}-OPD{o:03d}-KEPALA",
                f"Kepala Dinas {o + 1:03d}",
                PositionKind.JPT_PRATAMA,
                unit,
                sekda,
            )
            self._fill(kadis, PositionKind.JPT_PRATAMA, unit, sekda)
            for b in range(4):
                self._bidang(o, b, unit, kadis, sizes[(o * 4 + b) * 3 : (o * 4 + b) * 3 + 3])

    def _bidang(self, o: int, b: int, opd: int, kadis: int, sizes: list[int]) -> None:
        prefix = f"{self.agency.code.upper()}-OPD{o:03d}-B{b}"
        unit = self._unit(prefix, f"Bidang {b + 1} Dinas {o + 1:03d}", "BIDANG", opd)
        kabid = self._position(
            f"{prefix}-KABID", f"Kepala Bidang {b + 1}", PositionKind.ADMINISTRATOR, unit, kadis
        )
        self._fill(kabid, PositionKind.ADMINISTRATOR, unit, kadis)
        for s, size in enumerate(sizes):
            sunit = self._unit(f"{prefix}-S{s}", f"Seksi {s + 1} Bidang {b + 1}", "SEKSI", unit)
            busy = o == 0 and b == 0 and s == 0
            kasi = self._position(
                f"{prefix}-S{s}-KASI", f"Kepala Seksi {s + 1}", PositionKind.PENGAWAS, sunit, kabid
            )
            self._fill(
                kasi,
                PositionKind.PENGAWAS,
                sunit,
                kabid,
                username=f"atasan.{self.agency.code}" if busy else "",
            )
            half = size // 2
            for kind, count in (
                (PositionKind.PELAKSANA, half),
                (PositionKind.FUNGSIONAL, size - half),
            ):
                title = "Pengadministrasi Umum" if kind == PositionKind.PELAKSANA else "Analis"
                pid = self._position(
                    f"{prefix}-S{s}-{kind.value[:3]}", title, kind, sunit, kasi, max(1, count + 1)
                )
                self.agency.positions.append(pid)
                first = busy and kind == PositionKind.PELAKSANA
                made = self._fill(
                    pid,
                    kind,
                    sunit,
                    kasi,
                    count,
                    username=f"pegawai.{self.agency.code}" if first else "",
                )
                if busy:
                    self.agency.busy += made

    def _nip(self, gender: Gender) -> tuple[str, date, date]:
        """A valid NIP, unique: the serial picks the birth day and the sequence digits."""
        serial = self.serial
        self.serial += 1
        birth = date(1966, 1, 1) + timedelta(days=serial % 12_000)
        sequence = 999 - serial // 12_000  # demo NIPs use low sequences; these count down
        appointed = date(birth.year + 22 + serial % 9, 1 + serial % 12, 1)
        digit = "1" if gender == Gender.MALE else "2"
        nip = f"{birth:%Y%m%d}{appointed:%Y%m}{digit}{sequence:03d}"
        return nip, birth, appointed

    def _employee(
        self, position: int, kind: PositionKind, unit: int, supervisor: int | None, username: str
    ) -> int:
        rng, a = self.rng, self.agency
        gender = Gender.MALE if rng.random() < 0.52 else Gender.FEMALE
        nip, birth, appointed = self._nip(gender)
        education, degree = EDUCATION[kind]
        name = person_name(rng, gender) + (f", {degree}" if degree else "")
        rank = rng.randint(*RANK_RANGE[kind])
        rank_since = self.today - timedelta(days=rng.randint(200, 2400))
        since = max(appointed, self.today - timedelta(days=rng.randint(200, 3000)))
        eid = self.ids.take("employee")
        t = self.t
        t.employee.add(
            eid,
            a.id,
            nip,
            name,
            gender.value,
            birth,
            "PNS",
            appointed,
            rank,
            rank_since,
            education,
            "",
            position,
            since,
            unit,
            "ACTIVE",
            f"{nip}@skala.go.id",
            self.now,
            self.now,
        )
        t.rank_history.add(
            self.ids.take("rank_history"), a.id, eid, rank, rank_since, None, "", None
        )
        t.position_history.add(
            self.ids.take("position_history"), a.id, eid, position, unit, since, None, "", None
        )
        uid = self.ids.take("user_account")
        username = username or f"{nip}.{a.code}"
        t.user.add(uid, a.id, username, self.password_hash, eid, True, 0, self.now, self.now)
        t.role.add(self.ids.take("user_role"), a.id, uid, "EMPLOYEE")
        evaluator = a.people[supervisor].id if supervisor is not None else None
        self._merit(eid, kind, evaluator)
        a.people.append(Person(eid, nip, name, position, supervisor, uid, username))
        return len(a.people) - 1

    def _merit(self, eid: int, kind: PositionKind, evaluator: int | None) -> None:
        rng, a, t = self.rng, self.agency, self.t
        assessed = self.today - timedelta(days=rng.randint(30, 1000))
        required = REQUIRED_LEVEL[kind]
        for cid in self.competencies:
            level = max(1, min(5, required + rng.choice((-1, 0, 0, 0, 1))))
            t.assessment.add(
                self.ids.take("assessment"),
                a.id,
                eid,
                cid,
                level,
                "Assessment Center",
                assessed,
                "UPT Penilaian Kompetensi",
                "",
                self.now,
            )
        for year in (self.today.year - 2, self.today.year - 1):
            work, behaviour = rng.choice(RATINGS), rng.choice(RATINGS)
            t.evaluation.add(
                self.ids.take("performance_evaluation"),
                a.id,
                eid,
                evaluator,
                year,
                "ANNUAL",
                work.value,
                behaviour.value,
                predikat(work, behaviour).value,
                "",
                self.now,
                self.now,
            )

    def _accounts_extra(self) -> None:
        a, t = self.agency, self.t
        for index in a.hr:
            t.role.add(self.ids.take("user_role"), a.id, a.people[index].user_id, "HR")
        t.role.add(self.ids.take("user_role"), a.id, a.people[self.hr_head].user_id, "HR_HEAD")
        for index in a.committee:
            t.role.add(self.ids.take("user_role"), a.id, a.people[index].user_id, "COMMITTEE")
        uid = self.ids.take("user_account")
        a.admin = f"admin.{a.code}"
        t.user.add(uid, a.id, a.admin, self.password_hash, None, True, 0, self.now, self.now)
        t.role.add(self.ids.take("user_role"), a.id, uid, "ADMIN")


def utc_now() -> datetime:
    return datetime.now(UTC)
