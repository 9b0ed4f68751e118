from core.search import unaccent


def test_unaccent_folds_french_accents_and_arabic_diacritics():
    assert (
        unaccent("Fès-Meknès, Drâa, Laâyoune, Hôtelière") == "Fes-Meknes, Draa, Laayoune, Hoteliere"
    )
    # Vowel marks (harakat) are dropped, the letters stay.
    assert unaccent("مُرَاكِش") == "مراكش"
    assert unaccent(None) is None
