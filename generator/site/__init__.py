"""The documentation site (MkDocs + Material): page builders and the MkDocs hooks that call them.

mkdocs.yml names `generator/site/hooks.py`; every generated page is built here from policy/ and
from the other generators' outputs, so a later move away from MkDocs only replaces hooks.py.
"""
