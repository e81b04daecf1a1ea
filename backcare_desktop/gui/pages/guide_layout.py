"""The Guide's reading layout: Qt reads the Markdown, this module sets it like a page.

Qt's Markdown reader (md4c, built into QTextDocument) gives every heading the same few sizes
and no air around it, and lays the text out as wide as the card. So after reading, each block
gets a type scale and spacing (a proportional line height, room above headings), the text
column gets a reading measure centred in the card, and each blockquote, which the guide's files
use for red flags only, is set apart as a callout in the danger colour, its first line its title.

Links between guide pages are written `[Warning signs](guide:warning_signs)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
)

from backcare_desktop.gui.look.theme import Theme

MEASURE_CHARACTERS = 70
"""About 70 characters a line (VISUAL.md), the comfortable middle of 65–75."""
MEASURE_SAMPLE = "Breathe slowly the whole time, and never hold your breath while you press."
LINK_SCHEME = "guide"
BODY_SCALE = 1.1
HEADING_SCALE = {1: 1.9, 2: 1.35, 3: 1.15}
SPACE_ABOVE = {1: 0.0, 2: 26.0, 3: 18.0}
SPACE_BELOW = {1: 14.0, 2: 8.0, 3: 6.0}
PARAGRAPH_BELOW = 12.0
LIST_ITEM_BELOW = 6.0
LINE_HEIGHT_PERCENT = 150
SIDE_MIN = 24.0
CALLOUT_TINT = 0.08


@dataclass(frozen=True)
class Callout:
    """A red-flag callout as laid out: its title and how many blocks it holds."""

    title: str
    blocks: int


def body_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(base.pointSizeF(), 9.0) * BODY_SCALE)
    return font


def measure_px(font: QFont) -> float:
    """The reading measure in pixels for the body font, from the width of real words (a
    font's "average character" is wider than running English text)."""
    metrics = QFontMetricsF(font)
    per_character = metrics.horizontalAdvance(MEASURE_SAMPLE) / len(MEASURE_SAMPLE)
    return per_character * MEASURE_CHARACTERS


def centre_column(document: QTextDocument, width: float) -> float:
    """Centre a measure-wide column in `width` pixels (the whole width when narrower, with a
    little air either side); returns the side margin."""
    side = max(SIDE_MIN, (width - measure_px(document.defaultFont())) / 2)
    root = document.rootFrame()
    frame = root.frameFormat()
    if abs(frame.leftMargin() - side) >= 0.5:
        frame.setLeftMargin(side)
        frame.setRightMargin(side)
        frame.setTopMargin(SIDE_MIN)
        frame.setBottomMargin(SIDE_MIN * 1.5)
        root.setFrameFormat(frame)
    return side


def lay_out(document: QTextDocument, theme: Theme) -> list[Callout]:
    """Give a freshly read guide page its type scale, spacing and callouts."""
    base = document.defaultFont().pointSizeF()
    block = document.begin()
    callouts: list[list[QTextBlock]] = []
    previous_quoted = False
    while block.isValid():
        quoted = _quote_level(block) > 0
        if quoted and not previous_quoted:
            callouts.append([])
        if quoted:
            callouts[-1].append(block)
        _style_block(block, base)
        previous_quoted = quoted
        block = block.next()
    # The last first, so making a frame never moves the blocks of one still to make.
    made = [_make_callout(document, run, theme, base) for run in reversed(callouts)]
    return made[::-1]


def _quote_level(block: QTextBlock) -> int:
    level = block.blockFormat().property(QTextFormat.Property.BlockQuoteLevel)
    return level if isinstance(level, int) else 0


def _style_block(block: QTextBlock, base: float) -> None:
    cursor = QTextCursor(block)
    form = block.blockFormat()
    level = form.headingLevel()
    form.setLineHeight(
        LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
    )
    if level:
        form.setTopMargin(SPACE_ABOVE.get(level, 16.0))
        form.setBottomMargin(SPACE_BELOW.get(level, 6.0))
        form.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        _set_text(cursor, block, base * HEADING_SCALE.get(level, 1.0), QFont.Weight.DemiBold)
    elif block.textList() is not None:
        form.setBottomMargin(LIST_ITEM_BELOW)
    else:
        form.setBottomMargin(PARAGRAPH_BELOW)
    cursor.setBlockFormat(form)


def _set_text(
    cursor: QTextCursor, block: QTextBlock, size: float, weight: QFont.Weight | None = None
) -> None:
    """Set a block's text size (and weight), fragment by fragment so bold and links stay.

    The reader marks headings with a size *adjustment*, which Qt applies on top of any point
    size, so it is taken away rather than merged over."""
    pieces = []
    fragments = block.begin()
    while not fragments.atEnd():  # read first: setting formats may merge fragments
        fragment = fragments.fragment()
        pieces.append((fragment.position(), fragment.length(), fragment.charFormat()))
        fragments += 1
    for start, length, chars in pieces:
        chars.clearProperty(QTextFormat.Property.FontSizeAdjustment)
        chars.setFontPointSize(size)
        if weight is not None:
            chars.setFontWeight(weight)
        cursor.setPosition(start)
        cursor.setPosition(start + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(chars)
    cursor.setPosition(block.position())
    cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)


def _make_callout(
    document: QTextDocument, blocks: list[QTextBlock], theme: Theme, base: float
) -> Callout:
    """Move a run of quoted blocks into a framed box; its first line becomes its title."""
    first, last = blocks[0], blocks[-1]
    title_text, count = first.text(), len(blocks)  # read before the frame moves the blocks
    danger = theme.color("danger")
    for block in blocks:  # the quote's own indent would narrow the box's text needlessly
        cursor = QTextCursor(block)
        form = block.blockFormat()
        form.setLeftMargin(0)
        cursor.setBlockFormat(form)
    title = QTextCursor(first)
    heading = first.blockFormat()
    heading.setHeadingLevel(2)
    heading.setTopMargin(0)
    heading.setBottomMargin(SPACE_BELOW[2])
    title.setBlockFormat(heading)
    _set_text(title, first, base * HEADING_SCALE[2], QFont.Weight.DemiBold)
    colour = QTextCharFormat()
    colour.setForeground(QBrush(danger))
    title.mergeCharFormat(colour)
    frame = QTextFrameFormat()
    frame.setBorder(1.5)
    frame.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    frame.setBorderBrush(QBrush(danger))
    frame.setBackground(QBrush(_tint(theme.color("surface"), danger, CALLOUT_TINT)))
    frame.setPadding(16)
    frame.setTopMargin(0)  # the paragraph above keeps its own space below
    frame.setBottomMargin(4)
    cursor = QTextCursor(document)
    cursor.setPosition(first.position())
    cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertFrame(frame)
    return Callout(title_text, count)


def _tint(surface: QColor, ink: QColor, share: float) -> QColor:
    return QColor.fromRgbF(
        surface.redF() + (ink.redF() - surface.redF()) * share,
        surface.greenF() + (ink.greenF() - surface.greenF()) * share,
        surface.blueF() + (ink.blueF() - surface.blueF()) * share,
    )
