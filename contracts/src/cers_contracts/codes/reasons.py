"""Reasons: why goods are exported, and why a reported declaration is amended.

The categories follow the CERS user guide (reason for export; amendment of a reported
declaration); the short codes are this project's, fixed here so the portal, the bulk layout and
the events agree.
"""

from __future__ import annotations

from datetime import date

from cers_contracts.codes.table import CodeEntry, CodeTable

EXPORT_REASONS: CodeTable[CodeEntry] = CodeTable[CodeEntry](
    name="export_reasons",
    version="2024.1",
    source="CERS user guide: reason for export (project codes)",
    effective_from=date(2024, 1, 1),
    entries=(
        CodeEntry(code="SALE", en="Permanent export: sale", fr="Exportation permanente : vente"),
        CodeEntry(
            code="PERM",
            en="Permanent export: other than a sale",
            fr="Exportation permanente : autre qu'une vente",
        ),
        CodeEntry(code="TEMP", en="Temporary export", fr="Exportation temporaire"),
        CodeEntry(code="REPAIR", en="Repair or alteration", fr="Réparation ou modification"),
        CodeEntry(
            code="RETURN",
            en="Return of imported goods",
            fr="Retour de marchandises importées",
        ),
        CodeEntry(code="CONSIGN", en="Goods on consignment", fr="Marchandises en consignation"),
        CodeEntry(code="GIFT", en="Gift or donation", fr="Cadeau ou don"),
        CodeEntry(code="OTHER", en="Other", fr="Autre"),
    ),
)

AMENDMENT_REASONS: CodeTable[CodeEntry] = CodeTable[CodeEntry](
    name="amendment_reasons",
    version="2024.1",
    source="CERS user guide: amendment of a reported export declaration (project codes)",
    effective_from=date(2024, 1, 1),
    entries=(
        CodeEntry(code="CLERICAL", en="Clerical error", fr="Erreur d'écriture"),
        CodeEntry(code="VALUE", en="Change of value", fr="Changement de la valeur"),
        CodeEntry(code="QUANTITY", en="Change of quantity", fr="Changement de la quantité"),
        CodeEntry(code="HSCODE", en="Change of classification", fr="Changement du classement"),
        CodeEntry(
            code="DEST",
            en="Change of destination or consignee",
            fr="Changement de destination ou de destinataire",
        ),
        CodeEntry(
            code="TRANSP",
            en="Change of carrier, mode or port of exit",
            fr="Changement de transporteur, de mode ou de bureau de sortie",
        ),
        CodeEntry(
            code="DATE", en="Change of export date", fr="Changement de la date d'exportation"
        ),
        CodeEntry(code="OTHER", en="Other", fr="Autre"),
    ),
)
