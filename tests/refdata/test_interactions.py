"""Interaction classes and matching a free-text medication or substance name against them."""

import pytest

from speciosa.refdata import SEVERITY_SCALE, interaction_classes, interactions_for, read_name


def ids(name):
    return [c.id for c in interactions_for(name)]


@pytest.mark.parametrize(
    ("name", "class_id"),
    [
        ("oxycodone", "opioids"),
        ("Oxycodone 5 mg", "opioids"),
        ("OXYCONTIN 20MG ER", "opioids"),
        ("Percocet 10/325", "opioids"),
        ("roxicodone", "opioids"),
        ("tapentadol", "opioids"),
        ("heroin", "opioids"),
        ("Xanax XR 1mg", "benzodiazepines_z_drugs"),
        ("zolpidem (Ambien) 10 mg at night", "benzodiazepines_z_drugs"),
        ("Lunesta", "benzodiazepines_z_drugs"),
        ("Gralise", "gabapentinoids"),
        ("Lyrica 75mg twice daily", "gabapentinoids"),
        ("2 glasses of wine", "alcohol"),
        ("Seroquel 25 mg", "quetiapine"),
        ("Cymbalta", "snris"),
        ("Savella", "snris"),
        ("amitriptyline 10mg", "tricyclic_antidepressants"),
        ("Adderall XR", "stimulants"),
        ("Provigil", "stimulants"),
        ("Benadryl", "sedating_antihistamines"),
        ("cyclobenzaprine", "muscle_relaxants"),
        ("tacrolimus", "cyp3a_narrow_margin"),
        ("dextromethorphan", "cyp2d6_substrates"),
        ("St. John's Wort", "other_serotonergic"),
        ("Datura tea", "datura"),
        ("cannabis", "cannabis"),
        ("Suboxone 8/2", "buprenorphine"),
        ("naltrexone", "opioid_blockers"),
        ("phenelzine", "maois"),
        ("ondansetron", "qt_prolonging"),
    ],
)
def test_generic_and_brand_names_match_ignoring_case_and_dose_text(name, class_id):
    assert class_id in ids(name)


def test_a_name_inside_another_word_does_not_match_exactly_but_a_close_misspelling_is_read_and_named():
    assert ids("ginger tea") == []
    assert ids("vitamin D3") == []
    codeinex = read_name("codeinex")
    assert "opioids" in ids("codeinex") and codeinex.read_as_words == "we read 'codeinex' as codeine"


def test_a_misspelling_that_sounds_right_is_read_as_it_sounds_and_still_named():
    zanex = read_name("Zanex")
    assert "benzodiazepines_z_drugs" in ids("Zanex") and zanex.read_as_words == "we read 'zanex' as xanax"
    assert read_name("zanax").read_as_words == "we read 'zanax' as xanax", "sounds the same, spelt otherwise"
    assert "sedating_antihistamines" in ids("fenergan")


def test_slang_for_either_of_two_drugs_is_checked_for_both_and_said_with_or():
    zaza = read_name("Zaza")
    assert {"tianeptine", "cannabis"} <= set(ids("Zaza"))
    assert zaza.means_words == "zaza is tianeptine or cannabis"
    assert read_name("Tylenol No. 3").means_words == "tylenol no 3 is codeine with acetaminophen and caffeine"


def test_street_names_are_read_exactly_never_fuzzily():
    assert ids("smack") == ["opioids"]
    assert ids("snack bar") == [] and ids("trackpad") == []


def test_brand_names_need_a_closer_match_than_generic_names():
    assert ids("protein shake") == [], "0.75 from the brand Prodeine is not close enough"
    assert "opioids" in ids("oxycodn"), "0.78 from the generic oxycodone is"


def test_unknown_names_give_nothing():
    assert interactions_for("vitamin D 1000 IU") == []
    assert interactions_for("") == []


def test_tramadol_sits_in_several_classes_worst_first():
    found = interactions_for("Tramadol 50 mg")
    assert len(found) >= 2
    assert found[0].id == "opioids"
    assert {"other_serotonergic", "seizure_threshold"} <= {c.id for c in found}
    orders = [SEVERITY_SCALE[c.severity].order for c in found]
    assert orders == sorted(orders)


