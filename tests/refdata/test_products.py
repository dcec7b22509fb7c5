"""Lab-report limits, and veins and strain names with their evidence."""

from speciosa.core.vocab import Vein
from speciosa.refdata import lab_limits, strain_named, strains, veins


def test_heavy_metal_limits_are_the_usp_daily_figures():
    limits = lab_limits()
    expected = {"lead": 5, "arsenic": 15, "cadmium": 5, "mercury": 15, "nickel": 200}
    assert {m.element: m.micrograms_per_day for m in limits.heavy_metals} == expected
    assert "usp-2232" in limits.metal("lead").sources and "usp-232" in limits.metal("nickel").sources


def test_a_metal_limit_is_reached_at_a_number_of_grams_a_day():
    lead = lab_limits().metal("lead")
    assert lead.grams_per_day_at(0.5) == 10  # the fact base's worked example: 0.5 ppm x 10 g = 5 µg
    assert lead.grams_per_day_at(0) is None


def test_the_fda_lead_reference_level_for_people_who_may_become_pregnant():
    levels = {level.id: level for level in lab_limits().lead_reference_levels}
    assert levels["fda-irl-childbearing-age"].micrograms_per_day == 8.8
    assert "pregnant" in levels["fda-irl-childbearing-age"].population


def test_microbial_limits_for_dried_botanicals():
    by_test = {m.test: m for m in lab_limits().microbial_for("dried botanical")}
    assert by_test["tamc"].max_cfu_per_gram == 100_000
    assert by_test["tymc"].max_cfu_per_gram == 1_000
    assert by_test["btgn"].max_cfu_per_gram == 1_000
    assert by_test["salmonella"].absent_in_grams == 10 and by_test["e_coli"].absent_in_grams == 10


def test_seven_oh_and_mitragynine_limits_carry_their_sources_and_dates():
    limits = lab_limits()
    assert limits.seven_oh_share_of_alkaloids_max_percent.value == 2
    flags = {f.id: f for f in limits.seven_oh_weight_percent_flags}
    assert flags["florida-2026"].value == 0.1 and flags["florida-2026"].as_of is not None
    assert flags["dea-2026"].value == 0.05 and str(flags["dea-2026"].as_of) == "2026-07-01"
    assert limits.seven_oh_mg_per_article_flag.value == 1
    assert limits.mitragynine_extract_percent.value == 6.2
    assert "prozialeck-2020" in limits.mitragynine_extract_percent.sources
    assert limits.seven_oh_natural_leaf_max_percent.value == 0.05


def test_every_vein_colour_has_a_claim_and_the_evidence_against_it():
    assert {v.vein for v in veins()} == set(Vein) - {Vein.UNKNOWN}
    for claim in veins():
        assert "no controlled" in claim.evidence.lower(), claim.vein


def test_strain_names_are_trade_names_without_controlled_evidence():
    names = {s.strain for s in strains()}
    assert {"Maeng Da", "Bali", "Borneo", "Malay", "Thai"} <= names
    for claim in strains():
        assert claim.evidence and claim.vendor_claims and claim.sources


def test_a_product_name_finds_its_strain_as_whole_words():
    assert strain_named("Red Maeng Da 250 g").strain == "Maeng Da"
    assert strain_named("Ultra Enhanced Indo").strain == "Enhanced or ultra"
    assert strain_named("Thailand leaf") is None
    assert strain_named("House blend") is None
