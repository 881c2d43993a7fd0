"""The two demo agencies: Pemerintah Kota Serang and Pemerintah Kota Tangerang Selatan."""

from __future__ import annotations

from dataclasses import dataclass

from portal.demo.organisation import SEKDA, Bidang, Blueprint, Uptd, _f, _p, opd
from portal.vocabulary import OrgUnitKind, PositionKind

_K = PositionKind
_U = OrgUnitKind


@dataclass(frozen=True)
class AgencyInfo:
    code: str
    name: str
    city: str  # "Kota Serang"
    email_domain: str
    kecamatan: tuple[str, ...]
    puskesmas: tuple[str, ...]
    schools: int  # SMP Negeri 1..n


AGENCIES: tuple[AgencyInfo, ...] = (
    AgencyInfo(
        code="serang",
        name="Pemerintah Kota Serang",
        city="Kota Serang",
        email_domain="serangkota.go.id",
        kecamatan=("Serang", "Cipocok Jaya", "Kasemen"),
        puskesmas=("Serang Kota", "Cipocok Jaya", "Kasemen"),
        schools=2,
    ),
    AgencyInfo(
        code="tangsel",
        name="Pemerintah Kota Tangerang Selatan",
        city="Kota Tangerang Selatan",
        email_domain="tangerangselatankota.go.id",
        kecamatan=("Serpong", "Ciputat", "Pamulang", "Pondok Aren"),
        puskesmas=("Pamulang", "Ciputat", "Serpong 1", "Pondok Aren"),
        schools=3,
    ),
)


def agency_info(code: str) -> AgencyInfo:
    for info in AGENCIES:
        if info.code == code:
            return info
    raise ValueError(f"unknown demo agency {code!r}; expected one of serang, tangsel")


def _slug(name: str) -> str:
    return name.upper().replace(" ", "")


def setda(bp: Blueprint, city: str) -> None:
    unit = bp.unit("SETDA", f"Sekretariat Daerah {city}", _U.SETDA)
    bp.position(SEKDA, f"Sekretaris Daerah {city}", _K.JPT_PRATAMA, unit=unit, parent=None,
                sector="SETDA")  # fmt: skip
    asisten = {
        "ASISTEN1": "Asisten Pemerintahan dan Kesejahteraan Rakyat",
        "ASISTEN2": "Asisten Perekonomian dan Pembangunan",
        "ASISTEN3": "Asisten Administrasi Umum",
    }
    for suffix, title in asisten.items():
        bp.position(f"SETDA-{suffix}", title, _K.JPT_PRATAMA, unit=unit, parent=SEKDA,
                    sector="SETDA")  # fmt: skip
    bagian = [
        ("ORG", "Bagian Organisasi", "ASISTEN3", "SETDA",
         [_f("AK", "Analis Kebijakan", "Ahli Pertama", 1, "T.SET.01"),
          _p("ANJAB", "Analis Jabatan", "S1", 2, "T.SET.01")]),
        ("HUK", "Bagian Hukum", "ASISTEN1", "SETDA",
         [_f("PPUU", "Perancang Peraturan Perundang-undangan", "Ahli Pertama", 2, "T.SET.02"),
          _f("AH", "Analis Hukum", "Ahli Pertama", 1, "T.SET.02")]),
        ("UMUM", "Bagian Umum", "ASISTEN3", "UMUM",
         [_p("ADM", "Pengadministrasi Perkantoran", "SLTA", 3, "T.UM.03"),
          _f("PRANATA", "Pranata Hubungan Masyarakat", "Ahli Pertama", 1, "T.SET.03")]),
        ("PROKOPIM", "Bagian Protokol dan Komunikasi Pimpinan", "ASISTEN3", "SETDA",
         [_p("PROT", "Pengelola Protokol", "D3", 2, "T.SET.03")]),
        ("PBJ", "Bagian Pengadaan Barang dan Jasa", "ASISTEN2", "UMUM",
         [_f("PPBJ", "Pengelola Pengadaan Barang/Jasa", "Ahli Pertama", 2, "T.UM.04")]),
    ]  # fmt: skip
    for suffix, name, parent, sector, staff in bagian:
        b_unit = bp.unit(f"SETDA-{suffix}", name, _U.BIDANG, unit)
        kabag = bp.position(f"{b_unit}-KABAG", f"Kepala {name}", _K.ADMINISTRATOR, unit=b_unit,
                            parent=f"SETDA-{parent}", sector=sector)  # fmt: skip
        bp.staff(b_unit, kabag, sector, staff)


