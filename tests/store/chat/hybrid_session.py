"""A realistic hybrid session's chat, written for the tests, with what a person would record.

The Astana agenda (10 presentations); delegates online write in English, French, Russian and
Spanish: greetings, questions, typos, codes, numbers, countries in their display names,
replies, reactions, private messages. Each message carries the interests a facilitator
reading it would record ((agenda number, alpha-3 code)); ``zoom_text`` writes it as Zoom's
newer local save.
"""

from __future__ import annotations

A = "Ana Cruz (Philippines)"
S = "Somchai P. | Office of the Civil Service Commission, Thailand"
K = "KAZ - Aigerim Bekova"
I = "Иван Петров"  # noqa: E741 (Russia: says so in his greeting)
R = "Ram Sharma"  # Nepal: says so in his greeting
P = "Pierre Dubois"  # France: writes "La France"
M = "María López (Costa Rica)"
C = "Carlos Ruiz"  # Ecuador: names it in his messages
B = "Amra H. (Bosnia and Herzegovina)"
D = "Deepak (India)"
U = "Olena (Carpathian Ukraine)"
N = "Nino Beridze (Georgia)"  # presenter of practice 3
H = "Host - SSN4PSI"
G = "Guest 12"
EVERYONE = "Everyone"

# (time, sender, recipient, text, interests a person would record)
Entry = tuple[str, str, str, str, tuple[tuple[int, str], ...]]
MESSAGES: tuple[Entry, ...] = (
    ("10:30:02", H, EVERYONE, "Welcome everyone to the matchmaking workshop!", ()),
    ("10:30:20", A, EVERYONE, "Good morning from Manila! 🇵🇭", ()),
    ("10:30:41", P, EVERYONE, "Bonjour à tous depuis Paris", ()),
    ("10:30:55", I, EVERYONE, "Здравствуйте, коллеги! Иван из России", ()),
    ("10:31:10", M, EVERYONE, "Hola a todos desde San José 👋", ()),
    ("10:31:30", R, EVERYONE, "Namaste from Nepal!", ()),
    ("10:31:44", G, EVERYONE, "Can you hear me?", ()),
    ("10:32:00", H, EVERYONE, "Please write your country and the practice number in the chat.", ()),
    ("10:32:30", C, EVERYONE, "Buenos días, Carlos de Ecuador", ()),
    ("10:33:00", U, EVERYONE, "Hello from Uzhhorod", ()),
    ("10:33:20", S, H, "Can I present my question later?", ()),
    (
        "10:34:00",
        H,
        EVERYONE,
        "▶ Practice 1 — Measures Taken Towards Ensuring Access to Public Services",
        (),
    ),
    ("10:36:10", A, EVERYONE, "Philippines is interested in practice 1", ((1, "PHL"),)),
    ("10:36:40", S, EVERYONE, "Thailand also interested in #1", ((1, "THA"),)),
    ("10:37:05", G, EVERYONE, "Is the presentation available in Russian?", ()),
    ("10:37:30", I, EVERYONE, "Очень интересно, спасибо!", ()),
    ("10:38:00", K, EVERYONE, "Thank you all for the interest in our practice", ()),
    ("10:38:30", A, I, "Ivan, can we talk after the session?", ()),
    ("10:39:10", D, EVERYONE, "Where can we download the slides?", ()),
    ("10:40:00", H, EVERYONE, "▶ Practice 2 — Rapid Digitization (Bangladesh)", ()),
    ("10:42:00", A, EVERYONE, "Philipines interested in #2", ((2, "PHL"),)),
    ("10:42:20", S, EVERYONE, 'Reacted to "Philipines interested in #2" with 👍', ()),
    (
        "10:42:40",
        S,
        EVERYONE,
        'Replying to "Philipines interested in #2"\nThailand too',
        ((2, "THA"),),
    ),
    ("10:43:00", K, EVERYONE, "KAZ +1 for Rapid Digitization", ((2, "KAZ"),)),
    ("10:43:30", I, EVERYONE, "Россия: проект 2, интересует", ((2, "RUS"),)),
    (
        "10:44:00",
        U,
        EVERYONE,
        "Carpathian Ukraine interested in practice 2",
        ((2, "X-CARPATHIAN-UKRAINE"),),
    ),
    ("10:44:30", G, EVERYONE, "sorry I dropped, what number is this?", ()),
    ("10:45:00", H, EVERYONE, "This is practice 2, Rapid Digitization", ()),
    ("10:45:40", M, EVERYONE, "Muy buena presentación, felicidades a Bangladesh", ()),
    ("10:46:10", C, G, "¿Tienes el enlace de la grabación?", ()),
    ("10:47:00", D, EVERYONE, "Audio is breaking up a bit", ()),
    (
        "10:50:00",
        H,
        EVERYONE,
        "▶ Practice 3 — Fostering e-governance in service delivery (Georgia)",
        (),
    ),
    ("10:52:00", P, EVERYONE, "La France est intéressée par la pratique 3", ((3, "FRA"),)),
    ("10:52:20", K, EVERYONE, "Kazakhstan interested in e-governance practice", ((3, "KAZ"),)),
    ("10:52:50", R, EVERYONE, "+1 from Nepal for e-governance", ((3, "NPL"),)),
    ("10:53:10", S, EVERYONE, "Thailand #3", ((3, "THA"),)),
    ("10:53:30", A, EVERYONE, "We are interested too", ((3, "PHL"),)),
    (
        "10:54:00",
        N,
        EVERYONE,
        "Thank you all for your interest! Happy to share our experience.",
        (),
    ),
    ("10:54:20", M, EVERYONE, "Thank you Georgia!", ()),
    ("10:54:40", I, EVERYONE, "Спасибо, Грузия!", ()),
    ("10:55:00", G, EVERYONE, "What platform do you use for the e-services?", ()),
    ("10:55:30", N, EVERYONE, "We use our own platform, my.gov.ge", ()),
    ("10:56:00", B, EVERYONE, "Great presentation, congratulations", ()),
    ("10:56:30", R, H, "I have a question for the presenter privately", ()),
    ("10:57:00", D, EVERYONE, "India would like to learn more about #3 as well", ((3, "IND"),)),
    (
        "11:00:00",
        H,
        EVERYONE,
        "▶ Practice 4 — Common Assessment Framework as TQM tool (Bosnia and Herzegovina)",
        (),
    ),
    ("11:02:00", P, EVERYONE, "France: intéressés par le CAF", ((4, "FRA"),)),
    ("11:02:30", B, EVERYONE, "Thank you! The CAF is used in 40 institutions now", ()),
    ("11:03:00", K, EVERYONE, "Kazakhstan interested in practice 4", ((4, "KAZ"),)),
    (
        "11:03:30",
        U,
        EVERYONE,
        "Carpathian Ukraine is interested in CAF",
        ((4, "X-CARPATHIAN-UKRAINE"),),
    ),
    ("11:04:00", G, EVERYONE, "How long did it take to implement?", ()),
    ("11:04:20", B, EVERYONE, "About two years in the pilot institutions", ()),
    ("11:05:00", M, EVERYONE, "Me parece muy interesante", ()),
    ("11:05:30", C, EVERYONE, "Ecuador interesado en la práctica 4", ((4, "ECU"),)),
    ("11:06:00", A, C, "Carlos, saludos!", ()),
    ("11:06:30", D, EVERYONE, "Slides please", ()),
    ("11:07:00", S, EVERYONE, "Merci!", ()),
    ("11:10:00", H, EVERYONE, "▶ Practice 5 — Lagos State Employment Trust Fund (Nigeria)", ()),
    ("11:12:00", K, EVERYONE, "Kazakhstan +1 practice 5", ((5, "KAZ"),)),
    ("11:12:30", I, EVERYONE, "Россия заинтересована в практике 5", ((5, "RUS"),)),
    ("11:13:00", M, EVERYONE, "Costa Rica está interesada en la práctica 5", ((5, "CRI"),)),
    ("11:13:20", G, EVERYONE, "What is the size of the fund?", ()),
    ("11:13:40", H, EVERYONE, "The presenter will answer questions at the end", ()),
    ("11:14:00", C, EVERYONE, "Ecuador también", ((5, "ECU"),)),
    ("11:14:30", R, EVERYONE, "Very inspiring work from Lagos", ()),
    ("11:15:00", A, EVERYONE, "Is there a report on the trust fund?", ()),
    ("11:15:30", D, EVERYONE, "my connection is unstable, sorry", ()),
    ("11:16:00", P, EVERYONE, "Merci pour cette présentation", ()),
    ("11:16:20", B, P, "Pierre, je vous écris après", ()),
    ("11:20:00", H, EVERYONE, "▶ Practice 6 — Nation wise Telehealth Services (Bangladesh)", ()),
    ("11:22:00", K, EVERYONE, "Kazakhstan interested in telehealth", ((6, "KAZ"),)),
    ("11:22:30", U, EVERYONE, "Carpathian Ukraine too, #6", ((6, "X-CARPATHIAN-UKRAINE"),)),
    ("11:23:00", G, EVERYONE, "Does it work in rural areas?", ()),
    ("11:23:30", S, EVERYONE, "good question", ()),
    ("11:24:00", M, EVERYONE, "¿La línea funciona 24 horas?", ()),
    ("11:24:30", H, EVERYONE, "Yes, 24/7 according to the presenter", ()),
    ("11:25:00", C, EVERYONE, "Excelente", ()),
    ("11:25:30", R, EVERYONE, "We are following with interest", ()),
    ("11:26:00", D, EVERYONE, "👏👏👏", ()),
    ("11:26:30", A, EVERYONE, "Thanks Bangladesh", ()),
    ("11:30:00", H, EVERYONE, "▶ Practice 7 — Project Rangeet (India)", ()),
    ("11:32:00", I, EVERYONE, "Казахстан: проект 7", ((7, "KAZ"),)),
    ("11:32:10", K, EVERYONE, "Ivan, thanks for writing it for us 🙂", ()),
    ("11:32:40", S, EVERYONE, "THA interested in Project Rangeet", ((7, "THA"),)),
    ("11:33:00", I, EVERYONE, "Россия тоже интересуется проектом 7", ((7, "RUS"),)),
    ("11:33:30", B, EVERYONE, "Bosnia and Herzegovina interested in Rangeet", ((7, "BIH"),)),
    ("11:34:00", D, EVERYONE, "Thank you for the interest in Rangeet!", ()),
    ("11:34:30", G, EVERYONE, "Which age groups does it cover?", ()),
    ("11:35:00", D, EVERYONE, "Grades 1 to 8", ()),
    ("11:35:30", P, EVERYONE, "Très intéressant", ()),
    ("11:36:00", M, EVERYONE, "¿Hay materiales en español?", ()),
    ("11:36:30", D, M, "I can send you English materials", ()),
    ("11:37:00", C, EVERYONE, "Gracias India", ()),
    (
        "11:40:00",
        H,
        EVERYONE,
        "▶ Practice 8 — Re-thinking Professional and Skills Development through Blended Training",
        (),
    ),
    (
        "11:42:00",
        U,
        EVERYONE,
        "Carpathian Ukraine interested in blended training",
        ((8, "X-CARPATHIAN-UKRAINE"),),
    ),
    ("11:42:30", D, EVERYONE, "India interested in #8", ((8, "IND"),)),
    ("11:43:00", K, EVERYONE, "Kazakstan interested in blended training", ((8, "KAZ"),)),
    ("11:43:30", R, EVERYONE, "Nepal interested in practice 8", ((8, "NPL"),)),
    ("11:44:00", S, EVERYONE, "Thailand interested in 8 as well", ((8, "THA"),)),
    ("11:44:30", G, EVERYONE, "Is the training online or in person?", ()),
    ("11:45:00", H, EVERYONE, "Both, that is the blended part", ()),
    ("11:45:30", M, EVERYONE, "Muy bien explicado", ()),
    ("11:46:00", A, EVERYONE, "Thank you Bangladesh for sharing", ()),
    ("11:46:30", I, EVERYONE, "Спасибо за презентацию", ()),
    ("11:47:00", C, EVERYONE, "👍", ()),
    ("11:47:30", P, EVERYONE, "Félicitations", ()),
    ("11:50:00", H, EVERYONE, "▶ Practice 9 — Glocal Teen Hero, GTH (Nepal)", ()),
    ("11:52:00", K, EVERYONE, "Kazakhstan interested in GTH", ((9, "KAZ"),)),
    ("11:52:30", D, EVERYONE, "India is interested in practice 9", ((9, "IND"),)),
    ("11:53:00", S, EVERYONE, "Thailand #9", ((9, "THA"),)),
    ("11:53:30", A, EVERYONE, "PHL interested in Glocal Teen Hero", ((9, "PHL"),)),
    ("11:54:00", R, EVERYONE, "Thank you for your interest in GTH!", ()),
    ("11:54:30", M, EVERYONE, "Costa Rica interesada en #9", ()),
    ("11:55:00", M, EVERYONE, "Perdón, Costa Rica retira el interés en #9", ()),
    ("11:55:30", G, EVERYONE, "How are the teenagers selected?", ()),
    ("11:56:00", R, EVERYONE, "By nomination from schools", ()),
    ("11:56:30", C, EVERYONE, "Saludos desde Quito", ()),
    ("11:57:00", P, EVERYONE, "Bravo au Népal", ()),
    ("11:57:30", B, H, "Could you send me the list of participants?", ()),
    (
        "12:00:00",
        H,
        EVERYONE,
        "▶ Practice 10 — Smart Initiatives to Increase Productivity at PIDF (Fiji)",
        (),
    ),
    ("12:02:00", K, EVERYONE, "Kazakhstan interested in practice 10", ((10, "KAZ"),)),
    ("12:02:30", I, EVERYONE, "Россия: проект 10", ((10, "RUS"),)),
    (
        "12:03:00",
        U,
        EVERYONE,
        "Carpathian Ukraine interested in PIDF",
        ((10, "X-CARPATHIAN-UKRAINE"),),
    ),
    ("12:03:30", S, EVERYONE, "Thailand interested in #10", ((10, "THA"),)),
    ("12:04:00", A, EVERYONE, "Philippines interested in practice 10", ((10, "PHL"),)),
    ("12:04:30", G, EVERYONE, "What is PIDF?", ()),
    ("12:05:00", H, EVERYONE, "Pacific Islands Development Forum", ()),
    ("12:05:30", M, EVERYONE, "Gracias Fiji", ()),
    ("12:06:00", D, EVERYONE, "Very useful", ()),
    ("12:06:30", C, EVERYONE, "Ecuador quisiera aprender de la práctica 10", ((10, "ECU"),)),
    ("12:07:00", R, EVERYONE, "Great session everyone", ()),
    ("12:07:30", P, EVERYONE, "Merci à tous", ()),
    ("12:08:00", I, EVERYONE, "Всем спасибо!", ()),
    ("12:08:30", H, EVERYONE, "Thank you all! We will share the summary by email.", ()),
    ("12:09:00", A, EVERYONE, "Looking forward to the follow-up", ()),
    ("12:09:30", S, EVERYONE, "Thank you organisers", ()),
    ("12:10:00", K, EVERYONE, "Спасибо! Рахмет!", ()),
    ("12:10:30", M, EVERYONE, "Muchas gracias a todos", ()),
    ("12:11:00", C, EVERYONE, "Hasta pronto", ()),
    ("12:11:30", D, EVERYONE, "Bye all", ()),
    ("12:12:00", U, EVERYONE, "Thank you, goodbye", ()),
    ("12:12:30", B, EVERYONE, "Hvala! Thank you", ()),
    ("12:13:00", R, EVERYONE, "Dhanyabad 🙏", ()),
    ("12:13:30", N, EVERYONE, "Thank you all, see you in Tbilisi", ()),
    ("12:14:00", G, EVERYONE, "Where is the recording?", ()),
    ("12:14:30", H, EVERYONE, "The recording will be shared next week", ()),
    ("12:15:00", P, EVERYONE, "Parfait, merci", ()),
    ("12:15:30", G, EVERYONE, "thanks", ()),
    ("12:16:00", A, S, "Somchai, let us connect on LinkedIn", ()),
    ("12:16:30", S, A, "Sure Ana!", ()),
    (
        "12:17:00",
        K,
        EVERYONE,
        "Kazakhstan is also interested in the Philippines' follow-up meeting",
        (),
    ),
    ("12:17:30", H, EVERYONE, "Noted, thank you", ()),
    ("12:18:00", I, EVERYONE, "До свидания", ()),
    ("12:18:30", M, EVERYONE, "Adiós", ()),
    ("12:19:00", C, EVERYONE, "Chao", ()),
    ("12:19:30", D, EVERYONE, "Good bye", ()),
)

