"""Helping the learner write: the reflection coach (``coach``, ``depth``) and criterion
suggestions (``suggest``). Plain Python over strings and framework objects; never imports Qt."""
