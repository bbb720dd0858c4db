"""Settings: defaults, TOML, environment, and errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from havre.config import ChatMode, Secret, load_settings
from havre.errors import ConfigError


def test_defaults_serve_sqlite_under_var() -> None:
    """With nothing set, Havre serves 127.0.0.1:8000 on SQLite under ./var/."""
    settings = load_settings({})
    assert settings.server.port == 8000 and settings.storage.database_url.endswith("var/havre.db")
    assert settings.chat.min_age == 15 and settings.chat.mode is ChatMode.MIXED


def test_environment_overrides_toml(tmp_path: Path) -> None:
    """Environment variables win over the TOML file; the short database URL form works."""
    toml = tmp_path / "havre.toml"
    toml.write_text(
        '[server]\nport = 9000\nallowed_origins = ["https://havre.example"]\n[chat]\nmin_age = 16\n'
    )
    settings = load_settings(
        {"HAVRE_CONFIG": str(toml), "HAVRE_CHAT_MIN_AGE": "17", "HAVRE_DATABASE_URL": "sqlite:///x.db"}
    )
    assert settings.server.port == 9000 and settings.server.allowed_origins == ("https://havre.example",)
    assert settings.chat.min_age == 17 and settings.storage.database_url == "sqlite:///x.db"


@pytest.mark.parametrize(
    ("environ", "key"),
    [
        ({"HAVRE_SERVER_PORT": "0"}, "server.port"),
        ({"HAVRE_SERVER_PORT": "eighty"}, "server.port"),
        ({"HAVRE_CHAT_MIN_AGE": "12"}, "chat.min_age"),
        ({"HAVRE_CHAT_MODE": "everyone"}, "chat.mode"),
        ({"HAVRE_SAFETY_ENABLED": "maybe"}, "safety.enabled"),
        ({"HAVRE_LIMITS_SEND_BUFFER_BYTES": "0"}, "limits.send_buffer_bytes"),
        ({"HAVRE_LIMITS_HANDSHAKES_IN_FLIGHT": "0"}, "limits.handshakes_in_flight"),
        ({"HAVRE_CHAT_NOPE": "1"}, "chat.nope"),
    ],
)
def test_wrong_values_name_their_key(environ: dict[str, str], key: str) -> None:
    """A wrong setting raises ConfigError naming the key."""
    with pytest.raises(ConfigError) as error:
        load_settings(environ)
    assert error.value.key == key


def test_secrets_are_masked() -> None:
    """A secret never shows in a repr or a string."""
    settings = load_settings({"HAVRE_SECRETS_IP_HASH_KEY": "hunter2-long-secret"})
    assert "hunter2" not in repr(settings) and "hunter2" not in str(settings.secrets.ip_hash_key)
    assert settings.secrets.ip_hash_key.reveal() == "hunter2-long-secret"
    assert Secret("a") == Secret("a")
