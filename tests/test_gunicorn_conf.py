"""deploy/gunicorn.conf.py, the production server's settings (docs/postgresql.md): it loads as gunicorn
loads it, caps request lines and headers, and tells the app when it listens beyond loopback."""

import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

CONF = Path(__file__).resolve().parent.parent / "deploy" / "gunicorn.conf.py"


@pytest.fixture
def conf():
    return runpy.run_path(str(CONF))


def worker_bound_to(*addresses):
    cfg = Config()
    cfg.set("bind", list(addresses))
    return SimpleNamespace(cfg=cfg)


def test_gunicorn_reads_the_file_as_valid_settings_that_listen_on_loopback_only():
    cfg = Config()
    for name, value in runpy.run_path(str(CONF)).items():
        if name in cfg.settings:
            cfg.set(name, value)
    assert cfg.bind == ["127.0.0.1:8000"]
    assert cfg.workers >= 2 and cfg.worker_class_str == "gthread"
    assert cfg.limit_request_line == 8190 and cfg.limit_request_fields == 100
    assert cfg.accesslog is None  # paths carry share-link and calendar tokens


def test_a_worker_listening_beyond_loopback_says_so_to_the_app(conf, settings):
    conf["post_worker_init"](worker_bound_to("0.0.0.0:8000"))
    assert settings.SERVED_BEYOND_LOOPBACK is True


@pytest.mark.parametrize("addresses", [("127.0.0.1:8000",), ("[::1]:8000", "unix:/run/speciosa.sock")])
def test_a_worker_on_loopback_or_a_local_socket_does_not(conf, settings, addresses):
    settings.SERVED_BEYOND_LOOPBACK = True
    conf["post_worker_init"](worker_bound_to(*addresses))
    assert settings.SERVED_BEYOND_LOOPBACK is False
