"""Managerial and socio-cultural competencies of PermenPANRB 38/2017, five levels each.

Descriptors and behavioural indicators paraphrase the regulation's Lampiran in Bahasa Indonesia.
"""

from __future__ import annotations

from portal.demo.specs import CompetencySpec, LevelSpec
from portal.vocabulary import CompetencyCategory

Levels = list[tuple[str, list[str]]]


def _spec(
    code: str, name: str, name_en: str, category: CompetencyCategory, description: str, lv: Levels
) -> CompetencySpec:
    levels = tuple(
        LevelSpec(level=i, description=text, indicators=tuple(indicators))
        for i, (text, indicators) in enumerate(lv, start=1)
    )
    return CompetencySpec(code, name, name_en, category, description, levels)


_M = CompetencyCategory.MANAGERIAL

# fmt: off
MANAGERIAL: tuple[CompetencySpec, ...] = (
    _spec("M.01", "Integritas", "Integrity", _M,
        "Konsisten berperilaku selaras dengan nilai, norma dan/atau etika organisasi, jujur dalam "
        "hubungan dengan manajemen, rekan kerja, bawahan langsung dan pemangku kepentingan, serta "
        "bertanggung jawab atas tindakan atau keputusan beserta risikonya.",
        [
            ("Mampu bertindak sesuai nilai, norma, etika organisasi dalam kapasitas pribadi.",
             ["Bertingkah laku sesuai dengan perkataan; berkata sesuai dengan fakta.",
              "Melaksanakan peraturan dan kode etik organisasi dalam pekerjaan sehari-hari.",
              "Tidak menjanjikan atau memberikan sesuatu yang bertentangan dengan aturan."]),
            ("Mampu mengingatkan dan mengajak rekan kerja bertindak sesuai nilai, norma, dan etika "
             "organisasi.",
             ["Mengingatkan rekan kerja untuk bertindak sesuai nilai dan etika organisasi.",
              "Menyampaikan kebenaran dan melaporkan pelanggaran yang diketahui.",
              "Menjadi contoh dalam menjunjung etika di lingkungan kerja."]),
            ("Mampu memastikan dan menanamkan keyakinan bersama agar anggota yang dipimpin "
             "bertindak sesuai nilai, norma, dan etika organisasi dalam lingkup formal.",
             ["Memastikan anggota yang dipimpin mematuhi kebijakan, peraturan, dan etika.",
              "Mengambil tindakan terhadap pelanggaran norma dan etika.",
              "Memberikan apresiasi dan teguran secara adil kepada anggota yang dipimpin."]),
            ("Mampu menciptakan situasi kerja yang membuat rekan kerja patuh pada nilai, norma, "
             "dan etika organisasi dalam segala situasi dan kondisi.",
             ["Mempromosikan dan memastikan penerapan nilai etika di seluruh unit.",
              "Membangun budaya kerja berintegritas dan sistem pencegahan pelanggaran.",
              "Mendukung tindakan yang tidak populer demi menegakkan etika."]),
            ("Mampu menjadi teladan dalam penerapan standar keadilan dan etika di tingkat "
             "nasional.",
             ["Menjadi panutan penerapan standar keadilan dan etika.",
              "Menetapkan kebijakan yang menjamin integritas di seluruh instansi.",
              "Berani menanggung risiko untuk menolak tindakan yang melanggar etika."]),
        ]),
    _spec("M.02", "Kerjasama", "Teamwork", _M,
        "Kemampuan menjalin, membina, dan mempertahankan hubungan kerja yang efektif, berkomitmen "
        "saling membantu dalam penyelesaian tugas, dan mengoptimalkan sumber daya untuk tujuan "
        "strategis organisasi.",
        [
            ("Berpartisipasi dalam kelompok kerja.",
             ["Berpartisipasi sebagai anggota tim yang baik dan melakukan tugas bagiannya.",
              "Mendukung keputusan kelompok.",
              "Berbagi informasi yang relevan dengan anggota tim."]),
            ("Menumbuhkan tim kerja yang partisipatif dan efektif.",
             ["Membantu orang lain menyelesaikan tugas untuk mendukung sasaran tim.",
              "Menghargai masukan dan keahlian anggota tim.",
              "Bersedia belajar dari orang lain."]),
            ("Efektif membangun tim kerja untuk peningkatan kinerja organisasi.",
             ["Melihat kekuatan dan kelemahan anggota tim dan membentuk tim yang tepat.",
              "Mengantisipasi dan menyelesaikan konflik dalam tim.",
              "Membangun sinergi antar unit kerja."]),
            ("Membangun komitmen tim dan sinergi lintas unit.",
             ["Membangun sinergi antar unit di lingkup instansi.",
              "Memfasilitasi kepentingan yang berbeda dari unit kerja lain.",
              "Memberdayakan kontak jejaring untuk kepentingan tim."]),
            ("Menciptakan situasi kerja sama secara konsisten di dalam maupun di luar instansi.",
             ["Menciptakan hubungan kerja yang konstruktif lintas instansi.",
              "Menciptakan kesempatan kerja sama strategis dengan pemangku kepentingan.",
              "Menjadi panutan dalam kerja sama di tingkat nasional."]),
        ]),
    _spec("M.03", "Komunikasi", "Communication", _M,
        "Kemampuan menerangkan pandangan dan gagasan secara jelas, sistematis, dan logis secara "
        "lisan maupun tertulis; memastikan pemahaman; mendengarkan secara aktif; serta meyakinkan "
        "orang lain untuk mencapai tujuan organisasi.",
        [
            ("Menyampaikan informasi dengan jelas, lengkap, dan dengan pemahaman yang sama.",
             ["Menyampaikan informasi baik lisan maupun tertulis dengan jelas dan sopan.",
              "Mendengarkan dan memastikan pemahaman lawan bicara.",
              "Menyusun laporan sederhana dengan benar."]),
            ("Aktif menjalankan komunikasi formal dan informal serta bersedia mendengarkan.",
             ["Menyusun materi presentasi, naskah, dan laporan yang runtut.",
              "Menginterpretasikan pesan dengan respons yang sesuai.",
              "Menggunakan gaya bahasa yang sesuai dengan lawan bicara."]),
            ("Berkomunikasi secara asertif untuk informasi yang sensitif, rumit, atau kompleks.",
             ["Menyampaikan informasi sensitif dengan empati dan tepat sasaran.",
              "Menjelaskan persoalan kompleks secara sederhana.",
              "Memfasilitasi diskusi untuk mencapai pemahaman bersama."]),
            ("Mengemukakan pemikiran multidimensi untuk mendorong kesepakatan.",
             ["Meyakinkan pemangku kepentingan dengan argumentasi yang kuat.",
              "Menegosiasikan kepentingan yang berbeda.",
              "Mengelola komunikasi organisasi di lingkup perangkat daerah."]),
            ("Menggagas sistem komunikasi terbuka yang strategis untuk mencari solusi.",
             ["Membangun sistem komunikasi organisasi yang terbuka.",
              "Menjadi juru bicara instansi dalam isu strategis.",
              "Menggunakan komunikasi untuk mendorong perubahan di tingkat nasional."]),
        ]),
    _spec("M.04", "Orientasi pada Hasil", "Results orientation", _M,
        "Kemampuan mempertahankan komitmen pribadi yang tinggi untuk menyelesaikan tugas, dapat "
        "diandalkan, bertanggung jawab, serta mengidentifikasi risiko dan peluang dengan "
        "memperhatikan keterhubungan antara perencanaan dan hasil.",
        [
            ("Bertanggung jawab untuk memenuhi standar kerja.",
             ["Menyelesaikan tugas dengan tuntas dan tepat waktu.",
              "Bekerja sesuai standar mutu yang ditetapkan.",
              "Menunjukkan kesungguhan memenuhi target kerja."]),
            ("Berupaya meningkatkan hasil kerja pribadi di atas standar yang ditetapkan.",
             ["Menetapkan dan berupaya mencapai standar kerja pribadi yang lebih tinggi.",
              "Mencari dan mencoba metode kerja alternatif.",
              "Memantau kemajuan kerja sendiri."]),
            ("Menetapkan target kerja yang menantang bagi unit kerja.",
             ["Menetapkan target kerja unit yang menantang namun realistis.",
              "Memberi apresiasi dan teguran untuk mendorong kinerja.",
              "Mengembangkan metode kerja yang lebih efektif dan efisien."]),
            ("Mendorong unit kerja mencapai atau melampaui target yang ditetapkan.",
             ["Memantau dan mengevaluasi kinerja unit secara berkala.",
              "Mengidentifikasi risiko dan peluang dalam pencapaian target.",
              "Mengambil langkah perbaikan berdasarkan hasil evaluasi."]),
            ("Menyusun dan menerapkan sistem manajemen kinerja terintegrasi di tingkat instansi.",
             ["Merumuskan target strategis instansi.",
              "Membangun sistem pengukuran kinerja yang terintegrasi.",
              "Menjamin budaya berorientasi hasil di seluruh instansi."]),
        ]),
    _spec("M.05", "Pelayanan Publik", "Public service", _M,
        "Kemampuan melaksanakan tugas pemerintahan, pembangunan, dan pelayanan publik secara "
        "profesional, transparan, mengikuti standar pelayanan yang objektif, netral, "
        "tidak memihak, dan tidak diskriminatif.",
        [
            ("Menjalankan pelayanan sesuai standar operasional prosedur.",
             ["Memberikan pelayanan sesuai SOP dengan ramah.",
              "Memahami kebutuhan pengguna layanan.",
              "Tidak membeda-bedakan pengguna layanan."]),
            ("Mengawasi dan menjelaskan proses pelayanan publik secara transparan.",
             ["Menjelaskan prosedur pelayanan secara terbuka.",
              "Menyelia pelaksanaan pelayanan oleh rekan kerja.",
              "Menindaklanjuti pengaduan pengguna layanan."]),
            ("Memperbaiki standar pelayanan publik di lingkup unit kerja.",
             ["Mengevaluasi kualitas pelayanan unit kerja.",
              "Menyusun perbaikan standar pelayanan.",
              "Memanfaatkan kekuatan kelompok untuk meningkatkan pelayanan."]),
            ("Memantau dan mengantisipasi dampak isu jangka panjang pada pelayanan publik.",
             ["Mengantisipasi kebutuhan pelayanan pemangku kepentingan.",
              "Menjaga objektivitas pelayanan dari tekanan kepentingan.",
              "Mengembangkan inovasi pelayanan publik."]),
            ("Memastikan kebijakan pelayanan publik yang objektif, netral, dan tidak "
             "diskriminatif.",
             ["Merumuskan kebijakan pelayanan publik di tingkat instansi.",
              "Menjamin pelayanan bebas dari kepentingan pribadi, kelompok, atau partai politik.",
              "Membangun sistem pengukuran kepuasan masyarakat."]),
        ]),
    _spec("M.06", "Pengembangan Diri dan Orang Lain", "Developing self and others", _M,
        "Kemampuan meningkatkan pengetahuan dan keterampilan diri serta menginspirasi orang lain "
        "untuk berkembang, melalui umpan balik, bimbingan, dan dorongan belajar sepanjang hayat.",
        [
            ("Mengembangkan diri.",
             ["Mengikuti pelatihan dan belajar mandiri untuk meningkatkan kompetensi.",
              "Meminta umpan balik atas hasil kerja.",
              "Menerapkan pengetahuan baru dalam pekerjaan."]),
            ("Meningkatkan kemampuan bawahan dengan contoh dan penjelasan.",
             ["Memberikan contoh cara melaksanakan pekerjaan.",
              "Menjelaskan pekerjaan secara sabar kepada rekan yang baru.",
              "Berbagi pengetahuan dan pengalaman."]),
            ("Memberikan umpan balik dan membimbing.",
             ["Memberikan umpan balik konstruktif secara berkala.",
              "Melakukan coaching dan mentoring kepada bawahan.",
              "Mengidentifikasi kebutuhan pengembangan bawahan."]),
            ("Menyusun program pengembangan jangka panjang untuk mendorong pembelajaran.",
             ["Menyusun rencana pengembangan kompetensi unit kerja.",
              "Menyediakan kesempatan belajar bagi pegawai berpotensi.",
              "Menilai efektivitas program pengembangan."]),
            ("Menciptakan organisasi yang terus belajar.",
             ["Membangun budaya belajar di seluruh instansi.",
              "Menyusun kebijakan manajemen talenta dan suksesi.",
              "Menjadi mentor bagi pimpinan lain."]),
        ]),
    _spec("M.07", "Mengelola Perubahan", "Managing change", _M,
        "Kemampuan menyesuaikan diri dengan situasi baru, tidak bergantung berlebihan pada cara "
        "lama, mendukung dan memimpin inisiatif perubahan, serta bertanggung jawab agar perubahan "
        "berhasil diterapkan.",
        [
            ("Mengikuti perubahan dengan arahan.",
             ["Menerima perubahan kebijakan dan cara kerja.",
              "Menyesuaikan cara kerja dengan arahan pimpinan.",
              "Mempelajari sistem dan aplikasi baru."]),
            ("Proaktif beradaptasi mengikuti perubahan.",
             ["Menyesuaikan diri dengan cepat terhadap perubahan.",
              "Mengusulkan perbaikan cara kerja.",
              "Membantu rekan memahami perubahan."]),
            ("Membantu orang lain mengikuti perubahan dan mengantisipasinya secara tepat.",
             ["Menjelaskan manfaat perubahan kepada anggota tim.",
              "Mengantisipasi hambatan pelaksanaan perubahan.",
              "Menyesuaikan rencana kerja unit dengan perubahan."]),
            ("Memimpin perubahan pada unit kerja.",
             ["Merancang dan memimpin program perubahan unit kerja.",
              "Mengelola resistensi terhadap perubahan.",
              "Memantau keberhasilan perubahan."]),
            ("Mengarahkan dan mengawal perubahan di tingkat instansi.",
             ["Merumuskan agenda perubahan instansi.",
              "Menggalang dukungan pemangku kepentingan untuk perubahan.",
              "Memastikan perubahan berkelanjutan."]),
        ]),
    _spec("M.08", "Pengambilan Keputusan", "Decision making", _M,
        "Kemampuan membuat keputusan yang baik, tepat waktu, dan dengan keyakinan setelah "
        "mempertimbangkan prinsip kehati-hatian, informasi, alternatif pemecahan masalah dan "
        "konsekuensinya, serta bertanggung jawab atas keputusan yang diambil.",
        [
            ("Mengumpulkan informasi untuk bertindak sesuai kewenangan.",
             ["Mengumpulkan informasi yang relevan sebelum bertindak.",
              "Mengambil keputusan rutin sesuai prosedur.",
              "Mengenali masalah yang perlu diteruskan kepada atasan."]),
            ("Menganalisis masalah secara mendalam.",
             ["Mengidentifikasi akar masalah.",
              "Membandingkan data dari berbagai sumber.",
              "Mengusulkan alternatif pemecahan masalah."]),
            ("Membandingkan alternatif dan menyeimbangkan risiko dalam pelaksanaan.",
             ["Menilai kelebihan dan kekurangan setiap alternatif.",
              "Mempertimbangkan risiko dan dampak keputusan.",
              "Mengambil keputusan tepat waktu di lingkup unit kerja."]),
            ("Menyelesaikan masalah berisiko tinggi dan memitigasi dampaknya.",
             ["Mengantisipasi dampak keputusan terhadap pemangku kepentingan.",
              "Menyiapkan tindakan pengamanan dan mitigasi risiko.",
              "Bertanggung jawab atas keputusan yang berisiko."]),
            ("Mengambil keputusan strategis jangka panjang yang berdampak luas.",
             ["Menghasilkan solusi untuk permasalahan strategis.",
              "Mengambil keputusan dalam situasi yang tidak pasti.",
              "Menetapkan kebijakan yang berdampak nasional."]),
        ]),
)

