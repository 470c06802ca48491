"""JSON text of many small values, one call each, without ``JSONEncoder.encode``'s set-up.

``JSONEncoder(...).encode`` makes its C encoder anew on every call (about 5 µs): 100,000
possibilities written one a line spent more on that than on their text. ``one_line_encoder``
makes it once; the text is the same, byte for byte (a test compares them).
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable
from typing import Any


def one_line_encoder(item_separator: str = ", ", key_separator: str = ": ") -> Callable[[Any], str]:
    """``json.JSONEncoder(ensure_ascii=False, separators=...).encode``, made once: non-ASCII
    text kept, no indent, keys in order, NaN and infinities as ``json.dumps`` writes them.
    Like ``check_circular=False``, a value that holds itself is not caught (recursion)."""
    fallback = json.JSONEncoder(ensure_ascii=False, separators=(item_separator, key_separator))
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # an interpreter without the C accelerator
        return fallback.encode
    text = json.encoder.encode_basestring  # what ensure_ascii=False uses
    encode = make(
        None, fallback.default, text, None, key_separator, item_separator, False, False, True
    )

    def one_line(value: Any) -> str:
        if value.__class__ is str:
            return text(value)
        return "".join(encode(value, 0))

    return one_line
