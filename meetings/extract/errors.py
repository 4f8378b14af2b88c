"""The documented errors of the extraction package: every failure is one of these."""


class ExtractionError(Exception):
    """A file could not be turned into a letter; the message says why, for a person."""


class UnreadableFileError(ExtractionError):
    """The bytes are not a text we can read (empty, binary, too large, PDF without text)."""


class NotALetterError(ExtractionError):
    """The text reads fine but is not a ministerial letter."""
