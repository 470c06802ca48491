"""Tiny XML text helpers for the hand-built XLSX and DOCX parts (xml.sax.saxutils would pull
urllib into every start-up that imports the export package)."""

from __future__ import annotations

import re

# XML 1.0 cannot hold these characters (nor UTF-8 a lone surrogate); documents drop them.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold."""
    return XML_ILLEGAL.sub("", text)


def escape(text: str) -> str:
    """Escape ``&``, ``<`` and ``>`` for an element's text (or a double-quoted attribute)."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
