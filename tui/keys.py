"""The key table: one list that makes the bindings, the help screen, the palette and docs/keys.md.

Keeping every key in one place is what lets a test prove docs/keys.md matches the app.
"""

from __future__ import annotations

from msgspec import Struct
from textual.binding import Binding, BindingType

SCOPES: dict[str, str] = {
    "app": "Everywhere",
    "capture": "Capture screen",
    "input": "Country input (capture screen)",
    "interests": "Interest list (capture screen)",
    "board": "Board",
    "followup": "Follow-up screen",
    "history": "Follow-up history",
    "dialog": "Dialogs",
    "workshop": "Workshop details dialog",
    "confirm": "Confirmation",
    "network": "Network screen",
    "help": "Help screen",
    "conflicts": "Conflicts (f8)",
    "chat": "Chat review (f9)",
    "review": "Import review (f10)",
}


class Key(Struct, frozen=True):
    """One row of the key table; ``action`` empty means a widget handles the key itself."""

    scope: str
    keys: str
    action: str
    description: str
    help: str
    show: bool = True
    priority: bool = False
    palette: bool = True
    group: str = ""
    key_display: str | None = None

    @property
    def writes(self) -> bool:
        """The key changes the workshop: a read-only window leaves it out of its footer, its
        palette and its help."""
        return self.scope in _WRITING_SCOPES or self.action.split("(")[0] in WRITING_ACTIONS

    @property
    def id(self) -> str:
        return f"matchdesk.{self.scope}.{self.action or self.description.lower()}"


_GROUPS: dict[str, Binding.Group] = {
    "presentation": Binding.Group("Presentation", compact=True),
    "undo": Binding.Group("Undo/redo", compact=True),
    "stages": Binding.Group("Stage", compact=True),
}

# What a read-only window does not offer (``Key.writes``): these actions, and every key of
# the country input and the interest list (they record, withdraw, switch and annotate).
WRITING_ACTIONS = frozenset(
    {
        "undo",
        "redo",
        "retry_save",
        "save_as",
        "merge_files",
        "channel",
        "cycle_channel",
        "new_presentation",
        "edit_presentation",
        "remove_presentation",
        "move_presentation",
        "workshop_details",
        "toggle_input",
        "withdraw",
        "edit_note",
        # the follow-up screen's actions (marking only serves them)
        "advance",
        "set_stage",
        "note",
        "owner",
        "next_action",
        "contacts",
        "toggle_mark",
        "mark_all",
        "pick",
    }
)
_WRITING_SCOPES = frozenset({"input", "interests"})


def writes(action: str) -> bool:
    """Whether ``action`` (as a binding names it: ``move_presentation(1)``) changes the file."""
    return action.split("(")[0].rsplit(".", 1)[-1] in WRITING_ACTIONS


# When the footer is too narrow for every key, these actions leave it first, in this order;
# they stay in help (f1) and the command palette (ctrl+p). The others always stay.
FOOTER_FIRST_TO_GO: tuple[str, ...] = (
    "followup",
    "export",
    "workshop_details",
    "edit_presentation",
    "new_presentation",
    "board",
    "command_palette",
    # the follow-up screen (at 60 columns: advance, stage, back, quit, undo/redo, help stay)
    "next_action",
    "owner",
    "filters",
    "history",
    "group(-1)",
    "group(1)",
    "note",
    "toggle_mark",
    "help",  # last: below 80 columns the channel keys matter more while capturing
)

