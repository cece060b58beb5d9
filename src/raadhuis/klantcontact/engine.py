"""The chatbot's understanding: intent classification and answer retrieval, offline on the CPU.

Intents: a logistic regression over two TF-IDF views of the question — character n-grams
within words (robust to typing errors: "paspoord" still shares most n-grams with "paspoort")
and word uni/bigrams after the Dutch Snowball stemmer ("verhuisd", "verhuizen" -> one stem).
Logistic regression gives usable probabilities; below ``UNSURE`` the bot asks a follow-up
question instead of guessing, and ``out_of_scope`` is a trained class of its own.

Answers: BM25 over stemmed words plus a character n-gram cosine (again for typos) over the
municipality's product pages and FAQ. The bot only ever shows text of these documents, with
their URL: it never writes facts of its own.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field

import joblib
import numpy as np
import snowballstemmer
from rank_bm25 import BM25Okapi
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, make_pipeline
from threadpoolctl import threadpool_limits

INTENTS = (
    "product_vraag",
    "zaak_status",
    "melding_doen",
    "contact",
    "begroeting",
    "bedankt",
    "mens_spreken",
    "out_of_scope",
)
UNSURE = 0.35  # below this probability the bot asks what the resident means
_STEMMER = snowballstemmer.stemmer("dutch")
_WORD = re.compile(r"[a-z0-9]+")
# Words that carry no meaning for retrieval (a short list: the stemmer does the rest).
_STOP = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "van",
        "in",
        "op",
        "te",
        "is",
        "ik",
        "u",
        "je",
        "wat",
        "hoe",
        "waar",
        "wanneer",
        "kan",
        "ik",
        "mijn",
        "mij",
        "me",
        "er",
        "dat",
        "die",
        "voor",
        "met",
        "aan",
        "bij",
        "om",
        "of",
        "als",
        "ook",
        "nog",
        "wil",
        "graag",
        "moet",
        "kun",
        "kunt",
        "jullie",
        "hebben",
        "heb",
        "heeft",
        "wordt",
        "worden",
        "zijn",
        "ben",
        "bent",
        "welke",
        "hallo",
    ]
)


def fold(text: str) -> str:
    """Lower case without accents ("één" -> "een"), so spelling variants meet."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def stems(text: str) -> list[str]:
    return _STEMMER.stemWords(_WORD.findall(fold(text)))


def content_stems(text: str) -> list[str]:
    return [s for s in stems(text) if s not in _STOP]


@dataclass(frozen=True)
class Document:
    """One page the bot may answer from: a product or an FAQ entry."""

    key: str  # "product:<slug>" or "faq:<pk>"
    title: str
    text: str
    url: str
    keywords: str = ""


@dataclass
class Prediction:
    intent: str
    confidence: float
    documents: list[tuple[Document, float]] = field(default_factory=list)

    @property
    def unsure(self) -> bool:
        return self.confidence < UNSURE


def _intent_pipeline():
    features = FeatureUnion(
        [
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), preprocessor=fold, sublinear_tf=True, min_df=1
                ),
            ),
            ("words", TfidfVectorizer(analyzer=_stem_ngrams, sublinear_tf=True)),
        ]
    )
    return make_pipeline(features, LogisticRegression(C=8.0, max_iter=2000, class_weight="balanced"))


def _stem_ngrams(text: str) -> list[str]:
    words = stems(text)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


class Retriever:
    """BM25 on stems plus character n-gram cosine on the documents' title, keywords and text."""

    def __init__(self, documents: list[Document]):
        self.documents = list(documents)
        corpus = [self._index_text(d) for d in self.documents]
        tokenised = [content_stems(t) or ["_"] for t in corpus]
        self.bm25 = BM25Okapi(tokenised) if self.documents else None
        self.chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), preprocessor=fold, sublinear_tf=True
        )
        self.matrix = self.chars.fit_transform(corpus) if self.documents else None

    @staticmethod
    def _index_text(document: Document) -> str:
        # The title and keywords say best what a page is about: count them thrice.
        head = f"{document.title} {document.keywords}"
        return f"{head} {head} {head} {document.text}"

    def search(self, question: str, k: int = 3) -> list[tuple[Document, float]]:
        if not self.documents:
            return []
        bm25 = np.asarray(self.bm25.get_scores(content_stems(question) or ["_"]))
        if bm25.max() > 0:
            bm25 = bm25 / bm25.max()
        cosine = (self.matrix @ self.chars.transform([question]).T).toarray().ravel()
        scores = 0.5 * bm25 + cosine
        order = np.argsort(-scores)[:k]
        return [(self.documents[i], float(scores[i])) for i in order if scores[i] > 0]


class Chatbot:
    """A trained bot of one municipality: the intent model and the retriever."""

    def __init__(self, documents: list[Document], examples: list[tuple[str, str]]):
        texts = [t for t, _ in examples]
        labels = [i for _, i in examples]
        unknown = set(labels) - set(INTENTS)
        if unknown:
            raise ValueError(f"Unknown intents in the examples: {sorted(unknown)}")
        # One BLAS thread: on a busy machine a thread pool makes this small fit 20x slower.
        with threadpool_limits(1):
            self.intents = _intent_pipeline().fit(texts, labels)
        self.example_count = len(texts)
        self.retriever = Retriever(documents)

    def classify(self, text: str) -> tuple[str, float]:
        probabilities = self.intents.predict_proba([text])[0]
        best = int(np.argmax(probabilities))
        return str(self.intents.classes_[best]), float(probabilities[best])

    def understand(self, text: str, k: int = 3) -> Prediction:
        intent, confidence = self.classify(text)
        documents = self.retriever.search(text, k) if intent in {"product_vraag", "contact"} else []
        return Prediction(intent, confidence, documents)

    def dumps(self) -> bytes:
        buffer = io.BytesIO()
        joblib.dump(self, buffer, compress=3)
        return buffer.getvalue()

    @staticmethod
    def loads(data: bytes) -> Chatbot:
        bot = joblib.load(io.BytesIO(data))
        if not isinstance(bot, Chatbot):
            raise TypeError("Not a stored chatbot.")
        return bot
