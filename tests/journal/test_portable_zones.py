"""A person's days follow a place's time zone, never the server's clock: `localtime` and the other
zoneinfo entries that are not places are refused wherever a time zone comes in (sign-up, profile,
import), with an error naming the field, and nothing changes."""

import json

import pytest
from django.contrib.auth import get_user_model

from speciosa.core.errors import InvalidInput
from speciosa.journal import services, transfer
from speciosa.journal.selectors import profile_get

pytestmark = pytest.mark.django_db


def test_a_new_account_cannot_live_on_the_servers_clock():
    with pytest.raises(InvalidInput) as refused:
        services.account_create(username="sam", password="correct horse battery", timezone="localtime")
    assert [e.field for e in refused.value.errors] == ["timezone"]
    assert not get_user_model().objects.filter(username="sam").exists()


@pytest.mark.parametrize("name", ["localtime", "posixrules", "Factory"])
def test_a_profile_change_to_a_zone_that_is_not_a_place_changes_nothing(alice, name):
    with pytest.raises(InvalidInput, match="timezone: "):
        services.profile_update(user=alice, timezone=name)
    assert profile_get(user=alice).timezone == "America/New_York"


def test_an_import_whose_profile_names_the_servers_clock_is_refused_and_imports_nothing(db, frozen_now):
    carol = services.account_create(username="carol", password="correct horse battery")
    document = {"format": "speciosa-journal", "version": 1, "profile": {"timezone": "localtime"}}
    with pytest.raises(InvalidInput) as refused:
        transfer.import_file(user=carol, content=json.dumps(document).encode(), now=frozen_now)
    assert [e.field for e in refused.value.errors] == ["profile.timezone"]
    assert "not a place's time zone" in refused.value.errors[0].message
    assert profile_get(user=carol).timezone == "UTC"
