"""LEAP2A import into a new portfolio: Mahara's own export, our own export (Mahara 22.10
namespaces) read back, the original namespace generation written by hand, and bad input."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PIL import Image

from portfolio.domain.entry_input import entry_input_from_json
from portfolio.errors import Cancelled, InvalidInputError, NotFoundError
from portfolio.interop.leap2a import export_leap2a
from portfolio.interop.leap2a_plan import LOOSE_FILES_TITLE, TAGS_LINE
from portfolio.interop.leap2a_read import parse_feed
from portfolio.progress import CancelToken
from portfolio.services.interop import LeapSource
from portfolio.services.leap2a_import import import_leap2a
from portfolio.services.portfolio import Portfolio

INTEROP = Path(__file__).resolve().parents[2] / "fixtures" / "interop"


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (24, 24), "white")
    exif = Image.Exif()
    exif[0x013B] = "Alice User1"  # Artist: personal data the anonymiser must strip
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def _mahara_zip(tmp_path: Path) -> Path:
    """Mahara's real export (leap2a_example.xml) packed as Mahara packs it, with its files."""
    out = tmp_path / "mahara-export-leap-user8.zip"
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("leap2a.xml", (INTEROP / "leap2a_example.xml").read_bytes())
        zf.writestr("files/0-dummy document3.odt", b"PK\x03\x04 not really an odt")
        zf.writestr("files/1-215x194images 15.jpg", _jpeg_with_exif())
    return out


def _entries(path: Path) -> list:
    with Portfolio.open(path, read_only=True) as pf:
        return [pf.entries.get(e.id) for e in pf.entries.list()]


def test_maharas_own_export_becomes_a_portfolio(tmp_path: Path) -> None:
    out = tmp_path / "alice.portfolio"
    report = import_leap2a(_mahara_zip(tmp_path), out)
    assert report.learner == "Alice User1" and report.entries == 2
    post, loose = _entries(out)
    assert post.title == "Journal entry Alice 1" and post.status == "ready"
    assert post.sections["reflection"].startswith("Journal entry Alice 1 - Cras non dolor.")
    assert post.sections["reflection"].endswith(TAGS_LINE + "Alice")  # the tag is kept
    assert post.event_date == date(2018, 7, 25)
    # The files no post used sit on one draft entry; the .odt cannot be anonymised.
    assert loose.title == LOOSE_FILES_TITLE and loose.status == "draft"
    assert report.attachments == 1
    assert [name for name, _ in report.skipped_files] == ["dummy document3.odt"]
    assert report.not_imported == {"page": 3, "plan": 1}
    with Portfolio.open(out, read_only=True) as pf:
        assert pf.learner.get().learner_number == "500"
        (image,) = pf.attachments.list()
        stored = pf.attachments.read(image.id)
    assert image.filename.endswith(".jpg") and b"Alice User1" not in stored  # EXIF gone
    # Nothing else left beside it: no temporary file, lock or journal.
    assert {p.name for p in tmp_path.iterdir()} == {"mahara-export-leap-user8.zip", out.name}


def test_bare_xml_reads_files_beside_it(tmp_path: Path) -> None:
    (tmp_path / "files").mkdir()
    (tmp_path / "leap2a.xml").write_bytes((INTEROP / "leap2a_example.xml").read_bytes())
    (tmp_path / "files" / "1-215x194images 15.jpg").write_bytes(_jpeg_with_exif())
    report = import_leap2a(tmp_path / "leap2a.xml", tmp_path / "a.portfolio")
    assert report.attachments == 1
    reasons = dict(report.skipped_files)
    assert "is not in it" in reasons["dummy document3.odt"]


def test_our_own_22_10_export_reads_back_entry_for_entry(portfolio, tmp_path: Path) -> None:
    def add(data: object) -> object:
        return portfolio.entries.add(data).value

    ready = add(
        entry_input_from_json(
            {
                "title": "Handling a complaint",
                "status": "ready",
                "event_date": "2026-01-05",
                "method": "observation",
                "hours": 1,
                "situation": "A customer was unhappy.\n\nIt was busy.",
                "action": "I listened & apologised <politely>.",
                "reflection": "Next time I will ask sooner.",
                "tags": [{"criterion_id": "1.1", "justification": "I greeted her."}, "2.1"],
            }
        )
    )
    add(entry_input_from_json({"title": "Greeting script", "hours": 2.5, "task": "Write it."}))
    portfolio.attachments.attach(
        entry_id=ready.id, data=b"Flowchart text", filename="flow.txt", note="Used at the till."
    )
    zip_path = tmp_path / "ours.zip"
    export_leap2a(LeapSource(portfolio.storage), zip_path, now=datetime(2026, 2, 1, tzinfo=UTC))

    out = tmp_path / "again.portfolio"
    report = import_leap2a(zip_path, out, framework_id="icq-bwrc-l2")
    assert report.criteria_tagged == 2 and report.attachments == 1
    assert report.not_imported == {}  # the framework's .matrix is a file, not an entry
    first, second = _entries(out)[:2]
    assert (first.title, first.status, first.method) == (
        "Handling a complaint",
        "ready",
        "observation",
    )
    assert (first.event_date, first.hours) == (date(2026, 1, 5), 1.0)
    assert first.sections["situation"] == "A customer was unhappy.\n\nIt was busy."
    assert first.sections["action"] == "I listened & apologised <politely>."
    assert first.sections["reflection"] == "Next time I will ask sooner."
    justifications = {t.number: t.justification for t in first.tags}
    assert justifications == {"1.1": "I greeted her.", "2.1": ""}
    assert (second.title, second.status, second.hours) == ("Greeting script", "draft", 2.5)
    assert second.sections["task"] == "Write it."
    with Portfolio.open(out, read_only=True) as pf:
        (attachment,) = pf.attachments.list()
    assert (attachment.filename, attachment.note) == ("flow.txt", "Used at the till.")


