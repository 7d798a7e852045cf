"""How many unticks the kept list saves a learner, replayed on a tuning split (issue #15).

    python benchmarks/kept_list_replay.py --split dev|third_tune [--passes N] [--json PATH]

A simulated learner attaches every text document of the split (.txt .md .docx .pdf; pictures
and damaged files are left out), in the split's order, into one portfolio, as the review dialog
shows them (``AttachmentService.preview``, findings grouped by their normalised text):

- a finding group every occurrence of which lies on one of the document's marked controls
  (non-personal text the anonymiser should keep) is a false alarm: the learner unticks it,
  unless it already starts unticked because it is on the kept list;
- a group that starts unticked but covers a marked personal item would leak unless the learner
  notices the "on your kept list" mark and ticks it again: counted as *exposed* (and, as the
  learner is assumed to notice, ticked again, which takes it off the list);
- storing then updates the kept list exactly as the dialog does (``keep_rules.review_changes``
  through ``LearnerService.change_words``).

``--passes 2`` replays the split twice into the same portfolio: the same workplace's documents
again (next week's rota, next month's complaint log), the case the kept list is for; the
splits' documents each come from a different workplace, so one pass repeats few words.

It prints the unticks needed without a kept list (every false alarm in every document) and with
it, the false alarms that cannot be remembered (patterns), and the exposures. The held-out
splits are refused: their documents are never read for anything but the lead's final figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anonymise_eval import NEVER_TUNED, load_truth, locate, split_folder

from portfolio.domain import keep_rules
from portfolio.domain.dto import LearnerDetails
from portfolio.services.attachments import AttachmentService
from portfolio.services.portfolio import Portfolio

TEXT_FORMATS = {"txt", "md", "docx", "pdf"}


@dataclass
class Replay:
    documents: int = 0
    false_alarms: int = 0  # finding groups wholly on controls, summed over documents
    unticks_without_list: int = 0
    unticks_with_list: int = 0
    started_unticked: int = 0  # false alarms the kept list had already unticked
    not_rememberable: int = 0  # false alarms of a pattern category (kept per document only)
    exposed: int = 0  # real personal items that started unticked (a kept word's text)
    kept_list_size: int = 0


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def replay(split: str, passes: int = 1) -> Replay:
    truth = load_truth(split)
    docs = [
        d for d in truth["documents"] if d["format"] in TEXT_FORMATS and d.get("expect") != "refuse"
    ] * max(1, passes)
    result = Replay()
    with tempfile.TemporaryDirectory(prefix="kept-replay-") as tmp:
        path = Path(tmp) / "replay.portfolio"
        with Portfolio.create(path, learner=LearnerDetails(name="Replay Learner")) as pf:
            for doc in docs:
                src = split_folder(split) / doc["file"]
                terms = [*pf.attachments.terms(), *doc.get("terms", [])]
                preview = AttachmentService.preview(
                    src.read_bytes(), filename=src.name, terms=terms
                )
                found = locate(preview.text, doc["items"], doc["controls"])
                controls = [s for spans in found.controls.values() for s in spans]
                items = [s for spans in found.items.values() for s in spans]
                remembered = {keep_rules.key(k) for k in pf.attachments.kept()}
                groups: dict[str, list[tuple[str, str, bool, bool]]] = {}
                for f in preview.findings:
                    on_control = _overlaps(f.start, f.end, controls)
                    on_item = _overlaps(f.start, f.end, items)
                    groups.setdefault(keep_rules.key(f.text), []).append(
                        (f.category, f.text, on_control and not on_item, on_item)
                    )
                # As the dialog: a kept word that is part of a longer name here is not applied.
                names = [o[0][1] for o in groups.values() if o[0][0] in ("name", "term")]
                shadowed = keep_rules.shadowed(
                    [o[0][1] for k, o in groups.items() if k in remembered], names
                )
                remembered -= shadowed
                reviewed: list[tuple[str, str, bool]] = []
                for text_key, occurrences in groups.items():
                    category, text = occurrences[0][0], occurrences[0][1]
                    false_alarm = all(o[2] for o in occurrences)
                    real = any(o[3] for o in occurrences)
                    starts_unticked = text_key in remembered
                    if text_key in shadowed:
                        continue  # ticked, and left on the list
                    if false_alarm:
                        result.false_alarms += 1
                        result.unticks_without_list += 1
                        if starts_unticked:
                            result.started_unticked += 1
                        else:
                            result.unticks_with_list += 1
                        if not keep_rules.can_remember(category, text):
                            result.not_rememberable += 1
                        reviewed.append((category, text, True))
                    elif real and starts_unticked:
                        result.exposed += 1
                        result.unticks_with_list += 1  # the learner ticks it again
                        reviewed.append((category, text, False))
                    else:
                        reviewed.append((category, text, starts_unticked))
                keep, forget = keep_rules.review_changes(reviewed, remembered)
                if keep or forget:
                    pf.learner.change_words(add_kept=keep, remove_kept=forget)
                result.documents += 1
            result.kept_list_size = len(pf.learner.kept())
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", required=True, choices=("dev", "third_tune"))
    parser.add_argument("--passes", type=int, default=1, help="replay the split N times")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    assert args.split not in NEVER_TUNED
    result = replay(args.split, args.passes)
    for name, value in asdict(result).items():
        print(f"{name:22} {value}")
    if args.json:
        Path(args.json).write_text(json.dumps(asdict(result), indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
