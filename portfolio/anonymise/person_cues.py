"""What around a capitalised word says it is a person, whatever the word also names.

A colleague may be called like a bank, a town or a word ("Banks", "Bolton", "Cook"), and a
document written for a portfolio names colleagues by surname alone as often as by full name.
The word lists cannot tell such a person from the thing; the sentence can, when it says what
only a person does or has done to them. Each cue here rests on English grammar, not on any
document: a person, not a firm, a town or a product,

- is met with, spoken with, chatted with, swapped with ("Meeting with Banks at 10");
- is covered for, stood in for ("Covered for Banks on Tuesday");
- sends a text, a message, a voicemail or a call, and gives a statement ("a text from Banks");
- signs a card or a present, or sends love ("a card from Banks", "flowers from Banks", "love
  from Banks", a card reading 'From Banks'): a firm sends letters and compliment slips, not
  cards, flowers or love (a crate reading 'From Kendal' stays);
- is handed, given or passed things, by hand ("Handed the keys to Banks", "Keys handed from
  Banks to Hale"): a firm is *sent* things, and a place is where things are *taken*;
- is sent or paid back money: a refund, change, a cheque, wages ("Sent the refund to
  Banks"; a trade paper comes *from* a firm, and money goes back to the customer);
- is off sick, off today, on leave or on holiday ("Banks is off today").

These are read only where the word lists leave a word in doubt (``names``); a listed firm or
place that is no common name ("Santander") is judged by ``gazetteer`` before them, and the
places kept by where they are written ("drove to Bolton", "works at Boots") are not touched:
"sent the parcel to Bolton", "gave her a lift to Bolton" read no cue here.
"""

from __future__ import annotations

import re

_WITH_A_PERSON = re.compile(
    r"(?:^|[^\w])(?:met|meet|meets|meeting|spoke|speak|speaks|speaking|talked|talk|talking"
    r"|chatted|chat|chatting|caught[ \t]+up|catch[ \t]+up|catching[ \t]+up|swapped|swap"
    r"|swapping|paired|shadowed|shadowing|buddied)[ \t]+(?:up[ \t]+)?with[ \t]+$",
    re.IGNORECASE,
)
_COVERED_FOR = re.compile(
    r"(?:^|[^\w])(?:covered|cover|covers|covering|stood[ \t]+in|stand[ \t]+in|standing[ \t]+in"
    r"|deputised|deputising|filled[ \t]+in)[ \t]+for[ \t]+$",
    re.IGNORECASE,
)
_FROM_A_PERSON = re.compile(
    r"(?:^|[^\w])(?:a|an|the|another|his|her|their|missed)[ \t]+(?:(?:phone|missed|quick)"
    r"[ \t]+)?(?:text|texts|message|messages|voicemail|voicemails|call|calls|statement)"
    r"[ \t]+from[ \t]+$"
    r"|(?:^|[^\w])(?:card|cards|gift|gifts|present|presents|flowers|love|hugs|kisses)[ \t]+from"
    r"[ \t]+$|(?:^|[^\w])(?:card|cards|tag|gift|present|flowers)\b[^.;!?\n]{0,20}['\"“‘][ \t]*from"
    r"[ \t]+$",
    re.IGNORECASE,
)
_BY_HAND = re.compile(
    r"(?:^|[^\w])(?:handed|hand|hands|handing|gave|give|gives|giving|given|passed|pass"
    r"|passing)(?:[ \t]+(?!lifts?\b|rides?\b|donations?\b)[\w'’£]+){0,4}?[ \t]+(?:over[ \t]+|back"
    r"[ \t]+)?(?:to|from)[ \t]+$",
    re.IGNORECASE,
)
_PAID_TO = re.compile(
    r"(?:^|[^\w])(?:sent|send|sends|sending|posted|issued|paid|refunded|returned|transferred)"
    r"(?:[ \t]+(?:the|a|an|his|her|their|full|partial|cash|customer's|customer’s))*[ \t]+"
    r"(?:refund|refunds|money|cash|voucher|vouchers|cheque|cheques|change|wages|tips|deposit)"
    r"[ \t]+(?:back[ \t]+)?to[ \t]+$",
    re.IGNORECASE,
)
_WINDOW = 60
"""Characters read before a word for a cue (the longest: "handed the spare keys back to")."""


