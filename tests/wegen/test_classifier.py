"""The default classifier is trained once per installation: kept in the var dir under a
fingerprint of what decides it, loaded by later processes, trained again when the fingerprint
changes or the file is unusable, written so that no process reads half a file."""

import shutil
import threading
import time

import numpy as np
import pytest
import sklearn
from django.core.management import call_command
from sklearn.ensemble import RandomForestClassifier

from raadhuis.wegen import classifier
from raadhuis.wegen.analysis import events, training

CONFIG = {"seed": 3, "cities": 1, "drives_per_city": 1}
WINDOWS = np.random.default_rng(0).normal(size=(24, len(events.FEATURE_NAMES)))


@pytest.fixture
def trainings(monkeypatch):
    """Count trainings; each trains a tiny forest on random windows instead of simulating drives."""
    calls = []

    def train_on_simulation(**config):
        calls.append(config)
        time.sleep(0.1)  # long enough for a concurrent process to ask for the same file
        forest = RandomForestClassifier(n_estimators=3, random_state=0)
        return forest.fit(WINDOWS + config["seed"], ["gat", "geen"] * 12)

    monkeypatch.setattr(training, "train_on_simulation", train_on_simulation)
    return calls


def stored_files(folder):
    return sorted(p.name for p in folder.iterdir() if p.suffix == ".joblib")


def test_a_second_process_loads_the_stored_model_without_training(tmp_path, trainings):
    first, trained = classifier.load_or_train(tmp_path, CONFIG)
    assert trained and len(trainings) == 1
    path = classifier.path_for(tmp_path, CONFIG)
    written = path.stat().st_mtime_ns

    again, trained = classifier.load_or_train(tmp_path, CONFIG)
    assert not trained and len(trainings) == 1
    assert path.stat().st_mtime_ns == written
    assert again is not first  # read from the file, not a cache of this process
    np.testing.assert_array_equal(again.predict_proba(WINDOWS), first.predict_proba(WINDOWS))
    assert stored_files(tmp_path) == [path.name]  # no temporary file left beside it
    assert path.stat().st_mode & 0o777 == 0o644  # readable by workers running as another user


def test_a_changed_configuration_or_library_trains_again(tmp_path, trainings, monkeypatch):
    classifier.load_or_train(tmp_path, CONFIG)
    old = classifier.path_for(tmp_path, CONFIG)

    other = {**CONFIG, "seed": 4}
    _, trained = classifier.load_or_train(tmp_path, other)
    assert trained and trainings[-1] == other
    assert stored_files(tmp_path) == [classifier.path_for(tmp_path, other).name]  # the old one removed
    assert not old.exists()

    monkeypatch.setattr(sklearn, "__version__", "0.0.1")
    _, trained = classifier.load_or_train(tmp_path, other)
    assert trained and len(trainings) == 3


def test_a_change_in_the_analysis_code_changes_the_fingerprint(tmp_path, monkeypatch):
    copy = tmp_path / "analysis"
    shutil.copytree(classifier.ANALYSIS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(classifier, "ANALYSIS_DIR", copy)
    before = classifier.fingerprint(CONFIG)
    with (copy / "events.py").open("a") as source:
        source.write("\nWINDOW = 5.0\n")
    assert classifier.fingerprint(CONFIG) != before


@pytest.mark.parametrize("damage", ["garbage", "half", "other_fingerprint"])
def test_an_unusable_file_is_trained_again_and_replaced(tmp_path, trainings, damage):
    classifier.load_or_train(tmp_path, CONFIG)
    path = classifier.path_for(tmp_path, CONFIG)
    if damage == "garbage":
        path.write_bytes(b"no pickle at all")
    elif damage == "half":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    else:  # a model of another configuration under this name
        classifier.load_or_train(tmp_path, {**CONFIG, "seed": 9})
        classifier.path_for(tmp_path, {**CONFIG, "seed": 9}).rename(path)
    trainings.clear()

    loaded, trained = classifier.load_or_train(tmp_path, CONFIG)
    assert trained and len(trainings) == 1
    assert hasattr(loaded, "predict_proba")
    _, trained = classifier.load_or_train(tmp_path, CONFIG)
    assert not trained and len(trainings) == 1  # the replacement loads


def test_concurrent_processes_train_once(tmp_path, trainings):
    results = []
    workers = [
        threading.Thread(target=lambda: results.append(classifier.load_or_train(tmp_path, CONFIG)[1]))
        for _ in range(3)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(trainings) == 1
    assert sorted(results) == [False, False, True]


def test_without_a_writable_var_dir_the_model_is_trained_in_memory(tmp_path, trainings):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    model, trained = classifier.load_or_train(blocked / "wegen", CONFIG)
    assert trained and hasattr(model, "predict_proba")


def test_wegen_train_builds_the_default_model_ahead(tmp_path, settings, monkeypatch, capsys):
    """The command with the real training on one simulated drive: what ``default()`` then loads."""
    settings.VAR_DIR = tmp_path
    monkeypatch.setattr(training, "DEFAULT_TRAINING", CONFIG)
    call_command("wegen-train")
    assert "Getraind" in capsys.readouterr().out
    call_command("wegen-train")
    assert "Al actueel" in capsys.readouterr().out

    monkeypatch.setattr(training, "train_on_simulation", lambda **config: pytest.fail("trained again"))
    classifier.default.cache_clear()
    try:
        model = classifier.default()
    finally:
        classifier.default.cache_clear()
    assert set(model.classes_) >= {"gat", "geen"}
    assert stored_files(tmp_path / "wegen") == [classifier.path_for(tmp_path / "wegen", CONFIG).name]
