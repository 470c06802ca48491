"""The stages a possibility for partnership moves through, and the outcomes that close it.

interested → contacted → learning and sharing → field visit → adaptation → implemented; closing
is possible at any stage, with an outcome. People type and import either by name ("field
visit", "Field_Visit", "not pursued"), so one parser accepts both words and machine values.
"""

from __future__ import annotations

from enum import StrEnum

from matchdesk.store.errors import InvalidValue


class Stage(StrEnum):
    """Where a possibility stands; the order is the funnel's."""

    INTERESTED = "interested"
    CONTACTED = "contacted"
    LEARNING = "learning_sharing"
    FIELD_VISIT = "field_visit"
    ADAPTATION = "adaptation"
    IMPLEMENTED = "implemented"

    @property
    def label(self) -> str:
        return _STAGE_LABELS[self]

    @property
    def rank(self) -> int:
        return STAGES.index(self)

    def following(self) -> Stage | None:
        """The next stage (None after implemented)."""
        return STAGES[self.rank + 1] if self.rank + 1 < len(STAGES) else None


class Outcome(StrEnum):
    """Why a possibility was closed."""

    ADOPTED = "adopted"
    ADAPTED = "adapted_in_part"
    KNOWLEDGE = "knowledge_only"
    NOT_PURSUED = "not_pursued"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]

    @property
    def reached(self) -> Stage | None:
        """The stage this outcome says was reached (an adoption was implemented, ...)."""
        return _OUTCOME_REACHED[self]


_STAGE_LABELS = {
    Stage.INTERESTED: "interested",
    Stage.CONTACTED: "contacted",
    Stage.LEARNING: "learning and sharing",
    Stage.FIELD_VISIT: "field visit",
    Stage.ADAPTATION: "adaptation",
    Stage.IMPLEMENTED: "implemented",
}
_OUTCOME_LABELS = {
    Outcome.ADOPTED: "adopted",
    Outcome.ADAPTED: "adapted in part",
    Outcome.KNOWLEDGE: "knowledge gained only",
    Outcome.NOT_PURSUED: "not pursued",
}
_OUTCOME_REACHED = {
    Outcome.ADOPTED: Stage.IMPLEMENTED,
    Outcome.ADAPTED: Stage.ADAPTATION,
    Outcome.KNOWLEDGE: Stage.LEARNING,
    Outcome.NOT_PURSUED: None,
}
STAGES: tuple[Stage, ...] = tuple(Stage)
OUTCOMES: tuple[Outcome, ...] = tuple(Outcome)


def stage_label(stage: Stage, outcome: Outcome | None) -> str:
    """ "contacted", or "closed: not pursued" for a closed possibility."""
    return f"closed: {outcome.label}" if outcome is not None else stage.label


def _word(text: str) -> str:
    return " ".join(text.casefold().replace("_", " ").replace("-", " ").split())


# Every spelling people use for a stage or an outcome ("closed: not pursued" too).
_WORDS: dict[str, Stage | Outcome] = {}
_EVERY: tuple[Stage | Outcome, ...] = (*STAGES, *OUTCOMES)
for _value in _EVERY:
    _WORDS[_word(_value.value)] = _value
    _WORDS[_word(_value.label)] = _value
    _WORDS[_word(f"closed {_value.label}")] = _value
_WORDS.update(
    {
        "learning": Stage.LEARNING,
        "learning & sharing": Stage.LEARNING,
        "adapted": Outcome.ADAPTED,
        "knowledge gained": Outcome.KNOWLEDGE,
        "knowledge only": Outcome.KNOWLEDGE,
    }
)


def parse_stage(text: str) -> Stage | Outcome:
    """A stage or an outcome from a word people write; raises ``InvalidValue`` naming them all."""
    found = _WORDS.get(_word(text).replace("closed:", "closed").strip())
    if found is None:
        raise InvalidValue(f"{text!r} is not a stage or an outcome; use one of {choices()}.")
    return found


def choices() -> str:
    """The values ``parse_stage`` takes, as a sentence's list."""
    return ", ".join(v.value for v in (*STAGES, *OUTCOMES))
