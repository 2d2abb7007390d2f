"""What the agent is told, once, when their history file could not be used as it was."""

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from desktop.coaching.settings import Message

StoreNoticeKind = Literal["moved-aside", "in-memory"]

_NOT_KEPT = Message(
    nl="de coach werkt gewoon door, maar deze dienst kan niet worden bewaard.",
    en="coaching goes on, but this shift cannot be kept.",
)


@dataclass(frozen=True, slots=True)
class StoreNotice:
    """kind "moved-aside": the file was damaged or not ours; it was renamed to `moved_to` and
    a fresh history started. kind "in-memory": the history could not be opened or written
    (read-only folder, a newer version's file, a locked file); this shift is kept in memory
    only and coaching goes on. `detail` is the technical cause, for the log."""

    kind: StoreNoticeKind
    message: Message
    detail: str
    moved_to: Path | None = None


def moved_aside(aside: Path, detail: str) -> StoreNotice:
    message = Message(
        nl=(
            "Je geschiedenisbestand was beschadigd of onbekend; het is apart gezet als "
            f"{aside.name} en er is een nieuwe geschiedenis begonnen."
        ),
        en=(
            "Your history file was damaged or not recognised; it was set aside as "
            f"{aside.name} and a new history was started."
        ),
    )
    return StoreNotice("moved-aside", message, f"{detail}; the file is kept as {aside}", aside)


def in_memory(folder: Path, detail: str) -> StoreNotice:
    message = Message(
        nl=(f"Je geschiedenis kan niet in {folder} worden bewaard; {_NOT_KEPT.nl}"),
        en=f"Your history cannot be saved in {folder}; {_NOT_KEPT.en}",
    )
    return StoreNotice("in-memory", message, detail)


def newer_version(path: Path, version: int) -> StoreNotice:
    message = Message(
        nl=(
            f"Je geschiedenisbestand komt van een nieuwere versie van Speech Coach; {_NOT_KEPT.nl}"
        ),
        en=f"Your history file comes from a newer version of Speech Coach; {_NOT_KEPT.en}",
    )
    return StoreNotice("in-memory", message, f"{path} has schema version {version}")


def read_only(path: Path, detail: str) -> StoreNotice:
    message = Message(
        nl=f"Je geschiedenisbestand {path} is alleen-lezen; {_NOT_KEPT.nl} Vraag IT het "
        "bestand voor jou schrijfbaar te maken.",
        en=f"Your history file {path} is read-only; {_NOT_KEPT.en} Ask IT to make the file "
        "writable for you.",
    )
    return StoreNotice("in-memory", message, detail)


def locked(path: Path, detail: str) -> StoreNotice:
    message = Message(
        nl=f"Je geschiedenisbestand {path} is in gebruik door een ander programma; {_NOT_KEPT.nl}",
        en=f"Your history file {path} is in use by another program; {_NOT_KEPT.en}",
    )
    return StoreNotice("in-memory", message, detail)


def unreadable(path: Path, detail: str) -> StoreNotice:
    message = Message(
        nl=f"Je geschiedenisbestand {path} kan niet worden gelezen; {_NOT_KEPT.nl} Vraag IT "
        "de rechten van het bestand te herstellen.",
        en=f"Your history file {path} cannot be read; {_NOT_KEPT.en} Ask IT to restore the "
        "file's permissions for you.",
    )
    return StoreNotice("in-memory", message, detail)
