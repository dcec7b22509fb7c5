"""speciosa's settings with one change, for the API benchmark's worker process only: its URL
conf (bench.urls) adds the bare baseline view next to all of speciosa's URLs."""

from speciosa.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
