#!/usr/bin/env python3
"""Writes the bad-input corpus fixtures/bad/*.pdf: files that are broken, hostile or
resource-hungry, for the ingest robustness tests (tests/bad_input_test.cpp). Python 3
standard library only, no PDF library, so the corpus does not depend on the code under test.

    python3 tools/badinput/make_bad_inputs.py [OUT_DIR]   (default: fixtures/bad)

Output is deterministic. The expected outcome of each file is in fixtures/bad/expected.json
and fixtures/bad/README.md; keep them in step when adding a file here."""
import hashlib
import os
import struct
import sys
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "fixtures", "bad")
GOOD_PDF = os.path.join(ROOT, "fixtures", "corpus", "osaka-kenko-r5", "osaka-kenko-r5.pdf")

HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
GIB = 1 << 30


def as_bytes(body):
    return body.encode("latin-1") if isinstance(body, str) else body


def pdf(objects, trailer_extra=b"", header=b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"):
    """objects: bodies of objects 1..n (object 1 is the catalog). One classic xref table."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + as_bytes(body) + b"\nendobj\n"
    xref = len(out)
    out += xref_table(offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, as_bytes(trailer_extra), xref)
    return bytes(out)


def xref_table(offsets):
    out = b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    return out


def stream(data, extra=b""):
    data = as_bytes(data)
    return b"<< /Length %d %s>>\nstream\n" % (len(data), as_bytes(extra)) + data + b"\nendstream"


def flate_stream(data, extra=b""):
    return stream(zlib.compress(as_bytes(data), 9), b"/Filter /FlateDecode " + as_bytes(extra))


def deflated_zeros(size):
    """zlib stream of `size` zero bytes, compressed in chunks (never holds `size` in memory)."""
    packer = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    parts = [packer.compress(chunk) for _ in range(size // len(chunk))]
    parts.append(packer.compress(bytes(size % len(chunk))))
    parts.append(packer.flush())
    return b"".join(parts)


def one_page(content, page_extra=b"", mediabox=b"[0 0 595 842]"):
    """A one-page document drawing `content` with Helvetica as /F1."""
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + mediabox +
        b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R " + page_extra + b">>",
        flate_stream(content),
        HELVETICA,
    ])


TEXT = b"BT /F1 12 Tf 72 760 Td (Bad input corpus: this page has ordinary text.) Tj ET"


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


# --- RC4 and the standard security handler, revision 2 (PDF 1.7, 7.6.3, algorithms 1-4) ---
PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) & 0xFF])
    return bytes(out)


def padded(password):
    return (password + PAD)[:32]


def encrypted_one_page(user_pw, owner_pw, permissions, content):
    """A one-page document encrypted with RC4-40 (V1 R2). Object 6 is the /Encrypt dict."""
    file_id = hashlib.md5(b"kansa bad input " + user_pw + owner_pw).digest()
    owner_key = hashlib.md5(padded(owner_pw)).digest()[:5]
    o_entry = rc4(owner_key, padded(user_pw))
    key = hashlib.md5(padded(user_pw) + o_entry + struct.pack("<i", permissions) +
                      file_id).digest()[:5]
    u_entry = rc4(key, PAD)

    def object_key(number):  # algorithm 1: the key for object `number`, generation 0
        return hashlib.md5(key + struct.pack("<I", number)[:3] + b"\0\0").digest()[:10]

    data = zlib.compress(as_bytes(content), 9)
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(rc4(object_key(4), data), b"/Filter /FlateDecode "),
        HELVETICA,
        b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P %d /O <%s> /U <%s> >>" % (
            permissions, o_entry.hex().encode(), u_entry.hex().encode()),
    ], trailer_extra=b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (file_id.hex().encode(),
                                                           file_id.hex().encode()))


def main():
    os.makedirs(OUT, exist_ok=True)

    # Not PDFs at all.
    write("empty.pdf", b"")
    write("html-page.pdf", b"<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\">"
          b"<title>404 Not Found</title></head>\n<body><h1>Not Found</h1><p>The requested "
          b"URL was not found on this server.</p></body></html>\n" + b"<!-- padding -->\n" * 40)

    # A real report cut at half its length: no xref, no trailer, half the objects.
    with open(GOOD_PDF, "rb") as f:
        good = f.read()
    write("truncated-half.pdf", good[:len(good) // 2])

    # Two xref sections whose trailers name each other as /Prev.
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
               b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
               flate_stream(TEXT), HELVETICA]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    first = len(out)
    section = xref_table(offsets)
    second = first + len(section) + len(b"trailer\n<< /Size 6 /Root 1 0 R /Prev %010d >>\n" % 0)
    out += section + b"trailer\n<< /Size 6 /Root 1 0 R /Prev %010d >>\n" % second
    assert len(out) == second
    out += section + b"trailer\n<< /Size 6 /Root 1 0 R /Prev %010d >>\n" % first
    out += b"startxref\n%d\n%%%%EOF\n" % second
    write("xref-prev-loop.pdf", bytes(out))

    # The page tree's second kid is a /Pages node whose only kid is the root again.
    write("page-tree-cycle.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        flate_stream(TEXT),
        HELVETICA,
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
    ]))

    # Arrays nested 10,000 deep, in the page dictionary and as a content-stream operand.
    deep = b"[" * 10000 + b"1" + b"]" * 10000
    write("deep-arrays.pdf", one_page(TEXT + b"\n" + deep + b" pop\n", page_extra=b"/KansaDeep " + deep + b" "))

    # A page tree without pages.
    write("zero-pages.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]))

    # A 100000 x 100000 point page (1.39 km^2 of paper; Acrobat's limit is 14400 points).
    write("huge-mediabox.pdf", one_page(TEXT, mediabox=b"[0 0 100000 100000]"))

    # Flate bomb: the page's content is one 64 MiB stream of zeros (NUL is white space in a
    # content stream) listed 16 times, so 1 GiB is inflated from a 65 KB file.
    bomb = deflated_zeros(64 << 20)
    write("flate-bomb.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents [4 0 R" + b" 6 0 R" * 16 + b"] >>",
        flate_stream(TEXT),
        HELVETICA,
        stream(bomb, b"/Filter /FlateDecode "),
    ]))

    # The same 1 GiB of content on each of 200 pages: about half an hour of inflating in a
    # 66 KB file, well under max_pages. Nothing in one page is over any budget; only a
    # watchdog on the whole document stops it.
    kids = b" ".join(b"%d 0 R" % (7 + n) for n in range(200))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
             b"/Resources << /Font << /F1 5 0 R >> >> /Contents [4 0 R" + b" 6 0 R" * 16 +
             b"] >>"] * 200
    write("flate-bomb-every-page.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count 200 >>",
        b"null",
        flate_stream(TEXT),
        HELVETICA,
        stream(bomb, b"/Filter /FlateDecode "),
    ] + pages))

    # Chained filter bomb: 1 GiB of zeros deflated three times over (a 2 KB stream) as the
    # embedded font program of the font the page's text uses: a reader that loads the
    # whole program inflates 1 GiB into memory.
    layered = deflated_zeros(GIB)
    for _ in range(2):
        layered = zlib.compress(layered, 9)
    write("chained-filter-bomb.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents [4 0 R 7 0 R] >>",
        flate_stream(TEXT),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /KansaBomb /FirstChar 32 /LastChar 126 "
        b"/Widths [" + b" 500" * 95 + b"] /FontDescriptor 6 0 R >>",
        b"<< /Type /FontDescriptor /FontName /KansaBomb /Flags 32 /FontBBox [0 0 1000 1000] "
        b"/ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile 7 0 R >>",
        stream(layered, b"/Filter [/FlateDecode /FlateDecode /FlateDecode] "
                        b"/Length1 1073741824 /Length2 0 /Length3 0 "),
    ]))

    # An image XObject declared 40000 x 40000 RGB pixels (4.8 GB decoded) with 1 KB of data.
    write("huge-image.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 4 0 R >>",
        flate_stream(TEXT + b"\nq 400 0 0 400 100 200 cm /Im1 Do Q"),
        HELVETICA,
        flate_stream(bytes(1024), b"/Type /XObject /Subtype /Image /Width 40000 /Height 40000 "
                                  b"/ColorSpace /DeviceRGB /BitsPerComponent 8 "),
    ]))

    # The same image alone on a page without text, drawn over the whole page as a scan is:
    # a pipeline with OCR renders this page, and rendering decodes the image.
    write("huge-image-scan.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
        flate_stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
        flate_stream(bytes(1024), b"/Type /XObject /Subtype /Image /Width 40000 /Height 40000 "
                                  b"/ColorSpace /DeviceRGB /BitsPerComponent 8 "),
    ]))

    # An inline image (BI ... ID ... EI in the content stream) declared 40000 x 40000 grey
    # pixels with 1 KB of data, on a page without text: nothing in the page's resources
    # names it, only the content stream does.
    write("huge-inline-image.pdf", pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> "
        b"/Contents 4 0 R >>",
        flate_stream(b"q 595 0 0 842 0 0 cm\nBI /W 40000 /H 40000 /CS /G /BPC 8 ID\n" +
                     bytes(1024) + b"\nEI\nQ"),
    ]))

    # Encrypted (RC4-40): opening needs the user password "kansa-user"...
    write("encrypted-user-password.pdf",
          encrypted_one_page(b"kansa-user", b"kansa-owner", -4, TEXT))
    # ...or only an owner password: anyone may open it; copying and printing are not
    # permitted (P = -64: bits 3-6 clear).
    write("encrypted-owner-only.pdf", encrypted_one_page(b"", b"kansa-owner", -64, TEXT))

    # 20000 text objects on one page, one short word each, on a grid.
    words = []
    for n in range(20000):
        x, y = 20 + (n % 100) * 5.5, 20 + (n // 100) * 4
        words.append(b"BT /F1 3 Tf %.1f %d Td (w%d) Tj ET" % (x, y, n))
    write("many-text-objects.pdf", one_page(b"\n".join(words)))


if __name__ == "__main__":
    main()
