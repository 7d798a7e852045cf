"""The submission PDF and the evidence package: what an assessor or EQA receives.

``snapshot`` reads everything an export needs in one read transaction; ``pdf`` lays it out;
``pack`` and ``verify`` build and check the evidence package. Nothing here imports Qt.
"""
