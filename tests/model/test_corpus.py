"""Real vendor pages (../shared/corpus, see its README): every page alone gives the catalogs,
titles, code counts and operations read off the page by hand; translations of one catalog merge.

The expectations below were filled in by reading each page, not by running errgen. Pages with
tables that do not fit (ranges, several codes in a cell, a code listed twice with different
messages) are read with --skip-invalid-tables, after checking that without it they fail.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.model.lint import lint

from helpers import CORPUS, CORPUS_LOCALES, SPECS, generated_corpus_page, model_of


def load_paths(paths: list[Path], *, skip: bool = False):
    """The model command on these spec paths, with the default configuration otherwise."""
    return model_of(paths, skip_invalid_tables=skip, locales=CORPUS_LOCALES)

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason="../shared/corpus (real vendor pages) is not beside the repo"
)

AI, OCR = "AI Service", ("AI Service", "OCR")


@dataclass(frozen=True)
class Expect:
    catalog: tuple[str, tuple[str, ...], int] | None  # id, title crumbs, number of codes
    operations: tuple[tuple[str, int], ...] = ()  # title and number of codes of each
    skip: bool = False  # has tables that do not fit: read with --skip-invalid-tables
    error: str = ""  # the page gives nothing: this error instead


FACE_EN = (
    ("Create Groups", 6), ("Group List", 4), ("Group Details", 4), ("Delete Group", 4), ("Recognize Face", 9),
    ("Register face", 12), ("Delete Face", 5), ("List of Faces within Group", 5), ("Search face by face ID", 5),
    ("Search face by image", 10), ("Compare Faces", 10), ("Face Verification", 11),
)
FACE_KO = (
    ("그룹 생성", 6), ("그룹 목록", 4), ("그룹 상세 정보", 4), ("그룹 삭제", 4), ("얼굴 감지", 9), ("얼굴 등록", 12),
    ("얼굴 삭제", 5), ("그룹 내 얼굴 목록", 5), ("페이스 아이디로 얼굴 검색", 5), ("이미지로 얼굴 검색", 10),
    ("얼굴 비교", 10), ("얼굴 검증", 10),
)
EXPECTED: dict[str, Expect] = {
    # three tables (HMAC, JWT, API Key); JWT lists 4012001 twice with different messages
    "api-gateway-error-code.en.md": Expect(
        ("api_gateway", ("Application Service", "API Gateway"), 12), (("HMAC", 9), ("API Key", 3)), skip=True
    ),
    # an excerpt with no breadcrumb: the catalog is named after the file
    "certificate-manager-api-guide-v1.3.ko.EXCERPT-L198-212.md": Expect(
        (
            "certificate_manager_api_guide_v_1_3_ko_excerpt_l_198_212",
            ("certificate-manager-api-guide-v1.3.ko.EXCERPT-L198-212",),
            10,
        )
    ),
    "document-recognizer-error-code.ko.md": Expect(("document_recognizer", (AI, "Document Recognizer"), 44)),
    "email-error-code.en.md": Expect(("email", ("Notification", "Email"), 178)),
    "face-recognition-api-guide-v2.0.en.FULL.md": Expect(("face_recognition", (AI, "Face Recognition"), 16), FACE_EN),
    "face-recognition-api-guide-v2.0.ko.FULL.md": Expect(("face_recognition", (AI, "Face Recognition"), 16), FACE_KO),
    # Client SDK (102 codes) and Server (ranges like `-4090001 ~ 4`, several codes per cell);
    # neither has a message column, so Description is the message
    "gamebase-error-code.ko.md": Expect(("gamebase", ("Game", "Gamebase"), 102), (("Client SDK", 102),), skip=True),
    # Client 20 + Server 5 + Web Console 3 (1100 shared); Troubleshooting has `2111, 2112`
    "iap-error-code.en.md": Expect(
        ("iap", ("Mobile Service", "IAP"), 27),
        (("Client API Errors", 20), ("Server API Errors", 5), ("Web Console Errors", 3)),
        skip=True,
    ),
    # 325 rows, 500001 and 500002 repeated word for word; the 8-digit table's 00000000 success
    # row says 성공 where the first table's 0 says success
    "notification-hub-error-code.ko.md": Expect(
        ("notification_hub", ("Notification", "Notification Hub"), 323), (("오류 코드 목록", 323),), skip=True
    ),
    "ocr-document-ai-error-code.ko.md": Expect(("document_ai", (*OCR, "Document AI"), 32)),
    "ocr-document-ocr-error-code.en.md": Expect(("document_ocr", (*OCR, "Document OCR"), 55)),
    "ocr-general-api-guide-v1.1.en.EXCERPT-L1-78.md": Expect(("general_ocr", (*OCR, "General OCR"), 10)),
    "ocr-general-api-guide-v1.1.ko.EXCERPT-L1-76.md": Expect(("general_ocr", (*OCR, "General OCR"), 8)),
    "ocr-general-error-code.en.md": Expect(("general_ocr", (*OCR, "General OCR"), 35)),
    "ocr-general-error-code.ja.md": Expect(("general_ocr", (*OCR, "General OCR"), 35)),
    "ocr-general-error-code.ko.md": Expect(("general_ocr", (*OCR, "General OCR"), 35)),
    "pose-estimation-error-code.ja.md": Expect(("pose_estimation", (AI, "Pose Estimation"), 25)),
    "pose-estimation-error-code.ko.md": Expect(("pose_estimation", (AI, "Pose Estimation"), 25)),
    # its only table has `50001 ~ 50501`: skipping it leaves nothing
    "push-error-code.en.md": Expect(None, skip=True, error="nothing to generate: every error table was skipped"),
    # six tables; only the first has a message column (결과 코드 메시지)
    "sms-error-code.ko.md": Expect(("sms", ("Notification", "SMS"), 88)),
    "stt-error-code.en.md": Expect(("speech_to_text", (AI, "Speech to Text"), 33)),
    "stt-error-code.ko.md": Expect(("speech_to_text", (AI, "Speech to Text"), 33)),
    "tts-error-code.en.md": Expect(("text_to_speech", (AI, "Text to Speech"), 24)),
}


def corpus_pages() -> list[str]:
    return sorted(p.name for p in CORPUS.glob("*.md") if p.name != "README.md") if CORPUS.is_dir() else []


def test_every_corpus_page_has_an_expectation() -> None:
    assert corpus_pages() == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_page_alone(name: str) -> None:
    expect = EXPECTED[name]
    if expect.skip:
        failed = load_paths([CORPUS / name])
        assert failed.project is None and any(d.severity == "error" for d in failed.diagnostics)
    loaded = load_paths([CORPUS / name], skip=expect.skip)
    errors = [d.message for d in loaded.diagnostics if d.severity == "error"]
    if expect.error:
        assert loaded.project is None and any(expect.error in e for e in errors), errors
        return
    assert errors == [] and loaded.project is not None
    (catalog,) = loaded.project.catalogs
    assert (catalog.id, catalog.title, len(catalog.codes)) == expect.catalog
    assert tuple((op.title, len(op.codes)) for op in catalog.operations) == expect.operations
    outcome, files = generated_corpus_page(name)
    assert outcome.failure is None, outcome.message
    modules = [path for path in files if path.endswith(".py")]
    assert len(modules) == 3  # __init__, _base and the catalog's
    for path in modules:
        compile(files[path], path, "exec")


def translations(tmp_path: Path, files: dict[str, Path]) -> Path:
    """Copies of corpus pages under NAME.LOCALE.md names, in a temporary folder."""
    for target, source in files.items():
        shutil.copyfile(source, tmp_path / target)
    return tmp_path


@pytest.mark.parametrize(
    ("files", "catalog_id", "count", "locales"),
    [
        (
            {"ocr.md": "ocr-general-error-code.en.md", "ocr.ko.md": "ocr-general-error-code.ko.md",
             "ocr.ja.md": "ocr-general-error-code.ja.md"},
            "general_ocr", 35, ("en", "ja", "ko"),
        ),
        ({"stt.md": "stt-error-code.en.md", "stt.ko.md": "stt-error-code.ko.md"}, "speech_to_text", 33, ("en", "ko")),
        (
            {"face.md": "face-recognition-api-guide-v2.0.en.FULL.md",
             "face.ko.md": "face-recognition-api-guide-v2.0.ko.FULL.md"},
            "face_recognition", 16, ("en", "ko"),
        ),
        (
            # the seed is the English page (an absolute path: CORPUS / it is itself)
            {"pose.md": str(SPECS / "pose-estimation.md"), "pose.ko.md": "pose-estimation-error-code.ko.md",
             "pose.ja.md": "pose-estimation-error-code.ja.md"},
            "pose_estimation", 25, ("en", "ja", "ko"),
        ),
    ],
)
def test_corpus_translations_merge(files: dict[str, str], catalog_id: str, count: int, locales, tmp_path: Path) -> None:
    folder = translations(tmp_path, {target: CORPUS / source for target, source in files.items()})
    loaded = load_paths([folder])
    assert loaded.project is not None
    assert not any("missing from" in d.message or "differs from" in d.message for d in loaded.diagnostics)
    (catalog,) = loaded.project.catalogs
    assert (catalog.id, len(catalog.codes)) == (catalog_id, count)
    assert all(tuple(locale for locale, _ in code.messages) == locales for code in catalog.codes)
    if catalog_id == "face_recognition":  # operations come from the default locale's page
        assert tuple((op.title, len(op.codes)) for op in catalog.operations) == FACE_EN


def test_corpus_translation_gaps_against_the_older_seed(tmp_path: Path) -> None:
    folder = translations(
        tmp_path, {"ocr.md": SPECS / "general-ocr.md", "ocr.ko.md": CORPUS / "ocr-general-error-code.ko.md"}
    )
    loaded = load_paths([folder])
    gaps = [d for d in loaded.diagnostics if "missing from" in d.message]
    # the newer Korean page documents five codes the seed does not have: one warning says so
    assert [(d.code, d.message.split(" of ")[0]) for d in gaps] == [("W301", "5 codes")]
    assert gaps[0].message.endswith(", ...") and len(loaded.project.catalogs[0].codes) == 35


def test_corpus_lint_finds_a_key_with_two_codes() -> None:
    loaded = load_paths([CORPUS / "ocr-general-error-code.en.md", CORPUS / "stt-error-code.en.md"])
    findings = [d.message for d in lint(loaded.project)]
    assert any(
        m.startswith("key MAX_UPLOAD_SIZE_EXCEEDED is code 4000002 in speech_to_text but code 4131000 in general_ocr")
        for m in findings
    )
