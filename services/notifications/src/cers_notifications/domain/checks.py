"""Field checks shared by bulletins and useful links."""

from __future__ import annotations

from collections.abc import Sequence

from cers_notifications.domain.errors import RuleViolation
from cers_notifications.domain.language import LANGUAGES, Bilingual

MAX_TOPICS = 10
MAX_TOPIC_LENGTH = 64
NUL = "\x00"  # PostgreSQL text cannot hold it


def both_languages(name: str, label: str, text: Bilingual) -> list[RuleViolation]:
    """A violation for each language in which ``text`` is blank or holds a NUL character."""
    names = {"en": "English", "fr": "French"}
    problems = [
        RuleViolation(
            (name, language),
            "required",
            f"{label} is mandatory in {names[language]}",
            {"language": language},
        )
        for language in text.missing_languages()
    ]
    return problems + [
        RuleViolation(
            (name, language),
            "invalid_character",
            f"{label} in {names[language]} must not contain NUL characters",
            {"language": language},
        )
        for language in LANGUAGES
        if NUL in text.in_language(language)
    ]


def topic_list(topics: Sequence[str]) -> list[RuleViolation]:
    """Topics: at most ten, none blank or longer than 64 characters, no duplicates."""
    problems: list[RuleViolation] = []
    if len(topics) > MAX_TOPICS:
        problems.append(
            RuleViolation(
                ("topics",), "too_many", f"At most {MAX_TOPICS} topics", {"max": MAX_TOPICS}
            )
        )
    for index, topic in enumerate(topics):
        if not topic.strip() or len(topic) > MAX_TOPIC_LENGTH or NUL in topic:
            problems.append(
                RuleViolation(
                    ("topics", str(index)),
                    "invalid",
                    f"A topic is 1 to {MAX_TOPIC_LENGTH} characters (no NUL)",
                    {"max": MAX_TOPIC_LENGTH},
                )
            )
    if len(set(topics)) != len(topics):
        problems.append(RuleViolation(("topics",), "duplicate", "Each topic may appear once"))
    return problems
