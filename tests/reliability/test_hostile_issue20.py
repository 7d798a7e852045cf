"""Hostile inputs from issue 20's attack, kept in the reliability suite's figures.

- reviewed copies whose schema is not the app's (an endless view, triggers, generated columns,
  extra or changed objects): refused in one line, the learner's file unchanged;
- evidence packages built to fool ``verify`` (nesting, junk records, unsafe or extra names,
  a padded manifest): a finding, never a traceback, never OK;
- special files (named pipes, a device) given to every command that reads a path: refused
  without blocking;
- an entry with 100,000 tags: refused before any work;
- Word files with XML entities: anonymised into well-formed parts with no DTD.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from hostile_support import portfolio_digest, refuses_cleanly, run_cli, time_limit
from lxml import etree
from reliability_figures import FIGURES

from portfolio.anonymise.docx import anonymise_docx_bytes
from portfolio.errors import PortfolioError
from portfolio.export.verify import verify_pack
from portfolio.services.portfolio import Portfolio

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

HOSTILE_SCHEMAS = {
    "endless view": (
        "DROP TABLE feedback; CREATE VIEW feedback AS WITH RECURSIVE r(n) AS (SELECT 1 "
        "UNION ALL SELECT n + 1 FROM r) SELECT printf('%d', n) AS id, 'x' AS entry_id, "
        "NULL AS parent_id, 'a' AS author_name, 'tutor' AS author_role, "
        "printf('%.*c', 100000, 'b') AS body, '2026-01-01 00:00:00' AS created_at, "
        "NULL AS read_at FROM r"
    ),
    "trigger": "CREATE TRIGGER t AFTER INSERT ON feedback BEGIN DELETE FROM entry; END",
    "generated column": (
        "ALTER TABLE signoff ADD COLUMN g TEXT GENERATED ALWAYS AS (zeroblob(1000000000))"
    ),
    "extra table": "CREATE TABLE notes (x)",
    "changed trigger": (
        "DROP TRIGGER entry_fts_delete; CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry "
        "BEGIN DELETE FROM audit_event; END"
    ),
    "view beside": "CREATE VIEW everything AS SELECT * FROM entry, entry, entry, entry",
    "missing table": "DROP TABLE criterion_judgement",
    "newer version": "UPDATE alembic_version SET version_num = '29991231_9999'",
}


def cli_refuses(*args: object, seconds: float = 30.0) -> str:
    """The command refuses with one line on stderr and a non-zero exit, without hanging."""
    FIGURES.hostile_inputs_tried += 1
    with time_limit(seconds):
        code, _, err = run_cli(*args)
    assert code != 0, f"{args} was accepted"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    FIGURES.hostile_inputs_refused += 1
    return lines[0]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile-issue20")


@pytest.mark.parametrize("kind", sorted(HOSTILE_SCHEMAS))
def test_a_reviewed_copy_with_a_foreign_schema_is_refused(
    kind: str, demo_template: Path, tmp_path: Path
):
    learner = tmp_path / "learner.portfolio"
    copy = tmp_path / "copy.portfolio"
    shutil.copy2(demo_template, learner)
    shutil.copy2(demo_template, copy)
    conn = sqlite3.connect(copy)
    conn.executescript(HOSTILE_SCHEMAS[kind])
    conn.commit()
    conn.close()
    before = portfolio_digest(learner)
    with Portfolio.open(learner) as pf:
        refusal = refuses_cleanly(
            lambda: pf.reviewing.import_review(copy), expected=PortfolioError, seconds=30
        )
    assert isinstance(refusal, PortfolioError), f"{kind}: the copy was merged"
    assert portfolio_digest(learner) == before


@pytest.fixture(scope="module")
def package(workspace: Path, demo_template: Path) -> Path:
    source = workspace / "packed.portfolio"
    shutil.copy2(demo_template, source)
    out = workspace / "pack.zip"
    with Portfolio.open(source, read_only=True) as pf:
        pf.exporting.pack(out)
    return out


def _repacked(package: Path, out: Path, change) -> Path:
    with zipfile.ZipFile(package) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    manifest = json.loads(members.pop("manifest.json"))
    change(manifest, members)  # may write its own manifest.json bytes
    if "manifest.json" not in members:
        members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out


def _nested(manifest, members):
    members["manifest.json"] = b"[" * 200_000


def _junk_files(manifest, members):
    manifest["files"] = [1, "x", None]


def _unsafe(name: str):
    def change(manifest, members):
        members[name] = b"payload"
        manifest["files"].append({"path": name, "kind": "attachment", "size": 7, "sha256": "0"})

    return change


def _extra_listed(manifest, members):
    members["attachments/E99/extra.txt"] = b"extra"
    import hashlib

    manifest["files"].append(
        {
            "path": "attachments/E99/extra.txt",
            "kind": "attachment",
            "size": 5,
            "sha256": hashlib.sha256(b"extra").hexdigest(),
        }
    )


def _padded(manifest, members):
    members["manifest.json"] = json.dumps(manifest).encode() + b" " * (70 * 1024 * 1024)


PACK_ATTACKS = {
    "nested manifest": _nested,
    "junk file records": _junk_files,
    "parent-folder name": _unsafe("../../../tmp/x"),
    "absolute name": _unsafe("/tmp/x"),
    "drive name": _unsafe("C:/Windows/x"),
    "backslash name": _unsafe("attachments\\..\\..\\x"),
    "extra listed file": _extra_listed,
    "padded manifest": _padded,
}


@pytest.mark.parametrize("attack", sorted(PACK_ATTACKS))
def test_a_doctored_package_is_never_ok_and_never_a_traceback(
    attack: str, package: Path, tmp_path: Path
):
    forged = _repacked(package, tmp_path / "forged.zip", PACK_ATTACKS[attack])
    report = refuses_cleanly(lambda: verify_pack(forged), seconds=60)
    assert not report.ok, f"{attack}: verify said OK"
    FIGURES.hostile_inputs_refused += 1


@pytest.fixture(scope="module")
def pipe_folder(workspace: Path) -> Path:
    folder = workspace / "pipes"
    folder.mkdir()
    names = ("framework.json", "document.txt", "entry.json", "copy.portfolio", "pack.zip", "l.zip")
    for name in names:
        os.mkfifo(folder / name)
    return folder


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipes_are_refused_by_every_reader(
    pipe_folder: Path, demo_template: Path, tmp_path: Path
):
    learner = tmp_path / "learner.portfolio"
    shutil.copy2(demo_template, learner)
    with Portfolio.open(learner) as pf:
        entry = pf.entries.list()[0].ref
    cli_refuses("frameworks", "import", pipe_folder / "framework.json")
    cli_refuses("attach", learner, entry, pipe_folder / "document.txt")
    cli_refuses("anonymise", pipe_folder / "document.txt", "-o", tmp_path / "out.txt")
    cli_refuses("entry", "add", learner, "--json-file", pipe_folder / "entry.json")
    cli_refuses("merge", learner, pipe_folder / "copy.portfolio")
    cli_refuses("verify", pipe_folder / "pack.zip")
    cli_refuses("check", pipe_folder / "copy.portfolio")
    cli_refuses("suggest", "--framework", "icq-bwrc-l2", "--text-file", pipe_folder / "entry.json")
    cli_refuses("coach", "--text-file", pipe_folder / "entry.json", "--json")
    cli_refuses("import-leap2a", pipe_folder / "l.zip", "-o", tmp_path / "imported.portfolio")
    FIGURES.hostile_inputs_tried += 1
    with time_limit(30):
        code, out, _ = run_cli("group", pipe_folder, "--json")
    assert code == 0 and "named pipe" in out
    FIGURES.hostile_inputs_refused += 1


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_by_every_reader(demo_template: Path, tmp_path: Path):
    learner = tmp_path / "learner.portfolio"
    shutil.copy2(demo_template, learner)
    cli_refuses("frameworks", "import", "/dev/zero")
    cli_refuses("entry", "add", learner, "--json-file", "/dev/zero")
    cli_refuses("verify", "/dev/zero")
    cli_refuses("merge", learner, "/dev/zero")
    cli_refuses("check", "/dev/zero")


def test_an_entry_with_100000_tags_is_refused_before_any_work(demo_template: Path, tmp_path: Path):
    learner = tmp_path / "learner.portfolio"
    shutil.copy2(demo_template, learner)
    source = tmp_path / "entry.json"
    tags = [{"criterion_id": "1.1", "justification": f"reason {n}"} for n in range(100_000)]
    source.write_text(json.dumps({"title": "Many tags", "tags": tags}))
    before = portfolio_digest(learner)
    assert "criterion tags" in cli_refuses(
        "entry", "add", learner, "--json-file", source, seconds=20
    )
    assert portfolio_digest(learner) == before


ENTITY_DOCTYPES = {
    "internal": '<!DOCTYPE w:document [<!ENTITY who "Jane Smith">]>',
    "external": '<!DOCTYPE w:document [<!ENTITY who SYSTEM "file:///etc/passwd">]>',
    "parameter": '<!DOCTYPE w:document [<!ENTITY % p "x"><!ENTITY who "Jane Smith">]>',
    "laughs": (
        '<!DOCTYPE w:document [<!ENTITY a "Jane Smith, "><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;"><!ENTITY who "&c;&c;&c;&c;&c;&c;&c;">]>'
    ),
}


@pytest.mark.parametrize("kind", sorted(ENTITY_DOCTYPES))
def test_word_files_with_entities_come_out_well_formed(kind: str):
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?>{ENTITY_DOCTYPES[kind]}'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>Ask &who; today.</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", document)
    result = refuses_cleanly(
        lambda: anonymise_docx_bytes(source.getvalue(), name="x.docx", terms=["Jane Smith"]),
        seconds=30,
    )
    if isinstance(result, PortfolioError):
        return  # refused in one line: also fine
    output = result[0]
    strict = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    with zipfile.ZipFile(io.BytesIO(output)) as zf:
        raw = zf.read("word/document.xml")
    assert b"<!DOCTYPE" not in raw
    root = etree.fromstring(raw, strict)
    assert not list(root.iter(etree.Entity))
    assert "Jane Smith" not in "".join(root.itertext())
