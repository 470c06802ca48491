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


async def test_every_format_at_once_and_asked_before_replacing(
    demo_file: Path, tmp_path: Path
) -> None:
    """ "All five formats" writes each beside the name typed; files already there are replaced
    only after a yes, and the CSV carries the follow-up columns when asked."""
    from textual.widgets import Checkbox

    from matchdesk.tui.dialogs.confirm import ConfirmDialog

    base = tmp_path / "report"
    kept = tmp_path / "report.md"
    kept.write_text("keep me", encoding="utf-8")
    app = make_app(demo_file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = capture(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        dialog.query_one("#format", Select).value = "all"
        await pilot.pause()
        assert not Path(dialog.query_one("#path", Input).value).suffix  # each file its own
        region = dialog.query_one("#followup").region
        assert region.height >= 1 and region.bottom <= 24
        dialog.query_one("#followup", Checkbox).value = True
        dialog.query_one("#path", Input).value = str(base)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("n")  # keep: nothing is written
        await wait_for(pilot, lambda: app.screen is dialog)
        assert kept.read_text(encoding="utf-8") == "keep me"
        assert not (tmp_path / "report.docx").exists()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_for(pilot, lambda: app.screen is screen)
    written = sorted(p.name for p in tmp_path.glob("report.*"))
    assert written == [f"report.{ext}" for ext in ("csv", "docx", "json", "md", "xlsx")]
    assert "Rapid Digitization" in kept.read_text(encoding="utf-8")
    header = (tmp_path / "report.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.endswith("last_activity,last_note")


async def test_the_interests_notes_go_into_the_report_when_asked(
    demo_file: Path, tmp_path: Path
) -> None:
    from textual.widgets import Checkbox

    from matchdesk.store.workshop import Workshop

    with Workshop.open(demo_file) as workshop:
        first = workshop.presentations()[0]
        workshop.record_interest(first.uid, "Fiji", note="Wants the [bold]toolkit[/] in May")
    app = make_app(demo_file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = capture(app)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        region = dialog.query_one("#notes").region
        assert region.height >= 1 and region.bottom <= 24 and region.right <= 80
        dialog.query_one("#format", Select).value = "md"
        await pilot.pause()
        dialog.query_one("#notes", Checkbox).value = True
        dialog.query_one("#path", Input).value = str(tmp_path / "notes.md")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is screen)
    text = (tmp_path / "notes.md").read_text(encoding="utf-8")
    section = text.split("## Notes on the expressions of interest", 1)[1]
    assert "| Fiji | Wants the \\[bold\\]toolkit\\[/\\] in May |" in section
