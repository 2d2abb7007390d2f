"""Every cue card shows its whole advice: every cue, every built-in alternative wording, the
longest texts the policy file accepts, in Dutch and English. Checked with the font metrics of
the fonts the card paints with, and on the rendered pixels."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter

from desktop.coaching.cue import CUE_NAMES, Cue
from desktop.coaching.lexicon import load_lexicon
from desktop.coaching.settings import CueSettings, Language
from desktop.config import load_policy
from desktop.config.schema import MAX_TEXT_CHARS
from desktop.ui.card_layout import BOTTOM_PX, CARD_WIDTH_PX, TEXT_WIDTH_PX
from desktop.ui.cue_text import CardText, card_text
from desktop.ui.overlay import CueCard

LANGUAGES: tuple[Language, ...] = ("nl", "en")

EVIDENCE: dict[str, dict[str, float | str]] = {
    "haste": {"rate_syl_s": 8.1, "baseline_syl_s": 5.4, "threshold_syl_s": 6.2},
    "key_pause": {"phrase": "uw klantnummer is vier vijf zes zeven acht negen", "pause_ms": 40.0},
    "acknowledgement": {"expected": "Ik begrijp dat …"},
    "monologue": {"speech_s": 95.0},
    "policy_shield": {"phrase": "dat is ons beleid", "alternative": ""},
    "blame": {"phrase": "u had moeten", "alternative": ""},
    "raised_voice": {"above_baseline_db": 7.0},
    "fillers": {"per_min": 14.0},
    "interrupting": {},
    "dead_air": {"silence_s": 12.0},
    "pace_matching": {"agent_rate_syl_s": 6.0, "customer_rate_syl_s": 4.0},
}


def long_words(n: int) -> str:
    """A realistic Dutch text of exactly `n` characters with long compound words."""
    words = "Controleer samen met de klant het klantnummer, de leveringsvoorwaarden en de "
    words += "betalingsherinneringsbrief voordat je de terugbetalingsaanvraag doorzet naar "
    words += "de klantenservicemedewerkers van de backoffice-afdeling."
    return (words * 3)[:n].rstrip() + "x" * (n - len((words * 3)[:n].rstrip()))


def cards(language: Language) -> list[tuple[str, CardText]]:
    """Every card type with default texts, then policy shield and blame with every shipped
    alternative."""
    out = []
    for name in CUE_NAMES:
        cue = Cue(name, 1.0, 0.0, "", EVIDENCE[name])
        out.append((name, card_text(cue, CueSettings(), language)))
    for kind in ("policy_shield", "blame"):
        for phrase in load_lexicon(kind, language):
            if phrase.alternative:
                evidence = {"phrase": phrase.text, "alternative": phrase.alternative}
                cue = Cue(kind, 1.0, 0.0, "", evidence)
                label = f"{kind}: {phrase.alternative}"
                out.append((label, card_text(cue, CueSettings(), language)))
    return out


def longest_policy(tmp_path: Path) -> CueSettings:
    """Titles, messages and an alternative wording at the longest the policy file accepts,
    loaded through the real loader (so the test follows the limit if it changes)."""
    text = long_words(MAX_TEXT_CHARS)
    phrase = "dat is nu eenmaal zo"
    alternative = long_words(MAX_TEXT_CHARS - len(phrase) - len(" => "))
    body = "schema_version = 1\n"
    for name in CUE_NAMES:
        body += f'[cues.{name}]\ntitle_nl = "{text}"\ntitle_en = "{text}"\n'
        body += f'message_nl = "{text}"\nmessage_en = "{text}"\n'
        if name == "policy_shield":
            body += f'extra_phrases_nl = ["{phrase} => {alternative}"]\n'
    path = tmp_path / "supervisor.toml"
    path.write_text(body, encoding="utf-8")
    return load_policy(path).policy.cues


def assert_fits(qtbot, card: CardText, label: str) -> None:
    widget = CueCard()
    qtbot.addWidget(widget)
    widget.show_card(card, visible_s=5.0, fade_s=1.0)
    blocks = widget.blocks()
    assert [b.text for b in blocks] == [t for t in (card.title, card.message, card.evidence) if t]
    previous_bottom = 0.0
    for block in blocks:
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.TextFlag.TextWrapAnywhere)
        needed = QFontMetrics(block.font).boundingRect(
            QRect(0, 0, TEXT_WIDTH_PX, 100_000), flags, block.text
        )
        assert needed.height() <= block.height_px + 1, f"{label}: {block.role} cut off"
        assert max(block.line_widths_px) <= TEXT_WIDTH_PX, f"{label}: {block.role} too wide"
        assert block.top_px >= previous_bottom, f"{label}: {block.role} overlaps"
        previous_bottom = block.top_px + block.height_px
    assert previous_bottom <= widget.height() - BOTTOM_PX + 1, f"{label}: below the card's edge"
    assert widget.width() == CARD_WIDTH_PX
    assert_no_ink_at_the_edges(widget, label)


def assert_no_ink_at_the_edges(widget: CueCard, label: str) -> None:
    """On the rendered card, no text pixel lies in the bottom or right margin (clipped text
    would run up to the edge)."""
    image = widget.grab().toImage()
    height, width = image.height(), image.width()
    scale = image.devicePixelRatio()

    def inky(x: int, y: int) -> bool:
        return QColor(image.pixel(x, y)).lightness() > 150

    margin = int(6 * scale)
    for y in range(height - margin, height):
        assert not any(inky(x, y) for x in range(int(24 * scale), width)), f"{label}: bottom"
    for x in range(width - margin, width):
        assert not any(inky(x, y) for y in range(height)), f"{label}: right edge"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_card_and_every_builtin_alternative_fits(qtbot, language: Language) -> None:
    """All cue cards with their default texts and every shipped better wording fit whole."""
    found = cards(language)
    assert len(found) > 20  # both shipped lists give alternatives
    for label, card in found:
        assert_fits(qtbot, card, label)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_longest_accepted_supervisor_texts_fit(qtbot, tmp_path, language: Language) -> None:
    """A 200-character title, message and alternative (the policy file's limit) still fit."""
    cues = longest_policy(tmp_path)
    alternative = load_lexicon("policy_shield", "nl", cues.policy_shield.extra_phrases_nl)[-1]
    assert len(cues.haste.message.nl) == MAX_TEXT_CHARS
    for name in CUE_NAMES:
        evidence = dict(EVIDENCE[name])
        if name == "policy_shield":
            evidence["alternative"] = str(alternative.alternative)
        card = card_text(Cue(name, 1.0, 0.0, "", evidence), cues, language)
        assert card.title == cues.haste.title.nl
        assert_fits(qtbot, card, f"longest {name}")


def test_a_word_longer_than_a_line_is_broken_not_cut(qtbot) -> None:
    """One unbroken 200-character string (a pasted link, say) wraps inside the word."""
    card = CardText("x" * MAX_TEXT_CHARS, "y" * MAX_TEXT_CHARS, "z" * MAX_TEXT_CHARS)
    assert_fits(qtbot, card, "unbroken")


@pytest.mark.parametrize("language", LANGUAGES)
def test_screenshot_of_every_card(qtbot, tmp_path, language: Language) -> None:
    """Every cue's card, and the longest shipped better wordings, side by side as an agent
    sees them (docs/screenshots/cards-nl.png, cards-en.png)."""
    found = cards(language)
    plain = [card for label, card in found if ":" not in label]
    longest = sorted(
        (card for label, card in found if ":" in label), key=lambda c: -len(c.evidence)
    )
    shown = plain + longest[:1]
    images = []
    for card in shown:
        assert_fits(qtbot, card, card.title)
        widget = CueCard()
        qtbot.addWidget(widget)
        widget.show_card(card, visible_s=5.0, fade_s=1.0)
        images.append(widget.grab().toImage())
    save_gallery(images, f"cards-{language}.png", tmp_path)


def save_gallery(images: list[QImage], name: str, tmp_path: Path, columns: int = 3) -> None:
    """Lay `images` out in rows on a dark desktop colour and save the picture; also into
    $SPEECH_COACH_SCREENSHOTS when set."""
    gap = 12
    width = max(i.width() for i in images)
    rows = [images[k : k + columns] for k in range(0, len(images), columns)]
    height = sum(max(i.height() for i in row) + gap for row in rows) + gap
    picture = QImage(columns * (width + gap) + gap, height, QImage.Format.Format_RGB32)
    picture.fill(QColor("#3b4250"))
    painter = QPainter(picture)
    y = gap
    for row in rows:
        for k, image in enumerate(row):
            painter.drawImage(gap + k * (width + gap), y, image)
        y += max(i.height() for i in row) + gap
    painter.end()
    assert picture.save(str(tmp_path / name))
    target = os.environ.get("SPEECH_COACH_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        assert picture.save(str(Path(target) / name))
