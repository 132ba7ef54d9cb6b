"""Training of the learned decision layers (``data/models``) from the labelled evaluation sets.

Needs scikit-learn (``pip install '.[train]'``); extraction itself never imports it. Run by
``scripts/train_models.py`` (``make train``); never by ``make run`` or ``make test``, except the test that
checks that retraining reproduces the shipped weights.
"""
