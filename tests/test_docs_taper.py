"""docs/taper.md shows the seed case's schedule as the planner computes it."""

from pathlib import Path

from speciosa.core.taper.schedule import PlanSpec, plan_steps

TAPER_DOC = Path(__file__).resolve().parent.parent / "docs" / "taper.md"


def seed_rows() -> list[str]:
    spec = PlanSpec.of_pace("standard", start_grams=15, measure_grams=0.25, doses_per_day=3)
    rows, day = [], 0
    for step in plan_steps(spec):
        doses = " + ".join(f"{d:g}" for d in step.doses) or "none"
        rows.append(
            f"| {step.number} | {day + 1}–{day + step.hold_days} | {step.grams:g} | {doses} | "
            f"{step.cut_percent:g}% | {step.hold_days} days |"
        )
        day += step.hold_days
    return rows


def test_the_seed_case_table_in_the_taper_doc_is_the_schedule_the_planner_computes():
    text = TAPER_DOC.read_text()
    table = text.split("<!-- seed-schedule:start -->")[1].split("<!-- seed-schedule:end -->")[0]
    documented = [line for line in table.strip().splitlines()[2:]]
    assert documented == seed_rows()


def test_the_seed_case_goes_from_15_g_to_none_in_28_weekly_steps():
    rows = seed_rows()
    assert len(rows) == 28
    assert rows[0].startswith("| 1 | 1–7 | 13.5 |")
    assert rows[-1] == "| 28 | 190–196 | 0 | none | 100% | 7 days |"
