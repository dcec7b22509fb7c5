"""One formula each for the numbers worked out from a journal: the PEG-3 score and alkaloid milligrams."""

import pytest

from speciosa.core.scores import alkaloid_mg, peg_score


def test_the_peg_score_is_the_mean_of_its_three_items():
    assert peg_score(6, 5, 6) == pytest.approx(17 / 3)
    assert peg_score(0, 0, 0) == 0
    assert peg_score(10, 10, 10) == 10


@pytest.mark.parametrize("items", [(None, 5, 6), (6, None, 6), (6, 5, None), (None, None, None)])
def test_there_is_no_peg_score_unless_all_three_items_were_answered(items):
    assert peg_score(*items) is None


def test_one_percent_of_a_gram_is_ten_milligrams():
    assert alkaloid_mg(1.0, 1.0) == 10
    assert alkaloid_mg(3.0, 1.5) == pytest.approx(45)
    assert alkaloid_mg(0.5, 0.02) == pytest.approx(0.1)
