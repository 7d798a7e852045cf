"""One portfolio with every state: coverage --json, the group overview and the PDF (by text
extraction) all say the same thing about it (issue 13, "Done means")."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pypdf import PdfReader

from portfolio.review.group_report import signoff_label
from portfolio.services.group import scan_folder
from portfolio.services.portfolio import Portfolio
from tests.helpers.every_state import (
    BWRC,
    DSPRC,
    EMPRC,
    EMPRC_CLAIMED,
    EMPRC_DRAFT,
    EMPRC_NOT_YET,
    OBSERVED_SEEN,
    RCS,
    build_every_state,
)
from tests.helpers.sufficiency import C11, C12, C21, C22


def _pdf_units(path: Path, out: Path) -> dict[str, str]:
    """The PDF's text, split into each unit's pages (summary, declaration and mapping grid)."""
    with Portfolio.open(path, read_only=True) as pf:
        pf.exporting.export_pdf(out)
    text = " ".join(re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(out).pages)
    parts: dict[str, str] = {}
    refs = ("BWRC", "DSPRC", "EMPRC", "RCS")
    for ref in refs:
        start = text.index(f"UNIT {ref}")
        rest = text[start + 1 :]
        ends = [rest.index(f"UNIT {r}") for r in refs if f"UNIT {r}" in rest and r != ref]
        ends += [i for i in [rest.find("E1 ")] if i > 0]
        parts[ref] = text[start : start + 1 + min(ends)] if ends else text[start:]
    parts["all"] = text
    return parts


def test_pdf_group_overview_and_coverage_agree(demo_file: Path, tmp_path: Path) -> None:
    state = build_every_state(demo_file)
    with Portfolio.open(demo_file, read_only=True) as pf:
        cli_json = pf.coverage.report().to_json()
    by_id = {c["id"]: c for c in cli_json["criteria"]}
    statuses = {c["status"] for c in cli_json["criteria"]}
    assert statuses == {"none", "draft", "claimed", "insufficient", "met"}
    assert by_id[EMPRC_DRAFT]["status"] == "draft"
    assert by_id[EMPRC_CLAIMED]["status"] == "claimed"
    assert by_id[EMPRC_NOT_YET]["judgement"]["state"] == "not-yet"
    assert all(by_id[c]["judgement"]["stale"] and by_id[c]["status"] != "met" for c in state.stale)
    assert by_id[state.referred]["judgement"]["iqa"]["decision"] == "refer"
    assert by_id[state.referred]["status"] == "claimed"
    assert [by_id[c]["status"] for c in (C11, C12, C21, C22)] == [
        "insufficient",
        "none",
        "insufficient",
        "claimed",
    ]
    assert by_id[C21]["insufficient"] == "insufficient evidence: needs an observation"
    assert len(by_id[C22]["observations"]) == 1
    signoffs = {o["unit_id"]: o for o in cli_json["signoffs"]}
    assert signoffs[BWRC]["state"] == "void" and signoffs[DSPRC]["state"] == "valid"
    assert EMPRC not in signoffs
    met = {
        u: sum(1 for c in cli_json["criteria"] if c["unit_id"] == u and c["status"] == "met")
        for u in (BWRC, DSPRC, EMPRC)
    }
    drafts = {
        u: sum(1 for c in cli_json["criteria"] if c["unit_id"] == u and c["status"] == "draft")
        for u in (BWRC, DSPRC, EMPRC)
    }
    insufficient = {
        u: sum(
            1 for c in cli_json["criteria"] if c["unit_id"] == u and c["status"] == "insufficient"
        )
        for u in (BWRC, DSPRC, EMPRC, RCS)
    }
    assert insufficient == {BWRC: 0, DSPRC: 0, EMPRC: 0, RCS: 2}

    # The group overview says the same.
    folder = tmp_path / "group"
    folder.mkdir()
    shutil.copy2(demo_file, folder / "learner.portfolio")
    (learner,) = scan_folder(folder).learners
    units = {u.unit_id: u for u in learner.units}
    assert {u: units[u].met for u in met} == met
    assert {u: units[u].drafts for u in drafts} == drafts
    assert {u: units[u].insufficient for u in insufficient} == insufficient
    assert units[BWRC].signoff_void and units[BWRC].signoff_reason == signoffs[BWRC]["reason"]
    assert signoff_label(units[BWRC]).startswith("void (")
    assert units[DSPRC].signed_off and not units[EMPRC].signed_off
    assert units[BWRC].reopened == len(state.stale) + 1  # stale ones and the referral

    # And so does the PDF.
    pdf = _pdf_units(demo_file, tmp_path / "out.pdf")
    bwrc, dsprc, emprc = pdf["BWRC"], pdf["DSPRC"], pdf["EMPRC"]
    assert "VOID: evidence changed since signed off on" in bwrc
    assert "no valid sign-off in Portfolio" in bwrc and "Signed electronically" not in bwrc
    assert "Signed electronically in Portfolio, key" in dsprc and "VOID" not in dsprc
    assert signoffs[DSPRC]["verified"] is True
    assert signoffs[DSPRC]["signer_key"] in dsprc  # an EQA can check it against the roster
    assert "Sampled: agreed" in dsprc
    assert "no valid sign-off in Portfolio: 0 of 6 criteria" in emprc
    assert "Draft evidence only" in emprc and "Evidence claimed" in emprc
    assert "Not yet met" in emprc and "No evidence" in emprc
    assert "evidence changed since judged on" in bwrc
    rcs = pdf["RCS"]
    assert rcs.count("Insufficient evidence") == 2 and "needs an observation" in rcs
    assert "needs 2 pieces of evidence, has 1" in rcs
    # The observation record is its own evidence item, signed.
    everything = pdf["all"]
    assert "OBSERVATION RECORD OBS-20261120" in everything and OBSERVED_SEEN in everything
    assert "Observed by Priya Shah (assessor)" in everything
    observed = everything[everything.index("OBSERVATION RECORD") :]
    assert "Signed electronically in Portfolio, key" in observed
    assert "referred by IQA Irene Quinn" in bwrc
    assert f"{met[BWRC]} of 11 criteria are judged met" in bwrc
    # The summary of achievement: the void sign-off is printed as void, the valid one as signed.
    summary = pdf["all"][pdf["all"].index("Summary of achievement") :]
    assert "VOID (Priya Shah" in summary and "REFERRED" not in summary.split("UNIT")[0]


def test_a_signer_missing_from_the_roster_is_printed_as_unverified(
    demo_file: Path, tmp_path: Path
) -> None:
    from portfolio.review import roster
    from portfolio.services import roster as roster_service

    build_every_state(demo_file)
    made = roster.Roster(
        "Riverside", (roster.Member("Sam Lee", "assessor", "ab12 cd34 ef56 7890"),)
    )
    path = roster_service.write_roster(made, tmp_path / "roster.json")
    with Portfolio.open(demo_file) as pf:
        roster_service.import_roster(pf.storage, path, actor=pf.actor)
        (signoff,) = [
            o for o in pf.coverage.report().to_json()["signoffs"] if o["unit_id"] == DSPRC
        ]
    assert signoff["verified"] is False and signoff["signer"] == "unverified-signer"
    assert signoff["state"] == "valid"  # the decision stands; who made it is not confirmed
    dsprc = _pdf_units(demo_file, tmp_path / "out.pdf")["DSPRC"]
    assert "UNVERIFIED SIGNER" in dsprc and "not on the centre roster" in dsprc
    assert "Signed electronically" not in dsprc
