"""Reading a video call's saved chat: one parser per format, chosen by sniffing the file.

Formats (docs/online-delegates.md): Zoom's local save, older (one line a message) and newer
(a header line, the message on tab-indented lines below), in English, German, French or
Spanish; Zoom's cloud recording chat (times since the recording started); and "Name: message"
lines pasted from any other client. Private messages are dropped here, as they are read: no
later step ever sees them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import time as _time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from matchdesk.store.chat.messages import Kind, Message
from matchdesk.store.errors import InvalidValue
from matchdesk.store.validation import MAX_TEXT, clean_text

MAX_BYTES = 20 * 1024 * 1024  # a day of a busy call's chat is well under 1 MB
SNIFF_LINES = 200

_TIME = r"(?P<time>\d{1,2}:\d{2}:\d{2})"
# "From" and the word before the recipient, by the client's language.
_FROM = r"(?P<from>From|Von|De)"
_CONNECTOR = {"from": r"to", "von": r"an", "de": r"(?:à|a|para)"}
_EVERYONE = re.compile(
    r"^(?:everyone|everyone \(in waiting room\)|all panelists|all panelists and attendees|alle|"
    r"alle teilnehmer|alle diskussionsteilnehmer|tout le monde|tous|todos|todos los "
    r"participantes)$",
    re.IGNORECASE,
)
_RECIPIENT = {
    word: re.compile(rf"^(?P<sender>.+)\s+{connector}\s+(?P<to>.+?)$")
    for word, connector in _CONNECTOR.items()
}
_NEW_HEADER = re.compile(rf"^{_TIME}\s+{_FROM}\s+(?P<rest>.+?)\s*:\s*$")
_OLD_HEADER = re.compile(rf"^{_TIME}\t?\s*{_FROM}\s+(?P<rest>.+?)\s+:\s?(?P<text>.*)$")
_CLOUD_HEADER = re.compile(rf"^{_TIME}\t(?P<sender>[^\t]+?):\t(?P<text>.*)$")
_PASTED_HEADER = re.compile(
    r"^(?:\[?(?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?:\s?[AaPp]\.?[Mm]\.?)?\]?\s+)?"
    r"(?P<sender>[^:\t\n]{1,80}?)\s*:\s+(?P<text>\S.*)$"
)
_REACTED = re.compile(r'^Reacted to ["“](?P<quoted>.*)["”] with (?P<reaction>\S+)\s*$', re.DOTALL)
_REMOVED = re.compile(r"^Removed a .* reaction from ", re.DOTALL)
_REPLYING = re.compile(r'^Replying to ["“](?P<quoted>.*?)["”]:?\s*(?:\n(?P<text>.*))?$', re.DOTALL)
_FOLDER_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


@dataclass(frozen=True)
class Chat:
    """A chat file as read: its messages to everyone, in file order, and how it was read.

    ``timed`` is False when the times are not clock times of the day (a cloud recording's are
    elapsed times; pasted lines may have none), so the session's timeline cannot place them.
    """

    path: str
    format: str
    date: str
    messages: tuple[Message, ...]
    private_dropped: int
    timed: bool


@dataclass
class _Raw:
    line: int
    time: str  # "HH:MM:SS" or ""
    sender: str
    text: str
    private: bool


def _split_recipient(rest: str, word: str) -> tuple[str, bool]:
    """(sender, private) from "Ana Cruz to Everyone" / "Ana to Bob(Direct Message)" / "Ana".

    A recipient that is not everyone makes the message private, with or without a marker such
    as "(Privately)": better one message too few than a private one shown to the room."""
    match = _RECIPIENT[word.casefold()].match(rest.strip())
    if match is None:
        return rest.strip(), False
    if _EVERYONE.match(match["to"].strip()):
        return match["sender"].strip(), False
    return match["sender"].strip(), True


def _messages(
    lines: list[str],
    pattern: re.Pattern[str],
    start: Callable[[int, re.Match[str]], _Raw],
    *,
    indented: bool = False,
) -> Iterator[_Raw]:
    """Every format's messages: a line ``pattern`` matches starts one (``start`` reads its
    header), the lines under it continue it (``indented``: Zoom's tab before each body line,
    which is not part of the text); a line before the first header is refused."""
    current: _Raw | None = None
    for number, line in enumerate(lines, 1):
        header = pattern.match(line)
        if header:
            if current:
                yield current
            current = start(number, header)
        elif current is None:
            if line.strip():
                raise _Unparsed(number)
        elif indented:
            body = line[1:] if line.startswith("\t") else line
            current.text = f"{current.text}\n{body}" if current.text else body
        else:
            current.text = f"{current.text}\n{line}"
    if current:
        yield current


def _parse_new(lines: list[str]) -> Iterator[_Raw]:
    def start(number: int, header: re.Match[str]) -> _Raw:
        sender, private = _split_recipient(header["rest"], header["from"])
        return _Raw(number, header["time"], sender, "", private)

    return _messages(lines, _NEW_HEADER, start, indented=True)


def _parse_old(lines: list[str]) -> Iterator[_Raw]:
    def start(number: int, header: re.Match[str]) -> _Raw:
        sender, private = _split_recipient(header["rest"], header["from"])
        return _Raw(number, header["time"], sender, header["text"], private)

    return _messages(lines, _OLD_HEADER, start)


def _parse_simple(pattern: re.Pattern[str]) -> Callable[[list[str]], Iterator[_Raw]]:
    def start(number: int, header: re.Match[str]) -> _Raw:
        time = header["time"] or ""
        if len(time) in (4, 5):  # "9:41", "10:42": on the minute
            time += ":00"
        return _Raw(number, time, header["sender"].strip(), header["text"], False)

    def parse(lines: list[str]) -> Iterator[_Raw]:
        return _messages(lines, pattern, start)

    return parse


class _Unparsed(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


# name -> (header pattern used to sniff, parser, whether the times are clock times)
FORMATS: dict[str, tuple[re.Pattern[str], Callable[[list[str]], Iterator[_Raw]], bool]] = {
    "zoom": (_NEW_HEADER, _parse_new, True),
    "zoom-classic": (_OLD_HEADER, _parse_old, True),
    "zoom-cloud": (_CLOUD_HEADER, _parse_simple(_CLOUD_HEADER), False),
    "pasted": (_PASTED_HEADER, _parse_simple(_PASTED_HEADER), True),
}


def sniff(lines: list[str]) -> str:
    """The format whose message headers match most of the file's first lines (ties go to
    the more specific format, in ``FORMATS`` order)."""
    sample = [line for line in lines[: SNIFF_LINES * 4] if line.strip()][:SNIFF_LINES]
    best, score = "", 0
    for name, (pattern, _, _) in FORMATS.items():
        hits = sum(1 for line in sample if pattern.match(line))
        if hits > score:
            best, score = name, hits
    return best


def chat_date(path: Path, given: str = "", fallback: str = "") -> str:
    """The chat's date: ``given`` (--date), else the Zoom folder's name ("2021-10-29
    10.02.11 Matchmaking ..."), else ``fallback`` (the workshop's date), else today."""
    for candidate in (given, *(_folder_date(p.name) for p in path.parents[:2]), fallback):
        if candidate:
            try:
                return dt.date.fromisoformat(candidate).isoformat()
            except ValueError:
                if candidate is given:
                    raise InvalidValue(
                        f"The date {given!r} is not a date like 2021-10-29."
                    ) from None
    return dt.date.today().isoformat()


def _folder_date(name: str) -> str:
    match = _FOLDER_DATE.search(name)
    return "-".join(match.groups()) if match else ""


@functools.lru_cache(maxsize=64)
def _midnight(date: str, local: bool) -> int:
    """The chat's day at 00:00 as a UTC epoch second: local midnight where the meeting client
    saved it (or UTC midnight for elapsed times)."""
    day = dt.datetime.fromisoformat(date)
    return int((day.astimezone(dt.UTC) if local else day.replace(tzinfo=dt.UTC)).timestamp())


def _stamp(date: str, time: str, local: bool) -> str:
    """A chat time as a UTC stamp: the clock time on ``date`` in this computer's time zone
    (where the meeting client saved it), or, for elapsed times, as they are."""
    hours, minutes, seconds = (int(part) for part in (time or "0:0:0").split(":"))
    epoch = _midnight(date, local) + hours * 3600 + minutes * 60 + seconds
    return _time.strftime("%Y-%m-%dT%H:%M:%SZ", _time.gmtime(epoch))


def _message(raw: _Raw, date: str, local: bool, path: Path) -> Message:
    text = clean_text(raw.text, multiline=True)
    sender = clean_text(raw.sender)
    if len(text) > MAX_TEXT or len(sender) > 200:
        raise InvalidValue(
            f"{path}, line {raw.line}: a message longer than {MAX_TEXT:,} characters; "
            "nothing was imported."
        )
    kind, quoted, reaction = Kind.MESSAGE, "", ""
    reacted = _REACTED.match(text)
    replying = _REPLYING.match(text)
    if reacted:
        kind, quoted, reaction = Kind.REACTION, reacted["quoted"], reacted["reaction"]
    elif _REMOVED.match(text):
        kind = Kind.REACTION
    elif replying:
        kind, quoted, text = Kind.REPLY, replying["quoted"], (replying["text"] or "").strip()
    return Message(
        time=_stamp(date, raw.time, local),
        sender=sender,
        text=text,
        line=raw.line,
        kind=kind,
        quoted=quoted,
        reaction=reaction,
    )


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The chat file's text: a regular file of at most ``max_bytes``, in UTF-8."""
    if not path.exists():
        raise InvalidValue(f"{path} does not exist.")
    if not path.is_file():
        raise InvalidValue(f"{path} is not a regular file; give the saved chat's .txt file.")
    size = path.stat().st_size
    if size > max_bytes:
        raise InvalidValue(
            f"{path} is {size / 1e6:.1f} MB; a chat file may be at most {max_bytes / 1e6:.0f} MB."
        )
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InvalidValue(f"{path} is larger than {max_bytes / 1e6:.0f} MB.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InvalidValue(
            f"{path}, line {line}: not UTF-8 text; save the chat again as UTF-8."
        ) from None


def parse_chat(text: str, path: Path, date: str) -> Chat:
    """The messages to everyone in ``text``; refuses a text in no known format, naming the
    first line that did not read."""
    lines = text.splitlines()
    name = sniff(lines)
    if not name:
        first = next((n for n, line in enumerate(lines, 1) if line.strip()), 0)
        if not first:
            raise InvalidValue(f"{path} is empty: no chat messages in it.")
        raise InvalidValue(
            f"{path}, line {first}: not a chat message in any format matchdesk reads "
            "(Zoom's saved chat, or Name: message lines)."
        )
    _, parser, timed = FORMATS[name]
    messages: list[Message] = []
    private = 0
    clocked = False
    seen: dict[tuple[str, str, str], int] = {}
    try:
        for raw in parser(lines):
            if raw.private:
                private += 1
                continue
            clocked = clocked or bool(raw.time)
            message = _message(raw, date, timed and bool(raw.time), path)
            identity = (message.time, message.sender, message.text)
            occurrence = seen.get(identity, 0)
            seen[identity] = occurrence + 1
            if occurrence:
                message = Message(**{**message.__dict__, "occurrence": occurrence})
            messages.append(message)
    except _Unparsed as unparsed:
        raise InvalidValue(
            f"{path}, line {unparsed.line}: not a chat message in the {name} format the file "
            "starts in; nothing was imported."
        ) from None
    return Chat(str(path), name, date, tuple(messages), private, timed and clocked)


def read_chat(
    path: str | Path, *, date: str = "", fallback_date: str = "", max_bytes: int = MAX_BYTES
) -> Chat:
    """Read, sniff and parse one chat file (see the module docstring)."""
    path = Path(path).expanduser()
    text = read_text(path, max_bytes)
    return parse_chat(text, path, chat_date(path.absolute(), date, fallback_date))
