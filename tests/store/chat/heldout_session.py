"""A second chat, written after the rules were set and never tuned on: their honest test.

Other delegations, other phrasings ("keen to learn", "хотела бы узнать", "practice 7 and 8",
"Sri Lanka: 9, 10"), each message with what a person would record;
tests/store/chat/test_proposals.py prints the precision and recall on it as they are.
"""

from __future__ import annotations

MESSAGES: tuple[tuple[str, str, str, tuple[tuple[int, str], ...]], ...] = (
    ("10:34:00", "Host", "▶ Now: practice 1, access to public services", ()),
    (
        "10:35:00",
        "Delegation of Mongolia",
        "Mongolia would be keen to learn about this",
        ((1, "MNG"),),
    ),
    ("10:35:30", "Sergei (Belarus)", "Беларусь хотела бы узнать больше", ((1, "BLR"),)),
    ("10:36:00", "Ana Cruz (Philippines)", "Count the Philippines in for #1 please", ((1, "PHL"),)),
    ("10:36:30", "Juan", "Hola, ¿se puede compartir la presentación?", ()),
    ("10:37:00", "Juan", "Perú está interesado en esta práctica", ((1, "PER"),)),
    ("10:38:00", "Host", "next: Rapid Digitization", ()),
    ("10:39:00", "Kamal (Sri Lanka)", "Sri Lanka keen on rapid digitization!!", ((2, "LKA"),)),
    ("10:39:30", "Marie", "Le Sénégal souhaite en savoir plus sur la pratique 2", ((2, "SEN"),)),
    ("10:40:00", "Kamal (Sri Lanka)", "what tools did you use?", ()),
    ("10:40:30", "Olga (Uzbekistan)", "Узбекистан +1", ((2, "UZB"),)),
    ("10:41:00", "Juan", "Perú también", ((2, "PER"),)),
    ("10:41:30", "Host", "▶ Now: practice 3, e-governance in Georgia", ()),
    (
        "10:42:00",
        "Delegation of Mongolia",
        "Mongolia as well for Georgia's practice",
        ((3, "MNG"),),
    ),
    ("10:42:30", "Ana Cruz (Philippines)", "great presentation from Georgia", ()),
    ("10:43:00", "Marie", "Sénégal intéressé", ((3, "SEN"),)),
    ("10:43:30", "Sergei (Belarus)", "Интересно, но у нас уже есть похожая система", ()),
    ("10:44:00", "Kamal (Sri Lanka)", "We'd like to adapt this in Sri Lanka", ((3, "LKA"),)),
    ("10:44:30", "Juan", "gracias", ()),
    (
        "10:45:00",
        "Olga (Uzbekistan)",
        "Uzbekistan is interested in practice 7 and 8",
        ((7, "UZB"), (8, "UZB")),
    ),
    ("10:45:30", "Ana Cruz (Philippines)", "Can Philippines join the study visit?", ()),
    ("10:46:00", "Delegation of Mongolia", "Mongolia also wants Project Rangeet", ((7, "MNG"),)),
    ("10:46:30", "Marie", "Merci beaucoup à la Géorgie", ()),
    ("10:47:00", "Sergei (Belarus)", "Belarus withdraws from practice 1, sorry", ()),
    ("10:47:30", "Juan", "Peru interested in telehealth (#6)", ((6, "PER"),)),
    ("10:48:00", "Kamal (Sri Lanka)", "Sri Lanka: 9, 10", ((9, "LKA"), (10, "LKA"))),
    ("10:48:30", "Olga (Uzbekistan)", "Good bye all", ()),
    ("10:49:00", "Marie", "Sénégal pour le CAF aussi", ((4, "SEN"),)),
    ("10:49:30", "Juan", "Perú quisiera aprender del proyecto 5", ((5, "PER"),)),
    ("10:50:00", "Delegation of Mongolia", "Thank you", ()),
)


def zoom_text() -> str:
    lines: list[str] = []
    for time, sender, text, _ in MESSAGES:
        lines += [f"{time} From {sender} to Everyone:", "\t" + text]
    return "\n".join(lines) + "\n"


def truth() -> set[tuple[int, str]]:
    return {pair for *_, pairs in MESSAGES for pair in pairs}
