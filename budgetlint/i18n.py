"""The language a user reads: Chinese (the default) or English (``--lang en`` or an English locale).

Two catalogues, both keyed by the Chinese text so that Chinese needs no lookup at all:
- the report frame and the command line's own messages: gettext, domain ``budgetlint``
  (budgetlint/locale/en/LC_MESSAGES/budgetlint.po, compiled by scripts/compile-messages.sh);
- rule text (title, message template, fix hint): rules/locale/en.yaml keyed by rule id, kept
  apart from the rule packs.

The language is kept in the environment (``BUDGETLINT_LANG``) so that worker processes of a
batch check speak the same language as the command that started them.
"""

from __future__ import annotations

import gettext
import os
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("zh", "en")
_ENV = "BUDGETLINT_LANG"
_LOCALE_DIR = Path(__file__).parent / "locale"


def locale_language(environ: os._Environ | dict | None = None) -> str:
    """'en' when the first set of LANGUAGE, LC_ALL, LC_MESSAGES, LANG starts with 'en', else 'zh'."""
    env = os.environ if environ is None else environ
    wanted = next((env[v] for v in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG") if env.get(v)), "")
    return "en" if wanted.lower().startswith("en") else "zh"


# decided once, before cli.py points LANGUAGE at click's Chinese messages
_DEFAULT = locale_language()


def language() -> str:
    lang = os.environ.get(_ENV, "")
    return lang if lang in LANGUAGES else _DEFAULT


def set_language(lang: str | None) -> str:
    """Switch every later message to ``lang`` (None: the locale's); returns the language used."""
    lang = lang if lang in LANGUAGES else _DEFAULT
    os.environ[_ENV] = lang
    # click's own messages follow gettext's default domain through LANGUAGE (cli.py)
    os.environ["LANGUAGE"] = "zh_CN" if lang == "zh" else "en"
    return lang


@lru_cache(maxsize=1)
def _english() -> gettext.NullTranslations:
    return gettext.translation("budgetlint", str(_LOCALE_DIR), languages=["en"], fallback=True)


def _(text: str) -> str:
    """``text`` (Chinese, the msgid) in the current language; untranslated text stays Chinese."""
    if not text or language() == "zh":
        return text
    return _english().gettext(text)


def N_(text: str) -> str:
    """Marks ``text`` for the catalogue where it is defined; it is translated where it is shown."""
    return text


def _f(msgid: str, /, **values) -> str:
    """``_`` then ``str.format``: the placeholders are part of the msgid, so word order can change."""
    return _(msgid).format(**values)


# ------------------------------------------------------------------ rule text


@lru_cache(maxsize=1)
def rule_catalogue() -> dict[str, dict[str, str]]:
    """rules/locale/en.yaml: {rule id or family prefix: {title, message, fix}}."""
    from budgetlint.resources import load_data_file, rules_dir

    path = rules_dir() / "locale" / "en.yaml"
    if not path.is_file():
        return {}
    data = load_data_file(path) or {}
    return {
        str(k): {str(f): str(v) for f, v in (entry or {}).items()} for k, entry in data.get("rules", {}).items()
    } | {f"family:{k}": {"fix": str(v)} for k, v in (data.get("families") or {}).items()}


def rule_text(rule_id: str, field: str, chinese: str, family_default: bool = False) -> str:
    """A rule's ``field`` (title, message, fix) in the current language; Chinese when the catalogue has
    no entry (a rule pack of the user's own). ``family_default``: the fix is the family's, so look
    for the family's English hint."""
    if language() == "zh" or not chinese:
        return chinese
    catalogue = rule_catalogue()
    if field == "fix" and family_default:
        for n in range(len(rule_id), 0, -1):
            hint = catalogue.get(f"family:{rule_id[:n]}", {}).get("fix")
            if hint:
                return hint
        return chinese
    return catalogue.get(rule_id, {}).get(field) or chinese
