"""Export from the app: format, names, path; the notification names the file."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Select

from matchdesk.tui.app import make_app
from matchdesk.tui.dialogs.export import ExportDialog

from .conftest import SIZE, capture, said, wait_for


async def test_export_markdown_from_the_app(demo_file: Path, tmp_path: Path) -> None:
    app = make_app(demo_file)
    notes = said(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = capture(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        app.screen.query_one("#format", Select).value = "md"
        await pilot.pause()
        path_input = app.screen.query_one("#path", Input)
        assert path_input.value.endswith(".md")
        target = tmp_path / "report.md"
        path_input.value = str(target)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
        assert "Rapid Digitization" in target.read_text(encoding="utf-8")
        assert any(str(target) in m for m in notes)


async def test_french_letter_report_from_the_app_at_80x24(demo_file: Path, tmp_path: Path) -> None:
    """Language and paper sit beside the names choice, so the dialog still fits 80x24."""
    import docx

    app = make_app(demo_file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = capture(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        for field in ("#format", "#names", "#lang", "#paper", "#path", "#save"):
            region = dialog.query_one(field).region
            assert region.height >= 1 and region.bottom <= 24 and region.right <= 80, field
        dialog.query_one("#lang", Select).value = "fr"
        dialog.query_one("#paper", Select).value = "letter"
        target = tmp_path / "rapport.docx"
        dialog.query_one("#path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
    report = docx.Document(str(target))
    text = "\n".join(paragraph.text for paragraph in report.paragraphs)
    assert "39 possibilités de partenariat" in text
    assert round(report.sections[0].page_width.inches, 1) == 8.5  # US Letter
