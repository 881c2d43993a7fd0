"""Every regulation a rule cites, in one place; plain words in the catalogue (``rules.po``)."""

from __future__ import annotations

from workflows.career.rules.checks import Regulation

ASN_STATUS = Regulation("PP 11/2017 Pasal 2", "asn_status")
ONE_OPEN_REQUEST = Regulation("Jenjang: satu usulan per jenis", "one_open_request")
# An approved change waiting for its TMT is that kind's change in progress.
ONE_SCHEDULED_CHANGE = Regulation(
    "Jenjang: satu perubahan terjadwal per jenis", "one_scheduled_change"
)
# Rotation (mutasi): at least 2 years in the posting, due after 5 (Pasal 190).
ROTATION = Regulation("PP 11/2017 Pasal 190", "rotation")
# Filling a vacant position (formasi lowong) by promotion to a position.
POSITION_VACANCY = Regulation("PP 11/2017 jo PP 17/2020 Pasal 53", "position_vacancy")
POSITION_REQUIREMENTS = Regulation("PP 11/2017 jo PP 17/2020 Pasal 54", "position_requirements")
COMPETENCY = Regulation("PermenPANRB 38/2017", "competency")
RANK_LADDER = Regulation("UU 20/2023; PP 99/2000 jo PP 12/2002", "rank_ladder")
RANK_YEARS = Regulation("PP 99/2000 jo PP 12/2002 Pasal 7", "rank_years")
PERFORMANCE = Regulation("PP 99/2000 Pasal 7 jo PermenPANRB 6/2022", "performance")
EDUCATION_CAP = Regulation("PP 99/2000 jo PP 12/2002 Pasal 18", "education_cap")
DISCIPLINE = Regulation("PP 94/2021", "discipline")
STUDY = Regulation("SE MenPANRB 4/2013", "study")
STUDY_PERFORMANCE = Regulation("SE MenPANRB 4/2013 jo PermenPANRB 6/2022", "study_performance")
BUDGET = Regulation("PP 11/2017 Pasal 203", "budget")
# Batas usia pensiun by position kind.
RETIREMENT = Regulation("UU 20/2023; PP 11/2017 Pasal 239 jo PP 17/2020", "retirement")
# Functional positions: credit points from the annual predikat, 2 years in rank.
FUNCTIONAL = Regulation("PermenPANRB 1/2023", "functional")
