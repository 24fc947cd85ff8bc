"""Code tables: versioned, sourced, unique codes, both languages; ISO lookups via pycountry."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import ValidationError

from cers_contracts.codes import (
    CODE_TABLES,
    MODES_OF_TRANSPORT,
    PORTS_OF_EXIT,
    CodeEntry,
    CodeTable,
)
from cers_contracts.codes.iso import (
    country_name,
    country_options,
    currency_name,
    currency_options,
    is_canadian_province,
    is_country,
    is_currency,
    province_name,
    subdivision_options,
)

TABLE_NAMES = {
    "modes_of_transport",
    "quantity_units",
    "weight_units",
    "export_reasons",
    "amendment_reasons",
    "ports_of_exit",
}


def test_every_table_is_exported_under_its_name() -> None:
    assert set(CODE_TABLES) == TABLE_NAMES
    assert all(name == table.name for name, table in CODE_TABLES.items())


@pytest.mark.parametrize("name", sorted(TABLE_NAMES))
def test_a_table_has_a_version_a_source_and_labels_in_both_languages(name: str) -> None:
    table = CODE_TABLES[name]

    assert table.version and table.source and table.effective_from.year >= 2020
    assert table.entries
    assert len(set(table.codes())) == len(table.entries)
    for entry in table.entries:
        assert entry.en.strip() and entry.fr.strip()


def test_a_table_refuses_duplicate_codes() -> None:
    entry = CodeEntry(code="A", en="A", fr="A")

    with pytest.raises(ValidationError, match="duplicate codes A"):
        CodeTable[CodeEntry](
            name="t", version="1", source="s", effective_from="2024-01-01", entries=(entry, entry)
        )


def test_lookup_membership_and_select_options() -> None:
    assert MODES_OF_TRANSPORT.get("9") is not None
    assert MODES_OF_TRANSPORT.get("9").kind == "marine"  # type: ignore[union-attr]
    assert MODES_OF_TRANSPORT.get("4") is None
    assert "0395" in PORTS_OF_EXIT and "0000" not in PORTS_OF_EXIT
    [air] = [option for option in MODES_OF_TRANSPORT.options("fr") if option.code == "1"]
    assert air.label == "Aérien"


def test_the_ports_table_says_it_is_a_subset_and_every_port_names_known_modes() -> None:
    assert "subset" in PORTS_OF_EXIT.source
    for port in PORTS_OF_EXIT.entries:
        assert port.modes and port.modes <= set(MODES_OF_TRANSPORT.codes())


def test_tables_serialize_to_json_for_the_portal_and_bulk() -> None:
    document = PORTS_OF_EXIT.model_dump(mode="json")

    assert document["version"] == PORTS_OF_EXIT.version
    assert {"code": "0440"}.items() <= document["entries"][3].items()


@pytest.mark.parametrize(
    ("check", "good", "bad"),
    [
        (is_country, "DE", "de"),
        (is_country, "CA", "XX"),
        (is_canadian_province, "CA-QC", "US-NY"),
        (is_canadian_province, "CA-NU", "ON"),
        (is_currency, "CAD", "cad"),
        (is_currency, "EUR", "ABC"),
        (is_currency, "XCD", "XAU"),  # East Caribbean dollar; gold is no currency
        (is_currency, "XOF", "XXX"),  # CFA franc; "no currency"
    ],
)
def test_iso_lookups(check: Callable[[str | None], bool], good: str, bad: str) -> None:
    assert check(good) is True
    assert check(bad) is False
    assert check(None) is False


def test_names_in_english_and_french() -> None:
    assert country_name("DE") == "Germany"
    assert country_name("DE", "fr") == "Allemagne"
    assert province_name("CA-QC", "fr") == "Québec"
    assert province_name("US-NY") is None
    assert currency_name("USD", "fr") == "Dollar américain"
    assert currency_name("ABC") is None


def test_provinces_have_their_government_of_canada_french_names() -> None:
    names = {p.code: p.label for p in subdivision_options("CA", "fr")}
    assert names["CA-NB"] == province_name("CA-NB", "fr") == "Nouveau-Brunswick"
    assert names["CA-NT"] == "Territoires du Nord-Ouest"
    assert names["CA-PE"] == "Île-du-Prince-Édouard"
    assert names["CA-NL"] == "Terre-Neuve-et-Labrador"
    assert province_name("CA-NB") == "New Brunswick"


def test_iso_select_options_are_named_in_the_language_and_sorted_by_name() -> None:
    countries = country_options("fr")
    assert len(countries) == len({c.code for c in countries}) > 240
    labels = [c.label for c in countries]
    # Accents do not push a name to the end: Égypte and Émirats sort among the E.
    assert labels.index("Égypte") < labels.index("Équateur") < labels.index("Espagne")
    assert labels.index("Allemagne") < labels.index("Égypte") < labels.index("France")
    assert {"code": "DE", "label": "Germany"} in [c.model_dump() for c in country_options()]
    provinces = subdivision_options("CA", "fr")
    assert [p.code for p in provinces][:2] == ["CA-AB", "CA-BC"]
    codes = ("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT")
    assert {p.code for p in provinces} == {f"CA-{code}" for code in codes}
    assert all(is_canadian_province(p.code) for p in provinces)
    assert "US-NY" in {s.code for s in subdivision_options("US")}
    assert subdivision_options("XX") == []
    currencies = currency_options("fr")
    assert {"code": "CAD", "label": "Dollar canadien"} in [c.model_dump() for c in currencies]
    assert all(is_currency(c.code) for c in currencies)
    assert not {"XAU", "XTS", "XXX", "XDR"} & {c.code for c in currencies}
