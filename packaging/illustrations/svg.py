"""A very small SVG writer: elements as frozen values, written as plain, stable text.

Attributes keep the order they are given in, numbers are formatted by the caller, and nothing
depends on dictionaries of unknown order or on the clock, so the same input always gives the
same bytes (a test regenerates every picture and compares).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr


@dataclass(frozen=True)
class Element:
    """One SVG element with its attributes (in writing order) and children."""

    tag: str
    attrs: tuple[tuple[str, str], ...] = ()
    children: tuple[Element, ...] = ()
    text: str = ""

    def render(self, indent: int = 0) -> str:
        pad = "  " * indent
        attrs = "".join(f" {name}={quoteattr(value)}" for name, value in self.attrs)
        if self.text:
            return f"{pad}<{self.tag}{attrs}>{escape(self.text)}</{self.tag}>\n"
        if not self.children:
            return f"{pad}<{self.tag}{attrs}/>\n"
        inner = "".join(child.render(indent + 1) for child in self.children)
        return f"{pad}<{self.tag}{attrs}>\n{inner}{pad}</{self.tag}>\n"


def el(tag: str, *children: Element, **attrs: str | float) -> Element:
    """Build an element; `stroke_width=2` becomes `stroke-width="2"`."""
    pairs = tuple((name.rstrip("_").replace("_", "-"), _value(v)) for name, v in attrs.items())
    return Element(tag, pairs, tuple(children))


def text_element(tag: str, text: str) -> Element:
    """An element holding only text, such as the <title> screen readers announce."""
    return Element(tag, text=text)


def group(children: list[Element] | tuple[Element, ...], **attrs: str | float) -> Element:
    return el("g", *children, **attrs)


def _value(value: str | float) -> str:
    if isinstance(value, str):
        return value
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass
class Layers:
    """Elements sorted into named depth layers, so a scene can slip a highlight between the
    torso and the hand that works on it."""

    items: list[tuple[float, int, Element]] = field(default_factory=list)

    def put(self, depth: float, *elements: Element) -> None:
        for element in elements:
            self.items.append((depth, len(self.items), element))

    def ordered(self) -> list[Element]:
        return [element for _, _, element in sorted(self.items, key=lambda t: (t[0], t[1]))]


def document(
    title: str,
    body: list[Element],
    defs: list[Element] | None = None,
    size: tuple[int, int] = (480, 360),
) -> str:
    """The whole SVG file: viewBox only (the app scales it), a title for screen readers."""
    children = [text_element("title", title)]
    if defs:
        children.append(el("defs", *defs))
    children.extend(body)
    root = el(
        "svg",
        *children,
        xmlns="http://www.w3.org/2000/svg",
        version="1.2",
        baseProfile="tiny",
        viewBox=f"0 0 {size[0]} {size[1]}",
    )
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + root.render()
