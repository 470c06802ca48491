"""JSON: the facade's lossless dump, serialised as it is (no neutralising: JSON is data)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def render_json(dump: Mapping[str, Any]) -> bytes:
    """Pretty, key order kept, non-ASCII kept readable; same dump -> same bytes."""
    return (json.dumps(dump, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")
