"""Tokenising, query parsing, highlighting and PDF text: the pieces every engine shares."""

import io

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from search.extract import pdf_text
from search.text import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    cjk_tokens,
    highlight,
    index_stream,
    parse_query,
    segments,
    snippet,
)


def test_cjk_runs_become_bigrams_and_their_last_character():
    assert cjk_tokens("深圳医学") == ["深圳", "圳医", "医学", "学"]
    assert cjk_tokens("科学。学院") == ["科学", "学", "学院", "院"]
    assert index_stream("用CRISPR基因编辑") == "用 crispr 基因 因编 编辑 辑"


def test_segments_give_back_the_text():
    text = "自然科学。学院 AI的<b>"
    assert "".join(segments(text)) == text
    assert segments(text) == ["自然科学", "。", "学院", " AI", "的", "<b>"]


def test_query_parsing_keeps_only_words_and_cjk_runs():
    parsed = parse_query('"科学院" OR NEAR(医*) <svg onload=x> 癌')
    assert [(t.kind, t.text, t.prefix) for t in parsed.terms] == [
        ("cjk", "科学院", False),
        ("word", "near", False),
        ("cjk", "医", True),
        ("word", "svg", False),
        ("word", "onload", False),
        ("word", "x", False),
        ("cjk", "癌", True),
    ]
    assert parsed.terms[0].bigrams == ["科学", "学院"]
    assert not parse_query("!!!。。。——")
    assert len(parse_query("医" * 100_000).terms[0].text) <= MAX_QUERY_CHARS
    assert len(parse_query(" ".join(f"w{i}" for i in range(1000))).terms) == MAX_TERMS


def test_stopwords_are_dropped_unless_nothing_else_is_left():
    assert [t.text for t in parse_query("the future of medicine").terms] == ["future", "medicine"]
    assert [t.text for t in parse_query("the").terms] == ["the"]
    assert parse_query("artif", prefix_last=True).terms[-1].prefix


def test_highlight_marks_original_text_and_escapes_it():
    terms = parse_query("科学院 studies").terms
    assert str(highlight("<b>深圳医学科学院</b> studying", terms)) == (
        "&lt;b&gt;深圳医学<mark>科学院</mark>&lt;/b&gt; <mark>studying</mark>"
    )
    long_text = (
        "".join(f"前言第{i}句。" for i in range(500))
        + "深圳医学科学院的研究。"
        + "".join(f"后记{i}。" for i in range(500))
    )
    extract = str(snippet(["", long_text], terms))
    assert "<mark>科学院</mark>" in extract
    assert extract.startswith("…") and extract.endswith("…")
    assert len(extract) < 260


def _pdf(text):
    """A one-page PDF with a line of text (Helvetica), written by hand."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


@pytest.mark.django_db
def test_pdf_text_is_read(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = Document.objects.create(
        title="White paper", file=ContentFile(_pdf("Translational medicine white paper"), name="paper.pdf")
    )
    assert "Translational medicine white paper" in pdf_text(document)
    broken = Document.objects.create(title="Broken", file=ContentFile(b"%PDF-1.4 not really", name="broken.pdf"))
    assert pdf_text(broken) == ""


def test_snippet_leaves_out_sentences_said_before():
    """A summary and an introduction that say the same thing (or nearly), or a sentence repeated in the body,
    are shown once."""
    terms = parse_query("医学").terms
    extract = str(
        snippet(
            [
                "2023年11月21日上午，深圳医学科学院成立大会举行。",
                "2023年11月21日上午，深圳医学科学院正式成立。医学研究起步。医学研究起步。",
            ],
            terms,
        )
    )
    assert extract == "2023年11月21日上午，深圳<mark>医学</mark>科学院成立大会举行。"
    body_only = str(
        snippet(["", "Medical research begins. Medical research begins. Then more."], parse_query("medical").terms)
    )
    assert body_only.count("research begins") == 1
