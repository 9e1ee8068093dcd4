"""The languages of a build: message catalogues, locale formatting and record texts per language.

A stage between the report model and the charts and pages: it reads records and formats values,
and never imports from the charts or the site.
"""

DEFAULT_LANGUAGE = "en"
