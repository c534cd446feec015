"""Words the browser tests search for. "Soil" is on one page only, the translated session
IGF2025-WS-142, in every language, in the middle of a sentence (the tests check both)."""

from __future__ import annotations

SOIL_PAGE = "sessions/2025/igf2025-ws-142/"
SOIL = {"en": "soil", "fr": "sols", "es": "suelos", "ru": "почвах", "zh": "土壤", "ar": "التربة"}
