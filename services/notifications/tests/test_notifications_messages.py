"""The message catalog: every code notifications can answer with has its English and French
text, and ``GET /v1/messages`` serves them (with the chassis' ``field.*``) for the gateway.

A code is ``notifications.<first part of the rule's path>.<rule>`` (``entrypoints.problems``),
so the test reads each ``RuleViolation`` of the source and follows a path written as a name to
the values it takes: a ``for`` over a literal tuple, or a parameter given as a literal by every
caller.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import cers_notifications
from cers_notifications.config import NotificationsSettings
from cers_notifications.domain.catalog import CATALOG
from services.notifications.tests.notifications_testkit import (
    Tokens,
    bulletin_body,
    running,
    unique,
)
from tests.fixtures.message_codes import (
    assert_bilingual,
    calls_to,
    composed_codes,
    literal_codes,
    source_trees,
)

COMPOSED = {
    "f'notifications.{violation.path[0]}.{violation.rule}'",  # a RuleViolation's code
    "f'notifications.{error.what}.not_found'",  # a NotFoundError's code
}
NOT_CODES = {"notifications.cers.local"}  # config.py: the domain of the e-mails' Message-IDs

Trees = dict[Path, ast.Module]


def ancestors(tree: ast.Module, node: ast.AST) -> Iterator[ast.AST]:
    """The nodes that enclose ``node``, innermost first."""
    parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
    while node in parents:
        node = parents[node]
        yield node


def literals(nodes: list[ast.expr], where: str) -> set[str]:
    """The strings ``nodes`` write (each must be a string literal)."""
    strings = [n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    assert len(strings) == len(nodes), f"{where}: write it as a literal"
    return set(strings)


def callers_give(trees: Trees, function: ast.FunctionDef, name: str, where: str) -> set[str]:
    """The literals every call of ``function`` gives its parameter ``name``."""
    params = [a.arg for a in function.args.args if a.arg not in {"self", "cls"}]
    index = params.index(name)
    given: list[ast.expr] = []
    for tree in trees.values():
        for call in calls_to(tree, function.name):
            keyword = [k.value for k in call.keywords if k.arg == name]
            given += keyword or [call.args[index]]
    assert given, f"{where}: no call of {function.name} gives {name}"
    return literals(given, where)


def values_of(trees: Trees, tree: ast.Module, expr: ast.expr, where: str) -> set[str]:
    """The strings ``expr`` (the first part of a rule's path) can be."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    assert isinstance(expr, ast.Name), f"{where}: write the field as a literal or a name"
    for outer in ancestors(tree, expr):
        if isinstance(outer, ast.For):
            targets = outer.target.elts if isinstance(outer.target, ast.Tuple) else [outer.target]
            names = [t.id if isinstance(t, ast.Name) else "" for t in targets]
            if expr.id in names and isinstance(outer.iter, ast.Tuple | ast.List):
                items = outer.iter.elts
                if isinstance(outer.target, ast.Tuple):
                    rows = [i for i in items if isinstance(i, ast.Tuple)]
                    assert len(rows) == len(items), where
                    return literals([row.elts[names.index(expr.id)] for row in rows], where)
                return literals(items, where)
        if isinstance(outer, ast.FunctionDef) and expr.id in {a.arg for a in outer.args.args}:
            return callers_give(trees, outer, expr.id, where)
    raise AssertionError(f"{where}: cannot tell which fields {expr.id} names")


def rule_codes(trees: Trees) -> set[str]:
    """``notifications.<field>.<rule>`` of every RuleViolation and NotFoundError of the source."""
    codes: set[str] = set()
    for path, tree in trees.items():
        for call in calls_to(tree, "RuleViolation"):
            where = f"{path}:{call.lineno}"
            fields, rule = call.args[0], call.args[1]
            assert isinstance(fields, ast.Tuple), f"{where}: write the path as a tuple"
            [rule_name] = literals([rule], where)
            for field in values_of(trees, tree, fields.elts[0], where):
                codes.add(f"notifications.{field}.{rule_name}")
        for call in calls_to(tree, "NotFoundError"):
            for what in literals(call.args[:1], f"{path}:{call.lineno}"):
                codes.add(f"notifications.{what}.not_found")
    return codes


def emitted_codes() -> set[str]:
    """Every code in notifications' source: broken rules, missing things, route refusals."""
    trees = dict(source_trees(cers_notifications))
    return rule_codes(trees) | (literal_codes(cers_notifications, "notifications") - NOT_CODES)


def test_every_code_in_the_source_has_english_and_french_text() -> None:
    assert composed_codes(cers_notifications, "notifications") == COMPOSED, (
        "write new message codes out in full, so that this test can find them"
    )
    emitted = emitted_codes()
    assert {
        "notifications.title.required",  # through both_languages("title", ...)
        "notifications.ends_at.out_of_range",  # through the for over the two times
        "notifications.link.not_found",
        "notifications.officer_required",
    } <= emitted
    assert sorted(emitted - set(CATALOG)) == [], "codes without texts in domain/catalog.py"
    assert sorted(set(CATALOG) - emitted) == [], "texts of codes the source no longer has"
    assert_bilingual(CATALOG)


@pytest.mark.integration
async def test_get_messages_answers_with_the_texts_of_real_refusals(
    notifications_settings: NotificationsSettings,
) -> None:
    tokens = Tokens()
    officer = tokens.headers(unique("officer"), officer=True)
    async with running(notifications_settings, tokens) as (_, client):
        served = await client.get("/v1/messages")  # no token: the gateway asks without one
        assert served.status_code == 200
        assert served.headers["cache-control"] == "public, max-age=86400"
        catalog = served.json()["messages"]
        assert {c: (t["en"], t["fr"]) for c, t in catalog.items() if c in CATALOG} == CATALOG
        blank_french = bulletin_body(title={"en": "Delays", "fr": " "})
        refused = await client.post("/v1/bulletins", json=blank_french, headers=officer)
        assert refused.status_code == 422
        [problem] = refused.json()["errors"]
        assert (problem["pointer"], problem["code"]) == (
            "/title/fr",
            "notifications.title.required",
        )
        assert (
            catalog[problem["code"]]["fr"] == "Le titre est obligatoire en anglais et en français."
        )
        reader = tokens.headers(unique("reader"))
        forbidden = await client.post("/v1/bulletins", json=bulletin_body(), headers=reader)
        assert [p["code"] for p in forbidden.json()["errors"]] == ["notifications.officer_required"]
        shape = await client.post("/v1/bulletins", json={}, headers=officer)
        assert "field.missing" in {p["code"] for p in shape.json()["errors"]}
        assert catalog["field.missing"]["fr"] == "Ce champ est obligatoire."