KEYS: tuple[Key, ...] = (
    Key(
        "app",
        "ctrl+q",
        "quit",
        "Quit",
        "Quit matchdesk (every acknowledged entry is already saved; asks first when some "
        "entries are not saved yet).",
        priority=True,
    ),
    Key(
        "app",
        "ctrl+z",
        "undo",
        "Undo",
        "Undo the last change made in this session.",
        priority=True,
        group="undo",
    ),
    Key(
        "app", "ctrl+y", "redo", "Redo", "Redo the change just undone.", priority=True, group="undo"
    ),
    Key("app", "f1", "help", "Help", "Show this key table."),
    Key(
        "app",
        "f12",
        "read_totals",
        "Read totals",
        "Put the terminal cursor on the totals line, for a screen reader or braille display "
        "(the next key puts it back).",
        show=False,
    ),
    Key(
        "app",
        "f5",
        "retry_save",
        "Retry",
        "Retry saving the entries the disk refused (also retried every 2 seconds).",
        show=False,
    ),
    Key(
        "app",
        "f6",
        "save_as",
        "Save as",
        "Save to another file: continue the workshop in a new file when this disk is full, "
        "read-only or gone.",
        show=False,
    ),
    Key(
        "app",
        "f7",
        "merge_files",
        "Merge",
        "Merge other laptops' files of this workshop into this one, and read what the merge "
        "did (ctrl+z undoes it).",
        show=False,
    ),
    Key(
        "app",
        "f8",
        "conflicts",
        "Conflicts",
        "List the fields two laptops changed differently, and keep one value of each.",
        show=False,
    ),
    Key(
        "app",
        "ctrl+p",
        "command_palette",
        "Commands",
        "Open the command palette: every action by name.",
        palette=False,
    ),
    Key(
        "input",
        "enter",
        "",
        "Record",
        "Record the country the preview names (→ line) for the highlighted presentation "
        "(several at once: kaz, tha, phl). A number such as 7 jumps to presentation 7.",
        palette=False,
    ),
    Key(
        "input",
        "up",
        "screen.previous_presentation",
        "Previous",
        "Highlight the previous presentation (the input keeps focus).",
        group="presentation",
        key_display="↑",
    ),
    Key(
        "input",
        "down",
        "screen.next_presentation",
        "Next",
        "Highlight the next presentation (the input keeps focus).",
        group="presentation",
        key_display="↓",
    ),
    Key(
        "input",
        "pageup",
        "screen.page_presentations(-1)",
        "Page up",
        "Highlight the presentation a page above.",
        show=False,
        palette=False,
    ),
    Key(
        "input",
        "pagedown",
        "screen.page_presentations(1)",
        "Page down",
        "Highlight the presentation a page below.",
        show=False,
        palette=False,
    ),
    Key(
        "capture",
        "ctrl+t",
        "channel('in_room')",
        "Room",
        "New entries are in the room (the default unless the workshop is online).",
    ),
    Key(
        "capture",
        "ctrl+o",
        "channel('online')",
        "Online",
        "New entries are online (the default when the workshop is online).",
    ),
    Key(
        "capture",
        "ctrl+n",
        "new_presentation",
        "New",
        "Register a new presentation (title, presenting country, presenter, theme).",
    ),
    Key("capture", "f2", "edit_presentation", "Edit", "Edit the highlighted presentation."),
    Key(
        "capture",
        "ctrl+r",
        "remove_presentation",
        "Remove",
        "Remove the highlighted presentation (asks first; undo brings it back).",
        show=False,
    ),
    Key(
        "capture",
        "alt+up",
        "move_presentation(-1)",
        "Earlier",
        "Move the highlighted presentation one place earlier in the agenda.",
        show=False,
    ),
    Key(
        "capture",
        "alt+down",
        "move_presentation(1)",
        "Later",
        "Move the highlighted presentation one place later in the agenda.",
        show=False,
    ),
    Key("capture", "ctrl+g", "goto", "Go to", "Jump to a presentation by its number.", show=False),
    Key(
        "capture",
        "f3",
        "workshop_details",
        "Workshop",
        "Edit the workshop details and attendance.",
    ),
    Key("capture", "ctrl+l", "board", "Board", "Show the big-screen board for the projector."),
    Key(
        "capture",
        "ctrl+f",
        "followup",
        "Follow-up",
        "Open the follow-up: every possibility for partnership by stage, owner and due date.",
    ),
    Key(
        "capture",
        "f9",
        "chat",
        "Chat",
        "Review the video call's chat: its proposed online interests, one key each.",
        show=False,
    ),
    Key(
        "capture",
        "f4",
        "network",
        "Network",
        "Open the network view: every workshop file in this workshop's folder, in one picture.",
        show=False,
    ),
    Key(
        "capture",
        "f10",
        "import_file",
        "Import",
        "Import presentations and interests from a .csv, .xlsx or matchdesk .json file; names "
        "that are no country are reviewed before anything is written.",
        show=False,
    ),
    Key(
        "capture",
        "ctrl+s",
        "export",
        "Export",
        "Export the results (Word, Excel, Markdown, CSV, JSON).",
    ),
    Key(
        "capture",
        "escape",
        "focus_input",
        "Input",
        "Put the cursor back in the country input.",
        show=False,
    ),
    Key(
        "capture",
        "tab",
        "",
        "Next field",
        "Move between the country input, the presentations and the interests.",
        palette=False,
    ),
    Key(
        "interests",
        "delete,backspace",
        "withdraw",
        "Withdraw",
        "Withdraw the selected interest (undo brings it back).",
        key_display="del",
    ),
    Key(
        "interests",
        "c",
        "cycle_channel",
        "Channel",
        "Switch the selected interest between in the room and online.",
    ),
    Key("interests", "n", "edit_note", "Note", "Write a note on the selected interest."),
    Key(
        "board",
        "h",
        "toggle_numbers",
        "Hide/reveal",
        "Hide the numbers (totals, count, newest name) so early counts don't sway the room; "
        "again hides the names too; a third time reveals everything.",
    ),
    Key(
        "board", "escape,ctrl+l", "close", "Back", "Back to the capture screen.", key_display="esc"
    ),
    Key(
        "board",
        "tab",
        "toggle_input",
        "Input",
        "In the app: put the cursor in the country input under the board, or take it out (then "
        "h hides the numbers). Typed there, ↑/↓ move the presentation shown.",
    ),
    Key(
        "board",
        "ctrl+t",
        "channel('in_room')",
        "Room",
        "In the app: the entries typed under the board are in the room.",
    ),
    Key(
        "board",
        "ctrl+o",
        "channel('online')",
        "Online",
        "In the app: the entries typed under the board are online.",
    ),
    Key(
        "followup",
        "up,down",
        "",
        "Move",
        "Move the highlight through the possibilities (pageup, pagedown, home and end jump).",
        palette=False,
    ),
    Key(
        "followup",
        "space",
        "toggle_mark",
        "Mark",
        "Mark or unmark the highlighted possibility and move down (space three times marks "
        "three in a row); the next action applies to the marked ones, then clears the marks.",
    ),
    Key(
        "followup",
        "asterisk",
        "mark_all",
        "Mark all",
        "Mark every possibility shown; when some are marked, unmark them all.",
        show=False,
        key_display="*",
    ),
    Key(
        "followup",
        "left",
        "group(-1)",
        "Previous",
        "Show the previous stage group (all, each stage, closed).",
        group="stages",
        key_display="←",
    ),
    Key(
        "followup",
        "right",
        "group(1)",
        "Next",
        "Show the next stage group.",
        group="stages",
        key_display="→",
    ),
    Key(
        "followup",
        "a",
        "advance",
        "Advance",
        "Move the marked (or highlighted) possibilities one stage on.",
    ),
    Key(
        "followup",
        "s",
        "set_stage",
        "Stage",
        "Set the stage of the marked (or highlighted) possibilities, or close them with an "
        "outcome.",
    ),
    Key("followup", "n", "note", "Note", "Write a dated note on the marked (or highlighted) ones."),
    Key("followup", "o", "owner", "Owner", "Set who in the secretariat follows them up."),
    Key("followup", "d", "next_action", "Next action", "Set the next action and its due date."),
    Key(
        "followup",
        "c",
        "contacts",
        "Contacts",
        "Set the contacts on both sides (free text).",
        show=False,
    ),
    Key(
        "followup",
        "enter",
        "history",
        "History",
        "Show the highlighted possibility's whole history.",
    ),
    Key(
        "followup",
        "f",
        "filters",
        "Filter",
        "Filter by presenting country, interested country, presentation, owner, overdue, stale.",
    ),
    Key("followup", "r", "reset_filters", "Reset", "Clear the filters.", show=False),
    Key(
        "followup",
        "escape,ctrl+f",
        "close",
        "Back",
        "Back to the capture screen.",
        key_display="esc",
    ),
    Key("history", "escape,enter", "close", "Close", "Close the history.", key_display="esc"),
    Key("dialog", "ctrl+s", "save", "Save", "Save the dialog (Enter in its last field too)."),
    Key("dialog", "escape", "cancel", "Cancel", "Close the dialog without saving."),
    Key(
        "dialog",
        "tab",
        "next_field",
        "Next field",
        "Move to the next field; what is typed after Tab lands there, however fast.",
        show=False,
        priority=True,
        palette=False,
    ),
    Key(
        "dialog",
        "shift+tab",
        "previous_field",
        "Previous field",
        "Move to the previous field.",
        show=False,
        priority=True,
        palette=False,
    ),
    Key(
        "workshop",
        "plus,up",
        "bump(1)",
        "+1",
        "In an attendance field: one more person.",
        key_display="+",
        priority=True,  # before the field types it (a head count takes digits only)
    ),
    Key(
        "workshop",
        "minus,down",
        "bump(-1)",
        "-1",
        "In an attendance field: one person fewer.",
        key_display="-",
        priority=True,
    ),
    Key("confirm", "y", "answer(True)", "Yes", "Confirm."),
    Key("confirm", "n,escape", "answer(False)", "No", "Decline.", key_display="n"),
    Key("help", "escape,f1", "close", "Close", "Close the help screen.", key_display="esc"),
    Key(
        "conflicts",
        "enter",
        "pick",
        "Keep",
        "Keep the highlighted value; the other laptop's value is dropped (ctrl+z brings it back).",
        priority=True,
    ),
    Key(
        "conflicts", "escape,f8", "close", "Back", "Back to the capture screen.", key_display="esc"
    ),
    *(
        Key(
            "review",
            str(n),
            f"pick({n - 1})",
            f"Pick {n}",
            f"File the highlighted name under its suggestion {n}.",
            show=n == 1,
        )
        for n in (1, 2, 3)
    ),
    Key(
        "review",
        "c",
        "make_custom",
        "Custom",
        "Accept the highlighted name as a custom country, on purpose (a region, a body).",
    ),
    *(
        Key("network", str(n), f"show_tab('{tab}')", title, what, show=False)
        for n, (tab, title, what) in enumerate(
            (
                ("workshops", "Workshops", "Show the workshops, each year and all of them."),
                ("countries", "Countries", "Show what each country offered, asked for, received."),
                ("regions", "Regions", "Show the region matrix (presenting -> interested)."),
                ("matches", "Matches", "Show the practice matches waiting for a decision."),
            ),
            1,
        )
    ),
    Key(
        "network",
        "s",
        "cycle_sort",
        "Sort",
        "Sort the countries by practices offered, interest expressed (asked) or received.",
    ),
    Key(
        "network",
        "g",
        "toggle_regions",
        "Sub-regions",
        "Switch the region matrix between UN M49 regions and sub-regions.",
    ),
    Key(
        "network",
        "y",
        "decide(True)",
        "Same",
        "Link the highlighted match as one practice (recorded in the network file).",
    ),
    Key(
        "network",
        "n",
        "decide(False)",
        "Different",
        "Keep the highlighted match apart as two practices (recorded; not suggested again).",
    ),
    Key("network", "escape", "close", "Back", "Back to the capture screen.", key_display="esc"),
    Key(
        "chat",
        "enter",
        "accept",
        "Accept",
        "Accept the highlighted proposal: an online interest at the message's time, noted "
        "with the message (ctrl+z takes it back).",
    ),
    Key("chat", "n", "reject", "Reject", "Reject the highlighted proposal (remembered)."),
    Key("chat", "e", "edit", "Edit", "Change the highlighted proposal's presentation or country."),
    Key(
        "chat",
        "a",
        "accept_sure",
        "Accept sure",
        "Accept every new proposal whose presentation and country the message itself names.",
    ),
    Key(
        "chat",
        "r",
        "toggle_reactions",
        "Reactions",
        "Count reactions (a thumbs-up on a message) as a +1 from the reactor's country, or stop "
        "counting them (off at first).",
        show=False,
    ),
    Key("chat", "escape,f9", "close", "Back", "Back to the capture screen.", key_display="esc"),
)


def keys_for(scope: str) -> list[Key]:
    return [key for key in KEYS if key.scope == scope]


def bindings(scope: str) -> list[BindingType]:
    """The Textual bindings of one scope (rows without an action are documentation only)."""
    return [
        Binding(
            key.keys,
            key.action,
            key.description,
            show=key.show,
            priority=key.priority,
            id=key.id,
            tooltip=key.help,
            key_display=key.key_display,
            group=_GROUPS.get(key.group),
        )
        for key in keys_for(scope)
        if key.action
    ]


def pretty_keys(keys: str) -> str:
    """``delete,backspace`` -> ``delete / backspace``."""
    return " / ".join(keys.split(","))


def keys_markdown() -> str:
    """The key table as Markdown (docs/keys.md, which the README links)."""
    lines = [
        "<!-- Generated from tui/keys.py; tests/tui/test_keys.py checks it. -->",
        "",
        "| Where | Keys | What it does |",
        "| --- | --- | --- |",
    ]
    for key in KEYS:
        keys = " / ".join(f"`{k}`" for k in key.keys.split(","))
        lines.append(f"| {SCOPES[key.scope]} | {keys} | {key.help} |")
    return "\n".join(lines) + "\n"
