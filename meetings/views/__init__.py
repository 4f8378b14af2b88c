"""Public, read-only pages. Each module serves one part of the site."""
