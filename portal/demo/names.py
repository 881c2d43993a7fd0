"""Indonesian personal names, academic degrees and majors for the demo employees."""

from __future__ import annotations

import random

from portal.vocabulary import Education, Gender

MALE = (
    "Ahmad", "Agus", "Andi", "Arif", "Bambang", "Budi", "Dedi", "Dian", "Eko", "Fajar", "Fahmi",
    "Hendra", "Heri", "Ikhsan", "Imam", "Iwan", "Joko", "Kurniawan", "Lukman", "Muhammad",
    "Nanang", "Rahmat", "Ridwan", "Rizki", "Rudi", "Slamet", "Sutrisno", "Taufik", "Teguh",
    "Wahyu", "Yusuf", "Zainal", "Asep", "Ujang", "Dadang", "Cecep", "Endang", "Deden", "Ade",
    "Mulyadi", "Hasan", "Firman", "Galih", "Irfan", "Yogi", "Surya", "Tubagus", "Ali",
)  # fmt: skip
FEMALE = (
    "Siti", "Sri", "Dewi", "Rina", "Yuli", "Lina", "Nur", "Fitri", "Ratna", "Wulan", "Indah",
    "Ayu", "Desi", "Eka", "Erna", "Fitria", "Hana", "Intan", "Kartika", "Lestari", "Maya",
    "Nia", "Novi", "Putri", "Rahma", "Rini", "Sari", "Tuti", "Umi", "Wati", "Yanti", "Euis",
    "Neneng", "Iis", "Imas", "Nining", "Ratu", "Dini", "Anisa", "Mega", "Aulia", "Nurul",
)  # fmt: skip
FAMILY_MALE = (
    "Hidayat", "Setiawan", "Saputra", "Gunawan", "Firmansyah", "Nugraha", "Kurniawan",
    "Prasetyo", "Wibowo", "Santoso", "Hermawan", "Suryana", "Ramdani", "Maulana", "Sudrajat",
    "Permana", "Syahputra", "Rachman", "Fauzi", "Hakim", "Mulyana", "Supriyadi", "Sobari",
    "Jaelani", "Wijaya", "Kusuma", "Haryanto", "Rohman", "Munawar", "Hamdani",
)  # fmt: skip
FAMILY_FEMALE = (
    "Wulandari", "Rahayu", "Lestari", "Handayani", "Susanti", "Marlina", "Kurniasih",
    "Nurhayati", "Purnamasari", "Fitriani", "Rahmawati", "Anggraeni", "Safitri", "Maryani",
    "Permatasari", "Novitasari", "Agustina", "Puspitasari", "Hasanah", "Sulastri", "Mulyani",
    "Yuliani", "Nuraeni", "Sumiati", "Komalasari", "Damayanti", "Oktaviani", "Ramadhani",
)  # fmt: skip

# Sector -> (S1 degree, S1 major), (D3 degree, D3 major), (S2 degree, S2 major).
DEGREES: dict[str, tuple[tuple[str, str], tuple[str, str], tuple[str, str]]] = {
    "UMUM": (("S.E.", "Akuntansi"), ("A.Md.", "Administrasi Perkantoran"),
             ("M.M.", "Manajemen")),
    "SDM": (("S.Sos.", "Administrasi Negara"), ("A.Md.", "Manajemen Informatika"),
            ("M.Si.", "Administrasi Publik")),
    "SETDA": (("S.H.", "Ilmu Hukum"), ("A.Md.", "Hubungan Masyarakat"), ("M.H.", "Ilmu Hukum")),
    "PENDIDIKAN": (("S.Pd.", "Pendidikan Matematika"), ("A.Md.", "Administrasi Pendidikan"),
                   ("M.Pd.", "Manajemen Pendidikan")),
    "PUPR": (("S.T.", "Teknik Sipil"), ("A.Md.T.", "Teknik Sipil"), ("M.T.", "Teknik Sipil")),
    "KESEHATAN": (("S.K.M.", "Kesehatan Masyarakat"), ("A.Md.Kep.", "Keperawatan"),
                  ("M.Kes.", "Kesehatan Masyarakat")),
    "PEMERINTAHAN": (("S.I.P.", "Ilmu Pemerintahan"), ("A.Md.", "Administrasi Negara"),
                     ("M.A.P.", "Administrasi Publik")),
}  # fmt: skip

# Position title words that fix the degree regardless of the sector's default.
TITLE_DEGREES: dict[str, tuple[str, str]] = {
    "Dokter": ("dr.", "Pendidikan Dokter"),
    "Bidan": ("A.Md.Keb.", "Kebidanan"),
    "Apoteker": ("S.Farm., Apt.", "Farmasi"),
    "Pranata Komputer": ("S.Kom.", "Teknik Informatika"),
    "Perancang": ("S.H.", "Ilmu Hukum"),
    "Analis Hukum": ("S.H.", "Ilmu Hukum"),
    "Nutrisionis": ("A.Md.Gz.", "Gizi"),
}


def person_name(rng: random.Random, gender: Gender) -> str:
    """A given name plus, mostly, a second name (many Indonesians have one name only)."""
    first = rng.choice(MALE if gender == Gender.MALE else FEMALE)
    if rng.random() < 0.08:
        return first
    family = rng.choice(FAMILY_MALE if gender == Gender.MALE else FAMILY_FEMALE)
    if first == family:
        family = rng.choice(FAMILY_MALE if gender == Gender.MALE else FAMILY_FEMALE)
    return f"{first} {family}"


def degree(sector: str, title: str, education: Education) -> tuple[str, str]:
    """(degree abbreviation, major) for an education level in a sector; ('', '') below D3."""
    s1, d3, s2 = DEGREES[sector]
    special = next((v for k, v in TITLE_DEGREES.items() if k in title), None)
    if education in (Education.S2, Education.S3):
        first = special or s1
        return f"{first[0]}, {s2[0]}", s2[1]
    if education in (Education.S1, Education.D4):
        if special and not special[0].startswith("A.Md"):
            return special
        return s1
    if education == Education.D3:
        if special and special[0].startswith("A.Md"):
            return special
        return d3
    return "", "IPA" if sector in ("KESEHATAN", "PUPR") else "IPS"


def full_name(name: str, degree_abbr: str) -> str:
    """Name with degree as written in Indonesian records: ``dr. Rina``, ``Budi, S.T., M.T.``."""
    if not degree_abbr:
        return name
    if degree_abbr.startswith("dr."):
        rest = degree_abbr[len("dr.") :].lstrip(", ")
        return f"dr. {name}" + (f", {rest}" if rest else "")
    return f"{name}, {degree_abbr}"
