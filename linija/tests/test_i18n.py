"""Lithuanian is the default language and English is complete: every interface string has a
translation in both catalogs, and no catalog misses a string the code uses."""

import gettext
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from linija.testing.services import service_missing

PACKAGE = Path(__file__).resolve().parents[1]
ROOT = PACKAGE.parent
LANGUAGES = ("lt", "en")
APPS = sorted(p.parent.name for p in PACKAGE.glob("*/apps.py"))
CATALOG_ROOTS = [PACKAGE] + [PACKAGE / app for app in APPS]


@pytest.fixture(scope="module")
def gettext_tools():
    if not shutil.which("msgfmt") or not shutil.which("msgcmp"):
        service_missing("gettext tools (msgfmt, msgcmp) missing: apt-get install gettext")


def catalog(root: Path, language: str) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


def test_it_has_catalogs_for_every_app():
    assert {"accounts", "hours", "site", "consultations", "privacy"} <= set(APPS)
    for root in CATALOG_ROOTS:
        for language in LANGUAGES:
            assert catalog(root, language).exists(), catalog(root, language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("root", CATALOG_ROOTS, ids=lambda p: p.name)
def test_it_translates_every_string(gettext_tools, root, language):
    assert_all_translated(catalog(root, language))


def assert_all_translated(path: Path) -> None:
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, result.stderr


def test_it_translates_every_string_of_the_packages_catalog(gettext_tools):
    """``linija/packages_locale``: the packages' strings, kept by hand (see its header)."""
    assert_all_translated(PACKAGE / "packages_locale" / "lt" / "LC_MESSAGES" / "django.po")


@pytest.mark.parametrize("root", CATALOG_ROOTS, ids=lambda p: p.name)
def test_it_has_no_string_missing_from_the_catalog(gettext_tools, root, tmp_path):
    copy = tmp_path / root.name
    skip = {"locale", "__pycache__", "tests", *(APPS if root == PACKAGE else ())}
    shutil.copytree(root, copy, ignore=lambda _dir, names: [n for n in names if n in skip])
    (copy / "locale").mkdir()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="linija.settings", PYTHONPATH=str(ROOT))
    subprocess.run(
        ["django-admin", "makemessages", "-l", "lt", "-v", "0"],
        cwd=copy,
        env={**env, "PATH": f"{ROOT / '.venv' / 'bin'}:{env['PATH']}"},
        check=True,
    )
    fresh = catalog(copy, "lt")
    for language in LANGUAGES:
        result = subprocess.run(
            ["msgcmp", "--use-untranslated", str(catalog(root, language)), str(fresh)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, (
            f"{catalog(root, language)} lacks strings; run `make messages` and translate:\n"
            + result.stderr
        )


CONTEXT = "\x04"  # between a message's context and its msgid in a compiled catalog


def lithuanian_messages() -> list[tuple[str, str]]:
    """(msgid, msgstr) of every compiled Lithuanian catalog, each plural form apart."""
    messages = []
    for compiled in PACKAGE.glob("**/locale/lt/LC_MESSAGES/*.mo"):
        with compiled.open("rb") as file:
            for key, text in gettext.GNUTranslations(file)._catalog.items():
                messages.append((key[0] if isinstance(key, tuple) else key, text))
    return messages


def test_it_calls_a_case_by_one_name_in_lithuanian():
    """A case (consultations.Case) is "atvejis" on every page, as in "atvejo vadyba"; the
    privacy pages called it "byla"."""
    named = [
        (key, text)
        for key, text in lithuanian_messages()
        if re.search(r"\bcases?\b", key.split(CONTEXT)[-1], re.I)
    ]
    assert len(named) > 30
    assert not [(key, text) for key, text in named if "atvej" not in text.lower()]


# A specialist's own status, said to them as a masculine participle ("Esate prisijungęs" to
# Aistė): the console and the board say it of the status instead ("Prisijungta").
PRESUMING = re.compile(r"\b[Ee]sate \w+ęs\b|^(Prisijungęs|Neprisijungęs|Pasitraukęs)$", re.I)


def test_it_does_not_presume_the_specialists_gender():
    messages = lithuanian_messages()
    assert {text for key, text in messages if key == "Online"} == {"Prisijungta"}
    assert not [(key, text) for key, text in messages if PRESUMING.search(text)]
