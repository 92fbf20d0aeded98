"""The vendored CenterFace model through OpenCV DNN, and its coverage on the face set."""
from __future__ import annotations

import hashlib

import cv2
import numpy as np
import pytest

from tests.media import factories
from tests.media.conftest import FACES_DIR
from vault.errors import MediaError
from vault.media import FaceDetector, decode_image, propose_masks
from vault.media.coverage import faces_from_annotation, score_photo
from vault.media.faces import MODEL_PATH, MODEL_SHA256, DetectorConfig, merge

# The test runs every 6th photo (66 photos, 272 faces >= 32 px) to stay quick; the target
# (0.97 on all 394 photos) is measured by bench/bench_faces.py. Subsets this small vary
# (0.955 to 0.996 between offsets at the chosen settings), so this guards against
# regressions rather than measuring the target.
SUBSET_STEP = 6
SUBSET_FLOOR = 0.97


def test_vendored_model_is_the_recorded_file() -> None:
    """The model shipped in the repo is byte for byte the one whose origin is documented."""
    assert hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest() == MODEL_SHA256
    assert (MODEL_PATH.parent / "LICENSE-centerface.txt").read_text(encoding="utf-8").count("MIT") >= 2


def test_tampered_model_refused(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("vault.media.faces.MODEL_SHA256", "0" * 64)
    with pytest.raises(MediaError, match="SHA-256"):
        FaceDetector()


def test_one_network_gives_the_same_output_for_each_input_size() -> None:
    """Guards against the OpenCV 4.14 bug: one Net fed several input shapes went wrong."""
    model = np.frombuffer(MODEL_PATH.read_bytes(), dtype=np.uint8)
    rng = np.random.default_rng(3)
    image = rng.integers(0, 255, size=(300, 420, 3), dtype=np.uint8)
    shared = cv2.dnn.readNetFromONNX(model)
    for size in [(512, 384), (256, 192), (1024, 736), (256, 192), (512, 384)]:
        blob = cv2.dnn.blobFromImage(image, 1.0, size, (0, 0, 0), swapRB=False, crop=False)
        fresh = cv2.dnn.readNetFromONNX(model)
        outputs = []
        for net in (shared, fresh):
            net.setInput(blob)
            outputs.append(net.forward(["537", "538", "539", "540"]))
        for a, b in zip(*outputs):
            assert a.shape == b.shape and np.allclose(a, b, atol=1e-5), size


def test_no_faces_in_texture(detector: FaceDetector) -> None:
    assert detector.detect(factories.pattern(640, 480)) == []


def test_merge_keeps_the_best_of_overlapping_detections() -> None:
    from vault.media import Detection

    kept = merge([Detection(0, 0, 10, 10, 0.5), Detection(1, 1, 10, 10, 0.9), Detection(50, 50, 5, 5, 0.4)], 0.3)
    assert [d.score for d in kept] == [0.9, 0.4]


def _row(face_set: list[dict[str, object]], prefix: str) -> dict[str, object]:
    return next(r for r in face_set if str(r["image"]).startswith(prefix))


def test_finds_the_faces_of_an_interview_photo(detector: FaceDetector, face_set: list[dict[str, object]]) -> None:
    row = _row(face_set, "19_Couple")
    name = str(row["image"])
    proposal = propose_masks((FACES_DIR / name).read_bytes(), name, detector)
    score = score_photo(faces_from_annotation(row["boxes"], row["attrs"]), proposal.boxes, proposal.image.width, proposal.image.height)  # type: ignore[arg-type]
    assert all(f.covered for f in score.faces if f.height_at_reference >= 32)


def test_tiled_pass_finds_faces_in_a_large_photo(face_set: list[dict[str, object]]) -> None:
    """A crowd photo enlarged 3x (long side 3072 px) is also searched in tiles, which find
    the small faces that the 1024 px pass alone would miss."""
    row = _row(face_set, "0_Parade_marchingband_1_465")
    pixels = decode_image((FACES_DIR / str(row["image"])).read_bytes(), str(row["image"])).pixels
    big = cv2.resize(pixels, (pixels.shape[1] * 3, pixels.shape[0] * 3), interpolation=cv2.INTER_CUBIC)
    untiled = FaceDetector(DetectorConfig(tile_above=10**9)).detect(big)
    tiled = FaceDetector().detect(big)
    assert len(tiled) > len(untiled) + 5


def test_face_coverage_on_wider_subset(detector: FaceDetector, face_set: list[dict[str, object]]) -> None:
    """Faces >= 32 px (at 1024 px) with >= 90% of their pixels masked, on every 6th photo."""
    covered = total = 0
    for row in face_set[::SUBSET_STEP]:
        name = str(row["image"])
        proposal = propose_masks((FACES_DIR / name).read_bytes(), name, detector)
        score = score_photo(
            faces_from_annotation(row["boxes"], row["attrs"]),  # type: ignore[arg-type]
            proposal.boxes,
            proposal.image.width,
            proposal.image.height,
        )
        for face in score.faces:
            if face.height_at_reference >= 32:
                total += 1
                covered += face.covered
    assert total > 200
    assert covered / total >= SUBSET_FLOOR, f"coverage {covered / total:.4f} on {total} faces"
