"""Small, realistic workplace documents for the demo portfolio's attachments.

The seeds tell learners to include anonymised organisational documents (greeting scripts,
complaint flowcharts) annotated with how they used them, so the demo carries a few: a greeting
script (.txt), a Challenge 25 notice (.png, drawn with Pillow), a one-page complaint-handling
flowchart (.pdf, drawn with reportlab) and numbered shift handover notes (.txt). Each is a few
kilobytes and contains the kind of personal data the attachment service removes before storing
(names, a phone number, an email address). Pillow and reportlab are imported only when a
document is drawn, so importing the demo stays cheap.
"""

from __future__ import annotations

import io
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoDocument:
    """One document to attach: its bytes, file name and the learner's note on how it was used."""

    filename: str
    data: bytes
    note: str


def greeting_script() -> DemoDocument:
    """The customer service desk's greeting and telephone script, as a plain-text file."""
    text = (
        "Fairway Foods Ltd - Customer Service Desk\n"
        "Greeting and telephone script (issued by Priya Shah, Store Manager)\n"
        "\n"
        "At the desk\n"
        "1. Smile and make eye contact within 5 seconds of the customer arriving.\n"
        '2. "Good morning / afternoon, welcome to Fairway. How can I help you today?"\n'
        "3. Listen without interrupting. Note the key details.\n"
        '4. Summarise: "So what you need is ... is that right?"\n'
        "5. Explain what you will do next and how long it will take.\n"
        '6. Close: "Is there anything else I can help you with today?"\n'
        "\n"
        "On the telephone\n"
        '1. Answer within three rings: "Good morning, Fairway Foods customer service, '
        "you're speaking to [your first name], how can I help?\"\n"
        "2. Ask before putting a caller on hold and return within 30 seconds.\n"
        "3. Take a name and number for every call back.\n"
        "\n"
        "Problems you cannot solve: call the duty manager on 01632 960 123 or email\n"
        "priya.shah@fairwayfoods.example.co.uk.\n"
    )
    return DemoDocument(
        "greeting-script.txt",
        text.encode("utf-8"),
        "The script I followed at the desk and on the phone; I annotated steps 3 and 4, the "
        "ones I practised most.",
    )


def complaint_flowchart() -> DemoDocument:
    """A one-page complaint-handling flowchart, drawn as a PDF."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.setTitle("Complaint handling flowchart")
    pdf.setAuthor("Priya Shah")
    width, height = A4
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawCentredString(width / 2, height - 60, "Fairway Foods: handling a customer complaint")
    steps = [
        "Listen to the whole complaint without interrupting",
        "Apologise and show you understand how the customer feels",
        "Check the facts (order, receipt, system record)",
        "Can you put it right within your authority?",
        "Yes: put it right now and explain what you did",
        "No: call the duty manager (Priya Shah, ext. 214)",
        "Record the complaint in the customer log",
        "Follow up within 48 hours if you promised to",
    ]
    pdf.setFont("Helvetica", 11)
    top = height - 110
    for number, step in enumerate(steps):
        y = top - number * 78
        pdf.roundRect(90, y - 40, width - 180, 44, 8)
        pdf.drawCentredString(width / 2, y - 22, step)
        if number < len(steps) - 1:
            pdf.line(width / 2, y - 40, width / 2, y - 74)
            pdf.line(width / 2 - 5, y - 68, width / 2, y - 74)
            pdf.line(width / 2 + 5, y - 68, width / 2, y - 74)
    pdf.setFont("Helvetica-Oblique", 9)
    pdf.drawString(90, 40, "Questions: priya.shah@fairwayfoods.example.co.uk / 01632 960 123")
    pdf.showPage()
    pdf.save()
    return DemoDocument(
        "complaint-flowchart.pdf",
        buffer.getvalue(),
        "The store's complaint flowchart; I followed it step by step and marked where I asked "
        "my supervisor for help.",
    )


def challenge_25_notice() -> DemoDocument:
    """The Challenge 25 notice from the tills, as a small PNG image."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (360, 240), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((6, 6, 353, 233), outline="darkred", width=6)
    draw.ellipse((20, 60, 120, 160), outline="darkred", width=8)
    draw.text((48, 100), "25", fill="darkred", font_size=36)
    lines = ["CHALLENGE 25", "If you look under 25,", "we will ask for ID.", "Thank you."]
    for number, line in enumerate(lines):
        draw.text((140, 60 + number * 30), line, fill="black", font_size=20)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return DemoDocument(
        "challenge-25-notice.png",
        out.getvalue(),
        "The notice beside every till; I pointed to it when I asked the customer for ID.",
    )


def handover_note(number: int) -> DemoDocument:
    """A short, numbered shift handover note (each number gives a different document)."""
    text = (
        f"Shift handover note {number}\n"
        f"Click and collect point, week {number}\n"
        "\n"
        f"Orders waiting for collection: {12 + number}. Two customers called about late "
        "orders; both were given a new collection time.\n"
        f"Follow up: ring Mr Daniel Okafor on 07700 900{100 + number} about order "
        f"CC-{4400 + number}.\n"
        "Handed over to: Grace Hughes (Team Leader)\n"
    )
    return DemoDocument(
        f"handover-note-{number}.txt",
        text.encode("utf-8"),
        "My handover note at the end of the shift; it shows how I kept customers informed.",
    )
