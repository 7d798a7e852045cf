"""Things named in every position a workplace document names them (issue #15, controls kept).

    PYTHONPATH=. python benchmarks/anonymise_controls_positions.py [--verbose] [--json FILE]

The thing-side twin of ``anonymise_people_positions.py``. The corpora's controls are few and,
once tuned on, no longer say whether a rule generalises; here the controls are written apart
from any corpus: non-person proper nouns a UK vocational learner's workplace documents name
(suppliers, product brands by trade, organisations, councils, NHS bodies, awarding bodies,
qualifications, places, streets, wards and rooms, dishes, named procedures and scales,
equipment models), chosen by category from general knowledge of those trades, not from any
corpus, the anonymiser's resources or its output. Many are also on the name lists ("Russell
Hobbs", "Florence Ward", "Stanley"); the report splits them by that.

Each control is written in every position its kind is named in (sentence start, after each
common preposition, subject before a person-like verb, a list, a table cell, a heading in
capitals, possessive, lower case in a chat, "From:", "cc", "passed to", a signature line,
before a goods noun, alone on a line ...), wrapped in the people probe's registers, and
checked through the same entry point (``find_personal_data`` on plain text). A control is kept
when no finding overlaps it. Beside each, a **contrast**: the same sentence with a person
written the same way (as many words, one word as a first name or a surname in turn; names
from the detector's lists, as the people probe draws them), which must be removed.

Positions are split in two by their order (even = ``tune``, odd = ``check``). ``--verbose``
prints the failures of the tune half only: rules are changed looking at those, and the check
half is only counted, so it says whether a change generalises.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from itertools import cycle

from anonymise_people_positions import REGISTERS, _pool

from portfolio.anonymise.detect import find_personal_data
from portfolio.anonymise.lexicon import lexicon

FIRM, GOODS, PLACE, DISH, METHOD = "firm", "goods", "place", "dish", "method"

CONTROLS: dict[str, tuple[str, str]] = {
    "supplier": (
        FIRM,
        "Brakes|Bidvest|Booker|Bestway|Nisbets|Screwfix|Toolstation|Jewson|Travis Perkins|"
        "Wickes|Howdens|Lyreco|Bunzl|Costco|Makro|Medline|Viking|Sysco|Russell Hume|Huws Gray|"
        "Selco|City Plumbing|Edmundson Electrical|Rexel|Denmans|Euro Car Parts|"
        "Alliance Healthcare|Lloyds Pharmacy",
    ),
    "brand: cleaning": (
        GOODS,
        "Dettol|Domestos|Flash|Cif|Harpic|Jeyes Fluid|Milton|Zoflora|Fairy|Ecolab|Diversey|"
        "Vileda|Brillo|Mr Muscle|Pledge|Vanish|Ariel|Persil|Bold|Comfort|Lenor|Karcher|"
        "Numatic|Oust|Jif|Method|Ecover",
    ),
    "brand: catering": (
        GOODS,
        "Heinz|Bisto|Colman's|Kenco|Tetley|Twinings|Hovis|Warburtons|Kingsmill|McCain|"
        "Birds Eye|Quorn|Oxo|Knorr|Lincat|Rational|Hobart|Foster|Williams|Buffalo|Dualit|"
        "Kenwood|Russell Hobbs|Morphy Richards|Robinsons|Walkers|Cadbury|Mr Kipling|"
        "Bernard Matthews|Ginsters|Pukka|Winterhalter|Merrychef",
    ),
    "brand: care": (
        GOODS,
        "Tena|Molnlycke|Hartmann|Invacare|Arjo|Sunrise Medical|Drive DeVilbiss|Nutilis|"
        "Fortisip|Ensure|Thick & Easy|Medpro|Clinell|Sudocrem|Cavilon|Conveen|Coloplast|"
        "Convatec|Hollister|Stannah|Vernacare|Zimmer|Theraposture|Oxford|Molift",
    ),
    "brand: construction": (
        GOODS,
        "Makita|DeWalt|Bosch|Hilti|Stanley|Festool|Marshalls|Hanson|Tarmac|Cemex|"
        "British Gypsum|Knauf|Kingspan|Celotex|Velux|Hager|Wylex|Worcester|Baxi|Vaillant|"
        "Ideal|Potterton|Grundfos|Ryobi|Milwaukee|Irwin|Draper|Sealey|Crittall|Everbuild|"
        "Dulux|Crown|Johnstone's|Sandtex|Leyland",
    ),
    "brand: hair and beauty": (
        GOODS,
        "Wella|Schwarzkopf|L'Oreal|Redken|Matrix|Paul Mitchell|Goldwell|BaByliss|GHD|Denman|"
        "Mason Pearson|Tigi|Joico|Elemis|Dermalogica|CND|OPI|Jessica|Morgan Taylor|"
        "Bio Sculpture|Sienna X|St Tropez|Fake Bake|Nioxin|Olaplex|Kerastase|Davines|"
        "Moroccanoil|Sebastian|Aveda|Clynol|Fudge|Lee Stafford|Charles Worthington",
    ),
    "brand: motor": (
        GOODS,
        "Castrol|Snap-on|Ford|Vauxhall|Peugeot|Citroen|Renault|Nissan|Toyota|Honda|Dacia|"
        "Morris|Austin|Lotus|Jaguar|Bentley|Rolls-Royce|Land Rover|Mini|Mercedes|Skoda|Kia|"
        "Hyundai|Michelin|Dunlop|Pirelli|Bridgestone|Mobil|Haynes|Gunson|Halfords|Kwik Fit|"
        "Autoglass",
    ),
    "brand: retail": (
        FIRM,
        "Argos|Boots|Greggs|Primark|Next|Wilko|Poundland|Lidl|Aldi|Asda|Tesco|Morrisons|"
        "Sainsbury's|Waitrose|Iceland|Ocado|Selfridges|Matalan|Dunelm|John Lewis|"
        "Marks & Spencer|Harvey Nichols|Peacocks|Clarks|Ryman|Hobbycraft|Superdrug|Currys|"
        "Costa|Pret|Nando's|Wetherspoons|Harrods|Fenwick|Bensons|Laura Ashley|Ted Baker|"
        "Jack Wills|Hotter|Timpson|Specsavers|Card Factory",
    ),
    "brand: IT and systems": (
        GOODS,
        "Microsoft|Excel|Outlook|Teams|Windows|Sage|Xero|Zoom|Slack|Dell|Lenovo|Epson|Brother|"
        "Canon|Kyocera|Ricoh|Dropbox|Google|Chrome|Norton|McAfee|Oracle|Ubuntu|Cisco|"
        "Logitech|Samsung|WhatsApp|Nourish|Birdie|SystmOne|EMIS|Care Control|Mitel|Adobe|"
        "Kaspersky|Sophos|Citrix|Jabra|Canva|Trello|Moodle|Smart Assessor|OneFile|Aptem",
    ),
    "organisation": (
        FIRM,
        "Age UK|Mind|Scope|Mencap|Barnardo's|Oxfam|Shelter|Crisis|Macmillan|Marie Curie|"
        "Sue Ryder|Leonard Cheshire|Dementia UK|Alzheimer's Society|Samaritans|"
        "St John Ambulance|Salvation Army|Trussell Trust|Citizens Advice|Carers UK|Sense|"
        "Turning Point|Dimensions|Guinness Partnership|Peabody|Clarion|Sanctuary|Anchor|"
        "Hanover|Cruse|Relate|Joseph Rowntree Foundation|Nuffield Trust|Wellcome|Barchester|"
        "Bupa|HC-One|Four Seasons|Care UK|Avery|Runwood|CQC|Ofsted|HMRC|DWP|HSE|"
        "Skills for Care|Unison|GMB|Unite|Jobcentre Plus",
    ),
    "council": (
        FIRM,
        "Leeds City Council|Kirklees Council|Barnet Council|Harrow Council|Bolton Council|"
        "Wigan Council|Preston City Council|Bradford Council|Calderdale Council|"
        "Tameside Council|Sefton Council|Hillingdon Council|Lewisham Council|Wakefield Council|"
        "Stockport Council|Shropshire Council|Kent County Council|Surrey County Council|"
        "Lancashire County Council|Cheshire East Council|Milton Keynes Council|Chorley Council|"
        "Rugby Borough Council|Crawley Borough Council|Stevenage Borough Council|"
        "Ashford Borough Council|Kirkby Council",
    ),
    "NHS body": (
        FIRM,
        "NHS England|Leeds Teaching Hospitals|Barts Health|Guy's and St Thomas'|"
        "Addenbrooke's|Royal Marsden|Great Ormond Street|Alder Hey|The Christie|"
        "Whittington Health|Walton Centre|Frimley Health|Stepping Hill Hospital|"
        "Kings Mill Hospital|Royal Derby Hospital|Pinderfields Hospital|Wythenshawe Hospital|"
        "Fairfield General|Queen Elizabeth Hospital|Lister Hospital|"
        "Princess Alexandra Hospital|Airedale|Harrogate District Hospital|Bassetlaw Hospital|"
        "Mersey Care|Pennine Care|Oxleas|Leeds Community Healthcare|NHS 111",
    ),
    "awarding body": (
        FIRM,
        "City & Guilds|Pearson|BTEC|NCFE|CACHE|VTCT|Highfield|ProQual|Focus Awards|OCR|AQA|"
        "Edexcel|Gateway Qualifications|Open Awards|Ascentis|TQUK|Skillsfirst|"
        "Innovate Awarding|EAL|IMI|CIEH|RSPH|Habia|CITB|NOCN|SQA|WJEC|Trinity College London|"
        "Active IQ|YMCA Awards|Lantra",
    ),
    "qualification": (
        METHOD,
        "Care Certificate|Functional Skills|ESOL|CSCS card|SMSTS|SSSTS|IOSH Managing Safely|"
        "NEBOSH|Makaton|Prevent|Level 2 Diploma|NVQ|Level 3 Extended Diploma|"
        "Food Hygiene Level 2|First Aid at Work|PTLLS|CPCS|ECS card|18th Edition|Gas Safe|"
        "Oliver McGowan training|Duke of Edinburgh Award|T Level|Safeguarding Adults",
    ),
    "place": (
        PLACE,
        "Kendal|Preston|Chester|Lincoln|Wakefield|Bolton|Sandy|Ashford|Barnet|Wigan|Harrow|"
        "Beverley|Ely|Shirley|Stanley|Florence|Chelsea|Ashley|Morley|Carlisle|Ripley|Whitby|"
        "Darwen|Crewe|Barry|Neath|Bury|Hyde|Eccles|Keighley|Ilkley|Selby|Goole|Batley|"
        "Dewsbury|Clayton|Kirkby|Formby|Stafford|Hamilton|Dudley|Tamworth|Nelson|Colne|"
        "Warwick|Milton Keynes|Leighton Buzzard|Hebden Bridge|Newton Abbot|Bishop Auckland",
    ),
    "street": (
        PLACE,
        "Elm Grove|Victoria Road|Princess Street|Albert Street|Church Lane|Granby Street|"
        "Wellington Road|Station Road|High Street|Mill Lane|Park Avenue|Queen Street|"
        "King Street|George Street|Harrison Road|Morris Lane|Beverley Road|Shirley Road|"
        "Kingsley Avenue|Collingwood Close|Nelson Street|Baker Street|Hamilton Terrace|"
        "Lister Lane|Wilson Way|Stanley Road|Grosvenor Square|Chapel Street",
    ),
    "ward or room": (
        PLACE,
        "Rowan Ward|Nightingale Ward|Florence Ward|Bevan Ward|Churchill Ward|Seacole Ward|"
        "Ward 12|Lilac Room|Garden Room|Bramley Suite|Elizabeth Suite|Jubilee Lounge|"
        "Primrose Unit|Oak Lodge|Willow Unit|Harvey Ward|Cavell Ward|Lister Ward|Jenner Ward|"
        "Fleming Ward|Maple Room|Poppy Room|Daisy Room|Sunflower Room|Victoria Wing|"
        "Windsor Lounge|Hawthorn House|Bluebell Unit|Ruby Lounge",
    ),
    "dish": (
        DISH,
        "Beef Wellington|Eggs Benedict|Peach Melba|Victoria sponge|Bakewell tart|"
        "Lancashire hotpot|Chicken Kiev|Beef Stroganoff|Pavlova|Caesar salad|Waldorf salad|"
        "Crepes Suzette|Eton mess|Spaghetti Bolognese|Chicken Tikka Masala|Shepherd's pie|"
        "Cullen skink|Apple Charlotte|Cumberland sausage|Yorkshire pudding|Welsh rarebit|"
        "Earl Grey|Sally Lunn bun|Battenberg|Chelsea bun|Eccles cake|Chicken Marengo|"
        "Lobster Thermidor|Chateaubriand|Tarte Tatin|Arnold Bennett omelette|Kedgeree|"
        "Tom Collins|Bloody Mary|Pizza Margherita",
    ),
    "procedure or scale": (
        METHOD,
        "Waterlow score|Braden scale|Glasgow Coma Scale|MUST score|Barthel index|"
        "Heimlich manoeuvre|Gillick competence|Fraser guidelines|Bristol Stool Chart|"
        "Abbey Pain Scale|NEWS2|Caldicott principles|Maslow's hierarchy|Kolb's cycle|"
        "Gibbs reflective cycle|Tuckman model|Bloom's taxonomy|Harvard referencing|"
        "Valsalva manoeuvre|Trendelenburg position|Epley manoeuvre|Snellen chart|Apgar score|"
        "Norton scale|Rockwood frailty scale|Morse fall scale|Fitzpatrick scale|"
        "Norwood scale|Pareto analysis|Gantt chart|Montessori method",
    ),
    "equipment model": (
        GOODS,
        "Henry hoover|Hetty hoover|Rational iCombi|Sara Stedy|Oxford Stature|Arjo Maxi Move|"
        "Dyson V15|Karcher K5|Hilti TE 30|Ford Transit|Vauxhall Corsa|Nissan Leaf|"
        "Toyota Yaris|Ford Fiesta|Mercedes Sprinter|Lincat Opus|Baxi Duo-tec|"
        "Worcester Greenstar|Kenwood Chef|Thermapen|Stanley knife|Allen key|Jubilee clip|"
        "Belfast sink|Aga|Rayburn|Morris Minor|Austin Allegro|Zimmer frame|Stannah stairlift|"
        "Bain Marie|Dyson Airblade|Brother HL-L2350",
    ),
}
"""Category -> (kind, controls). The kind says which sentences a control can stand in."""

# {C} is the control (or, in the contrast, a person); {D} and {E} are two more of its
# category. "lower:" / "upper:" write the sentence in that case; a sentence holding a line
# break stands alone, without a register round it.
POSITIONS: dict[str, dict[str, str]] = {
    "sentence start": {
        FIRM: "{C} sent the new price list today.",
        GOODS: "{C} is running low in the store cupboard.",
        PLACE: "{C} was busy this morning.",
        DISH: "{C} is on the menu for Friday.",
        METHOD: "{C} was done at 9am.",
    },
    "after with": {
        FIRM: "We have an account with {C} for the stock.",
        GOODS: "Cleaned it with {C} after lunch.",
        DISH: "Served the soup with {C} after.",
        METHOD: "Assessed her with {C} on admission.",
    },
    "after for": {
        FIRM: "Filled in the form for {C} on Monday.",
        GOODS: "Put in an order for {C} yesterday.",
        PLACE: "Left for {C} at 2pm.",
        DISH: "Prepped the trays for {C} at 11.",
        METHOD: "She is booked in for {C} next month.",
    },
    "after to": {
        FIRM: "Sent the invoice back to {C} today.",
        GOODS: "We switched to {C} after the trial.",
        PLACE: "Drove the minibus to {C} for the trip.",
        DISH: "Added cream to {C} for the party.",
        METHOD: "Refer to {C} in the care plan.",
    },
    "after from": {
        FIRM: "The delivery from {C} came at 7.",
        GOODS: "We moved from {C} to the own brand.",
        PLACE: "She transferred from {C} last week.",
        DISH: "Leftovers from {C} went in the bin.",
        METHOD: "Took the figure from {C} for the chart.",
    },
    "after by": {
        FIRM: "The boiler was serviced by {C} on Tuesday.",
        GOODS: "It was replaced by {C} in March.",
        PLACE: "We stopped by {C} on the way back.",
        DISH: "It was replaced by {C} on the menu.",
        METHOD: "The risk was measured by {C}.",
    },
    "after about": {
        FIRM: "Had a long chat about {C} in the meeting.",
        GOODS: "Had a long chat about {C} in the meeting.",
        PLACE: "Had a long chat about {C} in the meeting.",
        DISH: "Had a long chat about {C} in the meeting.",
        METHOD: "Had a long chat about {C} in the meeting.",
    },
    "after at": {
        FIRM: "Spoke to someone at {C} about the account.",
        PLACE: "Dropped her off at {C} by ten.",
    },
    "after in": {
        FIRM: "There is a vacancy in {C} for a driver.",
        GOODS: "There is bleach in {C} so wear gloves.",
        PLACE: "She lives in {C} with her son.",
        DISH: "There are nuts in {C} so check allergies.",
        METHOD: "It is all written in {C} already.",
    },
    "after on": {
        FIRM: "We rely on {C} for the weekly order.",
        GOODS: "Spent £40 on {C} this month.",
        PLACE: "The shop on {C} is closing.",
        DISH: "Spent ages on {C} for the buffet.",
        METHOD: "Scored 12 on {C} this morning.",
    },
    "after via": {
        FIRM: "Ordered the gloves via {C} as usual.",
        GOODS: "Logged the hours via {C} on the tablet.",
        PLACE: "Came back via {C} because of the roadworks.",
    },
    "after into": {
        FIRM: "Called into {C} on the way in.",
        GOODS: "Typed the notes into {C} before handover.",
        PLACE: "Popped into {C} on the way home.",
        DISH: "Turned the leftovers into {C}.",
    },
    "after like": {
        FIRM: "Nobody does it quite like {C}.",
        GOODS: "Nothing works quite like {C}.",
        PLACE: "Nowhere is quite like {C}.",
        DISH: "Nothing tastes quite like {C}.",
    },
    "subject, person-like verb": {
        FIRM: "{C} rang about the missing pallet.",
        GOODS: "{C} will need a new part soon.",
        PLACE: "{C} will be closed on the bank holiday.",
        DISH: "{C} will go out at 12.",
        METHOD: "{C} says she is at high risk.",
    },
    "in a list": {
        FIRM: "Quotes from {D}, {C} and {E} are on the desk.",
        GOODS: "We stock {D}, {C} and {E} in the cupboard.",
        PLACE: "Trips to {D}, {C} and {E} this summer.",
        DISH: "Buffet: {D}, {C} and {E}.",
        METHOD: "We covered {D}, {C} and {E} in training.",
    },
    "table cell, own header": {
        FIRM: "| Supplier | Day |\n| --- | --- |\n| {C} | Monday |",
        GOODS: "| Product | Qty |\n| --- | --- |\n| {C} | 2 |",
        PLACE: "| Location | Time |\n| --- | --- |\n| {C} | 10:00 |",
        DISH: "| Dish | Price |\n| --- | --- |\n| {C} | £4.50 |",
        METHOD: "| Tool | Result |\n| --- | --- |\n| {C} | done |",
    },
    "heading in capitals": {
        FIRM: "upper:{C} ACCOUNT REVIEW",
        GOODS: "upper:{C} STOCK CHECK",
        PLACE: "upper:TRIP TO {C}",
        DISH: "upper:{C} - ALLERGENS",
        METHOD: "upper:{C} RESULTS",
    },
    "possessive": {
        FIRM: "{C}'s driver was late again.",
        GOODS: "{C}'s new formula is much stronger.",
        PLACE: "{C}'s market is on Thursdays.",
        METHOD: "{C}'s guidance says to check weekly.",
    },
    "lower case in a chat": {
        FIRM: "lower:{C} rang again about the bill",
        GOODS: "lower:need more {C} pls",
        PLACE: "lower:stuck in traffic near {C}",
        DISH: "lower:{C} went down well",
        METHOD: "lower:did {C} with her earlier",
    },
    'after "From:"': {
        FIRM: "From: {C}\nSubject: Your order\n\nYour order is on its way.",
        GOODS: "From: {C}\nSubject: Your account\n\nYour password was changed.",
    },
    "cc": {FIRM: "Forwarded to the manager, cc {C} accounts."},
    "passed to": {
        FIRM: "Complaint passed to {C} for a reply.",
        PLACE: "Referral passed to {C} for action.",
    },
    "signature line": {
        FIRM: "Thanks for your order.\n\nKind regards,\n{C}",
        PLACE: "Thanks for the referral.\n\nKind regards,\n{C}",
    },
    "before a goods noun": {
        FIRM: "The {C} van was blocking the bay.",
        GOODS: "The {C} box is empty.",
        PLACE: "The {C} bus was late again.",
        METHOD: "The {C} form is in the folder.",
    },
    "alone on a line": {
        FIRM: "Supplier this week:\n{C}\nCheck the order.",
        GOODS: "Use only:\n{C}\nSee the data sheet.",
        PLACE: "Destination:\n{C}\nLeave at 9.",
        DISH: "Today's special:\n{C}\nServe hot.",
        METHOD: "Assessment used:\n{C}\nReview monthly.",
    },
    "object of a verb": {
        FIRM: "Contacted {C} about the refund.",
        GOODS: "Ordered {C} for the store.",
        PLACE: "Visited {C} with the residents.",
        DISH: "Made {C} for the tea.",
        METHOD: "Completed {C} for the new resident.",
    },
    "in brackets": {
        FIRM: "The supplier ({C}) was late.",
        GOODS: "The new one ({C}) is in the cupboard.",
        PLACE: "The site ({C}) is closed today.",
        DISH: "Today's special ({C}) sold out.",
        METHOD: "The tool ({C}) is on page 3.",
    },
    "after a dash": {
        FIRM: "Invoice received – {C}.",
        GOODS: "Used today – {C}.",
        PLACE: "Trip booked – {C}.",
        DISH: "Special – {C}.",
        METHOD: "Assessed – {C}.",
    },
    "in quotes": {
        FIRM: 'The note said "{C}" on it.',
        GOODS: 'The label said "{C}" on it.',
        PLACE: 'The sign said "{C}" on it.',
        DISH: 'The menu said "{C}" on it.',
        METHOD: 'The form said "{C}" on it.',
    },
    "object of asked or told": {
        FIRM: "Asked {C} for a quote.",
        PLACE: "Told {C} we would be late.",
    },
    "after thanks to": {FIRM: "Thanks to {C} for the donation."},
    "after near": {
        FIRM: "The bus stop near {C} has moved.",
        PLACE: "The bus stop near {C} has moved.",
    },
    "table cell, Notes header": {
        FIRM: "| Date | Notes |\n| --- | --- |\n| 3 May | {C} |",
        GOODS: "| Date | Notes |\n| --- | --- |\n| 3 May | {C} |",
        PLACE: "| Date | Notes |\n| --- | --- |\n| 3 May | {C} |",
        DISH: "| Date | Notes |\n| --- | --- |\n| 3 May | {C} |",
        METHOD: "| Date | Notes |\n| --- | --- |\n| 3 May | {C} |",
    },
    "after than": {
        FIRM: "They are cheaper than {C} now.",
        GOODS: "It works better than {C} did.",
        DISH: "It sold better than {C} did.",
    },
    "after using": {
        GOODS: "Cleaned the floor using {C} today.",
        METHOD: "Scored her using {C} today.",
    },
    # The two below were added after fix 4 (the labels' hole, found by hand): they were
    # designed together with it, so their check half is no independent check.
    "after a thing label": {
        FIRM: "Supplier: {C}\nAccount no: 4471",
        GOODS: "Product: {C}\nQty: 2",
        PLACE: "Location: {C}\nTime: 10:00",
        DISH: "Dish: {C}\nPrice: £4.50",
        METHOD: "Course: {C}\nDue: May",
    },
    "below a thing label": {
        FIRM: "Supplier:\n{C}\nAccount no: 4471",
        GOODS: "Product:\n{C}\nQty: 2",
        PLACE: "Location:\n{C}\nTime: 10:00",
        DISH: "Dish:\n{C}\nPrice: £4.50",
        METHOD: "Course:\n{C}\nDue: May",
    },
}

HALVES = ("tune", "check")


def half(position: str) -> str:
    """``tune`` for the even positions, ``check`` for the odd ones (their order above)."""
    return HALVES[list(POSITIONS).index(position) % 2]


def name_list_share(control: str) -> str:
    """How much of ``control`` the name lists hold: ``all`` its words, ``some``, or ``none``."""
    lex = lexicon()
    words = [w.strip("'’").removesuffix("'s") for w in control.replace("-", " ").split()]
    words = [w for w in words if w.isalpha() and len(w) > 1]
    listed = sum(lex.is_name(w) for w in words)
    return "all" if words and listed == len(words) else "some" if listed else "none"


class _People:
    """People written like a control: as many words (one word a first name or a surname in
    turn), drawn from the names the lists weight high, as the people probe draws them."""

    def __init__(self) -> None:
        self.firsts, self.surnames = _pool("listed")
        self.rng = random.Random(10)
        self.lone = cycle(("first", "surname"))

    def like(self, control: str) -> tuple[str, list[str]]:
        first = self.rng.choice(self.firsts).capitalize()
        surname = self.rng.choice(self.surnames).capitalize()
        if len(control.split()) == 1:
            word = first if next(self.lone) == "first" else surname
            return word, [word]
        return f"{first} {surname}", [first, surname]


def _write(template: str, fill: dict[str, str], register: str) -> tuple[str, int]:
    """The text and where ``{C}`` starts in it."""
    case = None
    if template.startswith(("lower:", "upper:")):
        case, template = template.split(":", 1)
    sentence = template.format(**fill)
    at = template.format(**{**fill, "C": "\0"}).index("\0")
    if case == "lower":
        sentence = sentence.lower()
    elif case == "upper":
        sentence = sentence.upper()
    if "\n" in sentence:
        return sentence, at
    head = register.index("{S}")
    return register.format(S=sentence), head + at


def _covered(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """For each span, whether some finding overlaps it."""
    found = [(f.start, f.end) for f in find_personal_data(text)]
    return [any(s < e2 and s2 < e for s2, e2 in found) for s, e in spans]


def _word_spans(start: int, words: list[str], written: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for word in words:
        i = written.lower().index(word.lower(), at)
        spans.append((start + i, start + i + len(word)))
        at = i + len(word)
    return spans


def run(verbose: bool) -> dict[str, Counter[str]]:
    """Controls kept and people removed, each against its count, keyed by half, category,
    position and name-list share."""
    tally: dict[str, Counter[str]] = {
        "kept": Counter(),
        "controls": Counter(),
        "removed": Counter(),
        "people": Counter(),
    }
    people = _People()
    registers = list(REGISTERS.values())
    for p_index, (position, templates) in enumerate(POSITIONS.items()):
        side = half(position)
        for category, (kind, joined) in CONTROLS.items():
            template = templates.get(kind)
            if template is None:
                continue
            items = joined.split("|")
            for i, control in enumerate(items):
                if position == "possessive" and control.endswith(("'s", "'")):
                    continue
                register = registers[(i + p_index) % len(registers)]
                others = {"D": items[(i + 1) % len(items)], "E": items[(i + 2) % len(items)]}
                text, at = _write(template, {**others, "C": control}, register)
                kept = not _covered(text, [(at, at + len(control))])[0]
                share = name_list_share(control)
                keys = (
                    side,
                    f"{side}|{category}",
                    f"{side}|{position}",
                    f"{side}|{share}",
                    f"{side}|{category}|{position}",
                )
                for key in keys:
                    tally["controls"][key] += 1
                    tally["kept"][key] += kept
                if not kept and verbose and side == "tune":
                    print(f"control lost | {category} | {position} | {control} | {text!r}")
                person, words = people.like(control)
                fill = {"D": people.like(control)[0], "E": people.like(control)[0], "C": person}
                text, at = _write(template, fill, register)
                written = text[at : at + len(person)]
                removed = all(_covered(text, _word_spans(at, words, written)))
                for key in (side, f"{side}|{category}", f"{side}|{position}", keys[-1]):
                    tally["people"][key] += 1
                    tally["removed"][key] += removed
                if not removed and verbose and side == "tune":
                    print(f"person left | {category} | {position} | {person} | {text!r}")
    return tally


def _cell(kept: Counter[str], total: Counter[str], key: str) -> str:
    if not total[key]:
        return ""
    return f"{kept[key]}/{total[key]} {100 * kept[key] / total[key]:.1f}%"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print the tune half's failures")
    parser.add_argument("--json", help="write the counts to this file")
    args = parser.parse_args()
    tally = run(args.verbose)
    kept, controls, removed, people = (tally[k] for k in ("kept", "controls", "removed", "people"))
    print(f"{'':28} {'controls kept':>34} {'people removed':>34}")
    print(f"{'':28} {'tune':>17}{'check':>17} {'tune':>17}{'check':>17}")
    rows = [("all", ""), *((c, "|" + c) for c in CONTROLS), *((p, "|" + p) for p in POSITIONS)]
    rows += [(f"name lists hold {s} words", f"|{s}") for s in ("all", "some", "none")]
    for label, suffix in rows:
        cells = [_cell(kept, controls, h + suffix) for h in HALVES]
        cells += [_cell(removed, people, h + suffix) for h in HALVES]
        print(f"{label[:28]:28} {cells[0]:>17}{cells[1]:>17} {cells[2]:>17}{cells[3]:>17}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({k: dict(v) for k, v in tally.items()}, handle, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
