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
    "documents.consignee.line1.mandatory": (
        "Consignee address line 1 is mandatory.",
        "La ligne 1 de l'adresse du destinataire est obligatoire.",
    ),
    "documents.consignee.city.mandatory": (
        "Consignee city is mandatory.",
        "La ville du destinataire est obligatoire.",
    ),
    "documents.consignee.country.mandatory": (
        "Consignee country is mandatory.",
        "Le pays du destinataire est obligatoire.",
    ),
    "documents.service_provider.line1.mandatory": (
        "Service provider address line 1 is mandatory when its address is given.",
        "La ligne 1 de l'adresse du fournisseur de services est obligatoire lorsque son adresse "
        "est donnée.",
    ),
    "documents.service_provider.city.mandatory": (
        "Service provider city is mandatory when its address is given.",
        "La ville du fournisseur de services est obligatoire lorsque son adresse est donnée.",
    ),
    "documents.service_provider.country.mandatory": (
        "Service provider country is mandatory when its address is given.",
        "Le pays du fournisseur de services est obligatoire lorsque son adresse est donnée.",
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
    # Codes from the code tables and ISO lists.
    "documents.export_reason.unknown": (
        "Export reason {code} is not a known export reason.",
        "La raison de l'exportation {code} n'est pas une raison connue.",
    ),
    "documents.mode_of_transport.unknown": (
        "Mode of transport {code} is not a known mode of transport.",
        "Le mode de transport {code} n'est pas un mode de transport connu.",
    ),
    "documents.port_of_exit.unknown": (
        "Port of exit {code} is not a CBSA port of exit.",
        "Le bureau de sortie {code} n'est pas un bureau de sortie de l'ASFC.",
    ),
    "documents.country_of_final_destination.invalid": (
        "Country of final destination {code} is not an ISO country code.",
        "Le pays de destination finale {code} n'est pas un code de pays ISO.",
    ),
    "documents.country_of_final_destination.canada": (
        "Country of final destination must not be Canada.",
        "Le pays de destination finale ne doit pas être le Canada.",
    ),
    "documents.currency.invalid": (
        "Currency {code} is not an ISO 4217 currency code.",
        "La devise {code} n'est pas un code de devise ISO 4217.",
    ),
    "documents.consignee.country.invalid": (
        "Consignee country {code} is not an ISO country code.",
        "Le pays du destinataire {code} n'est pas un code de pays ISO.",
    ),
    "documents.service_provider.country.invalid": (
        "Service provider country {code} is not an ISO country code.",
        "Le pays du fournisseur de services {code} n'est pas un code de pays ISO.",
    ),
    "documents.line.quantity_uom.unknown": (
        "Line {line}: quantity unit of measure {code} is not a known unit.",
        "Ligne {line} : l'unité de mesure de la quantité {code} n'est pas une unité connue.",
    ),
    "documents.line.weight_uom.unknown": (
        "Line {line}: weight unit of measure {code} is not a known unit.",
        "Ligne {line} : l'unité de mesure du poids {code} n'est pas une unité connue.",
    ),
    "documents.line.country_of_origin.invalid": (
        "Line {line}: country of origin {code} is not an ISO country code.",
        "Ligne {line} : le pays d'origine {code} n'est pas un code de pays ISO.",
    ),
    "documents.line.province_of_origin.invalid": (
        "Line {line}: province of origin {code} is not a Canadian province or territory "
        "(e.g. CA-ON).",
        "Ligne {line} : la province d'origine {code} n'est pas une province ou un territoire "
        "du Canada (p. ex. CA-ON).",
    ),
    "documents.line.province_of_origin.not_canadian": (
        "Line {line}: province of origin applies only to goods of Canadian origin.",
        "Ligne {line} : la province d'origine ne s'applique qu'aux marchandises d'origine "
        "canadienne.",
    ),
    # Amounts.
    "documents.line.quantity.not_positive": (
        "Line {line}: quantity must be greater than zero.",
        "Ligne {line} : la quantité doit être supérieure à zéro.",
    ),
    "documents.line.value_fob.not_positive": (
        "Line {line}: value (FOB) must be greater than zero.",
        "Ligne {line} : la valeur (FAB) doit être supérieure à zéro.",
    ),
    "documents.line.gross_weight.not_positive": (
        "Line {line}: gross weight must be greater than zero.",
        "Ligne {line} : le poids brut doit être supérieur à zéro.",
    ),
    "documents.domestic_freight.negative": (
        "Domestic freight must not be negative.",
        "Le fret intérieur ne doit pas être négatif.",
    ),
    # Export HS codes.
    "documents.line.export_hs_code.format": (
        "Line {line}: export HS code {code} must have 8 digits (e.g. 1234.56.78).",
        "Ligne {line} : le code SH d'exportation {code} doit compter 8 chiffres "
        "(p. ex. 1234.56.78).",
    ),
    "documents.line.export_hs_code.invalid": (
        "Line {line}: export HS code {code} is invalid: its first six digits are not a current "
        "HS subheading.",
        "Ligne {line} : le code SH d'exportation {code} n'est pas valide : ses six premiers "
        "chiffres ne sont pas une sous-position SH en vigueur.",
    ),
    "documents.line.export_hs_code.unknown_national": (
        "Line {line}: export HS code {code} is not in the Canadian Export Classification.",
        "Ligne {line} : le code SH d'exportation {code} ne figure pas dans la Classification "
        "canadienne des exportations.",
    ),
    "documents.lines.national_digits_unchecked": (
        "Export HS codes: only the first six digits were checked; the two national digits were "
        "not (no Canadian Export Classification is loaded).",
        "Codes SH d'exportation : seuls les six premiers chiffres ont été vérifiés; les deux "
        "chiffres nationaux ne l'ont pas été (aucune Classification canadienne des exportations "
        "n'est chargée).",
    ),
    "documents.line.quantity_uom.mismatch": (
        "Line {line}: quantity unit of measure must be {expected} for export HS code {code}.",
        "Ligne {line} : l'unité de mesure de la quantité doit être {expected} pour le code SH "
        "d'exportation {code}.",
    ),
    # Parties.
    "documents.service_provider.business_number.invalid": (
        "Service provider Business Number {number} is invalid (15 characters, e.g. "
        "123456789RM0001).",
        "Le numéro d'entreprise du fournisseur de services {number} n'est pas valide "
        "(15 caractères, p. ex. 123456789RM0001).",
    ),
    # Transport.
    "documents.vessel_name.mandatory": (
        "Vessel name is mandatory for marine shipments.",
        "Le nom du navire est obligatoire pour les expéditions maritimes.",
    ),
    "documents.container_numbers.mandatory": (
        "Container numbers: at least one is mandatory for a containerized shipment.",
        "Numéros de conteneur : au moins un est obligatoire pour une expédition conteneurisée.",
    ),
    "documents.container_numbers.invalid": (
        "Container number {number} is invalid (ISO 6346: 4 letters, 7 digits, check digit).",
        "Le numéro de conteneur {number} n'est pas valide (ISO 6346 : 4 lettres, 7 chiffres, "
        "chiffre de contrôle).",
    ),
    "documents.port_of_exit.mode_mismatch": (
        "Port of exit {port} does not handle mode of transport {mode}.",
        "Le bureau de sortie {port} ne traite pas le mode de transport {mode}.",
    ),
    # Permits.
    "documents.permits.mandatory": (
        "Permits: at least one is mandatory, as line(s) {lines} are controlled goods.",
        "Permis : au moins un est obligatoire, car la ou les lignes {lines} sont des "
        "marchandises contrôlées.",
    ),
    "documents.permit.number.mandatory": (
        "Permit {permit}: number is mandatory.",
        "Permis {permit} : le numéro est obligatoire.",
    ),
    # Timing (warnings).
    "documents.estimated_export_at.late": (
        "Estimated date of export: the reporting cut-off for this mode of transport was "
        "{cutoff}; the declaration is reported late.",
        "Date prévue d'exportation : l'heure limite de déclaration pour ce mode de transport "
        "était {cutoff}; la déclaration est produite en retard.",
    ),
    "documents.estimated_export_at.far_past": (
        "Estimated date of export {date} is more than {days} days in the past.",
        "La date prévue d'exportation {date} remonte à plus de {days} jours.",
    ),
    # Whether a declaration is required (infos).
    "documents.declaration.not_required_us": (
        "Declaration not required: goods to the United States that are neither controlled nor "
        "rail cars need no export declaration.",
        "Déclaration non requise : les marchandises à destination des États-Unis qui ne sont ni "
        "contrôlées ni des wagons n'exigent pas de déclaration d'exportation.",
    ),
    "documents.declaration.not_required_low_value": (
        "Declaration not required: the total value, CAD {total}, is under CAD {threshold} and "
        "no goods are controlled.",
        "Déclaration non requise : la valeur totale, {total} $ CA, est inférieure à "
        "{threshold} $ CA et aucune marchandise n'est contrôlée.",
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
    # The lifecycle: drafts, submission, amendment, void, search, request bodies.
    "documents.field.unknown": ("Unknown field {field}.", "Champ inconnu : {field}."),
    "documents.body.too_large": (
        "The request body is larger than {limit} bytes.",
        "Le corps de la requête dépasse {limit} octets.",
    ),
    "documents.field.nul_character": (
        "{field} may not contain the NUL character (U+0000).",
        "{field} ne peut pas contenir le caractère NUL (U+0000).",
    ),
    "documents.draft.not_found": (
        "No draft {id} in this business account.",
        "Aucune ébauche {id} dans ce compte d'entreprise.",
    ),
    "documents.declaration.not_found": (
        "No declaration {id} in this business account.",
        "Aucune déclaration {id} dans ce compte d'entreprise.",
    ),
    "documents.declaration_version.not_found": (
        "No declaration version {id} in this business account.",
        "Aucune version de déclaration {id} dans ce compte d'entreprise.",
    ),
    "documents.business_account.not_found": (
        "No business account {id}.",
        "Aucun compte d'entreprise {id}.",
    ),
    "documents.exporter.unknown": (
        "The business account is not known to the documents service yet; try again shortly.",
        "Le compte d'entreprise n'est pas encore connu du service des documents; réessayez "
        "sous peu.",
    ),
    "documents.exporter.not_exporter": (
        "Declarations are filed for an exporter's business account, not a customs service "
        "provider's; file with the exporter's Business Number.",
        "Les déclarations sont produites pour le compte d'un exportateur, pas d'un fournisseur "
        "de services douaniers; utilisez le numéro d'entreprise de l'exportateur.",
    ),
    "documents.exporter.deleted": (
        "The business account has been deleted: it cannot report exports.",
        "Le compte d'entreprise a été supprimé : il ne peut plus déclarer d'exportations.",
    ),
    "documents.idempotency_key.reused": (
        "This idempotency key was used for a different declaration or command.",
        "Cette clé d'idempotence a servi à une autre déclaration ou commande.",
    ),
    "documents.amendment_reason.invalid": (
        "Amendment reason {value} is not in the amendment reasons table.",
        "La raison de modification {value} ne figure pas dans la table des raisons.",
    ),
    "documents.amendment.no_changes": (
        "The amendment changes nothing in the declaration.",
        "La modification ne change rien à la déclaration.",
    ),
    "documents.declaration.voided": (
        "The declaration is voided: it can no longer be amended or voided.",
        "La déclaration est annulée : elle ne peut plus être modifiée ni annulée.",
    ),
    "documents.declaration.void_pending": (
        "A request to void the declaration is being processed.",
        "Une demande d'annulation de la déclaration est en traitement.",
    ),
    "documents.declaration.caed_not_amendable": (
        "A declaration migrated from CAED cannot be amended; void it and report it again.",
        "Une déclaration migrée de la DECA ne peut être modifiée; annulez-la et déclarez de "
        "nouveau.",
    ),
    "documents.declaration.caed_void_window_passed": (
        "A declaration migrated from CAED may be voided only within 90 days of its submission.",
        "Une déclaration migrée de la DECA ne peut être annulée que dans les 90 jours suivant "
        "sa transmission.",
    ),
    "documents.search.date_range_inverted": (
        "The end of the date range is before its start.",
        "La fin de la période précède son début.",
    ),
    "documents.proof_of_report.exhausted": (
        "No Proof of Report number is left for this Authorization ID today.",
        "Il ne reste aucun numéro de preuve de déclaration pour cet ID d'autorisation aujourd'hui.",
    ),
    "documents.void.request_sent": ("Request to Void Sent", "Demande d'annulation envoyée"),
}


def english(code: str, params: dict[str, str]) -> str:
    """The English text of ``code`` with its params filled in."""
    return MESSAGES[code][0].format(**params)


def french(code: str, params: dict[str, str]) -> str:
    """The French text of ``code`` with its params filled in."""
    return MESSAGES[code][1].format(**params)
