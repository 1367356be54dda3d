"""Character classes for regexes: Vietnamese upper- and lower-case letters.

``[A-ZÀ-Ỹ]`` is not "upper case": the Latin Extended ranges interleave upper and lower
case letters (``Ễ`` U+1EC4, ``ễ`` U+1EC5), so these classes are built from the code
points' own case.
"""

from __future__ import annotations

import re

__all__ = ["UPPER", "LOWER"]

_RANGE = [chr(c) for c in range(0xC0, 0x1EFA)]
UPPER = "A-Z" + re.escape("".join(c for c in _RANGE if c.isupper() and c.isalpha()))
LOWER = "a-z" + re.escape("".join(c for c in _RANGE if c.islower() and c.isalpha()))
