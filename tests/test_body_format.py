"""The stored letter body (meetings/extract/body.py): written and read by one module, the
signature marked by the extraction. Pure: strings in, no database."""

import importlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetings.extract import parse_letter
from meetings.extract.body import (
    Block,
    BlockKind,
    Passage,
    plain_blocks,
    read,
    section_text,
    sections,
    without_markers,
    write,
)
from meetings.search.language.words import words

HEADING, PARAGRAPH, SIGNATURE = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.SIGNATURE
MIGRATION = importlib.import_module("meetings.migrations.0009_body_format")

LETTER_BLOCKS = [
    Block(PARAGRAPH, "Op 13 en 14 februari komen de NAVO-ministers bijeen.[^1]"),
    Block(HEADING, "Afschrikking en verdediging"),
    Block(PARAGRAPH, "Nederland zal het belang van luchtverdediging benadrukken."),
    Block(SIGNATURE, "De Minister van Defensie,"),
    Block(SIGNATURE, "K.H. Ollongren"),
]
LETTER_BODY = (
    "Op 13 en 14 februari komen de NAVO-ministers bijeen.[^1]\n\n"
    "## Afschrikking en verdediging\n\n"
    "Nederland zal het belang van luchtverdediging benadrukken.\n\n"
    "-- De Minister van Defensie,\n\n"
    "-- K.H. Ollongren"
)

# Any one line of text that is not blank: what a block of the letter body can hold; often
# beginning with what looks like the format's own markup.
one_line = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1).filter(lambda t: t.strip() and "\n" not in t)
markup_first = st.builds(lambda prefix, text: prefix + text, st.sampled_from(["## ", "-- ", "\\", "[^1] "]), one_line)
blocks = st.lists(st.builds(Block, st.sampled_from(list(BlockKind)), one_line | markup_first), max_size=12)


@pytest.fixture
def seed_letter(seeds_dir, seed_name):
    return parse_letter((seeds_dir / seed_name).read_text(encoding="utf-8"))


def old_body(letter) -> str:
    """The body as it was stored before migration 0009: no signature marked."""
    return "\n\n".join(("## " + b.text) if b.kind == HEADING else b.text for b in letter.blocks)


def test_write_marks_headings_and_signature_and_keeps_footnote_markers():
    assert write(LETTER_BLOCKS) == LETTER_BODY


def test_read_gives_the_blocks_back_with_their_kinds():
    assert read(LETTER_BODY) == LETTER_BLOCKS


@given(blocks)
def test_reading_what_was_written_gives_the_same_blocks(original):
    assert read(write(original)) == original


@given(blocks)
def test_the_markup_adds_no_words_to_the_search_index(original):
    assert words(write(original)) == words("\n\n".join(b.text for b in original))


@pytest.mark.parametrize("text", ["-- niet ondertekend", "## geen kop", "\\ een backslash", "\\## beide"])
def test_a_paragraph_that_looks_like_markup_stays_a_paragraph(text):
    body = write([Block(PARAGRAPH, "Eerst dit."), Block(PARAGRAPH, text)])
    assert body == f"Eerst dit.\n\n\\{text}"
    assert read(body) == [Block(PARAGRAPH, "Eerst dit."), Block(PARAGRAPH, text)]


def test_blank_blocks_are_left_out_and_a_block_of_two_lines_is_refused():
    assert write([Block(HEADING, " "), Block(PARAGRAPH, "Tekst.")]) == "Tekst."
    with pytest.raises(ValueError):
        write([Block(PARAGRAPH, "twee\nregels")])


def test_sections_group_blocks_under_their_heading_and_the_opening_has_none():
    found = sections(LETTER_BLOCKS)
    assert [(s.heading, len(s.blocks)) for s in found] == [("", 1), ("Afschrikking en verdediging", 3)]


def test_section_text_is_the_paragraphs_under_a_heading_without_markers_or_signature():
    body = LETTER_BODY.replace("benadrukken.", "benadrukken.[^2]")
    assert section_text(body, "afschrikking EN verdediging") == ["Nederland zal het belang van luchtverdediging benadrukken."]
    assert section_text(body, "Lastenverdeling") == []


def test_plain_blocks_are_what_snippets_choose_from():
    assert plain_blocks(LETTER_BODY + "\n\n## Kop  met[^3] spaties") == [
        Passage("Op 13 en 14 februari komen de NAVO-ministers bijeen.", ""),
        Passage("Afschrikking en verdediging", "Afschrikking en verdediging"),
        Passage("Nederland zal het belang van luchtverdediging benadrukken.", "Afschrikking en verdediging"),
        Passage("De Minister van Defensie,", "Afschrikking en verdediging"),
        Passage("K.H. Ollongren", "Afschrikking en verdediging"),
        Passage("Kop met spaties", "Kop met spaties"),
    ]


def test_without_markers_takes_footnote_markers_out():
    assert without_markers("bijeen.[^1] En[^12] verder") == "bijeen. En verder"


def test_seed_letter_ends_in_its_signers_role_and_name(seed_letter):
    letter = seed_letter
    kinds = [b.kind for b in letter.blocks]
    first = kinds.index(SIGNATURE)
    assert set(kinds[first:]) == {SIGNATURE}, "the signature is the letter's last blocks"
    signature = " ".join(b.text for b in letter.blocks[first:])
    assert letter.minister.name.split(".")[-1].strip() in signature
    assert "minister van defensie" in signature.lower()
    assert letter.body.rsplit("\n\n", 1)[-1].startswith("-- ")


def test_closing_formula_above_the_signature_is_part_of_it(letter_text):
    text = letter_text().replace("De Minister van Defensie,", "Hoogachtend,\n\nDe Minister van Defensie,")
    kinds = [b.kind for b in parse_letter(text).blocks]
    assert kinds[-3:] == [SIGNATURE, SIGNATURE, SIGNATURE]
    assert kinds[-4] == PARAGRAPH


def test_closing_words_inside_the_letter_stay_a_paragraph(letter_text):
    text = letter_text(sections=[("Slot", "Hoogachtend,"), ("Vervolg", "Daarna volgt nog tekst.")])
    letter = parse_letter(text)
    assert Block(PARAGRAPH, "Hoogachtend,") in letter.blocks


def test_migration_writes_what_a_fresh_import_writes(seed_letter):
    assert MIGRATION.new_format(old_body(seed_letter)) == seed_letter.body


def test_migrating_back_gives_the_old_body(seed_letter):
    assert MIGRATION.old_format(seed_letter.body) == old_body(seed_letter)


@given(blocks)
def test_migration_writes_the_body_format(original):
    """0009 keeps its own copy of the writer, so that it stays as it was applied; today the two agree."""
    parts = [MIGRATION.Part(b.kind, b.text) for b in original]
    assert "\n\n".join(MIGRATION.new_line(p) for p in parts) == write(original)


@given(blocks)
def test_migrating_back_takes_the_markers_off(original):
    assert MIGRATION.old_format(write(original)) == "\n\n".join(
        ("## " + b.text) if b.kind == HEADING else b.text for b in original
    )
