"""The learned decision layers: model files, their use in extraction, and reproducible training."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from kg.errors import DataError
from kg.extract import extract_claims
from kg.extract.learned import MODEL_NAMES, NO_MODELS, LogisticModel, Models, default_models, load_models
from kg.resources import Resources
from kg.training.dataset import read_sets
from tests.extract.helpers import context, document

ROOT = Path(__file__).resolve().parents[2]
SETS = ROOT / "eval" / "sets.yaml"


def test_logistic_formula():
    model = LogisticModel(name="pairs", weights={"a": 1.5, "b": -0.5}, bias=-1.0, threshold=0.5)
    assert model.prob({}) == pytest.approx(1 / (1 + math.exp(1.0)))
    assert model.prob({"a": 1.0, "b": 1.0, "unknown": 1.0}) == pytest.approx(0.5)
    assert model.prob({"a": 1e9}) == pytest.approx(1.0)      # clipped, never an overflow


def test_a_broken_model_file_names_itself(tmp_path):
    bad = tmp_path / "pairs.json"
    bad.write_text('{"name": "pairs", "weights": {}}', encoding="utf-8")
    with pytest.raises(DataError) as err:
        Models.load(tmp_path)
    assert "pairs.json" in str(err.value)
    bad.write_text("not json", encoding="utf-8")
    with pytest.raises(DataError):
        LogisticModel.load(bad)


def test_no_model_folder_means_rules_alone(tmp_path):
    assert Models.load(tmp_path) == NO_MODELS


def test_shipped_models_load_and_were_trained_on_the_training_sets():
    models = load_models(str(Resources.default().models))
    training = [s.name for s in read_sets(SETS) if s.role == "training"]
    for name in MODEL_NAMES:
        model = getattr(models, name)
        assert model is not None, f"data/models/{name}.json is missing"
        assert 0 < model.threshold < 1
        assert model.meta["trained_on"] == training, f"retrain: {name}.json was not trained on eval/sets.yaml's sets"
        assert all(not k.startswith(("head=", "name=")) for k in model.weights)


def test_no_blind_set_in_training():
    blind = {s.name for s in read_sets(SETS) if s.role == "blind"}
    for name in MODEL_NAMES:
        meta = json.loads((Resources.default().models / f"{name}.json").read_text(encoding="utf-8"))["meta"]
        assert not blind & set(meta["trained_on"])


def claims(text: str, models: Models | None = None):
    ctx = context()
    return extract_claims(document(text), ctx.lexicon, ctx.gazetteer, models)


# A list item under a line that announces the pairs: "A, S.E., dan B, yang diusulkan oleh …" has no pair word
# or number next to it, so the rules leave it; the pair model joins it.
LIST_UNDER_ANNOUNCEMENT = (
    "Berdasarkan hasil pleno tersebut, ditetapkan dua pasangan calon yang akan bertarung dalam Pilkada Kota "
    "Bitung 2024:\nBudi Santoso, S.E., dan Rina Wulandari, yang diusulkan oleh gabungan partai politik PAN, "
    "Gerindra dan Partai Demokrat, dengan total perolehan suara sah 60.660 suara.")


def test_the_pair_model_adds_what_the_rules_leave():
    rules = claims(LIST_UNDER_ANNOUNCEMENT, NO_MODELS)
    learned = claims(LIST_UNDER_ANNOUNCEMENT)
    assert not [t for t in rules.tickets if t.head.name == "Budi Santoso"]
    (t,) = [t for t in learned.tickets if t.head.name == "Budi Santoso"]
    assert t.deputy is not None and t.deputy.name == "Rina Wulandari"
    assert t.election.region == "71.72"


@pytest.mark.parametrize("text", [
    # officials, not candidates: nothing in the sentence speaks of candidates or contests
    "Bupati dan Wakil Bupati Sleman Budi Santoso dan Rina Wulandari menghadiri rapat koordinasi.",
    # the language data says a married couple is no candidate pair
    "Pilkada Sleman 2024. Pasangan suami istri Budi Santoso dan Rina Wulandari datang ke TPS 5.",
])
def test_the_pair_model_stays_out_of_sentences_about_other_things(text):
    assert claims(text).tickets == ()


def test_a_number_belongs_to_the_nearest_person_named_before_it():
    text = ("Pilgub Sulawesi Barat 2024. Pasangan Budi Santoso-Rina Wulandari diusung Partai Golkar. "
            "Mereka mendukung Joko Prasetyo dengan nomor urut 2 di Pilkada Mamuju.")
    (t,) = claims(text).tickets
    assert t.number is None


def test_models_never_change_an_article_without_candidates():
    text = "Kepala Dinas Kesehatan Budi Santoso meninjau posyandu di Kecamatan Depok bersama Rina Wulandari."
    assert claims(text, NO_MODELS) == claims(text)


def test_kg_models_points_at_another_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_MODELS", str(tmp_path))
    assert default_models() == NO_MODELS


@pytest.mark.slow
def test_retraining_reproduces_the_shipped_weights(tmp_path):
    pytest.importorskip("sklearn")
    from kg.build import Context
    from kg.training.train import train_models

    sets = [s for s in read_sets(SETS) if s.role == "training"]
    missing = [s.name for s in sets if not s.path.exists()]
    if missing:
        pytest.skip(f"training sets not here: {missing} (../shared beside the checkout)")
    train_models(sets, tmp_path, Context.load(Resources.default()))
    for name in MODEL_NAMES:
        shipped = json.loads((Resources.default().models / f"{name}.json").read_text(encoding="utf-8"))
        again = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        assert again["threshold"] == shipped["threshold"], name
        assert again["bias"] == pytest.approx(shipped["bias"], abs=2e-3), name
        assert again["meta"]["examples"] == shipped["meta"]["examples"], name
        for f in set(shipped["weights"]) | set(again["weights"]):
            assert again["weights"].get(f, 0.0) == pytest.approx(shipped["weights"].get(f, 0.0), abs=2e-3), (name, f)


def test_claims_say_what_read_them_and_how_sure_it_was():
    learned = [t for t in claims(LIST_UNDER_ANNOUNCEMENT).tickets if t.head.name == "Budi Santoso"][0]
    assert learned.rule.startswith("model:pairs") and 0 < learned.confidence < 1
    ruled = claims("Pilkada Kota Malang 2024: pasangan Wahyu Hidayat-Ali Muthohirin mendapat nomor urut dua.").tickets[0]
    assert ruled.rule == "rules:pairs" and 0 < ruled.confidence <= 1      # the pairs model's second opinion
    assert claims(LIST_UNDER_ANNOUNCEMENT, NO_MODELS).tickets == () or \
        all(t.confidence is None for t in claims(LIST_UNDER_ANNOUNCEMENT, NO_MODELS).tickets)
