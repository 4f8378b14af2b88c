"""Cleaning: hard-wrapped, hyphenated PDF text and Markdown become headings and paragraphs."""

from meetings.extract.clean import clean_letter


def paragraphs(text):
    return [b.text for b in clean_letter(text).blocks if b.kind == "paragraph"]


def headings(text):
    return [b.text for b in clean_letter(text).blocks if b.kind == "heading"]


def test_hard_wrapped_lines_join_into_one_paragraph():
    text = "De ministers spraken over de \nsituatie aan de oostflank. \n\nTweede alinea hier. \n"
    assert paragraphs(text) == ["De ministers spraken over de situatie aan de oostflank.", "Tweede alinea hier."]


def test_hyphenation_across_line_end_is_undone():
    assert paragraphs("het NAVO-verdrags-\ngebied en de verdedi-\ngingsplannen.") == [
        "het NAVO-verdragsgebied en de verdedigingsplannen."
    ]


def test_real_hyphens_at_line_end_are_kept():
    text = "de samenwerking tussen EU-\nNAVO in Noord-\nEuropa, namens de Minister-\nPresident en de NAVO2030-\nagenda."
    assert paragraphs(text) == [
        "de samenwerking tussen EU-NAVO in Noord-Europa, namens de Minister-President en de NAVO2030-agenda."
    ]


def test_hyphen_before_conjunction_keeps_its_space():
    assert paragraphs("versterking van de defensie- \nen veiligheidssamenwerking.") == [
        "versterking van de defensie- en veiligheidssamenwerking."
    ]


def test_vowel_clash_compound_keeps_its_hyphen():
    assert paragraphs("de opschaling van de defensie-\nindustrie in Europa.") == [
        "de opschaling van de defensie-industrie in Europa."
    ]


def test_hyphenated_word_printed_elsewhere_decides_the_join():
    text = "Over de luchtverdedigings-\nsystemen.\n\nDe luchtverdedigingssystemen zijn besteld."
    assert paragraphs(text)[0] == "Over de luchtverdedigingssystemen."


def test_short_unpunctuated_line_is_a_heading():
    text = "Inleidende alinea van de brief.\n\nAfschrikking en verdediging \n\nDe ministers bespreken de plannen.\n"
    assert headings(text) == ["Afschrikking en verdediging"]


def test_markdown_markup_is_stripped_and_headings_kept():
    text = "### **Werkdiner**\n\nDe *posture* van de NAVO, zie [de site](http://www.defensie.nl).\n"
    document = clean_letter(text)
    assert [(b.kind, b.text) for b in document.blocks] == [
        ("heading", "Werkdiner"),
        ("paragraph", "De posture van de NAVO, zie de site."),
    ]


def test_footnote_body_dropped_mid_page_is_lifted_and_sentence_rejoined():
    text = (
        "Nederland zal benadrukken dat het NFM wordt gevuld.1 Dit gebeurt \nregelmatig en bij de \n\n"
        "1 Uw Kamer is eerder geïnformeerd in \nKamerstuk 28 676, nr. 426.\n"
        " productie van goederen interoperabiliteit essentieel is. \n"
    )
    document = clean_letter(text)
    assert [f.number for f in document.footnotes] == [1]
    assert document.footnotes[0].text == "Uw Kamer is eerder geïnformeerd in Kamerstuk 28 676, nr. 426."
    assert [b.text for b in document.blocks] == [
        "Nederland zal benadrukken dat het NFM wordt gevuld.[^1] Dit gebeurt regelmatig en bij de "
        "productie van goederen interoperabiliteit essentieel is."
    ]


def test_footnote_block_at_the_end_lifts_every_footnote():
    text = (
        "Eerste verwijzing.1 Tweede verwijzing.2\n\nDe Minister van Defensie,\nK.H. Ollongren\n\n"
        "1 Kamerstuk 28 676, nr. 1.\n2 Kamerstuk 28 676, nr. 2.\n"
    )
    document = clean_letter(text)
    assert [(f.number, f.text) for f in document.footnotes] == [(1, "Kamerstuk 28 676, nr. 1."), (2, "Kamerstuk 28 676, nr. 2.")]


def test_numbered_line_without_marker_is_not_a_footnote():
    document = clean_letter("De eerste alinea.\n\n1 Januari begint het nieuwe jaar.\n")
    assert document.footnotes == []


def test_page_headers_footers_and_letterhead_are_dropped():
    text = (
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, 1 februari 2022\n\n"
        "De tekst loopt door op de \n\nTweede Kamer, vergaderjaar 2021–2022, 28 676, nr. 387 2\n\n"
        " volgende pagina van de brief.\n\nkst-28676-387 ISSN 0921 - 7371 's-Gravenhage 2022\n"
    )
    assert paragraphs(text) == ["De tekst loopt door op de volgende pagina van de brief."]


def test_signature_block_is_marked_as_signature():
    document = clean_letter("Tekst van de brief.\n\nDe Minister van Defensie,\nK.H. Ollongren\n")
    assert [b.kind for b in document.blocks] == ["paragraph", "signature"]


def test_word_processor_hyphen_between_two_vowels_is_undone():
    # Dutch hyphenation breaks "re-actie", "situ-atie": the part before the break is no word.
    assert paragraphs("de snelle re-\nactiemacht en de veiligheidssitu-\natie aan de oostgrens.") == [
        "de snelle reactiemacht en de veiligheidssituatie aan de oostgrens."
    ]


def test_markdown_footnote_the_text_does_not_refer_to_is_still_a_footnote():
    document = clean_letter("De tekst van de brief.\n\n[^1]: Een voetnoot zonder verwijzing.\n")
    assert [(f.number, f.text) for f in document.footnotes] == [(1, "Een voetnoot zonder verwijzing.")]
    assert [b.text for b in document.blocks] == ["De tekst van de brief."]
