"""People in every grammatical position a workplace note uses (issue #15).

    PYTHONPATH=. python benchmarks/anonymise_people_positions.py [--verbose] [--surname-alone]

A different method from the corpora and from ``anonymise_people_shapes.py``: instead of
sentences shaped like the things the detector keeps, one person is written in each position a
workplace note puts a person in (subject, object of a common verb, after each common
preposition, owner, apposition, brackets, dash, list, quotes, lower case, capitals, before a
role, first name alone, title and surname, full name), in five registers (care handover, retail
incident, kitchen log, email, chat). It counts the mentions whose name is left in the text, per
position and per name group; ``--verbose`` prints each such sentence.

Name groups, drawn with a fixed seed; no corpus is read:

- ``listed``: first names and surnames the detector's lists weight high (share >= 2e-4).
- In both, words that are also ordinary lower-case English ("Love", "Rice") or never names
  are left out: ``anonymise_people_shapes.py`` probes those; here they would hide the position.
- Each sentence draws its own people (seed 15), so a position is not one unlucky name.
- ``low``: names the lists hold only at a low weight (share under 2e-5, below the default share
  a name from a non-English Faker locale gets), so the names of origins the census-built
  lists barely see; words that are also everyday English (Zipf >= 3) are left out, as a
  reader would not count them as a test of the name lists.

``--surname-alone`` writes every person as their surname alone ("Haynes rang", "Waiting for
Haynes to arrive"), as notes name colleagues, instead of the three forms in rotation: a
separate table, so the default one stays comparable across checkouts.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from portfolio.anonymise.detect import find_personal_data
from portfolio.anonymise.lexicon import lexicon, zipf

# {P} is the person as the position writes them: "Sarah Jones", "Sarah", "Mrs Jones".
POSITIONS: dict[str, list[str]] = {
    "subject at start": [
        "{P} gave the 8pm meds and signed the chart.",
        "{P} found the till short by £10.",
        "{P} cleaned down the fryer at close.",
        "{P} is running late this morning.",
        "{P} says the rota is fine.",
    ],
    "object of told": ["Told {P} about the fall.", "I told {P} the shift had changed."],
    "object of asked": ["We asked {P} to check the stock.", "Asked {P} to cover Sunday."],
    "object of rang": ["Rang {P} at 10 about the delivery.", "I rang {P} twice."],
    "object of helped": ["Helped {P} with her breakfast.", "Sam helped {P} with the float."],
    "object of thanked": ["Thanked {P} for staying late.", "We thanked {P} for the cover."],
    "object of showed": ["Showed {P} how to use the hoist.", "I showed {P} the new till."],
    "object of met": ["Met {P} at the door.", "I met {P} after the briefing."],
    "object of called": ["Called {P} about the rota.", "Manager called {P} in."],
    "object of saw": ["Saw {P} in the car park.", "I saw {P} leave at 5."],
    "object of emailed": ["Emailed {P} the minutes.", "I emailed {P} yesterday."],
    "object of messaged": ["Messaged {P} on the group.", "I texted {P} about Friday."],
    "object of supported": ["Supported {P} to shower.", "We supported {P} with lunch."],
    "object of reminded": ["Reminded {P} about gloves.", "I reminded {P} to sign out."],
    "object of informed": ["Informed {P} of the incident.", "We informed {P} at 9."],
    "gave X": ["Gave {P} the keys to the office.", "I gave {P} her tablets at 8."],
    "gave ... to X": ["Gave the keys to {P}.", "Handed the float to {P} at close."],
    "with X": ["Worked with {P} on the late shift.", "Spoke with {P} about the order."],
    "for X": ["Covered for {P} on Tuesday.", "Made a plate for {P}."],
    "to X": ["Spoke to {P} about the fall.", "Passed the message to {P}."],
    "from X": ["Got a call from {P} at 9.", "Took over from {P} at 2."],
    "by X": ["Checked by {P}.", "The fridge was cleaned by {P}."],
    "about X": ["Concerned about {P} today.", "Had a chat about {P} and her diet."],
    "of X": ["Took a photo of {P} at the party.", "A picture of {P} is on the wall."],
    "at X": ["Shouted at {P} during lunch.", "The customer swore at {P}."],
    "in X": ["Confided in {P} about it.", "Saw a change in {P} this week."],
    "on X": ["Checked on {P} at 3am.", "Relied on {P} for the stock count."],
    "behind X": ["Stood behind {P} in the queue.", "Came in behind {P}."],
    "beside X": ["Sat beside {P} at lunch.", "Worked beside {P} on the pass."],
    "near X": ["Stayed near {P} all shift.", "The spill was near {P}."],
    "like X": ["Nobody cooks like {P}.", "Be more like {P} with customers."],
    "than X": ["Faster than {P} on the till.", "I am taller than {P}."],
    "between X and Y": [
        "An argument between {P} and {Q} at 4.",
        "Sat between {P} and {Q} at the meeting.",
    ],
    "possessive owner": ["{P}'s daughter visited today.", "Found {P}'s badge by the till."],
    "apposition": [
        "My colleague, {P}, covered the shift.",
        "Our new starter, {P}, did the count.",
    ],
    "brackets": ["The key holder ({P}) opened up.", "The resident ({P}) ate well."],
    "after a dash": ["Done by the late shift - {P}.", "Fridge temps checked – {P}"],
    "list of three": [
        "{P}, {Q} and {R} are on tonight.",
        "Staff on shift: {P}, {Q}, {R}.",
    ],
    "in quotes": ['She said "{P} will help" at 10.', "The card said 'From {P}' on it."],
    "lower case informal": ["lower:{P} cant make it 2day", "lower:ask {P} if she has the keys"],
    "all caps heading": ["upper:HANDOVER FOR {P}", "upper:INCIDENT REPORT - {P}"],
    "before a role": ["{P}, team leader, signed it off.", "{P} (duty manager) locked up."],
}
"""Sentences per position; "lower:" and "upper:" write the whole sentence in that case."""

REGISTERS = {
    "care handover": "Handover 7pm. {S} Night staff to monitor fluids.",
    "retail incident": "Incident at the front till. {S} CCTV saved.",
    "kitchen log": "Kitchen log, Tuesday. {S} Probe 75C.",
    "email": "Hi all,\n\n{S}\n\nThanks,\nThe office",
    "chat": "[14:02] hey! {S} lol",
}
"""A register around each sentence; the sentence is the only person in it."""

FORMS = ("full name", "first name", "title and surname")
SURNAME_ALONE = ("surname alone",)


def _pool(group: str) -> tuple[list[str], list[str]]:
    lex = lexicon()

    def pick(table: dict[str, float]) -> list[str]:
        words = [
            k
            for k in table
            if k.isascii()
            and k.isalpha()
            and len(k) > 2
            and not lex.is_ordinary(k)
            and not lex.is_not_name(k)
        ]
        if group == "listed":
            chosen = [k for k in words if table[k] >= 2e-4]
        else:
            chosen = [k for k in words if table[k] < 2e-5 and zipf(k) < 3.0]
        return sorted(chosen)

    return pick(lex.first), pick(lex.surnames)


def _person(form: str, first: str, surname: str, rng: random.Random) -> tuple[str, list[str]]:
    """The person as written and the words that must go."""
    if form == "full name":
        return f"{first} {surname}", [first, surname]
    if form == "first name":
        return first, [first]
    if form == "surname alone":
        return surname, [surname]
    title = rng.choice(("Mr", "Mrs", "Ms", "Dr"))
    return f"{title} {surname}", [surname]


def _found(text: str) -> list[str]:
    words: list[str] = []
    for finding in find_personal_data(text):
        if finding.category == "name":
            words.extend(
                w.strip("'’").removesuffix("'s").removesuffix("’s").casefold()
                for w in finding.text.split()
            )
    return words


def run(verbose: bool, count: int = 24, forms: tuple[str, ...] = FORMS) -> dict[str, Counter[str]]:
    """Mentions left in, and written, per position, per group and per form."""
    tally: dict[str, Counter[str]] = {"left": Counter(), "written": Counter()}
    registers = list(REGISTERS.values())
    for group in ("listed", "low"):
        firsts, surnames = _pool(group)
        rng = random.Random(15)
        for p_index, (position, sentences) in enumerate(POSITIONS.items()):
            for index in range(count):
                form = forms[(index + p_index) % len(forms)]
                template = sentences[index % len(sentences)]
                case = None
                if template.startswith(("lower:", "upper:")):
                    case, template = template.split(":", 1)
                people_here = [
                    (rng.choice(firsts).capitalize(), rng.choice(surnames).capitalize())
                    for _ in range(3)
                ]
                written, wanted = zip(
                    *(_person(form, f, s, rng) for f, s in people_here), strict=True
                )
                sentence = template.format(P=written[0], Q=written[1], R=written[2])
                if case == "lower":
                    sentence = sentence.lower()
                elif case == "upper":
                    sentence = sentence.upper()
                text = registers[(index + p_index) % len(registers)].format(S=sentence)
                found = _found(text)
                n_people = sum(key in template for key in ("{P}", "{Q}", "{R}"))
                for words in wanted[:n_people]:
                    left = any(w.casefold() not in found for w in words)
                    for key in (position, f"{position}|{group}", group, form, "all"):
                        tally["written"][key] += 1
                        tally["left"][key] += left
                    if left and verbose:
                        print(f"left in | {group} | {position} | {form} | {text!r}")
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every mention left in")
    parser.add_argument(
        "--surname-alone", action="store_true", help="write every person as a surname alone"
    )
    args = parser.parse_args()
    forms = SURNAME_ALONE if args.surname_alone else FORMS
    tally = run(args.verbose, forms=forms)
    left, written = tally["left"], tally["written"]
    print(f"{'left in, of written':24} {'listed':>9} {'low':>9} {'both':>9}")
    for key in [*POSITIONS, *forms, "all"]:
        cells = [f"{left[k]:3}/{written[k]:<5}" for k in (f"{key}|listed", f"{key}|low", key)]
        if key in forms or key == "all":
            cells = ["", "", cells[2]]
        print(f"{key:24} {cells[0]:>9} {cells[1]:>9} {cells[2]:>9}")
    groups = [f"{left[g]:3}/{written[g]:<5}" for g in ("listed", "low")]
    print(f"{'by group':24} {groups[0]:>9} {groups[1]:>9}")


if __name__ == "__main__":
    main()
