"""The model set-up and "Over" name the model's language and name, and say plainly when the
model is not Dutch or its language cannot be told; with a working model, downloading is not
the primary button."""

import os
from pathlib import Path

from PySide6.QtGui import QPixmap

from desktop.ui.model_label import describe_model, model_language
from desktop.ui.model_setup import ModelSetupDialog


def test_a_known_dutch_model_is_named_with_its_language() -> None:
    """The shipped manifest's Dutch model: language and name, nothing more to say."""
    assert describe_model("vosk:vosk-model-small-nl-0.22", "nl") == (
        "Nederlands · vosk-model-small-nl-0.22"
    )


def test_a_model_in_another_language_says_it_is_not_dutch() -> None:
    """The Korean test model: named Korean, with a plain sentence that it is not Dutch."""
    assert model_language("vosk-model-small-ko-0.22") == "ko"
    shown = describe_model("vosk:vosk-model-small-ko-0.22", "nl")
    assert shown.startswith("Koreaans · vosk-model-small-ko-0.22")
    assert "niet Nederlands" in shown
    assert "not Dutch" in describe_model("vosk:vosk-model-en-us-0.22", "en")


def test_a_folder_named_model_has_no_language_the_app_can_tell() -> None:
    """ "vosk:model" (the issue's case) says the language is unknown, not "Nu: vosk:model"."""
    shown = describe_model("vosk:model", "nl")
    assert shown.startswith("taal onbekend · model")
    assert "kan niet zien of dit model Nederlands is" in shown


def test_with_a_working_model_download_is_not_the_primary_button(qtbot, tmp_path: Path) -> None:
    """No model: download is the primary action; a model that works: an ordinary button."""
    without = ModelSetupDialog(tmp_path, "geen", "nl")
    working = ModelSetupDialog(tmp_path, "Nederlands · x", "nl", model_works=True)
    for dialog in (without, working):
        qtbot.addWidget(dialog)
    assert without.download_button.objectName() == "primary"
    assert working.download_button.objectName() != "primary"


def test_screenshot_with_a_model_that_is_not_dutch(qtbot, tmp_path: Path) -> None:
    """The dialog as an agent with the Korean test model sees it: the language named, the
    warning in plain words, no green download button (docs/screenshots/model-setup-working.png)."""
    status = describe_model("vosk:vosk-model-small-ko-0.22", "nl")
    dialog = ModelSetupDialog(tmp_path / "models", status, "nl", model_works=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "Koreaans" in dialog.status_label.text()
    save_shot(dialog.grab(), "model-setup-working.png", tmp_path)


def save_shot(image: QPixmap, name: str, tmp_path: Path) -> None:
    """Save a grab; also into $SPEECH_COACH_SCREENSHOTS when set (e.g. docs/screenshots)."""
    assert not image.isNull()
    assert image.save(str(tmp_path / name))
    target = os.environ.get("SPEECH_COACH_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        assert image.save(str(Path(target) / name))