PRIVATE_WORDS = ("Ivan, can we talk", "LinkedIn", "enlace de la grabación", "je vous écris")


def zoom_text() -> str:
    """The chat as Zoom's newer local save writes it (a header line, tab-indented text)."""
    lines: list[str] = []
    for time, sender, to, text, _ in MESSAGES:
        suffix = "" if to == EVERYONE else "(Direct Message)"
        lines.append(f"{time} From {sender} to {to}{suffix}:")
        lines.extend("\t" + part for part in text.split("\n"))
    return "\n".join(lines) + "\n"


def truth() -> set[tuple[int, str]]:
    return {pair for *_, pairs in MESSAGES for pair in pairs}


def long_zoom_text(count: int) -> str:
    """``count`` messages (the session's, over and over, one a second from 08:00), as Zoom's
    newer save: a day's chat of a very large meeting."""
    lines: list[str] = []
    for n in range(count):
        _, sender, to, text, _ = MESSAGES[n % len(MESSAGES)]
        seconds = 8 * 3600 + n
        time = f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        suffix = "" if to == EVERYONE else "(Direct Message)"
        lines.append(f"{time} From {sender} to {to}{suffix}:")
        lines.extend("\t" + part for part in text.split("\n"))
    return "\n".join(lines) + "\n"