def test_a_combination_product_matches_each_ingredient_class():
    assert ids("Tylenol PM") == ["sedating_antihistamines", "liver_strain"]
    assert {"opioids", "liver_strain"} <= set(ids("co-codamol 30/500"))
    assert {"dextromethorphan", "sedating_antihistamines", "liver_strain"} <= set(ids("NyQuil"))


def test_a_reading_names_the_generic_through_which_a_name_reaches_a_class():
    reading = read_name("Tylenol No. 3")
    assert reading.member_for("opioids") == "codeine"
    assert "codeine" in reading.means_words and "acetaminophen" in reading.means_words


def test_every_class_has_a_severity_from_the_scale_and_the_fields_a_finding_needs():
    for cls in interaction_classes():
        assert cls.severity in SEVERITY_SCALE, cls.id
        assert cls.mechanism and cls.what_to_do and cls.grade in "ABCD" and cls.sources, cls.id


def test_the_scale_uses_tripsits_words_worst_first():
    assert [level.label for level in sorted(SEVERITY_SCALE.values(), key=lambda level: level.order)] == [
        "Dangerous",
        "Unsafe",
        "Caution",
        "Unknown",
        "Low risk",
    ]
    assert all(level.definition for level in SEVERITY_SCALE.values())


def test_severities_follow_the_fact_base_or_say_why_not():
    from speciosa.refdata import FACT_BASE_TO_SEVERITY

    for cls in interaction_classes():
        mapped = FACT_BASE_TO_SEVERITY.get(cls.fact_base_rating)
        assert mapped in (None, cls.severity) or cls.deviation, cls.id


def test_the_fact_base_high_classes_are_dangerous():
    by_id = {c.id: c for c in interaction_classes()}
    for class_id in (
        "opioids",
        "benzodiazepines_z_drugs",
        "gabapentinoids",
        "alcohol",
        "quetiapine",
        "datura",
    ):
        assert by_id[class_id].severity == "dangerous", class_id
    assert by_id["maois"].severity == "unknown"
    assert by_id["cyp2d6_substrates"].severity == "unknown", "one 2 g tea is no evidence for daily use"
    assert by_id["dextromethorphan"].severity == "dangerous" and by_id["cocaine"].severity == "dangerous"


def test_the_names_people_with_chronic_pain_take_reach_a_class():
    required = {
        "tramadol", "tapentadol", "buprenorphine", "methadone", "fentanyl", "hydrocodone", "morphine", "codeine",
        "hydromorphone", "oxymorphone", "heroin", "loperamide", "oxycodone", "oxycontin", "percocet", "roxicodone",
        "alprazolam", "xanax", "clonazepam", "klonopin", "diazepam", "valium", "lorazepam", "ativan", "midazolam",
        "triazolam", "temazepam", "zolpidem", "ambien", "zopiclone", "eszopiclone", "lunesta",
        "gabapentin", "neurontin", "gralise", "pregabalin", "lyrica",
        "alcohol", "beer", "wine", "spirits", "ethanol",
        "quetiapine", "seroquel", "olanzapine", "ziprasidone",
        "venlafaxine", "desvenlafaxine", "duloxetine", "cymbalta", "milnacipran", "savella", "amitriptyline",
        "trazodone", "buspirone", "bupropion", "phenelzine",
        "amphetamine", "adderall", "methylphenidate", "ritalin", "methamphetamine", "cocaine", "modafinil",
        "provigil", "armodafinil", "caffeine", "yohimbine",
        "citalopram", "ondansetron",
        "diphenhydramine", "benadryl", "doxylamine", "promethazine", "hydroxyzine",
        "cyclobenzaprine", "carisoprodol", "tacrolimus", "cyclosporine", "dextromethorphan", "metoprolol",
        "acetaminophen", "cannabis", "datura", "naltrexone",
    }  # fmt: skip
    assert {name for name in required if not read_name(name).classes} == set()
