"""Images in HTML campaigns: alt texts, and mail that is images with almost no text.

Tracking pixels and spacers (no side larger than ``pixel_max``) are not content: they need
no alt text and do not make a mail image-heavy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from mailgate.checks.base import Hit
from mailgate.checks.named import NamedCheck
from mailgate.hookspecs import hookimpl

if TYPE_CHECKING:
    from mailgate.document import Document
    from mailgate.rules.model import Rule
    from mailgate.text.html import Image

_PIXEL_MAX = {"type": "integer", "minimum": 0, "description": "Images no larger than this (px) on a side are pixels."}


def is_pixel(image: "Image", pixel_max: int) -> bool:
    """A 1x1 tracking pixel or a spacer: one side given and no larger than ``pixel_max``."""
    sides = [side for side in (image.width, image.height) if side is not None]
    return bool(sides) and min(sides) <= pixel_max


def content_images(doc: "Document", pixel_max: int) -> list["Image"]:
    return [image for image in doc.images if not is_pixel(image, pixel_max)]


def image_alt(doc: "Document", rule: "Rule") -> Iterator[Hit]:
    limit = rule.options.get("max_findings", 20)
    missing = [image for image in content_images(doc, rule.options.get("pixel_max", 1)) if image.alt is None]
    for image in missing[:limit]:
        yield Hit(*position(doc, image), {"src": _short(image.src)})


def position(doc: "Document", image: "Image") -> tuple[int | None, int | None]:
    if image.line is not None:
        return image.line, image.column
    return doc.locate(image.src) if image.src else (None, None)


def _non_space(text: str) -> int:
    return len("".join(text.split()))  # split() drops exactly the characters isspace() names


def image_only(doc: "Document", rule: "Rule") -> Iterator[Hit]:
    """Text characters (alt texts excluded) against a floor, and against the images' pixel area."""
    options = rule.options
    images = content_images(doc, options.get("pixel_max", 1))
    if not images:
        return
    text_chars = max(0, _non_space(doc.text) - sum(_non_space(image.alt or "") for image in images))
    values = {"images": len(images), "chars": text_chars}
    if text_chars < options["min_text_chars"]:
        yield Hit(*position(doc, images[0]), {**values, "why": f"fewer than {options['min_text_chars']} characters"})
        return
    area = sum(image.width * image.height for image in images if image.width and image.height)
    per_pixel = options.get("min_chars_per_pixel")
    if per_pixel and area and text_chars / area < per_pixel:
        yield Hit(*position(doc, images[0]),
                  {**values, "why": f"{text_chars} characters for {area:,} image pixels, "
                                    f"below {per_pixel} characters a pixel"})


def _short(src: str) -> str:
    return src if len(src) <= 80 else src[:77] + "..."


@hookimpl
def mailgate_named_checks() -> list[NamedCheck]:
    return [
        NamedCheck("image_alt", image_alt,
                   {"pixel_max": _PIXEL_MAX, "max_findings": {"type": "integer", "minimum": 1}},
                   "Content images without an alt attribute."),
        NamedCheck("image_only", image_only,
                   {"pixel_max": _PIXEL_MAX,
                    "min_text_chars": {"type": "integer", "minimum": 0,
                                       "description": "Visible text characters (no spaces, no alt texts) a mail with images needs."},
                    "min_chars_per_pixel": {"type": "number", "minimum": 0,
                                            "description": "Text characters per pixel of image area (SpamAssassin's html_image_ratio)."}},
                   "Mail that is images with almost no text."),
    ]
