"""Both languages are complete: same keys, same placeholders, nothing empty."""
import pkgutil
import string
from importlib import import_module

import pytest

import ui.text

CATALOGS = [import_module(f"ui.text.{m.name}") for m in pkgutil.iter_modules(ui.text.__path__)]


def fields(s: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(s) if f}


@pytest.mark.parametrize("cat", CATALOGS, ids=lambda c: c.__name__)
def test_catalog_complete_in_both_languages(cat):
    assert cat.EN.keys() == cat.ZH.keys()
    for k in cat.EN:
        assert cat.EN[k].strip() and cat.ZH[k].strip(), k
        assert fields(cat.EN[k]) == fields(cat.ZH[k]), k


@pytest.mark.parametrize("cat", CATALOGS, ids=lambda c: c.__name__)
def test_chinese_texts_are_translated(cat):
    same = [k for k in cat.EN if cat.EN[k] == cat.ZH[k] and any(c.isalpha() for c in cat.EN[k])
            and len(cat.EN[k]) > 12]
    assert not same, same
