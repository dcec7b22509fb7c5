from speciosa.refdata import side_effects, sources


def test_every_side_effect_cites_at_least_one_known_source():
    known = sources()
    for effect in side_effects().values():
        assert effect.sources and all(s in known for s in effect.sources), effect.code


def test_the_vocabulary_holds_what_people_need_to_log():
    codes = set(side_effects())
    expected = {
        "nausea",
        "constipation",
        "dizziness",
        "drowsiness",
        "itching",
        "sweating",
        "dry_mouth",
        "loss_of_appetite",
        "insomnia",
        "irritability",
        "headache",
        "other",
    }
    assert expected <= codes


def test_every_source_has_a_citation_a_link_and_a_grade():
    for source in sources().values():
        assert source.citation and source.link.startswith("https://") and source.grade in "ABCD"