ORIGINAL_GENERATION = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns:lp="http://terms.leapspecs.org/" xmlns:cat="http://wiki.leapspecs.org/2A/categories"
      xmlns:mahara="http://wiki.mahara.org/Developer_Area/Import%2F%2FExport/LEAP_Extensions#">
  <lp:version>http://www.leapspecs.org/2010-07/2A/</lp:version>
  <id>urn:x</id><title>Moodle-style export</title><updated>2020-01-01T00:00:00Z</updated>
  <author><name>Sam Learner</name></author>
  <entry><title>Sam Learner</title><id>p:me</id><updated>2020-01-01T00:00:00Z</updated>
    <rdf:type rdf:resource="lp:person"/><category term="self" scheme="cat:person_type#"/>
    <lp:persondata lp:field="legal_given_name">Sam</lp:persondata>
    <lp:persondata lp:field="legal_family_name">Learner</lp:persondata></entry>
  <entry><title>My journal</title><id>p:blog</id><updated>2020-01-01T00:00:00Z</updated>
    <rdf:type rdf:resource="lp:selection"/><category term="Blog" scheme="cat:selection_type#"/>
    <link rel="[lp:has_part]" href="p:two" lp:display_order="2"/>
    <link rel="http://terms.leapspecs.org/has_part" href="p:one" lp:display_order="1"/></entry>
  <entry><title>Second post</title><id>p:two</id><updated>2020-01-03T00:00:00Z</updated>
    <published>2020-01-03T10:00:00+12:00</published>
    <content type="html">&lt;p&gt;Plain &amp;amp; simple&lt;/p&gt;
      &lt;ul&gt;&lt;li&gt;a&lt;ul&gt;&lt;li&gt;b&lt;/li&gt;&lt;/ul&gt;&lt;/li&gt;&lt;/ul&gt;</content>
    <rdf:type rdf:resource="lp:entry"/><category term="Unready" scheme="cat:readiness#"/>
    <category term="BWRC-1-2" label="BWRC 1.2"/></entry>
  <entry><title>First post</title><id>p:one</id><updated>2020-01-02T00:00:00Z</updated>
    <content>Text &amp; more text</content><rdf:type rdf:resource="lp:entry"/>
    <link rel="related" href="p:file"/></entry>
  <entry><title>notes.txt</title><id>p:file</id><updated>2020-01-02T00:00:00Z</updated>
    <rdf:type rdf:resource="lp:resource"/><content/>
    <link rel="enclosure" type="text/plain" href="files/notes%20one.txt"/>
    <link rel="related" href="p:one"/></entry>
  <entry><title>A comment</title><id>p:c</id><updated>2020-01-02T00:00:00Z</updated>
    <rdf:type rdf:resource="lp:entry"/>
    <mahara:artefactplugin mahara:type="comment" mahara:plugin="comment"/>
    <link rel="lp:reflects_on" href="p:one"/></entry>
