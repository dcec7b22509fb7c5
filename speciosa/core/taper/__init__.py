"""Cutting down (pure): the taper schedule, following it day by day, and the self-report scales.

- `schedule`: a plan's steps from a starting daily amount, a pace and what the person can measure;
- `follow`: where a plan stands on a day, replaying its events (pauses, holds, bad days) and the
  withdrawal scores that pause it;
- `scales`: scoring the SOWS and the DSM-5 self-check.

The numbers come from speciosa/refdata/data/taper.yaml, each with its sources. Nothing here decides an
amount for anyone: a plan starts from the person's own amount and pace, and they can pause it any time.
"""
