"""What a column header or field label says its values are ("Staff" -> names, "DOB" -> dates).

Shared by the table and form-field reading in ``fields`` and by the name detector, which treats
"Injured person:" or "Signed (supervisor):" like any other label that introduces a person.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _split(words: str) -> list[str]:
    """The words of a space-separated list (kept as one string so the lists stay compact)."""
    return words.split()


_WORDS = re.compile(r"[a-z]+")
# "present", "apologies", "absent": a meeting's attendance columns hold who attended
# ("Present | Role"), as the same words before a colon do in minutes.
_NAME_LABELS = frozenset(
    _split(
        "name names staff colleague colleagues employee employees customer client patient resident"
        " carer signed signature assessor witness manager supervisor mentor member worker person"
        " contact attendee attendees surname forename forenames agent advisor adviser cashier"
        " host owner lead learner trainee apprentice candidate nurse doctor gp tenant guest"
        " caller complainant visitor initials by kin buddy keyworker injured responsible assignee"
        " firstname lastname fullname givenname trainer tutor instructor facilitator presenter"
        " speaker chair chairperson reporter author driver coach teacher supervisee"
        " observer inspector reviewer interviewer verifier organiser organizer invigilator"
        " engineer technician electrician plumber chef cleaner porter receptionist stylist"
        " therapist pharmacist installer fitter operative surveyor people"
        " present apologies absent"
    )
)
_NOT_NAME_LABELS = frozenset(
    _split(
        "date time number no tel phone mobile email address postcode id ref reference code"
        " type role title job department team shift hours rate score rating total status"
        " comments comment notes note action outcome signed_date reason feedback"
    )
)
_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:d\.?\s?o\.?\s?b|date of birth|birth ?date|birthday|born)\b"), "dob"),
    (re.compile(r"\bnhs\b|\bchi\b|health (?:and care )?number"), "nhs"),
    (re.compile(r"\bsort ?code\b|\bs/c\b|^sort$"), "sort_code"),
    (re.compile(r"\b(?:account|acct|acc|a/c)\b"), "account"),
    (re.compile(r"\biban\b"), "iban"),
    (re.compile(r"\bni\b|national insurance"), "ni"),
    (re.compile(r"\bpost ?code\b"), "postcode"),
    (re.compile(r"\baddress\b"), "address"),
    (re.compile(r"\b(?:phone|tel|telephone|mobile|mob|contact number)\b"), "phone"),
)


_THING_LABELS = frozenset(
    _split(
        "bank company employer course training item product department dept place location"
        " site ward room unit branch store shop organisation organization supplier brand"
        " qualification module subject activity hazard task equipment venue"
        " controls measures precautions ppe mitigation safeguards area zone aisle floor wing"
        " dish dishes menu starter starters mains dessert desserts specials recipe"
        " make manufacturer retailer vendor distributor wholesaler stockist depot town city"
        " county village treatment procedure service"
    )
)
"""Labels whose values are things; "controls", "measures", "precautions": the steps of a
risk assessment ("Fire Marshal checks", "Use Marigold gloves"), whose column is never where
the person responsible is written (that column is "Responsible", "Who", "By"); "area",
"zone", "aisle", "floor", "wing": where someone works ("Goods In"), not who; "dish", "menu",
"starter", "mains", "dessert", "specials", "recipe": a menu's column of dishes, many named
after a person ("Peach Melba", "Omelette Arnold Bennett"), where who cooks or orders them has
a column of its own; "make", "manufacturer", "retailer", "vendor", "distributor",
"wholesaler", "stockist": firms, often named after their founders ("Joseph Joseph");
"depot", "town", "city", "county", "village": places, many named like people ("Sandy");
"treatment", "procedure", "service": what a salon, clinic or garage does, some named after
who devised it, where the client and the staff member have columns of their own. Not
"contractor" or "agency", whose column may hold a sole trader's own name."""


_THING_HEADERS = frozenset(
    _split("products items brands suppliers kit tools vehicle vehicles model")
)
"""Column headers of things that are also the last word of many actions ("Check kit", a
row's first cell read as the label of the next): only a header of that one word counts."""


@lru_cache(maxsize=4096)  # a table asks about the same few headers for every cell
def label_kind(label: str) -> str | None:
    """What a header or label says its values are: "name", "dob", "nhs", "sort_code",
    "account", "iban", "ni", "postcode", "address", "phone", "thing" (a bank, course, place
    or product: never a person), or None."""
    text = " ".join(label.lower().replace("_", " ").split()).strip(" :-–*#")
    if not text or len(text) > 40:
        return None
    for regex, kind in _KINDS:
        if regex.search(text):
            return kind
    words = _WORDS.findall(text)
    if not words:
        return None
    if words[-1] in _THING_LABELS or (words[0] in _THING_LABELS and "name" in words):
        return "thing"
    if len(words) == 1 and words[0] in _THING_HEADERS:
        return "thing"  # "Kit", "Vehicle"
    if any(w in _NOT_NAME_LABELS for w in words):
        return None
    return "name" if any(w in _NAME_LABELS for w in words) else None
