"""Build test images in memory that carry every kind of metadata a camera or editor adds.

Nothing here is a committed binary: each fixture is generated from code on demand.
"""
from __future__ import annotations

import io
import struct
import zlib

import numpy as np
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

CANARY = "CANARY-Hyesan-혜산"
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:exif="http://ns.adobe.com/exif/1.0/">'
    f"<dc:creator>{CANARY}</dc:creator><exif:GPSLatitude>41,24.5N</exif:GPSLatitude>"
    "</rdf:Description></rdf:RDF></x:xmpmeta>"
).encode()


def pattern(width: int = 320, height: int = 240, seed: int = 7) -> np.ndarray:
    """Return a deterministic textured RGB array (no flat areas)."""
    rng = np.random.default_rng(seed)
    ys, xs = np.mgrid[0:height, 0:width]
    base = np.stack([xs * 255 // max(width - 1, 1), ys * 255 // max(height - 1, 1), (xs + ys) % 256], axis=2)
    noise = rng.integers(0, 40, size=(height, width, 3))
    return np.clip(base + noise, 0, 255).astype(np.uint8)


def icc_profile() -> bytes:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return bytes(profile.tobytes())


def _rational(value: float) -> bytes:
    return struct.pack(">II", int(round(value * 10000)), 10000)


def exif_with_gps_makernote_thumbnail(thumbnail: bytes) -> bytes:
    """Return big-endian TIFF/EXIF bytes: IFD0 (Make, Model, pointers), Exif IFD with a
    MakerNote and DateTimeOriginal, GPS IFD with latitude/longitude, IFD1 with a JPEG
    thumbnail."""
    make = b"Canon\x00"  # so that exiftool parses the maker note (Canon's is a plain IFD)
    model = CANARY.encode("utf-8") + b"\x00"
    date = b"2009:03:14 10:20:30\x00"
    gps_lat = _rational(41) + _rational(24) + _rational(30)
    gps_lon = _rational(128) + _rational(10) + _rational(5)

    # Layout: header(8) | IFD0 | IFD0 data | ExifIFD | data | GPS IFD | data | IFD1 | thumb
    def ifd_size(n: int) -> int:
        return 2 + 12 * n + 4

    out = bytearray(b"MM\x00\x2a\x00\x00\x00\x08")
    ifd0_off = 8
    n0 = 4  # Make, Model, ExifIFD, GPSIFD
    data0_off = ifd0_off + ifd_size(n0)
    make_off = data0_off
    model_off = make_off + len(make)
    exif_off = model_off + len(model)
    n_exif = 2
    exif_data_off = exif_off + ifd_size(n_exif)
    date_off = exif_data_off
    maker_off = date_off + len(date)
    owner = CANARY.encode("utf-8") + b"\x00"
    maker = struct.pack(">H", 1) + struct.pack(">HHII", 0x0009, 2, len(owner), maker_off + 18) + b"\x00" * 4 + owner
    gps_off = maker_off + len(maker)
    n_gps = 4
    gps_data_off = gps_off + ifd_size(n_gps)
    lat_off = gps_data_off
    lon_off = lat_off + len(gps_lat)
    ifd1_off = lon_off + len(gps_lon)
    n1 = 2
    thumb_off = ifd1_off + ifd_size(n1)

    def entry(tag: int, typ: int, count: int, value: int | bytes) -> bytes:
        if isinstance(value, bytes):
            return struct.pack(">HHI", tag, typ, count) + value.ljust(4, b"\x00")
        return struct.pack(">HHII", tag, typ, count, value)

    ifd0 = struct.pack(">H", n0)
    ifd0 += entry(0x010F, 2, len(make), make_off)
    ifd0 += entry(0x0110, 2, len(model), model_off)
    ifd0 += entry(0x8769, 4, 1, exif_off)
    ifd0 += entry(0x8825, 4, 1, gps_off)
    ifd0 += struct.pack(">I", ifd1_off)
    exif = struct.pack(">H", n_exif)
    exif += entry(0x9003, 2, len(date), date_off)
    exif += entry(0x927C, 7, len(maker), maker_off)
    exif += struct.pack(">I", 0)
    gps = struct.pack(">H", n_gps)
    gps += entry(0x0001, 2, 2, b"N\x00")
    gps += entry(0x0002, 5, 3, lat_off)
    gps += entry(0x0003, 2, 2, b"E\x00")
    gps += entry(0x0004, 5, 3, lon_off)
    gps += struct.pack(">I", 0)
    ifd1 = struct.pack(">H", n1)
    ifd1 += entry(0x0201, 4, 1, thumb_off)
    ifd1 += entry(0x0202, 4, 1, len(thumbnail))
    ifd1 += struct.pack(">I", 0)
    for part in (ifd0, make, model, exif, date, maker, gps, gps_lat, gps_lon, ifd1, thumbnail):
        out += part
    assert len(out) == thumb_off + len(thumbnail)
    return bytes(out)


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def iptc_block() -> bytes:
    """Return an APP13 Photoshop payload holding an IPTC by-line (2:80)."""
    by_line = CANARY.encode("utf-8")
    record = b"\x1c\x02\x50" + struct.pack(">H", len(by_line)) + by_line
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(record)) + record
    if len(record) % 2:
        resource += b"\x00"
    return b"Photoshop 3.0\x00" + resource


def jpeg_with_everything(pixels: np.ndarray | None = None) -> bytes:
    """Return a JPEG with EXIF (GPS, maker note, thumbnail), XMP, ICC, IPTC and a comment."""
    pixels = pattern() if pixels is None else pixels
    thumb = io.BytesIO()
    Image.fromarray(pixels).resize((64, 48)).save(thumb, "JPEG", quality=70)
    exif = exif_with_gps_makernote_thumbnail(thumb.getvalue())
    body = io.BytesIO()
    Image.fromarray(pixels).save(body, "JPEG", quality=92, icc_profile=icc_profile(), comment=CANARY.encode())
    plain = body.getvalue()
    extra = (
        _segment(0xE1, b"Exif\x00\x00" + exif)
        + _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00" + XMP)
        + _segment(0xED, iptc_block())
    )
    return plain[:2] + extra + plain[2:]


def png_with_everything(pixels: np.ndarray | None = None) -> bytes:
    """Return a PNG with tEXt, zTXt, iTXt (incl. XMP), eXIf, iCCP, tIME and pHYs chunks."""
    pixels = pattern() if pixels is None else pixels
    info = PngInfo()
    info.add_text("Author", CANARY.encode("latin-1", "replace").decode("latin-1"))  # tEXt
    info.add_text("Comment", "compressed " + "x" * 200, zip=True)  # zTXt
    info.add_itxt("Description", CANARY, lang="ko", tkey="설명")  # iTXt
    info.add_itxt("XML:com.adobe.xmp", XMP.decode("utf-8"))  # XMP lives in iTXt
    info.add(b"tIME", struct.pack(">HBBBBB", 2009, 3, 14, 10, 20, 30))
    exif = exif_with_gps_makernote_thumbnail(b"")
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, "PNG", pnginfo=info, icc_profile=icc_profile(), exif=exif, dpi=(300, 300))
    return out.getvalue()