def bkpsdm(bp: Blueprint) -> None:
    asdm = "Analis Sumber Daya Manusia Aparatur"
    opd(bp, "BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", _U.BADAN, "SDM", [
        Bidang("PPI", "Bidang Pengadaan, Pemberhentian dan Informasi", [
            _f("ASDM1", asdm, "Ahli Pertama", 2, "T.SDM.01", "T.SDM.03"),
            _f("PRAKOM", "Pranata Komputer", "Ahli Pertama", 1, "T.SDM.03"),
            _p("PDK", "Pengelola Data Kepegawaian", "D3", 2, "T.SDM.03")]),
        Bidang("MUTASI", "Bidang Mutasi dan Promosi", [
            _f("ASDM2", asdm, "Ahli Muda", 1, "T.SDM.01", "T.SDM.04"),
            _f("ASDM1", asdm, "Ahli Pertama", 2, "T.SDM.01", "T.SDM.04"),
            _p("PMP", "Pengelola Mutasi Pegawai", "S1", 2, "T.SDM.01")]),
        Bidang("PKA", "Bidang Pengembangan Kompetensi Aparatur", [
            _f("ASDM2", asdm, "Ahli Muda", 1, "T.SDM.02", "T.SDM.01"),
            _f("ASESOR", "Asesor Sumber Daya Manusia Aparatur", "Ahli Pertama", 2,
               "T.SDM.02", "T.SDM.04")]),
        Bidang("PKP", "Bidang Penilaian Kinerja dan Penghargaan", [
            _f("ASDM1", asdm, "Ahli Pertama", 2, "T.SDM.04", "T.SDM.01"),
            _p("PPK", "Pengelola Penilaian Kinerja", "D3", 2, "T.SDM.04")]),
    ])  # fmt: skip


def disdik(bp: Blueprint, city: str, schools: int) -> None:
    uptd = [
        Uptd(f"SMPN{i}", f"SMP Negeri {i} {city}", f"Kepala SMP Negeri {i} {city}", [
            _f("GURU1", "Guru", "Ahli Pertama", 6, "T.PDK.02"),
            _f("GURU2", "Guru", "Ahli Muda", 5, "T.PDK.02", "T.PDK.01"),
            _p("ADM", "Pengadministrasi Sekolah", "SLTA", 2, "T.UM.03")],
            head_kind=_K.FUNGSIONAL, head_tier="Ahli Madya")
        for i in range(1, schools + 1)
    ]  # fmt: skip
    opd(bp, "DISDIK", "Dinas Pendidikan dan Kebudayaan", _U.DINAS, "PENDIDIKAN", [
        Bidang("PAUD", "Bidang Pembinaan PAUD dan Pendidikan Nonformal", [
            _f("PB", "Pamong Belajar", "Ahli Pertama", 2, "T.PDK.02"),
            _p("PPAUD", "Pengelola Program PAUD", "S1", 2, "T.PDK.01")]),
        Bidang("SD", "Bidang Pembinaan Sekolah Dasar", [
            _f("PS", "Pengawas Sekolah", "Ahli Madya", 2, "T.PDK.03", "T.PDK.02"),
            _p("AKUR", "Analis Kurikulum", "S1", 2, "T.PDK.02")],
            seksi=("KUR", "Seksi Kurikulum dan Penilaian", [
                _f("PTP", "Pengembang Teknologi Pembelajaran", "Ahli Pertama", 1, "T.PDK.02")])),
        Bidang("SMP", "Bidang Pembinaan Sekolah Menengah Pertama", [
            _f("PS", "Pengawas Sekolah", "Ahli Muda", 2, "T.PDK.03"),
            _p("PDP", "Pengelola Data Pendidikan", "D3", 2, "T.PDK.01")]),
        Bidang("GTK", "Bidang Guru dan Tenaga Kependidikan", [
            _f("ASDM1", "Analis Sumber Daya Manusia Aparatur", "Ahli Pertama", 1,
               "T.SDM.01", "T.PDK.01"),
            _p("PDG", "Pengelola Data Guru", "D3", 2, "T.SDM.03")]),
    ], uptd)  # fmt: skip


def dpupr(bp: Blueprint) -> None:
    opd(bp, "DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", _U.DINAS, "PUPR", [
        Bidang("BM", "Bidang Bina Marga", [
            _f("TJJ2", "Teknik Jalan dan Jembatan", "Ahli Muda", 2, "T.PU.01"),
            _p("PL", "Pengawas Lapangan", "D3", 3, "T.PU.01")],
            seksi=("JJ", "Seksi Pembangunan Jalan dan Jembatan", [
                _f("TJJ1", "Teknik Jalan dan Jembatan", "Ahli Pertama", 2, "T.PU.01")])),
        Bidang("SDA", "Bidang Sumber Daya Air", [
            _f("TP", "Teknik Pengairan", "Ahli Pertama", 2, "T.PU.02"),
            _p("OPA", "Operator Pintu Air", "SLTA", 3, "T.PU.02")]),
        Bidang("TR", "Bidang Penataan Ruang", [
            _f("PR2", "Penata Ruang", "Ahli Muda", 1, "T.PU.03"),
            _f("PR1", "Penata Ruang", "Ahli Pertama", 2, "T.PU.03")]),
        Bidang("BG", "Bidang Bangunan Gedung", [
            _f("TTBP", "Teknik Tata Bangunan dan Perumahan", "Ahli Pertama", 2, "T.PU.04"),
            _p("PPB", "Pengelola Perizinan Bangunan", "S1", 2, "T.PU.04")]),
    ], [
        Uptd("LAB", "UPTD Laboratorium Bahan Konstruksi", "Kepala UPTD Laboratorium", [
            _p("TEK", "Teknisi Laboratorium", "D3", 3, "T.PU.01", "T.PU.04")]),
    ])  # fmt: skip


