"""The capture component: the country input, its channel and feedback, and the one code path
every capture takes (``CaptureBar``), plus the key routing that keeps typed-ahead keys in order.

Any screen can host a ``CaptureBar`` (the capture screen does; the board can), so a facilitator
with one screen captures wherever they are.
"""