def webp_with_everything(pixels: np.ndarray | None = None) -> bytes:
    pixels = pattern() if pixels is None else pixels
    out = io.BytesIO()
    exif = exif_with_gps_makernote_thumbnail(b"")
    Image.fromarray(pixels).save(out, "WEBP", quality=90, exif=exif, xmp=XMP, icc_profile=icc_profile())
    return out.getvalue()


def tiff_with_everything(pixels: np.ndarray | None = None) -> bytes:
    pixels = pattern() if pixels is None else pixels
    image = Image.fromarray(pixels)
    exif = image.getexif()
    exif[0x010F] = "CanaryCam"
    exif[0x010E] = CANARY  # ImageDescription
    exif[0x013B] = "CanaryArtist"  # Artist
    out = io.BytesIO()
    image.save(out, "TIFF", exif=exif, icc_profile=icc_profile(), compression="tiff_deflate")
    return out.getvalue()


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png_declaring(width: int, height: int) -> bytes:
    """Return a small, well-formed PNG whose header declares ``width`` x ``height``."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def jpeg_declaring(width: int, height: int) -> bytes:
    """Return a small JPEG whose SOF header is patched to declare ``width`` x ``height``."""
    data = bytearray(encode(pattern(16, 16), "JPEG"))
    sof = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


def encode(pixels: np.ndarray, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, fmt, **options)
    return out.getvalue()


def with_orientation(pixels: np.ndarray, orientation: int) -> bytes:
    """Return a JPEG whose EXIF Orientation tag is ``orientation``."""
    image = Image.fromarray(pixels)
    exif = image.getexif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95, exif=exif)
    return out.getvalue()
