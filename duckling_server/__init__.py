"""A local HTTP service that speaks the Duckling server's `/parse` API, backed by the PyPI `duckling` package.

Rasa's stock DucklingEntityExtractor and our actions both talk to it over HTTP, so a real Duckling
server can replace it by changing one URL.
"""