def object_of_a_person_act(text: str, start: int) -> bool:
    """True when the word at ``start`` is what a person-to-person act is done with or to:
    "met with", "a text from", "handed the keys to", "keys handed from" (module docstring)."""
    if start < 5 or text[start - 1] not in " \t":
        return False
    window = text[max(0, start - _WINDOW) : start]
    last = window.rstrip(" \t").rsplit(None, 1)[-1].lower() if window.strip() else ""
    last = last.lstrip("'\"“‘")  # a card reading 'From Banks'
    if last == "with":
        return _WITH_A_PERSON.search(window) is not None
    if last == "from":
        return (
            _FROM_A_PERSON.search(window) is not None
            or _BY_HAND.search(_clause(window)) is not None
        )
    if last == "for":
        return _COVERED_FOR.search(window) is not None
    if last == "to":
        clause = _clause(window)
        return _BY_HAND.search(clause) is not None or _PAID_TO.search(clause) is not None
    return False


def _clause(window: str) -> str:
    """The end of ``window`` after its last sentence or clause break (a cue does not reach
    across "." or ";")."""
    cut = max(window.rfind(mark) for mark in ".;!?\n")
    return window[cut + 1 :]


_AWAY = re.compile(
    r"[ \t]+(?:is|was|['’]s)[ \t]+(?:off[ \t]+(?:sick|ill|today|tomorrow|work)"
    r"|on[ \t]+(?:annual[ \t]+|sick[ \t]+|maternity[ \t]+|paternity[ \t]+)?(?:leave|holiday))\b"
    r"|[ \t]+(?:called|phoned|rang)[ \t]+in[ \t]+sick\b",
    re.IGNORECASE,
)


def away_from_work(text: str, end: int) -> bool:
    """True when the word ending at ``end`` is off sick, off today, on leave or on holiday:
    only a person is ("Banks is off today"; a shop is closed, a town is not away)."""
    return text.startswith((" ", "\t"), end) and _AWAY.match(text, end, end + 40) is not None


_ROLE_AFTER = re.compile(
    r"(?:[ \t]*\([ \t]*|,[ \t]+|[ \t]+[–—-][ \t]+)(?:(?:the|our|my)[ \t]+)?(?:(?:deputy"
    r"|assistant|senior|duty|shift|store|area|line|team|night|day|ward|unit|general|floor"
    r"|kitchen|head|charge|key)[ \t]+)?(?:manager|supervisor|leader|lead|nurse|carer|chef"
    r"|assessor|mentor|colleague|buddy|coordinator|administrator|worker)\b",
    re.IGNORECASE,
)


def role_follows(text: str, end: int) -> bool:
    """True when a person's role follows the word ending at ``end`` in apposition ("Banks
    (team leader)", "Banks, duty manager", "Banks – my mentor"): a job is a person's. A
    listed firm with its own manager ("Santander (branch manager)") is the gazetteer's,
    judged before."""
    return text[end : end + 1] in " \t(,–—-" and _ROLE_AFTER.match(text, end, end + 50) is not None


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_PERSON_NOUNS = _words(
    "holder keyholder manager supervisor leader lead nurse carer chef colleague resident"
    " customer client patient guest caller visitor tenant learner apprentice trainee"
    " mentor assessor buddy driver cleaner porter worker member officer son daughter wife"
    " husband partner mother father mum dad sister brother friend relative starter"
    " cashier assistant"
)
_NOUN_BEFORE_BRACKET = re.compile(r"([A-Za-z]+)[ \t]*\([ \t]*$")


def named_in_brackets(text: str, start: int) -> bool:
    """True when the word at ``start`` opens a bracket right after a noun for a person ("The
    key holder (Hinton) opened up", "the resident (Hinton) ate well"): the bracket names who
    that person is. After a thing's noun the bracket holds its make or place ("the steamer
    (Hinton)" is the gazetteer's and the make rules' to judge)."""
    if start < 2 or text[start - 1] != "(":
        return False
    found = _NOUN_BEFORE_BRACKET.search(text, max(0, start - 30), start)
    return found is not None and found.group(1).lower() in _PERSON_NOUNS


_GIVING_TO = re.compile(
    r"(?:^|[^\w])(?:gave|give|gives|giving|handed|hand|hands|handing|passed|passing|showed"
    r"|show|showing|offered|offer|offering|lent|lend|brought|bring|bringing|told|tell)"
    r"[ \t]+$",
    re.IGNORECASE,
)
_OBJECT_AFTER = re.compile(
    r"[ \t]+(?:the|her|his|their|a|an|some|my|our|two|three|back)[ \t]+[a-z]", re.IGNORECASE
)


def recipient_of_giving(text: str, start: int, end: int) -> bool:
    """True when the word from ``start`` to ``end`` is the first object of a verb of giving,
    with the thing given after it ("Gave Hinton the keys", "I gave Hinton her tablets",
    "Showed Hinton the new till"): who is given something by hand, shown or told is a person.
    "Sent Amazon the details" and "paid Currys the balance" are not read (firms are sent and
    paid)."""
    if _OBJECT_AFTER.match(text, end, end + 20) is None:
        return False
    return _GIVING_TO.search(text, max(0, start - 20), start) is not None
