"""speciosa's benchmarks: `python -m bench` (or `make bench`) runs them all and prints one table.

Every figure is a ratio against a baseline measured in the same run on the same machine, so a
slow or busy machine moves both sides together. Measurements are repeated and medians reported.
What each benchmark measures, and how, is written up in docs/performance.md.

Layout: `__main__` runs everything; `workspace` holds the temporary databases and starts worker
subprocesses (`worker`), each with its own DATABASE_URL; `journals` makes the synthetic journals;
`api_dose`, `pages`, `importing` and `memory` are the four benchmarks; `report` is the table.

`python -m bench.scale` runs on its own (it takes minutes): one person's requests on PostgreSQL with
1,000 and 100,000 accounts (`scale_data` makes them), their query plans (`scale_plans`) and a locust
load run against the real server (`scale_load`, `locustfile`).
"""
