"""Every message key of the documents service, with its English and French text: the one place.

A key reads ``documents.<field>.<rule>`` (``documents.line.<field>.<rule>`` for a commodity line).
Texts may name ``{params}`` that the finding or error carries. Served at ``GET /v1/messages``.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # Mandatory fields of the declaration.
    "documents.consignee.name.mandatory": (
        "Consignee name is mandatory.",
        "Le nom du destinataire est obligatoire.",
    ),
    "documents.consignee.country.mandatory": (
        "Consignee country is mandatory.",
        "Le pays du destinataire est obligatoire.",
    ),
    "documents.export_reason.mandatory": (
        "Export reason is mandatory.",
        "La raison de l'exportation est obligatoire.",
    ),
    "documents.mode_of_transport.mandatory": (
        "Mode of transport is mandatory.",
        "Le mode de transport est obligatoire.",
    ),
    "documents.port_of_exit.mandatory": (
        "Port of exit is mandatory.",
        "Le bureau de sortie est obligatoire.",
    ),
    "documents.country_of_final_destination.mandatory": (
        "Country of final destination is mandatory.",
        "Le pays de destination finale est obligatoire.",
    ),
    "documents.estimated_export_at.mandatory": (
        "Estimated date of export is mandatory.",
        "La date prévue d'exportation est obligatoire.",
    ),
    "documents.currency.mandatory": (
        "Currency is mandatory.",
        "La devise est obligatoire.",
    ),
    "documents.lines.mandatory": (
        "At least one commodity line is mandatory.",
        "Au moins une ligne de marchandise est obligatoire.",
    ),
    # Mandatory fields of each commodity line.
    "documents.line.export_hs_code.mandatory": (
        "Line {line}: export HS code is mandatory.",
        "Ligne {line} : le code SH d'exportation est obligatoire.",
    ),
    "documents.line.description.mandatory": (
        "Line {line}: description is mandatory.",
        "Ligne {line} : la description est obligatoire.",
    ),
    "documents.line.quantity.mandatory": (
        "Line {line}: quantity is mandatory.",
        "Ligne {line} : la quantité est obligatoire.",
    ),
    "documents.line.quantity_uom.mandatory": (
        "Line {line}: quantity unit of measure is mandatory.",
        "Ligne {line} : l'unité de mesure de la quantité est obligatoire.",
    ),
    "documents.line.value_fob.mandatory": (
        "Line {line}: value (FOB) is mandatory.",
        "Ligne {line} : la valeur (FAB) est obligatoire.",
    ),
    "documents.line.gross_weight.mandatory": (
        "Line {line}: gross weight is mandatory.",
        "Ligne {line} : le poids brut est obligatoire.",
    ),
    "documents.line.weight_uom.mandatory": (
        "Line {line}: weight unit of measure is mandatory.",
        "Ligne {line} : l'unité de mesure du poids est obligatoire.",
    ),
    "documents.line.country_of_origin.mandatory": (
        "Line {line}: country of origin is mandatory.",
        "Ligne {line} : le pays d'origine est obligatoire.",
    ),
    "documents.line.province_of_origin.mandatory": (
        "Line {line}: province of origin is mandatory for Canadian goods.",
        "Ligne {line} : la province d'origine est obligatoire pour les marchandises canadiennes.",
    ),
    # Reporting timeframes by mode of transport (the rule text of a cut-off).
    "documents.deadline.marine": (
        "Marine: report at least 48 hours before the goods are loaded.",
        "Maritime : déclarer au moins 48 heures avant le chargement des marchandises.",
    ),
    "documents.deadline.air": (
        "Air: report at least 2 hours before export.",
        "Aérien : déclarer au moins 2 heures avant l'exportation.",
    ),
    "documents.deadline.rail": (
        "Rail: report at least 2 hours before export.",
        "Ferroviaire : déclarer au moins 2 heures avant l'exportation.",
    ),
    "documents.deadline.postal": (
        "Postal: report at least 2 hours before export.",
        "Postal : déclarer au moins 2 heures avant l'exportation.",
    ),
    "documents.deadline.highway": (
        "Highway: report before the goods are exported.",
        "Routier : déclarer avant l'exportation des marchandises.",
    ),
}


def english(code: str, params: dict[str, str]) -> str:
    """The English text of ``code`` with its params filled in."""
    return MESSAGES[code][0].format(**params)


def french(code: str, params: dict[str, str]) -> str:
    """The French text of ``code`` with its params filled in."""
    return MESSAGES[code][1].format(**params)
