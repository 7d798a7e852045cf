"""Build the fallback fonts of the submission PDF from Debian's font packages.

Run on a Debian machine with ``fonts-noto-core fonts-droid-fallback fonts-nanum fonts-symbola
fonts-liberation2``
installed and fontTools available: ``python resources/fonts/make_fallbacks.py``. The Hebrew,
Arabic and Devanagari Noto fonts are copied unchanged; the three large fonts are cut down to the
characters in everyday use (the Chinese and Japanese national character sets, the Korean
syllables of KS X 1001, arrows, shapes, dingbats and emoji), which keeps the bundle near 4 MB
instead of 16 MB. Cut-down fonts are renamed (OFL 1.1 section 3: a Modified Version may not use
a Reserved Font Name), so "NanumGothic" becomes "PortfolioHangul" and so on. The Liberation fonts
(``fonts-liberation2``) are cut to Windows-1252 and renamed "Portfolio Metric Sans/Serif/Mono":
they stand in for the standard PDF fonts that attached PDFs use without embedding.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
NOTO = Path("/usr/share/fonts/truetype/noto")
COPIED = (
    "NotoSansHebrew-Regular.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansDevanagari-Regular.ttf",
)


def _two_bytes(cp: int, codec: str) -> bool:
    try:
        return len(chr(cp).encode(codec)) == 2
    except UnicodeEncodeError:
        return False


def _span(a: int, b: int) -> list[int]:
    return list(range(a, b))


def _cut(src: Path, dst: str, unicodes: list[int], family: str, style: str = "Regular") -> None:
    font = TTFont(src)
    keep = sorted(set(unicodes) & set(font.getBestCmap()))
    options = subset.Options()
    options.layout_features = ["*"]
    options.hinting = False
    options.glyph_names = False
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=keep)
    sub.subset(font)
    postscript = f"{family.replace(' ', '')}-{style.replace(' ', '')}"
    names = {1: family, 3: postscript, 4: f"{family} {style}", 6: postscript, 16: family}
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]
    font.save(HERE / dst)
    print(f"{dst}: {len(keep)} characters, {(HERE / dst).stat().st_size} bytes")


def main() -> None:
    for name in COPIED:
        shutil.copyfile(NOTO / name, HERE / name)
    cjk = [
        c for c in range(0x4E00, 0xA000) if _two_bytes(c, "gb2312") or _two_bytes(c, "shift_jis")
    ]
    cjk += _span(0x3000, 0x3100) + _span(0x31F0, 0x3200) + _span(0xFF00, 0xFFF0)
    _cut(
        Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
        "PortfolioCJK-Regular.ttf",
        cjk,
        "Portfolio CJK",
    )
    hangul = [c for c in range(0xAC00, 0xD7A4) if _two_bytes(c, "euc_kr")] + _span(0x3130, 0x3190)
    _cut(
        Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf"),
        "PortfolioHangul-Regular.ttf",
        hangul,
        "Portfolio Hangul",
    )
    symbols = (
        _span(0x2100, 0x2150)
        + _span(0x2190, 0x2400)
        + _span(0x25A0, 0x27C0)
        + _span(0x2900, 0x2980)
        + _span(0x2B00, 0x2C00)
        + _span(0x1F300, 0x1F700)
        + _span(0x1F900, 0x1FA00)
        + [0xFFFD]
    )
    _cut(
        Path("/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"),
        "PortfolioSymbols-Regular.ttf",
        symbols,
        "Portfolio Symbols",
    )

    # Metric-compatible stand-ins for the standard PDF fonts (Helvetica, Times, Courier) that an
    # attached PDF uses without including them: Liberation has their widths, so the attachment's
    # text keeps its layout. Cut to the Windows-1252 characters those fonts encode.
    winansi = sorted(
        {ord(b.to_bytes(1, "big").decode("cp1252", "ignore") or " ") for b in range(32, 256)}
    )
    liberation = Path("/usr/share/fonts/truetype/liberation2")
    for kind in ("Sans", "Serif", "Mono"):
        for style in ("Regular", "Bold", "Italic", "BoldItalic"):
            _cut(
                liberation / f"Liberation{kind}-{style}.ttf",
                f"PortfolioMetric{kind}-{style}.ttf",
                winansi,
                f"Portfolio Metric {kind}",
                style,
            )


if __name__ == "__main__":
    main()
