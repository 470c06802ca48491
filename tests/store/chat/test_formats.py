"""Each chat format, sniffed and read: multi-line messages, emoji, right-to-left text, replies,
reactions; private messages never read; files in no format refused naming the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from matchdesk.store.chat import Kind, read_chat
from matchdesk.store.errors import InvalidValue

RTL = "مهتمون بالممارسة 3 — مصر"


def write(tmp_path: Path, text: str, name: str = "chat.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_zoom_newer_format(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "09:21:08 From Ana Cruz (Philippines) to Everyone:\n"
        "\tinterested in practice 3\n\tand #4 too 😀\n"
        "09:22:10 From Ana Cruz (Philippines) to Bob Li(Direct Message):\n\tmy secret plan\n"
        '09:23:00 From Bob Li to Everyone:\n\tReacted to "interested in practice 3" with 👍\n'
        '09:24:00 From Bob Li to Everyone:\n\tReplying to "interested in practice 3"\n\tsame\n'
        f"09:25:00 From Omar to Everyone:\n\t{RTL}\n",
    )
    chat = read_chat(path, date="2021-10-29")
    assert chat.format == "zoom" and chat.private_dropped == 1
    texts = [m.text for m in chat.messages]
    assert texts[0] == "interested in practice 3\nand #4 too 😀"
    assert not any("secret" in t for t in texts)
    assert chat.messages[1].kind == Kind.REACTION and chat.messages[1].reaction == "👍"
    assert chat.messages[2].kind == Kind.REPLY and chat.messages[2].text == "same"
    assert chat.messages[2].quoted == "interested in practice 3"
    assert chat.messages[3].text == RTL
    assert chat.messages[0].time.startswith("2021-10-29T")


def test_zoom_classic_format_and_german(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "12:45:05\t From  Ana Cruz (Philippines) : interested in practice 3\n"
        "second line of it\n"
        "12:46:00\t From  Ana Cruz  to  Bob(Privately) : do not tell\n"
        "12:47:00\t From  Bob to Everyone : Nepal +1\n",
    )
    chat = read_chat(path, date="2021-10-29")
    assert chat.format == "zoom-classic"
    assert [m.sender for m in chat.messages] == ["Ana Cruz (Philippines)", "Bob"]
    assert chat.messages[0].text == "interested in practice 3\nsecond line of it"
    german = write(
        tmp_path,
        "09:21:08 Von Anna Weber an Alle:\n\tDeutschland interessiert an #2\n"
        "09:22:00 Von Anna Weber an Jan(Direktnachricht):\n\tgeheim\n",
        "de.txt",
    )
    chat = read_chat(german, date="2021-10-29")
    assert [m.text for m in chat.messages] == ["Deutschland interessiert an #2"]
    assert chat.private_dropped == 1


def test_cloud_recording_and_pasted(tmp_path: Path) -> None:
    cloud = write(tmp_path, "00:58:04\tAna Cruz:\tinterested in practice 3\n", "cloud.txt")
    chat = read_chat(cloud, date="2021-10-29")
    assert chat.format == "zoom-cloud" and not chat.timed
    pasted = write(
        tmp_path,
        "Ana Cruz: Philippines interested in #3\nand in #4\n[10:42] Olga: Россия тоже\n",
        "pasted.txt",
    )
    chat = read_chat(pasted, date="2021-10-29")
    assert chat.format == "pasted"
    assert [(m.sender, m.text) for m in chat.messages] == [
        ("Ana Cruz", "Philippines interested in #3\nand in #4"),
        ("Olga", "Россия тоже"),
    ]


def test_date_from_zoom_folder(tmp_path: Path) -> None:
    folder = tmp_path / "2021-10-29 10.02.11 Matchmaking Workshop 81234567890"
    folder.mkdir()
    path = write(folder, "10:30:00 From Ana to Everyone:\n\thello\n", "meeting_saved_chat.txt")
    assert read_chat(path, fallback_date="2020-01-01").date == "2021-10-29"
    assert read_chat(path, date="2021-11-02").date == "2021-11-02"


def test_control_characters_stripped(tmp_path: Path) -> None:
    path = write(tmp_path, "10:30:00 From Ana\x1b[31m to Everyone:\n\tred\x1b]0;x\x07 text\n")
    message = read_chat(path, date="2021-10-29").messages[0]
    assert "\x1b" not in message.text + message.sender and "\x07" not in message.text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("just some notes\nwithout any chat\n", "line 1"),
        ("10:30:00 From Ana to Everyone:\n\thi\n", ""),
        ("", "empty"),
    ],
)
def test_unknown_format_refused_naming_the_line(tmp_path: Path, text: str, words: str) -> None:
    path = write(tmp_path, text)
    if not words:
        assert read_chat(path, date="2021-10-29").messages
        return
    with pytest.raises(InvalidValue, match=words):
        read_chat(path, date="2021-10-29")


def test_limits(tmp_path: Path) -> None:
    with pytest.raises(InvalidValue, match="not a regular file"):
        read_chat(tmp_path)
    big = write(tmp_path, "10:30:00 From Ana to Everyone:\n\t" + "x" * 2000 + "\n")
    with pytest.raises(InvalidValue, match="at most"):
        read_chat(big, date="2021-10-29", max_bytes=1000)
    long = write(tmp_path, "10:30:00 From Ana to Everyone:\n\t" + "x" * 10_001 + "\n")
    with pytest.raises(InvalidValue, match="line 1"):
        read_chat(long, date="2021-10-29")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("10:30:00 From Ana to Everyone:\n\tJosé\n".encode("latin-1"))
    with pytest.raises(InvalidValue, match="line 2: not UTF-8"):
        read_chat(latin, date="2021-10-29")


def test_zoom_in_french_and_spanish(tmp_path: Path) -> None:
    french = write(
        tmp_path,
        "10:02:00 De Pierre Dubois à Tout le monde:\n\tLa France est intéressée par #4\n"
        "10:03:00 De Pierre Dubois à Ana(Message direct):\n\tconfidentiel\n",
        "fr.txt",
    )
    chat = read_chat(french, date="2021-10-29")
    assert [(m.sender, m.text) for m in chat.messages] == [
        ("Pierre Dubois", "La France est intéressée par #4")
    ]
    spanish = write(
        tmp_path,
        "10:02:00 De María López a Todos:\n\tCosta Rica interesada en la práctica 5\n",
        "es.txt",
    )
    assert read_chat(spanish, date="2021-10-29").messages[0].sender == "María López"
