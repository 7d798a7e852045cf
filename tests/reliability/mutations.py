"""Hypothesis strategies that damage real files: structural JSON mutations and byte mutations.

Random data alone rarely gets past a parser's first check; mutating a real, valid file (one
field deleted, a type swapped, a list item duplicated, bytes flipped or cut off) reaches the
deep code paths where the interesting failures hide.
"""

from __future__ import annotations

import copy
import io
import struct
import zipfile
from typing import Any

from hypothesis import strategies as st

NASTY_STRINGS = (
    "",
    " ",
    "\x00",
    "1..2",
    "1.1.1.1.1.1",
    "-1",
    "é" * 3,
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "&amp;&lt;&#0;&#xD800;&unknown;",
    "a" * 5000,
    "\u202e\ufeff\u200b",
    "Robert'); DROP TABLE criterion;--",
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(NASTY_STRINGS)
)
JSON = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=15,
)


def _walk(draw: Any, doc: Any) -> tuple[Any, Any]:
    """A random (container, key) inside ``doc``; (None, None) means the document itself."""
    parent: Any = None
    key: Any = None
    node = doc
    while isinstance(node, dict | list) and node and draw(st.integers(0, 9)) < 8:
        key = (
            draw(st.sampled_from(sorted(node)))
            if isinstance(node, dict)
            else draw(st.integers(0, len(node) - 1))
        )
        parent, node = node, node[key]
    return parent, key


def _retyped(draw: Any, value: Any) -> Any:
    if isinstance(value, str):
        return draw(st.sampled_from([0, [value], {"text": value}, None, True, 1.5]))
    if isinstance(value, bool | int | float):
        return draw(st.sampled_from([str(value), [value], None, -1, 10**20]))
    if isinstance(value, list):
        return draw(st.sampled_from([{}, "", None, len(value)]))
    if isinstance(value, dict):
        return draw(st.sampled_from([[], "", None, list(value)]))
    return draw(SCALARS)


@st.composite
def mutated_json(draw: Any, original: Any, max_mutations: int = 4) -> Any:
    """``original`` (not modified) with one to ``max_mutations`` random structural changes."""
    doc = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, max_mutations))):
        parent, key = _walk(draw, doc)
        if parent is None:
            doc = draw(JSON)
            continue
        op = draw(st.sampled_from(["replace", "delete", "duplicate", "retype", "nasty"]))
        if op == "delete":
            del parent[key]
        elif op == "duplicate" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        elif op == "duplicate":
            parent[f"{key}_copy"] = copy.deepcopy(parent[key])
        elif op == "retype":
            parent[key] = _retyped(draw, parent[key])
        elif op == "nasty":
            parent[key] = draw(st.sampled_from(NASTY_STRINGS))
        else:
            parent[key] = draw(JSON)
    return doc


@st.composite
def mutated_bytes(draw: Any, original: bytes, max_mutations: int = 6) -> bytes:
    """``original`` with random byte flips, cuts, insertions, deletions and repeats."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, max_mutations))):
        if not data:
            data += draw(st.binary(min_size=1, max_size=16))
            continue
        op = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "repeat", "zero"]))
        at = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "truncate":
            del data[at:]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 256))]
        elif op == "repeat":
            data[at:at] = bytes(data[at : at + 64]) * draw(st.integers(1, 50))
        else:
            span = draw(st.integers(1, 512))
            data[at : at + span] = bytes(min(span, len(data) - at))
    return bytes(data)


def damage_member(docx: bytes, member: str) -> bytes:
    """``docx`` with the compressed bytes of ``member`` overwritten (CRC and sizes intact)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        info = archive.getinfo(member)
    data = bytearray(docx)
    name_length, extra_length = struct.unpack(
        "<HH", data[info.header_offset + 26 : info.header_offset + 30]
    )
    start = info.header_offset + 30 + name_length + extra_length
    data[start : start + info.compress_size] = b"\xff" * info.compress_size
    return bytes(data)
