"""The directory of the demo, as data: markets, the organizations of the July 2022
Casablanca meeting with their names in three languages, and the mandates the
press release names (partners/demo.py seeds them)."""

# code, French name, Arabic name
STRATEGIC_MARKETS = [
    ("FR", "France", "فرنسا"),
    ("ES", "Espagne", "إسبانيا"),
    ("UK", "Royaume-Uni", "المملكة المتحدة"),
    ("DE", "Allemagne", "ألمانيا"),
    ("IT", "Italie", "إيطاليا"),
    ("BE", "Belgique", "بلجيكا"),
    ("NL", "Pays-Bas", "هولندا"),
    ("US", "États-Unis", "الولايات المتحدة"),
    ("CA", "Canada", "كندا"),
    ("CN", "Chine", "الصين"),
    ("GCC", "Pays du Golfe", "دول الخليج"),
    ("MA", "Marché national", "السوق الوطنية"),
    ("MRE", "Marocains résidant à l'étranger", "مغاربة العالم"),
]

MARKETS_EN = {
    "FR": "France",
    "ES": "Spain",
    "UK": "United Kingdom",
    "DE": "Germany",
    "IT": "Italy",
    "BE": "Belgium",
    "NL": "Netherlands",
    "US": "United States",
    "CA": "Canada",
    "CN": "China",
    "GCC": "Gulf countries",
    "MA": "Domestic market",
    "MRE": "Moroccans living abroad",
    "SA": "Saudi Arabia",
    "AE": "United Arab Emirates",
    "KW": "Kuwait",
    "ALL": "All markets",
}

# Markets the published figures name one by one (roadmaps/data/published/), not
# strategic: the Gulf countries the sources give apart, and the national total.
# The Gulf as a whole (GCC) gets no figure made up from its parts.
OTHER_MARKETS = [
    ("SA", "Arabie saoudite", "المملكة العربية السعودية"),
    ("AE", "Émirats arabes unis", "الإمارات العربية المتحدة"),
    ("KW", "Koweït", "الكويت"),
    ("ALL", "Ensemble des marchés", "مجموع الأسواق"),
]

# short name, name, kind, sector, region code, province
ORGANIZATIONS = [
    ("ONMT", "Office National Marocain du Tourisme", "office", "public", "06", "Casablanca"),
    ("RAM", "Royal Air Maroc", "airline", "public", "06", "Casablanca"),
    ("CNT", "Confédération Nationale du Tourisme", "confederation", "private", None, ""),
    ("FNIH", "Fédération Nationale de l'Industrie Hôtelière", "federation", "private", None, ""),
    (
        "CRT Fès-Meknès",
        "Conseil Régional du Tourisme de Fès-Meknès",
        "regional_council",
        "public_private",
        "03",
        "",
    ),
    (
        "CRT Rabat-Salé-Kénitra",
        "Conseil Régional du Tourisme de Rabat-Salé-Kénitra",
        "regional_council",
        "public_private",
        "04",
        "",
    ),
    (
        "CRT Béni Mellal-Khénifra",
        "Conseil Régional du Tourisme de Béni Mellal-Khénifra",
        "regional_council",
        "public_private",
        "05",
        "",
    ),
    (
        "CRT Drâa-Tafilalet",
        "Conseil Régional du Tourisme de Drâa-Tafilalet",
        "regional_council",
        "public_private",
        "08",
        "",
    ),
    (
        "CPT Ouarzazate",
        "Conseil Provincial du Tourisme de Ouarzazate",
        "provincial_council",
        "public_private",
        "08",
        "Ouarzazate",
    ),
    (
        "CPT Meknès",
        "Conseil Provincial du Tourisme de Meknès",
        "provincial_council",
        "public_private",
        "03",
        "Meknès",
    ),
]

# The organizations' names in Arabic and in English.
ORGANIZATION_NAMES = {
    "ONMT": ("المكتب الوطني المغربي للسياحة", "Moroccan National Tourist Office"),
    "RAM": ("الخطوط الملكية المغربية", "Royal Air Maroc"),
    "CNT": ("الكونفدرالية الوطنية للسياحة", "National Tourism Confederation"),
    "FNIH": ("الجامعة الوطنية للصناعة الفندقية", "National Federation of the Hotel Industry"),
    "CRT Fès-Meknès": (
        "المجلس الجهوي للسياحة فاس مكناس",
        "Fez-Meknes Regional Tourism Council",
    ),
    "CRT Rabat-Salé-Kénitra": (
        "المجلس الجهوي للسياحة الرباط سلا القنيطرة",
        "Rabat-Sale-Kenitra Regional Tourism Council",
    ),
    "CRT Béni Mellal-Khénifra": (
        "المجلس الجهوي للسياحة بني ملال خنيفرة",
        "Beni Mellal-Khenifra Regional Tourism Council",
    ),
    "CRT Drâa-Tafilalet": (
        "المجلس الجهوي للسياحة درعة تافيلالت",
        "Draa-Tafilalet Regional Tourism Council",
    ),
    "CPT Ouarzazate": ("المجلس الإقليمي للسياحة ورزازات", "Ouarzazate Provincial Tourism Council"),
    "CPT Meknès": ("المجلس الإقليمي للسياحة مكناس", "Meknes Provincial Tourism Council"),
}

PARENTS = {"FNIH": "CNT"}

# first name, last name, organization, role, title, demo account
MANDATES = [
    ("Adel", "El Fakir", "ONMT", "director_general", "Directeur général de l'ONMT", None),
    ("Hamid", "Bentahar", "CNT", "president", "Président de la CNT", None),
    ("Lahcen", "Zelmat", "FNIH", "president", "Président de la FNIH", None),
    ("Aziz", "Lebbar", "CRT Fès-Meknès", "president", "Président du CRT de Fès-Meknès", "crt.fes"),
    (
        "Hassan",
        "Bargach",
        "CRT Rabat-Salé-Kénitra",
        "president",
        "Président du CRT de Rabat-Salé-Kénitra",
        "crt.rabat",
    ),
    (
        "Younès",
        "El Laraqui",
        "CRT Béni Mellal-Khénifra",
        "president",
        "Président du CRT de Béni Mellal-Khénifra",
        None,
    ),
    (
        "Mohamed",
        "Takhchi",
        "CRT Drâa-Tafilalet",
        "president",
        "Président du CRT de Drâa-Tafilalet",
        None,
    ),
    (
        "Siham",
        "Rida",
        "CPT Ouarzazate",
        "president",
        "Présidente du CPT de Ouarzazate",
        "cpt.ouarzazate",
    ),
    ("Adil", "Terrab", "CPT Meknès", "president", "Président du CPT de Meknès", None),
    ("Équipe ONMT", "(démo)", "ONMT", "staff", "Équipe ONMT (démo)", "onmt.staff"),
]
