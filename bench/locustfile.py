"""A locust load run against a real speciosa server: each simulated user is a different person.

    SPECIOSA_LOAD_ACCOUNTS=accounts.json locust -f bench/locustfile.py --headless -u 8 -r 8 -t 60s \
        --host http://127.0.0.1:8000

`python -m bench.scale` makes the accounts and runs this file; by hand, SPECIOSA_LOAD_ACCOUNTS names
a JSON file: {"password": "...", "accounts": [{"username": "...", "token": "spc_..."}, ...]}, one
account per user at least. Each user signs in through the sign-in page once (for the web pages) and
uses its API token for the API, then repeats a mix of what a person does in a day: opens Today
(most often), logs a dose, reads the findings, logs a check-in. There is little time between
requests: this measures what the server can take, not the pace of real people.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from pathlib import Path
from typing import Any

from locust import HttpUser, between, task

_document = json.loads(Path(os.environ["SPECIOSA_LOAD_ACCOUNTS"]).read_text())
_accounts = itertools.cycle(_document["accounts"])
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Person(HttpUser):
    wait_time = between(0.05, 0.25)

    def on_start(self) -> None:
        account = next(_accounts)
        self.api = {"Authorization": f"Bearer {account['token']}"}
        page = self.client.get("/login/", name="sign in (form)")
        found = CSRF.search(page.text)
        if found is None:
            raise RuntimeError("the sign-in page has no CSRF token")
        signed_in = self.client.post(
            "/login/",
            {
                "username": account["username"],
                "password": _document["password"],
                "csrfmiddlewaretoken": found[1],
            },
            headers={"Referer": f"{self.host}/login/"},
            name="sign in",
            allow_redirects=False,
        )
        if signed_in.status_code != 302:
            raise RuntimeError(f"signing in as {account['username']} answered {signed_in.status_code}")

    @task(4)
    def today(self) -> None:
        with self.client.get("/", name="Today page", allow_redirects=False, catch_response=True) as page:
            if page.status_code != 200:  # a redirect to the sign-in page is a failure here
                page.failure(f"Today answered {page.status_code}")

    @task(2)
    def log_dose(self) -> None:
        body: dict[str, Any] = {"amount": random.choice([2, 2.5, 3, 4]), "unit": "g"}
        self.client.post("/api/v1/doses", json=body, headers=self.api, name="API: log a dose")

    @task(2)
    def findings(self) -> None:
        self.client.get("/api/v1/findings", headers=self.api, name="API: findings")

    @task(1)
    def check_in(self) -> None:
        body = {"pain_now": random.randint(2, 7), "mood": random.randint(3, 8), "sleep_quality": 6}
        self.client.post("/api/v1/checkins", json=body, headers=self.api, name="API: check-in")