</feed>
"""


def test_original_namespace_generation_with_any_prefix(tmp_path: Path) -> None:
    zip_path = tmp_path / "moodle.zip"
    with zipfile.ZipFile(zip_path, "w") as zf:
        zf.writestr("leap2a.xml", ORIGINAL_GENERATION)
        zf.writestr("files/notes one.txt", "Call Jo on 07700 900123 about the refund.")
    out = tmp_path / "sam.portfolio"
    report = import_leap2a(zip_path, out, framework_id="icq-bwrc-l2")
    assert report.learner == "Sam Learner"
    first, second = _entries(out)
    # display_order puts "First post" first although the journal lists it second.
    assert (first.title, first.status) == ("First post", "ready")
    assert first.sections["reflection"] == "Text & more text"
    assert (second.title, second.status) == ("Second post", "draft")
    assert second.sections["reflection"] == "Plain & simple\n\n- a\n  - b"
    assert [t.number for t in second.tags] == ["1.2"]  # the tag named a criterion
    assert report.not_imported == {"comment": 1}
    with Portfolio.open(out, read_only=True) as pf:
        (attachment,) = pf.attachments.list()
        text = pf.attachments.read(attachment.id).decode()
    assert "07700 900123" not in text  # anonymised before it was stored


def test_both_generations_parse_to_the_same_records() -> None:
    original = parse_feed(ORIGINAL_GENERATION.encode(), "a.xml")
    newer = ORIGINAL_GENERATION.replace(
        "http://terms.leapspecs.org/",
        "https://web.archive.org/web/20100503000634/http://terms.leapspecs.org",
    ).replace(
        "http://wiki.leapspecs.org/2A/categories",
        "https://web.archive.org/web/20120819100914/http://wiki.leapspecs.org:80/2A/categories",
    )
    assert parse_feed(newer.encode(), "b.xml").entries == original.entries


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01 not xml", "not well-formed XML"),
        (b"<html><body>hi</body></html>", "no Atom feed"),
        (
            b'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:leap2="http://terms.leapspecs.org/">'
            b"<leap2:version>http://www.leapspecs.org/2099/2A/</leap2:version></feed>",
            "only http://www.leapspecs.org/2010-07/2A/ is supported",
        ),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', "no journal"),
        (b'<!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]><feed>&x;</feed>', "Atom"),
    ],
)
def test_bad_xml_is_refused_and_nothing_is_written(tmp_path: Path, content, message) -> None:
    source = tmp_path / "in.xml"
    source.write_bytes(content)
    with pytest.raises(InvalidInputError, match=message):
        import_leap2a(source, tmp_path / "out.portfolio")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.xml"]


def test_bad_zips_and_targets_are_refused(tmp_path: Path) -> None:
    no_manifest = tmp_path / "x.zip"
    with zipfile.ZipFile(no_manifest, "w") as zf:
        zf.writestr("inner/leap2a.xml", ORIGINAL_GENERATION)  # not at the top level
    with pytest.raises(InvalidInputError, match=r"no leap2a\.xml"):
        import_leap2a(no_manifest, tmp_path / "a.portfolio")
    truncated = tmp_path / "t.zip"
    truncated.write_bytes(_mahara_zip(tmp_path).read_bytes()[:200])
    with pytest.raises(InvalidInputError):
        import_leap2a(truncated, tmp_path / "b.portfolio")
    existing = tmp_path / "mine.portfolio"
    existing.write_bytes(b"learner's work")
    with pytest.raises(InvalidInputError, match="already exists"):
        import_leap2a(_mahara_zip(tmp_path), existing)
    assert existing.read_bytes() == b"learner's work"
    with pytest.raises(NotFoundError):
        import_leap2a(_mahara_zip(tmp_path), tmp_path / "c.portfolio", framework_id="nope")
    with pytest.raises(InvalidInputError, match="does not exist"):
        import_leap2a(tmp_path / "missing.zip", tmp_path / "d.portfolio")
    assert [p.name for p in tmp_path.glob("*portfolio*")] == ["mine.portfolio"]


def test_a_href_leaving_the_package_is_not_read(tmp_path: Path) -> None:
    escaping = ORIGINAL_GENERATION.replace("files/notes%20one.txt", "../../etc/passwd")
    source = tmp_path / "leap2a.xml"
    source.write_text(escaping)
    report = import_leap2a(source, tmp_path / "a.portfolio")
    assert report.attachments == 0
    assert "outside the export" in dict(report.skipped_files)["notes.txt"]


def test_cancelled_import_writes_nothing(tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        import_leap2a(_mahara_zip(tmp_path), tmp_path / "a.portfolio", cancel=token)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mahara-export-leap-user8.zip"]


def test_the_kept_list_starts_with_keep_and_every_file_is_anonymised_with_it(
    portfolio, tmp_path: Path
) -> None:
    """A product the detector takes for a person ("Kipling") survives the first portfolio
    because its learner kept it; imported again it is removed unless ``keep`` names it, and
    then the new portfolio remembers it."""
    entry = portfolio.entries.add(title="Restocking").value
    portfolio.learner.add_kept("Kipling")
    portfolio.attachments.attach(
        entry_id=entry.id, data=b"Ask Mr Kipling about the cakes.", filename="shelf.txt"
    )
    zip_path = tmp_path / "ours.zip"
    export_leap2a(LeapSource(portfolio.storage), zip_path, now=datetime(2026, 2, 1, tzinfo=UTC))

    def imported(name: str, **kwargs: object) -> tuple[bytes, list[str]]:
        out = tmp_path / name
        import_leap2a(zip_path, out, **kwargs)  # type: ignore[arg-type]
        with Portfolio.open(out, read_only=True) as pf:
            (attachment,) = pf.attachments.list()
            return pf.attachments.read(attachment.id), pf.learner.kept()

    plain, listed = imported("plain.portfolio")
    assert b"Kipling" not in plain and b"about the cakes" in plain and listed == []
    kept, listed = imported("kept.portfolio", keep=("Kipling",))
    assert b"Mr Kipling" in kept and listed == ["Kipling"]
    with pytest.raises(InvalidInputError, match="digit or an @"):
        import_leap2a(zip_path, tmp_path / "no.portfolio", keep=("07700 900123",))
    assert not (tmp_path / "no.portfolio").exists()
