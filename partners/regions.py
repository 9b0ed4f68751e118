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


def load_regions(region_model) -> None:
    for code, name, name_ar in REGIONS:
        region_model.objects.update_or_create(
            code=code, defaults={"name": name, "name_ar": name_ar}
        )
