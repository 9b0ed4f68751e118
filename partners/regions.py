"""The 12 regions of Morocco (2015 territorial division), with their official numbers.

Loaded by migration 0003 and, idempotently, by seed_demo (a flushed test
database loses migration data).
"""

REGIONS = [
    ("01", "Tanger-Tétouan-Al Hoceïma", "طنجة تطوان الحسيمة"),
    ("02", "L'Oriental", "الشرق"),
    ("03", "Fès-Meknès", "فاس مكناس"),
    ("04", "Rabat-Salé-Kénitra", "الرباط سلا القنيطرة"),
    ("05", "Béni Mellal-Khénifra", "بني ملال خنيفرة"),
    ("06", "Casablanca-Settat", "الدار البيضاء سطات"),
    ("07", "Marrakech-Safi", "مراكش آسفي"),
    ("08", "Drâa-Tafilalet", "درعة تافيلالت"),
    ("09", "Souss-Massa", "سوس ماسة"),
    ("10", "Guelmim-Oued Noun", "كلميم واد نون"),
    ("11", "Laâyoune-Sakia El Hamra", "العيون الساقية الحمراء"),
    ("12", "Dakhla-Oued Ed-Dahab", "الداخلة وادي الذهب"),
]


# The names in English, without the French accents.
REGIONS_EN = {
    "01": "Tangier-Tetouan-Al Hoceima",
    "02": "Oriental",
    "03": "Fez-Meknes",
    "04": "Rabat-Sale-Kenitra",
    "05": "Beni Mellal-Khenifra",
    "06": "Casablanca-Settat",
    "07": "Marrakesh-Safi",
    "08": "Draa-Tafilalet",
    "09": "Souss-Massa",
    "10": "Guelmim-Oued Noun",
    "11": "Laayoune-Sakia El Hamra",
    "12": "Dakhla-Oued Ed-Dahab",
}


def load_regions(region_model) -> None:
    # Migration 0003 loads them before the English names exist (0012).
    has_english = any(field.name == "name_en" for field in region_model._meta.fields)
    for code, name, name_ar in REGIONS:
        names = {"name": name, "name_ar": name_ar}
        if has_english:
            names["name_en"] = REGIONS_EN[code]
        region_model.objects.update_or_create(code=code, defaults=names)
