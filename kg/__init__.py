"""pilkada-kg: a knowledge graph of Indonesian regional elections built from news text."""
from __future__ import annotations

__version__ = "0.1.0"