def dinkes(bp: Blueprint, puskesmas: tuple[str, ...]) -> None:
    uptd = [
        Uptd(f"PKM-{_slug(name)}", f"UPTD Puskesmas {name}", f"Kepala UPTD Puskesmas {name}", [
            _f("DOKTER", "Dokter", "Ahli Pertama", 2, "T.KES.03"),
            _f("PERAWAT1", "Perawat", "Terampil", 3, "T.KES.04"),
            _f("PERAWAT2", "Perawat", "Ahli Pertama", 1, "T.KES.04", "T.KES.03"),
            _f("BIDAN", "Bidan", "Terampil", 3, "T.KES.04"),
            _p("ADM", "Pengadministrasi Umum", "SLTA", 1, "T.UM.03")])
        for name in puskesmas
    ]  # fmt: skip
    opd(bp, "DINKES", "Dinas Kesehatan", _U.DINAS, "KESEHATAN", [
        Bidang("KESMAS", "Bidang Kesehatan Masyarakat", [
            _f("PKM", "Penyuluh Kesehatan Masyarakat", "Ahli Pertama", 2, "T.KES.01"),
            _f("NUTR", "Nutrisionis", "Terampil", 1, "T.KES.01")]),
        Bidang("P2P", "Bidang Pencegahan dan Pengendalian Penyakit", [
            _f("EPI2", "Epidemiolog Kesehatan", "Ahli Muda", 1, "T.KES.02"),
            _f("EPI1", "Epidemiolog Kesehatan", "Ahli Pertama", 2, "T.KES.02"),
            _f("SAN", "Sanitarian", "Terampil", 2, "T.KES.02", "T.KES.01")]),
        Bidang("YANKES", "Bidang Pelayanan dan Sumber Daya Kesehatan", [
            _f("AKES", "Administrator Kesehatan", "Ahli Pertama", 2, "T.KES.03"),
            _f("APT", "Apoteker", "Ahli Pertama", 1, "T.KES.03")]),
    ], uptd)  # fmt: skip


def kecamatan(bp: Blueprint, name: str) -> None:
    code = f"KEC-{_slug(name)}"
    unit = bp.unit(code, f"Kecamatan {name}", _U.KECAMATAN, "SETDA")
    camat = bp.position(f"{code}-CAMAT", f"Camat {name}", _K.ADMINISTRATOR, unit=unit,
                        parent=SEKDA, sector="PEMERINTAHAN")  # fmt: skip
    sekcam = bp.position(f"{code}-SEKRETARIS", f"Sekretaris Kecamatan {name}", _K.ADMINISTRATOR,
                         unit=unit, parent=camat, sector="UMUM")  # fmt: skip
    bp.staff(unit, sekcam, "UMUM", [
        _p("ADM", "Pengadministrasi Perkantoran", "SLTA", 2, "T.UM.03"),
        _p("PKEU", "Pengelola Keuangan", "D3", 1, "T.UM.01")])  # fmt: skip
    seksi = [
        ("PEM", "Seksi Pemerintahan", [_p("PAP", "Pengelola Administrasi Pemerintahan", "S1", 2,
                                          "T.PEM.01")]),
        ("YAN", "Seksi Pelayanan Umum", [_p("PLK", "Pengelola Layanan Kependudukan", "D3", 2,
                                            "T.PEM.02")]),
        ("TRANTIB", "Seksi Ketenteraman dan Ketertiban Umum", [
            _f("POLPP", "Polisi Pamong Praja", "Terampil", 2, "T.PEM.03")]),
    ]  # fmt: skip
    for suffix, seksi_name, staff in seksi:
        s_unit = bp.unit(f"{code}-{suffix}", seksi_name, _U.SEKSI, unit)
        kasi = bp.position(f"{s_unit}-KASI", f"Kepala {seksi_name}", _K.PENGAWAS, unit=s_unit,
                           parent=camat, sector="PEMERINTAHAN")  # fmt: skip
        bp.staff(s_unit, kasi, "PEMERINTAHAN", staff)


def blueprint(code: str) -> Blueprint:
    """Units and positions of one demo agency, parents before children."""
    info = agency_info(code)
    bp = Blueprint()
    setda(bp, info.city)
    bkpsdm(bp)
    disdik(bp, info.city, info.schools)
    dpupr(bp)
    dinkes(bp, info.puskesmas)
    for name in info.kecamatan:
        kecamatan(bp, name)
    return bp
