"""Reading policy documents into draft policy/ versions (`fuhua import`).

readers (one module per format) -> structure (the provision tree of text.yaml) -> meta (meta.yaml
guesses) -> rules (rules.yaml proposals) -> draft (the version folder; review marks).
"""
