"""The default event classifier, trained once per installation instead of once per process.

Training on the simulator takes about a minute; the result is kept in
``<RAADHUIS_VAR_DIR>/wegen/classifier-<fingerprint>.joblib``. The fingerprint covers everything
that decides the model: the training configuration, the source of the analysis package (the
simulator, the features and the classifier's settings) and the versions of Python, NumPy,
SciPy, scikit-learn and joblib. Any change gives another file name, so the model is trained
again; a file that cannot be loaded is trained again too. One process trains while the others
wait for it (a file lock); the file is written beside its final name and renamed, so nobody
reads half of it. ``raadhuis wegen-train`` builds it ahead, at deploy time.

The file is a pickle: whoever can write ``RAADHUIS_VAR_DIR`` can run code in Raadhuis, as they
can already replace its database and secret key there.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import joblib
import numpy
import scipy
import sklearn
from django.conf import settings
from filelock import FileLock

from raadhuis.wegen.analysis import training

logger = logging.getLogger(__name__)

ANALYSIS_DIR = Path(training.__file__).resolve().parent
PREFIX, SUFFIX = "classifier-", ".joblib"


@lru_cache(maxsize=1)
def default():
    """The default classifier of this installation, loaded (or trained) once per process."""
    return load_or_train(directory(), training.DEFAULT_TRAINING)[0]


def directory() -> Path:
    return Path(settings.VAR_DIR) / "wegen"


def fingerprint(config: dict) -> str:
    digest = hashlib.sha256()
    versions = [sys.version_info[:2], numpy.__version__, scipy.__version__, sklearn.__version__]
    digest.update(json.dumps([config, versions, joblib.__version__], sort_keys=True).encode())
    for source in sorted(ANALYSIS_DIR.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def path_for(folder: Path, config: dict) -> Path:
    return folder / f"{PREFIX}{fingerprint(config)[:20]}{SUFFIX}"


def load_or_train(folder: Path, config: dict, *, force: bool = False):
    """(classifier, trained here?) for this configuration, from ``folder`` when it holds it."""
    key = fingerprint(config)
    path = path_for(folder, config)
    found = None if force else _load(path, key)
    if found is not None:
        return found, False
    with _lock(folder):
        found = None if force else _load(path, key)  # trained by another process meanwhile
        if found is not None:
            return found, False
        classifier = training.train_on_simulation(**config)
        _save(path, key, classifier)
    return classifier, True


@contextmanager
def _lock(folder: Path):
    """One process trains, the others wait for its file (the lock goes with a dead process)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(folder / "classifier.lock")
        lock.acquire()
    except OSError as error:  # a read-only var dir: train without storing
        logger.warning("Wegen classifier cannot be stored in %s: %s", folder, error)
        yield
        return
    try:
        yield
    finally:
        lock.release()


def _load(path: Path, key: str):
    if not path.exists():
        return None
    try:
        stored = joblib.load(path)
        if stored["fingerprint"] == key and hasattr(stored["classifier"], "predict_proba"):
            return stored["classifier"]
        logger.warning("Wegen classifier %s is of another configuration: training again", path)
    except Exception as error:  # noqa: BLE001 - any unreadable file is trained again, never a crash
        logger.warning("Wegen classifier %s cannot be loaded (%s): training again", path, error)
    return None


def _save(path: Path, key: str, classifier) -> None:
    """Write beside the final name and rename (atomic), then remove models of earlier releases."""
    temporary = None
    try:
        beside = {"dir": path.parent, "prefix": ".tmp-", "suffix": SUFFIX, "delete": False}
        with tempfile.NamedTemporaryFile(**beside) as handle:
            temporary = Path(handle.name)
            joblib.dump({"fingerprint": key, "classifier": classifier}, handle, compress=3)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(0o644)  # not secret, and a deploy step may run as another user than workers
        os.replace(temporary, path)
    except OSError as error:
        logger.warning("Wegen classifier not stored as %s: %s", path, error)
        return
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)  # still there only when the rename did not happen
    for stale in path.parent.glob(f"{PREFIX}*{SUFFIX}"):
        if stale != path:
            stale.unlink(missing_ok=True)
