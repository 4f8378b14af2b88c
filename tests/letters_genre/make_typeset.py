"""Typeset the test letters in typeset/*.src as real word-processor files (PDF and .docx).

Each source is turned into a flat ODF text document (.fodt) with real footnotes, a running
header and footer, Dutch language and hyphenation on, and LibreOffice (headless) converts it
to the output named in the source: a .pdf (footnotes at the foot of the page, header and footer
on every page, words hyphenated at line ends) or a .docx (footnotes in word/footnotes.xml).
The generated files are committed next to this script, because CI has no LibreOffice.

usage (from the repository root, with LibreOffice installed):
    python tests/letters_genre/make_typeset.py            # all sources
    python tests/letters_genre/make_typeset.py g03 g09    # sources whose name starts so
    python tests/letters_genre/make_typeset.py --check    # only check the committed outputs

Source format: "key: value" lines (output, layout, header, footer, header2), a line "---",
then the body: paragraphs separated by blank lines; "# " starts a heading; lines starting
with "| " form one paragraph with line breaks (address and signature blocks); *text* is
italic; [^text^] is a footnote at that place. In header and footer, {page} and {pages} become
page-number and page-count fields, and " | " a line break.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "typeset"

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><meta:title>{title}</meta:title></office:meta>
 <office:font-face-decls>
  <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'"
   style:font-family-generic="roman" style:font-pitch="variable"/>
  <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'"
   style:font-family-generic="swiss" style:font-pitch="variable"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
   <style:text-properties style:font-name="{font}" fo:font-size="{size}pt" fo:language="nl"
    fo:country="NL" fo:hyphenate="true" fo:hyphenation-remain-char-count="2"
    fo:hyphenation-push-char-count="2"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph" style:class="text">
   <style:paragraph-properties fo:text-align="{align}" fo:margin-top="0cm"
    fo:margin-bottom="0.28cm" fo:line-height="125%"/>
   <style:text-properties fo:hyphenate="true" fo:language="nl" fo:country="NL"/>
  </style:style>
  <style:style style:name="Block" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:text-align="start" fo:keep-together="always"/>
   <style:text-properties fo:hyphenate="false"/>
  </style:style>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:text-align="start" fo:margin-top="0.3cm"
    fo:keep-with-next="always"/>
   <style:text-properties fo:font-weight="bold" fo:hyphenate="false"/>
  </style:style>
  <style:style style:name="Footnote" style:family="paragraph" style:class="extra">
   <style:paragraph-properties fo:margin-left="0.5cm" fo:text-indent="-0.5cm"
    fo:text-align="start" fo:margin-bottom="0.05cm"/>
   <style:text-properties fo:font-size="8.5pt" fo:hyphenate="true"/>
  </style:style>
  <style:style style:name="Header" style:family="paragraph" style:class="extra">
   <style:paragraph-properties fo:text-align="{hf_align}"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="7.5pt"
    fo:hyphenate="false"/>
  </style:style>
  <style:style style:name="Footer" style:family="paragraph" style:class="extra">
   <style:paragraph-properties fo:text-align="{hf_align}"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="7.5pt"
    fo:hyphenate="false"/>
  </style:style>
  <style:style style:name="Footnote_20_anchor" style:display-name="Footnote anchor"
   style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
  <style:style style:name="Footnote_20_Symbol" style:display-name="Footnote Symbol"
   style:family="text"/>
  <text:notes-configuration text:note-class="footnote" text:citation-style-name="Footnote_20_Symbol"
   text:citation-body-style-name="Footnote_20_anchor" style:num-format="1"
   text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="T1" style:family="text">
   <style:text-properties fo:font-style="italic"/>
  </style:style>
  <style:page-layout style:name="PL">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
    fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="{left}cm"
    fo:margin-right="{right}cm">
    <style:footnote-sep style:width="0.018cm" style:distance-before-sep="0.1cm"
     style:distance-after-sep="0.1cm" style:line-style="solid" style:adjustment="left"
     style:rel-width="25%" style:color="#000000"/>
   </style:page-layout-properties>
   <style:header-style><style:header-footer-properties fo:min-height="0cm"
    fo:margin-bottom="0.6cm"/></style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0cm"
    fo:margin-top="0.5cm"/></style:footer-style>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="PL">
   <style:header>{header}</style:header>
   <style:footer>{footer}</style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
{body}
 </office:text></office:body>
</office:document>
"""

LAYOUTS = {
    # a Kamerstuk as printed: serif, justified, header and footer centred
    "kamerstuk": {
        "font": "Liberation Serif",
        "size": "10.5",
        "align": "justify",
        "hf_align": "center",
        "left": "3.2",
        "right": "3.2",
    },
    # a ministry letter: sans, left-aligned with a wide right margin (the sidebar column)
    "ministry": {"font": "Liberation Sans", "size": "10", "align": "justify", "hf_align": "start", "left": "2.4", "right": "5.2"},
}


