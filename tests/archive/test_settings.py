"""The archive's settings: the organisation number the package names, and the submission agreement's reference."""

from __future__ import annotations

import pytest

from bot.config import load_settings
from core.settings import ConfigError


def test_the_organisation_number_and_the_agreement_are_read_and_the_number_written_the_usual_way() -> None:
    settings = load_settings({"MLR_ORGANISATION_ID": " 2120001132 ", "MLR_SUBMISSION_AGREEMENT": "LÖ-2016/42"})
    assert (settings.organisation_id, settings.submission_agreement) == ("212000-1132", "LÖ-2016/42")
    unset = load_settings({})
    assert (unset.organisation_id, unset.submission_agreement) == (None, None)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MLR_ORGANISATION_ID", "212000-1133"),  # a wrong check digit: a typing error
        ("MLR_ORGANISATION_ID", "21200-01132"),
        ("MLR_ORGANISATION_ID", "MalmöLundregionen"),
        ("MLR_SUBMISSION_AGREEMENT", "x" * 201),
    ],
)
def test_a_malformed_archive_setting_names_its_variable_in_one_line(name: str, value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings({name: value})
    assert str(raised.value).startswith(name) and "\n" not in str(raised.value)
    with pytest.raises(ConfigError) as english:
        load_settings({name: value, "MLR_LANGUAGE": "en"})
    assert str(english.value).startswith(f"{name} must be")
