"""The rule engine: grading, ordering, and a text in both languages for every code."""

from __future__ import annotations

import re
import string
from pathlib import Path

from cers_documents.domain import rules as rules_package
from cers_documents.domain.deadlines import LEAD_TIMES
from cers_documents.domain.messages import MESSAGES, french
from cers_documents.domain.rules import RULES, check, has_errors
from cers_documents.domain.rules.amounts import POSITIVE_LINE_FIELDS
from cers_documents.domain.rules.mandatory import ADDRESS_PARTS, HEADER_FIELDS, LINE_FIELDS, PARTIES
from services.documents.tests.documents_rules_examples import content, context, valid_line

_LITERAL_KEY = re.compile(r'"(documents\.[a-z_.]+[a-z])"')


def _emittable_codes() -> set[str]:
    """Every key a rule can emit: the literals in the rules, and those the factories build."""
    sources = Path(rules_package.__file__).parent.glob("*.py")
    literals = {key for path in sources for key in _LITERAL_KEY.findall(path.read_text())}
    built = {
        *(f"documents.{field}.mandatory" for field in HEADER_FIELDS),
        *(f"documents.line.{field}.mandatory" for field in LINE_FIELDS),
        *(f"documents.{party}.{part}.mandatory" for party in PARTIES for part in ADDRESS_PARTS),
        *(f"documents.line.{field}.not_positive" for field in POSITIVE_LINE_FIELDS),
        *(f"documents.deadline.{kind}" for kind in LEAD_TIMES),
    }
    return literals | built


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_code_a_rule_can_emit_has_english_and_french_text() -> None:
    codes = _emittable_codes()

    assert len(codes) > 50
    assert codes - set(MESSAGES) == set()


def test_english_and_french_texts_use_the_same_params() -> None:
    for code, (en, fr) in MESSAGES.items():
        assert en.strip() and fr.strip(), code
        assert _placeholders(en) == _placeholders(fr), code


def test_findings_are_ordered_by_pointer_with_line_2_before_line_10() -> None:
    lines = [valid_line(description=None if i in (1, 9) else "x") for i in range(11)]

    findings = check(content(lines=lines, port_of_exit=None), context())

    pointers = [item.pointer for item in findings]
    assert pointers.index("/lines/1/description") < pointers.index("/lines/9/description")
    assert pointers == sorted(pointers, key=_natural)
    assert pointers[-1] == "/port_of_exit"


def _natural(pointer: str) -> list[tuple[int, int | str]]:
    return [(0, int(part)) if part.isdigit() else (1, part) for part in pointer.split("/")]


def test_errors_block_and_warnings_and_infos_do_not() -> None:
    to_us_late = content(country_of_final_destination="US", estimated_export_at=None)
    warnings_and_infos = content(country_of_final_destination="US")

    assert has_errors(check(to_us_late, context()))
    passing = check(warnings_and_infos, context())
    assert {item.severity for item in passing} == {"info"}
    assert not has_errors(passing)


def test_a_finding_has_the_french_text_of_its_code_with_the_same_params() -> None:
    [finding] = [
        item
        for item in check(content(lines=[valid_line(quantity="0")]), context())
        if item.severity == "error"
    ]

    assert (
        french(finding.code, finding.params) == "Ligne 1 : la quantité doit être supérieure à zéro."
    )


def test_the_registry_runs_every_rule_module() -> None:
    modules = {rule.__module__.rsplit(".", 1)[-1] for rule in RULES}

    assert modules == {
        "mandatory",
        "code_tables",
        "amounts",
        "hs_codes",
        "parties",
        "transport",
        "permits",
        "timing",
        "requirement",
    }
