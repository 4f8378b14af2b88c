"""Pure extraction: a letter file's text in, a LetterData out. No Django imports here.

Dutch terms of art used throughout:
- geannoteerde agenda: the letter sent before a meeting, saying what will be discussed and
  what the Netherlands will argue (kind "agenda");
- verslag: the letter sent after it, reporting what happened (kind "report");
- Kamerstuk: a numbered parliamentary paper, cited as dossier + number ("28 676, nr. 386").
"""

from .errors import ExtractionError, NotALetterError, UnreadableFileError
from .letter import parse_letter

__all__ = ["ExtractionError", "NotALetterError", "UnreadableFileError", "parse_letter"]
