"""Units of measure: of quantity and of gross weight.

Codes are UN/ECE Recommendation 20 unit codes, the ones Statistics Canada's Canadian Export
Classification names as the unit of quantity of each export HS code.
"""

from __future__ import annotations

from datetime import date

from cers_contracts.codes.table import CodeEntry, CodeTable

_SOURCE = "UN/ECE Recommendation 20 (units used by the Canadian Export Classification)"

QUANTITY_UNITS: CodeTable[CodeEntry] = CodeTable[CodeEntry](
    name="quantity_units",
    version="2024.1",
    source=_SOURCE,
    effective_from=date(2024, 1, 1),
    entries=(
        CodeEntry(code="NMB", en="Number (units)", fr="Nombre (unités)"),
        CodeEntry(code="PR", en="Pairs", fr="Paires"),
        CodeEntry(code="DZN", en="Dozens", fr="Douzaines"),
        CodeEntry(code="KGM", en="Kilograms", fr="Kilogrammes"),
        CodeEntry(code="GRM", en="Grams", fr="Grammes"),
        CodeEntry(code="TNE", en="Metric tonnes", fr="Tonnes métriques"),
        CodeEntry(code="LTR", en="Litres", fr="Litres"),
        CodeEntry(code="HLT", en="Hectolitres", fr="Hectolitres"),
        CodeEntry(code="MTR", en="Metres", fr="Mètres"),
        CodeEntry(code="MTK", en="Square metres", fr="Mètres carrés"),
        CodeEntry(code="MTQ", en="Cubic metres", fr="Mètres cubes"),
        CodeEntry(code="MWH", en="Megawatt hours", fr="Mégawattheures"),
        CodeEntry(code="CTM", en="Metric carats", fr="Carats métriques"),
    ),
)

WEIGHT_UNITS: CodeTable[CodeEntry] = CodeTable[CodeEntry](
    name="weight_units",
    version="2024.1",
    source=_SOURCE,
    effective_from=date(2024, 1, 1),
    entries=(
        CodeEntry(code="KGM", en="Kilograms", fr="Kilogrammes"),
        CodeEntry(code="LBR", en="Pounds", fr="Livres"),
        CodeEntry(code="TNE", en="Metric tonnes", fr="Tonnes métriques"),
    ),
)
