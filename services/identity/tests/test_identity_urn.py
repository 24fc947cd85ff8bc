"""The URN: random, well-formed, with a check character that catches typing mistakes."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cers_identity.domain.urn import ALPHABET, LENGTH, InvalidUrnError, new_urn, parse_urn


def test_new_urns_have_the_shape_and_a_valid_check_character() -> None:
    urn = new_urn()
    assert len(urn) == LENGTH
    assert urn.startswith("U")
    assert all(c in ALPHABET for c in urn[1:-1])
    assert parse_urn(urn) == urn


def test_urns_are_not_sequential() -> None:
    urns = [new_urn() for _ in range(1000)]
    assert len(set(urns)) == len(urns)
    shared_prefixes = sum(a[:5] == b[:5] for a, b in itertools.pairwise(urns))
    assert shared_prefixes < 5  # consecutive URNs share nothing but chance


def test_a_urn_may_be_typed_in_lower_case_with_spaces_and_hyphens() -> None:
    urn = new_urn()
    typed = f"{urn[:4].lower()} {urn[4:8]}-{urn[8:]}"
    assert parse_urn(typed) == urn


@given(st.integers(min_value=1, max_value=LENGTH - 1), st.sampled_from(ALPHABET))
def test_a_single_mistyped_character_is_caught(position: int, replacement: str) -> None:
    urn = new_urn()
    mistyped = urn[:position] + replacement + urn[position + 1 :]
    if mistyped != urn:
        with pytest.raises(InvalidUrnError):
            parse_urn(mistyped)


def test_nearly_every_swap_of_neighbours_is_caught() -> None:
    swaps = caught = 0
    for _ in range(2000):
        urn = new_urn()
        for position in range(1, LENGTH - 2):
            swapped = urn[:position] + urn[position + 1] + urn[position] + urn[position + 2 :]
            if swapped == urn:
                continue
            swaps += 1
            try:
                parse_urn(swapped)
            except InvalidUrnError:
                caught += 1
    assert caught / swaps > 0.995  # MOD 37,36 misses about 1 swap in 1,000


@pytest.mark.parametrize("text", ["", "U123", "X" + "A" * 10, "U" + "O" * 10, "U2345678923456"])
def test_malformed_urns_are_refused(text: str) -> None:
    with pytest.raises(InvalidUrnError):
        parse_urn(text)
