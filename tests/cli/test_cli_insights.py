from datetime import timedelta

from speciosa.journal import services


def test_speciosa_insights_prints_each_figure_with_its_interval_and_n_and_the_caveat(
    alice, speciosa, frozen_now
):
    for day in range(8):
        at = frozen_now - timedelta(days=day + 1)
        services.entry_create(
            user=alice, kind="checkins", values={"at": at - timedelta(minutes=30), "pain_now": 7}
        )
        services.dose_create(user=alice, amount=3, taken_at=at)
        services.entry_create(
            user=alice, kind="checkins", values={"at": at + timedelta(hours=2), "pain_now": 5 - day % 2}
        )
    printed = speciosa("insights", "--user", "alice").stdout
    assert "Pain eased after a dose" in printed and "dose band: over 2 g, up to 5 g" in printed
    assert "Across 8 before/after pairs, pain eased by 2.5 points" in printed
    assert "Associations, not causes" in printed