def inline(text: str, notes: list[str]) -> str:
    """Escape a paragraph's text and turn *italic* and [^footnote^] into ODF."""
    out = []
    for part in re.split(r"(\[\^.*?\^\])", text):
        if part.startswith("[^") and part.endswith("^]"):
            notes.append(part[2:-2].strip())
            n = len(notes)
            body = italics(escape(notes[-1], quote=False))
            out.append(
                f'<text:note text:id="ftn{n}" text:note-class="footnote">'
                f"<text:note-citation>{n}</text:note-citation><text:note-body>"
                f'<text:p text:style-name="Footnote">{body}</text:p></text:note-body></text:note>'
            )
        else:
            out.append(italics(escape(part, quote=False)))
    return "".join(out)


def italics(escaped: str) -> str:
    return re.sub(r"\*(.+?)\*", r'<text:span text:style-name="T1">\1</text:span>', escaped)


def fields(text: str, style: str) -> str:
    """A header or footer: lines split on ' | ', {page} and {pages} as fields."""
    paras = []
    for line in text.split(" | "):
        x = escape(line, quote=False)
        x = x.replace("{page}", '<text:page-number text:select-page="current">1</text:page-number>')
        x = x.replace("{pages}", "<text:page-count>1</text:page-count>")
        paras.append(f'<text:p text:style-name="{style}">{x}</text:p>')
    return "".join(paras)


def parse(path: Path) -> tuple[dict[str, str], list[str]]:
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    meta = {}
    for line in head.splitlines():
        if line.strip():
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
    return meta, body.strip("\n").split("\n\n")


def to_fodt(path: Path) -> tuple[str, str]:
    meta, blocks = parse(path)
    notes: list[str] = []
    paras = []
    for block in blocks:
        lines = block.split("\n")
        if lines[0].startswith("# "):
            paras.append(f'<text:p text:style-name="Heading">{inline(lines[0][2:], notes)}</text:p>')
        elif lines[0].startswith("| "):
            inner = "<text:line-break/>".join(inline(x[2:], notes) for x in lines)
            paras.append(f'<text:p text:style-name="Block">{inner}</text:p>')
        else:
            paras.append(f'<text:p text:style-name="Standard">{inline(" ".join(lines), notes)}</text:p>')
    layout = LAYOUTS[meta.get("layout", "kamerstuk")]
    xml = FODT.format(
        title=escape(meta["output"]),
        header=fields(meta.get("header", ""), "Header"),
        footer=fields(meta.get("footer", ""), "Footer"),
        body="\n".join(paras),
        **layout,
    )
    return meta["output"], xml


def convert(fodt: Path, output: Path) -> None:
    target = "pdf:writer_pdf_Export" if output.suffix == ".pdf" else 'docx:"MS Word 2007 XML"'
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as outdir:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target.replace('"', ""),
                "--outdir",
                outdir,
                str(fodt),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        made = Path(outdir) / (fodt.stem + output.suffix)
        shutil.copy(made, output)


def check(output: Path, meta: dict[str, str]) -> list[str]:
    """What is wrong with a generated file (empty when it is as intended)."""
    problems = []
    if output.suffix == ".docx":
        with zipfile.ZipFile(output) as z:
            names = set(z.namelist())
            if "word/footnotes.xml" not in names:
                problems.append("no word/footnotes.xml")
            else:
                xml = z.read("word/footnotes.xml").decode()
                real = len(re.findall(r'<w:footnote (?![^>]*w:type=")', xml))
                problems += [] if real else ["no footnote in word/footnotes.xml"]
        return problems
    from pypdf import PdfReader

    pages = [p.extract_text() or "" for p in PdfReader(output).pages]
    if not 2 <= len(pages) <= 3:
        problems.append(f"{len(pages)} pages (want 2 or 3)")
    marker = re.sub(r"\{page.*", "", meta.get("header", "").split(" | ")[0]).strip()
    foot = re.sub(r"\{page.*", "", meta.get("footer", "").split(" | ")[0]).strip()
    for i, text in enumerate(pages, 1):
        for want in (marker, foot):
            if want and want not in text:
                problems.append(f"page {i}: no running line {want!r}")
    hyphenated = sum(len(re.findall(r"[a-zà-ÿ]-\n[a-zà-ÿ]", t)) for t in pages)
    if not hyphenated:
        problems.append("no word hyphenated at a line end")
    n_notes = len(re.findall(r"\[\^", (SOURCES / meta["_src"]).read_text(encoding="utf-8")))
    for n in range(1, n_notes + 1):
        # the note text sits below the body on its page: a line starting with its number
        if not any(re.search(rf"(?m)^{n} \S", t) for t in pages):
            problems.append(f"footnote {n} not found at a page foot")
    return problems


def main(argv: list[str]) -> int:
    only_check = "--check" in argv
    wanted = [a for a in argv if not a.startswith("--")]
    sources = sorted(p for p in SOURCES.glob("*.src") if not wanted or p.name.startswith(tuple(wanted)))
    bad = 0
    for src in sources:
        meta, _ = parse(src)
        meta["_src"] = src.name
        output = HERE / meta["output"]
        if not only_check:
            name, xml = to_fodt(src)
            with tempfile.TemporaryDirectory() as tmp:
                fodt = Path(tmp) / (Path(name).stem + ".fodt")
                fodt.write_text(xml, encoding="utf-8")
                convert(fodt, output)
        problems = check(output, meta)
        bad += bool(problems)
        print(f"{output.name}: {'ok' if not problems else '; '.join(problems)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
