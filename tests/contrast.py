"""WCAG 2.1's contrast ratio of two sRGB colours (success criteria 1.4.3 and 1.4.11; the formula of its
definitions of relative luminance and contrast ratio)."""

from __future__ import annotations


def relative_luminance(colour: str) -> float:
    """`colour` as six hex digits, "1A1A1A"."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_formula_gives_wcags_own_figures() -> None:
    assert round(contrast("000000", "FFFFFF"), 2) == 21.0
    assert round(contrast("FFFFFF", "FFFFFF"), 2) == 1.0
    assert round(contrast("767676", "FFFFFF"), 2) == 4.54  # the lightest grey that passes 4.5:1 on white