SOCIO_CULTURAL: tuple[CompetencySpec, ...] = (
    _spec("SK.01", "Perekat Bangsa", "Nation unifier", CompetencyCategory.SOCIO_CULTURAL,
        "Kemampuan mempromosikan sikap toleransi, keterbukaan, dan peka terhadap perbedaan "
        "individu atau kelompok masyarakat; menjadi perpanjangan tangan pemerintah dalam "
        "mempersatukan masyarakat dan menjaga persatuan dan kesatuan dalam kemajemukan Indonesia.",
        [
            ("Peka memahami dan menerima kemajemukan.",
             ["Menerima perbedaan latar belakang, agama, suku, dan budaya.",
              "Bersikap santun dalam lingkungan yang beragam.",
              "Tidak membeda-bedakan dalam pergaulan kerja."]),
            ("Aktif mengembangkan sikap saling menghargai, menekankan persamaan dan persatuan.",
             ["Menghargai pendapat yang berbeda.",
              "Mengajak rekan kerja menjaga kerukunan.",
              "Menekankan persamaan di atas perbedaan."]),
            ("Mempromosikan dan mengembangkan sikap toleransi dan persatuan.",
             ["Menciptakan suasana kerja yang inklusif.",
              "Menengahi perbedaan pendapat yang bersumber dari latar belakang.",
              "Mendorong kegiatan yang mempererat persatuan."]),
            ("Mendayagunakan perbedaan secara konstruktif untuk efektivitas organisasi.",
             ["Memanfaatkan keberagaman untuk memperkaya gagasan.",
              "Mencegah dan menyelesaikan konflik bernuansa SARA.",
              "Membangun jejaring dengan kelompok masyarakat yang beragam."]),
            ("Menjadi wakil pemerintah dalam membangun hubungan sosial psikologis.",
             ["Merumuskan kebijakan yang merekatkan masyarakat.",
              "Menjadi panutan dalam menjaga persatuan bangsa.",
              "Membangun kepercayaan masyarakat terhadap pemerintah."]),
        ]),
)
# fmt: on

MANAGERIAL_CODES: tuple[str, ...] = tuple(c.code for c in MANAGERIAL)
SOCIO_CULTURAL_CODE = "SK.01"
