"""The list pages' quick paths render what Django's own would: the filter selects
(meetings/widgets.py) and detail URLs reversed once (models.detail_url)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from meetings.models import detail_url
from meetings.widgets import QuickSelect


def test_quick_select_escapes_and_marks_the_chosen_option():
    widget = QuickSelect(choices=[("", "alle"), ("a<b", "A & <B>"), ("c", "C")])
    html = widget.render("country", "a<b", attrs={"id": "id_country"})
    assert html.startswith('<select id="id_country" name="country">')
    assert '<option value="a&lt;b" selected>A &amp; &lt;B&gt;</option>' in html
    assert '<option value="c">C</option>' in html and html.count("selected") == 1


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize(("name", "key"), [("meetings:letter_detail", 42), ("meetings:meeting_detail", "2024-02-13-dmm")])
def test_detail_urls_are_what_reverse_gives(language, name, key):
    with translation.override(language):
        assert detail_url(name, key) == reverse(name, args=[key])
